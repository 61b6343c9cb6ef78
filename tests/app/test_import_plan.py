"""app.import_plan.publish_plan against the sandbox: the rights first (nothing saved or sent when one is
missing), then the drafts, then each row once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from support.sandbox_client import demo_client

from okcomposer.app.bulk_import import load
from okcomposer.app.import_plan import publish_plan
from okcomposer.store.drafts import DraftStore

G1, MEMBER_ONLY = "70000001000101", "70000001000201"
LATER = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)


@pytest.fixture
def store(tmp_path):
    s = DraftStore(tmp_path / "drafts.sqlite3")
    yield s
    s.close()


def plan_of(tmp_path, *rows: str):
    path = tmp_path / "posts.csv"
    path.write_text("\n".join(["text;target;publish_at", *rows]), encoding="utf-8")
    plan = load(path)
    assert plan.ok, plan.errors
    return plan


def test_a_group_without_rights_stops_everything_before_anything_is_saved(sandbox, tmp_path, store):
    plan = plan_of(tmp_path, f"mine;{G1};", f"theirs;{MEMBER_ONLY};")
    saved: list[list[str]] = []
    outcome = publish_plan(demo_client(sandbox), plan, store, on_saved=saved.append)
    assert [line.split(":")[0] for line in outcome.refused] == ["row 3"]
    assert outcome.draft_ids == [] and outcome.results == [] and saved == []
    assert store.list() == [] and sandbox.snapshot()["topics"] == []


def test_rows_become_drafts_then_go_out_once_each(sandbox, tmp_path, store):
    plan = plan_of(tmp_path, "on my page;me;", f"in my group;{G1};{LATER.isoformat()}")
    saved: list[list[str]] = []
    told: list[str] = []
    outcome = publish_plan(
        demo_client(sandbox), plan, store, on_saved=saved.append, on_result=lambda r: told.append(r.state)
    )
    assert outcome.refused == [] and saved == [outcome.draft_ids] and len(outcome.draft_ids) == 2
    assert [r.state for r in outcome.results] == told == ["published", "scheduled"]
    assert [store.load(i).state for i in outcome.draft_ids] == ["published", "scheduled"]
    # Publishing the same drafts again (the dialog keeps their ids) sends nothing twice.
    again = publish_plan(demo_client(sandbox), plan, store, draft_ids=outcome.draft_ids, uid="574902863217")
    assert again.draft_ids == outcome.draft_ids and [r.state for r in again.results] == ["already"] * 2
    assert len(store.list()) == 2 and len(sandbox.snapshot()["topics"]) == 2
