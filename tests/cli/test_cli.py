"""The command line: exit codes, one clear line for bad input, drafts published to a live sandbox."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run
from support.images import make_photos
from support.sandbox_client import admin_group

from okcomposer.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def write(path: Path, data) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_post_draft_with_photo_files_prints_topic_id(env, tmp_path, capsys):
    gid = admin_group(env)
    make_photos(tmp_path, 2)
    draft = write(
        tmp_path / "d.json",
        {
            "type": "GROUP_THEME",
            "gid": gid,
            "attachment": {
                "media": [
                    {"type": "text", "text": "Привет"},
                    {"type": "photo", "list": [{"file": "p0.jpg"}, {"file": "p1.jpg"}]},
                ]
            },
        },
    )
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(draft))
    assert code == 0, err
    [topic] = env.snapshot()["topics"]
    assert out.strip() == topic["id"]
    assert len(topic["attachment"]["media"][1]["list"]) == 2


def test_page_post_with_photo_files_attaches_upload_tokens(env, tmp_path, capsys):
    make_photos(tmp_path, 2)
    media = [{"type": "photo", "list": [{"file": "p0.jpg"}, {"file": "p1.jpg"}]}]
    draft = write(tmp_path / "d.json", {"type": "USER", "attachment": {"media": media}})
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(draft))
    assert code == 0, err
    snap = env.snapshot()
    [topic] = snap["topics"]
    assert out.strip() == topic["id"] and topic["type"] == "USER"
    tokens = [item["id"] for item in topic["attachment"]["media"][0]["list"]]
    assert sorted(tokens) == sorted(p["token"] for p in snap["photos"])  # by token, never photoId
    assert "photosV2.commit" not in [c["method"] for c in snap["calls"]]


def test_example_drafts_publish(env, capsys):
    for name in ("group-post.json", "user-post.json"):
        code, out, err = run(capsys, "--api-base", env.base_url, "post", str(EXAMPLES / name))
        assert code == 0, err
    assert len(env.snapshot()["topics"]) == 2


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "invalid JSON (Expecting property name"),
        ("[1, 2]", "a draft must be a JSON object"),
        ('{"type": "USER"}', "no 'attachment'"),
        ('{"attachment": {"media": []}}', "empty"),
        (
            '{"attachment": {"media": [{"type": "link", "url": "https://a.ru"}, {"type": "link", "url": "https://b.ru"}]}}',
            "link",
        ),
        (
            '{"attachment": {"media": [{"type": "poll", "question": "", '
            '"answers": [{"text": "a"}, {"text": "b"}]}]}}',
            "question",
        ),
    ],
)
def test_bad_drafts_exit_2_with_a_clear_line(env, tmp_path, capsys, content, message):
    draft = write(tmp_path / "bad.json", content)
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(draft))
    assert code == 2 and out == ""
    assert err.startswith("okcomposer: ") and message.lower() in err.lower()
    assert len(err.strip().splitlines()) == 1
    assert env.snapshot()["topics"] == []


def test_unreadable_draft(tmp_path, capsys):
    code, _, err = run(capsys, "post", str(tmp_path / "missing.json"))
    assert code == 2 and "missing.json: no such file" in err
    code, _, err = run(capsys, "post", str(tmp_path))
    assert code == 2 and "is a folder" in err
    (tmp_path / "latin1.json").write_bytes(b'{"attachment": "\xe9"}')
    code, _, err = run(capsys, "post", str(tmp_path / "latin1.json"))
    assert code == 2 and "not UTF-8" in err


def test_missing_photo_file_exit_2_nothing_sent(env, tmp_path, capsys):
    draft = write(
        tmp_path / "d.json", {"attachment": {"media": [{"type": "photo", "list": [{"file": "gone.jpg"}]}]}}
    )
    code, _, err = run(capsys, "--api-base", env.base_url, "post", str(draft))
    assert code == 2 and "gone.jpg" in err
    assert (
        env.snapshot()["topics"] == []
        and env.snapshot()["photos"] == []
        or all(p.get("token") is None for p in env.snapshot()["photos"])
    )


def test_api_error_exit_1_with_code_and_name(env, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("OKC_SESSION_SECRET_KEY", "0" * 32)
    draft = write(tmp_path / "d.json", {"attachment": {"media": [{"type": "text", "text": "x"}]}})
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(draft))
    assert code == 1 and out == ""
    assert "104 PARAM_SIGNATURE" in err and "0" * 32 not in err


def test_no_credentials_is_bad_input(tmp_path, capsys):
    draft = write(tmp_path / "d.json", {"attachment": {"media": [{"type": "text", "text": "x"}]}})
    code, _, err = run(capsys, "post", str(draft))
    assert code == 2 and "OKC_APPLICATION_KEY" in err


def test_dry_run_sends_nothing(tmp_path, capsys):
    draft = write(tmp_path / "d.json", {"attachment": {"media": [{"type": "text", "text": "x"}]}})
    code, out, _ = run(capsys, "post", "--dry-run", str(draft))
    assert code == 0 and json.loads(out)["attachment"]["media"][0]["text"] == "x"


def test_moment_command(env, tmp_path, capsys):
    photos = make_photos(tmp_path, 2)
    code, out, err = run(capsys, "--api-base", env.base_url, "moment", *map(str, photos))
    assert code == 0, err
    assert out.split() == [m["id"] for m in env.snapshot()["moments"]]


def test_moment_command_when_ok_answers_true(env, tmp_path, capsys):
    env.add_fault("moments.commit", "answer_after", body="true")
    photos = make_photos(tmp_path, 2)
    code, out, err = run(capsys, "--api-base", env.base_url, "moment", *map(str, photos))
    assert (code, out) == (0, "")  # published; OK named no Moment ids, and an entry id is not one
    # OK told whose the OKC_* credentials are: the link is the page the Moments show on (the sandbox's)
    assert f"okcomposer: published {env.base_url}/sandbox/\n" in err and len(env.snapshot()["moments"]) == 2


def test_moment_command_when_the_answer_is_not_understood(env, tmp_path, capsys):
    env.add_fault("moments.commit", "answer_after", body='["?"]')
    photos = make_photos(tmp_path, 2)
    code, out, err = run(capsys, "--api-base", env.base_url, "moment", *map(str, photos))
    assert (code, out) == (0, "") and f"published {env.base_url}/sandbox/ (OK created the Moments" in err
    assert "does not understand" in err and '["?"]' in err and len(env.snapshot()["moments"]) == 2


def test_moment_command_when_ok_refuses(env, tmp_path, capsys):
    refusal = '{"error_code": 10, "error_msg": "PERMISSION_DENIED : no", "error_data": null}'
    env.add_fault("moments.commit", "answer_before", body=refusal)
    photos = make_photos(tmp_path, 2)
    code, out, err = run(capsys, "--api-base", env.base_url, "moment", *map(str, photos))
    assert (code, out) == (1, "") and "failed" in err and env.snapshot()["moments"] == []


def test_moment_command_when_ok_answers_false(env, tmp_path, capsys):
    env.add_fault("moments.commit", "answer_after", body="false")
    photos = make_photos(tmp_path, 2)
    code, out, err = run(capsys, "--api-base", env.base_url, "moment", *map(str, photos))
    assert (code, out) == (4, "") and "not confirmed" in err and "may or may not" in err


def test_check_command(tmp_path, capsys):
    [good] = make_photos(tmp_path, 1)
    bad = write(tmp_path / "text.jpg", "not an image")
    code, out, _ = run(capsys, "check", str(good), str(bad))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(lines) == 2
    assert set(lines[0]) == {"path", "ok", "code", "message", "format", "width", "height", "bytes"}
    assert lines[0]["ok"] is True and lines[0]["code"] is None and lines[0]["width"] == 640
    assert lines[1]["ok"] is False and lines[1]["code"] == "PHOTO_INVALID_FORMAT"
    code, _, _ = run(capsys, "check", str(good))
    assert code == 0


def test_bad_usage_is_one_line_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["post"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "required" in err


def test_builtin_sandbox_and_entry_point(tmp_path):
    """`okcomposer --sandbox post` as a user runs it (the README's first command), in a real process."""
    exe = shutil.which("okcomposer", path=os.path.dirname(sys.executable)) or shutil.which("okcomposer")
    cmd = [exe] if exe else [sys.executable, "-m", "okcomposer"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OKC_")}
    done = subprocess.run(
        [*cmd, "--sandbox", "post", str(EXAMPLES / "group-post.json")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().isdigit()
    assert re.search(r"published http://127\.0\.0\.1:\d+/sandbox/topic/\d+", done.stderr)
    version = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=30)
    assert version.returncode == 0 and version.stdout.startswith("okcomposer ")


def test_sandbox_command_prints_its_credentials_first(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "okcomposer", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    try:
        info = json.loads(proc.stdout.readline())
        assert {
            "base_url",
            "application_key",
            "application_secret_key",
            "access_token",
            "session_secret_key",
            "groups",
        } <= info.keys()
        env = {
            **os.environ,
            "OKC_APPLICATION_KEY": info["application_key"],
            "OKC_ACCESS_TOKEN": info["access_token"],
            "OKC_SESSION_SECRET_KEY": info["session_secret_key"],
        }
        draft = write(tmp_path / "d.json", {"attachment": {"media": [{"type": "text", "text": "over HTTP"}]}})
        done = subprocess.run(
            [sys.executable, "-m", "okcomposer", "--api-base", info["base_url"], "post", str(draft)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        import requests

        state = requests.get(info["base_url"] + "/sandbox/state", timeout=5).json()
        assert [t["id"] for t in state["topics"]] == [done.stdout.strip()]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode in (0, -15)


def test_post_renews_an_expired_code_flow_session(sandbox, tmp_path, capsys):
    import keyring
    import requests
    from support.memory_keyring import use_memory_keyring

    from okcomposer.app import signin
    from okcomposer.store.accounts import AccountStore

    backend, old = use_memory_keyring()
    try:
        info = sandbox.info()
        app = signin.App(
            info["application_id"], info["application_key"], sandbox.base_url, info["application_secret_key"]
        )
        request = signin.start(app, "http://localhost/auth")
        location = requests.get(request.url, allow_redirects=False, timeout=5).headers["Location"]
        account = signin.finish(app, request, location, AccountStore())
        sandbox.expire_session(AccountStore().secrets_of(account)["access_token"])
        draft = write(tmp_path / "d.json", {"attachment": {"media": [{"type": "text", "text": "renewed"}]}})
        code, out, err = run(capsys, "post", str(draft))
        assert code == 0, err
        assert "renewed" in err and [t["id"] for t in sandbox.snapshot()["topics"]] == [out.strip()]
    finally:
        keyring.set_keyring(old)
