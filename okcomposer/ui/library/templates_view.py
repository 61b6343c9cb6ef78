"""Templates and snippets: saved blocks inserted with a click or Ctrl+1..Ctrl+9; whole posts as templates."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.blocks import PollBlock
from okcomposer.api.topic import Post
from okcomposer.app import templates as core
from okcomposer.store.templates import Template, TemplateStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.scroll_column import ScrollColumn
from okcomposer.ui.common.store_queue import DraftQueue, StoreQueue

TEXT_KINDS = ("signature", "hashtags", "text")
ID_ROLE = Qt.ItemDataRole.UserRole


class TemplatesView(QWidget):
    """Snippets (signature, hashtags, text, poll) for the post being composed, and post templates.

    A text snippet goes in at the cursor while a text field of the post has the keyboard focus (that field's
    own Ctrl+Z takes it back); otherwise app.templates.insert_snippet adds it to the post.
    """

    inserted = Signal(str)
    """A snippet (its name) was added to the post."""
    post_requested = Signal(object)
    """"New post from template": the template's Post, for a new draft."""

    def __init__(
        self,
        context: UiContext,
        store: TemplateStore | None = None,
        queue: DraftQueue | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self.queue = StoreQueue(queue, self)
        self.store: TemplateStore | None = store
        self._own_store = store is None
        self._opening: list[TemplateStore] = []  # the store we open, also for shutdown() before it arrives
        self.templates: list[Template] = []
        self.get_post: Callable[[], Post] = Post
        self.set_post: Callable[[Post], None] = lambda post: None
        self.editor_root: QWidget | None = None
        self.snippets = QListWidget()
        self.snippets.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click keeps the cursor in the post
        self.kind = QComboBox()
        for kind in TEXT_KINDS:  # a poll snippet is saved from the post's poll block
            self.kind.addItem(self._kinds()[kind], kind)
        self.name = QLineEdit(placeholderText=self.tr("Name"))
        self.body = QPlainTextEdit(placeholderText=self.tr("The text, or hashtags separated by spaces"))
        self.body.setMaximumHeight(70)
        self.save_snippet_button = QPushButton(self.tr("Save snippet"))
        self.save_poll_button = QPushButton(self.tr("Save the post's poll"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.posts = QListWidget()
        self.template_name = QLineEdit(placeholderText=self.tr("Template name"))
        self.save_post_button = QPushButton(self.tr("Save post as template"))
        self.new_post_button = QPushButton(self.tr("New post from template"))
        self.status = QLabel(wordWrap=True)
        self.shortcut_actions = self._shortcuts()
        self._layout()
        self.snippets.itemClicked.connect(lambda item: self.insert(item.data(ID_ROLE)))
        self.save_snippet_button.clicked.connect(self.on_save_snippet_button_clicked)
        self.save_poll_button.clicked.connect(self.on_save_poll_button_clicked)
        self.delete_button.clicked.connect(self.on_delete_button_clicked)
        self.save_post_button.clicked.connect(self.on_save_post_button_clicked)
        self.new_post_button.clicked.connect(self.on_new_post_button_clicked)
        self.posts.itemDoubleClicked.connect(lambda _item: self.on_new_post_button_clicked())
        if store is None:
            self.setEnabled(False)  # until the store is open
            self.queue.submit(self._open_store, then=self._opened, failed=self._failed)
        else:
            self.refresh()

    def _kinds(self) -> dict[str, str]:
        return {
            "signature": self.tr("Signature"),
            "hashtags": self.tr("Hashtags"),
            "text": self.tr("Text"),
            "poll": self.tr("Poll"),
        }

    def _layout(self) -> None:
        """One column, each field and button a row of its own, titles that wrap: the dock fits beside the
        post in a 1024-px window (its width adds to the window's minimum)."""
        for items in (self.snippets, self.posts):
            items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            items.setTextElideMode(Qt.TextElideMode.ElideRight)  # the whole text is in the tooltip
        snippets = QGroupBox()
        column = QVBoxLayout(snippets)
        column.addWidget(self._title(self.tr("Snippets: click, or Ctrl+1…Ctrl+9")))
        column.addWidget(self.snippets, 1)
        fields: tuple[QWidget, ...] = (self.kind, self.name, self.body, self.save_snippet_button)
        for widget in (*fields, self.save_poll_button, self.delete_button):
            column.addWidget(widget)
        posts = QGroupBox()
        column = QVBoxLayout(posts)
        column.addWidget(self._title(self.tr("Post templates")))
        column.addWidget(self.posts, 1)
        for row in (self.template_name, self.save_post_button, self.new_post_button):
            column.addWidget(row)
        inside = QWidget()
        column = QVBoxLayout(inside)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(snippets, 3)
        column.addWidget(posts, 2)
        column.addWidget(self.status)
        scroll = ScrollColumn()  # scrolls up and down when short (floating above the Publish button)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inside)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    @staticmethod
    def _title(text: str) -> QLabel:
        """A group's title as a label that wraps (a QGroupBox title does not)."""
        label = QLabel(text, wordWrap=True)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _shortcuts(self) -> list[QAction]:
        actions = []
        for number in range(1, 10):
            action = QAction(self.tr("Insert snippet {number}").format(number=number), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, n=number: self.insert_number(n))
            self.addAction(action)
            actions.append(action)
        return actions

    def bind(self, get_post: Callable[[], Post], set_post: Callable[[Post], None], editor_root=None) -> None:
        """Where snippets go: the post being composed (read, replaced) and the widget holding its fields."""
        self.get_post, self.set_post, self.editor_root = get_post, set_post, editor_root

    # --- the store --------------------------------------------------------------------------------
    def _open_store(self) -> TemplateStore:
        """On the store queue: open templates.sqlite3."""
        self._opening.append(TemplateStore())
        return self._opening[0]

    def _opened(self, store: TemplateStore) -> None:
        self.store = store
        self.setEnabled(True)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(error_text(exc))

    def _do(self, fn: Callable[[TemplateStore], object], done: str = "") -> None:
        """Run fn(store) on the store queue, then show `done` (or the refusal) and re-read the list."""
        store = self.store
        if store is None:
            return

        def then(_result: object) -> None:
            self.status.setText(done)
            self.refresh()

        self.queue.submit(lambda: fn(store), then=then, failed=self._failed)

    def refresh(self) -> None:
        store = self.store
        if store is not None:
            self.queue.submit(store.list, then=self._show)

    def _show(self, templates: list[Template]) -> None:
        self.templates = [t for t in templates if t.kind != "post"]
        kinds = self._kinds()
        self.snippets.clear()
        for number, template in enumerate(self.templates, 1):
            key = f"Ctrl+{number} · " if number <= 9 else ""
            item = QListWidgetItem(f"{key}{kinds.get(template.kind, template.kind)}: {template.name}")
            item.setData(ID_ROLE, template.id)
            item.setToolTip(self._preview(template))
            self.snippets.addItem(item)
        self.posts.clear()
        for template in (t for t in templates if t.kind == "post"):
            item = QListWidgetItem(template.name)
            item.setData(ID_ROLE, template.id)
            item.setToolTip(template.name)
            self.posts.addItem(item)

    def _preview(self, template: Template) -> str:
        if template.kind == "poll":
            return str(template.body.get("question") or template.name)
        return core.snippet_text(template)

    # --- inserting --------------------------------------------------------------------------------
    def insert_number(self, number: int) -> None:
        if 1 <= number <= len(self.templates):
            self.insert(self.templates[number - 1].id)

    def insert(self, template_id: str) -> None:
        template = next((t for t in self.templates if t.id == template_id), None)
        if template is None:
            return
        focused = QApplication.focusWidget()
        root = self.editor_root
        field = (
            focused if isinstance(focused, QPlainTextEdit | QLineEdit) and not focused.isReadOnly() else None
        )
        if (
            template.kind in TEXT_KINDS
            and field is not None
            and root is not None
            and root.isAncestorOf(field)
        ):
            text = core.snippet_text(template)
            if isinstance(field, QLineEdit):
                before = field.text()[: field.cursorPosition()]
            else:
                before = field.toPlainText()[: field.textCursor().position()]
            if before and not before[-1].isspace():
                text = ("\n\n" if template.kind == "signature" else " ") + text
            if isinstance(field, QLineEdit):
                field.insert(text)
            else:
                field.insertPlainText(text)
        else:
            self.set_post(core.insert_snippet(self.get_post(), template))
        self.inserted.emit(template.name)

    # --- saving -----------------------------------------------------------------------------------
    def on_save_snippet_button_clicked(self) -> None:
        kind, name, text = self.kind.currentData(), self.name.text(), self.body.toPlainText()
        if not name.strip():
            self.status.setText(self.tr("Give the snippet a name."))
            return
        if not (core.normalize_tags(text.split()) if kind == "hashtags" else text.strip()):
            self.status.setText(self.tr("The snippet is empty."))
            return
        save = {
            "signature": lambda store: core.save_signature(store, name, text),
            "hashtags": lambda store: core.save_hashtags(store, name, text.split()),
            "text": lambda store: core.save_text(store, name, text),
        }[kind]
        self._do(save, self.tr("Snippet saved."))
        self.name.clear()
        self.body.clear()

    def on_save_poll_button_clicked(self) -> None:
        poll = next((b for b in self.get_post().attachment.media if isinstance(b, PollBlock)), None)
        if poll is None:
            self.status.setText(self.tr("The post has no poll to save."))
            return
        name = self.name.text().strip() or poll.question or self.tr("Poll")
        self._do(lambda store: core.save_poll(store, name, poll), self.tr("Poll saved as a snippet."))
        self.name.clear()

    def on_delete_button_clicked(self) -> None:
        item = self.snippets.currentItem()
        if item is not None:
            gone = item.data(ID_ROLE)
            self._do(lambda store: store.delete(gone), self.tr("Snippet deleted."))

    def on_save_post_button_clicked(self) -> None:
        name, post = self.template_name.text(), self.get_post()
        if not name.strip():
            self.status.setText(self.tr("Give the template a name."))
            return
        self._do(lambda store: core.save_post_template(store, name, post), self.tr("Template saved."))
        self.template_name.clear()

    def on_new_post_button_clicked(self) -> None:
        item = self.posts.currentItem()
        store = self.store
        if item is None or store is None:
            return
        template_id = item.data(ID_ROLE)

        def make() -> Post | None:
            template = store.load(template_id)
            return core.post_from_template(template) if template is not None else None

        def made(post: Post | None) -> None:
            if post is not None:
                self.post_requested.emit(post)
            else:  # deleted meanwhile (another window): the list shows it is gone
                self.refresh()

        self.queue.submit(make, then=made, failed=self._failed)

    def shutdown(self) -> None:
        """Close the store we opened (after the queued work) and our own queue."""
        self.store = None
        if self._own_store:
            opened = self._opening  # filled on the queue, so read it there, after the open

            def close_all() -> None:
                for store in opened:
                    store.close()

            self.queue.submit(close_all)
        self.queue.close()
