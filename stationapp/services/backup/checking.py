"""Checking a backup file before it is trusted: integrity, the schema the migrations make, values
within their limits, which database it was made of."""

from __future__ import annotations

import functools
import json
import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import now, read_only_uri
from stationapp.errors import UserError
from stationapp.migrations import APP_ID, CURRENT_VERSION, migrate
from stationapp.services.backup.files import list_backups, parse_name
from stationapp.services.backup.settings import (
    BACKUP_INFO,
    BACKUP_OF,
    SQLITE_HEADER,
    BackupError,
    CheckedBackup,
    known_folders,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


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
