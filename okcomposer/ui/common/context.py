"""What every view shares: settings, drafts, limits and the signed-in session, with change signals."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from okcomposer.api.client import OkClient
from okcomposer.app.accounts import Session
from okcomposer.app.outbox import Outbox
from okcomposer.app.outcomes import owner_of
from okcomposer.limits import Limits, current_limits
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import Settings, SettingsStore
from okcomposer.ui.common.times import use_zone


class UiContext(QObject):
    session_changed = Signal()
    """The signed-in account changed (signed in, switched, signed out, or its session expired)."""
    settings_changed = Signal()
    """Settings were saved."""

    def __init__(
        self,
        settings_store: SettingsStore | None = None,
        drafts: DraftStore | None = None,
        limits: Limits | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.settings_store = settings_store or SettingsStore()
        self.settings: Settings = self.settings_store.load()
        use_zone(self.settings.time_zone)  # every time the window shows or takes is in this zone
        self.drafts = drafts or DraftStore()
        self.limits = limits or current_limits()
        self.session: Session | None = None
        self.user_name = ""
        self.uid = ""
        self.sandbox = None  # the built-in sandbox when started with --sandbox
        self.outbox = Outbox(self.drafts)  # every publish goes through it (app.outbox)
        self.disk: Callable[[Callable[[], None]], object] | None = None
        """The window's disk queue (its submit), set by the compose tab; None: remember() writes at once."""

    def set_session(self, session: Session | None, user_name: str = "", uid: str = "") -> None:
        self.session, self.user_name, self.uid = session, user_name, uid
        account = uid or (session.account.uid if session and session.account else "")
        # The outbox sends and asks about this account's posts only.
        self.outbox.owner = owner_of(session.api_base, account) if session is not None else ""
        self.session_changed.emit()

    def client(self) -> OkClient:
        """A new client for one background task (Session.client: one per thread, closed by the task).

        Raises RuntimeError when nobody is signed in.
        """
        if self.session is None:
            raise RuntimeError("not signed in")
        return self.session.client()

    def remember(self, **changes: Any) -> None:
        """Change a few settings as the user works (recent emoji, a notice seen) and save them."""
        self.save_settings(
            dataclasses.replace(self.settings, **changes), self.disk or (lambda write: write())
        )

    def save_settings(self, settings: Settings, submit: Callable[[Callable[[], None]], object]) -> None:
        """Use `settings` now; `submit` runs the file write (the window's disk queue, off the GUI thread)."""
        self.settings = chosen = settings.validated()
        use_zone(chosen.time_zone)
        store = self.settings_store
        submit(lambda: store.save(chosen))
        self.settings_changed.emit()
