"""What the outbox writes down for each kind of publish, and how it settles, field by field."""

from __future__ import annotations

import socket

import pytest
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.cancel import CancelToken
from okcomposer.api.errors import OkApiError
from okcomposer.api.topic import Post
from okcomposer.app.confirm import fingerprint, target_of
from okcomposer.app.outbox import Busy, Outbox, SendOptions
from okcomposer.app.photos import BadPhotos
from okcomposer.limits import Limits
from okcomposer.store import outbox as box
from okcomposer.store.drafts import DraftStore

UID = "575662066926"
OWNER = "http://sandbox|575662066926"


@pytest.fixture
def outbox(drafts):
    return Outbox(drafts, owner=OWNER)


def text_post(words: str, gid: str | None = None) -> Post:
    where = {"type": "GROUP_THEME", "gid": gid} if gid else {"type": "USER"}
    return Post.from_draft({**where, "attachment": {"media": [{"type": "text", "text": words}]}})


def crashed(outbox, post: Post, step: str = "post", kind: str = "post", **values):
    entry = outbox.store.add(
        kind=kind, target=target_of(post), fingerprint=fingerprint(post), request=post.to_draft(),
        state=box.SENDING, intent_ms=outbox.clock(), owner=outbox.owner, **values,
    )  # fmt: skip
    outbox.store._update(entry.id, claim=f"{socket.gethostname()}:{2**22 + 3}:gone")
    if step == "post":
        outbox.store.mark_posting(entry.id, outbox.clock())
    return outbox.store.get(entry.id)


# --- what is written --------------------------------------------------------------------------------------
def test_a_publish_writes_down_where_what_whose_and_from_which_draft(outbox, sb):
    gid = admin_group(sb)
    entry = outbox.publish(
        demo_client(sb), text_post("Fresh bread\nat eight", gid), target_name="Sunrise Bakery", draft_id="d7"
    )
    assert (entry.kind, entry.target, entry.target_name) == ("post", gid, "Sunrise Bakery")
    assert (entry.summary, entry.draft_id, entry.owner) == ("Fresh bread", "d7", OWNER)
    assert entry.attempt_ms is not None and entry.known_before == ()


def test_a_queued_post_writes_down_the_same_and_keeps_its_files_findable(outbox, tmp_path):
    (tmp_path / "p.jpg").write_bytes(b"x")
    media = [{"type": "text", "text": "Later"}, {"type": "photo", "list": [{"file": "p.jpg"}]}]
    post = Post.from_draft({"attachment": {"media": media}})
    entry = outbox.queue(
        post, outbox.clock() + 60_000, target_name="My page", draft_id="d8", base_dir=tmp_path
    )
    assert (entry.kind, entry.target, entry.target_name, entry.draft_id) == ("post", "me", "My page", "d8")
    assert (entry.summary, entry.owner, entry.state) == ("Later", OWNER, box.WAITING)
    assert entry.request["attachment"]["media"][1]["list"] == [{"file": str(tmp_path / "p.jpg")}]
    again = outbox.queue(post, outbox.clock() + 120_000, again=True, base_dir=tmp_path)
    assert again.state == box.WAITING and again.id != entry.id


def test_moments_write_down_their_images_and_the_moment_ids(outbox, sb, tmp_path):
    files = make_photos(tmp_path, 2, size=(720, 1280))
    entry = outbox.publish_moments(demo_client(sb), files, options=SendOptions(uid=UID))
    assert (entry.kind, entry.target, entry.owner, entry.state) == ("moment", "me", OWNER, box.PUBLISHED)
    assert entry.summary == "p0.jpg, p1.jpg" and entry.url == f"{sb.base_url}/sandbox/"
    ids = [m["id"] for m in sb.snapshot()["moments"]]
    assert entry.topic_id == ",".join(ids) and len(ids) == 2
    assert entry.attempt_ms is not None  # the commit was marked as the point of no return
    (tmp_path / "more").mkdir()
    assert outbox.publish_moments(demo_client(sb), make_photos(tmp_path / "more", 1)).url is None


def test_a_long_list_of_images_is_summed_up_in_60_characters(outbox, sb, tmp_path):
    files = []
    for i in range(3):
        folder = tmp_path / f"f{i}"
        folder.mkdir()
        [photo] = make_photos(folder, 1, size=(720, 1280))
        files.append(photo.rename(folder / f"{'holiday-photo-' * 2}{i}.jpg"))
    entry = outbox.publish_moments(demo_client(sb), files)
    assert len(entry.summary) == 60 and entry.summary.startswith("holiday-photo-holiday-photo-0.jpg, ")


def test_a_moment_of_other_images_leaves_an_unsent_one_alone(outbox, sb, tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    [first] = make_photos(tmp_path / "a", 1, size=(720, 1280))
    [second] = make_photos(tmp_path / "b", 1, size=(720, 1280))
    cancel = CancelToken()
    cancel.cancel()
    unsent = outbox.publish_moments(demo_client(sb), [first], options=SendOptions(cancel=cancel))
    assert (unsent.state, unsent.detail) == (box.NOT_SENT, "cancelled") and sb.snapshot()["moments"] == []
    outbox.publish_moments(demo_client(sb), [second])
    assert outbox.store.get(unsent.id).state == box.NOT_SENT  # not retired: other images
    outbox.publish_moments(demo_client(sb), [first])
    assert outbox.store.get(unsent.id).state == box.DISCARDED  # now these images are on OK


def test_moments_take_the_limits_and_progress_given(outbox, sb, tmp_path):
    [photo] = make_photos(tmp_path, 1, size=(720, 1280))
    with pytest.raises(BadPhotos):
        outbox.publish_moments(
            demo_client(sb), [photo], options=SendOptions(limits=Limits(photo_max_bytes=100))
        )
    [refused] = outbox.store.recent()
    assert refused.state == box.NOT_SENT and "p0.jpg" in refused.detail  # the photo check's own words
    sent, per_file = [], []
    options = SendOptions(progress=lambda *a: sent.append(a), file_progress=lambda *a: per_file.append(a))
    assert outbox.publish_moments(demo_client(sb), [photo], options=options).state == box.PUBLISHED
    assert sent and per_file


def test_a_refusal_and_its_error_come_back_with_the_entry(outbox, sb, tmp_path):
    sb.add_fault("mediatopic.post", "session_expired", times=1)
    entry = outbox.publish(demo_client(sb), text_post("Refused", admin_group(sb)))
    assert entry.state == box.FAILED and isinstance(entry.extra["error"], OkApiError)
    sb.add_fault("moments.commit", "session_expired", times=1)
    moment = outbox.publish_moments(demo_client(sb), make_photos(tmp_path, 1, size=(720, 1280)))
    assert moment.state == box.FAILED and moment.extra["error"].code == 102


def test_an_entry_that_cannot_be_read_back_is_not_sent(outbox, sb):
    entry = outbox.queue(text_post("Fine"), outbox.clock() - 1000)
    outbox.store._update(entry.id, request='{"attachment": "{broken"}')
    sent = outbox.send_entry(demo_client(sb), entry.id)
    assert sent.state == box.NOT_SENT and sent.detail.startswith("the post could not be read back: ")
    assert sb.snapshot()["topics"] == []


def test_busy_says_which_entry(outbox, sb):
    entry = outbox.queue(text_post("Once"), outbox.clock() + 60_000)
    outbox.store.discard(entry.id)
    with pytest.raises(Busy, match=f"entry {entry.id} is not waiting to be sent any more"):
        outbox.send_entry(demo_client(sb), entry.id)
    with pytest.raises(Busy, match=f"entry {entry.id} is not waiting for a decision any more"):
        outbox.publish_anyway(demo_client(sb), entry.id)


# --- settling ---------------------------------------------------------------------------------------------
def test_our_own_earlier_post_is_known_even_when_the_look_before_fails(outbox, sb):
    gid = admin_group(sb)
    older = outbox.publish(demo_client(sb), text_post("Twice", gid))
    sb.add_fault("mediatopic.getTopics", "drop_before", times=1)  # the look before the call fails
    sb.add_fault("mediatopic.post", "drop_before", times=0)
    entry = outbox.publish(demo_client(sb, timeout=(2.0, 2.0)), text_post("Twice", gid), again=True)
    assert entry.state == box.UNCONFIRMED and entry.known_before == ()
    assert [t["id"] for t in sb.snapshot()["topics"]] == [older.topic_id]
    assert outbox.check(demo_client(sb), entry.id).state == box.UNCONFIRMED


def test_settling_counts_from_the_call_not_from_the_intent(outbox, sb, monkeypatch):
    gid = admin_group(sb)
    post = text_post("Slow upload", gid)
    entry = crashed(outbox, post, step="prepare")
    outbox.store.mark_posting(entry.id, entry.intent_ms + 60_000)  # uploads took a minute
    monkeypatch.setattr(sb.state, "now_ms", lambda: entry.intent_ms + 30_000)  # someone posts the same
    demo_client(sb).call("mediatopic.post", post.to_params())
    monkeypatch.undo()
    client = demo_client(sb)
    client._note_clock = lambda _response: None
    client.server_offset_ms = 0
    assert outbox.check(client, entry.id).state == box.UNCONFIRMED


def test_a_settled_page_post_links_to_the_users_page(outbox, sb):
    post = text_post("On my page")
    entry = crashed(outbox, post)
    demo_client(sb).call("mediatopic.post", post.to_params())
    [found] = outbox.recover(demo_client(sb), uid=UID)
    assert found.id == entry.id and found.url == f"{sb.base_url}/sandbox/topic/{found.topic_id}"
    second = crashed(outbox, text_post("Also on my page"))
    demo_client(sb).call("mediatopic.post", text_post("Also on my page").to_params())
    assert outbox.check(demo_client(sb), second.id, UID).url.startswith(f"{sb.base_url}/sandbox/topic/")
    third = crashed(outbox, text_post("Re-run"))
    demo_client(sb).call("mediatopic.post", text_post("Re-run").to_params())
    rerun = outbox.publish(demo_client(sb), text_post("Re-run"), options=SendOptions(uid=UID))
    assert rerun.id == third.id and rerun.url.startswith(f"{sb.base_url}/sandbox/topic/")


def test_a_crashed_moment_is_not_confirmed_when_asked_again(outbox, sb, tmp_path):
    [photo] = make_photos(tmp_path, 1, size=(720, 1280))
    from okcomposer.app.outcomes import moment_marks

    entry = crashed(outbox, text_post("x"), kind="moment")
    outbox.store._update(
        entry.id, request=f'{{"files": ["{photo}"], "marks": [["{photo}", {photo.stat().st_size}]]}}'
    )
    assert moment_marks([photo]) == [[str(photo), photo.stat().st_size]]
    from okcomposer.app.outbox import AlreadyPublished

    with pytest.raises(AlreadyPublished):
        outbox.publish_moments(demo_client(sb), [photo])
    settled = outbox.store.get(entry.id)
    assert (settled.state, settled.detail) == (box.UNCONFIRMED, "OK lists no Moments to check")


def test_publish_anyway_keeps_the_old_attempts_words_when_the_new_one_fails(outbox, sb):
    entry = crashed(outbox, text_post("Decide", admin_group(sb)))
    checked = outbox.check(demo_client(sb), entry.id)
    sb.add_fault("mediatopic.post", "session_expired", times=1)
    new = outbox.publish_anyway(demo_client(sb), entry.id)
    assert new.state == box.FAILED and new.draft_id == entry.draft_id
    old = outbox.store.get(entry.id)
    assert (old.state, old.detail) == (box.UNCONFIRMED, checked.detail) and old.claim is None


def test_publish_anyway_keeps_the_name_and_draft(outbox, sb):
    entry = crashed(outbox, text_post("Named", admin_group(sb)), target_name="Sunrise Bakery", draft_id="d9")
    outbox.check(demo_client(sb), entry.id)
    new = outbox.publish_anyway(demo_client(sb), entry.id, SendOptions(uid=UID))
    assert (new.target_name, new.draft_id, new.state) == ("Sunrise Bakery", "d9", box.PUBLISHED)


# --- due posts --------------------------------------------------------------------------------------------
def test_an_unsent_timed_post_is_retried_right_up_to_the_edges_of_the_grace(drafts):
    now = [1_900_000_000_000]
    outbox = Outbox(drafts, clock=lambda: now[0])
    grace = 60_000
    edge_old = outbox.queue(text_post("old edge"), now[0] - grace)
    edge_now = outbox.queue(text_post("now edge"), now[0])
    for entry in (edge_old, edge_now):
        outbox.store.claim(entry.id, (box.WAITING,))
        outbox.store.finish(entry.id, box.NOT_SENT, detail="connection refused")
    assert {e.id for e in outbox.due(grace)[0]} == {edge_old.id, edge_now.id}


def test_a_post_another_process_took_does_not_stop_the_rest(drafts, sb, tmp_path):
    outbox = Outbox(drafts)
    first = outbox.queue(text_post("taken"), outbox.clock() - 2000)
    second = outbox.queue(text_post("ours"), outbox.clock() - 1000)
    listed = outbox.due()  # both are due when this process looks...
    other = DraftStore(tmp_path / "d.sqlite3")
    Outbox(other).store.claim(first.id, (box.WAITING,))  # ...and then `outbox run` takes the first
    outbox.due = lambda grace_ms=0: listed
    assert [e.id for e in outbox.run_due(demo_client(sb))] == [second.id]
    assert outbox.store.get(first.id).state == box.SENDING  # left to the process that took it
    other.close()


def test_sending_a_due_post_leaves_a_not_confirmed_twin_for_the_user(drafts, sb):
    outbox = Outbox(drafts)
    twin = crashed(outbox, text_post("Twin"))
    outbox.check(demo_client(sb), twin.id)
    due = outbox.queue(text_post("Twin"), outbox.clock() - 1000, again=True)
    assert [e.id for e in outbox.run_due(demo_client(sb))] == [due.id]
    assert outbox.store.get(twin.id).state == box.UNCONFIRMED  # only the user decides about it


def test_the_list_that_needs_attention(drafts, sb):
    outbox = Outbox(drafts)
    waiting = outbox.queue(text_post("w"), outbox.clock() + 60_000)
    done = outbox.publish(demo_client(sb), text_post("done"))
    unsure = crashed(outbox, text_post("unsure"), step="prepare")
    assert {e.id for e in outbox.attention()} == {waiting.id, unsure.id}
    assert done.id not in {e.id for e in outbox.attention()}


def test_sending_an_unsent_post_leaves_a_not_confirmed_twin_too(drafts, sb):
    outbox = Outbox(drafts)
    twin = crashed(outbox, text_post("Twin again"))
    outbox.check(demo_client(sb), twin.id)
    unsent = outbox.queue(text_post("Twin again"), outbox.clock() + 60_000, again=True)
    outbox.store.claim(unsent.id, (box.WAITING,))
    outbox.store.finish(unsent.id, box.NOT_SENT, detail="connection refused")
    assert outbox.send_entry(demo_client(sb), unsent.id).state == box.PUBLISHED
    assert outbox.store.get(twin.id).state == box.UNCONFIRMED


def test_publish_anyway_uses_the_options_given(outbox, sb):
    entry = crashed(outbox, text_post("My page, decided"))
    outbox.check(demo_client(sb), entry.id)
    new = outbox.publish_anyway(demo_client(sb), entry.id, SendOptions(uid=UID))
    assert new.url == f"{sb.base_url}/sandbox/topic/{new.topic_id}"
