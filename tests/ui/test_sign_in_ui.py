"""The sign-in dialog: one button with a configured app (the sandbox's), no browser, a corrected key, labels.

The "browser" is an HTTP client: it follows the sandbox's authorize redirect to the listener on
127.0.0.1:51739 and sends the fragment back as the listener's page script does.
"""

from __future__ import annotations

import threading

import pytest
import requests
from PySide6.QtGui import QDesktopServices, QGuiApplication
from ui.window_helpers import WAIT

from okcomposer.api.loopback import ANSWER_PATH
from okcomposer.app import ok_app
from okcomposer.store.accounts import Account, AccountStore
from okcomposer.ui.accounts.sign_in_dialog import SignInDialog
from okcomposer.ui.accounts.switcher import AccountSwitcher

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def browse(url: str) -> None:
    location = requests.get(url, allow_redirects=False, timeout=5).headers["Location"]
    requests.post(f"http://localhost:51739{ANSWER_PATH}", data=location.partition("#")[2], timeout=5)


@pytest.fixture
def browser(monkeypatch):
    """A browser that opens: it goes through OK's page to the listener, on a thread."""
    opened = []

    def open_url(url) -> bool:
        opened.append(url.toString())
        threading.Thread(target=browse, args=(url.toString(),)).start()
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return opened


@pytest.fixture
def no_browser(monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)


def test_one_button_with_the_sandboxs_app(qtbot, ctx, open_window, sandbox, browser, keyring_memory):
    window = open_window(ctx, sandbox)  # the demo user is in memory only; Sign in adds a stored account
    window.sign_in()
    qtbot.waitUntil(lambda: isinstance(window.dialog, SignInDialog), timeout=WAIT)
    dialog: SignInDialog = window.dialog
    assert dialog.one_button.isVisible() and not dialog.advanced.isVisible()
    assert not dialog.pasted.isVisible() and not dialog.sign_in.isVisible()
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT) as signal:
        dialog.one_button.click()
    account = signal.args[0]
    assert account.api_base == sandbox.base_url and browser[0].startswith(
        sandbox.base_url + "/oauth/authorize"
    )
    assert "redirect_uri=http%3A%2F%2Flocalhost%3A51739%2Fauth" in browser[0]
    assert keyring_memory.items  # the tokens went to the keyring
    # The advanced way is one click away.
    window.sign_in()
    qtbot.waitUntil(
        lambda: isinstance(window.dialog, SignInDialog) and window.dialog.isVisible(), timeout=WAIT
    )
    second = window.dialog
    second.own_app.click()
    assert second.advanced.isVisible() and second.open_page.isVisible()
    second.reject()


def test_no_browser_is_said_and_the_address_copied(qtbot, sandbox, no_browser, keyring_memory, tmp_path):
    dialog = SignInDialog(AccountStore(tmp_path / "a.json"), configured=ok_app.sandbox_app(sandbox.info()))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.one_button.click()
    assert "No browser could be opened" in dialog.message.text()
    assert dialog.page_url.isVisible() and dialog.copy_url.isVisible()
    dialog.copy_url.click()
    url = QGuiApplication.clipboard().text()
    assert url == dialog.page_url.text() and "/oauth/authorize?" in url
    # Opened by hand in a browser, the sign-in still finishes by itself.
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT):
        threading.Thread(target=browse, args=(url,)).start()


def test_a_corrected_key_works_on_the_next_press(qtbot, sandbox, monkeypatch, keyring_memory, tmp_path):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    info = sandbox.info()
    dialog = SignInDialog(AccountStore(tmp_path / "a.json"))  # not configured: the fields are shown
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.advanced.isVisible() and not dialog.one_button.isVisible()
    dialog.app_id.setText(info["application_id"])
    dialog.app_key.setText("CBAWRONGKEY")
    dialog.api_base.setText(sandbox.base_url)
    dialog.open_page.click()
    location = requests.get(dialog.page_url.text(), allow_redirects=False, timeout=5).headers["Location"]
    dialog.pasted.setText(location)
    dialog.sign_in.click()
    qtbot.waitUntil(lambda: "101" in dialog.message.text() or "key" in dialog.message.text(), timeout=WAIT)
    assert dialog.isVisible() and keyring_memory.items == {}
    dialog.app_key.setText(info["application_key"])  # corrected; the page and the pasted address stay
    qtbot.waitUntil(dialog.sign_in.isEnabled, timeout=WAIT)
    with qtbot.waitSignal(dialog.signed_in, timeout=WAIT):
        dialog.sign_in.click()


def test_a_changed_application_id_asks_for_a_new_page(qtbot, sandbox, monkeypatch, keyring_memory, tmp_path):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    dialog = SignInDialog(AccountStore(tmp_path / "a.json"))
    qtbot.addWidget(dialog)
    dialog.app_id.setText(sandbox.info()["application_id"])
    dialog.app_key.setText("K")
    dialog.api_base.setText(sandbox.base_url)
    dialog.open_page.click()
    dialog.pasted.setText("https://oauth.mycdn.me/blank.html#x=1")
    dialog.app_id.setText("512000000999")
    dialog.sign_in.click()
    assert "open the OK sign-in page again" in dialog.message.text()


def test_closing_the_dialog_frees_the_listener(qtbot, sandbox, no_browser, tmp_path):
    dialog = SignInDialog(AccountStore(tmp_path / "a.json"), configured=ok_app.sandbox_app(sandbox.info()))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.one_button.click()
    dialog.one_button.click()  # again: the first listener gives its port to the second
    url = dialog.page_url.text()
    dialog.reject()
    with pytest.raises(requests.ConnectionError):
        browse(url)


def test_two_accounts_never_look_the_same(qtbot, ctx, tmp_path, keyring_memory):
    store = AccountStore(tmp_path / "a.json")
    ok = Account("1", "Anna", "https://api.ok.ru", "K")
    twin = Account("2", "Anna", "https://api.ok.ru", "K")
    local = Account("1", "Anna", "http://127.0.0.1:8081", "K")
    for account in (ok, twin, local):
        store.add(account, {"access_token": "T", "session_secret_key": "S"})
    switcher = AccountSwitcher(ctx, store)
    qtbot.addWidget(switcher)
    switcher.accounts = store.accounts()
    switcher._fill()
    texts = [switcher.combo.itemText(i) for i in range(switcher.combo.count())]
    # No session is open here, so the switcher says so first rather than showing a user as signed in.
    assert texts == ["Not signed in", "Anna · 1", "Anna · 2", "Anna (127.0.0.1:8081)", "Sign in…"]
    assert "http://127.0.0.1:8081" in switcher.combo.itemData(3, 3)  # the tooltip names the server
