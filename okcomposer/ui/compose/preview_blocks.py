"""The HTML of the preview's parts (QTextDocument's rich-text subset): header, poll, link card, videos,
music, game and app blocks, the like/comment/share bar. The view (preview.py) assembles them."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette

from okcomposer.api.blocks import AppBlock, AppRefBlock, MovieBlock, MusicBlock, PollBlock, PollOption
from okcomposer.app.linkcard import LinkCard


@dataclass(frozen=True)
class Colors:
    """The preview's colours, from the palette (light or dark theme)."""

    feed: str  # behind the card
    card: str
    text: str
    muted: str
    link: str
    line: str  # borders and the poll's answer boxes
    fill: str  # placeholders

    @classmethod
    def of(cls, palette: QPalette) -> Colors:
        base = palette.color(QPalette.ColorRole.Base)
        window = palette.color(QPalette.ColorRole.Window)
        dark = base.lightness() < 128
        return cls(
            feed=window.name() if not dark else window.darker(115).name(),
            card=base.name() if not dark else window.name(),
            text=palette.color(QPalette.ColorRole.Text).name(),
            muted="#9a9aa0" if dark else "#6b6b70",
            link=palette.color(QPalette.ColorRole.Link).name(),
            line="#46464c" if dark else "#e1e1e4",
            fill="#3a3a40" if dark else "#ececee",
        )


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def header(name: str, group: str, when: str, colors: Colors, avatar_size: int) -> str:
    """Avatar (the avatar: image), name, "in the group …" and the time, as a two-cell table."""
    place = f"<span style='color:{colors.muted}'> → {e(group)}</span>" if group else ""
    return (
        "<table cellspacing='0' cellpadding='0'><tr>"
        f"<td width='{avatar_size + 10}' valign='middle'>"
        f"<img src='avatar:' width='{avatar_size}' height='{avatar_size}'></td>"
        f"<td valign='middle'><b style='color:{colors.link}'>{e(name)}</b>{place}<br>"
        f"<span style='color:{colors.muted}; font-size:small'>{e(when)}</span></td>"
        "</tr></table>"
    )


def poll(block: PollBlock, colors: Colors) -> str:
    """The question, then each answer in a box (a round mark for one choice, a square for several)."""
    mark = "○" if PollOption.SINGLE_CHOICE in block.options else "☐"
    rows = "".join(
        f"<tr><td bgcolor='{colors.fill}' style='padding:6px 8px'>{mark}&nbsp; {e(answer)}</td></tr>"
        "<tr><td height='4'></td></tr>"
        for answer in block.answers
    )
    notes = []
    if PollOption.ANONYMOUS_VOTING in block.options:
        notes.append(QCoreApplication.translate("Preview", "Anonymous poll"))
    if PollOption.RESULTS_AFTER_VOTING in block.options:
        notes.append(QCoreApplication.translate("Preview", "Results after voting"))
    note = f"<p style='color:{colors.muted}; font-size:small'>{e(' · '.join(notes))}</p>" if notes else ""
    return (
        f"<p><b>{e(block.question)}</b></p>"
        f"<table width='100%' cellspacing='0' cellpadding='0'>{rows}</table>{note}"
    )


def link_card(card: LinkCard, colors: Colors, image_width: int, image_height: int) -> str:
    """The page's image (the linkimage: image, when there is one), site, title and description."""
    host = card.site or urlsplit(card.url).hostname or card.url
    picture = (
        f"<tr><td><img src='linkimage:{e(card.url)}' width='{image_width}' height='{image_height}'></td></tr>"
        if image_height
        else ""
    )
    # A page not read (yet, or at all) still shows where the link goes.
    title = f"<b>{e(card.title)}</b><br>" if card.title else f"<span>{e(card.url)}</span><br>"
    description = f"<span>{e(card.description)}</span><br>" if card.description else ""
    return (
        f"<table width='100%' cellspacing='0' cellpadding='0' bgcolor='{colors.fill}'>{picture}"
        f"<tr><td style='padding:8px'>{title}{description}"
        f"<a href='{e(card.url)}' style='color:{colors.muted}; font-size:small'>{e(host.upper())}</a>"
        "</td></tr></table>"
    )


def movies(block: MovieBlock, colors: Colors) -> str:
    rows = [
        QCoreApplication.translate("Preview", "▶ Video {0}").format("?" if i.id is None else i.id)
        for i in block.items
    ]
    return "".join(f"<p style='background:{colors.fill}; padding:6px'>{e(row)}</p>" for row in rows)


def music(block: MusicBlock) -> str:
    rows = []
    for item in block.items:
        line = " — ".join(x for x in (item.title, item.artist_name) if x) or str(item.id or "?")
        album = f" <i>({e(item.album_name)})</i>" if item.album_name else ""
        rows.append(f"<p>♪ {e(line)}{album}</p>")
    return "".join(rows)


def app(block: AppBlock, colors: Colors) -> str:
    image = block.images[0] if block.images else None
    action = block.actions[0] if block.actions else None
    lines = [e(block.text or "")]
    if image is not None:
        lines.append(f"<span style='color:{colors.muted}'>🖼 {e(image.title or image.url or '')}</span>")
    if action is not None:
        lines.append(f"<b>[ {e(action.text or '')} ]</b>")
    return boxed("<br>".join(lines), colors)


def app_ref(block: AppRefBlock, colors: Colors) -> str:
    title = QCoreApplication.translate("Preview", "App {0}").format(block.app_id)
    return boxed(f"<b>{e(title)}</b><br>{e(block.text or block.snippet or '')}", colors)


def boxed(body: str, colors: Colors) -> str:
    table = f"<table width='100%' cellspacing='0' cellpadding='8' bgcolor='{colors.fill}'>"
    return f"{table}<tr><td>{body}</td></tr></table>"


def actions_bar(colors: Colors) -> str:
    """OK's bar under a post: comment, share, and "Класс" (OK's like), with no counts before publishing."""
    cells = (
        QCoreApplication.translate("Preview", "💬 Comment"),
        QCoreApplication.translate("Preview", "↪ Share"),
        QCoreApplication.translate("Preview", "👍 Like"),
    )
    row = "".join(
        f"<td align='{align}' style='color:{colors.muted}'>{e(text)}</td>"
        for text, align in zip(cells, ("left", "center", "right"), strict=True)
    )
    table = "<table width='100%' cellspacing='0' cellpadding='2'>"
    return f"<hr style='color:{colors.line}'>{table}<tr>{row}</tr></table>"


def when_text(scheduled: str | None, hidden: bool) -> str:
    """The header's time: "just now" or the schedule; "hidden" for a hidden topic."""
    text = (
        QCoreApplication.translate("Preview", "Scheduled for {0}").format(scheduled)
        if scheduled
        else QCoreApplication.translate("Preview", "just now")
    )
    return text + (" · " + QCoreApplication.translate("Preview", "hidden topic") if hidden else "")
