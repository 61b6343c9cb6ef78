"""moments.commit's answer is undocumented (docs/ok-api.md "Moments"): any truthy answer is published, an
unknown shape is "published, answer not understood", a falsy one is not confirmed, OK's error JSON failed.
The sandbox really answers each shape (answer_after / answer_before faults) and its Moments are counted."""

from __future__ import annotations

from datetime import UTC

import pytest
from support.images import make_photos
from support.sandbox_client import demo_client

from okcomposer.api.methods import read_moments_answer
from okcomposer.app.outbox import AlreadyPublished, Outbox, SendOptions
from okcomposer.app.outbox_text import entry_text, status_line
from okcomposer.store.outbox import FAILED, PUBLISHED, UNCONFIRMED

UID = "575662066926"


@pytest.mark.parametrize(
    "answer, done, understood, ids",
    [
        (True, True, True, ()),
        ("true", True, True, ()),
        ({"success": True}, True, True, ()),
        ({"success": "true"}, True, True, ()),
        ({"moment_ids": ["1", 2]}, True, True, ("1", "2")),
        ({"success": True, "moment_ids": ["7"]}, True, True, ("7",)),
        ({"result": "ok"}, True, False, ()),
        ({"moment_ids": "7"}, True, False, ()),
        ("960000000017", True, False, ()),
        ([1, 2], True, False, ()),
        (1, True, False, ()),
        (False, False, True, ()),
        ("false", False, True, ()),
        ({"success": False}, False, True, ()),
        ({"success": "false", "moment_ids": ["1"]}, False, True, ()),
        (None, False, False, ()),
        ({}, False, False, ()),
        ([], False, False, ()),
        ("", False, False, ()),
        (0, False, False, ()),
    ],
)
def test_every_answer_shape_is_sorted(answer, done, understood, ids):
    read = read_moments_answer(answer)
    assert (read.done, read.understood, read.ids) == (done, understood, ids)
    assert bool(read.answer) == (not (done and understood))  # an excerpt whenever the user is told


def publish_moment(sb, drafts, tmp_path, again=False):
    photos = make_photos(tmp_path, 2, size=(720, 1280))
    outbox = Outbox(drafts)
    return outbox, outbox.publish_moments(
        demo_client(sb), photos, again=again, options=SendOptions(uid=UID, parallel=1)
    )


@pytest.mark.parametrize("body", ["true", '{"success": true}', '{"success":"true"}'])
def test_a_truthy_answer_without_ids_is_published(sb, drafts, tmp_path, body):
    sb.add_fault("moments.commit", "answer_after", body=body)
    _, entry = publish_moment(sb, drafts, tmp_path)
    assert (entry.state, entry.topic_id, entry.detail) == (PUBLISHED, None, None)
    assert entry.url == f"{sb.base_url}/sandbox/"  # the sandbox lists its Moments there
    assert len(sb.snapshot()["moments"]) == 2
    assert entry_text(entry, UTC) == f"published {sb.base_url}/sandbox/"


def test_the_sandbox_answer_with_ids_is_published_with_them(sb, drafts, tmp_path):
    _, entry = publish_moment(sb, drafts, tmp_path)
    assert entry.state == PUBLISHED and entry.detail is None
    assert entry.topic_id == ",".join(m["id"] for m in sb.snapshot()["moments"])


@pytest.mark.parametrize("body", ['{"result": "ok"}', '"960000000017"', "[1]", '{"moment_ids": 5}'])
def test_an_unknown_truthy_shape_is_published_with_a_note(sb, drafts, tmp_path, body):
    sb.add_fault("moments.commit", "answer_after", body=body)
    _, entry = publish_moment(sb, drafts, tmp_path)
    assert entry.state == PUBLISHED and entry.topic_id is None
    assert "does not understand" in entry.detail and body[:10] in entry.detail
    assert len(sb.snapshot()["moments"]) == 2
    assert status_line(entry, UTC).startswith(f"published to your page: {sb.base_url}/sandbox/ (OK ")
    assert "does not understand" in entry_text(entry, UTC)


@pytest.mark.parametrize(
    "body", ["false", "null", "", '{"success": false}', "{}", "<html><body>OK</body></html>"]
)
def test_a_falsy_or_empty_answer_is_not_confirmed_and_never_sent_again(sb, drafts, tmp_path, body):
    sb.add_fault("moments.commit", "answer_after", body=body)
    outbox, entry = publish_moment(sb, drafts, tmp_path)
    assert entry.state == UNCONFIRMED and "may or may not have been published" in entry.detail
    assert len(sb.snapshot()["moments"]) == 2  # OK did act: "failed" would invite a duplicate
    assert outbox.due()[0] == [] and outbox.run_due(demo_client(sb)) == []  # not sent on its own
    with pytest.raises(AlreadyPublished) as asked:  # the same images again: the user is asked first
        publish_moment(sb, drafts, tmp_path)
    assert asked.value.entries[0].id == entry.id
    assert len(sb.snapshot()["moments"]) == 2
    commits = [c for c in sb.snapshot()["calls"] if c["method"] == "moments.commit"]
    assert len(commits) == 1


def test_ok_error_json_is_failed_with_its_code(sb, drafts, tmp_path):
    refusal = '{"error_code": 10, "error_msg": "PERMISSION_DENIED : no Moments", "error_data": null}'
    sb.add_fault("moments.commit", "answer_before", body=refusal)
    _, entry = publish_moment(sb, drafts, tmp_path)
    assert (entry.state, entry.code) == (FAILED, 10) and "no Moments" in entry.detail
    assert sb.snapshot()["moments"] == []


def test_publish_anyway_on_a_not_confirmed_moment_posts_its_images_again(sb, drafts, tmp_path):
    sb.add_fault("moments.commit", "answer_before", body="null")  # OK did nothing, and said nothing
    outbox, entry = publish_moment(sb, drafts, tmp_path)
    assert entry.state == UNCONFIRMED and sb.snapshot()["moments"] == []
    sent = outbox.publish_anyway(demo_client(sb), entry.id, SendOptions(uid=UID, parallel=1))
    assert sent.kind == "moment" and sent.state == PUBLISHED and sent.id != entry.id
    assert len(sb.snapshot()["moments"]) == 2
    assert outbox.store.get(entry.id).state not in (UNCONFIRMED,)  # decided: it leaves the list
