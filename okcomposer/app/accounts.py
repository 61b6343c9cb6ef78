"""Which credentials a command uses: the environment (OKC_*) first, else a stored account of the API address.

An account is bound to the API address it signed in at: its tokens never go to another server.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from okcomposer.api.client import OK_API_BASE, OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import OkApiError, OkAuthError
from okcomposer.store import secrets
from okcomposer.store.accounts import Account, AccountStore

ENV_KEYS = ("OKC_APPLICATION_KEY", "OKC_ACCESS_TOKEN", "OKC_SESSION_SECRET_KEY", "OKC_APPLICATION_SECRET_KEY")


SESSION_EXPIRED = "the OK session has expired: run `okcomposer login`"


class CredentialsMissing(ValueError):
    """No usable credentials: the message says what to set or do."""


class SessionExpired(OkApiError):
    """OK answered 102 PARAM_SESSION_EXPIRED and the session cannot be renewed: sign in again."""

    def __init__(self, method: str = "", text: str = SESSION_EXPIRED):
        self.text = text
        super().__init__(102, text, method)

    def __str__(self) -> str:
        return self.text


def same_server(a: str, b: str) -> bool:
    """Whether two API addresses name the same server (case of scheme and host, a trailing / aside)."""
    return a.strip().rstrip("/").lower() == b.strip().rstrip("/").lower()


@dataclass(frozen=True)
class Session:
    credentials: Credentials
    api_base: str
    account: Account | None = None

    def client(self) -> OkClient:
        """A new client for this session (the one place the app hands one out). One per thread: a
        requests session is not shared across threads; the caller closes it."""
        return OkClient(self.credentials, self.api_base)


def from_env(env: Mapping[str, str]) -> Credentials | None:
    values = {k: env.get(k, "").strip() for k in ENV_KEYS}
    if not any(values.values()):
        return None
    if not values["OKC_APPLICATION_KEY"]:
        raise CredentialsMissing("OKC_APPLICATION_KEY is not set (the application's public key)")
    if not values["OKC_ACCESS_TOKEN"]:
        raise CredentialsMissing("OKC_ACCESS_TOKEN is not set")
    if not (values["OKC_SESSION_SECRET_KEY"] or values["OKC_APPLICATION_SECRET_KEY"]):
        raise CredentialsMissing("set OKC_SESSION_SECRET_KEY (implicit flow) or OKC_APPLICATION_SECRET_KEY")
    return Credentials(
        application_key=values["OKC_APPLICATION_KEY"],
        access_token=values["OKC_ACCESS_TOKEN"],
        session_secret_key=values["OKC_SESSION_SECRET_KEY"] or None,
        application_secret_key=values["OKC_APPLICATION_SECRET_KEY"] or None,
    )


def from_account(account: Account, account_secrets: Mapping[str, str]) -> Credentials:
    token = account_secrets.get("access_token")
    if not token:
        raise CredentialsMissing(f"the keyring has no sign-in for {account.name}; sign in again")
    return Credentials(
        application_key=account.application_key,
        access_token=token,
        session_secret_key=account_secrets.get("session_secret_key") or None,
        application_secret_key=account_secrets.get("application_secret_key") or None,
    )


def identify(
    env: Mapping[str, str], store: AccountStore | None = None, api_base: str | None = None
) -> tuple[str, Account | None]:
    """The API address and the stored account a command would use, without the keyring or the network.

    OKC_* credentials: (`api_base` or OKC_API_BASE or OK's, None). Else the current account if it belongs
    to `api_base` (or none is given), else the latest one signed in at `api_base`; never an account of
    another server. Raises CredentialsMissing (no account, or none at `api_base`) with one line.
    """
    if from_env(env) is not None:
        return api_base or env.get("OKC_API_BASE") or OK_API_BASE, None
    store = store or AccountStore()
    accounts, current = store.accounts(), store.current()
    if current is None:
        raise CredentialsMissing(
            "no account: sign in with `okcomposer login`, or set OKC_APPLICATION_KEY, OKC_ACCESS_TOKEN and "
            "OKC_SESSION_SECRET_KEY (or OKC_APPLICATION_SECRET_KEY), or try `okcomposer --sandbox ...`"
        )
    if api_base is None or same_server(current.api_base, api_base):
        return current.api_base, current
    account = next((a for a in reversed(accounts) if same_server(a.api_base, api_base)), None)
    if account is None:
        raise CredentialsMissing(
            f"no account is signed in at {api_base} (accounts belong to the address they signed in at): "
            f"sign in there with `okcomposer --api-base {api_base} login`"
        )
    return account.api_base, account


def resolve(
    env: Mapping[str, str], store: AccountStore | None = None, api_base: str | None = None
) -> Session:
    """The session a command uses: OKC_* credentials, else the stored account `identify` picks.

    Raises CredentialsMissing as identify, and NoKeyringError (an account, but no keyring to read it from)
    before any network work.
    """
    creds = from_env(env)
    if creds is not None:
        return Session(creds, identify(env, store, api_base)[0])
    store = store or AccountStore()
    base, account = identify(env, store, api_base)
    assert account is not None  # identify gives an account unless OKC_* credentials are set
    if not secrets.available():
        raise secrets.NoKeyringError()
    return Session(from_account(account, store.secrets_of(account)), base, account)


def renew(store: AccountStore, account: Account) -> Session:
    """A fresh session for a code-flow account from its refresh token (token.do); the keyring is updated.

    Raises CredentialsMissing for accounts that cannot be renewed (implicit flow: sign in again), and
    OkAuthError when OK refuses the refresh token.
    """
    import requests

    from okcomposer.api import oauth

    secrets = store.secrets_of(account)
    refresh_token, app_secret = secrets.get("refresh_token"), secrets.get("application_secret_key")
    if account.flow != "code" or not refresh_token or not app_secret or not account.application_id:
        raise CredentialsMissing(f"the session of {account.name} cannot be renewed; sign in again")
    with requests.Session() as http:
        tokens = oauth.refresh(http, refresh_token, account.application_id, app_secret, account.api_base)
    fresh = {
        **secrets,
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token or refresh_token,
    }
    store.save_secrets(account, fresh)
    return Session(from_account(account, fresh), account.api_base, account)


class RenewingClient(OkClient):
    """An OkClient that renews an expired session where the code flow allows, once, and repeats the call.

    102 PARAM_SESSION_EXPIRED means OK did nothing (docs/ok-api.md, "Sign-in (OAuth)"), so the call is
    simply repeated with the fresh session; `on_renewed(session)` is told. A session that cannot be renewed
    (implicit flow, OKC_* credentials, OK refusing the refresh token) raises SessionExpired.
    """

    def __init__(
        self,
        session: Session,
        store: AccountStore | None = None,
        on_renewed: Callable[[Session], None] | None = None,
        **kwargs: Any,
    ):
        super().__init__(session.credentials, session.api_base, **kwargs)
        self.account, self.store, self.on_renewed = session.account, store, on_renewed
        self.renew_lock = threading.Lock()

    def call(self, method: str, params: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
        used = self.credentials
        try:
            return super().call(method, params, **kwargs)
        except OkApiError as exc:
            if exc.code != 102 or isinstance(exc, SessionExpired):
                raise
        self._renew(used, method)
        try:
            return super().call(method, params, **kwargs)
        except OkApiError as exc:
            if exc.code == 102:
                raise SessionExpired(method) from None
            raise

    def _renew(self, used: Credentials, method: str) -> None:
        with self.renew_lock:
            if self.credentials is not used:  # another thread renewed it meanwhile
                return
            if self.account is None:
                raise SessionExpired(method, "the OK session in OKC_ACCESS_TOKEN has expired: get a new one")
            try:
                fresh = renew(self.store or AccountStore(), self.account)
            except (CredentialsMissing, OkAuthError):
                raise SessionExpired(method) from None
            self.credentials = fresh.credentials
        if self.on_renewed is not None:
            self.on_renewed(fresh)
