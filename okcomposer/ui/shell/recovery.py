"""After a crash or a kill, in the window: publishes cut off (settled by the outbox runner) are shown as
they ended; late page posts are put to the user; a drafts database found damaged is reported."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from okcomposer.store.drafts import DraftStore
from okcomposer.store.outbox import Entry
from okcomposer.ui.common import outbox_words as words


def entry_text(entry: Entry) -> str:
    """One settled publish in words, as rich text (a link can be clicked)."""
    title = html.escape(entry.summary or QCoreApplication.translate("InterruptedPublishes", "(no text)"))
    if entry.state in ("published", "scheduled"):
        url = html.escape(entry.url or "")
        text = QCoreApplication.translate(
            "InterruptedPublishes", "Publishing “{title}” was interrupted, but it is on OK: {link}"
        )
        return text.format(title=title, link=f'<a href="{url}">{url}</a>')
    if entry.state == "not_sent":
        text = QCoreApplication.translate(
            "InterruptedPublishes",
            "Publishing “{title}” was interrupted before it reached OK: it was not published.",
        )
    else:
        text = QCoreApplication.translate(
            "InterruptedPublishes",
            "Publishing “{title}” was interrupted and OK could not tell whether it went out; "
            "check on OK before publishing it again.",
        )
    return text.format(title=title)


def settled_text(entries: list[Entry]) -> str:
    """The status bar line: the one outcome, or counts when several publishes were interrupted."""
    if len(entries) == 1:
        return entry_text(entries[0])
    states = [e.state for e in entries]
    text = QCoreApplication.translate(
        "InterruptedPublishes",
        "{count} publishes were interrupted: {published} are on OK, {draft} were not published, "
        "{unknown} need checking on OK. See History.",
    )
    locale = QLocale()
    return text.format(
        count=locale.toString(len(entries)),
        published=locale.toString(states.count("published") + states.count("scheduled")),
        draft=locale.toString(states.count("not_sent")),
        unknown=locale.toString(states.count("unconfirmed")),
    )


def sent_text(entries: list[Entry]) -> str:
    """Waiting posts sent by the timer: each one's outcome, in words."""
    parts = []
    for entry in entries:
        title = html.escape(entry.summary or QCoreApplication.translate("InterruptedPublishes", "(no text)"))
        parts.append(f"“{title}”: {html.escape(words.detail_text(entry))}")
    return "; ".join(parts)


def plain(rich: str) -> str:
    """Rich text as plain text (for a tooltip)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rich))


def ask_overdue(window, entries: list[Entry], then: Callable[[], None]) -> None:
    """Ask about each late page post in turn; the choice is carried out on the store queue."""
    from okcomposer.ui.schedule.outbox_runner import new_time_dialog, overdue_dialog

    if not entries:
        return
    entry, rest = entries[0], entries[1:]
    box = overdue_dialog(entry, window)
    store = window.context.outbox.store

    def next_one() -> None:
        if rest:
            ask_overdue(window, rest, then)
        else:
            then()

    def decided(_result: int) -> None:
        clicked = box.clickedButton()
        if clicked is box.property("send_button"):
            now = QDateTime.currentMSecsSinceEpoch()
            window.queue.submit(lambda: store.reschedule(entry.id, now), then=lambda _ok: next_one())
        elif clicked is box.property("discard_button"):
            window.queue.submit(lambda: store.discard(entry.id), then=lambda _ok: next_one())
        elif clicked is box.property("time_button"):
            dialog, edit = new_time_dialog(window)

            def chosen(result: int) -> None:
                if result == QDialog.DialogCode.Accepted:
                    when = edit.dateTime().toMSecsSinceEpoch()
                    window.queue.submit(lambda: store.reschedule(entry.id, when), then=lambda _ok: next_one())
                else:
                    next_one()

            dialog.finished.connect(chosen)
            window.open_dialog(dialog)
        else:
            next_one()  # closed without a choice: it stays waiting and is asked about at the next start

    box.finished.connect(decided)
    window.open_dialog(box)


def store_notice_dialog(store: DraftStore, parent: QWidget) -> QMessageBox:
    """The drafts database was found damaged: say so in the store's words (notice), in the UI's language."""
    if store.restored:
        text = QCoreApplication.translate(
            "MainWindow",
            "The drafts database was damaged; it was restored from the last backup. "
            "The damaged file was kept as {name}.",
        )
    else:
        text = QCoreApplication.translate(
            "MainWindow",
            "The drafts database was damaged and no usable backup was found; a new one was started. "
            "The damaged file was kept as {name}.",
        )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("MainWindow", "Drafts"),
        text.format(name=store.damaged_file or "?"),
        parent=parent,
    )
    box.setProperty("notice", store.notice)
    return box
