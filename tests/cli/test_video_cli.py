"""`okcomposer post` with a local video in the draft (issue 11 item 6): uploaded, named, waited for, then the
group post goes out with the video's id, as the GUI does; a video OK would refuse is bad input (exit 2)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from support.cli import run
from support.sandbox_client import admin_group


def video_draft(tmp_path: Path, gid: str, size: int = 40_000, item: dict | None = None) -> Path:
    (tmp_path / "clip.mp4").write_bytes(os.urandom(size))
    media = [
        {"type": "text", "text": "Our new clip"},
        {"type": "movie", "list": [item or {"file": "clip.mp4", "title": "My clip"}]},
    ]
    path = tmp_path / "video.json"
    path.write_text(json.dumps({"type": "GROUP_THEME", "gid": gid, "attachment": {"media": media}}))
    return path


def test_a_group_post_with_a_local_video(env, tmp_path, capsys, monkeypatch):
    gid = admin_group(env)
    path = video_draft(tmp_path, gid)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the video's path is relative to the draft file, not to the shell
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 0, err
    snap = env.snapshot()
    [video], [topic] = snap["videos"], snap["topics"]
    assert out.strip() == topic["id"] and topic["gid"] == gid
    assert topic["attachment"]["media"][1] == {"type": "movie", "list": [{"id": video["video_id"]}]}
    assert video["title"] == "My clip" and str(video["gid"]) == gid
    assert video["sha256"] == hashlib.sha256((tmp_path / "clip.mp4").read_bytes()).hexdigest()
    lines = err.splitlines()
    assert lines[0] == "okcomposer: uploading the video..." and "okcomposer: the video is ready" in lines
    assert lines[-1] == f"okcomposer: published {env.base_url}/sandbox/topic/{topic['id']}"


def test_a_missing_or_tiny_video_is_bad_input_and_nothing_is_sent(env, tmp_path, capsys):
    gid = admin_group(env)
    path = video_draft(tmp_path, gid, size=1000)
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert (code, out) == (2, "") and "1000 bytes" in err
    (tmp_path / "clip.mp4").unlink()
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert (code, out) == (2, "") and "does not exist" in err
    assert env.snapshot()["calls"] == [] and env.snapshot()["topics"] == []


def test_dry_run_keeps_the_video_as_a_file(env, tmp_path, capsys):
    path = video_draft(tmp_path, admin_group(env))
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--dry-run")
    assert code == 0, err
    shown = json.loads(out)["attachment"]["media"][1]["list"][0]
    assert shown == {"file": str(tmp_path / "clip.mp4"), "title": "My clip"}
    assert env.snapshot()["calls"] == []
