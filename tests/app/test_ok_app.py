"""The OK application as configuration: ok-app.json read by one function; the sandbox's app the same way."""

from __future__ import annotations

import json
import threading
import tomllib
from pathlib import Path

import keyring
import pytest
import requests
from support.memory_keyring import use_memory_keyring

from okcomposer.api.client import OK_API_BASE
from okcomposer.api.loopback import ANSWER_PATH, LOOPBACK_REDIRECT
from okcomposer.app import ok_app, signin
from okcomposer.store.accounts import AccountStore

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, **fields) -> Path:
    path = tmp_path / "ok-app.json"
    path.write_text(json.dumps(fields), encoding="utf-8")
    return path


def test_the_packaged_file_ships_empty_and_says_so():
    path = ok_app.settings_path()
    assert path == ROOT / "okcomposer" / "resources" / "ok-app.json" and path.is_file()
    settings = ok_app.load_settings()
    assert not settings.configured and settings.loopback
    assert settings.paste_redirect == "https://oauth.mycdn.me/blank.html"
    with pytest.raises(ok_app.NotConfigured, match="docs/ok-app.md") as missing:
        ok_app.packaged_app()
    assert "--application-id" in str(missing.value)
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "resources/*.json" in data["tool"]["setuptools"]["package-data"]["okcomposer"]


def test_a_filled_file_gives_the_app_for_ok(tmp_path):
    path = _write(
        tmp_path,
        application_id="512000000001",
        application_key="CBAPUBLICKEY",
        redirect_uris=[LOOPBACK_REDIRECT],
        scopes=["VALUABLE_ACCESS", "PHOTO_CONTENT"],
    )
    app, settings = ok_app.packaged_app(path)
    assert (app.application_id, app.application_key, app.api_base) == (
        "512000000001",
        "CBAPUBLICKEY",
        OK_API_BASE,
    )
    assert app.flow == "token" and app.application_secret_key is None  # public values only
    assert app.scopes == ("VALUABLE_ACCESS", "PHOTO_CONTENT") and settings.loopback
    request = signin.start(app, settings.paste_redirect)
    assert "scope=VALUABLE_ACCESS%3BPHOTO_CONTENT" in request.url and request.url.startswith(
        "https://connect.ok.ru/"
    )


def test_a_file_without_the_loopback_address_has_no_one_button_way(tmp_path):
    path = _write(tmp_path, application_id="1", application_key="K", redirect_uris=["https://example.org/x"])
    settings = ok_app.load_settings(path)
    assert (
        settings.configured and not settings.loopback and settings.paste_redirect == "https://example.org/x"
    )


@pytest.mark.parametrize(
    "text, fault",
    [
        ("{not json", "cannot be read"),
        ("[]", "JSON object"),
        ('{"application_id": "CBAKEY", "application_key": "K"}', "numeric id"),
        ('{"application_id": "1", "application_key": "K", "scopes": ["photo content"]}', "permission"),
        ('{"application_id": "1", "application_key": "K", "scopes": []}', "list of strings"),
        (
            '{"application_id": "1", "application_key": "K", "redirect_uris": ["http://example.org/"]}',
            "https",
        ),
    ],
)
def test_a_damaged_file_is_named_with_its_fault(tmp_path, text, fault):
    path = tmp_path / "ok-app.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ok_app.NotConfigured, match=fault):
        ok_app.packaged_app(path)


def test_the_sandbox_demo_app_signs_in_the_one_button_way(sandbox, tmp_path):
    _backend, old = use_memory_keyring()
    try:
        app, settings = ok_app.sandbox_app(sandbox.info())
        assert settings.loopback and app.api_base == sandbox.base_url and app.flow == "token"
        pending = signin.start_loopback(app)

        def browser() -> None:
            location = requests.get(pending.request.url, allow_redirects=False, timeout=5).headers["Location"]
            fragment = location.partition("#")[2]
            requests.post(f"http://localhost:51739{ANSWER_PATH}", data=fragment, timeout=5)

        thread = threading.Thread(target=browser)
        thread.start()
        store = AccountStore(tmp_path / "accounts.json")
        account = signin.finish_loopback(app, pending, store, timeout=10)
        thread.join(5)
        assert account.name == "Demo User" and store.current() == account
    finally:
        keyring.set_keyring(old)
