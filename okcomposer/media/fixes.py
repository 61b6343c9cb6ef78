"""One-click fixes for what precheck found: each writes a new file to upload, never touching the original."""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from PIL import ExifTags, Image, ImageOps, JpegImagePlugin

from okcomposer.limits import Limits, current_limits
from okcomposer.media.precheck import (
    FIX_NAMES,
    PrecheckResult,
    fitted_size,
    jpeg_segments,
    open_image,
    precheck,
)

# Formats a metadata-only or rotation fix writes back as they are; anything else becomes a JPEG (of the
# first frame only: an animated GIF is never offered those fixes, and shrinking one makes it a still).
KEEP_FORMATS = ("JPEG", "PNG", "WEBP", "TIFF")
REENCODE_QUALITY = 92
DOWNSCALE_QUALITIES = (90, 85, 80, 70, 60)
_EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "TIFF": ".tif"}
_GPS = ExifTags.IFD.GPSInfo


class FixError(Exception):
    """A fix could not produce a file OK takes; the message says why, in words for the user."""


def default_fixes(result: PrecheckResult, strip_gps: bool = True) -> set[str]:
    """The fixes the app applies without asking; every other offered fix waits for the user to accept it."""
    chosen = set()
    if strip_gps and "strip_gps" in result.fixes:
        chosen.add("strip_gps")  # privacy by default: a photo should not tell strangers where someone lives
    # Turning the pixels upright is right whether or not OK honours EXIF orientation (unconfirmed): the tag is
    # removed with it, so no viewer can rotate twice. The cost is one re-encode with the original's tables.
    if "exif_orientation" in result.fixes:
        chosen.add("exif_orientation")
    # A HEIC or AVIF photo goes as JPEG (OK takes neither); a JPEG missing only its end marker gets it back
    # (a lossless change: the bytes plus two).
    if "reencode_jpeg" in result.fixes and (result.sent_as or result.no_eoi):
        chosen.add("reencode_jpeg")
    return chosen


def prepare(
    path: str | os.PathLike[str],
    result: PrecheckResult,
    *,
    fixes: set[str],
    out_dir: Path,
    limits: Limits | None = None,
) -> Path:
    """The file to upload: the original when none of `fixes` applies, else a new checked file in out_dir."""
    unknown = set(fixes) - set(FIX_NAMES)
    if unknown:
        raise ValueError(f"unknown fixes: {', '.join(sorted(unknown))}")
    todo = set(fixes) & set(result.fixes)
    src = Path(path)
    if not todo:
        return src
    limits = limits or current_limits()
    lossless_jpeg = todo == {"strip_gps"} or (result.no_eoi and todo <= {"strip_gps", "reencode_jpeg"})
    if lossless_jpeg and result.format == "JPEG":
        # Header segments only: the entropy-coded data is copied unchanged (in the kernel where it can be).
        out = _write_unique(Path(out_dir), src, "JPEG", _jpeg_copy(src, "strip_gps" in todo, result.no_eoi))
    else:
        data, fmt = _rewrite(src, result, todo, limits)
        out = _write_unique(Path(out_dir), src, fmt, lambda fh: _write_all(fh, data))
    _verify(out, src, todo, limits)
    return out


def _rewrite(src: Path, result: PrecheckResult, todo: set[str], limits: Limits) -> tuple[bytes, str]:
    pixels_redone = bool(todo & {"downscale", "reencode_jpeg"})
    fmt = result.format if result.format in KEEP_FORMATS and not pixels_redone else "JPEG"
    assert fmt is not None
    try:
        # A JPEG complete but for its end marker decodes once the marker is back.
        source = io.BytesIO(src.read_bytes() + b"\xff\xd9") if result.no_eoi else src
        with open_image(source) as im:
            params = _keep_quality(im) if fmt == "JPEG" and not pixels_redone else {}
            if fmt == "WEBP" and _lossless_webp(src):
                params["lossless"] = True  # a rotated lossless WebP stays lossless
            exif = _exif(im)
            if "downscale" in todo:
                # Exactly the size precheck promised ("Downscale it to 12000x2769"): thumbnail() rounds the
                # other side to its own aspect ratio (11999x2769). draft() first: JPEG DCT scaling.
                size = fitted_size(*im.size, limits)
                im.draft(None, size)
                im = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
            frame = ImageOps.exif_transpose(im) if "exif_orientation" in todo else im
            if frame is not im:
                exif = frame.getexif()  # the same EXIF with the orientation tag removed
            if "strip_gps" in todo:
                exif.pop(_GPS, None)
            frame, icc = _for_format(frame, fmt)
            params.update(_metadata(exif, icc))
            if "downscale" in todo:
                return _encode_within(frame, params, limits.photo_max_bytes), fmt
            if "qtables" not in params and "lossless" not in params:  # qtables: a quality would rescale them
                params.setdefault("quality", REENCODE_QUALITY)
            return _encode(frame, fmt, params), fmt
    except FixError:
        raise
    except Exception as exc:  # a file that cannot be decoded cannot be fixed: say so instead of crashing
        raise FixError(f"{src.name} could not be converted ({exc}). Pick another file.") from exc


def _lossless_webp(path: Path) -> bool:
    """Whether a WebP's first image chunk is VP8L (lossless), walking the RIFF chunks (into ANMF frames)."""
    with open(path, "rb") as fp:
        fp.seek(12)
        for _ in range(64):
            header = fp.read(8)
            if len(header) < 8:
                return False
            kind, length = header[:4], struct.unpack("<I", header[4:])[0]
            if kind in (b"VP8L", b"VP8 "):
                return kind == b"VP8L"
            if kind == b"ANMF":
                fp.seek(16, os.SEEK_CUR)  # the frame's position, size, duration and flags: then its chunks
                continue
            fp.seek(length + (length & 1), os.SEEK_CUR)
    return False


def _exif(im: Image.Image) -> Image.Exif:
    # For PNG, getexif() decodes the image to find a late eXIf chunk; the fixes decode it anyway.
    try:
        return im.getexif()
    except Exception:
        return Image.Exif()  # unreadable EXIF is dropped rather than copied


def _keep_quality(im: Image.Image) -> dict[str, Any]:
    """Save parameters that re-encode a JPEG with its own quantization tables: what quality="keep" does."""
    if not isinstance(im, JpegImagePlugin.JpegImageFile) or not im.quantization:
        return {"quality": REENCODE_QUALITY}
    return {"qtables": im.quantization, "subsampling": JpegImagePlugin.get_sampling(im)}


def _for_format(im: Image.Image, fmt: str) -> tuple[Image.Image, bytes | None]:
    icc = im.info.get("icc_profile")
    if fmt != "JPEG" or im.mode in ("RGB", "L"):
        return im, icc
    if im.mode == "CMYK":
        return _cmyk_to_rgb(im, icc)
    keeps_icc = im.mode in ("RGBA", "RGBX", "P", "PA")  # their profile describes RGB; a grey one does not
    if im.mode.startswith("I"):  # 16-bit grey: scale to 8 bits (convert("L") would clip everything at 255)
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        im = Image.new("RGB", rgba.size, "white")
        im.paste(rgba, mask=rgba.getchannel("A"))  # JPEG has no alpha: flatten onto white
    if im.mode not in ("RGB", "L"):
        im = im.convert("RGB")
    return im, icc if keeps_icc else None


def _cmyk_to_rgb(im: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """Through the file's own CMYK profile to sRGB when it has one; Pillow's plain formula otherwise."""
    if icc:
        try:
            from PIL import ImageCms

            srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
            cmyk = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            rgb = ImageCms.profileToProfile(im, cmyk, srgb, outputMode="RGB")
            if rgb is not None:
                return rgb, srgb.tobytes()
        except Exception:
            pass  # a broken or exotic profile: fall back to the plain conversion
    return im.convert("RGB"), None


def _metadata(exif: Image.Exif, icc: bytes | None) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if len(exif):
        params["exif"] = exif.tobytes()
    if icc:
        params["icc_profile"] = icc
    return params


def _encode(im: Image.Image, fmt: str, params: dict[str, Any]) -> bytes:
    if fmt in ("PNG", "TIFF"):  # lossless: JPEG-style quality settings mean nothing to them
        params = {key: value for key, value in params.items() if key in ("exif", "icc_profile")}
    buffer = io.BytesIO()
    im.save(buffer, format=fmt, **params)
    return buffer.getvalue()


def _encode_within(im: Image.Image, params: dict[str, Any], max_bytes: int) -> bytes:
    """A JPEG under max_bytes: lower quality step by step, then shrink by a fifth and try again."""
    for _ in range(6):
        for quality in DOWNSCALE_QUALITIES:
            data = _encode(im, "JPEG", {**params, "quality": quality})
            if len(data) <= max_bytes:
                return data
        im = im.resize((max(1, im.width * 4 // 5), max(1, im.height * 4 // 5)), Image.Resampling.LANCZOS)
    raise FixError(f"Even heavily downscaled, the photo stays over {max_bytes} bytes. Pick a smaller file.")


def _jpeg_without_gps(fp: BinaryIO) -> tuple[bytes, int]:
    """The header of the JPEG in `fp` up to its first scan, with the GPS IFD removed from its EXIF and any
    XMP packet naming a location dropped; and the offset where the unchanged rest of the file begins."""
    out, pos = bytearray(), 0
    for marker, start, length in list(jpeg_segments(fp)):
        fp.seek(start)
        segment = fp.read(length)
        if marker == 0xFFE1 and segment[4:10] == b"Exif\x00\x00":
            segment = _exif_segment_without_gps(segment)
        elif marker == 0xFFE1 and (b"GPSLatitude" in segment or b"GPSLongitude" in segment):
            segment = b""  # editing XMP in place is fragile; dropping the packet is the private choice
        fp.seek(pos)
        out += fp.read(start - pos) + segment
        pos = start + length
    return bytes(out), pos


def _jpeg_copy(src: Path, strip_gps: bool, add_eoi: bool) -> Callable[[BinaryIO], None]:
    """Writes the JPEG at `src` into an open file: its header without GPS (when `strip_gps`), the rest of
    the bytes as they are, and an end-of-image marker when `add_eoi`. FixError if `src` changes meanwhile."""

    def fill(out: BinaryIO) -> None:
        with open(src, "rb") as fp:
            size = os.fstat(fp.fileno()).st_size
            header, pos = _jpeg_without_gps(fp) if strip_gps else (b"", 0)
            _write_all(out, header)
            if _copy_range(fp, out, pos, size - pos) != size - pos:
                raise FixError(f"{src.name} changed while it was being prepared. Try again.")
            _write_all(out, b"\xff\xd9" if add_eoi else b"")

    return fill


def _copy_range(src: BinaryIO, out: BinaryIO, offset: int, count: int) -> int:
    """Copy `count` bytes of `src` from `offset` to the end of `out` (an unbuffered file); the bytes copied.

    os.copy_file_range copies inside the kernel (Linux), about 6x faster here than writing the bytes from
    Python for a 6 MB camera photo; where it is missing or refused, the bytes go through a buffer."""
    done = 0
    copy = getattr(os, "copy_file_range", None)
    if copy is not None:
        try:
            while done < count:
                step = copy(src.fileno(), out.fileno(), count - done, offset + done)
                if step == 0:
                    return done  # the end of the file came early
                done += step
        except OSError:
            pass  # another file system, an old kernel: the plain way, from where the kernel stopped
    src.seek(offset + done)
    while done < count:
        chunk = src.read(min(count - done, 1 << 20))
        if not chunk:
            break
        _write_all(out, chunk)
        done += len(chunk)
    return done


def _write_all(out: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[out.write(view) or 0 :]


def _exif_segment_without_gps(segment: bytes) -> bytes:
    exif = Image.Exif()
    exif.load(segment[4:])
    if _GPS not in exif:
        return segment
    del exif[_GPS]
    payload = exif.tobytes()
    if len(payload) + 2 > 0xFFFF:
        raise FixError("The photo's EXIF data is too large to rewrite. Pick another file.")
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _write_unique(out_dir: Path, src: Path, fmt: str, fill: Callable[[BinaryIO], None]) -> Path:
    """A new file in out_dir that `fill` writes (into an unbuffered file); never overwrites anything, so
    not the original either."""
    out_dir.mkdir(parents=True, exist_ok=True)
    same = Image.registered_extensions().get(src.suffix.lower()) == fmt
    ext = src.suffix if same else _EXTENSIONS[fmt]
    for n in range(1, 10_000):
        out = out_dir / (f"{src.stem}.ok{ext}" if n == 1 else f"{src.stem}.ok-{n}{ext}")
        try:
            fh = open(out, "xb", buffering=0)  # exclusive: fails rather than replace an existing file
        except FileExistsError:
            continue
        try:
            with fh:
                fill(fh)
        except BaseException:
            out.unlink(missing_ok=True)  # no half-written file left behind (disk full, interrupted)
            raise
        return out
    raise FixError(f"No free file name for {src.name} in {out_dir}.")


def _verify(out: Path, src: Path, todo: set[str], limits: Limits) -> None:
    """The fixed file must pass precheck itself; otherwise it is deleted and the user told why, naming the
    user's file `src` (the copy in the cache is nothing they know)."""
    check = precheck(out, limits)
    problem = None if check.ok else check.message.replace(out.name, src.name)
    if problem is None and "strip_gps" in todo and check.has_gps:
        problem = f"The fixed copy of {src.name} still holds a GPS location."
    if problem is None and "exif_orientation" in todo and check.orientation not in (None, 1):
        problem = f"The fixed copy of {src.name} is still marked as rotated."
    if problem:
        out.unlink(missing_ok=True)
        raise FixError(problem)
