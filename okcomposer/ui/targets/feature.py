"""The Many targets tab: the post being composed, sent to my page and my groups at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from okcomposer.api.topic import Post
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.feature import Feature, Tab
from okcomposer.ui.targets.multi_view import MultiTargetView


class ManyTargetsFeature(Feature):
    """Each time the tab is shown it takes the post being composed as its base."""

    def __init__(self, context: UiContext, current_post: Callable[[], Post], keeper=None):
        self.view = MultiTargetView(context, keeper=keeper)  # keeper: the composer's draft follows a publish
        self.current_post = current_post

    def tabs(self) -> list[Tab]:
        title = QCoreApplication.translate("Workflow", "Many targets")
        return [Tab(self.view, title, lambda: self.view.set_base(self.current_post()))]

    def shutdown(self) -> None:
        self.view.shutdown()
