"""The Russian window, walked: every tab, menu and dialog in typical states, and no English sentence left.

The states: a post whose blocks break rules, outbox entries published, scheduled, waiting, not confirmed,
not sent and refused by OK (History, Drafts, Calendar), a CSV whose rows are wrong (import preview), the
many-targets view's results and refusals, and the tray's question. English is a run of two or more
lowercase ASCII words (proper names, ids, addresses and key names aside): what a translator missed or a
sentence the core handed over as text.
"""

from __future__ import annotations

import re

import pytest
from support.sandbox_client import admin_group
from ui.window_helpers import WAIT

from okcomposer.api.errors import OkApiError, OkNetworkError
from okcomposer.api.topic import Post
from okcomposer.app.confirm import fingerprint, target_of
from okcomposer.app.messages import message
from okcomposer.app.multi import ALREADY, Refused, TargetResult
from okcomposer.store.outbox import FAILED, NOT_SENT, PUBLISHED, SCHEDULED, SENDING, UNCONFIRMED, WAITING

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

# Two lowercase ASCII words in a row ("not sent", "the photo"): English prose, not a name or an id.
ENGLISH = re.compile(r"(?<![\w@./:-])[a-z]{2,}(?: [a-z]{2,})+(?![\w@/-])")
# What stays as it is in Russian: commands and names the user types or sees on other screens.
ALLOWED = (
    "okcomposer --sandbox",  # a command line
    "sudo apt install gnome-keyring",  # a command line
    "publish_at",  # a CSV column's name
)
URL_OR_PATH = re.compile(r"(https?://|file:|/)\S*")


def english_runs(text: str) -> list[str]:
    """The English word runs in `text` (tags, addresses, paths and the allowed names taken out)."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = URL_OR_PATH.sub(" ", text)
    for allowed in ALLOWED:
        text = text.replace(allowed, " ")
    return ENGLISH.findall(text)


def test_the_heuristic_finds_english_and_passes_russian():
    assert english_runs("Not sent: the session expired") == ["the session expired"]
    assert english_runs("1 photos") == [] and english_runs("Опубликовано: 2") == []
    assert english_runs("Группа Sunrise Bakery — https://ok.ru/group/1/topic/2 /tmp/a b/c.csv") == []
    assert english_runs("<b>Готово</b>: okcomposer --sandbox") == []


def visible_texts(widget) -> list[str]:
    """Every text a person can read on `widget`: labels, buttons, actions, tabs, headers, cells, hints."""
    from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QMenu,
        QPlainTextEdit,
        QStatusBar,
        QTableWidget,
        QTabWidget,
        QTextEdit,
        QTreeWidget,
    )

    found = [widget.windowTitle(), widget.toolTip(), widget.statusTip(), widget.whatsThis()]
    if isinstance(widget, QLabel):
        found.append(widget.text())
    if isinstance(widget, QAbstractButton):
        found.append(widget.text())
    if isinstance(widget, QLineEdit):
        found.append(widget.placeholderText())
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        found.append(widget.placeholderText())
    if isinstance(widget, QGroupBox):
        found.append(widget.title())
    if isinstance(widget, QTabWidget):
        found += [widget.tabText(i) for i in range(widget.count())]
        found += [widget.tabToolTip(i) for i in range(widget.count())]
    if isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QListWidget):
        items = [widget.item(i) for i in range(widget.count())]
        found += [t for item in items if item is not None for t in (item.text(), item.toolTip())]
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        found += [header.text(i) for i in range(header.columnCount())]
        stack = [widget.topLevelItem(i) for i in range(widget.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:
                continue
            found += [t for c in range(item.columnCount()) for t in (item.text(c), item.toolTip(c))]
            stack += [item.child(i) for i in range(item.childCount())]
    model = widget.model() if isinstance(widget, QAbstractItemView) else None
    if model is not None and type(model).__module__.startswith("okcomposer."):
        # Our models over the database (Drafts, History) and the like: the rows they hold now.
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
        found += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
        for row in range(min(model.rowCount(QModelIndex()), 500)):
            for c in range(columns):
                index = model.index(row, c)
                found += [str(index.data() or ""), str(index.data(Qt.ItemDataRole.ToolTipRole) or "")]
    if isinstance(widget, QTableWidget):
        for column in range(widget.columnCount()):
            head = widget.horizontalHeaderItem(column)
            found.append(head.text() if head is not None else "")
            for row in range(widget.rowCount()):
                cell = widget.item(row, column)
                found += [cell.text(), cell.toolTip()] if cell is not None else []
    if isinstance(widget, QMenu):
        found.append(widget.title())
    if isinstance(widget, QStatusBar):
        found.append(widget.currentMessage())
    for action in widget.actions():
        found += [action.text(), action.toolTip(), action.statusTip()]
        if action.menu() is not None:
            found += visible_texts(action.menu())
    return [text.replace("&", "") for text in found if text and text.strip()]


def english_in(widgets, data: set[str]) -> list[str]:
    """ "<widget class>: <text>" for every text with an English run that is not the user's own data."""
    bad = set()
    for widget in widgets:
        for text in visible_texts(widget):
            cleaned = text
            for value in data:
                cleaned = cleaned.replace(value, " ")
            if english_runs(cleaned):
                bad.add(f"{type(widget).__name__}: {text!r}")
    return sorted(bad)


def _entry(ctx, text: str, gid: str | None, state: str, **outcome) -> str:
    """An outbox entry (and its draft) that ended in `state`, as a publish leaves it."""
    body = {"attachment": {"media": [{"type": "text", "text": text}]}}
    if gid:
        body |= {"type": "GROUP_THEME", "gid": gid}
    post = Post.from_draft(body)
    draft_id = ctx.drafts.save(post.to_draft(), title=text)
    store = ctx.outbox.store
    due = outcome.pop("due_ms", None)
    entry = store.add(
        kind="post",
        target=target_of(post),
        fingerprint=fingerprint(post),
        request=post.to_draft(),
        summary=text,
        draft_id=draft_id,
        state=WAITING if due else SENDING,
        due_ms=due,
    )
    if state != WAITING:
        store.finish(entry.id, state, **outcome)
    return entry.id


def _outbox_states(ctx, gid: str) -> None:
    from okcomposer.store.drafts import now_ms

    day = 24 * 3600 * 1000
    url = f"https://ok.ru/group/{gid}/topic/1"
    _entry(ctx, "Свежий хлеб", gid, PUBLISHED, topic_id="1", url=url)
    _entry(ctx, "Завтрашняя выпечка", gid, SCHEDULED, topic_id="2", url=url, publish_at_ms=now_ms() + day)
    _entry(ctx, "Для моей страницы", None, WAITING, due_ms=now_ms() + day)
    _entry(ctx, "Связь оборвалась", gid, UNCONFIRMED)
    _entry(ctx, "Отменено", gid, NOT_SENT, detail="cancelled")
    _entry(ctx, "Лимит", gid, FAILED, code=11, detail="11 LIMIT_REACHED: limit reached")


def _many_targets_states(view, gid: str, other: str) -> list[str]:
    """The many-targets view's words for every kind of result, and a refusal shown in its list."""
    texts = view.texts
    results = [
        TargetResult(gid, PUBLISHED, "1", "https://ok.ru/group/1/topic/1", at_ms=1_700_000_000_000),
        TargetResult(gid, SCHEDULED, "2", "https://ok.ru/group/1/topic/2", at_ms=1_900_000_000_000),
        TargetResult("me", WAITING, at_ms=1_900_000_000_000),
        TargetResult(gid, UNCONFIRMED, entry_id="e", message="the connection broke"),
        TargetResult(gid, NOT_SENT, message="cancelled"),
        TargetResult(gid, NOT_SENT, message="Could not reach OK", error=OkNetworkError("connection refused")),
        TargetResult(gid, FAILED, error_code=11, message="11 LIMIT_REACHED", error=OkApiError(11, "x")),
        TargetResult(gid, ALREADY, "1", "https://ok.ru/", at_ms=1_700_000_000_000, earlier_state=PUBLISHED),
    ]
    said = [texts.short(r) for r in results] + [texts.detail(r, "Sunrise Bakery") for r in results]
    said.append(texts.summary({str(i): r for i, r in enumerate(results)}))
    refusal = Refused(
        {
            other: [message("group.not_member", gid=other), message("page.time_passed")],
            gid: [message("photo.missing", name="a.jpg")],
        }
    )
    view._published_to = [gid, other]  # the targets of the run that was refused
    view._failed(refusal)
    return said


def test_no_english_in_the_russian_window(qtbot, ctx, open_window, sandbox, russian_ui, tmp_path):
    from PySide6.QtWidgets import QDialog, QLabel, QWidget

    from okcomposer.ui.accounts.dialogs import no_keyring_dialog, session_expired_dialog
    from okcomposer.ui.accounts.sign_in_dialog import SignInDialog
    from okcomposer.ui.compose.composer import BLOCK_KINDS
    from okcomposer.ui.shell import tray

    gid = admin_group(sandbox)
    member_only = next(g["id"] for g in sandbox.info()["groups"] if g["status"] != "ADMIN")
    _outbox_states(ctx, gid)
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    qtbot.waitUntil(lambda: window.workflow is not None, timeout=WAIT)
    for kind in BLOCK_KINDS:  # every block, empty: each breaks a rule and says so
        window.composer.add_block(kind)
    window.validate_now()
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(100)
    qtbot.waitUntil(lambda: window.history_view.row_count() >= 6, timeout=WAIT)
    workflow = window.workflow
    said = _many_targets_states(workflow.many.view, gid, member_only)
    csv = tmp_path / "posts.csv"
    csv.write_text(
        "текст;группа;время;фото\n"
        "Привет;абв;2020-01-01 10:00;нет.jpg\n"
        "Пока;me;завтра;\n"
        f"Ещё;{gid};2000-01-01T10:00+03:00;;лишнее\n",
        encoding="utf-8",
    )
    workflow.importing.open_dialog()
    imports = workflow.importing.dialog
    imports.load_file(csv)
    qtbot.waitUntil(lambda: imports.table.rowCount() == 3, timeout=WAIT)
    broken = tmp_path / "broken.csv"
    broken.write_text("colour;target\nred;me\n", encoding="utf-8")
    second = type(imports)(ctx, parent=window)
    second.load_file(broken)
    qtbot.waitUntil(lambda: "colour" in second.summary.text(), timeout=WAIT)
    workflow.slots.open_dialog()
    window.open_settings()
    window.open_about()
    dialogs: list[QWidget] = [
        SignInDialog(window.store, {}, window),
        no_keyring_dialog(window),
        session_expired_dialog(window, lambda: None),
        tray.ask_quit(window, 3, lambda: None),
        window.composer.add_block_menu(),
    ]
    said.append(tray.Tray().waiting_tip(1))
    widgets = [window, *window.findChildren(QWidget), *window.findChildren(QDialog)]
    for dialog in dialogs:
        widgets += [dialog, *dialog.findChildren(QWidget)]
    widgets += [QLabel(text) for text in said]
    data = {g["name"] for g in sandbox.info()["groups"]} | {"Demo User", "Sunrise Bakery"}
    bad = english_in(widgets, data)
    assert not bad, "English left in the Russian window:\n" + "\n".join(bad)
    checks = [imports.table.item(r, 4).text() for r in range(3)]
    assert all(re.search("[а-я]", check) for check in checks), checks
    for dialog in dialogs:
        dialog.close()
    second.close()


@pytest.fixture
def russian_ui(qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install("ru") == "ru"
    yield
    i18n.install("")
