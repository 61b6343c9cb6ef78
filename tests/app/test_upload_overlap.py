"""Preparing photos overlaps their upload (issue 16): the first batch leaves once its own files are ready,
while the last ones are still being prepared; a file whose fixed copy fails stops the post."""

from __future__ import annotations

import threading

import pytest
from PIL import Image
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.topic import Post
from okcomposer.app import photos as photo_steps
from okcomposer.app.photos import BadPhotos
from okcomposer.app.publish import publish
from okcomposer.media.result import PrecheckResult


def group_post(gid: str, photos) -> Post:
    return Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": gid,
            "attachment": {"media": [{"type": "photo", "list": [{"file": str(p)} for p in photos]}]},
        }
    )


def with_gps(path):
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (55.0, 45.0, 1.0), 3: "E", 4: (37.0, 37.0, 2.0)})
    with Image.open(path) as image:
        image.save(path, "JPEG", exif=exif)
    return path


def test_the_first_byte_leaves_before_the_last_photo_is_prepared(sandbox, tmp_path, monkeypatch):
    photos = [with_gps(p) for p in make_photos(tmp_path, 6)]
    first_byte = threading.Event()
    waited: list[bool] = []
    prepare = photo_steps.prepare

    def slow_last(path, *args, **kwargs):
        if path == photos[-1]:  # only once a byte is on its way may the last photo be ready
            waited.append(first_byte.wait(20))
        return prepare(path, *args, **kwargs)

    monkeypatch.setattr(photo_steps, "prepare", slow_last)

    def progress(sent: int, *_rest: int) -> None:
        if sent:
            first_byte.set()

    done = publish(
        demo_client(sandbox), group_post(admin_group(sandbox), photos), parallel=3, progress=progress
    )
    assert waited == [True] and done.photos_uploaded == 6
    urls = [c for c in sandbox.snapshot()["calls"] if c["method"] == "photosV2.getUploadUrl"]
    sizes = sorted(int(s) for c in urls for s in c["params"]["sizes"].split(","))
    assert all(size < min(p.stat().st_size for p in photos) for size in sizes)  # the copies, GPS stripped


def test_a_fixed_copy_that_still_fails_stops_the_post(sandbox, tmp_path, monkeypatch):
    photos = make_photos(tmp_path, 4)
    prepare_one = photo_steps.prepare_one

    def third_fails(path, result, *args, **kwargs):
        if path == photos[2]:
            raise BadPhotos([PrecheckResult(str(path), False, "PHOTO_INVALID", "still broken after the fix")])
        return prepare_one(path, result, *args, **kwargs)

    monkeypatch.setattr(photo_steps, "prepare_one", third_fails)
    with pytest.raises(BadPhotos, match="still broken"):
        publish(demo_client(sandbox), group_post(admin_group(sandbox), photos), parallel=2)
    assert sandbox.snapshot()["topics"] == []
