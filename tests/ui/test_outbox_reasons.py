"""Why an outbox entry was not sent, in the window's language, whichever run recorded it: the reason is kept
as a code (store migration 6 gave earlier releases' English notes theirs), not as an English sentence."""

from __future__ import annotations

import json
import sqlite3

import pytest

from okcomposer.api.errors import OkNetworkError
from okcomposer.store import drafts_schema
from okcomposer.store.drafts import DraftStore
from okcomposer.store.outbox import NOT_SENT, SENDING, OutboxStore


@pytest.fixture
def russian(qapp):
    from okcomposer.ui.common import i18n

    assert i18n.install("ru") == "ru"
    yield
    i18n.install("")


def test_a_reason_recorded_by_another_run_reads_in_russian(tmp_path, russian):
    from okcomposer.app.outcomes import failure_outcome
    from okcomposer.ui.common.outbox_words import detail_text

    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    box = OutboxStore(store)
    entry = box.add(kind="post", target="me", fingerprint="f", request={}, state=SENDING)
    state, code, reason = failure_outcome(OkNetworkError("reset by peer"), posting=False, kind="post")
    box.finish(
        entry.id, state, code=code, detail=str(reason), reason={"code": reason.code, "params": reason.params}
    )
    stopped = box.add(kind="post", target="me", fingerprint="g", request={}, state=SENDING)
    box.finish(stopped.id, NOT_SENT, detail="x", reason={"code": "outbox.stopped", "params": {}})
    store.close()
    again = OutboxStore(DraftStore(path))  # a later run: no exception in memory, only what was stored
    text = detail_text(again.get(entry.id))
    assert text.startswith("Не отправлено: связь с ОК прервалась") and "reset by peer" in text
    assert detail_text(again.get(stopped.id)) == "Не отправлено: okcomposer остановился, не успев отправить"


def test_an_earlier_release_note_gets_its_code_and_reads_in_russian(tmp_path, russian):
    from okcomposer.ui.common.outbox_words import detail_text

    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    box = OutboxStore(store)
    notes = {
        "okcomposer stopped before sending it": "okcomposer остановился, не успев отправить",
        "the post could not be read back: bad key": "публикацию не удалось прочитать: bad key",
        "some library's own words": "some library's own words",  # not a note of ours: kept as written
    }
    ids = {}
    for note in notes:
        ids[note] = box.add(kind="post", target="me", fingerprint=note, request={}, state=SENDING).id
        box.finish(ids[note], NOT_SENT, detail=note)
    store.close()
    db = sqlite3.connect(path)  # as an earlier release left it: no reasons, schema version 5
    db.execute("UPDATE outbox SET reason=NULL")
    db.execute("PRAGMA user_version=5")
    db.commit()
    db.close()
    again = OutboxStore(DraftStore(path))
    for note, words in notes.items():
        assert detail_text(again.get(ids[note])) == f"Не отправлено: {words}"
    assert drafts_schema.legacy_reason("not found when looked for") == {
        "code": "outbox.not_listed",
        "params": {},
    }
    entry = again.get(ids["okcomposer stopped before sending it"])
    assert entry is not None and json.loads(json.dumps(entry.reason)) == {
        "code": "outbox.stopped",
        "params": {},
    }
