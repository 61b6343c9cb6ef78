"""The lists' queries (issue 16): Drafts and History read a page at a time through indexes, filtered by
words, place, states and period, every row reachable; the Calendar reads a time range; migration 4 fills the
drafts' place and time from bodies saved before it."""

from __future__ import annotations

import json
import sqlite3

from okcomposer.store import drafts_schema, history
from okcomposer.store.drafts import DraftStore
from okcomposer.store.listing import ListFilter, like
from okcomposer.store.outbox import PUBLISHED, WAITING, OutboxStore


def group_body(gid: str | None, text: str, when_ms: int | None = None) -> dict:
    attachment: dict = {"media": [{"type": "text", "text": text}]}
    if when_ms is not None:
        attachment["publishAtMs"] = when_ms
    return (
        {"type": "GROUP_THEME", "gid": gid, "attachment": attachment} if gid else {"attachment": attachment}
    )


def test_drafts_come_a_page_at_a_time_newest_first_and_every_one_is_reachable(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    ids = [store.save(group_body("42", f"Draft {i}"), title=f"Draft {i}") for i in range(450)]
    assert store.count() == 450
    pages = [store.page(ListFilter(), offset, 200) for offset in (0, 200, 400)]
    assert [len(p) for p in pages] == [200, 200, 50]
    assert [d.id for p in pages for d in p] == ids[::-1]
    assert store.position(ListFilter(), ids[0]) == 449 and store.position(ListFilter(), ids[-1]) == 0
    assert store.position(ListFilter(), "gone") is None
    store.close()


def test_drafts_filter_by_words_place_state_and_period(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    bread = store.save(group_body("42", "Fresh bread"), title="Fresh bread")
    store.save(group_body(None, "My news"), title="My news")
    store.save(group_body("7", "100% rye_flour"), title="100% rye_flour")
    store.set_state(bread, "published", "t1")
    assert [d.title for d in store.page(ListFilter(text="BREAD"), 0, 10)] == ["Fresh bread"]
    assert store.count(ListFilter(text="%")) == 1 and store.count(ListFilter(text="_f")) == 1  # literal
    assert [d.title for d in store.page(ListFilter(target="me"), 0, 10)] == ["My news"]
    assert store.count(ListFilter(states=("published",))) == 1
    assert store.count(ListFilter(states=("draft",), target="7")) == 1
    newest = store.page(ListFilter(), 0, 1)[0].updated_ms
    assert store.count(ListFilter(since_ms=newest)) == 1 and store.count(ListFilter(until_ms=newest)) == 2
    assert store.targets() == ["42", "7", "me"]
    assert like("50%_a\\") == "%50\\%\\_a\\\\%"
    store.close()


def test_timed_drafts_are_found_by_their_time_through_the_index(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    early = store.save(group_body("42", "early", 1_000_000))
    late = store.save(group_body("42", "late", 5_000_000))
    store.save(group_body("42", "never"))
    moscow = store.save({"gid": "1", "attachment": {"publishAt": "2030-01-01 03:00:00"}})
    assert [d.id for d in store.timed_between(0, 2_000_000)] == [early]
    assert [d.id for d in store.timed_between(1_000_001, None)] == [late, moscow]
    assert [d.id for d in store.timed_between(None, None)] == [early, late, moscow]
    assert drafts_schema.draft_columns(store.load(moscow).body) == ("1", 1_893_456_000_000)  # 00:00 UTC
    plan = store._db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM drafts WHERE when_ms IS NOT NULL AND when_ms >= 0 AND when_ms < 9"
    ).fetchall()
    assert "drafts_when" in str(plan)
    store.close()


def test_odd_bodies_get_no_time_and_my_page(tmp_path):
    for body in ([], {"attachment": {"publishAtMs": True}}, {"attachment": {"publishAt": "tomorrow"}}):
        assert drafts_schema.draft_columns(body) == ("me", None)
    assert drafts_schema.draft_columns({"gid": 70, "attachment": {"publishAtMs": -5}}) == ("70", -5)


def entry(outbox: OutboxStore, summary: str, target: str = "me", due: int = 0):
    return outbox.add(
        kind="post",
        target=target,
        fingerprint=summary,
        request={},
        state=WAITING,
        summary=summary,
        due_ms=due,
    )


def test_history_pages_hold_the_outbox_and_the_legacy_rows_in_time_order(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    outbox = OutboxStore(store)
    made = [entry(outbox, f"post {i}", due=1000 + 10 * i) for i in range(5)]
    outbox.discard(made[0].id)  # a discarded entry is not history
    store._db.execute(
        "INSERT INTO history (kind, target, object_id, url, summary, published_ms) "
        "VALUES ('post', 'me', 't9', 'https://ok.ru/x', 'legacy', 1025)"
    )
    rows = history.page(outbox, ListFilter(), 0, 10)
    assert [r.summary for r in rows] == ["post 4", "post 3", "legacy", "post 2", "post 1"]
    assert history.count(outbox) == 5
    assert [r.summary for r in history.page(outbox, ListFilter(), 2, 2)] == ["legacy", "post 2"]
    assert history.count(outbox, ListFilter(text="legacy")) == 1
    assert history.count(outbox, ListFilter(states=(WAITING,))) == 4  # the legacy row is a published one
    assert history.count(outbox, ListFilter(states=(PUBLISHED,))) == 1
    outbox.finish(made[3].id, PUBLISHED, topic_id="555", url="https://ok.ru/t/555")
    assert history.position_of_topic(outbox, ListFilter(), "555") == 1
    assert history.position_of_topic(outbox, ListFilter(states=(WAITING,)), "555") is None
    store.close()


def test_history_of_the_outbox_alone_walks_its_time_index(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    outbox = OutboxStore(store)
    for i in range(3):
        entry(outbox, f"to {i}", target=str(40 + i), due=i)
    assert [r.summary for r in history.page(outbox, ListFilter(target="41"), 0, 10)] == ["to 1"]
    assert [t for t, _ in history.targets(outbox)] == ["40", "41", "42"]
    plan = store._db.execute(
        f"EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE state != 'x' ORDER BY {history.TIME} DESC, id DESC"
    ).fetchall()
    assert "outbox_time" in str(plan)
    store.close()


def test_the_newest_entry_of_each_draft_asked_for(tmp_path):
    store = DraftStore(tmp_path / "d.sqlite3")
    outbox = OutboxStore(store)
    first = outbox.add(kind="post", target="me", fingerprint="a", request={}, state=WAITING, draft_id="d1",
                       intent_ms=1)  # fmt: skip
    second = outbox.add(kind="post", target="me", fingerprint="a", request={}, state=WAITING, draft_id="d1",
                        intent_ms=2)  # fmt: skip
    outbox.add(kind="post", target="me", fingerprint="b", request={}, state=WAITING, draft_id="d2")
    assert {k: e.id for k, e in history.latest_for(outbox, ["d1", "d3"]).items()} == {"d1": second.id}
    outbox.discard(second.id)
    assert history.latest_for(outbox, ["d1"])["d1"].id == first.id
    store.close()


def test_migration_4_fills_place_and_time_of_drafts_saved_before_it(tmp_path):
    path = tmp_path / "d.sqlite3"
    DraftStore(path).close()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("DROP INDEX drafts_when")
    db.execute("ALTER TABLE drafts DROP COLUMN when_ms")
    db.execute("ALTER TABLE drafts DROP COLUMN target")
    db.execute("PRAGMA user_version = 3")
    body = json.dumps(group_body("42", "old", 7_000))
    db.execute(
        "INSERT INTO drafts (id, title, body, created_ms, updated_ms) VALUES ('o', '', ?, 1, 1)", (body,)
    )
    db.execute("INSERT INTO drafts (id, title, body, created_ms, updated_ms) VALUES ('b', '', '{', 1, 1)")
    db.close()
    store = DraftStore(path)
    assert store._db.execute("SELECT id, target, when_ms FROM drafts ORDER BY id").fetchall() == [
        ("b", "me", None),
        ("o", "42", 7_000),
    ]
    assert [d.id for d in store.timed_between(0, None)] == ["o"]
    store.close()
