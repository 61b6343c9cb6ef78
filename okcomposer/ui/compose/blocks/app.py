"""The game (app) block editor: text, one image (url, title, mark) and one action (text, mark)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from okcomposer.api.blocks import AppAction, AppBlock, AppImage
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.base import BlockEditor, keep, opt_text


class AppEditor(BlockEditor[AppBlock]):
    KIND = "app"

    def __init__(self, context: UiContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._orig = AppBlock()
        self.text = self.line(self.tr("Text above the image"))
        w, h = context.limits.app_image_size
        self.image_url = self.line(self.tr("Image address"), self.tr("https://… ({0}×{1})").format(w, h))
        self.image_title = self.line(self.tr("Image hover text"))
        self.image_mark = self.line(self.tr("Image mark"))
        self.action_text = self.line(self.tr("Button text"))
        self.action_mark = self.line(self.tr("Button mark"))

    def block(self) -> AppBlock:
        block = keep(self._orig)
        block.text = opt_text(self.text.text(), block.text)
        block.images = _first_replaced(block.images, self._image)
        block.actions = _first_replaced(block.actions, self._action)
        return block

    def _image(self, old: AppImage | None) -> AppImage | None:
        image = keep(old) if old is not None else AppImage()
        image.url = opt_text(self.image_url.text(), image.url)
        image.title = opt_text(self.image_title.text(), image.title)
        image.mark = opt_text(self.image_mark.text(), image.mark)
        return image if old is not None or image.to_json() else None

    def _action(self, old: AppAction | None) -> AppAction | None:
        action = keep(old) if old is not None else AppAction()
        action.text = opt_text(self.action_text.text(), action.text)
        action.mark = opt_text(self.action_mark.text(), action.mark)
        return action if old is not None or action.to_json() else None

    def set_block(self, block: AppBlock) -> None:
        self._orig = keep(block)
        image = block.images[0] if block.images else AppImage()
        action = block.actions[0] if block.actions else AppAction()
        self.text.setText(block.text or "")
        self.image_url.setText(image.url or "")
        self.image_title.setText(image.title or "")
        self.image_mark.setText(image.mark or "")
        self.action_text.setText(action.text or "")
        self.action_mark.setText(action.mark or "")


def _first_replaced(items, make):
    """The list with its first element edited (further ones, which OK refuses, are kept for the rules)."""
    first = make(items[0] if items else None)
    if first is None:
        return items
    return [first, *(items[1:] if items else [])]
