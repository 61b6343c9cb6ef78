"""The settling rules of a lost answer (app.confirm): time on OK's clock, known ids, content as listed."""

from __future__ import annotations

import pytest
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.topic import Post
from okcomposer.app import confirm
from okcomposer.app.confirm import (
    CLOCK_TOLERANCE_MS,
    UNMEASURED_SKEW_MS,
    canonical,
    find_posted,
    fingerprint,
    matches_listing,
    ok_time,
    target_of,
)


def post_of(media: list, **params) -> Post:
    return Post.from_draft({"attachment": {"media": media}, **params})


def text(words: str) -> dict:
    return {"type": "text", "text": words}


G = {"type": "GROUP_THEME", "gid": "70000001000101"}


# --- what a post is ---------------------------------------------------------------------------------------
def test_the_target_is_the_group_only_for_a_group_topic_with_a_gid():
    assert target_of(post_of([text("a")], **G)) == "70000001000101"
    assert target_of(post_of([text("a")])) == "me"
    assert target_of(post_of([text("a")], type="GROUP_THEME")) == "me"  # no gid: OK would refuse it anyway
    assert target_of(post_of([text("a")], type="USER", gid="5")) == "me"


def test_canonical_names_every_block_option_and_time():
    poll = {"type": "poll", "question": " Q? ", "answers": [{"text": "Yes"}, {"text": "No"}]}
    post = post_of([text(" Hi "), {"type": "link", "url": " https://ok.ru "}, poll], **G)
    post.attachment.on_behalf_of_group = True
    post.attachment.publish_at_ms = 1_900_000_000_000
    post.hidden_post, post.text_link_preview = False, True
    assert canonical(post) == {
        "target": "70000001000101",
        "type": "GROUP_THEME",
        "blocks": [
            {"type": "text", "text": "Hi"},
            {"type": "link", "url": "https://ok.ru"},
            {"type": "poll", "question": "Q?", "answers": ["Yes", "No"]},
        ],
        "options": {
            "on_behalf_of_group": True,
            "disable_comments": None,
            "hidden_post": False,
            "text_link_preview": True,
        },
        "publish_at_ms": 1_900_000_000_000,
    }


def test_photos_are_counted_and_told_apart_by_file_or_id(tmp_path):
    (tmp_path / "a.jpg").write_bytes(b"1234")
    post = post_of([{"type": "photo", "list": [{"file": str(tmp_path / "a.jpg")}, {"id": "tok"}]}])
    [block] = canonical(post)["blocks"]
    assert block == {"type": "photo", "count": 2, "items": [[str(tmp_path / "a.jpg"), 4], "tok"]}
    missing = post_of([{"type": "photo", "list": [{"file": str(tmp_path / "gone.jpg")}]}])
    assert canonical(missing)["blocks"][0]["items"] == [[str(tmp_path / "gone.jpg"), -1]]
    reshare = post_of([{"type": "photo", "list": [{"photoId": "55"}]}])
    assert canonical(reshare)["blocks"][0]["items"] == ["55"]


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.attachment.media.append(post_of([text("more")]).attachment.media[0]),
        lambda p: setattr(p.attachment.media[0], "text", "other words"),
        lambda p: setattr(p, "gid", "70000001000102"),
        lambda p: setattr(p.attachment, "disable_comments", True),
        lambda p: setattr(p.attachment, "on_behalf_of_group", True),
        lambda p: setattr(p, "hidden_post", True),
        lambda p: setattr(p, "text_link_preview", True),
    ],
)
def test_any_difference_a_reader_would_see_changes_the_fingerprint(change):
    post, same = post_of([text("words")], **G), post_of([text("words")], **G)
    assert fingerprint(post) == fingerprint(same) and len(fingerprint(post)) == 64
    change(post)
    assert fingerprint(post) != fingerprint(same)


def test_two_files_with_the_same_name_and_size_in_other_folders_are_other_photos(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p.jpg").write_bytes(b"x" * 10)
    first = post_of([{"type": "photo", "list": [{"file": str(tmp_path / "a" / "p.jpg")}]}])
    second = post_of([{"type": "photo", "list": [{"file": str(tmp_path / "b" / "p.jpg")}]}])
    again = post_of([{"type": "photo", "list": [{"file": str(tmp_path / "a" / "p.jpg")}]}])
    assert fingerprint(first) != fingerprint(second) and fingerprint(first) == fingerprint(again)


# --- matching a listing -----------------------------------------------------------------------------------
def test_a_listing_matches_by_type_order_words_and_counts():
    post = post_of([text("Hi"), {"type": "photo", "list": [{"id": "t1"}, {"id": "t2"}]}], **G)
    listed = [{"type": "text", "text": "Hi"}, {"type": "photo", "list": [{"id": "9"}, {"id": "8"}]}]
    assert matches_listing(post, listed)
    assert not matches_listing(post, [listed[1], listed[0]])  # order
    assert not matches_listing(post, [{"type": "text", "text": "Hello"}, listed[1]])  # words
    assert not matches_listing(post, [listed[0], {"type": "photo", "list": [{"id": "9"}]}])  # count
    assert not matches_listing(post, [listed[0]])  # a block fewer
    assert not matches_listing(post, [*listed, {"type": "text", "text": "x"}])  # a block more
    assert not matches_listing(post, [listed[0], {"type": "movie", "list": [{}, {}]}])  # type


def test_what_the_listing_leaves_out_is_not_held_against_it():
    poll = {"type": "poll", "question": "Q?", "answers": [{"text": "Yes"}, {"text": "No"}]}
    post = post_of([poll], **G)
    assert matches_listing(post, [{"type": "poll", "question": "Q?"}])
    assert matches_listing(post, [{"type": "poll"}])
    assert not matches_listing(post, [{"type": "poll", "question": "Q?", "answers": [{"text": "Yes"}]}])
    assert matches_listing(post_of([{"type": "photo", "list": [{"id": "t"}]}]), [{"type": "photo"}])


def test_nothing_matches_an_empty_or_odd_listing():
    post = post_of([text("Hi")])
    assert not matches_listing(post, [])
    assert not matches_listing(post, None)
    assert not matches_listing(post, "Hi")
    assert matches_listing(post, ["junk", {"type": "text", "text": "Hi"}])  # non-blocks are skipped


def test_only_the_one_link_block_ok_adds_for_a_preview_is_tolerated():
    words = "See https://example.com"
    preview = post_of([text(words)], text_link_preview=True, **G)
    plain = post_of([text(words)], **G)
    added = [text(words), {"type": "link", "url": "https://example.com"}]
    assert matches_listing(preview, added)
    assert matches_listing(preview, [added[1], added[0]])
    assert not matches_listing(plain, added)  # no preview asked: the link block is not ours
    two = [*added, {"type": "link", "url": "https://other.example"}]
    assert not matches_listing(preview, two)
    own = post_of([text(words), {"type": "link", "url": "https://example.com"}], text_link_preview=True, **G)
    assert not matches_listing(own, [*added, {"type": "link", "url": "https://example.com"}])
    assert not matches_listing(preview, [text(words), {"type": "photo", "list": []}])


# --- time -------------------------------------------------------------------------------------------------
class FakeClock:
    def __init__(self, offset):
        self.server_offset_ms = offset


def test_oks_clock_is_ours_plus_the_measured_offset():
    assert ok_time(FakeClock(-1500), 10_000) == (8_500, CLOCK_TOLERANCE_MS)
    assert ok_time(FakeClock(0), 10_000) == (10_000, CLOCK_TOLERANCE_MS)
    assert ok_time(FakeClock(None), 10_000) == (10_000, UNMEASURED_SKEW_MS)
    assert ok_time(object(), 10_000) == (10_000, UNMEASURED_SKEW_MS)
    assert CLOCK_TOLERANCE_MS < 60_000 and UNMEASURED_SKEW_MS < 60_000  # a minute-old lookalike never counts


# --- find_posted against the sandbox ----------------------------------------------------------------------
def _post_at(sb, monkeypatch, post: Post, at_ms: int) -> str:
    monkeypatch.setattr(sb.state, "now_ms", lambda: at_ms)
    topic_id = demo_client(sb).call("mediatopic.post", post.to_params())
    monkeypatch.undo()
    return str(topic_id)


def _fixed_offset(client, offset_ms: int):
    """The client's measure of OK's clock, held still (each answer's Date header would re-measure it)."""
    client._note_clock = lambda _response: None
    client.server_offset_ms = offset_ms
    return client


def test_a_topic_counts_only_from_the_attempt_on_oks_clock_less_the_tolerance(sb, monkeypatch):
    post = post_of([text("Timed")], type="GROUP_THEME", gid=admin_group(sb))
    started = 1_900_000_000_000
    client = _fixed_offset(demo_client(sb), 0)
    _post_at(sb, monkeypatch, post, started - CLOCK_TOLERANCE_MS - 1)
    assert find_posted(client, post, started) is None  # a moment too early
    edge = _post_at(sb, monkeypatch, post, started - CLOCK_TOLERANCE_MS)
    assert find_posted(client, post, started) == edge
    client.server_offset_ms = -5_000  # OK's clock is 5 s behind ours: the same topic is 5 s "later"
    assert find_posted(client, post, started + 5_000) == edge
    assert find_posted(client, post, started + 5_001) is None


def test_known_ids_and_other_words_never_count(sb, monkeypatch):
    gid = admin_group(sb)
    post = post_of([text("Ours")], type="GROUP_THEME", gid=gid)
    client = _fixed_offset(demo_client(sb), 0)
    started = 1_900_000_000_000
    ours = _post_at(sb, monkeypatch, post, started + 10)
    _post_at(sb, monkeypatch, post_of([text("Someone else's")], type="GROUP_THEME", gid=gid), started + 20)
    assert find_posted(client, post, started) == ours
    assert find_posted(client, post, started, known_ids={ours}) is None
    newer = _post_at(sb, monkeypatch, post, started + 30)
    assert find_posted(client, post, started, known_ids={ours}) == newer
    assert find_posted(client, post, started) == newer  # the newest first


def test_the_page_listing_is_asked_for_a_page_post(sb, monkeypatch):
    post = post_of([text("On my page")])
    client = demo_client(sb)
    mine = client.call("mediatopic.post", post.to_params())
    assert find_posted(client, post, confirm.ok_time(client, 0)[0]) == str(mine)
    asked = [c for c in sb.snapshot()["calls"] if c["method"] == "mediatopic.getTopics"]
    assert asked and "gid" not in asked[-1].get("params", {})


def test_the_client_measures_oks_clock_from_the_date_of_its_answers(sb):
    client = demo_client(sb)
    assert client.server_offset_ms is None  # nothing measured yet: the wider tolerance applies
    client.call("users.getCurrentUser")
    assert client.server_offset_ms is not None and abs(client.server_offset_ms) <= 1_000


def test_the_same_post_at_another_time_is_the_same_content():
    now, later = post_of([text("Sale")], **G), post_of([text("Sale")], **G)
    later.attachment.publish_at_ms = 1_900_000_000_000
    assert fingerprint(now) == fingerprint(later)
    assert canonical(now)["publish_at_ms"] is None and canonical(later)["publish_at_ms"] == 1_900_000_000_000


def test_items_are_marked_by_file_id_photo_id_video_id_or_as_written(tmp_path, monkeypatch):
    from okcomposer.app.confirm import _item_mark

    monkeypatch.chdir(tmp_path)
    (tmp_path / "rel.jpg").write_bytes(b"abc")
    assert _item_mark({"file": "rel.jpg"}) == [str(tmp_path / "rel.jpg"), 3]
    assert _item_mark({"id": "t1", "photoId": "p"}) == "t1"
    assert _item_mark({"photoId": "p1"}) == "p1" and _item_mark({"videoId": "v1"}) == "v1"
    assert _item_mark({}) == "" and _item_mark("raw") == "raw" and _item_mark(7) == "7"


def test_blocks_as_a_listing_may_write_them_are_read_kindly():
    from okcomposer.app.confirm import _block_marks

    assert _block_marks({"type": "text", "text": None}) == {"type": "text", "text": ""}
    assert _block_marks({"type": "poll", "answers": None}) == {"type": "poll", "answers": []}
    assert _block_marks({"type": "poll", "answers": ["Yes", {"text": "No"}]})["answers"] == ["Yes", "No"]
    assert _block_marks({"type": "movie"}) == {"type": "movie"}
    assert _block_marks({"type": "photo", "list": "odd"}) == {"type": "photo"}
    assert _block_marks({"type": "photo", "list": [{"id": "a"}]}, identity=True)["items"] == ["a"]
    assert matches_listing(post_of([text("Hi")]), [{"type": "text", "text": " Hi "}])  # spaces OK trims


def test_looking_for_a_lost_post_can_be_cancelled(sb):
    from okcomposer.api.cancel import CancelToken
    from okcomposer.api.errors import OkCancelled

    cancel = CancelToken()
    cancel.cancel()
    with pytest.raises(OkCancelled):
        find_posted(demo_client(sb), post_of([text("x")]), 0, cancel=cancel)


def test_a_newer_known_topic_does_not_hide_ours_below_it(sb, monkeypatch):
    post = post_of([text("Ours, then another")], type="GROUP_THEME", gid=admin_group(sb))
    client = _fixed_offset(demo_client(sb), 0)
    started = 1_900_000_000_000
    ours = _post_at(sb, monkeypatch, post, started + 10)
    newer = _post_at(sb, monkeypatch, post, started + 20)  # e.g. published again on purpose, and known
    assert find_posted(client, post, started, known_ids={newer}) == ours
