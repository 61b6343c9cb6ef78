"""sig as in docs/ok-api.md "Signature": the published vectors and the seed's kinds of values."""

import hashlib

import pytest

from okcomposer.api.client import to_wire
from okcomposer.api.signing import code_flow_secret, sign, signing_secret

PARAMS = {
    "application_key": "ABCDEFGHIGKLMNOPK",
    "format": "json",
    "method": "events.get",
    "access_token": "-s-84W-s3egarWUsbkq-IWTucuedzTKT8VUXIA.s4Xx8IW7",
}
APP_SECRET = "ABC123DEF456GHI789JKL123"


def test_published_vector_code_flow_secret():
    secret = signing_secret(access_token=PARAMS["access_token"], application_secret_key=APP_SECRET)
    assert secret == "b1a2b89707a94624c43afae67d59274c"
    assert code_flow_secret(PARAMS["access_token"], APP_SECRET) == secret
    assert sign(PARAMS, secret) == "232c8eb921951c4dba9b72606f9ddb4c"


def test_published_vector_session_secret():
    secret = signing_secret(
        access_token=PARAMS["access_token"], session_secret_key="ae5362b5b588cc7294c2414d71b74d5d"
    )
    assert sign(PARAMS, secret) == "03a41413523ea8092507949d6e711963"


def test_application_secret_mode_without_session():
    params = {"application_key": "K", "method": "users.getInfo", "format": "json"}
    assert signing_secret(application_secret_key=APP_SECRET) == APP_SECRET
    expected = hashlib.md5(
        f"application_key=Kformat=jsonmethod=users.getInfo{APP_SECRET}".encode()
    ).hexdigest()
    assert sign(params, APP_SECRET) == expected


def test_session_secret_wins_over_application_secret():
    secret = signing_secret(access_token="t", session_secret_key="sess", application_secret_key="app")
    assert secret == "sess"


@pytest.mark.parametrize(
    "keys",
    [{"access_token": "t"}, {}, {"access_token": "", "session_secret_key": "", "application_secret_key": ""}],
)
def test_no_secret_is_an_error(keys):
    message = "cannot sign: a session secret key or the application secret key is needed"
    with pytest.raises(ValueError) as raised:
        signing_secret(**keys)
    assert str(raised.value) == message


def test_sig_access_token_and_session_key_are_not_signed():
    base = {"a": "1", "b": "2"}
    with_extras = {**base, "sig": "x", "access_token": "y", "session_key": "z"}
    assert sign(base, "s") == sign(with_extras, "s")


def test_cyrillic_values_are_signed_as_raw_utf8():
    params = {"application_key": "K", "method": "mediatopic.post", "format": "json", "text": "Привет, мир"}
    raw = "application_key=Kformat=jsonmethod=mediatopic.posttext=Привет, мирSECRET"
    assert sign(params, "SECRET") == hashlib.md5(raw.encode("utf-8")).hexdigest()
    # Signing URL-encoded or cp1251 bytes would give another value: OK answers 104 for those.
    assert sign(params, "SECRET") != hashlib.md5(raw.encode("cp1251")).hexdigest()
    # computed with coreutils: printf %s "$raw" | md5sum
    assert sign(params, "SECRET") == "527caf5993d356cc81a0936208d35bd9"


def test_json_attachment_is_signed_exactly_as_sent():
    attachment = {
        "media": [{"type": "text", "text": "Текст в придачу"}, {"type": "link", "url": "https://apiok.ru/"}]
    }
    wire = to_wire(attachment)
    assert (
        wire
        == '{"media":[{"type":"text","text":"Текст в придачу"},{"type":"link","url":"https://apiok.ru/"}]}'
    )
    params = {"application_key": "K", "attachment": wire, "format": "json", "method": "mediatopic.post"}
    raw = f"application_key=Kattachment={wire}format=jsonmethod=mediatopic.postS"
    assert sign(params, "S") == hashlib.md5(raw.encode("utf-8")).hexdigest()
    # The same JSON with other spacing is another string, hence another signature.
    spaced = dict(params, attachment=wire.replace(",", ", "))
    assert sign(spaced, "S") != sign(params, "S")


def test_keys_are_sorted_by_key_not_by_pair():
    # "a_b" < "ab" as keys; sorting the joined "key=value" strings would put "ab=" first.
    params = {"ab": "1", "a_b": "2"}
    assert sign(params, "S") == hashlib.md5(b"a_b=2ab=1S").hexdigest()


def test_wire_values():
    assert to_wire(True) == "true" and to_wire(False) == "false"
    assert to_wire(7) == "7"
    assert to_wire(["a", "б"]) == '["a","б"]'
