"""Checks shared by the photo grid tests: what the tiles drew is what the model says, and nothing else."""

from __future__ import annotations

from okcomposer.ui.photos.grid import PhotoGrid
from okcomposer.ui.photos.state import ATTENTION, BADGES, status
from okcomposer.ui.photos.tiles import Tile


def expected_tiles(grid: PhotoGrid) -> dict[int, Tile]:
    """Each entry's tile as the model's state says it must look."""
    return {
        e.key: Tile(e.key, e.name, status(e), BADGES[e.state][1], BADGES[e.state][0], e.fixable)
        for e in grid.entries()
    }


def drawn_matches(grid: PhotoGrid) -> bool:
    """The viewport shows just the model's tiles, each in its row's place (none stale, missing or extra)."""
    view, expected = grid.list, expected_tiles(grid)
    places = {}
    for row, entry in enumerate(grid.entries()):
        rect = view.visualRect(view.model().index(row))
        places[(rect.x(), rect.y())] = expected[entry.key]
    return view.delegate.screen == places


def check_agreement(grid: PhotoGrid) -> None:
    """The badge, the tile text, the model row and the summary say the same thing."""
    model = grid.list.model()
    assert model.rowCount() == grid.count() == len(grid.entries())
    for row, entry in enumerate(grid.entries()):
        tile = grid.list.delegate.tile(model.index(row))
        assert tile == expected_tiles(grid)[entry.key]
        assert (tile.mark == "!") == (entry.state in ATTENTION)
    marked = sum(1 for t in expected_tiles(grid).values() if t.mark == "!")
    assert f"{grid.count()} photo" in grid.summary() and f"{marked} need" in grid.summary()
