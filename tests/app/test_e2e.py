"""End to end against the sandbox on a free port: what we publish is what the sandbox stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client

from okcomposer.api import methods
from okcomposer.api.client import OkClient
from okcomposer.api.credentials import Credentials
from okcomposer.api.errors import OkApiError
from okcomposer.api.topic import Post
from okcomposer.app.moments import post_moments
from okcomposer.app.publish import publish


def _methods_called(sandbox) -> list[str]:
    return [c["method"] for c in sandbox.snapshot()["calls"]]


def test_group_post_with_text_link_poll_and_three_photos(sandbox, tmp_path):
    gid = admin_group(sandbox)
    photos = make_photos(tmp_path, 3)
    post = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": gid,
            "attachment": {
                "media": [
                    {"type": "text", "text": "Свежий хлеб 🍞"},
                    {"type": "link", "url": "https://ok.ru/"},
                    {
                        "type": "poll",
                        "question": "Какой?",
                        "answers": [{"text": "Ржаной"}, {"text": "Белый"}],
                        "options": "SingleChoice,AnonymousVoting",
                    },
                    {"type": "photo", "list": [{"file": str(p)} for p in photos]},
                ],
                "onBehalfOfGroup": "true",
            },
        }
    )
    progress = []
    result = publish(demo_client(sandbox), post, progress=lambda *a: progress.append(a))
    snap = sandbox.snapshot()
    [topic] = snap["topics"]
    assert (
        topic["id"] == result.topic_id and result.url == f"{sandbox.base_url}/sandbox/topic/{result.topic_id}"
    )
    assert topic["type"] == "GROUP_THEME" and topic["gid"] == gid
    media = topic["attachment"]["media"]
    assert [b["type"] for b in media] == ["text", "link", "poll", "photo"]
    assert media[0]["text"] == "Свежий хлеб 🍞" and media[2]["question"] == "Какой?"
    assert topic["attachment"]["onBehalfOfGroup"] == "true"
    tokens = [item["id"] for item in media[3]["list"]]
    stored = {p["token"]: p for p in snap["photos"] if p.get("token") in tokens}
    assert len(stored) == 3 and all(p["gid"] == gid for p in stored.values())
    assert "photosV2.commit" not in _methods_called(sandbox)  # group photos are never committed
    assert progress[-1][0] == progress[-1][1] and progress[-1][2:] == (3, 3)


def test_scheduled_group_post(sandbox):
    gid = admin_group(sandbox)
    when = datetime.now(ZoneInfo("Asia/Vladivostok")).replace(microsecond=0) + timedelta(days=2)
    post = Post.from_draft(
        {"type": "GROUP_THEME", "gid": gid, "attachment": {"media": [{"type": "text", "text": "Later"}]}}
    )
    post.attachment.schedule(when)
    publish(demo_client(sandbox), post)
    [topic] = sandbox.snapshot()["topics"]
    assert topic["publish_at_ms"] == int(when.timestamp() * 1000)


def test_scheduled_with_moscow_publish_at(sandbox):
    gid = admin_group(sandbox)
    moscow = (datetime.now(ZoneInfo("Europe/Moscow")) + timedelta(hours=5)).replace(microsecond=0)
    text = moscow.strftime("%Y-%m-%d %H:%M:%S")
    post = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": gid,
            "attachment": {"media": [{"type": "text", "text": "Moscow time"}], "publishAt": text},
        }
    )
    publish(demo_client(sandbox), post)
    [topic] = sandbox.snapshot()["topics"]
    assert topic["publish_at_ms"] == int(moscow.astimezone(UTC).timestamp() * 1000)


def test_user_post_attaches_new_photos_by_token_without_commit(sandbox, tmp_path):
    photos = make_photos(tmp_path, 2)
    post = Post.from_draft(
        {
            "type": "USER",
            "attachment": {
                "media": [
                    {"type": "text", "text": "Hello"},
                    {"type": "photo", "list": [{"file": str(p)} for p in photos]},
                ]
            },
        }
    )
    steps = []
    result = publish(demo_client(sandbox), post, uid=sandbox.info()["user"]["uid"], on_step=steps.append)
    snap = sandbox.snapshot()
    [topic] = snap["topics"]
    assert topic["type"] == "USER" and topic["gid"] in (None, "")
    items = topic["attachment"]["media"][1]["list"]
    assert all(set(item) == {"id"} for item in items)  # upload tokens, never photoId (that reshares)
    uploads = {p["token"]: p for p in snap["photos"]}
    assert [uploads[item["id"]]["used"] for item in items] == [True, True]
    assert not any(p["committed"] for p in snap["photos"])
    assert "photosV2.commit" not in _methods_called(sandbox) and "commit" not in steps
    assert result.photos_uploaded == 2
    assert result.url == f"{sandbox.base_url}/sandbox/topic/{result.topic_id}"  # the sandbox's own page


def test_a_draft_resharing_an_existing_photo_keeps_its_photo_id(sandbox):
    existing = {"type": "photo", "list": [{"photoId": "930000000001"}]}
    post = Post.from_draft({"type": "USER", "attachment": {"media": [existing]}})
    publish(demo_client(sandbox), post)
    [topic] = sandbox.snapshot()["topics"]
    assert topic["attachment"]["media"] == [existing]
    assert _methods_called(sandbox).count("photosV2.getUploadUrl") == 0


def test_moment(sandbox, tmp_path):
    photos = make_photos(tmp_path, 2, size=(720, 1280))
    posted = post_moments(demo_client(sandbox), photos)
    moments = sandbox.snapshot()["moments"]
    assert len(posted.ids) == 2 and [m["id"] for m in moments] == list(posted.ids) and posted.note == ""
    assert {(m["width"], m["height"]) for m in moments} == {(720, 1280)}
    uploads = [c["params"] for c in sandbox.snapshot()["calls"] if c["method"] == "moments.getUploadUrl"]
    assert [p.get("type") for p in uploads] == ["PHOTO", "PHOTO"]  # one upload URL per Moment


def test_wrong_secret_gives_104(sandbox):
    info = sandbox.info()
    bad = OkClient(Credentials(info["application_key"], info["access_token"], "0" * 32), sandbox.base_url)
    with pytest.raises(OkApiError) as err:
        methods.get_current_user(bad)
    assert (err.value.code, err.value.name) == (104, "PARAM_SIGNATURE")
    assert sandbox.snapshot()["topics"] == []


def test_groups_all_pages_info_and_rights(sandbox):
    client = demo_client(sandbox)
    ids = methods.get_user_group_ids(client, page_size=2)
    assert len(ids) == len([g for g in sandbox.info()["groups"]]) and len(set(ids)) == len(ids)
    groups = methods.get_groups_info(client, ids)
    assert [g.uid for g in groups] == ids and all(g.name for g in groups)
    uid = sandbox.info()["user"]["uid"]
    rights = {gid: methods.get_memberships(client, gid, [uid])[0] for gid in ids}
    admins = {gid for gid, m in rights.items() if m.can_post_as_group}
    assert admins == {g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN"}
    assert all(m.can_suggest for m in rights.values())


@pytest.mark.parametrize("shape", ["array", "object"])
def test_group_info_both_shapes(shape):
    from okcomposer.sandbox.server import Sandbox

    with Sandbox(port=0, group_info_shape=shape) as sb:
        gid = admin_group(sb)
        [group] = methods.get_groups_info(demo_client(sb), [gid])
        assert group.uid == gid and group.name


def test_current_user(sandbox):
    user = methods.get_current_user(demo_client(sandbox))
    assert user.uid == sandbox.info()["user"]["uid"] and user.name == "Demo User"


def test_video_upload_update_and_movie_post(sandbox, tmp_path):
    from okcomposer.api import video as video_api
    from okcomposer.api.upload import UploadFile

    client = demo_client(sandbox)
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(64 * 1024))
    slot = video_api.get_video_upload_url(client, video.name, video.stat().st_size)
    video_api.upload_video(client, slot, UploadFile("data", video, "video/mp4"))
    video_api.update_video(client, slot.video_id, "My clip")
    post = Post.from_draft({"attachment": {"media": [{"type": "movie", "list": [{"id": slot.video_id}]}]}})
    topic_id = methods.post_topic(client, post)
    snap = sandbox.snapshot()
    assert [t["id"] for t in snap["topics"]] == [topic_id]
    stored = next(v for v in snap["videos"] if str(v["video_id"]) == slot.video_id)
    assert stored["title"] == "My clip"
