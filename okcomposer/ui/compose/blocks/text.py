"""The text block editor: a plain text field with a live character count against OK's limit."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from okcomposer.api.blocks import TextBlock
from okcomposer.api.okrules import utf16_len
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose import spell_check
from okcomposer.ui.compose.blocks.base import BlockEditor, keep
from okcomposer.ui.compose.emoji_picker import EmojiButton
from okcomposer.ui.compose.spell_check import SpellService

MIN_LINES, MAX_LINES = 5, 18


class TextEditor(BlockEditor[TextBlock]):
    KIND = "text"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = TextBlock()
        self.edit = self.area(None, self.tr("Write your post…"))
        self.count_label = QLabel(self)
        self.emoji = EmojiButton(context, self, lambda: self.edit)
        row = QHBoxLayout()
        row.addWidget(self.count_label, 1)
        row.addWidget(self.emoji)
        self.form.addRow(row)
        self.spelling_notice = QLabel(self, wordWrap=True)
        self.spelling_notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.spelling_notice.hide()
        self.form.addRow(self.spelling_notice)
        self.edit.textChanged.connect(self._update_count)
        self.edit.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._update_count()
        self._fit_height()

    def _fit_height(self, *_args) -> None:
        """The field grows with the text (MIN_LINES to MAX_LINES lines, then it scrolls)."""
        lines = int(self.edit.document().size().height())  # a plain text layout counts wrapped lines
        shown = max(MIN_LINES, min(MAX_LINES, lines))
        margins = self.edit.contentsMargins()
        extra = margins.top() + margins.bottom() + 2 * self.edit.document().documentMargin()
        self.edit.setFixedHeight(int(shown * self.edit.fontMetrics().lineSpacing() + extra) + 2)

    def _update_count(self) -> None:
        # Counted as OK counts (UTF-16 units, the rules' one function), so the counter and the rule agree.
        count, limit = utf16_len(self.edit.toPlainText()), self.context.limits.text_max_chars
        locale = QLocale()  # 100 000 in Russian, 100,000 in English
        self.count_label.setText(
            self.tr("{0} / {1} characters (an emoji counts as 2)").format(
                locale.toString(count), locale.toString(limit)
            )
        )
        self.count_label.setStyleSheet("color: #c62828;" if count > limit else "")

    def use_spelling(self, service: SpellService) -> None:
        spell_check.attach(self.edit, service)
        service.ready.connect(lambda: self._tell_about_dictionaries(service))
        self._tell_about_dictionaries(service)

    def _tell_about_dictionaries(self, service: SpellService) -> None:
        """Where a dictionary is missing, say how to get one: once (the settings remember it was said)."""
        notice = service.notice()
        if notice and not self.context.settings.spelling_notice_seen:
            self.spelling_notice.setText(notice)
            self.spelling_notice.show()
            self.context.remember(spelling_notice_seen=True)

    def block(self) -> TextBlock:
        block = keep(self._orig)
        block.text = self.edit.toPlainText()
        return block

    def set_block(self, block: TextBlock) -> None:
        self._orig = keep(block)
        self.edit.setPlainText(block.text)
