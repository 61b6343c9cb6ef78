"""The sandbox's read-only pages of what it stored (sandbox/pages.py), over HTTP, everything escaped."""

from __future__ import annotations

import requests
from support.sandbox_client import admin_group, demo_client

from okcomposer.api.topic import Post
from okcomposer.app.publish import publish

NASTY = "<script>alert('x')</script> & \"quotes\""


def test_the_index_lists_topics_and_the_topic_page_shows_one_escaped(sandbox):
    gid = admin_group(sandbox)
    post = Post.from_draft(
        {
            "type": "GROUP_THEME",
            "gid": gid,
            "attachment": {
                "media": [
                    {"type": "text", "text": NASTY},
                    {
                        "type": "poll",
                        "question": "<b>Which?</b>",
                        "answers": [{"text": "<i>A</i>"}, {"text": "B"}],
                    },
                ]
            },
        }
    )
    client = demo_client(sandbox)
    done = publish(client, post)
    client.close()
    assert done.url == f"{sandbox.base_url}/sandbox/topic/{done.topic_id}"  # not an ok.ru address
    index = requests.get(f"{sandbox.base_url}/sandbox/", timeout=10)
    assert index.status_code == 200 and index.headers["Content-Type"].startswith("text/html")
    assert f'href="/sandbox/topic/{done.topic_id}"' in index.text and "Sunrise Bakery" in index.text
    assert "<script>" not in index.text and "&lt;script&gt;" in index.text
    page = requests.get(done.url, timeout=10)
    assert page.status_code == 200 and "GROUP_THEME" in page.text
    assert "<script>" not in page.text and "<b>Which" not in page.text and "<i>A" not in page.text
    assert "&lt;b&gt;Which?&lt;/b&gt;" in page.text and "&lt;i&gt;A&lt;/i&gt;" in page.text


def test_an_unknown_topic_is_404_and_an_empty_sandbox_says_so(sandbox):
    missing = requests.get(f"{sandbox.base_url}/sandbox/topic/<img%20src=x>", timeout=10)
    assert missing.status_code == 404 and "<img" not in missing.text
    empty = requests.get(f"{sandbox.base_url}/sandbox/", timeout=10)
    assert "No topics yet." in empty.text and sandbox.base_url in empty.text
    seeded = requests.get(f"{sandbox.base_url}/sandbox/topic/10240965345470", timeout=10)
    assert seeded.status_code == 200 and "demo world" in seeded.text
