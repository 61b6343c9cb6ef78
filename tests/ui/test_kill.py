"""The real app killed with SIGKILL: nothing typed more than a second before is lost, a publish cut off by the
kill is shown as it truly ended at the next start, and a damaged drafts database is reported, not fatal.

The app runs in its own process (tests/support/kill_driver.py builds it as run_gui does); a sandbox with
latency runs in another, so a publish is still in flight when the app dies.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from support.kill_driver import PUBLISHED_TEXT, typed_text

from okcomposer.api import methods
from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.store.drafts import DraftStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
DRIVER = Path(__file__).resolve().parents[1] / "support" / "kill_driver.py"
# The Drafts list shows how the outbox says the publish ended.
STATE_NAMES = {"draft": "Not sent", "published": "Published", "unknown": "Not confirmed — check"}
NOTES = {"draft": "not published", "published": "is on OK", "unknown": "could not tell"}


class Driven:
    """The driver in its own process; a thread collects its stdout lines and tells wait_for of each one."""

    def __init__(self, home: Path, *args: str):
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "OKCOMPOSER_HOME": str(home),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",  # never the user's keyring
            "LC_ALL": "C.UTF-8",  # an English UI, whatever the machine's language
            "LANGUAGE": "",
        }
        home.mkdir(parents=True, exist_ok=True)
        self.stderr_path = home / f"driver-{time.monotonic_ns()}.stderr"
        self.stderr = self.stderr_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), *args],
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.lines: list[str] = []
        self._said = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="kill-test-reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._said:
                self.lines.append(line.strip())
                self._said.notify_all()
        with self._said:
            self.ended = True
            self._said.notify_all()

    ended = False  # the driver's stdout has closed: nothing more will be said

    def wait_for(self, match, timeout: float = 60) -> str:
        """The first line `match(line)` accepts, once the driver has printed it; `timeout` is a guard only."""
        found: list[str] = []

        def said() -> bool:
            found.extend(line for line in self.lines if match(line))
            return bool(found) or self.ended

        with self._said:
            self._said.wait_for(said, timeout)
        if found:
            return found[0]
        self.kill()
        raise AssertionError(f"the driver never printed it; it said {self.lines[-5:]}\n{self.errors()}")

    def kill(self) -> None:
        """SIGKILL now."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        self.stderr.close()

    def finish(self, timeout: float = 60) -> dict:
        """Wait for a normal exit; the last line (JSON) it printed."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise
        self._reader.join(timeout=10)
        self.stderr.close()
        assert code == 0, self.errors()
        return json.loads(self.lines[-1])

    def errors(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-4000:]


def _store(home: Path) -> DraftStore:
    return DraftStore(home / "data" / "drafts.sqlite3")


def test_a_kill_loses_nothing_the_autosave_had_saved_while_typing_went_on(tmp_path):
    home = tmp_path / "home"
    app = Driven(home, "type", "--interval-ms", "25")
    # Steady typing never pauses for the idle save: what is on disk came from the deadline save (every
    # 600 ms, so within a second: tests/ui/test_drafts.py), again and again while typing went on.
    app.wait_for(lambda line: line.startswith("saved") and int(line.split()[1]) >= 60)
    app.kill()
    before = max(int(line.split()[1]) for line in app.lines if line.startswith("saved"))
    counts = [int(line.split()[1]) for line in app.lines if line.startswith("typed")]
    store = _store(home)
    try:
        [draft] = store.list()
    finally:
        store.close()
    text = draft.body["attachment"]["media"][0]["text"]
    assert text == typed_text(len(text))  # a prefix of what was typed, nothing garbled
    assert before <= len(text) <= counts[-1], (before, len(text), counts[-1])  # nothing saved was lost


@pytest.fixture
def slow_sandbox():
    """`okcomposer sandbox` in its own process, answering every call a second late; yields its info line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "okcomposer", "sandbox", "--latency-ms", "1000"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=30)


def _topics_with(info: dict, text: str) -> int:
    creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
    client = OkClient(creds, info["base_url"])
    try:
        topics = methods.get_topics(client, count=100)
    finally:
        client.close()
    return sum(1 for t in topics if any(block.get("text") == text for block in t.media))


def _posted(info: dict) -> bool:
    """Whether the sandbox has acted on a mediatopic.post (it acts at once, then answers a second late)."""
    calls = requests.get(f"{info['base_url']}/sandbox/state", timeout=10).json()["calls"]
    return any(call["method"] == "mediatopic.post" for call in calls)


def _until(check, guard_s: float = 60) -> None:
    """Wait until check() holds, as qtbot.waitUntil does: the sandbox runs in another process and signals
    nothing, so look every 10 ms; `guard_s` only catches a hang."""
    for _ in range(int(guard_s / 0.01)):
        if check():
            return
        time.sleep(0.01)
    raise AssertionError("never happened")


# Killed as soon as the draft is marked (before the call left, or as it leaves), while OK was answering
# (the sandbox has acted and answers a second late), and after the outcome was on disk.
@pytest.mark.parametrize("kill_when", ["marked", "answering", "ended"])
def test_a_publish_cut_off_by_a_kill_is_shown_as_it_ended_at_the_next_start(
    tmp_path, slow_sandbox, kill_when
):
    home = tmp_path / "home"
    app = Driven(home, "publish", "--sandbox", slow_sandbox)
    draft_id = app.wait_for(lambda line: line.startswith("publishing")).split()[1]
    if kill_when == "answering":
        _until(lambda: _posted(json.loads(slow_sandbox)))
    elif kill_when == "ended":
        app.wait_for(lambda line: line.startswith("ended"))
    app.kill()
    store = _store(home)
    try:
        if kill_when == "answering":  # the app died before hearing the outcome
            assert store.load(draft_id).state == "publishing"
    finally:
        store.close()
    # A request the killed app had already written may still sit in the sandbox's socket, and the sandbox
    # cannot say so: give it time to act (it acts at once; only its answers are late).
    time.sleep(1.5)
    shown = Driven(home, "report", "--sandbox", slow_sandbox).finish()
    store = _store(home)
    try:
        state = store.load(draft_id).state
    finally:
        store.close()
    topics = _topics_with(json.loads(slow_sandbox), PUBLISHED_TEXT)
    # The true outcome, never a second topic: on OK, or not sent, or (killed while OK was asked and the
    # topic is not there) not confirmed.
    assert (state, topics) in {("published", 1), ("draft", 0), ("unknown", 0)}
    assert [PUBLISHED_TEXT, STATE_NAMES[state]] in shown["drafts"]
    if shown["note"]:  # empty when the publish had ended before the kill: nothing was left to settle
        assert NOTES[state] in shown["note"] and PUBLISHED_TEXT in shown["note"]
    else:
        assert kill_when == "ended" and state == "published"
    # The same action again, after the kill: the outbox asks (published or not confirmed) or sends the
    # post that never left; never a second topic.
    again = Driven(home, "publish", "--sandbox", slow_sandbox)
    again.wait_for(lambda line: line.startswith("started"))
    time.sleep(4)  # time to publish, with every call answered a second late
    again.kill()
    after = _topics_with(json.loads(slow_sandbox), PUBLISHED_TEXT)
    assert after == 1 if state == "draft" else after == topics  # sent now only if it never left before


@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
def test_a_damaged_drafts_database_is_reported_and_the_app_runs_on(tmp_path, damage):
    home = tmp_path / "home"
    path = home / "data" / "drafts.sqlite3"
    path.parent.mkdir(parents=True)
    store = DraftStore(path)
    for n in range(60):
        store.save(
            {"attachment": {"media": [{"type": "text", "text": f"draft {n} " + "x" * 2000}]}}, title=f"{n}"
        )
    store.close()
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(b"\x00garbage" * 64 + data[512:])
    shown = Driven(home, "report", "--type", "Still working").finish()
    assert shown["notice"] and "damaged" in shown["notice"]
    assert shown["dialog"] == shown["notice"]  # the store's own words (the UI is in English here)
    assert ["Still working", "Draft"] in shown["drafts"]
    assert list(path.parent.glob("drafts.sqlite3.broken-*"))  # set aside, never deleted
    store = DraftStore(path)
    try:
        assert store.notice is None and [d.title for d in store.list()] == ["Still working"]
    finally:
        store.close()
