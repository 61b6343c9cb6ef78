"""The Insights tab's texts fit in both languages at the window's smallest and usual sizes, in each state it
can be in: no group (only the "my page" entry), and a group with a month of figures (the heat map's notes
long in Russian). test_fits.py walks every tab after 50 ms; this waits for the figures."""

from __future__ import annotations

import pytest
from ui.fit_check import misfits
from ui.workflow_helpers import WAIT

from okcomposer.sandbox.server import Sandbox

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
SIZES = [(1280, 800), (1024, 640)]


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install(request.param) == request.param
    yield request.param
    i18n.install("")


def insights(qtbot, window):
    window.install_workflow()
    feature = window.workflow.insights
    window.tabs.setCurrentIndex(window.tabs.indexOf(feature.page))
    return feature.build()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_tab_fits_with_no_group(qtbot, ctx, open_window, language, size):
    window = open_window(ctx)
    window.resize(*size)
    view = insights(qtbot, window)
    with qtbot.waitSignal(view.shown_figures, timeout=WAIT):
        view.load()
    qtbot.wait(50)
    assert view.current_group() == ""
    found = misfits(window)
    assert not found, f"{language} {size}:\n" + "\n".join(found)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_tab_fits_with_a_months_figures(qtbot, ctx, open_window, language, size):
    with Sandbox(host="127.0.0.1", port=0, with_history=True) as sandbox:
        window = open_window(ctx, sandbox)
        window.resize(*size)
        view = insights(qtbot, window)
        qtbot.waitUntil(lambda: any(g.topics for g in view.snapshot.groups.values()), timeout=WAIT)
        qtbot.waitUntil(lambda: view._task is None, timeout=WAIT)
        qtbot.wait(50)
        assert view.current_group() and view.best.heat.cells
        found = misfits(window)
        # The user drags the table up as far as it goes and the heat map as narrow as it goes: the notes
        # still show every line (the splitters keep the heat map panel's minimum).
        view.splitter.setSizes([0, 10_000])
        view.chart.parentWidget().setSizes([10_000, 0])
        qtbot.wait(50)
        found += [f"squeezed: {line}" for line in misfits(window)]
        assert view.splitter.sizes()[0] >= view.best.needed_height(view.best.width())
        window.close()
    assert not found, f"{language} {size}:\n" + "\n".join(found)
