"""Signing in from the command line, accounts bound to their server, no keyring, an expired session.

Every publishing command (post, moment, import --publish, outbox run) is run against a live sandbox with a
stored account: no keyring is exit 2 in one line before any call; an expired code-flow session is renewed
and the command goes on; an implicit one ends in one line saying to sign in again, exit 1.
"""

from __future__ import annotations

import json
import threading
import time
import webbrowser
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
import requests
from keyring.backends import fail
from support.cli import run
from support.images import make_photos
from support.memory_keyring import use_memory_keyring

from okcomposer.api.loopback import ANSWER_PATH, LOOPBACK_REDIRECT
from okcomposer.app import signin
from okcomposer.app.accounts import SESSION_EXPIRED
from okcomposer.cli import accounts as cli_accounts
from okcomposer.sandbox.server import Sandbox
from okcomposer.store.accounts import Account, AccountStore


@pytest.fixture
def memory():
    backend, old = use_memory_keyring()
    yield backend
    keyring.set_keyring(old)


def sign_in(sandbox, code_flow: bool = False) -> Account:
    info = sandbox.info()
    secret = info["application_secret_key"] if code_flow else None
    app = signin.App(info["application_id"], info["application_key"], sandbox.base_url, secret)
    request = signin.start(app, "http://localhost/auth")
    location = requests.get(request.url, allow_redirects=False, timeout=5).headers["Location"]
    return signin.finish(app, request, location, AccountStore())


def page_draft(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"type": "USER", "attachment": {"media": [{"type": "text", "text": text}]}}))
    return path


def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "posts.csv"
    path.write_text("text;target\nFrom a table;me\n", encoding="utf-8")
    return path


def commands(tmp_path: Path, sandbox) -> dict[str, list[str]]:
    """post, moment, import --publish and outbox run (with a page post due), at the sandbox."""
    (photo,) = make_photos(tmp_path, 1)
    base = ["--api-base", sandbox.base_url]
    return {
        "post": [*base, "post", str(page_draft(tmp_path, "Hello"))],
        "moment": [*base, "moment", str(photo)],
        "import": [*base, "import", str(csv_file(tmp_path)), "--publish"],
        "outbox run": [*base, "outbox", "run"],
    }


def queue_due(capsys, tmp_path: Path, sandbox) -> None:
    """A page post for the outbox, due a moment from now (queued without the keyring or the network)."""
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
    (tmp_path / "later").mkdir()
    path = page_draft(tmp_path / "later", "Later")
    code, _out, err = run(capsys, "--api-base", sandbox.base_url, "post", str(path), "--at", due.isoformat())
    assert code == 0, err
    time.sleep(max(0.0, due.timestamp() - time.time()) + 0.2)


def test_the_cli_keeps_the_loopback_address_of_the_listener():
    assert cli_accounts.LOOPBACK == LOOPBACK_REDIRECT


def test_login_in_one_step_against_the_sandbox(sandbox, memory, capsys, monkeypatch):
    """The browser "opens", follows OK's page to the listener and runs its script; login catches it."""

    def browser(url: str) -> bool:
        def go() -> None:
            location = requests.get(url, allow_redirects=False, timeout=5).headers["Location"]
            requests.post(f"http://localhost:51739{ANSWER_PATH}", data=location.partition("#")[2], timeout=5)

        threading.Thread(target=go).start()
        return True

    monkeypatch.setattr(webbrowser, "open", browser)
    info = sandbox.info()
    code, out, err = run(
        capsys,
        *("--api-base", sandbox.base_url, "login"),
        *("--application-id", info["application_id"], "--application-key", info["application_key"]),
        *("--redirect-uri", LOOPBACK_REDIRECT),
    )
    assert code == 0, err
    assert out.strip() == f"Signed in as Demo User ({info['user']['uid']}) at {sandbox.base_url}"
    assert AccountStore().current().api_base == sandbox.base_url


def test_login_without_an_application_when_none_is_configured_says_how(memory, capsys):
    code, out, err = run(capsys, "login")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "no OK application configured" in err and "--application-id" in err


def test_login_without_a_keyring_says_so_before_the_browser(capsys, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code, _out, err = run(capsys, "login", "--application-id", "1", "--application-key", "K")
    finally:
        keyring.set_keyring(old)
    assert code == 2 and len(err.splitlines()) == 1 and "GNOME Keyring" in err and opened == []


@pytest.mark.parametrize("command", ["post", "moment", "import", "outbox run"])
def test_no_keyring_is_one_line_and_exit_2_before_any_call(sandbox, memory, tmp_path, capsys, command):
    sign_in(sandbox)
    if command == "outbox run":
        queue_due(capsys, tmp_path, sandbox)
    argv = commands(tmp_path, sandbox)[command]
    calls = len(sandbox.snapshot()["calls"])
    keyring.set_keyring(fail.Keyring())
    code, _out, err = run(capsys, *argv)
    assert code == 2, err
    lines = err.splitlines()
    assert (
        len(lines) == 1 and lines[0].startswith("okcomposer: no system keyring") and "install or start" in err
    )
    assert len(sandbox.snapshot()["calls"]) == calls


@pytest.mark.parametrize("command", ["post", "moment", "import", "outbox run"])
def test_every_command_renews_an_expired_code_flow_session(sandbox, memory, tmp_path, capsys, command):
    account = sign_in(sandbox, code_flow=True)
    if command == "outbox run":
        queue_due(capsys, tmp_path, sandbox)
    sandbox.expire_session(AccountStore().secrets_of(account)["access_token"])
    code, _out, err = run(capsys, *commands(tmp_path, sandbox)[command])
    assert code == 0, err
    assert "the session had expired and was renewed" in err
    assert sandbox.snapshot()["topics"] or sandbox.snapshot()["moments"]


@pytest.mark.parametrize("command", ["post", "moment", "import", "outbox run"])
def test_an_expired_implicit_session_says_to_sign_in_again(sandbox, memory, tmp_path, capsys, command):
    account = sign_in(sandbox)
    if command == "outbox run":
        queue_due(capsys, tmp_path, sandbox)
    sandbox.expire_session(AccountStore().secrets_of(account)["access_token"])
    code, out, err = run(capsys, *commands(tmp_path, sandbox)[command])
    assert code == 1, err
    # import and outbox run give each row or entry a line on stdout: the reason is there.
    assert SESSION_EXPIRED in (out if command in ("import", "outbox run") else err), out + err
    assert "Traceback" not in err
    assert not sandbox.snapshot()["topics"] and not sandbox.snapshot()["moments"]


def test_api_base_of_another_server_refuses_and_sends_it_no_token(sandbox, memory, tmp_path, capsys):
    sign_in(sandbox)
    with Sandbox(host="127.0.0.1", port=0) as other:
        code, _out, err = run(capsys, "--api-base", other.base_url, "post", str(page_draft(tmp_path, "x")))
        assert code == 2 and len(err.splitlines()) == 1
        assert f"no account is signed in at {other.base_url}" in err
        assert other.snapshot()["calls"] == [] and other.snapshot()["topics"] == []
    # The account's own server still works, and picking by address found it.
    code, _out, err = run(capsys, "--api-base", sandbox.base_url, "post", str(page_draft(tmp_path, "y")))
    assert code == 0, err
    assert len(sandbox.snapshot()["topics"]) == 1


def test_accounts_with_none_signed_in_says_so_in_one_line(memory, capsys):
    code, out, err = run(capsys, "accounts")
    assert (code, out) == (0, "")  # nothing for a script to read
    assert err == (
        "okcomposer: no account is signed in: `okcomposer login` signs one in; "
        "`okcomposer --sandbox ...` needs none\n"
    )
