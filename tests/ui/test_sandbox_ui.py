"""Sandbox mode is visible and explained: a badge, Help → Sandbox with its address and page, links to the
sandbox's own topic pages, and a title that names the app once."""

from __future__ import annotations

import pytest
import requests
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel
from ui.window_helpers import WAIT, type_text, wait_valid

from okcomposer.ui.common.feature import Menu
from okcomposer.ui.shell.sandbox_ui import SandboxDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_badge_and_help_sandbox_say_where_it_is(qtbot, ctx, open_window, sandbox, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    window = open_window(ctx, sandbox)
    assert window.windowTitle() == "Sandbox — okcomposer"
    badge = window.sandbox_badge
    assert badge is not None and badge.isVisible() and badge.text() == "Sandbox"
    action = window.actions_by_name["sandbox"]
    assert action in window.menus.menus[Menu.HELP].actions()
    badge.click()
    dialog = window.dialog
    assert isinstance(dialog, SandboxDialog) and dialog.isVisible()
    assert any(sandbox.base_url in label.text() for label in dialog.findChildren(QLabel))
    info = sandbox.info()
    assert f"OKC_ACCESS_TOKEN={info['access_token']}" in dialog.settings.toPlainText()
    dialog.copy_button.click()  # what the command line needs to reach this sandbox as its demo user
    assert QGuiApplication.clipboard().text().splitlines() == [
        f"OKC_API_BASE={sandbox.base_url}",
        f"OKC_APPLICATION_KEY={info['application_key']}",
        f"OKC_ACCESS_TOKEN={info['access_token']}",
        f"OKC_SESSION_SECRET_KEY={info['session_secret_key']}",
    ]
    dialog.open_button.click()
    assert opened == [f"{sandbox.base_url}/sandbox/"]
    assert requests.get(opened[0], timeout=10).status_code == 200


def test_without_a_sandbox_there_is_no_badge(qtbot, ctx, open_window):
    window = open_window(ctx)
    assert window.sandbox_badge is None and "sandbox" not in window.actions_by_name
    assert window.windowTitle() == "okcomposer"


def test_a_published_post_links_to_the_sandbox_page_of_its_topic(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    type_text(qtbot, window, "Hello from the sandbox")
    wait_valid(qtbot, window)
    window.publish()
    qtbot.waitUntil(lambda: len(sandbox.snapshot()["topics"]) == 1, timeout=WAIT)
    topic_id = sandbox.snapshot()["topics"][0]["id"]
    link = f"{sandbox.base_url}/sandbox/topic/{topic_id}"
    qtbot.waitUntil(lambda: link in window.publish_panel.status.text(), timeout=WAIT)
    assert "ok.ru" not in window.publish_panel.status.text()
    page = requests.get(link, timeout=10)
    assert page.status_code == 200 and "Hello from the sandbox" in page.text
