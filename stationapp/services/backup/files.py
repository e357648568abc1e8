"""Backup files: their names, listing a folder, the rotation that keeps the newest of each day and
month, the files' permissions."""

from __future__ import annotations

import logging
import os
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from stationapp import config
from stationapp.db import now
from stationapp.services.backup.settings import (
    KINDS,
    MIN_KEEP_DAILY,
    NAME_RE,
    ROTATED,
    BackupFile,
    known_folders,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def parse_name(path: Path) -> tuple[str, datetime] | None:
    match = NAME_RE.match(path.name)
    if match is None or match["kind"] not in KINDS:
        return None
    try:
        return match["kind"], datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, newest first (files named by this module only)."""
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = parse_name(path)
        if parsed is None or not path.is_file():
            continue
        found.append(BackupFile(path, parsed[0], parsed[1], path.stat().st_size))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def newest_backup(folders: list[Path] | None = None) -> BackupFile | None:
    """The newest SQLite backup in any known folder (for recovering a lost database)."""
    candidates = [
        b
        for folder in (folders if folders is not None else known_folders())
        for b in list_backups(folder)
        if b.path.suffix == ".db"
    ]
    return max(candidates, key=lambda b: b.made_at, default=None)


def to_remove(backups: list[BackupFile], keep_daily: int, keep_monthly: int) -> list[BackupFile]:
    """The rotated backups beyond the newest of each of the last ``keep_daily`` days and
    ``keep_monthly`` months (days and months that have a backup). Never fewer than
    MIN_KEEP_DAILY days, whatever the settings say."""
    keep_daily = max(keep_daily, MIN_KEEP_DAILY)
    keep_monthly = max(keep_monthly, 0)
    rotated = sorted(
        (b for b in backups if b.kind in ROTATED), key=lambda b: b.made_at, reverse=True
    )
    keep: set[Path] = set()
    days: list[date] = []
    months: list[tuple[int, int]] = []
    for backup in rotated:
        day = backup.made_at.date()
        if day not in days:
            days.append(day)
            if len(days) <= keep_daily:
                keep.add(backup.path)
        month = (day.year, day.month)
        if month not in months:
            months.append(month)
            if len(months) <= keep_monthly:
                keep.add(backup.path)
    return [b for b in rotated if b.path not in keep]


def rotate(folder: Path, keep_daily: int, keep_monthly: int) -> list[Path]:
    removed: list[Path] = []
    for backup in to_remove(list_backups(folder), keep_daily, keep_monthly):
        try:
            backup.path.unlink()
            removed.append(backup.path)
        except OSError:
            log.warning("could not remove old backup %s", backup.path, exc_info=True)
    return removed


def backup_file_name(kind: str, when: datetime | None = None, *, ext: str = "db") -> str:
    return f"stationapp-{kind}-{(when or now()).strftime('%Y%m%d-%H%M%S')}.{ext}"


def _free_name(folder: Path, kind: str, ext: str) -> Path:
    name = backup_file_name(kind, ext=ext)
    target = folder / name
    counter = 1
    while target.exists():
        counter += 1
        target = folder / name.replace(f".{ext}", f"-{counter}.{ext}")
    return target


def _private(path: Path) -> None:
    if config.is_windows():
        return  # no modes there (see private_files.make_private)
    try:
        os.chmod(path, 0o600)
    except OSError:
        log.warning("could not restrict the permissions of %s", path)


def _backup_failed(exc: BaseException) -> str:
    reason = getattr(exc, "strerror", None) or str(exc)
    return translate("Backup", "The backup could not be written: {reason}").format(reason=reason)


def os_user() -> str:
    """The operating-system account running this program (for the audit trail and the log)."""
    return config.os_user()
