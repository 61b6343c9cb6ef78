"""The main window against the sandbox: start, live validation, shortcuts, geometry, theme, About, shutdown.

The fixtures (ctx, keyring_memory, open_window) are in tests/ui/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMenu
from ui.window_helpers import WAIT, type_text, wait_valid

from okcomposer import __version__
from okcomposer.ui.common import theme
from okcomposer.ui.shell.main_window import MainWindow

# Qt's offscreen platform warns when a window with size constraints is shown (propagateSizeHints).
# (and the window activation and menu popups of the shortcut tests: raise(), grabbing the keyboard).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


def test_sandbox_start_signs_in_the_demo_user_in_memory(
    qtbot, ctx, open_window, sandbox, keyring_memory, tmp_path
):
    window = open_window(ctx, sandbox)
    assert "Sandbox" in window.windowTitle()
    assert ctx.uid == sandbox.info()["user"]["uid"] and ctx.session.api_base == sandbox.base_url
    assert keyring_memory.items == {} and not (tmp_path / "accounts.json").exists()
    assert "Demo User" in window.accounts.combo.currentText()
    assert not window.windowIcon().isNull()


def test_okcomposer_with_no_command_runs_the_gui(monkeypatch, tmp_path):
    import okcomposer.ui.shell.app as app_module
    from okcomposer.cli import main

    calls = []
    monkeypatch.setattr(app_module, "run_gui", lambda argv, **kw: calls.append((argv, kw)) or 0)
    assert main([]) == 0 and calls[-1][1]["sandbox_factory"] is None and calls[-1][0][1:] == []
    monkeypatch.chdir(tmp_path)
    Path("a.jpg").write_bytes(b"")  # a file that exists: no mistyped command (then no window, exit 2)
    assert main(["--sandbox", "a.jpg"]) == 0
    assert calls[-1][0][1:] == [str(Path("a.jpg").absolute())]  # the window adds it to the post
    sandbox = calls[-1][1]["sandbox_factory"]()
    # The emulator runs in a child process, started later by the window (off the GUI thread).
    assert type(sandbox).__name__ == "SandboxProcess" and sandbox.proc is None


def test_run_gui_shows_the_window_and_exits_cleanly(qtbot, keyring_memory, sandbox):
    from okcomposer.ui.shell.app import run_gui

    seen = {}

    def shown():
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        # Qt adds " — " and the display name to a title not ending with it: the title bar shows this once.
        seen["title"] = window.windowTitle()
        seen["shown"] = window.windowTitle().endswith(QApplication.applicationDisplayName())
        seen["icon"] = not QApplication.windowIcon().isNull()

        def signed_in():
            if window.context.session is None:
                QTimer.singleShot(20, signed_in)
                return
            seen["user"] = window.context.user_name
            window.close()

        signed_in()

    assert run_gui(sandbox_factory=lambda: sandbox, on_shown=shown) == 0
    assert seen == {"title": "Sandbox — okcomposer", "shown": True, "icon": True, "user": "Demo User"}


def test_validation_is_live_and_gates_publish(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    assert not window.publish_panel.publish_button.isEnabled()  # empty post
    type_text(qtbot, window, "Привет, https://ok.ru/")
    wait_valid(qtbot, window)
    assert "Привет" in window.preview.html()
    window.target.link_preview.setChecked(True)
    window.composer.add_block("poll")  # an empty poll: errors in its block, text is no longer last
    qtbot.waitUntil(lambda: "link preview" in window.problems.text(), timeout=WAIT)
    assert window.problems.isVisible() and not window.publish_panel.publish_button.isEnabled()
    window.composer.remove_block(1)
    wait_valid(qtbot, window)
    ctx.set_session(None)
    wait_valid(qtbot, window, False)
    assert "Sign in" in window.publish_panel.publish_button.toolTip()


def test_schedule_in_the_past_is_listed_under_the_target(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    type_text(qtbot, window, "Скоро")
    admin = next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")
    window.target.targets.setCurrentItem(window.target._item(admin))
    window.target.schedule.setChecked(True)
    window.target.when.setDateTime(window.target.when.dateTime().addDays(-2))
    qtbot.waitUntil(lambda: "not in the future" in window.problems.text(), timeout=WAIT)
    assert not window.publish_panel.publish_button.isEnabled()


def test_shortcuts(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    window.activateWindow()
    qtbot.waitActive(window)
    type_text(qtbot, window, "Первый")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(ctx.drafts.list()) == 1, timeout=WAIT)
    wait_valid(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(sandbox.snapshot()["topics"]) == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: not window.publish_panel.running, timeout=WAIT)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.composer.attachment().media == []
    qtbot.keyClick(
        window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    menu: QMenu = window.composer.add_block_menu()
    qtbot.waitUntil(menu.isVisible, timeout=WAIT)
    menu.close()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT)


def test_geometry_is_restored(qtbot, ctx, open_window):
    window = open_window(ctx)
    window.resize(QSize(790, 560))  # the offscreen screen is 800x600: restoreGeometry() keeps windows on it
    window.move(QPoint(40, 30))
    window.close()
    again = open_window(ctx)
    assert again.size() == QSize(790, 560)


def test_themes(qtbot, ctx, open_window):
    open_window(ctx)
    try:
        theme.apply("dark")
        assert theme.is_dark() and QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
        theme.apply("light")
        assert (
            not theme.is_dark() and QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180
        )
    finally:
        theme.apply("system")


def test_about_shows_the_versions(qtbot, ctx, open_window):
    window = open_window(ctx)
    window.actions_by_name["about"].trigger()
    texts = " ".join(label.text() for label in window.dialog.findChildren(QLabel))
    assert __version__ in texts and "Qt 6." in texts
    window.dialog.close()


def test_closing_during_an_upload_cancels_waits_and_keeps_the_draft(
    qtbot, ctx, open_window, sandbox, tmp_path
):
    from support.images import make_photos

    window = open_window(ctx, sandbox)
    type_text(qtbot, window, "Большой пост")
    window.composer.add_photo_files([str(p) for p in make_photos(tmp_path, 3)])
    qtbot.waitUntil(window.composer.photos_ok, timeout=WAIT)
    wait_valid(qtbot, window)
    sandbox.add_fault("upload.photo", "slow", times=0, slow_seconds=30)
    window.publish()
    qtbot.waitUntil(
        lambda: any(c.get("method") == "photosV2.getUploadUrl" for c in sandbox.snapshot()["calls"]),
        timeout=WAIT,
    )
    draft_id = window.keeper.draft_id
    window.close()
    assert not window.publish_panel.running
    draft = ctx.drafts.load(draft_id)
    assert draft.state == "draft" and draft.body["attachment"]["media"][0]["text"] == "Большой пост"
    assert sandbox.snapshot()["topics"] == []


def test_settings_apply_the_theme_now_and_the_language_on_restart(qtbot, ctx, open_window, tmp_path):
    window = open_window(ctx)
    window.actions_by_name["settings"].trigger()
    dialog = window.dialog
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "next time" in labels  # the dialog says when a new language applies
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.strip_gps.setChecked(False)
    try:
        dialog.accept()
        assert theme.is_dark() and ctx.settings.language == "ru" and ctx.settings.strip_gps is False
        qtbot.waitUntil(lambda: ctx.settings_store.load().language == "ru", timeout=WAIT)
        assert ctx.settings_store.load().theme == "dark"
    finally:
        theme.apply("system")


def test_the_shipped_icons_load():
    names = sorted(p.name for p in theme.ICONS.glob("*.svg"))
    assert "okcomposer.svg" in names and len(names) >= 5
    for name in names:
        assert not theme.icon(name[:-4]).pixmap(32, 32).isNull()


def test_publish_waits_for_good_photos(qtbot, ctx, open_window, sandbox, tmp_path):
    window = open_window(ctx, sandbox)
    type_text(qtbot, window, "With a broken photo")
    wait_valid(qtbot, window)
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a photo at all")
    window.composer.add_photo_files([str(broken)])
    wait_valid(qtbot, window, False)
    qtbot.waitUntil(lambda: "photos" in window.publish_panel.publish_button.toolTip(), timeout=WAIT)
    window.composer.remove_block(1)
    wait_valid(qtbot, window)
