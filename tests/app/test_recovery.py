"""A publish cut off by a crash is settled on the next start by looking on OK, never by posting again."""

from __future__ import annotations

from support.sandbox_client import admin_group, demo_client

from okcomposer.api import methods
from okcomposer.api.topic import Post
from okcomposer.app.recovery import interrupted, settle
from okcomposer.store.drafts import DraftStore


def _draft(store: DraftStore, post: Post) -> str:
    draft_id = store.save(post.to_draft(), title="t")
    store.set_state(draft_id, "publishing")
    return draft_id


def test_published_before_the_crash_is_found(sandbox, tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    post = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": admin_group(sandbox),
            "attachment": {"media": [{"type": "text", "text": "went out"}]},
        }
    )
    draft_id = _draft(store, post)
    topic_id = methods.post_topic(demo_client(sandbox), post)  # the app died before hearing the answer
    [cut] = interrupted(store)
    result = settle(store, demo_client(sandbox), cut)
    assert (result.state, result.topic_id) == ("published", topic_id)
    assert store.load(draft_id).state == "published" and store.load(draft_id).topic_id == topic_id
    assert len(sandbox.snapshot()["topics"]) == 1 and interrupted(store) == []


def test_never_sent_becomes_a_draft_again(sandbox, tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    post = Post.from_draft({"attachment": {"media": [{"type": "text", "text": "never sent"}]}})
    draft_id = _draft(store, post)
    result = settle(store, demo_client(sandbox), store.load(draft_id))
    assert result.state == "draft" and store.load(draft_id).state == "draft"
    assert sandbox.snapshot()["topics"] == []


def test_ok_unreachable_means_unknown(sandbox, tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    draft_id = _draft(store, Post.from_draft({"attachment": {"media": [{"type": "text", "text": "x"}]}}))
    sandbox.add_fault(method="mediatopic.getTopics", kind="session_expired", times=1)
    assert settle(store, demo_client(sandbox), store.load(draft_id)).state == "unknown"
    assert store.load(draft_id).state == "unknown"
