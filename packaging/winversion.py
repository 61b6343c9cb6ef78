"""The version resource of the Windows executables (Properties → Details in Explorer), as PyInstaller's
version file: the text of a VSVersionInfo(...) expression, which PyInstaller reads with
PyInstaller.utils.win32.versioninfo.load_version_info_from_text_file.

okcomposer.spec writes one per executable at build time from okcomposer.__version__, so the version is never
typed twice (packaging/README.md, "Releasing a version").
"""

from __future__ import annotations

import re

PRODUCT = "okcomposer"
COMPANY = "The okcomposer developers"  # as in LICENSE
DESCRIPTION = "okcomposer: compose and publish posts to OK.ru"
COPYRIGHT = "Copyright (c) The okcomposer developers, MIT License"


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The four 16-bit numbers Windows keeps: "0.1.0" -> (0, 1, 0, 0); "1.2rc1" -> (1, 2, 0, 0) (a
    pre-release suffix has no place there). Raises ValueError when version does not start with a number."""
    found = re.match(r"\d+(?:\.\d+)*", version)
    if found is None:
        raise ValueError(f"not a version number: {version!r}")
    parts = [int(p) for p in found.group().split(".")][:4]
    if any(p > 0xFFFF for p in parts):
        raise ValueError(f"a part of {version!r} is over 65535, which Windows cannot hold")
    parts += [0] * (4 - len(parts))
    return (parts[0], parts[1], parts[2], parts[3])


def version_file_text(version: str, exe_name: str) -> str:
    """PyInstaller's version file text for exe_name (e.g. "okcomposer.exe") at version (the package's
    __version__, shown as it is in the string table). Raises ValueError as numeric_version does."""
    numbers = numeric_version(version)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": version,
        "InternalName": exe_name.removesuffix(".exe"),
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": exe_name,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 040904B0: US English, Unicode; the same pair goes in the Translation entry.
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo(
      [
        StringTable(
          '040904B0',
          [
{table}
          ]
        )
      ]
    ),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
