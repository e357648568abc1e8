"""The title search's trigram index on PostgreSQL (migration step 16, issue 22 point 5): made
where the server has pg_trgm and the account may create it, used by the search as typed from the
third character, and left out cleanly (the search unchanged) where it cannot be had."""

from __future__ import annotations

import itertools
import logging

import peewee
import pytest

from stationapp.db import close_database
from stationapp.migrations import CURRENT_VERSION, schema_version
from stationapp.migrations.m0016_title_trigram import INDEX
from stationapp.models.library import Title
from stationapp.services import accounts, library
from stationapp.services.library import TitleInput
from stationapp.services.maintenance import open_station_database

_roles = itertools.count(1)


def _indexes(db: peewee.Database) -> set[str]:
    return {index.name for index in db.get_indexes("title")}


def _statements(db: peewee.Database, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple]]:
    """Every statement ``db`` runs from now on, with its parameters."""
    seen: list[tuple[str, tuple]] = []
    real = db.execute_sql

    def record(sql, params=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((sql, tuple(params or ())))
        return real(sql, params, *args, **kwargs)

    monkeypatch.setattr(db, "execute_sql", record)
    return seen


def _execute_in(server, dbname: str, sql: str) -> None:  # type: ignore[no-untyped-def]
    """One statement in database ``dbname`` as the server's superuser."""
    import psycopg2

    conn = psycopg2.connect(**server.dsn(dbname))
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql)
    finally:
        conn.close()


def _plan(db: peewee.Database, sql: str, params: tuple) -> str:
    """The plan of ``sql`` when reading the whole table is the last resort: on a test's few
    thousand rows the planner rightly prefers the scan, so this shows the index can serve the
    query as the application writes it (on 50,000 titles the planner picks it by itself,
    docs/benchmarks.md)."""
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")
        rows = db.execute_sql(f"EXPLAIN {sql}", params).fetchall()
    return "\n".join(row[0] for row in rows)


@pytest.mark.postgresql_only
def test_the_title_search_reads_the_trigram_index_from_three_characters(
    db: peewee.Database, admin, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert INDEX in _indexes(db)
    # Titles enough for the planner's statistics to mean something.
    Title.insert_many(
        {"title": f"书目{n}", "search_text": f"书目{n} shumu{n} sm{n}"} for n in range(3000)
    ).execute()
    wanted = library.create_title(admin, TitleInput(title="养生故事（第三集）", author="李明"))
    library.create_title(admin, TitleInput(title="养花", author="王芳"))
    db.execute_sql("ANALYZE title")

    statements = _statements(db, monkeypatch)
    assert [t.id for t in library.search_titles(admin, "养生故")] == [wanted.id]
    assert library.count_titles(admin, "养生故") == 1
    assert [t.id for t in library.search_titles(admin, "yangsheng")] == [wanted.id]
    searches = [(sql, params) for sql, params in statements if "search_text" in sql]
    assert len(searches) == 3
    monkeypatch.undo()
    for sql, params in searches:
        assert INDEX in _plan(db, sql, params), sql

    # One or two characters have no trigram: the same search still finds them, by a scan.
    assert {t.id for t in library.search_titles(admin, "养")} >= {wanted.id}
    assert library.count_titles(admin, "养生") == 1


@pytest.mark.postgresql_only
def test_the_index_finds_what_the_scan_finds(db: peewee.Database, admin) -> None:
    """Wildcards typed in the box are literal, with or without the index."""
    titles = ["100%纯棉", "1000本好书", "a_b 手册", "ab 手册", "养生故事"]
    for title in titles:
        library.create_title(admin, TitleInput(title=title))
    queries = ["100%", "a_b", "0本好", "故事", "手册", "%%%", "___"]
    with_index = {q: library.count_titles(admin, q) for q in queries}
    db.execute_sql(f"DROP INDEX {INDEX}")
    without = {q: library.count_titles(admin, q) for q in queries}
    assert (
        with_index
        == without
        == {
            "100%": 1,
            "a_b": 1,
            "0本好": 1,
            "故事": 1,
            "手册": 2,
            "%%%": 0,
            "___": 0,
        }
    )


@pytest.mark.postgresql_only
def test_an_account_that_may_not_create_the_extension_migrates_without_the_index(
    postgres_server, caplog: pytest.LogCaptureFixture
) -> None:
    """A station's account that does not own its database cannot create pg_trgm: the migration
    goes through without the index, says why in the log, and the search works by a scan."""
    number = next(_roles)
    role, name = f"clerk_{number}", f"station_no_trgm_{number}"
    postgres_server.execute(f"CREATE ROLE {role} LOGIN")
    postgres_server.create_database(name)
    try:
        _execute_in(postgres_server, name, f"GRANT CREATE ON SCHEMA public TO {role}")
        url = postgres_server.url(name).replace("postgres@", f"{role}@", 1)
        with caplog.at_level(logging.WARNING, logger="stationapp.migrations.m0016_title_trigram"):
            db = open_station_database(url)
        try:
            assert schema_version(db) == CURRENT_VERSION
            assert INDEX not in _indexes(db)
            assert (
                db.execute_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").fetchone()
                is None
            )
            assert "could not be created" in caplog.text
            admin = accounts.create_first_admin(
                username="admin",
                display_name="王站长",
                password="correct-horse-1",
                station_name="建国门街道工会服务站",
                case_prefix="建工调",
            )
            wanted = library.create_title(admin, TitleInput(title="养生故事"))
            assert [t.id for t in library.search_titles(admin, "养生故")] == [wanted.id]
            assert library.count_titles(admin, "yangsheng") == 1
        finally:
            close_database()
    finally:
        postgres_server.drop_database(name)
        postgres_server.execute(f"DROP ROLE {role}")


@pytest.mark.postgresql_only
def test_an_extension_installed_in_another_schema_is_used(postgres_server) -> None:
    """A server whose administrator keeps extensions in a schema of their own (not on the
    search path): the index names the operator class with its schema."""
    name = f"station_trgm_schema_{next(_roles)}"
    postgres_server.create_database(name)
    try:
        _execute_in(postgres_server, name, "CREATE SCHEMA extensions")
        _execute_in(postgres_server, name, "CREATE EXTENSION pg_trgm SCHEMA extensions")
        db = open_station_database(postgres_server.url(name))
        try:
            assert INDEX in _indexes(db)
        finally:
            close_database()
    finally:
        postgres_server.drop_database(name)


@pytest.mark.sqlite_only("the trigram index is PostgreSQL's; this checks SQLite is left as it was")
def test_sqlite_gets_no_trigram_step(db: peewee.Database, admin) -> None:
    assert INDEX not in _indexes(db)
    wanted = library.create_title(admin, TitleInput(title="养生故事（第三集）"))
    assert [t.id for t in library.search_titles(admin, "养生故")] == [wanted.id]
    assert library.count_titles(admin, "ysgs") == 1
