"""The many-targets list: my page and my groups, checkable where I may post, their versions and results."""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from okcomposer.api.errors import error_name
from okcomposer.app import multi as core
from okcomposer.app.multi import Override, TargetResult
from okcomposer.ui.i18n import error_help

ID_ROLE = Qt.ItemDataRole.UserRole
NAME, VERSION, RESULT = range(3)
COLOURS = {core.PUBLISHED: "#2e7d32", core.FAILED: "#c62828", core.UNKNOWN: "#e65100", core.QUEUED: "#1565c0"}


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
        return [self.topLevelItem(row) for row in range(self.topLevelItemCount())]

    def item(self, target: str) -> QTreeWidgetItem | None:
        return next((i for i in self.items() if i.data(NAME, ID_ROLE) == target), None)

    def keep_first(self) -> None:
        """Drop the groups, keep my page (the first row)."""
        while self.topLevelItemCount() > 1:
            self.takeTopLevelItem(1)

    @staticmethod
    def enabled(item: QTreeWidgetItem) -> bool:
        return bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)

    def checked(self) -> list[str]:
        return [
            i.data(NAME, ID_ROLE)
            for i in self.items()
            if self.enabled(i) and i.checkState(NAME) == Qt.CheckState.Checked
        ]

    def set_checked(self, target: str, checked: bool = True) -> None:
        item = self.item(target)
        if item is not None and self.enabled(item):
            item.setCheckState(NAME, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def select(self, target: str) -> None:
        item = self.item(target)
        if item is not None:
            self.setCurrentItem(item)

    def current(self, default: str) -> str:
        item = self.currentItem()
        return item.data(NAME, ID_ROLE) if item is not None else default

    def set_version(self, target: str, text: str) -> None:
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
        steps = {
            "start": self.tr("Publishing…"),
            "upload": self.tr("Uploading photos…"),
            "commit": self.tr("Saving the photos…"),
            "post": self.tr("Publishing the post…"),
            "uploading": self.tr("Uploading the video…"),
            "processing": self.tr("OK is processing the video…"),
            "rate_limited": self.tr("OK asks to slow down; trying again…"),
            "waiting": self.tr("OK is busy; trying again…"),
            "confirming": self.tr("Checking whether it was published…"),
        }
        return steps.get(step, self.tr("Publishing…"))

    def state(self, state: str) -> str:
        return {
            core.PUBLISHED: self.tr("Published"),
            core.FAILED: self.tr("Failed"),
            core.UNKNOWN: self.tr("Not confirmed: check on ok.ru"),
            core.QUEUED: self.tr("Queued: needs the app running"),
        }.get(state, state)

    def short(self, result: TargetResult) -> str:
        if result.state == core.FAILED and result.error_code is not None:
            return self.tr("Failed: OK error {code}").format(code=result.error_code)
        return self.state(result.state)

    def detail(self, result: TargetResult | None, name: str | None) -> str:
        """Rich text for the selected target: the link, or OK's code and message and what to do."""
        if result is None:
            return ""
        if result.state == core.PUBLISHED and result.url:
            link = html.escape(result.url)
            return self.tr("Published: {link}").format(link=f'<a href="{link}">{link}</a>')
        if result.state == core.UNKNOWN:
            text = self.tr(
                "OK did not confirm this post. Look at {place} on ok.ru before publishing there again; "
                "okcomposer will not send it twice."
            ).format(place=name or "")
            return html.escape(text)
        if result.state == core.QUEUED:
            return html.escape(
                self.tr(
                    "OK cannot delay posts on your page: okcomposer posts it on time if it is running then."
                )
            )
        if result.error_code is not None:
            # OK's code and name, then the translated explanation (the core's English text stays in the log).
            lines = [self.short(result), f"{result.error_code} {error_name(result.error_code)}"]
            lines.append(error_help(result.error_code))
        else:
            lines = [self.short(result), result.message]
        text = "<br>".join(html.escape(line) for line in lines if line)
        return f'<span style="color:#d32f2f">{text}</span>'

    def summary(self, results: dict[str, TargetResult]) -> str:
        count = len(results)
        done = sum(r.state == core.PUBLISHED for r in results.values())
        failed = sum(r.state == core.FAILED for r in results.values())
        unknown = sum(r.state == core.UNKNOWN for r in results.values())
        queued = sum(r.state == core.QUEUED for r in results.values())
        if done == count:
            return self.tr("Published everywhere: {done} of {count}.").format(done=done, count=count)
        head = self.tr("Partly published: {done} of {count}.") if done else self.tr("Nothing was published.")
        parts = [head.format(done=done, count=count)]
        if failed:
            parts.append(self.tr("Failed: {n}; “Retry failed” sends to those only.").format(n=failed))
        if unknown:
            parts.append(self.tr("Not confirmed: {n}; check on ok.ru.").format(n=unknown))
        if queued:
            parts.append(self.tr("Waiting on this computer: {n}.").format(n=queued))
        return " ".join(parts)
