"""The /sandbox/* test hooks: state snapshot, faults, reset and session expiry over plain HTTP + JSON."""

from __future__ import annotations

import json

from okcomposer.sandbox import pages
from okcomposer.sandbox.answers import Response, json_response


def _read_json(body: bytes) -> dict:
    data = json.loads(body.decode("utf-8")) if body.strip() else {}
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


def handle(world, verb: str, path: str, body: bytes) -> Response:
    try:
        data = _read_json(body)
    except ValueError as exc:
        return json_response({"error": f"bad JSON body: {exc}"}, status=400)
    route = (verb, path)
    if route == ("GET", "/sandbox/"):  # what it stored, for a person (the window's Help → Sandbox)
        return pages.index(world)
    if verb == "GET" and path.startswith("/sandbox/topic/"):
        return pages.topic(world, path.removeprefix("/sandbox/topic/"))
    if route == ("GET", "/sandbox/state"):
        return json_response(world.snapshot())
    if route == ("POST", "/sandbox/faults"):
        try:
            fault = world.add_fault(
                data.get("method"),
                data.get("kind"),
                data.get("times", 1),
                slow_seconds=data.get("slow_seconds"),
                body=data.get("body"),
            )
        except (ValueError, TypeError) as exc:
            return json_response({"error": str(exc)}, status=400)
        return json_response({"ok": True, "fault": fault})
    if route == ("DELETE", "/sandbox/faults"):
        world.clear_faults()
        return json_response({"ok": True})
    if route == ("POST", "/sandbox/reset"):
        world.reset()
        return json_response({"ok": True})
    if route == ("POST", "/sandbox/expire-session"):
        token = data.get("access_token")
        if token is not None and not isinstance(token, str):
            return json_response({"error": "access_token must be a string"}, status=400)
        if not world.expire_session(token):
            return json_response({"error": "no such session"}, status=404)
        return json_response({"ok": True})
    return json_response({"error": f"no such endpoint: {verb} {path}"}, status=404)
