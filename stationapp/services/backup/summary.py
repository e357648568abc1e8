"""What a backup holds, shown before a restore is confirmed."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from stationapp.db import read_only_uri, sqlite_path
from stationapp.models.accounts import ADMIN
from stationapp.services.backup.checking import check_backup_file

translate = QCoreApplication.translate


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
