"""Publishing from the window on the sandbox: progress, link and history, cancel, failures, responsiveness."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from support.images import make_photos
from support.waiting import after_each_call
from ui.window_helpers import WAIT, type_text, wait_valid

from okcomposer.api.errors import OkApiError
from okcomposer.sandbox import uploads as sandbox_uploads
from okcomposer.ui.common.i18n import error_text

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _admin_group(sandbox) -> str:
    return next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")


def _compose(qtbot, window, sandbox, tmp_path, photos: int = 3) -> None:
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    window.target.targets.setCurrentItem(window.target._item(_admin_group(sandbox)))
    type_text(qtbot, window, "Fresh bread today")
    if photos:
        window.composer.add_photo_files([str(p) for p in make_photos(tmp_path, photos)])
        qtbot.waitUntil(window.composer.photos_ok, timeout=WAIT)
    wait_valid(qtbot, window)


def _state(ctx, window) -> str:
    return ctx.drafts.load(window.keeper.draft_id).state


def test_publish_shows_progress_then_the_topic_link(qtbot, ctx, open_window, sandbox, tmp_path):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox, tmp_path)
    panel = window.publish_panel
    texts, values = [], []
    panel.status.linkActivated.connect(texts.append)
    panel.progress.valueChanged.connect(values.append)
    original = panel.status.setText
    panel.status.setText = lambda text: (texts.append(text), original(text))
    sandbox.add_fault("mediatopic.post", "slow", slow_seconds=0.5)  # time to see the "publishing" state
    draft_id = window.keeper.save_now()
    qtbot.waitUntil(lambda: ctx.drafts.load(draft_id) is not None, timeout=WAIT)
    with qtbot.waitSignal(panel.published, timeout=WAIT) as published:
        qtbot.mouseClick(panel.publish_button, Qt.MouseButton.LeftButton)
        assert panel.running and panel.cancel_button.isVisible() and not panel.publish_button.isEnabled()
        qtbot.waitUntil(lambda: ctx.drafts.load(draft_id).state == "publishing", timeout=WAIT)
    result = published.args[0]
    [topic] = sandbox.snapshot()["topics"]
    assert result.topic_id == topic["id"] and len(topic["attachment"]["media"][1]["list"]) == 3
    # small photos: the bytes in KB, in the total's unit (it said "0.0 of 0.1 MB")
    assert any(re.search(r"of 3 photos, [\d.]+ of [\d.]+ (KB|MB)", t) for t in texts)
    assert values and values[-1] == 1000
    assert result.topic_id in panel.status.text() and f'href="{result.url}"' in panel.status.text()
    # A sandbox topic links to the sandbox's own page of it, not to ok.ru
    page = f"{sandbox.base_url}/sandbox/topic/{topic['id']}"
    assert panel.status.openExternalLinks() and result.url == page
    qtbot.waitUntil(lambda: ctx.drafts.load(draft_id).state == "published", timeout=WAIT)
    assert ctx.drafts.load(draft_id).topic_id == result.topic_id
    [entry] = ctx.outbox.store.recent()  # the outbox is the history
    assert (entry.state, entry.kind, entry.topic_id, entry.url, entry.target_name) == (
        "published",
        "post",
        result.topic_id,
        result.url,
        "Sunrise Bakery",
    )
    assert entry.summary == "Fresh bread today" and entry.draft_id == draft_id
    assert not panel.running and not panel.cancel_button.isVisible()


def test_a_page_post_attaches_its_photos_by_upload_token(qtbot, ctx, open_window, sandbox, tmp_path):
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    window.target.targets.setCurrentItem(window.target._item(""))  # My page
    type_text(qtbot, window, "Fresh bread today")
    window.composer.add_photo_files([str(p) for p in make_photos(tmp_path, 2)])
    qtbot.waitUntil(window.composer.photos_ok, timeout=WAIT)
    wait_valid(qtbot, window)
    with qtbot.waitSignal(window.publish_panel.published, timeout=WAIT) as published:
        qtbot.mouseClick(window.publish_panel.publish_button, Qt.MouseButton.LeftButton)
    snap = sandbox.snapshot()
    [topic] = snap["topics"]
    assert topic["type"] == "USER" and published.args[0].topic_id == topic["id"]
    items = topic["attachment"]["media"][1]["list"]
    assert len(items) == 2 and all(set(item) == {"id"} for item in items)  # tokens, not photoId
    assert all(p["used"] and not p["committed"] for p in snap["photos"])
    assert "photosV2.commit" not in [c["method"] for c in snap["calls"]]


def test_cancel_cuts_an_upload_short_and_keeps_the_post(
    qtbot, ctx, open_window, sandbox, tmp_path, monkeypatch
):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox, tmp_path)
    before = window.current_post().to_draft()
    # Every upload arrives and its answer takes an hour (the client gives up after a minute): only the
    # cancel can end the publish within WAIT.
    sandbox.add_fault("upload.photo", "slow", times=0, slow_seconds=3600)
    arrived = after_each_call(monkeypatch, sandbox_uploads, "upload_photo")
    panel = window.publish_panel
    panel.publish_button.click()
    qtbot.waitUntil(arrived.is_set, timeout=WAIT)  # an upload is in flight
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: not panel.running, timeout=WAIT)
    assert "Cancelled" in panel.status.text() and sandbox.snapshot()["topics"] == []
    assert window.current_post().to_draft() == before and panel.publish_button.isEnabled()
    qtbot.waitUntil(lambda: _state(ctx, window) == "draft", timeout=WAIT)


def test_the_window_stays_responsive_while_uploading(qtbot, ctx, open_window, sandbox, tmp_path):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox, tmp_path, photos=6)
    sandbox.add_fault("upload.photo", "slow", times=0, slow_seconds=0.5)
    clock, gaps = QElapsedTimer(), []
    ticker = QTimer(interval=10)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    clock.start()
    ticker.start()
    with qtbot.waitSignal(window.publish_panel.published, timeout=WAIT):
        window.publish()
    ticker.stop()
    assert len(gaps) > 20 and max(gaps[1:]) < 250


@pytest.mark.parametrize(
    "kind, shown, plain, step",
    [
        ("flood", "8 FLOOD_BLOCKED", "Too many requests", "slow down"),
        ("service", "2 SERVICE", "temporarily unavailable", "busy"),
    ],
)
def test_a_refusal_shows_oks_code_in_plain_words_and_the_post_stays(
    qtbot, ctx, open_window, sandbox, tmp_path, monkeypatch, kind, shown, plain, step
):
    monkeypatch.setattr(
        "okcomposer.app.publish.backoff_delay", lambda *a, **k: 0.05
    )  # OK says "later" 4 times
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox, tmp_path, photos=1)
    before = window.current_post().to_draft()
    sandbox.add_fault("mediatopic.post", kind, times=0)
    panel = window.publish_panel
    texts = []
    panel.status.setText = lambda text, original=panel.status.setText: (texts.append(text), original(text))
    panel.publish_button.click()
    qtbot.waitUntil(lambda: not panel.running, timeout=WAIT)
    assert shown in panel.status.text() and plain in panel.status.text() and any(step in t for t in texts)
    assert window.current_post().to_draft() == before and sandbox.snapshot()["topics"] == []
    qtbot.waitUntil(lambda: _state(ctx, window) == "failed", timeout=WAIT)
    sandbox.clear_faults()
    with qtbot.waitSignal(panel.published, timeout=WAIT):  # fixed on OK's side: the retry works
        panel.publish_button.click()


def test_a_photo_refused_by_ok_is_explained(qtbot, ctx, open_window, tmp_path):
    from okcomposer.limits import Limits
    from okcomposer.sandbox.server import Sandbox

    with Sandbox(limits=Limits(photo_max_bytes=1000)) as strict:  # OK's real limit is smaller than ours
        window = open_window(ctx, strict)
        _compose(qtbot, window, strict, tmp_path, photos=1)
        window.publish()
        qtbot.waitUntil(lambda: not window.publish_panel.running, timeout=WAIT)
        text = window.publish_panel.status.text()
        assert "500 PHOTO_SIZE_LIMIT_EXCEEDED" in text and "because of its size" in text
        qtbot.waitUntil(lambda: _state(ctx, window) == "failed", timeout=WAIT)
        window.close()


def test_a_lost_answer_is_checked_on_ok(qtbot, ctx, open_window, sandbox, tmp_path):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox, tmp_path, photos=0)
    sandbox.add_fault("mediatopic.post", "drop_after")  # published, but the answer is lost
    with qtbot.waitSignal(window.publish_panel.published, timeout=WAIT) as published:
        window.publish()
    assert published.args[0].topic_id == sandbox.snapshot()["topics"][0]["id"]


def test_a_lost_request_leaves_the_outcome_unknown(qtbot, ctx, open_window, sandbox, tmp_path):
    window = open_window(ctx, sandbox)
    _compose(qtbot, window, sandbox, tmp_path, photos=0)
    sandbox.add_fault("mediatopic.post", "drop_before")
    window.publish()
    qtbot.waitUntil(lambda: not window.publish_panel.running, timeout=WAIT)
    assert "could not confirm" in window.publish_panel.status.text()
    qtbot.waitUntil(lambda: _state(ctx, window) == "unknown", timeout=WAIT)


@pytest.mark.parametrize(
    "code, words",
    [
        (102, "session has expired"),
        (104, "signature"),
        (10, "did not allow"),
        (8, "Too many requests"),
        (11, "limit"),
        (2, "temporarily unavailable"),
        (500, "size"),
        (503, "format"),
        (504, "damaged"),
        (26, "total limit"),
        (605, "too many friends"),
    ],
)
def test_error_texts_explain_common_codes(code, words):
    text = error_text(OkApiError(code, "DETAIL : from OK"))
    first, explanation = text.split("\n")
    assert first.startswith(f"{code} ") and first.endswith(": DETAIL : from OK") and words in explanation


def test_a_redirect_is_explained_with_the_host_it_pointed_to():
    from okcomposer.api.errors import OkRedirect

    text = error_text(OkRedirect(307, "evil.example", "mediatopic.post"))
    assert "evil.example" in text and "nothing was sent there" in text
