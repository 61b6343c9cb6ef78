"""Sign in with OK OAuth and remember the account: identity in a file, tokens in the keyring."""

from __future__ import annotations

from dataclasses import dataclass

import requests

from okcomposer.api import methods, oauth
from okcomposer.api.client import OK_API_BASE, OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.store.accounts import Account, AccountStore


@dataclass(frozen=True)
class App:
    """The OK application the user registered: numeric id, public key, and (code flow only) its secret."""

    application_id: str
    application_key: str
    api_base: str = OK_API_BASE
    application_secret_key: str | None = None

    @property
    def connect_base(self) -> str:
        # OK serves the consent page on connect.ok.ru; a sandbox serves everything itself.
        return oauth.CONNECT_BASE if self.api_base == OK_API_BASE else self.api_base

    @property
    def flow(self) -> str:
        return "code" if self.application_secret_key else "token"

    def __repr__(self) -> str:
        return f"App(application_id={self.application_id!r}, api_base={self.api_base!r}, flow={self.flow!r})"


def start(
    app: App, redirect_uri: str = oauth.DEFAULT_REDIRECT, scopes=oauth.DEFAULT_SCOPES
) -> oauth.AuthRequest:
    return oauth.authorize_url(app.application_id, scopes, redirect_uri, app.flow, app.connect_base)


def finish(
    app: App, request: oauth.AuthRequest, redirect_url: str, store: AccountStore | None = None
) -> Account:
    """Parse the pasted redirect, check `state`, get tokens, learn who signed in, store it all."""
    if app.flow == "token":
        tokens = oauth.parse_implicit_redirect(redirect_url, request.state)
        creds = Credentials(app.application_key, tokens.access_token, tokens.session_secret_key)
    else:
        code = oauth.parse_code_redirect(redirect_url, request.state)
        with requests.Session() as session:
            tokens = oauth.exchange_code(
                session,
                code,
                app.application_id,
                app.application_secret_key or "",
                request.redirect_uri,
                app.api_base,
            )
        creds = Credentials(
            app.application_key, tokens.access_token, application_secret_key=app.application_secret_key
        )
    client = OkClient(creds, app.api_base)
    try:
        user = methods.get_current_user(client)
    finally:
        client.close()
    account = Account(
        uid=user.uid,
        name=user.name,
        api_base=app.api_base,
        application_key=app.application_key,
        application_id=app.application_id,
        pic_url=user.pic_url,
        flow="code" if app.flow == "code" else "implicit",
    )
    secrets = {
        "access_token": tokens.access_token,
        "session_secret_key": tokens.session_secret_key or "",
        "refresh_token": tokens.refresh_token or "",
        "application_secret_key": app.application_secret_key or "",
    }
    (store or AccountStore()).add(account, secrets)
    return account
