"""Tokens and secrets live only in the OS keyring; no plain-text fallback, ever."""

from __future__ import annotations

import json

import keyring
import keyring.errors
from keyring.backends import fail

SERVICE = "okcomposer"


class NoKeyringError(RuntimeError):
    """No usable keyring backend: secrets cannot be stored safely."""

    def __init__(self) -> None:
        super().__init__(
            "no system keyring is available to keep your OK sign-in: install or start GNOME Keyring or "
            "KWallet (any Secret Service provider, e.g. `sudo apt install gnome-keyring`) and unlock it; "
            "or set the OKC_* variables for one-off command-line use"
        )


def _backend():
    backend = keyring.get_keyring()
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
    try:
        _backend().set_password(SERVICE, account_key, json.dumps(clean))
    except keyring.errors.KeyringError:
        raise NoKeyringError() from None


def load(account_key: str) -> dict[str, str]:
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
    try:
        _backend().delete_password(SERVICE, account_key)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError:
        raise NoKeyringError() from None
