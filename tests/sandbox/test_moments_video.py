"""Moments (upload + moments.commit); videos are in test_video.py."""

from __future__ import annotations

import json


def moment_upload(api, size=(720, 1280)) -> dict:
    got = api.call("moments.getUploadUrl")
    assert set(got) == {"upload_url", "photo_ids", "expires_ms", "ttl_ms"} and len(got["photo_ids"]) == 1
    answer = api.upload(got["upload_url"], {"pic1": ("m.jpg", api.image("JPEG", size), "image/jpeg")}).json()
    photo_id = got["photo_ids"][0]
    return {"photo_id": photo_id, "token": answer["photos"][photo_id]["token"]}


def test_two_moments_in_one_commit(api):
    first, second = moment_upload(api), moment_upload(api, (1080, 1920))
    answer = api.call("moments.commit", photos=json.dumps([first, second]))
    assert answer["success"] is True and len(answer["moment_ids"]) == 2
    moments = api.sb.state.moments
    assert [m["id"] for m in moments] == answer["moment_ids"]
    assert moments[1]["photo_id"] == second["photo_id"] and (moments[1]["width"], moments[1]["height"]) == (
        1080,
        1920,
    )
    assert moments[0]["uid"] == api.uid and moments[0]["format"] == "JPEG" and moments[0]["bytes"] > 0
    assert api.error("moments.commit", photos=json.dumps([first])) == 100  # a token is single use


def test_moment_upload_url_takes_type_photo(api):
    assert len(api.call("moments.getUploadUrl", type="PHOTO")["photo_ids"]) == 1
    assert api.error("moments.getUploadUrl", type="VIDEO") == 100  # the sandbox makes photo Moments only


def test_moment_commit_rules(api):
    item = moment_upload(api)
    assert api.error("moments.commit", photos=json.dumps([{**item, "token": "wrong"}])) == 100
    assert api.error("moments.commit", photos=json.dumps([item, item])) == 100
    assert api.error("moments.commit", photos="[]") == 100
    assert api.error("moments.commit", photos="{not json") == 100
    assert api.error("moments.commit") == 100
    pid, token = api.upload_photo()
    assert api.error("moments.commit", photos=json.dumps([{"photo_id": pid, "token": token}])) == 100
    # A Moment upload cannot go into a topic.
    assert api.post_error({"media": [{"type": "photo", "list": [{"id": item["token"]}]}]}) == 100
    assert api.sb.state.moments == []
    api.call("moments.commit", photos=json.dumps([item]))  # nothing above used it up
    assert len(api.sb.state.moments) == 1
