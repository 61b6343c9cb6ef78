"""The GPS-stripped copies of an upload live in the app's cache folder, never the system temp folder, and
a kill -9 mid-upload leaves none behind past the next start (issue 12, item 7)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli.test_kill_cli import calls, kill_when
from media.corpus import exif, photo
from PIL import Image
from support.cli import run
from support.sandbox_client import admin_group

from okcomposer.store import paths
from okcomposer.store.locks import FileLock

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def gps_draft(folder: Path, gid: str) -> Path:
    names = []
    for n in range(2):
        photo((640, 480)).save(folder / f"gps{n}.jpg", quality=90, exif=exif(gps=True))
        names.append(f"gps{n}.jpg")
    media = [{"type": "text", "text": "Where I was"}, {"type": "photo", "list": [{"file": n} for n in names]}]
    path = folder / "d.json"
    path.write_text(json.dumps({"type": "GROUP_THEME", "gid": gid, "attachment": {"media": media}}))
    return path


def test_killed_mid_upload_the_copies_are_in_the_cache_and_the_next_start_removes_them(env, tmp_path, capsys):
    path = gps_draft(tmp_path, admin_group(env))
    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    env.add_fault("photosV2.getUploadUrl", "slow", times=1, slow_seconds=60)  # the copies are made by then
    proc = subprocess.Popen(
        [sys.executable, "-m", "okcomposer", "--api-base", env.base_url, "post", str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(system_tmp), "TEMP": str(system_tmp), "TMP": str(system_tmp)},
    )
    kill_when(proc, lambda: calls(env, "photosV2.getUploadUrl") >= 1)
    work = paths.cache_dir() / paths.WORK
    [left] = list(work.iterdir())
    assert left.name.startswith(f"okc-upload-{proc.pid}-")
    copies = sorted(left.glob("*.jpg"))
    assert len(copies) == 2
    assert all(not Image.open(c).getexif().get_ifd(0x8825) for c in copies)  # GPS stripped
    assert list(system_tmp.iterdir()) == []  # nothing in the system temp folder
    code, _, err = run(capsys, "outbox")  # the next start, whatever the command
    assert code in (0, 4), err
    assert list(work.iterdir()) == []


def test_the_sweep_leaves_a_folder_a_live_process_holds(tmp_path):
    with paths.work_dir("okc-upload-") as mine:
        (mine / "copy.jpg").write_bytes(b"in use")
        dead = paths.cache_dir() / paths.WORK / "okc-upload-999999-dead"
        dead.mkdir()
        (dead / paths.LOCK).touch()  # its lock file, no longer locked by anyone
        assert paths.sweep_work() == [dead]
        assert (mine / "copy.jpg").exists()
        assert not FileLock(mine / paths.LOCK).try_acquire()  # still ours
    assert not mine.exists()
    assert paths.sweep_work() == []
