"""The HTTP client: form POST to fb.do, any JSON shape, typed errors, and no secret in any text."""

from __future__ import annotations

import logging
import pickle
import traceback
from urllib.parse import parse_qs

import pytest
from support.odd_server import OddServer

from okcomposer import redact
from okcomposer.api.client import OkClient, check_base_url
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import (
    ERROR_NAMES,
    OkApiError,
    OkBadResponse,
    OkHttpError,
    OkNetworkError,
    OkTimeout,
)
from okcomposer.api.signing import sign

TOKEN = "tkn-SECRET-access-0123456789"
SESSION_SECRET = "sess-SECRET-5f4dcc3b5aa765d61d83"
APP_SECRET = "app-SECRET-e99a18c428cb38d5f260"
CREDS = Credentials("CBAPUBLICKEY", access_token=TOKEN, session_secret_key=SESSION_SECRET)
SECRETS = (TOKEN, SESSION_SECRET, APP_SECRET)


@pytest.fixture
def odd():
    with OddServer() as server:
        yield server


def assert_clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def everything_about(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)) + repr(exc) + str(exc) + repr(vars(exc))


def test_form_post_is_signed_and_parses_a_bare_string(odd):
    odd.answer(b'"70102413183763"')
    client = OkClient(CREDS, odd.base_url)
    assert client.call("mediatopic.post", {"attachment": {"media": []}, "gid": 7, "hidden_post": True}) == (
        "70102413183763"
    )
    sent = {k: v[0] for k, v in parse_qs(odd.requests[0].decode()).items()}
    assert sent["method"] == "mediatopic.post" and sent["format"] == "json"
    assert sent["attachment"] == '{"media":[]}' and sent["hidden_post"] == "true" and sent["gid"] == "7"
    assert sent["access_token"] == TOKEN
    assert sent["sig"] == sign({k: v for k, v in sent.items()}, SESSION_SECRET)


@pytest.mark.parametrize("body, value", [(b"[1,2]", [1, 2]), (b"42", 42), (b"true", True), (b"null", None)])
def test_any_json_shape(odd, body, value):
    odd.answer(body)
    assert OkClient(CREDS, odd.base_url).call("x.y") == value


def test_error_json_becomes_typed_error(odd):
    odd.answer(b'{"error_code": 104, "error_msg": "PARAM_SIGNATURE : Invalid signature", "error_data": null}')
    with pytest.raises(OkApiError) as info:
        OkClient(CREDS, odd.base_url).call("users.getCurrentUser")
    err = info.value
    assert (err.code, err.name, err.message, err.method) == (
        104,
        "PARAM_SIGNATURE",
        "Invalid signature",
        "users.getCurrentUser",
    )
    assert "104 PARAM_SIGNATURE" in str(err)


def test_every_code_of_the_table_has_its_name():
    assert len(ERROR_NAMES) == 61  # every code listed in docs/ok-api.md, "Error codes"
    for code, name in ERROR_NAMES.items():
        assert OkApiError(code, "x").name == name
    assert OkApiError(4242).name == "UNKNOWN"


@pytest.mark.parametrize(
    "code, name",
    [
        (22, "NOT_ACTIVATED"),
        (23, "NOT_YET_INVOLVED"),
        (24, "NOT_OWNER"),
        (25, "NOT_ACTIVE"),
        (26, "TOTAL_LIMIT_REACHED"),
        (106, "PARAM_ENTITY_ID"),
        (451, "NOT_SESSION_METHOD"),
        (457, "UNAUTHORIZED_RESTRICTION"),
        (514, "IDS_SESSION_VERIFICATION_REQUIRED"),
        (605, "MEDIA_TOPIC_WITH_FRIENDS_LIMIT"),
        (606, "MEDIA_TOPIC_WITH_FRIENDS_USER_LIMIT"),
        (5000, "INVALID_RESPONSE"),
    ],
)
def test_codes_that_used_to_show_as_unknown(odd, code, name):
    odd.answer(f'{{"error_code": {code}, "error_msg": "{name} : details"}}'.encode())
    with pytest.raises(OkApiError) as info:
        OkClient(CREDS, odd.base_url).call("x.y")
    assert (info.value.code, info.value.name, info.value.message) == (code, name, "details")


def test_error_message_echoing_a_token_is_redacted(odd):
    odd.answer(f'{{"error_code": 100, "error_msg": "PARAM : bad access_token={TOKEN}"}}'.encode())
    with pytest.raises(OkApiError) as info:
        OkClient(CREDS, odd.base_url).call("x.y")
    assert_clean(everything_about(info.value))


@pytest.mark.parametrize("status", [500, 503, 404])
def test_http_errors(odd, status):
    odd.answer(b"<html>oops</html>", status=status, content_type="text/html")
    with pytest.raises(OkHttpError) as info:
        OkClient(CREDS, odd.base_url).call("x.y")
    assert info.value.status == status


def test_non_json_body(odd):
    odd.answer(b"<html>maintenance</html>", content_type="text/html")
    with pytest.raises(OkBadResponse, match="not JSON"):
        OkClient(CREDS, odd.base_url).call("x.y")


def test_connection_refused_is_a_network_error():
    with OddServer() as server:
        base = server.base_url
    with pytest.raises(OkNetworkError) as info:
        OkClient(CREDS, base).call("x.y")
    assert not isinstance(info.value, OkTimeout)
    assert_clean(everything_about(info.value))
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_sandbox_faults_map_to_typed_errors(sandbox):
    info = sandbox.info()
    creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
    client = OkClient(creds, sandbox.base_url, timeout=(2.0, 1.0))
    sandbox.add_fault(method="users.getCurrentUser", kind="http503", times=1)
    with pytest.raises(OkHttpError):
        client.call("users.getCurrentUser")
    sandbox.add_fault(method="users.getCurrentUser", kind="drop_before", times=1)
    with pytest.raises(OkNetworkError) as dropped:
        client.call("users.getCurrentUser")
    sandbox.add_fault(method="users.getCurrentUser", kind="slow", times=1)
    with pytest.raises(OkTimeout) as slow:
        client.call("users.getCurrentUser")
    sandbox.add_fault(method="users.getCurrentUser", kind="service", times=1)
    with pytest.raises(OkApiError) as service:
        client.call("users.getCurrentUser")
    assert service.value.code == 2 and service.value.transient
    for err in (dropped.value, slow.value, service.value):
        assert info["access_token"] not in everything_about(err)
        assert info["session_secret_key"] not in everything_about(err)
    assert client.call("users.getCurrentUser")["uid"] == info["user"]["uid"]


def test_reprs_hide_secrets():
    creds = Credentials("K", access_token=TOKEN, application_secret_key=APP_SECRET)
    client = OkClient(creds, "https://api.ok.ru")
    assert_clean(repr(creds) + str(creds) + repr(client))
    assert "code-flow" in repr(creds)


def test_credentials_do_not_pickle_into_crash_dumps_readably():
    # Pickling is how a secret could reach a crash dump; at least repr-based dumps stay clean.
    creds = Credentials("K", access_token=TOKEN, session_secret_key=SESSION_SECRET)
    assert_clean(repr(creds))
    assert TOKEN.encode() in pickle.dumps(
        creds
    )  # documents that pickles are not safe: never pickle credentials


def test_debug_log_lines_are_redacted(odd, caplog):
    odd.answer(b"{}")
    caplog.set_level(logging.DEBUG)
    handler_filter = redact.RedactingFilter()
    caplog.handler.addFilter(handler_filter)  # as redact.install() does for the app's handlers
    try:
        OkClient(CREDS, odd.base_url).call("users.getCurrentUser")
        logging.getLogger("okcomposer.test").debug(
            "url ?access_token=%s&sig=abc&session_secret_key=%s", TOKEN, SESSION_SECRET
        )
    finally:
        caplog.handler.removeFilter(handler_filter)
    text = caplog.text
    assert "users.getCurrentUser" in text
    assert_clean(text)
    assert "sig=abc" not in text


@pytest.mark.parametrize(
    "text, leaked",
    [
        ("https://x/?access_token=AAA&sig=BBB", ("AAA", "BBB")),
        ('{"session_secret_key": "CCC", "refresh_token":"DDD"}', ("CCC", "DDD")),
        ("client_secret=EEE&code=FFF", ("EEE", "FFF")),
        ("{'access_token': 'GGG'}", ("GGG",)),
        ("#access_token=HHH&session_secret_key=III&state=ok", ("HHH", "III")),
        ("Authorization: Bearer JJJJ.kk-ll", ("JJJJ",)),  # a bare token after an auth scheme
        ("{'Authorization': 'OAuth MMMM/nn+oo='}", ("MMMM",)),
    ],
)
def test_redact(text, leaked):
    clean = redact.redact(text)
    for secret in leaked:
        assert secret not in clean
    assert "***" in clean


def test_redact_keeps_ordinary_words():
    assert redact.redact("signature code review, postcode=123") == "signature code review, postcode=123"
    assert redact.redact("the bearer of news; basic auth") == "the bearer of news; basic auth"
    assert redact.redact(redact.redact("Bearer abcdef")) == "Bearer ***"  # idempotent


@pytest.mark.parametrize("url", ["http://api.ok.ru", "ftp://api.ok.ru", "http://10.0.0.1:80", "api.ok.ru"])
def test_plain_http_refused_except_loopback(url):
    with pytest.raises(ValueError, match="refusing"):
        check_base_url(url)


def test_loopback_http_allowed():
    assert check_base_url("http://127.0.0.1:8080/") == "http://127.0.0.1:8080"
    assert check_base_url("https://api.ok.ru") == "https://api.ok.ru"


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://u123.mycdn.me/uploadImage?x=1", True),
        ("https://vu.ok.ru/upload/", True),
        ("https://evil.example/upload", False),
        ("https://mycdn.me.evil.example/upload", False),
        ("https://vu.okcdn.ru/upload", True),
        ("ftp://u1.mycdn.me/upload", False),
        ("https://api.ok.ru/upload", True),
    ],
)
def test_upload_hosts(url, ok):
    # More cases, plain http upgraded, and parser tricks: tests/api/test_transport_safety.py.
    client = OkClient(CREDS, "https://api.ok.ru")
    if ok:
        assert client.check_upload_url(url) == url
    else:
        with pytest.raises(OkBadResponse, match="refusing the upload address"):
            client.check_upload_url(url)
