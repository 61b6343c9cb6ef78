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


def test_at_publish_time_a_bad_photo_is_worded_as_the_check_words_it_in_either_language(tmp_path):
    """The publish path's Message (app.photos.photo_problem, also kept with an outbox entry) carries the
    check's finer cause: an empty photo reads "is empty (0 bytes)", not the OK code's "holds no image"."""
    from okcomposer.app.photos import photo_problem
    from okcomposer.ui.common import i18n
    from okcomposer.ui.common.message_text import message_text

    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    problem = photo_problem(empty, "empty.jpg", precheck(empty))
    assert problem is not None and problem.params["cause"] == "empty"
    assert message_text(problem) == precheck(empty).message
    i18n.install("ru")
    try:
        assert message_text(problem).startswith("Файл empty.jpg пуст (0 байт)")
    finally:
        i18n.install("en")
