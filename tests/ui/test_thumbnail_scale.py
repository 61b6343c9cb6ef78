"""A camera photo's thumbnail is decoded at the smallest JPEG scale that still covers the thumbnail itself
(issue 16: the preview's 640-pixel pictures of 6000x4000 photos decoded at a quarter, beside a publish)."""

from __future__ import annotations

from PIL import Image, JpegImagePlugin

from okcomposer.ui.photos import thumbnails


def test_a_landscape_photo_decodes_at_an_eighth_for_the_preview(tmp_path, monkeypatch):
    path = tmp_path / "wide.jpg"
    Image.new("RGB", (6000, 4000), "tan").save(path, quality=80)
    decoded = []
    original = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        result = original(self, mode, size)
        decoded.append(self.size)
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    image = thumbnails.make_thumbnail(str(path), 640)
    assert set(decoded) == {(750, 500)}  # a square 640 box would have needed a quarter: 1500x1000
    assert image is not None and (image.width(), image.height()) == (640, 427)


def test_a_small_photo_is_not_enlarged(tmp_path):
    path = tmp_path / "small.jpg"
    Image.new("RGB", (300, 200), "tan").save(path)
    image = thumbnails.make_thumbnail(str(path), 640)
    assert image is not None and (image.width(), image.height()) == (300, 200)
