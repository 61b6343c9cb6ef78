"""Remove secrets from any text before it reaches a log, an exception or a crash dump."""

from __future__ import annotations

import logging
import re

SECRET_KEYS = (
    "access_token",
    "refresh_token",
    "session_secret_key",
    "application_secret_key",
    "client_secret",
    "session_key",
    "sig",
    "code",
    "apiToken",
)
_KEYS = "|".join(SECRET_KEYS)
# key=value in query strings, fragments and form bodies; key%3Dvalue in a URL inside another URL's parameter
_PAIR = re.compile(rf"(?:(?<![A-Za-z0-9_])|(?<=%3[Ff])|(?<=%26))({_KEYS})(=|%3[Dd])([^&\s#'\"]+)")
# "key": "value" and 'key': 'value' in JSON and reprs
_JSON = re.compile(rf"""(["']({_KEYS})["']\s*:\s*)(["'])(.*?)(?<!\\)\3""")

# A bare token after an auth scheme ("Authorization: Bearer X", "OAuth X"), as a header or its repr prints it
_SCHEME = re.compile(r"\b(Bearer|OAuth|Basic)(\s+)([A-Za-z0-9._~+/=-]{4,})")

MASK = "***"


def redact(text: str) -> str:
    """`text` with the value of each secret key (SECRET_KEYS), and a token after an auth scheme (Bearer,
    OAuth, Basic), replaced by ***; idempotent."""
    text = _PAIR.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    text = _SCHEME.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    return _JSON.sub(lambda m: f"{m.group(1)}{m.group(3)}{MASK}{m.group(3)}", text)


def redact_params(params: dict[str, object]) -> dict[str, object]:
    return {k: (MASK if k in SECRET_KEYS else v) for k, v in params.items()}


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites each record's final message, traceback and stack with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now, redacted, so the handler does not print the raw one.
            formatter = logging.Formatter()
            clean += "\n" + redact(formatter.formatException(record.exc_info))
            record.exc_info = None
            record.exc_text = None
        if record.stack_info:  # logging's stack_info=True: frames with their source lines
            record.stack_info = redact(record.stack_info)
        record.msg, record.args = clean, None
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Attach the filter to every handler of the logger (root by default)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
