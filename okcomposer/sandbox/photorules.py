"""Which photos a topic may carry (docs/ok-api.md "Photos"): new uploads by their token (`id`, for every
topic type, never committed first) and existing public photos of the poster to reshare (`photoId`)."""

from __future__ import annotations

from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import ApiError


def _bad(why: str, code: int = 100) -> ApiError:
    return ApiError(code, f"Invalid parameter attachment: {why}")


def _upload(ctx, token: object, gid: str | None) -> tuple[dict, str]:
    """The uploaded photo behind a token and the album it counts as."""
    if not isinstance(token, str) or not token:
        raise _bad("a photo id must be a non-empty upload token")
    photo = ctx.state.photo_by_token(token)
    if photo is None or photo["uid"] != ctx.uid or photo["kind"] != "photo":
        raise _bad("a photo id is not a photosV2 upload token of this user")
    if photo["used"]:
        raise _bad(f"the upload token of photo {photo['photo_id']} was already used")
    if gid is not None:
        # Group topics: albumless uploads, never committed (photosV2.commit is for user albums only).
        if photo["committed"]:
            raise _bad(f"photo {photo['photo_id']} was committed; a group topic takes uncommitted uploads")
        if photo["gid"] != gid and not (photo["gid"] is None and photo["aid"] is None):
            raise _bad(f"photo {photo['photo_id']} was uploaded for another group or into an album")
        return photo, ""
    if photo["gid"] is not None:
        raise _bad(f"photo {photo['photo_id']} was uploaded for a group, not for the user")
    return photo, photo["aid"] or ""


def _existing(ctx, value: object) -> str:
    """The album of an existing, public photo of this user that the topic reshares (`photoId`).

    The mediatopic.post seed: photoId names a photo "for which a reshare is made", which must exist and
    be public; all photos of a topic belong to the current user. The codes are UNCONFIRMED.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.isascii() or not value.isdigit():
        raise _bad(f"photoId must be a numeric id, not {value!r}")
    photo = ctx.state.committed_photo(value)
    if photo is None:
        raise ApiError(121, f"photo {value} not found")
    if photo["uid"] != ctx.uid:
        raise ApiError(121, f"photo {value} does not belong to the current user")
    if photo["aid"] in demo.PRIVATE_ALBUMS:
        raise ApiError(458, f"photo {value} is not public, so it cannot be reshared")
    return photo["aid"]


def check_photos(ctx, items: list, gid: str | None) -> list[dict]:
    """The uploaded photos to mark used once the topic is stored; raises on any rule broken."""
    uploads: list[dict] = []
    tokens: set[str] = set()
    albums: set[str] = set()
    for item in items:
        if not isinstance(item, dict) or ("id" in item) == ("photoId" in item):
            raise _bad('each photo must be {"id": upload_token} or {"photoId": photo_id}')
        if "id" in item:
            if item["id"] in tokens:
                raise _bad("an upload token appears twice in this topic")
            photo, album = _upload(ctx, item["id"], gid)
            tokens.add(item["id"])
            uploads.append(photo)
        else:
            album = _existing(ctx, item["photoId"])
        albums.add(album)
    if len(albums) > 1:
        raise _bad("all photos of a topic must come from one album")
    return uploads
