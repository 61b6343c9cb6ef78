"""Drives the real app for tests/ui/test_kill.py, in its own process, so the test can SIGKILL it.

    python tests/support/kill_driver.py type [--interval-ms 25]
    python tests/support/kill_driver.py publish --sandbox INFO_JSON
    python tests/support/kill_driver.py report [--sandbox INFO_JSON] [--type TEXT]

The window is built as run_gui builds it (okcomposer.ui.shell.app.running_gui), in OKCOMPOSER_HOME.
`type` types characters into a new text block on a timer and prints "typed N" after each one, and
"saved N" each time the autosave has put N of them on disk.
`publish` signs in to a sandbox running in another process (`okcomposer sandbox`; INFO_JSON is its info),
publishes a post, prints "publishing DRAFT_ID" once the draft is marked so on disk and "ended STATE" once
the outcome is on disk, and waits to be killed.
`report` starts, lets interrupted publishes settle (with --sandbox), optionally types TEXT and waits for
the autosave, then prints one JSON line (the drafts list, the status bar note, the open dialog) and quits.
Every line is flushed at once: the test reads them while the process runs.
"""

from __future__ import annotations

import argparse
import json
import sys

ALPHABET = "the quick brown fox jumps over the lazy dog 0123456789 "
PUBLISHED_TEXT = "Published while the app was killed"


def typed_text(count: int) -> str:
    """The first `count` characters `type` types."""
    return (ALPHABET * (count // len(ALPHABET) + 1))[:count]


def say(*words: object) -> None:
    print(*words, flush=True)


class RemoteSandbox:
    """A sandbox already running in another process, handed to the window as --sandbox hands its own."""

    def __init__(self, info: dict):
        self._info = info
        self.base_url = info["base_url"]

    def start(self) -> RemoteSandbox:
        return self

    def stop(self) -> None:
        pass  # it belongs to the test

    def info(self) -> dict:
        return self._info


def poll(window, check, then, every_ms: int = 20) -> None:
    """Call then() once check() is true, looking every few milliseconds (the event loop keeps running)."""
    from PySide6.QtCore import QTimer

    timer = QTimer(window, interval=every_ms)

    def look() -> None:
        if check():
            timer.stop()
            then()

    timer.timeout.connect(look)
    timer.start()


def keep_typing(window, interval_ms: int) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    window.composer.add_block("text")
    edit = window.composer.frames()[-1].editor.edit
    count = [0]

    def tick() -> None:
        QTest.keyClicks(edit, typed_text(count[0] + 1)[-1])  # a real key press, through the editor
        count[0] += 1
        say("typed", count[0])

    def saved(draft_id: str) -> None:
        draft = window.context.drafts.load(draft_id)
        if draft is not None:
            say("saved", len(draft.body["attachment"]["media"][0]["text"]))

    window.keeper.saved.connect(saved)
    timer = QTimer(window, interval=interval_ms)
    timer.timeout.connect(tick)
    timer.start()


def start_publishing(window) -> None:
    window.new_draft()  # the same post every time the driver runs, whatever draft was open
    window.composer.add_block("text")
    window.composer.frames()[-1].editor.edit.setPlainText(PUBLISHED_TEXT)
    drafts = window.context.drafts

    def state() -> str:
        draft_id = window.keeper.draft_id
        return getattr(drafts.load(draft_id), "state", "") if draft_id is not None else ""

    def marked() -> None:
        say("publishing", window.keeper.draft_id)
        poll(window, lambda: state() != "publishing", lambda: say("ended", state()))

    def publish() -> None:
        window.publish()
        poll(window, lambda: state() == "publishing", marked)

    poll(window, lambda: window.publish_panel.publish_button.isEnabled(), publish)


def report(window, sandbox: bool, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    settled = [not sandbox]
    window.outbox_runner.looked.connect(lambda: settled.__setitem__(0, True))

    def typed() -> None:
        if text:
            window.composer.add_block("text")
            window.composer.frames()[-1].editor.edit.setPlainText(text)
        poll(window, lambda: not window.keeper.pending and not window.keeper.timer.isActive(), listed)

    def listed() -> None:
        window.drafts_view.refresh()
        poll(window, lambda: window.drafts_view.row_count() > 0 or not text, done, 100)

    def done() -> None:
        tree = window.drafts_view
        dialog = window.dialog
        shown = {
            "drafts": [[tree.row_texts(i)[0], tree.row_texts(i)[1]] for i in range(tree.row_count())],
            "note": window.recovery_note.text(),
            "dialog": dialog.text() if isinstance(dialog, QMessageBox) else None,
            "notice": window.context.drafts.notice,
        }
        say(json.dumps(shown, ensure_ascii=False))
        window.close()

    poll(window, lambda: settled[0], typed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Drive okcomposer for the kill tests.")
    parser.add_argument("mode", choices=("type", "publish", "report"))
    parser.add_argument("--interval-ms", type=int, default=25)
    parser.add_argument("--sandbox", metavar="INFO_JSON", help="the info line `okcomposer sandbox` printed")
    parser.add_argument(
        "--type", default="", metavar="TEXT", help="report: type this first, wait for the save"
    )
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from okcomposer.ui.shell.app import running_gui

    factory = None
    if args.sandbox:
        remote = RemoteSandbox(json.loads(args.sandbox))
        factory = lambda: remote  # noqa: E731
    with running_gui(sandbox_factory=factory) as window:

        def begin() -> None:  # once the window has made its parts (it paints first)
            if args.mode == "type":
                keep_typing(window, args.interval_ms)
            elif args.mode == "publish":
                poll(window, lambda: window.context.session is not None, lambda: start_publishing(window))
            else:
                report(window, bool(args.sandbox), args.type)
            say("started")

        window.built.connect(begin)
        return QApplication.exec()


if __name__ == "__main__":
    sys.exit(main())
