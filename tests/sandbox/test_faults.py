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
    api.sb.add_fault("mediatopic.post", "slow", slow_seconds=3600)  # the sandbox's stop cuts it short
    with pytest.raises(requests.ReadTimeout):
        api.post(TEXT, timeout=0.3)
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


def test_answer_after_acts_then_answers_the_chosen_body(api):
    api.sb.add_fault("mediatopic.post", "answer_after", body='{"odd": [1]}')
    answer = api.post(TEXT)
    assert answer.status_code == 200 and answer.content == b'{"odd": [1]}'
    assert len(api.sb.state.topics) == 1  # it acted all the same
    api.sb.add_fault("mediatopic.post", "answer_after", body="")
    assert api.post(TEXT).content == b""  # an empty body, as OK sends for some methods
    assert len(api.sb.state.topics) == 2
    assert api.post(TEXT).json().isdigit()  # times=1 each: the real answer is back


def test_answer_before_answers_the_body_without_acting(api):
    hook = {"method": "mediatopic.post", "kind": "answer_before", "body": "false", "times": 2}
    assert (
        requests.post(f"{api.base}/sandbox/faults", json=hook, timeout=5).json()["fault"]["body"] == "false"
    )
    assert [api.post(TEXT).content for _ in range(2)] == [b"false", b"false"]
    assert api.sb.state.topics == []
    assert api.sb.state.calls[-1]["fault"] == "answer_before"


def test_answer_kinds_need_a_body_and_others_take_none(api):
    with pytest.raises(ValueError, match="needs a text body"):
        api.sb.add_fault("moments.commit", "answer_after")
    with pytest.raises(ValueError, match="takes no body"):
        api.sb.add_fault("moments.commit", "service", body="true")
    bad = {"method": "moments.commit", "kind": "answer_after", "body": True}
    assert requests.post(f"{api.base}/sandbox/faults", json=bad, timeout=5).status_code == 400


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
