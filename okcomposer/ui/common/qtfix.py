"""Workarounds for bugs of the installed PySide6 (QtCore only), applied once on first import."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


def emit_drops_a_true_reference() -> bool:
    """Whether SignalInstance.emit() called from Python takes away a reference to True."""
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()
    return sys.getrefcount(True) < before


def guard_emit_refcount() -> bool:
    """Keep PySide6's emit() from freeing True; returns whether the guard was needed.

    PySide6 6.12 bug: SignalInstance.emit() returns True without a reference of its own, so each emit() from
    Python costs True one reference. On CPython 3.11, where True is an ordinary object with a few hundred
    references, the interpreter aborts with "bool_dealloc: deallocating True or False" after a few hundred
    emits (a 20-photo upload's progress is enough). Signals emitted by C++ are not affected, and neither is
    CPython 3.12+, where True is immortal. The guard gives True the huge reference count 3.12 gives it.
    """
    if sys.version_info >= (3, 12) or not emit_drops_a_true_reference():
        return False
    ctypes.c_ssize_t.from_address(id(True)).value += 1 << 40  # ob_refcnt is the first field of every object
    return True


GUARDED = guard_emit_refcount()
