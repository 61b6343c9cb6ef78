"""Every fault the sandbox injects at every step of a photo post and of a Moment: published exactly once,
or reported (failed / outcome unknown) with nothing posted twice. Topics are counted in the sandbox."""

from __future__ import annotations

import pytest
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.errors import OkApiError, OkError
from okcomposer.api.topic import Post
from okcomposer.app.moments import post_moments
from okcomposer.app.outbox import Outbox, SendOptions
from okcomposer.app.publish import publish
from okcomposer.app.retry import OutcomeUnknown
from okcomposer.sandbox.server import Sandbox
from okcomposer.store.drafts import DraftStore

FAULTS = ["drop_before", "drop_after", "http500", "http503", "service", "slow", "session_expired"]
GROUP_STEPS = ["photosV2.getUploadUrl", "upload.photo", "mediatopic.post"]
USER_STEPS = ["photosV2.getUploadUrl", "upload.photo", "mediatopic.post"]  # no photosV2.commit: tokens
MOMENT_STEPS = ["moments.getUploadUrl", "upload.photo", "moments.commit"]
SAFE_STEPS = {"photosV2.getUploadUrl", "upload.photo", "moments.getUploadUrl"}


@pytest.fixture
def sb():
    with Sandbox(slow_seconds=2.5) as sandbox:
        yield sandbox


def client(sandbox):
    # A short read timeout so the "slow" fault turns into a client timeout quickly.
    return demo_client(sandbox, timeout=(2.0, 1.0))


def expected(step: str, fault: str) -> str:
    """published | failed | unknown: what a careful client must end with."""
    if fault == "session_expired":
        return "failed"  # 102: sign in again; nothing posted
    if step in SAFE_STEPS:
        return "published"  # retried with backoff
    if step == "mediatopic.post":
        if fault in ("drop_after", "slow"):
            return "published"  # OK acted: the check finds the topic
        if fault == "service":
            return "published"  # "later": checked, not there, sent again
        return "unknown"  # lost answer, topic not found: told plainly, never re-sent
    if step == "moments.commit":
        return "published" if fault == "service" else "unknown"
    raise AssertionError(step)


def run(action):
    try:
        action()
    except OutcomeUnknown:
        return "unknown"
    except (OkApiError, OkError):
        return "failed"
    return "published"


PATHS = ["direct", "outbox", "outbox_run"]  # publish(); Outbox.publish (composer, CLI); a due waiting entry
OUTBOX_OUTCOME = {
    "published": "published",
    "scheduled": "published",
    "unconfirmed": "unknown",
    "failed": "failed",
    "not_sent": "failed",
}


def run_path(path: str, sb, post: Post, tmp_path) -> str:
    """Publish `post` the way `path` does: "published", "failed" or "unknown"."""
    if path == "direct":
        return run(lambda: publish(client(sb), post, parallel=1))
    store = DraftStore(tmp_path / f"{path}.sqlite3")
    try:
        outbox = Outbox(store)
        options = SendOptions(parallel=1)
        if path == "outbox":
            entry = outbox.publish(client(sb), post, options=options)
        else:
            outbox.queue(post, outbox.clock() - 1000)
            [entry] = outbox.run_due(client(sb), options)
        if entry.state == "unconfirmed":
            assert outbox.run_due(client(sb), options) == []  # never sent again without the user
        return OUTBOX_OUTCOME[entry.state]
    finally:
        store.close()


def post_calls(sb) -> int:
    return sum(c["method"] == "mediatopic.post" for c in sb.snapshot()["calls"])


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("step", GROUP_STEPS)
def test_group_photo_post(sb, tmp_path, step, fault, path):
    photos = make_photos(tmp_path, 2)
    post = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": admin_group(sb),
            "attachment": {
                "media": [
                    {"type": "text", "text": f"{step} {fault}"},
                    {"type": "photo", "list": [{"file": str(p)} for p in photos]},
                ]
            },
        }
    )
    sb.add_fault(method=step, kind=fault, times=1)
    outcome = run_path(path, sb, post, tmp_path)
    topics = sb.snapshot()["topics"]
    assert outcome == expected(step, fault)
    assert len(topics) == (1 if outcome == "published" else 0)
    if outcome == "unknown":
        assert post_calls(sb) == 1  # not confirmed: never sent again


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("step", USER_STEPS)
def test_user_photo_post(sb, tmp_path, step, fault, path):
    [photo] = make_photos(tmp_path, 1)
    post = Post.from_draft(
        {
            "type": "USER",
            "attachment": {
                "media": [
                    {"type": "text", "text": f"{step} {fault}"},
                    {"type": "photo", "list": [{"file": str(photo)}]},
                ]
            },
        }
    )
    sb.add_fault(method=step, kind=fault, times=1)
    outcome = run_path(path, sb, post, tmp_path)
    assert outcome == expected(step, fault)
    assert len(sb.snapshot()["topics"]) == (1 if outcome == "published" else 0)
    if outcome == "unknown":
        assert post_calls(sb) == 1


@pytest.mark.parametrize("path", ["direct", "outbox"])
@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("step", MOMENT_STEPS)
def test_moment(sb, tmp_path, step, fault, path):
    [photo] = make_photos(tmp_path, 1, size=(720, 1280))
    sb.add_fault(method=step, kind=fault, times=1)
    if path == "direct":
        outcome = run(lambda: post_moments(client(sb), [photo], parallel=1))
    else:
        store = DraftStore(tmp_path / "outbox.sqlite3")
        entry = Outbox(store).publish_moments(client(sb), [photo], options=SendOptions(parallel=1))
        store.close()
        outcome = OUTBOX_OUTCOME[entry.state]
    moments = sb.snapshot()["moments"]
    assert outcome == expected(step, fault)
    if outcome == "published":
        assert len(moments) == 1
    elif outcome == "failed":
        assert moments == []
    else:
        assert len(moments) <= 1  # unknown: at most once, and the user is told to look


def test_expired_upload_url_then_published_once(tmp_path):
    with Sandbox(upload_ttl_ms=1500) as sandbox:
        from okcomposer.api import methods

        c = client(sandbox)
        photos = make_photos(tmp_path, 1)
        real = methods.get_photo_upload_url
        stale = []

        def get_slot_then_wait(*args, **kwargs):
            slot = real(*args, **kwargs)
            if not stale:
                stale.append(slot)
                sandbox.state.advance(1.6)  # the first URL expires before the upload starts
            return slot

        methods.get_photo_upload_url = get_slot_then_wait
        try:
            post = Post.from_draft(
                {
                    "type": "GROUP_THEME",
                    "gid": admin_group(sandbox),
                    "attachment": {"media": [{"type": "photo", "list": [{"file": str(photos[0])}]}]},
                }
            )
            publish(c, post, parallel=1)
        finally:
            methods.get_photo_upload_url = real
        assert len(sandbox.snapshot()["topics"]) == 1
        assert len([x for x in sandbox.snapshot()["calls"] if x["method"] == "photosV2.getUploadUrl"]) == 2


@pytest.mark.parametrize("code_kind", ["flood", "limit"])
def test_rate_limits_back_off_and_nothing_is_dropped(sb, tmp_path, code_kind):
    steps = []
    post = Post.from_draft({"attachment": {"media": [{"type": "text", "text": "rate limited"}]}})
    sb.add_fault(method="mediatopic.post", kind=code_kind, times=2)
    publish(client(sb), post, on_step=steps.append)
    assert len(sb.snapshot()["topics"]) == 1
    assert steps.count("rate_limited") == 2
