"""OAuth: the authorize URL, the implicit and code redirects with `state`, token.do against the sandbox."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from okcomposer.api import oauth
from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import OkAuthError


def test_authorize_url_has_every_parameter():
    req = oauth.authorize_url("512000000001", ["VALUABLE_ACCESS", "PHOTO_CONTENT"], response_type="code")
    parts = urlsplit(req.url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "connect.ok.ru", "/oauth/authorize")
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert q == {
        "client_id": "512000000001",
        "scope": "VALUABLE_ACCESS;PHOTO_CONTENT",
        "response_type": "code",
        "redirect_uri": "https://oauth.mycdn.me/blank.html",
        "layout": "w",
        "state": req.state,
    }
    assert len(req.state) >= 24
    assert f"state={req.state}" in req.url
    assert oauth.authorize_url("1").state != oauth.authorize_url("1").state


def test_authorize_url_refuses_the_public_key_as_client_id():
    with pytest.raises(ValueError, match="numeric application id"):
        oauth.authorize_url("CBAFJIICABABABABA")


def test_implicit_redirect_fragment():
    url = "https://oauth.mycdn.me/blank.html#access_token=AT&session_secret_key=SSK&expires_in=1800&state=S1"
    tokens = oauth.parse_implicit_redirect(url, "S1")
    assert (tokens.access_token, tokens.session_secret_key, tokens.expires_in) == ("AT", "SSK", 1800)
    assert "AT" not in repr(tokens) and "SSK" not in repr(tokens)


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://x/blank.html#access_token=AT&session_secret_key=SSK&state=OTHER", "state mismatch"),
        ("https://x/blank.html#access_token=AT&session_secret_key=SSK", "state mismatch"),
        ("https://x/blank.html#error=access_denied&state=S1", "refused"),
        ("https://x/blank.html#state=S1", "no access_token"),
        ("", "paste"),
        ("   ", "paste"),
    ],
)
def test_implicit_redirect_problems(url, message):
    with pytest.raises(OkAuthError, match=message):
        oauth.parse_implicit_redirect(url, "S1")


def test_code_redirect():
    assert oauth.parse_code_redirect("http://localhost/auth?code=C0DE&state=S2", "S2") == "C0DE"
    with pytest.raises(OkAuthError, match="state"):
        oauth.parse_code_redirect("http://localhost/auth?code=C0DE&state=S3", "S2")
    with pytest.raises(OkAuthError, match="no authorization code"):
        oauth.parse_code_redirect("http://localhost/auth?state=S2", "S2")


def _follow(url: str) -> str:
    """The sandbox's authorize page consents at once and redirects; return where it sends the browser."""
    answer = requests.get(url, allow_redirects=False, timeout=5)
    assert answer.status_code in (302, 303), answer.text
    return answer.headers["Location"]


def test_implicit_flow_against_the_sandbox(sandbox):
    info = sandbox.info()
    req = oauth.authorize_url(info["application_id"], connect_base=sandbox.base_url)
    tokens = oauth.parse_implicit_redirect(_follow(req.url), req.state)
    client = OkClient(
        Credentials(info["application_key"], tokens.access_token, tokens.session_secret_key), sandbox.base_url
    )
    assert client.call("users.getCurrentUser")["uid"] == info["user"]["uid"]


def test_code_flow_exchange_and_refresh_against_the_sandbox(sandbox):
    info = sandbox.info()
    redirect = "http://localhost/auth"
    req = oauth.authorize_url(
        info["application_id"], redirect_uri=redirect, response_type="code", connect_base=sandbox.base_url
    )
    code = oauth.parse_code_redirect(_follow(req.url), req.state)
    session = requests.Session()
    secret = info["application_secret_key"]
    tokens = oauth.exchange_code(session, code, info["application_id"], secret, redirect, sandbox.base_url)
    assert tokens.refresh_token and tokens.expires_in
    client = OkClient(
        Credentials(info["application_key"], tokens.access_token, application_secret_key=secret),
        sandbox.base_url,
    )
    assert client.call("users.getCurrentUser")["uid"] == info["user"]["uid"]
    # A code is single use.
    with pytest.raises(OkAuthError, match="refused"):
        oauth.exchange_code(session, code, info["application_id"], secret, redirect, sandbox.base_url)
    fresh = oauth.refresh(session, tokens.refresh_token, info["application_id"], secret, sandbox.base_url)
    assert fresh.access_token and fresh.refresh_token == tokens.refresh_token
    client2 = OkClient(
        Credentials(info["application_key"], fresh.access_token, application_secret_key=secret),
        sandbox.base_url,
    )
    assert client2.call("users.getCurrentUser")["uid"] == info["user"]["uid"]
    with pytest.raises(OkAuthError, match="refused"):
        oauth.refresh(session, "not-a-refresh-token", info["application_id"], secret, sandbox.base_url)
    with pytest.raises(OkAuthError, match="refused"):
        oauth.refresh(session, tokens.refresh_token, info["application_id"], "wrong-secret", sandbox.base_url)


def test_token_endpoint_answering_html_is_a_clear_error():
    from support.odd_server import OddServer

    with OddServer() as server:
        server.answer(b"<html>Bad request</html>", status=400, content_type="text/html")
        with pytest.raises(OkAuthError, match="HTTP 400 without JSON"):
            oauth.refresh(requests.Session(), "R", "1", "S", server.base_url)


def test_code_flow_with_a_query_in_redirect_uri_against_the_sandbox(sandbox):
    # OK checks redirect_uri without its query (docs/ok-api.md, "Sign-in (OAuth)").
    info = sandbox.info()
    redirect = "http://localhost/auth?profile=work"
    req = oauth.authorize_url(
        info["application_id"], redirect_uri=redirect, response_type="code", connect_base=sandbox.base_url
    )
    landed = _follow(req.url)
    assert landed.startswith("http://localhost/auth?profile=work&")
    code = oauth.parse_code_redirect(landed, req.state)
    secret = info["application_secret_key"]
    with requests.Session() as session:
        tokens = oauth.exchange_code(
            session, code, info["application_id"], secret, redirect, sandbox.base_url
        )
    assert tokens.access_token and tokens.refresh_token
