"""`okcomposer login`, `accounts` and `logout`."""

from __future__ import annotations

import argparse
import os
import sys
import webbrowser

from okcomposer.api.client import OK_API_BASE
from okcomposer.api.errors import OkAuthError
from okcomposer.app import signin
from okcomposer.cli import EXIT_INPUT, EXIT_OK, InputError
from okcomposer.store.accounts import AccountStore
from okcomposer.store.secrets import NoKeyringError


def run_accounts_command(args: argparse.Namespace) -> int:
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
    accounts = store.accounts()
    account = next((a for a in accounts if a.uid == args.uid), None) if args.uid else store.current()
    if account is None:
        raise InputError(f"no signed-in account {args.uid}" if args.uid else "no account is signed in")
    store.remove(account)
    print(f"Signed out {account.name} ({account.uid}); its tokens were deleted from the keyring")
    return EXIT_OK
