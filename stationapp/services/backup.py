"""Backups and restores of the station's database (issue #7).

A SQLite backup is made with SQLite's online backup API from a connection of its own, so it is
consistent while the application (or another desk) keeps writing; it is written under a temporary
name, checked with ``PRAGMA integrity_check`` and only then renamed into place, so a file named
like a backup always is one. Rotation keeps the newest backup of each of the last 14 days that
have one and of each of the last 12 months; copies made before a migration or a restore are kept
until someone deletes them. PostgreSQL databases are backed up with ``pg_dump`` when it is
installed.

No Qt widgets here: the command line and the window both call these functions.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp import config
from stationapp.db import database, now, redact, split_password, sqlite_path, transaction
from stationapp.errors import UserError, ValidationError
from stationapp.migrations import APP_ID, CURRENT_VERSION
from stationapp.models.accounts import Setting, Staff
from stationapp.services import private_files
from stationapp.services.accounts import audit, require

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

BACKUP_FOLDER = "backup_folder"
KEEP_DAILY = "backup_keep_daily"
KEEP_MONTHLY = "backup_keep_monthly"
DEFAULT_KEEP_DAILY = 14
DEFAULT_KEEP_MONTHLY = 12

# Kinds of backup, part of the file name. Rotation applies to the first two only.
DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
BEFORE_MIGRATION = "before-migration"
KINDS = (DAILY, MANUAL, BEFORE_RESTORE, BEFORE_MIGRATION)
ROTATED = (DAILY, MANUAL)

NAME_RE = re.compile(
    r"^stationapp-(?P<kind>[a-z-]+?)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.(?P<ext>db|dump)$"
)
SQLITE_HEADER = b"SQLite format 3\x00"


class BackupError(UserError):
    """A backup or restore could not be made; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    keep_daily: int = DEFAULT_KEEP_DAILY
    keep_monthly: int = DEFAULT_KEEP_MONTHLY


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    made_at: datetime
    size: int


@dataclass(frozen=True)
class CheckedBackup:
    """What a restore would bring back: a verified stationapp database."""

    path: Path
    schema_version: int
    station_name: str
    made_at: datetime | None
    # The database file the backup was made from (recorded in each backup since issue 18;
    # None for an older backup or a copy made otherwise).
    source: Path | None = None

    def is_backup_of(self, database: Path) -> bool:
        """True when this is a backup of the database file ``database`` (missing or not)."""
        return self.source is not None and _same_file(self.source, database)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return a == b


# What each backup records about where it came from (its identity), in a table of its own that
# only backups have (the database's own tables stay as they were): the database file's path,
# the station's name and the time, as JSON. A restored database drops it again.
BACKUP_INFO = "stationapp_backup_info"
BACKUP_OF = "backup_of"


# --- settings ----------------------------------------------------------------------------


def backup_settings() -> BackupSettings:
    """Where backups go and how many are kept (station-wide, in the database)."""
    values = {
        s.key: s.value
        for s in Setting.select().where(Setting.key.in_([BACKUP_FOLDER, KEEP_DAILY, KEEP_MONTHLY]))
    }
    folder = Path(values[BACKUP_FOLDER]) if values.get(BACKUP_FOLDER) else config.backup_dir()
    return BackupSettings(
        folder=folder,
        keep_daily=_int(values.get(KEEP_DAILY), DEFAULT_KEEP_DAILY),
        keep_monthly=_int(values.get(KEEP_MONTHLY), DEFAULT_KEEP_MONTHLY),
    )


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text not in (None, "") else default
    except ValueError:
        return default


def save_backup_settings(actor: Staff, settings: BackupSettings) -> BackupSettings:
    """Store the backup folder and the rotation; the folder must exist or be creatable."""
    require(actor, "backup.manage")
    errors: dict[str, str] = {}
    folder = Path(str(settings.folder).strip()).expanduser()
    if not str(settings.folder).strip() or not folder.is_absolute():
        errors["folder"] = translate("Backup", "Choose a folder (a full path) for the backups.")
    else:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / ".stationapp-write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            errors["folder"] = translate(
                "Backup", "Backups cannot be written to this folder: {reason}"
            ).format(reason=exc.strerror or exc)
    for field, value, low, high in (
        ("keep_daily", settings.keep_daily, 1, 366),
        ("keep_monthly", settings.keep_monthly, 0, 240),
    ):
        if not isinstance(value, int) or not low <= value <= high:
            errors[field] = translate("Backup", "Enter a number from {low} to {high}.").format(
                low=low, high=high
            )
    if errors:
        raise ValidationError(next(iter(errors.values())), errors=errors)
    clean = BackupSettings(folder, settings.keep_daily, settings.keep_monthly)
    before = backup_settings()
    with transaction():
        for key, value in (
            (BACKUP_FOLDER, str(clean.folder)),
            (KEEP_DAILY, str(clean.keep_daily)),
            (KEEP_MONTHLY, str(clean.keep_monthly)),
        ):
            Setting.insert(key=key, value=value).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: value}
            ).execute()
        audit(
            actor,
            "backup_settings",
            "settings",
            None,
            {
                "folder": [str(before.folder), str(clean.folder)],
                "keep_daily": [before.keep_daily, clean.keep_daily],
                "keep_monthly": [before.keep_monthly, clean.keep_monthly],
            },
        )
    remember_folder(clean.folder)
    return clean


def remember_folder(folder: Path) -> None:
    """Note the backup folder outside the database, so a lost database can still be restored."""
    try:
        marker = config.data_dir() / "backup-folders.txt"
        known = known_folders()
        if folder not in known:
            known.insert(0, folder)
        marker.write_text("\n".join(str(p) for p in known[:10]) + "\n", encoding="utf-8")
    except OSError:
        log.warning("could not remember the backup folder %s", folder, exc_info=True)


def known_folders() -> list[Path]:
    """Every folder this machine has written backups to, the default one included."""
    folders: list[Path] = []
    marker = config.data_dir() / "backup-folders.txt"
    if marker.exists():
        for line in marker.read_text(encoding="utf-8").splitlines():
            if line.strip():
                folders.append(Path(line.strip()))
    default = config.backup_dir()
    if default not in folders:
        folders.append(default)
    return folders


# --- listing and rotation ------------------------------------------------------------------


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
    ``keep_monthly`` months (days and months that have a backup)."""
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


# --- checking a file -----------------------------------------------------------------------


def check_backup_file(path: Path) -> CheckedBackup:
    """Verify that ``path`` is a whole stationapp database this version can open.

    Raises BackupError naming the reason: missing, not a database, damaged (integrity check),
    not stationapp's, or written by a newer version.
    """
    if not path.is_file():
        raise BackupError(translate("Backup", "The file {path} does not exist.").format(path=path))
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(
            translate("Backup", "The file cannot be read: {reason}").format(
                reason=exc.strerror or exc
            )
        ) from exc
    if header != SQLITE_HEADER:
        raise BackupError(
            translate("Backup", "{name} is not a database file; nothing was changed.").format(
                name=path.name
            )
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(_damaged(path, str(exc))) from exc
    try:
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise BackupError(_damaged(path, str(exc))) from exc
        if [tuple(r) for r in rows] != [("ok",)]:
            raise BackupError(_damaged(path, "; ".join(str(r[0]) for r in rows[:3])))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "schema_version" not in tables:
            raise BackupError(
                translate("Backup", "{name} is a database, but not a stationapp database.").format(
                    name=path.name
                )
            )
        row = conn.execute("SELECT app, version FROM schema_version").fetchone()
        if row is None or row[0] != APP_ID:
            raise BackupError(
                translate("Backup", "{name} is a database, but not a stationapp database.").format(
                    name=path.name
                )
            )
        version = int(row[1])
        if version > CURRENT_VERSION:
            raise BackupError(
                translate(
                    "Backup",
                    "{name} was written by a newer version of stationapp (schema {found}; this "
                    "program knows up to {known}). Install the newer version to restore it.",
                ).format(name=path.name, found=version, known=CURRENT_VERSION)
            )
        station = ""
        source: Path | None = None
        if "setting" in tables:
            found = conn.execute("SELECT value FROM setting WHERE key = 'station_name'").fetchone()
            station = found[0] if found else ""
        if BACKUP_INFO in tables:
            found = conn.execute(
                f"SELECT value FROM {BACKUP_INFO} WHERE key = ?", (BACKUP_OF,)
            ).fetchone()
            source = _source_of(found[0]) if found else None
    finally:
        conn.close()
    parsed = parse_name(path)
    return CheckedBackup(path, version, station, parsed[1] if parsed else None, source)


def _source_of(text: str) -> Path | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    where = value.get("path") if isinstance(value, dict) else None
    return Path(where) if isinstance(where, str) and where else None


def _record_source(conn: sqlite3.Connection, source: Path) -> None:
    """Write into the copy which database it is a copy of (see BACKUP_OF)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    found = None
    if "setting" in tables:
        found = conn.execute("SELECT value FROM setting WHERE key = 'station_name'").fetchone()
    identity = {
        "path": str(source.expanduser().resolve()),
        "station": found[0] if found else "",
        "made_at": now().isoformat(timespec="seconds") + "+08:00",
    }
    with conn:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {BACKUP_INFO} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        conn.execute(
            f"INSERT OR REPLACE INTO {BACKUP_INFO} (key, value) VALUES (?, ?)",
            (BACKUP_OF, json.dumps(identity, ensure_ascii=False)),
        )


def backups_of(database: Path, folders: list[Path] | None = None) -> list[CheckedBackup]:
    """The usable SQLite backups of the database file ``database``, newest first: only those
    recorded as made from that very file (never another station's, nor the demo's)."""
    found: list[CheckedBackup] = []
    for folder in folders if folders is not None else known_folders():
        for item in list_backups(folder):
            if item.path.suffix != ".db":
                continue
            try:
                checked = check_backup_file(item.path)
            except UserError as exc:
                log.info("backup %s not offered: %s", item.path, exc.message)
                continue
            if checked.is_backup_of(database):
                found.append(checked)
    found.sort(key=lambda c: (c.made_at or datetime.min, c.path.name), reverse=True)
    return found


def _damaged(path: Path, reason: str) -> str:
    return translate(
        "Backup", "{name} is damaged and cannot be used ({reason}); nothing was changed."
    ).format(name=path.name, reason=reason)


# --- making a backup -----------------------------------------------------------------------


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
    try:
        os.chmod(path, 0o600)
    except OSError:
        log.warning("could not restrict the permissions of %s", path)


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
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
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


def _backup_failed(exc: BaseException) -> str:
    reason = getattr(exc, "strerror", None) or str(exc)
    return translate("Backup", "The backup could not be written: {reason}").format(reason=reason)


def pg_dump_path() -> str | None:
    """``pg_dump`` on the PATH, else from the PostgreSQL server packages, else None."""
    found = shutil.which("pg_dump")
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"), reverse=True):
        return str(candidate)
    return None


def pg_dump_command(tool: str, url: str, output: Path) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of ``pg_dump`` for ``url``: the password goes in the
    environment (PGPASSWORD, readable only by this user), never on the command line, which every
    user of the computer can read through ``ps``."""
    address, password = split_password(url)
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    argv = [tool, "--format=custom", "--no-owner", f"--file={output}", f"--dbname={address}"]
    return argv, env


def dump_postgresql(url: str, target: Path) -> Path:
    tool = pg_dump_path()
    if tool is None:
        raise BackupError(
            translate(
                "Backup",
                "pg_dump is not installed on this computer, so the PostgreSQL database cannot be "
                "backed up from here. Install the PostgreSQL client tools (Debian: apt-get install "
                "postgresql-client) or back it up on the server.",
            )
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        partial = private_files.new_partial(target, suffix=".partial")
    except OSError as exc:
        raise BackupError(_backup_failed(exc)) from exc
    argv, env = pg_dump_command(tool, url, partial)
    try:
        result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(_backup_failed(exc)) from exc
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(
            translate("Backup", "pg_dump failed: {reason}").format(
                reason=redact(result.stderr.strip()[:500])
            )
        )
    _private(partial)
    os.replace(partial, target)
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


def record_backup(actor: Staff, path: Path) -> None:
    """Audit a backup made on the administrator's request (made off the window's thread)."""
    require(actor, "backup.manage")
    with transaction():
        audit(actor, "backup", "database", None, {"file": str(path)})


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


# --- restoring -----------------------------------------------------------------------------


def restore(url: str, source: Path, *, actor: Staff | None = None) -> Path | None:
    """Replace the SQLite database at ``url`` with the backup ``source``.

    The backup is checked first (a bad file raises BackupError and nothing changes); the current
    database is backed up before it is replaced (returned path; None when there was no readable
    current database). Works while the database is open here: the backup API writes into the
    live file under an exclusive lock, so other connections see the restored data.
    The caller re-opens the database (open_station_database) to migrate an older backup.
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
    checked = check_backup_file(source)
    if current.exists() and source.resolve() == current.resolve():
        raise BackupError(translate("Backup", "This is the database itself, not a backup."))
    safety: Path | None = None
    if current.exists():
        try:
            check_backup_file(current)
        except BackupError:
            # Damaged or foreign: keep the file as it is, beside the new one.
            aside = current.with_name(f"{current.name}.damaged-{now():%Y%m%d-%H%M%S}")
            _move_aside(current, aside)
            log.warning("moved the unusable database %s aside to %s", current, aside)
        else:
            settings = _settings_or_default()
            safety = make_backup(url, kind=BEFORE_RESTORE, settings=settings)
    _copy_into(checked.path, current)
    log.info("restored %s from %s", current, checked.path)
    return safety


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
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target), timeout=30)
        try:
            src.backup(dst)
            with dst:  # the database is itself again, not a backup
                dst.execute(f"DROP TABLE IF EXISTS {BACKUP_INFO}")
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


def record_restore(username: str, source: Path, safety: Path | None) -> None:
    """Audit a restore in the restored database, under the staff member of the same username
    when the restored database has one (ids differ between databases)."""
    actor = Staff.get_or_none(Staff.username == username) if username else None
    with transaction():
        audit(
            actor,
            "restore",
            "database",
            None,
            {"from": str(source), "previous_saved_as": str(safety or ""), "by": username},
        )
