"""Helpers for the sandbox tests: signed fb.do calls over real HTTP, OAuth sessions and test images."""

from __future__ import annotations

import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from PIL import Image

from okcomposer.api.signing import code_flow_secret, sign

DEFAULT = object()


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), color=(200, 80, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


class Api:
    """Talks to a running Sandbox the way a client must: signed form POSTs to fb.do."""

    image = staticmethod(image_bytes)

    def __init__(self, sandbox):
        self.sb = sandbox
        self.info = sandbox.info()
        self.base = self.info["base_url"]
        self.key = self.info["application_key"]
        self.token = self.info["access_token"]
        self.secret = self.info["session_secret_key"]
        self.uid = self.info["user"]["uid"]
        self.admin_gid = next(g["id"] for g in self.info["groups"] if g["status"] == "ADMIN")
        self.member_gid = next(g["id"] for g in self.info["groups"] if g["status"] == "ACTIVE")

    def signed(self, method: str | None, params: dict, token=DEFAULT, secret=DEFAULT) -> dict:
        token = self.token if token is DEFAULT else token
        secret = self.secret if secret is DEFAULT else secret
        full = {"application_key": self.key, "format": "json", **params}
        if method is not None:
            full["method"] = method
        full["sig"] = sign(full, secret)
        if token:
            full["access_token"] = token
        return full

    def raw(self, method, session=None, timeout=5, **params) -> requests.Response:
        """POST a signed call; session=(token, secret) overrides the demo session (token None: no session)."""
        token, secret = session if session else (DEFAULT, DEFAULT)
        return requests.post(
            f"{self.base}/fb.do", data=self.signed(method, params, token, secret), timeout=timeout
        )

    def call(self, method, **params):
        answer = self.raw(method, **params)
        assert answer.status_code == 200
        value = answer.json()
        assert not (isinstance(value, dict) and "error_code" in value), value
        return value

    def error(self, method, **params) -> int:
        answer = self.raw(method, **params)
        assert answer.status_code == 200
        body = answer.json()
        assert "error_code" in body, body
        assert answer.headers["Invocation-Error"] == str(body["error_code"])
        return body["error_code"]

    def post(self, attachment, **params):
        text = attachment if isinstance(attachment, str) else json.dumps(attachment, ensure_ascii=False)
        return self.raw("mediatopic.post", attachment=text, **params)

    def post_error(self, attachment, **params) -> int:
        body = self.post(attachment, **params).json()
        assert isinstance(body, dict) and "error_code" in body, body
        return body["error_code"]

    def session(self, scopes: str) -> tuple[str, str]:
        """A fresh implicit-flow session with just these scopes, through /oauth/authorize."""
        answer = requests.get(
            f"{self.base}/oauth/authorize",
            params={
                "client_id": self.info["application_id"],
                "scope": scopes,
                "response_type": "token",
                "redirect_uri": "http://localhost/auth",
                "state": "s1",
            },
            allow_redirects=False,
            timeout=5,
        )
        assert answer.status_code == 302
        fragment = parse_qs(urlsplit(answer.headers["Location"]).fragment)
        return fragment["access_token"][0], fragment["session_secret_key"][0]

    def code_session(self) -> tuple[str, str]:
        """A code-flow token and its signing secret md5(token + application secret key)."""
        answer = requests.get(
            f"{self.base}/oauth/authorize",
            params={
                "client_id": self.info["application_id"],
                "scope": "VALUABLE_ACCESS;PHOTO_CONTENT",
                "response_type": "code",
                "redirect_uri": "http://localhost/auth",
            },
            allow_redirects=False,
            timeout=5,
        )
        code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
        grant = requests.post(f"{self.base}/oauth/token.do", data=self.grant(code), timeout=5).json()
        return grant["access_token"], code_flow_secret(
            grant["access_token"], self.info["application_secret_key"]
        )

    def grant(self, code: str, redirect_uri: str = "http://localhost/auth") -> dict:
        return {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": self.info["application_id"],
            "client_secret": self.info["application_secret_key"],
            "redirect_uri": redirect_uri,
        }

    def upload_url(self, method: str = "photosV2.getUploadUrl", **params) -> dict:
        return self.call(method, **params)

    def upload(self, url: str, files: dict, timeout=10) -> requests.Response:
        return requests.post(url, files=files, timeout=timeout)

    def upload_photo(self, data: bytes | None = None, **params) -> tuple[str, str]:
        """Upload one image; (photo_id, token)."""
        got = self.upload_url(**params)
        answer = self.upload(
            got["upload_url"], {"pic1": ("p.jpg", data or image_bytes(), "image/jpeg")}
        ).json()
        photo_id = got["photo_ids"][0]
        return photo_id, answer["photos"][photo_id]["token"]


@pytest.fixture
def api(sandbox) -> Api:
    return Api(sandbox)


@pytest.fixture
def make_api():
    """Builds an Api for a Sandbox a test starts itself (with its own options)."""
    return Api
