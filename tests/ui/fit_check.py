"""Does every text fit? A walk over a window's visible widgets that names each one whose text is cut.

`misfits(root)` returns one line per problem: a button, check box, label, line edit's placeholder, combo box
or tab whose text is wider than the room it has (QFontMetrics / QTextDocument against the widget's contents
rectangle), a widget that sticks out of its parent (clipped), and a scroll area that scrolls sideways
(horizontal scroll bar with a maximum above 0). Used by test_fits.py and tests/screenshots.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK = 1  # pixels of rounding a style may take


def name(widget: QWidget) -> str:
    """Class, object name and text, enough to find the widget in the code."""
    text = ""
    for getter in ("text", "currentText", "placeholderText", "title"):
        if hasattr(widget, getter):
            try:
                text = str(getattr(widget, getter)())
            except TypeError:
                continue
            if text:
                break
    where = widget.objectName() or (type(widget.parent()).__name__ if widget.parent() else "")
    return f"{type(widget).__name__}({where}) {text[:60]!r}"


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _button(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if (
        not text
        or isinstance(button, QToolButton)
        and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        and not button.icon().isNull()  # with no icon, an "icon only" button shows its text
    ):
        return None
    if isinstance(button, QPushButton):  # its size hint is at least 80 px in Fusion, even for "◀"
        style = button.style()
        need = QFontMetrics(button.font()).horizontalAdvance(text) + 2 * (
            style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin) // 2
            + style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
        )
        if not button.icon().isNull():
            need += button.iconSize().width() + 4
        if button.menu() is not None:
            need += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
    elif isinstance(button, QCheckBox | QRadioButton | QToolButton):
        need = button.sizeHint().width()  # the style's room for indicator, icon, text and margins
        if (
            isinstance(button, QToolButton)
            and button.menu() is not None
            and button.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup
        ):  # the style draws its menu arrow over the label's corner, with no room in the size hint
            need += button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator)
    else:
        return None
    if button.width() + SLACK < need:
        return f"{name(button)} is {button.width()} px wide, its text needs {need}"
    return None


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    room.setWidth(room.width() - max(0, label.indent()))
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        doc.setHtml(text)
    else:
        doc.setPlainText(_plain(text) if label.buddy() is not None else text)
    if label.wordWrap():
        doc.setTextWidth(room.width())
        wide, high = doc.idealWidth(), doc.size().height()
        if wide > room.width() + SLACK:
            return f"{name(label)} has a word {wide:.0f} px wide in {room.width()} px"
        if high > room.height() + SLACK + 2:
            return f"{name(label)} needs {high:.0f} px of height, has {room.height()}"
        return None
    if rich:
        wide = doc.idealWidth()
    else:
        metrics = QFontMetrics(label.font())
        wide = max(metrics.horizontalAdvance(line) for line in doc.toPlainText().split("\n"))
    if wide > room.width() + SLACK:
        return f"{name(label)} is {room.width()} px wide, its text needs {wide:.0f}"
    return None


def _line_edit(edit: QLineEdit) -> str | None:
    if edit.text() or not edit.placeholderText():
        return None
    room = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, _line_option(edit), edit)
    margins = edit.textMargins()
    room = room.adjusted(margins.left(), 0, -margins.right(), 0)
    need = QFontMetrics(edit.font()).horizontalAdvance(edit.placeholderText())
    clear = 24 if edit.isClearButtonEnabled() else 0
    if need > room.width() - clear - 4:
        return f"{name(edit)}: the placeholder needs {need} px, has {room.width() - clear - 4}"
    return None


def _line_option(edit: QLineEdit):
    from PySide6.QtWidgets import QStyleOptionFrame

    option = QStyleOptionFrame()
    option.initFrom(edit)
    option.rect = edit.contentsRect()
    option.lineWidth = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, edit)
    return option


def _combo(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.rect = combo.rect()
    option.currentText = text
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    need = QFontMetrics(combo.font()).horizontalAdvance(text) + icon
    if need > field.width() + SLACK:
        return f"{name(combo)}: {field.width()} px for a text of {need}"
    return None


def _tabs(bar: QTabBar) -> list[str]:
    found = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        room, need = bar.tabRect(index).width(), bar.tabSizeHint(index).width()
        if room + SLACK < need or not bar.rect().contains(bar.tabRect(index)):
            found.append(f"tab {bar.tabText(index)!r} has {room} px of {need}")
    return found


def _sticks_out(widget: QWidget) -> str | None:
    """A widget wider than the part of its parent it sits in is drawn cut at the parent's edge."""
    parent = widget.parentWidget()
    if parent is None or widget.isWindow():
        return None
    if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent is parent.parentWidget().viewport():
        return None  # inside a scroll area: its scroll bar says whether it scrolls sideways
    inside = QRect(0, 0, parent.width(), parent.height())
    box = widget.geometry()
    if box.width() > 0 and (box.left() < inside.left() - SLACK or box.right() > inside.right() + SLACK):
        return (
            f"{name(widget)} sticks out of {name(parent)} ({box.left()}..{box.right()} of {inside.width()})"
        )
    return None


def _scrolls_sideways(area: QAbstractScrollArea) -> str | None:
    bar = area.horizontalScrollBar()
    if bar.isVisible() and bar.maximum() > 0:
        return f"{name(area)} scrolls sideways by {bar.maximum()} px"
    return None


def misfits(root: QWidget) -> list[str]:
    """Every cut text and sideways scrolling among the visible widgets under `root` (itself included)."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.window() is not root.window():
            continue
        checks = [_sticks_out(widget)]
        if isinstance(widget, QAbstractButton):
            checks.append(_button(widget))
        elif isinstance(widget, QLabel):
            checks.append(_label(widget))
        elif isinstance(widget, QLineEdit):
            checks.append(_line_edit(widget))
        elif isinstance(widget, QComboBox):
            checks.append(_combo(widget))
        if isinstance(widget, QAbstractScrollArea):
            checks.append(_scrolls_sideways(widget))
        if isinstance(widget, QTabBar):
            checks.extend(_tabs(widget))
        found.extend(c for c in checks if c)
    return found


def sample_window(qtbot, window, sandbox) -> None:
    """Fill a shown window as a user would: text, three photos, a poll and a link, to a group on its behalf,
    scheduled; every feature installed and every photo checked."""
    from PySide6.QtWidgets import QApplication

    from okcomposer.api.blocks import LinkBlock, PollBlock

    examples = Path(__file__).resolve().parents[2] / "resources" / "examples"
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=15_000)
    window.install_workflow()
    composer = window.composer
    composer.add_block("text")
    composer.frames()[-1].editor.edit.setPlainText("Свежий хлеб каждое утро! Fresh bread every morning. " * 3)
    composer.add_photo_files([str(examples / f"photo{n}.jpg") for n in (1, 2, 3)])
    composer.add_block("poll")
    composer.frames()[-1].editor.set_block(PollBlock(question="Какой хлеб печь?", answers=["Ржаной", ""]))
    composer.add_block("link")
    composer.frames()[-1].editor.set_block(LinkBlock("https://ok.ru/group/70000001000101"))
    admin = next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")
    window.target.targets.setCurrentItem(window.target._item(admin))
    window.target.on_behalf.setChecked(True)
    window.target.schedule.setChecked(True)
    qtbot.waitUntil(window.composer.photos_ok, timeout=15_000)
    window.validate_now()
    QApplication.processEvents()


def walk_tabs(qtbot, window) -> list[str]:
    """misfits() of the window on each of its tabs, each line prefixed with the tab's title."""
    found = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)  # the tab's first layout and paint
        lines = misfits(window)
        if lines:  # maybe caught between its data arriving and its layout following: settled, it counts
            qtbot.wait(300)
            lines = misfits(window)
        found += [f"{window.tabs.tabText(index)}: {line}" for line in lines]
    return found
