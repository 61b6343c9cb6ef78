"""fb.do transport and authentication: signature, keys, sessions, methods, parameters, call log."""

from __future__ import annotations

import requests

from okcomposer.api.signing import sign


def test_signed_call_answers_the_demo_user(api):
    user = api.call("users.getCurrentUser")
    assert user["uid"] == api.uid
    assert user["name"] == "Demo User"
    assert {"first_name", "last_name", "pic50x50", "pic128x128", "locale"} <= set(user)


def test_get_and_api_path_work_too(api):
    params = api.signed("users.getCurrentUser", {})
    assert requests.get(f"{api.base}/fb.do", params=params, timeout=5).json()["uid"] == api.uid
    params = api.signed(None, {})
    answer = requests.post(f"{api.base}/api/users/getCurrentUser", data=params, timeout=5).json()
    assert answer["uid"] == api.uid


def test_bad_signature_is_104(api):
    params = api.signed("users.getCurrentUser", {})
    params["sig"] = "0" * 32
    body = requests.post(f"{api.base}/fb.do", data=params, timeout=5).json()
    assert body["error_code"] == 104
    assert body["error_msg"].startswith("PARAM_SIGNATURE : ")
    del params["sig"]
    assert requests.post(f"{api.base}/fb.do", data=params, timeout=5).json()["error_code"] == 104


def test_signature_covers_exact_values(api):
    # Signed over one serialization, sent with another: OK refuses it.
    params = api.signed("mediatopic.post", {"attachment": '{"media":[{"type":"text","text":"x"}]}'})
    params["attachment"] = '{"media": [{"type": "text", "text": "x"}]}'
    assert requests.post(f"{api.base}/fb.do", data=params, timeout=5).json()["error_code"] == 104


def test_unicode_values_are_signed_as_utf8(api):
    assert api.post({"media": [{"type": "text", "text": "Привет, мир! ☕"}]}).json().isdigit()
    assert api.sb.state.topics[-1]["attachment"]["media"][0]["text"] == "Привет, мир! ☕"


def test_wrong_or_missing_application_key_is_101(api):
    params = api.signed("users.getCurrentUser", {})
    params["application_key"] = "NOTAKEY"
    assert requests.post(f"{api.base}/fb.do", data=params, timeout=5).json()["error_code"] == 101
    del params["application_key"]
    assert requests.post(f"{api.base}/fb.do", data=params, timeout=5).json()["error_code"] == 101


def test_unknown_token_is_103_and_expired_is_102(api):
    assert api.error("users.getCurrentUser", session=("-s-nonsense", "abc")) == 103
    api.sb.expire_session()
    assert api.error("users.getCurrentUser") == 102


def test_unknown_method_is_3_and_missing_method_is_100(api):
    assert api.error("users.noSuchMethod") == 3
    assert api.error("Users.getCurrentUser") == 3  # names are exact
    assert api.error(None) == 100


def test_call_without_session_is_refused(api):
    # Signed with the application secret key, no token: external apps need a session for every method.
    secret = api.info["application_secret_key"]
    body = api.raw("users.getCurrentUser", session=(None, secret)).json()
    assert body["error_code"] == 100
    assert "access_token" in body["error_msg"]
    # ... and a session call signed with the application secret instead of the session secret is 104.
    assert api.error("users.getCurrentUser", session=(api.token, secret)) == 104


def test_code_flow_token_signs_with_md5_of_token_and_app_secret(api):
    token, secret = api.code_session()
    assert api.call("users.getCurrentUser", session=(token, secret))["uid"] == api.uid
    assert api.error("users.getCurrentUser", session=(token, api.info["application_secret_key"])) == 104


def test_missing_required_param_names_it(api):
    body = api.raw("mediatopic.post").json()
    assert body["error_code"] == 100
    assert "attachment" in body["error_msg"]


def test_booleans_are_true_or_false_only(api):
    assert api.post_error({"media": [{"type": "text", "text": "x"}]}, set_status="1") == 100
    assert api.post_error({"media": [{"type": "text", "text": "x"}]}, set_status="True") == 100


def test_duplicate_parameter_and_xml_format_are_refused(api):
    params = api.signed("users.getCurrentUser", {})
    body = "&".join(f"{k}={v}" for k, v in params.items()) + "&format=json"
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    assert (
        requests.post(f"{api.base}/fb.do", data=body, headers=headers, timeout=5).json()["error_code"] == 100
    )
    assert api.error("users.getCurrentUser", format="xml") == 100


def test_non_form_body_is_refused(api):
    params = api.signed("users.getCurrentUser", {})
    answer = requests.post(f"{api.base}/fb.do", json=params, timeout=5).json()
    assert answer["error_code"] == 100


def test_every_call_is_logged_without_secrets(api):
    api.call("users.getCurrentUser")
    api.error("users.noSuchMethod")
    calls = api.sb.state.calls
    assert [c["method"] for c in calls] == ["users.getCurrentUser", "users.noSuchMethod"]
    assert [c["error_code"] for c in calls] == [None, 3]
    for logged in calls:
        assert logged["params"]["sig"] == "***" and logged["params"]["access_token"] == "***"
        assert api.token not in str(logged)


def test_published_test_vector_matches_signing(api):
    # docs/ok-api.md "Signature": the sandbox and the client share okcomposer.api.signing.
    params = {"application_key": "ABCDEFGHIGKLMNOPK", "format": "json", "method": "events.get"}
    assert sign(params, "ae5362b5b588cc7294c2414d71b74d5d") == "03a41413523ea8092507949d6e711963"
