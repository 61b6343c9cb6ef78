"""The one way okcomposer keeps a settings file: typed options declared once, a version number with an
upgrade step per version, atomic writes, and a damaged file kept aside rather than silently reset.

A store declares its values as a dataclass whose fields are made with `option(...)`: the field gives the
name, type and default, the option its group, its check (a value failing it reads as the default) and,
for a value JSON cannot hold as is, how to read (`load`) and write (`dump`) it. An `OptionFile` keeps one
such dataclass in a JSON object `{"version": N, <one key per option>}`. `settings.py`, `slots.py` and
`accounts.py` are its users; accounts hold ids and names only (secrets stay in the keyring, store.secrets).

Reading never raises: a missing file gives the defaults; a value of the wrong type or failing its check
gives that option's default; a file that is not a JSON object is renamed `<name>.broken-<ms>` (kept,
never deleted), logged, and said in `notice`. An older version is upgraded step by step (the file as it
was is kept once as `<name>.version-<n>`); keys a newer release wrote are kept when the file is written.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import time
import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
FIRST_VERSION = 1  # every file okcomposer ever wrote has "version"; one without it is read as version 1
Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
SIMPLE = (bool, int, str)  # held by JSON as they are; a value must have exactly the option's type


@dataclass(frozen=True)
class Option:
    """What a field's declaration says beyond its name, type and default."""

    group: str = ""
    check: Callable[[Any], bool] | None = None  # False: the default is used instead
    load: Callable[[Any], Any] | None = None  # JSON value -> value; raises ValueError/TypeError if bad
    dump: Callable[[Any], Any] | None = None  # value -> JSON value


def option(
    default: Any = MISSING,
    *,
    factory: Callable[[], Any] | Any = MISSING,
    group: str = "",
    check: Callable[[Any], bool] | None = None,
    load: Callable[[Any], Any] | None = None,
    dump: Callable[[Any], Any] | None = None,
) -> Any:
    """A dataclass field that is a stored option: `language: str = option("", group="interface", ...)`."""
    meta = {"option": Option(group, check, load, dump)}
    return dataclasses.field(default=default, default_factory=factory, metadata=meta)


def declared(cls: type) -> list[tuple[str, type, Option]]:
    """[(name, type, option)] of the options of the dataclass `cls`, in declaration order."""
    hints = typing.get_type_hints(cls)
    found = []
    for field in dataclasses.fields(cls):
        spec = field.metadata.get("option")
        if spec is None:
            continue
        kind = hints[field.name]
        if spec.load is None and kind not in SIMPLE:
            raise TypeError(f"option {cls.__name__}.{field.name} of type {kind} needs load= and dump=")
        found.append((field.name, kind, spec))
    return found


def groups(cls: type) -> dict[str, list[str]]:
    """{group: [option names]} of the dataclass `cls`, in declaration order."""
    result: dict[str, list[str]] = {}
    for name, _kind, spec in declared(cls):
        result.setdefault(spec.group, []).append(name)
    return result


def _read_value(raw: Any, kind: type, spec: Option) -> Any:
    if spec.load is not None:
        value = spec.load(raw)
    elif type(raw) is kind:  # exact: True is not an int here, 1 is not a bool
        value = raw
    else:
        raise TypeError(f"{type(raw).__name__} is not {kind.__name__}")
    if spec.check is not None and not spec.check(value):
        raise ValueError(f"{value!r} is out of range")
    return value


def from_json(cls: type[T], data: Mapping[str, Any]) -> T:
    """A `cls` from a JSON object: each option from its key, or its default when missing or bad."""
    values = {}
    for name, kind, spec in declared(cls):
        if name in data:
            try:
                values[name] = _read_value(data[name], kind, spec)
            except (TypeError, ValueError) as exc:
                log.info("setting %s.%s ignored (%s): its default is used", cls.__name__, name, exc)
    return cls(**values)


def to_json(value: Any) -> dict[str, Any]:
    """{name: JSON value} of every option of the dataclass instance `value`."""
    out = {}
    for name, _kind, spec in declared(type(value)):
        item = getattr(value, name)
        out[name] = spec.dump(item) if spec.dump is not None else item
    return out


def valid(value: T) -> T:
    """`value` with every option that fails its check put back to its default."""
    fixes = {}
    defaults = type(value)()  # every option has a default
    for name, _kind, spec in declared(type(value)):
        if spec.check is not None and not spec.check(getattr(value, name)):
            fixes[name] = getattr(defaults, name)
    return dataclasses.replace(value, **fixes) if fixes else value  # type: ignore[type-var]


def write_atomically(path: Path, text: str) -> None:
    """Write to a temp file beside `path` and rename it over, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class OptionFile(Generic[T]):
    """The dataclass `kind` kept in the JSON file `path` at `version`.

    `upgrades[n]` turns the JSON object of a version-n file into version n+1 (one step for each version
    from 1 up to `version` - 1; a missing step is a ValueError here, not a surprise on a user's machine).
    """

    def __init__(
        self, path: Path, kind: type[T], version: int, upgrades: Mapping[int, Upgrade] | None = None
    ):
        self.path, self.kind, self.version = path, kind, version
        self.upgrades = dict(upgrades or {})
        missing = [n for n in range(FIRST_VERSION, version) if n not in self.upgrades]
        if missing:
            raise ValueError(f"{path.name}: no upgrade step from version {missing[0]}")
        declared(kind)  # a declaration mistake shows at once
        self.notice: str | None = None  # what happened to a damaged file, in English (or None)
        self.damaged_file: str | None = None  # the name it was kept under

    def load(self) -> T:
        """The stored values (defaults for whatever is missing or bad); never raises."""
        return from_json(self.kind, self.read())

    def save(self, value: T) -> None:
        """Write `value` (checked: a bad option is written as its default), keeping keys we do not know."""
        data = self.read()
        found = data.get("version", self.version)
        out: dict[str, Any] = {"version": max(self.version, found)}
        out.update(to_json(valid(value)))
        out.update((k, v) for k, v in data.items() if k not in out)  # a newer release's options
        write_atomically(self.path, json.dumps(out, ensure_ascii=False, indent=2))

    def read(self) -> dict[str, Any]:
        """The file's JSON object at our version ({} when there is none or it was damaged)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:  # unreadable now (permissions): left as it is
            log.warning("cannot read %s (%s): defaults used", self.path, exc)
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError:  # not JSON, or not UTF-8 (UnicodeDecodeError is a ValueError)
            data = None
        version = data.get("version", FIRST_VERSION) if isinstance(data, dict) else None
        if type(version) is not int or version < FIRST_VERSION:
            self._set_aside()
            return {}
        assert isinstance(data, dict)
        if version < self.version:
            data = self._upgrade(data, version, raw)
        elif version > self.version:
            log.info(
                "%s is version %d (this okcomposer knows %d): known options read",
                self.path,
                version,
                self.version,
            )
        return data

    def _upgrade(self, data: dict[str, Any], version: int, raw: bytes) -> dict[str, Any]:
        for step in range(version, self.version):
            data = self.upgrades[step](dict(data))
            data["version"] = step + 1
        kept = self.path.with_name(f"{self.path.name}.version-{version}")
        if not kept.exists():
            # the file as the older release wrote it, for going back to that release
            write_atomically(kept, raw.decode("utf-8"))
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=2))
        log.info("%s upgraded from version %d to %d", self.path, version, self.version)
        return data

    def _set_aside(self) -> None:
        broken = self.path.with_name(f"{self.path.name}.broken-{int(time.time() * 1000)}")
        try:
            self.path.replace(broken)
        except OSError as exc:
            log.warning("%s is damaged and cannot be moved aside (%s): defaults used", self.path, exc)
            return
        self.damaged_file = broken.name
        self.notice = (
            f"{self.path.name} was damaged; defaults are used. The damaged file was kept as {broken.name}."
        )
        log.warning("%s is damaged (not a settings file of ours); kept as %s", self.path, broken.name)
