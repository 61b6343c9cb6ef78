"""photosV2 upload URLs, the multipart upload endpoint with its PHOTO_* errors, and photosV2.commit."""

from __future__ import annotations

import hashlib
import io
import struct
import time
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from PIL import Image

from okcomposer.limits import Limits
from okcomposer.sandbox.server import Sandbox

MIB = 1024 * 1024


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size without carrying the pixels (what a decompression bomb looks like)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def upload_one(api, content: bytes, name="pic1", mime="image/jpeg", **params) -> dict:
    got = api.upload_url(**params)
    return api.upload(got["upload_url"], {name: ("photo", content, mime)}).json()


def test_upload_two_photos_then_commit_and_post(api):
    got = api.upload_url(count="2")
    assert got["upload_url"].startswith(api.base + "/upload/photo?")
    assert len(got["photo_ids"]) == 2 and got["ttl_ms"] == 86_400_000
    assert got["expires_ms"] > time.time() * 1000
    query = parse_qs(urlsplit(got["upload_url"]).query)
    assert query["photoIds"] == [",".join(got["photo_ids"])]  # ids with + / = survive URL encoding
    jpeg, png = api.image("JPEG", (640, 480)), api.image("PNG", (100, 200))
    answer = api.upload(
        got["upload_url"], {"pic1": ("a.jpg", jpeg, "image/jpeg"), "pic2": ("b.png", png, "image/png")}
    )
    tokens = {pid: entry["token"] for pid, entry in answer.json()["photos"].items()}
    assert set(tokens) == set(got["photo_ids"])
    first, second = api.sb.state.photos
    assert (first["format"], first["width"], first["height"], first["bytes"]) == ("JPEG", 640, 480, len(jpeg))
    assert first["sha256"] == hashlib.sha256(jpeg).hexdigest()
    assert (second["format"], second["width"], second["height"]) == ("PNG", 100, 200)
    assert not first["committed"] and not first["used"] and first["gid"] is None

    pid = got["photo_ids"][0]
    done = api.call("photosV2.commit", photo_id=pid, token=tokens[pid], comment="nice")
    assigned = done["photos"][0]["assigned_photo_id"]
    assert done == {"photos": [{"photo_id": pid, "status": "SUCCESS", "assigned_photo_id": assigned}]}
    assert api.post({"media": [{"type": "photo", "list": [{"photoId": assigned}]}]}).json().isdigit()
    # The other upload goes straight into a user topic by its token; a token is single use.
    photo = {"media": [{"type": "photo", "list": [{"id": tokens[got["photo_ids"][1]]}]}]}
    assert api.post(photo).json().isdigit()
    assert api.sb.state.photos[1]["used"] is True
    assert api.post_error(photo) == 100


def test_upload_into_an_album_and_album_rules(api):
    pid, token = api.upload_photo(aid="900000000001")
    assert api.sb.state.photos[0]["aid"] == "900000000001"
    assert api.error("photosV2.getUploadUrl", aid="900000000099") == 512
    assert api.error("photosV2.getUploadUrl", aid="777") == 120
    assert api.error("photosV2.getUploadUrl", aid="900000000001", gid=api.admin_gid) == 513
    # Photos of one topic must share an album: an upload into album 1 and a photo of album 2 do not.
    mixed = {"media": [{"type": "photo", "list": [{"id": token}, {"photoId": "930000000002"}]}]}
    assert api.post_error(mixed) == 100
    same = {"media": [{"type": "photo", "list": [{"id": token}, {"photoId": "930000000001"}]}]}
    assert api.post(same).json().isdigit()


def test_upload_url_parameters(api):
    assert api.error("photosV2.getUploadUrl", count="0") == 100
    assert api.error("photosV2.getUploadUrl", count="11") == 100
    assert api.error("photosV2.getUploadUrl", sizes="12,abc", count="2") == 100
    assert api.error("photosV2.getUploadUrl", sizes="1,2") == 100  # more sizes than photos
    assert api.error("photosV2.getUploadUrl", sizes=str(30 * MIB + 1)) == 500
    assert len(api.call("photosV2.getUploadUrl", sizes=str(30 * MIB), count="10")["photo_ids"]) == 10
    assert api.error("photosV2.getUploadUrl", gid="123") == 160
    assert api.error("photosV2.getUploadUrl", gid="70000001000301") == 10  # not a member


def truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def noisy_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((256, 256), 64).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "make, mime, code",
    [
        (lambda api: b"", "image/jpeg", 505),
        (lambda api: b"this is not an image at all" * 10, "image/jpeg", 503),
        (lambda api: api.image("PPM"), "application/octet-stream", 503),
        (lambda api: api.image("JPEG"), "image/png", 503),
        (lambda api: truncated(noisy_jpeg()), "image/jpeg", 504),
        (lambda api: truncated(api.image("PNG", (300, 300))), "image/png", 504),
        (lambda api: api.image("PNG", (16, 100)), "image/png", 501),
        (lambda api: png_header(12_001, 40), "image/png", 502),
        (lambda api: png_header(20_000, 20_000), "image/png", 502),
        (lambda api: png_header(9_000, 9_000), "image/png", 502),
    ],
    ids=[
        "empty",
        "not-image",
        "ppm",
        "wrong-mime",
        "truncated-jpeg",
        "truncated-png",
        "small",
        "wide",
        "bomb",
        "pixels",
    ],
)
def test_upload_errors(api, make, mime, code):
    body = upload_one(api, make(api), mime=mime)
    assert body["error_code"] == code, body
    assert api.sb.state.photos == []


def test_a_large_jpeg_is_read_to_its_last_block(api):
    """The sandbox decodes a large JPEG at a reduced scale, yet every entropy-coded block is still read: a
    file cut or corrupted near its end is refused as a full decode refuses it, and the size recorded is
    the photo's own, not the reduced one."""
    buffer = io.BytesIO()
    Image.effect_noise((2400, 1600), 64).convert("RGB").save(buffer, "JPEG", quality=90, progressive=True)
    whole = buffer.getvalue()
    for broken in (whole[: len(whole) - 3000], whole[: len(whole) - 2] + b"\0" * 2):
        assert upload_one(api, broken)["error_code"] == 504
    assert "photos" in upload_one(api, whole)
    (photo,) = api.sb.state.photos
    assert (photo["format"], photo["width"], photo["height"]) == ("JPEG", 2400, 1600)


def test_upload_without_pic_field_or_multipart(api):
    got = api.upload_url()
    assert (
        api.upload(got["upload_url"], {"photo": ("a.jpg", api.image(), "image/jpeg")}).json()["error_code"]
        == 505
    )
    answer = requests.post(
        got["upload_url"], data=api.image(), headers={"Content-Type": "image/jpeg"}, timeout=5
    )
    assert answer.headers["Invocation-Error"] == "21"
    assert (
        api.upload(got["upload_url"], {"pic2": ("a.jpg", api.image(), "image/jpeg")}).json()["error_code"]
        == 100
    )
    assert (
        requests.post(got["upload_url"] + "x", files={"pic1": api.image()}, timeout=5).json()["error_code"]
        == 100
    )
    # The URL works, once per photo id.
    assert "photos" in api.upload(got["upload_url"], {"pic1": ("a.jpg", api.image(), "image/jpeg")}).json()
    assert (
        api.upload(got["upload_url"], {"pic1": ("a.jpg", api.image(), "image/jpeg")}).json()["error_code"]
        == 100
    )


def test_byte_limit_and_a_big_upload(make_api):
    with Sandbox(limits=Limits(photo_max_bytes=52 * MIB)) as sb:
        api = make_api(sb)
        big = api.image("BMP", (4200, 4160))  # about 50 MB, uncompressed
        assert len(big) > 50 * 1_000_000
        assert "photos" in upload_one(api, big, mime="image/bmp")
        assert sb.state.photos[0]["bytes"] == len(big)
    with Sandbox(limits=Limits(photo_max_bytes=2000)) as sb:
        api = make_api(sb)
        assert (
            upload_one(api, api.image("PNG", (300, 300), None) + b"\0" * 2000, mime="image/png")["error_code"]
            == 500
        )


def test_upload_url_expires(make_api):
    with Sandbox(upload_ttl_ms=60_000) as sb:
        api = make_api(sb)
        got = api.upload_url()
        assert got["ttl_ms"] == 60_000
        sb.state.advance(60)  # the sandbox's clock, not a sleep
        body = api.upload(got["upload_url"], {"pic1": ("a.jpg", api.image(), "image/jpeg")}).json()
        assert body["error_code"] == 100 and "expired" in body["error_msg"]


def test_commit_rules(api):
    pid, token = api.upload_photo()
    assert api.error("photosV2.commit", photo_id=pid, token="wrong") == 100
    assert api.error("photosV2.commit", photo_id="nope", token=token) == 121
    assert api.error("photosV2.commit", photo_id=pid) == 100
    api.call("photosV2.commit", photo_id=pid, token=token)
    assert api.error("photosV2.commit", photo_id=pid, token=token) == 100  # already committed
    group_pid, group_token = api.upload_photo(gid=api.admin_gid)
    assert api.error("photosV2.commit", photo_id=group_pid, token=group_token) == 100
    moment = api.call("moments.getUploadUrl")
    up = api.upload(moment["upload_url"], {"pic1": ("m.jpg", api.image(), "image/jpeg")}).json()
    moment_pid = moment["photo_ids"][0]
    assert api.error("photosV2.commit", photo_id=moment_pid, token=up["photos"][moment_pid]["token"]) == 121


def test_streamed_and_chunked_uploads(api):
    from requests_toolbelt import MultipartEncoder

    got = api.upload_url()
    encoder = MultipartEncoder({"pic1": ("фото.png", api.image("PNG"), "image/png")})
    answer = requests.post(
        got["upload_url"], data=encoder, headers={"Content-Type": encoder.content_type}, timeout=5
    )
    assert got["photo_ids"][0] in answer.json()["photos"]
    # Transfer-Encoding: chunked (a generator body) is read as well.
    got = api.upload_url()
    boundary = "sandbox-boundary-42"
    head = f'--{boundary}\r\nContent-Disposition: form-data; name="pic1"; filename="a.jpg"\r\n'
    parts = [
        head.encode() + b"Content-Type: image/jpeg\r\n\r\n",
        api.image(),
        f"\r\n--{boundary}--\r\n".encode(),
    ]
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    answer = requests.post(got["upload_url"], data=iter(parts), headers=headers, timeout=5)
    assert got["photo_ids"][0] in answer.json()["photos"]
    assert [p["format"] for p in api.sb.state.photos] == ["PNG", "JPEG"]
