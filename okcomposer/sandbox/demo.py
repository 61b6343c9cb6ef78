"""The sandbox's demo world: one application, one user, their groups and some existing content to reshare."""

from __future__ import annotations

from typing import Any

from okcomposer.api.loopback import LOOPBACK_REDIRECT

APPLICATION_ID = "512002718281"
APPLICATION_KEY = "CBAHNLMGEBABABABA"
APPLICATION_SECRET_KEY = "6A1F0C3E9B7D25480E4C1A77"
REDIRECT_URIS = (
    "https://oauth.mycdn.me/blank.html",
    "https://api.ok.ru/blank.html",
    "http://localhost/auth",
    LOOPBACK_REDIRECT,  # registered as docs/ok-app.md tells a distributor: the one-button sign-in
)

ALL_SCOPES = (
    "VALUABLE_ACCESS",
    "LONG_ACCESS_TOKEN",
    "PHOTO_CONTENT",
    "GROUP_CONTENT",
    "VIDEO_CONTENT",
    "SET_STATUS",
    "PUBLISH_NOTE",
)
# Every scope OK knows (docs/ok-api.md "Sign-in (OAuth)"); the demo app may ask for any of them.
KNOWN_SCOPES = frozenset(ALL_SCOPES) | {"GET_EMAIL", "APP_INVITE"}

_PIC = "https://i.mycdn.me/i?r=sandbox-demo-user"
USER = {
    "uid": "574902863217",
    "name": "Demo User",
    "first_name": "Demo",
    "last_name": "User",
    "gender": "female",
    "locale": "ru",
    "pic50x50": _PIC + "&fn=w_50",
    "pic128x128": _PIC + "&fn=w_128",
    "pic190x190": _PIC + "&fn=w_190",
    "pic640x480": _PIC + "&fn=w_640",
    "url_profile": "https://ok.ru/profile/574902863217",
}
OTHER_UID = "561234500001"  # owner of content the demo user can see but does not own

# The demo user's pre-issued implicit-flow session (never expires unless expired on purpose).
ACCESS_TOKEN = "-s-8d0A.b1Sd-demoSandbox0Token-zX3w4y.5vU6t7S8r9Q"
SESSION_SECRET_KEY = "3f9b1c2d7e6a4b8c9d0e1f2a3b4c5d6e"

# gid -> group; "status" is the demo user's membership (None: not a member).
GROUPS: dict[str, dict[str, Any]] = {
    "70000001000101": {"name": "Sunrise Bakery", "status": "ADMIN", "members": 1284},
    "70000001000102": {"name": "Riverside Running Club", "status": "ADMIN", "members": 342},
    "70000001000201": {"name": "City Photography Fans", "status": "ACTIVE", "members": 15873},
    "70000001000202": {"name": "Home Gardening Tips", "status": "ACTIVE", "members": 9021},
    "70000001000203": {"name": "Board Game Evenings", "status": "ACTIVE", "members": 611},
    "70000001000301": {"name": "Closed Chess Society", "status": None, "members": 77},
}
# The user's groups in the order group.getUserGroupsV2 pages through them.
USER_GROUP_IDS = tuple(gid for gid, group in GROUPS.items() if group["status"])

# Albums: aid -> owner uid.
ALBUMS = {
    "900000000001": USER["uid"],
    "900000000002": USER["uid"],
    "900000000099": OTHER_UID,
    "900000000003": USER["uid"],
}
USER_ALBUM_ID = "900000000001"
# Albums only their owner (or friends) may see: a photo there cannot be reshared with photoId.
PRIVATE_ALBUMS = frozenset({"900000000003"})

# Committed photos: photoId -> {uid, aid}.
PHOTOS = {
    "930000000001": {"uid": USER["uid"], "aid": "900000000001"},
    "930000000002": {"uid": USER["uid"], "aid": "900000000002"},
    "930000000099": {"uid": OTHER_UID, "aid": "900000000099"},
    "930000000003": {"uid": USER["uid"], "aid": "900000000003"},
}
USER_PHOTO_ID = "930000000001"

# Topics that exist before anything is posted (the seed's reshare examples); "group" as in a topic block.
TOPICS = {
    "10240918683741": {"group": False},
    "10240965345470": {"group": True},
    "10240965411006": {"group": True},
}
# Videos that exist already (someone else's, for movie-reshare).
VIDEOS = {"14029922": {"uid": OTHER_UID}}

# Applications an app-ref block may point at: appId -> moderated.
APPS = {"512000589246": True, "512000000077": False}

# The music catalog a music block may use (the seed's example track).
MUSIC = {"8058357707207": {"title": "Fix You", "artistName": "Coldplay"}}


def group_url(gid: str) -> str:
    return f"https://ok.ru/group/{gid}"


def group_avatar(gid: str) -> str:
    return f"https://i.mycdn.me/i?r=sandbox-group-{gid}"
