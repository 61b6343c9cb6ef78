"""One draft, many targets: check my page and groups, give any target its own version, publish to all.

Every target goes through the outbox (app.multi): each row shows the truth of its entry, a repeat is not
sent unless the user chooses "Publish again", and a post OK did not confirm is only checked again or, on
the user's word, published anyway.
"""

from __future__ import annotations

import copy
import html
from contextlib import closing
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from okcomposer.api.topic import Post, TextBlock
from okcomposer.app import multi as core
from okcomposer.app.groups import load_groups
from okcomposer.app.multi import MultiPost, Override, Refused, TargetResult
from okcomposer.app.multi_draft import results_after
from okcomposer.app.outbox import SendOptions
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.message_text import notice_text
from okcomposer.ui.common.tasks import Task, TaskGroup
from okcomposer.ui.common.times import ME
from okcomposer.ui.targets.multi_draft import DraftRecorder
from okcomposer.ui.targets.multi_list import ResultTexts, TargetList
from okcomposer.ui.targets.multi_parts import (
    AGAIN,
    ANYWAY,
    CHECK,
    PUBLISH,
    RETRY,
    Job,
    VersionEditor,
    lay_out,
    send,
)


class MultiTargetView(QWidget):
    """Targets on the left (checkable, with my rights), the selected target's version on the right."""

    groups_loaded = Signal(dict)
    """My groups arrived: {gid: name}."""
    finished = Signal(dict)
    """A publish (or a retry) ended: {target: app.multi.TargetResult}."""

    def __init__(self, context: UiContext, parent: QWidget | None = None, keeper=None):
        """keeper: the window's DraftKeeper (ui/library/drafts_view.py): the composer's draft, whose state
        follows the publish (ui/targets/multi_draft.py); None for a view on its own."""
        super().__init__(parent)
        self.context = context
        self.drafts = DraftRecorder(keeper, self)
        self._refused: set[str] = set()  # targets whose result column shows why the last check refused
        self._changed: list = []  # entries the outbox settled while a job ran (store.outbox.Entry)
        self.tasks = TaskGroup(self)
        self.task: Task | None = None
        self.base = Post()
        self.overrides: dict[str, Override] = {}
        self.results: dict[str, TargetResult] = {}
        self.names: dict[str, str] = {ME: self.tr("My page")}
        self.texts = ResultTexts(self)
        self._published_to: list[str] = []
        self._load_id = 0

        self.intro = QLabel(
            self.tr(
                "Publish the post to several places at once. Check where it goes; "
                "select a target to give it its own version."
            ),
            wordWrap=True,
        )
        self.tree = TargetList([self.tr("Target"), self.tr("Version"), self.tr("Result")])
        self.status = QLabel(wordWrap=True)
        self.editor = VersionEditor(self)
        self.summary = QLabel(wordWrap=True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.progress = QProgressBar(textVisible=False)
        self.progress.hide()
        self.publish_button = QPushButton(self.tr("Publish to all"))
        self.retry_button = QPushButton(self.tr("Retry failed"))
        self.retry_button.setToolTip(
            self.tr("Send again only where it failed or was not sent; nothing is sent twice")
        )
        self.retry_button.setEnabled(False)
        self.check_button = QPushButton(self.tr("Check again"))
        self.check_button.setToolTip(self.tr("Look on OK for the posts it did not confirm; nothing is sent"))
        self.check_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        lay_out(self)
        self._add_target(ME, self.names[ME], None)
        self.tree.select(ME)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.itemChanged.connect(lambda *_: self._update_buttons())
        self.editor.edited.connect(self.on_editor_edited)
        self.publish_button.clicked.connect(self.publish)
        self.retry_button.clicked.connect(self.retry_failed)
        self.check_button.clicked.connect(lambda: self.check_again())
        self.editor.again_clicked.connect(lambda: self.publish_again(self.current_target()))
        self.editor.check_clicked.connect(lambda: self.check_again([self.current_target()]))
        self.editor.anyway_clicked.connect(lambda: self.publish_anyway(self.current_target()))
        self.cancel_button.clicked.connect(self.on_cancel_button_clicked)
        context.session_changed.connect(self.reload)
        self._show_current()
        self.reload()

    # --- targets ----------------------------------------------------------------------------------
    def _add_target(self, target: str, name: str, why_not: str | None) -> None:
        self.tree.add_target(target, name, why_not)
        self.tree.set_version(target, self.texts.version(self.overrides.get(target)))

    def item(self, target: str):
        """The target's row, or None."""
        return self.tree.item(target)

    def reload(self) -> None:
        """Load my groups and my rights in each (group.getUserGroupsByIds) in the background."""
        session = self.context.session
        self._load_id += 1
        self.tree.keep_first()
        if session is None:
            self.status.setText(self.tr("Sign in to publish in your groups."))
            return
        self.status.setText(self.tr("Loading your groups…"))
        load_id = self._load_id

        def arrived(found: tuple[str, list]) -> None:
            if load_id == self._load_id:  # else a newer load has started
                self._groups_arrived(*found)

        uid, client = self.context.uid, self.context.client()  # the client is closed on the Task

        def work(report, cancel) -> tuple[str, list]:
            with closing(client):
                return load_groups(client, uid, report, cancel)

        self.tasks.run(
            work,
            succeeded=arrived,
            failed=lambda exc: self.status.setText(error_text(exc)),
            name="okc-multi-groups",
        )

    def _groups_arrived(self, _uid: str, found: list) -> None:
        for group, membership in found:
            self.names[group.uid] = group.name
            self._add_target(group.uid, group.name, self.texts.why_not(membership))
        self.status.setText(self.tr("Your groups: {count}").format(count=len(found)))
        self.groups_loaded.emit({g.uid: g.name for g, _m in found})

    def checked_targets(self) -> list[str]:
        """The targets checked for publishing, in list order."""
        return self.tree.checked()

    def set_checked(self, target: str, checked: bool = True) -> None:
        """Check (or uncheck) a target where I may post."""
        self.tree.set_checked(target, checked)

    def select(self, target: str) -> None:
        """Show a target's version and result on the right."""
        self.tree.select(target)

    # --- the base post and the versions -----------------------------------------------------------
    def set_base(self, post: Post) -> None:
        """The post every target starts from (the composer's post); overrides are kept."""
        if post.to_draft() != self.base.to_draft():
            self._forget_refusals()  # they were about the post as it was
        self.base = copy.deepcopy(post)
        self._show_current()

    def _forget_refusals(self) -> None:
        for target in self._refused:
            self.tree.set_result(target, "")
        if self._refused:
            self.summary.clear()
        self._refused.clear()

    def base_text(self) -> str:
        """The text of the base post's first text block."""
        return next((b.text for b in self.base.attachment.media if isinstance(b, TextBlock)), "")

    def set_override(self, target: str, override: Override | None) -> None:
        """Give a target its own version (None or an empty Override: the base post)."""
        if override is None or override == Override():
            self.overrides.pop(target, None)
        else:
            self.overrides[target] = override
        self._forget_refusals()
        self.tree.set_version(target, self.texts.version(self.overrides.get(target)))
        if self.current_target() == target:
            self._show_current()

    def current_target(self) -> str:
        """The selected target (my page when none is)."""
        return self.tree.current(ME)

    def _show_current(self) -> None:
        target = self.current_target()
        base_when = self.base.attachment.scheduled_at()
        self.editor.show_target(
            self.names.get(target, target),
            target == ME,
            self.overrides.get(target),
            self.base_text(),
            base_when or datetime.now(UTC),
        )
        result = self.results.get(target)
        self.editor.result.setText(self.texts.detail(result, self.names.get(target)))
        self.editor.show_actions(result, not self.running)

    def on_editor_edited(self) -> None:
        """The version editor changed: keep it as the selected target's override."""
        target = self.current_target()
        self.set_override(target, self.editor.override())

    # --- publishing -------------------------------------------------------------------------------
    def multi_post(self, targets: list[str] | None = None) -> MultiPost:
        """The base post and its versions for `targets` (the checked ones by default)."""
        targets = self.checked_targets() if targets is None else targets
        chosen = {t: copy.copy(o) for t, o in self.overrides.items() if t in targets}
        return MultiPost(copy.deepcopy(self.base), targets, chosen)

    @property
    def running(self) -> bool:
        """Whether a publish, retry or check is under way."""
        return self.task is not None

    def publish(self) -> None:
        """Publish to every checked target (each its own post); results arrive per target."""
        targets = self.checked_targets()
        if not targets or self.running:
            return
        self.results = {}
        self._published_to = targets
        self.drafts.start()
        self._run(PUBLISH, targets)

    def retry_failed(self) -> None:
        """Send again to the failed and not-sent targets only; nothing else is ever sent again."""
        resend = [t for t, r in self.results.items() if r.state in core.RESENDABLE]
        if not self.running and resend:
            self._run(RETRY, resend)

    def publish_again(self, target: str) -> None:
        """The user's choice for a repeat that was not sent: publish it to `target` once more."""
        result = self.results.get(target)
        if not self.running and result is not None and result.state == core.ALREADY:
            self._run(AGAIN, [target])

    def check_again(self, targets: list[str] | None = None) -> None:
        """Look on OK for the not-confirmed targets (all, or `targets`); nothing is sent."""
        unconfirmed = [t for t, r in self.results.items() if r.state == core.UNCONFIRMED]
        chosen = [t for t in unconfirmed if targets is None or t in targets]
        if not self.running and chosen:
            self._run(CHECK, chosen)

    def publish_anyway(self, target: str) -> None:
        """The user's explicit word for a not-confirmed target: send it once more."""
        result = self.results.get(target)
        if not self.running and result is not None and result.state == core.UNCONFIRMED:
            self._run(ANYWAY, [target])

    def _run(self, kind: str, targets: list[str]) -> None:
        if self.context.session is None:
            self.summary.setText(self.tr("Sign in to publish."))
            return
        settings = self.context.settings
        job = Job(
            kind,
            self.multi_post(self._published_to),
            self.context.outbox,
            self.context.client(),
            previous=dict(self.results),
            targets=targets,
            uid=self.context.uid,
            names=dict(self.names),
            options=SendOptions(
                limits=self.context.limits, strip_gps=settings.strip_gps, parallel=settings.parallel_uploads
            ),
            draft_id=self.drafts.draft_id,
        )
        step = self.tr("Checking on OK…") if kind == CHECK else self.tr("Waiting…")
        for target in targets:
            self.tree.set_result(target, step)
        self.progress.setRange(0, len(targets))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.summary.setText(self.tr("Checking…") if kind == CHECK else self.tr("Publishing…"))
        self.task = self.tasks.run(
            lambda report, cancel: send(job, report, cancel),
            succeeded=self._succeeded,
            failed=self._failed,
            progress=self._on_progress,
            name="okc-multi-publish",
        )
        if self.task is None:  # the view is shutting down
            job.client.close()
            self._end()
            return
        self._update_buttons()
        self._show_current()

    def _on_progress(self, event: tuple | TargetResult) -> None:
        if isinstance(event, TargetResult):
            self.progress.setValue(self.progress.value() + 1)
            self.results[event.target] = event  # kept should the job fail later
            self._show_result(event)
        else:
            target, step = event
            self.tree.set_result(target, self.texts.step(step))

    def _show_result(self, result: TargetResult) -> None:
        tip = result.url or self.texts.detail(result, self.names.get(result.target))
        self.tree.set_result(result.target, self.texts.short(result), result.state, tip)

    def _succeeded(self, results: dict | Refused) -> None:
        if isinstance(results, Refused):
            self._failed(results)
            return
        self._end()
        self._show_results(results_after(results, self._changed))
        self._changed = []
        self.drafts.record(self.context.outbox)
        self.finished.emit(dict(self.results))

    def _show_results(self, results: dict[str, TargetResult]) -> None:
        self.results = dict(results)
        for result in results.values():
            self._show_result(result)
        self.summary.setText(html.escape(self.texts.summary(results)))
        self._show_current()
        self._update_buttons()

    def entries_changed(self, entries: list) -> None:
        """The window's outbox sent waiting entries (or settled cut-off ones): the rows they stand for
        show how they went now (store.outbox.Entry)."""
        if self.running:
            self._changed += entries  # the job's results are not in yet: applied to them at its end
        elif {e.id for e in entries} & {r.entry_id for r in self.results.values()}:
            self._show_results(results_after(self.results, entries))

    def _failed(self, exc: BaseException) -> None:
        self._end()
        problems = exc.problems if isinstance(exc, Refused) else {}
        self._refused = {t for t, found in problems.items() if found}
        if not isinstance(exc, Refused):  # some targets may have gone before it failed
            self.drafts.record(self.context.outbox)
        for target in self._published_to:
            if problems.get(target):
                self.tree.set_result(target, "; ".join(map(notice_text, problems[target])), core.FAILED)
            elif target in self.results:
                self._show_result(self.results[target])
            else:
                self.tree.set_result(target, self.tr("Not sent"))
        self._show_current()
        if isinstance(exc, Refused):
            text = html.escape(self.tr("Nothing was sent: fix the targets marked in the list first."))
        else:
            text = html.escape(error_text(exc)).replace("\n", "<br>")
        self.summary.setText(f'<span style="color:#d32f2f">{text}</span>' if not problems else text)

    def _end(self) -> None:
        self.task = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.running
        states = {r.state for r in self.results.values()}
        self.publish_button.setEnabled(idle and bool(self.checked_targets()))
        self.retry_button.setEnabled(idle and bool(states & core.RESENDABLE))
        self.check_button.setEnabled(idle and core.UNCONFIRMED in states)

    def on_cancel_button_clicked(self) -> None:
        """Ask the running job to stop; targets not yet sent are not sent."""
        if self.task is not None:
            self.task.cancel()
            self.summary.setText(self.tr("Cancelling…"))

    def show_results(self, results: dict[str, TargetResult]) -> None:
        """Show results as if a publish had just ended (used by the screenshots and after a restart)."""
        self._published_to = list(results)
        self._succeeded(results)  # screenshots show made-up results: the outbox is not touched

    def shutdown(self) -> None:
        """Stop the background tasks (the window is closing)."""
        self.tasks.stop()
