"""After signing in and publishing, no token or secret is in any app file or in DEBUG logs."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import keyring
import pytest
import requests
from support.images import make_photos
from support.memory_keyring import MemoryKeyring

from okcomposer.api.client import OkClient
from okcomposer.app import signin
from okcomposer.app.accounts import resolve
from okcomposer.app.publish import publish
from okcomposer.store import paths
from okcomposer.store.accounts import AccountStore
from okcomposer.store.drafts import DraftStore
from okcomposer.store.logs import close_logging, setup_logging
from okcomposer.store.settings import Settings, SettingsStore


@pytest.fixture
def memory_keyring():
    old = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(old)


def _sign_in(sandbox, code_flow: bool):
    info = sandbox.info()
    app = signin.App(
        info["application_id"],
        info["application_key"],
        sandbox.base_url,
        info["application_secret_key"] if code_flow else None,
    )
    redirect = "http://localhost/auth" if code_flow else "https://oauth.mycdn.me/blank.html"
    request = signin.start(app, redirect)
    location = requests.get(request.url, allow_redirects=False, timeout=5).headers["Location"]
    return signin.finish(app, request, location), location


@pytest.mark.parametrize("code_flow", [False, True])
def test_no_secret_in_any_file_or_debug_log(sandbox, tmp_path, memory_keyring, code_flow):
    log_path = setup_logging(logging.DEBUG)
    try:
        account, redirect = _sign_in(sandbox, code_flow)
        session = resolve({}, AccountStore())
        client = OkClient(session.credentials, session.api_base)
        photos = make_photos(tmp_path, 2)
        from okcomposer.api.topic import Post

        post = Post.from_draft(
            {
                "attachment": {
                    "media": [
                        {"type": "text", "text": "secret-free"},
                        {"type": "photo", "list": [{"file": str(p)} for p in photos]},
                    ]
                }
            }
        )
        DraftStore().save(post.to_draft(), title="t")
        SettingsStore().save(Settings(last_target="me"))
        publish(client, post, uid=account.uid)
        logging.getLogger("okcomposer.test").debug("redirect was %s", redirect)
        client.close()
    finally:
        close_logging()
    stored = memory_keyring.items
    secrets = {v for blob in stored.values() for v in __import__("json").loads(blob).values() if len(v) >= 8}
    secrets.add(sandbox.info()["application_secret_key"])
    assert secrets and log_path.exists() and "call mediatopic.post" in log_path.read_text()
    home = Path(os.environ["OKCOMPOSER_HOME"])
    files = [p for p in home.rglob("*") if p.is_file()]
    assert {paths.config_dir(), paths.data_dir(), paths.log_dir()} <= {p.parent for p in files}
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"{secret[:4]}… found in {path.name}"


def test_tls_verification_is_always_on():
    from okcomposer.api.credentials import Credentials

    client = OkClient(Credentials("K", "T", "S"), "https://api.ok.ru")
    assert client.session.verify is True
    assert not os.environ.get("REQUESTS_CA_BUNDLE") or client.session.verify
