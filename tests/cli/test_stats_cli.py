"""`okcomposer stats`: figures as a table, CSV or JSON, best times as `Tue 09:00` lines, the cache reused."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import pytest
from support.cli import run

from okcomposer.sandbox import history
from okcomposer.sandbox.server import Sandbox

BAKERY, RUNNERS = history.HISTORY_GROUPS


@pytest.fixture
def account(monkeypatch):
    """OKC_* credentials of the demo user on a sandbox whose groups have their month of history."""
    with Sandbox(with_history=True) as sandbox:
        info = sandbox.info()
        monkeypatch.setenv("OKC_APPLICATION_KEY", info["application_key"])
        monkeypatch.setenv("OKC_ACCESS_TOKEN", info["access_token"])
        monkeypatch.setenv("OKC_SESSION_SECRET_KEY", info["session_secret_key"])
        yield sandbox


def stat_calls(sb) -> int:
    return sum(1 for c in sb.snapshot()["calls"] if c["method"] == "group.getStatTopics")


def test_the_sandbox_prints_real_looking_figures_as_json(capsys):
    code, out, err = run(capsys, "--sandbox", "stats", "--group", BAKERY, "--format", "json", "--tz", "UTC")
    assert code == 0 and "built-in sandbox" in err
    topics = json.loads(out)
    assert len(topics) >= 2 * (history.HISTORY_DAYS - 1)
    for topic in topics:
        assert topic["group"] == BAKERY and topic["id"].isdigit() and topic["words"]
        assert datetime.fromisoformat(topic["created"]).utcoffset().total_seconds() == 0
        figures = {k: v for k, v in topic.items() if k not in ("id", "group", "created", "fetched", "words")}
        assert {"reach", "likes", "comments", "reshares"} <= set(figures)
        assert all(type(v) is int and v >= 0 for v in figures.values())
    assert sum(t["reach"] for t in topics) > 1000
    created = [t["created"] for t in topics]
    assert created == sorted(created, reverse=True)


def test_table_and_csv(capsys):
    code, out, _ = run(capsys, "--sandbox", "stats", "--group", RUNNERS)
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:4] == ["created", "group", "topic", "reach"]
    assert all(RUNNERS in line for line in lines[1:]) and len(lines) > 40
    code, out, _ = run(capsys, "--sandbox", "stats", "--group", RUNNERS, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and int(rows[0]["reach"]) >= 0 and rows[0]["words"]


def test_best_times_are_weekday_and_hour_lines_best_first(capsys):
    code, out, _ = run(capsys, "--sandbox", "stats", "--best-times", "--tz", "Europe/Moscow")
    lines = out.splitlines()
    assert code == 0 and lines
    rates = []
    for line in lines:
        found = re.fullmatch(
            r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d\d):00 +([\d.]+)% engagement per reach +\((\d+) posts, .*\)",
            line,
        )
        assert found, line
        assert int(found[4]) >= 3
        rates.append(float(found[3]))
    assert rates == sorted(rates, reverse=True)
    assert lines[0].split()[1] in ("19:00", "20:00")  # the demo's evenings answer best
    code, out, _ = run(capsys, "--sandbox", "stats", "--best-times", "--format", "json")
    assert code == 0 and {"slot", "posts", "reach", "engagement", "engagement_per_reach"} <= set(
        json.loads(out)[0]
    )


def test_every_administered_group_and_the_cache_reused_until_refresh(account, capsys):
    code, out, _ = run(capsys, "--api-base", account.base_url, "stats", "--format", "json")
    assert code == 0 and {t["group"] for t in json.loads(out)} == {BAKERY, RUNNERS}
    assert stat_calls(account) == 2
    code, again, _ = run(capsys, "--api-base", account.base_url, "stats", "--format", "json")
    assert code == 0 and json.loads(again) == json.loads(out) and stat_calls(account) == 2
    code, _, _ = run(capsys, "--api-base", account.base_url, "stats", "--group", BAKERY, "--refresh")
    assert code == 0 and stat_calls(account) == 3


def test_since_limits_the_topics(account, capsys):
    newest = max(t["created_ms"] for t in account.state.past_topics)
    day = datetime.fromtimestamp(newest / 1000, history.MOSCOW).strftime("%Y-%m-%d")
    code, out, _ = run(
        capsys,
        "--api-base",
        account.base_url,
        "stats",
        "--since",
        day,
        "--tz",
        "Europe/Moscow",
        "--format",
        "json",
    )
    assert code == 0 and 2 <= len(json.loads(out)) <= 6  # two groups, two or three posts a day


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--since", "01.02.2026"], "YYYY-mm-dd"),
        (["--group", "bakery"], "not a group id"),
        (["--tz", "Mars/Olympus"], "unknown time zone"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, args, said):
    code, out, err = run(capsys, "--sandbox", "stats", *args)
    assert code == 2 and said in err and out == ""


def test_a_group_one_does_not_administer_is_refused(account, capsys):
    member_only = next(g["id"] for g in account.info()["groups"] if g["status"] == "ACTIVE")
    code, out, err = run(capsys, "--api-base", account.base_url, "stats", "--group", member_only)
    assert code == 1 and "OK error 10" in err and out == ""


def shifted(weekday: int, hour: int, hours: int) -> tuple[int, int]:
    """The weekday and hour `hours` later (across midnight and Sunday night)."""
    total = weekday * 24 + hour + hours
    return (total // 24) % 7, total % 24


def test_best_times_use_the_settings_zone_and_tz_overrides_it(capsys):
    from okcomposer.store.settings import Settings, SettingsStore

    def cells(*argv: str) -> set[tuple[int, int, int]]:
        argv = ("--sandbox", "stats", "--group", BAKERY, "--best-times", "--format", "json", *argv)
        code, out, _ = run(capsys, *argv)
        assert code == 0
        return {(c["weekday"], c["hour"], c["posts"]) for c in json.loads(out)}

    moscow = cells("--tz", "Europe/Moscow")
    assert moscow
    SettingsStore().save(Settings(time_zone="Asia/Vladivostok"))  # Moscow + 7 hours, neither has DST
    vladivostok = cells()
    assert vladivostok == {(*shifted(w, h, 7), posts) for w, h, posts in moscow}
    assert cells("--tz", "Europe/Moscow") == moscow  # --tz wins over the settings
