"""The one-button sign-in: a loopback listener catches OK's answer; the browser is an HTTP client here.

The "browser" follows the sandbox's authorize redirect to the listener as a browser does: the fragment stays
in the browser, and the listener's page script POSTs it back (done here by hand, as the page says).
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit, urlunsplit

import keyring
import pytest
import requests
from support.memory_keyring import use_memory_keyring

from okcomposer.api import loopback
from okcomposer.api.errors import OkAuthError
from okcomposer.api.loopback import ANSWER_PATH, LOOPBACK_REDIRECT, LoopbackListener
from okcomposer.app import signin
from okcomposer.store.accounts import AccountStore


@pytest.fixture
def store(tmp_path):
    _backend, old = use_memory_keyring()
    yield AccountStore(tmp_path / "accounts.json")
    keyring.set_keyring(old)


def browse(url: str) -> requests.Response:
    """What a browser does with OK's page: go where it redirects; for a fragment, run the page's script."""
    location = requests.get(url, allow_redirects=False, timeout=5).headers["Location"]
    parts = urlsplit(location)
    page = requests.get(urlunsplit(parts._replace(fragment="")), timeout=5)  # no fragment is ever sent
    if not parts.fragment:
        return page
    assert page.status_code == 200 and f'"{ANSWER_PATH}"' in page.text
    origin = f"{parts.scheme}://{parts.netloc}"
    return requests.post(origin + ANSWER_PATH, data=parts.fragment.encode(), timeout=5)


def in_browser(url: str) -> tuple[threading.Thread, dict]:
    seen: dict = {}

    def run() -> None:
        seen["answer"] = browse(url)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, seen


def _app(sandbox, code_flow: bool = False) -> signin.App:
    info = sandbox.info()
    secret = info["application_secret_key"] if code_flow else None
    return signin.App(info["application_id"], info["application_key"], sandbox.base_url, secret)


@pytest.mark.parametrize("code_flow", [False, True], ids=["token", "code"])
def test_one_button_sign_in_against_the_sandbox(sandbox, store, code_flow):
    app = _app(sandbox, code_flow)
    pending = signin.start_loopback(app)
    assert pending.request.redirect_uri == LOOPBACK_REDIRECT == "http://localhost:51739/auth"
    thread, seen = in_browser(pending.request.url)
    account = signin.finish_loopback(app, pending, store, timeout=10)
    thread.join(5)
    assert account.uid == sandbox.info()["user"]["uid"] and account.api_base == sandbox.base_url
    assert account.flow == ("code" if code_flow else "implicit")
    assert store.current() == account and store.secrets_of(account)["access_token"]
    answer = seen["answer"]
    assert answer.status_code == 200 and "You can close this tab" in answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    # The listener is closed: the same answer a second time finds nobody.
    with pytest.raises(requests.ConnectionError):
        browse(pending.request.url)


def test_the_tab_speaks_the_users_language(sandbox, store):
    app = _app(sandbox)
    pending = signin.start_loopback(app, loopback.texts_for("ru_RU"))
    thread, seen = in_browser(pending.request.url)
    signin.finish_loopback(app, pending, store, timeout=10)
    thread.join(5)
    assert seen["answer"].text == "okcomposer получил ответ OK. Эту вкладку можно закрыть."
    assert loopback.texts_for("de").received.startswith("okcomposer has received")


def test_a_refusal_is_told_in_the_tab_and_to_the_caller(store):
    listener = LoopbackListener("S1", port=0)
    page = requests.get(f"{listener.redirect_uri}?error=access_denied&state=S1", timeout=5)
    assert page.status_code == 200 and "did not allow access" in page.text
    answer = listener.wait(1)
    with pytest.raises(OkAuthError, match="refused"):
        signin.oauth.parse_code_redirect(answer, "S1")


def test_a_stolen_or_replayed_state_is_refused_and_the_right_answer_still_taken():
    listener = LoopbackListener("the-right-state", port=0)
    base = f"http://localhost:{listener.port}"
    try:
        # An answer of another (an earlier, or someone else's) sign-in: refused, the listener goes on waiting.
        for fragment in ("access_token=A&session_secret_key=S&state=old-state", "access_token=A"):
            refused = requests.post(base + ANSWER_PATH, data=fragment, timeout=5)
            assert refused.status_code == 400 and "does not belong" in refused.text
        refused = requests.get(f"{base}/auth?code=C&state=old-state", timeout=5)
        assert refused.status_code == 400
        assert not listener.got.is_set()
        right = "access_token=A2&session_secret_key=S2&state=the-right-state"
        assert requests.post(base + ANSWER_PATH, data=right, timeout=5).status_code == 200
        assert listener.wait(1) == f"{listener.redirect_uri}#{right}"
    finally:
        listener.close()
    # Replayed after it was taken: the listener is gone.
    with pytest.raises(requests.ConnectionError):
        requests.post(base + ANSWER_PATH, data=right, timeout=5)


def test_an_answer_sent_under_another_host_name_is_not_taken():
    # A web page whose name was rebound to 127.0.0.1 sends its own Host.
    listener = LoopbackListener("S", port=0)
    try:
        answer = requests.post(
            f"http://127.0.0.1:{listener.port}{ANSWER_PATH}",
            data="access_token=A&session_secret_key=K&state=S",
            headers={"Host": "evil.example:80"},
            timeout=5,
        )
        assert answer.status_code == 400 and not listener.got.is_set()
        assert requests.get(f"http://127.0.0.1:{listener.port}/other", timeout=5).status_code == 404
    finally:
        listener.close()


def test_no_answer_in_time_closes_the_listener_and_frees_the_port():
    listener = LoopbackListener("S", port=0)
    port = listener.port
    with pytest.raises(OkAuthError, match="no answer within 0.3 s"):
        listener.wait(0.3)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/auth?code=C&state=S", timeout=5)
    LoopbackListener("S", port=port).close()  # free again


def test_a_cancel_ends_the_wait():
    listener = LoopbackListener("S", port=0)
    with pytest.raises(OkAuthError, match="cancelled"):
        listener.wait(30, cancelled=lambda: True)


def test_a_taken_port_says_to_paste_instead():
    first = LoopbackListener("S", port=0)
    try:
        with pytest.raises(OkAuthError, match="paste the address"):
            LoopbackListener("S", port=first.port)
    finally:
        first.close()


def test_the_page_without_an_answer_says_what_to_do():
    listener = LoopbackListener("S", port=0)
    try:
        page = requests.get(listener.redirect_uri, timeout=5)
        assert page.status_code == 200 and "no sign-in answer" in page.text and "<script>" in page.text
        empty = requests.post(f"http://localhost:{listener.port}{ANSWER_PATH}", timeout=5)
        assert empty.status_code == 400
    finally:
        listener.close()
