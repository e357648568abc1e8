"""The Qt binding itself: bugs in it that would crash a long session are caught here first."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from stationapp import _qtfix


class _Bus(QObject):
    changed = Signal(str)


def test_emitting_a_signal_keeps_the_reference_count_of_true(qapp) -> None:
    """PySide6 6.12.0 decrements True's reference count on every emit(): every change a service
    announces is one emit, and under Python 3.11 the process aborts ("bool_dealloc") once the
    count reaches zero, which a day at the desk or the test suite does. stationapp/_qtfix.py,
    installed on import, gives the reference back; a release without the bug needs nothing."""
    bus = _Bus()
    received: list[str] = []
    bus.changed.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False))
    for _ in range(500):
        bus.changed.emit("visit")
    after = (sys.getrefcount(True), sys.getrefcount(False))
    assert len(received) == 500
    assert abs(after[0] - before[0]) < 50 and abs(after[1] - before[1]) < 50, (before, after)


def test_the_work_around_leaves_emit_balanced(qapp) -> None:
    _qtfix.install()  # installed on import already: a second call changes nothing
    assert not _qtfix.emit_drops_true()
