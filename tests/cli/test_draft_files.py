"""Draft files are read strictly (docs/ok-api.md "Draft files"): a bad key or value is one line, exit 2, and
nothing reaches OK, with or without --dry-run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from support.cli import run
from support.sandbox_client import admin_group

LATER_MS = int((datetime.now(UTC) + timedelta(days=3)).timestamp()) * 1000
TEXT = {"type": "text", "text": "Свежая выпечка"}


def group_draft(gid: str, attachment_keys: dict | None = None, **top) -> dict:
    attachment = {"media": [TEXT], **(attachment_keys or {})}
    return {"type": "GROUP_THEME", "gid": gid, "attachment": attachment, **top}


# (what the draft holds, the start of the one line on stderr after the file's name)
TOP = "top level: misplaced key"
BAD = [
    # The README once suggested it: at the top level OK ignores it and the topic goes out at once.
    ({"top": {"publishAtMs": LATER_MS}}, f"{TOP} 'publishAtMs': publishAtMs goes inside attachment"),
    ({"top": {"publishAt": "soon"}}, f"{TOP} 'publishAt': publishAt goes inside attachment"),
    (
        {"top": {"onBehalfOfGroup": "maybe"}},
        f"{TOP} 'onBehalfOfGroup': onBehalfOfGroup goes inside attachment",
    ),
    ({"att": {"publishAt": "soon"}}, "attachment.publishAt: expected Moscow time as YYYY-MM-DD hh:mm:ss"),
    ({"att": {"publishAt": "2025-02-30 25:61:00"}}, "attachment.publishAt: '2025-02-30 25:61:00' is not a"),
    ({"att": {"publishAtMs": "soon"}}, "attachment.publishAtMs: expected milliseconds since 1970"),
    ({"att": {"onBehalfOfGroup": "maybe"}}, 'attachment.onBehalfOfGroup: expected "true" or "false", got'),
    ({"top": {"hidden_post": "maybe"}}, 'hidden_post: expected "true" or "false", got \'maybe\''),
    ({"top": {"schedule": "tomorrow"}}, "top level: unknown key 'schedule'"),
    ({"att": {"hidden_post": True}}, "attachment: misplaced key 'hidden_post': hidden_post goes at the top"),
    (
        {"media": [TEXT, {"type": "photo", "list": [{"fiel": "p0.jpg"}]}]},
        "attachment.media[1].list[0]: unknown key 'fiel' (did you mean 'file'?)",
    ),
    (
        {"media": [{"type": "text", "text": "x", "url": "https://ok.ru/"}]},
        "attachment.media[0]: misplaced key 'url': url goes in a link block",
    ),
]


def bad_draft(gid: str, case: dict) -> dict:
    draft = group_draft(gid, case.get("att"), **case.get("top", {}))
    if "media" in case:
        draft["attachment"]["media"] = case["media"]
    return draft


def nothing_reached(sandbox) -> bool:
    seen = sandbox.snapshot()
    return seen["calls"] == [] and seen["topics"] == [] and seen["photos"] == [] and seen["videos"] == []


@pytest.mark.parametrize("dry_run", [False, True], ids=["post", "dry-run"])
@pytest.mark.parametrize(("case", "message"), BAD, ids=[m[:48] for _, m in BAD])
def test_bad_draft_is_one_line_exit_2_and_nothing_is_sent(env, tmp_path, capsys, case, message, dry_run):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad_draft(admin_group(env), case), ensure_ascii=False), encoding="utf-8")
    argv = ["--api-base", env.base_url, "post", str(path), *(["--dry-run"] if dry_run else [])]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"okcomposer: {path}: {message}")
    assert len(err.splitlines()) == 1
    assert nothing_reached(env)


def test_the_command_as_typed(env, tmp_path):
    """`okcomposer post draft.json` in its own process: the same line, exit 2, no request."""
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(group_draft(admin_group(env), publishAtMs=LATER_MS)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "okcomposer", "--api-base", env.base_url, "post", str(path)],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"okcomposer: {path}: top level: misplaced key 'publishAtMs': publishAtMs goes inside attachment\n"
    )
    assert nothing_reached(env)


def test_the_same_keys_inside_attachment_schedule_the_topic(env, tmp_path, capsys):
    keys = {"publishAtMs": LATER_MS, "onBehalfOfGroup": "true", "disableComments": False}
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(group_draft(admin_group(env), keys, hidden_post="false")), encoding="utf-8")
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--dry-run")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["attachment"]["publishAtMs"] == LATER_MS and shown["hidden_post"] is False
    assert nothing_reached(env)
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 0, err
    [topic] = env.snapshot()["topics"]
    assert topic["publish_at_ms"] == LATER_MS
