"""What the Drafts and History lists ask for: a filter (words, place, states, period) turned into SQL, and
pages of rows read through the indexes of store.drafts_schema (migration 4), never the whole table."""

from __future__ import annotations

from dataclasses import dataclass

PAGE = 200  # rows per page a list reads at a time


@dataclass(frozen=True)
class ListFilter:
    """Which rows a list shows; empty fields filter nothing. Times are ms since the epoch, `until_ms`
    excluded. `text` is looked for in the title or summary, the place's name, the link (case-insensitive
    for ASCII letters, as SQLite's LIKE is)."""

    text: str = ""
    target: str = ""  # "me" or a group id
    states: tuple[str, ...] = ()
    since_ms: int | None = None
    until_ms: int | None = None


def like(text: str) -> str:
    """`text` as a LIKE pattern that matches it anywhere, its own % and _ taken literally (ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where(
    found: ListFilter,
    *,
    text_columns: tuple[str, ...],
    target: str,
    state: str,
    time: str,
) -> tuple[str, list]:
    """An SQL condition (never empty: "1" when nothing is filtered) and its arguments, with the given column
    names (or expressions) for the filter's fields."""
    parts: list[str] = ["1"]
    args: list[object] = []
    if found.text.strip():
        pattern = like(found.text.strip())
        parts.append("(" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in text_columns) + ")")
        args += [pattern] * len(text_columns)
    if found.target:
        parts.append(f"{target} = ?")
        args.append(found.target)
    if found.states:
        parts.append(f"{state} IN ({', '.join('?' * len(found.states))})")
        args += list(found.states)
    if found.since_ms is not None:
        parts.append(f"{time} >= ?")
        args.append(found.since_ms)
    if found.until_ms is not None:
        parts.append(f"{time} < ?")
        args.append(found.until_ms)
    return " AND ".join(parts), args
