"""Publishing a checked import plan (app.bulk_import): the rights in every group first, then the drafts,
then row by row through the outbox. The import dialog runs it on a Task; `okcomposer import --publish`
does the same steps."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path

from okcomposer.api import methods
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.app import bulk_import as bulk
from okcomposer.app.messages import Message, message
from okcomposer.app.outbox import Outbox
from okcomposer.app.rights import RowRefusal, posting_problems
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


def check_import(
    path: Path,
    client: OkClient | None = None,
    *,
    uid: str = "",
    names: Mapping[str, str] | None = None,
    tz: tzinfo | None = None,
    limits: Limits | None = None,
    on_download: bulk.DownloadProgress | None = None,
) -> bulk.ImportPlan:
    """The one check of an import file, for `okcomposer import` and the import dialog alike.

    bulk_import.load's checks, then (`check_online`) what OK knows when `client` is given or `names`.
    Blocks (photo downloads, the network); raises ImportFailed (the file) and OkError (OK not asked).
    """
    plan = bulk.load(path, tz=tz, limits=limits, groups=names, on_download=on_download)
    if client is not None:
        check_online(client, plan, uid, names)
    return plan


def check_online(
    client: OkClient, plan: bulk.ImportPlan, uid: str = "", names: Mapping[str, str] | None = None
) -> None:
    """What OK knows, added to a loaded plan: a target may be one of the user's groups by its name
    (`names`, {id: name}, asked with group_names when None and a row names a group), and each group row
    says when the user may not publish in its group (`add_rights`). Uid "" is asked with
    users.getCurrentUser. Raises OkError (api.errors)."""
    named = any(getattr(p, "code", "") == "row.bad_target" for row in plan.rows for p in row.problems)
    if names is None and named:
        names = group_names(client)
    if names is not None:
        bulk.name_targets(plan, names)
    if any(row.target.isascii() and row.target.isdigit() for row in plan.rows):
        if names is None:  # the rights' messages name the groups
            names = group_names(client)
        add_rights(client, plan, uid or methods.get_current_user(client).uid, names)


def add_rights(client: OkClient, plan: bulk.ImportPlan, uid: str, names: Mapping[str, str]) -> None:
    """Each group row's rights problems (app.rights.posting_problems) added to its problems, the group
    named "'Name' (id)" when its name is known; rows whose target is not a group id are left alone."""
    found: dict[str, list[Message]] = {}
    for row in plan.rows:
        gid = row.target
        if not (gid.isascii() and gid.isdigit()):  # my page, or a target the file names wrongly
            continue
        if gid not in found:
            label = f"'{names[gid]}' ({gid})" if gid in names else gid
            found[gid] = [
                message(p.code, **{**p.params, "gid": label}) for p in posting_problems(client, gid, uid)
            ]
        row.problems += found[gid]


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
