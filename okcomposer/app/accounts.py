"""Which credentials a command uses: the environment (OKC_*) first, else the stored current account."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from okcomposer.api.client import OK_API_BASE
from okcomposer.api.credentials import Credentials
from okcomposer.store.accounts import Account, AccountStore

ENV_KEYS = ("OKC_APPLICATION_KEY", "OKC_ACCESS_TOKEN", "OKC_SESSION_SECRET_KEY", "OKC_APPLICATION_SECRET_KEY")


class CredentialsMissing(ValueError):
    """No usable credentials: the message says what to set or do."""


@dataclass(frozen=True)
class Session:
    credentials: Credentials
    api_base: str
    account: Account | None = None


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


def resolve(
    env: Mapping[str, str], store: AccountStore | None = None, api_base: str | None = None
) -> Session:
    creds = from_env(env)
    if creds is not None:
        return Session(creds, api_base or env.get("OKC_API_BASE") or OK_API_BASE)
    store = store or AccountStore()
    account = store.current()
    if account is None:
        raise CredentialsMissing(
            "no account: sign in with `okcomposer login`, or set OKC_APPLICATION_KEY, OKC_ACCESS_TOKEN and "
            "OKC_SESSION_SECRET_KEY (or OKC_APPLICATION_SECRET_KEY), or try `okcomposer --sandbox ...`"
        )
    return Session(from_account(account, store.secrets_of(account)), api_base or account.api_base, account)


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
    store.add(account, fresh)
    return Session(from_account(account, fresh), account.api_base, account)
