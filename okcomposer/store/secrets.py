"""Tokens and secrets live only in the OS keyring; no plain-text fallback, ever.

`keyring` (and the backends it loads, ~60 ms) is imported on first use, not at start: the window opens
without it, and a window with no account or only the sandbox never needs it.
"""

from __future__ import annotations

import json
from typing import Any

SERVICE = "okcomposer"


class NoKeyringError(RuntimeError):
    """No usable keyring backend: secrets cannot be stored safely."""

    def __init__(self) -> None:
        super().__init__(
            "no system keyring is available to keep your OK sign-in: install or start GNOME Keyring or "
            "KWallet (any Secret Service provider, e.g. `sudo apt install gnome-keyring`) and unlock it; "
            "or set the OKC_* variables for one-off command-line use"
        )


def _keyring() -> Any:
    import keyring
    import keyring.errors

    return keyring


def _backend():
    from keyring.backends import fail

    backend = _keyring().get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        raise NoKeyringError()
    return backend


def available() -> bool:
    try:
        _backend()
    except NoKeyringError:
        return False
    return True


def save(account_key: str, secrets: dict[str, str]) -> None:
    """Store the secrets of one account as a single keyring entry."""
    clean = {k: v for k, v in secrets.items() if v}
    keyring = _keyring()
    try:
        _backend().set_password(SERVICE, account_key, json.dumps(clean))
    except keyring.errors.KeyringError:
        raise NoKeyringError() from None


def load(account_key: str) -> dict[str, str]:
    keyring = _keyring()
    try:
        raw = _backend().get_password(SERVICE, account_key)
    except keyring.errors.KeyringError:
        raise NoKeyringError() from None
    if not raw:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def delete(account_key: str) -> None:
    keyring = _keyring()
    try:
        _backend().delete_password(SERVICE, account_key)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError:
        raise NoKeyringError() from None
