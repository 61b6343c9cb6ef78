"""Post Moments: each image is uploaded to its own moments upload URL, then all are committed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from okcomposer.api import methods
from okcomposer.api.cancel import CancelToken
from okcomposer.api.client import OkClient
from okcomposer.api.errors import OkError
from okcomposer.app.photos import FileProgress, Progress, prepare_files, upload_all
from okcomposer.app.retry import OutcomeUnknown, outcome_unknown, retrying
from okcomposer.limits import Limits, current_limits
from okcomposer.store.paths import work_dir

NOT_UNDERSTOOD = (
    "OK created the Moments but answered in a way okcomposer does not understand ({answer}), so their ids "
    "are not known: look at your Moments on ok.ru."
)
NOT_CONFIRMED = (
    "OK answered the Moments without confirming them ({answer}). They may or may not have been published: "
    "look at your Moments on ok.ru before posting them again."
)


@dataclass(frozen=True)
class PostedMoments:
    """Moments OK created: their ids when its answer named them (in image order), else none.

    `note` is set when OK's answer had a shape we do not know: published all the same.
    """

    ids: tuple[str, ...] = ()
    note: str = ""


def post_moments(
    client: OkClient,
    images: Sequence[Path],
    *,
    limits: Limits | None = None,
    strip_gps: bool = True,
    parallel: int = 4,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    file_progress: FileProgress | None = None,
    before_commit: Callable[[], None] | None = None,
) -> PostedMoments:
    """Upload every image and commit them all; any truthy answer of moments.commit is success.

    `before_commit` runs just before moments.commit, the one step that cannot be repeated (the outbox
    records it there). Raises BadPhotos, OkApiError (OK refused), OutcomeUnknown (the commit's answer was
    lost, or falsy: docs/ok-api.md "Moments").
    """
    limits = limits or current_limits()
    with work_dir("okc-moment-") as work:  # in the cache folder; swept at start after a kill
        prepared = prepare_files([Path(p) for p in images], Path(work), limits, strip_gps)
        pairs = upload_all(
            client,
            [p.upload for p in prepared],
            lambda _files: methods.get_moment_upload_url(client),
            per_url=1,  # one upload URL per Moment (moments-upload seed, steps 1-2)
            parallel=parallel,
            progress=progress,
            cancel=cancel,
            file_progress=file_progress,
        )
    if cancel is not None:
        cancel.raise_if_cancelled()
    if before_commit is not None:
        before_commit()
    try:
        # Only "later" answers are retried: the tokens of a commit whose answer was lost may be spent.
        answer = retrying(lambda: methods.commit_moments(client, pairs), cancel=cancel, only_definite=True)
    except OkError as exc:
        if outcome_unknown(exc):
            raise OutcomeUnknown(
                "The connection broke while OK was creating the Moments. They may or may not have been "
                "published: look at your Moments on ok.ru before posting them again."
            ) from None
        raise
    if not answer.done:
        raise OutcomeUnknown(NOT_CONFIRMED.format(answer=answer.answer or "an empty answer"))
    return PostedMoments(answer.ids, "" if answer.understood else NOT_UNDERSTOOD.format(answer=answer.answer))
