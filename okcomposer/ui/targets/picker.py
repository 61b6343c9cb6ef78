"""Where and how to post: my page or one of my groups, the topic type, and the group topic options."""

from __future__ import annotations

from contextlib import closing
from datetime import datetime
from typing import cast

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from okcomposer.api.errors import OkApiError
from okcomposer.api.methods import Membership
from okcomposer.api.topic import Post, TopicType, datetime_to_ms
from okcomposer.app.groups import load_groups
from okcomposer.ui.common import theme
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.common.i18n import error_text
from okcomposer.ui.common.tasks import TaskGroup
from okcomposer.ui.targets.publish_time import PublishTime

ME = ""  # the target id of "My page"; groups use their gid
USER_TYPES = (TopicType.USER, TopicType.USER_STATUS, TopicType.USER_NOTE)
GROUP_TYPES = (TopicType.GROUP_THEME, TopicType.GROUP_THEME_PROMO, TopicType.GROUP_SUGGESTED)
GID_ROLE = Qt.ItemDataRole.UserRole


class TargetList(QListWidget):
    """The places, four rows high at least, growing with the window from there.

    Its size hint is that minimum: QListWidget's own (190 px) would make the column scroll at 640 px. An
    Ignored vertical policy did that too, but counted as 0 px in the column's height for its width, so
    the scroll area gave the column too little and squeezed the topic options until they overlapped."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(120)
        policy = self.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Expanding)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class TargetPicker(QWidget):
    changed = Signal()
    """The user changed the target, the topic type or an option."""
    session_expired = Signal()
    """Loading the groups failed with OK's error 102."""

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.tasks = TaskGroup(self)
        self.memberships: dict[str, Membership | None] = {}
        self.pictures: dict[str, str] = {}  # a group's id -> its picture's address (group.getInfo)
        self._load_id = 0  # only the newest load's answer counts
        self.page_size = 100  # groups per group.getUserGroupsV2 page
        self.search = QLineEdit(placeholderText=self.tr("Search groups"), clearButtonEnabled=True)
        self.targets = TargetList()
        self.targets.setWordWrap(True)
        self.targets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel(wordWrap=True)
        self.type = QComboBox()
        for kind, label in self._type_names().items():
            self.type.addItem(label, kind)
        self.publish_time = PublishTime()
        self.schedule, self.when = self.publish_time.schedule, self.publish_time.when
        self.moscow = self.publish_time.moscow
        self.on_behalf = QCheckBox(self.tr("On behalf of the group"))
        self.no_comments = QCheckBox(self.tr("Turn off comments"))
        self.hidden = QCheckBox(self.tr("Hidden topic"))
        self.link_preview = QCheckBox(self.tr("Preview the link in the text"))
        self.group_options = QGroupBox(self.tr("Topic options"))
        self._layout()
        self._add_target(ME, self.tr("My page"), self.tr("Your feed, status or a note"), True)
        self.targets.setCurrentRow(0)
        self.search.textChanged.connect(self.on_search_textChanged)
        self.targets.currentItemChanged.connect(lambda *_: self._target_changed())
        self.type.currentIndexChanged.connect(lambda _i: self._sync_and_emit())
        self.when.dateTimeChanged.connect(lambda _d: self._sync_and_emit())
        for box in (self.schedule, self.on_behalf, self.no_comments, self.hidden, self.link_preview):
            box.toggled.connect(lambda _on: self._sync_and_emit())
        context.session_changed.connect(self.reload)
        self._sync()

    def _type_names(self) -> dict[TopicType, str]:
        return {
            TopicType.USER: self.tr("Feed post"),
            TopicType.USER_STATUS: self.tr("Status"),
            TopicType.USER_NOTE: self.tr("Note"),
            TopicType.GROUP_THEME: self.tr("Group topic"),
            TopicType.GROUP_THEME_PROMO: self.tr("Promo topic"),
            TopicType.GROUP_SUGGESTED: self.tr("Suggested topic"),
        }

    def _layout(self) -> None:
        """A column that wraps rather than scrolls sideways: the list takes what height there is, the
        post type's label goes above its box when the column is narrow, the time field wraps."""
        options = QVBoxLayout(self.group_options)
        options.addWidget(self.publish_time)
        for box in (self.on_behalf, self.no_comments, self.hidden):
            options.addWidget(box)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Post type"), self.type)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Post to"))
        title.setStyleSheet("font-weight: bold")
        title.setBuddy(self.search)
        self.targets.setAccessibleName(self.tr("Post to"))
        self.type.setAccessibleName(self.tr("Post type"))
        for widget in (title, self.search, self.targets, self.status):
            layout.addWidget(widget, 1 if widget is self.targets else 0)
        layout.addLayout(form)
        layout.addWidget(self.group_options)
        layout.addWidget(self.link_preview)

    # --- groups ------------------------------------------------------------------------------------
    def _add_target(self, gid: str, name: str, note: str, known: bool) -> QListWidgetItem:
        item = QListWidgetItem(theme.initials_icon(name, 28), f"{name}\n{note}")
        item.setData(GID_ROLE, gid)
        item.setToolTip(note)
        if not known:  # a group from a draft that is not (yet) among my groups
            item.setForeground(self.palette().placeholderText())
        self.targets.addItem(item)
        return item

    def _item(self, gid: str) -> QListWidgetItem | None:
        for row in range(self.targets.count()):
            if self.targets.item(row).data(GID_ROLE) == gid:
                return self.targets.item(row)
        return None

    def _note(self, membership) -> str:
        if membership is None:
            return self.tr("Your role here is unknown")
        if membership.can_post_as_group:
            return self.tr("You may post here, also on behalf of the group")
        if membership.can_suggest:
            return self.tr("You may suggest topics")
        return self.tr("You may not post here")

    def reload(self) -> None:
        """Load my groups in the background (after signing in or switching accounts)."""
        session = self.context.session
        if session is None:
            self._groups_loaded([])
            self.status.setText(self.tr("Sign in to post in your groups."))
            return
        if self.tasks.stopping:
            return
        self.status.setText(self.tr("Loading your groups…"))
        uid = self.context.uid or (session.account.uid if session.account else "")
        self._load_id += 1
        load_id, page_size = self._load_id, self.page_size

        def loaded(found: list) -> None:
            if load_id == self._load_id:  # else a newer load has started
                self._groups_loaded(found)

        client = self.context.client()  # handed out here, used and closed on the Task

        def work(report, cancel) -> list:
            with closing(client):
                return load_groups(client, uid, report, cancel, page_size)[1]

        self.tasks.run(
            work,
            succeeded=loaded,
            failed=self._groups_failed,
            progress=lambda p: self.status.setText(
                self.tr("Loading your groups… {done} of {count}").format(
                    done=QLocale().toString(p[0]), count=QLocale().toString(p[1])
                )
            ),
            name="okc-groups",
        )

    def _groups_loaded(self, found: list) -> None:
        current = self.target()
        self.targets.blockSignals(True)
        while self.targets.count() > 1:
            self.targets.takeItem(1)
        self.memberships = {group.uid: membership for group, membership in found}
        self.pictures = {group.uid: group.pic_url for group, _ in found if group.pic_url}
        for group, membership in found:
            self._add_target(group.uid, group.name, self._note(membership), True)
        if current and self._item(current) is None:
            self._add_target(current, self.tr("Group {gid}").format(gid=current), self._note(None), False)
        self.targets.setCurrentItem(self._item(current) or self.targets.item(0))
        self.targets.blockSignals(False)
        self.status.setText(self.tr("Your groups: {count}").format(count=QLocale().toString(len(found))))
        self.on_search_textChanged(self.search.text())
        self._sync()

    def _groups_failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("Your groups could not be loaded.") + "\n" + error_text(exc))
        if isinstance(exc, OkApiError) and exc.code == 102:
            self.session_expired.emit()

    def on_search_textChanged(self, text: str) -> None:
        needle = text.strip().casefold()
        for row in range(1, self.targets.count()):
            item = self.targets.item(row)
            item.setHidden(bool(needle) and needle not in item.text().split("\n")[0].casefold())

    # --- state -------------------------------------------------------------------------------------
    def target(self) -> str:
        """ME or the chosen group's id."""
        item = self.targets.currentItem()
        return item.data(GID_ROLE) if item is not None else ME

    def target_name(self) -> str:
        item = self.targets.currentItem()
        return item.text().split("\n")[0] if item is not None else self.tr("My page")

    def target_picture(self) -> str:
        """The address of the chosen group's picture ("" for My page or when unknown)."""
        return self.pictures.get(self.target(), "")

    def allowed_types(self) -> tuple[TopicType, ...]:
        gid = self.target()
        if gid == ME:
            return USER_TYPES
        membership = self.memberships.get(gid)
        if membership is None or membership.can_post_as_group:
            return GROUP_TYPES
        return (TopicType.GROUP_SUGGESTED,) if membership.can_suggest else ()

    def current_type(self) -> TopicType:
        return self.type.currentData()

    def _target_changed(self) -> None:
        allowed = self.allowed_types()
        if allowed and self.current_type() not in allowed:
            self.type.setCurrentIndex(self.type.findData(allowed[0]))
        self._sync_and_emit()

    def _sync(self) -> None:
        allowed = self.allowed_types()
        model = cast(QStandardItemModel, self.type.model())  # a QComboBox's own model
        for row in range(self.type.count()):
            model.item(row).setEnabled(self.type.itemData(row) in allowed)
        kind = self.current_type()
        group = kind.is_group and self.target() != ME
        page = self.target() == ME and not kind.is_group
        membership = self.memberships.get(self.target())
        self.group_options.setEnabled(group or page)
        self.publish_time.set_allowed((group and kind.can_schedule) or page, on_page=page)
        as_group = membership is None or membership.can_post_as_group
        self.on_behalf.setEnabled(group and as_group and kind != TopicType.GROUP_SUGGESTED)
        self.no_comments.setEnabled(group)
        self.hidden.setEnabled(group)

    def _sync_and_emit(self) -> None:
        self._sync()
        self.changed.emit()

    def scheduled(self) -> datetime | None:
        """The time OK publishes a group topic at (UTC), or None: at once, or my page (see page_due_ms)."""
        return None if self.publish_time.on_page else self.publish_time.scheduled()

    def page_due_ms(self) -> int | None:
        """When a post for my page is to go out (ms since the epoch; Outbox.queue keeps it on this computer
        until then), or None: at once, or not my page."""
        when = self.publish_time.scheduled() if self.publish_time.on_page else None
        return datetime_to_ms(when) if when is not None else None

    def apply_to(self, post: Post) -> Post:
        """Set the type, group and options on a post built from the composer's attachment; a post for my page
        later gets its time too, as a draft keeps it (the Post tab leaves it out for OK: see page_due_ms)."""
        kind = self.current_type()
        group = kind.is_group and self.target() != ME
        post.type = kind
        post.gid = self.target() if group else None
        post.hidden_post = True if group and self.hidden.isChecked() else None
        post.text_link_preview = True if self.link_preview.isChecked() else None
        attachment = post.attachment
        attachment.on_behalf_of_group = (
            True if self.on_behalf.isEnabled() and self.on_behalf.isChecked() else None
        )
        attachment.disable_comments = True if group and self.no_comments.isChecked() else None
        attachment.schedule(self.publish_time.scheduled())
        return post

    def load_from(self, post: Post) -> None:
        """Show a post's target and options (a draft being opened); does not emit `changed`."""
        widgets = (
            self.targets,
            self.type,
            self.when,
            self.schedule,
            self.on_behalf,
            self.no_comments,
            self.hidden,
            self.link_preview,
        )
        for widget in widgets:
            widget.blockSignals(True)
        gid = post.gid or ME
        item = self._item(gid) or self._add_target(
            gid, self.tr("Group {gid}").format(gid=gid), self._note(None), False
        )
        self.targets.setCurrentItem(item)
        self.type.setCurrentIndex(max(0, self.type.findData(post.effective_type)))
        attachment = post.attachment
        try:
            when = attachment.scheduled_at()
        except ValueError:
            when = None
        self.publish_time.set_when(when)
        self.on_behalf.setChecked(bool(attachment.on_behalf_of_group))
        self.no_comments.setChecked(bool(attachment.disable_comments))
        self.hidden.setChecked(bool(post.hidden_post))
        self.link_preview.setChecked(bool(post.text_link_preview))
        for widget in widgets:
            widget.blockSignals(False)
        self._sync()

    def shutdown(self) -> None:
        self.tasks.stop()
