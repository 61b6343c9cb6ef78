"""What every command shares: exit codes, InputError, the limits, time zones, the draft file, the client, the
outbox. Imports only the standard library at the top: parsing a command line stays light.

Commands import this module (and okcomposer.cli.sending); it imports no command.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okcomposer.api.client import OkClient
    from okcomposer.api.topic import Post
    from okcomposer.app.outbox import Outbox
    from okcomposer.limits import Limits

# 3 and 4: the publishing commands only (post, moment, import --publish, outbox; see cli.outbox).
EXIT_OK, EXIT_API, EXIT_INPUT, EXIT_REPEAT, EXIT_UNCONFIRMED, EXIT_PIPE = 0, 1, 2, 3, 4, 141
AGAIN_HELP = "publish even if the same post went to the same place in the last 7 days (else exit 3)"


class InputError(Exception):
    """Bad input from the user: one line on stderr, exit code 2."""


def say(line: str) -> None:
    """One line on stderr, as every okcomposer message."""
    print(f"okcomposer: {line}", file=sys.stderr, flush=True)


def limits_in_force() -> Limits:
    """The limits in force (OKC_LIMIT_* overrides applied); InputError (exit 2) for a bad override."""
    from okcomposer.limits import current_limits

    try:
        return current_limits()
    except ValueError as exc:
        raise InputError(str(exc)) from None


def user_zone(name: str | None) -> tzinfo:
    """ZONE (--tz), else the zone chosen in the window's settings (Settings → Time zone), else this computer's
    zone (with DST rules where it has a name), else its offset now: the window and the commands read and write
    times in the same zone. InputError for an unknown --tz."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from okcomposer.store.settings import SettingsStore

    if name is None:
        chosen = SettingsStore().load().time_zone  # a bad name in the file reads as ""
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError, OSError):
            return ZoneInfo(chosen) if chosen else user_zone("")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputError(f"unknown time zone {name!r} (use a name like Europe/Moscow)") from None
    local = os.path.realpath("/etc/localtime").partition("zoneinfo/")[2]
    for candidate in (os.environ.get("TZ", "").lstrip(":"), local):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                pass
    return datetime.now().astimezone().tzinfo or UTC


def read_draft(path: str) -> Post:
    """The Post in the draft file `path` (a regular file, at most 10 MB); InputError with one line if not."""
    from okcomposer.app.input_files import read_draft_file

    try:
        return read_draft_file(path)
    except ValueError as exc:  # InputFileError, DraftError: one line naming the file
        raise InputError(str(exc)) from None


@contextlib.contextmanager
def connect(args: argparse.Namespace) -> Iterator[tuple[OkClient, str | None]]:
    """An OkClient for the command, and the user's uid when known."""
    from okcomposer.api.client import OkClient
    from okcomposer.api.credentials import Credentials
    from okcomposer.app.accounts import CredentialsMissing, RenewingClient, resolve
    from okcomposer.store.accounts import AccountStore
    from okcomposer.store.secrets import NoKeyringError

    if args.sandbox:
        from okcomposer.sandbox.server import Sandbox

        with Sandbox(host="127.0.0.1", port=0, with_history=True) as sandbox:
            info = sandbox.info()
            creds = Credentials(
                application_key=info["application_key"],
                access_token=info["access_token"],
                session_secret_key=info["session_secret_key"],
            )
            client = OkClient(creds, info["base_url"])
            print(
                f"okcomposer: using a built-in sandbox at {info['base_url']} (gone when this command ends)",
                file=sys.stderr,
            )
            try:
                yield client, str(info["user"]["uid"])
            finally:
                client.close()
        return
    try:
        store = AccountStore()
        session = resolve(os.environ, store, api_base=args.api_base)
        client = RenewingClient(
            session, store, on_renewed=lambda _s: say("the session had expired and was renewed")
        )
    except (CredentialsMissing, NoKeyringError, ValueError) as exc:  # before any network work
        raise InputError(str(exc)) from None
    try:
        # OKC_* credentials name no account: OK tells whose they are (one call, None if it cannot).
        yield client, session.account.uid if session.account else current_uid(client)
    finally:
        client.close()


def current_uid(client: OkClient) -> str | None:
    """The signed-in user's id as users.getCurrentUser gives it; None when OK cannot tell (an error)."""
    from okcomposer.api.errors import OkError
    from okcomposer.api.methods import get_current_user

    try:
        return get_current_user(client).uid
    except OkError:
        return None


def own_entries(outbox: Outbox, uid: str | None) -> None:
    """Complete the outbox's mark of the account ("API address|") with the uid OK gave, where OKC_*
    credentials named none: what this command queues or sends is then the window's too when it is signed in
    as the same user (it sends a waiting page post at its time, and asks before publishing it again)."""
    if uid and outbox.owner.endswith("|"):
        outbox.owner += uid


def account_owner(args: argparse.Namespace) -> str:
    """The outbox's mark of the account this command publishes as, found without the keyring or the network
    ("" if none)."""
    from okcomposer.app.accounts import CredentialsMissing, identify
    from okcomposer.app.outcomes import owner_of

    try:
        api_base, account = identify(os.environ, api_base=args.api_base)
    except CredentialsMissing:  # no account: listing the outbox still works, nothing is sent
        return ""
    return owner_of(api_base, account.uid if account else None)


@contextlib.contextmanager
def open_outbox(args: argparse.Namespace) -> Iterator[Outbox]:
    """The user's outbox; with --sandbox a throwaway one (that sandbox's topics are gone with it)."""
    from okcomposer.app.outbox import Outbox
    from okcomposer.store.drafts import DraftStore

    with contextlib.ExitStack() as stack:
        if args.sandbox:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="okc-sandbox-"))
            store = DraftStore(Path(folder) / "drafts.sqlite3")
        else:
            store = DraftStore(on_notice=say)  # a damaged database restored: say so
        stack.callback(store.close)
        yield Outbox(store, owner="" if args.sandbox else account_owner(args))
