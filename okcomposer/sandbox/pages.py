"""Read-only HTML pages of what the sandbox stored: GET /sandbox/ lists topics, Moments, photos and videos;
GET /sandbox/topic/<id> shows one topic as it was posted. The window's Help → Sandbox opens the first; links
to topics published to the sandbox (app.publish.topic_url) open the second, never ok.ru.

Everything shown comes from requests anyone on this computer could have sent, so every value is escaped.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import escape
from typing import Any

from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import Response

STYLE = """body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{color:#ee8208}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;
padding:.3rem .5rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;background:#f6f6f6;
padding:.6rem;overflow-wrap:anywhere}.note{color:#666}"""


def _page(title: str, body: str, status: int = 200) -> Response:
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return Response(status=status, body=html.encode("utf-8"), content_type="text/html;charset=utf-8")


def _when(ms: Any) -> str:
    if not isinstance(ms, int):
        return ""
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def _where(topic: dict) -> str:
    gid = topic.get("gid")
    if gid is None:
        return f"{demo.USER['name']} (user {topic.get('uid', '')})"
    group = demo.GROUPS.get(str(gid))
    return f"{group['name']} (group {gid})" if group else f"group {gid}"


def _first_text(topic: dict) -> str:
    for block in topic.get("attachment", {}).get("media", []):
        if isinstance(block, dict) and block.get("type") == "text" and block.get("text"):
            return str(block["text"])[:80]
    return ""


def _row(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


def index(world) -> Response:
    """Every topic, Moment, photo and video stored since the sandbox started (or was reset)."""
    state = world.snapshot()
    parts = [
        f'<p class="note">A local OK sandbox at {escape(world.base_url)}: nothing here reached ok.ru. '
        f"It forgets everything when it stops. Signed in as {escape(demo.USER['name'])}.</p>",
        "<h2>Topics</h2>",
    ]
    topics = state["topics"]
    if topics:
        rows = [
            _row(
                f'<a href="/sandbox/topic/{escape(str(t["id"]))}">{escape(str(t["id"]))}</a>',
                escape(str(t.get("type", ""))),
                escape(_where(t)),
                escape(_when(t.get("created_ms"))),
                escape(_when(t.get("publish_at_ms"))),
                escape(_first_text(t)),
            )
            for t in reversed(topics)
        ]
        head = _row("Topic", "Type", "Where", "Posted", "Publish at", "Text").replace("td>", "th>")
        parts.append(f"<table>{head}{''.join(rows)}</table>")
    else:
        parts.append('<p class="note">No topics yet.</p>')
    parts.append("<h2>Moments</h2>")
    moments = [
        _row(
            *(escape(str(m.get(key) or "")) for key in ("id", "photo_id")), escape(_when(m.get("created_ms")))
        )
        for m in state["moments"]
    ]
    parts.append(f"<table>{''.join(moments)}</table>" if moments else '<p class="note">No Moments yet.</p>')
    photos, videos = state["photos"], state["videos"]
    parts.append(
        f"<h2>Uploads</h2><p>{len(photos)} photos "
        f"({sum(int(p.get('bytes') or 0) for p in photos)} bytes), {len(videos)} videos.</p>"
    )
    return _page("okcomposer sandbox", "".join(parts))


def topic(world, topic_id: str) -> Response:
    """One topic: where, when, its options, each block, and the attachment exactly as it was sent."""
    state = world.snapshot()
    found = next((t for t in state["topics"] if str(t["id"]) == topic_id), None)
    if found is None:
        seeded = demo.TOPICS.get(topic_id)
        text = "a topic of the demo world (it was not posted here)" if seeded else "no such topic"
        body = f'<p class="note">{escape(topic_id)}: {escape(text)}.</p><p><a href="/sandbox/">All</a></p>'
        return _page("Topic " + topic_id, body, 200 if seeded else 404)
    facts = [
        ("Type", str(found.get("type", ""))),
        ("Where", _where(found)),
        ("Posted", _when(found.get("created_ms"))),
        ("Publish at", _when(found.get("publish_at_ms")) or "at once"),
        ("On behalf of the group", "yes" if found.get("on_behalf_of_group") else "no"),
        ("Comments off", "yes" if found.get("disable_comments") else "no"),
        ("Hidden", "yes" if found.get("hidden") else "no"),
    ]
    rows = "".join(_row(escape(name), escape(value)) for name, value in facts)
    blocks = "".join(_block(b) for b in found.get("attachment", {}).get("media", []) if isinstance(b, dict))
    raw = str(found.get("attachment_raw") or "")
    try:
        raw = json.dumps(json.loads(raw), ensure_ascii=False, indent=2)
    except ValueError:
        pass  # shown as it came
    body = (
        f'<p><a href="/sandbox/">All topics</a></p><table>{rows}</table><h2>Blocks</h2>{blocks}'
        f"<h2>The attachment as sent</h2><pre>{escape(raw)}</pre>"
    )
    return _page("Topic " + topic_id, body)


def _block(block: dict) -> str:
    kind = str(block.get("type", "?"))
    if kind == "text":
        inner = f"<pre>{escape(str(block.get('text', '')))}</pre>"
    elif kind == "link":
        inner = f"<p>{escape(str(block.get('url', '')))}</p>"
    elif kind == "poll":
        answers = "".join(f"<li>{escape(str(a.get('text', a)))}</li>" for a in block.get("answers", []))
        inner = f"<p>{escape(str(block.get('question', '')))}</p><ul>{answers}</ul>"
    elif kind == "photo":
        items = block.get("list", [])
        inner = f"<p>{len(items)} photo(s): " + escape(", ".join(str(i.get("id", i)) for i in items)) + "</p>"
    else:
        inner = f"<pre>{escape(json.dumps(block, ensure_ascii=False, indent=2))}</pre>"
    return f"<h3>{escape(kind)}</h3>{inner}"
