"""The poll block editor: question, answers with add and remove, and OK's three poll options."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from okcomposer.api.blocks import PollBlock, PollOption
from okcomposer.api.rules import Problem
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose import spell_check
from okcomposer.ui.compose.blocks.base import BlockEditor, keep
from okcomposer.ui.compose.blocks.rows import RowList
from okcomposer.ui.compose.emoji_picker import EmojiButton
from okcomposer.ui.compose.spell_check import SpellService


class PollEditor(BlockEditor[PollBlock]):
    KIND = "poll"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = PollBlock()
        self.question = QLineEdit(self)
        self.question.textChanged.connect(self.changed)
        self.question.setMaxLength(max(context.limits.poll_question_max_chars * 4, 1000))
        self.emoji = EmojiButton(context, self, lambda: self.question)
        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        row.addWidget(self.emoji)
        self.form.addRow(self.tr("Question"), row)
        self.spelling: SpellService | None = None
        self.answers = RowList([self.tr("Answer")], self.tr("Add answer"), self)
        self.answers.changed.connect(self.changed)
        self.answers.edit_added.connect(lambda edit: spell_check.attach(edit, self.spelling))
        self.form.addRow(self.tr("Answers"), self.answers)
        self.options = {
            PollOption.SINGLE_CHOICE: self.check(self.tr("Only one answer can be chosen")),
            PollOption.ANONYMOUS_VOTING: self.check(self.tr("Anonymous voting")),
            PollOption.RESULTS_AFTER_VOTING: self.check(self.tr("Show results only after voting")),
        }

    def use_spelling(self, service: SpellService) -> None:
        self.spelling = service
        for field in [
            self.question,
            *(e for i in range(self.answers.count()) for e in self.answers.edits(i)),
        ]:
            spell_check.attach(field, service)

    def block(self) -> PollBlock:
        block = keep(self._orig)
        block.question = self.question.text()
        block.answers = [values[0] for values, _ in self.answers.rows()]
        block.options = {option for option, box in self.options.items() if box.isChecked()}
        block.options_raw = self._orig.options_raw  # unknown option names survive while the set is unchanged
        return block

    def field_for(self, problem: Problem) -> QWidget | None:
        """The question, the answer a problem names ("answer 2 is empty"), or Add answer."""
        if problem.rule.startswith("poll.question"):
            return self.question
        item = problem.params.get("item")
        if isinstance(item, int) and 1 <= item <= self.answers.count():
            return self.answers.edits(item - 1)[0]
        return self.answers.add_button if problem.rule == "poll.too_few_answers" else None

    def set_block(self, block: PollBlock) -> None:
        self._orig = keep(block)
        self.question.setText(block.question)
        self.answers.set_rows([([answer], None) for answer in block.answers])
        for option, box in self.options.items():
            box.setChecked(option in block.options)
