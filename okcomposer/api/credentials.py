"""What a client needs to sign calls, kept out of every repr and message."""

from __future__ import annotations

from dataclasses import dataclass, field

from okcomposer.api.signing import signing_secret


@dataclass(frozen=True)
class Credentials:
    """An application key plus a user session (or none, for calls without a session)."""

    application_key: str
    access_token: str | None = field(default=None, repr=False)
    session_secret_key: str | None = field(default=None, repr=False)
    application_secret_key: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.application_key:
            raise ValueError("the application key (public key) is missing")
        if not (self.session_secret_key or self.application_secret_key):
            raise ValueError("a session secret key or the application secret key is needed to sign calls")

    @property
    def has_session(self) -> bool:
        return bool(self.access_token)

    def secret(self) -> str:
        return signing_secret(
            access_token=self.access_token,
            session_secret_key=self.session_secret_key,
            application_secret_key=self.application_secret_key,
        )

    def __repr__(self) -> str:
        mode = "session" if self.session_secret_key else "code-flow" if self.access_token else "app"
        return f"Credentials(application_key={self.application_key!r}, mode={mode!r})"
