"""Write the files an earlier okcomposer release leaves behind, with that release's own store code.

Run with the old release's source first on the path, never this tree's:

    git worktree add /tmp/okc-old d5da1d7
    OKCOMPOSER_HOME=tests/data/previous-release/d5da1d7 PYTHONPATH=/tmp/okc-old \\
        .venv/bin/python tests/data/previous-release/make.py
    git worktree remove /tmp/okc-old

It fills the drafts database (drafts in every state, history, outbox entries of every kind the release
had), templates.sqlite3, settings.json, slots.json and accounts.json (secrets go to a keyring in memory,
never to a file), then writes expected.json: everything as that release reads it back, which
tests/store/test_previous_release.py compares with what this release reads after upgrading.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def rows(path: Path, table: str) -> list[dict]:
    db = sqlite3.connect(path)
    try:
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    except sqlite3.OperationalError:  # the release had no such table
        return []
    finally:
        db.close()


def main() -> None:
    import okcomposer
    from okcomposer.store import accounts, drafts, settings, slots, templates

    home = Path(os.environ["OKCOMPOSER_HOME"])
    assert Path(okcomposer.__file__).resolve().is_relative_to(Path(os.environ["PYTHONPATH"]).resolve())
    keyring.set_keyring(MemoryKeyring())
    data, config = home / "data", home / "config"
    data.mkdir(parents=True, exist_ok=True)
    config.mkdir(parents=True, exist_ok=True)

    store = drafts.DraftStore(data / "drafts.sqlite3")
    text = {"type": "text", "text": "Доброе утро! Свежий хлеб с 8:00 🥖\nЗаходите."}
    link = {"type": "link", "url": "https://example.ru/menu"}
    plain = store.save({"attachment": {"media": [text]}}, title="Доброе утро!")
    linked = store.save({"attachment": {"media": [text, link]}, "gid": "70000000000001"}, title="Меню")
    store.save({"attachment": {"media": []}}, title="")
    store.set_state(linked, "published", topic_id="155000000001", detail=None)
    if "scheduled" in drafts.STATES:
        store.set_state(plain, "scheduled", topic_id="155000000002", detail="publishAt 2026-12-01 09:00")
    else:
        store.set_state(plain, "failed", detail="OK 454: PARAM")
    store.add_history(
        drafts.HistoryEntry(
            "post",
            "70000000000001",
            "155000000001",
            "https://ok.ru/group/1/topic/1",
            "Меню",
            1_764_000_000_000,
            linked,
        )
    )
    try:
        from okcomposer.store import outbox
    except ImportError:  # the first release had no outbox
        outbox = None
    if outbox is not None:
        box = outbox.OutboxStore(store)
        owner = "https://api.ok.ru|575000000001"
        request = {"attachment": {"media": [text]}, "gid": "70000000000001"}
        waiting = box.add(
            kind="post",
            target="me",
            fingerprint="fp-waiting",
            request={"attachment": {"media": [text]}},
            state=outbox.WAITING,
            summary="Доброе утро!",
            due_ms=1_900_000_000_000,
            owner=owner,
        )
        done = box.add(
            kind="post",
            target="70000000000001",
            target_name="Пекарня «Рассвет»",
            fingerprint="fp-done",
            request=request,
            state=outbox.SENDING,
            draft_id=linked,
            owner=owner,
        )
        box.mark_posting(done.id, 1_764_000_000_000, known_before=["155000000000"])
        box.finish(done.id, outbox.PUBLISHED, topic_id="155000000001", url="https://ok.ru/group/1/topic/1")
        lost = box.add(
            kind="moment",
            target="me",
            fingerprint="fp-lost",
            request={"files": ["/home/u/a.jpg"]},
            state=outbox.SENDING,
            owner=owner,
        )
        box.mark_posting(lost.id, 1_764_000_100_000)
        box.finish(lost.id, outbox.UNCONFIRMED, detail="not found when looked for")
        del waiting
    store.close()

    kept = templates.TemplateStore(data / "templates.sqlite3")
    kept.save("signature", "Подпись", {"text": "— Пекарня «Рассвет»"})
    kept.save("hashtags", "Хлеб", {"tags": ["хлеб", "утро"]})
    kept.close()

    settings.SettingsStore(config / "settings.json").save(
        settings.Settings(
            language="ru", theme="dark", strip_gps=False, parallel_uploads=3, last_target="70000000000001"
        )
    )
    week = slots.SlotSettings(gap_minutes=90)
    week.set("me", [(0, 9, 0), (2, 18, 30)])
    week.set("70000000000001", [(4, 12, 15)])
    slots.SlotStore(config / "slots.json").save(week)
    people = accounts.AccountStore(config / "accounts.json")
    anna = accounts.Account(
        "575000000001",
        "Анна Петрова",
        "https://api.ok.ru",
        "CBAPUBLICKEY",
        "512000000001",
        "https://i.mycdn.me/a.jpg",
        "code",
    )
    boris = accounts.Account("575000000002", "Борис", "https://api.ok.ru", "CBAPUBLICKEY", "512000000001")
    people.add(anna, {"access_token": "AT-anna", "refresh_token": "RT-anna", "application_secret_key": "S"})
    people.add(boris, {"access_token": "AT-boris"})
    people.set_current(anna.key)

    expected = {
        "drafts": rows(data / "drafts.sqlite3", "drafts"),
        "history": rows(data / "drafts.sqlite3", "history"),
        "outbox": rows(data / "drafts.sqlite3", "outbox"),
        "templates": rows(data / "templates.sqlite3", "templates"),
        "settings": dataclasses.asdict(settings.SettingsStore(config / "settings.json").load()),
        "slots": dataclasses.asdict(slots.SlotStore(config / "slots.json").load()),
        "accounts": [dataclasses.asdict(a) for a in people.accounts()],
        "current": people.current().key if people.current() else None,
    }
    (home / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
