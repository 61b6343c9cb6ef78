"""Helpers for the main-window tests: typing into a new text block, waiting for the post to be publishable."""

from __future__ import annotations

WAIT = 15_000


def type_text(qtbot, window, text: str) -> None:
    """Add a text block and type into it (QTest types ASCII only: other text is pasted in)."""
    window.composer.add_block("text")
    edit = window.composer.frames()[-1].editor.edit
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insertPlainText(text)


def wait_valid(qtbot, window, enabled: bool = True) -> None:
    qtbot.waitUntil(lambda: window.publish_panel.publish_button.isEnabled() == enabled, timeout=WAIT)
