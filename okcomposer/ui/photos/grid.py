"""The photo grid: add (dialog, drop, paste), thumbnails and prechecks off-thread, fix, reorder, remove.

A model (PhotoModel) of PhotoEntry rows shown by a TileView; the background work is the ThumbnailLoader's
(ui.common.tasks). Drops and pastes may hold files, folders, web addresses or image data (ui.photos.drops).
"""

from __future__ import annotations

import copy
import itertools

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from okcomposer.api.blocks import PhotoItem
from okcomposer.media.precheck import PrecheckResult
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.message_text import notice_text
from okcomposer.ui.photos import drops
from okcomposer.ui.photos.drops import Dropped, has_photos, read_drop
from okcomposer.ui.photos.model import PhotoModel
from okcomposer.ui.photos.state import ATTENTION, BUSY, SENDABLE, PhotoEntry, message
from okcomposer.ui.photos.thumbnails import Loaded, ThumbnailLoader
from okcomposer.ui.photos.tiles import TileView

IMAGE_FILTER = "*.jpg *.jpeg *.png *.gif *.bmp *.webp *.tif *.tiff *.heic *.heif *.avif"
_NEW_FILE = -1  # the job saves a pasted or dropped image: its answer becomes a new tile


class PhotoGrid(QWidget):
    """Local photo files (and already uploaded photos from a draft) with their precheck state."""

    changed = Signal()
    """Photos were added, removed, reordered or replaced by a fixed copy."""
    checked = Signal()
    """A precheck result arrived or a fix ended: all_ok() may have changed."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._jobs: dict[int, int] = {}  # job id -> entry key (or _NEW_FILE)
        self._keys = itertools.count(1)
        self._notice = ""  # what the last drop or paste could not do, until the next one
        self.loader = ThumbnailLoader(self)
        self.loader.loaded.connect(self._on_loaded)
        self.setAcceptDrops(True)

        self.add_button = QPushButton(self.tr("Add photos…"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.fix_button = QPushButton(self.tr("Fix"))
        self.model = PhotoModel(self)
        self.list = TileView(self.model, self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # file names and addresses shown as they are
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        for button in (self.add_button, self.paste_button, self.remove_button):
            top.addWidget(button)
        top.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addLayout(bottom)

        self.add_button.clicked.connect(self.choose_files)
        self.paste_button.clicked.connect(self.paste)
        self.remove_button.clicked.connect(self.remove_selected)
        self.fix_button.clicked.connect(self.fix_current)
        self.list.dropped.connect(self.add_dropped)
        self.list.paste_requested.connect(self.paste)
        self.list.delete_requested.connect(self.remove_selected)
        self.list.delegate.fix_clicked.connect(self.fix_row)
        self.model.rowsMoved.connect(self.changed)
        self.model.dataChanged.connect(self._show_current)
        self.list.selectionModel().currentChanged.connect(self._show_current)
        self.list.selectionModel().selectionChanged.connect(self._show_current)
        context.settings_changed.connect(self._resettle)  # "remove GPS" switched: a fix by itself, or offered
        self._show_current()

    # --- contents -------------------------------------------------------------------------------
    def add_files(self, paths: list[str]) -> None:
        """Add files at the end; thumbnails and prechecks follow from the background."""
        for path in paths:
            self._add(PhotoItem(file=str(path)))
        if paths:
            self.changed.emit()
            self.checked.emit()
            self._show_current()

    def add_urls(self, urls: list[str]) -> None:
        """Add images by web address: each is a tile while it downloads off the GUI thread, then checked."""
        for url in urls:
            entry = self._new_entry(PhotoItem(), "downloading")
            entry.url = url
            entry.job = self.loader.download(url, self.context.limits)
            self._jobs[entry.job] = entry.key
            self.model.append(entry)
        if urls:
            self.checked.emit()
            self._show_current()

    def add_dropped(self, found: Dropped) -> bool:
        """Add whatever a drop or paste held (ui.photos.drops.read_drop); False when it held no photo."""
        notes = []
        if found.folders_capped:
            cap = drops.MAX_FOLDER_IMAGES
            notes.append(self.tr("Only the first %n images of the folder were added.", "", cap))
        for folder in found.empty_folders:
            notes.append(self.tr("The folder {0} holds no images.").format(folder))
        self.add_files(found.files)
        self.add_urls(found.urls)
        for data, suffix in found.data:
            self._jobs[self.loader.save_data(data, suffix)] = _NEW_FILE
        for image in found.images:
            self._jobs[self.loader.save_pasted(image)] = _NEW_FILE
        self._notice = "\n".join(notes)
        self._show_current()
        return bool(found.files or found.urls or found.data or found.images)

    def set_items(self, items: list[PhotoItem]) -> None:
        """Replace the contents with a block's items (local files are checked again)."""
        self._jobs.clear()
        self.model.replace([])
        for item in items:
            self._add(copy.deepcopy(item))
        self._show_current()

    def items(self) -> list[PhotoItem]:
        """The post's photos in order (a tile still downloading, or whose download failed, is none yet)."""
        return [copy.deepcopy(e.item) for e in self.model.entries if e.url is None or e.item.file is not None]

    def entries(self) -> list[PhotoEntry]:
        """The tiles in order (for the window's problems list and tests)."""
        return list(self.model.entries)

    def paths(self) -> list[str]:
        return [e.item.file for e in self.model.entries if e.item.file is not None]

    def results(self) -> list[PrecheckResult | None]:
        """The precheck of each local file in paths() order; None while still being checked."""
        return [e.result for e in self.model.entries if e.item.file is not None]

    def all_ok(self) -> bool:
        """Every photo has been checked (or downloaded) and can be sent (already uploaded photos can)."""
        return all(e.state in SENDABLE for e in self.model.entries)

    def busy(self) -> bool:
        return any(e.state in BUSY for e in self.model.entries) or any(
            key == _NEW_FILE for key in self._jobs.values()
        )

    def count(self) -> int:
        return self.model.rowCount()

    def summary(self) -> str:
        """The line under the grid when no tile is selected: how many photos, how many marked "!"."""
        entries = self.model.entries
        if not entries:
            return self.tr("Drop photos here, paste them, or use Add photos…")
        photos = self.tr("%n photos", "", len(entries))
        attention = self.tr("%n need attention", "", sum(1 for e in entries if e.state in ATTENTION))
        text = f"{photos}, {attention}."
        if any(e.state in BUSY for e in entries):
            text += " " + self.tr("Checking…")
        return text

    def clear(self) -> None:
        had = self.count() > 0
        self.set_items([])
        if had:
            self.changed.emit()

    def remove_rows(self, rows: list[int]) -> None:
        """Remove these rows; the grid stays where it was scrolled to and the photo now in the first removed
        one's place (else the last) is selected, so a second click or Delete does not hit a photo that jumped
        under the pointer."""
        if not rows:
            return
        bar = self.list.verticalScrollBar()
        at = bar.value()
        for row in sorted(set(rows), reverse=True):
            self.model.removeRows(row, 1)
        self.list.doItemsLayout()  # now, not later: a later layout starts again from the top
        bar.setValue(at)
        if self.count():
            self.select_row(min(min(rows), self.count() - 1))
        self.changed.emit()
        self.checked.emit()
        self._show_current()

    def remove_selected(self) -> None:
        self.remove_rows([index.row() for index in self.list.selectionModel().selectedIndexes()])

    def select_row(self, row: int) -> None:
        """Make one tile the current and only selected one (a click on it does the same)."""
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    # --- adding from the dialog and the clipboard -------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "", self.tr("Images ({0})").format(IMAGE_FILTER)
        )
        self.add_files(paths)

    def paste(self) -> bool:
        """Files or folders copied in a file manager, image addresses, or an image (saved off-thread)."""
        if self.add_dropped(read_drop(QGuiApplication.clipboard().mimeData())):
            return True
        self._notice = self.tr("The clipboard holds no image or image file.")
        self._show_current()
        return False

    # --- fixes ----------------------------------------------------------------------------------
    def fix_row(self, row: int) -> bool:
        entry = self.model.entry_at(row)
        if entry is None or not entry.fixable or entry.result is None or entry.item.file is None:
            return False
        fixes = set(entry.offered) | set(entry.auto)
        entry.state, entry.error = "fixing", None
        entry.job = self.loader.fix(entry.item.file, entry.result, fixes, self.context.limits)
        self._jobs[entry.job] = entry.key
        self.model.refresh(entry)
        self.checked.emit()
        return True

    def fix_current(self) -> None:
        self.fix_row(self.list.currentIndex().row())

    # --- internals ------------------------------------------------------------------------------
    def _new_entry(self, photo: PhotoItem, state: str) -> PhotoEntry:
        return PhotoEntry(photo, key=next(self._keys), state=state)

    def _add(self, photo: PhotoItem) -> None:
        entry = self._new_entry(photo, "pending" if photo.file is not None else "remote")
        if photo.file is not None:
            entry.job = self.loader.check(photo.file, self.context.limits)
            self._jobs[entry.job] = entry.key
        self.model.append(entry)

    def _on_loaded(self, job: int, loaded: Loaded) -> None:
        key = self._jobs.pop(job, None)
        if key == _NEW_FILE:  # a pasted or dropped image has been saved
            if loaded.error:
                self._notice = loaded.error
                self._show_current()
            else:
                self.add_files([loaded.path])
            return
        row = self.model.row_of(key) if key is not None else None
        entry = self.model.entry_at(row) if row is not None else None
        if entry is None or entry.job != job:
            return  # removed, or superseded by a newer job
        if loaded.failure is not None:  # a download refused: the tile says why, the address as given
            entry.error = notice_text(loaded.failure)
        elif loaded.error:
            entry.error = loaded.error
        elif entry.item.file != loaded.path:
            entry.item.file = loaded.path  # a fixed copy replaces the original; a download arrived
            self.changed.emit()
        entry.result = loaded.result or entry.result
        entry.settle(self.context.settings.strip_gps)
        if loaded.image is not None:
            entry.thumb = QPixmap.fromImage(loaded.image)
        self.model.refresh(entry)
        self.checked.emit()

    def _resettle(self) -> None:
        for entry in self.model.entries:
            if entry.state not in BUSY and entry.state != "remote":
                entry.settle(self.context.settings.strip_gps)
                self.model.refresh(entry)
        self.checked.emit()

    def _current(self) -> PhotoEntry | None:
        index = self.list.currentIndex()
        selected = index.isValid() and self.list.selectionModel().isSelected(index)
        return self.model.entry_at(index.row()) if selected else None

    def _show_current(self, *_args: object) -> None:
        entry = self._current()
        self.remove_button.setEnabled(self.list.selectionModel().hasSelection())
        self.fix_button.setEnabled(entry is not None and entry.fixable)
        text = message(entry) if entry is not None else self.summary()
        self.message.setText(f"{self._notice}\n{text}" if self._notice else text)

    # the whole widget, not only the tiles, takes photos dropped from a file manager or a browser
    def dragEnterEvent(self, event) -> None:
        if has_photos(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        found = read_drop(event.mimeData())
        event.acceptProposedAction()
        self.add_dropped(found)
