"""The /sandbox/* test hooks and the `okcomposer sandbox` command line glue."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest
import requests

from okcomposer.api.signing import sign
from okcomposer.cli import main
from okcomposer.sandbox.faults import parse_spec
from okcomposer.sandbox.server import Sandbox

TEXT = {"media": [{"type": "text", "text": "hello"}]}


def test_state_hook_matches_snapshot(api):
    api.post(TEXT).json()
    state = requests.get(f"{api.base}/sandbox/state", timeout=5).json()
    assert state == json.loads(json.dumps(api.sb.snapshot()))
    assert state["topics"][0]["attachment"] == TEXT
    assert {"topics", "moments", "photos", "videos", "calls", "faults"} <= set(state)
    assert api.token not in json.dumps(state)  # no secrets in the snapshot


def test_fault_hooks(api):
    fault = {"method": "mediatopic.post", "kind": "service", "times": 1}
    assert requests.post(f"{api.base}/sandbox/faults", json=fault, timeout=5).json()["ok"] is True
    assert api.sb.snapshot()["faults"][0]["kind"] == "service"
    assert api.post_error(TEXT) == 2
    bad = requests.post(f"{api.base}/sandbox/faults", json={"method": "x.y", "kind": "service"}, timeout=5)
    assert bad.status_code == 400 and "unknown fault method" in bad.json()["error"]
    requests.post(f"{api.base}/sandbox/faults", json={**fault, "times": 0}, timeout=5)
    assert requests.delete(f"{api.base}/sandbox/faults", timeout=5).json()["ok"] is True
    assert api.post(TEXT).json().isdigit()


def test_reset_and_expire_session_hooks(api):
    api.post(TEXT).json()
    api.upload_photo()
    assert requests.post(f"{api.base}/sandbox/expire-session", json={}, timeout=5).json()["ok"] is True
    assert api.error("users.getCurrentUser") == 102
    assert requests.post(f"{api.base}/sandbox/reset", timeout=5).json()["ok"] is True
    assert api.sb.state.topics == [] and api.sb.state.photos == [] and api.sb.state.calls == []
    assert api.call("users.getCurrentUser")["uid"] == api.uid  # the demo world is back, session included
    token, secret = api.session("VALUABLE_ACCESS")
    requests.post(f"{api.base}/sandbox/expire-session", json={"access_token": token}, timeout=5)
    assert api.error("users.getCurrentUser", session=(token, secret)) == 102
    missing = requests.post(f"{api.base}/sandbox/expire-session", json={"access_token": "nope"}, timeout=5)
    assert missing.status_code == 404
    assert requests.get(f"{api.base}/sandbox/nothing", timeout=5).status_code == 404


def test_context_manager_and_stop_free_the_port():
    with Sandbox() as sb:
        url = sb.base_url
        assert requests.get(f"{url}/sandbox/state", timeout=5).status_code == 200
    try:
        requests.get(f"{url}/sandbox/state", timeout=1)
        raise AssertionError("the sandbox still answers after stop()")
    except requests.ConnectionError:
        pass


def test_fault_specs_with_a_body():
    assert parse_spec("moments.commit=answer_after:1:true") == ("moments.commit", "answer_after", 1, "true")
    assert parse_spec('m.x=answer_before:0:{"a": "b:c"}') == ("m.x", "answer_before", 0, '{"a": "b:c"}')
    assert parse_spec("m.x=answer_after:2:") == ("m.x", "answer_after", 2, "")  # an empty body
    assert parse_spec("m.x=flood:3") == ("m.x", "flood", 3, None)


def test_bad_fault_spec_is_one_line_and_exit_2(capsys):
    assert main(["sandbox", "--fault", "mediatopic.post"]) == 2
    assert main(["sandbox", "--fault", "mediatopic.post=explode"]) == 2
    assert main(["sandbox", "--fault", "nosuch.method=service"]) == 2
    assert main(["sandbox", "--fault", "moments.commit=answer_after:1"]) == 2  # no body
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 4 and all(line.startswith("okcomposer sandbox: ") for line in err)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_cli_serves_until_terminated(stop_signal):
    args = [
        sys.executable,
        "-m",
        "okcomposer",
        "sandbox",
        "--port",
        "0",
        "--fault",
        "users.getCallsLeft=flood:0",
    ]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        info = json.loads(process.stdout.readline())
        params = {
            "application_key": info["application_key"],
            "format": "json",
            "method": "users.getCurrentUser",
        }
        params["sig"] = sign(params, info["session_secret_key"])
        params["access_token"] = info["access_token"]
        user = requests.post(info["base_url"] + "/fb.do", data=params, timeout=5).json()
        assert user["uid"] == info["user"]["uid"]
        assert len(info["groups"]) == 5
    finally:
        process.send_signal(stop_signal)
        _, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "Traceback" not in err
