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
