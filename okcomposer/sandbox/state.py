"""The sandbox's thread-safe in-memory store: sessions, uploads, photos, videos, topics, moments and calls."""

from __future__ import annotations

import base64
import copy
import itertools
import secrets
import threading
import time

from okcomposer.sandbox import demo, history

# Lifetimes of what OAuth issues (docs/ok-api.md "Sign-in (OAuth)": commonly 30 min / 30 days, UNCONFIRMED).
ACCESS_TOKEN_TTL_S = 1800
REFRESH_TOKEN_TTL_S = 30 * 24 * 3600


def random_token(nbytes: int) -> str:
    # Standard base64 on purpose: OK's ids and tokens contain '+', '/' and '=' that must be URL-encoded.
    return base64.b64encode(secrets.token_bytes(nbytes)).decode("ascii")


class Store:
    """Everything the sandbox remembers; take `lock` around any read-modify-write."""

    def __init__(self, video_processing_s: float = 0.0, with_history: bool = False):
        self.lock = threading.RLock()
        self.clock_offset_ms = 0  # added to the real time by advance(): tests age things without sleeping
        self.video_processing_s = video_processing_s
        self.with_history = with_history  # the demo groups carry a month of earlier topics (sandbox.history)
        self._seq = itertools.count(1)
        self.sessions: dict[str, dict] = {}
        self.codes: dict[str, dict] = {}
        self.refresh_tokens: dict[str, dict] = {}
        self._install_demo_session()
        self.reset()

    # --- time and ids ---------------------------------------------------------------------------------
    def now_ms(self) -> int:
        """The sandbox's time, ms since the epoch: the real time plus what advance() added."""
        return int(time.time() * 1000) + self.clock_offset_ms

    def advance(self, seconds: float) -> None:
        """Move the sandbox's clock forward: upload URLs, sessions, codes and video processing age at once."""
        with self.lock:
            self.clock_offset_ms += round(seconds * 1000)

    def numeric_id(self, base: int) -> str:
        return str(base + next(self._seq) * 17)

    # --- sessions -------------------------------------------------------------------------------------
    def _install_demo_session(self) -> None:
        self.sessions[demo.ACCESS_TOKEN] = {
            "access_token": demo.ACCESS_TOKEN,
            "uid": demo.USER["uid"],
            "secret": demo.SESSION_SECRET_KEY,
            "flow": "implicit",
            "scopes": frozenset(demo.ALL_SCOPES),
            "expires_at_ms": None,  # the demo session lives until expired on purpose
            "expired": False,
        }

    def add_session(self, token: str, secret: str, flow: str, scopes: frozenset[str], uid: str) -> dict:
        session = {
            "access_token": token,
            "uid": uid,
            "secret": secret,
            "flow": flow,
            "scopes": scopes,
            "expires_at_ms": self.now_ms() + ACCESS_TOKEN_TTL_S * 1000,
            "expired": False,
        }
        with self.lock:
            self.sessions[token] = session
        return session

    def session_expired(self, session: dict) -> bool:
        deadline = session["expires_at_ms"]
        return session["expired"] or (deadline is not None and self.now_ms() >= deadline)

    def expire_session(self, token: str) -> bool:
        with self.lock:
            session = self.sessions.get(token)
            if session is None:
                return False
            session["expired"] = True
            return True

    # --- content --------------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget everything posted or uploaded; the demo world and issued OAuth sessions stay."""
        with self.lock:
            self.topics: list[dict] = []
            # Part of the demo world, kept apart from what was posted: snapshot()["topics"] stays the posts.
            self.past_topics: list[dict] = history.past_topics(self.now_ms()) if self.with_history else []
            self.moments: list[dict] = []
            self.photos: list[dict] = []
            self.videos: list[dict] = []
            self.calls: list[dict] = []
            self.upload_urls: dict[str, dict] = {}
            self.video_hashes: dict[str, tuple] = {}  # video_id -> (sha256 object, bytes hashed in order)
            self._install_demo_session()

    def record_call(self, call: dict) -> None:
        with self.lock:
            self.calls.append(call)

    def photo_by_id(self, photo_id: str) -> dict | None:
        return next((p for p in self.photos if p["photo_id"] == photo_id), None)

    def photo_by_token(self, token: str) -> dict | None:
        return next((p for p in self.photos if p["token"] == token), None)

    def committed_photo(self, photo_id: str) -> dict | None:
        """A photo that exists under its final id: seeded, or uploaded and committed. Gives uid and aid."""
        seeded = demo.PHOTOS.get(photo_id)
        if seeded is not None:
            return {"uid": seeded["uid"], "aid": seeded["aid"]}
        uploaded = next((p for p in self.photos if p["assigned_photo_id"] == photo_id), None)
        if uploaded is not None:
            return {"uid": uploaded["uid"], "aid": uploaded["aid"] or ""}
        return None

    def video(self, video_id: str) -> dict | None:
        video = next((v for v in self.videos if v["video_id"] == video_id), None)
        if video is not None:
            self._advance_video(video)
        return video

    def _advance_video(self, video: dict) -> None:
        # Processing finishes by itself video_processing_s after the last byte arrived.
        if video["status"] == "processing":
            if self.now_ms() >= video["completed_ms"] + int(self.video_processing_s * 1000):
                video["status"] = "ready"

    def topic_exists(self, topic_id: str, group: bool) -> bool:
        seeded = demo.TOPICS.get(topic_id)
        if seeded is not None:
            return seeded["group"] == group
        topic = next((t for t in self.topics + self.past_topics if t["id"] == topic_id), None)
        return topic is not None and (topic["gid"] is not None) == group

    # --- views ----------------------------------------------------------------------------------------
    def snapshot(self) -> dict:
        with self.lock:
            for video in self.videos:
                self._advance_video(video)
            sessions = [
                {
                    "uid": s["uid"],
                    "flow": s["flow"],
                    "scopes": sorted(s["scopes"]),
                    "expires_at_ms": s["expires_at_ms"],
                    "expired": self.session_expired(s),
                }
                for s in self.sessions.values()
            ]
            return copy.deepcopy(
                {
                    "topics": self.topics,
                    "moments": self.moments,
                    "photos": self.photos,
                    "videos": self.videos,
                    "calls": self.calls,
                    "sessions": sessions,
                }
            )
