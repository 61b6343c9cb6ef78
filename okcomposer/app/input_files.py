"""Reading the files a user names (a draft, a CSV): regular files only, size-capped, read with a bound.

A pipe would block the read forever and /dev/zero would fill the memory, so the path is checked with stat
before it is opened, opened without blocking, checked again on the open file, and read to at most the cap
plus one byte. Every failure is an InputFileError with one line that starts with the path.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

MB = 1024 * 1024
DRAFT_MAX_BYTES = 10 * MB
CSV_MAX_BYTES = 50 * MB
# A draft's longest number is an id (a Java long, 19 digits); far longer ones are refused before int() runs
# into Python's 4300-digit limit.
MAX_NUMBER_CHARS = 100


# What str.splitlines() breaks at: the CLI prints a message line by line.
_BREAKS = {ord(c): repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def one_line(text: str) -> str:
    """`text` with its line breaks escaped ("a\\nb"), for a message that must stay one line."""
    return text.translate(_BREAKS)


class InputFileError(ValueError):
    """A named file that cannot be read as the input it should be; the message is one line."""


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB" if size < 10 * MB else f"{size // MB} MB"


def read_capped(path: str | Path, max_bytes: int, noun: str) -> bytes:
    """The bytes of the regular file `path`, at most `max_bytes` of them.

    `noun` names the input in messages ("a draft file"). Raises InputFileError for a missing file, a folder,
    a pipe, device or socket (never opened), a file over `max_bytes` (checked by size, and again while
    reading, for a file that grows), or an OS error.
    """
    shown = one_line(str(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputFileError(f"{shown}: no such file") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise InputFileError(f"{shown}: cannot read it ({_why(exc)})") from None
    _check_kind(shown, info, noun, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)  # without blocking: a file swapped for a pipe since stat cannot hang us
    except (OSError, ValueError) as exc:
        raise InputFileError(f"{shown}: cannot read it ({_why(exc)})") from None
    try:
        _check_kind(shown, os.fstat(fd), noun, max_bytes)
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(MB, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputFileError(f"{shown}: cannot read it ({_why(exc)})") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise InputFileError(f"{shown}: too big for {noun} (more than {_mb(max_bytes)})")
    return b"".join(chunks)


def _check_kind(shown: str, info: os.stat_result, noun: str, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"{shown}: is a folder, not {noun}")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(f"{shown}: not a regular file (a pipe, device or socket), so not {noun}")
    if info.st_size > max_bytes:
        raise InputFileError(f"{shown}: too big for {noun}: {_mb(info.st_size)} (at most {_mb(max_bytes)})")


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or exc.__class__.__name__


def _number(text: str) -> None:
    if len(text) > MAX_NUMBER_CHARS:
        raise InputFileError(f"a number {len(text)} characters long")


def _strict_int(text: str) -> int:
    _number(text)
    return int(text)


def _strict_float(text: str) -> float:
    _number(text)
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise InputFileError(f"the number {text} is too large")
    return value


def _no_constant(name: str) -> float:
    raise InputFileError(f"{name} is not a JSON number")


def parse_json(data: bytes, shown: str) -> object:
    """Strict JSON from UTF-8 bytes (a BOM is allowed): no NaN or Infinity, no number over 100 characters.

    Raises InputFileError with one line: "<shown>: invalid JSON (<what> at line L, column C)".
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{shown}: not UTF-8 text (byte {exc.start + 1} is not UTF-8)") from None
    try:
        return json.loads(text, parse_int=_strict_int, parse_float=_strict_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        where = f"at line {exc.lineno}, column {exc.colno}"
        raise InputFileError(f"{shown}: invalid JSON ({exc.msg} {where})") from None
    except InputFileError as exc:
        raise InputFileError(f"{shown}: invalid JSON ({exc})") from None
    except RecursionError:
        raise InputFileError(f"{shown}: invalid JSON (nested too deeply)") from None
    except ValueError as exc:  # any other refusal of the decoder, in one line
        raise InputFileError(f"{shown}: invalid JSON ({' '.join(str(exc).split())})") from None


def read_draft_file(path: str | Path):
    """The Post a draft file describes (docs/ok-api.md, "Draft files"); at most DRAFT_MAX_BYTES.

    Raises InputFileError (the file, its encoding or its JSON) or DraftError (its keys and values), both
    ValueErrors whose message is one line starting with the path.
    """
    from okcomposer.api.topic import DraftError, Post

    shown = one_line(str(path))
    data = parse_json(read_capped(path, DRAFT_MAX_BYTES, "a draft file"), shown)
    try:
        return Post.from_draft(data)
    except DraftError as exc:
        raise DraftError(f"{shown}: {one_line(str(exc))}") from None
    except RecursionError:
        raise DraftError(f"{shown}: nested too deeply") from None
