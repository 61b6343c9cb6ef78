"""Accounts: secrets only in the keyring, records in a JSON file; credentials from env or the store."""

from __future__ import annotations

import os

import keyring
import pytest
from keyring.backends import fail
from support.memory_keyring import MemoryKeyring

from okcomposer.app.accounts import CredentialsMissing, from_env, resolve
from okcomposer.store import secrets
from okcomposer.store.accounts import Account, AccountStore


@pytest.fixture
def memory_keyring():
    old = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(old)


ACCOUNT = Account(uid="575", name="Анна", api_base="https://api.ok.ru", application_key="CBAKEY")


def test_add_current_and_remove(memory_keyring, tmp_path):
    store = AccountStore(tmp_path / "accounts.json")
    store.add(ACCOUNT, {"access_token": "AT-secret", "session_secret_key": "SSK-secret"})
    assert store.current() == ACCOUNT
    text = (tmp_path / "accounts.json").read_text(encoding="utf-8")
    assert "AT-secret" not in text and "SSK-secret" not in text and "Анна" in text
    assert store.secrets_of(ACCOUNT)["access_token"] == "AT-secret"
    session = resolve({}, store)
    assert session.credentials.access_token == "AT-secret" and session.api_base == "https://api.ok.ru"
    store.remove(ACCOUNT)
    assert store.accounts() == [] and memory_keyring.items == {}
    with pytest.raises(CredentialsMissing, match="okcomposer login"):
        resolve({}, store)


def test_two_accounts_switch(memory_keyring, tmp_path):
    store = AccountStore(tmp_path / "a.json")
    other = Account(uid="576", name="Bob", api_base="https://api.ok.ru", application_key="CBAKEY")
    store.add(ACCOUNT, {"access_token": "A1", "session_secret_key": "S1"})
    store.add(other, {"access_token": "A2", "session_secret_key": "S2"})
    assert store.current() == other and len(store.accounts()) == 2
    store.set_current(ACCOUNT.key)
    assert resolve({}, store).credentials.access_token == "A1"


def test_no_keyring_backend_is_a_clear_error_not_a_plain_text_fallback(tmp_path):
    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = AccountStore(tmp_path / "a.json")
        with pytest.raises(secrets.NoKeyringError, match="keyring"):
            store.add(ACCOUNT, {"access_token": "AT-secret", "session_secret_key": "S"})
        assert not (tmp_path / "a.json").exists()
        assert not secrets.available()
    finally:
        keyring.set_keyring(old)


def test_env_credentials_take_precedence(memory_keyring, tmp_path):
    env = {"OKC_APPLICATION_KEY": "K", "OKC_ACCESS_TOKEN": "T", "OKC_SESSION_SECRET_KEY": "S"}
    session = resolve(env, AccountStore(tmp_path / "none.json"), api_base="http://127.0.0.1:9")
    assert session.credentials.secret() == "S" and session.api_base == "http://127.0.0.1:9"
    code_flow = from_env(
        {"OKC_APPLICATION_KEY": "K", "OKC_ACCESS_TOKEN": "T", "OKC_APPLICATION_SECRET_KEY": "A"}
    )
    assert code_flow.secret() != "A"  # md5(token + app secret)


@pytest.mark.parametrize(
    "env, missing",
    [
        ({"OKC_ACCESS_TOKEN": "T", "OKC_SESSION_SECRET_KEY": "S"}, "OKC_APPLICATION_KEY"),
        ({"OKC_APPLICATION_KEY": "K", "OKC_SESSION_SECRET_KEY": "S"}, "OKC_ACCESS_TOKEN"),
        ({"OKC_APPLICATION_KEY": "K", "OKC_ACCESS_TOKEN": "T"}, "OKC_SESSION_SECRET_KEY"),
    ],
)
def test_incomplete_env_names_what_is_missing(env, missing):
    with pytest.raises(CredentialsMissing, match=missing):
        from_env(env)


@pytest.mark.skipif(
    not os.environ.get("OKC_REAL_KEYRING"), reason="needs a Secret Service (CI runs gnome-keyring)"
)
def test_real_secret_service_keyring(tmp_path):
    from keyring.backends import SecretService

    keyring.set_keyring(SecretService.Keyring())
    store = AccountStore(tmp_path / "a.json")
    acct = Account(uid=f"real-{os.getpid()}", name="CI", api_base="https://api.ok.ru", application_key="K")
    store.add(acct, {"access_token": "real-AT", "session_secret_key": "real-SSK"})
    assert SecretService.Keyring().get_password(secrets.SERVICE, acct.key) is not None
    assert store.secrets_of(acct) == {"access_token": "real-AT", "session_secret_key": "real-SSK"}
    store.remove(acct)
    assert SecretService.Keyring().get_password(secrets.SERVICE, acct.key) is None


def test_code_flow_session_is_renewed_with_the_refresh_token(sandbox, memory_keyring, tmp_path):
    import requests

    from okcomposer.api import methods
    from okcomposer.api.client import OkClient
    from okcomposer.api.errors import OkApiError
    from okcomposer.app import signin
    from okcomposer.app.accounts import renew

    info = sandbox.info()
    store = AccountStore(tmp_path / "a.json")
    app = signin.App(
        info["application_id"], info["application_key"], sandbox.base_url, info["application_secret_key"]
    )
    request = signin.start(app, "http://localhost/auth")
    location = requests.get(request.url, allow_redirects=False, timeout=5).headers["Location"]
    account = signin.finish(app, request, location, store)
    old = store.secrets_of(account)["access_token"]
    sandbox.expire_session(old)
    session = resolve({}, store)
    with pytest.raises(OkApiError) as expired:
        methods.get_current_user(OkClient(session.credentials, session.api_base))
    assert expired.value.code == 102
    fresh = renew(store, account)
    assert fresh.credentials.access_token != old
    assert store.secrets_of(account)["access_token"] == fresh.credentials.access_token
    assert methods.get_current_user(OkClient(fresh.credentials, fresh.api_base)).uid == account.uid


def test_implicit_flow_cannot_be_renewed(memory_keyring, tmp_path):
    from okcomposer.app.accounts import renew

    store = AccountStore(tmp_path / "a.json")
    store.add(ACCOUNT, {"access_token": "AT", "session_secret_key": "S"})
    with pytest.raises(CredentialsMissing, match="sign in again"):
        renew(store, ACCOUNT)
