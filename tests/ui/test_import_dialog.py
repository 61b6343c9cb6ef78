"""Bulk import dialog against the sandbox: each row's check first, drafts, publishing row by row, rights."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QRect, Qt
from support.images import make_photos
from ui.workflow_helpers import (
    G1,
    G2,
    MEMBER_ONLY,
    WAIT,
    assert_no_threads_left,
    british_english,
    make_context,
    sign_in,
)

from okcomposer.api.topic import MOSCOW, Post
from okcomposer.app.import_table import COLUMNS
from okcomposer.ui.library.import_dialog import CHECK, RESULT, TARGET, TIME, ImportDialog

BERLIN = ZoneInfo("Europe/Berlin")
FUTURE = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(days=3)


@pytest.fixture(autouse=True)
def _british():
    with british_english():
        yield


@pytest.fixture
def dialog(qtbot, tmp_path, sandbox):
    ctx = make_context(tmp_path)
    sign_in(ctx, sandbox)
    widget = ImportDialog(ctx, tz=BERLIN)
    qtbot.addWidget(widget)
    # My groups' names load when it opens; pytest-qt closes the dialog before this fixture ends, so no
    # Task may be left for reject() to wait on.
    qtbot.waitUntil(lambda: not widget.tasks.busy, timeout=WAIT)
    yield widget
    widget.reject()
    assert not widget.tasks.busy
    ctx.drafts.close()
    assert_no_threads_left()


def write(tmp_path, *rows: str):
    path = tmp_path / "posts.csv"
    path.write_text("\n".join(["text;link;photos;target;publish_at", *rows]), encoding="utf-8")
    return path


def load(qtbot, dialog, path) -> None:
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None or "color" in dialog.summary.text(), timeout=WAIT)


def column(dialog, number: int) -> list[str]:
    return [dialog.table.item(row, number).text() for row in range(dialog.table.rowCount())]


def test_every_rows_problem_is_shown_and_nothing_can_be_saved_or_sent(qtbot, dialog, tmp_path):
    path = write(
        tmp_path,
        "Fine;;;" + G1 + ";",
        "Bad target;;;my group;",
        "Late;;;me;31.02.2027 9:00",
        "Photo;;x.jpg;" + G2 + ";",
    )
    load(qtbot, dialog, path)
    checks = column(dialog, CHECK)
    assert checks[0] == "OK"
    assert "the target 'my group' is none of your groups' names" in checks[1]
    assert "the date in '31.02.2027 9:00' does not exist: there is no 31 February" in checks[2]
    assert "does not exist" in checks[3]
    assert dialog.summary.text() == "3 of 4 rows need fixing in the file; nothing can be saved or sent yet."
    assert not dialog.save_button.isEnabled() and not dialog.publish_button.isEnabled()


def test_a_file_that_cannot_be_read_says_why(qtbot, dialog, tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("text;colour;target\n", encoding="utf-8")
    load(qtbot, dialog, path)
    assert "unknown column 'colour'" in dialog.summary.text() and dialog.table.rowCount() == 0


def test_save_as_drafts_then_publish_all_row_by_row(qtbot, dialog, tmp_path, sandbox):
    make_photos(tmp_path, 1)
    path = write(
        tmp_path,
        "Hello;https://ok.ru/;;me;",
        "Fresh bread;;p0.jpg;" + G1 + ";",
        "Sale;;;" + G2 + ";" + FUTURE.isoformat(),
    )
    load(qtbot, dialog, path)
    assert column(dialog, CHECK) == ["OK"] * 3 and dialog.summary.text() == "All 3 rows are fine."
    local, moscow = FUTURE.astimezone(BERLIN), FUTURE.astimezone(MOSCOW)
    assert column(dialog, TIME)[0] == "At once"  # the user's time, then OK's (Moscow's), issue 17
    assert f"{local:%H:%M} (Moscow " in column(dialog, TIME)[2]
    assert column(dialog, TIME)[2].endswith(f"{moscow:%H:%M})")
    with qtbot.waitSignal(dialog.drafts_saved, timeout=WAIT) as saved:
        dialog.save_button.click()
    ids = saved.args[0]
    drafts = dialog.context.drafts
    assert (
        len(ids) == 3
        and column(dialog, RESULT) == ["Saved as a draft"] * 3
        and not dialog.save_button.isEnabled()
    )
    assert Post.from_draft(drafts.load(ids[2]).body).attachment.scheduled_at() == FUTURE
    # Publishing now sends these drafts, and says so: no second set of drafts.
    assert dialog.publish_button.text() == "Publish the saved drafts" and dialog.publish_button.isEnabled()
    with qtbot.waitSignal(dialog.published, timeout=WAIT) as done:
        dialog.publish_button.click()
    assert [r.state for r in done.args[0]] == ["published", "published", "scheduled"]  # row 3 is delayed
    assert column(dialog, RESULT) == ["Published", "Published", "Scheduled on OK"]
    assert dialog.summary.text() == "Published: 2, scheduled on OK: 1, waiting: 0; of 3."
    assert sorted(t["gid"] or "me" for t in sandbox.snapshot()["topics"]) == sorted(["me", G1, G2])
    assert [drafts.load(i).state for i in ids] == ["published", "published", "scheduled"]
    assert len(drafts.list()) == 3 and sorted(d.id for d in drafts.list()) == sorted(ids)
    assert not dialog.publish_button.isEnabled()  # never twice from here


def test_rows_for_groups_where_i_may_not_post_stop_everything_before_sending(
    qtbot, dialog, tmp_path, sandbox
):
    # A timed row for a group where I may only suggest topics: said by the check, per row, the group by name.
    load(
        qtbot, dialog, write(tmp_path, "One;;;" + G1 + ";", "Two;;;" + MEMBER_ONLY + ";" + FUTURE.isoformat())
    )
    checks = column(dialog, CHECK)
    assert checks[0] == "OK"
    assert "only admins, moderators and editors publish in group 'City Photography Fans'" in checks[1]
    assert MEMBER_ONLY in checks[1] and dialog.table.item(1, CHECK).foreground().color().name() == "#c62828"
    assert not dialog.save_button.isEnabled() and not dialog.publish_button.isEnabled()
    assert sandbox.snapshot()["topics"] == [] and dialog.context.drafts.list() == []


def test_a_page_row_with_a_time_waits_on_this_computer_as_the_command_line_does(
    qtbot, dialog, tmp_path, sandbox
):
    load(qtbot, dialog, write(tmp_path, "Later;;;me;" + FUTURE.isoformat(), "Now;;;me;"))
    assert column(dialog, CHECK) == ["OK"] * 2 and column(dialog, TIME)[0].endswith(
        ", waits on this computer"
    )
    with qtbot.waitSignal(dialog.drafts_saved, timeout=WAIT):
        dialog.save_button.click()
    assert column(dialog, RESULT) == ["Saved as a draft"] * 2
    [later] = [d for d in dialog.context.drafts.list() if d.title.startswith("Later")]
    body = dialog.context.drafts.load(later.id).body  # it keeps its time, as a page draft of the Post tab
    assert body["attachment"]["publishAtMs"] == int(FUTURE.timestamp() * 1000)
    with qtbot.waitSignal(dialog.published, timeout=WAIT) as done:
        dialog.publish_button.click()
    assert [r.state for r in done.args[0]] == ["waiting", "published"] and len(
        sandbox.snapshot()["topics"]
    ) == 1
    assert column(dialog, RESULT) == ["Waiting on this computer", "Published"]


def test_a_group_is_a_target_by_its_name_and_unknown_names_say_so(qtbot, dialog, tmp_path, sandbox):
    load(qtbot, dialog, write(tmp_path, "One;;;Sunrise Bakery;", "Two;;;Moonset Bakery;"))
    assert [row.target for row in dialog.plan.rows] == [G1, "Moonset Bakery"]
    assert column(dialog, TARGET)[0] == "Sunrise Bakery" and column(dialog, CHECK)[0] == "OK"
    assert "is none of your groups' names" in column(dialog, CHECK)[1]


def test_each_problem_shows_once_in_the_details(qtbot, dialog, tmp_path):
    load(qtbot, dialog, write(tmp_path, "Past;;;" + G1 + ";2020-01-01 10:00"))
    dialog.table.setCurrentCell(0, CHECK)
    lines = dialog.details.text().splitlines()
    assert lines[0] == "Row 2:" and len(lines) == 2 and "is not in the future" in lines[1]


@pytest.fixture(params=["", "ru"])
def language(request, qapp):
    from okcomposer.ui.common import i18n

    if request.param:
        assert i18n.install(request.param) == request.param
    yield request.param
    i18n.install("")


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_300_character_target_keeps_the_dialog_at_1024x640(qtbot, tmp_path, sandbox, language):
    ctx = make_context(tmp_path)
    sign_in(ctx, sandbox)
    dialog = ImportDialog(ctx, tz=BERLIN)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.tasks.busy, timeout=WAIT)
    target = "zzz-not-a-number-" + "y" * 283
    dialog.resize(1024, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    load(qtbot, dialog, write(tmp_path, "Fine;;;" + G1 + ";", "Long;;;" + target + ";"))
    dialog.table.setCurrentCell(1, CHECK)
    qtbot.wait(50)
    assert dialog.width() == 1024 and dialog.height() == 640
    right = dialog.close_button.mapTo(dialog, dialog.close_button.rect().topRight()).x()
    assert right < dialog.width()
    table = dialog.table
    assert table.columnViewportPosition(RESULT) + table.columnWidth(RESULT) <= table.viewport().width()
    assert target not in dialog.details.text() and f"'{target[:60]}…'" in dialog.details.text()
    assert dialog.table.item(1, TARGET).toolTip() == target and len(column(dialog, TARGET)[1]) == 61
    dialog.reject()
    ctx.drafts.close()


def test_a_row_whose_time_is_not_used_says_why_in_the_time_column(qtbot, dialog, tmp_path):
    path = write(
        tmp_path,
        "Page never;;;me;2020-01-01 10:00",
        "Garbled;;;" + G1 + ";next tuesday",
        "Past;;;" + G1 + ";2020-01-01 10:00",
        "Now;;;" + G1 + ";",
    )
    load(qtbot, dialog, path)
    times, checks = column(dialog, TIME), column(dialog, CHECK)
    assert "At once" not in times[:3] and times[3] == "At once"
    assert "is not in the future" in times[0] and times[0] in checks[0]
    assert times[1] and times[1] in checks[1]
    assert times[2] and times[2] in checks[2]
    assert dialog.table.item(0, TIME).foreground().color().name() == "#c62828"
    assert (
        "write it as one of" not in times[1] and "write it as one of" in dialog.table.item(1, TIME).toolTip()
    )


def test_targets_are_named_as_my_groups_are_and_other_ids_stay_ids(qtbot, dialog, tmp_path, sandbox):
    names = {g["id"]: g["name"] for g in sandbox.info()["groups"]}
    load(qtbot, dialog, write(tmp_path, "One;;;" + G1 + ";", "Two;;;me;", "Three;;;70000009999999;"))
    qtbot.waitUntil(lambda: column(dialog, TARGET)[0] == names[G1], timeout=WAIT)
    assert column(dialog, TARGET) == ["Sunrise Bakery", "My page", "70000009999999"]
    assert G1 in dialog.table.item(0, TARGET).toolTip()


def test_targets_are_named_when_the_names_arrive_after_the_rows(qtbot, tmp_path, sandbox):
    ctx = make_context(tmp_path)
    widget = ImportDialog(ctx, tz=BERLIN)  # signed out: ids, as the file has them
    qtbot.addWidget(widget)
    load(qtbot, widget, write(tmp_path, "One;;;" + G2 + ";"))
    assert column(widget, TARGET) == [G2]
    sign_in(ctx, sandbox)
    widget._load_names()
    qtbot.waitUntil(lambda: column(widget, TARGET) == ["Riverside Running Club"], timeout=WAIT)
    widget.reject()
    ctx.drafts.close()
    assert_no_threads_left()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_long_problem_is_read_whole_at_1024x640_without_scrolling_sideways(qtbot, dialog, tmp_path):
    long_name = "a-photo-with-a-rather-long-name-from-the-camera-of-the-bakery " * 3
    path = write(tmp_path, "Fine;;;" + G1 + ";", "Photo;;" + long_name.strip() + ".jpg;" + G2 + ";")
    dialog.resize(1024, 640)
    dialog.show()
    qtbot.waitExposed(dialog)
    load(qtbot, dialog, path)
    table, item = dialog.table, dialog.table.item(1, CHECK)
    assert "does not exist" in item.text() and item.toolTip() == item.text()
    assert table.horizontalScrollBar().maximum() == 0  # nothing out of sight to the right
    assert table.columnViewportPosition(CHECK) + table.columnWidth(CHECK) <= table.viewport().width()
    margin = 2 * table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin) + 8
    needed = table.fontMetrics().boundingRect(
        QRect(0, 0, table.columnWidth(CHECK) - margin, 10_000), Qt.TextFlag.TextWordWrap, item.text()
    )
    assert table.rowHeight(1) >= needed.height()  # wrapped, every line shown
    assert item.text() in dialog.details.text() and dialog.details.text().startswith("Row 3:")


def test_the_hint_names_the_columns_in_english_and_in_russian(dialog):
    hint = dialog.path.text()
    for names in COLUMNS.values():  # every header name the reader accepts
        assert all(name in hint for name in names), names
    assert "группа" in hint and "время" in hint and "publish_at" in hint


def test_the_dialog_and_the_menu_say_csv_or_excel_as_both_are_read(dialog):
    from okcomposer.ui.library.feature import ImportFeature

    feature = ImportFeature(dialog.context, lambda: None, dialog)
    for text in (dialog.windowTitle(), dialog.choose_button.text(), feature.action.text()):
        assert "CSV or Excel" in text, text


def test_after_publish_all_the_rows_cannot_be_saved_again(qtbot, dialog, tmp_path, sandbox):
    load(qtbot, dialog, write(tmp_path, "One;;;" + G1 + ";", "Two;;;me;"))
    with qtbot.waitSignal(dialog.published, timeout=WAIT):
        dialog.publish_button.click()
    assert len(dialog.context.drafts.list()) == 2  # publish_plan saved them, once
    assert not dialog.save_button.isEnabled() and not dialog.publish_button.isEnabled()
