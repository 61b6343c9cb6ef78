"""Signed-in accounts: who they are in a JSON file, their tokens in the keyring (store.secrets)."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from okcomposer.store import paths, secrets

VERSION = 1


@dataclass(frozen=True)
class Account:
    """Everything about an account except its secrets."""

    uid: str
    name: str
    api_base: str
    application_key: str
    application_id: str = ""
    pic_url: str = ""
    flow: str = "implicit"  # or "code": a refresh token and the app secret are in the keyring

    @property
    def key(self) -> str:
        return f"{self.api_base}|{self.uid}"


def write_atomically(path: Path, text: str) -> None:
    """Write to a temp file and rename, so a crash never leaves a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _without(data: dict, key: str) -> list[dict]:
    items = [a for a in data.get("accounts", []) if isinstance(a, dict)]
    return [a for a in items if f"{a.get('api_base')}|{a.get('uid')}" != key]


class AccountStore:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.config_dir() / "accounts.json"

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"version": VERSION, "accounts": [], "current": None}
        return data if isinstance(data, dict) else {"version": VERSION, "accounts": [], "current": None}

    def _write(self, data: dict) -> None:
        data["version"] = VERSION
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=2))

    def accounts(self) -> list[Account]:
        names = {f.name for f in fields(Account)}
        result = []
        for item in self._read().get("accounts", []):
            if isinstance(item, dict) and {"uid", "name", "api_base", "application_key"} <= item.keys():
                result.append(Account(**{k: str(v) for k, v in item.items() if k in names}))
        return result

    def current(self) -> Account | None:
        wanted = self._read().get("current")
        accounts = self.accounts()
        return next((a for a in accounts if a.key == wanted), accounts[0] if accounts else None)

    def add(self, account: Account, account_secrets: dict[str, str]) -> None:
        """Secrets first: an account without its keyring entry must never be listed."""
        secrets.save(account.key, account_secrets)
        data = self._read()
        data["accounts"] = [*_without(data, account.key), asdict(account)]
        data["current"] = account.key
        self._write(data)

    def set_current(self, key: str) -> None:
        data = self._read()
        data["current"] = key
        self._write(data)

    def remove(self, account: Account) -> None:
        """Sign out: delete the secrets from the keyring and forget the account."""
        secrets.delete(account.key)
        data = self._read()
        data["accounts"] = _without(data, account.key)
        if data.get("current") == account.key:
            data["current"] = None
        self._write(data)

    def secrets_of(self, account: Account) -> dict[str, str]:
        return secrets.load(account.key)
