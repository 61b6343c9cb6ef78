"""The OK application okcomposer signs in with: one packaged settings file, filled once by a distributor.

okcomposer/resources/ok-app.json holds the application's public values (numeric id, public key, the
redirect addresses registered for it, the permissions it asks for); never its secret key. Empty, it means
"not configured": users then sign in with their own application ("Use my own OK application…",
`okcomposer login --application-id … --application-key …`). docs/ok-app.md says how to fill it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from okcomposer.api import oauth
from okcomposer.api.client import OK_API_BASE
from okcomposer.api.loopback import LOOPBACK_REDIRECT
from okcomposer.app.signin import App

NOT_CONFIGURED = (
    "this copy of okcomposer has no OK application configured (okcomposer/resources/ok-app.json, see "
    "docs/ok-app.md): sign in with your own application (okcomposer login --application-id ID "
    "--application-key KEY)"
)
_SCOPE = re.compile(r"[A-Z][A-Z_]{1,40}")


class NotConfigured(ValueError):
    """The packaged settings name no application (or a damaged one): the message says what to do."""


@dataclass(frozen=True)
class AppSettings:
    """What ok-app.json holds; `configured` is False while the id or the key is empty."""

    application_id: str = ""
    application_key: str = ""
    redirect_uris: tuple[str, ...] = (LOOPBACK_REDIRECT, oauth.DEFAULT_REDIRECT)
    scopes: tuple[str, ...] = oauth.DEFAULT_SCOPES

    @property
    def configured(self) -> bool:
        return bool(self.application_id and self.application_key)

    @property
    def loopback(self) -> bool:
        """Whether the one-button way may be used: the loopback address is registered for the app."""
        return LOOPBACK_REDIRECT in self.redirect_uris

    @property
    def paste_redirect(self) -> str:
        """The https redirect address for the paste way (OK's blank page unless another is registered)."""
        return next((u for u in self.redirect_uris if u.startswith("https://")), oauth.DEFAULT_REDIRECT)


def settings_path() -> Path:
    """Where the packaged settings file is (inside the installed package)."""
    return Path(str(resources.files("okcomposer") / "resources" / "ok-app.json"))


def _strings(data: dict[str, Any], name: str) -> tuple[str, ...]:
    value = data.get(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise NotConfigured(f"ok-app.json: {name} must be a list of strings")
    return tuple(value)


def load_settings(path: Path | None = None) -> AppSettings:
    """The packaged settings (or those at `path`). Raises NotConfigured naming the fault of a damaged file."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AppSettings()
    except (OSError, ValueError) as exc:
        why = type(exc).__name__
        raise NotConfigured(f"ok-app.json cannot be read ({why}); see docs/ok-app.md") from None
    if not isinstance(data, dict):
        raise NotConfigured("ok-app.json must hold a JSON object; see docs/ok-app.md")
    app_id = str(data.get("application_id") or "").strip()
    key = str(data.get("application_key") or "").strip()
    if app_id and not app_id.isdigit():
        raise NotConfigured("ok-app.json: application_id is the numeric id, not the public key")
    scopes = _strings(data, "scopes") if "scopes" in data else oauth.DEFAULT_SCOPES
    if bad := [s for s in scopes if not _SCOPE.fullmatch(s)]:
        raise NotConfigured(f"ok-app.json: unknown permission name {bad[0]!r}")
    uris = _strings(data, "redirect_uris") if "redirect_uris" in data else AppSettings.redirect_uris
    if bad := [u for u in uris if u != LOOPBACK_REDIRECT and not u.startswith("https://")]:
        raise NotConfigured(f"ok-app.json: {bad[0]!r} is neither {LOOPBACK_REDIRECT} nor an https address")
    return AppSettings(app_id, key, uris, scopes)


def packaged_app(path: Path | None = None) -> tuple[App, AppSettings]:
    """The configured OK application (OK's API address, implicit flow) and its settings.

    Raises NotConfigured when ok-app.json is empty or damaged.
    """
    settings = load_settings(path)
    if not settings.configured:
        raise NotConfigured(NOT_CONFIGURED)
    app = App(settings.application_id, settings.application_key, OK_API_BASE, scopes=settings.scopes)
    return app, settings


def sandbox_app(info: dict) -> tuple[App, AppSettings]:
    """The sandbox's demo application (Sandbox.info()), signed in the same one-button way."""
    settings = AppSettings(
        str(info["application_id"]),
        str(info["application_key"]),
        tuple(info.get("redirect_uris") or AppSettings.redirect_uris),
    )
    return App(settings.application_id, settings.application_key, str(info["base_url"])), settings
