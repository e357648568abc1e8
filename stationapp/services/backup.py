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

import functools
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
from typing import Any

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp import config
from stationapp.db import (
    database,
    now,
    read_only_uri,
    redact,
    split_password,
    sqlite_path,
    transaction,
)
from stationapp.errors import UserError, ValidationError
from stationapp.migrations import APP_ID, CURRENT_VERSION, migrate
from stationapp.models.accounts import ADMIN, Setting, Staff
from stationapp.services import private_files
from stationapp.services.accounts import audit, require

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

BACKUP_FOLDER = "backup_folder"
KEEP_DAILY = "backup_keep_daily"
KEEP_MONTHLY = "backup_keep_monthly"
DEFAULT_KEEP_DAILY = 14
DEFAULT_KEEP_MONTHLY = 12
# Rotation never keeps fewer daily copies than this, whatever a setting says (a restored or
# edited database cannot make the next backup delete the earlier ones).
MIN_KEEP_DAILY = 7
MAX_KEEP_DAILY = 366
MAX_KEEP_MONTHLY = 240
# The settings that belong to this desk, not to the data: a restore keeps the desk's own values.
DESK_SETTINGS = (BACKUP_FOLDER, KEEP_DAILY, KEEP_MONTHLY)

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
        keep_daily=min(
            max(_int(values.get(KEEP_DAILY), DEFAULT_KEEP_DAILY), MIN_KEEP_DAILY), MAX_KEEP_DAILY
        ),
        keep_monthly=min(
            max(_int(values.get(KEEP_MONTHLY), DEFAULT_KEEP_MONTHLY), 0), MAX_KEEP_MONTHLY
        ),
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
        ("keep_daily", settings.keep_daily, MIN_KEEP_DAILY, MAX_KEEP_DAILY),
        ("keep_monthly", settings.keep_monthly, 0, MAX_KEEP_MONTHLY),
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


# --- checking a file -----------------------------------------------------------------------


def check_backup_file(
    path: Path, *, contents: bool = True, name: str | None = None
) -> CheckedBackup:
    """Verify that ``path`` is a whole, clean stationapp database this version can open.

    Raises BackupError naming the reason: missing, not a database, damaged (integrity check),
    not stationapp's, written by a newer version, and (``contents``) a schema that is not
    exactly the one the migrations make for its version (a trigger, a view, an extra table or
    index, a changed column) or a value over a column's limit. ``name`` is the file's name in
    the messages (the original's when ``path`` is a private copy of it).
    """
    name = name or path.name
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
                name=name
            )
        )
    try:
        conn = sqlite3.connect(read_only_uri(path.resolve()), uri=True)
    except sqlite3.Error as exc:
        raise BackupError(_damaged(name, str(exc))) from exc
    not_ours = translate("Backup", "{name} is a database, but not a stationapp database.").format(
        name=name
    )
    try:
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            raise BackupError(_damaged(name, str(exc))) from exc
        if [tuple(r) for r in rows] != [("ok",)]:
            raise BackupError(_damaged(name, "; ".join(str(r[0]) for r in rows[:3])))
        tables = {r[0]: r[1] for r in conn.execute("SELECT name, type FROM sqlite_master")}
        if tables.get("schema_version") != "table":
            raise BackupError(not_ours)
        try:
            row = conn.execute("SELECT app, version FROM schema_version").fetchone()
            version = int(row[1]) if row is not None and row[0] == APP_ID else 0
        except (sqlite3.Error, TypeError, ValueError):
            version = 0
        if version < 1:
            raise BackupError(not_ours)
        if version > CURRENT_VERSION:
            raise BackupError(
                translate(
                    "Backup",
                    "{name} was written by a newer version of stationapp (schema {found}; this "
                    "program knows up to {known}). Install the newer version to restore it.",
                ).format(name=name, found=version, known=CURRENT_VERSION)
            )
        if contents:
            problems = schema_differences(conn, version) or oversized_values(conn, version)
            if problems:
                raise BackupError(_not_clean(name, version, problems))
        station = ""
        source: Path | None = None
        try:
            if tables.get("setting") == "table":
                found = conn.execute(
                    "SELECT value FROM setting WHERE key = 'station_name'"
                ).fetchone()
                station = str(found[0])[:200] if found else ""
            if tables.get(BACKUP_INFO) == "table":
                found = conn.execute(
                    f"SELECT value FROM {BACKUP_INFO} WHERE key = ?", (BACKUP_OF,)
                ).fetchone()
                source = _source_of(found[0]) if found else None
        except sqlite3.Error as exc:
            raise BackupError(not_ours) from exc
    finally:
        conn.close()
    parsed = parse_name(path)
    return CheckedBackup(path, version, station, parsed[1] if parsed else None, source)


def _not_clean(name: str, version: int, problems: list[str]) -> str:
    shown = "; ".join(problems[:5])
    if len(problems) > 5:
        shown += translate("Backup", "; and {n} more").format(n=len(problems) - 5)
    return translate(
        "Backup",
        "{name} is not a clean stationapp backup and cannot be restored: {problems}. A restore "
        "brings back data only, never other tables, triggers or views (schema {version}); "
        "nothing was changed.",
    ).format(name=name, problems=shown, version=version)


# --- what a clean backup holds: the schema the migrations make, values within their limits ------

# The one table a backup adds to the database it copies (see BACKUP_INFO), exactly as written.
BACKUP_INFO_SQL = f"CREATE TABLE {BACKUP_INFO} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
# Tables SQLite itself keeps: the counters of AUTOINCREMENT keys and the planner's statistics.
SQLITE_OWN = ("sqlite_sequence", "sqlite_stat1", "sqlite_stat4")
# The longest text a column without a declared length may hold (notes, details).
TEXT_CAP = 100_000
VARCHAR_RE = re.compile(r"^\s*VARCHAR\s*\(\s*(\d+)\s*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SchemaObject:
    kind: str  # table, index, view, trigger
    name: str
    table: str
    sql: str  # whitespace collapsed
    # For tables: (name, declared type, not null, default, primary key position, hidden)
    columns: tuple[tuple[object, ...], ...] = ()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_schema(conn: sqlite3.Connection) -> dict[str, SchemaObject]:
    """Every object of the database's main schema, by name."""
    objects: dict[str, SchemaObject] = {}
    for kind, name, table, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
    ).fetchall():
        columns: tuple[tuple[object, ...], ...] = ()
        if kind == "table":
            columns = tuple(
                tuple(c[1:]) for c in conn.execute(f"PRAGMA table_xinfo({_quoted(name)})")
            )
        objects[name] = SchemaObject(
            str(kind), str(name), str(table), " ".join(str(sql or "").split()), columns
        )
    return objects


@functools.cache
def reference_schema(version: int) -> dict[str, SchemaObject]:
    """The schema the migrations make for ``version``, from an in-memory database migrated
    to exactly that version."""
    log.info("migrating an in-memory database to schema %s, to check backups against", version)
    scratch = peewee.SqliteDatabase(":memory:")
    scratch.connect()
    try:
        migrate(scratch, target=version)
        return read_schema(scratch.connection())
    finally:
        scratch.close()


def _allowed_extra(item: SchemaObject, reference: dict[str, SchemaObject]) -> bool:
    if item.name == BACKUP_INFO:
        return item.kind == "table" and item.sql == BACKUP_INFO_SQL
    if item.name == f"sqlite_autoindex_{BACKUP_INFO}_1":
        return item.kind == "index" and item.table == BACKUP_INFO and not item.sql
    return item.kind == "table" and item.name in SQLITE_OWN


def schema_differences(conn: sqlite3.Connection, version: int) -> list[str]:
    """How the database's schema differs from the one of its version (empty when it does not),
    each difference named: a trigger, a view, an extra or a missing table, index or column."""
    reference = reference_schema(version)
    found = read_schema(conn)
    problems: list[str] = []
    for item in found.values():
        expected = reference.get(item.name)
        if expected is not None and expected.kind == item.kind:
            continue
        if expected is None and _allowed_extra(item, reference):
            continue
        if item.kind == "trigger":
            problems.append(
                translate("Backup", "the file holds a trigger “{name}” on {table}").format(
                    name=item.name, table=item.table
                )
            )
        elif item.kind == "view" and expected is not None:
            problems.append(translate("Backup", "table {name} is a view").format(name=item.name))
        elif item.kind == "view":
            problems.append(
                translate("Backup", "the file holds a view “{name}”").format(name=item.name)
            )
        elif expected is not None:
            problems.append(
                translate("Backup", "{name} is a {found}, not a {expected}").format(
                    name=item.name, found=item.kind, expected=expected.kind
                )
            )
        elif item.kind == "index":
            problems.append(
                translate("Backup", "the file holds an extra index “{name}” on {table}").format(
                    name=item.name, table=item.table
                )
            )
        else:
            problems.append(
                translate("Backup", "the file holds an extra table “{name}”").format(name=item.name)
            )
    for expected in reference.values():
        item = found.get(expected.name)
        if item is None:
            if expected.kind == "index":
                problems.append(
                    translate("Backup", "index {name} on {table} is missing").format(
                        name=expected.name, table=expected.table
                    )
                )
            else:
                problems.append(
                    translate("Backup", "table {name} is missing").format(name=expected.name)
                )
            continue
        if item.kind != expected.kind:
            continue  # said above
        if expected.kind == "table":
            problems.extend(_column_differences(expected, item))
        if item.table != expected.table or item.sql != expected.sql:
            if expected.kind == "index":
                problems.append(
                    translate("Backup", "index {name} differs from this version's").format(
                        name=expected.name
                    )
                )
            elif item.columns == expected.columns:
                problems.append(
                    translate(
                        "Backup", "the definition of table {name} differs from this version's"
                    ).format(name=expected.name)
                )
    return problems


def _column_differences(expected: SchemaObject, item: SchemaObject) -> list[str]:
    wanted = {c[0]: c for c in expected.columns}
    have = {c[0]: c for c in item.columns}
    problems = [
        translate("Backup", "column {table}.{column} is renamed or missing").format(
            table=expected.name, column=column
        )
        for column in wanted
        if column not in have
    ]
    problems += [
        translate("Backup", "column {table}.{column} is not part of this version").format(
            table=expected.name, column=column
        )
        for column in have
        if column not in wanted
    ]
    problems += [
        translate("Backup", "column {table}.{column} has another type or constraints").format(
            table=expected.name, column=column
        )
        for column, spec in wanted.items()
        if column in have and have[column] != spec
    ]
    return problems


def column_limit(declared_type: str) -> int:
    """The longest value a column may hold: its VARCHAR length (the model's max_length), else
    TEXT_CAP."""
    match = VARCHAR_RE.match(declared_type or "")
    return int(match.group(1)) if match else TEXT_CAP


def oversized_values(conn: sqlite3.Connection, version: int) -> list[str]:
    """The columns holding a value longer than their limit (one aggregate query a table)."""
    problems: list[str] = []
    tables = [t for t in reference_schema(version).values() if t.kind == "table"]
    info = read_schema(conn).get(BACKUP_INFO)
    if info is not None and info.kind == "table":
        tables.append(info)
    for table in tables:
        if table.name in SQLITE_OWN or not table.columns:
            continue
        lengths = conn.execute(
            "SELECT "
            + ", ".join(f"max(length({_quoted(str(c[0]))}))" for c in table.columns)
            + f" FROM {_quoted(table.name)}"
        ).fetchone()
        for column, longest in zip(table.columns, lengths, strict=True):
            limit = column_limit(str(column[1]))
            if longest is not None and longest > limit:
                problems.append(
                    translate(
                        "Backup",
                        "column {table}.{column} holds a value of {length} characters (at most "
                        "{limit})",
                    ).format(table=table.name, column=column[0], length=longest, limit=limit)
                )
    return problems


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
    recorded as made from that very file (never another station's, nor the demo's). Their
    contents are checked when one is chosen (backup_summary, restore), not here."""
    found: list[CheckedBackup] = []
    for folder in folders if folders is not None else known_folders():
        for item in list_backups(folder):
            if item.path.suffix != ".db":
                continue
            try:
                checked = check_backup_file(item.path, contents=False)
            except UserError as exc:
                log.info("backup %s not offered: %s", item.path, exc.message)
                continue
            if checked.is_backup_of(database):
                found.append(checked)
    found.sort(key=lambda c: (c.made_at or datetime.min, c.path.name), reverse=True)
    return found


def _damaged(name: str, reason: str) -> str:
    return translate(
        "Backup", "{name} is damaged and cannot be used ({reason}); nothing was changed."
    ).format(name=name, reason=reason)


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
    if config.is_windows():
        return  # no modes there (see private_files.make_private)
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


def _backup_failed(exc: BaseException) -> str:
    reason = getattr(exc, "strerror", None) or str(exc)
    return translate("Backup", "The backup could not be written: {reason}").format(reason=reason)


def pg_dump_path() -> str | None:
    """``pg_dump`` on the PATH, else from the PostgreSQL server packages (Debian) or the
    PostgreSQL installer's folder (Windows), else None."""
    found = shutil.which("pg_dump")
    if found:
        return found
    if config.is_windows():
        # The EDB installer puts the client tools in Program Files\PostgreSQL\<major>\bin and
        # leaves the PATH alone.
        names = ("ProgramW6432", "ProgramFiles")
        roots = {root for name in names if (root := os.environ.get(name))}
        tools = [p for root in roots for p in Path(root).glob("PostgreSQL/*/bin/pg_dump.exe")]
        return str(max(tools, key=_major_version)) if tools else None
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"), reverse=True):
        return str(candidate)
    return None


def _major_version(tool: Path) -> tuple[int, str]:
    """The version folder of .../PostgreSQL/<version>/bin/pg_dump.exe, numerically (17 > 9.6)."""
    name = tool.parent.parent.name
    head = name.split(".", 1)[0]
    return (int(head) if head.isdigit() else -1, name)


# Windows: pg_dump is a console program; started from the windowed desk application it would
# open a console window of its own for the time of the backup (CREATE_NO_WINDOW). Its messages
# come in the console's code page, which need not be the locale's: never fail on decoding them.
WINDOWS_CHILD: dict[str, Any] = {"creationflags": 0x08000000, "errors": "replace"}


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
        result = subprocess.run(
            argv,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            **(WINDOWS_CHILD if config.is_windows() else {}),
        )
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


# --- restoring -----------------------------------------------------------------------------


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


def os_user() -> str:
    """The operating-system account running this program (for the audit trail and the log)."""
    return config.os_user()


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


# --- what a backup holds (shown before a restore is confirmed) ------------------------------


@dataclass(frozen=True)
class AdminAccount:
    username: str
    display_name: str
    active: bool
    new: bool  # not an administrator in today's database


@dataclass(frozen=True)
class BackupSummary:
    station_name: str
    schema_version: int
    made_at: datetime | None
    newest_record: datetime | None
    people: int | None
    visits: int | None
    cases: int | None
    loans: int | None
    events: int | None
    administrators: tuple[AdminAccount, ...]
    # Today's administrators' usernames; None when today's database cannot be read.
    current_administrators: tuple[str, ...] | None

    @property
    def new_administrators(self) -> tuple[AdminAccount, ...]:
        return tuple(a for a in self.administrators if a.new)


COUNTED = (
    ("people", "person"),
    ("visits", "visit"),
    ("cases", "mediation_case"),
    ("loans", "loan"),
    ("events", "event"),
)
# Where the newest record's time is read from (the audit trail has every change).
NEWEST = (("audit_entry", "at"), ("visit", "arrived_at"))


def backup_summary(source: Path, url: str | None = None) -> BackupSummary:
    """What the backup ``source`` holds, checked first (BackupError as check_backup_file), with
    its administrator accounts against those of today's database at ``url`` (SQLite)."""
    checked = check_backup_file(source)
    conn = sqlite3.connect(read_only_uri(source.resolve()), uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {
            key: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            if table in tables
            else None
            for key, table in COUNTED
        }
        newest: datetime | None = None
        for table, column in NEWEST:
            if table not in tables:
                continue
            value = conn.execute(f"SELECT max({column}) FROM {table}").fetchone()[0]
            when = _datetime(value)
            if when is not None and (newest is None or when > newest):
                newest = when
        admins = _administrators(conn)
    finally:
        conn.close()
    current: tuple[str, ...] | None = None
    path = sqlite_path(url) if url else None
    if path is not None and path.exists():
        try:
            today = sqlite3.connect(read_only_uri(path.resolve()), uri=True, timeout=30)
            try:
                current = tuple(a[0] for a in _administrators(today))
            finally:
                today.close()
        except sqlite3.Error:
            current = None
    return BackupSummary(
        station_name=checked.station_name,
        schema_version=checked.schema_version,
        made_at=checked.made_at,
        newest_record=newest,
        administrators=tuple(
            AdminAccount(name, display, active, current is not None and name not in current)
            for name, display, active in admins
        ),
        current_administrators=current,
        **counts,
    )


def _administrators(conn: sqlite3.Connection) -> list[tuple[str, str, bool]]:
    rows = conn.execute(
        "SELECT username, display_name, active, roles FROM staff ORDER BY username"
    ).fetchall()
    return [
        (str(name), str(display), bool(active))
        for name, display, active, roles in rows
        if ADMIN in str(roles or "").split(",")
    ]


def _datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def describe_summary(summary: BackupSummary) -> str:
    """The summary as lines of text, for the restore question (window and command line)."""
    unknown = translate("Backup", "unknown")

    def count(value: int | None) -> str:
        return "–" if value is None else f"{value:,}"

    lines = [
        translate("Backup", "Station: {station}").format(station=summary.station_name or "–"),
        translate("Backup", "Newest record: {when}").format(
            when=summary.newest_record.strftime("%Y-%m-%d %H:%M")
            if summary.newest_record
            else unknown
        ),
        translate(
            "Backup",
            "People: {people}; visits: {visits}; cases: {cases}; loans: {loans}; events: {events}",
        ).format(
            people=count(summary.people),
            visits=count(summary.visits),
            cases=count(summary.cases),
            loans=count(summary.loans),
            events=count(summary.events),
        ),
        translate("Backup", "Administrator accounts in the file:"),
    ]
    for admin in summary.administrators:
        line = f"  {admin.username} ({admin.display_name})"
        if not admin.active:
            line += " " + translate("Backup", "[inactive]")
        if admin.new:
            line += " " + translate("Backup", "[NEW: not an administrator today]")
        lines.append(line)
    if not summary.administrators:
        lines.append("  " + translate("Backup", "none"))
    if summary.current_administrators is None:
        lines.append(translate("Backup", "Today's administrators cannot be read."))
    else:
        lines.append(
            translate("Backup", "Administrators today: {names}").format(
                names=", ".join(summary.current_administrators) or "–"
            )
        )
    return "\n".join(lines)
