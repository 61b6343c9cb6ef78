"""The Insights feature: a tab built the first time it is shown, so the window's start pays nothing for it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.feature import Feature, Tab
from okcomposer.ui.common.store_queue import DraftQueue

if TYPE_CHECKING:
    from okcomposer.ui.insights.view import InsightsView


class InsightsFeature(Feature):
    """The Insights tab; `open_topic(topic_id)` shows a post History lists (the window switches tabs)."""

    def __init__(
        self,
        context: UiContext,
        queue: DraftQueue,
        open_topic: Callable[[str], None],
        tz: tzinfo | None = None,
    ):
        self.context, self.queue, self.open_topic, self.tz = context, queue, open_topic, tz
        self.page = QWidget()
        self.page.setObjectName("insights-page")
        self._box = QVBoxLayout(self.page)
        self._box.setContentsMargins(0, 0, 0, 0)
        self.view: InsightsView | None = None

    def tabs(self) -> list[Tab]:
        return [Tab(self.page, QCoreApplication.translate("Workflow", "Insights"), self.shown)]

    def build(self) -> InsightsView:
        """The tab's contents (made once)."""
        if self.view is None:
            from okcomposer.ui.insights.view import InsightsView

            self.view = InsightsView(self.context, self.queue, self.tz, self.page)
            self.view.open_requested.connect(self.open_topic)
            self._box.addWidget(self.view)
        return self.view

    def shown(self) -> None:
        self.build().shown()

    def shutdown(self) -> None:
        if self.view is not None:
            self.view.shutdown()
