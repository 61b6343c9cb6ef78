"""Block editors: every kind round-trips to and from the model, and edits land in the right fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from okcomposer.api.blocks import (
    AppRefBlock,
    MovieItem,
    PollBlock,
    PollOption,
    TextBlock,
    TopicReshareBlock,
    parse_block,
)
from okcomposer.limits import Limits
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks import BLOCK_KINDS, EDITORS, editor_for, new_block
from okcomposer.ui.photos import thumbnails

SAMPLES = [
    {"type": "text", "text": "Привет, мир 🍞\nsecond line"},
    {"type": "link", "url": "https://apiok.ru/"},
    {"type": "photo", "list": [{"id": "tok1"}, {"photoId": 1234}, {"file": "/tmp/a.jpg"}]},
    {"type": "movie", "list": [{"id": "movieId1"}, {"id": 77}, {"file": "/tmp/clip.mp4", "title": "Clip"}]},
    {
        "type": "music",
        "list": [{"id": 5, "title": "Song", "artistName": "Artist", "albumName": "Album"}, {"id": "6"}],
    },
    {
        "type": "poll",
        "question": "Is it question?",
        "answers": [{"text": "Yes"}, {"text": "No"}],
        "options": "AnonymousVoting, SingleChoice",
    },
    {
        "type": "app",
        "text": "Text above image",
        "images": [
            {"url": "http://r.mradx.net/img/38/F3C336.jpg", "mark": "prize_1234", "title": "Hover Text!"}
        ],
        "actions": [{"text": "Hello", "mark": "hello"}],
    },
    {"type": "app", "text": ""},
    {
        "type": "app-ref",
        "appId": 12345,
        "text": "Play",
        "imageHD": "https://x/y.png",
        "args": "a=1",
        "snippet": "s",
    },
    {"type": "topic", "topicId": "987", "group": "true"},
    {"type": "topic", "topicId": 55},
    {"type": "movie-reshare", "movieId": 4321},
]


@pytest.fixture
def context(tmp_path, qtbot):
    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    yield ctx
    thumbnails.wait_all()
    ctx.drafts.close()


def _editor(qtbot, block, context):
    editor = editor_for(block, context)
    qtbot.addWidget(editor)
    return editor


@pytest.mark.parametrize("raw", SAMPLES, ids=[f"{s['type']}-{i}" for i, s in enumerate(SAMPLES)])
def test_round_trip_keeps_the_block_exactly(qtbot, context, raw):
    block = parse_block(raw, "media[0]")
    editor = _editor(qtbot, block, context)
    assert editor.block() == block
    assert editor.block().to_json() == raw


def test_every_kind_has_an_editor_and_a_new_block(qtbot, context):
    assert set(EDITORS) == set(BLOCK_KINDS)
    for kind in BLOCK_KINDS:
        editor = _editor(qtbot, new_block(kind), context)
        assert editor.block().TYPE == kind
        assert editor.title()


def test_text_edits_and_counts_characters(qtbot, tmp_path):
    ctx = UiContext(
        SettingsStore(tmp_path / "s.json"), DraftStore(tmp_path / "d.sqlite3"), Limits(text_max_chars=10)
    )
    editor = _editor(qtbot, TextBlock("hi"), ctx)
    changed = []
    editor.changed.connect(lambda: changed.append(1))
    editor.edit.setPlainText("twelve chars")
    assert editor.block().text == "twelve chars"
    assert "12" in editor.count_label.text() and "10" in editor.count_label.text()
    assert "c62828" in editor.count_label.styleSheet()
    assert changed
    editor.edit.setPlainText("😀" * 5)  # 10 UTF-16 units, as OK and the rules count: at the limit
    assert editor.count_label.text().startswith("10 / 10 ") and not editor.count_label.styleSheet()
    editor.edit.setPlainText("😀" * 5 + "a")
    assert editor.count_label.text().startswith("11 / 10 ") and "c62828" in editor.count_label.styleSheet()
    ctx.drafts.close()


def test_poll_answers_and_options(qtbot, context):
    editor = _editor(qtbot, PollBlock("Q?", ["A", "B"], {PollOption.SINGLE_CHOICE}), context)
    editor.answers.add_row()
    editor.answers.edits(2)[0].setText("C")
    editor.answers.remove_row(0)
    editor.options[PollOption.SINGLE_CHOICE].setChecked(False)
    editor.options[PollOption.RESULTS_AFTER_VOTING].setChecked(True)
    editor.question.setText("Which?")
    block = editor.block()
    assert (block.question, block.answers) == ("Which?", ["B", "C"])
    assert block.to_json()["options"] == "ResultsAfterVoting"


def test_poll_options_keep_their_spelling_until_the_set_changes(qtbot, context):
    raw = {"type": "poll", "question": "Q", "answers": [{"text": "a"}], "options": " SingleChoice"}
    editor = _editor(qtbot, parse_block(raw, "m"), context)
    assert editor.block().to_json()["options"] == " SingleChoice"
    editor.options[PollOption.ANONYMOUS_VOTING].setChecked(True)
    assert editor.block().to_json()["options"] == "SingleChoice,AnonymousVoting"


def test_ids_keep_their_json_type_until_edited(qtbot, context):
    editor = _editor(qtbot, AppRefBlock(app_id=42), context)
    assert editor.block().app_id == 42
    editor.app_id.setText("43")
    assert editor.block().app_id == "43"
    editor.app_id.setText("")
    assert editor.block().app_id == ""


def test_movie_rows_add_and_remove(qtbot, context):
    editor = _editor(qtbot, new_block("movie"), context)
    editor.rows.add_button.click()
    editor.rows.edits(0)[0].setText("m1")
    editor.rows.add_button.click()
    editor.rows.edits(1)[0].setText("m2")
    qtbot.mouseClick(editor.rows.add_button, Qt.MouseButton.LeftButton)
    assert [i.id for i in editor.block().items] == ["m1", "m2", None]
    editor.rows.remove_row(2)
    assert editor.block().items == [MovieItem("m1"), MovieItem("m2")]


def test_music_row_edit_keeps_the_other_fields(qtbot, context):
    raw = {"type": "music", "list": [{"id": 5, "title": "Old", "albumName": "LP"}]}
    editor = _editor(qtbot, parse_block(raw, "m"), context)
    editor.rows.edits(0)[1].setText("New")
    editor.rows.edits(0)[2].setText("Band")
    assert editor.block().to_json() == {
        "type": "music",
        "list": [{"id": 5, "title": "New", "artistName": "Band", "albumName": "LP"}],
    }


def test_app_block_fields(qtbot, context):
    editor = _editor(qtbot, new_block("app"), context)
    editor.text.setText("Play now")
    editor.image_url.setText("https://img/1.png")
    editor.action_text.setText("Go")
    editor.action_mark.setText("go")
    assert editor.block().to_json() == {
        "type": "app",
        "text": "Play now",
        "images": [{"url": "https://img/1.png"}],
        "actions": [{"text": "Go", "mark": "go"}],
    }


def test_topic_group_stays_unset_until_the_user_decides(qtbot, context):
    editor = _editor(qtbot, TopicReshareBlock("1"), context)
    assert editor.block().group is None
    editor.group.setChecked(True)
    assert editor.block().group is True
    editor.group.setChecked(False)
    assert editor.block().group is False
