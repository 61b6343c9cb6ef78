"""OK's OAuth 2.0 endpoints: /oauth/authorize (the demo user consents at once) and /oauth/token.do."""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlencode, urlsplit, urlunsplit

from okcomposer.api.signing import code_flow_secret
from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import Response, html_response, json_response
from okcomposer.sandbox.state import ACCESS_TOKEN_TTL_S, REFRESH_TOKEN_TTL_S

# A code is good for 2 minutes (apiok.ru server OAuth page; docs/ok-api.md, "Sign-in (OAuth)").
CODE_TTL_S = 120


def _redirect(location: str) -> Response:
    return Response(status=302, headers={"Location": location}, content_type="text/html;charset=utf-8")


def _scopes(raw: str | None) -> frozenset[str] | None:
    """The requested scopes (`a;b;c`), or None when any of them is unknown."""
    names = [name.strip() for name in (raw or "").split(";") if name.strip()]
    if any(name not in demo.KNOWN_SCOPES for name in names):
        return None
    return frozenset(names)


def _without_query(uri: str) -> str:
    """The part of a redirect_uri that OK checks: the query is not (docs/ok-api.md, "Sign-in (OAuth)",
    apiok.ru server OAuth page). The fragment goes too, as no redirect can carry one."""
    return urlunsplit(urlsplit(uri)._replace(query="", fragment=""))


def _with_query(uri: str, params: dict[str, str]) -> str:
    """`uri` with `params` added to its own query, which is kept as the application gave it."""
    return uri + ("&" if urlsplit(uri).query else "?") + urlencode(params)


def authorize(world, query: dict[str, str]) -> Response:
    if query.get("client_id") != demo.APPLICATION_ID:
        return html_response(400, "OAuth error", "Unknown application (client_id).")
    redirect_uri = query.get("redirect_uri", "")
    if _without_query(redirect_uri) not in demo.REDIRECT_URIS:
        # Never redirect to an address the application did not register.
        return html_response(400, "OAuth error", "redirect_uri is not registered for this application.")
    redirect_uri = urlunsplit(urlsplit(redirect_uri)._replace(fragment=""))
    response_type = query.get("response_type")
    state_value = query.get("state", "")
    if response_type not in ("token", "code"):
        return _redirect(
            _with_query(redirect_uri, {"error": "unsupported_response_type", "state": state_value})
        )
    scopes = _scopes(query.get("scope"))
    if scopes is None:
        error = {"error": "invalid_scope", "state": state_value}
        if response_type == "token":
            return _redirect(redirect_uri + "#" + urlencode(error))
        return _redirect(_with_query(redirect_uri, error))
    state = world.state
    uid = demo.USER["uid"]
    if response_type == "token":
        token, secret = "-s-" + secrets.token_urlsafe(33), secrets.token_hex(16)
        state.add_session(token, secret, "implicit", scopes, uid)
        answer = {"access_token": token, "session_secret_key": secret, "expires_in": str(ACCESS_TOKEN_TTL_S)}
        return _redirect(redirect_uri + "#" + urlencode({**answer, "state": state_value}))
    code = secrets.token_urlsafe(24)
    with state.lock:
        state.codes[code] = {
            "redirect_uri": redirect_uri,
            "scopes": scopes,
            "uid": uid,
            "expires_ms": state.now_ms() + CODE_TTL_S * 1000,
            "used": False,
        }
    return _redirect(_with_query(redirect_uri, {"code": code, "state": state_value}))


def _oauth_error(error: str, description: str) -> Response:
    return json_response({"error": error, "error_description": description}, status=400)


def _issue(state, scopes: frozenset[str], uid: str) -> dict:
    token = "-n-" + secrets.token_urlsafe(33)
    # Code-flow tokens sign with md5(access_token + application_secret_key).
    state.add_session(token, code_flow_secret(token, demo.APPLICATION_SECRET_KEY), "code", scopes, uid)
    return {"access_token": token, "token_type": "session", "expires_in": str(ACCESS_TOKEN_TTL_S)}


def token(world, params: dict[str, str]) -> Response:
    grant_type = params.get("grant_type")
    if grant_type not in ("authorization_code", "refresh_token"):
        return _oauth_error("invalid_request", "grant_type must be authorization_code or refresh_token")
    needed = ["client_id", "client_secret"] + (
        ["code", "redirect_uri"] if grant_type == "authorization_code" else ["refresh_token"]
    )
    absent = [name for name in needed if not params.get(name)]
    if absent:
        return _oauth_error("invalid_request", f"missing {', '.join(absent)}")
    if params["client_id"] != demo.APPLICATION_ID or not hmac.compare_digest(
        params["client_secret"].encode("utf-8"), demo.APPLICATION_SECRET_KEY.encode("ascii")
    ):
        return _oauth_error("invalid_client", "unknown client_id or wrong client_secret")
    state = world.state
    with state.lock:
        now = state.now_ms()
        if grant_type == "refresh_token":
            grant = state.refresh_tokens.get(params["refresh_token"])
            if grant is None or now >= grant["expires_ms"]:
                return _oauth_error("invalid_grant", "unknown or expired refresh_token")
            return json_response(_issue(state, grant["scopes"], grant["uid"]))
        grant = state.codes.get(params["code"])
        if grant is None or grant["used"] or now >= grant["expires_ms"]:
            return _oauth_error("invalid_grant", "unknown, used or expired code")
        grant["used"] = True  # single use, even when the redirect_uri below is wrong
        # Compared as authorize checks it, without the query (UNCONFIRMED for token.do: the sandbox is
        # not stricter than the documented check).
        if _without_query(params["redirect_uri"]) != _without_query(grant["redirect_uri"]):
            return _oauth_error("invalid_grant", "redirect_uri differs from the one used to authorize")
        answer = _issue(state, grant["scopes"], grant["uid"])
        refresh = secrets.token_urlsafe(32)
        state.refresh_tokens[refresh] = {
            "scopes": grant["scopes"],
            "uid": grant["uid"],
            "expires_ms": now + REFRESH_TOKEN_TTL_S * 1000,
        }
        return json_response({**answer, "refresh_token": refresh})
