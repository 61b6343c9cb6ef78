"""Upload-server errors by number or by name give the same typed error (docs/ok-api.md, "Upload hosts": the
Moments seed lists them by name, e.g. PHOTO_SIZE_LIMIT_EXCEEDED)."""

from __future__ import annotations

import json

import pytest
from support.recording_server import RecordingServer

from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import CODES, ERROR_NAMES, OkApiError, OkHttpError, code_of

CREDS = Credentials("CBAPUBLICKEY", access_token="tkn-access", session_secret_key="sess-secret")


@pytest.fixture
def server():
    with RecordingServer() as running:
        yield running


def upload_error(server: RecordingServer, body: object, status: int = 200, **headers: str) -> OkApiError:
    server.respond(status, json.dumps(body).encode(), **headers)
    client = OkClient(CREDS, server.base_url)
    with pytest.raises(OkApiError) as info:
        client.upload(f"{server.base_url}/upload?x=1", b"photo", "image/jpeg", "upload.photo")
    return info.value


@pytest.mark.parametrize(
    "body, status",
    [
        ({"error_code": 500, "error_msg": "PHOTO_SIZE_LIMIT_EXCEEDED : too big"}, 200),
        ({"error_code": "500", "error_msg": "too big"}, 200),
        ({"error_code": "PHOTO_SIZE_LIMIT_EXCEEDED", "error_msg": "too big"}, 200),
        ({"error_code": "photo_size_limit_exceeded", "error_msg": "too big"}, 200),
        ({"error_msg": "PHOTO_SIZE_LIMIT_EXCEEDED : too big"}, 200),
        ({"error": "PHOTO_SIZE_LIMIT_EXCEEDED : too big"}, 200),
        ({"error_code": "PHOTO_SIZE_LIMIT_EXCEEDED", "error_msg": "too big"}, 400),
        ({"photos": {"p1": {"error_code": "PHOTO_SIZE_LIMIT_EXCEEDED", "error_msg": "too big"}}}, 200),
    ],
)
def test_the_same_error_by_number_or_by_name(server, body, status):
    err = upload_error(server, body, status)
    assert (err.code, err.name, err.message, err.method) == (
        500,
        "PHOTO_SIZE_LIMIT_EXCEEDED",
        "too big",
        "upload.photo",
    )


@pytest.mark.parametrize(
    "name",
    [
        "PHOTO_SIZE_TOO_SMALL",
        "PHOTO_SIZE_TOO_BIG",
        "PHOTO_INVALID_FORMAT",
        "PHOTO_IMAGE_CORRUPTED",
        "PHOTO_NO_IMAGE",
    ],
)
def test_every_name_of_the_moments_seed_maps_to_its_code(server, name):
    for body in ({"error_code": name}, {"error_msg": name}):
        err = upload_error(server, body)
        assert (err.code, err.name, err.message) == (CODES[name], name, "")
        assert str(err) == f"OK error {CODES[name]} {name} in upload.photo"


def test_the_invocation_error_header_alone_is_enough(server):
    server.respond(200, b"rejected", Content_Type="text/plain", Invocation_Error="503")
    client = OkClient(CREDS, server.base_url)
    with pytest.raises(OkApiError) as info:
        client.upload(f"{server.base_url}/upload", b"photo", "image/jpeg", "upload.photo")
    assert (info.value.code, info.value.name) == (503, "PHOTO_INVALID_FORMAT")


def test_an_unknown_name_stays_unknown_and_is_shown(server):
    err = upload_error(server, {"error_code": "PHOTO_TOO_BLUE", "error_msg": "odd"})
    assert (err.code, err.name) == (1, "UNKNOWN")
    assert err.message == "PHOTO_TOO_BLUE: odd"


@pytest.mark.parametrize(
    "status, body",
    [
        (502, b"<html>bad gateway</html>"),
        (400, b"<html>bad request</html>"),
        (503, b'{"error_code": "PHOTO_SIZE_LIMIT_EXCEEDED"}'),  # a 5xx stays retryable
    ],
)
def test_other_non_200_answers_are_http_errors(server, status, body):
    server.respond(status, body, Content_Type="text/html")
    with pytest.raises(OkHttpError) as info:
        OkClient(CREDS, server.base_url).upload(f"{server.base_url}/upload", b"photo", "image/jpeg")
    assert info.value.status == status


def test_api_calls_read_a_name_without_a_code_too(server):
    server.respond(200, b'{"error_msg": "PARAM_SIGNATURE : Invalid signature"}')
    with pytest.raises(OkApiError) as info:
        OkClient(CREDS, server.base_url).call("users.getCurrentUser")
    assert (info.value.code, info.value.message) == (104, "Invalid signature")


def test_code_of():
    assert code_of(500) == code_of("500") == code_of(" PHOTO_SIZE_LIMIT_EXCEEDED ") == 500
    assert code_of("NO_SUCH_NAME") is None and code_of(None) is None and code_of(True) is None
    assert all(code_of(name) == code for code, name in ERROR_NAMES.items())
