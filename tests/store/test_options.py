"""The one settings mechanism (store.options): options declared once with type, default, check and group;
versions upgraded step by step; atomic writes; a damaged file kept aside with a notice."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import pytest

from okcomposer.store import options
from okcomposer.store.accounts import AccountStore
from okcomposer.store.options import OptionFile, option
from okcomposer.store.settings import Settings, SettingsStore
from okcomposer.store.slots import SlotStore


@dataclass(frozen=True)
class Prefs:
    name: str = option("anon", group="who")
    size: int = option(3, group="look", check=lambda n: 1 <= n <= 5)
    dark: bool = option(False, group="look")
    tags: tuple[str, ...] = option((), group="who", load=lambda v: tuple(map(str, v)), dump=list)


def rename_user(data: dict) -> dict:  # version 1 called "name" "user"
    data["name"] = data.pop("user", "anon")
    return data


def double_size(data: dict) -> dict:  # version 2 counted size in halves
    if isinstance(data.get("size"), int):
        data["size"] //= 2
    return data


def prefs_file(path, calls: list | None = None) -> OptionFile[Prefs]:
    def counted(step):
        def run(data):
            if calls is not None:
                calls.append(step.__name__)
            return step(data)

        return run

    return OptionFile(path, Prefs, 3, {1: counted(rename_user), 2: counted(double_size)})


def test_types_defaults_checks_and_groups(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"version": 3, "name": 5, "size": True, "dark": 1, "tags": ["a", 2]}))
    assert prefs_file(path).load() == Prefs(tags=("a", "2"))  # True is no int, 1 no bool
    path.write_text(json.dumps({"version": 3, "name": "Анна", "size": 9, "dark": True}))
    assert prefs_file(path).load() == Prefs(name="Анна", dark=True)  # 9 fails its check
    assert options.groups(Prefs) == {"who": ["name", "tags"], "look": ["size", "dark"]}
    assert options.valid(Prefs(size=0)) == Prefs() and options.valid(Prefs(size=5)).size == 5
    assert options.groups(Settings) == {
        "interface": ["language", "theme", "time_zone"],
        "photos": ["strip_gps", "parallel_uploads"],
        "publishing": ["last_target"],
        "compose": ["recent_emoji", "spelling_notice_seen"],
    }


def test_a_missing_file_gives_the_defaults_and_is_not_made(tmp_path):
    store = prefs_file(tmp_path / "none.json")
    assert store.load() == Prefs() and store.notice is None and not (tmp_path / "none.json").exists()


def test_an_old_version_is_upgraded_once_and_the_old_file_kept(tmp_path):
    path = tmp_path / "p.json"
    old = '{"version": 1, "user": "Борис", "size": 8, "later": "kept"}'
    path.write_text(old, encoding="utf-8")
    calls: list[str] = []
    assert prefs_file(path, calls).load() == Prefs(name="Борис", size=4)
    assert calls == ["rename_user", "double_size"]
    assert (tmp_path / "p.json.version-1").read_text(encoding="utf-8") == old
    assert json.loads(path.read_text()) == {"version": 3, "name": "Борис", "size": 4, "later": "kept"}
    assert prefs_file(path, calls).load() == Prefs(name="Борис", size=4) and len(calls) == 2


def test_a_version_2_file_runs_only_the_later_step(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"version": 2, "name": "x", "size": 6}')
    calls: list[str] = []
    assert prefs_file(path, calls).load() == Prefs(name="x", size=3) and calls == ["double_size"]


def test_a_missing_upgrade_step_or_an_undeclared_conversion_is_a_mistake_found_at_once(tmp_path):
    with pytest.raises(ValueError, match="from version 2"):
        OptionFile(tmp_path / "p.json", Prefs, 3, {1: rename_user})

    @dataclass
    class Bad:
        items: list[str] = option(factory=list)

    with pytest.raises(TypeError, match="needs load"):
        OptionFile(tmp_path / "b.json", Bad, 1)


def test_a_newer_file_is_read_and_its_unknown_options_kept(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"version": 7, "name": "n", "colour": "red"}')
    store = prefs_file(path)
    assert store.load() == Prefs(name="n")
    store.save(Prefs(name="m", size=9))
    assert json.loads(path.read_text()) == {
        "version": 7, "name": "m", "size": 3, "dark": False, "tags": [], "colour": "red"
    }  # fmt: skip
    assert not (tmp_path / "p.json.version-7").exists()


@pytest.mark.parametrize(
    "text",
    [
        b"{broken",
        b"[1, 2]",
        b'"text"',
        b'{"version": "2"}',
        b'{"version": 0}',
        b'{"version": true}',
        b"\xff\xfe{}",
    ],
)
def test_a_damaged_file_is_kept_aside_with_a_notice(tmp_path, text):
    path = tmp_path / "p.json"
    path.write_bytes(text)
    store = prefs_file(path)
    assert store.load() == Prefs()
    assert store.damaged_file and store.damaged_file.startswith("p.json.broken-")
    assert (tmp_path / store.damaged_file).read_bytes() == text and not path.exists()
    assert store.notice and store.damaged_file in store.notice
    store.save(Prefs(name="new"))
    assert prefs_file(path).load() == Prefs(name="new") and (tmp_path / store.damaged_file).exists()


def test_settings_notice_and_a_file_without_version(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark"}')  # hand-written: read as version 1
    store = SettingsStore(path)
    assert store.load() == Settings(theme="dark") and store.notice is None
    path.write_text("{")
    assert store.load() == Settings() and store.notice and "settings.json" in store.notice


def test_writes_are_atomic(tmp_path, monkeypatch):
    path = tmp_path / "p.json"
    store = prefs_file(path)
    store.save(Prefs(name="first"))

    def fail(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        store.save(Prefs(name="second"))
    monkeypatch.undo()
    assert store.load() == Prefs(name="first") and [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_slots_and_accounts_keep_only_what_they_can_read(tmp_path):
    slots = tmp_path / "slots.json"
    slots.write_text(
        json.dumps(
            {"version": 1, "gap_minutes": 0, "slots": {"me": [[7, 1, 1], [1, 8, 0], [1, 8, 0], "x"], "g": []}}
        )
    )
    loaded = SlotStore(slots).load()
    assert loaded.gap_minutes == 60 and loaded.slots == {"me": [(1, 8, 0)]}
    accounts = tmp_path / "accounts.json"
    good = {"uid": "1", "name": "A", "api_base": "https://api.ok.ru", "application_key": "K", "extra": 1}
    accounts.write_text(json.dumps({"version": 1, "accounts": [good, {"uid": "2"}, 3], "current": 5}))
    store = AccountStore(accounts)
    assert [a.uid for a in store.accounts()] == ["1"]
    current = store.current()
    assert current is not None and current.uid == "1"  # "current" unreadable: the first account
    for name, made in (("accounts.json", AccountStore), ("slots.json", SlotStore)):
        (tmp_path / name).write_text("[]")
        damaged = made(tmp_path / name)
        damaged.file.load()
        assert damaged.notice and name in damaged.notice and not (tmp_path / name).exists()
