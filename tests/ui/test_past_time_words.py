"""A publishing time in the past is refused in the user's own date and time format and zone, the way the date
field writes it ("12/1/2026 1:00 AM UTC", "01.12.2026 01:00 UTC"), never OK's "2026-12-01 01:00 UTC"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, QLocale
from ui.window_helpers import WAIT, type_text

from okcomposer.api.okrules import show_time
from okcomposer.ui.common.date_field import typing_format, zone_label
from okcomposer.ui.common.times import to_qdatetime

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(params=["en", "ru"])
def language(request, qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install(request.param) == request.param
    yield request.param
    i18n.install("")


def test_a_past_time_is_refused_in_the_fields_own_words(qtbot, ctx, open_window, sandbox, language):
    window = open_window(ctx, sandbox)
    qtbot.waitUntil(lambda: window.target.targets.count() > 1, timeout=WAIT)
    target = window.target
    target.targets.setCurrentItem(target._item("70000001000101"))  # Sunrise Bakery
    type_text(qtbot, window, "Too late for the bakery")
    when = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)
    target.schedule.setChecked(True)
    target.when.setDateTime(to_qdatetime(when))
    window.validate_now()
    text = window.compose_tab.problems.text()
    shown = QDateTime.fromMSecsSinceEpoch(int(when.timestamp() * 1000))
    field = target.when.text()  # what the user sees in the date field
    assert field == QLocale().toString(shown, typing_format())
    assert f"{field} {zone_label()}" in text, text
    assert show_time(when) not in text and not window.publish_panel.publish_button.isEnabled()
