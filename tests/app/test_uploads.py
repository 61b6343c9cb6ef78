"""Uploads: sizes sent up front, several files per URL, parallelism, progress, cancel, expiry, retries."""

from __future__ import annotations

import pytest
from support.images import make_photos
from support.sandbox_client import admin_group, demo_client
from support.waiting import HANG_S, InThread, after_each_call

from okcomposer.api.cancel import CancelToken
from okcomposer.api.errors import OkApiError, OkCancelled
from okcomposer.api.topic import Post
from okcomposer.app.photos import BadPhotos
from okcomposer.app.publish import publish
from okcomposer.limits import Limits
from okcomposer.sandbox import uploads as sandbox_uploads
from okcomposer.sandbox.server import Sandbox


def group_post(gid: str, photos) -> Post:
    return Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": gid,
            "attachment": {"media": [{"type": "photo", "list": [{"file": str(p)} for p in photos]}]},
        }
    )


def calls(sandbox, method: str) -> list[dict]:
    return [c for c in sandbox.snapshot()["calls"] if c["method"] == method]


def test_sizes_and_several_files_per_url(sandbox, tmp_path):
    photos = make_photos(tmp_path, 6)
    publish(demo_client(sandbox), group_post(admin_group(sandbox), photos), parallel=2)
    urls = calls(sandbox, "photosV2.getUploadUrl")
    assert [c["params"]["count"] for c in urls] == ["3", "3"]
    sent_sizes = sorted(int(s) for c in urls for s in c["params"]["sizes"].split(","))
    assert sent_sizes == sorted(p.stat().st_size for p in photos)
    [topic] = sandbox.snapshot()["topics"]
    assert len(topic["attachment"]["media"][0]["list"]) == 6


def test_photo_order_is_kept_across_parallel_batches(sandbox, tmp_path):
    photos = make_photos(tmp_path, 7)
    publish(demo_client(sandbox), group_post(admin_group(sandbox), photos), parallel=3)
    snap = sandbox.snapshot()
    by_token = {p["token"]: p for p in snap["photos"] if p.get("token")}
    import hashlib

    stored = [by_token[item["id"]]["sha256"] for item in snap["topics"][0]["attachment"]["media"][0]["list"]]
    # GPS stripping does not touch these files (no EXIF), so the bytes sent are the files' bytes.
    assert stored == [hashlib.sha256(p.read_bytes()).hexdigest() for p in photos]


def test_total_and_per_file_progress_in_bytes(sandbox, tmp_path):
    photos = make_photos(tmp_path, 4, size=(1200, 900))
    totals, per_file = [], {}
    publish(
        demo_client(sandbox),
        group_post(admin_group(sandbox), photos),
        parallel=2,
        progress=lambda *a: totals.append(a),
        file_progress=lambda i, s, n: per_file.__setitem__(i, (s, n)),
    )
    size = sum(p.stat().st_size for p in photos)
    assert totals[-1] == (size, size, 4, 4)
    assert [b for b, *_ in totals] == sorted(b for b, *_ in totals) or len({t[1] for t in totals}) == 1
    assert per_file == {i: (p.stat().st_size, p.stat().st_size) for i, p in enumerate(photos)}


def test_expired_upload_url_is_fetched_again(tmp_path):
    with Sandbox(upload_ttl_ms=1) as sb:
        photos = make_photos(tmp_path, 2)
        # The URL is already expired when it arrives; the uploader notices (locally or from the answer)
        # and asks again instead of failing. With a 1 ms TTL every URL expires, so it finally gives up.
        with pytest.raises(OkApiError):
            publish(demo_client(sb), group_post(admin_group(sb), photos), parallel=1)
        assert len(calls(sb, "photosV2.getUploadUrl")) >= 2
        assert sb.snapshot()["topics"] == []
    with Sandbox(upload_ttl_ms=3_000) as sb:
        from okcomposer.api import methods

        client = demo_client(sb)
        asked = sb.state.now_ms()
        slot = methods.get_photo_upload_url(client, [100])
        assert slot.ttl_ms == 3_000 and asked + 3_000 <= slot.expires_ms <= sb.state.now_ms() + 3_000
        assert not slot.expired(slot.expires_ms - 1, margin_ms=0)
        assert slot.expired(slot.expires_ms, margin_ms=0)
        assert slot.expired(slot.expires_ms - 60_000) and not slot.expired(slot.expires_ms - 60_001)


def test_failed_batch_is_retried_without_resending_the_others(sandbox, tmp_path):
    photos = make_photos(tmp_path, 4)
    sandbox.add_fault(method="upload.photo", kind="http503", times=1)
    publish(demo_client(sandbox), group_post(admin_group(sandbox), photos), parallel=2)
    snap = sandbox.snapshot()
    uploaded = [p for p in snap["photos"] if p.get("token")]
    assert len(uploaded) == 4  # the good batch once, the failed batch once more: no duplicates
    assert len(snap["topics"]) == 1


def test_dropped_upload_connection_is_retried(sandbox, tmp_path):
    photos = make_photos(tmp_path, 2)
    sandbox.add_fault(method="upload.photo", kind="drop_before", times=2)
    publish(demo_client(sandbox), group_post(admin_group(sandbox), photos), parallel=1)
    assert len(sandbox.snapshot()["topics"]) == 1


def test_cancel_during_a_slow_upload_cuts_the_wait_for_its_answer_short(sandbox, tmp_path, monkeypatch):
    photos = make_photos(tmp_path, 3)
    sandbox.add_fault("upload.photo", "slow", slow_seconds=3600)  # the upload arrives; its answer does not
    arrived = after_each_call(monkeypatch, sandbox_uploads, "upload_photo")
    client = demo_client(sandbox, timeout=(5.0, 3600.0))  # only the cancel can end the wait
    cancel = CancelToken()
    worker = InThread(lambda: publish(client, group_post(admin_group(sandbox), photos), cancel=cancel))
    assert arrived.wait(HANG_S)
    cancel.cancel()
    assert worker.finished() and isinstance(worker.error, OkCancelled)
    assert sandbox.snapshot()["topics"] == []


def test_bad_photo_stops_everything_before_any_upload(sandbox, tmp_path):
    good = make_photos(tmp_path, 1)[0]
    bad = tmp_path / "notes.jpg"
    bad.write_text("not an image")
    with pytest.raises(BadPhotos) as info:
        publish(demo_client(sandbox), group_post(admin_group(sandbox), [good, bad]))
    assert "notes.jpg" in str(info.value)
    assert calls(sandbox, "photosV2.getUploadUrl") == []


def test_limits_come_from_the_one_table(sandbox, tmp_path):
    [photo] = make_photos(tmp_path, 1)
    tiny = Limits(photo_max_bytes=1000)
    with pytest.raises(BadPhotos, match="PHOTO_SIZE_LIMIT_EXCEEDED|MB|KB|bytes"):
        publish(demo_client(sandbox), group_post(admin_group(sandbox), [photo]), limits=tiny)
