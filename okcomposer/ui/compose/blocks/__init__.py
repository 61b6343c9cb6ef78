"""Block editors, one module per block type, and the registry that picks the editor for a block."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from okcomposer.api.blocks import (
    AppBlock,
    AppRefBlock,
    Block,
    LinkBlock,
    MovieBlock,
    MovieReshareBlock,
    MusicBlock,
    PhotoBlock,
    PollBlock,
    TextBlock,
    TopicReshareBlock,
)
from okcomposer.ui.common.context import UiContext
from okcomposer.ui.compose.blocks.app import AppEditor
from okcomposer.ui.compose.blocks.app_ref import AppRefEditor
from okcomposer.ui.compose.blocks.base import BlockEditor, kind_title
from okcomposer.ui.compose.blocks.link import LinkEditor
from okcomposer.ui.compose.blocks.movie import MovieEditor
from okcomposer.ui.compose.blocks.music import MusicEditor
from okcomposer.ui.compose.blocks.photo import PhotoEditor
from okcomposer.ui.compose.blocks.poll import PollEditor
from okcomposer.ui.compose.blocks.reshare import MovieReshareEditor, TopicReshareEditor
from okcomposer.ui.compose.blocks.text import TextEditor

BLOCK_KINDS = ("text", "link", "photo", "movie", "music", "poll", "app", "app-ref", "topic", "movie-reshare")

EDITORS: dict[str, type[BlockEditor[Any]]] = {
    cls.KIND: cls
    for cls in (
        TextEditor,
        LinkEditor,
        PhotoEditor,
        MovieEditor,
        MusicEditor,
        PollEditor,
        AppEditor,
        AppRefEditor,
        TopicReshareEditor,
        MovieReshareEditor,
    )
}


def new_block(kind: str) -> Block:
    """The block a user gets from "Add block": empty, but shaped so the editor has something to fill."""
    factories: dict[str, Callable[[], Block]] = {
        "text": TextBlock,
        "link": LinkBlock,
        "photo": PhotoBlock,
        "movie": MovieBlock,
        "music": MusicBlock,
        "poll": lambda: PollBlock(answers=["", ""]),  # the fewest answers OK accepts
        "app": AppBlock,
        "app-ref": AppRefBlock,
        "topic": lambda: TopicReshareBlock(group=False),
        "movie-reshare": MovieReshareBlock,
    }
    if kind not in factories:
        raise ValueError(f"unknown block kind {kind!r}; one of {', '.join(BLOCK_KINDS)}")
    return factories[kind]()


def editor_for(block: Block, context: UiContext) -> BlockEditor[Any]:
    """A new editor showing `block`."""
    editor = EDITORS[block.TYPE](context)
    editor.set_block(block)
    return editor


__all__ = ["BLOCK_KINDS", "EDITORS", "BlockEditor", "editor_for", "kind_title", "new_block"]
