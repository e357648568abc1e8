"""Making a backup: the SQLite copy, the backup on request (audited) and the daily one."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from stationapp.db import now, read_only_uri, sqlite_path, transaction
from stationapp.models.accounts import Staff
from stationapp.services import private_files
from stationapp.services.accounts import audit, require
from stationapp.services.backup.checking import _record_source
from stationapp.services.backup.files import (
    _backup_failed,
    _free_name,
    _private,
    list_backups,
    os_user,
    rotate,
)
from stationapp.services.backup.postgres import dump_postgresql
from stationapp.services.backup.settings import (
    DAILY,
    MANUAL,
    ROTATED,
    BackupError,
    BackupSettings,
    backup_settings,
    remember_folder,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def copy_sqlite(
    source: Path, target: Path, *, progress: Callable[[int, int], None] | None = None
) -> Path:
    """Copy the SQLite database ``source`` to ``target`` with the online backup API, verify the
    copy and move it into place. The source may be in use by other connections."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Created 0600 before a byte is written: never readable by others, not even meanwhile.
        partial = private_files.new_partial(target, suffix=".partial")
    except OSError as exc:
        raise BackupError(_backup_failed(exc)) from exc
    try:
        src = sqlite3.connect(read_only_uri(source.resolve()), uri=True, timeout=30)
        try:
            dst = sqlite3.connect(str(partial))
            try:

                def step(_status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress(total - remaining, total)

                src.backup(dst, pages=4096, progress=step)
                # A backup holds no journal: the file alone is the whole database.
                dst.execute("PRAGMA journal_mode=DELETE")
                _record_source(dst, source)
                rows = dst.execute("PRAGMA integrity_check").fetchall()
            finally:
                dst.close()
        finally:
            src.close()
        if [tuple(r) for r in rows] != [("ok",)]:
            raise BackupError(
                translate(
                    "Backup",
                    "The copy failed its integrity check ({reason}); the database itself may be "
                    "damaged. Keep the older backups and ask for help.",
                ).format(reason="; ".join(str(r[0]) for r in rows[:3]))
            )
        _private(partial)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(_backup_failed(exc)) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(_backup_failed(exc)) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def make_backup(
    url: str,
    *,
    kind: str = MANUAL,
    target: Path | None = None,
    settings: BackupSettings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Back up the database at ``url`` into the backup folder (or to ``target``: a file, or a
    folder) and rotate the folder; returns the file written."""
    settings = settings or backup_settings()
    source = sqlite_path(url)
    ext = "db" if source is not None else "dump"
    if target is None:
        destination = _free_name(settings.folder, kind, ext)
    elif target.is_dir() or not target.suffix:
        destination = _free_name(target, kind, ext)
    else:
        destination = target
    if source is not None:
        copy_sqlite(source, destination, progress=progress)
    elif url.startswith("postgres"):
        dump_postgresql(url, destination)
    else:
        raise BackupError(translate("Backup", "This kind of database cannot be backed up here."))
    log.info("backup (%s) written to %s", kind, destination)
    if destination.parent == settings.folder:
        rotate(settings.folder, settings.keep_daily, settings.keep_monthly)
    remember_folder(destination.parent)
    return destination


def backup_now(actor: Staff, url: str, *, target: Path | None = None, progress=None) -> Path:
    """The administrator's "Back up now": a manual backup, audited."""
    require(actor, "backup.manage")
    path = make_backup(url, kind=MANUAL, target=target, progress=progress)
    record_backup(actor, path)
    return path


def record_backup(actor: Staff | None, path: Path, *, via: str = "window") -> None:
    """Audit a backup made on request (made off the window's thread), with the
    operating-system user, and log it outside the database. ``actor`` None: the command line,
    which trusts whoever can open the database (the OS user says who)."""
    if actor is not None:
        require(actor, "backup.manage")
    details = {"file": str(path), "os_user": os_user(), "via": via}
    with transaction():
        audit(actor, "backup", "database", None, details)
    log.info(
        "backup audited: staff %s, %s",
        actor.username if actor is not None else "-",
        json.dumps(details, ensure_ascii=False, sort_keys=True),
    )


def daily_backup_due(url: str, settings: BackupSettings | None = None) -> bool:
    """True when no backup of today exists yet in the backup folder."""
    settings = settings or backup_settings()
    today = now().date()
    return not any(
        b.made_at.date() == today and b.kind in ROTATED for b in list_backups(settings.folder)
    )


def daily_backup(url: str, settings: BackupSettings | None = None) -> Path | None:
    """Make today's automatic backup unless one exists; returns its path or None."""
    settings = settings or backup_settings()
    if not daily_backup_due(url, settings):
        return None
    return make_backup(url, kind=DAILY, settings=settings)
