"""`okcomposer post` and `import --publish` killed by SIGKILL at each step, then run again: never two topics.

The command runs in its own process (as a user runs it) against a sandbox in this one, so the test sees
the moment OK received the call and kills the command right then."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.cli import run
from support.hold_server import HoldServer
from support.images import make_photos
from support.sandbox_client import admin_group, calls

from okcomposer.app.import_rows import ROW_CONCURRENCY

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def start(*argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "okcomposer", *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_when(proc: subprocess.Popen, ready: Callable[[], bool], timeout: float = 60) -> None:
    """SIGKILL the command the moment `ready()` holds (it must not have ended by itself first)."""
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            pytest.fail(f"the command ended before the kill: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("timed out waiting for the moment to kill")
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def draft(tmp_path: Path, gid: str, photos: int = 0) -> Path:
    media: list = [{"type": "text", "text": "Killed mid-publish"}]
    if photos:
        media.append({"type": "photo", "list": [{"file": p.name} for p in make_photos(tmp_path, photos)]})
    path = tmp_path / "d.json"
    path.write_text(json.dumps({"type": "GROUP_THEME", "gid": gid, "attachment": {"media": media}}))
    return path


def test_killed_while_ok_answers_the_post_then_run_again_finds_it(env, tmp_path, capsys):
    path = draft(tmp_path, admin_group(env))
    env.add_fault("mediatopic.post", "slow", times=1, slow_seconds=60)  # OK acts, the answer waits
    proc = start("--api-base", env.base_url, "post", str(path))
    kill_when(proc, lambda: len(env.snapshot()["topics"]) == 1)
    [topic] = env.snapshot()["topics"]
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 0, err
    assert out.strip() == topic["id"] and "did reach OK: nothing was sent again" in err
    assert len(env.snapshot()["topics"]) == 1 and calls(env, "mediatopic.post") == 1
    code, _, err = run(capsys, "--api-base", env.base_url, "post", str(path))  # and now it is a repeat
    assert code == 3 and len(env.snapshot()["topics"]) == 1


def test_killed_before_ok_acted_then_run_again_is_not_confirmed_and_sends_nothing(env, tmp_path, capsys):
    path = draft(tmp_path, admin_group(env))
    with HoldServer(env.base_url) as hold:  # takes the post and never answers: OK has not acted yet
        proc = start("--api-base", hold.base_url, "post", str(path))
        kill_when(proc, lambda: hold.got(b"mediatopic.post"))
        hold.release()
        code, out, err = run(capsys, "--api-base", hold.base_url, "post", str(path))
        assert code == 3 and out == ""
        assert "not confirmed" in err and "--again" in err and env.snapshot()["topics"] == []
        assert calls(env, "mediatopic.post") == 0  # looked for it, sent nothing
        code, out, err = run(capsys, "--api-base", hold.base_url, "post", str(path), "--again")
        assert code == 0 and [t["id"] for t in env.snapshot()["topics"]] == [out.strip()]
        assert run(capsys, "outbox")[1] == ""  # decided: the not-confirmed attempt is off the list


@pytest.mark.parametrize("acted", [True, False])
def test_outbox_run_settles_a_killed_post_without_sending_it(env, tmp_path, capsys, acted):
    path = draft(tmp_path, admin_group(env))
    with HoldServer(env.base_url) as hold:
        if acted:
            env.add_fault("mediatopic.post", "slow", times=1, slow_seconds=60)
        proc = start("--api-base", hold.base_url, "post", str(path))
        if acted:
            hold.release()  # the post goes through to the sandbox, which acts but answers late
        kill_when(proc, lambda: len(env.snapshot()["topics"]) == 1 if acted else hold.got(b"mediatopic.post"))
        hold.release()
        code, out, err = run(capsys, "--api-base", hold.base_url, "outbox", "run")
    assert calls(env, "mediatopic.post") == (1 if acted else 0)
    if acted:
        [topic] = env.snapshot()["topics"]
        assert code == 0 and out.split()[1:3] == ["published", "to"] and topic["id"] in out
    else:
        assert code == 4 and "not confirmed" in out and env.snapshot()["topics"] == []


def test_killed_while_uploading_photos_then_run_again_publishes_once(env, tmp_path, capsys):
    path = draft(tmp_path, admin_group(env), photos=2)
    env.add_fault("photosV2.getUploadUrl", "slow", times=1, slow_seconds=60)
    proc = start("--api-base", env.base_url, "post", str(path))
    kill_when(proc, lambda: calls(env, "photosV2.getUploadUrl") >= 1)
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 0, err
    assert [t["id"] for t in env.snapshot()["topics"]] == [out.strip()]
    assert run(capsys, "outbox") == (
        0,
        "",
        "okcomposer: the outbox is empty: nothing waits, nothing needs a check\n",
    )


def test_import_killed_mid_publish_and_run_again_posts_no_row_twice(env, tmp_path, capsys):
    gid = admin_group(env)
    texts = [f"Row number {i}" for i in range(ROW_CONCURRENCY + 2)]  # two more than go at once
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(["text;target", *(f"{t};{gid}" for t in texts)]), encoding="utf-8")
    env.add_fault("mediatopic.post", "slow", times=0, slow_seconds=1.5)
    proc = start("--api-base", env.base_url, "import", str(path), "--publish")
    # The first rows are on OK, their answers on their way; the last two have not started.
    kill_when(proc, lambda: len(env.snapshot()["topics"]) == ROW_CONCURRENCY)
    env.clear_faults()
    code, out, err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    # The rows cut off in flight are found on OK (settled, nothing sent again); the other two go now.
    assert [line.split(" http://")[0] for line in out.splitlines()] == [
        f"row {n}: published" for n in range(2, len(texts) + 2)
    ]
    assert code == 0, err
    assert calls(env, "mediatopic.post") == len(texts)
    assert sorted(t["attachment"]["media"][0]["text"] for t in env.snapshot()["topics"]) == sorted(texts)
    code, out, _ = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 3 and [line.split(" http://")[0] for line in out.splitlines()] == [
        f"row {n}: already published" for n in range(2, len(texts) + 2)
    ]
    assert len(env.snapshot()["topics"]) == len(texts)
