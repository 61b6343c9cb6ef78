"""The rules of retrying(): which failures are tried again, how long it waits, cancel, only_definite, limits.

Each rule here guards a publish: retrying a refusal wastes the user's time, retrying a lost answer of a
step that must not run twice posts twice, and a cancel that waits out a backoff leaves the user stuck.
"""

from __future__ import annotations

import random
import threading
import time

import pytest

from okcomposer.api.cancel import CancelToken
from okcomposer.api.errors import (
    OkApiError,
    OkBadResponse,
    OkCancelled,
    OkHttpError,
    OkNetworkError,
    OkNotSent,
    OkTimeout,
)
from okcomposer.app.retry import backoff_delay, is_transient, outcome_unknown, retrying, sleep

RETRIED = [
    OkNetworkError("connection reset"),
    OkTimeout("no answer within 30 s"),
    OkNotSent("connection refused"),
    OkHttpError(429),
    OkHttpError(500),
    OkHttpError(502),
    OkHttpError(503),
    OkHttpError(504),
    OkHttpError(599),
    OkApiError(2, "service temporarily unavailable"),
    OkApiError(8, "flood"),
    OkApiError(11, "limit reached"),
]
NOT_RETRIED = [
    OkHttpError(400),
    OkHttpError(401),
    OkHttpError(403),
    OkHttpError(404),
    OkHttpError(428),
    OkHttpError(430),
    OkHttpError(499),
    OkApiError(1, "unknown"),
    OkApiError(10, "permission denied"),
    OkApiError(100, "bad parameter"),
    OkApiError(102, "session expired"),
    OkApiError(454, "censor match"),
    OkBadResponse("not JSON"),
]
# The answer may have been lost after OK did the work: only these are "outcome unknown".
LOST_ANSWERS = [
    OkNetworkError("connection reset"),
    OkTimeout("no answer within 30 s"),
    OkHttpError(500),
    OkHttpError(503),
    OkHttpError(504),
]
# OK said no, or the request never left: nothing was done, so sending it again is safe.
DEFINITELY_NOT_DONE = [
    OkApiError(2, "service"),
    OkApiError(8, "flood"),
    OkApiError(11, "limit reached"),
    OkNotSent("connection refused"),
    OkNotSent("TLS handshake failed: certificate verify failed: self-signed certificate"),
    OkHttpError(429),
]


class Step:
    """Fails with `failures` in turn, then returns `result`; counts its calls."""

    def __init__(self, *failures: BaseException, result: str = "done") -> None:
        self.failures = list(failures)
        self.calls = 0
        self.result = result

    def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return self.result


class Always:
    """Fails with `error` every time."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        raise self.error


class WaitingToken(CancelToken):
    """A cancel token whose waits return at once (not cancelled) and are recorded."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, seconds: float) -> bool:
        self.waits.append(seconds)
        return False


def token_cancel_error() -> OkCancelled:
    """What a cancel token itself raises: every cancel reads the same, wherever it was noticed."""
    token = CancelToken()
    token.cancel()
    try:
        token.raise_if_cancelled()
    except OkCancelled as exc:
        return exc
    raise AssertionError("a cancelled token did not raise")


def assert_plain_cancel(exc: BaseException) -> None:
    assert type(exc) is OkCancelled
    assert str(exc) == str(token_cancel_error()) == "cancelled"
    assert exc.__cause__ is None


@pytest.fixture
def highest(monkeypatch):
    """The jitter always picks the longest wait; the (low, high) range of each draw is recorded."""
    ranges: list[tuple[float, float]] = []

    def uniform(low: float, high: float) -> float:
        ranges.append((low, high))
        return high

    monkeypatch.setattr(random, "uniform", uniform)
    return ranges


@pytest.fixture
def slept(monkeypatch):
    """time.sleep records its seconds instead of sleeping."""
    seconds: list[float] = []
    monkeypatch.setattr(time, "sleep", seconds.append)
    return seconds


def _name(exc: BaseException) -> str:
    return f"{type(exc).__name__}-{getattr(exc, 'code', getattr(exc, 'status', ''))}"


@pytest.mark.parametrize("exc", RETRIED, ids=_name)
def test_transient_failures_are_tried_again(exc, slept):
    step = Step(exc)
    waits: list[tuple[BaseException, float]] = []
    assert is_transient(exc)
    assert retrying(step, on_wait=lambda e, d: waits.append((e, d))) == "done"
    assert step.calls == 2
    assert [e for e, _ in waits] == [exc]


@pytest.mark.parametrize("exc", NOT_RETRIED, ids=_name)
def test_refusals_are_not_tried_again(exc, slept):
    step = Step(exc)
    waits: list[tuple[BaseException, float]] = []
    assert not is_transient(exc)
    with pytest.raises(type(exc)) as raised:
        retrying(step, on_wait=lambda e, d: waits.append((e, d)))
    assert raised.value is exc
    assert step.calls == 1
    assert waits == [] and slept == []


def test_errors_other_than_ok_errors_are_never_transient_nor_retried(slept):
    assert not is_transient(ValueError("bug"))
    assert not is_transient(OkCancelled("cancelled"))
    step = Step(ValueError("bug"))
    with pytest.raises(ValueError):
        retrying(step)
    assert step.calls == 1


@pytest.mark.parametrize("exc", LOST_ANSWERS, ids=_name)
def test_a_lost_answer_is_outcome_unknown(exc):
    assert outcome_unknown(exc)


@pytest.mark.parametrize("exc", DEFINITELY_NOT_DONE + NOT_RETRIED, ids=_name)
def test_an_answer_saying_no_and_a_request_never_sent_are_not_outcome_unknown(exc):
    assert not outcome_unknown(exc)


def test_not_sent_is_retried_but_is_never_outcome_unknown():
    refused = OkNotSent("connection refused", "mediatopic.post")
    assert isinstance(refused, OkNetworkError)  # everything that catches network errors still sees it
    assert is_transient(refused)
    assert not outcome_unknown(refused)


@pytest.mark.parametrize("exc", LOST_ANSWERS, ids=_name)
def test_only_definite_passes_a_lost_answer_up_at_once(exc, slept):
    step = Step(exc)
    waits: list[float] = []
    with pytest.raises(type(exc)) as raised:
        retrying(step, only_definite=True, on_wait=lambda e, d: waits.append(d))
    assert raised.value is exc
    assert step.calls == 1
    assert waits == [] and slept == []


@pytest.mark.parametrize("exc", DEFINITELY_NOT_DONE, ids=_name)
def test_only_definite_still_retries_what_was_certainly_not_done(exc, slept):
    step = Step(exc, exc)
    assert retrying(step, only_definite=True) == "done"
    assert step.calls == 3
    assert len(slept) == 2


def test_only_definite_does_not_retry_refusals(slept):
    step = Step(OkApiError(100, "bad parameter"))
    with pytest.raises(OkApiError):
        retrying(step, only_definite=True)
    assert step.calls == 1


def test_default_backoff_doubles_from_half_a_second_up_to_eight(highest):
    for exc in (None, OkHttpError(503), OkNetworkError("reset"), OkApiError(2), OkHttpError(429)):
        highest.clear()
        delays = [backoff_delay(attempt, exc) for attempt in range(7)]
        assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0], exc
        assert {low for low, _ in highest} == {0.25}, exc


@pytest.mark.parametrize("code", [8, 11])
def test_rate_limits_wait_longer_up_to_thirty_seconds(highest, code):
    delays = [backoff_delay(attempt, OkApiError(code)) for attempt in range(6)]
    assert delays == [2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert {low for low, _ in highest} == {1.0}


def test_backoff_takes_its_base_and_cap(highest):
    assert backoff_delay(0, base=1.0, cap=3.0) == 1.0
    assert backoff_delay(1, base=1.0, cap=3.0) == 2.0
    assert backoff_delay(2, base=1.0, cap=3.0) == 3.0
    assert highest == [(0.5, 1.0), (0.5, 2.0), (0.5, 3.0)]


def test_jitter_stays_within_its_bounds_and_rate_limits_always_wait_longer():
    random.seed(20240610)
    for attempt in range(6):
        plain = [backoff_delay(attempt, OkHttpError(503)) for _ in range(200)]
        limited = [backoff_delay(attempt, OkApiError(11)) for _ in range(200)]
        assert 0.25 <= min(plain) and max(plain) <= min(8.0, 0.5 * 2**attempt)
        assert 1.0 <= min(limited) and max(limited) <= min(30.0, 2.0 * 2**attempt)
        assert len(set(plain)) > 100  # jitter, not one fixed wait
    first_plain = [backoff_delay(0, OkNetworkError("reset")) for _ in range(200)]
    first_limited = [backoff_delay(0, OkApiError(8)) for _ in range(200)]
    assert max(first_plain) <= 0.5 < 1.0 <= min(first_limited)


def test_attempts_are_bounded_and_the_last_error_is_raised(highest, slept):
    errors = [OkHttpError(503), OkHttpError(502), OkNetworkError("reset"), OkHttpError(500), OkHttpError(504)]
    step = Step(*errors)
    waits: list[tuple[BaseException, float]] = []
    with pytest.raises(OkHttpError) as raised:
        retrying(step, on_wait=lambda e, d: waits.append((e, d)))
    assert step.calls == 4  # the default
    assert raised.value is errors[3]
    assert waits == [(errors[0], 0.5), (errors[1], 1.0), (errors[2], 2.0)]
    assert slept == [0.5, 1.0, 2.0]  # on_wait is told exactly the wait that follows


@pytest.mark.parametrize("attempts", [1, 2, 6])
def test_attempts_is_the_number_of_calls(attempts, slept):
    step = Always(OkNetworkError("reset"))
    with pytest.raises(OkNetworkError):
        retrying(step, attempts=attempts)
    assert step.calls == attempts
    assert len(slept) == attempts - 1


def test_success_on_the_last_attempt_counts(slept):
    step = Step(OkHttpError(503), OkHttpError(503), result="topic 1")
    assert retrying(step, attempts=3) == "topic 1"
    assert step.calls == 3


def test_a_step_that_succeeds_runs_once_and_never_waits(slept):
    step = Step(result="topic 7")
    waits: list[float] = []
    assert retrying(step, on_wait=lambda e, d: waits.append(d)) == "topic 7"
    assert step.calls == 1
    assert waits == [] and slept == []


def test_rate_limited_retries_wait_the_rate_limit_backoff(highest, slept):
    step = Step(OkApiError(8, "flood"), OkApiError(11, "limit"), result="topic 2")
    waits: list[float] = []
    assert retrying(step, on_wait=lambda e, d: waits.append(d)) == "topic 2"
    assert waits == [2.0, 4.0]
    assert slept == [2.0, 4.0]


def test_the_backoff_waits_on_the_cancel_token(highest, slept):
    token = WaitingToken()
    step = Step(OkHttpError(503), OkHttpError(503))
    assert retrying(step, cancel=token) == "done"
    assert token.waits == [0.5, 1.0]
    assert slept == []  # never an uninterruptible sleep when a token is given


def test_sleep_without_a_token_sleeps(slept):
    assert sleep(0.75, None) is None
    assert slept == [0.75]


def test_sleep_with_a_token_waits_on_it_and_returns_when_not_cancelled(slept):
    token = WaitingToken()
    assert sleep(1.5, token) is None
    assert token.waits == [1.5]
    assert slept == []


def in_thread(run) -> tuple[threading.Thread, list[BaseException]]:
    """Starts run() in a thread; the list gets what it raised. A test joins it with a generous limit: the
    waits under test are an hour long, so a wait that is not cut short shows, however slow the machine."""
    raised: list[BaseException] = []

    def target() -> None:
        try:
            run()
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, raised


def test_sleep_raises_at_once_when_cancelled():
    token = CancelToken()
    token.cancel()
    thread, raised = in_thread(lambda: sleep(3600.0, token))
    thread.join(60)
    assert not thread.is_alive(), "an hour's wait was not cut short by the cancel"
    [error] = raised
    assert isinstance(error, OkCancelled)
    assert_plain_cancel(error)


def test_cancel_before_the_first_attempt_runs_nothing():
    token = CancelToken()
    token.cancel()
    step = Step()
    with pytest.raises(OkCancelled) as raised:
        retrying(step, cancel=token)
    assert step.calls == 0
    assert_plain_cancel(raised.value)


def test_cancel_while_a_step_fails_stops_without_a_retry(slept):
    token = CancelToken()

    def step() -> str:
        token.cancel()
        raise OkNetworkError("reset")

    waits: list[float] = []
    with pytest.raises(OkCancelled) as raised:
        retrying(step, cancel=token, on_wait=lambda e, d: waits.append(d))
    assert_plain_cancel(raised.value)  # not the network error the cancel caused
    assert waits == [] and slept == []


def test_cancel_during_a_backoff_stops_the_wait_promptly(monkeypatch):
    monkeypatch.setattr(random, "uniform", lambda low, high: 3600.0)  # an hour's backoff
    token = CancelToken()
    step = Always(OkHttpError(503))
    waiting = threading.Event()
    thread, raised = in_thread(lambda: retrying(step, cancel=token, on_wait=lambda e, d: waiting.set()))
    assert waiting.wait(60)
    token.cancel()
    thread.join(60)
    assert not thread.is_alive(), "the backoff was not cut short by the cancel"
    [error] = raised
    assert isinstance(error, OkCancelled)
    assert_plain_cancel(error)
    assert step.calls == 1


def test_a_cancel_token_that_stays_unset_changes_nothing(slept):
    token = WaitingToken()
    step = Step(OkNetworkError("reset"), result="topic 3")
    assert retrying(step, cancel=token) == "topic 3"
    assert step.calls == 2
