"""Page posts waiting to be sent need okcomposer running: closing the window keeps it in the system tray
(where the desktop has one), and quitting asks first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon, QWidget

from okcomposer.ui.common import theme


class Tray(QObject):
    """The tray's counted words (context "Tray"): lupdate takes a %n count in a variable only from tr()."""

    def waiting_tip(self, count: int) -> str:
        return self.tr("okcomposer: %n posts waiting to be sent", "", count)

    def keeps_running(self, count: int) -> str:
        return self.tr("okcomposer keeps running to send %n waiting posts on time.", "", count)

    def quit_question(self, count: int, sandbox: bool = False) -> str:
        if sandbox:  # the sandbox forgets everything when okcomposer closes: they can never be sent
            return self.tr(
                "%n posts for your page are waiting to be sent by okcomposer at their time. This is the "
                "sandbox: if you quit, it forgets them with everything it stored, and they are never sent.",
                "",
                count,
            )
        return self.tr(
            "%n posts for your page are waiting to be sent by okcomposer at their time. "
            "If you quit, they are not sent until you start okcomposer again (it will ask you then).",
            "",
            count,
        )


def available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def hide_to_tray(window, waiting: int, icon: QSystemTrayIcon | None) -> QSystemTrayIcon:
    """Hide the window; a tray icon (`icon`, or a new one the window keeps) brings it back or quits."""
    if icon is None:
        icon = QSystemTrayIcon(theme.icon("okcomposer"), window)
        menu = QMenu(window)
        menu.addAction(
            QCoreApplication.translate("Tray", "Show okcomposer"),
            lambda: (window.showNormal(), window.activateWindow()),
        )
        menu.addAction(QCoreApplication.translate("Tray", "Quit"), window.quit_app)
        icon.setContextMenu(menu)
        icon.activated.connect(lambda _reason: (window.showNormal(), window.activateWindow()))
    words = Tray()
    icon.setToolTip(words.waiting_tip(waiting))
    icon.show()
    window.hide()
    icon.showMessage("okcomposer", words.keeps_running(waiting))
    return icon


def ask_quit(parent: QWidget, waiting: int, then: Callable[[], None], sandbox: bool = False) -> QMessageBox:
    """ "N posts are waiting… Quit anyway?" (`sandbox`: they are forgotten with it); `then` runs when the
    user quits all the same."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Tray", "Posts are waiting"),
        Tray().quit_question(waiting, sandbox),
        parent=parent,
    )
    quit_button = box.addButton(
        QCoreApplication.translate("Tray", "Quit anyway"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.finished.connect(lambda _r: then() if box.clickedButton() is quit_button else None)
    box.open()
    return box
