"""`okcomposer login`, `accounts` and `logout`: the signed-in OK accounts, tokens in the system keyring."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from okcomposer.cli.common import EXIT_INPUT, EXIT_OK, InputError, say

if TYPE_CHECKING:
    from okcomposer.store.accounts import AccountStore

# okcomposer.api.loopback.LOOPBACK_REDIRECT, written out so parsing imports nothing (a test keeps them equal).
LOOPBACK = "http://localhost:51739/auth"
BLANK = "https://oauth.mycdn.me/blank.html"


def add_parser(sub: Any) -> None:
    """`login [--application-id ID --application-key KEY] [--redirect-uri URI] [--paste] [--code-flow]`,
    `accounts`, `logout [UID]`."""
    login = sub.add_parser(
        "login",
        help="sign in with OK in the browser; the tokens go to the system keyring",
        description="Opens OK's sign-in page in the browser and catches the answer on "
        f"{LOOPBACK} (or, with --paste or another --redirect-uri, reads back the "
        "address the browser ended on). Without --application-id, the OK application this copy of "
        "okcomposer is configured with (docs/ok-app.md).",
    )
    login.add_argument("--application-id", help="the numeric id of your own OK application")
    login.add_argument("--application-key", help="your own application's public key")
    login.add_argument(
        "--redirect-uri",
        help=f"the redirect address registered for the application (default: {LOOPBACK} for the "
        f"configured one, {BLANK} for your own); any address but the loopback one means pasting it back",
    )
    login.add_argument("--paste", action="store_true", help="paste the address back instead of catching it")
    login.add_argument(
        "--code-flow",
        action="store_true",
        help="use the code flow with refresh (application secret key from OKC_APPLICATION_SECRET_KEY)",
    )
    login.set_defaults(run=run_accounts_command)
    accounts = sub.add_parser("accounts", help="list the signed-in accounts (* marks the current one)")
    accounts.set_defaults(run=run_accounts_command)
    logout = sub.add_parser("logout", help="sign out: delete an account's tokens from the keyring")
    logout.add_argument("uid", nargs="?", help="the account's user id (default: the current account)")
    logout.set_defaults(run=run_accounts_command)


def run_accounts_command(args: argparse.Namespace) -> int:
    """`login`, `logout` or `accounts` (by args.command); no keyring is bad input (exit 2)."""
    from okcomposer.store.accounts import AccountStore
    from okcomposer.store.secrets import NoKeyringError

    store = AccountStore()
    try:
        if args.command == "login":
            return login(args, store)
        if args.command == "logout":
            return logout(args, store)
        current, accounts = store.current(), store.accounts()
        if not accounts:  # one line on stderr (stdout stays empty for scripts), not silence
            say(
                "no account is signed in: `okcomposer login` signs one in; "
                "`okcomposer --sandbox ...` needs none"
            )
        for account in accounts:
            mark = "*" if current and account.key == current.key else " "
            print(f"{mark} {account.uid}\t{account.name}\t{account.api_base}")
        return EXIT_OK
    except NoKeyringError as exc:
        raise InputError(str(exc)) from None


def _app(args: argparse.Namespace) -> tuple[Any, str]:
    """The application to sign in with and the redirect address: the user's own, or the configured one."""
    from okcomposer.api.client import OK_API_BASE
    from okcomposer.app import ok_app, signin

    api_base = args.api_base or OK_API_BASE
    if args.application_id or args.application_key:
        if not (args.application_id and args.application_key):
            raise InputError("give both --application-id and --application-key (or neither)")
        secret = os.environ.get("OKC_APPLICATION_SECRET_KEY") if args.code_flow else None
        if args.code_flow and not secret:
            raise InputError("--code-flow needs the application secret key in OKC_APPLICATION_SECRET_KEY")
        app = signin.App(args.application_id, args.application_key, api_base, secret)
        return app, args.redirect_uri or BLANK
    if args.code_flow:
        raise InputError("--code-flow needs your own application (--application-id, --application-key)")
    if args.api_base and args.api_base.rstrip("/") != OK_API_BASE:
        raise InputError(
            f"{args.api_base} is not OK: give its application with --application-id and --application-key"
        )
    try:
        app, settings = ok_app.packaged_app()
    except ok_app.NotConfigured as exc:
        raise InputError(str(exc)) from None
    default = LOOPBACK if settings.loopback else settings.paste_redirect
    return app, args.redirect_uri or default


def login(args: argparse.Namespace, store: AccountStore) -> int:
    """Sign in through the browser: catch the answer on the loopback address, or read the pasted one back;
    store the tokens. No keyring: said before anything else (exit 2)."""
    from okcomposer.api.errors import OkAuthError
    from okcomposer.app import signin
    from okcomposer.store import secrets

    if not secrets.available():
        raise secrets.NoKeyringError()
    app, redirect = _app(args)
    if args.paste and redirect == LOOPBACK:
        redirect = BLANK
    try:
        if redirect == LOOPBACK and not args.paste:
            try:
                account = _catch(app, store)
            except _PortTaken as exc:
                say(str(exc))
                account = _paste(app, store, signin.start(app, BLANK))
        else:
            account = _paste(app, store, signin.start(app, redirect))
    except ValueError as exc:
        raise InputError(str(exc)) from None
    except OkAuthError as exc:
        raise InputError(str(exc)) from None
    if account is None:
        say("no address was pasted; nothing was stored")
        return EXIT_INPUT
    print(f"Signed in as {account.name} ({account.uid}) at {account.api_base}")
    return EXIT_OK


class _PortTaken(Exception):
    """The loopback port is held by another program: the paste way instead."""


def _catch(app: Any, store: AccountStore) -> Any:
    import webbrowser

    from okcomposer.api.errors import OkAuthError
    from okcomposer.api.loopback import texts_for
    from okcomposer.app import signin

    language = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    try:
        pending = signin.start_loopback(app, texts_for(language))
    except OkAuthError as exc:
        raise _PortTaken(str(exc)) from None
    say("allow access on OK's page in the browser; if it does not open, open this address:")
    print(pending.request.url, file=sys.stderr, flush=True)
    if not webbrowser.open(pending.request.url):
        say("no browser could be opened: open the address above yourself")
    return signin.finish_loopback(app, pending, store)


def _paste(app: Any, store: AccountStore, request: Any) -> Any:
    import webbrowser

    from okcomposer.app import signin

    print("Open this address, allow access, then paste the address the browser ends on:", file=sys.stderr)
    print(request.url, file=sys.stderr)
    if sys.stdin.isatty():
        webbrowser.open(request.url)
    try:
        pasted = input("Address: " if sys.stdin.isatty() else "")
    except EOFError:
        return None
    return signin.finish(app, request, pasted, store)


def logout(args: argparse.Namespace, store: AccountStore) -> int:
    """Delete the tokens of account `args.uid` (default: the current one) from the keyring."""
    accounts = store.accounts()
    account = next((a for a in accounts if a.uid == args.uid), None) if args.uid else store.current()
    if account is None:
        raise InputError(f"no signed-in account {args.uid}" if args.uid else "no account is signed in")
    store.remove(account)
    print(f"Signed out {account.name} ({account.uid}); its tokens were deleted from the keyring")
    return EXIT_OK
