"""The Post tab: blocks, where to post and a preview side by side, checked as you type, and Publish."""

from __future__ import annotations

import copy
from collections.abc import Generator
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from okcomposer.api.rules import ERROR, validate
from okcomposer.api.topic import Post, ms_to_datetime
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.feature import finish
from okcomposer.ui.common.scroll_column import ScrollColumn
from okcomposer.ui.compose.composer import ComposerView
from okcomposer.ui.compose.preview import Author, PreviewView
from okcomposer.ui.compose.problems_list import Place, ProblemsList, photo_problems
from okcomposer.ui.compose.publish_panel import PublishPanel
from okcomposer.ui.compose.waiting_post import WaitingPost
from okcomposer.ui.library.drafts_view import DraftKeeper
from okcomposer.ui.targets.picker import TargetPicker


@dataclass(frozen=True)
class ComposeParts:
    """The Post tab's parts, before the tab puts them side by side."""

    composer: ComposerView
    target: TargetPicker
    preview: PreviewView
    problems: ProblemsList
    publish_panel: PublishPanel


def part_steps(context: UiContext, keeper: DraftKeeper) -> Generator[None, None, ComposeParts]:
    """Make the tab's parts, a few at a time (a window built after its first paint takes a step per turn)."""
    context.disk = keeper.queue.submit  # settings remembered while composing go through the window's queue
    composer = ComposerView(context)
    yield
    target, preview = TargetPicker(context), PreviewView()
    yield
    return ComposeParts(composer, target, preview, ProblemsList(), PublishPanel(context, keeper))


class ComposeTab(QWidget):
    """The post is validated 150 ms after each change; Publish is enabled only for a post OK would take."""

    changed = Signal()
    """The user edited the post or where it goes (not emitted while a draft is being shown)."""
    sign_in_requested = Signal()
    """The user picked "Sign in to publish." in the problems list."""

    def __init__(
        self,
        context: UiContext,
        keeper: DraftKeeper,
        parts: ComposeParts | None = None,
        parent: QWidget | None = None,
    ):
        """`parts`: made beforehand by part_steps (a step at a time), else made here."""
        super().__init__(parent)
        self.context = context
        parts = parts or finish(part_steps(context, keeper))
        self._loading = False
        self.composer, self.target, self.preview = parts.composer, parts.target, parts.preview
        self.problems, self.publish_panel = parts.problems, parts.publish_panel
        self.publish_panel.add_beside_publish(self.problems)
        self.waiting = WaitingPost(self.publish_panel, self._for_waiting, self._show_page_time)
        keeper.page_due = self.target.page_due_ms  # a page draft keeps its time
        self.validate_timer = QTimer(self, singleShot=True, interval=150)
        self._layout()
        self.composer.changed.connect(self.on_post_changed)
        self.composer.photos_checked.connect(self.validate_timer.start)
        self.target.changed.connect(self.on_post_changed)
        self.target.changed.connect(self.on_target_changed)
        self.validate_timer.timeout.connect(self.validate_now)
        context.session_changed.connect(self.validate_timer.start)
        self.publish_panel.publish_clicked.connect(self.publish)
        self.problems.chosen.connect(self.go_to)
        self.waiting.changed.connect(self.validate_timer.start)

    def _layout(self) -> None:
        side = QWidget()
        column = QVBoxLayout(side)
        column.addWidget(self.target, 1)
        self.side_scroll = scroll = ScrollColumn()  # wraps down to its narrowest form, never scrolls sideways
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(side)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, childrenCollapsible=False)
        self.splitter.setObjectName("compose_splitter")
        for widget, stretch in ((self.composer, 5), (scroll, 3), (self.preview, 4)):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.preview.setMinimumWidth(200)  # with the templates dock open beside it in a 1024-px window
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.publish_panel)

    def current_post(self) -> Post:
        """The post as OK gets it: a post for my page later has no time (it waits here: page_due_ms)."""
        post = self.target.apply_to(Post(attachment=copy.deepcopy(self.composer.attachment())))
        if self.target.page_due_ms() is not None:
            post.attachment.schedule(None)
        return post

    def on_target_changed(self) -> None:
        post = self.target.apply_to(Post())
        self.composer.set_upload_group(post.gid if post.effective_type.is_group else None)

    def on_post_changed(self) -> None:
        if self._loading:
            return
        if not self.waiting.edited():  # a post that waits follows the edit; one on OK is no longer it
            self.publish_panel.clear_outcome()
        self.validate_timer.start()
        self.changed.emit()

    def _for_waiting(self) -> tuple[Post, str, int | None, bool]:
        return self.current_post(), self.target.target_name(), self.target.page_due_ms(), self.validate_now()

    def _show_page_time(self, due_ms: int) -> None:
        if due_ms != self.target.page_due_ms():  # moved in the Calendar: not an edit of the post
            self._loading = True
            try:
                self.target.publish_time.set_when(ms_to_datetime(due_ms))
            finally:
                self._loading = False
            self.validate_now()

    def validate_now(self) -> bool:
        """Check the post now (OK's rules, photo checks, a session); True when it may be published."""
        self.validate_timer.stop()
        post = self.current_post()
        problems = validate(post, limits=self.context.limits, for_sending=False)
        self.composer.show_problems(problems)
        failed, checking = photo_problems(self.composer.photo_grids_by_block())
        signed_in = self.context.session is not None
        self.problems.show_problems(problems, failed, checking, signed_in)
        why = ""
        if not signed_in:
            why = self.tr("Sign in to publish.")
        elif any(p.severity == ERROR for p in problems):
            why = self.tr("Fix the problems marked in the post first.")
        elif not self.composer.photos_ok():
            why = self.tr("Some photos are still being checked or need a fix.")
        self.publish_panel.set_ready(not why, why)
        self.preview.show_post(post, self.author(post), self.target.page_due_ms())
        return not why

    def author(self, post: Post) -> Author:
        """Who the preview shows the post from: the group on its behalf, else the user (in the group)."""
        if post.gid is not None and post.attachment.on_behalf_of_group:
            return Author(self.target.target_name(), self.target.target_picture())
        session = self.context.session
        picture = session.account.pic_url if session is not None and session.account is not None else ""
        group = self.target.target_name() if post.gid is not None else ""
        return Author(self.context.user_name, picture, group)

    def go_to(self, place: Place) -> None:
        """Show where a problem is and put the cursor there: a block's field, a photo, the publishing
        time or place, or the sign-in."""
        problem = place.problem
        if place.session:
            self.sign_in_requested.emit()
        elif problem is not None and problem.block is None:
            if problem.rule.startswith("schedule."):
                self.target.when.setFocus(Qt.FocusReason.OtherFocusReason)
            elif problem.rule == "post.empty":
                self.composer.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.target.targets.setFocus(Qt.FocusReason.OtherFocusReason)
        elif problem is not None and problem.block is not None:
            self.composer.focus_block(problem.block, problem)
        elif place.block is not None:
            self.composer.focus_block(place.block, None, place.photo)

    def publish(self) -> None:
        if self.publish_panel.running or not self.validate_now():
            return  # a second click or Ctrl+Enter while the first publish runs does nothing
        self.publish_panel.start(
            self.current_post(), self.target.target_name(), due_ms=self.target.page_due_ms()
        )

    def show_post(self, post: Post) -> None:
        """Show a post (a draft being opened, a new one) without it counting as an edit."""
        self._loading = True
        try:
            self.composer.set_attachment(post.attachment)
            self.target.load_from(post)
        finally:
            self._loading = False
        self.publish_panel.clear_outcome()
        self.validate_now()
