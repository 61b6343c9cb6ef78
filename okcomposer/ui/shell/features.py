"""The main window's features, declared in one place: which parts the window has and how they are wired.

`core_steps(window)` builds what the window opens with: its own commands, the tabs Post, Moments, Drafts
and History, and the accounts; `feature_steps(window)` builds the parts that come after (the calendar, many
targets, templates, import, undo/redo, posting slots and Insights) from the window's typed parts. Both take
a step per turn of the event loop (ui/common/feature.finish takes them at once). MainWindow.add_feature
puts each one's tabs, docks and menu entries in, core first: every tab and menu entry of the window comes
from a feature here. A new part: a Feature subclass in its
package (see ui/common/feature.py), one field below, and its wiring here.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okcomposer.api.topic import Post
from okcomposer.ui.accounts.feature import AccountsFeature
from okcomposer.ui.common.feature import Feature
from okcomposer.ui.compose.compose_tab import ComposeTab, part_steps
from okcomposer.ui.compose.feature import PostFeature, UndoFeature
from okcomposer.ui.insights.feature import InsightsFeature
from okcomposer.ui.library.feature import DraftsFeature, HistoryFeature, ImportFeature, TemplatesFeature
from okcomposer.ui.photos.feature import MomentsFeature
from okcomposer.ui.schedule.feature import CalendarFeature, SlotsFeature
from okcomposer.ui.shell.commands import WindowCommands
from okcomposer.ui.targets.feature import ManyTargetsFeature

if TYPE_CHECKING:
    from okcomposer.ui.shell.main_window import MainWindow


@dataclass(frozen=True)
class Core:
    """The features the window is built with, before its first paint: its own commands (File, Help), its
    first four tabs, and the accounts (the switcher, Account menu)."""

    commands: WindowCommands
    post: PostFeature
    moments: MomentsFeature
    drafts: DraftsFeature
    history: HistoryFeature
    accounts: AccountsFeature

    def all(self) -> list[Feature]:
        """In the order their tabs and menu entries appear."""
        return [self.commands, self.post, self.moments, self.drafts, self.history, self.accounts]


def core_steps(window: MainWindow) -> Generator[None, None, Core]:
    """The core features from the window's context, draft keeper, store queue and commands, a step at a time
    (the Post tab, the largest, alone in its step): a window that is
    built after its first paint takes one step per turn of its event loop (issue 16)."""
    context, queue = window.context, window.queue
    parts = yield from part_steps(context, window.keeper)
    yield
    tab = ComposeTab(context, window.keeper, parts)
    post = PostFeature(tab, lambda: window.tabs.setCurrentWidget(tab), window)
    yield
    moments, drafts = MomentsFeature(context), DraftsFeature(context, queue)
    yield
    history = HistoryFeature(context, queue)
    accounts = AccountsFeature(context, window.store, lambda: window.sign_in(), window)
    return Core(WindowCommands(window), post, moments, drafts, history, accounts)


@dataclass(frozen=True)
class Workflow:
    """The features added after the first paint, by name (the tests and the screenshots reach them here)."""

    calendar: CalendarFeature
    many: ManyTargetsFeature
    importing: ImportFeature
    undo: UndoFeature
    templates: TemplatesFeature
    slots: SlotsFeature
    insights: InsightsFeature

    def all(self) -> list[Feature]:
        """In the order their tabs and menu entries appear."""
        return [
            self.calendar, self.many, self.importing, self.undo, self.templates, self.slots, self.insights,
        ]  # fmt: skip


def feature_steps(window: MainWindow) -> Generator[None, None, Workflow]:
    """Build the features and wire them (each link named here, once), one feature per step: the window
    takes a step per turn of its event loop after the first paint, so no turn is long (issue 16)."""
    context, queue, composer, target = window.context, window.queue, window.composer, window.target
    calendar = CalendarFeature(context, queue)
    yield
    many = ManyTargetsFeature(context, window.current_post, window.keeper)
    yield
    undo = UndoFeature(composer, target, window.on_post_changed, window)

    def set_post(post: Post) -> None:
        """Show a changed post; `changed` lets the window validate and autosave, and undo record it."""
        composer.set_attachment(post.attachment)
        composer.changed.emit()

    def new_post(post: Post) -> None:
        window.new_draft()  # the current draft stays saved
        target.load_from(post)
        set_post(post)
        undo.history.reset()

    def imported() -> None:
        calendar.view.refresh()
        window.drafts_view.refresh()

    # The outbox sent or settled posts: the Calendar, maybe left open, shows their new state.
    window.outbox_runner.sent.connect(lambda _entries: calendar.view.refresh())
    window.outbox_runner.settled.connect(lambda _entries: calendar.view.refresh())

    templates = TemplatesFeature(context, queue, composer, window.current_post, set_post, new_post, window)
    yield
    importing = ImportFeature(context, imported, window)
    slots = SlotsFeature(
        context,
        queue,
        target,
        lambda: window.keeper.draft_id,
        lambda: many.view.names,
        calendar.view.set_gap,
        window,
    )
    yield

    def open_in_history(topic_id: str) -> None:
        window.history_view.show_topic(topic_id)
        window.tabs.setCurrentWidget(window.history_view)  # its refresh selects the topic again

    insights = InsightsFeature(context, queue, open_in_history)
    many.view.groups_loaded.connect(calendar.view.set_target_names)
    many.view.finished.connect(lambda _results: calendar.view.refresh())
    # Another post on screen: its undo steps start afresh (these run after the window's own handlers).
    for signal in (
        window.drafts_view.open_requested,
        window.keeper.restored,
        window.actions_by_name["new"].triggered,
        calendar.view.open_requested,
    ):
        signal.connect(lambda *_args: undo.history.reset())
    calendar.view.open_requested.connect(window.open_draft)
    return Workflow(calendar, many, importing, undo, templates, slots, insights)
