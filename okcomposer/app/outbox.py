"""Every publish goes through the outbox: intent first, then the call, then the answer; exactly once.

The composer, Many targets, Moments, CSV import, the CLI and restart recovery all call `Outbox`:
- `publish` (and `publish_moments`) asks first when the same content went to the same place in the last
  7 days (`AlreadyPublished`), settles an earlier attempt that a crash cut off, writes the intent, sends;
- `queue` keeps a page post on this computer until its time (OK cannot delay page posts);
- `run_due` sends what is due (the app's timer, `okcomposer outbox run`), claiming each entry first so
  two processes never send one entry twice;
- `recover` and `check` settle attempts whose answer was lost (app.confirm's rules).
Outcomes are recorded in store.outbox's states; the words for them are the UI's and the CLI's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkError
from okcomposer.api.topic import DraftError, Post, datetime_to_ms, ms_to_datetime
from okcomposer.api.upload import text_name
from okcomposer.app.confirm import digest, find_posted, fingerprint, target_of
from okcomposer.app.messages import Message, message
from okcomposer.app.outcomes import (  # the first three are also this module's API
    AlreadyPublished,
    Busy,
    SendOptions,
    failure_outcome,
    moment_marks,
    publish_post,
    reason_of,
    stored_request,
)
from okcomposer.app.photos import BadPhotos
from okcomposer.app.publish import InvalidPost, profile_url, topic_url
from okcomposer.app.schedule import title_of
from okcomposer.app.video import BadVideo
from okcomposer.store.drafts import DraftStore, now_ms
from okcomposer.store.outbox import (
    LIVE,
    NOT_SENT,
    PUBLISHED,
    SCHEDULED,
    SENDING,
    UNCONFIRMED,
    WAITING,
    Entry,
    OutboxStore,
    claim_alive,
    same_owner,
)

REPEAT_WINDOW_MS = 7 * 24 * 3600 * 1000  # a repeat within a week asks first
DUE_GRACE_MS = 15 * 60 * 1000  # a waiting post later than this is not sent without asking


class Outbox:
    """The one way to publish; all methods may block on disk or network (run them off the GUI thread)."""

    def __init__(self, drafts: DraftStore, clock: Callable[[], int] = now_ms, owner: str = ""):
        self.store = OutboxStore(drafts)
        self.clock = clock
        self.owner = owner  # the account ("API address|uid") this process publishes as: see owner_of

    def _mine(self, entries: list[Entry]) -> list[Entry]:
        return [e for e in entries if same_owner(e, self.owner)]

    # --- before sending ----------------------------------------------------------------------------
    def repeats(self, target: str, fp: str) -> list[Entry]:
        """Entries with this content for this target in the last 7 days that are (or may be) on OK."""
        since = self.clock() - REPEAT_WINDOW_MS
        return [e for e in self._mine(self.store.same_content(target, fp, since)) if e.state in LIVE]

    def _guard(
        self,
        client: OkClient | None,
        target: str,
        fp: str,
        again: bool,
        uid: str | None,
        earlier: list[Entry] | None = None,
    ) -> Entry | None:
        """Settle earlier attempts a crash cut off; return one found on OK; raise AlreadyPublished.

        `earlier`: the entries to weigh (default: the same content at `target` within the repeat window).
        """
        earlier = self.repeats(target, fp) if earlier is None else earlier
        for entry in earlier:
            if entry.state == SENDING and claim_alive(entry.claim):
                raise Busy(f"another okcomposer is sending this post now (entry {entry.id})")
        settled = []
        for entry in earlier:
            if entry.state == SENDING and client is not None:
                entry = self.settle(client, entry, uid)
                if entry.state in (PUBLISHED, SCHEDULED):
                    return entry  # the crashed attempt did go out: nothing more to send
            settled.append(entry)
        live = [e for e in settled if e.state in LIVE]
        if live and not again:
            raise AlreadyPublished(live)
        return None

    # --- publishing -------------------------------------------------------------------------------
    def publish(
        self,
        client: OkClient,
        post: Post,
        *,
        again: bool = False,
        target_name: str = "",
        draft_id: str | None = None,
        options: SendOptions | None = None,
    ) -> Entry:
        """Publish `post` once: the final entry (published, scheduled, not_sent, failed or unconfirmed).

        Raises AlreadyPublished (nothing sent) unless `again`, Busy, InvalidPost and BadPhotos (nothing
        sent; the entry says not_sent). A crash re-run whose earlier attempt is found on OK returns that
        earlier entry and sends nothing.
        """
        options = options or SendOptions()
        target, fp = target_of(post), fingerprint(post)
        found = self._guard(client, target, fp, again, options.uid)
        if found is not None:
            return found
        entry = self.store.add(
            kind="post",
            target=target,
            target_name=target_name,
            fingerprint=fp,
            request=stored_request(post, options.base_dir),
            summary=title_of(post),
            draft_id=draft_id,
            state=SENDING,
            intent_ms=self.clock(),
            owner=self.owner,
        )
        return self._retire_older(self._send(client, entry, options), decided=again)

    def queue(
        self,
        post: Post,
        due_ms: int,
        *,
        target_name: str = "",
        draft_id: str | None = None,
        again: bool = False,
        base_dir: Path | None = None,
    ) -> Entry:
        """Keep a post for the user's page until `due_ms`: sent by `run_due` (the app, `outbox run`)."""
        ms_to_datetime(due_ms)  # ValueError for a time no calendar can show
        target, fp = target_of(post), fingerprint(post)
        self._guard(None, target, fp, again, None)
        request = stored_request(post, base_dir)  # a page draft's own time is not kept: OK never gets one
        request["attachment"] = {k: v for k, v in request["attachment"].items() if k[:9] != "publishAt"}
        return self.store.add(
            kind="post",
            target=target,
            target_name=target_name,
            fingerprint=fp,
            request=request,
            summary=title_of(post),
            draft_id=draft_id,
            state=WAITING,
            due_ms=due_ms,
            intent_ms=self.clock(),
            owner=self.owner,
        )

    def publish_moments(
        self,
        client: OkClient,
        files: Sequence[Path],
        *,
        again: bool = False,
        options: SendOptions | None = None,
    ) -> Entry:
        """Post each image as a Moment, once; the entry's topic_id holds the Moment ids, comma-separated."""
        options = options or SendOptions()
        paths = [Path(p).resolve() for p in files]
        marks = moment_marks(paths)
        fp = digest({"moments": sorted(marks)})
        # Any image already posted as a Moment (alone or among others) makes it a repeat.
        earlier = self._mine(self.store.moments_with(marks, self.clock() - REPEAT_WINDOW_MS, LIVE))
        found = self._guard(client, "me", fp, again, options.uid, earlier)
        if found is not None:
            return found
        names = ", ".join(text_name(p.name) for p in paths)
        entry = self.store.add(
            kind="moment",
            target="me",
            fingerprint=fp,
            request={"files": [str(p) for p in paths], "marks": marks},
            summary=names[:60],
            state=SENDING,
            intent_ms=self.clock(),
            owner=self.owner,
        )
        return self._retire_older(self._send(client, entry, options), decided=again)

    def send_entry(self, client: OkClient, entry_id: str, options: SendOptions | None = None) -> Entry:
        """Send a waiting or not-sent entry (claimed first); Busy when another process has it."""
        entry = self.store.claim(entry_id, (WAITING, NOT_SENT))
        if entry is None:
            raise Busy(f"entry {entry_id} is not waiting to be sent any more")
        return self._retire_older(self._send(client, entry, options or SendOptions()), decided=False)

    def publish_anyway(self, client: OkClient, entry_id: str, options: SendOptions | None = None) -> Entry:
        """The user's decision for a not-confirmed entry: send it again, as a new entry."""
        entry = self.store.claim(entry_id, (UNCONFIRMED,))
        if entry is None:
            raise Busy(f"entry {entry_id} is not waiting for a decision any more")
        # claimed only to decide once
        self.store.finish(entry.id, UNCONFIRMED, detail=entry.detail, reason=entry.reason)
        if entry.kind == "moment":
            files = [Path(f) for f in entry.request.get("files", [])]
            return self.publish_moments(client, files, again=True, options=options)
        post = Post.from_draft(entry.request)
        return self.publish(
            client, post, again=True, target_name=entry.target_name, draft_id=entry.draft_id, options=options
        )

    def _retire_older(self, entry: Entry, decided: bool) -> Entry:
        """Once `entry` is on OK, earlier not-sent attempts of the same content to the same place are moot,
        and so are not-confirmed ones when the user `decided` to publish again; they leave the lists."""
        moot = (NOT_SENT, UNCONFIRMED) if decided else (NOT_SENT,)
        if entry.state in (PUBLISHED, SCHEDULED):
            for older in self.store.same_content(entry.target, entry.fingerprint, 0):
                if older.id != entry.id and older.state in moot:
                    self.store.discard(older.id)
        return entry

    def _send(self, client: OkClient, entry: Entry, options: SendOptions) -> Entry:
        if entry.kind == "moment":
            return self._send_moments(client, entry, options)
        try:
            post = Post.from_draft(entry.request)
        except DraftError as exc:
            self._finish(entry.id, NOT_SENT, message("outbox.read_back", error=str(exc)))
            return self._get(entry.id)
        known = self.store.known_topic_ids(entry.target)
        try:
            done = publish_post(
                client, post, options, known, lambda ms, listed: self.store.mark_posting(entry.id, ms, listed)
            )
        except (InvalidPost, BadPhotos, BadVideo) as exc:
            self._finish(entry.id, NOT_SENT, reason_of(exc))
            raise
        except BaseException as exc:
            self._record_failure(entry.id, exc)
            if not isinstance(exc, Exception):
                raise
            return replace(self._get(entry.id), extra={"error": exc})
        when = post.attachment.scheduled_at()
        if when is not None and post.effective_type.can_schedule:
            self.store.finish(
                entry.id, SCHEDULED, topic_id=done.topic_id, url=done.url, publish_at_ms=datetime_to_ms(when)
            )
        else:
            self.store.finish(entry.id, PUBLISHED, topic_id=done.topic_id, url=done.url)
        return self._get(entry.id)

    def _send_moments(self, client: OkClient, entry: Entry, options: SendOptions) -> Entry:
        from okcomposer.app.moments import post_moments

        files = [Path(f) for f in entry.request.get("files", [])]
        try:
            posted = post_moments(
                client,
                files,
                before_commit=lambda: self.store.mark_posting(entry.id, self.clock()),
                **options.uploads(),
            )
        except BadPhotos as exc:
            self._finish(entry.id, NOT_SENT, reason_of(exc))
            raise
        except Exception as exc:
            self._record_failure(entry.id, exc)
            return replace(self._get(entry.id), extra={"error": exc})
        url = profile_url(options.uid, client.api_base)
        # A note says OK's answer was not understood: published all the same, never "failed".
        ids = ",".join(posted.ids) or None
        self.store.finish(entry.id, PUBLISHED, topic_id=ids, url=url, detail=posted.note or None)
        return self._get(entry.id)

    def _record_failure(self, entry_id: str, exc: BaseException) -> None:
        entry = self._get(entry_id)
        state, code, reason = failure_outcome(exc, posting=entry.step == "post", kind=entry.kind)
        self._finish(entry_id, state, reason, code=code)

    def _finish(self, entry_id: str, state: str, reason: Message, code: int | None = None) -> None:
        """Record an outcome with its reason: in English for the command line, as a code for the window."""
        kept = {"code": reason.code, "params": dict(reason.params)}
        self.store.finish(entry_id, state, code=code, detail=str(reason), reason=kept)

    # --- settling ---------------------------------------------------------------------------------
    def settle(self, client: OkClient, entry: Entry, uid: str | None = None) -> Entry:
        """Find out what became of a sending (crashed) or unconfirmed entry; never sends anything."""
        if entry.state == SENDING:
            taken = self.store.take_over(entry)
            if taken is None:
                return self._get(entry.id)
            entry = taken
            if entry.step != "post":  # it died before the irreversible call
                self._finish(entry.id, NOT_SENT, message("outbox.stopped"))
                return self._get(entry.id)
        elif entry.state != UNCONFIRMED:
            return entry
        if entry.kind != "post":
            if entry.detail:  # the reason it was not confirmed when sent stays
                self.store.finish(entry.id, UNCONFIRMED, detail=entry.detail, reason=entry.reason)
            else:
                self._finish(entry.id, UNCONFIRMED, message("outbox.no_moments_list"))
            return self._get(entry.id)
        try:
            post = Post.from_draft(entry.request)
            started = entry.attempt_ms if entry.attempt_ms is not None else entry.intent_ms
            known = self.store.known_topic_ids(entry.target) | set(entry.known_before)
            topic_id = find_posted(client, post, started, known)
        except (OkError, DraftError) as exc:
            self._finish(entry.id, UNCONFIRMED, message("outbox.not_asked", error=str(exc)))
            return self._get(entry.id)
        if topic_id is None:
            self._finish(entry.id, UNCONFIRMED, message("outbox.not_listed"))
            return self._get(entry.id)
        url = topic_url(post, topic_id, uid, client.api_base)
        when = post.attachment.scheduled_at()
        if when is not None and post.effective_type.can_schedule:
            self.store.finish(
                entry.id, SCHEDULED, topic_id=topic_id, url=url, publish_at_ms=datetime_to_ms(when)
            )
        else:
            self.store.finish(entry.id, PUBLISHED, topic_id=topic_id, url=url)
        return self._get(entry.id)

    def interrupted(self) -> list[Entry]:
        """Entries left "sending" by a process that is gone."""
        return [e for e in self._mine(self.store.in_states((SENDING,))) if not claim_alive(e.claim)]

    def recover(self, client: OkClient, uid: str | None = None) -> list[Entry]:
        """Settle every entry a crash left behind; returns them as settled."""
        return [self.settle(client, e, uid) for e in self.interrupted()]

    def check(self, client: OkClient, entry_id: str, uid: str | None = None) -> Entry:
        """ "Check again" for a not-confirmed entry."""
        return self.settle(client, self._get(entry_id), uid)

    # --- waiting page posts ---------------------------------------------------------------------
    def due(self, grace_ms: int = DUE_GRACE_MS) -> tuple[list[Entry], list[Entry]]:
        """(due now, overdue): waiting entries whose time came within `grace_ms`, and older ones.

        A timed entry that was not sent at its time (no network) is due again while within the grace.
        """
        now = self.clock()
        waiting = self._mine(self.store.waiting_until(now))
        due = [e for e in waiting if e.due_ms is not None and e.due_ms >= now - grace_ms]
        retry = [
            e
            for e in self._mine(self.store.in_states((NOT_SENT,)))
            if e.due_ms is not None and now - grace_ms <= e.due_ms <= now and e.detail != "cancelled"
        ]
        return due + retry, [e for e in waiting if e not in due]

    def run_due(
        self, client: OkClient, options: SendOptions | None = None, grace_ms: int = DUE_GRACE_MS
    ) -> list[Entry]:
        """Send every entry due within `grace_ms` that this process can claim; the entries as sent."""
        sent = []
        for entry in self.due(grace_ms)[0]:
            claimed = self.store.claim(entry.id, (entry.state,))
            if claimed is None:  # another process took it: it sends it, not us
                continue
            try:
                sent.append(self._retire_older(self._send(client, claimed, options or SendOptions()), False))
            except (InvalidPost, BadPhotos, BadVideo):  # recorded as not sent; the others still go
                sent.append(self._get(claimed.id))
        return sent

    def waiting(self) -> list[Entry]:
        """The waiting page posts of this account (all of them when none is known): what this process sends
        at their time, and what the window counts when it warns before quitting."""
        return self._mine(self.store.in_states((WAITING,)))

    def forget_all(self) -> int:
        """Discard this account's entries that wait or need a check (a sandbox's, when it closes: it forgets
        what it stored, so they can never be sent or settled); how many were discarded."""
        if not self.owner:  # no account known: "mine" would be every account's
            return 0
        entries = self._mine(self.store.in_states((WAITING, NOT_SENT, UNCONFIRMED)))
        return sum(self.store.discard(e.id) for e in entries if e.owner == self.owner)

    def attention(self) -> list[Entry]:
        """What `okcomposer outbox` lists: waiting, not confirmed and not-sent entries."""
        return self.store.in_states((WAITING, SENDING, UNCONFIRMED, NOT_SENT))

    def _get(self, entry_id: str) -> Entry:
        entry = self.store.get(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        return entry
