"""Hostile draft and CSV files thrown at the command line (issue 12): never a traceback, never a hang.

Each run is main([...]) in-process on a thread with a time limit. A bad file is exit 2 with every stderr line
"okcomposer: ...": one line for a draft; for a CSV one line about the file, or a line per bad row then
"nothing was imported". Mutations are drawn at the JSON level (a value or key swapped for a nasty token:
5000-digit numbers, NaN, deep nesting, lone surrogates, huge strings, a pipe or /dev/zero as a photo), at
the CSV cell level (huge cells, NULs, years 1 and 9999, ids of 5000 digits) and at the byte level (bytes
inserted, dropped or replaced; other encodings; a BOM). Pipes and /dev/zero as the file itself are plain
tests below.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import traceback
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support.images import make_photos

from okcomposer.app.input_files import CSV_MAX_BYTES, DRAFT_MAX_BYTES
from okcomposer.cli import main

HANG_SECONDS = 30  # far above any honest run; a hung read would never end
LATER = datetime.now(UTC) + timedelta(days=3)
GROUP = "70000001000101"

VALID_DRAFT = {
    "type": "GROUP_THEME",
    "gid": GROUP,
    "attachment": {
        "media": [
            {"type": "text", "text": "Свежая выпечка"},
            {"type": "link", "url": "https://ok.ru/"},
            {"type": "photo", "list": [{"file": "p0.jpg"}, {"file": "p1.jpg"}]},
        ],
        "publishAtMs": int(LATER.timestamp()) * 1000,
        "onBehalfOfGroup": "true",
    },
    "hidden_post": False,
}
VALID_ROWS = [
    ["text", "link", "photos", "target", "publish_at", "type"],
    ["Привет", "", "p0.jpg|p1.jpg", "me", "", ""],
    ["Хлеб", "https://ok.ru/", "p1.jpg", GROUP, LATER.strftime("%Y-%m-%d %H:%M"), "GROUP_THEME"],
]
SLOT = "@@slot@@"
# Raw JSON put where a value (or key) was; several are not JSON at all, which is the point.
NASTY_JSON = [
    "1" * 5000,
    "-" + "9" * 4301,
    "9" * 30,
    "1e999",
    "-1e999",
    "1." + "0" * 300,
    "NaN",
    "Infinity",
    "-Infinity",
    '"\\ud800"',
    '"a\\udc00b"',
    '"\\u0000"',
    "[" * 5000 + "]" * 5000,
    '{"a":' * 3000 + "1" + "}" * 3000,
    "[" * 900 + "]" * 900,
    '"' + "я" * 200_000 + '"',
    '"pipe.fifo"',
    '"/dev/zero"',
    '"' + "a/" * 3000 + 'p.jpg"',
    '"p0.jpg\\u0000"',
    "null",
    "true",
    "[]",
    "{}",
    '""',
    "0",
    "-1",
    "1.5",
    '"' + json.dumps(VALID_DRAFT["attachment"]).replace('"', '\\"') + '"',
    '"{\\"media\\": 1e999}"',
]
NASTY_CELLS = [
    "a" * 200_000,
    "я" * 131_073,
    "я" * 100_001,
    "\x00",
    "x\x00y",
    "0001-01-01T00:00+14:00",
    "9999-12-31T23:59-14:00",
    "9999-12-31 23:59",
    "0001-01-01 00:00",
    "2025-02-30 10:00",
    "2025-03-30 02:30",
    "1" * 5000,
    "9" * 20,
    "-1",
    "ME",
    "я",
    "group_theme",
    "USER",
    "GROUP_SUGGESTED",
    "|".join(["p0.jpg"] * 500),
    "/dev/zero",
    "pipe.fifo",
    "p0.jpg\x00.png",
    "../" * 200 + "etc/passwd",
    "a" * 5000 + ".jpg",
    "https://" + "a" * 5000,
    "javascript:alert(1)",
    '"',
    '"a"b"',
    "\n",
    "\r",
    " ",
    "=cmd|' /C calc'!A0",
    "\ufeff",
    "\u202e",
]
BYTE_PIECES = [
    b"\x00",
    b"\xff",
    b"\xed\xa0\x80",
    b"\xef\xbb\xbf",
    b"\\u",
    b'"',
    b"{",
    b"[",
    b"\r",
    b"\n",
    b";",
]


def run_cli(*argv: str) -> tuple[int, str, str]:
    """main(argv) on a thread, its stdout and stderr; fails the test on a hang or an escaped exception."""
    out, err, result = io.StringIO(), io.StringIO(), {}

    def target() -> None:
        try:
            result["code"] = main(list(argv))
        except SystemExit as exc:
            result["code"] = exc.code
        except BaseException:  # noqa: BLE001 - the point is to see any of them
            result["error"] = traceback.format_exc()

    with redirect_stdout(out), redirect_stderr(err):
        worker = threading.Thread(target=target, daemon=True)
        worker.start()
        worker.join(HANG_SECONDS)
    assert not worker.is_alive(), f"okcomposer {' '.join(argv)[:200]} hung"
    assert "error" not in result, result["error"]
    return result["code"], out.getvalue(), err.getvalue()


def assert_clean(code: int, err: str, *, allowed: set[int], rows: bool = False) -> None:
    """An allowed exit code; on failure only "okcomposer: " lines (a draft breaking several rules has a
    line for each), and for a CSV (`rows`) either one line or "row N: ..." lines and the verdict."""
    event(f"exit {code}")
    assert code in allowed, err
    assert "Traceback" not in err and "Error:" not in err.replace("okcomposer: ", ""), err
    if code == 0:
        return
    lines = err.splitlines()
    assert lines and all(line.startswith("okcomposer: ") for line in lines), err
    if rows and code == 2 and len(lines) > 1:  # a CSV's bad rows: a line each, then the verdict
        assert lines[-1] == "okcomposer: nothing was imported", err
        assert all(line.startswith("okcomposer: row ") for line in lines[:-1]), err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_photos(tmp_path, 2)
    os.mkfifo(tmp_path / "pipe.fifo")
    return tmp_path


# --- drafts ---------------------------------------------------------------------------------------------
def draft_paths(value: object, path: tuple = ()) -> list[tuple]:
    """Every key path in a JSON value, the empty path (the whole value) included."""
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += draft_paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += draft_paths(inner, (*path, index))
    return found


PATHS = draft_paths(VALID_DRAFT)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def mutated_drafts(draw) -> bytes:
    draft = json.loads(json.dumps(VALID_DRAFT))
    raw: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS[1:]))
        parent = draft
        try:
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]]  # noqa: B018 - still there after an earlier change?
        except (KeyError, IndexError, TypeError):
            continue
        if not isinstance(parent, dict | list):
            continue
        action = draw(st.sampled_from(["raw", "value", "drop", "rename"]))
        if action == "raw":
            parent[path[-1]] = SLOT
            raw.append(draw(st.sampled_from(NASTY_JSON)))
        elif action == "value":
            parent[path[-1]] = draw(json_values)
        elif action == "drop":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["publishAtMs", "file", "uid", "", "media ", "Text"]))] = parent.pop(
                path[-1]
            )
    text = json.dumps(draft, ensure_ascii=False)
    for token in raw:
        text = text.replace(json.dumps(SLOT), token, 1)
    return text.encode("utf-8")


@st.composite
def mutated_bytes(draw, data: bytes) -> bytes:
    """`data` with bytes inserted, dropped or replaced, cut short, or in another encoding."""
    kind = draw(st.sampled_from(["edit", "edit", "edit", "cut", "utf-16", "cp1251", "bom", "repeat"]))
    if kind == "cut":
        return data[: draw(st.integers(0, len(data)))]
    if kind in ("utf-16", "cp1251"):
        return data.decode("utf-8").encode(kind, errors="replace")
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "repeat":
        return data * draw(st.integers(2, 50))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        piece = draw(st.sampled_from(BYTE_PIECES) | st.binary(min_size=1, max_size=4))
        op = draw(st.sampled_from(["insert", "replace", "drop"]))
        if op == "insert":
            data = data[:at] + piece + data[at:]
        elif op == "replace":
            data = data[:at] + piece + data[at + len(piece) :]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 8)) :]
    return data


hostile_drafts = mutated_drafts() | mutated_bytes(json.dumps(VALID_DRAFT, ensure_ascii=False).encode("utf-8"))

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@SETTINGS
@given(data=hostile_drafts)
def test_mutated_drafts_are_published_or_one_line_exit_2(folder, data):
    draft = folder / "draft.json"
    draft.write_bytes(data)
    code, _, err = run_cli("post", "--dry-run", str(draft))
    assert_clean(code, err, allowed={0, 2})


@settings(SETTINGS, max_examples=40)
@given(data=hostile_drafts)
def test_mutated_drafts_sent_to_the_sandbox(env, folder, data):
    """Without --dry-run: photo files are checked and uploaded; OK's refusal is exit 1 with one line."""
    draft = folder / "draft.json"
    draft.write_bytes(data)
    code, _, err = run_cli("--api-base", env.base_url, "post", "--again", str(draft))
    assert_clean(code, err, allowed={0, 1, 2})


# --- CSV files ------------------------------------------------------------------------------------------
@st.composite
def mutated_tables(draw) -> bytes:
    rows = [list(row) for row in VALID_ROWS]
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(rows) - 1))
        action = draw(st.sampled_from(["cell", "cell", "cell", "extra", "short", "row"]))
        if action == "cell":
            rows[row][draw(st.integers(0, len(rows[row]) - 1))] = draw(
                st.sampled_from(NASTY_CELLS) | st.text(max_size=20)
            )
        elif action == "extra":
            rows[row].append(draw(st.sampled_from(NASTY_CELLS)))
        elif action == "short" and rows[row]:
            rows[row].pop()
        else:
            rows.append(list(rows[draw(st.integers(1, len(rows) - 1))]))
    delimiter = draw(st.sampled_from([";", ","]))
    if draw(st.booleans()):  # quoted properly
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter).writerows(rows)
        text = buffer.getvalue()
    else:  # joined as a careless script would
        text = "\n".join(delimiter.join(row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]))
    return text.encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")


def valid_csv() -> bytes:
    return "\n".join(";".join(row) for row in VALID_ROWS).encode("utf-8")


hostile_tables = mutated_tables() | mutated_bytes(valid_csv())


@SETTINGS
@given(data=hostile_tables)
def test_mutated_csv_files_import_or_exit_2(folder, data):
    table = folder / "posts.csv"
    table.write_bytes(data)
    code, out, err = run_cli("import", str(table))
    assert_clean(code, err, allowed={0, 2}, rows=True)
    if code == 0:
        assert out.count(": draft ") == len(out.splitlines())


# --- the file itself: pipes, devices, size ---------------------------------------------------------------
@pytest.mark.parametrize("command", [["post"], ["post", "--dry-run"], ["import"]])
def test_a_pipe_is_refused_before_it_is_opened(tmp_path, command):
    pipe = tmp_path / "draft.fifo"
    os.mkfifo(pipe)
    code, out, err = run_cli(*command, str(pipe))
    assert code == 2 and out == ""
    kind = "a CSV file" if command == ["import"] else "a draft file"
    assert err == f"okcomposer: {pipe}: not a regular file (a pipe, device or socket), so not {kind}\n"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("command", [["post", "--dry-run"], ["import"]])
def test_dev_zero_is_refused_without_reading(command):
    code, _, err = run_cli(*command, "/dev/zero")
    assert code == 2 and err.startswith("okcomposer: /dev/zero: not a regular file")


@pytest.mark.parametrize(
    ("command", "name", "cap", "message"),
    [
        (
            ["post", "--dry-run"],
            "big.json",
            DRAFT_MAX_BYTES,
            "too big for a draft file: 11 MB (at most 10 MB)",
        ),
        (["import"], "big.csv", CSV_MAX_BYTES, "too big for a CSV file: 51 MB (at most 50 MB)"),
    ],
)
def test_a_file_over_the_cap_is_refused_by_its_size(tmp_path, command, name, cap, message):
    big = tmp_path / name
    with big.open("wb") as f:  # sparse: no disk used, and never read
        f.truncate(cap + 1024 * 1024)
    code, _, err = run_cli(*command, str(big))
    assert code == 2 and err == f"okcomposer: {big}: {message}\n"


def test_a_symlink_to_a_regular_file_is_read(folder):
    (folder / "real.json").write_text(json.dumps(VALID_DRAFT), encoding="utf-8")
    (folder / "link.json").symlink_to(folder / "real.json")
    code, out, err = run_cli("post", "--dry-run", str(folder / "link.json"))
    assert code == 0, err
    assert json.loads(out)["gid"] == GROUP


# --- what the property tests found, pinned --------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            '{"gid": ' + "1" * 5000 + ', "attachment": {"media": []}}',
            "invalid JSON (a number 5000 characters long)",
        ),
        ('{"gid": 1e999, "attachment": {"media": []}}', "invalid JSON (the number 1e999 is too large)"),
        ('{"gid": NaN, "attachment": {"media": []}}', "invalid JSON (NaN is not a JSON number)"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON (nested too deeply)"),
        ('{"attachment": "' + "[" * 100_000 + '"}', "attachment: not valid JSON (RecursionError)"),
        ("\ufeff" + json.dumps(VALID_DRAFT), None),  # a BOM, as Notepad saves: read
    ],
)
def test_draft_numbers_nesting_and_bom(folder, raw, message):
    draft = folder / "d.json"
    draft.write_text(raw, encoding="utf-8")
    code, _, err = run_cli("post", "--dry-run", str(draft))
    if message is None:
        assert code == 0, err
    else:
        assert code == 2 and err == f"okcomposer: {draft}: {message}\n"


def test_a_huge_csv_cell_is_one_line(folder):
    table = folder / "posts.csv"
    table.write_text(f"text;target\n{'я' * 200_000};me\nok;me\n", encoding="utf-8")
    code, _, err = run_cli("import", str(table))
    assert code == 2
    assert err == f"okcomposer: {table}: row 2 (line 2): a cell is longer than 131,072 characters\n"


def test_a_csv_in_no_text_encoding_is_one_line(folder):
    table = folder / "posts.csv"
    table.write_bytes(b"text;target\n\x00\x81\x00\xff;me\n" * 3)
    code, _, err = run_cli("import", str(table))
    assert code == 2
    assert err == f"okcomposer: {table}: cannot tell how its text is encoded; save it as 'CSV UTF-8'\n"


def test_too_many_rows_is_one_line(folder, monkeypatch):
    from okcomposer.app import import_table

    monkeypatch.setattr(import_table, "MAX_ROWS", 5)
    table = folder / "posts.csv"
    table.write_text("text;target\n" + "hi;me\n" * 6, encoding="utf-8")
    code, _, err = run_cli("import", str(table))
    assert code == 2 and err == f"okcomposer: {table}: more than 5 rows; split it into smaller files\n"
    table.write_text("text;target\n" + "hi;me\n" * 5, encoding="utf-8")
    assert run_cli("import", str(table))[0] == 0


def test_a_folder_is_not_a_csv_file(tmp_path):
    code, _, err = run_cli("import", str(tmp_path))
    assert code == 2 and err == f"okcomposer: {tmp_path}: is a folder, not a CSV file\n"


@pytest.mark.parametrize("photo", ["pipe.fifo", "/dev/zero"])
def test_a_photo_that_is_a_pipe_or_device_is_refused_before_upload(env, folder, photo):
    draft = folder / "d.json"
    draft.write_text(json.dumps({"attachment": {"media": [{"type": "photo", "list": [{"file": photo}]}]}}))
    code, _, err = run_cli("--api-base", env.base_url, "post", str(draft))
    assert code == 2 and "is not a regular file" in err and len(err.splitlines()) == 1
    assert env.snapshot()["photos"] == [] and env.snapshot()["topics"] == []
