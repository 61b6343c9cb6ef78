"""Signed-in accounts: who they are in accounts.json (store.options), their tokens in the keyring."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from okcomposer.store import paths, secrets
from okcomposer.store.options import OptionFile, Upgrade, option

VERSION = 1
UPGRADES: dict[int, Upgrade] = {}  # UPGRADES[n] turns a version-n accounts.json into version n+1
REQUIRED = ("uid", "name", "api_base", "application_key")


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


def _load_accounts(value: Any) -> list[Account]:
    """The stored accounts; an entry without uid, name, API address or application key is left out."""
    if not isinstance(value, list):
        raise TypeError("accounts are not a list")
    names = {f.name for f in fields(Account)}
    return [
        Account(**{k: str(v) for k, v in item.items() if k in names})
        for item in value
        if isinstance(item, dict) and set(REQUIRED) <= item.keys()
    ]


def _load_current(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("current is not a key")
    return value


@dataclass(frozen=True)
class AccountList:
    """What accounts.json holds: the accounts and the key ("API address|uid") of the current one."""

    accounts: tuple[Account, ...] = option(
        (), group="accounts", load=lambda v: tuple(_load_accounts(v)), dump=lambda a: [asdict(x) for x in a]
    )
    current: str | None = option(None, group="accounts", load=_load_current)

    def without(self, key: str) -> tuple[Account, ...]:
        return tuple(a for a in self.accounts if a.key != key)


class AccountStore:
    """accounts.json in the config folder (or `path`); `notice` says if a damaged file was kept aside."""

    def __init__(self, path: Path | None = None):
        self.path = path or paths.config_dir() / "accounts.json"
        self.file = OptionFile(self.path, AccountList, VERSION, UPGRADES)

    @property
    def notice(self) -> str | None:
        return self.file.notice

    def accounts(self) -> list[Account]:
        return list(self.file.load().accounts)

    def current(self) -> Account | None:
        stored = self.file.load()
        accounts = stored.accounts
        return next((a for a in accounts if a.key == stored.current), accounts[0] if accounts else None)

    def add(self, account: Account, account_secrets: dict[str, str]) -> None:
        """Secrets first: an account without its keyring entry must never be listed."""
        secrets.save(account.key, account_secrets)
        stored = self.file.load()
        self.file.save(AccountList((*stored.without(account.key), account), account.key))

    def set_current(self, key: str) -> None:
        self.file.save(AccountList(self.file.load().accounts, key))

    def remove(self, account: Account) -> None:
        """Sign out: delete the secrets from the keyring and forget the account."""
        secrets.delete(account.key)
        stored = self.file.load()
        current = None if stored.current == account.key else stored.current
        self.file.save(AccountList(stored.without(account.key), current))

    def save_secrets(self, account: Account, account_secrets: dict[str, str]) -> None:
        """Replace an account's secrets (a renewed session); which account is current stays as it is."""
        secrets.save(account.key, account_secrets)

    def secrets_of(self, account: Account) -> dict[str, str]:
        return secrets.load(account.key)
