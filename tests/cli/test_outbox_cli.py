"""`okcomposer post` (--at, --again), `moment` and `outbox` against a live sandbox, counting topics each time:
a repeat exits 3 and sends nothing, a lost answer is never "published", refused is "not sent", scheduled
and waiting posts say so, and waiting page posts go out once."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from support.cli import run
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.topic import Post, datetime_to_ms
from okcomposer.app.outbox import Outbox
from okcomposer.store import drafts
from okcomposer.store.drafts import DraftStore, now_ms


def draft(tmp_path: Path, text: str, gid: str | None = None, name: str = "d.json") -> Path:
    body: dict = {"attachment": {"media": [{"type": "text", "text": text}]}}
    body.update({"type": "GROUP_THEME", "gid": gid} if gid else {"type": "USER"})
    path = tmp_path / name
    path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    return path


def topics(sb) -> list[dict]:
    return sb.snapshot()["topics"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listed(capsys) -> list[str]:
    code, out, _err = run(capsys, "outbox")
    assert code == 0
    return out.splitlines()


def test_the_same_post_twice_exits_3_and_sends_nothing_unless_again(env, tmp_path, capsys):
    gid = admin_group(env)
    path = draft(tmp_path, "Fresh bread at 8", gid)
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 0, err
    first = out.strip()
    assert err.strip() == f"okcomposer: published {env.base_url}/sandbox/topic/{first}"
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 3 and out == ""
    assert f"already published {env.base_url}/sandbox/topic/{first} at " in err and "--again" in err
    assert [t["id"] for t in topics(env)] == [first]
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--again")
    assert code == 0, err
    assert out.strip() != first and len(topics(env)) == 2


@pytest.mark.parametrize("fault", ["drop_before", "http500", "http503"])
def test_a_lost_post_after_our_own_lookalike_is_never_published(env, tmp_path, capsys, fault):
    path = draft(tmp_path, "Same words", admin_group(env))
    code, out, _ = run(capsys, "--api-base", env.base_url, "post", str(path))
    older = out.strip()
    env.add_fault("mediatopic.post", fault, times=0)
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--again")
    assert code == 4 and out == ""
    assert err.startswith("okcomposer: not confirmed: ") and "okcomposer: published" not in err
    assert older not in err and len(err.splitlines()) == 1
    assert [t["id"] for t in topics(env)] == [older]
    [line] = listed(capsys)
    assert "not confirmed" in line


def test_a_lost_post_after_a_lookalike_from_the_web_is_never_published(env, tmp_path, capsys, monkeypatch):
    gid = admin_group(env)
    real = env.state.now_ms
    monkeypatch.setattr(env.state, "now_ms", lambda: real() - 60_000)
    web = demo_client(env).call("mediatopic.post", _post(gid, "Posted on the web").to_params())
    monkeypatch.setattr(env.state, "now_ms", real)
    env.add_fault("mediatopic.post", "drop_before", times=0)
    code, out, err = run(
        capsys, "--api-base", env.base_url, "post", str(draft(tmp_path, "Posted on the web", gid))
    )
    assert code == 4 and out == "" and str(web) not in err and "okcomposer: published" not in err
    assert len(topics(env)) == 1


def test_connection_refused_is_not_sent_with_the_reason_and_sent_later(env, tmp_path, capsys):
    path = draft(tmp_path, "Nobody home", admin_group(env))
    code, out, err = run(capsys, "--api-base", f"http://127.0.0.1:{free_port()}", "post", str(path))
    assert code == 1 and out == ""
    [line] = err.strip().splitlines()
    assert line.startswith("okcomposer: not sent: ") and "refused" in line and "confirm" not in line
    assert topics(env) == [] and env.snapshot()["calls"] == []
    [entry_line] = listed(capsys)
    entry_id = entry_line.split()[0]
    assert "not sent" in entry_line and f"okcomposer outbox send {entry_id}" in entry_line
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "send", entry_id[:8])
    assert code == 0, err
    assert [t["id"] for t in topics(env)] == [out.strip()] and listed(capsys) == []


def test_after_not_sent_the_same_command_sends_it_and_the_old_entry_goes(env, tmp_path, capsys):
    path = draft(tmp_path, "Try again", admin_group(env))
    assert run(capsys, "--api-base", f"http://127.0.0.1:{free_port()}", "post", str(path))[0] == 1
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 0, err
    assert len(topics(env)) == 1 and listed(capsys) == []


def test_ok_refusing_is_exit_1_with_its_code_and_name(env, tmp_path, capsys, monkeypatch):
    path = draft(tmp_path, "Refused", admin_group(env))
    with monkeypatch.context() as wrong:
        wrong.setenv("OKC_SESSION_SECRET_KEY", "0" * 32)
        code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 1 and out == "" and "OK error 104 PARAM_SIGNATURE" in err and topics(env) == []
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))  # failed is no repeat
    assert code == 0 and [t["id"] for t in topics(env)] == [out.strip()]


def test_a_group_post_at_a_time_is_scheduled_on_ok(env, tmp_path, capsys):
    path = draft(tmp_path, "Summer menu", admin_group(env))
    argv = [
        "--api-base",
        env.base_url,
        "post",
        str(path),
        "--at",
        "2030-06-01 09:00",
        "--tz",
        "Europe/Berlin",
    ]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    [topic] = topics(env)
    assert topic["id"] == out.strip()
    assert topic["publish_at_ms"] == datetime_to_ms(datetime(2030, 6, 1, 7, 0, tzinfo=UTC))
    assert (
        f"okcomposer: scheduled on OK for 2030-06-01 09:00 +02:00 (Moscow 10:00) {env.base_url}/sandbox/"
        in err
    )
    assert "published" not in err
    code, _, err = run(capsys, *argv)
    assert (
        code == 3 and "already scheduled on OK for 2030-06-01 09:00 +02:00" in err and len(topics(env)) == 1
    )


@pytest.mark.parametrize(
    "at, message",
    [
        ("2001-01-01T10:00+00:00", "is in the past"),
        ("tomorrow", "is not written in a way this app reads"),
        ("2030-02-30 10:00", ""),
    ],
)
def test_bad_or_past_times_exit_2_in_one_line(env, tmp_path, capsys, at, message):
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(draft(tmp_path, "x")), "--at", at)
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1
    assert err.startswith("okcomposer: --at: ")
    assert topics(env) == [] and listed(capsys) == []


@pytest.fixture
def clocks(monkeypatch):
    """move_to(sb, when) sets this computer's clock (store.drafts.now_ms, read by `post --at` and the
    outbox) and the sandbox's to a minute after `when`: a post comes due without the test sleeping."""
    offset = [0.0]
    real = time.time
    monkeypatch.setattr(drafts, "time", SimpleNamespace(time=lambda: real() + offset[0]))

    def move_to(sb, when: datetime) -> None:
        step = when.timestamp() + 60 - (real() + offset[0])
        offset[0] += step
        sb.state.advance(step)

    return move_to


def test_a_page_post_at_a_time_waits_then_outbox_run_sends_it_once(
    env, tmp_path, capsys, monkeypatch, clocks
):
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    path = draft(tmp_path, "At the top of the minute")
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--at", due.isoformat())
    assert code == 0, err
    entry_id = out.strip()
    assert "okcomposer: waiting on this computer until " in err and "`okcomposer outbox run` sends it" in err
    assert topics(env) == [] and listed(capsys)[0].startswith(f"{entry_id}  waiting on this computer until ")
    with monkeypatch.context() as no_account:  # nothing due: no network, no account needed
        for name in ("OKC_APPLICATION_KEY", "OKC_ACCESS_TOKEN", "OKC_SESSION_SECRET_KEY"):
            no_account.delenv(name)
        assert run(capsys, "outbox", "run") == (0, "", "")
    clocks(env, due)
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "run")
    assert code == 0, err
    [topic] = topics(env)
    assert out.startswith(f"{entry_id}  published to your page: ") and topic["id"] in out
    assert run(capsys, "--api-base", env.base_url, "outbox", "run")[0] == 0
    assert len(topics(env)) == 1 and listed(capsys) == []
    code, _, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--at", due.isoformat())
    assert code == 2  # that time has passed: asked for a new one, nothing queued


def test_a_page_draft_with_its_own_time_waits_for_it(env, tmp_path, capsys):
    due = datetime.now(UTC) + timedelta(days=1)
    path = tmp_path / "later.json"
    body = {"type": "USER", "attachment": {"media": [{"type": "text", "text": "Tomorrow"}]}}
    path.write_text(
        json.dumps({**body, "attachment": {**body["attachment"], "publishAtMs": datetime_to_ms(due)}})
    )
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 0 and "waiting on this computer until" in err and topics(env) == []
    [entry] = Outbox(store := DraftStore()).waiting()
    store.close()
    assert entry.id == out.strip() and entry.due_ms == datetime_to_ms(due)
    assert "publishAtMs" not in json.dumps(entry.request)  # sent as a plain page post when due


def _post(gid: str | None, text: str) -> Post:
    body = {"type": "GROUP_THEME", "gid": gid} if gid else {"type": "USER"}
    return Post.from_draft({**body, "attachment": {"media": [{"type": "text", "text": text}]}})


def _queue_late(text: str, minutes_late: int) -> str:
    store = DraftStore()
    try:
        then = now_ms() - minutes_late * 60_000
        return Outbox(store, clock=lambda: then).queue(_post(None, text), then).id
    finally:
        store.close()


def test_overdue_page_posts_are_listed_not_sent_until_the_user_says(env, capsys):
    late, dropped = _queue_late("An hour late", 60), _queue_late("Not any more", 90)
    cron = subprocess.run(
        [sys.executable, "-m", "okcomposer", "--api-base", env.base_url, "outbox", "run"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        start_new_session=True,  # no terminal, as under cron
    )
    assert cron.returncode == 0, cron.stderr
    assert topics(env) == []
    lines = cron.stdout.splitlines()
    assert [line.split()[0] for line in lines] == [dropped, late]
    assert "overdue since" in lines[1] and f"`okcomposer outbox send {late}` sends it now" in lines[1]
    code, out, err = run(capsys, "outbox", "discard", dropped)
    assert code == 0 and f"discarded entry {dropped}" in err
    assert run(capsys, "outbox", "discard", dropped)[0] == 2
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "send", late)
    assert code == 0, err
    assert [t["id"] for t in topics(env)] == [out.strip()]
    assert run(capsys, "--api-base", env.base_url, "outbox", "send", late)[0] == 2
    assert listed(capsys) == [] and len(topics(env)) == 1


def test_a_wider_grace_sends_a_late_post(env, capsys):
    entry_id = _queue_late("Twenty minutes late", 20)
    assert run(capsys, "--api-base", env.base_url, "outbox", "run")[0] == 0 and topics(env) == []
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "run", "--grace", "30")
    assert code == 0 and out.startswith(f"{entry_id}  published") and len(topics(env)) == 1


def test_check_again_and_send_again_for_a_not_confirmed_post(env, tmp_path, capsys):
    gid = admin_group(env)
    path = draft(tmp_path, "Slow to show", gid)
    env.add_fault("mediatopic.post", "drop_before", times=1)
    assert run(capsys, "--api-base", env.base_url, "post", str(path))[0] == 4
    entry_id = listed(capsys)[0].split()[0]
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "check", entry_id)
    assert code == 4 and out == "" and topics(env) == []
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "send", entry_id)
    assert code == 3 and f"outbox send {entry_id} --again" in err and topics(env) == []
    code, _, err = run(capsys, "--api-base", env.base_url, "post", str(path))
    assert code == 3 and "not confirmed" in err and topics(env) == []
    later = demo_client(env).call("mediatopic.post", _post(gid, "Slow to show").to_params())
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "check", entry_id)
    assert code == 0 and out.strip() == str(later) and "published" in err
    assert run(capsys, "--api-base", env.base_url, "post", str(path))[0] == 3 and len(topics(env)) == 1


def test_send_again_publishes_a_not_confirmed_post_anyway(env, tmp_path, capsys):
    env.add_fault("mediatopic.post", "http500", times=1)
    assert (
        run(capsys, "--api-base", env.base_url, "post", str(draft(tmp_path, "Anyway", admin_group(env))))[0]
        == 4
    )
    entry_id = listed(capsys)[0].split()[0]
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "send", entry_id, "--again")
    assert code == 0, err
    assert [t["id"] for t in topics(env)] == [out.strip()]
    assert listed(capsys) == []  # decided: the not-confirmed entry is off the list


def test_moments_twice_exit_3_and_again_posts_them(env, tmp_path, capsys):
    photos = [str(p) for p in make_photos(tmp_path, 2)]
    code, out, err = run(capsys, "--api-base", env.base_url, "moment", *photos)
    assert code == 0, err
    assert out.split() == [m["id"] for m in env.snapshot()["moments"]]
    code, out, err = run(capsys, "--api-base", env.base_url, "moment", *photos)
    assert code == 3 and out == "" and len(env.snapshot()["moments"]) == 2
    assert run(capsys, "--api-base", env.base_url, "moment", *photos, "--again")[0] == 0
    assert len(env.snapshot()["moments"]) == 4


def test_unknown_ids_and_empty_outbox(capsys):
    assert run(capsys, "outbox") == (
        0,
        "",
        "okcomposer: the outbox is empty: nothing waits, nothing needs a check\n",
    )
    code, _, err = run(capsys, "outbox", "send", "feedbeef")
    assert code == 2 and "no outbox entry 'feedbeef'" in err
    _queue_late("kept in the profile", 1)
    code, _, err = run(capsys, "--sandbox", "outbox")  # the sandbox's own outbox, not the profile's
    assert code == 0 and err == (
        "okcomposer: --sandbox has an outbox of its own, empty and gone when the command ends; "
        "`okcomposer outbox` lists this profile's\n"
    )
    code, _, err = run(capsys, "outbox", "check", "e3")
    assert code == 2 and err.strip() == (
        "okcomposer: 'e3' is too short: give at least 4 characters of the entry's id"
    )


def test_the_outbox_commands_import_nothing_heavy():
    code = (
        "import sys\n"
        "from okcomposer.cli import build_parser\n"
        "for argv in (['outbox'], ['outbox', 'run', '--grace', '5'], ['outbox', 'send', 'x', '--again']):\n"
        "    build_parser(argv).parse_args(argv)\n"
        "heavy = ('okcomposer.sandbox', 'PySide6', 'requests', 'PIL', 'okcomposer.app')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("draft_type", ["GROUP_THEME", "USER"])
def test_a_time_no_calendar_can_show_is_bad_input_and_nothing_is_sent_or_kept(
    env, tmp_path, capsys, draft_type
):
    body = {"type": draft_type, "attachment": {"media": [{"type": "text", "text": "far ahead"}]}}
    if draft_type == "GROUP_THEME":
        body["gid"] = admin_group(env)
    path = tmp_path / "far.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--at", "9999-12-31 23:59")
    assert code == 2 and out == "" and "too far ahead" in err and len(err.strip().splitlines()) == 1
    assert env.snapshot()["topics"] == [] and run(capsys, "outbox")[1] == ""


def test_outbox_run_for_another_sandbox_or_account_sends_nothing_of_this_ones(env, tmp_path, capsys, clocks):
    from okcomposer.sandbox.server import Sandbox

    due = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    path = draft(tmp_path, "Only for the first one")
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--at", due.isoformat())
    assert code == 0, err
    clocks(env, due)
    with Sandbox() as other:
        code, out, err = run(capsys, "--api-base", other.base_url, "outbox", "run")
        assert code == 0 and other.snapshot()["topics"] == []  # not this account's post
        code, out, err = run(capsys, "--api-base", other.base_url, "post", str(path))
        assert code == 0 and len(other.snapshot()["topics"]) == 1  # not a repeat there either
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "run")
    assert code == 0 and len(topics(env)) == 1


def test_a_page_post_queued_with_okc_credentials_is_sent_by_the_window_of_that_account(
    env, tmp_path, capsys, clocks
):
    """OKC_* credentials name no account: `post --at` asks OK whose they are, so the entry is the window's
    too when it is signed in as that user (it sent only its own: the post waited forever)."""
    from okcomposer.app.outbox import SendOptions
    from okcomposer.app.outcomes import owner_of

    due = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    code, out, err = run(
        capsys, "--api-base", env.base_url, "post", str(draft(tmp_path, "From cron")), "--at", due.isoformat()
    )
    assert code == 0, err
    uid = str(env.info()["user"]["uid"])
    window = Outbox(store := DraftStore(), owner=owner_of(env.base_url, uid))  # as the window has it
    try:
        [entry] = window.waiting()
        assert entry.id == out.strip() and entry.owner == owner_of(env.base_url, uid)
        clocks(env, due)
        [sent] = window.run_due(demo_client(env), SendOptions(uid=uid))
        assert sent.state == "published" and len(topics(env)) == 1
        other = Outbox(store, owner=owner_of(env.base_url, "910000000001"))  # another account's window
        assert other.due(0) == ([], [])
    finally:
        store.close()


def test_at_reads_a_wall_time_in_the_settings_zone_as_the_window_does(env, tmp_path, capsys):
    """Settings → Time zone is the zone of the commands too (--tz wins): "09:00" is 09:00 there."""
    from zoneinfo import ZoneInfo

    from okcomposer.store.settings import Settings, SettingsStore

    SettingsStore().save(Settings(time_zone="Asia/Vladivostok"))
    gid = admin_group(env)
    when = datetime.now(ZoneInfo("Asia/Vladivostok")).replace(hour=9, minute=0, second=0, microsecond=0)
    when += timedelta(days=2)
    path = draft(tmp_path, "Nine o'clock there", gid)
    wall = when.strftime("%Y-%m-%d %H:%M")
    code, out, err = run(capsys, "--api-base", env.base_url, "post", str(path), "--at", wall, "--dry-run")
    assert code == 0, err
    assert json.loads(out)["attachment"]["publishAtMs"] == datetime_to_ms(when)
    code, out, err = run(
        capsys, "--api-base", env.base_url, "post", str(path), "--at", wall, "--tz", "UTC", "--dry-run"
    )
    assert json.loads(out)["attachment"]["publishAtMs"] == datetime_to_ms(when.replace(tzinfo=UTC))


def test_outbox_run_retries_only_this_accounts_not_sent_posts(env, capsys, clocks):
    """A page post of another account that was due and not sent (no network then) is that account's to
    retry: `outbox run` with these credentials lists nothing of it and sends nothing (it would have gone to
    this account's page)."""
    from okcomposer.app.outcomes import owner_of

    store = DraftStore()
    try:
        theirs = Outbox(store, owner=owner_of(env.base_url, "910000000001"))
        due = now_ms() + 3_600_000
        entry = theirs.queue(_post(None, "Someone else's, not sent"), due)
        theirs.store.finish(entry.id, "not_sent", detail="Not sent: connection refused")
    finally:
        store.close()
    clocks(env, datetime.fromtimestamp(due / 1000, UTC))
    code, out, err = run(capsys, "--api-base", env.base_url, "outbox", "run")
    assert code == 0, err
    assert topics(env) == [] and entry.id not in out
