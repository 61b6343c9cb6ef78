"""Page posts waiting on this computer go out on time while the app runs, once; late ones are asked about;
quitting with posts waiting asks first."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox
from support.sandbox_client import admin_group, demo_client
from ui.window_helpers import WAIT

from okcomposer.api.topic import Post
from okcomposer.app.outbox import Outbox
from okcomposer.store.drafts import DraftStore, now_ms

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def page_post(text: str) -> Post:
    return Post.from_draft({"type": "USER", "attachment": {"media": [{"type": "text", "text": text}]}})


def _asking(window) -> bool:
    return isinstance(window.dialog, QMessageBox) and window.dialog.isVisible()


def _topics(sandbox) -> list[str]:
    return [t["attachment"]["media"][0]["text"] for t in sandbox.snapshot()["topics"]]


def _looks(qtbot, window, count: int = 2) -> None:
    """Let the runner look `count` more times (its `looked` signal), instead of waiting some milliseconds
    for nothing to happen; of two, at least one started after this call."""
    runner = window.outbox_runner
    for _ in range(count):
        with qtbot.waitSignal(runner.looked, timeout=WAIT):
            runner.look()  # or the look running now ends


def test_a_waiting_page_post_goes_out_when_its_time_comes_and_only_once(qtbot, ctx, open_window, sandbox):
    clock = [now_ms()]
    ctx.outbox = Outbox(ctx.drafts, clock=lambda: clock[0])
    entry = ctx.outbox.queue(page_post("At noon"), clock[0] + 60_000, target_name="My page")
    window = open_window(ctx, sandbox)
    window.outbox_runner.timer.setInterval(50)
    qtbot.waitUntil(lambda: window.outbox_runner.waiting_count == 1, timeout=WAIT)
    _looks(qtbot, window)
    assert _topics(sandbox) == []  # not yet its time
    clock[0] += 60_000  # its time has come (the runner looks every 10 s in use: within 30 s)
    with qtbot.waitSignal(window.outbox_runner.sent, timeout=WAIT) as sent:
        pass
    assert [e.state for e in sent.args[0]] == ["published"] and _topics(sandbox) == ["At noon"]
    qtbot.waitUntil(lambda: "At noon" in window.recovery_note.text(), timeout=WAIT)
    _looks(qtbot, window, 5)  # many more looks
    assert _topics(sandbox) == ["At noon"] and ctx.outbox.store.get(entry.id).state == "published"


def test_an_overdue_page_post_is_asked_about_at_start_and_sent_only_when_chosen(
    qtbot, ctx, open_window, sandbox
):
    late = ctx.outbox.queue(page_post("Was due this morning"), now_ms() - 2 * 3600_000)
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(
        lambda: isinstance(window.dialog, QMessageBox) and window.dialog.property("entry_id") == late.id,
        timeout=WAIT,
    )
    box = window.dialog
    assert "Was due this morning" in box.text() and "not running" in box.text()
    _looks(qtbot, window)
    assert _topics(sandbox) == []  # never sent silently late
    box.property("send_button").click()
    qtbot.waitUntil(lambda: _topics(sandbox) == ["Was due this morning"], timeout=WAIT)
    qtbot.waitUntil(lambda: ctx.outbox.store.get(late.id).state == "published", timeout=WAIT)


def test_discarding_an_overdue_post_sends_nothing(qtbot, ctx, open_window, sandbox):
    late = ctx.outbox.queue(page_post("Too late now"), now_ms() - 3600_000)
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: isinstance(window.dialog, QMessageBox), timeout=WAIT)
    window.dialog.property("discard_button").click()
    qtbot.waitUntil(lambda: ctx.outbox.store.get(late.id).state == "discarded", timeout=WAIT)
    _looks(qtbot, window)
    assert _topics(sandbox) == []


def test_the_app_and_outbox_run_racing_send_each_post_once(qtbot, ctx, open_window, sandbox, tmp_path):
    due = now_ms() + 800
    for i in range(5):
        ctx.outbox.queue(page_post(f"Due {i}"), due)
    window = open_window(ctx, sandbox)
    window.outbox_runner.timer.setInterval(20)
    other = DraftStore(tmp_path / "drafts.sqlite3")  # what `okcomposer outbox run` opens
    rival = Outbox(other)
    done = threading.Event()

    def race() -> None:
        client = demo_client(sandbox)
        while not done.wait(0.01):  # until the test has seen all five
            rival.run_due(client)

    thread = threading.Thread(target=race)
    thread.start()
    try:
        qtbot.waitUntil(lambda: len(_topics(sandbox)) == 5, timeout=WAIT)
    finally:
        done.set()
        thread.join()
    rival.run_due(demo_client(sandbox))
    _looks(qtbot, window)
    assert sorted(_topics(sandbox)) == [f"Due {i}" for i in range(5)]
    other.close()


def test_quitting_with_posts_waiting_asks_and_cancel_keeps_the_app(qtbot, ctx, open_window, sandbox):
    ctx.outbox.queue(page_post("Tomorrow"), now_ms() + 86_400_000)
    window = open_window(ctx, sandbox)
    window.quit_app()  # Ctrl+Q; no system tray offscreen, so it asks
    qtbot.waitUntil(
        lambda: isinstance(window.dialog, QMessageBox) and window.dialog.isVisible(), timeout=WAIT
    )
    assert "waiting to be sent" in window.dialog.text()
    window.dialog.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(100)
    assert window.isVisible() and not window._closed
    window.quit_app()
    qtbot.waitUntil(
        lambda: isinstance(window.dialog, QMessageBox) and window.dialog.isVisible(), timeout=WAIT
    )
    quit_button = next(b for b in window.dialog.buttons() if b.text() == "Quit anyway")
    quit_button.click()
    qtbot.waitUntil(lambda: window._closed, timeout=WAIT)


def test_quitting_with_nothing_waiting_does_not_ask(qtbot, ctx, open_window, sandbox):
    window = open_window(ctx, sandbox)
    window.quit_app()
    qtbot.waitUntil(lambda: window._closed, timeout=WAIT)


def test_another_accounts_waiting_post_is_neither_counted_nor_sent_by_this_window(
    qtbot, ctx, open_window, sandbox
):
    """The window sends its own account's page posts only: it does not warn on quitting about a post it
    would not send (another account's, queued at another time), nor send it."""
    from okcomposer.app.outcomes import owner_of

    theirs = Outbox(ctx.drafts, owner=owner_of(sandbox.base_url, "910000000001"))
    queued = theirs.queue(page_post("Someone else's"), now_ms() + 86_400_000)
    window = open_window(ctx, sandbox)
    _looks(qtbot, window)
    assert window.outbox_runner.waiting_count == 0 and ctx.outbox.store.get(queued.id).state == "waiting"
    window.quit_app()
    qtbot.waitUntil(lambda: window._closed, timeout=WAIT)  # no question asked


def test_history_checks_again_and_publishes_anyway_a_not_confirmed_post(qtbot, ctx, open_window, sandbox):
    gid = admin_group(sandbox)
    post = Post.from_draft(
        {"type": "GROUP_THEME", "gid": gid, "attachment": {"media": [{"type": "text", "text": "Lost"}]}}
    )
    sandbox.add_fault("mediatopic.post", "drop_before")
    entry = ctx.outbox.publish(demo_client(sandbox, timeout=(2.0, 2.0)), post, target_name="Sunrise Bakery")
    assert entry.state == "unconfirmed"
    window = open_window(ctx, sandbox)
    view = window.history_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.row_count() == 1, timeout=WAIT)
    view.select_row(0)
    assert view.row_texts(0)[4] == "Not confirmed — check"
    assert view.check_button.isVisibleTo(view) and view.anyway_button.isVisibleTo(view)
    assert not view.send_button.isVisibleTo(view)
    view.check_button.click()
    qtbot.waitUntil(lambda: "Not confirmed" in view.note.text(), timeout=WAIT)
    assert _topics(sandbox) == []  # checking sends nothing
    qtbot.waitUntil(lambda: view.row_count() == 1, timeout=WAIT)
    view.select_row(0)
    view.anyway_button.click()
    qtbot.waitUntil(lambda: _topics(sandbox) == ["Lost"], timeout=WAIT)
    qtbot.waitUntil(lambda: view.note.text() == "Published", timeout=WAIT)
    qtbot.waitUntil(
        lambda: [view.row_texts(i)[4] for i in range(view.row_count())] == ["Published"],
        timeout=WAIT,
    )


def test_history_discards_a_waiting_post(qtbot, ctx, open_window, sandbox):
    waiting = ctx.outbox.queue(page_post("Not any more"), now_ms() + 3600_000)
    window = open_window(ctx, sandbox)
    view = window.history_view
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.row_count() == 1, timeout=WAIT)
    view.select_row(0)
    assert view.send_button.isVisibleTo(view) and view.discard_button.isVisibleTo(view)
    view.discard_button.click()
    qtbot.waitUntil(lambda: ctx.outbox.store.get(waiting.id).state == "discarded", timeout=WAIT)
    qtbot.waitUntil(lambda: view.row_count() == 0, timeout=WAIT)


def test_quitting_the_sandbox_says_its_waiting_posts_are_forgotten_and_forgets_them_only(
    qtbot, ctx, open_window, sandbox
):
    """The sandbox forgets what it stored when okcomposer closes: the quit question says its waiting posts
    will never be sent (not "start okcomposer again"), and they are discarded; another account's stay."""
    from okcomposer.app.outcomes import owner_of

    theirs = Outbox(ctx.drafts, owner=owner_of("https://api.ok.ru", "910000000001"))
    kept = theirs.queue(page_post("On OK, later"), now_ms() + 86_400_000)
    window = open_window(ctx, sandbox)
    mine = ctx.outbox.queue(page_post("In the sandbox, later"), now_ms() + 86_400_000)
    window.quit_app()
    qtbot.waitUntil(lambda: _asking(window), timeout=WAIT)
    assert "This is the sandbox" in window.dialog.text() and "never sent" in window.dialog.text()
    quit_button = next(b for b in window.dialog.buttons() if b.text() == "Quit anyway")
    quit_button.click()
    qtbot.waitUntil(lambda: window._closed, timeout=WAIT)
    assert ctx.outbox.store.get(mine.id).state == "discarded"
    assert ctx.outbox.store.get(kept.id).state == "waiting"
