"""The Insights tab on the sandbox's month of history: groups, chart, sortable table, History, exports, best
times; and the posting slots' suggestions from the same figures."""

from __future__ import annotations

import csv
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from support.sandbox_client import demo_client
from ui.workflow_helpers import WAIT, british_english, sign_in

from okcomposer.api.topic import Post
from okcomposer.app.best_times import Cell
from okcomposer.sandbox import history
from okcomposer.sandbox.server import Sandbox
from okcomposer.ui.common import i18n
from okcomposer.ui.common.store_queue import DraftQueue
from okcomposer.ui.insights.heatmap import EMPTY, RANKED, THIN, THIN_COLOR, HeatMap
from okcomposer.ui.insights.table import DATE, FIRST_FIGURE, WORDS
from okcomposer.ui.insights.view import InsightsView

# Qt's offscreen platform warns when a window with size constraints is shown (propagateSizeHints).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
BAKERY, RUNNERS = history.HISTORY_GROUPS
MOSCOW = ZoneInfo("Europe/Moscow")


@pytest.fixture(autouse=True)
def _english():
    """English with its plural forms (okcomposer_en.qm), dates and times as en_GB writes them."""
    i18n.install("en")
    with british_english():
        yield
    i18n.install("")


@pytest.fixture
def sb():
    with Sandbox(with_history=True) as sandbox:
        yield sandbox


@pytest.fixture
def view(qtbot, ctx, sb):
    queue = DraftQueue()
    sign_in(ctx, sb)
    insights = InsightsView(ctx, queue, MOSCOW)
    qtbot.addWidget(insights)
    insights.resize(1100, 700)
    insights.show()
    yield insights
    insights.tasks.stop()
    insights.files.stop()
    insights.shutdown()
    queue.close()


def past(sb, gid: str) -> dict[str, dict]:
    return {t["id"]: t for t in sb.state.past_topics if t["gid"] == gid}


def wait_figures(qtbot, view, sb) -> None:
    """Until both groups' figures are fetched and shown; then the bakery is chosen."""

    def fetched(gid: str) -> bool:
        figures = view.snapshot.groups.get(gid)
        return figures is not None and len(figures.topics) >= len(past(sb, gid)) > 0

    qtbot.waitUntil(lambda: view.groups_loaded and fetched(BAKERY) and fetched(RUNNERS), timeout=WAIT)
    view.picker.setCurrentIndex(view.picker.findData(BAKERY))


def test_the_tab_shows_each_administered_groups_figures_from_the_sandbox(qtbot, view, sb):
    view.shown()
    names = {g["id"]: g["name"] for g in sb.info()["groups"]}
    qtbot.waitUntil(
        lambda: (
            view.picker.count() == 3
            and bool(view.snapshot.groups.get(RUNNERS, None) and view.snapshot.groups[RUNNERS].topics)
        ),
        timeout=WAIT,
    )
    wait_figures(qtbot, view, sb)
    shown = [view.picker.itemText(i) for i in range(view.picker.count())]
    assert shown[:2] == sorted([names[BAKERY], names[RUNNERS]])
    assert "no statistics" in shown[2] and not view.picker.model().item(2).isEnabled()  # your page: none
    assert "groups only" in view.picker.itemData(2, Qt.ItemDataRole.ToolTipRole)  # and why
    view.picker.setCurrentIndex(view.picker.findData(BAKERY))
    topics = past(sb, BAKERY)
    assert view.model.rowCount() == len(topics)
    newest = view.model.rows[0]
    assert newest.created_ms == max(t["created_ms"] for t in topics.values())
    assert view.model.index(0, WORDS).data() == topics[newest.topic_id]["attachment"]["media"][0]["text"]
    reach = view.model.index(0, FIRST_FIGURE).data()
    assert reach.replace(",", "").isdigit() and int(reach.replace(",", "")) == newest.figures["reach"]
    assert "Figures fetched" in view.fetched.text() and f"{len(topics)} posts" in view.fetched.text()
    days = view.chart.days
    assert sum(d.posts for d in days) == len(topics) and days == sorted(days, key=lambda d: d.day)
    # OK's daily figures of the group (cached with the topics), not the topics summed: they count the
    # reach of the group's page too.
    from okcomposer.app.insights import Insights

    trends = Insights(view.context.drafts, view.owner()).trends(BAKERY)
    assert view.figures().from_trends and "OK's statistics" in view.chart.toolTip()
    assert [d.reach for d in days] == [figures["reach"] for _day, figures, _fetched in trends]
    assert sum(d.reach for d in days) > sum(t.figures["reach"] for t in view.model.rows)
    chart = view.chart.image(1.0)
    assert chart.width() == view.chart.width() and len({chart.pixel(x, chart.height() // 2) for x in
                                                         range(0, chart.width(), 3)}) > 2  # fmt: skip
    # The best times: the sandbox posts at 8, 13 and 19 Moscow time, most days, so some cells are ranked.
    heat = view.best.heat
    kinds = {heat.state(w, h)[1] for w in range(7) for h in range(24)}
    assert RANKED in kinds and EMPTY in kinds and "Best: 1." in view.best.ranking.text()


def test_the_table_sorts_by_any_column_and_a_missing_figure_sorts_last(qtbot, view, sb):
    view.shown()
    wait_figures(qtbot, view, sb)
    reach = FIRST_FIGURE
    view.table.sortByColumn(reach, Qt.SortOrder.DescendingOrder)
    values = [t.figures["reach"] for t in view.model.rows]
    assert values == sorted(values, reverse=True) and values[0] > values[-1]
    view.table.sortByColumn(reach, Qt.SortOrder.AscendingOrder)
    assert [t.figures["reach"] for t in view.model.rows] == sorted(values)
    view.table.sortByColumn(WORDS, Qt.SortOrder.AscendingOrder)
    words = [t.words.casefold() for t in view.model.rows]
    assert words == sorted(words)
    view.table.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
    created = [t.created_ms for t in view.model.rows]
    assert created == sorted(created)
    first = view.model.rows[0]
    missing = type(first)(first.topic_id, first.target, first.created_ms, first.fetched_ms, "", {})
    view.model.set_topics([missing, *view.model.rows[1:]], frozenset())
    view.table.sortByColumn(reach, Qt.SortOrder.DescendingOrder)
    assert view.model.rows[-1] is missing and view.model.index(len(view.model.rows) - 1, reach).data() == "–"


def test_csv_and_png_exports_write_what_is_shown(qtbot, view, sb, tmp_path):
    view.shown()
    wait_figures(qtbot, view, sb)
    view.table.sortByColumn(FIRST_FIGURE + 1, Qt.SortOrder.DescendingOrder)  # by likes
    path = tmp_path / "table.csv"
    with qtbot.waitSignal(view.exported, timeout=WAIT):
        view.write_csv(str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["id", "Date", "First words", "Reach", "Likes", "Comments", "Reshares", "Link clicks",
                       "Negatives"]  # fmt: skip
    assert len(rows) == 1 + view.model.rowCount()
    top = view.model.rows[0]
    created = datetime.fromtimestamp(top.created_ms / 1000, MOSCOW).isoformat(timespec="minutes")
    assert rows[1][:3] == [top.topic_id, created, top.words]
    assert rows[1][3:] == [str(top.figures[n]) for n in ("reach", "likes", "comments", "reshares",
                                                          "link_clicks", "negatives")]  # fmt: skip
    likes = [int(r[4]) for r in rows[1:]]
    assert likes == sorted(likes, reverse=True)
    picture = tmp_path / "chart.png"
    size = view.chart.size()  # as drawn (the note saying where the file went takes some height)
    with qtbot.waitSignal(view.exported, timeout=WAIT):
        view.write_png(str(picture))
    image = QImage(str(picture))
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (image.width(), image.height()) == (size.width() * 2, size.height() * 2)


def test_a_row_opens_its_post_in_history_and_another_says_why_not(qtbot, open_window, ctx, sb):
    window = open_window(ctx, sb)
    post = Post.from_draft(
        {"type": "GROUP_THEME", "gid": BAKERY, "attachment": {"media": [{"type": "text", "text": "Ours"}]}}
    )
    ours = ctx.outbox.publish(demo_client(sb), post)
    qtbot.waitUntil(lambda: window.workflow is not None, timeout=WAIT)
    feature = window.workflow.insights
    window.tabs.setCurrentWidget(feature.page)
    view = feature.build()
    wait_figures(qtbot, view, sb)  # the bakery's past topics and ours
    assert any(t.topic_id == ours.topic_id for t in view.model.rows)
    row = next(i for i, t in enumerate(view.model.rows) if t.topic_id == ours.topic_id)
    view.table.activated.emit(view.model.index(row, WORDS))
    assert window.tabs.currentWidget() is window.history_view
    qtbot.waitUntil(lambda: window.history_view.selected() is not None, timeout=WAIT)
    assert window.history_view.selected().topic_id == ours.topic_id
    window.tabs.setCurrentWidget(feature.page)
    other = next(i for i, t in enumerate(view.model.rows) if t.topic_id in past(sb, BAKERY))
    view.table.activated.emit(view.model.index(other, WORDS))
    assert window.tabs.currentWidget() is feature.page
    assert (
        "not published with okcomposer" in view.note.text() and f"/group/{BAKERY}/topic/" in view.note.text()
    )


def test_the_heat_map_writes_each_cells_posts_and_greys_thin_cells(qtbot):
    heat = HeatMap()
    qtbot.addWidget(heat)
    heat.resize(24 * 30 + 60, 7 * 24 + 30)
    heat.set_cells(
        {
            (1, 9): Cell(1, 9, posts=4, reach=1000, engagement=80),
            (5, 20): Cell(5, 20, posts=3, reach=1000, engagement=40),
            (2, 13): Cell(2, 13, posts=2, reach=500, engagement=400),  # a high rate on too few posts
        }
    )
    assert heat.state(1, 9) == ("4", RANKED) and heat.state(2, 13) == ("2", THIN)
    assert heat.state(0, 0) == ("", EMPTY)
    assert heat.color(2, 13) == THIN_COLOR and heat.color(0, 0) is None
    best, worse = heat.color(1, 9), heat.color(5, 20)
    assert best is not None and worse is not None and best.lightness() < worse.lightness()
    picture = heat.grab().toImage()
    corner = heat.cell_rect(2, 13).topLeft() + QPointF(3, 3)
    assert picture.pixelColor(corner.toPoint()) == THIN_COLOR
    tip = heat.tooltip_at(heat.cell_rect(2, 13).center())
    assert tip.startswith("Wed 13:00: 2 posts") and "Too few posts" in tip
    assert "Too few" not in heat.tooltip_at(heat.cell_rect(1, 9).center())


def test_every_string_is_in_russian_with_plural_forms(qtbot, ctx):
    from okcomposer.ui.common import i18n

    assert i18n.install("ru") == "ru"
    heat = HeatMap()
    qtbot.addWidget(heat)
    many = heat.describe(Cell(0, 9, posts=5, reach=10, engagement=1))
    one = heat.describe(Cell(0, 9, posts=1, reach=10, engagement=1))
    assert "5 публикаций" in many and "1 публикация" in one


def test_suggested_times_use_the_cached_figures(ctx, sb):
    from okcomposer.app.insights import Insights
    from okcomposer.ui.insights.data import best_slots_of

    Insights(ctx.drafts, ctx.outbox.owner).refresh(demo_client(sb), BAKERY)
    cells = best_slots_of(ctx.drafts, ctx.outbox.owner, BAKERY, MOSCOW, 3)
    assert 1 <= len(cells) <= 3 and all(c.posts >= 3 for c in cells)
    assert [c.rate for c in cells] == sorted((c.rate for c in cells), reverse=True)
    first = (cells[0].weekday, cells[0].hour)
    assert first not in {(c.weekday, c.hour) for c in best_slots_of(ctx.drafts, ctx.outbox.owner, BAKERY,
                                                                      MOSCOW, 3, skip=[first])}  # fmt: skip
    assert best_slots_of(ctx.drafts, "another|1", BAKERY, MOSCOW, 3) == []


@pytest.fixture
def cached(ctx, sb):
    """The bakery's figures in the cache of the signed-in sandbox account."""
    from okcomposer.app.insights import Insights

    sign_in(ctx, sb)
    Insights(ctx.drafts, ctx.outbox.owner).refresh(demo_client(sb), BAKERY)
    return ctx


def test_the_slots_dialog_suggests_the_best_free_times_from_the_figures(qtbot, cached, tmp_path):
    from okcomposer.store.slots import SlotSettings, SlotStore
    from okcomposer.ui.insights.data import best_slots_of
    from okcomposer.ui.schedule.slots_dialog import SUGGESTED, SlotsDialog

    best = best_slots_of(cached.drafts, cached.outbox.owner, BAKERY, MOSCOW, SUGGESTED + 1)
    store = SlotStore(tmp_path / "slots.json")
    settings = SlotSettings()
    settings.set(BAKERY, [(best[0].weekday, best[0].hour, 30)])  # already has the best hour: not again
    store.save(settings)
    dialog = SlotsDialog(cached, {BAKERY: "Sunrise Bakery"}, BAKERY, store)
    dialog.tz = MOSCOW
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isEnabled, timeout=WAIT)
    dialog.suggest_button.click()
    qtbot.waitUntil(lambda: dialog.slots.count() == 1 + SUGGESTED, timeout=WAIT)
    added = {(c.weekday, c.hour, 0) for c in best[1:]}
    assert set(dialog.settings.of(BAKERY)) == {(best[0].weekday, best[0].hour, 30), *added}
    assert dialog.suggest_note.text().startswith("Added from your figures: ")
    dialog.target.setCurrentIndex(dialog.target.findData("me"))
    assert not dialog.suggest_button.isEnabled()  # your page has no figures
    dialog.reject()


def test_next_free_slot_prefers_a_best_time_when_there_are_figures(qtbot, cached, tmp_path):
    from datetime import timedelta

    from okcomposer.app.schedule import Slot, next_free_slot
    from okcomposer.store.slots import SlotSettings, SlotStore
    from okcomposer.ui.insights.data import best_slots_of
    from okcomposer.ui.schedule.slots_dialog import BEST_COUNT, NextSlotButton

    now = datetime(2027, 3, 8, 2, 0, tzinfo=MOSCOW)  # a Monday night: nobody posts at 3 in the sandbox
    best = best_slots_of(cached.drafts, cached.outbox.owner, BAKERY, MOSCOW, BEST_COUNT)
    store = SlotStore(tmp_path / "slots.json")
    chosen: list[datetime] = []
    button = NextSlotButton(cached, lambda: BAKERY, chosen.append, store, tz=MOSCOW)
    qtbot.addWidget(button)
    button.now = lambda: now
    gap = timedelta(hours=1)
    hours = [Slot(c.weekday, c.hour) for c in best]
    with qtbot.waitSignal(button.found, timeout=WAIT):  # no posting slots: the best hours stand in
        button.click()
    assert chosen == [next_free_slot(hours, [], now, MOSCOW, gap)] and "best times" in button.toolTip()
    settings = SlotSettings()
    settings.set(BAKERY, [(0, 3, 0), (best[-1].weekday, best[-1].hour, 0)])  # Monday 03:00 comes first
    store.save(settings)
    with qtbot.waitSignal(button.found, timeout=WAIT):
        button.click()
    assert chosen[-1] == next_free_slot([Slot(best[-1].weekday, best[-1].hour)], [], now, MOSCOW, gap)
    settings.set(BAKERY, [(0, 3, 0)])  # no slot at a best hour: the next one, as before
    store.save(settings)
    with qtbot.waitSignal(button.found, timeout=WAIT):
        button.click()
    assert (
        chosen[-1] == datetime(2027, 3, 8, 3, 0, tzinfo=MOSCOW)
        and button.toolTip() == "Set to the next free slot"
    )
    button.shutdown()


def test_every_column_header_fits_in_russian(qtbot, ctx, sb):
    assert i18n.install("ru") == "ru"
    queue = DraftQueue()
    sign_in(ctx, sb)
    insights = InsightsView(ctx, queue, MOSCOW)
    qtbot.addWidget(insights)
    header = insights.table.horizontalHeader()
    # Each figure's column is at least as wide as its header asks for (font and sort arrow counted).
    for column in range(2, insights.model.columnCount()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), insights.model.headers()[column]
    insights.tasks.stop()
    queue.close()
