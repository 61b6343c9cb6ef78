"""The many-targets list: my page and my groups, checkable where I may post, their versions and results."""

from __future__ import annotations

import html

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, QTimeZone
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from okcomposer.api.errors import error_name
from okcomposer.app import multi as core
from okcomposer.app.multi import Override, TargetResult
from okcomposer.ui.common.i18n import error_help
from okcomposer.ui.common.message_text import notice_text
from okcomposer.ui.common.times import qt_zone, window_tz

ID_ROLE = Qt.ItemDataRole.UserRole
NAME, VERSION, RESULT = range(3)
COLOURS = {
    core.PUBLISHED: "#2e7d32",
    core.SCHEDULED: "#1565c0",
    core.WAITING: "#1565c0",
    core.ALREADY: "#6a1b9a",
    core.UNCONFIRMED: "#e65100",
    core.NOT_SENT: "#c62828",
    core.FAILED: "#c62828",
}
MOSCOW = QTimeZone(b"Europe/Moscow")


class TargetList(QTreeWidget):
    """One row per target: its name (checkable), its version ("same as the base post"...) and its result."""

    def __init__(self, headers: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        header = self.header()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VERSION, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def add_target(self, target: str, name: str, why_not: str | None) -> QTreeWidgetItem:
        """A row; a group where I may not post is greyed out with the reason in place of a result."""
        item = QTreeWidgetItem([name, "", ""])
        item.setData(NAME, ID_ROLE, target)
        if why_not is None:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(NAME, Qt.CheckState.Unchecked)
        else:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            item.setText(VERSION, "—")
            item.setText(RESULT, why_not)
            item.setToolTip(NAME, why_not)
            item.setToolTip(RESULT, why_not)
        self.addTopLevelItem(item)
        return item

    def items(self) -> list[QTreeWidgetItem]:
        """Every row, in order."""
        rows = (self.topLevelItem(row) for row in range(self.topLevelItemCount()))
        return [item for item in rows if item is not None]  # never None below the count

    def item(self, target: str) -> QTreeWidgetItem | None:
        """The target's row, or None."""
        return next((i for i in self.items() if i.data(NAME, ID_ROLE) == target), None)

    def keep_first(self) -> None:
        """Drop the groups, keep my page (the first row)."""
        while self.topLevelItemCount() > 1:
            self.takeTopLevelItem(1)

    @staticmethod
    def enabled(item: QTreeWidgetItem) -> bool:
        """Whether I may post at the row's target."""
        return bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)

    def checked(self) -> list[str]:
        """The checked targets where I may post, in order."""
        return [
            i.data(NAME, ID_ROLE)
            for i in self.items()
            if self.enabled(i) and i.checkState(NAME) == Qt.CheckState.Checked
        ]

    def set_checked(self, target: str, checked: bool = True) -> None:
        """Check (or uncheck) a target where I may post."""
        item = self.item(target)
        if item is not None and self.enabled(item):
            item.setCheckState(NAME, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def select(self, target: str) -> None:
        """Make the target's row the current one."""
        item = self.item(target)
        if item is not None:
            self.setCurrentItem(item)

    def current(self, default: str) -> str:
        """The current row's target, or `default`."""
        item = self.currentItem()
        return item.data(NAME, ID_ROLE) if item is not None else default

    def set_version(self, target: str, text: str) -> None:
        """The version column of a target where I may post."""
        item = self.item(target)
        if item is not None and self.enabled(item):
            item.setText(VERSION, text)

    def set_result(self, target: str, text: str, state: str = "", tooltip: str = "") -> None:
        """The result column: a step while publishing, then the outcome (coloured by its state)."""
        item = self.item(target)
        if item is None:
            return
        item.setText(RESULT, text)
        item.setToolTip(RESULT, tooltip or text)
        colour = COLOURS.get(state)
        item.setForeground(RESULT, QBrush(QColor(colour)) if colour else self.palette().text())


class ResultTexts(QObject):
    """The many-targets view's words: why a group is closed, what a version changes, how a target went."""

    def why_not(self, membership) -> str | None:
        """None when I may publish topics in the group, else the reason in words."""
        if membership is not None and membership.can_post_as_group:
            return None
        if membership is None or not membership.status:
            return self.tr("You are not a member, so you cannot post here")
        return self.tr("Only admins, moderators and editors post here")

    def version(self, override: Override | None) -> str:
        """What a target's own version changes, in words."""
        if override is None or override == Override():
            return self.tr("Same as the base post")
        parts = []
        if override.text is not None:
            parts.append(self.tr("text"))
        if override.publish_at_ms is not None:
            parts.append(self.tr("time"))
        if override.on_behalf_of_group is not None:
            parts.append(self.tr("voice"))
        if override.disable_comments is not None:
            parts.append(self.tr("comments"))
        return self.tr("Own version: {what}").format(what=", ".join(parts))

    def step(self, step: str) -> str:
        """A publishing step in words."""
        steps = {
            "start": self.tr("Publishing…"),
            "upload": self.tr("Uploading photos…"),
            "post": self.tr("Publishing the post…"),
            "uploading": self.tr("Uploading the video…"),
            "processing": self.tr("OK is processing the video…"),
            "rate_limited": self.tr("OK asks to slow down; trying again…"),
            "waiting": self.tr("OK is busy; trying again…"),
            "confirming": self.tr("Checking whether it was published…"),
        }
        return steps.get(step, self.tr("Publishing…"))

    def when(self, ms: int, moscow: bool = True) -> str:
        """ "14:02" today, else "1 Dec 09:00", in the user's zone; "(Moscow 11:00)" where that differs."""
        zone = qt_zone(window_tz())  # the settings' zone, as every time in the window
        moment = QDateTime.fromMSecsSinceEpoch(ms, zone)
        today = QDateTime.currentDateTime().toTimeZone(zone).date()
        locale = QLocale()
        text = locale.toString(moment, "HH:mm" if moment.date() == today else "d MMM HH:mm")
        there = moment.toTimeZone(MOSCOW)
        if moscow and moment.offsetFromUtc() != there.offsetFromUtc():
            text += " " + self.tr("(Moscow {time})").format(time=locale.toString(there, "HH:mm"))
        return text

    def reason(self, result: TargetResult) -> str:
        """Why a target was not sent, in one line: the failure in the UI language when this process saw it,
        else the reason the run stopped (cancelled, session expired) or the outbox's note."""
        if result.error is not None:
            return notice_text(result.error).split("\n", 1)[0]
        known = {
            "cancelled": self.tr("cancelled"),
            "the session expired; sign in again": self.tr("the session expired; sign in again"),
        }
        return known.get(result.message, result.message) or self.tr("unknown reason")

    def short(self, result: TargetResult) -> str:
        """The result column: the state in a few words, with its time."""
        at = result.at_ms
        if result.state == core.PUBLISHED:
            return self.tr("Published")
        if result.state == core.SCHEDULED and at is not None:
            return self.tr("Scheduled on OK for {when}").format(when=self.when(at))
        if result.state == core.WAITING and at is not None:
            return self.tr("Waiting on this computer until {when}").format(when=self.when(at, False))
        if result.state == core.UNCONFIRMED:
            return self.tr("Not confirmed — check")
        if result.state == core.NOT_SENT:
            return self.tr("Not sent: {reason}").format(reason=self.reason(result))
        if result.state == core.FAILED and result.error_code is not None:
            return self.tr("Failed: OK error {code} {name}").format(
                code=result.error_code, name=error_name(result.error_code)
            )
        if result.state == core.FAILED:
            return self.tr("Failed")
        if result.state == core.ALREADY:
            return self.already(result)
        return result.state

    def already(self, result: TargetResult) -> str:
        """A repeat that was not sent, by what became of the earlier one."""
        when = self.when(result.at_ms, False) if result.at_ms is not None else "?"
        if result.earlier_state == core.SCHEDULED:
            return self.tr("Already scheduled on OK for {when}").format(when=when)
        if result.earlier_state == core.WAITING:
            return self.tr("Already waiting on this computer until {when}").format(when=when)
        if result.earlier_state == core.PUBLISHED:
            return self.tr("Already published at {when}").format(when=when)
        return self.tr("Already sent at {when}, not confirmed").format(when=when)

    def detail(self, result: TargetResult | None, name: str | None) -> str:
        """Rich text for the selected target: its state, the link, or OK's code and what to do."""
        if result is None:
            return ""
        place = html.escape(name or "")
        short = html.escape(self.short(result))
        link = ""
        if result.url:
            url = html.escape(result.url)
            link = f'<a href="{url}">{url}</a>'
        if result.state in (core.PUBLISHED, core.SCHEDULED):
            return f"{short}: {link}" if link else short
        if result.state == core.WAITING:
            return f"{short}.<br>" + html.escape(
                self.tr(
                    "OK cannot delay posts on your page: okcomposer keeps it on this computer and sends "
                    "it at that time while it is running."
                )
            )
        if result.state == core.ALREADY:
            open_it = html.escape(self.tr("Open it"))
            opened = f' <a href="{html.escape(result.url)}">{open_it}</a>' if result.url else ""
            text = self.tr(
                "Nothing was sent to {place}. Choose “Publish again” to publish it there once more."
            )
            return f"{short}.{opened}<br>" + html.escape(text).replace("{place}", place)
        if result.state == core.UNCONFIRMED:
            text = self.tr(
                "OK did not confirm this post: the connection broke while OK was publishing it and it is not "
                "among the latest posts of {place}. Look there on ok.ru, then choose “Check again” or "
                "“Publish anyway”; okcomposer never sends it twice on its own."
            )
            return html.escape(text).replace("{place}", place)
        if result.state == core.FAILED and result.error_code is not None:
            # OK's code and name, then the translated explanation (the core's English text stays in the log).
            lines = [self.short(result), error_help(result.error_code)]
        elif result.state == core.NOT_SENT:
            lines = [self.short(result), self.tr("It never reached OK; “Retry failed” sends it.")]
        else:
            lines = [self.short(result), self.reason(result)]
        text = "<br>".join(html.escape(line) for line in lines if line)
        return f'<span style="color:#d32f2f">{text}</span>'

    def summary(self, results: dict[str, TargetResult]) -> str:
        """ "2 published, 1 scheduled, 1 waiting", then what the user may do about the rest."""
        words = {
            core.PUBLISHED: self.tr("{n} published"),
            core.SCHEDULED: self.tr("{n} scheduled"),
            core.WAITING: self.tr("{n} waiting"),
            core.ALREADY: self.tr("{n} already there"),
            core.UNCONFIRMED: self.tr("{n} not confirmed"),
            core.NOT_SENT: self.tr("{n} not sent"),
            core.FAILED: self.tr("{n} failed"),
        }
        counts = {s: sum(r.state == s for r in results.values()) for s in core.STATES}
        locale = QLocale()
        line = ", ".join(words[s].format(n=locale.toString(n)) for s, n in counts.items() if n)
        line = line[:1].upper() + line[1:]  # "опубликовано: 1, …" starts a sentence
        hints = []
        if counts[core.FAILED] or counts[core.NOT_SENT]:
            hints.append(self.tr("“Retry failed” sends the failed and not-sent ones only."))
        if counts[core.UNCONFIRMED]:
            hints.append(self.tr("Not confirmed: look on ok.ru, then “Check again”."))
        if counts[core.ALREADY]:
            hints.append(self.tr("Already there: select one to open it or publish it again."))
        return ". ".join([line, " ".join(hints)]) if hints else line
