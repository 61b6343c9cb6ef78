"""Screenshots of the workflow views (calendar week and month, many targets) in English and Russian.

    python tests/screenshots_workflow.py [--out shots] [--languages en,ru]

The app runs in Berlin time (TZ=Europe/Berlin) so that Moscow time shows beside the local one. On an
in-process sandbox; under QT_QPA_PLATFORM=offscreen by default. Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZONE = "Europe/Berlin"
G1, G2 = "70000001000101", "70000001000102"
POSTS = {  # (target, days after this week's Monday, hour, minute, text, kind)
    "en": [
        (G1, 0, 10, 0, "Fresh rye loaf out of the oven", "draft"),
        (G1, 0, 10, 30, "Cinnamon buns at half price", "draft"),
        (G2, 2, 15, 0, "Saturday long run: meet at the bridge", "on_ok"),
        ("me", 3, 9, 0, "Thank you for 1000 followers!", "local"),
        (G1, 4, 18, 0, "Weekend opening hours", "draft"),
    ],
    "ru": [
        (G1, 0, 10, 0, "Ржаной каравай из печи", "draft"),
        (G1, 0, 10, 30, "Булочки с корицей за полцены", "draft"),
        (G2, 2, 15, 0, "Длинная пробежка в субботу: встречаемся у моста", "on_ok"),
        ("me", 3, 9, 0, "Спасибо за 1000 подписчиков!", "local"),
        (G1, 4, 18, 0, "Часы работы в выходные", "draft"),
    ],
}
BASE_TEXT = {
    "en": "Spring sale: every loaf 20% off until Sunday!",
    "ru": "Весенняя распродажа: весь хлеб со скидкой 20% до воскресенья!",
}
RUNNERS_TEXT = {
    "en": "Runners: show your club card for 30% off after the Saturday run!",
    "ru": "Бегунам: покажите карту клуба после субботней пробежки — скидка 30%!",
}


def _settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _wait(app, condition, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get ready in time")
        app.processEvents()
        time.sleep(0.01)


def _schedule(drafts, language: str, tz) -> None:
    """This week's posts: a conflict on Monday, one held by OK, one for my page waiting on this computer."""
    from support.legacy import published_draft

    from okcomposer.api.topic import Post, datetime_to_ms
    from okcomposer.app.outbox import Outbox

    today = date.today()
    monday = today - timedelta(days=today.weekday())
    for target, day, hour, minute, text, kind in POSTS[language]:
        when = datetime.combine(monday + timedelta(days=day), datetime.min.time()).replace(
            hour=hour, minute=minute, tzinfo=tz
        )
        group = {"type": "GROUP_THEME", "gid": target} if target != "me" else {}
        post = Post.from_draft({**group, "attachment": {"media": [{"type": "text", "text": text}]}})
        post.attachment.publish_at_ms = datetime_to_ms(when)
        if kind == "on_ok":
            published_draft(drafts, post, "70111000001")
        elif kind == "local":
            post.attachment.schedule(None)
            Outbox(drafts).queue(post, datetime_to_ms(when))
        else:
            drafts.save(post.to_draft(), title=text)


def shoot(language: str, out: Path) -> list[Path]:
    from zoneinfo import ZoneInfo

    from PySide6.QtWidgets import QApplication

    from okcomposer.api.topic import Post
    from okcomposer.app.multi import ME, Override, TargetResult
    from okcomposer.sandbox.server import Sandbox
    from okcomposer.store.accounts import AccountStore
    from okcomposer.store.drafts import DraftStore
    from okcomposer.store.settings import SettingsStore
    from okcomposer.ui.common import i18n
    from okcomposer.ui.common.context import UiContext
    from okcomposer.ui.photos import thumbnails
    from okcomposer.ui.schedule.calendar_view import MONTH
    from okcomposer.ui.shell.main_window import MainWindow

    app = QApplication.instance()
    i18n.install(language)
    home = Path(tempfile.mkdtemp(prefix=f"okc-wf-shots-{language}-"))
    context = UiContext(SettingsStore(home / "settings.json"), DraftStore(home / "drafts.sqlite3"))
    _schedule(context.drafts, language, ZoneInfo(ZONE))
    sandbox = Sandbox().start()
    window = MainWindow(context, AccountStore(home / "accounts.json"), sandbox_factory=lambda: sandbox)
    window.resize(1280, 800)
    window.show()
    shots: list[Path] = []

    def grab(name: str) -> None:
        _settle(app)
        path = out / f"wf-{name}-{language}.png"
        window.grab().save(str(path))
        shots.append(path)

    try:
        _wait(app, lambda: context.session is not None)
        window.install_workflow()
        flow = window.workflow
        calendar, multi = flow.calendar.view, flow.many.view
        window.tabs.setCurrentWidget(calendar)
        _wait(app, lambda: len(calendar.entries) == 5)
        _wait(app, lambda: len(calendar.names) > 2)  # the group names, loaded by the many-targets view
        _settle(app)
        calendar.scroll_to_hour(8)
        grab("01-calendar-week")
        calendar.set_mode(MONTH)
        _wait(app, lambda: any(cell.chips() for cell in calendar.cells))
        grab("02-calendar-month")
        base = Post.from_draft({"attachment": {"media": [{"type": "text", "text": BASE_TEXT[language]}]}})
        window.tabs.setCurrentWidget(multi)
        multi.set_base(base)
        for target in (ME, G1, G2):
            multi.set_checked(target)
        multi.set_override(G2, Override(text=RUNNERS_TEXT[language], disable_comments=True))
        multi.show_results(
            {
                ME: TargetResult(ME, "published", "71500001", f"{sandbox.base_url}/sandbox/topic/71500001"),
                G1: TargetResult(
                    G1, "failed", error_code=11, message="OK error 11 LIMIT_REACHED in mediatopic.post"
                ),
                G2: TargetResult(G2, "published", "71500003", f"{sandbox.base_url}/sandbox/topic/71500003"),
            }
        )
        multi.select(G2)
        grab("03-many-targets-version")
        multi.select(G1)
        grab("04-many-targets-failed")
    finally:
        window.close()
        thumbnails.wait_all()
        _settle(app, 0.1)
        sandbox.stop()
        context.drafts.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="shots", help="folder for the PNG files (default ./shots)")
    parser.add_argument("--languages", default="en,ru")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["OKCOMPOSER_HOME"] = tempfile.mkdtemp(prefix="okc-wf-shots-home-")
    os.environ["TZ"] = ZONE  # before Qt reads the system zone
    time.tzset()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "tests"))
    from support.memory_keyring import use_memory_keyring

    use_memory_keyring()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for language in args.languages.split(","):
        for path in shoot(language.strip(), out):
            print(path)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
