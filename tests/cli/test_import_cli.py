"""`okcomposer import FILE.csv [--publish]`: drafts, per-row lines, exit 2 with nothing done on a bad row."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from support.cli import run
from support.images import make_photos

from okcomposer.store.drafts import DraftStore

G1, G2, MEMBER_ONLY = "70000001000101", "70000001000102", "70000001000201"
LATER = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def csv_file(tmp_path: Path, rows: list[str]) -> Path:
    make_photos(tmp_path, 2)
    path = tmp_path / "posts.csv"
    path.write_text("\n".join(["текст;фото;группа;время", *rows]), encoding="utf-8-sig")
    return path


def drafts() -> list:
    store = DraftStore()
    try:
        return store.list()
    finally:
        store.close()


def test_import_saves_drafts_without_network(tmp_path, capsys):
    path = csv_file(tmp_path, ["Привет;;me;", f"Хлеб;p0.jpg|p1.jpg;{G1};", f"Скоро;p1.jpg;{G2};{LATER}"])
    code, out, err = run(capsys, "import", str(path))
    assert code == 0, err
    saved = drafts()
    assert len(saved) == 3 and "3 row(s) saved as drafts" in err
    assert [line.split(": draft ")[0] for line in out.splitlines()] == ["row 2", "row 3", "row 4"]


def test_a_bad_row_exits_2_and_nothing_is_saved_or_sent(env, tmp_path, capsys):
    path = csv_file(tmp_path, ["Привет;;me;", f"Хлеб;a.jpg;{G1};", f"Скоро;;{G2};not a time"])
    code, out, err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == "okcomposer: row 3: the photo 'a.jpg' does not exist"
    assert lines[1].startswith("okcomposer: row 4: the time 'not a time'")
    assert lines[-1] == "okcomposer: nothing was imported"
    assert drafts() == [] and env.snapshot()["calls"] == []


def test_publish_prints_a_line_per_row(env, tmp_path, capsys):
    path = csv_file(tmp_path, ["Привет;;me;", f"Хлеб;p0.jpg|p1.jpg;{G1};", f"Скоро;p1.jpg;{G2};{LATER}"])
    code, out, err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 0, err
    lines = out.splitlines()
    assert [line.split(" http://")[0] for line in lines[:2]] == ["row 2: published", "row 3: published"]
    assert lines[2].startswith("row 4: scheduled on OK for ") and f"{env.base_url}/sandbox/topic/" in lines[2]
    assert len(env.snapshot()["topics"]) == 3 and "3 row(s): 2 published, 1 scheduled" in err
    assert sorted(d.state for d in drafts()) == ["published", "published", "scheduled"]


def test_a_lost_answer_is_not_confirmed_exit_4(env, tmp_path, capsys):
    path = csv_file(tmp_path, ["Привет;;me;", f"Хлеб;;{G1};"])
    env.add_fault(method="mediatopic.post", kind="http503", times=1)
    code, out, _err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 4
    # Rows go out side by side, so either may meet the fault; results are printed in row order.
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines[:2]] == ["row 2", "row 3"]
    assert sorted(line.split(": ")[1].split(" ")[0] for line in lines[:2]) == ["not", "published"]
    assert len(env.snapshot()["topics"]) == 1


def test_no_right_to_post_exits_2_before_anything(env, tmp_path, capsys):
    path = csv_file(tmp_path, ["Привет;;me;", f"Вопрос;;{MEMBER_ONLY};"])
    code, _out, err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 2 and "row 3: only admins" in err
    assert drafts() == [] and env.snapshot()["topics"] == []


def test_bad_file_and_bad_zone(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("colour;target\nred;me\n", encoding="utf-8")
    code, _out, err = run(capsys, "import", str(path))
    assert code == 2 and "unknown column 'colour'" in err
    code, _out, err = run(capsys, "import", str(path), "--tz", "Mars/Olympus")
    assert code == 2 and "unknown time zone" in err
    code, _out, err = run(capsys, "import", str(tmp_path / "none.csv"))
    assert code == 2 and "none.csv: no such file" in err


def test_builtin_sandbox_publish(tmp_path, capsys):
    path = csv_file(tmp_path, [f"Хлеб;p0.jpg;{G1};"])
    code, out, err = run(capsys, "--sandbox", "import", str(path), "--publish")
    assert code == 0, err
    assert re.match(r"row 2: published http://127\.0\.0\.1:\d+/sandbox/topic/\d+", out)


def test_a_page_row_with_a_time_is_read_by_one_rule_with_and_without_publish(env, tmp_path, capsys):
    path = csv_file(tmp_path, [f"Позже;;me;{LATER}"])
    code, out, err = run(capsys, "import", str(path))  # drafts only: accepted, the draft keeps its time
    assert code == 0, err
    assert re.fullmatch(r"row 2: draft [0-9a-f]+\n", out)
    code, out, err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 0, err
    assert out.startswith("row 2: waiting on this computer until ") and env.snapshot()["topics"] == []


def test_a_target_may_be_one_of_my_groups_by_its_name(env, tmp_path, capsys):
    path = csv_file(tmp_path, ["Хлеб;;Sunrise Bakery;", "Бег;;riverside running club;"])
    code, out, err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 0, err
    assert sorted(t["gid"] for t in env.snapshot()["topics"]) == [G1, G2]
    code, out, err = run(capsys, "--api-base", env.base_url, "import", str(path))  # drafts: names read too
    assert code == 0, err


def test_an_unknown_group_name_says_to_write_the_id(env, tmp_path, capsys):
    path = csv_file(tmp_path, ["Хлеб;;Moonset Bakery;"])
    code, _out, err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 2 and "row 2: the target 'Moonset Bakery' is none of your groups' names" in err
    assert "ok.ru/group/<id>" in err and env.snapshot()["topics"] == []


def test_signed_out_a_group_name_is_refused_with_where_to_find_the_id(tmp_path, capsys, monkeypatch):
    for name in ("OKC_APPLICATION_KEY", "OKC_ACCESS_TOKEN", "OKC_SESSION_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    code, _out, err = run(capsys, "import", str(csv_file(tmp_path, ["Хлеб;;Sunrise Bakery;"])))
    assert code == 2 and "neither a group id nor 'me'; write the group's id" in err
    assert "ok.ru/group/<id>" in err and drafts() == []


def test_a_long_target_is_quoted_shortened(tmp_path, capsys):
    target = "zzz-not-a-number-" + "y" * 283
    code, _out, err = run(capsys, "import", str(csv_file(tmp_path, [f"Хлеб;;{target};"])))
    [line] = [line for line in err.splitlines() if "row 2" in line]
    assert code == 2 and f"'{target[:60]}…'" in line and target not in line and len(line) < 300


def test_a_timed_row_for_a_group_where_i_may_only_suggest_names_it_before_anything(env, tmp_path, capsys):
    path = csv_file(tmp_path, [f"Фото;;{MEMBER_ONLY};{LATER}"])
    code, out, err = run(capsys, "--api-base", env.base_url, "import", str(path), "--publish")
    assert code == 2 and out == ""
    assert "row 2: only admins, moderators and editors publish in group 'City Photography Fans'" in err
    assert f"({MEMBER_ONLY})" in err and drafts() == [] and env.snapshot()["topics"] == []
