"""The outbox against the sandbox, counting topics each time: once, asked before a repeat, truthful states."""

from __future__ import annotations

import socket
import threading
from datetime import UTC, datetime, timedelta

import pytest
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.topic import Post
from okcomposer.app.outbox import AlreadyPublished, Busy, Outbox, SendOptions
from okcomposer.store.drafts import DraftStore
from okcomposer.store.outbox import (
    FAILED,
    NOT_SENT,
    PUBLISHED,
    SCHEDULED,
    SENDING,
    UNCONFIRMED,
    WAITING,
)


@pytest.fixture
def outbox(drafts):
    return Outbox(drafts)


def group_post(gid: str, text: str, **extra) -> Post:
    return Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": gid,
            "attachment": {"media": [{"type": "text", "text": text}]},
            **extra,
        }
    )


def page_post(text: str) -> Post:
    return Post.from_draft({"type": "USER", "attachment": {"media": [{"type": "text", "text": text}]}})


def topics(sb) -> list[dict]:
    return sb.snapshot()["topics"]


def test_publish_then_the_same_again_is_asked_and_sends_nothing(sb, outbox):
    client, gid = demo_client(sb), admin_group(sb)
    first = outbox.publish(client, group_post(gid, "Fresh bread at 8"), target_name="Sunrise Bakery")
    assert first.state == PUBLISHED and first.topic_id and first.url.endswith(first.topic_id)
    with pytest.raises(AlreadyPublished) as asked:
        outbox.publish(client, group_post(gid, "Fresh bread at 8"))
    assert [e.id for e in asked.value.entries] == [first.id]
    assert len(topics(sb)) == 1
    again = outbox.publish(client, group_post(gid, "Fresh bread at 8"), again=True)
    assert again.state == PUBLISHED and again.topic_id != first.topic_id and len(topics(sb)) == 2


def test_other_words_or_another_place_are_not_repeats(sb, outbox):
    client, gid = demo_client(sb), admin_group(sb)
    outbox.publish(client, group_post(gid, "One"))
    assert outbox.publish(client, group_post(gid, "Two")).state == PUBLISHED
    assert outbox.publish(client, page_post("One")).state == PUBLISHED
    assert len(topics(sb)) == 3


def test_a_repeat_older_than_a_week_is_not_asked(sb, drafts):
    now = [int(datetime(2026, 1, 1, tzinfo=UTC).timestamp() * 1000)]
    outbox = Outbox(drafts, clock=lambda: now[0])
    client, gid = demo_client(sb), admin_group(sb)
    outbox.publish(client, group_post(gid, "Weekly menu"))
    now[0] += int(timedelta(days=7, minutes=1).total_seconds() * 1000)
    assert outbox.publish(client, group_post(gid, "Weekly menu")).state == PUBLISHED
    now[0] -= int(timedelta(minutes=2).total_seconds() * 1000)
    with pytest.raises(AlreadyPublished):
        outbox.publish(client, group_post(gid, "Weekly menu"))


@pytest.mark.parametrize("fault", ["drop_before", "http500", "http503"])
def test_a_lookalike_we_published_is_never_taken_for_a_lost_post(sb, outbox, fault):
    client, gid = demo_client(sb, timeout=(2.0, 2.0)), admin_group(sb)
    older = outbox.publish(client, group_post(gid, "Same words"))
    sb.add_fault("mediatopic.post", fault, times=0)
    entry = outbox.publish(client, group_post(gid, "Same words"), again=True)
    assert entry.state == UNCONFIRMED and entry.topic_id is None
    assert [t["id"] for t in topics(sb)] == [older.topic_id]


@pytest.mark.parametrize("fault", ["drop_before", "http500", "http503"])
def test_a_lookalike_from_a_minute_ago_is_never_taken_for_a_lost_post(sb, outbox, fault, monkeypatch):
    client, gid = demo_client(sb, timeout=(2.0, 2.0)), admin_group(sb)
    real = sb.state.now_ms
    monkeypatch.setattr(sb.state, "now_ms", lambda: real() - 60_000)
    demo_client(sb).call("mediatopic.post", group_post(gid, "Posted on the web").to_params())
    monkeypatch.setattr(sb.state, "now_ms", real)
    sb.add_fault("mediatopic.post", fault, times=0)
    entry = outbox.publish(client, group_post(gid, "Posted on the web"))
    assert entry.state == UNCONFIRMED
    assert len(topics(sb)) == 1


def test_two_photo_only_posts_with_other_photos_are_told_apart_by_time_and_id(sb, outbox, tmp_path):
    client, gid = demo_client(sb, timeout=(2.0, 2.0)), admin_group(sb)
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first, second = make_photos(tmp_path / "a", 2), make_photos(tmp_path / "b", 2)

    def photos(files):
        media = [{"type": "photo", "list": [{"file": str(p)} for p in files]}]
        return Post.from_draft({"type": "GROUP_THEME", "gid": gid, "attachment": {"media": media}})

    outbox.publish(client, photos(first))
    sb.add_fault("mediatopic.post", "drop_before", times=0)
    assert outbox.publish(client, photos(second)).state == UNCONFIRMED
    assert len(topics(sb)) == 1


def test_a_lost_answer_after_ok_acted_is_found_once(sb, outbox):
    client, gid = demo_client(sb, timeout=(2.0, 2.0)), admin_group(sb)
    sb.add_fault("mediatopic.post", "drop_after", times=1)
    entry = outbox.publish(client, group_post(gid, "Found after a drop"))
    assert entry.state == PUBLISHED and [t["id"] for t in topics(sb)] == [entry.topic_id]


def test_a_link_preview_block_added_by_ok_still_matches(sb, outbox, monkeypatch):
    from okcomposer.app import confirm

    post = group_post("1", "See https://example.com", text_link_preview=True)
    listed = [
        {"type": "text", "text": "See https://example.com"},
        {"type": "link", "url": "https://example.com"},
    ]
    assert confirm.matches_listing(post, listed)
    assert not confirm.matches_listing(group_post("1", "See https://example.com"), listed)
    assert not confirm.matches_listing(post, [{"type": "text", "text": "Other words"}])
    assert not confirm.matches_listing(post, [])


def test_refused_connection_is_not_sent_and_can_be_sent_later(sb, outbox):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    info = sb.info()
    creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
    dead = OkClient(creds, f"http://127.0.0.1:{port}")
    entry = outbox.publish(dead, group_post(admin_group(sb), "Nobody home"))
    assert entry.state == NOT_SENT and "refused" in (entry.detail or "")
    assert topics(sb) == []
    sent = outbox.send_entry(demo_client(sb), entry.id)
    assert sent.state == PUBLISHED and len(topics(sb)) == 1


def test_ok_refusing_is_failed_with_its_code(sb, outbox):
    sb.add_fault("mediatopic.post", "session_expired", times=1)
    entry = outbox.publish(demo_client(sb), group_post(admin_group(sb), "Expired"))
    assert (entry.state, entry.code) == (FAILED, 102) and topics(sb) == []


def test_a_delayed_group_topic_is_scheduled_not_published(sb, outbox):
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    post = group_post(admin_group(sb), "Tomorrow")
    post.attachment.schedule(when)
    entry = outbox.publish(demo_client(sb), post)
    assert entry.state == SCHEDULED and entry.publish_at_ms == int(when.timestamp() * 1000)
    assert entry.topic_id == topics(sb)[0]["id"]


def test_a_crash_after_the_call_is_settled_on_the_rerun(sb, outbox, drafts):
    client, gid = demo_client(sb), admin_group(sb)
    post = group_post(gid, "Killed while OK answered")
    dead = _crashed_entry(outbox, post, step="post")
    client.call("mediatopic.post", post.to_params())  # OK acted before the process died
    found = outbox.publish(client, group_post(gid, "Killed while OK answered"))
    assert found.id == dead.id and found.state == PUBLISHED and len(topics(sb)) == 1


def test_a_crash_whose_post_is_not_on_ok_is_unconfirmed_and_needs_again(sb, outbox):
    client, gid = demo_client(sb), admin_group(sb)
    _crashed_entry(outbox, group_post(gid, "Killed before OK acted"), step="post")
    with pytest.raises(AlreadyPublished) as asked:
        outbox.publish(client, group_post(gid, "Killed before OK acted"))
    assert asked.value.entries[0].state == UNCONFIRMED and topics(sb) == []
    assert outbox.publish(client, group_post(gid, "Killed before OK acted"), again=True).state == PUBLISHED


def test_a_crash_before_the_call_is_not_sent_and_is_sent_on_the_rerun(sb, outbox):
    client, gid = demo_client(sb), admin_group(sb)
    dead = _crashed_entry(outbox, group_post(gid, "Killed while uploading"), step="prepare")
    entry = outbox.publish(client, group_post(gid, "Killed while uploading"))
    assert entry.state == PUBLISHED and len(topics(sb)) == 1
    assert outbox.store.get(dead.id).state == "discarded"  # the crashed attempt never left; now moot


def test_a_publish_in_flight_in_another_live_process_is_busy(sb, outbox):
    entry = outbox.store.add(
        kind="post", target=admin_group(sb), fingerprint="fp", request={}, state=SENDING
    )  # claimed by this very process: alive
    outbox.store._update(entry.id, fingerprint=_fp(group_post(admin_group(sb), "In flight")))
    with pytest.raises(Busy):
        outbox.publish(demo_client(sb), group_post(admin_group(sb), "In flight"))


def test_waiting_page_posts_go_out_once_when_due(sb, drafts):
    now = [1_900_000_000_000]
    outbox = Outbox(drafts, clock=lambda: now[0])
    entry = outbox.queue(page_post("At noon"), now[0] + 60_000)
    assert outbox.run_due(demo_client(sb)) == [] and outbox.store.get(entry.id).state == WAITING
    now[0] += 60_000
    [sent] = outbox.run_due(demo_client(sb))
    assert sent.state == PUBLISHED and len(topics(sb)) == 1
    assert outbox.run_due(demo_client(sb)) == [] and len(topics(sb)) == 1


def test_overdue_page_posts_are_not_sent_without_asking(sb, drafts):
    now = [1_900_000_000_000]
    outbox = Outbox(drafts, clock=lambda: now[0])
    late = outbox.queue(page_post("Hours late"), now[0] - 3 * 3600_000)
    due, overdue = outbox.due()
    assert due == [] and [e.id for e in overdue] == [late.id]
    assert outbox.run_due(demo_client(sb)) == [] and topics(sb) == []
    assert outbox.store.reschedule(late.id, now[0] + 1000)
    now[0] += 1000
    assert [e.state for e in outbox.run_due(demo_client(sb))] == [PUBLISHED]


def test_two_processes_running_due_posts_at_once_send_each_once(sb, tmp_path):
    first, second = DraftStore(tmp_path / "d.sqlite3"), DraftStore(tmp_path / "d.sqlite3")
    now = 1_900_000_000_000
    a, b = Outbox(first, clock=lambda: now), Outbox(second, clock=lambda: now)
    for i in range(6):
        a.queue(page_post(f"Due {i}"), now - 1000)
    results: list = []
    threads = [
        threading.Thread(target=lambda o=o: results.extend(o.run_due(demo_client(sb)))) for o in (a, b)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(e.summary for e in results) == [f"Due {i}" for i in range(6)]
    assert len(topics(sb)) == 6
    first.close(), second.close()


def test_moments_are_asked_before_a_repeat(sb, outbox, tmp_path):
    photos = make_photos(tmp_path, 2)
    entry = outbox.publish_moments(demo_client(sb), photos, options=SendOptions(uid="1"))
    assert entry.state == PUBLISHED and len(entry.topic_id.split(",")) == 2
    with pytest.raises(AlreadyPublished):
        outbox.publish_moments(demo_client(sb), photos)
    assert len(sb.snapshot()["moments"]) == 2


def _fp(post: Post) -> str:
    from okcomposer.app.confirm import fingerprint

    return fingerprint(post)


def _crashed_entry(outbox: Outbox, post: Post, step: str):
    """An entry as a process killed at `step` leaves it: sending, claimed by a pid that is gone."""
    from okcomposer.app.confirm import target_of

    entry = outbox.store.add(
        kind="post", target=target_of(post), fingerprint=_fp(post), request=post.to_draft(), state=SENDING
    )
    gone = f"{socket.gethostname()}:{2**22 + 12345}:dead"
    outbox.store._update(entry.id, claim=gone)
    if step == "post":
        outbox.store.mark_posting(entry.id, outbox.clock() - 1000)
    return outbox.store.get(entry.id)


@pytest.mark.parametrize("fault", ["drop_before", "http500"])
def test_the_same_words_posted_elsewhere_a_moment_before_are_never_taken_for_ours(sb, outbox, fault):
    """Another admin (or okcomposer on another computer) posts the same words a second before us."""
    client, gid = demo_client(sb, timeout=(2.0, 2.0)), admin_group(sb)
    demo_client(sb).call("mediatopic.post", group_post(gid, "Lunch menu").to_params())
    sb.add_fault("mediatopic.post", fault, times=0)
    entry = outbox.publish(client, group_post(gid, "Lunch menu"))
    assert entry.state == UNCONFIRMED and len(topics(sb)) == 1
    assert set(entry.known_before) == {t["id"] for t in topics(sb)}  # listed just before the call
    sb.clear_faults()
    assert outbox.check(demo_client(sb), entry.id).state == UNCONFIRMED  # also when checked again later


def test_the_same_words_scheduled_then_now_or_at_another_time_ask_first(sb, outbox):
    gid = admin_group(sb)
    scheduled = group_post(gid, "Weekend sale")
    scheduled.attachment.schedule(datetime.now(UTC).replace(microsecond=0) + timedelta(days=2))
    first = outbox.publish(demo_client(sb), scheduled)
    assert first.state == SCHEDULED
    with pytest.raises(AlreadyPublished) as asked:
        outbox.publish(demo_client(sb), group_post(gid, "Weekend sale"))  # now
    assert asked.value.entries[0].id == first.id
    other_time = group_post(gid, "Weekend sale")
    other_time.attachment.schedule(datetime.now(UTC).replace(microsecond=0) + timedelta(days=3))
    with pytest.raises(AlreadyPublished):
        outbox.publish(demo_client(sb), other_time)
    assert len(topics(sb)) == 1
