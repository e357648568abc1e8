"""The PostgreSQL test server's data folder: on the RAM disk only when it has room to spare."""

from __future__ import annotations

import shutil
from collections import namedtuple

import pytest

from tests.helpers import pgserver

Usage = namedtuple("Usage", "total used free")


def test_a_ram_disk_with_room_holds_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(8 << 30, 0, 8 << 30))
    assert pgserver.ram_disk() == pgserver.RAM_DISK


def test_a_small_ram_disk_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    """A container's /dev/shm is often 64 MB: the template, its copies and the WAL would fill it."""
    monkeypatch.setattr(shutil, "disk_usage", lambda path: Usage(64 << 20, 0, 64 << 20))
    assert pgserver.ram_disk() is None


def test_no_ram_disk_is_passed_over(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(path: object) -> Usage:
        raise FileNotFoundError(path)

    monkeypatch.setattr(shutil, "disk_usage", missing)
    assert pgserver.ram_disk() is None
