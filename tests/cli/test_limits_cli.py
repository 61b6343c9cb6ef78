"""OKC_LIMIT_* overrides are checked for sense (issue 12, item 9): a bad one is one line on stderr naming the
variable and its allowed range, exit 2, whatever the command."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest
from support.cli import run

from okcomposer.limits import ORDERED, RANGES, Limits, checked_limits, current_limits, variable

BAD = [
    ("OKC_LIMIT_PHOTO_MAX_BYTES", "-1", "from 1 to 4294967296, not '-1'"),
    ("OKC_LIMIT_PHOTO_MAX_BYTES", "0", "from 1 to 4294967296, not '0'"),
    ("OKC_LIMIT_BLOCKS_MAX", "lots", "from 1 to 10000, not 'lots'"),
    ("OKC_LIMIT_TEXT_MAX_CHARS", "1.5", "not '1.5'"),
    ("OKC_LIMIT_TEXT_MAX_CHARS", "٣", "not '٣'"),  # an Arabic-Indic digit: int() takes it, we do not
    ("OKC_LIMIT_VIDEO_MAX_BYTES", "9" * 5000, "not '" + "9" * 40 + "...'"),
]


@pytest.mark.parametrize(("name", "value", "says"), BAD)
@pytest.mark.parametrize("command", [["limits"], ["check", "x.jpg"], ["sandbox", "--port", "0"]])
def test_a_senseless_limit_is_one_line_and_exit_2(capsys, monkeypatch, name, value, says, command):
    monkeypatch.setenv(name, value)
    code, out, err = run(capsys, *command)
    assert code == 2 and out == ""
    assert (
        err.count("\n") == 1 and err.startswith(f"okcomposer: {name} must be a whole number ") and says in err
    )


@pytest.mark.parametrize(("small", "large"), ORDERED)
def test_a_minimum_above_its_maximum_is_refused_naming_both(capsys, monkeypatch, small, large):
    high = getattr(Limits(), large)
    monkeypatch.setenv(variable(small), str(high + 1))
    code, _, err = run(capsys, "limits")
    assert code == 2 and err == (
        f"okcomposer: {variable(small)}={high + 1} is out of range: {variable(small)} ({high + 1}) "
        f"must not exceed {variable(large)} ({high})\n"
    )
    monkeypatch.setenv(variable(large), str(high + 1))  # both raised together: fine
    assert run(capsys, "limits")[0] == 0


def test_sensible_overrides_apply_and_every_limit_has_a_range(capsys, monkeypatch):
    monkeypatch.setenv("OKC_LIMIT_PHOTO_MAX_BYTES", " 52428800 ")
    monkeypatch.setenv("OKC_LIMIT_PHOTO_MIN_SIDE", "1")
    code, out, _ = run(capsys, "limits")
    assert (
        code == 0
        and json.loads(out)["photo_max_bytes"] == 52428800
        and json.loads(out)["photo_min_side"] == 1
    )
    ints = {f.name for f in fields(Limits) if f.type == "int"}
    assert set(RANGES) == ints
    for name in ints:  # the defaults themselves make sense
        low, high = RANGES[name]
        assert 1 <= low <= getattr(Limits(), name) <= high


def test_checked_limits_keeps_the_defaults_for_the_bad_ones_only():
    env = {"OKC_LIMIT_PHOTO_MAX_BYTES": "-1", "OKC_LIMIT_BLOCKS_MAX": "7", "OKC_LIMIT_PHOTO_MAX_SIDE": "10"}
    limits, problems = checked_limits(env)
    assert limits.photo_max_bytes == Limits().photo_max_bytes and limits.blocks_max == 7
    assert limits.photo_max_side == Limits().photo_max_side  # 10 is below the default minimum side 32
    assert set(problems) == {"OKC_LIMIT_PHOTO_MAX_BYTES", "OKC_LIMIT_PHOTO_MAX_SIDE"}
    with pytest.raises(ValueError, match="OKC_LIMIT_PHOTO_MAX_SIDE=10 is out of range"):
        current_limits(env)
