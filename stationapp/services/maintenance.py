"""Opening the station's database: connect, back up, migrate, refuse what is too new."""

from __future__ import annotations

import logging
from pathlib import Path

import peewee

from stationapp import config
from stationapp.db import open_database
from stationapp.migrations import check_not_newer, migrate

log = logging.getLogger(__name__)


def backup_before_migration(db: peewee.Database, from_version: int) -> Path | None:
    """Copy a SQLite database into the backup folder; other databases are logged only."""
    if not isinstance(db, peewee.SqliteDatabase):
        log.warning(
            "no automatic pre-migration backup for %s; back it up with its own tools",
            type(db).__name__,
        )
        return None
    from stationapp.services import backup

    try:
        settings = backup.backup_settings()
    except peewee.DatabaseError:
        settings = backup.BackupSettings(folder=config.backup_dir())
    return backup.make_backup(
        f"sqlite:///{Path(db.database).as_posix()}",
        kind=backup.BEFORE_MIGRATION,
        settings=settings,
    )


def open_station_database(url: str) -> peewee.Database:
    """Open ``url``, upgrade its schema (after a backup) and return it, bound to the proxy.

    Raises SchemaTooNew or NotStationDatabase (both leave the file untouched).
    """
    db = open_database(url)
    try:
        check_not_newer(db)
        if isinstance(db, peewee.SqliteDatabase):
            # Readers never block the writer; persisted in the file, set once it is known ours.
            db.pragma("journal_mode", "wal")
        migrate(db, backup=lambda version: backup_before_migration(db, version))
    except BaseException:
        db.close()
        raise
    return db
