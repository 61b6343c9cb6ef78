"""Publishing a checked import plan (app.bulk_import): the rights in every group first, then the drafts,
then row by row through the outbox. The import dialog runs it on a Task; `okcomposer import --publish`
does the same steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo

from okcomposer.api import methods
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.app import bulk_import as bulk
from okcomposer.app.outbox import Outbox
from okcomposer.app.rights import RowRefusal
from okcomposer.limits import Limits
from okcomposer.store.drafts import DraftStore


@dataclass(frozen=True)
class PlanOutcome:
    """refused: "row N: ..." for each row whose group the user may not publish in (app.rights.RowRefusal:
    a str that also holds the row number and the reason; then nothing was saved or sent, and draft_ids and
    results are empty); else the rows' drafts and one RowResult per row."""

    refused: list[RowRefusal] = field(default_factory=list)
    draft_ids: list[str] = field(default_factory=list)
    results: list[bulk.RowResult] = field(default_factory=list)


def group_names(client: OkClient) -> dict[str, str]:
    """{group id: name} for every group of the signed-in user (group.getUserGroupsV2, all pages, then
    group.getInfo), so the import preview names the rows' targets. Raises OkError (api.errors)."""
    return {
        group.uid: group.name for group in methods.get_groups_info(client, methods.get_user_group_ids(client))
    }


def publish_plan(
    client: OkClient,
    plan: bulk.ImportPlan,
    store: DraftStore,
    *,
    draft_ids: list[str] | None = None,
    uid: str = "",
    limits: Limits | None = None,
    cancel: CancelToken | None = None,
    on_saved: Callable[[list[str]], None] | None = None,
    on_result: Callable[[bulk.RowResult], None] | None = None,
    again: bool = False,
    outbox: Outbox | None = None,
    tz: tzinfo | None = None,
) -> PlanOutcome:
    """Check the rights, save the rows as drafts (unless `draft_ids` are those drafts), publish row by row.

    `uid` may be "" (asked with users.getCurrentUser). on_saved(ids) comes once the drafts exist,
    on_result(RowResult) after each row (bulk_import.publish_rows: again, outbox, tz and the stop on cancel
    or an expired session are its). Raises OkError when OK cannot be asked about the rights; ValueError
    for a plan with errors.
    """
    uid = uid or methods.get_current_user(client).uid
    refused = bulk.check_rights(client, plan, uid)
    if refused:
        return PlanOutcome(refused=refused)
    ids = draft_ids or bulk.save_drafts(plan, store, outbox)
    if on_saved is not None:
        on_saved(ids)
    results = bulk.publish_rows(
        client,
        plan,
        store,
        ids,
        uid=uid,
        limits=limits,
        cancel=cancel,
        on_result=on_result,
        again=again,
        outbox=outbox,
        tz=tz,
    )
    return PlanOutcome(draft_ids=ids, results=results)
