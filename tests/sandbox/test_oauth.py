"""OAuth: implicit and code flows, refresh, bad grants, unregistered redirects, token expiry."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests

from okcomposer.api.signing import code_flow_secret

REDIRECT = "https://oauth.mycdn.me/blank.html"


def authorize(api, **changes) -> requests.Response:
    params = {
        "client_id": api.info["application_id"],
        "scope": "VALUABLE_ACCESS;PHOTO_CONTENT",
        "response_type": "token",
        "redirect_uri": REDIRECT,
        "state": "xyz",
        "layout": "w",
        **changes,
    }
    return requests.get(f"{api.base}/oauth/authorize", params=params, allow_redirects=False, timeout=5)


def test_implicit_flow_gives_a_working_session(api):
    answer = authorize(api)
    assert answer.status_code == 302
    location = urlsplit(answer.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT and not location.query
    fragment = {k: v[0] for k, v in parse_qs(location.fragment).items()}
    assert set(fragment) == {"access_token", "session_secret_key", "expires_in", "state"}
    assert fragment["state"] == "xyz" and fragment["expires_in"] == "1800"
    session = (fragment["access_token"], fragment["session_secret_key"])
    assert api.call("users.getCurrentUser", session=session)["uid"] == api.uid
    assert api.call("photosV2.getUploadUrl", session=session)["photo_ids"]  # PHOTO_CONTENT granted
    assert api.error("moments.commit", photos="[]", session=session) == 100
    assert (
        api.error("video.getUploadUrl", file_name="a", file_size="20000", session=session) == 10
    )  # not granted


def code_grant(api, redirect_uri=REDIRECT) -> str:
    answer = authorize(api, response_type="code", redirect_uri=redirect_uri)
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query["state"] == ["xyz"]
    return query["code"][0]


def test_code_flow_refresh_and_expiry(api):
    code = code_grant(api)
    grant = requests.post(f"{api.base}/oauth/token.do", data=api.grant(code, REDIRECT), timeout=5)
    assert grant.status_code == 200
    body = grant.json()
    assert body["token_type"] == "session" and int(body["expires_in"]) == 1800 and body["refresh_token"]
    secret = code_flow_secret(body["access_token"], api.info["application_secret_key"])
    assert api.call("users.getCurrentUser", session=(body["access_token"], secret))["uid"] == api.uid
    # The access token runs out after expires_in: 102, then a refresh gives a new working token.
    api.sb.state.sessions[body["access_token"]]["expires_at_ms"] = 0
    assert api.error("users.getCurrentUser", session=(body["access_token"], secret)) == 102
    refresh = {
        "grant_type": "refresh_token",
        "refresh_token": body["refresh_token"],
        "client_id": api.info["application_id"],
        "client_secret": api.info["application_secret_key"],
    }
    fresh = requests.post(f"{api.base}/oauth/token.do", data=refresh, timeout=5).json()
    assert fresh["access_token"] != body["access_token"] and fresh["token_type"] == "session"
    new_secret = code_flow_secret(fresh["access_token"], api.info["application_secret_key"])
    assert api.call("users.getCurrentUser", session=(fresh["access_token"], new_secret))["uid"] == api.uid
    bad = requests.post(f"{api.base}/oauth/token.do", data={**refresh, "refresh_token": "nope"}, timeout=5)
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_grant"


def test_bad_grants(api):
    def token_do(data):
        answer = requests.post(f"{api.base}/oauth/token.do", data=data, timeout=5)
        assert answer.status_code == 400
        return answer.json()["error"]

    code = code_grant(api)
    assert token_do({**api.grant(code, REDIRECT), "client_secret": "wrong"}) == "invalid_client"
    assert token_do({**api.grant(code, REDIRECT), "client_id": "1"}) == "invalid_client"
    assert (
        token_do({k: v for k, v in api.grant(code, REDIRECT).items() if k != "redirect_uri"})
        == "invalid_request"
    )
    assert token_do({**api.grant(code, REDIRECT), "grant_type": "password"}) == "invalid_request"
    assert token_do(api.grant("made-up", REDIRECT)) == "invalid_grant"
    assert token_do(api.grant(code, "http://localhost/auth")) == "invalid_grant"  # not the authorize redirect
    assert (
        token_do(api.grant(code, REDIRECT)) == "invalid_grant"
    )  # a code is single use, even after a failure
    second = code_grant(api)
    assert (
        requests.post(f"{api.base}/oauth/token.do", data=api.grant(second, REDIRECT), timeout=5).status_code
        == 200
    )
    assert token_do(api.grant(second, REDIRECT)) == "invalid_grant"


def test_unregistered_redirect_or_client_is_an_error_page(api):
    for changes in (
        {"redirect_uri": "https://evil.example/cb"},
        {"redirect_uri": "http://localhost:8080/auth"},
        {"client_id": "123"},
    ):
        answer = authorize(api, **changes)
        assert answer.status_code == 400 and "Location" not in answer.headers
        assert answer.headers["Content-Type"].startswith("text/html")


def test_bad_scope_or_response_type_redirects_with_error(api):
    answer = authorize(api, scope="VALUABLE_ACCESS;EVERYTHING")
    fragment = parse_qs(urlsplit(answer.headers["Location"]).fragment)
    assert fragment == {"error": ["invalid_scope"], "state": ["xyz"]}
    answer = authorize(api, response_type="magic")
    query = parse_qs(urlsplit(answer.headers["Location"]).query)
    assert query == {"error": ["unsupported_response_type"], "state": ["xyz"]}
