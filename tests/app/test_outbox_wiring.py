"""Each option given to the outbox reaches the publish: the account, limits, progress, steps, cancel, videos;
and the small parts of the outbox table and its entries."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.cancel import CancelToken
from okcomposer.api.errors import OkNetworkError
from okcomposer.api.topic import Post
from okcomposer.app.outbox import Outbox, SendOptions
from okcomposer.app.outcomes import failure_outcome, owner_of, stored_request
from okcomposer.app.photos import BadPhotos
from okcomposer.app.retry import OutcomeUnknown
from okcomposer.limits import Limits
from okcomposer.sandbox.server import Sandbox
from okcomposer.store import outbox as box
from okcomposer.store.outbox import OutboxStore, claim_alive, same_owner


@pytest.fixture
def sb():
    with Sandbox(video_processing_s=0.2) as sandbox:
        yield sandbox


def photo_post(files, gid=None) -> Post:
    where = {"type": "GROUP_THEME", "gid": gid} if gid else {"type": "USER"}
    media = [
        {"type": "text", "text": "with photos"},
        {"type": "photo", "list": [{"file": str(p)} for p in files]},
    ]
    return Post.from_draft({**where, "attachment": {"media": media}})


# --- the options reach the publish ------------------------------------------------------------------------
def test_the_account_makes_the_link_and_the_steps_and_bytes_are_reported(drafts, sb, tmp_path):
    steps, sent, per_file = [], [], []
    options = SendOptions(
        uid="575662066926",
        on_step=steps.append,
        progress=lambda *args: sent.append(args),
        file_progress=lambda *args: per_file.append(args),
        parallel=1,
    )
    entry = Outbox(drafts).publish(demo_client(sb), photo_post(make_photos(tmp_path, 2)), options=options)
    assert entry.state == box.PUBLISHED
    assert entry.url == f"{sb.base_url}/sandbox/topic/{entry.topic_id}"
    assert "upload" in steps and "post" in steps
    assert sent and sent[-1][0] == sent[-1][1] > 0  # every byte counted
    assert per_file


def test_the_limits_given_are_the_ones_checked(drafts, sb, tmp_path):
    tiny = Limits(photo_max_bytes=1000)
    with pytest.raises(BadPhotos):
        Outbox(drafts).publish(
            demo_client(sb), photo_post(make_photos(tmp_path, 1)), options=SendOptions(limits=tiny)
        )
    assert sb.snapshot()["topics"] == []


def test_a_cancel_given_is_honoured_before_anything_is_sent(drafts, sb, tmp_path):
    cancel = CancelToken()
    cancel.cancel()
    entry = Outbox(drafts).publish(
        demo_client(sb),
        photo_post(make_photos(tmp_path, 1), admin_group(sb)),
        options=SendOptions(cancel=cancel),
    )
    assert (entry.state, entry.detail) == (box.NOT_SENT, "cancelled") and sb.snapshot()["topics"] == []


def test_a_post_with_a_local_video_goes_through_the_video_steps(drafts, sb, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(os.urandom(200_000))
    media = [{"type": "text", "text": "our clip"}, {"type": "movie", "list": [{"file": "clip.mp4"}]}]
    post = Post.from_draft({"type": "GROUP_THEME", "gid": admin_group(sb), "attachment": {"media": media}})
    steps = []
    entry = Outbox(drafts).publish(
        demo_client(sb), post, options=SendOptions(base_dir=tmp_path, on_step=steps.append)
    )
    [video], [topic] = sb.snapshot()["videos"], sb.snapshot()["topics"]
    assert entry.state == box.PUBLISHED and entry.topic_id == topic["id"]
    assert topic["attachment"]["media"][1] == {"type": "movie", "list": [{"id": video["video_id"]}]}
    assert "post" in steps and len(steps) > 1


# --- what a failure says ----------------------------------------------------------------------------------
def test_a_failure_keeps_its_own_words():
    lost = OutcomeUnknown("the answer was lost")
    kept = failure_outcome(lost, posting=True, kind="post")[2]
    assert (kept.code, kept.params) == ("error.outcome_unknown", {"error": "the answer was lost"})
    broke = OkNetworkError("connection reset", "mediatopic.post")
    kept = failure_outcome(broke, posting=True, kind="post")[2]
    assert (kept.code, kept.params["error"]) == ("error.network", str(broke))
    from okcomposer.api.errors import OkCancelled

    assert str(failure_outcome(OkCancelled("x"), posting=True, kind="post")[2]) == (
        "cancelled while checking whether OK published it"
    )


# --- small parts ------------------------------------------------------------------------------------------
def test_an_account_is_its_api_address_and_user_id():
    assert owner_of("https://api.ok.ru/", "5") == "https://api.ok.ru|5"
    assert owner_of("http://127.0.0.1:8/", None) == "http://127.0.0.1:8|"
    assert owner_of("https://api.ok.ru", "") == "https://api.ok.ru|"


def test_entries_of_no_known_account_belong_to_every_account():
    def entry(owner):
        return box.Entry("i", "post", "me", "", "fp", {}, "", None, box.WAITING, "", 1, owner=owner)

    assert same_owner(entry(""), "https://api.ok.ru|1") and same_owner(entry("a|1"), "")
    assert same_owner(entry("a|1"), "a|1") and not same_owner(entry("a|1"), "a|2")


def test_only_photo_and_video_files_are_made_absolute(tmp_path):
    media = [{"type": "text", "text": "t"}, {"type": "photo", "list": [{"file": "p.jpg"}]}]
    body = stored_request(Post.from_draft({"attachment": {"media": media}}), tmp_path)
    assert body["attachment"]["media"] == [
        {"type": "text", "text": "t"},
        {"type": "photo", "list": [{"file": str(tmp_path / "p.jpg")}]},
    ]


def test_a_new_entry_has_no_name_summary_or_account_unless_given(drafts):
    store = OutboxStore(drafts)
    entry = store.add(kind="post", target="me", fingerprint="f", request={}, state=box.WAITING)
    assert (entry.target_name, entry.summary, entry.owner, entry.known_before) == ("", "", "", ())
    with pytest.raises(ValueError, match="waiting or sending, not 'published'"):
        store.add(kind="post", target="me", fingerprint="f", request={}, state=box.PUBLISHED)
    with pytest.raises(ValueError, match="not an outcome: 'sending'"):
        store.finish(entry.id, box.SENDING)


def test_damaged_stored_values_are_read_as_empty(drafts):
    store = OutboxStore(drafts)
    entry = store.add(kind="post", target="me", fingerprint="f", request={"a": 1}, state=box.SENDING)
    store.mark_posting(entry.id, 5, ["9", "8"])
    assert store.get(entry.id).known_before == ("8", "9")
    for request, known, expect in (("[1]", '{"a": 1}', ({}, ())), ("{bad", "nope", ({}, ()))):
        store._update(entry.id, request=request, known_before=known)
        got = store.get(entry.id)
        assert (got.request, got.known_before) == expect


def test_several_states_at_once_and_moments_without_marks(drafts):
    store = OutboxStore(drafts)
    waiting = store.add(kind="post", target="me", fingerprint="f", request={}, state=box.WAITING, intent_ms=1)
    sending = store.add(kind="post", target="me", fingerprint="f", request={}, state=box.SENDING, intent_ms=2)
    assert [e.id for e in store.in_states((box.WAITING, box.SENDING))] == [waiting.id, sending.id]
    store.add(kind="moment", target="me", fingerprint="m", request={"files": ["a"]}, state=box.SENDING)
    assert store.moments_with([["a", 1]], 0, box.LIVE) == []


def test_a_claim_of_a_process_we_may_not_signal_is_alive(monkeypatch):
    import socket

    def refused(pid, signal):
        raise PermissionError

    monkeypatch.setattr(os, "kill", refused)
    assert claim_alive(f"{socket.gethostname()}:{os.getpid() + 1}:x")


def test_asking_whether_a_process_lives_does_not_disturb_it(monkeypatch):
    import socket

    sent = []
    real_kill = os.kill
    monkeypatch.setattr(os, "kill", lambda pid, signal: sent.append((pid, signal)) or real_kill(pid, signal))
    with subprocess.Popen(["sleep", "3600"]) as child:
        try:
            assert claim_alive(f"{socket.gethostname()}:{child.pid}:x")
            assert sent == [(child.pid, 0)]  # signal 0 only asks: nothing is delivered
            assert child.poll() is None
        finally:
            child.kill()


def test_an_unreadable_photo_path_is_not_made_absolute_twice(tmp_path):
    absolute = Path("/srv/p.jpg")
    post = Post.from_draft({"attachment": {"media": [{"type": "photo", "list": [{"file": str(absolute)}]}]}})
    assert stored_request(post, tmp_path)["attachment"]["media"][0]["list"] == [{"file": str(absolute)}]
