"""The import dialog given a hostile CSV (issue 12): a clear red line, no crash, the next file loads."""

from __future__ import annotations

import os

import pytest
from ui.workflow_helpers import WAIT, assert_no_threads_left, british_english, make_context

from okcomposer.ui.library.import_dialog import CHECK, ImportDialog


@pytest.fixture
def dialog(qtbot, tmp_path):
    ctx = make_context(tmp_path)
    with british_english():
        widget = ImportDialog(ctx)
        qtbot.addWidget(widget)
        yield widget
        widget.reject()
    assert not widget.tasks.busy
    ctx.drafts.close()
    assert_no_threads_left()


def load(qtbot, dialog, path) -> None:
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None or "color" in dialog.summary.text(), timeout=WAIT)


def refused(qtbot, dialog, path, words: str) -> None:
    load(qtbot, dialog, path)
    text = dialog.summary.text()
    assert "#c62828" in text and words in text, text
    assert dialog.plan is None and dialog.table.rowCount() == 0
    assert not dialog.save_button.isEnabled() and dialog.choose_button.isEnabled()


def test_hostile_files_are_refused_in_words_and_the_dialog_goes_on(qtbot, dialog, tmp_path):
    huge = tmp_path / "huge.csv"
    huge.write_text(f"text;target\n{'я' * 200_000};me\n", encoding="utf-8")
    refused(qtbot, dialog, huge, "row 2 (line 2): a cell is longer than 131,072 characters")
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    refused(qtbot, dialog, pipe, "not a regular file (a pipe, device or socket), so not a CSV file")
    if os.path.exists("/dev/zero"):
        refused(qtbot, dialog, "/dev/zero", "/dev/zero: not a regular file")
    fine = tmp_path / "fine.csv"
    fine.write_text("text;target\nHello;me\n", encoding="utf-8")
    load(qtbot, dialog, fine)
    assert dialog.plan is not None and [dialog.table.item(0, CHECK).text()] == ["OK"]
    assert dialog.save_button.isEnabled()
