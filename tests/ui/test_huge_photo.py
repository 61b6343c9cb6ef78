"""A photo with more pixels than the app decodes (media.precheck.SAFE_DECODE_PIXELS, 89.5 megapixels) but
under Pillow's refusal: no Pillow warning reaches stderr (every line there starts "okcomposer:"), and the
window, like `okcomposer check`, says it is too large to shrink safely here and names that limit."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pytest
from PIL import Image

from okcomposer.media.precheck import SAFE_DECODE_PIXELS, open_image, precheck
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.photos import thumbnails
from okcomposer.ui.photos.grid import PhotoGrid
from okcomposer.ui.photos.model import MESSAGE_ROLE
from tests.media.corpus import bomb_png

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SAID = (
    "huge.png is 12000x12000 pixels; OK takes at most 12000 pixels a side and 80 megapixels. It is too large "
    "to shrink safely here (over 89.5 megapixels): resize it in an image editor or pick another image."
)


@pytest.fixture
def huge(tmp_path):
    path = tmp_path / "huge.png"
    path.write_bytes(bomb_png(12_000, 12_000))  # 144 megapixels declared in a few dozen bytes
    assert (
        SAFE_DECODE_PIXELS < 144_000_000 < 2 * (Image.MAX_IMAGE_PIXELS or 0)
    )  # Pillow warns, does not refuse
    return path


def test_check_prints_no_pillow_warning_and_names_the_limit(huge, tmp_path):
    env = {**os.environ, "OKCOMPOSER_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "okcomposer", "check", str(huge)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    assert '"message": "' + SAID + '"' in done.stdout


def test_the_window_says_the_same_offers_no_fix_and_warns_nothing(qtbot, huge, tmp_path):
    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    grid = PhotoGrid(ctx)
    qtbot.addWidget(grid)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert thumbnails.make_thumbnail(str(huge)) is None  # never decoded
            grid.add_files([str(huge)])
            qtbot.waitUntil(lambda: not grid.busy(), timeout=10_000)
        assert [w for w in caught if issubclass(w.category, Image.DecompressionBombWarning)] == []
        (entry,) = grid.entries()
        assert (entry.state, entry.fixable) == ("bad", False)
        assert (
            grid.list.model().index(0, 0).data(MESSAGE_ROLE).splitlines()[0] == SAID == precheck(huge).message
        )
    finally:
        thumbnails.wait_all()
        ctx.drafts.close()


def test_the_warning_is_quiet_only_where_the_app_opens_images(huge):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        open_image(huge).close()
        assert caught == []
        Image.open(huge).close()  # anyone else's Image.open: Pillow's warning as usual
    assert [w.category for w in caught] == [Image.DecompressionBombWarning]
