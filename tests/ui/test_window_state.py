"""Window state (ui/common/window_state.py): geometry, docks, splitter sizes and the open draft round-trip
through config/window.ini, the one file that holds them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QSplitter

from okcomposer.store import paths
from okcomposer.ui.common import window_state


def window(qtbot) -> tuple[QMainWindow, QSplitter, QDockWidget]:
    main = QMainWindow()
    splitter = QSplitter()
    splitter.addWidget(QLabel("left"))
    splitter.addWidget(QLabel("right"))
    main.setCentralWidget(splitter)
    dock = QDockWidget("dock", main)
    dock.setObjectName("dock")  # saveState() needs it
    main.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    qtbot.addWidget(main)
    main.resize(600, 400)
    return main, splitter, dock


def test_the_window_comes_back_as_it_was_left(qtbot):
    main, splitter, dock = window(qtbot)
    splitter.setSizes([120, 300])
    main.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)  # the user moved it
    sizes = splitter.sizes()
    window_state.save_window(main, splitter)
    assert (paths.config_dir() / window_state.FILE).exists()
    again, splitter2, dock2 = window(qtbot)
    window_state.restore_geometry(again)
    window_state.restore_parts(again, splitter2)
    assert splitter2.sizes() == sizes != default_sizes(qtbot)
    assert again.dockWidgetArea(dock2) == Qt.DockWidgetArea.LeftDockWidgetArea


def default_sizes(qtbot) -> list[int]:
    fresh = window(qtbot)
    return fresh[1].sizes()


def test_nothing_saved_changes_nothing(qtbot):
    main, splitter, dock = window(qtbot)
    before = splitter.sizes()
    window_state.restore_geometry(main)
    window_state.restore_parts(main, splitter)
    window_state.restore_layout(main)
    assert splitter.sizes() == before and main.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_the_open_draft_is_remembered():
    assert window_state.current_draft() == ""
    window_state.remember_draft("abc")
    assert window_state.current_draft() == "abc"
    window_state.remember_draft(None)
    assert window_state.current_draft() == ""


def test_every_named_splitter_of_the_window_keeps_its_sizes(qtbot):
    def make() -> tuple[QMainWindow, QSplitter]:
        main = QMainWindow()
        tab = QSplitter()
        tab.setObjectName("a_tab_splitter")  # a tab's own splitter, not the composer's
        tab.addWidget(QLabel("list"))
        tab.addWidget(QLabel("detail"))
        main.setCentralWidget(tab)
        qtbot.addWidget(main)
        main.resize(600, 400)
        return main, tab

    main, tab = make()
    tab.setSizes([150, 450])
    sizes = tab.sizes()
    window_state.save_window(main)
    again, tab2 = make()
    assert tab2.sizes() != sizes
    window_state.restore_layout(again)
    assert tab2.sizes() == sizes


def test_the_first_start_fits_the_window_on_a_small_screen(qtbot):
    main = QMainWindow()
    qtbot.addWidget(main)
    main.resize(5000, 4000)  # larger than any screen the tests run on
    window_state.restore_geometry(main)  # nothing saved yet
    room = main.screen().availableGeometry().size()
    assert main.width() <= room.width() and main.height() <= room.height()
