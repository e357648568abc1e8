"""Schema versions: upgrading keeps every row and makes a backup; what is too new or foreign is
left untouched; a failing step changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee
import pytest

from stationapp import config, migrations
from stationapp.db import close_database, open_database
from stationapp.errors import SchemaTooNew
from stationapp.migrations import CURRENT_VERSION, NotStationDatabase, migrate, schema_version
from stationapp.models.accounts import Staff
from stationapp.services import accounts, backup, people
from stationapp.services.maintenance import open_station_database
from tests.helpers.ids import make_ric

V1_TABLES = {"schema_version", "staff", "audit_entry", "setting", "organization", "person"}
DATA_TABLES = ("staff", "audit_entry", "setting", "organization", "person")

SURNAMES = ["欧阳", "单", "王", "李", "张", "刘", "陈", "曾", "解", "赵"]
GIVEN = ["伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋"]


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


class _Raw:
    """A plain DB-API connection beside the application's: sqlite3 on the file, psycopg2 on a
    PostgreSQL database; ``?`` placeholders on both."""

    def __init__(self, url: str) -> None:
        self.postgresql = not url.startswith("sqlite:")
        if self.postgresql:
            import psycopg2

            self.conn = psycopg2.connect(url)
        else:
            self.conn = sqlite3.connect(_path(url))

    def execute(self, sql: str, params: tuple = ()) -> list[tuple]:
        cursor = self.conn.cursor()
        cursor.execute(sql.replace("?", "%s") if self.postgresql else sql, params)
        rows = cursor.fetchall() if cursor.description else []
        cursor.close()
        return [tuple(r) for r in rows]

    def executemany(self, sql: str, rows: list[tuple]) -> None:
        for row in rows:
            self.execute(sql, row)

    def commit(self) -> None:
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


def _raw(url: str) -> _Raw:
    return _Raw(url)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(conn: _Raw, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of the data tables; with ``columns``, only those (later steps add columns)."""
    rows = {}
    for t in DATA_TABLES:
        names = ", ".join(columns[t]) if columns else "*"
        order = (
            "id" if conn.postgresql and t != "setting" else "key" if conn.postgresql else "rowid"
        )
        rows[t] = conn.execute(f"SELECT {names} FROM {t} ORDER BY {order}")
    return rows


def _column_names(conn: _Raw) -> dict[str, list[str]]:
    return {t: [c[1] for c in _columns(conn, t)] for t in DATA_TABLES}


def _tables(conn: _Raw | sqlite3.Connection) -> set[str]:
    if isinstance(conn, _Raw) and conn.postgresql:
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {r[0] for r in conn.execute(sql)}


def _columns(conn: _Raw, table: str) -> list[tuple]:
    """(position, name, type, nullable, default) of each column."""
    if conn.postgresql:
        return conn.execute(
            "SELECT ordinal_position, column_name, data_type, is_nullable, column_default"
            " FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?"
            " ORDER BY ordinal_position",
            (table,),
        )
    return conn.execute(f"PRAGMA table_info({table})")


def _fill_v1(conn: _Raw) -> list[dict[str, str]]:
    """Raw rows as the version-1 program wrote them; returns the people's names, phones, IDs."""
    stamp = "2023-04-05 09:30:00"
    conn.execute(
        "INSERT INTO staff (username, display_name, roles, password_hash, active, failed_logins,"
        " must_change_password, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
        ("admin", "王站长", "admin", accounts.hash_password("correct-horse-1"), True, False, stamp),
    )
    conn.executemany(
        "INSERT INTO setting (key, value) VALUES (?, ?)",
        [("station_name", "建国门街道工会服务站"), ("case_prefix", "建工调")],
    )
    conn.executemany(
        "INSERT INTO organization (name, kind, address, contact_name, contact_phone,"
        " union_status, search_text, active, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)",
        [
            (*row[:6], True, *row[6:])
            for row in [
                (
                    "北京建国门科技有限公司",
                    "company",
                    "建国门内大街1号",
                    "李主席",
                    "010-65001234",
                    "own_union",
                    stamp,
                    stamp,
                ),
                (
                    "国贸写字楼",
                    "office_building",
                    "建国门外大街2号",
                    "",
                    "",
                    "joint_union",
                    stamp,
                    stamp,
                ),
                ("东单社区", "community", "", "", "", "none", stamp, stamp),
            ]
        ],
    )
    written = []
    for i in range(50):
        name = (
            SURNAMES[i % len(SURNAMES)]
            + GIVEN[i // len(SURNAMES) % len(GIVEN)]
            + "一二三四五"[i // 10 % 5] * (i % 2)
        )
        phone = f"139{i:04d}{(7000 + i):04d}"
        id_number = make_ric(birth=date(1960, 1, 1) + timedelta(days=97 * i), seq=100 + i)
        gender = "M" if int(id_number[16]) % 2 else "F"
        moment = (datetime(2023, 1, 1) + timedelta(hours=i)).strftime("%Y-%m-%d %H:%M:%S")
        conn.execute(
            "INSERT INTO person (name, pinyin, gender, birth_date, id_type, id_number, phone,"
            " workplace_id, is_member, member_card, notes, active, created_at, updated_at,"
            " last_activity_at) VALUES (?, '', ?, ?, 'ric', ?, ?, ?, ?, '', ?, ?, ?, ?, ?)",
            (
                name,
                gender,
                f"{id_number[6:10]}-{id_number[10:12]}-{id_number[12:14]}",
                id_number,
                phone,
                i % 3 + 1 if i % 4 else None,
                bool(i % 2),
                f"第{i}位来访者",
                True,
                moment,
                moment,
                moment,
            ),
        )
        written.append({"name": name, "phone": phone, "id_number": id_number})
    conn.execute(
        "INSERT INTO audit_entry (at, staff_id, action, entity, entity_id, details)"
        " VALUES (?, 1, 'create', 'staff', 1, '{}')",
        (stamp,),
    )
    return written


@pytest.fixture
def v1_database(db_url: str) -> tuple[str, list[dict[str, str]]]:
    """A closed version-1 database file holding staff, settings, 3 workplaces and 50 people."""
    db = open_database(db_url)
    migrate(db, target=1)
    assert schema_version(db) == 1
    close_database()
    conn = _raw(db_url)
    written = _fill_v1(conn)
    conn.commit()
    conn.close()
    return db_url, written


def test_fresh_database_gets_current_version(db_url: str) -> None:
    db = open_station_database(db_url)
    try:
        assert schema_version(db) == CURRENT_VERSION
        assert V1_TABLES | {"person_search_key"} <= set(db.get_tables())
    finally:
        close_database()
    assert list(config.backup_dir().iterdir()) == []  # nothing to back up in an empty database


def test_upgrade_keeps_rows_backfills_search_keys_and_backs_up(
    v1_database: tuple[str, list[dict[str, str]]],
) -> None:
    url, written = v1_database
    conn = _raw(url)
    before = _rows(conn)
    v1_columns = _column_names(conn)
    conn.close()
    assert len(before["person"]) == 50 and len(before["organization"]) == 3

    db = open_station_database(url)
    try:
        assert schema_version(db) == CURRENT_VERSION
        after_conn = _raw(url)
        try:
            assert _rows(after_conn, v1_columns) == before
        finally:
            after_conn.close()

        admin = Staff.get(Staff.username == "admin")
        for person in written:
            found = people.search_people(admin, person["name"], limit=50)
            assert person["id_number"] in {p.id_number for p in found}, person["name"]
            found = people.search_people(admin, person["phone"])
            assert [p.id_number for p in found] == [person["id_number"]]
            found = people.search_people(admin, person["id_number"][-4:], limit=50)
            assert person["id_number"] in {p.id_number for p in found}
        ouyang = people.search_people(admin, "ouyang", limit=50)
        assert ouyang and all(p.name.startswith("欧阳") for p in ouyang)
        assert len(ouyang) == sum(1 for p in written if p["name"].startswith("欧阳"))
        # Polyphonic surnames are found by the reading people use.
        for query, name in (("shanweiyi", "单伟一"), ("xiefang", "解芳"), ("zengfanger", "曾芳二")):
            assert [p.name for p in people.search_people(admin, query)] == [name]
        # The accounts of version 1 still sign in.
        assert accounts.authenticate("admin", "correct-horse-1").id == admin.id
    finally:
        close_database()

    if not url.startswith("sqlite:"):
        # PostgreSQL: a pg_dump archive of version 1, made before the first step.
        [dump] = list(config.backup_dir().iterdir())
        assert backup.parse_name(dump)[0] == backup.BEFORE_MIGRATION and dump.suffix == ".dump"
        pg_restore = Path(backup.pg_dump_path()).with_name("pg_restore")
        listing = subprocess.run(
            [str(pg_restore), "--list", str(dump)], capture_output=True, text=True, check=True
        ).stdout
        assert "TABLE DATA public person " in listing
        assert "person_search_key" not in listing
        return
    backups = list(config.backup_dir().glob("*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT app, version FROM schema_version").fetchall() == [
            ("stationapp", 1)
        ]
        assert "person_search_key" not in _tables(copy)
        rows = {}
        for t in DATA_TABLES:
            rows[t] = copy.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
        assert rows == before
    finally:
        copy.close()


def test_current_database_is_not_backed_up_again(db_url: str) -> None:
    open_station_database(db_url)
    close_database()
    open_station_database(db_url)
    close_database()
    assert list(config.backup_dir().iterdir()) == []


@pytest.mark.sqlite_only("the file's bytes and journal mode; see the PostgreSQL test below")
@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_newer_schema_is_refused_and_left_untouched(db_url: str, journal_mode: str) -> None:
    """Also a file in rollback-journal mode (one written by other tools): not switched to WAL."""
    open_station_database(db_url)
    close_database()
    conn = sqlite3.connect(_path(db_url))
    with conn:
        conn.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION + 1,))
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.close()
    digest = _sha256(_path(db_url))

    with pytest.raises(SchemaTooNew) as caught:
        open_station_database(db_url)
    assert str(CURRENT_VERSION + 1) in caught.value.message
    close_database()

    assert _sha256(_path(db_url)) == digest
    assert list(config.backup_dir().iterdir()) == []


@pytest.mark.postgresql_only
def test_newer_postgresql_schema_is_refused_and_left_untouched(db_url: str) -> None:
    open_station_database(db_url)
    close_database()
    conn = _raw(db_url)
    conn.execute("UPDATE schema_version SET version = ?", (CURRENT_VERSION + 1,))
    conn.commit()
    tables = _tables(conn)
    conn.close()

    with pytest.raises(SchemaTooNew) as caught:
        open_station_database(db_url)
    assert str(CURRENT_VERSION + 1) in caught.value.message
    close_database()

    conn = _raw(db_url)
    try:
        assert conn.execute("SELECT version FROM schema_version") == [(CURRENT_VERSION + 1,)]
        assert _tables(conn) == tables
    finally:
        conn.close()
    assert list(config.backup_dir().iterdir()) == []


def test_unrelated_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "recipes.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE recipe (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO recipe (title) VALUES ('饺子')")
    conn.close()
    original = path.read_bytes()

    with pytest.raises(NotStationDatabase):
        open_station_database(f"sqlite:///{path.as_posix()}")
    close_database()

    changed = path.read_bytes()
    # Bytes 18 and 19 of the header say rollback journal (1) or WAL (2).
    assert changed[18:20] == original[18:20], "the foreign file was switched to WAL"
    assert hashlib.sha256(changed).digest() == hashlib.sha256(original).digest()
    conn = sqlite3.connect(path)
    try:
        assert _tables(conn) == {"recipe"}
    finally:
        conn.close()


def test_failing_step_leaves_version_tables_and_rows_as_before(
    v1_database: tuple[str, list[dict[str, str]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _written = v1_database
    db = open_station_database(url)  # now at CURRENT_VERSION, with search keys
    try:
        conn = _raw(url)
        tables, rows = _tables(conn), _rows(conn)
        columns = {t: _columns(conn, t) for t in tables}
        conn.close()

        def broken_step(database: peewee.Database) -> None:
            database.execute_sql("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
            database.execute_sql("ALTER TABLE person ADD COLUMN nickname VARCHAR(20)")
            database.execute_sql("UPDATE person SET name = 'x', nickname = 'y'")
            database.execute_sql("UPDATE organization SET name = 'gone' WHERE id = 3")
            raise RuntimeError("step failed midway")

        monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, broken_step))
        with pytest.raises(RuntimeError, match="midway"):
            migrate(db, target=CURRENT_VERSION + 1)

        assert schema_version(db) == CURRENT_VERSION
        if isinstance(db, peewee.SqliteDatabase):
            assert db.pragma("foreign_keys") == 1  # switched back on after the failure
        conn = _raw(url)
        try:
            assert _tables(conn) == tables
            assert {t: _columns(conn, t) for t in tables} == columns
            assert _rows(conn) == rows
        finally:
            conn.close()
    finally:
        close_database()


def test_failing_step_keeps_the_steps_before_it(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_step(database: peewee.Database) -> None:
        database.execute_sql("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
        raise RuntimeError("step failed midway")

    monkeypatch.setattr(migrations, "STEPS", (migrations.STEPS[0], broken_step))
    db = open_database(db_url)
    try:
        with pytest.raises(RuntimeError):
            migrate(db, target=2)
        assert schema_version(db) == 1
        assert set(db.get_tables()) == V1_TABLES
    finally:
        close_database()
