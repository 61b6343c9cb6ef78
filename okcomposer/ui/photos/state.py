"""A photo in a grid: its precheck state (pending, fixing, ok, note, bad, remote) and what it says about it.

The texts keep the translation context of the grid that shows them ("PhotoGrid").
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from okcomposer.api.blocks import PhotoItem
from okcomposer.media.precheck import PrecheckResult
from okcomposer.ui.common import i18n


@dataclass
class PhotoEntry:
    item: PhotoItem
    result: PrecheckResult | None = None
    state: str = "pending"  # pending, fixing, ok, note (ok, a fix is offered), bad, remote
    error: str | None = None  # the last fix that failed
    job: int = 0

    @property
    def fixable(self) -> bool:
        return self.state in ("note", "bad") and bool(self.result and self.result.fixes)


def state_of(result: PrecheckResult | None) -> str:
    if result is None:
        return "pending"
    if not result.ok:
        return "bad"
    return "note" if result.fixes else "ok"


def message(entry: PhotoEntry) -> str:
    """The photo's state in words (its tooltip, and the line under the grid when it is selected)."""
    if entry.state == "pending":
        return QCoreApplication.translate("PhotoGrid", "Checking…")
    if entry.state == "fixing":
        return QCoreApplication.translate("PhotoGrid", "Fixing…")
    if entry.state == "remote":
        return QCoreApplication.translate("PhotoGrid", "Already on OK.")
    lines = [i18n.precheck_text(entry.result)] if entry.result else []
    if entry.fixable and entry.result is not None:
        offers = ", ".join(fix_name(name) for name in entry.result.fixes)
        lines.append(QCoreApplication.translate("PhotoGrid", "Fix offers to: {0}.").format(offers))
    if entry.error:
        lines.insert(0, QCoreApplication.translate("PhotoGrid", "The fix failed: {0}").format(entry.error))
    return "\n".join(lines)


def fix_name(name: str) -> str:
    names = {
        "downscale": QCoreApplication.translate("PhotoGrid", "shrink it to fit OK's limits"),
        "reencode_jpeg": QCoreApplication.translate("PhotoGrid", "convert it to an 8-bit RGB JPEG"),
        "exif_orientation": QCoreApplication.translate("PhotoGrid", "turn it upright"),
        "strip_gps": QCoreApplication.translate("PhotoGrid", "remove its GPS location"),
    }
    return names.get(name, name)
