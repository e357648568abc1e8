"""Restoring a backup: checked, staged, the desk's own backup settings kept, the current file moved
aside, audited."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp import config
from stationapp.db import database, now, read_only_uri, sqlite_path, transaction
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services.accounts import audit, require
from stationapp.services.backup.checking import _damaged, check_backup_file
from stationapp.services.backup.files import _private, os_user
from stationapp.services.backup.making import make_backup
from stationapp.services.backup.settings import (
    BACKUP_INFO,
    BEFORE_RESTORE,
    DESK_SETTINGS,
    BackupError,
    BackupSettings,
    backup_settings,
    known_folders,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def restore(
    url: str,
    source: Path,
    *,
    actor: Staff | None = None,
    via: str = "window",
    settings: BackupSettings | None = None,
) -> Path | None:
    """Replace the SQLite database at ``url`` with the backup ``source``.

    The backup is copied to a private file beside the database and that copy is checked (a bad
    file, or one that is not exactly a clean stationapp database, raises BackupError and
    nothing changes); the desk's own settings (the backup folder and how many copies are kept)
    are carried over from the current database into the copy, never taken from the file; the
    current database is backed up before it is replaced (returned path; None when there was no
    readable current database). Works while the database is open here: the backup API writes
    into the live file under an exclusive lock, so other connections see the restored data.
    The caller re-opens the database (open_station_database) to migrate an older backup and
    records the restore there (record_restore). ``settings`` says where the safety copy goes
    (read from the open database when not given).
    """
    current = sqlite_path(url)
    if current is None:
        raise BackupError(
            translate(
                "Backup",
                "Only a SQLite database can be restored here. Restore a PostgreSQL database with "
                "pg_restore on the server (see the deployment guide).",
            )
        )
    if actor is not None:
        require(actor, "backup.manage")
    try:
        check_backup_file(source, contents=False)
        if current.exists() and source.resolve() == current.resolve():
            raise BackupError(translate("Backup", "This is the database itself, not a backup."))
    except BackupError as exc:
        log_refusal(source, via, actor, exc)
        raise
    current.parent.mkdir(parents=True, exist_ok=True)
    staging = current.with_name(f".{current.name}.restore-{os.getpid()}.partial")
    try:
        try:
            _stage(source, staging)
            checked = check_backup_file(staging, name=source.name)
        except BackupError as exc:
            log_refusal(source, via, actor, exc)
            raise
        usable = current.exists() and _usable(current)
        desk = _desk_settings(current) if usable else {}
        _make_restorable(staging, desk)
        safety: Path | None = None
        if current.exists() and not usable:
            # Damaged or foreign: keep the file as it is, beside the new one.
            aside = current.with_name(f"{current.name}.damaged-{now():%Y%m%d-%H%M%S}")
            _move_aside(current, aside)
            log.warning("moved the unusable database %s aside to %s", current, aside)
        elif usable:
            safety = make_backup(
                url, kind=BEFORE_RESTORE, settings=settings or _settings_or_default()
            )
        _copy_into(staging, current)
    finally:
        staging.unlink(missing_ok=True)
    log.info(
        "restored %s from %s (station %r, schema %s) via %s by staff %s, operating-system user "
        "%s; previous database saved as %s",
        current,
        source,
        checked.station_name,
        checked.schema_version,
        via,
        actor.username if actor is not None else "-",
        os_user(),
        safety or "-",
    )
    return safety


def log_refusal(source: Path, via: str, staff: Staff | None, exc: UserError) -> None:
    """Note a refused restore in the log (outside the database, which it did not change)."""
    log.warning(
        "restore from %s refused (via %s, staff %s, operating-system user %s): %s",
        source,
        via,
        staff.username if staff is not None else "-",
        os_user(),
        exc.message,
    )


def _usable(path: Path) -> bool:
    try:
        check_backup_file(path, contents=False)
    except BackupError:
        return False
    return True


def _stage(source: Path, staging: Path) -> None:
    """A private copy of the file to restore: what is checked is what is restored, whatever
    happens to the original (a USB stick) meanwhile."""
    staging.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(read_only_uri(source.resolve()), uri=True)
        try:
            dst = sqlite3.connect(str(staging))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise BackupError(_damaged(source.name, str(exc))) from exc
    _private(staging)


def _desk_settings(current: Path) -> dict[str, str]:
    """This desk's backup folder and retention as the current database has them."""
    try:
        conn = sqlite3.connect(read_only_uri(current.resolve()), uri=True, timeout=30)
        try:
            marks = ", ".join("?" for _ in DESK_SETTINGS)
            return dict(
                conn.execute(
                    f"SELECT key, value FROM setting WHERE key IN ({marks})", DESK_SETTINGS
                ).fetchall()
            )
        finally:
            conn.close()
    except sqlite3.Error:
        log.warning("could not read the backup settings of %s", current, exc_info=True)
        return {}


def _make_restorable(staging: Path, desk: dict[str, str]) -> None:
    """The copy becomes the database again: no backup identity, and the desk's own backup
    settings instead of the file's (the defaults when there were none)."""
    conn = sqlite3.connect(str(staging))
    try:
        with conn:
            conn.execute(f"DROP TABLE IF EXISTS {BACKUP_INFO}")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "setting" in tables:
                marks = ", ".join("?" for _ in DESK_SETTINGS)
                conn.execute(f"DELETE FROM setting WHERE key IN ({marks})", DESK_SETTINGS)
                conn.executemany(
                    "INSERT INTO setting (key, value) VALUES (?, ?)",
                    [(key, value) for key, value in desk.items() if key in DESK_SETTINGS],
                )
    except sqlite3.Error as exc:
        raise BackupError(_damaged(staging.name, str(exc))) from exc
    finally:
        conn.close()


def _settings_or_default() -> BackupSettings:
    try:
        if database.obj is not None and not database.is_closed():
            return backup_settings()
    except peewee.DatabaseError:
        pass
    return BackupSettings(folder=known_folders()[0])


def _move_aside(current: Path, aside: Path) -> None:
    os.replace(current, aside)
    for suffix in ("-wal", "-shm"):
        extra = current.with_name(current.name + suffix)
        if extra.exists():
            os.replace(extra, aside.with_name(aside.name + suffix))


def _copy_into(source: Path, target: Path) -> None:
    """Write ``source``'s pages into ``target`` (existing or new) in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    config.create_private_file(target)  # a new database is private even while it is written
    src = sqlite3.connect(read_only_uri(source.resolve()), uri=True)
    try:
        dst = sqlite3.connect(str(target), timeout=30)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise BackupError(
            translate("Backup", "The database could not be replaced: {reason}").format(reason=exc)
        ) from exc
    finally:
        src.close()
    _private(target)


def record_restore(
    username: str, source: Path, safety: Path | None, *, via: str = "window"
) -> None:
    """Audit a restore in the restored database, under the staff member of the same username
    when the restored database has one (ids differ between databases), with the
    operating-system user; and log it outside the database."""
    actor = Staff.get_or_none(Staff.username == username) if username else None
    details = {
        "from": str(source),
        "previous_saved_as": str(safety or ""),
        "by": username,
        "os_user": os_user(),
        "via": via,
    }
    with transaction():
        audit(actor, "restore", "database", None, details)
    log.info("restore audited: %s", json.dumps(details, ensure_ascii=False, sort_keys=True))
