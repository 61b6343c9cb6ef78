"""A lighter check in PySide6's import hook: the same answer without keeping every module's source.

shiboken6 replaces `__import__` and, for each module imported after PySide6, asks whether the module
uses PySide6 by searching its source for "PySide6" (shibokensupport.feature._mod_uses_pyside, through
inspect.getsource). inspect keeps every source it reads in linecache: about 12 MiB for the ~360 modules
the window imports, held for the whole run, and time spent splitting them into lines. Reading the file's
bytes gives the same answer and keeps nothing (issue 16: peak memory, time to the first paint).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

HOOK_MODULE, HOOK = "shibokensupport.feature", "_mod_uses_pyside"


def install() -> bool:
    """Replace the check once PySide6 is imported; False (and nothing changed) where this PySide6 has no
    such hook, or it is already replaced."""
    feature = sys.modules.get(HOOK_MODULE)
    if feature is None:
        return False
    names = vars(feature)
    original = names.get(HOOK)
    if not callable(original) or names.get("_okcomposer_original") is not None:
        return False
    names["_okcomposer_original"] = original
    names[HOOK] = lighter(original)
    return True


def lighter(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """A check that reads a source file's bytes itself; anything else goes to `original`."""

    def uses_pyside(module: ModuleType) -> bool:
        path = vars(module).get("__file__")
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    return uses_pyside
