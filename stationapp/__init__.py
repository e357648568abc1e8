"""stationapp: the desktop application of a street trade-union service station."""

import sys

__version__ = "0.1.0"


def _import_peewee_without_psycopg2() -> None:
    """Import peewee with the PostgreSQL driver held back. peewee imports every driver it knows
    when it is itself imported, and psycopg2 (libpq, OpenSSL) is a sixth of a SQLite desk's
    start; ``stationapp.db.load_psycopg2`` gives it to peewee when a PostgreSQL database is
    opened. Runs before any module of the package imports peewee; a program that imported
    peewee (or psycopg2) first keeps the driver peewee found."""
    if "peewee" in sys.modules or "psycopg2" in sys.modules:
        return
    sys.modules["psycopg2"] = None  # type: ignore[assignment]  # "import psycopg2" fails
    try:
        import peewee  # noqa: F401
    finally:
        if "psycopg2" in sys.modules and sys.modules["psycopg2"] is None:
            del sys.modules["psycopg2"]


_import_peewee_without_psycopg2()
