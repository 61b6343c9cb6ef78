"""WindowMenus: entries go in their menu's section, separators between sections, names once."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from okcomposer.ui.common.feature import Entry, Menu, Section
from okcomposer.ui.shell.window_actions import WindowMenus


def layout(menus: WindowMenus, menu: Menu) -> list[str]:
    return ["|" if a.isSeparator() else a.text() for a in menus.menus[menu].actions()]


def test_entries_keep_their_section_whatever_order_they_come_in(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    menus = WindowMenus(window)
    assert not any(m.menuAction().isVisible() for m in menus.menus.values())

    def add(name: str, section: Section) -> None:
        menus.add(Entry(Menu.FILE, name, QAction(name, window), section))

    add("Quit", Section.EXIT)
    assert layout(menus, Menu.FILE) == ["Quit"] and menus.menus[Menu.FILE].menuAction().isVisible()
    add("Import", Section.FEATURES)
    add("New", Section.COMMANDS)
    add("Export", Section.FEATURES)
    add("Save", Section.COMMANDS)
    assert layout(menus, Menu.FILE) == ["New", "Save", "|", "Import", "Export", "|", "Quit"]
    assert not menus.menus[Menu.EDIT].menuAction().isVisible()
    assert menus.actions["Export"].text() == "Export"
    with pytest.raises(ValueError, match="'Save'"):
        add("Save", Section.FEATURES)
