"""The Drafts and History lists as models over the database (issue 16): no cap on rows, the last row
reached by scrolling, a search and a place filter that narrow the list,
a row selected again after a reload."""

from __future__ import annotations

import pytest
from ui.window_helpers import WAIT

from okcomposer.store.listing import PAGE
from okcomposer.store.outbox import OutboxStore
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.library.drafts_view import DraftsView
from okcomposer.ui.library.history_view import HistoryView
from okcomposer.ui.library.paged_model import KEPT_PAGES

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_every_draft_is_reachable_and_the_search_narrows_the_list(qtbot, ctx):
    count = PAGE * 3 + 7
    for i in range(count):
        ctx.drafts.save({"attachment": {"media": [{"type": "text", "text": f"n{i}"}]}}, title=f"Note {i:04d}")
    queue = DraftQueue()
    view = DraftsView(ctx, queue)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.row_count() == count, timeout=WAIT)
    assert view.row_texts(0)[0] == f"Note {count - 1:04d}"
    assert view.row_texts(count - 1) is None  # its page is asked for, not read on the GUI thread
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.row_texts(count - 1) is not None, timeout=WAIT)
    assert view.row_texts(count - 1)[0] == "Note 0000"
    assert len(view.model.pages) <= KEPT_PAGES
    view.select_row(count - 1)
    chosen = view.selected()
    view.filters.search.setText("Note 000")  # Note 0000 .. Note 0009
    qtbot.waitUntil(lambda: view.row_count() == 10, timeout=WAIT)
    assert view.selected() == chosen  # found again on the first page of the narrower list
    view.filters.search.setText("no such note")
    qtbot.waitUntil(lambda: view.row_count() == 0, timeout=WAIT)
    assert not view.open_button.isEnabled() or view.selected() is None
    queue.close()


def test_history_filters_by_place_and_shows_a_topic_found_far_down(qtbot, ctx):
    outbox = OutboxStore(ctx.drafts)
    count = PAGE * 2 + 3
    for i in range(count):
        entry = outbox.add(
            kind="post", target=str(40 + i % 2), fingerprint=f"f{i}", request={}, state="sending",
            summary=f"Post {i}", target_name=f"Group {i % 2}", intent_ms=1_000 + i,
        )  # fmt: skip
        outbox.finish(entry.id, "published", topic_id=str(9000 + i), url=f"https://ok.ru/t/{9000 + i}")
    queue = DraftQueue()
    view = HistoryView(ctx, queue)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.row_count() == count and view.filters.target.count() == 3, timeout=WAIT)
    assert [view.filters.target.itemText(i) for i in range(3)] == ["All places", "Group 0", "Group 1"]
    view.show_topic("9000")  # the oldest: the last row, on a page not read yet
    qtbot.waitUntil(lambda: view.selected() is not None, timeout=WAIT)
    assert view.selected().topic_id == "9000" and view.table.currentIndex().row() == count - 1
    view.filters.target.setCurrentIndex(view.filters.target.findData("41"))
    qtbot.waitUntil(lambda: view.row_count() == count // 2, timeout=WAIT)
    assert {view.row_texts(i)[2] for i in range(10)} == {"Group 1"}
    queue.close()
