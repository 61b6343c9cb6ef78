"""The target picker against the sandbox: my groups (paged), search, rights, post types and group options."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, QLocale, QTime

from okcomposer.api.credentials import Credentials
from okcomposer.api.topic import MOSCOW, Attachment, Post, TopicType
from okcomposer.app.accounts import Session
from okcomposer.store.drafts import DraftStore
from okcomposer.store.settings import SettingsStore
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.targets.picker import GROUP_TYPES, USER_TYPES, TargetPicker

WAIT = 15_000


@pytest.fixture
def picker(tmp_path, qtbot, sandbox):
    ctx = UiContext(SettingsStore(tmp_path / "settings.json"), DraftStore(tmp_path / "drafts.sqlite3"))
    view = TargetPicker(ctx)
    qtbot.addWidget(view)
    view.page_size = 2  # five groups: three pages of group.getUserGroupsV2
    info = sandbox.info()
    creds = Credentials(info["application_key"], info["access_token"], info["session_secret_key"])
    ctx.set_session(Session(creds, sandbox.base_url), info["user"]["name"], info["user"]["uid"])
    qtbot.waitUntil(lambda: view.targets.count() == 1 + len(info["groups"]), timeout=WAIT)
    yield view
    view.shutdown()
    ctx.drafts.close()


def _group(sandbox, status: str) -> dict:
    return next(g for g in sandbox.info()["groups"] if g["status"] == status)


def _choose(picker: TargetPicker, gid: str) -> None:
    picker.targets.setCurrentItem(picker._item(gid))


def _enabled_types(picker: TargetPicker) -> set[TopicType]:
    model = picker.type.model()
    return {picker.type.itemData(row) for row in range(picker.type.count()) if model.item(row).isEnabled()}


def test_groups_load_on_a_task_through_every_page(picker, sandbox):
    pages = [c for c in sandbox.snapshot()["calls"] if c["method"] == "group.getUserGroupsV2"]
    assert len(pages) == 3
    names = [picker.targets.item(row).text().split("\n")[0] for row in range(picker.targets.count())]
    assert names[0] == "My page" and set(names[1:]) == {g["name"] for g in sandbox.info()["groups"]}
    assert picker.status.text() == "Your groups: 5"


def test_each_group_says_what_i_may_do_there(picker, sandbox):
    admin, member = _group(sandbox, "ADMIN"), _group(sandbox, "ACTIVE")
    assert "on behalf of the group" in picker._item(admin["id"]).text()
    assert "suggest" in picker._item(member["id"]).text()


def test_search_filters_the_groups(picker, sandbox):
    picker.search.setText("bak")
    shown = [
        picker.targets.item(r) for r in range(picker.targets.count()) if not picker.targets.item(r).isHidden()
    ]
    assert [i.text().split("\n")[0] for i in shown] == ["My page", "Sunrise Bakery"]
    picker.search.clear()
    assert not any(picker.targets.item(r).isHidden() for r in range(picker.targets.count()))


def test_only_valid_post_types_are_enabled(qtbot, picker, sandbox):
    assert _enabled_types(picker) == set(USER_TYPES) and picker.current_type() == TopicType.USER
    # My page: only Publish later (kept on this computer); the group topic options are off
    assert picker.schedule.isEnabled() and not picker.on_behalf.isEnabled()
    assert not picker.hidden.isEnabled() and not picker.no_comments.isEnabled()
    with qtbot.waitSignal(picker.changed):
        _choose(picker, _group(sandbox, "ADMIN")["id"])
    assert _enabled_types(picker) == set(GROUP_TYPES) and picker.current_type() == TopicType.GROUP_THEME
    assert picker.group_options.isEnabled() and picker.on_behalf.isEnabled() and picker.schedule.isEnabled()
    _choose(picker, _group(sandbox, "ACTIVE")["id"])
    assert _enabled_types(picker) == {TopicType.GROUP_SUGGESTED}
    assert picker.current_type() == TopicType.GROUP_SUGGESTED
    assert not picker.on_behalf.isEnabled() and not picker.schedule.isEnabled()
    _choose(picker, "")
    assert picker.current_type() == TopicType.USER


def test_group_options_reach_the_post(picker, sandbox):
    gid = _group(sandbox, "ADMIN")["id"]
    _choose(picker, gid)
    for box in (picker.on_behalf, picker.no_comments, picker.hidden, picker.link_preview, picker.schedule):
        box.setChecked(True)
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    picker.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
    post = picker.apply_to(Post(Attachment()))
    assert post.type == TopicType.GROUP_THEME and post.gid == gid
    assert post.hidden_post is True and post.text_link_preview is True
    att = post.attachment
    assert att.on_behalf_of_group is True and att.disable_comments is True
    assert (
        att.scheduled_at() == when
        and att.publish_at is None
        and att.publish_at_ms == int(when.timestamp()) * 1000
    )
    moscow = when.astimezone(MOSCOW)
    local_offset = picker.when.dateTime().offsetFromUtc()
    if local_offset != moscow.utcoffset().total_seconds():
        shown = QLocale().toString(QTime(moscow.hour, moscow.minute), QLocale.FormatType.ShortFormat)
        assert picker.moscow.isVisibleTo(picker) and shown in picker.moscow.text()
    else:
        assert not picker.moscow.isVisibleTo(picker)
    # Back on my page no group key is sent, whatever the boxes say.
    _choose(picker, "")
    mine = picker.apply_to(Post(Attachment()))
    assert mine.gid is None and mine.hidden_post is None
    # Publish later stays ticked: the page time is the draft's (the Post tab leaves it out for OK)
    assert mine.attachment.to_json() == {"media": [], "publishAtMs": picker.page_due_ms()}
    assert mine.text_link_preview is True


def test_moscow_time_shows_when_the_local_zone_differs(qtbot, picker, sandbox, monkeypatch):
    _choose(picker, _group(sandbox, "ADMIN")["id"])
    picker.schedule.setChecked(True)
    monkeypatch.setattr(QDateTime, "offsetFromUtc", lambda self: 0)  # a user in London, say
    picker.publish_time.show_moscow()
    assert picker.moscow.isVisibleTo(picker) and "Moscow time" in picker.moscow.text()


def test_load_from_shows_a_drafts_target_and_options(picker, sandbox):
    gid = _group(sandbox, "ADMIN")["id"]
    when = datetime(2031, 5, 6, 7, 8, tzinfo=UTC)
    att = Attachment(on_behalf_of_group=True, disable_comments=True)
    att.schedule(when)
    picker.load_from(Post(att, type=TopicType.GROUP_THEME_PROMO, gid=gid, hidden_post=True))
    assert picker.target() == gid and picker.current_type() == TopicType.GROUP_THEME_PROMO
    assert picker.scheduled() == when and picker.on_behalf.isChecked() and picker.hidden.isChecked()
    again = picker.apply_to(Post(Attachment()))
    assert again.attachment.publish_at_ms == att.publish_at_ms and again.type == TopicType.GROUP_THEME_PROMO
    picker.load_from(Post(Attachment(), gid="999", type=TopicType.GROUP_THEME))
    assert picker.target() == "999" and "999" in picker.target_name()


def test_an_expired_session_while_loading_asks_to_sign_in(qtbot, picker, sandbox):
    sandbox.expire_session()
    with qtbot.waitSignal(picker.session_expired, timeout=WAIT):
        picker.reload()
    assert "102" in picker.status.text()


def test_publish_later_is_unticked_where_it_is_not_allowed(picker, sandbox):
    _choose(picker, _group(sandbox, "ADMIN")["id"])
    picker.schedule.setChecked(True)
    assert picker.scheduled() is not None
    _choose(picker, _group(sandbox, "ACTIVE")["id"])  # suggest only: OK takes no time for a suggestion
    assert not picker.schedule.isEnabled()
    assert not picker.schedule.isChecked(), "ticked but greyed out reads as if it goes out later"
    assert picker.apply_to(Post(Attachment())).attachment.publish_at_ms is None
