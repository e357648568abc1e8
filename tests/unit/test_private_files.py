"""Files holding personal data are created readable by their owner only (issue #8 item 9)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from stationapp import config
from stationapp.db import sqlite_path
from stationapp.services import backup, people

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.sqlite_only("the file, its -wal file and file backups are SQLite's")
def test_database_wal_and_backups_are_private(admin, db_url: str) -> None:
    people.create_person(admin, people.PersonInput(name="张三", phone="13900000001"))
    path = sqlite_path(db_url)
    assert _mode(path) == 0o600
    wal = path.with_name(path.name + "-wal")
    assert wal.exists() and _mode(wal) == 0o600
    assert _mode(backup.backup_now(admin, db_url)) == 0o600
    assert _mode(config.backup_dir()) == 0o700


def test_an_existing_database_keeps_its_permissions(tmp_path: Path) -> None:
    from stationapp.db import close_database
    from stationapp.services.maintenance import open_station_database

    shared = tmp_path / "shared.db"
    shared.touch()
    shared.chmod(0o660)  # a file several desks share through a group
    open_station_database(f"sqlite:///{shared.as_posix()}")
    close_database()
    assert _mode(shared) == 0o660


def test_logs_are_private_even_after_rotation(tmp_path: Path) -> None:
    from stationapp.app import PrivateRotatingFileHandler

    path = tmp_path / "logs" / "stationapp.log"
    config.create_private_file(path)
    handler = PrivateRotatingFileHandler(path, maxBytes=200, backupCount=2, encoding="utf-8")
    logger = logging.getLogger("test-private-logs")
    logger.addHandler(handler)
    try:
        for n in range(20):
            logger.warning("张三 13900000001 line %s", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted(path.parent.iterdir())
    assert len(files) == 3
    assert all(_mode(f) == 0o600 for f in files)


def test_setup_logging_creates_a_private_log(monkeypatch) -> None:
    from stationapp import app

    root = logging.getLogger()
    before = list(root.handlers)
    try:
        app.setup_logging()
        log_file = config.log_dir() / "stationapp.log"
        assert log_file.exists() and _mode(log_file) == 0o600
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
