"""No token or photo leaves for another host: redirects are never followed (API calls, uploads, token.do),
and upload URLs are checked with the parser that connects (docs/ok-api.md, "Transport and errors",
"Upload hosts"). A listener on 127.0.0.2 stands for the other host and must receive nothing."""

from __future__ import annotations

import time

import pytest
import requests
from support.recording_server import RecordingServer

from okcomposer.api import oauth
from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import OkAuthError, OkBadResponse, OkRedirect
from okcomposer.api.urls import check_upload_url

TOKEN = "tkn-SECRET-access-0123456789"
CREDS = Credentials("CBAPUBLICKEY", access_token=TOKEN, session_secret_key="sess-SECRET-5f4dcc3b")


@pytest.fixture
def api():
    with RecordingServer("127.0.0.1") as server:
        yield server


@pytest.fixture
def other():
    with RecordingServer("127.0.0.2") as server:
        yield server


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_an_api_redirect_is_an_error_naming_the_host_and_the_token_stays(api, other, status):
    api.respond(status, b"", Location=f"{other.base_url}/fb.do")
    client = OkClient(CREDS, api.base_url)
    with pytest.raises(OkRedirect) as info:
        client.call("mediatopic.post", {"attachment": {"media": []}})
    assert info.value.status == status and info.value.host == "127.0.0.2"
    assert "127.0.0.2" in str(info.value) and TOKEN not in str(info.value)
    assert len(api.seen) == 1 and other.seen == []


def test_a_relative_redirect_names_the_api_host_and_is_not_followed(api):
    api.respond(307, b"", Location="/elsewhere/fb.do")
    with pytest.raises(OkRedirect, match="127.0.0.1"):
        OkClient(CREDS, api.base_url).call("users.getCurrentUser")
    assert [seen.path for seen in api.seen] == ["/fb.do"]


def test_an_upload_answered_307_fails_at_once_and_is_not_sent_again(api, other):
    api.respond(307, b"", Location=f"{other.base_url}/upload")
    # "At once": well before a read timeout of two minutes, however loaded the machine (no tight limit).
    client = OkClient(CREDS, api.base_url, timeout=(2.0, 120.0))
    started = time.monotonic()
    with pytest.raises(OkRedirect, match="127.0.0.2"):
        client.upload(f"{api.base_url}/upload?x=1", b"photo-bytes", "image/jpeg", "upload.photo")
    assert time.monotonic() - started < 60
    assert len(api.seen) == 1 and other.seen == []


def test_a_get_through_the_client_does_not_follow_either(api, other):
    api.respond(302, b"", Location=f"{other.base_url}/status")
    with pytest.raises(OkRedirect):
        OkClient(CREDS, api.base_url).request("GET", f"{api.base_url}/upload", "upload.status")
    assert other.seen == []


def test_the_clients_session_refuses_redirects_even_when_asked_to_follow(api, other):
    api.respond(307, b"", Location=f"{other.base_url}/fb.do")
    client = OkClient(CREDS, api.base_url)
    with pytest.raises(requests.TooManyRedirects):
        client.session.post(f"{api.base_url}/fb.do", data={"access_token": TOKEN}, timeout=5)
    assert other.seen == []


@pytest.mark.parametrize("status", [302, 307])
def test_token_endpoint_redirect_is_an_auth_error_and_secrets_stay(api, other, status):
    api.respond(status, b"", Location=f"{other.base_url}/oauth/token.do")
    with pytest.raises(OkAuthError, match="127.0.0.2") as info:
        oauth.refresh(requests.Session(), "REFRESH-SECRET", "1", "CLIENT-SECRET", api.base_url)
    assert "REFRESH-SECRET" not in str(info.value)
    assert len(api.seen) == 1 and other.seen == []


def test_the_backslash_trick_cannot_send_the_photo_to_another_host(api, other):
    # urllib.parse reads 127.0.0.1 after the "@"; urllib3 (what requests connects with) reads 127.0.0.2.
    url = f"http://127.0.0.2:{other.port}\\@127.0.0.1:{api.port}/up"
    client = OkClient(CREDS, api.base_url)
    with pytest.raises(OkBadResponse, match="backslash.*127.0.0.2"):
        client.upload(url, b"photo-bytes", "image/jpeg", "upload.photo")
    assert other.seen == [] and api.seen == []


@pytest.mark.parametrize(
    "template, why",
    [
        ("http://127.0.0.1:{api}@127.0.0.2:{other}/up", "user name"),
        ("http://127.0.0.2:{other}#@127.0.0.1:{api}/up", "unexpected host '127.0.0.2'"),
        ("http://127.0.0.2:{other}?@127.0.0.1:{api}/up", "unexpected host '127.0.0.2'"),
        ("http://127.0.0.1:{api}\t@127.0.0.2:{other}/up", "control characters"),
        ("http://127.0.0.2:{other}/up", "unexpected host '127.0.0.2'"),
    ],
)
def test_other_confusing_upload_addresses_are_refused(api, other, template, why):
    url = template.format(api=api.port, other=other.port)
    with pytest.raises(OkBadResponse, match=why):
        OkClient(CREDS, api.base_url).upload(url, b"photo-bytes", "image/jpeg", "upload.photo")
    assert other.seen == [] and api.seen == []


def test_an_upload_to_the_api_host_itself_still_works(api):
    api.respond(200, b'{"photos": {"p1": {"token": "T1"}}}')
    answer = OkClient(CREDS, api.base_url).upload(f"{api.base_url}/up?a=1", b"x", "image/jpeg")
    assert answer == {"photos": {"p1": {"token": "T1"}}}
    assert api.seen[0].path == "/up?a=1" and "access_token" not in api.seen[0].path


OK_BASE = "https://api.ok.ru"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://u123.mycdn.me/uploadImage?x=1", "https://u123.mycdn.me/uploadImage?x=1"),
        ("https://vu.okcdn.ru/upload/?id=5", "https://vu.okcdn.ru/upload/?id=5"),
        ("https://ok.ru/upload", "https://ok.ru/upload"),
        ("https://api.ok.ru/upload", "https://api.ok.ru/upload"),
        ("http://pu.mycdn.me/upload?x=%2B1", "https://pu.mycdn.me/upload?x=%2B1"),
        ("http://pu.mycdn.me:80/upload", "https://pu.mycdn.me/upload"),
        ("HTTP://VU.OKCDN.RU/up", "https://vu.okcdn.ru/up"),
    ],
)
def test_ok_hosts_pass_and_plain_http_is_upgraded(url, expected):
    assert check_upload_url(url, OK_BASE) == expected


@pytest.mark.parametrize(
    "url, why",
    [
        ("https://evil.example/upload", "unexpected host 'evil.example'"),
        ("https://mycdn.me.evil.example/upload", "unexpected host"),
        ("https://evilok.ru/upload", "unexpected host 'evilok.ru'"),
        ("https://okcdn.ru.example/upload", "unexpected host"),
        ("https://\u043ek.ru/upload", "not plain ASCII"),  # Cyrillic "о"
        ("https://user:pw@u1.mycdn.me/upload", "user name"),
        ("https://u1.mycdn.me\\@evil.example/upload", "backslash"),
        ("ftp://u1.mycdn.me/upload", "scheme"),
        ("http://127.0.0.1:5/upload", "unexpected host"),  # loopback is fine only as the API base
        ("/upload", "no single clear host"),
    ],
)
def test_everything_else_is_refused_with_the_host_named(url, why):
    client = OkClient(CREDS, OK_BASE)
    with pytest.raises(OkBadResponse, match=why):
        client.check_upload_url(url)
