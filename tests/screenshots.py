"""Screenshots of every main view in English and Russian, on an in-process sandbox with a sample post.

    python tests/screenshots.py [--out shots] [--languages en,ru] [--theme system|light|dark]

Runs under QT_QPA_PLATFORM=offscreen (the default here) or a real display such as Xvfb (`xvfb-run python ...`
with QT_QPA_PLATFORM=xcb). Not a test: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"
PHOTOS = [str(EXAMPLES / f"photo{n}.jpg") for n in (1, 2, 3)]


def _memory_keyring() -> None:
    """Sign-ins stay in memory: the script never touches the user's keyring."""
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        items: dict = {}

        def get_password(self, service, username):
            return self.items.get((service, username))

        def set_password(self, service, username, password):
            self.items[(service, username)] = password

        def delete_password(self, service, username):
            self.items.pop((service, username), None)

    keyring.set_keyring(Memory())


def _wait(app, condition, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get ready in time")
        app.processEvents()
        time.sleep(0.01)


def _settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _sample_post(window, sandbox, language: str) -> None:
    """Text, three photos, a poll and a link, to a group of the demo user, on behalf of the group."""
    from okcomposer.api.blocks import LinkBlock, PollBlock

    composer = window.composer
    composer.add_block("text")
    composer.frames()[-1].editor.edit.setPlainText(SAMPLE_TEXT[language])
    composer.add_photo_files(PHOTOS)
    composer.add_block("poll")
    question, *answers = SAMPLE_POLL[language]
    composer.frames()[-1].editor.set_block(PollBlock(question=question, answers=answers))
    composer.add_block("link")
    composer.frames()[-1].editor.set_block(LinkBlock("https://ok.ru/group/70000001000101"))
    admin = next(g["id"] for g in sandbox.info()["groups"] if g["status"] == "ADMIN")
    window.target.targets.setCurrentItem(window.target._item(admin))
    window.target.on_behalf.setChecked(True)


SAMPLE_TEXT = {
    "en": "Fresh bread every morning! Our new rye loaf is out today — come and try it.",
    "ru": "Свежий хлеб каждое утро! Сегодня впервые печём ржаной каравай — приходите попробовать.",
}
SAMPLE_DRAFTS = {
    "en": ("Board game night this Friday", "Weekend opening hours"),
    "ru": ("В пятницу — вечер настольных игр", "Часы работы в выходные"),
}
SAMPLE_POLL = {
    "en": ("Which bread should we bake on Sundays?", "Rye", "Sourdough", "Brioche"),
    "ru": ("Какой хлеб печь по воскресеньям?", "Ржаной", "На закваске", "Бриошь"),
}


def _insights(app, window) -> None:
    """The Insights tab on the bakery's figures, fetched from the sandbox."""
    _wait(app, lambda: window.workflow is not None)
    feature = window.workflow.insights
    window.tabs.setCurrentWidget(feature.page)
    view = feature.build()
    bakery = "70000001000101"
    _wait(app, lambda: view.groups_loaded and bool(view.snapshot.groups.get(bakery, None)))
    _wait(app, lambda: bool(view.snapshot.groups[bakery].topics))
    view.picker.setCurrentIndex(view.picker.findData(bakery))


def shoot(language: str, out: Path, theme_name: str) -> list[Path]:
    from PySide6.QtWidgets import QApplication
    from support.legacy import old_history

    from okcomposer.limits import current_limits
    from okcomposer.sandbox.server import Sandbox
    from okcomposer.store.accounts import AccountStore
    from okcomposer.store.drafts import DraftStore, HistoryEntry, now_ms
    from okcomposer.store.settings import SettingsStore
    from okcomposer.ui.accounts.sign_in_dialog import SignInDialog
    from okcomposer.ui.common import i18n, theme
    from okcomposer.ui.common.context import UiContext
    from okcomposer.ui.photos import thumbnails
    from okcomposer.ui.shell.main_window import MainWindow

    app = QApplication.instance()
    i18n.install(language)
    theme.apply(theme_name)
    home = Path(tempfile.mkdtemp(prefix=f"okc-shots-{language}-"))
    context = UiContext(
        SettingsStore(home / "settings.json"), DraftStore(home / "drafts.sqlite3"), current_limits()
    )
    drafts = context.drafts
    week_ago = now_ms() - 7 * 86_400_000
    old_history(
        drafts,
        HistoryEntry(
            "post",
            "Sunrise Bakery",
            "70102413183763",
            "https://ok.ru/group/70000001000101/topic/70102413183763",
            SAMPLE_TEXT[language][:40],
            week_ago,
        ),
    )
    old_history(
        drafts,
        HistoryEntry(
            "moment",
            "me",
            "88100000001",
            "https://ok.ru/profile/574902863217",
            "photo2.jpg",
            week_ago + 3_600_000,
        ),
    )
    sandbox = Sandbox(with_history=True).start()  # the demo groups' month of posts, for Insights
    window = MainWindow(context, AccountStore(home / "accounts.json"), sandbox_factory=lambda: sandbox)
    window.resize(1280, 800)  # the default size; every tab also fits 1024x640 (tests/ui/test_fits.py)
    window.show()
    shots: list[Path] = []

    def grab(widget, name: str) -> None:
        from ui.fit_check import misfits

        _settle(app)
        path = out / f"{name}-{language}.png"
        widget.grab().save(str(path))
        shots.append(path)
        for line in misfits(widget):  # what a look at the picture would find cut off
            print(f"{path.name}: does not fit: {line}", file=sys.stderr)

    try:
        _wait(app, lambda: window.target.targets.count() > 1)
        for text in SAMPLE_DRAFTS[language]:
            drafts.save({"attachment": {"media": [{"type": "text", "text": text}]}}, title=text)
        _sample_post(window, sandbox, language)
        _wait(app, window.composer.photos_ok)
        window.target.schedule.setChecked(True)
        window.target.when.setDateTime(window.target.when.dateTime().addDays(1))
        window.validate_now()
        grab(window, "01-composer")
        grab(window.target.parentWidget().parentWidget().parentWidget(), "02-target")
        window.tabs.setCurrentWidget(window.moments)
        window.moments.grid.add_files(PHOTOS[:2])
        _wait(app, lambda: window.moments.grid.all_ok())
        grab(window, "03-moments")
        window.tabs.setCurrentWidget(window.drafts_view)
        _wait(app, lambda: window.drafts_view.row_count() >= 3)
        grab(window, "04-drafts")
        window.tabs.setCurrentWidget(window.history_view)
        _wait(app, lambda: window.history_view.row_count() == 2)
        grab(window, "05-history")
        _insights(app, window)
        grab(window, "12-insights")
        window.tabs.setCurrentWidget(window.compose_tab)
        dialog = SignInDialog(
            window.store,
            {
                "application_id": sandbox.info()["application_id"],
                "application_key": sandbox.info()["application_key"],
                "api_base": sandbox.base_url,
            },
            window,
        )
        dialog.show()
        grab(dialog, "06-sign-in")
        dialog.close()
        window.open_settings()
        grab(window.dialog, "07-settings")
        window.dialog.close()
        window.actions_by_name["sandbox"].trigger()
        grab(window.dialog, "13-sandbox")
        window.dialog.close()
        window.open_about()
        grab(window.dialog, "08-about")
        window.dialog.close()
        bar = window.composer.scroll_area.verticalScrollBar()
        bar.setValue(bar.maximum())  # the blocks below the fold: the poll and the link
        grab(window.composer, "09-composer-end")
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
    parser.add_argument("--theme", default="system", choices=("system", "light", "dark"))
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["OKCOMPOSER_HOME"] = tempfile.mkdtemp(prefix="okc-shots-home-")
    sys.path.insert(0, str(ROOT))
    _memory_keyring()
    from PySide6.QtWidgets import QApplication

    from okcomposer.ui.common import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(theme.icon("okcomposer"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for language in args.languages.split(","):
        for path in shoot(language.strip(), out, args.theme):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
