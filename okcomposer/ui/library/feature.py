"""The library's features: the Drafts and History tabs, the templates and snippets dock, and
File → Import posts from CSV or Excel…."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QWidget

from okcomposer.api.topic import Post
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.feature import Entry, Feature, Menu, Tab
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.compose.composer import ComposerView
from okcomposer.ui.library.drafts_view import DraftsView
from okcomposer.ui.library.history_view import HistoryView
from okcomposer.ui.library.templates_view import TemplatesView

if TYPE_CHECKING:  # the dialog and the import use cases load when File → Import is chosen
    from okcomposer.ui.library.import_dialog import ImportDialog


class DraftsFeature(Feature):
    """The Drafts tab, listed afresh each time it is shown."""

    def __init__(self, context: UiContext, queue: DraftQueue):
        self.view = DraftsView(context, queue)

    def tabs(self) -> list[Tab]:
        return [Tab(self.view, QCoreApplication.translate("MainWindow", "Drafts"), self.view.refresh)]


class HistoryFeature(Feature):
    """The History tab (what was published), listed afresh each time it is shown."""

    def __init__(self, context: UiContext, queue: DraftQueue):
        self.view = HistoryView(context, queue)

    def tabs(self) -> list[Tab]:
        return [Tab(self.view, QCoreApplication.translate("MainWindow", "History"), self.view.refresh)]


class TemplatesFeature(Feature):
    """A dock (hidden at first) toggled from the Post menu; Ctrl+1..Ctrl+9 insert snippets anywhere.

    `current_post`/`set_post` read and replace the post being composed; `new_post` opens a whole-post
    template as a new draft.
    """

    def __init__(
        self,
        context: UiContext,
        queue: DraftQueue,
        composer: ComposerView,
        current_post: Callable[[], Post],
        set_post: Callable[[Post], None],
        new_post: Callable[[Post], None],
        parent: QWidget,
    ):
        self.view = TemplatesView(context, queue=queue)
        self.view.bind(current_post, set_post, composer)
        self.view.post_requested.connect(new_post)
        title = QCoreApplication.translate("Workflow", "Templates and snippets")
        self.dock = QDockWidget(title, parent)
        self.dock.setObjectName("templates-dock")  # saveState() needs it
        self.dock.setWidget(self.view)
        self.toggle = self.dock.toggleViewAction()
        self.toggle.setText(title)

    def docks(self) -> list[QDockWidget]:
        return [self.dock]

    def entries(self) -> list[Entry]:
        return [Entry(Menu.POST, "templates", self.toggle)]

    def shortcuts(self) -> list[QAction]:
        return list(self.view.shortcut_actions)

    def shutdown(self) -> None:
        self.view.shutdown()


class ImportFeature(Feature):
    """File → Import posts from CSV or Excel… (Ctrl+Shift+I); `imported` runs after drafts were saved or
    published."""

    def __init__(self, context: UiContext, imported: Callable[[], None], parent: QWidget):
        self.context, self.imported, self.parent = context, imported, parent
        self.dialog: ImportDialog | None = None
        self.action = QAction(
            QCoreApplication.translate("Workflow", "Import posts from CSV or Excel…"), parent
        )
        self.action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.action.triggered.connect(self.open_dialog)

    def open_dialog(self) -> None:
        from okcomposer.ui.library.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, parent=self.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for signal in (dialog.drafts_saved, dialog.published):
            signal.connect(lambda _value: self.imported())
        self.dialog = dialog
        dialog.open()

    def entries(self) -> list[Entry]:
        return [Entry(Menu.FILE, "import", self.action)]
