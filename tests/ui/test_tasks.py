"""ui.tasks: work off the GUI thread, results and errors back on it, cancel, ordered lanes, closing."""

from __future__ import annotations

import threading

from okcomposer.api.errors import OkCancelled
from okcomposer.ui.common.tasks import Lane, TaskGroup


def test_result_and_progress_arrive_on_the_gui_thread(qtbot):
    seen: dict[str, int] = {}
    group = TaskGroup()

    def work(report, cancel):
        seen["thread"] = threading.get_ident()
        report(50)
        return 42

    progress: list[int] = []
    results: list[int] = []
    task = group.run(work, results.append, progress=progress.append, name="okc-test")
    assert task is not None
    with qtbot.waitSignal(group.all_done, timeout=5000):
        pass
    assert results == [42] and progress == [50]
    assert seen["thread"] != threading.get_ident()
    assert task.future.result(0) == 42 and not task.running


def test_failure_carries_the_exception_and_settles_the_future(qtbot):
    group = TaskGroup(report_bugs=False)
    failures: list[BaseException] = []

    def work(report, cancel):
        raise ValueError("bad photo")

    task = group.run(work, failed=failures.append)
    assert task is not None
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        pass
    exc, text = failed.args
    assert isinstance(exc, ValueError) and "bad photo" in text
    qtbot.waitUntil(lambda: not group.busy, timeout=5000)
    assert failures == [exc] and task.future.exception(0) is exc


def test_stop_cancels_a_long_task_and_refuses_new_ones(qtbot):
    group = TaskGroup()
    started = threading.Event()

    def work(report, cancel):
        started.set()
        cancel.wait(30)
        raise OkCancelled("cancelled")

    failures: list[BaseException] = []
    assert group.run(work, failed=failures.append, name="okc-long") is not None
    assert started.wait(5)
    assert group.stop(10_000)
    assert len(failures) == 1 and isinstance(failures[0], OkCancelled)
    assert group.run(lambda report, cancel: 1) is None
    assert not [t for t in threading.enumerate() if t.name == "okc-long"]


def test_a_lane_of_one_runs_in_order_on_one_thread_and_needs_no_event_loop():
    lane = Lane(1)
    order: list[int] = []
    threads: set[int] = set()
    gate = threading.Event()

    def job(n: int):
        def run() -> None:
            gate.wait(5)
            order.append(n)
            threads.add(threading.get_ident())

        return run

    for n in range(20):
        lane.put(job(n), "okc-lane")
    gate.set()
    assert lane.wait(10)  # the GUI thread may block on it: the lane's thread takes the next job itself
    assert order == list(range(20)) and len(threads) == 1
    assert not [t for t in threading.enumerate() if t.name == "okc-lane"]


def test_a_lane_keeps_to_its_limit():
    lane = Lane(2)
    running, most = [0], [0]
    lock = threading.Lock()

    def job() -> None:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        threading.Event().wait(0.01)
        with lock:
            running[0] -= 1

    for _ in range(12):
        lane.put(job, "okc-lane")
    assert lane.wait(10)
    assert most[0] == 2


def test_a_future_may_be_waited_on_from_the_gui_thread(qtbot):
    """save_before_crash blocks the GUI thread on the disk queue: queued work must still run."""
    group = TaskGroup(lane=Lane(1))
    gate = threading.Event()
    group.run(lambda report, cancel: gate.wait(5))
    last = group.run(lambda report, cancel: "written")
    assert last is not None
    gate.set()
    assert last.future.result(timeout=5) == "written"
    qtbot.waitUntil(lambda: not group.busy, timeout=5000)


def test_close_finishes_the_queued_work_and_drops_the_answers(qtbot):
    group = TaskGroup(lane=Lane(1))
    written: list[int] = []
    told: list[int] = []
    for n in range(5):
        group.run(lambda report, cancel, n=n: written.append(n) or n, told.append)
    assert group.close(5000)
    assert written == [0, 1, 2, 3, 4]
    qtbot.wait(50)
    assert told == [] and group.run(lambda report, cancel: 1) is None


def test_no_callback_reaches_a_deleted_owner(qtbot):
    from PySide6.QtCore import QObject

    owner = QObject()
    group = TaskGroup(owner)
    gate = threading.Event()
    told: list[object] = []
    task = group.run(lambda report, cancel: gate.wait(5), told.append)
    assert task is not None
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: task.future.done(), timeout=5000)
    qtbot.wait(50)
    assert told == []


def _valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_wait_returns_only_once_every_thread_of_the_lane_has_ended():
    # A thread that found no more jobs has left the lane's set but still runs its last lines: wait() must
    # join it too (the window's teardown checks no "okc-" thread is left). A profile hook widens that gap.
    import time

    def slow_exit(frame, event, _arg):
        if event == "return" and frame.f_code.co_name == "_take":
            time.sleep(0.2)

    threading.setprofile(slow_exit)
    try:
        lane = Lane(1)
        lane.put(lambda: None, "okc-wait")
        assert lane.wait(5)
        assert not [t for t in threading.enumerate() if t.name == "okc-wait" and t.is_alive()]
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]


def test_stop_ends_when_a_deferred_delete_takes_the_group_while_it_waits(qtbot):
    """The wait's event loop may run a deleteLater of the group's parent (a composer whose window closed):
    all_done can then never come, so the group's end ends the wait, not stop's timeout (which made a test's
    teardown, and would make closing the window, take 15 s)."""
    import time

    from PySide6.QtCore import QObject

    owner = QObject()
    group = TaskGroup(owner)
    lane = group.lane
    release = threading.Event()
    group.run(lambda _r, _c: release.wait(5))
    owner.deleteLater()  # run by stop's own event loop
    threading.Timer(0.2, release.set).start()
    started = time.monotonic()
    group.stop(timeout_ms=60_000)
    assert time.monotonic() - started < 30  # ends with the group (~0.2 s), far from the 60 s timeout
    release.set()
    assert lane.wait(5)  # its thread ends too (the next test looks for threads left)
