"""`okcomposer login`, `accounts` and `logout`: the signed-in OK accounts, tokens in the system keyring."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from okcomposer.cli.common import EXIT_INPUT, EXIT_OK, InputError

if TYPE_CHECKING:
    from okcomposer.store.accounts import AccountStore


def add_parser(sub: Any) -> None:
    """`login --application-id ID --application-key KEY [--redirect-uri URI] [--code-flow]`, `accounts`,
    `logout [UID]`."""
    login = sub.add_parser("login", help="sign in with OK OAuth; the tokens go to the system keyring")
    login.add_argument("--application-id", required=True, help="the numeric id of your OK application")
    login.add_argument("--application-key", required=True, help="the application's public key")
    login.add_argument("--redirect-uri", default="https://oauth.mycdn.me/blank.html")
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
        current = store.current()
        for account in store.accounts():
            mark = "*" if current and account.key == current.key else " "
            print(f"{mark} {account.uid}\t{account.name}\t{account.api_base}")
        return EXIT_OK
    except NoKeyringError as exc:
        raise InputError(str(exc)) from None


def login(args: argparse.Namespace, store: AccountStore) -> int:
    """Sign in through the browser: print the address, read the pasted one back, store the tokens."""
    import webbrowser

    from okcomposer.api.client import OK_API_BASE
    from okcomposer.api.errors import OkAuthError
    from okcomposer.app import signin

    secret = os.environ.get("OKC_APPLICATION_SECRET_KEY") if args.code_flow else None
    if args.code_flow and not secret:
        raise InputError("--code-flow needs the application secret key in OKC_APPLICATION_SECRET_KEY")
    app = signin.App(args.application_id, args.application_key, args.api_base or OK_API_BASE, secret)
    try:
        request = signin.start(app, args.redirect_uri)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    print("Open this address, allow access, then paste the address the browser ends on:", file=sys.stderr)
    print(request.url, file=sys.stderr)
    if sys.stdin.isatty():
        webbrowser.open(request.url)
    try:
        pasted = input("Address: " if sys.stdin.isatty() else "")
    except EOFError:
        print("okcomposer: no address was pasted; nothing was stored", file=sys.stderr)
        return EXIT_INPUT
    try:
        account = signin.finish(app, request, pasted, store)
    except OkAuthError as exc:
        raise InputError(str(exc)) from None
    print(f"Signed in as {account.name} ({account.uid})")
    return EXIT_OK


def logout(args: argparse.Namespace, store: AccountStore) -> int:
    """Delete the tokens of account `args.uid` (default: the current one) from the keyring."""
    accounts = store.accounts()
    account = next((a for a in accounts if a.uid == args.uid), None) if args.uid else store.current()
    if account is None:
        raise InputError(f"no signed-in account {args.uid}" if args.uid else "no account is signed in")
    store.remove(account)
    print(f"Signed out {account.name} ({account.uid}); its tokens were deleted from the keyring")
    return EXIT_OK
