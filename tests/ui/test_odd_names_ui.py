"""A photo whose file name is not UTF-8 (issue 12, item 4), added to the window as `okcomposer FILE` does:
checked, kept in the draft and published, as any other."""

from __future__ import annotations

import os
import sys

import pytest
from support.images import make_jpeg
from support.sandbox_client import admin_group
from ui.window_helpers import WAIT, type_text, wait_valid

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names there are always Unicode")
def test_a_photo_with_a_non_utf8_name_is_checked_saved_and_published(
    qtbot, ctx, open_window, sandbox, tmp_path
):
    photo = tmp_path / os.fsdecode(b"caf\xe9.jpg")
    try:
        make_jpeg(photo)
    except OSError:
        pytest.skip("this file system takes only UTF-8 names")
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    window.target.targets.setCurrentItem(window.target._item(admin_group(sandbox)))
    type_text(qtbot, window, "Café")
    window.composer.add_photo_files([str(photo)])
    qtbot.waitUntil(window.composer.photos_ok, timeout=WAIT)
    wait_valid(qtbot, window)
    draft_id = window.keeper.save_now()
    qtbot.waitUntil(lambda: ctx.drafts.load(draft_id) is not None, timeout=WAIT)
    [block] = [b for b in ctx.drafts.load(draft_id).body["attachment"]["media"] if b["type"] == "photo"]
    assert block["list"] == [{"file": str(photo)}]  # the draft keeps the name exactly
    with qtbot.waitSignal(window.publish_panel.published, timeout=WAIT):
        window.publish()
    [topic] = sandbox.snapshot()["topics"]
    assert len(topic["attachment"]["media"][1]["list"]) == 1
