"""Outbox states in the window's words (translated): one place for "Published", "Scheduled on OK for …"."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone

from okcomposer.store.outbox import (
    DISCARDED,
    FAILED,
    NOT_SENT,
    PUBLISHED,
    SCHEDULED,
    SENDING,
    UNCONFIRMED,
    WAITING,
    Entry,
)
from okcomposer.ui.common.times import qt_zone, window_tz

CONTEXT = "Outbox"
MOSCOW = QTimeZone(b"Europe/Moscow")


def when_text(ms: int) -> str:
    """ "1 Dec 09:00" in the user's zone and language, with "(Moscow 11:00)" where Moscow's clock differs."""
    moment = QDateTime.fromMSecsSinceEpoch(ms, qt_zone(window_tz()))  # the settings' zone
    locale = QLocale()
    text = locale.toString(moment, "d MMM HH:mm")
    moscow = moment.toTimeZone(MOSCOW)
    if moment.offsetFromUtc() != moscow.offsetFromUtc():
        text += " " + QCoreApplication.translate("Outbox", "(Moscow {time})").format(
            time=locale.toString(moscow, "HH:mm")
        )
    return text


def state_name(entry: Entry) -> str:
    """A short state for lists: "Published", "Scheduled on OK for …", "Waiting until …", "Not confirmed"."""
    if entry.state == PUBLISHED:
        return QCoreApplication.translate("Outbox", "Published")
    if entry.state == SCHEDULED and entry.publish_at_ms is not None:
        return QCoreApplication.translate("Outbox", "Scheduled on OK for {when}").format(
            when=when_text(entry.publish_at_ms)
        )
    if entry.state == WAITING and entry.due_ms is not None:
        return QCoreApplication.translate("Outbox", "Waiting on this computer until {when}").format(
            when=when_text(entry.due_ms)
        )
    if entry.state == SENDING:
        return QCoreApplication.translate("Outbox", "Sending…")
    if entry.state == UNCONFIRMED:
        return QCoreApplication.translate("Outbox", "Not confirmed — check")
    if entry.state == NOT_SENT:
        return QCoreApplication.translate("Outbox", "Not sent")
    if entry.state == FAILED:
        return QCoreApplication.translate("Outbox", "Failed")
    if entry.state == DISCARDED:
        return QCoreApplication.translate("Outbox", "Discarded")
    return entry.state


def detail_text(entry: Entry) -> str:
    """The full sentence for the status bar or a tooltip (plain text)."""
    name = state_name(entry)
    if entry.state == NOT_SENT:
        return QCoreApplication.translate("Outbox", "Not sent: {reason}").format(reason=reason_text(entry))
    if entry.state == FAILED:
        return QCoreApplication.translate("Outbox", "Failed: {reason}").format(reason=reason_text(entry))
    if entry.state == PUBLISHED and entry.kind == "moment" and entry.detail:
        return QCoreApplication.translate(
            "Outbox", "Published, but OK's answer was not understood: look at your Moments on ok.ru."
        )
    if entry.state == UNCONFIRMED and entry.kind == "moment":
        return QCoreApplication.translate(
            "Outbox",
            "Not confirmed — OK did not confirm the Moments. Look at your Moments on ok.ru before "
            "posting them again.",
        )
    if entry.state == UNCONFIRMED:
        return QCoreApplication.translate(
            "Outbox",
            "Not confirmed — the connection broke while OK was publishing it and it is not among the "
            "latest posts. Look on OK, then choose Check again or Publish anyway.",
        )
    return name


def reason_text(entry: Entry) -> str:
    """Why an entry was not sent or failed: the failure in the UI language when this process saw it
    (entry.extra["error"]), OK's code and what to do, else the reason kept with the entry in the UI
    language (a note written before reasons were kept, and not one of theirs, as it was stored)."""
    from okcomposer.api.errors import error_name
    from okcomposer.ui.common.i18n import error_help, error_text

    error = entry.extra.get("error")
    if isinstance(error, BaseException):
        return error_text(error)
    if entry.state == FAILED and entry.code is not None:
        return f"{entry.code} {error_name(entry.code)}: {error_help(entry.code)}"
    if entry.reason is not None:  # kept as a code (store migration 6 gave earlier notes theirs)
        from okcomposer.app.messages import Message
        from okcomposer.ui.common.message_text import message_text

        return message_text(Message(entry.reason["code"], entry.reason.get("params") or {}))
    return entry.detail or QCoreApplication.translate("Outbox", "unknown reason")


def outcome_html(entry: Entry) -> str:
    """The publish panel's line: the state, and the link where OK gave one."""
    text = html.escape(detail_text(entry))
    if entry.state in (PUBLISHED, SCHEDULED) and entry.url:
        url = html.escape(entry.url)
        text += f' — <a href="{url}">{url}</a>'
    if entry.state in (NOT_SENT, FAILED, UNCONFIRMED):
        return f'<span style="color:#d32f2f">{text}</span>'
    return text


def where_name(entry: Entry) -> str:
    return (
        QCoreApplication.translate("Outbox", "My page")
        if entry.target == "me"
        else (entry.target_name or entry.target)
    )
