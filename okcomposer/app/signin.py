"""Sign in with OK OAuth and remember the account: identity in a file, tokens in the keyring.

Two ways back from OK's page (docs/ok-api.md, "Sign-in (OAuth)"): the one-button way, where a loopback
listener catches the answer (start_loopback, finish_loopback), and the paste way, where the user copies the
address the browser ended on (start, finish) -- for the https://oauth.mycdn.me/blank.html redirect, or when
the listener's port is taken.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass

import requests

from okcomposer.api import methods, oauth
from okcomposer.api.client import OK_API_BASE, OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.loopback import LOOPBACK_PORT, WAIT_S, BrowserTexts, LoopbackListener
from okcomposer.store.accounts import Account, AccountStore


@dataclass(frozen=True)
class App:
    """The OK application the user registered: numeric id, public key, and (code flow only) its secret."""

    application_id: str
    application_key: str
    api_base: str = OK_API_BASE
    application_secret_key: str | None = None
    scopes: tuple[str, ...] = oauth.DEFAULT_SCOPES

    @property
    def connect_base(self) -> str:
        # OK serves the consent page on connect.ok.ru; a sandbox serves everything itself.
        return oauth.CONNECT_BASE if self.api_base == OK_API_BASE else self.api_base

    @property
    def flow(self) -> str:
        return "code" if self.application_secret_key else "token"

    def __repr__(self) -> str:
        return f"App(application_id={self.application_id!r}, api_base={self.api_base!r}, flow={self.flow!r})"


def start(app: App, redirect_uri: str = oauth.DEFAULT_REDIRECT, scopes=None) -> oauth.AuthRequest:
    """The paste way: OK's page for `app` (ValueError for an id that is not numeric)."""
    return oauth.authorize_url(
        app.application_id, scopes or app.scopes, redirect_uri, app.flow, app.connect_base
    )


@dataclass(frozen=True)
class PendingSignIn:
    """A sign-in under way the one-button way: open `request.url` in the browser, then finish_loopback."""

    request: oauth.AuthRequest
    listener: LoopbackListener


def start_loopback(app: App, texts: BrowserTexts | None = None, port: int = LOOPBACK_PORT) -> PendingSignIn:
    """Listen on 127.0.0.1:`port` and make OK's page send the browser back there.

    `texts`: what the browser tab says once the answer is in (the user's language). Raises OkAuthError when
    the port is taken (use the paste way), ValueError for an application id that is not numeric.
    """
    state = secrets.token_urlsafe(24)
    listener = LoopbackListener(state, texts, port)
    try:
        request = oauth.authorize_url(
            app.application_id, app.scopes, listener.redirect_uri, app.flow, app.connect_base, state
        )
    except ValueError:
        listener.close()
        raise
    return PendingSignIn(request, listener)


def finish_loopback(
    app: App,
    pending: PendingSignIn,
    store: AccountStore | None = None,
    timeout: float = WAIT_S,
    cancelled: Callable[[], bool] | None = None,
) -> Account:
    """Wait (blocking: call it off the GUI thread) for the browser's answer, then finish as the paste way.

    Raises OkAuthError for no answer in `timeout` seconds, a cancel, or a refusal; NoKeyringError as finish.
    """
    return finish(app, pending.request, pending.listener.wait(timeout, cancelled), store)


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
