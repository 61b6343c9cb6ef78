"""Accounts are bound to the API address they signed in at; an expired session is renewed where it can be.

Two sandboxes are two servers: an account of one is never used, nor its tokens sent, at the other.
"""

from __future__ import annotations

import keyring
import pytest
import requests
from support.memory_keyring import use_memory_keyring

from okcomposer.api import methods
from okcomposer.app import signin
from okcomposer.app.accounts import (
    SESSION_EXPIRED,
    CredentialsMissing,
    RenewingClient,
    SessionExpired,
    resolve,
    same_server,
)
from okcomposer.sandbox.server import Sandbox
from okcomposer.store import secrets
from okcomposer.store.accounts import AccountStore


@pytest.fixture
def store(tmp_path):
    _backend, old = use_memory_keyring()
    yield AccountStore(tmp_path / "accounts.json")
    keyring.set_keyring(old)


@pytest.fixture
def other():
    with Sandbox(host="127.0.0.1", port=0) as sandbox:
        yield sandbox


def sign_in(sandbox, store, code_flow=False):
    """The paste way against a sandbox (its page consents at once)."""
    info = sandbox.info()
    secret = info["application_secret_key"] if code_flow else None
    app = signin.App(info["application_id"], info["application_key"], sandbox.base_url, secret)
    request = signin.start(app, "http://localhost/auth")
    location = requests.get(request.url, allow_redirects=False, timeout=5).headers["Location"]
    return signin.finish(app, request, location, store)


def test_api_base_picks_the_account_of_that_server(sandbox, other, store):
    first = sign_in(sandbox, store)
    second = sign_in(other, store)
    assert store.current() == second  # the latest sign-in is current
    chosen = resolve({}, store, api_base=sandbox.base_url + "/")
    assert chosen.account == first and chosen.api_base == sandbox.base_url
    assert chosen.credentials.access_token == store.secrets_of(first)["access_token"]
    assert resolve({}, store).account == second
    assert store.current() == second  # choosing by address does not change the current account


def test_api_base_of_a_server_without_an_account_is_refused_and_nothing_is_sent(sandbox, other, store):
    sign_in(sandbox, store)
    calls_before = len(other.snapshot()["calls"])
    with pytest.raises(CredentialsMissing) as refused:
        resolve({}, store, api_base=other.base_url)
    line = str(refused.value)
    assert "\n" not in line and other.base_url in line and "login" in line
    assert len(other.snapshot()["calls"]) == calls_before == 0


def test_same_server():
    assert same_server("https://API.ok.ru/", "https://api.ok.ru")
    assert not same_server("http://127.0.0.1:8080", "http://127.0.0.1:8081")


def test_accounts_but_no_keyring_is_said_before_anything_else(sandbox, store):
    sign_in(sandbox, store)
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(secrets.NoKeyringError, match="GNOME Keyring or KWallet"):
        resolve({}, store)


def test_an_expired_code_flow_session_is_renewed_and_the_call_repeated(sandbox, store):
    account = sign_in(sandbox, store, code_flow=True)
    session = resolve({}, store)
    sandbox.expire_session(session.credentials.access_token)
    told = []
    client = RenewingClient(session, store, on_renewed=told.append)
    assert methods.get_current_user(client).uid == account.uid
    assert len(told) == 1 and client.credentials.access_token != session.credentials.access_token
    assert store.secrets_of(account)["access_token"] == client.credentials.access_token


def test_a_renewal_keeps_the_current_account(sandbox, other, store):
    first = sign_in(sandbox, store, code_flow=True)
    second = sign_in(other, store)
    session = resolve({}, store, api_base=sandbox.base_url)
    sandbox.expire_session(session.credentials.access_token)
    assert methods.get_current_user(RenewingClient(session, store)).uid == first.uid
    assert store.current() == second


def test_an_expired_implicit_session_says_to_sign_in_again(sandbox, store):
    sign_in(sandbox, store)
    session = resolve({}, store)
    sandbox.expire_session(session.credentials.access_token)
    with pytest.raises(SessionExpired) as expired:
        methods.get_current_user(RenewingClient(session, store))
    assert str(expired.value) == SESSION_EXPIRED == "the OK session has expired: run `okcomposer login`"
    assert expired.value.code == 102


def test_a_refused_refresh_token_says_to_sign_in_again(sandbox, store):
    account = sign_in(sandbox, store, code_flow=True)
    store.save_secrets(account, {**store.secrets_of(account), "refresh_token": "not-valid"})
    session = resolve({}, store)
    sandbox.expire_session(session.credentials.access_token)
    with pytest.raises(SessionExpired, match="okcomposer login"):
        methods.get_current_user(RenewingClient(session, store))
