"""A draft sent to several targets: its state from each target's newest outbox entry (app.multi_draft)."""

from __future__ import annotations

import pytest

from okcomposer.app.multi_draft import draft_state


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ((), "draft"),
        (("published",), "published"),
        (("published", "scheduled"), "scheduled"),
        (("published", "waiting"), "draft"),  # a page post still waiting on this computer
        (("published", "not_sent"), "draft"),
        (("published", "sending"), "draft"),
        (("published", "failed", "waiting"), "failed"),
        (("failed", "unconfirmed"), "unknown"),
    ],
)
def test_the_draft_is_published_only_once_every_target_is_done(states, expected):
    assert draft_state(states) == expected
