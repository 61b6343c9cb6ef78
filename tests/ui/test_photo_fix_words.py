"""The photo grid says what `okcomposer check` says about a too-wide photo, offers no fix for a damaged one,
and after a failed fix names the user's file and does not offer the same fix again."""

from __future__ import annotations

import dataclasses

import pytest

from okcomposer.limits import Limits
from okcomposer.media.precheck import precheck
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.photos import thumbnails
from okcomposer.ui.photos.grid import PhotoGrid
from okcomposer.ui.photos.model import MESSAGE_ROLE
from tests.media.test_fix_promises import truncated_with_gps, wide

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def grid(tmp_path, qtbot):
    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    ctx.limits = Limits(photo_max_side=1200)  # 13000x3000's shape, a tenth the size
    grid = PhotoGrid(ctx)
    qtbot.addWidget(grid)
    yield grid
    thumbnails.wait_all()
    ctx.drafts.close()


def _words(grid, row: int) -> str:
    return grid.list.model().index(row).data(MESSAGE_ROLE)


def test_a_too_wide_photo_is_worded_as_the_check_words_it(qtbot, grid, tmp_path):
    path = wide(tmp_path)
    grid.add_files([str(path)])
    qtbot.waitUntil(lambda: not grid.busy(), timeout=10_000)
    words = _words(grid, 0)
    assert words.splitlines()[0] == precheck(path, grid.context.limits).message
    assert "too many pixels" not in words and "Downscale it to 1200x276 (offered)" in words
    assert grid.model.entry_at(0).fixable


def test_a_damaged_photo_offers_no_fix_and_a_failed_fix_is_not_offered_again(qtbot, grid, tmp_path):
    path = truncated_with_gps(tmp_path)
    grid.add_files([str(path)])
    qtbot.waitUntil(lambda: not grid.busy(), timeout=10_000)
    entry = grid.model.entry_at(0)
    assert entry.state == "bad" and not entry.fixable and "Fix offers" not in _words(grid, 0)
    # As an older check offered: removing the GPS location, which cannot mend the cut-short data.
    entry.result = dataclasses.replace(entry.result, fixes=("strip_gps",))
    entry.settle(strip_gps=False)
    assert entry.fixable and grid.fix_row(0)
    qtbot.waitUntil(lambda: not grid.busy(), timeout=10_000)
    words = _words(grid, 0)
    assert words.startswith("The fix failed: trunc.jpg is damaged") and "trunc.ok" not in words
    assert not entry.fixable and "Fix offers" not in words
    assert entry.item.file == str(path)
