"""The HTTP client of the OK REST API: one session, signed form POSTs to fb.do, typed errors."""

from __future__ import annotations

import json
import logging
import ssl
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.ssl_match_hostname import CertificateError

from okcomposer import __version__
from okcomposer.api.abort import AbortableAdapter, SocketRegistry
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import (
    OkApiError,
    OkBadResponse,
    OkHttpError,
    OkNetworkError,
    OkNotSent,
    OkRedirect,
    OkTimeout,
    code_of,
)
from okcomposer.api.signing import sign
from okcomposer.api.urls import (
    OK_UPLOAD_DOMAINS,
    RefusedAddress,
    check_base_url,
    is_loopback,
    redirect_host,
)
from okcomposer.api.urls import check_upload_url as _check_upload_url
from okcomposer.redact import redact, redact_params

log = logging.getLogger(__name__)

OK_API_BASE = "https://api.ok.ru"
__all__ = ["OK_API_BASE", "OK_UPLOAD_DOMAINS", "OkClient", "check_base_url", "is_loopback", "to_wire"]
DEFAULT_TIMEOUT = (5.0, 60.0)  # connect, read (seconds)


def to_wire(value: Any) -> str:
    """The exact string a parameter value is signed and sent as."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _error_keys(upload: bool) -> tuple[str, ...]:
    # Upload servers may answer {"error": NAME}; API methods keep "error" free for their own answers.
    return ("error_code", "error_msg", "error") if upload else ("error_code", "error_msg")


def parse_answer(
    response: requests.Response, method: str, any_body: bool = False, *, upload: bool = False
) -> Any:
    """JSON of any shape; OK's error JSON (or an Invocation-Error header) becomes OkApiError.

    `any_body`: for answers OK documents as empty (video.update, video uploads), an HTTP 200 whose body is
    empty or not JSON is success and gives None (docs/ok-api.md "Video").
    `upload`: an error JSON is read on a 4xx too, as upload servers may not answer 200 (a 5xx stays
    OkHttpError, which callers may retry).
    Raises OkHttpError for another status, OkBadResponse for a body that is not JSON.
    """
    header = response.headers.get("Invocation-Error")
    try:
        data = response.json()
    except ValueError:
        data = None
        if response.status_code == 200 and header is None:
            if any_body:
                return None
            kind = response.headers.get("Content-Type", "unknown type").split(";")[0]
            raise OkBadResponse(f"not JSON ({kind}, {len(response.content)} bytes)", method) from None
    is_error = isinstance(data, dict) and any(key in data for key in _error_keys(upload))
    if response.status_code == 200 or (upload and is_error and 400 <= response.status_code < 500):
        if is_error or header is not None:
            raise api_error(data if isinstance(data, dict) else {}, method, header)
        return data
    raise OkHttpError(response.status_code, method)


def api_error(data: Mapping[str, Any], method: str, header: str | None = None) -> OkApiError:
    """OkApiError from OK's error JSON: `error_code` may be a number or a name ("PHOTO_SIZE_LIMIT_EXCEEDED"),
    or missing with the name in `error_msg` / `error` or the code in the Invocation-Error header.

    Both forms give the same code, name and message (docs/ok-api.md, "Upload hosts"). An unknown name
    stays code 1 UNKNOWN, with the name kept in the message.
    """
    raw = data.get("error_code")
    text = str(data.get("error_msg") or data.get("error") or "").strip()
    # error_msg is "NAME : details"; keep the details, the name comes from the table.
    name, sep, details = text.partition(" : ")
    is_name = name.strip().isupper()
    named = code_of(name) if is_name else None
    code = code_of(raw) or code_of(header) or named or 1
    message = details.strip() if sep and is_name else text
    if named == code and not sep:
        message = ""  # the whole text was the name: the table says it
    if code == 1 and isinstance(raw, str) and raw.strip() and code_of(raw) is None:
        message = f"{raw.strip()}: {message}" if message else raw.strip()
    return OkApiError(code, redact(message), method, data.get("error_data"))


def _upload_error(data: Any, what: str) -> None:
    """An upload answer that lists an error for one of its photos instead of a token."""
    photos = data.get("photos") if isinstance(data, dict) else None
    for item in photos.values() if isinstance(photos, dict) else ():
        if isinstance(item, dict) and "token" not in item and any(k in item for k in _error_keys(True)):
            raise api_error(item, what)


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
        # Every request passes allow_redirects=False; this stops any other use of the session from
        # following one (requests raises TooManyRedirects before sending anything).
        self.session.max_redirects = 0
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

    def call(
        self, method: str, params: Mapping[str, Any] | None = None, *, timeout=None, any_body: bool = False
    ) -> Any:
        """Call `method` with a form POST to fb.do and return the parsed JSON answer.

        `any_body`: only for methods that answer an empty body on success (None is returned for it).
        """
        wire = self.signed_params(method, params)
        log.debug("call %s %s", method, redact_params({k: v for k, v in wire.items() if k != "method"}))
        response = self.post(f"{self.api_base}/fb.do", method, data=wire, timeout=timeout)
        self._note_clock(response)
        return parse_answer(response, method, any_body)

    server_offset_ms: int | None = None
    """OK's clock minus ours (ms), from the Date header of the latest answer; None until one is seen."""

    def _note_clock(self, response: requests.Response) -> None:
        try:
            stamp = parsedate_to_datetime(response.headers.get("Date", ""))
        except (TypeError, ValueError, IndexError):
            return
        if stamp.tzinfo is not None:  # Date is cut to the second: its middle is the best guess
            self.server_offset_ms = int(stamp.timestamp() * 1000) + 500 - int(time.time() * 1000)

    def post(self, url: str, what: str, *, timeout=None, **kwargs: Any) -> requests.Response:
        """A POST whose transport failures become typed errors that carry no URL or body.

        OkNotSent when the request provably never left (see `not_sent_reason`); otherwise OkTimeout or
        OkNetworkError, after which the request may have reached OK.
        """
        return self.request("POST", url, what, timeout=timeout, **kwargs)

    def request(self, verb: str, url: str, what: str, *, timeout=None, **kwargs: Any) -> requests.Response:
        """Any HTTP request with the typed transport errors of post(); callers check the URL.

        A redirect is never followed: it would carry the signed form, token included, wherever it points
        (docs/ok-api.md, "Transport and errors"). A 3xx with a Location raises OkRedirect naming its host.
        """
        timeout = timeout or self.timeout
        try:
            response = self.session.request(verb, url, timeout=timeout, allow_redirects=False, **kwargs)
        except requests.TooManyRedirects as exc:  # only if a caller asked for redirects after all
            location = exc.response.headers.get("Location", "") if exc.response is not None else ""
            status = exc.response.status_code if exc.response is not None else 0
            raise OkRedirect(status, redirect_host(url, location), what) from None
        except requests.RequestException as exc:
            reason = not_sent_reason(exc, _connect_timeout(timeout))
            if reason is not None:
                raise OkNotSent(reason, what) from None
            if isinstance(exc, requests.Timeout):
                raise OkTimeout("no answer in time", what) from None
            if isinstance(exc, requests.ConnectionError):
                raise OkNetworkError(_describe(exc), what) from None
            raise OkNetworkError(type(exc).__name__, what) from None
        if 300 <= response.status_code < 400 and "Location" in response.headers:
            response.close()
            raise OkRedirect(response.status_code, redirect_host(url, response.headers["Location"]), what)
        return response

    def check_upload_url(self, url: str, what: str = "upload") -> str:
        """The URL to send the user's files to: OK's own hosts over https (http is upgraded to https), or
        the API base's host. Raises OkBadResponse naming the host otherwise (see urls.check_upload_url).
        """
        try:
            return _check_upload_url(url, self.api_base)
        except RefusedAddress as exc:
            raise OkBadResponse(f"refusing the upload address: {exc}", what) from None

    def upload(
        self,
        url: str,
        body: Any,
        content_type: str,
        what: str = "upload",
        headers: Mapping[str, str] | None = None,
        timeout=None,
        any_body: bool = False,
    ) -> Any:
        """POST a prepared (streamed) body to an upload URL and parse OK's answer (see parse_answer)."""
        url = self.check_upload_url(url, what)
        all_headers = {"Content-Type": content_type, **(headers or {})}
        response = self.post(url, what, data=body, headers=all_headers, timeout=timeout)
        data = parse_answer(response, what, any_body, upload=True)
        _upload_error(data, what)
        return data

    def abort(self) -> None:
        """Break every request in flight (from any thread): they fail with OkNetworkError at once.

        Only for steps that are safe to abandon (uploads); never while mediatopic.post is in flight.
        """
        self.sockets.abort_all()

    def close(self) -> None:
        self.session.close()


def _causes(exc: BaseException) -> list[BaseException]:
    """`exc` and everything it wraps: exception args, MaxRetryError.reason, __cause__ and __context__."""
    found: list[BaseException] = []
    todo = [exc]
    while todo:
        err = todo.pop(0)
        if any(err is seen for seen in found):
            continue
        found.append(err)
        inner = [*err.args, getattr(err, "reason", None), err.__cause__, err.__context__]
        todo.extend(e for e in inner if isinstance(e, BaseException))
    return found


def _raised_in(err: BaseException, module: str, function: str) -> bool:
    """Whether `err` was raised inside `module.function` (its traceback passes through that frame)."""
    tb = err.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == function and frame.f_globals.get("__name__") == module:
            return True
        tb = tb.tb_next
    return False


def _os_reason(err: BaseException) -> str:
    """OpenSSL's or the OS's own words, e.g. "certificate verify failed: self-signed certificate"."""
    if isinstance(err, ssl.SSLCertVerificationError):
        text = err.verify_message or ""
        return f"certificate verify failed: {text}" if text else "certificate verify failed"
    if isinstance(err, CertificateError):
        return f"certificate does not match the host: {err}"
    if isinstance(err, ssl.SSLError) and err.reason:
        return str(err.reason).lower().replace("_", " ")
    if isinstance(err, OSError) and err.strerror:
        return err.strerror[:1].lower() + err.strerror[1:]
    return type(err).__name__


def _within(what: str, seconds: float | None) -> str:
    return f"{what} within {seconds:g} s" if seconds else f"{what} in time"


def not_sent_reason(exc: BaseException, connect_timeout: float | None = None) -> str | None:
    """Why the request provably never left this computer, or None if it may have reached OK.

    Not sent: a DNS failure (urllib3 NameResolutionError), no TCP connection (NewConnectionError: refused,
    unreachable), a connect timeout (ConnectTimeoutError, requests.ConnectTimeout), and anything raised
    inside urllib3's connect(), which opens the socket and does the whole TLS handshake before a byte of
    the request is written: requests.SSLError from the handshake (certificate, host name, alerts), and
    also a handshake timeout or reset, which urllib3 reports as a read timeout or "connection aborted".
    A TLS error after the handshake, a reset, an abort, a closed connection or a read timeout: None.
    """
    causes = _causes(exc)
    for err in causes:
        if isinstance(err, NameResolutionError):
            return "host not found"
        if isinstance(err, NewConnectionError):
            if any(isinstance(e, ConnectionRefusedError) for e in _causes(err)):
                return "connection refused"
            return f"no connection: {_os_reason(err.__cause__ or err)}"
        if isinstance(err, ConnectTimeoutError):
            return _within("no connection", connect_timeout)
    for err in causes:
        if not isinstance(err, (OSError, CertificateError)):
            continue
        if not _raised_in(err, "urllib3.connection", "connect"):
            continue
        tls = isinstance(err, (ssl.SSLError, CertificateError)) or _raised_in(err, "ssl", "do_handshake")
        if isinstance(err, TimeoutError):
            return _within("no TLS handshake" if tls else "no connection", connect_timeout)
        return f"TLS handshake failed: {_os_reason(err)}" if tls else f"no connection: {_os_reason(err)}"
    return None


def _connect_timeout(timeout: Any) -> float | None:
    if isinstance(timeout, tuple):
        timeout = timeout[0]
    return float(timeout) if isinstance(timeout, (int, float)) else None


def _describe(exc: Exception) -> str:
    """A short reason for a connection failure, without the URL (which may carry a token)."""
    text = str(exc).lower()
    for needle, reason in (
        ("refused", "connection refused"),
        ("reset", "connection reset"),
        # before "aborted": urllib3 wraps RemoteDisconnected in ProtocolError("Connection aborted.", ...)
        ("remotedisconnected", "the server closed the connection without answering"),
        ("aborted", "connection aborted"),
        ("name or service", "host not found"),
        ("certificate", "TLS certificate check failed"),
    ):
        if needle in text:
            return reason
    return "connection failed"


ProgressCallback = Callable[[int, int], None]
