"""video.get: the status of uploaded videos while OK processes them (method and shape UNCONFIRMED).

No OK page for a video status method was found; `video.get` with `vids` answering
`{"videos": [{"id", "status", ...}]}` is the guess the client is built on. The status names are guesses too:
UPLOADING until the last byte arrives, PROCESSING for `video_processing_s`, then OK.
"""

from __future__ import annotations

from okcomposer.sandbox import demo
from okcomposer.sandbox.answers import ApiError
from okcomposer.sandbox.params import WHOLE_NUMBER, Context, api_method

STATUS_NAMES = {"uploading": "UPLOADING", "processing": "PROCESSING", "ready": "OK"}
MAX_IDS = 100


def _shown(video: dict) -> dict:
    return {
        "id": video["video_id"],
        "status": STATUS_NAMES[video["status"]],
        "title": video["title"] or "",
        "file_size": video["file_size"],
        "received_bytes": video["received_bytes"],
    }


@api_method("video.get")
def video_get(ctx: Context) -> dict:
    ctx.need_scope("VALUABLE_ACCESS", "Reading videos")
    ctx.need_scope("VIDEO_CONTENT", "Reading videos")
    vids = [vid.strip() for vid in ctx.req("vids").split(",") if vid.strip()]
    if len(vids) > MAX_IDS:
        raise ApiError(100, f"Invalid parameter vids: at most {MAX_IDS} ids")
    if not vids or not all(WHOLE_NUMBER.fullmatch(vid) for vid in vids):
        raise ApiError(100, "Invalid parameter vids: comma-separated video ids")
    shown = []
    for vid in vids:
        video = ctx.state.video(vid)
        if video is not None and video["uid"] == ctx.uid:
            shown.append(_shown(video))
        elif vid in demo.VIDEOS:
            shown.append({"id": vid, "status": "OK", "title": ""})
        # Unknown ids and other users' uploads are left out, as group.getInfo leaves out unknown groups.
    return {"videos": shown}
