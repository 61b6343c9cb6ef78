"""The lighter PySide6 import check gives the same answers and keeps no source in linecache."""

from __future__ import annotations

import linecache
import subprocess
import sys
import textwrap

from okcomposer.ui.shell import pyside_hook


def test_the_check_answers_as_the_original_without_filling_linecache(tmp_path):
    import PySide6  # noqa: F401 - the hook exists once PySide6 is imported

    feature = sys.modules[pyside_hook.HOOK_MODULE]
    original = vars(feature).get("_okcomposer_original") or vars(feature)[pyside_hook.HOOK]
    check = pyside_hook.lighter(original)
    import json

    import okcomposer.ui.common.theme as theme

    for module in (json, theme):
        linecache.clearcache()
        assert check(module) == original(module)
        assert check(module) is (module is theme)  # theme imports PySide6, json does not
    linecache.clearcache()
    check(json)
    assert not linecache.cache


def test_in_a_fresh_process_imports_after_pyside_leave_linecache_empty():
    code = textwrap.dedent(
        """
        import linecache, sys
        import PySide6.QtCore
        from okcomposer.ui.shell import pyside_hook
        assert pyside_hook.install() and not pyside_hook.install()  # once
        linecache.clearcache()
        import json, csv, okcomposer.ui.common.theme
        print(len(linecache.cache))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
