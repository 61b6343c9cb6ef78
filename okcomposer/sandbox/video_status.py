"""video.get (docs/ok-api.md "Video"): the status of uploaded videos while OK processes them.

`fields=video.status` asks for `videos[].status`; without it the answer has no status (what OK sends by
default is UNCONFIRMED, so the sandbox makes a client that forgets to ask notice). UPLOADING until the last
byte arrives, PROCESSING for `video_processing_s`, then OK: the word for "done" is undocumented (UNCONFIRMED),
which is why clients must take any word that is not a known in-progress or failure word as done.
"""

from __future__ import annotations

from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.params import WHOLE_NUMBER, Context, api_method

STATUS_NAMES = {"uploading": "UPLOADING", "processing": "PROCESSING", "ready": "OK"}
STATUS_FIELD = "video.status"
MAX_IDS = 100


def _shown(video: dict, with_status: bool) -> dict:
    shown = {"id": video["video_id"], "title": video["title"] or ""}
    if with_status:
        shown["status"] = STATUS_NAMES[video["status"]]
    return shown


@api_method("video.get")
def video_get(ctx: Context) -> dict:
    """vids (comma-separated, at most MAX_IDS), fields? -> {"videos": [{"id", "title", "status"?}]}."""
    ctx.need_scope("VALUABLE_ACCESS", "Reading videos")
    ctx.need_scope("VIDEO_CONTENT", "Reading videos")
    vids = [vid.strip() for vid in ctx.req("vids").split(",") if vid.strip()]
    if len(vids) > MAX_IDS:
        raise ApiError(100, f"Invalid parameter vids: at most {MAX_IDS} ids")
    if not vids or not all(WHOLE_NUMBER.fullmatch(vid) for vid in vids):
        raise ApiError(100, "Invalid parameter vids: comma-separated video ids")
    fields = {f.strip().lower() for f in (ctx.opt("fields") or "").split(",")}
    with_status = STATUS_FIELD in fields
    shown = []
    for vid in vids:
        video = ctx.state.video(vid)
        if video is not None and video["uid"] == ctx.uid:
            shown.append(_shown(video, with_status))
        elif vid in demo.VIDEOS:
            shown.append(_shown({"video_id": vid, "title": "", "status": "ready"}, with_status))
        # Unknown ids and other users' uploads are left out, as group.getInfo leaves out unknown groups.
    return {"videos": shown}
