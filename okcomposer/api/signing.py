"""The `sig` parameter of OK API calls (docs/ok-api.md "Signature")."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

# Parameters that never take part in the signature.
UNSIGNED = frozenset({"sig", "access_token", "session_key"})


def md5_hex(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def code_flow_secret(access_token: str, application_secret_key: str) -> str:
    """Secret key for a token from the code flow: md5(access_token + application_secret_key)."""
    return md5_hex(access_token + application_secret_key)


def signing_secret(
    *,
    access_token: str | None = None,
    session_secret_key: str | None = None,
    application_secret_key: str | None = None,
) -> str:
    """Pick the secret key the way OK does for each of its three modes."""
    if session_secret_key:
        return session_secret_key
    if access_token and application_secret_key:
        return code_flow_secret(access_token, application_secret_key)
    if application_secret_key and not access_token:
        return application_secret_key
    raise ValueError("cannot sign: a session secret key or the application secret key is needed")


def sign(params: Mapping[str, str], secret: str) -> str:
    """Sorted `key=value` pairs, no separator, the secret appended, md5 as lowercase hex.

    Values are signed raw: exactly the strings that will be sent (URL-encoding happens on the wire only).
    """
    body = "".join(f"{key}={params[key]}" for key in sorted(params) if key not in UNSIGNED)
    return md5_hex(body + secret)
