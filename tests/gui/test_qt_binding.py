"""The Qt binding itself: bugs in it that would crash a long session are caught here first."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel

CALLS = 500


class _Bus(QObject):
    changed = Signal(str)


def _drift(call) -> tuple[int, int]:
    before = (sys.getrefcount(None), sys.getrefcount(True))
    for _ in range(CALLS):
        call()
    return sys.getrefcount(None) - before[0], sys.getrefcount(True) - before[1]


def test_emitting_a_signal_keeps_the_reference_count_of_true(qapp) -> None:
    """PySide6 6.12.0 lowers True's reference count on every emit(): every change a service
    announces is one emit, and under Python 3.11 the process aborts ("bool_dealloc") once the
    count reaches zero, which a day at the desk or the test suite does (pyproject.toml)."""
    bus = _Bus()
    received: list[str] = []
    bus.changed.connect(received.append)
    _none, true = _drift(lambda: bus.changed.emit("visit"))
    assert len(received) == CALLS
    assert abs(true) < CALLS // 10


def test_calling_a_method_that_returns_nothing_keeps_the_reference_count_of_none(qtbot) -> None:
    """PySide6 6.12.0 lowers None's reference count on every call of a method returning nothing
    (setText, update, processEvents...): the same abort, "none_dealloc"."""
    label = QLabel()
    qtbot.addWidget(label)
    for call in (lambda: label.setText("x"), label.update, QCoreApplication.processEvents):
        none, _true = _drift(call)
        assert abs(none) < CALLS // 10, call
