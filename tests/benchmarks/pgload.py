"""The benchmark database on PostgreSQL: the same rows as a SQLite file from generate.py, so the
two databases are measured on identical content (issue #10, "benchmarks on PostgreSQL too").

    python tests/benchmarks/pgload.py --db PATH.db --url postgresql://...   (an empty database)

run.py --postgresql does this itself on a throwaway server. The PostgreSQL schema comes from the
application's own migrations (as on a desk), then every table is emptied and filled from the
SQLite file with COPY, the id sequences are moved past the largest id, and the tables analysed.
"""

from __future__ import annotations

import argparse
import io
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

BATCH = 5000  # rows per chunk handed to COPY


def _csv_field(value: object, kind: str) -> str:
    """One value in PostgreSQL's CSV COPY format: an unquoted empty field is NULL, so every
    text is quoted (an empty string stays an empty string)."""
    if value is None:
        return ""
    if kind == "boolean":
        return "t" if value else "f"
    if kind == "bytea":
        return "\\x" + bytes(value).hex()  # type: ignore[arg-type]
    if isinstance(value, (int, float)):
        return repr(value)
    text = value if isinstance(value, str) else str(value)
    return '"' + text.replace('"', '""') + '"'


class _CopySource(io.TextIOBase):
    """A file the driver's copy_expert reads from, made of CSV lines as they are produced."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._buffer = ""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> str:  # type: ignore[override]
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._lines, None)
            if chunk is None:
                break
            self._buffer += chunk
        if size < 0:
            size = len(self._buffer)
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out


def _rows(source: sqlite3.Connection, table: str, columns: list[str], kinds: list[str]):
    cursor = source.execute("SELECT " + ", ".join(f'"{c}"' for c in columns) + f' FROM "{table}"')
    cursor.arraysize = BATCH
    while True:
        batch = cursor.fetchmany()
        if not batch:
            return
        yield "".join(
            ",".join(_csv_field(v, k) for v, k in zip(row, kinds, strict=True)) + "\n"
            for row in batch
        )


def load(sqlite_file: Path, url: str, *, quiet: bool = False) -> dict[str, int]:
    """Fill the PostgreSQL database at ``url`` (empty, or a stationapp database whose rows may
    all go) with the rows of ``sqlite_file``, which is only read and must be at the current
    schema version (run.py's copy is). Returns the row count of each table, checked equal on
    both sides."""
    import psycopg2

    from stationapp.db import close_database
    from stationapp.migrations import CURRENT_VERSION
    from stationapp.services.maintenance import open_station_database

    source = sqlite3.connect(f"file:{sqlite_file.as_posix()}?mode=ro", uri=True)
    (version,) = source.execute("SELECT MAX(version) FROM schema_version").fetchone()
    if version != CURRENT_VERSION:
        source.close()
        raise RuntimeError(
            f"{sqlite_file} is at schema version {version}, this program at {CURRENT_VERSION}: "
            "open it once with this version (run.py migrates its copy) or generate it again"
        )
    open_station_database(url)  # the desk's own migrations make the tables
    close_database()
    target = psycopg2.connect(url)
    counts: dict[str, int] = {}
    try:
        with target.cursor() as cursor:
            cursor.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
            )
            pg_columns: dict[str, list[tuple[str, str]]] = {}
            for table, column, kind in cursor.fetchall():
                pg_columns.setdefault(table, []).append((column, kind))
        in_sqlite = {
            name
            for (name,) in source.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        missing = sorted(set(pg_columns) ^ in_sqlite)
        if missing:
            raise RuntimeError(f"tables on one database only: {missing}")
        with target.cursor() as cursor:
            # A superuser's session: no foreign-key triggers while the tables fill in any order
            # (the SQLite file passed PRAGMA foreign_key_check when it was generated).
            cursor.execute("SET session_replication_role = replica")
            names = ", ".join(f'"{t}"' for t in sorted(pg_columns))
            cursor.execute(f"TRUNCATE {names} RESTART IDENTITY")
            for table in sorted(pg_columns):
                sqlite_cols = {r[1] for r in source.execute(f'PRAGMA table_info("{table}")')}
                cols = [(c, k) for c, k in pg_columns[table] if c in sqlite_cols]
                started = time.perf_counter()
                column_list = ", ".join(f'"{c}"' for c, _ in cols)
                cursor.copy_expert(
                    f'COPY "{table}" ({column_list}) FROM STDIN WITH (FORMAT csv)',
                    _CopySource(_rows(source, table, [c for c, _ in cols], [k for _, k in cols])),
                    size=1 << 16,
                )
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                counts[table] = cursor.fetchone()[0]
                expected = source.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                if counts[table] != expected:
                    raise RuntimeError(f"{table}: {counts[table]} rows copied of {expected}")
                if not quiet and counts[table]:
                    took = time.perf_counter() - started
                    print(f"  {table}: {counts[table]:,} rows in {took:.1f} s", flush=True)
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'"
            )
            for table, column in cursor.fetchall():
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), "
                    f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)',
                    (f'"{table}"', column),
                )
            cursor.execute("SET session_replication_role = DEFAULT")
        target.commit()
        target.autocommit = True
        with target.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        target.close()
        source.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a SQLite file from generate.py")
    parser.add_argument("--url", required=True, help="an empty PostgreSQL database")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = load(args.db, args.url)
    print(f"{sum(counts.values()):,} rows in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
