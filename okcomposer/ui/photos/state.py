"""A photo in a grid: its state, and every word and mark shown for it, from one place.

The tile's badge, its status line, its tooltip and the grid's summary all come from `state`, so they cannot
disagree. States: pending (being checked), downloading (a web address), fixing, ok (goes as it is, or with the
fixes the app applies by itself when sending: media.fixes.default_fixes), note (goes, and a fix is offered),
bad (cannot go), remote (already on OK). The texts keep the translation context "PhotoGrid".
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPixmap

from okcomposer.api.blocks import PhotoItem
from okcomposer.media.fixes import default_fixes
from okcomposer.media.precheck import PrecheckResult
from okcomposer.ui.common import i18n

BUSY = ("pending", "downloading", "fixing")
SENDABLE = ("ok", "note", "remote")
ATTENTION = ("note", "bad")  # the states with a "!" badge, counted as "need attention"
# state -> (badge colour, badge mark)
BADGES = {
    "pending": ("#9e9e9e", "…"),
    "downloading": ("#9e9e9e", "↓"),
    "fixing": ("#1e88e5", "↻"),
    "ok": ("#2e7d32", "✓"),
    "note": ("#ef6c00", "!"),
    "bad": ("#c62828", "!"),
    "remote": ("#607d8b", "☁"),
}


@dataclass
class PhotoEntry:
    """One tile: the post's photo item, what was found about it, and its thumbnail."""

    item: PhotoItem
    key: int = 0
    result: PrecheckResult | None = None
    state: str = "pending"
    error: str | None = None  # a failed fix or download, in words for the user
    job: int = 0  # the newest background job for this tile; older answers are ignored
    url: str | None = None  # the web address it came from (downloading, or failed to)
    auto: frozenset[str] = field(default_factory=frozenset)  # fixes applied by themselves when sending
    thumb: QPixmap | None = None

    def settle(self, strip_gps: bool) -> None:
        """Work out the state from the precheck result (the fixes the app applies itself are no problem)."""
        result = self.result
        if result is None:
            self.state = "bad" if self.error and self.item.file is None else "pending"
            return
        self.auto = frozenset(default_fixes(result, strip_gps=strip_gps)) if result.ok else frozenset()
        if not result.ok:
            self.state = "bad"
        else:
            self.state = "note" if self.offered else "ok"

    @property
    def offered(self) -> tuple[str, ...]:
        """The fixes the user is offered (in precheck's order): not those applied by themselves, and none once
        a fix has failed on this file (`error`): the same fix on the same file would fail the same way."""
        if self.error and self.item.file is not None:
            return ()
        fixes = self.result.fixes if self.result is not None else ()
        return tuple(name for name in fixes if name not in self.auto)

    @property
    def fixable(self) -> bool:
        return self.state in ATTENTION and self.item.file is not None and bool(self.offered)

    @property
    def name(self) -> str:
        """The file name exactly as the system gives it, the address as given, or the photo's id on OK."""
        if self.item.file is not None:
            return os.path.basename(os.path.normpath(self.item.file)) or self.item.file
        if self.url is not None:
            return self.url
        photo = self.item.photo_id if self.item.photo_id is not None else self.item.token
        return QCoreApplication.translate("PhotoGrid", "Photo {0}").format(photo)


def status(entry: PhotoEntry) -> str:
    """The tile's short second line."""
    if entry.state == "pending":
        return QCoreApplication.translate("PhotoGrid", "Checking…")
    if entry.state == "downloading":
        return QCoreApplication.translate("PhotoGrid", "Downloading…")
    if entry.state == "fixing":
        return QCoreApplication.translate("PhotoGrid", "Fixing…")
    if entry.state == "remote":
        return QCoreApplication.translate("PhotoGrid", "Already on OK")
    if entry.state == "bad":
        return (
            QCoreApplication.translate("PhotoGrid", "Fix offered")
            if entry.fixable
            else QCoreApplication.translate("PhotoGrid", "Cannot be sent")
        )
    if entry.state == "note":
        return QCoreApplication.translate("PhotoGrid", "Fix offered")
    applied = auto_words(entry)
    return applied[0] if applied else QCoreApplication.translate("PhotoGrid", "Ready")


def auto_words(entry: PhotoEntry) -> list[str]:
    """What the app will do to the photo by itself when sending, one phrase each."""
    result, words = entry.result, list[str]()
    if result is None:
        return words
    if "reencode_jpeg" in entry.auto and result.sent_as:
        words.append(QCoreApplication.translate("PhotoGrid", "Will be sent as JPEG"))
    if "exif_orientation" in entry.auto:
        words.append(QCoreApplication.translate("PhotoGrid", "Will be turned upright"))
    if "reencode_jpeg" in entry.auto and result.no_eoi:
        words.append(QCoreApplication.translate("PhotoGrid", "Its end marker will be added"))
    if "strip_gps" in entry.auto:
        words.append(QCoreApplication.translate("PhotoGrid", "Its GPS location will be removed"))
    return words


def message(entry: PhotoEntry) -> str:
    """The photo's state in words (its tooltip, and the line under the grid when it is selected)."""
    if entry.state in ("pending", "downloading", "fixing", "remote"):
        head = entry.url if entry.state == "downloading" else None
        said = {"remote": QCoreApplication.translate("PhotoGrid", "Already on OK.")}.get(
            entry.state, status(entry)
        )
        return f"{head}\n{said}" if head else said
    lines = [i18n.precheck_text(entry.result)] if entry.result else []
    if entry.result is None and entry.url is not None:
        lines.append(entry.url)
    lines += [f"{words}." for words in auto_words(entry)]
    if entry.fixable:
        offers = ", ".join(fix_name(name) for name in entry.offered)
        lines.append(QCoreApplication.translate("PhotoGrid", "Fix offers to: {0}.").format(offers))
    if entry.error:
        if entry.item.file is None:
            lines.append(entry.error)  # a download that failed: its own words, the address in them
        else:
            lines.insert(
                0, QCoreApplication.translate("PhotoGrid", "The fix failed: {0}").format(entry.error)
            )
    return "\n".join(lines)


def fix_name(name: str) -> str:
    names = {
        "downscale": QCoreApplication.translate("PhotoGrid", "shrink it to fit OK's limits"),
        "reencode_jpeg": QCoreApplication.translate("PhotoGrid", "convert it to an 8-bit RGB JPEG"),
        "exif_orientation": QCoreApplication.translate("PhotoGrid", "turn it upright"),
        "strip_gps": QCoreApplication.translate("PhotoGrid", "remove its GPS location"),
    }
    return names.get(name, name)
