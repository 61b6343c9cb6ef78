"""The window words a failed photo check as `okcomposer check` does (one source: media.precheck.REASONS): a
missing file "does not exist", a 0-byte one "is empty", never the vaguer "holds no image"."""

from __future__ import annotations

import pytest

from okcomposer.media.precheck import REASONS, precheck
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.message_text import PRECHECK_REASONS
from okcomposer.ui.photos import thumbnails
from okcomposer.ui.photos.grid import PhotoGrid
from okcomposer.ui.photos.model import MESSAGE_ROLE

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def grid(tmp_path, qtbot):
    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    grid = PhotoGrid(ctx)
    qtbot.addWidget(grid)
    yield grid
    thumbnails.wait_all()
    ctx.drafts.close()


def test_a_missing_empty_or_folder_photo_is_worded_as_the_check_words_it(qtbot, grid, tmp_path):
    missing = tmp_path / "nonexist.jpg"
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    folder = tmp_path / "album.jpg"
    folder.mkdir()
    files = [str(missing), str(empty), str(folder)]
    grid.add_files(files)
    qtbot.waitUntil(lambda: not grid.busy(), timeout=10_000)
    said = [grid.list.model().index(row).data(MESSAGE_ROLE) for row in range(3)]
    checked = [precheck(f).message for f in files]
    assert "nonexist.jpg does not exist (moved or deleted?)" in checked[0]
    assert "empty.jpg is empty (0 bytes)" in checked[1]
    for words, message in zip(said, checked, strict=True):
        assert words.splitlines()[0] == message
        assert "holds no image" not in words


def test_every_cause_the_check_names_has_a_window_template_with_the_same_english():
    assert set(PRECHECK_REASONS) == set(REASONS)
    for reason, template in PRECHECK_REASONS.items():
        assert template() == REASONS[reason]  # no translator installed: the source text
