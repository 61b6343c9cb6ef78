"""The outbox's rules one at a time: what a failure proves, when a post is due, what counts as a repeat."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import pytest
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.errors import (
    OkApiError,
    OkBadResponse,
    OkCancelled,
    OkHttpError,
    OkNetworkError,
    OkNotSent,
)
from okcomposer.api.topic import Post
from okcomposer.app.confirm import fingerprint, target_of
from okcomposer.app.messages import message
from okcomposer.app.outbox import (
    DUE_GRACE_MS,
    REPEAT_WINDOW_MS,
    AlreadyPublished,
    Busy,
    Outbox,
)
from okcomposer.app.outcomes import failure_outcome, moment_marks, provably_unsent, stored_request
from okcomposer.app.publish import InvalidPost
from okcomposer.app.retry import OutcomeUnknown
from okcomposer.app.schedule import title_of  # the outbox's summary is the draft's title
from okcomposer.store import outbox as box

NOW = 1_900_000_000_000


@pytest.fixture
def clock():
    return [NOW]


@pytest.fixture
def outbox(drafts, clock):
    return Outbox(drafts, clock=lambda: clock[0])


def page(text: str) -> Post:
    return Post.from_draft({"attachment": {"media": [{"type": "text", "text": text}]}})


def group(gid: str, text: str) -> Post:
    return Post.from_draft(
        {"type": "GROUP_THEME", "gid": gid, "attachment": {"media": [{"type": "text", "text": text}]}}
    )


def sending(outbox, post: Post, kind: str = "post"):
    """An entry as a publish that has just begun writes it (claimed by this process)."""
    return outbox.store.add(
        kind=kind,
        target=target_of(post),
        fingerprint=fingerprint(post),
        request=post.to_draft(),
        state=box.SENDING,
        intent_ms=outbox.clock(),
    )


# --- what a failure proves --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "exc, posting, kind, state",
    [
        (OutcomeUnknown("lost"), True, "post", box.UNCONFIRMED),
        (OutcomeUnknown("lost"), False, "moment", box.UNCONFIRMED),
        (OkApiError(11, "later"), True, "post", box.FAILED),
        (OkApiError(102), False, "post", box.FAILED),
        (OkCancelled("c"), True, "post", box.UNCONFIRMED),  # cancelled while looking for the topic
        (OkCancelled("c"), True, "moment", box.NOT_SENT),
        (OkCancelled("c"), False, "post", box.NOT_SENT),
        (OkNetworkError("reset"), True, "post", box.UNCONFIRMED),
        (OkBadResponse("odd"), True, "post", box.UNCONFIRMED),
        (OkHttpError(502), True, "post", box.UNCONFIRMED),
        (OkNotSent("connection refused"), True, "post", box.NOT_SENT),
        (OkHttpError(429), True, "post", box.NOT_SENT),
        (OkNetworkError("reset"), False, "post", box.NOT_SENT),  # an upload: nothing irreversible yet
        (RuntimeError("bug"), True, "post", box.NOT_SENT),
    ],
)
def test_what_each_failure_proves(exc, posting, kind, state):
    found, code, detail = failure_outcome(exc, posting=posting, kind=kind)
    assert found == state
    assert code == (exc.code if isinstance(exc, OkApiError) else None)
    assert detail


def test_the_detail_says_why():
    def reason(exc: BaseException, posting: bool) -> str:
        return str(failure_outcome(exc, posting=posting, kind="post")[2])

    assert reason(OkApiError(11, "slow"), True) == str(OkApiError(11, "slow"))
    assert reason(OkCancelled("c"), False) == "cancelled"
    assert "checking" in reason(OkCancelled("c"), True)
    assert reason(RuntimeError(), False) == "RuntimeError"
    # The reason is a code the window translates, its parameters only data.
    http = failure_outcome(OkHttpError(503), posting=False, kind="post")[2]
    assert http == message("error.http", status=503)
    assert failure_outcome(OkCancelled("c"), posting=False, kind="post")[2].code == "outbox.cancelled"


def test_only_a_request_that_never_left_is_provably_unsent():
    assert provably_unsent(OkNotSent("refused")) and provably_unsent(OkHttpError(429))
    assert not provably_unsent(OkNetworkError("reset")) and not provably_unsent(OkHttpError(500))
    assert not provably_unsent(OkApiError(100)) and not provably_unsent(OkHttpError(404))


# --- small parts ------------------------------------------------------------------------------------------
def test_the_summary_is_the_first_line_of_the_first_text():
    post = Post.from_draft(
        {
            "attachment": {
                "media": [
                    {"type": "link", "url": "https://ok.ru"},
                    {"type": "text", "text": "  \n"},
                    {"type": "text", "text": "  First line\nsecond"},
                ]
            }
        }
    )
    assert title_of(post) == "First line"
    assert title_of(page("x" * 80)) == "x" * 60
    assert (
        title_of(Post.from_draft({"attachment": {"media": [{"type": "link", "url": "https://ok.ru"}]}})) == ""
    )


def test_an_image_for_a_moment_is_its_path_and_size(tmp_path):
    a = tmp_path / "a.jpg"
    a.write_bytes(b"12")
    assert moment_marks([a, tmp_path / "gone.jpg"]) == [[str(a), 2], [str(tmp_path / "gone.jpg"), -1]]


def test_any_image_already_posted_as_a_moment_is_asked_about(outbox, sb, tmp_path):
    one, two = make_photos(tmp_path, 2, size=(720, 1280))
    first = outbox.publish_moments(demo_client(sb), [one])
    assert first.state == box.PUBLISHED
    for files in ([one, two], [two, one], [one]):
        with pytest.raises(AlreadyPublished) as asked:
            outbox.publish_moments(demo_client(sb), files)
        assert [e.id for e in asked.value.entries] == [first.id]
    assert outbox.publish_moments(demo_client(sb), [two]).state == box.PUBLISHED  # a new image goes
    assert len(sb.snapshot()["moments"]) == 2
    assert outbox.publish_moments(demo_client(sb), [one, two], again=True).state == box.PUBLISHED
    assert len(sb.snapshot()["moments"]) == 4


def test_relative_files_are_kept_absolute(tmp_path):
    post = Post.from_draft(
        {"attachment": {"media": [{"type": "photo", "list": [{"file": "p.jpg"}, {"id": "t"}]}]}}
    )
    body = stored_request(post, tmp_path)
    assert body["attachment"]["media"][0]["list"] == [{"file": str(tmp_path / "p.jpg")}, {"id": "t"}]
    assert post.attachment.media[0].items[0].file == "p.jpg"  # the post itself is not changed
    assert stored_request(post, None) == post.to_draft()
    absolute = Post.from_draft({"attachment": {"media": [{"type": "photo", "list": [{"file": "/x/p.jpg"}]}]}})
    assert stored_request(absolute, tmp_path)["attachment"]["media"][0]["list"] == [{"file": "/x/p.jpg"}]


# --- due and overdue --------------------------------------------------------------------------------------
def test_due_within_the_grace_overdue_beyond_it(outbox, clock):
    now = clock[0]
    future = outbox.queue(page("future"), now + 1)
    edge = outbox.queue(page("edge"), now - DUE_GRACE_MS)
    late = outbox.queue(page("late"), now - DUE_GRACE_MS - 1)
    exactly = outbox.queue(page("exactly"), now)
    due, overdue = outbox.due()
    assert {e.id for e in due} == {edge.id, exactly.id} and [e.id for e in overdue] == [late.id]
    assert future.id not in {e.id for e in due + overdue}
    due0, overdue0 = outbox.due(0)  # at start: everything whose time has passed is asked about
    assert [e.id for e in due0] == [exactly.id] and {e.id for e in overdue0} == {edge.id, late.id}


def test_a_timed_post_not_sent_at_its_time_is_due_again_within_the_grace(outbox, clock):
    entry = outbox.queue(page("no network"), clock[0] - 1000)
    outbox.store.claim(entry.id, (box.WAITING,))
    outbox.store.finish(entry.id, box.NOT_SENT, detail="Not sent: connection refused")
    assert [e.id for e in outbox.due()[0]] == [entry.id]
    cancelled = outbox.queue(page("cancelled"), clock[0] - 1000)
    outbox.store.claim(cancelled.id, (box.WAITING,))
    outbox.store.finish(cancelled.id, box.NOT_SENT, detail="cancelled")
    assert cancelled.id not in {e.id for e in outbox.due()[0]}  # the user stopped it
    clock[0] += DUE_GRACE_MS
    assert outbox.due()[0] == []


# --- repeats ----------------------------------------------------------------------------------------------
def test_a_repeat_is_live_content_for_the_same_place_within_a_week(outbox, clock):
    post = page("weekly")
    target, fp = target_of(post), fingerprint(post)
    waiting = outbox.queue(post, clock[0] + 60_000)
    assert [e.id for e in outbox.repeats(target, fp)] == [waiting.id]
    with pytest.raises(AlreadyPublished) as asked:
        outbox.queue(page("weekly"), clock[0] + 120_000)
    assert asked.value.entries[0].id == waiting.id and "waiting" in str(asked.value)
    outbox.store.discard(waiting.id)
    assert outbox.repeats(target, fp) == []  # a discarded entry is no repeat
    again = outbox.queue(page("weekly"), clock[0] + 60_000)
    clock[0] += REPEAT_WINDOW_MS
    assert [e.id for e in outbox.repeats(target, fp)] == [again.id]
    clock[0] += 1
    assert outbox.repeats(target, fp) == []
    assert outbox.queue(page("weekly"), clock[0] + 1, again=True).state == box.WAITING


@pytest.mark.parametrize("state", [box.FAILED, box.NOT_SENT])
def test_a_failed_or_unsent_attempt_is_no_repeat(outbox, state):
    post = page("try again")
    outbox.store.finish(sending(outbox, post).id, state)
    assert outbox.repeats("me", fingerprint(post)) == []


def test_an_attempt_alive_in_this_process_is_busy_not_settled(outbox, sb):
    sending(outbox, group(admin_group(sb), "in flight"))
    with pytest.raises(Busy):
        outbox.publish(demo_client(sb), group(admin_group(sb), "in flight"), again=True)
    assert sb.snapshot()["topics"] == []


# --- settling ---------------------------------------------------------------------------------------------
def _dead(outbox, post, step="post", kind="post", attempt_ms=None):
    entry = sending(outbox, post, kind)
    outbox.store._update(entry.id, claim=f"{socket.gethostname()}:{2**22 + 7}:gone")
    if step == "post":
        outbox.store.mark_posting(entry.id, attempt_ms if attempt_ms is not None else outbox.clock())
    return outbox.store.get(entry.id)


def test_interrupted_lists_only_entries_whose_process_is_gone(drafts, sb):
    outbox = Outbox(drafts)
    mine = sending(outbox, page("mine"))
    dead = _dead(outbox, page("dead"))
    assert [e.id for e in outbox.interrupted()] == [dead.id]
    assert mine.id not in {e.id for e in outbox.recover(demo_client(sb))}


def test_recover_settles_each_crash_as_it_truly_ended(drafts, sb):
    outbox = Outbox(drafts)
    gid = admin_group(sb)
    went = _dead(outbox, group(gid, "went out"))
    demo_client(sb).call("mediatopic.post", group(gid, "went out").to_params())
    lost = _dead(outbox, group(gid, "lost"))
    early = _dead(outbox, group(gid, "early"), step="prepare")
    moment = _dead(outbox, page("moment"), kind="moment")
    settled = {e.id: e for e in outbox.recover(demo_client(sb), uid="5")}
    assert settled[went.id].state == box.PUBLISHED and settled[went.id].url.endswith(
        settled[went.id].topic_id
    )
    assert (settled[lost.id].state, settled[lost.id].detail) == (
        box.UNCONFIRMED,
        "not among the latest topics on OK",
    )
    assert (settled[early.id].state, settled[early.id].detail) == (
        box.NOT_SENT,
        "okcomposer stopped before sending it",
    )
    assert settled[moment.id].state == box.UNCONFIRMED and "Moments" in settled[moment.id].detail
    assert len(sb.snapshot()["topics"]) == 1
    assert outbox.recover(demo_client(sb)) == []  # nothing left to settle, nothing sent


def test_a_settled_delayed_topic_is_scheduled_with_its_time(drafts, sb, monkeypatch):
    outbox = Outbox(drafts)
    post = group(admin_group(sb), "later on")
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    post.attachment.schedule(when)
    dead = _dead(outbox, post)
    demo_client(sb).call("mediatopic.post", post.to_params())
    monkeypatch.setattr(sb.state, "now_ms", lambda: int(when.timestamp() * 1000) + 1)  # listed once due
    entry = outbox.check(demo_client(sb), dead.id)
    assert entry.state == box.SCHEDULED and entry.publish_at_ms == int(when.timestamp() * 1000)
    [topic] = sb.snapshot()["topics"]
    assert entry.topic_id == topic["id"] and entry.url.endswith(f"/topic/{topic['id']}")


def test_check_leaves_an_entry_on_ok_as_it_is(drafts, sb):
    outbox = Outbox(drafts)
    done = outbox.publish(demo_client(sb), group(admin_group(sb), "done"))
    assert outbox.check(demo_client(sb), done.id) == done


def test_when_ok_cannot_be_asked_the_entry_stays_not_confirmed(drafts, sb):
    outbox = Outbox(drafts)
    dead = _dead(outbox, group(admin_group(sb), "cannot ask"))
    sb.add_fault("mediatopic.getTopics", "session_expired", times=0)
    entry = outbox.check(demo_client(sb), dead.id)
    assert entry.state == box.UNCONFIRMED and "could not be asked" in entry.detail


def test_publish_anyway_sends_once_and_retires_the_old_attempt(drafts, sb):
    outbox = Outbox(drafts)
    dead = _dead(outbox, group(admin_group(sb), "decided"))
    outbox.check(demo_client(sb), dead.id)
    new = outbox.publish_anyway(demo_client(sb), dead.id)
    assert new.state == box.PUBLISHED and len(sb.snapshot()["topics"]) == 1
    assert outbox.store.get(dead.id).state == box.DISCARDED
    with pytest.raises(Busy):
        outbox.publish_anyway(demo_client(sb), dead.id)
    with pytest.raises(Busy):
        outbox.send_entry(demo_client(sb), new.id)


def test_a_bad_entry_does_not_stop_the_others_from_going_out(drafts, sb, tmp_path):
    outbox = Outbox(drafts)
    [photo] = make_photos(tmp_path, 1)
    broken = Post.from_draft({"attachment": {"media": [{"type": "photo", "list": [{"file": str(photo)}]}]}})
    first = outbox.queue(broken, outbox.clock() - 2000)
    photo.unlink()  # gone by the time it is due
    second = outbox.queue(page("still goes"), outbox.clock() - 1000)
    sent = {e.id: e.state for e in outbox.run_due(demo_client(sb))}
    assert sent == {first.id: box.NOT_SENT, second.id: box.PUBLISHED}
    assert len(sb.snapshot()["topics"]) == 1


def test_an_invalid_post_is_not_sent_and_said_so(outbox, sb):
    empty = Post.from_draft({"attachment": {"media": []}})
    with pytest.raises(InvalidPost):
        outbox.publish(demo_client(sb), empty)
    [entry] = outbox.store.recent()
    assert entry.state == box.NOT_SENT and entry.detail and sb.snapshot()["topics"] == []


def test_each_account_sends_and_is_asked_about_its_own_posts_only(drafts, sb):
    a = Outbox(drafts, owner="https://api.ok.ru|1")
    b = Outbox(drafts, owner="https://api.ok.ru|2")
    waiting = a.queue(page("A's post"), a.clock() - 1000)
    assert b.run_due(demo_client(sb)) == [] and b.due() == ([], [])
    assert b.queue(page("A's post"), b.clock() + 60_000).state == box.WAITING  # not a repeat for B
    with pytest.raises(AlreadyPublished):
        a.queue(page("A's post"), a.clock() + 60_000)
    assert [e.id for e in a.run_due(demo_client(sb))] == [waiting.id]
    anyone = Outbox(drafts)  # no account known: sees every entry (listing, settling by hand)
    assert len(anyone.waiting()) == 1 and anyone.store.get(waiting.id).owner == "https://api.ok.ru|1"


def test_the_cli_line_says_due_then_overdue_rather_than_waiting_once_its_time_passed(outbox, clock):
    from okcomposer.app.outbox_text import status_line

    entry = outbox.queue(page("late one"), clock[0] + 1000)
    assert status_line(entry, UTC, now_ms=clock[0]).startswith("waiting on this computer until ")
    due = status_line(entry, UTC, now_ms=clock[0] + 1000 + DUE_GRACE_MS)
    assert due.startswith("due since ") and "`okcomposer outbox run`" in due
    late = status_line(entry, UTC, now_ms=clock[0] + 1001 + DUE_GRACE_MS)
    assert late.startswith("overdue since ") and f"outbox send {entry.id}" in late


def test_settling_a_stale_copy_returns_the_entry_as_it_now_is(drafts, sb):
    outbox = Outbox(drafts)
    dead = _dead(outbox, page("taken meanwhile"))
    outbox.store._update(dead.id, claim="elsewhere:1:x")  # another process took it over meanwhile
    now = outbox.settle(demo_client(sb), dead)
    assert now.id == dead.id and now.claim == "elsewhere:1:x" and now.state == box.SENDING


def test_forget_all_discards_this_accounts_open_entries_and_nothing_without_an_account(drafts):
    mine = Outbox(drafts, owner="http://127.0.0.1:5000|1")
    theirs = Outbox(drafts, owner="https://api.ok.ru|1")
    a = mine.queue(page("sandbox post"), mine.clock() + 60_000)
    b = theirs.queue(page("real post"), theirs.clock() + 60_000)
    assert Outbox(drafts).forget_all() == 0  # no account: never every account's entries
    assert mine.forget_all() == 1
    assert drafts_states(drafts, a.id, b.id) == ["discarded", "waiting"]


def drafts_states(drafts, *ids: str) -> list[str]:
    store = Outbox(drafts).store
    return [store.get(i).state for i in ids]
