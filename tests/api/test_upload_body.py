"""The streamed multipart body: the bytes requests-toolbelt's encoder writes, its declared length, a second
pass, a file that shrinks while it is sent, and cancel between chunks."""

from __future__ import annotations

import os

import pytest
from requests_toolbelt import MultipartEncoder

from okcomposer.api.cancel import CancelToken
from okcomposer.api.errors import OkCancelled
from okcomposer.api.upload import CHUNK, UploadFile, multipart_body, part_filename


def files(tmp_path, sizes: dict[str, int]) -> list[UploadFile]:
    out = []
    for i, (name, size) in enumerate(sizes.items()):
        path = tmp_path / name
        path.write_bytes(os.urandom(size))
        out.append(UploadFile(f"pic{i + 1}", path, "image/png" if name.endswith(".png") else "image/jpeg"))
    return out


def test_the_body_is_what_the_toolbelt_encoder_writes(tmp_path):
    uploads = files(tmp_path, {"a.jpg": 3 * CHUNK + 17, 'фото "1".png': 1000, "empty.jpg": 0, "b.jpg": 5})
    progress: list[tuple[int, int]] = []
    body, content_type, handles = multipart_body(uploads, lambda sent, total: progress.append((sent, total)))
    try:
        ours = b"".join(body)
        boundary = content_type.split("boundary=", 1)[1]
        fields = [(f.field, (part_filename(f), f.path.read_bytes(), f.mime)) for f in uploads]
        reference = MultipartEncoder(fields=fields, boundary=boundary)
        assert ours == reference.to_string()
        assert content_type == reference.content_type
        assert len(body) == len(ours) == body.sent
        assert progress[-1] == (len(ours), len(ours))
        assert [s for s, _ in progress] == sorted(s for s, _ in progress)
        assert b"".join(body) == ours  # a resent request sends the same bytes again
    finally:
        for h in handles:
            h.close()


def test_a_file_that_shrinks_while_sent_stops_the_body(tmp_path):
    [upload] = files(tmp_path, {"a.jpg": 2 * CHUNK})
    body, _, handles = multipart_body([upload])
    try:
        os.truncate(upload.path, CHUNK)
        with pytest.raises(OSError, match="got shorter"):
            b"".join(body)
    finally:
        handles[0].close()


def test_cancel_stops_the_body_at_the_next_chunk(tmp_path):
    [upload] = files(tmp_path, {"a.jpg": 4 * CHUNK})
    cancel = CancelToken()
    body, _, handles = multipart_body([upload], cancel=cancel)
    sent = []
    try:
        with pytest.raises(OkCancelled):
            for chunk in body:
                sent.append(len(chunk))
                cancel.cancel()
        assert len(sent) == 1
    finally:
        handles[0].close()
