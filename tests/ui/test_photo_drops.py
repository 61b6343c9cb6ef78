"""Photos dropped from file managers and browsers (issue 17, items 10 and 11): several files, whole folders,
an image's web address (downloaded off the GUI thread), the image data itself, a data: address; each message
that names what was dropped names it exactly as it came."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QByteArray, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage
from support.image_server import Answer, image_server
from support.images import make_jpeg, make_photos
from ui.photo_helpers import check_agreement

from okcomposer.store import paths
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.photos import drops, thumbnails
from okcomposer.ui.photos.grid import PhotoGrid

WAIT = 10_000
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def grid(tmp_path, qtbot):
    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    grid = PhotoGrid(ctx)
    qtbot.addWidget(grid)
    grid.resize(900, 600)
    yield grid
    thumbnails.wait_all()
    ctx.drafts.close()


def jpeg_bytes(size=(320, 240)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (20, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def drop(widget, mime: QMimeData) -> None:
    """What Qt does when something is let go over `widget`: it is asked first, then handed the data."""
    event = QDropEvent(
        QPointF(30, 30),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert drops.has_photos(mime)
    widget.dropEvent(event)


def uri_list(*lines: str) -> QMimeData:
    """A browser's text/uri-list, written as the browser writes it (not re-encoded by QUrl)."""
    mime = QMimeData()
    mime.setData("text/uri-list", QByteArray("\r\n".join(lines).encode() + b"\r\n"))
    return mime


def settled(qtbot, grid: PhotoGrid) -> None:
    qtbot.waitUntil(lambda: not grid.busy(), timeout=WAIT)


def test_several_files_and_a_folder_from_a_file_manager(qtbot, grid, tmp_path):
    loose = make_photos(tmp_path, 2)
    folder = tmp_path / "Отпуск 2026"
    (folder / "b-day").mkdir(parents=True)
    (folder / ".thumbnails").mkdir()
    make_jpeg(folder / "Z.jpg")
    make_jpeg(folder / "a.JPG")
    make_jpeg(folder / "b-day" / "cake.jpeg")
    make_jpeg(folder / ".thumbnails" / "a.jpg")  # hidden: a viewer's cache
    make_jpeg(folder / "._a.jpg")  # hidden: a Mac's resource copy
    (folder / "notes.txt").write_text("not an image")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in (loose[1], folder, loose[0])])
    with qtbot.waitSignal(grid.changed):
        drop(grid.list, mime)
    # By name, case aside; a folder's own files before its subfolders'
    expected = [loose[1], folder / "a.JPG", folder / "Z.jpg", folder / "b-day" / "cake.jpeg", loose[0]]
    assert grid.paths() == [str(p) for p in expected]
    settled(qtbot, grid)
    assert grid.all_ok()
    check_agreement(grid)


def test_a_big_folder_is_capped_with_a_message_and_an_empty_one_is_named(qtbot, grid, tmp_path, monkeypatch):
    monkeypatch.setattr(drops, "MAX_FOLDER_IMAGES", 3)
    folder = tmp_path / "many"
    folder.mkdir()
    make_photos(folder, 5)
    empty = tmp_path / "пусто <i>1 & 2"
    empty.mkdir()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder)), QUrl.fromLocalFile(str(empty))])
    drop(grid, mime)  # on the grid's buttons rather than its tiles
    assert grid.paths() == [str(folder / f"p{i}.jpg") for i in range(3)]
    assert "Only the first 3 images of the folder were added." in grid.message.text()
    assert f"The folder {empty} holds no images." in grid.message.text()
    settled(qtbot, grid)


def test_an_image_dragged_from_a_web_page_is_downloaded_off_the_gui_thread(qtbot, grid):
    with image_server() as web:
        web.answers["/img/new%20item.jpg"] = Answer(jpeg_bytes())
        url = f"{web.url}/img/new%20item.jpg"
        mime = uri_list("# dragged from a page", url)
        mime.setImageData(QImage(10, 10, QImage.Format.Format_RGB32))  # the pixels too: the address wins
        drop(grid.list, mime)
        [entry] = grid.entries()
        assert entry.state == "downloading" and entry.name == url and grid.items() == []
        assert not grid.all_ok() and grid.busy()
        with qtbot.waitSignal(grid.changed, timeout=WAIT):
            pass  # the download arrived and became the tile's file
        settled(qtbot, grid)
    [path] = grid.paths()
    assert (
        Path(path).is_relative_to(paths.data_dir() / "downloaded") and Path(path).read_bytes() == jpeg_bytes()
    )
    assert web.requests == ["/img/new%20item.jpg"] and grid.all_ok() and grid.entries()[0].thumb is not None
    check_agreement(grid)


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (Answer(b"<html>", "text/html"), "is not an image: the server sends text/html"),
        (Answer(b"gone", "text/plain", 404), "could not be downloaded: the server answered 404"),
    ],
)
def test_an_address_that_is_no_image_leaves_a_tile_saying_why_with_the_address_unchanged(
    qtbot, grid, answer, words
):
    with image_server() as web:
        web.answers["/p?id=7&x=%D1%84"] = answer
        url = f"{web.url}/p?id=7&x=%D1%84"  # QUrl would show it as x=ф
        mime = QMimeData()
        mime.setText(url)  # some browsers give only the text
        drop(grid.list, mime)
        settled(qtbot, grid)
    [entry] = grid.entries()
    assert entry.state == "bad" and not grid.all_ok() and grid.items() == []
    grid.select_row(0)
    assert f"'{url}'" in grid.message.text() and words in grid.message.text()
    check_agreement(grid)


def test_image_data_from_a_browser_is_saved_like_a_paste(qtbot, grid):
    image = QImage(90, 60, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    mime = QMimeData()
    mime.setImageData(image)
    drop(grid.list, mime)
    qtbot.waitUntil(lambda: grid.count() == 1, timeout=WAIT)
    settled(qtbot, grid)
    [path] = grid.paths()
    assert Path(path).parent == paths.cache_dir() / "pasted" and path.endswith(".png") and grid.all_ok()


def test_a_data_address_in_the_html_of_a_drop_is_saved_as_its_own_bytes(qtbot, grid):
    import base64

    data = jpeg_bytes((64, 48))
    mime = QMimeData()
    mime.setHtml(
        f'<meta charset="utf-8"><img alt="x" src="data:image/jpeg;base64,{base64.b64encode(data).decode()}">'
    )
    drop(grid, mime)
    qtbot.waitUntil(lambda: grid.count() == 1, timeout=WAIT)
    settled(qtbot, grid)
    [path] = grid.paths()
    assert path.endswith(".jpg") and Path(path).read_bytes() == data and grid.all_ok()


def test_an_img_address_in_the_html_of_a_drop_is_downloaded(qtbot, grid):
    with image_server() as web:
        web.answers["/a.png"] = Answer(jpeg_bytes(), "image/jpeg")
        mime = QMimeData()
        mime.setHtml(f"<div><img src='{web.url}/a.png' width=10></div>")
        drop(grid.list, mime)
        settled(qtbot, grid)
    assert web.requests == ["/a.png"] and grid.count() == 1 and grid.all_ok()


def test_what_is_no_photo_is_not_taken():
    mime = QMimeData()
    mime.setText("just some words")
    assert not drops.has_photos(mime) and not drops.read_drop(mime)
    mime.setHtml("<p>no picture</p>")
    assert not drops.has_photos(mime)
    assert drops.data_address("data:text/plain;base64,aGk=") is None
    assert drops.data_address("data:image/png,%89PNG") == (b"\x89PNG", ".png")


def test_a_drop_on_the_composer_outside_any_grid_makes_a_photo_block(qtbot, tmp_path):
    from okcomposer.ui.compose.composer import ComposerView

    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    composer = ComposerView(ctx)
    qtbot.addWidget(composer)
    with image_server() as web:
        web.answers["/x.jpg"] = Answer(jpeg_bytes())
        drop(composer.board, uri_list(f"{web.url}/x.jpg"))
        [grid] = composer.photo_grids()
        settled(qtbot, grid)
    assert grid.count() == 1 and composer.photos_ok()
    thumbnails.wait_all()
    ctx.drafts.close()
