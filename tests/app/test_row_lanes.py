"""Import rows a few at a time (issue 16): rows of the same content stay in file order, results come in row
order, a rate-limit answer halves how many go at once, and every row still goes exactly once."""

from __future__ import annotations

import threading

from support.sandbox_client import admin_group, demo_client

from okcomposer.api.cancel import CancelToken
from okcomposer.app import bulk_import as bulk
from okcomposer.app.row_lanes import CALM_S, Throttle, run_in_lanes
from okcomposer.store.drafts import DraftStore


def test_same_key_rows_run_in_order_and_results_come_in_row_order():
    seen: list[int] = []
    lock = threading.Lock()
    gates = {i: threading.Event() for i in range(6)}
    gates[5].set()  # row 5 (its own lane) finishes first; rows of lane "a" wait for it

    def work(i: int) -> str:
        if i in (0, 2, 4):
            gates[5].wait(10)
        with lock:
            seen.append(i)
        return f"row {i}"

    delivered: list[str] = []
    found = run_in_lanes(
        6,
        lambda i: "a" if i % 2 == 0 else f"b{i}",
        work,
        lambda _i: None,
        concurrency=3,
        throttle=Throttle(3),
        on_result=delivered.append,
    )
    assert found == delivered == [f"row {i}" for i in range(6)]
    lane_a = [i for i in seen if i % 2 == 0]
    assert lane_a == [0, 2, 4]  # one after another, in file order


def test_a_stop_skips_the_rows_not_started():
    stop: list[str] = []

    def work(i: int) -> str:
        if i == 0:
            stop.append("the session expired")
        return f"sent {i}"

    found = run_in_lanes(
        4,
        lambda _i: "one lane",
        work,
        lambda i: f"skipped {i}: {stop[0]}" if stop else None,
        concurrency=4,
        throttle=Throttle(4),
    )
    assert found == ["sent 0"] + [f"skipped {i}: the session expired" for i in (1, 2, 3)]


def test_the_throttle_halves_and_pauses_after_a_rate_limit():
    now = [100.0]
    throttle = Throttle(4, clock=lambda: now[0])
    assert all(throttle.enter() for _ in range(4))
    throttle.slow_down()
    assert throttle.limit == 2 and throttle.calm_until == 100.0 + CALM_S
    for _ in range(4):
        throttle.leave()
    cancel = CancelToken()
    threading.Timer(0.3, cancel.cancel).start()
    assert throttle.enter(cancel) is False  # still calm: nothing started before the cancel
    now[0] += CALM_S
    assert throttle.enter() and throttle.enter() and throttle.running == 2
    throttle.slow_down()
    throttle.slow_down()
    assert throttle.limit == 1 and throttle.slowed == 3


def test_rows_go_at_once_and_a_flood_answer_slows_them_yet_each_goes_once(sb, tmp_path):
    gid = admin_group(sb)
    path = tmp_path / "rows.csv"
    texts = [f"Row {i} of the bakery" for i in range(6)] + [
        "Row 0 of the bakery"
    ]  # the last repeats the first
    path.write_text("\n".join(["text;target", *(f"{t};{gid}" for t in texts)]), encoding="utf-8")
    plan = bulk.load(path)
    assert plan.ok, plan.errors
    store = DraftStore(tmp_path / "d.sqlite3")
    ids = bulk.save_drafts(plan, store)
    sb.add_fault("mediatopic.post", "flood", times=1)
    order: list[int] = []
    results = bulk.publish_rows(demo_client(sb), plan, store, ids, on_result=lambda r: order.append(r.number))
    assert order == [r.number for r in results] == list(range(2, 9))
    assert [r.state for r in results] == ["published"] * 6 + ["already"]
    topics = [t["attachment"]["media"][0]["text"] for t in sb.snapshot()["topics"]]
    assert sorted(topics) == sorted(texts[:6])
    posts = [c for c in sb.snapshot()["calls"] if c["method"] == "mediatopic.post"]
    assert len(posts) == 7  # six topics and the one refused with FLOOD_BLOCKED, tried again
    store.close()
