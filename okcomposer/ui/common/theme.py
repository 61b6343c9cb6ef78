"""Light and dark: follow the system's colour scheme, or force one (Fusion style with a matching palette)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

# Only what the first paint needs at the top: PySide6 makes a class (and its enums) the first time it is
# named, ~1.5 ms for QPalette or QFont; Qt and the rest inside the functions (ui/shell/window_build.py).
from PySide6.QtGui import QGuiApplication, QIcon

if TYPE_CHECKING:
    from PySide6.QtGui import QPalette, QPixmap

ICONS = Path(__file__).resolve().parents[1] / "icons"
_state = {"theme": "system", "style": ""}


def icon(name: str) -> QIcon:
    """One of the SVG icons shipped in okcomposer/ui/icons."""
    return QIcon(str(ICONS / f"{name}.svg"))


def _dark_palette() -> QPalette:
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2e",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f22",
        QPalette.ColorRole.AlternateBase: "#29292d",
        QPalette.ColorRole.ToolTipBase: "#3a3a3f",
        QPalette.ColorRole.ToolTipText: "#f0f0f0",
        QPalette.ColorRole.PlaceholderText: "#8c8c92",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#35353a",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.BrightText: "#ff6b5a",
        QPalette.ColorRole.Link: "#ffa64d",
        QPalette.ColorRole.Highlight: "#ee8208",
        QPalette.ColorRole.HighlightedText: "#ffffff",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#77777c"))
    return p


def _light_palette() -> QPalette:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#ee8208"))
    p.setColor(QPalette.ColorRole.Link, QColor("#b35c00"))
    return p


def is_dark() -> bool:
    from PySide6.QtCore import Qt

    if _state["theme"] != "system":
        return _state["theme"] == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply(theme: str = "system") -> None:
    """Apply a theme setting ("system", "light" or "dark") to the running application."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = cast(QApplication, QApplication.instance())  # the stubs say QCoreApplication | None
    hints = QGuiApplication.styleHints()
    if not _state["style"]:
        _state["style"] = app.style().name()
        hints.colorSchemeChanged.connect(lambda _scheme: _follow_system())
    _state["theme"] = theme
    if theme == "system":
        hints.unsetColorScheme()
        app.setStyle(_state["style"])
        _follow_system()
        return
    scheme = Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light
    hints.setColorScheme(scheme)
    # Native styles (Windows, macOS) ignore a custom palette; Fusion draws with it everywhere.
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if theme == "dark" else _light_palette())


def _follow_system() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    if _state["theme"] != "system":
        return
    app = cast(QApplication, QApplication.instance())
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    if app.style().name().lower() == "fusion":
        app.setPalette(_dark_palette() if dark else _light_palette())
    else:
        app.setPalette(app.style().standardPalette())


_AVATAR_COLOURS = ("#ee8208", "#1e88e5", "#43a047", "#8e24aa", "#e53935", "#00897b", "#6d4c41")


def initials_icon(name: str, size: int = 32) -> QIcon:
    """A round placeholder avatar with the initials of a name (until, or instead of, the real picture),
    drawn for 1x, 2x and 3x screens so it stays sharp at any scale factor."""
    icon = QIcon()
    for ratio in (1, 2, 3):
        icon.addPixmap(_initials(name, size, ratio))
    return icon


def _initials(name: str, size: int, ratio: int) -> QPixmap:
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

    words = [w for w in name.split() if w[:1].isalnum()]
    initials = "".join(w[0] for w in words[:2]).upper() or "?"
    pixmap = QPixmap(size * ratio, size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_AVATAR_COLOURS[sum(map(ord, name)) % len(_AVATAR_COLOURS)]))
    painter.drawEllipse(0, 0, size, size)
    font = QFont()
    font.setPixelSize(int(size * 0.42))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, initials)
    painter.end()
    return pixmap


def round_icon(data: bytes, size: int = 32) -> QIcon | None:
    """A downloaded avatar cut to a circle, for 1x, 2x and 3x screens; None when the bytes are no image."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QBrush, QImage, QPainter, QPixmap

    image = QImage.fromData(data)
    if image.isNull():
        return None
    icon = QIcon()
    for ratio in (1, 2, 3):
        scaled = image.scaled(
            size * ratio,
            size * ratio,
            Qt.AspectRatioMode.KeepAspectRatioByExpanding,
            Qt.TransformationMode.SmoothTransformation,
        )
        pixmap = QPixmap(size * ratio, size * ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(scaled))
        painter.drawEllipse(0, 0, size * ratio, size * ratio)
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        icon.addPixmap(pixmap)
    return icon
