"""A work-around for a reference-counting bug in the Qt binding, installed when stationapp is
imported.

PySide6 6.12.0's ``SignalInstance.emit()`` returns ``True`` without taking a reference to it.
Python 3.11's ``True`` is an ordinary object (it is immortal only from 3.12), so every emit
lowers its count by one, and a long session (every record a service changes is one emit) or
the test suite ends in "Fatal Python error: bool_dealloc". Earlier versions are free of the bug,
but their lupdate loses plural strings, so we cannot simply stay below 6.12.

``install()`` measures whether ``emit()`` drops the reference; only then it wraps ``emit`` to
give back the reference the binding took. tests/gui/test_qt_binding.py checks the result.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8
_installed = False


class _Probe(QObject):
    fired = Signal()


def _incref() -> ctypes._CFuncPtr:
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    return incref


def emit_drops_true() -> bool:
    """Whether emit() lowers True's reference count (the binding's bug); the probe's own loss is
    given back."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    incref = _incref()
    for _ in range(max(0, lost)):
        incref(True)
    return lost >= _PROBES // 2


def install() -> bool:
    """Wrap emit() if the binding needs it; True when the work-around is active."""
    global _installed
    if _installed or not emit_drops_true():
        return _installed
    broken = SignalInstance.emit
    incref = _incref()

    def emit(self: SignalInstance, *args: object) -> object:
        result = broken(self, *args)
        if result is True:
            incref(True)  # the reference the binding should have taken
        return result

    SignalInstance.emit = emit
    _installed = True
    return True
