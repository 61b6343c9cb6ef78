"""The sandbox is neither looser nor stricter than OK documents (issue 11, item 10), one test per point:
users.getCallsLeft's shape, the 2-minute OAuth code, redirect_uri's query, the `sizes` list, and one error
table for the sandbox and the client (docs/ok-api.md: "Rate limits", "Sign-in (OAuth)", "Photos",
"Error codes")."""

from __future__ import annotations

import ast
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

import okcomposer.sandbox
from okcomposer.api import errors
from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.sandbox import answers, faults

REDIRECT = "https://oauth.mycdn.me/blank.html"


def test_calls_left_has_the_documented_shape(api):
    # apiok.ru users.getCallsLeft: [{"available": boolean, "callsLeft": Integer, "name": String}].
    left = api.call("users.getCallsLeft", methods="mediatopic.post,no.suchMethod")
    assert [set(entry) for entry in left] == [{"available", "callsLeft", "name"}] * 2
    assert left[0]["name"] == "mediatopic.post" and left[0]["available"] is True
    assert isinstance(left[0]["callsLeft"], int) and left[0]["callsLeft"] > 0
    assert left[1] == {"available": False, "callsLeft": 0, "name": "no.suchMethod"}
    assert api.error("users.getCallsLeft") == 100  # `methods` is required


def _authorize(api, redirect_uri: str = REDIRECT, response_type: str = "code") -> str:
    params = {
        "client_id": api.info["application_id"],
        "scope": "VALUABLE_ACCESS",
        "response_type": response_type,
        "redirect_uri": redirect_uri,
        "state": "st",
        "layout": "w",
    }
    answer = requests.get(f"{api.base}/oauth/authorize", params=params, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    return answer.headers["Location"]


def _code(api, redirect_uri: str = REDIRECT) -> str:
    return parse_qs(urlsplit(_authorize(api, redirect_uri)).query)["code"][0]


def _token_do(api, code: str, redirect_uri: str = REDIRECT) -> requests.Response:
    return requests.post(f"{api.base}/oauth/token.do", data=api.grant(code, redirect_uri), timeout=5)


@pytest.mark.parametrize("seconds, works", [(0, True), (119, True), (121, False), (600, False)])
def test_an_oauth_code_lives_two_minutes(api, monkeypatch, seconds, works):
    code = _code(api)
    later = api.sb.state.now_ms() + seconds * 1000
    monkeypatch.setattr(api.sb.state, "now_ms", lambda: later)
    answer = _token_do(api, code)
    assert (answer.status_code == 200) is works
    if not works:
        assert answer.json()["error"] == "invalid_grant"


def test_the_query_of_redirect_uri_is_not_checked_and_is_kept(api):
    with_query = REDIRECT + "?from=composer&lang=ru"
    location = urlsplit(_authorize(api, with_query))
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["from"] == ["composer"] and query["lang"] == ["ru"] and query["state"] == ["st"]
    assert _token_do(api, query["code"][0], with_query).status_code == 200
    # token.do compares the same way: with or without the query (UNCONFIRMED which one OK wants).
    assert _token_do(api, _code(api, with_query), REDIRECT).status_code == 200
    implicit = urlsplit(_authorize(api, with_query, "token"))
    assert parse_qs(implicit.query) == {"from": ["composer"], "lang": ["ru"]}
    assert "access_token" in parse_qs(implicit.fragment)
    # The checked part itself still has to be registered.
    params = {"client_id": api.info["application_id"], "scope": "VALUABLE_ACCESS", "response_type": "code"}
    for other in ("https://evil.example/blank.html?x=1", REDIRECT + "x?a=1", "https://oauth.mycdn.me/?x=1"):
        answer = requests.get(
            f"{api.base}/oauth/authorize",
            params={**params, "redirect_uri": other},
            allow_redirects=False,
            timeout=5,
        )
        assert answer.status_code == 400 and "Location" not in answer.headers


@pytest.mark.parametrize(
    "sizes, count, ok",
    [
        (None, 3, True),  # no sizes at all
        ("", 3, True),  # empty is absent
        ("1000", 3, True),  # just the largest
        ("1000,2000,3000", 3, True),  # one per file
        ("1000,2000", 3, False),
        ("1000,2000,3000,4000", 3, False),
        ("1000", 1, True),
        ("1000,2000", 1, False),
    ],
)
def test_sizes_takes_one_per_file_or_just_the_largest(api, sizes, count, ok):
    params = {"count": str(count)} | ({} if sizes is None else {"sizes": sizes})
    if ok:
        assert len(api.call("photosV2.getUploadUrl", **params)["photo_ids"]) == count
    else:
        assert api.error("photosV2.getUploadUrl", **params) == 100


def _codes_raised_in_sandbox() -> set[int]:
    """Every whole number written in the first argument of an ApiError(...) in the sandbox's modules."""
    found: set[int] = set(faults.ERROR_KINDS.values())
    for path in Path(okcomposer.sandbox.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ApiError" and node.args:
                for inner in ast.walk(node.args[0]):
                    if isinstance(inner, ast.Constant) and type(inner.value) is int:
                        found.add(inner.value)
    return found


def test_the_sandbox_and_the_client_share_one_error_table():
    assert answers.error_name is errors.error_name
    raised = _codes_raised_in_sandbox()
    assert {2, 8, 100, 102, 500} <= raised  # the scan does find them
    assert not raised - set(errors.ERROR_NAMES), "codes the sandbox answers that the table does not name"
    for code, name in errors.ERROR_NAMES.items():
        assert answers.error_json(code, "x")["error_msg"] == f"{name} : x"


def test_an_error_answered_by_the_sandbox_reads_the_same_in_the_client(sandbox):
    info = sandbox.info()
    client = OkClient(
        Credentials(info["application_key"], info["access_token"], info["session_secret_key"]),
        sandbox.base_url,
    )
    with pytest.raises(errors.OkApiError) as info_err:
        client.call("photosV2.getUploadUrl", {"count": 2, "sizes": "1,2,3"})
    assert (info_err.value.code, info_err.value.name) == (100, "PARAM")
    assert info_err.value.message.startswith("Invalid parameter sizes")
