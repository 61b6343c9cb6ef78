"""OK OAuth 2.0: the authorize URL, parsing the redirect, and token.do exchange and refresh."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests

from okcomposer.api.client import DEFAULT_TIMEOUT, check_base_url
from okcomposer.api.errors import OkAuthError
from okcomposer.api.urls import redirect_host
from okcomposer.redact import redact

CONNECT_BASE = "https://connect.ok.ru"
TOKEN_BASE = "https://api.ok.ru"
DEFAULT_REDIRECT = "https://oauth.mycdn.me/blank.html"
DEFAULT_SCOPES = ("VALUABLE_ACCESS", "LONG_ACCESS_TOKEN", "PHOTO_CONTENT", "GROUP_CONTENT", "VIDEO_CONTENT")


@dataclass(frozen=True)
class AuthRequest:
    """An authorize URL and the `state` its redirect must bring back."""

    url: str
    state: str = field(repr=False)
    redirect_uri: str
    response_type: str


def authorize_url(
    client_id: str,
    scopes: Iterable[str] = DEFAULT_SCOPES,
    redirect_uri: str = DEFAULT_REDIRECT,
    response_type: str = "token",
    connect_base: str = CONNECT_BASE,
    state: str | None = None,
) -> AuthRequest:
    if response_type not in ("token", "code"):
        raise ValueError("response_type must be 'token' or 'code'")
    if not str(client_id).isdigit():
        raise ValueError("client_id is the numeric application id, not the public key")
    state = state or secrets.token_urlsafe(24)
    query = urlencode(
        {
            "client_id": client_id,
            "scope": ";".join(scopes),
            "response_type": response_type,
            "redirect_uri": redirect_uri,
            "layout": "w",
            "state": state,
        }
    )
    url = f"{check_base_url(connect_base)}/oauth/authorize?{query}"
    return AuthRequest(url, state, redirect_uri, response_type)


@dataclass(frozen=True)
class Tokens:
    """What a sign-in yields. Never shown: repr hides the secrets."""

    access_token: str = field(repr=False)
    session_secret_key: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_in: int | None = None


def _params(text: str) -> dict[str, str]:
    try:
        parsed = parse_qs(text, keep_blank_values=True, strict_parsing=False, max_num_fields=100)
    except ValueError:
        raise OkAuthError("the redirect address has too many parameters") from None
    return {k: v[0] for k, v in parsed.items()}


def _check_state(params: dict[str, str], expected_state: str) -> None:
    if "error" in params:
        raise OkAuthError(f"OK refused the sign-in: {redact(params['error'])[:200]}")
    got = params.get("state", "")
    if not expected_state or not hmac.compare_digest(got.encode(), expected_state.encode()):
        raise OkAuthError(
            "the sign-in answer does not belong to this request (state mismatch); sign in again"
        )


def _expires(params: dict[str, str]) -> int | None:
    raw = params.get("expires_in", "")
    return int(raw) if raw.isdigit() else None


def parse_implicit_redirect(url: str, expected_state: str) -> Tokens:
    """The implicit flow puts the token in the redirect's fragment."""
    if not isinstance(url, str) or not url.strip():
        raise OkAuthError("paste the whole address the browser ended on")
    parts = urlsplit(url.strip())
    params = _params(parts.fragment) or _params(parts.query)
    _check_state(params, expected_state)
    token, secret = params.get("access_token", ""), params.get("session_secret_key", "")
    if not token or not secret:
        raise OkAuthError(
            "the address has no access_token and session_secret_key; copy it once the page loaded"
        )
    return Tokens(token, session_secret_key=secret, expires_in=_expires(params))


def parse_code_redirect(url: str, expected_state: str) -> str:
    """The code flow puts `code` in the redirect's query."""
    if not isinstance(url, str) or not url.strip():
        raise OkAuthError("paste the whole address the browser ended on")
    params = _params(urlsplit(url.strip()).query)
    _check_state(params, expected_state)
    code = params.get("code", "")
    if not code:
        raise OkAuthError("the address has no authorization code")
    return code


def _token_request(session: requests.Session, token_base: str, data: dict[str, str]) -> Tokens:
    url = f"{check_base_url(token_base)}/oauth/token.do"
    try:
        # Never follow a redirect: it would carry the code or refresh token and the client secret away.
        response = session.post(url, data=data, timeout=DEFAULT_TIMEOUT, allow_redirects=False)
    except requests.RequestException as exc:
        raise OkAuthError(f"could not reach OK's token endpoint ({type(exc).__name__})") from None
    if 300 <= response.status_code < 400:
        where = redirect_host(url, response.headers.get("Location", ""))
        raise OkAuthError(
            f"OK's token endpoint answered HTTP {response.status_code}, a redirect to {where!r}; "
            "okcomposer never follows redirects"
        )
    try:
        body: Any = response.json()
    except ValueError:
        # token.do may answer text/html on bad input.
        raise OkAuthError(f"OK's token endpoint answered HTTP {response.status_code} without JSON") from None
    if not isinstance(body, dict):
        raise OkAuthError("OK's token endpoint answered an unexpected JSON value")
    if "error" in body or "error_code" in body:
        detail = body.get("error_description") or body.get("error") or body.get("error_msg") or "error"
        raise OkAuthError(f"OK refused the token request: {redact(str(detail))[:200]}")
    token = body.get("access_token")
    if not isinstance(token, str) or not token:
        raise OkAuthError("OK's token endpoint answered without an access token")
    expires = str(body.get("expires_in") or "")
    return Tokens(
        token,
        refresh_token=body.get("refresh_token") or data.get("refresh_token"),
        expires_in=int(expires) if expires.isdigit() else None,
    )


def exchange_code(
    session: requests.Session,
    code: str,
    client_id: str,
    client_secret: str,
    redirect_uri: str = DEFAULT_REDIRECT,
    token_base: str = TOKEN_BASE,
) -> Tokens:
    data = {
        "code": code,
        "client_id": client_id,
        "client_secret": client_secret,
        "redirect_uri": redirect_uri,
        "grant_type": "authorization_code",
    }
    return _token_request(session, token_base, data)


def refresh(
    session: requests.Session,
    refresh_token: str,
    client_id: str,
    client_secret: str,
    token_base: str = TOKEN_BASE,
) -> Tokens:
    data = {
        "refresh_token": refresh_token,
        "client_id": client_id,
        "client_secret": client_secret,
        "grant_type": "refresh_token",
    }
    return _token_request(session, token_base, data)
