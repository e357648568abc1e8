"""Opening the station's database: connect, back up, migrate, refuse what is too new."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import peewee

from stationapp import config
from stationapp.db import BUSY_TIMEOUT_SECONDS, open_database, read_only_uri
from stationapp.migrations import (
    CURRENT_VERSION,
    NotStationDatabase,
    check_not_newer,
    migrate,
)

log = logging.getLogger(__name__)


# Any fixed 64-bit number: the key of the PostgreSQL advisory lock every desk takes while it
# checks and migrates the schema, so two desks starting a new version never migrate at once.
MIGRATION_LOCK_KEY = 0x5354_4E41_5050  # "STNAPP"
# A desk waits this long for another desk's migration before giving up.
MIGRATION_LOCK_WAIT = "15min"


def backup_before_migration(db: peewee.Database, url: str, from_version: int) -> Path | None:
    """Copy the database into the backup folder before the first migration step: a SQLite
    file with the backup API, a PostgreSQL database with pg_dump when this desk has it."""
    from stationapp.services import backup

    if isinstance(db, peewee.SqliteDatabase):
        url = f"sqlite:///{Path(db.database).as_posix()}"
    elif not isinstance(db, peewee.PostgresqlDatabase) or backup.pg_dump_path() is None:
        log.warning(
            "no automatic pre-migration backup of %s (no pg_dump here); back it up on the server",
            type(db).__name__,
        )
        return None
    try:
        settings = backup.backup_settings()
    except peewee.DatabaseError:
        settings = backup.BackupSettings(folder=config.backup_dir())
    return backup.make_backup(url, kind=backup.BEFORE_MIGRATION, settings=settings)


@contextmanager
def migration_lock(db: peewee.Database) -> Iterator[None]:
    """On PostgreSQL, hold the session's advisory migration lock for the block; on SQLite each
    step's transaction is the lock."""
    if not isinstance(db, peewee.PostgresqlDatabase):
        yield
        return
    with db.atomic():
        # The usual lock timeout is a few seconds; another desk's migration may take minutes.
        db.execute_sql("SELECT set_config('lock_timeout', %s, true)", (MIGRATION_LOCK_WAIT,))
        db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
    try:
        yield
    finally:
        try:
            db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
        except peewee.DatabaseError:
            # A lost connection has released its session's locks already.
            log.warning("could not release the migration lock", exc_info=True)


def _use_wal(db: peewee.SqliteDatabase) -> None:
    """Switch the file to WAL. The switch needs the file to itself and SQLite does not wait for
    it (no busy handler): desks starting at once on a new file retry for the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            db.pragma("journal_mode", "wal")
            return
        except peewee.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def sqlite_schema_version(path: Path) -> int | None:
    """The schema version of the SQLite file ``path``, read without opening it for the
    application (0 for an empty file), or None when it cannot be read: a quick look at the
    start, to know whether an upgrade is coming."""
    import sqlite3

    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(read_only_uri(path.resolve()), uri=True, timeout=1)
    except sqlite3.Error:
        return None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_version" not in tables:
            return 0 if not tables else None
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        return int(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()


def _up_to_date_without_lock(db: peewee.Database) -> bool:
    """Whether the database is at this version, read without the migration lock. A database
    another desk is migrating from empty has its first tables but no version yet: that is
    "not known here", and the lock (held by that desk) settles it."""
    try:
        return check_not_newer(db) == CURRENT_VERSION
    except NotStationDatabase:
        return False


def open_station_database(
    url: str, *, progress: Callable[[int, int, str], None] | None = None
) -> peewee.Database:
    """Open ``url``, upgrade its schema (after a backup) and return it, bound to the proxy.

    Raises SchemaTooNew or NotStationDatabase (both leave the database untouched). On
    PostgreSQL the check and the migration run under an advisory lock: of several desks starting
    a new version at once, the first migrates and the others find the work done (a database
    already at this version is only read, without the lock). ``progress``
    hears of the upgrade's steps (see migrations.migrate).
    """
    db = open_database(url)
    try:
        if isinstance(db, peewee.PostgresqlDatabase) and _up_to_date_without_lock(db):
            # Up to date, the start of every day: no desk migrates it, so no lock to wait for
            # (two of the start's round trips to the server instead of seven).
            return db
        with migration_lock(db):
            version = check_not_newer(db)
            if isinstance(db, peewee.SqliteDatabase):
                # Readers never block the writer; persisted in the file, set once it is known ours.
                _use_wal(db)
            if version < CURRENT_VERSION:
                migrate(
                    db,
                    backup=lambda version: backup_before_migration(db, url, version),
                    progress=progress,
                )
    except BaseException:
        db.close()
        raise
    return db
