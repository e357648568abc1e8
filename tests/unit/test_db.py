"""Opening the database, choosing its URL, and turning driver errors into the user's errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stationapp import config
from stationapp.db import (
    close_database,
    database,
    describe_url,
    now,
    open_database,
    postgresql_params,
    today,
)
from stationapp.errors import DatabaseBusy, DatabaseUnavailable
from stationapp.models.people import Person, PersonSearchKey
from stationapp.services import people
from stationapp.services.maintenance import open_station_database
from stationapp.services.people import PersonInput
from tests.helpers.ids import make_ric

# --- connection settings --------------------------------------------------------------------


@pytest.mark.sqlite_only("SQLite's pragmas and file; the PostgreSQL side is below")
def test_sqlite_connection_pragmas(db_url: str) -> None:
    db = open_station_database(db_url)
    try:
        assert str(db.pragma("journal_mode")).lower() == "wal"
        assert db.pragma("foreign_keys") == 1
        assert db.pragma("synchronous") == 2  # FULL
        assert db.pragma("busy_timeout") > 0
    finally:
        close_database()


def test_open_database_creates_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "station.db"
    open_database(f"sqlite:///{path.as_posix()}")
    try:
        database.execute_sql("CREATE TABLE t (x INTEGER)")
    finally:
        close_database()
    assert path.is_file()


# --- which database to open -----------------------------------------------------------------


def test_default_url_lives_in_the_data_dir(private_dirs: Path) -> None:
    url = config.resolve_database_url(None)
    assert url.startswith("sqlite:///")
    assert Path(url.removeprefix("sqlite:///")) == private_dirs / "stationapp.db"


def test_environment_beats_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.DATABASE_ENV, "postgresql://u:p@envhost/station")
    assert config.resolve_database_url(None) == "postgresql://u:p@envhost/station"


def test_blank_environment_falls_back_to_default(
    monkeypatch: pytest.MonkeyPatch, private_dirs: Path
) -> None:
    monkeypatch.setenv(config.DATABASE_ENV, "   ")
    assert config.resolve_database_url(None) == config.default_database_url()
    assert str(private_dirs) in config.default_database_url()


def test_command_line_beats_environment_and_demo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.DATABASE_ENV, "sqlite:////env/station.db")
    assert config.resolve_database_url("sqlite:////cli/x.db") == "sqlite:////cli/x.db"
    assert config.resolve_database_url("sqlite:////cli/x.db", demo=True) == "sqlite:////cli/x.db"


def test_demo_uses_demo_db_in_data_dir(monkeypatch: pytest.MonkeyPatch, private_dirs: Path) -> None:
    monkeypatch.setenv(config.DATABASE_ENV, "sqlite:////env/station.db")
    url = config.resolve_database_url(None, demo=True)
    assert Path(url.removeprefix("sqlite:///")) == private_dirs / "demo.db"
    assert url != config.default_database_url()


# --- describing a URL -----------------------------------------------------------------------


def test_describe_url_hides_postgres_password() -> None:
    shown = describe_url("postgresql://station:s3cret-pw@db.example:5432/union")
    assert "s3cret-pw" not in shown
    parsed = urlparse(shown)
    assert (parsed.username, parsed.hostname, parsed.port, parsed.path) == (
        "station",
        "db.example",
        5432,
        "/union",
    )


def test_describe_url_keeps_what_has_no_password() -> None:
    assert "/data/station.db" in describe_url("sqlite:////data/station.db")
    assert describe_url("postgresql://station@host/union") == "postgresql://station@host/union"


@given(
    user=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12),
    password=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20
    ),
)
def test_describe_url_never_shows_any_password(user: str, password: str) -> None:
    url = f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}@dbhost:5432/union"
    parsed = urlparse(describe_url(url))
    assert parsed.password == "***"
    assert parsed.username == quote(user, safe="")
    assert (parsed.hostname, parsed.port, parsed.path) == ("dbhost", 5432, "/union")


# --- driver errors become the user's errors -------------------------------------------------


def _person(name: str = "张三") -> PersonInput:
    return PersonInput(name=name, id_number=make_ric(seq=321), phone="13812345678")


@pytest.mark.sqlite_only("SQLite's pragmas and file; the PostgreSQL side is below")
def test_locked_database_gives_database_busy(db, admin, db_url: str) -> None:
    blocker = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        database.obj.pragma("busy_timeout", 100)
        with pytest.raises(DatabaseBusy) as caught:
            people.create_person(admin, _person())
        assert caught.value.message
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert Person.select().count() == 0
    assert PersonSearchKey.select().count() == 0
    # Once the other writer is gone the same call works.
    people.create_person(admin, _person())
    assert Person.select().count() == 1


@pytest.mark.sqlite_only("SQLite's pragmas and file; the PostgreSQL side is below")
def test_read_only_database_gives_database_unavailable(db, admin, db_url: str) -> None:
    path = Path(db_url.removeprefix("sqlite:///"))
    close_database()
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    os.chmod(path, 0o444)
    try:
        open_database(db_url)
        if os.geteuid() == 0:
            # root writes whatever the permissions say: make the connection read-only instead.
            database.obj.pragma("query_only", 1)
        with pytest.raises(DatabaseUnavailable) as caught:
            people.create_person(admin, _person())
        assert "read-only" in caught.value.message
        assert Person.select().count() == 0
    finally:
        close_database()
        os.chmod(path, 0o644)


@pytest.mark.sqlite_only("SQLite's pragmas and file; the PostgreSQL side is below")
def test_full_disk_gives_database_unavailable_and_writes_nothing(db, admin) -> None:
    pages = database.obj.pragma("page_count")
    database.obj.pragma("max_page_count", pages)
    failure = None
    for seq in range(1, 500):
        before = (Person.select().count(), PersonSearchKey.select().count())
        try:
            people.create_person(
                admin,
                PersonInput(
                    name="欧阳明" + "华" * (seq % 5),
                    id_number=make_ric(seq=seq),
                    notes="备注" * 400,
                ),
            )
        except DatabaseUnavailable as exc:
            failure = exc
            break
    assert failure is not None, "the page limit was never reached"
    assert "full" in failure.message
    assert (Person.select().count(), PersonSearchKey.select().count()) == before


# --- the same faults on PostgreSQL ------------------------------------------------------------


@pytest.mark.postgresql_only
def test_postgresql_session_runs_on_beijing_time(db_url: str) -> None:
    db = open_station_database(db_url)
    try:
        assert db.execute_sql("SHOW TimeZone").fetchone()[0] == "Asia/Shanghai"
        assert db.execute_sql("SHOW lock_timeout").fetchone()[0] == "5s"
        server_now = db.execute_sql("SELECT LOCALTIMESTAMP").fetchone()[0]
        assert abs(server_now - now()) < timedelta(minutes=1)
        assert db.execute_sql("SELECT CURRENT_DATE").fetchone()[0] == today()
        # A stored naive Beijing time reads back unchanged.
        moment = datetime(2026, 12, 3, 23, 30, 15)
        db.execute_sql("CREATE TEMPORARY TABLE t (at TIMESTAMP)")
        db.execute_sql("INSERT INTO t VALUES (%s)", (moment,))
        assert db.execute_sql("SELECT at, at::date FROM t").fetchone() == (moment, moment.date())
    finally:
        close_database()


@pytest.mark.postgresql_only
def test_postgresql_lock_held_by_another_desk_gives_database_busy(db, admin, db_url: str) -> None:
    import psycopg2

    database.execute_sql("SET lock_timeout = '200ms'")
    other = psycopg2.connect(db_url)
    try:
        with other.cursor() as cursor:
            cursor.execute("LOCK TABLE person IN ACCESS EXCLUSIVE MODE")
        with pytest.raises(DatabaseBusy) as caught:
            people.create_person(admin, _person())
        assert caught.value.message.startswith("The database is busy")
    finally:
        other.rollback()
        other.close()
    assert Person.select().count() == 0
    assert PersonSearchKey.select().count() == 0
    people.create_person(admin, _person())
    assert Person.select().count() == 1


@pytest.mark.postgresql_only
def test_postgresql_read_only_gives_database_unavailable(db, admin) -> None:
    database.execute_sql("SET default_transaction_read_only = on")
    with pytest.raises(DatabaseUnavailable) as caught:
        people.create_person(admin, _person())
    assert "read-only" in caught.value.message and "-wal" not in caught.value.message
    database.execute_sql("SET default_transaction_read_only = off")
    assert Person.select().count() == 0
    people.create_person(admin, _person())
    assert Person.select().count() == 1


@pytest.mark.postgresql_only
def test_postgresql_server_gone_then_back_the_next_save_succeeds(
    db, admin, postgres_server
) -> None:
    people.create_person(admin, PersonInput(name="李四", phone="13900000002"))
    postgres_server.stop()
    try:
        for _attempt in range(2):  # the dead connection, then connecting again: both refused
            with pytest.raises(DatabaseUnavailable) as caught:
                people.create_person(admin, _person())
            assert "cannot be reached" in caught.value.message
    finally:
        postgres_server.start()
    # The first try once the server is back goes through, on a new connection.
    people.create_person(admin, _person())
    assert sorted(p.name for p in Person.select()) == sorted(["李四", "张三"])
    assert PersonSearchKey.select().where(PersonSearchKey.key == "zhangsan").count() >= 1


def test_a_value_holding_a_nul_finds_nothing_on_either_database(db) -> None:
    """PostgreSQL cannot be asked about a NUL: a search or filter with one finds nothing, as on
    SQLite, instead of failing."""
    from stationapp.models.people import Person

    Person.create(name="张伟")
    assert Person.select().where(Person.name == "张\x00伟").count() == 0
    assert Person.select().where(Person.name.in_(["\x00", "张伟"])).count() == 1


CONTAINS_NAMES = (
    "北京ABC科技公司",
    "abc_d%e\\f 工会",
    "XYZ程宁律师事务所",
    "(2026)建工调字第0592号",
)


def _organizations_containing(text: str, *, folded: bool = False) -> list[str]:
    from stationapp.db import contains
    from stationapp.models.people import Organization

    field = Organization.search_text if folded else Organization.name
    query = Organization.select(Organization.name).where(contains(field, text))
    return sorted(o.name for o in query)


@pytest.fixture
def named_organizations(admin) -> None:
    for name in CONTAINS_NAMES:
        people.create_organization(admin, people.OrganizationInput(name=name))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.text(alphabet="abcABCxyzXYZ北京程宁工会_%\\ 0259()第号", min_size=1, max_size=4),
        st.sampled_from(CONTAINS_NAMES).flatmap(
            lambda name: st.tuples(
                st.integers(0, len(name) - 1), st.integers(1, 6), st.booleans()
            ).map(
                lambda cut: (
                    name[cut[0] : cut[0] + cut[1]].upper()
                    if cut[2]
                    else name[cut[0] : cut[0] + cut[1]]
                )
            )
        ),
    )
)
def test_contains_ignores_case_and_takes_wildcards_literally(named_organizations, text) -> None:
    expected = sorted(n for n in CONTAINS_NAMES if text.lower() in n.lower())
    assert _organizations_containing(text) == expected


def test_contains_asks_postgresql_for_like_where_case_cannot_matter(named_organizations) -> None:
    """PostgreSQL's ILIKE folds every row it tests; characters and digits need no folding,
    nor do search keys stored folded."""
    from stationapp.db import contains, is_postgresql
    from stationapp.models.people import Organization

    def operator(text: str, *, folded: bool = False) -> str:
        sql, _ = Organization.select().where(contains(Organization.name, text, folded=folded)).sql()
        return "ILIKE" if " ILIKE " in sql else "LIKE"

    if is_postgresql():
        assert [
            operator("北京"),
            operator("0592"),
            operator("abc"),
            operator("abc", folded=True),
        ] == [
            "LIKE",
            "LIKE",
            "ILIKE",
            "LIKE",
        ]
    else:  # SQLite's LIKE ignores the case of ASCII letters by itself
        assert operator("北京") == operator("abc") == "LIKE"
    assert _organizations_containing("abc") == ["abc_d%e\\f 工会", "北京ABC科技公司"]
    assert _organizations_containing("bjabc", folded=True) == ["北京ABC科技公司"]
    assert _organizations_containing("_d%") == ["abc_d%e\\f 工会"]
    assert _organizations_containing("%") == ["abc_d%e\\f 工会"]


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://desk:s%40cret@db.station.local:5433/station?sslmode=require&connect_timeout=5",
        "postgresql:///station",
        "postgres://server/station?application_name=&keepalives=true&x=1.5&y=none",
        "postgresql://desk@[::1]:5432/station",
    ],
)
def test_a_postgresql_url_is_read_as_playhouse_reads_it(url: str) -> None:
    """db.py reads the URL itself: playhouse.db_url imports every backend's extension module,
    a cost at every start (issue 22)."""
    from playhouse.db_url import parseresult_to_dict

    assert postgresql_params(url) == parseresult_to_dict(urlparse(url))


def test_psycopg2_is_loaded_without_python_ssl_which_stays_importable() -> None:
    """libpq makes TLS connections with its own OpenSSL: Python's ssl waits (issue 22)."""
    pytest.importorskip("psycopg2")
    code = (
        "import sys\n"
        "from stationapp.db import load_psycopg2\n"
        "load_psycopg2()\n"
        "import peewee\n"
        "print(peewee.psycopg2 is not None, 'ssl' in sys.modules)\n"
        "import ssl\n"
        "print(sys.modules['ssl'] is ssl)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["True", "False", "True"]
