"""fb.do: the application key, signature and session checks in OK's order, then the method handler."""

from __future__ import annotations

import hmac
from typing import Any

from okcomposer.api.signing import UNSIGNED, sign
from okcomposer.sandbox import demo, feed, media, methods, stats, video, video_status  # noqa: F401  (importing registers the handlers)
from okcomposer.sandbox.answers import ApiError, Response, error_response, json_response
from okcomposer.sandbox.params import METHODS, Context

# Values never written to the call log.
SECRET_PARAMS = UNSIGNED | {"client_secret"}


def public_params(params: dict[str, str]) -> dict[str, str]:
    return {key: ("***" if key in SECRET_PARAMS else value) for key, value in params.items()}


def method_name(pairs: list[tuple[str, str]], path_method: str | None) -> str | None:
    if path_method:
        return path_method
    return next((value for key, value in reversed(pairs) if key == "method"), None)


def _authenticate(state, params: dict[str, str]) -> dict | None:
    """The session of the call (None for a call without one), checked in OK's order."""
    if params.get("application_key") != demo.APPLICATION_KEY:
        raise ApiError(
            101, "No application key" if not params.get("application_key") else "Invalid application key"
        )
    token = params.get("access_token") or params.get("session_key")
    session = None
    if token:
        session = state.sessions.get(token)
        if session is None:
            # An unknown token leaves no secret to check the signature with, so 103 comes first here.
            raise ApiError(103, "Invalid session key")
        secret = session["secret"]
    else:
        secret = demo.APPLICATION_SECRET_KEY
    received = params.get("sig")
    if not received:
        raise ApiError(104, "No signature")
    # The signature covers the exact values received (decoded from the wire as UTF-8).
    if not hmac.compare_digest(received.encode("utf-8"), sign(params, secret).encode("ascii")):
        raise ApiError(104, "Invalid signature")
    if session is not None and state.session_expired(session):
        raise ApiError(102, "Session expired")
    return session


def _run(world, params: dict[str, str], name: str | None) -> object:
    state = world.state
    session = _authenticate(state, params)
    if not name:
        raise ApiError(100, "Missed required parameter: method")
    handler = METHODS.get(name)
    if handler is None:
        raise ApiError(3, f"Unknown method {name}")
    if params.get("format", "json").lower() != "json":
        raise ApiError(
            100, f"Invalid parameter format: the sandbox answers json only, not {params['format']!r}"
        )
    if session is None:
        # External applications need a session for every method (OK's "Without session" is mobile-only).
        # The code: a real OK answer seen for this very case is 100 "Missed required parameter: access_token"
        # (github.com/gazay/odnoklassniki issue 5), so 100 rather than 103 or 453.
        raise ApiError(100, "Missed required parameter: access_token")
    with state.lock:  # one method at a time: validation and storage never interleave
        return handler(Context(world=world, params=params, session=session))


def call(
    world, pairs: list[tuple[str, str]] | None, path_method: str | None, problem: str | None = None
) -> Response:
    """Answer one fb.do request and record it in state.calls."""
    pairs = pairs or []
    params = dict(pairs)
    name = method_name(pairs, path_method)
    record: dict[str, Any] = {"method": name, "params": public_params(params), "error_code": None}
    try:
        if problem:
            raise ApiError(100, problem)
        keys = [key for key, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ApiError(100, "a parameter was sent twice")
        if path_method and params.get("method", path_method) != path_method:
            raise ApiError(100, "Invalid parameter method: it differs from the method in the path")
        result = _run(world, params, name)  # a Response as is: an empty body (video.update)
        answer = result if isinstance(result, Response) else json_response(result)
    except ApiError as error:
        record["error_code"] = error.code
        answer = error_response(error)
    world.state.record_call(record)
    return answer


def record_fault(world, pairs: list[tuple[str, str]], name: str | None, kind: str) -> None:
    """Log a call that a fault answered without acting (dropped or HTTP 5xx)."""
    world.state.record_call(
        {"method": name, "params": public_params(dict(pairs)), "error_code": None, "fault": kind}
    )


def fault_answer(
    world, pairs: list[tuple[str, str]], name: str | None, kind: str, code: int, record: bool
) -> Response:
    """The error a fault answers instead of acting; session_expired also expires the caller's session."""
    params = dict(pairs)
    if kind == "session_expired":
        token = params.get("access_token") or params.get("session_key")
        if token:
            world.state.expire_session(token)
    if record:
        world.state.record_call(
            {"method": name, "params": public_params(params), "error_code": code, "fault": kind}
        )
    messages = {
        2: "Service temporarily unavailable",
        8: "Flood blocked",
        11: "Limit reached",
        102: "Session expired",
    }
    return error_response(ApiError(code, messages[code]))
