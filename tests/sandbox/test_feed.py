"""mediatopic.getTopics in the sandbox: newest first, per group or user, delayed topics hidden until due."""

from __future__ import annotations

import time

from support.sandbox_client import admin_group, demo_client

from okcomposer.api import methods
from okcomposer.api.topic import Post


def test_latest_topics_of_a_group_and_of_the_user(sandbox):
    client = demo_client(sandbox)
    gid = admin_group(sandbox)

    def post(text, **extra):
        draft = {
            "attachment": {"media": [{"type": "text", "text": text}], **extra.pop("attachment", {})},
            **extra,
        }
        return methods.post_topic(client, Post.from_draft(draft))

    first = post("one", type="GROUP_THEME", gid=gid)
    second = post("two", type="GROUP_THEME", gid=gid)
    later = int(time.time() * 1000) + 3_600_000
    post("scheduled", type="GROUP_THEME", gid=gid, attachment={"publishAtMs": later})
    mine = post("mine")
    group_topics = methods.get_topics(client, gid=gid)
    assert [t.id for t in group_topics] == [second, first]
    assert group_topics[0].media == [{"type": "text", "text": "two"}]
    assert [t.id for t in methods.get_topics(client)] == [mine]
    assert [t.id for t in methods.get_topics(client, gid=gid, count=1)] == [second]
