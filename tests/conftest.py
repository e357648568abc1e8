"""Shared by every test: offscreen Qt, private data folders, a fresh database per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, logs and QSettings go to a temporary folder: never the user's own."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("STATIONAPP_DATA_DIR", str(home))
    monkeypatch.delenv("STATIONAPP_DATABASE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return home


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'station.db').as_posix()}"


@pytest.fixture
def db(db_url: str) -> Iterator[object]:
    """A fresh, migrated SQLite database bound to the proxy."""
    from stationapp.db import close_database
    from stationapp.services.maintenance import open_station_database

    database = open_station_database(db_url)
    yield database
    close_database()


@pytest.fixture
def admin(db: object):
    from stationapp.services import accounts

    return accounts.create_first_admin(
        username="admin",
        display_name="王站长",
        password="correct-horse-1",
        station_name="建国门街道工会服务站",
        case_prefix="建工调",
    )


@pytest.fixture
def make_staff(admin):
    """Create a staff member with the given roles (password ``password-123``)."""
    from stationapp.services import accounts

    def make(username: str, *roles: str):
        staff = accounts.create_staff(
            admin,
            username=username,
            display_name="测试员",
            roles=list(roles),
            password="password-123",
        )
        return staff

    return make
