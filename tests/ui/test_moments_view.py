"""The Moments tab against the live sandbox: publish through the outbox, a repeat asked first, cancel,
failure with OK's code, plural counts, buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from support.images import make_photos

from okcomposer.api.credentials import Credentials
from okcomposer.app.accounts import Session
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.photos import thumbnails
from okcomposer.ui.photos.moments_view import MomentsView

WAIT = 15_000


@pytest.fixture
def view(tmp_path, qtbot, sandbox):
    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    info = sandbox.info()
    creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
    ctx.set_session(Session(creds, sandbox.base_url), info["user"]["name"], info["user"]["uid"])
    moments = MomentsView(ctx)
    qtbot.addWidget(moments)
    yield moments
    moments.shutdown()
    thumbnails.wait_all()
    ctx.drafts.close()


def _ready(qtbot, view: MomentsView, tmp_path, count: int = 2) -> list[str]:
    files = [str(f) for f in make_photos(tmp_path, count)]
    view.grid.add_files(files)
    qtbot.waitUntil(view.publish_button.isEnabled, timeout=WAIT)
    return files


def _finish(qtbot, view: MomentsView) -> None:
    qtbot.waitUntil(lambda: not view.running, timeout=WAIT)


def test_publish_moments_to_the_sandbox(qtbot, view, sandbox, tmp_path):
    files = _ready(qtbot, view, tmp_path, 3)
    progress = []
    view.progress.valueChanged.connect(progress.append)
    with qtbot.waitSignal(view.published, timeout=WAIT) as published:
        qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton)
        assert not view.publish_button.isEnabled() and view.cancel_button.isEnabled()
    _finish(qtbot, view)
    ids = published.args[0]
    stored = sandbox.snapshot()["moments"]
    assert [m["id"] for m in stored] == ids and len(ids) == 3
    assert view.results.count() == 3 and ids[0] in view.results.item(0).text()
    assert view.grid.count() == 0 and progress and progress[-1] == 1000
    assert view.status.text() == "Published 3 Moments."
    assert view.context.drafts.history() == []  # the outbox is the history now
    [entry] = view.context.outbox.store.recent()
    assert (entry.kind, entry.state, entry.topic_id.split(",")) == ("moment", "published", ids)
    assert entry.request["files"] == [str(Path(f).resolve()) for f in files]


def test_one_moment_is_counted_in_the_singular(qtbot, view, sandbox, tmp_path):
    _ready(qtbot, view, tmp_path, 1)
    assert view.publish() and view.status.text() == "Publishing 1 Moment…"
    _finish(qtbot, view)
    assert view.status.text() == "Published 1 Moment." and len(sandbox.snapshot()["moments"]) == 1


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_repeat_is_asked_and_cancel_sends_nothing(qtbot, view, sandbox, tmp_path):
    files = _ready(qtbot, view, tmp_path, 2)
    view.publish()
    _finish(qtbot, view)
    assert len(sandbox.snapshot()["moments"]) == 2
    view.grid.add_files(files)  # the same images again
    qtbot.waitUntil(view.publish_button.isEnabled, timeout=WAIT)
    calls = len(sandbox.snapshot()["calls"])
    qtbot.mouseClick(view.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=WAIT)
    _finish(qtbot, view)
    assert view.dialog.windowTitle() == "Already posted"
    assert view.dialog.text().startswith("Already posted these images as Moments at ")
    assert [b.text() for b in view.dialog.buttons()] == ["Post again", "Cancel"]
    _button(view.dialog, "Cancel").click()
    assert view.status.text() == "Nothing was sent."
    assert len(sandbox.snapshot()["moments"]) == 2 and view.grid.paths() == files
    assert len(sandbox.snapshot()["calls"]) == calls  # not even an upload
    assert len(view.context.outbox.store.recent()) == 1
    # Asked again, and this time "Post again": sent once more, as a new outbox entry.
    view.publish()
    qtbot.waitUntil(lambda: view.dialog.isVisible() and not view.running, timeout=WAIT)
    with qtbot.waitSignal(view.published, timeout=WAIT):
        _button(view.dialog, "Post again").click()
    _finish(qtbot, view)
    assert len(sandbox.snapshot()["moments"]) == 4 and view.grid.count() == 0
    assert [e.state for e in view.context.outbox.store.recent()] == ["published", "published"]


def _button(box, text: str):
    return next(b for b in box.buttons() if b.text() == text)


def test_a_failure_shows_oks_code_and_keeps_the_images(qtbot, view, sandbox, tmp_path):
    sandbox.add_fault(method="moments.commit", kind="service", times=0)
    files = _ready(qtbot, view, tmp_path)
    view.publish()
    _finish(qtbot, view)
    assert "2 SERVICE" in view.status.text() and "still here" in view.status.text()
    assert view.grid.paths() == files and view.publish_button.isEnabled()
    assert sandbox.snapshot()["moments"] == [] and view.context.drafts.history() == []
    [entry] = view.context.outbox.store.recent()
    assert (entry.state, entry.code) == ("failed", 2)


def test_a_bare_true_answer_is_published(qtbot, view, sandbox, tmp_path):
    sandbox.add_fault(method="moments.commit", kind="answer_after", body="true")
    _ready(qtbot, view, tmp_path, 2)
    with qtbot.waitSignal(view.published, timeout=WAIT) as published:
        view.publish()
    _finish(qtbot, view)
    assert view.status.text() == "Published 2 Moments." and published.args[0] == []
    assert view.grid.count() == 0 and view.results.count() == 0  # OK named no ids
    assert len(sandbox.snapshot()["moments"]) == 2
    [entry] = view.context.outbox.store.recent()
    assert (entry.state, entry.topic_id, entry.detail) == ("published", None, None)


def test_an_answer_not_understood_is_published_with_a_note(qtbot, view, sandbox, tmp_path):
    sandbox.add_fault(method="moments.commit", kind="answer_after", body='{"created": 2}')
    _ready(qtbot, view, tmp_path, 2)
    view.publish()
    _finish(qtbot, view)
    first, note = view.status.text().split("\n")
    assert first == "Published 2 Moments." and "not understood" in note and "ok.ru" in note
    assert view.grid.count() == 0 and len(sandbox.snapshot()["moments"]) == 2
    [entry] = view.context.outbox.store.recent()
    assert entry.state == "published" and "does not understand" in entry.detail


def test_a_false_answer_is_not_confirmed_and_keeps_the_images(qtbot, view, sandbox, tmp_path):
    sandbox.add_fault(method="moments.commit", kind="answer_after", body="false")
    files = _ready(qtbot, view, tmp_path, 2)
    view.publish()
    _finish(qtbot, view)
    assert view.status.text().startswith("Not confirmed: OK did not confirm the Moments")
    assert view.grid.paths() == files
    [entry] = view.context.outbox.store.recent()
    assert entry.state == "unconfirmed"


def test_cancel_keeps_the_images(qtbot, view, sandbox, tmp_path):
    sandbox.add_fault(method="moments.getUploadUrl", kind="slow", times=0, slow_seconds=0.5)
    files = _ready(qtbot, view, tmp_path)
    view.publish()
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    _finish(qtbot, view)
    assert "Cancelled" in view.status.text()
    assert view.grid.paths() == files and sandbox.snapshot()["moments"] == []
    assert [e.state for e in view.context.outbox.store.recent()] == ["not_sent"]


def test_publish_needs_a_session_and_checked_images(qtbot, view, tmp_path):
    assert not view.publish_button.isEnabled()  # no images yet
    _ready(qtbot, view, tmp_path, 1)
    view.context.set_session(None)
    assert not view.publish_button.isEnabled() and not view.publish()
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    view.grid.add_files([str(bad)])
    qtbot.waitUntil(lambda: not view.grid.busy(), timeout=WAIT)
    assert not view.grid.all_ok() and not view.publish_button.isEnabled()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_buttons_keep_their_size_on_the_right_like_the_post_tab(qtbot, view, tmp_path):
    view.resize(1200, 700)
    view.show()
    _ready(qtbot, view, tmp_path, 1)
    button = view.publish_button
    assert button.width() < 2 * button.sizeHint().width()  # not stretched over half the window
    right = view.width() - view.layout().contentsMargins().right()
    assert abs(button.geometry().right() + 1 - right) <= 2  # right-aligned
    assert not view.cancel_button.isVisible() and not view.results.isVisible()  # nothing to show yet


def test_the_progress_reads_kb_for_small_images_and_mb_for_big_ones(view):
    """Issue 15: small images read "0.0 of 0.0 MB"; both numbers now come in the total's unit."""
    import re

    view._on_progress((3_000, 30_000, 0, 2))
    assert re.fullmatch(r"0 of 2 images · 2\.9 of 29\.3 KB", view.progress.format())
    assert view.progress.value() == 100
    view._on_progress((1024 * 1024, 3 * 1024 * 1024, 1, 1))
    assert re.fullmatch(r"1 of 1 images? · 1\.0 of 3\.0 MB", view.progress.format())


def test_the_post_and_video_progress_read_kb_for_small_files_too(qtbot, ctx):
    """The publish panel and a video's upload said "0.0 of 0.0 MB" for small files, as Moments did."""
    import re

    from okcomposer.ui.common.i18n import byte_progress

    assert byte_progress(3_000, 30_000) == {"sent": "2.9", "total": "29.3", "unit": "KB"}
    assert byte_progress(1024 * 1024, 3 * 1024 * 1024)["unit"] == "MB"
    from okcomposer.ui.common.store_queue import DraftQueue
    from okcomposer.ui.compose.publish_panel import PublishPanel
    from okcomposer.ui.library.drafts_view import DraftKeeper

    queue = DraftQueue()
    panel = PublishPanel(ctx, DraftKeeper(ctx, queue, lambda: None))
    qtbot.addWidget(panel)
    panel._progress(("bytes", 3_000, 30_000, 0, 2))
    assert re.search(r"0 of 2 photos, 2\.9 of 29\.3 KB", panel.status.text())
    queue.close()
