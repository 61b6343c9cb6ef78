"""A table model over a list that lives in SQLite: the row count and the pages on screen are read on the
window's store queue (never on the GUI thread) and only the pages near what is shown are kept.

`reload(filter)` asks for the count and the first page; a row whose page is not here yet shows "…" and asks
for its page, which arrives with dataChanged. Every row is reachable: the count is the whole filtered list.
Answers that belong to an older reload are dropped (the generation number).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

from okcomposer.store.listing import PAGE, ListFilter
from okcomposer.ui.common.store_queue import DraftQueue

KEPT_PAGES = 30  # at most 6,000 rows in memory, however long the list
SIZED_ROWS = 100  # rows a view measures to size its columns (all on the first page)
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's stored object (an outbox Entry, a Draft...)
Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass
class Row:
    """How one stored object shows: a text per column, tooltips and link colours by column."""

    obj: Any
    texts: Sequence[str]
    tips: dict[int, str] = field(default_factory=dict)
    links: dict[int, str] = field(default_factory=dict)  # column -> address (drawn as a link)


class PagedModel(QAbstractTableModel):
    loaded = Signal()
    """A reload finished: the count and the first page are here."""
    page_arrived = Signal(int)
    """A page (its number) was read; rows on it now show their data."""

    def __init__(
        self,
        headers: Sequence[str],
        queue: DraftQueue,
        count: Callable[[ListFilter], int],
        fetch: Callable[[ListFilter, int, int], list],
        render: Callable[[list], list[Row]],
        parent=None,
    ):
        """`count(filter)` and `fetch(filter, offset, limit)` (a page of objects) run on `queue`;
        `render(objects)` turns a page's objects into Rows on the GUI thread."""
        super().__init__(parent)
        self.headers = list(headers)
        self.queue, self.count_rows, self.fetch, self.render = queue, count, fetch, render
        self.filter = ListFilter()
        self.total = 0
        self.generation = 0
        self.pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._asked: set[int] = set()

    # --- loading ---------------------------------------------------------------------------------------
    def reload(self, found: ListFilter | None = None) -> None:
        """Read the list again (under `found`, or the filter it has)."""
        if found is not None:
            self.filter = found
        self.generation += 1
        generation, chosen = self.generation, self.filter
        count, fetch = self.count_rows, self.fetch
        self.queue.submit(
            lambda: (count(chosen), fetch(chosen, 0, PAGE)),
            then=lambda found: self._loaded(generation, found),
        )

    def _loaded(self, generation: int, found: tuple) -> None:
        if generation != self.generation:
            return
        total, objects = found
        self.beginResetModel()
        self.total = total
        self.pages.clear()
        self._asked.clear()
        self.pages[0] = self.render(objects)
        self.endResetModel()
        self.loaded.emit()

    def _ask(self, page: int) -> None:
        if page in self._asked or page in self.pages:
            return
        self._asked.add(page)
        generation, chosen = self.generation, self.filter
        fetch = self.fetch
        self.queue.submit(
            lambda: fetch(chosen, page * PAGE, PAGE),
            then=lambda found: self._arrived(generation, page, found),
        )

    def _arrived(self, generation: int, page: int, found: list) -> None:
        if generation != self.generation:
            return
        self._asked.discard(page)
        self.pages[page] = self.render(found)
        while len(self.pages) > KEPT_PAGES:
            self.pages.popitem(last=False)  # the page read longest ago
        first = page * PAGE
        last = min(self.total, first + PAGE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.headers) - 1))
        self.page_arrived.emit(page)

    # --- reading ---------------------------------------------------------------------------------------
    def row(self, number: int) -> Row | None:
        """Row `number` if its page is here (None: asked for, it comes with dataChanged)."""
        if not 0 <= number < self.total:
            return None
        page = self.pages.get(number // PAGE)
        if page is None:
            self._ask(number // PAGE)
            return None
        self.pages.move_to_end(number // PAGE)
        offset = number % PAGE
        return page[offset] if offset < len(page) else None

    def obj(self, number: int) -> Any:
        row = self.row(number)
        return row.obj if row is not None else None

    def loaded_rows(self):
        """(row number, Row) of every row held now, in order."""
        for page in sorted(self.pages):
            for offset, row in enumerate(self.pages[page]):
                yield page * PAGE + offset, row

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
        column = index.column()
        if row is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole and column == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column] if column < len(row.texts) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tips.get(column) or row.links.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and column in row.links:
            return QBrush(QColor("#1565c0"))
        if role == OBJECT_ROLE:
            return row.obj
        return None


def fit_columns(table, model: PagedModel, columns: Sequence[int]) -> None:
    """Size `columns` of `table` to the widest text of the rows read so far (at most SIZED_ROWS) and the
    header; measured here from the texts, so no row still to be read is asked for (QTableView's own
    resizeColumnToContents asks the model for each cell's size hint)."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    rows = [row for _n, row in zip(range(SIZED_ROWS), model.loaded_rows(), strict=False)]
    for column in columns:
        texts = [r.texts[column] for _n, r in rows if column < len(r.texts)]
        title = model.headers[column] if column < len(model.headers) else ""
        widest = max((metrics.horizontalAdvance(t) for t in [*texts, title]), default=0)
        header.resizeSection(column, widest + 24)  # the cell's margins and the header's sort arrow


class PagedRows:
    """The rows of a view that shows a PagedModel in a QTableView, for the window, Insights and the tests
    (the Drafts and History views mix it in; they set `model` and `table`)."""

    model: PagedModel
    table: QTableView

    def row_count(self) -> int:
        """Rows in the list under the current filter (all reachable; pages come as they are shown)."""
        return self.model.total

    def row_texts(self, number: int) -> list[str] | None:
        """The texts of row `number`, None while its page is being read."""
        row = self.model.row(number)
        return list(row.texts) if row is not None else None

    def select_row(self, number: int) -> None:
        self.table.setCurrentIndex(self.model.index(number, 0))
