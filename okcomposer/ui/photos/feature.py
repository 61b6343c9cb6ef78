"""The photos feature: the Moments tab."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.feature import Feature, Tab
from okcomposer.ui.photos.moments_view import MomentsView


class MomentsFeature(Feature):
    """The Moments tab: images checked in a grid and published as Moments."""

    def __init__(self, context: UiContext):
        self.view = MomentsView(context)

    def tabs(self) -> list[Tab]:
        return [Tab(self.view, QCoreApplication.translate("MainWindow", "Moments"))]
