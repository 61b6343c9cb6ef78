"""The Insights table's thumbnails (the first photo of a post okcomposer published, made off the GUI thread;
none for other topics), the user's zone from the settings (dialog and view), with the sandbox over HTTP."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QPixmap
from support.images import make_jpeg
from support.sandbox_client import demo_client
from ui.fit_check import misfits
from ui.workflow_helpers import WAIT, sign_in

from okcomposer.api.topic import Post
from okcomposer.sandbox import history
from okcomposer.sandbox.server import Sandbox
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.insights.table import PICTURE, THUMB_PX
from okcomposer.ui.insights.view import InsightsView
from okcomposer.ui.shell.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
BAKERY = history.HISTORY_GROUPS[0]
DECORATION = Qt.ItemDataRole.DecorationRole
MSK = ZoneInfo("Europe/Moscow")


@pytest.fixture
def sb():
    with Sandbox(with_history=True) as sandbox:
        yield sandbox


@pytest.fixture
def queue():
    q = DraftQueue()
    yield q
    q.close()


@pytest.fixture
def make_view(qtbot, ctx, sb, queue):
    views = []

    def make(tz=None) -> InsightsView:
        view = InsightsView(ctx, queue, tz)
        qtbot.addWidget(view)
        view.resize(1100, 700)
        view.show()
        views.append(view)
        return view

    sign_in(ctx, sb)
    yield make
    for view in views:
        view.tasks.stop()
        view.shutdown()


def photo_post(path) -> Post:
    return Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": BAKERY,
            "attachment": {
                "media": [
                    {"type": "text", "text": "With a photo"},
                    {"type": "photo", "list": [{"file": str(path)}]},
                ]
            },
        }
    )


def wait_bakery(qtbot, view, count: int) -> None:
    def fetched() -> bool:
        figures = view.snapshot.groups.get(BAKERY)
        return figures is not None and len(figures.topics) >= count

    view.shown()
    qtbot.waitUntil(fetched, timeout=WAIT)
    # Settled: no refresh still asking OK (the sandbox's figures grow with time, so a late one changes them).
    qtbot.waitUntil(lambda: not view.tasks.busy, timeout=WAIT)
    with qtbot.waitSignal(view.shown_figures, timeout=WAIT):
        view.load()
    view.picker.setCurrentIndex(view.picker.findData(BAKERY))


def row_of(view, topic_id: str) -> int:
    return next(i for i, t in enumerate(view.model.rows) if t.topic_id == topic_id)


def test_a_published_posts_row_shows_its_first_photo_and_others_none(qtbot, ctx, sb, make_view, tmp_path):
    client = demo_client(sb)
    ours = ctx.outbox.publish(client, photo_post(make_jpeg(tmp_path / "bread.jpg", (1200, 800))))
    gone = ctx.outbox.publish(client, photo_post(make_jpeg(tmp_path / "gone.jpg")))
    (tmp_path / "gone.jpg").unlink()  # moved away since: its cell stays empty, no error
    text_only = ctx.outbox.publish(client, Post.from_draft(
        {"type": "GROUP_THEME", "gid": BAKERY, "attachment": {"media": [{"type": "text", "text": "Words"}]}}
    ))  # fmt: skip
    past = sum(1 for t in sb.state.past_topics if t["gid"] == BAKERY)
    view = make_view(ZoneInfo("Europe/Moscow"))
    wait_bakery(qtbot, view, past + 3)
    assert set(view.snapshot.pictures) == {ours.topic_id, gone.topic_id}
    if view.model.thumbnails_pending:  # the thumbnails are made on the photos' lane: wait for the last
        with qtbot.waitSignal(view.model.thumbnails_done, timeout=WAIT):
            pass
    picture = view.model.index(row_of(view, ours.topic_id), PICTURE).data(DECORATION)
    assert isinstance(picture, QPixmap) and not picture.isNull()
    assert (picture.width(), picture.height()) == (THUMB_PX, THUMB_PX * 2 // 3)  # the photo's shape kept
    assert picture.toImage().pixelColor(THUMB_PX // 2, 5).red() > 150  # the photo's own colour
    for topic_id in (gone.topic_id, text_only.topic_id):
        assert view.model.index(row_of(view, topic_id), PICTURE).data(DECORATION) is None
    elsewhere = next(t for t in view.model.rows if t.topic_id not in view.snapshot.in_history)
    assert view.model.index(row_of(view, elsewhere.topic_id), PICTURE).data(DECORATION) is None
    # Sorting by the picture column puts the posts with a photo together; the pixmap follows its row.
    view.table.sortByColumn(PICTURE, Qt.SortOrder.DescendingOrder)
    assert {t.topic_id for t in view.model.rows[:2]} == {ours.topic_id, gone.topic_id}
    assert (
        view.model.index(row_of(view, ours.topic_id), PICTURE).data(DECORATION).cacheKey()
        == picture.cacheKey()
    )


def shifted(weekday: int, hour: int, hours: int) -> tuple[int, int]:
    total = weekday * 24 + hour + hours
    return (total // 24) % 7, total % 24


def test_the_view_counts_best_times_in_the_settings_zone(qtbot, ctx, sb, make_view, queue):
    ctx.save_settings(dataclasses.replace(ctx.settings, time_zone="Europe/Moscow"), queue.submit)
    view = make_view()
    past = sum(1 for t in sb.state.past_topics if t["gid"] == BAKERY)
    wait_bakery(qtbot, view, past)
    assert view.zone_name() == "Europe/Moscow"
    moscow = {key: (c.posts, c.reach, c.engagement) for key, c in view.figures().cells.items()}
    newest = view.model.rows[0].created_ms
    assert view.model.wall_time(newest).time().hour() == datetime.fromtimestamp(newest / 1000, MSK).hour
    with qtbot.waitSignal(view.shown_figures, timeout=WAIT):
        ctx.save_settings(dataclasses.replace(ctx.settings, time_zone="Asia/Vladivostok"), queue.submit)
    assert view.zone_name() == "Asia/Vladivostok" and "(Asia/Vladivostok)" in view.best.legend.text()
    refreshed = view.figures().refreshed_ms
    assert refreshed is not None  # "Figures fetched …" reads the same clock as the table's dates
    shown = QLocale().toString(view.model.wall_time(refreshed), QLocale.FormatType.ShortFormat)
    assert shown in view.fetched.text()
    vladivostok = {key: (c.posts, c.reach, c.engagement) for key, c in view.figures().cells.items()}
    assert vladivostok == {shifted(w, h, 7): sums for (w, h), sums in moscow.items()}
    # The table's dates too: the same post, 7 hours later on the clock.
    assert view.model.wall_time(newest) == QDateTime(
        datetime.fromtimestamp(newest / 1000, MSK).replace(tzinfo=None) + timedelta(hours=7)
    )
    text = view.model.index(0, 0).data()
    assert text == QLocale().toString(view.model.wall_time(newest), QLocale.FormatType.ShortFormat)


def test_the_zone_setting_round_trips_and_a_bad_name_is_refused(qtbot, ctx, queue, tmp_path):
    dialog = SettingsDialog(ctx, queue)
    qtbot.addWidget(dialog)
    assert dialog.zone.currentIndex() == 0 and dialog.chosen_zone() == ""  # this computer's zone
    dialog.zone.setCurrentIndex(dialog.zone.findData("Asia/Vladivostok"))
    dialog.accept()
    assert (
        dialog.result() == SettingsDialog.DialogCode.Accepted and ctx.settings.time_zone == "Asia/Vladivostok"
    )
    queue.close()  # the file is written on the disk queue
    assert SettingsStore(tmp_path / "settings.json").load().time_zone == "Asia/Vladivostok"
    again = SettingsDialog(ctx, DraftQueue())
    qtbot.addWidget(again)
    assert again.zone.currentText() == "Asia/Vladivostok"
    again.zone.setEditText("Europe/Atlantis")
    again.show()
    again.accept()
    assert again.isVisible() and again.result() != SettingsDialog.DialogCode.Accepted
    assert again.zone_error.isVisible() and 'Unknown time zone "Europe/Atlantis"' in again.zone_error.text()
    qtbot.wait(50)  # its layout follows
    assert misfits(again) == []  # the dialog grew for the message: nothing cut (found trying the window)
    assert ctx.settings.time_zone == "Asia/Vladivostok"
    again.zone.setEditText("Europe/Moscow")  # typed, not picked: as good
    again.accept()
    assert not again.isVisible() and ctx.settings.time_zone == "Europe/Moscow"
    again.queue.close()
