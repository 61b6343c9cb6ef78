"""An OkClient signed in as the sandbox's demo user."""

from __future__ import annotations

from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials


def demo_client(sandbox, **kwargs) -> OkClient:
    info = sandbox.info()
    creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
    return OkClient(creds, info["base_url"], **kwargs)


def admin_group(sandbox) -> str:
    return next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")


def calls(sandbox, method: str) -> int:
    """How many times the sandbox was asked `method` so far."""
    return sum(1 for c in sandbox.snapshot()["calls"] if c["method"] == method)
