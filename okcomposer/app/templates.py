"""Snippets (a signature, hashtags, a text, a standard poll) and whole-post templates: save, insert, reuse."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from okcomposer.api.blocks import PhotoBlock, PollBlock, TextBlock, parse_block
from okcomposer.api.topic import Post
from okcomposer.store.templates import Template, TemplateStore

_NOT_TAG = re.compile(r"[^\w]+")
_TAG_IN_TEXT = re.compile(r"#(\w+)")


def normalize_tags(tags: Iterable[str]) -> list[str]:
    """ "#Summer sale", "summer_sale", "news" -> ["#Summer_sale", "#news"]: one "#", no repeats."""
    seen, out = set(), []
    for tag in tags:
        word = _NOT_TAG.sub("_", tag.strip().lstrip("#").strip()).strip("_")
        if word and word.casefold() not in seen:
            seen.add(word.casefold())
            out.append("#" + word)
    return out


def save_signature(store: TemplateStore, name: str, text: str, template_id: str | None = None) -> str:
    if not text.strip():
        raise ValueError("the signature is empty")
    return store.save("signature", name, {"text": text.strip()}, template_id)


def save_text(store: TemplateStore, name: str, text: str, template_id: str | None = None) -> str:
    if not text.strip():
        raise ValueError("the snippet is empty")
    return store.save("text", name, {"text": text}, template_id)


def save_hashtags(
    store: TemplateStore, name: str, tags: Iterable[str], template_id: str | None = None
) -> str:
    normalized = normalize_tags(tags)
    if not normalized:
        raise ValueError("no hashtags to save")
    return store.save("hashtags", name, {"tags": normalized}, template_id)


def save_poll(store: TemplateStore, name: str, poll: PollBlock, template_id: str | None = None) -> str:
    return store.save("poll", name, poll.to_json(), template_id)


def save_post_template(store: TemplateStore, name: str, post: Post, template_id: str | None = None) -> str:
    """A whole post as a template, without what cannot be reused: its time and single-use upload tokens."""
    kept = copy.deepcopy(post)
    kept.attachment.schedule(None)
    for block in kept.attachment.media:
        if isinstance(block, PhotoBlock):
            block.items = [item for item in block.items if item.token is None]
    kept.attachment.media = [
        b for b in kept.attachment.media if not (isinstance(b, PhotoBlock) and not b.items)
    ]
    return store.save("post", name, kept.to_draft(), template_id)


def post_from_template(template: Template) -> Post:
    """A new post made from a "post" template (DraftError if the stored body is broken)."""
    if template.kind != "post":
        raise ValueError(f"'{template.name}' is a {template.kind} snippet, not a post template")
    return Post.from_draft(copy.deepcopy(template.body))


def snippet_text(template: Template) -> str:
    """The text a text-like snippet adds (for inserting at the cursor in an editor)."""
    if template.kind == "hashtags":
        return " ".join(normalize_tags(template.body.get("tags") or []))
    if template.kind in ("signature", "text"):
        return str(template.body.get("text") or "")
    raise ValueError(f"a {template.kind} template is not text")


def insert_snippet(post: Post, template: Template) -> Post:
    """A new post with the snippet added; the given post is left as it was.

    Text, signature and hashtags go at the end of the last text block (a new text block if there is none);
    a signature already at the end is not added twice, nor a hashtag already in the text. A poll is added as
    a new block at the end.
    """
    new = copy.deepcopy(post)
    media = new.attachment.media
    if template.kind == "poll":
        block = parse_block(copy.deepcopy(template.body), f"template '{template.name}'")
        if not isinstance(block, PollBlock):
            raise ValueError(f"the template '{template.name}' does not hold a poll")
        media.append(block)
        return new
    if template.kind == "post":
        raise ValueError("a post template makes a new post (post_from_template); it is not inserted")
    addition = snippet_text(template)
    texts = [b for b in media if isinstance(b, TextBlock)]
    if template.kind == "hashtags":
        present = {t.casefold() for b in texts for t in _TAG_IN_TEXT.findall(b.text)}
        addition = " ".join(t for t in addition.split() if t[1:].casefold() not in present)
    if not addition.strip():
        return new
    if not texts:
        media.append(TextBlock(addition))
        return new
    last = texts[-1]
    if template.kind == "signature" and last.text.rstrip().endswith(addition):
        return new
    separator = "" if not last.text.strip() else ("\n" if template.kind == "hashtags" else "\n\n")
    last.text = last.text.rstrip() + separator + addition if last.text.strip() else addition
    return new
