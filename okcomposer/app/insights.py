"""Insights: fetch OK's figures for the groups the user administers into the cache, and read them back.

A refresh asks group.getStatTopics page by page (100 topics a page: a 500-topic refresh is 5 calls, plus
one mediatopic.getTopics for the first words of posts the outbox did not send, plus one group.getStatTrends
for the group's daily figures), retries 2, 8 and 11 with
app.retry's backoff (rate limits wait 2-30 s), and writes each group's figures in one short transaction.
It runs on whatever thread calls it and never holds the database while asking OK, so a publish is never
kept waiting; a group refreshed less than `min_interval_ms` ago is not asked again unless forced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from okcomposer.api import methods, stats
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkApiError, OkCancelled, OkError
from okcomposer.app.retry import retrying
from okcomposer.store.drafts import DraftStore, now_ms
from okcomposer.store.figures import CachedTopic, FiguresStore
from okcomposer.store.outbox import ON_OK, OutboxStore

MIN_INTERVAL_MS = 15 * 60_000  # at most one refresh of a group per quarter hour, unless asked
DEFAULT_DAYS = 90  # how far back a refresh asks
DAY_MS = 86_400_000
SMALL_PAGE = 20  # asked instead when OK refuses a page of 100 (its largest page is unpublished)
WORDS = 60  # characters of a post's first line kept as its "first words"


@dataclass(frozen=True)
class Refreshed:
    """What one group's refresh did: `calls` made to OK, `topics` written; `skipped` when fresh enough."""

    target: str
    calls: int = 0
    topics: int = 0
    skipped: bool = False
    days: int = 0  # daily points of group.getStatTrends written (0: OK gave none or refused them)


def first_words(media: list) -> str:
    """The first line of a post's first text block, cut to WORDS characters ("" when it has no text)."""
    for block in media:
        if isinstance(block, dict) and block.get("type") == "text" and isinstance(block.get("text"), str):
            line = block["text"].strip().split("\n", 1)[0].strip()
            return line if len(line) <= WORDS else line[: WORDS - 1].rstrip() + "…"
    return ""


def administered_groups(
    client: OkClient, uid: str = "", cancel: CancelToken | None = None
) -> list[methods.Group]:
    """The groups whose statistics the user may read: those where they are ADMIN (docs/ok-api.md "Insights";
    whether moderators may too is unconfirmed). Raises OkError."""
    from okcomposer.app.groups import load_groups

    _uid, found = load_groups(client, uid, cancel=cancel)
    return [group for group, member in found if member is not None and member.status == "ADMIN"]


class Insights:
    """The figures cache of one account (`owner`, "API address|uid") over a DraftStore."""

    def __init__(self, drafts: DraftStore, owner: str = "", clock: Callable[[], int] = now_ms):
        self.drafts = drafts
        self.figures = FiguresStore(drafts)
        self.owner = owner
        self.clock = clock

    def due(self, gid: str, min_interval_ms: int = MIN_INTERVAL_MS) -> bool:
        """Whether `gid` was never refreshed or longer than min_interval_ms ago."""
        last = self.figures.refreshed_ms(self.owner, gid)
        return last is None or self.clock() - last >= min_interval_ms

    def refresh(
        self,
        client: OkClient,
        gid: str,
        *,
        since_ms: int | None = None,
        force: bool = False,
        min_interval_ms: int = MIN_INTERVAL_MS,
        cancel: CancelToken | None = None,
        on_wait: Callable[[BaseException, float], None] | None = None,
    ) -> Refreshed:
        """Fetch `gid`'s topics created since since_ms (default DEFAULT_DAYS ago) with their figures.

        Raises OkApiError when OK refuses (10/50: not an admin; 8/11 still after the retries), OkError for
        the network, OkCancelled; what was cached before stays as it was.
        """
        if not force and not self.due(gid, min_interval_ms):
            return Refreshed(gid, skipped=True)
        started = self.clock()
        since = started - DEFAULT_DAYS * DAY_MS if since_ms is None else since_ms
        calls = 0
        size = stats.PAGE_SIZE

        def page(anchor: str | None) -> stats.StatPage:
            nonlocal calls, size

            def once() -> stats.StatPage:
                nonlocal calls
                calls += 1
                return stats.get_stat_topics_page(client, gid, since, started, size, anchor)

            try:
                return retrying(once, cancel=cancel, on_wait=on_wait)
            except OkApiError as exc:
                if exc.code != 100 or anchor is not None or size == SMALL_PAGE:
                    raise
                size = SMALL_PAGE  # perhaps a page of 100 is too large for OK: ask for less once
                return retrying(once, cancel=cancel, on_wait=on_wait)

        found: dict[str, stats.TopicFigures] = {}
        for got in stats.iter_stat_topics(client, gid, fetch_page=page):
            for topic in got.topics:
                found.setdefault(topic.id, topic)
        words = self._known_words(gid)
        missing = [tid for tid in found if not words.get(tid)]
        if missing:
            calls += 1
            words.update(self._listed_words(client, gid, cancel))
        rows = [
            CachedTopic(t.id, gid, t.created_ms, started, words.get(t.id, ""), t.figures)
            for t in found.values()
        ]
        days, asked = self._trends(client, gid, since, started, cancel, on_wait)
        calls += asked
        self.figures.put(self.owner, rows)
        if days:
            self.figures.put_trends(self.owner, gid, days, started)
        self.figures.mark_refreshed(self.owner, gid, started)
        return Refreshed(gid, calls=calls, topics=len(rows), days=len(days))

    @staticmethod
    def _trends(
        client: OkClient,
        gid: str,
        since: int,
        until: int,
        cancel: CancelToken | None,
        on_wait: Callable[[BaseException, float], None] | None,
    ) -> tuple[dict[int, dict[str, int]], int]:
        """The group's daily figures from group.getStatTrends ({day start ms: {field: value}}) and the calls
        made, with the same retries as the topics; {} when OK refuses them or gives none: the chart then sums
        the topics of each day, so the trends are never worth failing a refresh for."""
        asked = 0

        def once() -> dict[str, list[tuple[int, int]]]:
            nonlocal asked
            asked += 1
            return stats.get_stat_trends(client, gid, since, until)

        try:
            series = retrying(once, cancel=cancel, on_wait=on_wait)
        except OkCancelled:
            raise
        except OkError:
            return {}, asked
        return stats.by_day(series), asked

    def trends(self, gid: str, since_ms: int = 0) -> list[tuple[int, dict[str, int], int]]:
        """Cached daily figures of `gid` since since_ms: (day start ms, {field: value}, fetched ms)."""
        return self.figures.trends(self.owner, gid, since_ms)

    def _known_words(self, gid: str) -> dict[str, str]:
        """First words of this group's cached topics and of the posts the outbox sent there."""
        words = {t.topic_id: t.words for t in self.figures.topics(self.owner, gid) if t.words}
        for entry in OutboxStore(self.drafts).in_states(ON_OK):
            if entry.target == gid and entry.topic_id and entry.summary:
                words.setdefault(entry.topic_id, entry.summary[:WORDS])
        return words

    @staticmethod
    def _listed_words(client: OkClient, gid: str, cancel: CancelToken | None) -> dict[str, str]:
        """First words of the group's latest topics from mediatopic.getTopics; {} when it cannot be asked:
        the words are a nicety, never worth failing a refresh for."""
        try:
            listed = retrying(lambda: methods.get_topics(client, gid=gid, count=100), cancel=cancel)
        except OkCancelled:
            raise
        except OkError:
            return {}
        return {topic.id: first_words(topic.media) for topic in listed}

    def topics(self, gid: str | None = None, since_ms: int = 0) -> list[CachedTopic]:
        """Cached topics of `gid` (every group when None) created since since_ms, newest first."""
        return self.figures.topics(self.owner, gid, since_ms)
