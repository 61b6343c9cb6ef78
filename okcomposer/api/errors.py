"""Typed errors of the OK API client; none of them ever carries a token, secret or signature."""

from __future__ import annotations

# OK's error codes and names (docs/ok-api.md, "Error codes"). 22-26 and 106 are on apiok.ru's error page;
# 451, 457, 605 and 606 come from independent clients and OK's Android app; 514 and 5000 from one
# independent client only (UNCONFIRMED).
ERROR_NAMES: dict[int, str] = {
    1: "UNKNOWN",
    2: "SERVICE",
    3: "METHOD",
    4: "REQUEST",
    7: "ACTION_BLOCKED",
    8: "FLOOD_BLOCKED",
    9: "IP_BLOCKED",
    10: "PERMISSION_DENIED",
    11: "LIMIT_REACHED",
    12: "CANCELLED",
    21: "NOT_MULTIPART",
    22: "NOT_ACTIVATED",
    23: "NOT_YET_INVOLVED",
    24: "NOT_OWNER",
    25: "NOT_ACTIVE",
    26: "TOTAL_LIMIT_REACHED",
    30: "NETWORK",
    31: "NETWORK_TIMEOUT",
    50: "NOT_ADMIN",
    100: "PARAM",
    101: "PARAM_API_KEY",
    102: "PARAM_SESSION_EXPIRED",
    103: "PARAM_SESSION_KEY",
    104: "PARAM_SIGNATURE",
    105: "PARAM_RESIGNATURE",
    106: "PARAM_ENTITY_ID",
    110: "PARAM_USER_ID",
    120: "PARAM_ALBUM_ID",
    121: "PARAM_PHOTO_ID",
    160: "PARAM_GROUP_ID",
    200: "PARAM_PERMISSION",
    210: "PARAM_APPLICATION_DISABLED",
    300: "NOT_FOUND",
    324: "EDIT_PHOTO_FILE",
    451: "NOT_SESSION_METHOD",
    453: "SESSION_REQUIRED",
    454: "CENSOR_MATCH",
    455: "FRIEND_RESTRICTION",
    456: "GROUP_RESTRICTION",
    457: "UNAUTHORIZED_RESTRICTION",
    458: "PRIVACY_RESTRICTION",
    500: "PHOTO_SIZE_LIMIT_EXCEEDED",
    501: "PHOTO_SIZE_TOO_SMALL",
    502: "PHOTO_SIZE_TOO_BIG",
    503: "PHOTO_INVALID_FORMAT",
    504: "PHOTO_IMAGE_CORRUPTED",
    505: "PHOTO_NO_IMAGE",
    511: "IDS_BLOCKED",
    512: "PHOTO_ALBUM_NOT_BELONGS_TO_USER",
    513: "PHOTO_ALBUM_NOT_BELONGS_TO_GROUP",
    514: "IDS_SESSION_VERIFICATION_REQUIRED",
    600: "MEDIA_TOPIC_BLOCK_LIMIT",
    601: "MEDIA_TOPIC_TEXT_LIMIT",
    602: "MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT",
    603: "MEDIA_TOPIC_POLL_ANSWERS_LIMIT",
    604: "MEDIA_TOPIC_POLL_ANSWER_TEXT_LIMIT",
    605: "MEDIA_TOPIC_WITH_FRIENDS_LIMIT",
    606: "MEDIA_TOPIC_WITH_FRIENDS_USER_LIMIT",
    607: "MEDIA_TOPIC_LINK_BAD_FORMAT",
    5000: "INVALID_RESPONSE",
    9999: "SYSTEM",
}
CODES: dict[str, int] = {name: code for code, name in ERROR_NAMES.items()}

# Codes after which the same request may simply be sent again later.
TRANSIENT_CODES = frozenset({2, 8, 11, 30, 31})


def error_name(code: int) -> str:
    return ERROR_NAMES.get(code, "UNKNOWN")


def code_of(value: object) -> int | None:
    """The error code `value` stands for: a number, a numeric string, or a name of the table.

    Upload servers may name their errors instead of numbering them (docs/ok-api.md, "Upload hosts":
    `PHOTO_SIZE_LIMIT_EXCEEDED` is 500), so both map to the same code. None for anything else, including
    a name the table does not know.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) < 10:
            return int(text)
        return CODES.get(text.upper())
    return None


class OkError(Exception):
    """Base of every error the OK client raises."""


class OkApiError(OkError):
    """OK answered with its error JSON (HTTP 200, `error_code`)."""

    def __init__(self, code: int, message: str = "", method: str = "", data: object = None):
        self.code = int(code)
        self.name = error_name(self.code)
        self.message = message
        self.method = method
        self.data = data
        super().__init__(str(self))

    @property
    def transient(self) -> bool:
        return self.code in TRANSIENT_CODES

    def __str__(self) -> str:
        where = f" in {self.method}" if self.method else ""
        text = f"OK error {self.code} {self.name}{where}"
        return f"{text}: {self.message}" if self.message else text

    def __repr__(self) -> str:
        return f"OkApiError(code={self.code}, name={self.name!r}, method={self.method!r})"


class OkHttpError(OkError):
    """The server answered with an HTTP status other than 200."""

    def __init__(self, status: int, method: str = ""):
        self.status = status
        self.method = method
        super().__init__(f"HTTP {status} from OK" + (f" for {method}" if method else ""))


class OkBadResponse(OkError):
    """The body was not the JSON OK should have sent."""

    def __init__(self, detail: str, method: str = ""):
        self.method = method
        super().__init__("Unexpected answer from OK" + (f" for {method}" if method else "") + f": {detail}")


class OkRedirect(OkBadResponse):
    """The server answered a redirect (3xx with a Location). Never followed: it would carry the signed
    form, access token included, to wherever it points. No source shows OK redirecting API calls or
    uploads (docs/ok-api.md, "Transport and errors", UNCONFIRMED), and none is ever needed. `host` is the
    host it pointed to; nothing was sent there.
    """

    def __init__(self, status: int, host: str, method: str = ""):
        self.status = status
        self.host = host
        super().__init__(
            f"HTTP {status} redirect to {host!r}, not followed (okcomposer never follows one)", method
        )


class OkNetworkError(OkError):
    """The connection failed or broke before an answer arrived; the outcome may be unknown."""

    def __init__(self, detail: str, method: str = ""):
        self.method = method
        super().__init__("Network error" + (f" in {method}" if method else "") + f": {detail}")


class OkTimeout(OkNetworkError):
    """No answer within the read timeout: the request may have reached OK (outcome unknown)."""


class OkNotSent(OkNetworkError):
    """The request provably never reached OK, so nothing was done and it is safe to send again.

    Raised only when the failure happened before a single byte of the HTTP request left this computer: the
    host name did not resolve, the TCP connection was refused (or could not be made), no connection came
    within the connect timeout, or the TLS handshake failed or did not finish. `reason` is a short English
    phrase such as "connection refused", "host not found", "no connection within 5 s" or "TLS handshake
    failed: certificate verify failed: self-signed certificate" (durations in seconds, the TLS reason as
    OpenSSL gives it); it never holds a URL, a request body or a token. `method` is the API method or step.
    """

    def __init__(self, reason: str, method: str = ""):
        self.reason = reason
        self.method = method
        what = method or "the request"
        OkError.__init__(self, f"Not sent: {reason} — {what} did not reach OK")

    def __reduce__(self) -> tuple[type[OkNotSent], tuple[str, str]]:
        return type(self), (self.reason, self.method)


class OkCancelled(OkError):
    """The user cancelled the operation."""


class OkAuthError(OkError):
    """OAuth failed: a bad redirect, a state mismatch, or an error from the token endpoint."""
