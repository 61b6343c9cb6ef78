"""The photo grid (model/view): thumbnails and prechecks from worker threads, tiles that always match the
model, drops, paste, fixes, reorder, remove."""

from __future__ import annotations

import dataclasses
import re
import threading
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, QRect, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QGuiApplication, QImage
from support.images import make_jpeg, make_photos
from ui.photo_helpers import check_agreement, drawn_matches

from okcomposer.api.blocks import PhotoItem
from okcomposer.limits import Limits
from okcomposer.store import paths
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.photos import thumbnails, tiles
from okcomposer.ui.photos.grid import PhotoGrid
from okcomposer.ui.photos.model import KEY_ROLE, MESSAGE_ROLE

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


def _tooltip(grid: PhotoGrid, row: int) -> str:
    """The tile's tooltip as plain text (the model gives it as escaped rich text)."""
    return grid.list.model().index(row).data(MESSAGE_ROLE)


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
    thumb = grid.entries()[0].thumb
    assert thumb is not None and thumb.toImage().pixelColor(80, 60).getRgb()[:3] == (0, 90, 160)
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
    assert "notes.jpg" in _tooltip(grid, 0)
    grid.select_row(0)
    assert not grid.fix_button.isEnabled()
    assert "notes.jpg" in grid.message.text()


def test_an_oversized_photo_is_fixed_into_the_cache_and_the_original_is_untouched(qtbot, make_grid, tmp_path):
    grid = make_grid(Limits(photo_max_side=800))
    big = make_jpeg(tmp_path / "big.jpg", size=(1600, 1200))
    before = big.read_bytes()
    grid.add_files([str(big)])
    _checked(qtbot, grid)
    assert not grid.all_ok()
    grid.select_row(0)
    assert grid.fix_button.isEnabled()
    assert "big.jpg" in _tooltip(grid, 0)
    with qtbot.waitSignal(grid.changed, timeout=WAIT):
        qtbot.mouseClick(grid.fix_button, Qt.MouseButton.LeftButton)
    _checked(qtbot, grid)
    [fixed] = grid.paths()
    assert Path(fixed).parent == paths.cache_dir() / "fixed"
    assert grid.all_ok() and big.read_bytes() == before
    with Image.open(fixed) as im:
        assert max(im.size) <= 800


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
    grid.select_row(1)
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
    model = grid.list.model()
    assert "1234" in model.index(0).data() and model.index(0).data(KEY_ROLE) is not None
    check_agreement(grid)


def _shown(qtbot, grid: PhotoGrid) -> None:
    grid.resize(900, 760)
    grid.show()
    qtbot.waitExposed(grid)


@pytest.mark.parametrize("counts", [(3,), (3, 5), (8,)])
def test_after_adding_3_and_8_photos_every_drawn_tile_matches_the_model(qtbot, make_grid, tmp_path, counts):
    """Issue 15: no duplicate name, grey bar or leftover "…" tile; the view's own repaints keep up."""
    grid = make_grid()
    _shown(qtbot, grid)
    for n, count in enumerate(counts):
        (tmp_path / f"set{n}").mkdir()
        files = make_photos(tmp_path / f"set{n}", count)
        grid.add_files([str(f) for f in files])
        qtbot.waitUntil(lambda: drawn_matches(grid), timeout=WAIT)  # the placeholders, drawn as pending
        _checked(qtbot, grid)
        qtbot.waitUntil(lambda: drawn_matches(grid), timeout=WAIT)  # then every answer, without a click
        assert {t.mark for t in grid.list.delegate.painted.values()} == {"✓"}
        check_agreement(grid)
    assert grid.count() == sum(counts) and len(grid.list.delegate.painted) == sum(counts)
    assert grid.message.text() == f"{sum(counts)} photos, 0 need attention."
    grid.remove_rows([0])
    qtbot.waitUntil(lambda: drawn_matches(grid), timeout=WAIT)  # the removed tile is not drawn again
    check_agreement(grid)


def _rotated(path: Path, gps: bool = False) -> Path:
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to show"
    if gps:
        exif[0x8825] = {1: "N", 2: (55.0, 45.0, 0.0), 3: "E", 4: (37.0, 37.0, 0.0)}
    Image.new("RGB", (400, 200), (10, 120, 200)).save(path, "JPEG", exif=exif.tobytes())
    return path


def test_a_thumbnail_is_turned_upright_and_fits_its_box(tmp_path):
    """Scaled down while decoding, then turned by its EXIF orientation: the left (blue) half ends on top."""
    path = tmp_path / "turned.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to show"
    photo = Image.new("RGB", (3000, 2000), (200, 0, 0))
    photo.paste((0, 0, 200), (0, 0, 1500, 2000))
    photo.save(path, "JPEG", exif=exif.tobytes())
    for size in (160, 640):
        image = thumbnails.make_thumbnail(str(path), size)
        assert image is not None and (image.width(), image.height()) == (round(size * 2 / 3), size)
        top, bottom = (
            QColor(image.pixel(image.width() // 2, 5)),
            QColor(image.pixel(image.width() // 2, size - 5)),
        )
        assert top.blue() > 150 > top.red() and bottom.red() > 150 > bottom.blue()


def test_an_exif_rotated_photo_is_no_problem_it_is_turned_upright_when_sent(qtbot, make_grid, tmp_path):
    """Issue 15: it looks upright and is sent upright (media.fixes.default_fixes), so no "!" and no Fix."""
    grid = make_grid()
    _shown(qtbot, grid)
    grid.add_files([str(_rotated(tmp_path / "rotated.jpg"))])
    _checked(qtbot, grid)
    [entry] = grid.entries()
    assert entry.state == "ok" and not entry.fixable and entry.offered == ()
    assert grid.all_ok() and re.fullmatch(r"1 photos?, 0 need attention\.", grid.message.text())
    qtbot.waitUntil(lambda: drawn_matches(grid), timeout=WAIT)
    [tile] = grid.list.delegate.painted.values()
    assert (tile.mark, tile.fix, tile.status) == ("✓", False, "Will be turned upright")
    assert "Will be turned upright." in _tooltip(grid, 0) and "turn it upright" not in _tooltip(grid, 0)
    thumb = entry.thumb
    assert thumb is not None and thumb.height() > thumb.width()  # drawn upright, as it will be sent
    check_agreement(grid)


def test_gps_is_removed_by_itself_or_offered_as_the_setting_says(qtbot, make_grid, tmp_path):
    grid = make_grid()
    grid.add_files([str(_rotated(tmp_path / "gps.jpg", gps=True))])
    _checked(qtbot, grid)
    [entry] = grid.entries()
    assert entry.state == "ok" and "Its GPS location will be removed." in _tooltip(grid, 0)
    ctx = grid.context
    ctx.save_settings(dataclasses.replace(ctx.settings, strip_gps=False), lambda write: write())
    assert entry.state == "note" and entry.offered == ("strip_gps",) and entry.fixable
    assert re.fullmatch(r"1 photos?, 1 needs? attention\.", grid.message.text())  # with or without en.qm
    assert "Fix offers to: remove its GPS location." in _tooltip(grid, 0)
    check_agreement(grid)


def test_a_cmyk_jpeg_is_fixed_from_the_button_on_its_tile(qtbot, make_grid, tmp_path):
    grid = make_grid()
    _shown(qtbot, grid)
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (300, 200), (0, 80, 200, 10)).save(cmyk, "JPEG")
    grid.add_files([str(cmyk)])
    _checked(qtbot, grid)
    [entry] = grid.entries()
    assert entry.state == "note" and entry.offered == ("reencode_jpeg",) and grid.all_ok()
    qtbot.waitUntil(lambda: drawn_matches(grid), timeout=WAIT)
    [tile] = grid.list.delegate.painted.values()
    assert (tile.mark, tile.fix, tile.status) == ("!", True, "Fix offered")
    rect = grid.list.visualRect(grid.list.model().index(0))
    button = grid.list.delegate.fix_rect(rect, grid.list.fontMetrics(), entry.thumb)
    with qtbot.waitSignal(grid.changed, timeout=WAIT):
        qtbot.mouseClick(grid.list.viewport(), Qt.MouseButton.LeftButton, pos=button.center())
    _checked(qtbot, grid)
    [fixed] = grid.paths()
    with Image.open(fixed) as im:
        assert im.mode == "RGB"
    assert grid.entries()[0].state == "ok"
    qtbot.waitUntil(lambda: drawn_matches(grid), timeout=WAIT)


def test_the_fix_button_on_a_tile_fits_its_word_in_russian(qtbot, make_grid, tmp_path):
    """Issue 15: the orange button read "справи" (Исправить cut at both ends)."""
    from okcomposer.ui.common import i18n

    assert i18n.install("ru") == "ru"
    try:
        grid = make_grid()
        delegate, metrics = grid.list.delegate, grid.list.fontMetrics()
        word = delegate.fix_text()
        assert word == "Исправить"
        for side in (thumbnails.THUMB_SIZE, tiles.MIN_SIDE):  # a wide window, and the narrowest column
            delegate.side = side
            cell = QRect(QPoint(0, 0), delegate.cell_size(metrics))
            button, square = delegate.fix_rect(cell, metrics), delegate.thumb_rect(cell)  # on a placeholder
            badge = QRect(square.right() - 25, square.top() + 3, 22, 22)
            assert button.width() >= metrics.horizontalAdvance(word) + 8
            assert square.contains(button) and not button.intersects(badge)
    finally:
        i18n.install("")


def test_names_are_shown_exactly_as_they_are(qtbot, make_grid, tmp_path):
    """Issue 17, item 11: markup, a backslash, spaces in a name: the same in the tile, tooltip and line."""
    from PySide6.QtGui import QTextDocument

    grid = make_grid()
    name = "<b>sale<\\b> \\ 50%  &amp; {0}.jpg"
    photo = make_jpeg(tmp_path / name)
    grid.add_files([str(photo)])
    _checked(qtbot, grid)
    index = grid.list.model().index(0)
    assert index.data() == name and grid.entries()[0].name == name
    document = QTextDocument()
    document.setHtml(index.data(Qt.ItemDataRole.ToolTipRole))
    assert document.toPlainText().startswith(name)
    grid.select_row(0)
    assert grid.message.textFormat() == Qt.TextFormat.PlainText and grid.message.text().startswith(name)


def test_delete_removes_the_selected_photo_keeping_the_place_and_selecting_its_neighbour(
    qtbot, make_grid, tmp_path
):
    grid = make_grid()
    files = [str(f) for f in make_photos(tmp_path, 30, size=(64, 48))]
    grid.add_files(files)
    _checked(qtbot, grid)
    grid.show()
    qtbot.waitExposed(grid)
    bar = grid.list.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=WAIT)
    bar.setValue(bar.maximum())
    row = 27  # in the last row of tiles: the one a user sees and clicks, at the bottom
    grid.select_row(row)
    at = bar.value()
    grid.list.setFocus()
    with qtbot.waitSignal(grid.changed):
        qtbot.keyClick(grid.list, Qt.Key.Key_Delete)
    assert grid.paths() == files[:row] + files[row + 1 :]
    qtbot.wait(50)  # the view lays its tiles out again
    assert bar.value() == min(at, bar.maximum()) and bar.value() > 0, "the grid jumped"
    current = grid.list.currentIndex()
    assert current.row() == row and grid.list.selectionModel().isSelected(current)  # the next photo
    assert grid.list.viewport().rect().intersects(grid.list.visualRect(current))
    grid.select_row(len(files) - 2)  # the last one: its neighbour is the one before it
    grid.remove_button.click()
    assert grid.list.currentIndex().row() == len(files) - 3
    assert grid.list.selectionModel().isSelected(grid.list.currentIndex())
