"""The HTTP client of the OK REST API: one session, signed form POSTs to fb.do, typed errors."""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from okcomposer import __version__
from okcomposer.api.abort import AbortableAdapter, SocketRegistry
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import OkApiError, OkBadResponse, OkHttpError, OkNetworkError, OkTimeout
from okcomposer.api.signing import sign
from okcomposer.redact import redact, redact_params

log = logging.getLogger(__name__)

OK_API_BASE = "https://api.ok.ru"
# Hosts a file may be uploaded to, besides the configured API base's own host.
OK_UPLOAD_DOMAINS = ("ok.ru", "mycdn.me")
DEFAULT_TIMEOUT = (5.0, 60.0)  # connect, read (seconds)


def to_wire(value: Any) -> str:
    """The exact string a parameter value is signed and sent as."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """Refuse anything but https, except on loopback (the sandbox)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return url.rstrip("/")
    if parts.scheme == "http" and is_loopback(host):
        return url.rstrip("/")
    raise ValueError(f"refusing API address {url!r}: only https (or http on 127.0.0.1/localhost) is allowed")


def _host_in(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def parse_answer(response: requests.Response, method: str) -> Any:
    """JSON of any shape; OK's error JSON becomes OkApiError."""
    if response.status_code != 200:
        raise OkHttpError(response.status_code, method)
    try:
        data = response.json()
    except ValueError:
        kind = response.headers.get("Content-Type", "unknown type").split(";")[0]
        raise OkBadResponse(f"not JSON ({kind}, {len(response.content)} bytes)", method) from None
    if isinstance(data, dict) and "error_code" in data:
        raise api_error(data, method)
    return data


def api_error(data: Mapping[str, Any], method: str) -> OkApiError:
    try:
        code = int(data.get("error_code"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        code = 1
    text = str(data.get("error_msg") or "")
    # error_msg is "NAME : details"; keep the details, the name comes from the table.
    name, sep, details = text.partition(" : ")
    message = details.strip() if sep and name.strip().isupper() else text
    return OkApiError(code, redact(message), method, data.get("error_data"))


class OkClient:
    """Calls OK API methods for one set of credentials; requests.Session pools the connections."""

    def __init__(
        self,
        credentials: Credentials,
        api_base: str = OK_API_BASE,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        session: requests.Session | None = None,
    ):
        self.credentials = credentials
        self.api_base = check_base_url(api_base)
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = f"okcomposer/{__version__}"
        self.sockets = SocketRegistry()
        adapter = AbortableAdapter(self.sockets, pool_maxsize=16)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def __repr__(self) -> str:
        return f"OkClient(api_base={self.api_base!r}, credentials={self.credentials!r})"

    def signed_params(self, method: str, params: Mapping[str, Any] | None = None) -> dict[str, str]:
        wire = {k: to_wire(v) for k, v in (params or {}).items() if v is not None}
        wire.update(application_key=self.credentials.application_key, method=method, format="json")
        if self.credentials.access_token:
            wire["access_token"] = self.credentials.access_token
        wire["sig"] = sign(wire, self.credentials.secret())
        return wire

    def call(self, method: str, params: Mapping[str, Any] | None = None, *, timeout=None) -> Any:
        """Call `method` with a form POST to fb.do and return the parsed JSON answer."""
        wire = self.signed_params(method, params)
        log.debug("call %s %s", method, redact_params({k: v for k, v in wire.items() if k != "method"}))
        response = self.post(f"{self.api_base}/fb.do", method, data=wire, timeout=timeout)
        return parse_answer(response, method)

    def post(self, url: str, what: str, *, timeout=None, **kwargs: Any) -> requests.Response:
        """A POST whose transport failures become typed errors that carry no URL or body."""
        try:
            return self.session.post(url, timeout=timeout or self.timeout, **kwargs)
        except requests.Timeout:
            raise OkTimeout("no answer in time", what) from None
        except requests.ConnectionError as exc:
            raise OkNetworkError(_describe(exc), what) from None
        except requests.RequestException as exc:
            raise OkNetworkError(type(exc).__name__, what) from None

    def check_upload_url(self, url: str) -> str:
        """Only OK's own upload hosts or the API base's host may receive the user's files."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        base_host = urlsplit(self.api_base).hostname or ""
        if host == base_host:
            check_base_url(url)
            return url
        if parts.scheme == "https" and any(_host_in(host, d) for d in OK_UPLOAD_DOMAINS):
            return url
        raise OkBadResponse(f"refusing to upload to an unexpected host {host!r}")

    def upload(
        self,
        url: str,
        body: Any,
        content_type: str,
        what: str = "upload",
        headers: Mapping[str, str] | None = None,
        timeout=None,
    ) -> Any:
        """POST a prepared (streamed) body to an upload URL and parse OK's answer."""
        url = self.check_upload_url(url)
        all_headers = {"Content-Type": content_type, **(headers or {})}
        response = self.post(url, what, data=body, headers=all_headers, timeout=timeout)
        return parse_answer(response, what)

    def abort(self) -> None:
        """Break every request in flight (from any thread): they fail with OkNetworkError at once.

        Only for steps that are safe to abandon (uploads); never while mediatopic.post is in flight.
        """
        self.sockets.abort_all()

    def close(self) -> None:
        self.session.close()


def _describe(exc: Exception) -> str:
    """A short reason for a connection failure, without the URL (which may carry a token)."""
    text = str(exc).lower()
    for needle, reason in (
        ("refused", "connection refused"),
        ("reset", "connection reset"),
        ("aborted", "connection aborted"),
        ("remotedisconnected", "the server closed the connection without answering"),
        ("name or service", "host not found"),
        ("certificate", "TLS certificate check failed"),
    ):
        if needle in text:
            return reason
    return "connection failed"


ProgressCallback = Callable[[int, int], None]
