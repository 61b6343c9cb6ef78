"""Counts follow the UI locale: 100 000 in Russian (no-break space between thousands), 100,000 in English."""

from __future__ import annotations

import pytest

from okcomposer.api.rules import problem
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common import i18n
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.text import TextEditor
from okcomposer.ui.photos.moments_view import MomentsView

MB = 1024 * 1024


@pytest.fixture(params=[("ru", "100\xa0000", "1\xa0200", "2,5"), ("en", "100,000", "1,200", "2.5")])
def language(request, qapp):
    name, *expected = request.param
    assert i18n.install(name) == name
    yield expected
    i18n.install("")


@pytest.fixture
def ctx(tmp_path):
    context = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    yield context
    context.drafts.close()


def test_the_character_count(qtbot, ctx, language):
    limit, _, _ = language
    editor = TextEditor(ctx)
    qtbot.addWidget(editor)
    assert editor.count_label.text().startswith(f"0 / {limit} ")


def test_the_numbers_in_rule_messages(qtbot, language):
    limit, excess, _ = language
    text = i18n.problem_text(problem("post.text_too_long", count=101_200, max=100_000, excess=1_200))
    assert limit in text and excess in text


def test_the_moments_progress(qtbot, ctx, language):
    _, many, size = language
    view = MomentsView(ctx)
    qtbot.addWidget(view)
    view._on_progress((int(2.5 * MB), 10 * MB, 1200, 1500))
    assert many in view.progress.format() and size in view.progress.format()
