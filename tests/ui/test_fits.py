"""Every text fits and nothing scrolls sideways: each tab (and Settings, About and Help → Sandbox) at 1280×800
and at the minimum size 1024×640, in English and Russian, and again at QT_SCALE_FACTOR=2 (in a process of its
own: the factor is read at start)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget
from ui.fit_check import misfits, sample_window, walk_tabs

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SIZES = [(1280, 800), (1024, 640)]


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install(request.param) == request.param
    yield request.param
    i18n.install("")


def test_the_check_finds_cut_texts_and_sideways_scrolling(qtbot):
    from okcomposer.ui.common.scroll_column import ScrollColumn

    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    cut = QPushButton("Next free slot, a long way")
    cut.setFixedWidth(60)
    label = QLabel("A label far too long for the room it has")
    label.setFixedWidth(50)
    box = QCheckBox("Publish later")
    box.setFixedWidth(30)
    fits = QLabel("Fits")
    scroll = ScrollColumn()
    wide = QLabel("x" * 400)
    scroll.setWidget(wide)
    scroll.setMinimumWidth(10)
    scroll.setFixedWidth(100)  # squeezed below what it asks: it scrolls sideways
    for widget in (cut, label, box, fits, scroll):
        column.addWidget(widget)
    page.resize(400, 400)
    page.show()
    qtbot.waitExposed(page)
    found = "\n".join(misfits(page))
    assert "Next free slot" in found and "far too long" in found and "Publish later" in found
    assert "scrolls sideways" in found and "Fits" not in found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_tab_fits(qtbot, ctx, open_window, sandbox, language, size):
    window = open_window(ctx, sandbox)
    window.resize(*size)
    sample_window(qtbot, window, sandbox)
    assert window.width() <= size[0] and window.height() <= size[1], "the window's minimum is too large"
    found = walk_tabs(qtbot, window)
    for open_dialog in (window.open_settings, window.open_about, window.actions_by_name["sandbox"].trigger):
        open_dialog()
        qtbot.waitExposed(window.dialog)
        found += [f"{window.dialog.windowTitle()}: {line}" for line in misfits(window.dialog)]
        window.dialog.close()
    assert not found, f"{language} {size}:\n" + "\n".join(found)


def test_icons_are_crisp_at_twice_the_pixels(qapp):
    from okcomposer.ui.common import theme

    for name in ("new", "publish", "save", "settings", "account", "about", "okcomposer"):
        assert theme.icon(name).pixmap(QSize(16, 16), 2.0).size() == QSize(32, 32), name
    assert theme.initials_icon("Sunrise Bakery", 28).pixmap(QSize(28, 28), 2.0).size() == QSize(56, 56)


SCALED = """
import sys
sys.path[:0] = {paths!r}
import pytest
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "--tb=short", {test!r}, "-k", "every_tab_fits"]))
"""


@pytest.mark.skipif(os.environ.get("QT_SCALE_FACTOR") == "2", reason="this is the run at factor 2")
def test_every_tab_fits_at_scale_factor_2(tmp_path):
    tests = Path(__file__).resolve().parents[1]
    script = SCALED.format(paths=[str(tests), str(tests.parent)], test=str(Path(__file__)))
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=tests.parent, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
