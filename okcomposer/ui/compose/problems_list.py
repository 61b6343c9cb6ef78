"""The post's problems in one list beside Publish: every reason Publish is off, each leading to its place.

A problem in a block below the fold (an empty poll answer, a 32 MB photo) used to switch Publish off with no
visible reason; here each one is named, and a click or Enter on it scrolls to the block and puts the cursor
in the field (ComposeTab.go_to).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListWidget, QListWidgetItem, QWidget

from okcomposer.api.rules import ERROR, Problem
from okcomposer.media.precheck import PrecheckResult
from okcomposer.ui.common.i18n import precheck_text, problem_text

if TYPE_CHECKING:
    from okcomposer.ui.photos.grid import PhotoGrid

PLACE_ROLE = Qt.ItemDataRole.UserRole
ROWS_SHOWN = 3  # more problems than this scroll inside the list
TEXT_MARGIN = 4  # pixels the style keeps on each side of an item's text (Fusion: 3 and a rounding)


@dataclass(frozen=True)
class Place:
    """Where a problem is: a rule's Problem (its block, or the whole post), a photo, or the session."""

    problem: Problem | None = None
    block: int | None = None  # the photo block's index, for a photo
    photo: int | None = None  # the photo's row in its block
    session: bool = False


class ProblemsList(QListWidget):
    """One line per problem, errors in red and warnings in orange; hidden when there is none."""

    chosen = Signal(object)
    """The user picked a problem (click, Enter or Space): its Place."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problems")
        self.setAccessibleName(self.tr("Problems of the post"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.viewport().setAutoFillBackground(False)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.itemClicked.connect(self._picked)
        self.itemActivated.connect(self._picked)
        self.hide()

    def show_problems(
        self,
        problems: list[Problem],
        photos: list[tuple[int, int, PrecheckResult]],
        checking: int,
        signed_in: bool,
    ) -> None:
        """Rules' problems, photo prechecks that failed as (block, row, PrecheckResult), the number of photos
        still being checked, and whether there is a session to publish with."""
        self.clear()
        if not signed_in:
            self._add(self.tr("Sign in to publish."), Place(session=True), ERROR)
        for problem in problems:
            self._add(problem_text(problem), Place(problem=problem), problem.severity)
        for block, row, result in photos:
            self._add(precheck_text(result), Place(block=block, photo=row), ERROR)
        if checking:
            self._add(self.tr("%n photo(s) still being checked…", "", checking), Place(), "busy")
        self.setVisible(self.count() > 0)
        self.updateGeometry()

    def text(self) -> str:
        """Every problem, one a line (what a screen reader and the tests read)."""
        return "\n".join(self.item(row).text() for row in range(self.count()))

    def _add(self, text: str, place: Place, severity: str) -> None:
        item = QListWidgetItem("• " + text)
        item.setData(PLACE_ROLE, place)
        item.setToolTip(text)
        if severity == ERROR:
            item.setForeground(QColor("#d32f2f"))
        elif severity != "busy":
            item.setForeground(QColor("#ef6c00"))
        self.addItem(item)

    def _picked(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(PLACE_ROLE))

    def sizeHint(self) -> QSize:
        """As tall as its first few problems, wrapped to its width (the view's own row hints count one line
        a problem, so a long one showed cut, with scroll arrows beside it)."""
        rows = min(self.count(), ROWS_SHOWN)
        height = sum(self._row_height(row) for row in range(rows)) + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), max(height, 0))

    def minimumSizeHint(self) -> QSize:
        """Room for the first problem however it wraps: a small window still shows one whole."""
        return QSize(120, min(self.sizeHint().height(), self._row_height(0) + 2 * self.frameWidth()))

    def _row_height(self, row: int) -> int:
        """The row's height with its text wrapped to the width the rows get."""
        item = self.item(row)
        if item is None:
            return 0
        one_line = self.sizeHintForRow(row)
        metrics = self.fontMetrics()
        width = self.width() - 2 * self.frameWidth() - 2 * TEXT_MARGIN
        if self.count() > ROWS_SHOWN:
            width -= self.verticalScrollBar().sizeHint().width()
        if width <= 0:
            return one_line
        room = QRect(0, 0, width, 100_000)  # word wrap, breaking a word longer than a line (as the view does)
        wrapped = metrics.boundingRect(room, int(Qt.TextFlag.TextWordWrap), item.text()).height()
        return one_line + max(0, wrapped - metrics.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # narrower: more lines, a taller hint


def photo_problems(grids: list[tuple[int, PhotoGrid]]) -> tuple[list[tuple[int, int, PrecheckResult]], int]:
    """The failed prechecks as (block index, row, PrecheckResult), and how many photos wait for theirs.

    `grids`: (block index, PhotoGrid) in block order; a grid's rows count already uploaded photos too."""
    failed: list[tuple[int, int, PrecheckResult]] = []
    checking = 0
    for block, grid in grids:
        rows = [row for row, item in enumerate(grid.items()) if item.file is not None]
        for row, result in zip(rows, grid.results(), strict=False):
            if result is None:
                checking += 1
            elif not result.ok:
                failed.append((block, row, result))
    return failed, checking
