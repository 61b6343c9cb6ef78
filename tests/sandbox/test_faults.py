"""Injected faults: dropped connections before/after acting, HTTP 5xx, OK errors, slow answers, latency."""

from __future__ import annotations

import time

import pytest
import requests

from okcomposer.sandbox.server import Sandbox

TEXT = {"media": [{"type": "text", "text": "hello"}]}


def test_drop_before_drops_the_connection_and_does_nothing(api):
    api.sb.add_fault("mediatopic.post", "drop_before")
    with pytest.raises(requests.ConnectionError):
        api.post(TEXT)
    assert api.sb.state.topics == []
    assert api.sb.state.calls[-1]["fault"] == "drop_before"
    assert api.post(TEXT).json().isdigit()  # times=1: the next call goes through


def test_drop_after_acts_then_drops(api):
    api.sb.add_fault("mediatopic.post", "drop_after")
    with pytest.raises(requests.ConnectionError):
        api.post(TEXT)
    assert len(api.sb.state.topics) == 1


@pytest.mark.parametrize("kind, status", [("http500", 500), ("http503", 503)])
def test_http_errors_do_nothing(api, kind, status):
    api.sb.add_fault("mediatopic.post", kind)
    answer = api.post(TEXT)
    assert answer.status_code == status and answer.headers["Content-Type"].startswith("text/html")
    assert api.sb.state.topics == []


@pytest.mark.parametrize("kind, code", [("service", 2), ("flood", 8), ("limit", 11)])
def test_error_faults_do_nothing(api, kind, code):
    api.sb.add_fault("mediatopic.post", kind)
    assert api.post_error(TEXT) == code
    assert api.sb.state.topics == []
    assert api.sb.state.calls[-1]["error_code"] == code


def test_session_expired_fault_expires_the_session(api):
    api.sb.add_fault("users.getCurrentUser", "session_expired")
    assert api.error("users.getCurrentUser") == 102
    assert api.error("group.getUserGroupsV2") == 102  # the session stays expired


def test_slow_answers_after_the_client_gave_up(api):
    api.sb.add_fault("mediatopic.post", "slow", slow_seconds=2)
    started = time.monotonic()
    with pytest.raises(requests.ReadTimeout):
        api.post(TEXT, timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert len(api.sb.state.topics) == 1  # the action happened


def test_times_zero_hits_every_call_until_cleared(api):
    api.sb.add_fault("users.getCurrentUser", "service", times=0)
    assert [api.error("users.getCurrentUser") for _ in range(3)] == [2, 2, 2]
    api.sb.clear_faults()
    assert api.call("users.getCurrentUser")["uid"] == api.uid


def test_upload_and_oauth_points(api):
    api.sb.add_fault("upload.photo", "drop_before")
    got = api.upload_url()
    with pytest.raises(requests.ConnectionError):
        api.upload(got["upload_url"], {"pic1": ("a.jpg", api.image(), "image/jpeg")})
    assert api.sb.state.photos == []
    api.sb.add_fault("upload.video", "http503")
    video = api.call("video.getUploadUrl", file_name="a.mp4", file_size="20000")
    assert (
        requests.post(video["upload_url"], files={"data": ("a", b"v" * 20000)}, timeout=5).status_code == 503
    )
    api.sb.add_fault("oauth.token", "service")
    answer = requests.post(
        f"{api.base}/oauth/token.do", data={"grant_type": "refresh_token"}, timeout=5
    ).json()
    assert answer["error_code"] == 2


def test_bad_faults_are_refused(api):
    with pytest.raises(ValueError):
        api.sb.add_fault("mediatopic.postt", "service")
    with pytest.raises(ValueError):
        api.sb.add_fault("mediatopic.post", "explode")
    with pytest.raises(ValueError):
        api.sb.add_fault("mediatopic.post", "service", times=-1)


def test_latency_delays_every_answer(make_api):
    with Sandbox(latency_ms=250) as sb:
        api = make_api(sb)
        started = time.monotonic()
        api.call("users.getCurrentUser")
        assert time.monotonic() - started >= 0.25
