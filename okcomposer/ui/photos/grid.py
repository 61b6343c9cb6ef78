"""The photo grid: add (dialog, drop, paste), thumbnails and prechecks off-thread, fix, reorder, remove."""

from __future__ import annotations

import copy
import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.blocks import PhotoItem
from okcomposer.media.precheck import PrecheckResult
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.photos.state import PhotoEntry, message, state_of
from okcomposer.ui.photos.thumbnails import THUMB_SIZE, Loaded, ThumbnailLoader
from okcomposer.ui.photos.tiles import FIXABLE_ROLE, KEY_ROLE, STATE_ROLE, TileList, local_files

IMAGE_FILTER = "*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff"


class PhotoGrid(QWidget):
    """Local photo files (and already uploaded photos from a draft) with their precheck state."""

    changed = Signal()
    """Photos were added, removed, reordered or replaced by a fixed copy."""
    checked = Signal()
    """A precheck result arrived or a fix ended: all_ok() may have changed."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._entries: dict[int, PhotoEntry] = {}
        self._jobs: dict[int, int] = {}
        self._keys = itertools.count(1)
        self._placeholder: QPixmap | None = None
        self.loader = ThumbnailLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self.setAcceptDrops(True)

        self.add_button = QPushButton(self.tr("Add photos…"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.fix_button = QPushButton(self.tr("Fix"))
        self.list = TileList(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        for button in (self.add_button, self.paste_button, self.remove_button):
            top.addWidget(button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.fix_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addLayout(bottom)

        self.add_button.clicked.connect(self.choose_files)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button.clicked.connect(self.remove_selected)
        self.fix_button.clicked.connect(self.fix_current)
        self.list.files_dropped.connect(self.add_files)
        self.list.paste_requested.connect(self.paste)
        self.list.badges.fix_clicked.connect(self.fix_row)
        self.list.model().rowsMoved.connect(self.changed)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemSelectionChanged.connect(self._show_current)
        self._show_current()

    # --- contents -------------------------------------------------------------------------------
    def add_files(self, paths: list[str]) -> None:
        """Add files at the end; thumbnails and prechecks follow from the background."""
        for path in paths:
            self._add(PhotoItem(file=str(path)))
        if paths:
            self.changed.emit()
            self._show_current()

    def set_items(self, items: list[PhotoItem]) -> None:
        """Replace the contents with a block's items (local files are checked again)."""
        self.list.clear()
        self._entries.clear()
        self._jobs.clear()
        for item in items:
            self._add(copy.deepcopy(item))
        self._show_current()

    def items(self) -> list[PhotoItem]:
        return [copy.deepcopy(self._entries[key].item) for key in self._keys_in_order()]

    def paths(self) -> list[str]:
        return [e.item.file for e in self._ordered() if e.item.file is not None]

    def results(self) -> list[PrecheckResult | None]:
        """The precheck of each local file in paths() order; None while still being checked."""
        return [e.result for e in self._ordered() if e.item.file is not None]

    def all_ok(self) -> bool:
        """Every local file has been checked and passes (already uploaded photos always pass)."""
        return all(e.state in ("ok", "note", "remote") for e in self._ordered())

    def busy(self) -> bool:
        return any(e.state in ("pending", "fixing") for e in self._entries.values())

    def count(self) -> int:
        return self.list.count()

    def clear(self) -> None:
        had = self.list.count() > 0
        self.set_items([])
        if had:
            self.changed.emit()

    def remove_rows(self, rows: list[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            item = self.list.takeItem(row)
            if item is not None:
                self._entries.pop(item.data(KEY_ROLE), None)
        if rows:
            self.changed.emit()
            self.checked.emit()
            self._show_current()

    def remove_selected(self) -> None:
        self.remove_rows([self.list.row(item) for item in self.list.selectedItems()])

    # --- adding from the dialog and the clipboard -------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "", self.tr("Images ({0})").format(IMAGE_FILTER)
        )
        self.add_files(paths)

    def paste(self) -> bool:
        """Files copied in a file manager are added; an image is saved as PNG off-thread, then added."""
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        files = local_files(mime) if mime is not None else []
        if files:
            self.add_files(files)
            return True
        if mime is not None and mime.hasImage():
            image = clipboard.image()
            if not image.isNull():
                self._jobs[self.loader.save_pasted(image)] = 0  # key 0: a new file, not an entry
                return True
        self.message.setText(self.tr("The clipboard holds no image or image file."))
        return False

    # --- fixes ----------------------------------------------------------------------------------
    def fix_row(self, row: int) -> bool:
        item = self.list.item(row)
        entry = self._entries.get(item.data(KEY_ROLE)) if item is not None else None
        if entry is None or not entry.fixable or entry.result is None or entry.item.file is None:
            return False
        entry.state, entry.error = "fixing", None
        entry.job = self.loader.fix(
            entry.item.file, entry.result, set(entry.result.fixes), self.context.limits
        )
        self._jobs[entry.job] = item.data(KEY_ROLE)
        self._refresh(item)
        self.checked.emit()
        return True

    def fix_current(self) -> None:
        self.fix_row(self.list.currentRow())

    # --- internals ------------------------------------------------------------------------------
    def _ordered(self) -> list[PhotoEntry]:
        return [self._entries[key] for key in self._keys_in_order()]

    def _keys_in_order(self) -> list[int]:
        return [self.list.item(row).data(KEY_ROLE) for row in range(self.list.count())]

    def _add(self, photo: PhotoItem) -> None:
        key = next(self._keys)
        entry = PhotoEntry(photo, state="pending" if photo.file is not None else "remote")
        self._entries[key] = entry
        item = QListWidgetItem(self._placeholder_pixmap(), "")
        item.setData(KEY_ROLE, key)
        self.list.addItem(item)
        if photo.file is not None:
            entry.job = self.loader.check(photo.file, self.context.limits)
            self._jobs[entry.job] = key
        self._refresh(item)

    def _placeholder_pixmap(self) -> QPixmap:
        if self._placeholder is None:
            self._placeholder = QPixmap(THUMB_SIZE, THUMB_SIZE)
            self._placeholder.fill(QColor("#e0e0e0"))
        return self._placeholder

    def _item_of(self, key: int) -> QListWidgetItem | None:
        rows = self._keys_in_order()
        return self.list.item(rows.index(key)) if key in rows else None

    def _on_loaded(self, job: int, loaded: Loaded) -> None:
        key = self._jobs.pop(job, None)
        if key == 0:  # a pasted image has been saved
            if loaded.error:
                self.message.setText(loaded.error)
            else:
                self.add_files([loaded.path])
            return
        entry = self._entries.get(key) if key is not None else None
        item = self._item_of(key) if key is not None and entry is not None and entry.job == job else None
        if item is None or entry is None:
            return  # removed, or superseded by a newer job
        if loaded.error:
            entry.error = loaded.error
        elif entry.item.file != loaded.path:
            entry.item.file = loaded.path  # the fixed copy replaces the original in the post
            self.changed.emit()
        entry.result = loaded.result or entry.result
        entry.state = state_of(entry.result)
        if loaded.image is not None:
            item.setIcon(QPixmap.fromImage(loaded.image))
        self._refresh(item)
        self.checked.emit()
        self._show_current()

    def _refresh(self, item: QListWidgetItem) -> None:
        entry = self._entries[item.data(KEY_ROLE)]
        photo = entry.item
        if photo.file is not None:
            name = photo.file.replace("\\", "/").rsplit("/", 1)[-1]
        else:
            name = self.tr("Photo {0}").format(photo.photo_id if photo.photo_id is not None else photo.token)
        item.setText(name)
        item.setData(STATE_ROLE, entry.state)
        item.setData(FIXABLE_ROLE, entry.fixable)
        item.setToolTip(message(entry))

    def _show_current(self, *_args: object) -> None:
        item = self.list.currentItem()
        entry = self._entries.get(item.data(KEY_ROLE)) if item is not None and item.isSelected() else None
        self.remove_button.setEnabled(bool(self.list.selectedItems()))
        self.fix_button.setEnabled(entry is not None and entry.fixable)
        if entry is not None:
            self.message.setText(message(entry))
        elif self.list.count() == 0:
            self.message.setText(self.tr("Drop photos here, paste them, or use Add photos…"))
        else:
            bad = sum(1 for e in self._entries.values() if e.state == "bad")
            photos = self.tr("%n photos", "", self.list.count())
            attention = self.tr("%n need attention", "", bad)
            self.message.setText(f"{photos}, {attention}.")

    # the whole widget, not only the list, takes files dropped from a file manager
    def dragEnterEvent(self, event) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.add_files(local_files(event.mimeData()))
        event.acceptProposedAction()
