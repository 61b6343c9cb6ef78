"""Accounts in the window: OAuth sign-in on the sandbox, switching, avatars, sign-out, no keyring, expiry."""

from __future__ import annotations

import keyring
import pytest
import requests
from keyring.backends import fail
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtWidgets import QMessageBox
from ui.window_helpers import WAIT, type_text, wait_valid

from okcomposer.store import secrets
from okcomposer.store.accounts import Account, AccountStore
from okcomposer.ui.accounts import switcher as account_switcher
from okcomposer.ui.accounts.sign_in_dialog import SignInDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def browser(monkeypatch):
    """QDesktopServices.openUrl stubbed: the URLs the app asked the system browser to open."""
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    return opened


def _sign_in(qtbot, window, sandbox, browser, secret: str = "") -> SignInDialog:
    window.sign_in()
    qtbot.waitUntil(lambda: isinstance(window.dialog, SignInDialog), timeout=WAIT)
    dialog: SignInDialog = window.dialog
    info = sandbox.info()
    dialog.app_id.setText(info["application_id"])
    dialog.app_key.setText(info["application_key"])
    dialog.app_secret.setText(secret)
    dialog.api_base.setText(sandbox.base_url)
    qtbot.mouseClick(dialog.open_page, Qt.MouseButton.LeftButton)
    assert browser and browser[-1] == dialog.page_url.text() and "/oauth/authorize?" in browser[-1]
    # The sandbox's consent page redirects at once; that redirect is what the user pastes.
    location = requests.get(browser[-1], allow_redirects=False, timeout=5).headers["Location"]
    dialog.pasted.setText(location)
    assert dialog.sign_in.isEnabled()
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT):
        qtbot.mouseClick(dialog.sign_in, Qt.MouseButton.LeftButton)
    return dialog


def test_implicit_flow_sign_in_keeps_tokens_only_in_the_keyring(
    qtbot, ctx, open_window, sandbox, browser, keyring_memory, tmp_path
):
    window = open_window(ctx)
    assert ctx.session is None and window.accounts.combo.currentText() == "Not signed in"
    _sign_in(qtbot, window, sandbox, browser)
    qtbot.waitUntil(lambda: ctx.session is not None, timeout=WAIT)
    assert ctx.user_name == "Demo User" and ctx.session.api_base == sandbox.base_url
    stored = next(iter(keyring_memory.items.values()))
    token = ctx.session.credentials.access_token
    assert token in stored and token not in (tmp_path / "accounts.json").read_text(encoding="utf-8")
    server = sandbox.base_url.removeprefix("http://")
    assert window.accounts.combo.currentText() == f"Demo User ({server})"  # not OK's server: it is named
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)  # the session works


def test_code_flow_with_the_app_secret(qtbot, ctx, open_window, sandbox, browser, keyring_memory):
    window = open_window(ctx)
    _sign_in(qtbot, window, sandbox, browser, secret=sandbox.info()["application_secret_key"])
    qtbot.waitUntil(lambda: ctx.session is not None, timeout=WAIT)
    assert "refresh_token" in next(iter(keyring_memory.items.values()))
    assert ctx.session.account.flow == "code"


def test_an_expired_code_flow_session_is_renewed_and_the_post_kept(
    qtbot, ctx, open_window, sandbox, browser, keyring_memory
):
    window = open_window(ctx)
    _sign_in(qtbot, window, sandbox, browser, secret=sandbox.info()["application_secret_key"])
    qtbot.waitUntil(lambda: ctx.session is not None, timeout=WAIT)
    old = ctx.session.credentials.access_token
    type_text(qtbot, window, "Keep me too")
    wait_valid(qtbot, window)
    before = window.current_post().to_draft()
    sandbox.expire_session(old)
    window.publish()
    qtbot.waitUntil(
        lambda: isinstance(window.dialog, QMessageBox) and window.dialog.windowTitle() == "Session renewed",
        timeout=WAIT,
    )
    assert ctx.session.credentials.access_token != old
    assert window.current_post().to_draft() == before and sandbox.snapshot()["topics"] == []
    window.dialog.close()
    window.publish()
    qtbot.waitUntil(lambda: len(sandbox.snapshot()["topics"]) == 1, timeout=WAIT)


def test_a_wrong_paste_is_explained_and_nothing_is_stored(
    qtbot, ctx, open_window, sandbox, browser, keyring_memory
):
    window = open_window(ctx)
    window.sign_in()
    qtbot.waitUntil(lambda: isinstance(window.dialog, SignInDialog), timeout=WAIT)
    dialog = window.dialog
    dialog.app_id.setText("not a number")
    dialog.app_key.setText("KEY")
    dialog.open_page.click()
    assert "numeric application id" in dialog.message.text() and not browser
    dialog.app_id.setText(sandbox.info()["application_id"])
    dialog.api_base.setText(sandbox.base_url)
    dialog.open_page.click()
    dialog.pasted.setText(
        "https://oauth.mycdn.me/blank.html#access_token=x&session_secret_key=y&state=forged"
    )
    dialog.sign_in.click()
    qtbot.waitUntil(lambda: "state mismatch" in dialog.message.text(), timeout=WAIT)
    assert keyring_memory.items == {} and dialog.isVisible()
    dialog.reject()


def _confirm_sign_out(window, trigger: bool = True) -> None:
    if trigger:
        window.actions_by_name["sign_out"].trigger()
    box = window.accounts.sign_out_box
    next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole).click()


def _png(color: str) -> bytes:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def test_several_accounts_switch_from_the_toolbar_with_avatars(
    qtbot, ctx, open_window, sandbox, tmp_path, monkeypatch, keyring_memory
):
    info = sandbox.info()
    store = AccountStore(tmp_path / "accounts.json")
    anna = Account(
        "1001", "Анна Петрова", sandbox.base_url, info["application_key"], pic_url="https://pic/anna"
    )
    boris = Account("1002", "Boris", sandbox.base_url, info["application_key"], pic_url="https://pic/boris")
    store.add(anna, {"access_token": "AT-anna", "session_secret_key": "S1"})
    store.add(boris, {"access_token": "AT-boris", "session_secret_key": "S2"})
    fetched = []

    def fake_fetch(url):
        fetched.append(url)
        if url.endswith("boris"):
            raise requests.ConnectionError("offline")
        return _png("#00ff00")

    monkeypatch.setattr(account_switcher, "fetch_avatar", fake_fetch)
    window = open_window(ctx)
    combo = window.accounts.combo
    qtbot.waitUntil(lambda: ctx.session is not None and ctx.user_name == "Boris", timeout=WAIT)
    server = sandbox.base_url.removeprefix("http://")
    assert [combo.itemText(i) for i in range(combo.count())] == [
        f"Анна Петрова ({server})",
        f"Boris ({server})",
        "Sign in…",
    ]
    qtbot.waitUntil(lambda: sorted(fetched) == ["https://pic/anna", "https://pic/boris"], timeout=WAIT)
    qtbot.waitUntil(
        lambda: combo.itemIcon(0).pixmap(22).toImage().pixelColor(11, 11) == QColor("#00ff00"), timeout=WAIT
    )
    assert not combo.itemIcon(1).isNull()  # Boris keeps the initials placeholder
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    qtbot.waitUntil(lambda: ctx.user_name == "Анна Петрова", timeout=WAIT)
    assert ctx.session.credentials.access_token == "AT-anna"
    assert store.current() == anna
    # Sign out asks first, naming the account that becomes current; Cancel keeps everything.
    window.actions_by_name["sign_out"].trigger()
    box = window.accounts.sign_out_box
    assert box.isVisible() and "Анна Петрова" in box.text() and "Boris" in box.informativeText()
    box.reject()
    assert store.accounts() == [anna, boris] and ctx.user_name == "Анна Петрова"
    # Confirmed: Anna's tokens go; Boris remains and becomes current.
    _confirm_sign_out(window)
    qtbot.waitUntil(lambda: ctx.user_name == "Boris", timeout=WAIT)
    assert store.accounts() == [boris] and all("AT-anna" not in v for v in keyring_memory.items.values())
    window.actions_by_name["sign_out"].trigger()
    assert "No account will be signed in" in window.accounts.sign_out_box.informativeText()
    _confirm_sign_out(window, trigger=False)
    qtbot.waitUntil(lambda: combo.itemText(0) == "Not signed in", timeout=WAIT)
    assert ctx.session is None and keyring_memory.items == {}


def test_no_keyring_shows_how_to_fix_it(qtbot, ctx, open_window):
    window = open_window(ctx)
    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not secrets.available()
        window.sign_in()
        qtbot.waitUntil(lambda: isinstance(window.dialog, QMessageBox), timeout=WAIT)
        box = window.dialog
        assert "keyring" in box.text() and "GNOME Keyring" in box.informativeText()
        box.close()
    finally:
        keyring.set_keyring(old)


def test_no_keyring_in_the_sandbox_does_not_send_the_user_to_the_sandbox(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)  # `okcomposer --sandbox`: on the demo account
    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        window.sign_in()
        qtbot.waitUntil(lambda: isinstance(window.dialog, QMessageBox), timeout=WAIT)
        box = window.dialog
        assert "Signing in to OK needs a system keyring" in box.text()
        assert "GNOME Keyring" in box.informativeText()
        assert "You are using the sandbox now, with its demo account" in box.informativeText()
        assert "Try in the sandbox" not in box.informativeText()
        assert ctx.session is not None  # still on the demo account
        box.close()
    finally:
        keyring.set_keyring(old)


def test_a_stored_account_without_a_keyring_is_not_shown_as_signed_in(
    qtbot, ctx, open_window, sandbox, tmp_path
):
    info = sandbox.info()
    store = AccountStore(tmp_path / "accounts.json")
    store.add(Account("1001", "Анна", sandbox.base_url, info["application_key"]), {"access_token": "AT"})
    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        window = open_window(ctx)
        qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None, timeout=WAIT)
        box = window.findChild(QMessageBox)
        assert "GNOME Keyring" in box.informativeText() and "sudo" not in box.informativeText()
        box.close()
        combo = window.accounts.combo
        assert ctx.session is None and combo.currentText() == "Not signed in"
        type_text(qtbot, window, "Hello")
        qtbot.waitUntil(lambda: window.problems.text() == "• Sign in to publish.", timeout=WAIT)
        assert window.problems.isVisible() and not window.publish_panel.publish_button.isEnabled()
    finally:
        keyring.set_keyring(old)


def test_no_keyring_at_the_last_step_too(qtbot, ctx, open_window, sandbox, browser):
    window = open_window(ctx)
    window.sign_in()
    qtbot.waitUntil(lambda: isinstance(window.dialog, SignInDialog), timeout=WAIT)
    dialog = window.dialog
    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog.app_id.setText(sandbox.info()["application_id"])
        dialog.app_key.setText(sandbox.info()["application_key"])
        dialog.api_base.setText(sandbox.base_url)
        dialog.open_page.click()
        dialog.pasted.setText(requests.get(browser[-1], allow_redirects=False, timeout=5).headers["Location"])
        dialog.sign_in.click()
        qtbot.waitUntil(lambda: "no system keyring" in dialog.message.text(), timeout=WAIT)
        box = dialog.findChild(QMessageBox)
        assert box is not None and "GNOME Keyring" in box.informativeText()
        assert ctx.session is None
        box.close()
        dialog.reject()
    finally:
        keyring.set_keyring(old)


def test_session_expired_while_publishing_asks_to_sign_in_again(qtbot, ctx, open_window, sandbox, browser):
    window = open_window(ctx, sandbox)
    type_text(qtbot, window, "Keep me")
    wait_valid(qtbot, window)
    before = window.current_post().to_draft()
    sandbox.expire_session()
    window.publish()
    qtbot.waitUntil(
        lambda: isinstance(window.dialog, QMessageBox) and window.dialog.isVisible(), timeout=WAIT
    )
    box = window.dialog
    assert "expired" in box.text() and "102" in window.publish_panel.status.text()
    assert window.current_post().to_draft() == before
    again = next(b for b in box.buttons() if b.text() == "Sign in again")
    again.click()
    qtbot.waitUntil(lambda: isinstance(window.dialog, SignInDialog), timeout=WAIT)
    assert window.dialog.app_id.text() == sandbox.info()["application_id"]
    window.dialog.reject()


def test_session_expired_while_loading_groups_asks_to_sign_in_again(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    sandbox.expire_session()
    window.target.reload()
    qtbot.waitUntil(
        lambda: isinstance(window.dialog, QMessageBox) and window.dialog.isVisible(), timeout=WAIT
    )
    assert "expired" in window.dialog.text()
    window.dialog.close()
