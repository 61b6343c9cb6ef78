"""The photo grid: thumbnails and prechecks from worker threads, drops, paste, fixes, reorder, remove."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage
from support.images import make_jpeg, make_photos

from okcomposer.api.blocks import PhotoItem
from okcomposer.limits import Limits
from okcomposer.store import paths
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.photos import thumbnails
from okcomposer.ui.photos.grid import PhotoGrid
from okcomposer.ui.photos.tiles import KEY_ROLE

WAIT = 10_000
# Qt's offscreen platform warns when a window with size constraints is shown (propagateSizeHints).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _context(tmp_path, limits=None) -> UiContext:
    return UiContext(
        SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"), limits
    )


@pytest.fixture
def make_grid(tmp_path, qtbot):
    contexts = []

    def make(limits: Limits | None = None) -> PhotoGrid:
        ctx = _context(tmp_path, limits)
        contexts.append(ctx)
        grid = PhotoGrid(ctx)
        qtbot.addWidget(grid)
        grid.resize(800, 500)
        return grid

    yield make
    thumbnails.wait_all()
    for ctx in contexts:
        ctx.drafts.close()


def _checked(qtbot, grid: PhotoGrid) -> None:
    qtbot.waitUntil(lambda: not grid.busy(), timeout=WAIT)


def _drop(widget, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    widget.dropEvent(event)


def test_thumbnails_and_prechecks_arrive_from_a_worker_thread(qtbot, make_grid, tmp_path, monkeypatch):
    threads = set()
    real_thumbnail, real_precheck = thumbnails.make_thumbnail, thumbnails.precheck

    def spy_thumbnail(path, size=thumbnails.THUMB_SIZE):
        threads.add(threading.get_ident())
        return real_thumbnail(path, size)

    def spy_precheck(path, limits=None):
        threads.add(threading.get_ident())
        return real_precheck(path, limits)

    monkeypatch.setattr(thumbnails, "make_thumbnail", spy_thumbnail)
    monkeypatch.setattr(thumbnails, "precheck", spy_precheck)
    grid = make_grid()
    files = make_photos(tmp_path, 3)
    grid.add_files([str(f) for f in files])
    assert grid.count() == 3 and not grid.all_ok()  # placeholders at once, results not yet
    assert all(r is None for r in grid.results())
    _checked(qtbot, grid)
    assert grid.all_ok() and grid.paths() == [str(f) for f in files]
    assert all(r is not None and r.ok for r in grid.results())
    assert threads and threading.get_ident() not in threads
    icon = grid.list.item(0).icon().pixmap(thumbnails.THUMB_SIZE)
    assert icon.toImage().pixelColor(80, 60) != grid._placeholder_pixmap().toImage().pixelColor(80, 60)
    assert thumbnails.cached(str(files[0])) is not None


def test_files_dropped_on_the_grid_are_added(qtbot, make_grid, tmp_path):
    grid = make_grid()
    files = make_photos(tmp_path, 2)
    with qtbot.waitSignal(grid.changed):
        _drop(grid.list, files)
    _drop(grid, files[:1])  # also outside the list, on the buttons
    assert grid.paths() == [str(files[0]), str(files[1]), str(files[0])]
    _checked(qtbot, grid)


def test_a_bad_file_shows_why_and_has_no_fix(qtbot, make_grid, tmp_path):
    grid = make_grid()
    bad = tmp_path / "notes.jpg"
    bad.write_text("not an image")
    grid.add_files([str(bad)])
    _checked(qtbot, grid)
    assert not grid.all_ok()
    [result] = grid.results()
    assert result is not None and not result.ok
    assert "notes.jpg" in grid.list.item(0).toolTip()
    grid.list.setCurrentRow(0)
    assert not grid.fix_button.isEnabled()
    assert "notes.jpg" in grid.message.text()


def test_an_oversized_photo_is_fixed_into_the_cache_and_the_original_is_untouched(qtbot, make_grid, tmp_path):
    grid = make_grid(Limits(photo_max_side=800))
    big = make_jpeg(tmp_path / "big.jpg", size=(1600, 1200))
    before = big.read_bytes()
    grid.add_files([str(big)])
    _checked(qtbot, grid)
    assert not grid.all_ok()
    grid.list.setCurrentRow(0)
    assert grid.fix_button.isEnabled()
    assert "big.jpg" in grid.list.item(0).toolTip()
    with qtbot.waitSignal(grid.changed, timeout=WAIT):
        qtbot.mouseClick(grid.fix_button, Qt.MouseButton.LeftButton)
    _checked(qtbot, grid)
    [fixed] = grid.paths()
    assert Path(fixed).parent == paths.cache_dir() / "fixed"
    assert grid.all_ok() and big.read_bytes() == before
    with Image.open(fixed) as im:
        assert max(im.size) <= 800


def test_an_exif_rotated_photo_is_offered_a_fix_from_the_thumbnail(qtbot, make_grid, tmp_path):
    grid = make_grid()
    rotated = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to show"
    Image.new("RGB", (400, 200), (10, 120, 200)).save(rotated, "JPEG", exif=exif.tobytes())
    grid.add_files([str(rotated)])
    _checked(qtbot, grid)
    assert grid.all_ok()  # it can be published as is; the fix is offered
    assert "upright" in grid.list.item(0).toolTip()
    grid.show()
    qtbot.waitExposed(grid)
    rect = grid.list.visualItemRect(grid.list.item(0))
    fix_point = QPoint(rect.left() + 20, rect.top() + thumbnails.THUMB_SIZE - 14)
    with qtbot.waitSignal(grid.changed, timeout=WAIT):
        qtbot.mouseClick(grid.list.viewport(), Qt.MouseButton.LeftButton, pos=fix_point)
    _checked(qtbot, grid)
    [fixed] = grid.paths()
    with Image.open(fixed) as im:
        assert im.size == (200, 400) and im.getexif().get(0x0112) in (None, 1)


def test_paste_of_an_image_saves_a_png_off_thread_and_adds_it(qtbot, make_grid):
    grid = make_grid()
    image = QImage(120, 90, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    QGuiApplication.clipboard().setImage(image)
    assert grid.paste()
    qtbot.waitUntil(lambda: grid.count() == 1, timeout=WAIT)
    _checked(qtbot, grid)
    [pasted] = grid.paths()
    assert Path(pasted).parent == paths.cache_dir() / "pasted" and pasted.endswith(".png")
    assert grid.all_ok()
    QGuiApplication.clipboard().clear()


def test_paste_of_copied_files_adds_them(qtbot, make_grid, tmp_path):
    grid = make_grid()
    files = make_photos(tmp_path, 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    QGuiApplication.clipboard().setMimeData(mime)
    grid.list.setFocus()
    qtbot.keyClick(grid.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert grid.paths() == [str(f) for f in files]
    _checked(qtbot, grid)
    QGuiApplication.clipboard().clear()


def test_reorder_and_remove(qtbot, make_grid, tmp_path):
    grid = make_grid()
    files = [str(f) for f in make_photos(tmp_path, 3)]
    grid.add_files(files)
    _checked(qtbot, grid)
    with qtbot.waitSignal(grid.changed):
        assert grid.list.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    assert grid.paths() == [files[2], files[0], files[1]]
    grid.list.item(1).setSelected(True)
    with qtbot.waitSignal(grid.changed):
        grid.remove_button.click()
    assert grid.paths() == [files[2], files[1]]


def test_uploaded_photos_from_a_draft_are_kept_as_they_are(qtbot, make_grid, tmp_path):
    grid = make_grid()
    local = str(make_photos(tmp_path, 1)[0])
    items = [PhotoItem(photo_id=1234), PhotoItem(token="tok"), PhotoItem(file=local)]
    grid.set_items(items)
    assert grid.paths() == [local]
    _checked(qtbot, grid)
    assert grid.items() == items and grid.all_ok()
    assert "1234" in grid.list.item(0).text()
    assert grid.list.item(2).data(KEY_ROLE) is not None
