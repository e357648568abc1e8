"""Numbered schema steps and the runner that applies them (DESIGN.md rule 6).

The version lives in the ``schema_version`` table together with the application's name, so a
file that is not a stationapp database is recognised as such. Each step runs in its own
transaction; on SQLite foreign-key enforcement is switched off while a step runs (a table
rebuild would otherwise cascade) and the whole file is checked afterwards.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.errors import SchemaTooNew, UserError

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

APP_ID = "stationapp"


def _step(module: str) -> Callable[[peewee.Database], None]:
    """Step ``module``'s ``apply``, its module imported only when the step runs: a desk whose
    database is up to date (every start but the first after an upgrade) imports none of them."""

    def apply(db: peewee.Database) -> None:
        importlib.import_module(f"{__name__}.{module}").apply(db)

    apply.__qualname__ = f"{module}.apply"
    return apply


STEPS: tuple[Callable[[peewee.Database], None], ...] = tuple(
    _step(module)
    for module in (
        "m0001_initial",
        "m0002_person_search_keys",
        "m0003_visits",
        "m0004_mediation",
        "m0005_library",
        "m0006_events",
        "m0007_privacy",
        "m0008_audit_indexes",
        "m0009_birthday_index",
        "m0010_name_dots",
        "m0011_person_join_date",
        "m0012_old_retirement_age",
        "m0013_person_merged_into",
        "m0014_case_file_decision",
        "m0015_rooms",
        "m0016_title_trigram",
        "m0017_room_links",
        "m0018_membership_cards",
        "m0019_mutual_aid",
        "m0020_welfare_rounds",
        "m0021_workplaces",
        "m0022_union_work",
        "m0023_search_key_person_key",
    )
)
CURRENT_VERSION = len(STEPS)


class NotStationDatabase(UserError):
    """The file holds tables but is not a stationapp database."""


def _version_table_exists(db: peewee.Database) -> bool:
    return "schema_version" in db.get_tables()


def schema_version(db: peewee.Database) -> int:
    """The database's schema version; 0 for an empty database."""
    if not _version_table_exists(db):
        if db.get_tables():
            raise NotStationDatabase(
                translate(
                    "Migrations",
                    "This database holds tables but is not a stationapp database; it was left "
                    "untouched.",
                )
            )
        return 0
    row = db.execute_sql("SELECT app, version FROM schema_version").fetchone()
    if row is None or row[0] != APP_ID:
        raise NotStationDatabase(
            translate("Migrations", "This database is not a stationapp database.")
        )
    version = row[1]
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        # Only another program (or a hand) writes anything but a number here.
        raise NotStationDatabase(
            translate(
                "Migrations",
                "The schema version of this database (“{version}”) is not a number: the file "
                "was changed by another program or is damaged. It was left untouched; restore "
                "a backup.",
            ).format(version=str(version)[:40])
        )
    return version


def _set_version(db: peewee.Database, version: int) -> None:
    p = db.param
    if not _version_table_exists(db):
        db.execute_sql(
            "CREATE TABLE schema_version (app VARCHAR(40) NOT NULL, version INTEGER NOT NULL)"
        )
        db.execute_sql(
            f"INSERT INTO schema_version (app, version) VALUES ({p}, {p})", (APP_ID, version)
        )
    else:
        db.execute_sql(f"UPDATE schema_version SET version = {p}", (version,))


def check_not_newer(db: peewee.Database) -> int:
    version = schema_version(db)
    if version > CURRENT_VERSION:
        raise SchemaTooNew(
            translate(
                "Migrations",
                "This database was written by a newer version of stationapp (schema {found}; this "
                "program knows up to {known}). Please install the newer version. The database was "
                "left untouched.",
            ).format(found=version, known=CURRENT_VERSION)
        )
    return version


def migrate(
    db: peewee.Database,
    *,
    backup: Callable[[int], Path | None] | None = None,
    target: int = CURRENT_VERSION,
    progress: Callable[[int, int, str], None] | None = None,
) -> int:
    """Bring ``db`` up to ``target``; returns the version it started from.

    ``backup(from_version)`` is called once before the first step when the database already holds
    data, and must raise if it cannot make the copy: no step runs without one. ``progress(done,
    steps, what)`` hears of the backup and of each step before it runs, and of the end.
    """
    start = check_not_newer(db)
    if start >= target:
        return start
    steps = target - start + (1 if start > 0 and backup is not None else 0)

    def report(done: int, what: str) -> None:
        if progress is not None:
            progress(done, steps, what)

    if start > 0 and backup is not None:
        report(0, translate("Migrations", "Backing up the database before the upgrade"))
        path = backup(start)
        log.info("backed up schema version %s to %s before migrating", start, path)
    sqlite = isinstance(db, peewee.SqliteDatabase)
    if sqlite:
        db.pragma("foreign_keys", 0)
    try:
        for version in range(start + 1, target + 1):
            report(
                steps - (target - version) - 1,
                translate("Migrations", "Schema version {version} of {target}").format(
                    version=version, target=target
                ),
            )
            # Another desk may be starting the same new version: on SQLite the step's IMMEDIATE
            # transaction waits for the other desk's, which did the step already (PostgreSQL
            # desks wait for the advisory lock before they even look, see services.maintenance).
            with db.atomic("IMMEDIATE") if sqlite else db.atomic():
                if schema_version(db) >= version:
                    continue
                STEPS[version - 1](db)
                _set_version(db, version)
            log.info("migrated database to schema version %s", version)
        if sqlite:
            problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")
    finally:
        if sqlite:
            db.pragma("foreign_keys", 1)
    report(steps, "")
    return start
