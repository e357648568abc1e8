"""Version 16: on PostgreSQL, a trigram index on the titles' search text, so the library's search
as you type (``search_text LIKE '%养生故%'``, see services' ``db.contains``) reads the matching
titles from the index instead of testing every title, from the third character typed on (a
trigram needs three; one or two characters still scan, as before).

The index needs the server's ``pg_trgm`` extension (PostgreSQL's contrib modules, in Debian's
``postgresql`` package). Since PostgreSQL 13 it is a trusted extension, which the owner of the
station's database may create (docs/postgresql.md). Where the server lacks it, or the account may
not create it, the step creates no index and says why in the log: the search works the same, by a
scan. SQLite has nothing to do here (its LIKE scans either way).
"""

from __future__ import annotations

import logging

import peewee

log = logging.getLogger(__name__)

EXTENSION = "pg_trgm"
INDEX = "title_search_text_trgm"


def apply(db: peewee.Database) -> None:
    if not isinstance(db, peewee.PostgresqlDatabase):
        return
    schema = trigram_schema(db)
    if schema is None:
        log.warning(
            "no trigram index for the title search: the server has no %s extension", EXTENSION
        )
        return
    quoted = '"' + schema.replace('"', '""') + '"'
    db.execute_sql(f"CREATE INDEX {INDEX} ON title USING gin (search_text {quoted}.gin_trgm_ops)")


def trigram_schema(db: peewee.PostgresqlDatabase) -> str | None:
    """The schema holding pg_trgm's operator classes, the extension created if it is available
    and this account may; None where it cannot be had."""
    installed = _installed_schema(db)
    if installed is not None:
        return installed
    available = db.execute_sql(
        "SELECT 1 FROM pg_available_extensions WHERE name = %s", (EXTENSION,)
    ).fetchone()
    if available is None:
        return None
    try:
        # A savepoint: a refusal must not abort the migration step's transaction.
        with db.atomic():
            db.execute_sql(f"CREATE EXTENSION IF NOT EXISTS {EXTENSION}")
    except peewee.DatabaseError as exc:
        log.warning("the %s extension could not be created: %s", EXTENSION, exc)
        return None
    return _installed_schema(db)


def _installed_schema(db: peewee.PostgresqlDatabase) -> str | None:
    row = db.execute_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = %s",
        (EXTENSION,),
    ).fetchone()
    return row[0] if row else None
