"""Every rule a post is checked against, its English text and OK's error name (docs/ok-api.md, "Post rules").

One table for the client's validation (api/rules.py) and the sandbox (sandbox/rules.py): a rule's `code` is
the error OK answers when it refuses a post for that reason (the sandbox answers its number); "PARAM" (100)
where OK documents no code of its own. Lengths are in UTF-16 code units (okrules.utf16_len), as Java counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from okcomposer.api.errors import CODES

ERROR = "error"
WARNING = "warning"  # shown to the user, but does not block publishing


@dataclass(frozen=True)
class Rule:
    """One rule and its English text, filled from a problem's params.

    A block's problem reads "Block N (type): " + template, so block templates start in lower case.
    """

    id: str
    template: str
    code: str = "PARAM"  # the error name OK answers for it (docs/ok-api.md, "Error codes")
    severity: str = ERROR

    @property
    def number(self) -> int:
        """OK's error code for this rule, e.g. 601 for MEDIA_TOPIC_TEXT_LIMIT."""
        return CODES[self.code]


_RULE_LIST = [
    Rule("post.empty", "The post is empty; add some text, a photo or another block."),
    Rule(
        "post.too_many_blocks",
        "The post has {count} blocks but OK accepts at most {max}; remove {excess} of them.",
        "MEDIA_TOPIC_BLOCK_LIMIT",
    ),
    Rule(
        "post.text_too_long",
        "The text of the post is {count} characters long (an emoji counts as 2) but OK accepts at most "
        "{max}; shorten it by {excess} characters.",
        "MEDIA_TOPIC_TEXT_LIMIT",
    ),
    Rule(
        "post.gid_without_group_type",
        "A group ({gid}) is set but the topic type is {type}; choose a group topic type or clear the group.",
    ),
    Rule("post.group_type_without_gid", "A {type} topic needs a group; choose the group to post in."),
    Rule(
        "post.on_behalf_suggested",
        "A suggested topic cannot be published on behalf of the group; turn off that option.",
    ),
    Rule(
        "post.status_in_group",
        "A group topic cannot be set as your status; turn off the status option or post on your page.",
    ),
    Rule("post.hidden_not_group", "Only a group topic can be hidden; turn off the hidden post option."),
    Rule(
        "post.on_behalf_not_group",
        "Only a group topic can be published on behalf of a group; turn off that option.",
    ),
    Rule(
        "post.disable_comments_not_group",
        "Comments can be turned off only for a group topic; turn off that option.",
    ),
    Rule(
        "post.link_preview_ignored",
        "OK makes a link preview only when the last block is the only text block and holds exactly one link; "
        "as it is, the link stays plain text.",
        severity=WARNING,
    ),
    Rule(
        "schedule.not_group",
        "Only group topics (GROUP_THEME, GROUP_THEME_PROMO) can be scheduled, but this post is {type}; "
        "publish it now or post it in a group.",
    ),
    Rule("schedule.both", "The post has both publishAt and publishAtMs; keep only one publishing time."),
    Rule(
        "schedule.bad_format",
        "The publishing time '{value}' is not a date and time in the form YYYY-MM-DD hh:mm:ss (Moscow time); "
        "choose the time again.",
    ),
    Rule("schedule.out_of_range", "The publishing time {value} ms is out of range; choose the time again."),
    Rule(
        "schedule.in_past",
        "The publishing time {when} is not in the future (it is now {now}); choose a later time.",
    ),
    Rule("text.empty", "the text is empty; write something or remove the block."),
    Rule(
        "link.more_than_one",
        "a post can have only one link and block {first} is one already; remove this block.",
    ),
    Rule(
        "link.empty",
        "the link is empty; enter a web address such as https://ok.ru/.",
        "MEDIA_TOPIC_LINK_BAD_FORMAT",
    ),
    Rule(
        "link.bad_url",
        "'{url}' is not a web address; enter a full address starting with https:// or http://.",
        "MEDIA_TOPIC_LINK_BAD_FORMAT",
    ),
    Rule("app.alone", "an app block cannot be the only content of a post; add a text or photo block."),
    Rule("app.images", "an app block needs exactly one image ({width}x{height}) but has {count}; keep one."),
    Rule(
        "app.image_url",
        "the app image's address '{url}' is not a web address; enter one starting with https:// or http://.",
    ),
    Rule("app.actions", "an app block needs exactly one action but has {count}; keep one."),
    Rule("app.action_text", "the app action has no text; write the text of its link."),
    Rule(
        "app_ref.more_than_one",
        "a post can have only one app-ref block and block {first} is one already; remove this block.",
    ),
    Rule("app_ref.no_id", "the app id is empty; enter the id of the application."),
    Rule("photo.empty", "the block has no photos; add a photo or remove the block."),
    Rule(
        "photo.no_source",
        "photo {item} has no upload token, photo id or file; remove it and add the photo again.",
    ),
    Rule(
        "photo.many_sources", "photo {item} has {sources} at once but needs exactly one; add the photo again."
    ),
    Rule("photo.not_uploaded", "photo {item} ({file}) is not uploaded yet; upload it before publishing."),
    Rule("movie.empty", "the block has no videos; add a video or remove the block."),
    Rule("movie.no_id", "video {item} has no id; remove it and add the video again."),
    Rule("music.empty", "the block has no tracks; add a track or remove the block."),
    Rule("music.no_id", "track {item} has no id; remove it and add the track again."),
    Rule("music.no_title", "track {item} has no title; enter the title of the track."),
    Rule("music.no_artist", "track {item} has no artist name; enter the artist."),
    Rule(
        "poll.question_empty",
        "the question is empty; write a question.",
        "MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT",
    ),
    Rule(
        "poll.question_too_long",
        "the question is {count} characters long (an emoji counts as 2) but OK accepts at most {max}; "
        "shorten it.",
        "MEDIA_TOPIC_POLL_QUESTION_TEXT_LIMIT",
    ),
    Rule(
        "poll.too_few_answers",
        "the poll has {count} answers but needs at least {min}; add answers.",
        "MEDIA_TOPIC_POLL_ANSWERS_LIMIT",
    ),
    Rule(
        "poll.too_many_answers",
        "the poll has {count} answers but OK accepts at most {max}; remove {excess} of them.",
        "MEDIA_TOPIC_POLL_ANSWERS_LIMIT",
    ),
    Rule(
        "poll.answer_empty",
        "answer {item} is empty; write it or remove it.",
        "MEDIA_TOPIC_POLL_ANSWER_TEXT_LIMIT",
    ),
    Rule(
        "poll.answer_too_long",
        "answer {item} is {count} characters long (an emoji counts as 2) but OK accepts at most {max}; "
        "shorten it.",
        "MEDIA_TOPIC_POLL_ANSWER_TEXT_LIMIT",
    ),
    Rule(
        "poll.duplicate_answer",
        'answer {item} repeats answer {first} ("{answer}"); make every answer different.',
    ),
    Rule(
        "poll.unknown_option",
        "the poll option '{option}' is unknown to OK; turn the poll options off and on again.",
    ),
    Rule("reshare.no_id", "the reshare has no id of what it shares; share the topic or video again."),
    Rule(
        "reshare.group_missing",
        "OK needs to know whether the shared topic is a group's topic and the block does not say; "
        "share it again.",
    ),
    Rule(
        "reshare.status_needs_text",
        "a reshare set as the status needs a comment; add a text block.",
    ),
]
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULE_LIST}
