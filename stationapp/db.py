"""The one database handle, how to open it, and the transaction helpers every service uses."""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlparse

import peewee
from peewee import DatabaseProxy
from PySide6.QtCore import QCoreApplication

from stationapp import import_holding_back
from stationapp.config import create_private_file
from stationapp.errors import DatabaseBusy, DatabaseUnavailable, NotFound

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

database = DatabaseProxy()

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
BUSY_TIMEOUT_SECONDS = 5.0

# The journal mode is stored in the file, so it is switched to WAL only after the file has been
# recognised as ours (see services.maintenance); these pragmas hold for the connection only.
SQLITE_PRAGMAS = {
    "foreign_keys": 1,
    # FULL: a committed transaction survives a power cut, not only a crash of this process.
    "synchronous": 2,
    "busy_timeout": int(BUSY_TIMEOUT_SECONDS * 1000),
    "cache_size": -16000,
}


POSTGRESQL_SCHEMES = ("postgres", "postgresql")
# What connect() understands: SQLite files, PostgreSQL, and the other playhouse.db_url schemes
# (their drivers are not installed with stationapp; the message then says so).
SUPPORTED_SCHEMES = (
    "sqlite",
    *POSTGRESQL_SCHEMES,
    "postgresext",
    "postgresqlext",
    "mysql",
    "mysql+pool",
    "cockroachdb",
)
# Every PostgreSQL connection: the session's clock is Beijing's (so CURRENT_DATE and casts of
# timestamps agree with now() below); a lock held by another desk fails like SQLite's busy timeout
# instead of waiting for ever; a dead server or network is noticed within seconds.
POSTGRESQL_SESSION = {"TimeZone": "Asia/Shanghai", "lock_timeout": f"{int(BUSY_TIMEOUT_SECONDS)}s"}
POSTGRESQL_CONNECT = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    # Data sent and not acknowledged for this long (a cut network): the query fails instead of
    # hanging for the system's quarter of an hour of retransmissions.
    "tcp_user_timeout": 15000,
    "application_name": "stationapp",
}


class StationPostgresqlDatabase(peewee.PostgresqlDatabase):
    """PostgreSQL with the station's session settings on every new connection, and a new
    connection when the server went away and came back (restart, network cut): a transaction
    about to begin, or a query outside one, gets a fresh connection instead of failing on the
    dead one for ever. A transaction the loss interrupted fails; the service says so and the
    form keeps its input for the next try."""

    def _initialize_connection(self, conn) -> None:
        with conn.cursor() as cursor:
            for name, value in POSTGRESQL_SESSION.items():
                cursor.execute("SELECT set_config(%s, %s, false)", (name, value))

    def _lost(self) -> bool:
        """The open connection is known dead (the driver noticed on its last use)."""
        return not self.is_closed() and bool(self._state.conn.closed)

    def _drop_lost(self) -> None:
        if self.transaction_depth() == 0 and self._lost():
            log.info("the database connection was lost; connecting again")
            self.close()

    def cursor(self, named_cursor=None):  # type: ignore[no-untyped-def]
        self._drop_lost()
        return super().cursor(named_cursor)

    def begin(self, isolation_level=None) -> None:  # type: ignore[no-untyped-def]
        try:
            try:
                super().begin(isolation_level)
            except (peewee.OperationalError, peewee.InterfaceError):
                if not self._lost():
                    raise
                # Nothing has been done yet, so beginning again on a new connection is safe.
                self._drop_lost()
                super().begin(isolation_level)
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            _raise_mapped(exc)

    def execute_sql(self, sql, params=None):  # type: ignore[no-untyped-def]
        params = _without_nul(params)
        try:
            try:
                return super().execute_sql(sql, params)
            except (peewee.OperationalError, peewee.InterfaceError):
                # Only a read outside a transaction is repeated: a write might have been done.
                read = sql.lstrip()[:6].upper() == "SELECT"
                if not (read and self.transaction_depth() == 0 and self._lost()):
                    raise
                self._drop_lost()
                return super().execute_sql(sql, params)
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            _raise_mapped(exc)


class StationSqliteDatabase(peewee.SqliteDatabase):
    """SQLite, asked about a NUL the way PostgreSQL is (see ``_without_nul``): SQLite's LIKE
    stops reading its pattern at a NUL, so "%\\x00…%" matched every row."""

    def execute_sql(self, sql, params=None):  # type: ignore[no-untyped-def]
        return super().execute_sql(sql, _without_nul(params))


def _without_nul(params):  # type: ignore[no-untyped-def]
    """PostgreSQL text cannot hold a NUL, nor be compared with one, and SQLite's LIKE ends its
    pattern at one: a value holding one (typed or scanned noise that validation let through to
    a search or a filter) has it replaced by U+FFFD, which no record holds, so the search finds
    nothing on either database."""
    if not params or not any(isinstance(p, str) and "\x00" in p for p in params):
        return params
    return type(params)(p.replace("\x00", "\ufffd") if isinstance(p, str) else p for p in params)


def _raise_mapped(exc: BaseException) -> None:
    """Raise the user's error for a driver error (a server out of reach, a lock held too long),
    so a read outside a transaction fails as expectedly as a save; else the error itself."""
    mapped = translate_error(exc)
    if mapped is exc:
        raise exc
    log.warning("database error mapped for the user: %s", exc)
    raise mapped from exc


def is_postgresql_url(url: str) -> bool:
    return urlparse(url).scheme in POSTGRESQL_SCHEMES


def load_psycopg2() -> None:
    """Give peewee the PostgreSQL driver it was imported without (see stationapp/__init__.py):
    what peewee's own import does when psycopg2 is there. Raises ImportError without it."""
    if peewee.psycopg2 is not None:
        return
    # psycopg2 is imported with Python's ssl module held back. psycopg2 imports ssl only so that
    # Python sets up OpenSSL's thread locks before libpq does (OpenSSL before 1.1 needed them),
    # and without it leaves OpenSSL to libpq. The wheel's libpq carries its own OpenSSL (3.x,
    # which needs no such set-up), not Python's, and makes every TLS connection with it: a
    # server's ``sslmode`` works as before. ssl (with Python's OpenSSL, 15-20 ms of CPU here,
    # about a twentieth of a PostgreSQL desk's start) comes when something else asks for it.
    #
    # peewee's import also imports psycopg2.extras (9 ms of CPU at a PostgreSQL desk's start)
    # for two names: Json (psycopg2's own module holds it) and register_uuid, which makes UUID
    # columns read as uuid.UUID: stationapp has none, so it is left out.
    import_holding_back("psycopg2", "ssl")
    import psycopg2
    from psycopg2 import extensions
    from psycopg2._json import Json

    peewee.psycopg2, peewee.pg_extensions, peewee.Json_pg2 = psycopg2, extensions, Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN


def connect(url: str) -> peewee.Database:
    """A new, unbound, not yet connected database object for ``url``."""
    if url.startswith("sqlite:"):
        # Directly, not through playhouse.db_url, which imports every backend's extension
        # module (a tenth of the desk's start-up for nothing).
        path = sqlite_path(url)
        return StationSqliteDatabase(
            str(path) if path else ":memory:", pragmas=SQLITE_PRAGMAS, timeout=BUSY_TIMEOUT_SECONDS
        )
    with contextlib.suppress(ImportError):  # without the driver peewee says it is missing
        load_psycopg2()
    if is_postgresql_url(url):
        params = postgresql_params(url)
        for key, value in POSTGRESQL_CONNECT.items():
            params.setdefault(key, value)  # what the URL says wins
        if not params.get("database"):
            raise peewee.ImproperlyConfigured(f"no database name in {describe_url(url)}")
        db = StationPostgresqlDatabase(**params)
        db._adapter.check_driver()
        return db
    from playhouse.db_url import connect as connect_url

    return connect_url(url)


def _query_value(value: str) -> object:
    """A connection parameter from a URL's query as playhouse.db_url reads it."""
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if value.isdigit():
        return int(value)
    if "." in value and all(part.isdigit() for part in value.split(".", 1)):
        return float(value)
    return None if lowered in ("null", "none") else value


def postgresql_params(url: str) -> dict[str, object]:
    """The connection parameters of a postgresql:// URL, read as playhouse.db_url reads them
    (not imported: it imports every backend's extension module, a cost at every start)."""
    parsed = urlparse(url)
    params: dict[str, object] = {"database": parsed.path[1:]}
    for key, value in (
        ("user", parsed.username),
        ("password", parsed.password),
        ("host", parsed.hostname),
        ("port", parsed.port),
    ):
        if value:
            params[key] = value
    params.update((key, _query_value(value)) for key, value in parse_qsl(parsed.query, True))
    return params


def now() -> datetime:
    """The current time in Beijing, naive: every stored time uses this one clock."""
    return datetime.now(BEIJING).replace(tzinfo=None)


def today() -> date:
    return now().date()


MASK = "***"
# A password in free text: "scheme://user:PASSWORD@" and "password=PASSWORD" (a URL's query or a
# libpq connection string). What the log formatter and the terminal messages mask.
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/?#@\s]*:)[^@\s]*(?=@)")
_KEY_PASSWORD = re.compile(
    r"(?P<head>\bpassword\s*=\s*)(?!\*\*\*)(?:'[^']*'|\"[^\"]*\"|[^&\s'\",;]*)", re.IGNORECASE
)


def redact(text: str) -> str:
    """``text`` with every password it spells out replaced by ``***`` (logs, terminal output)."""
    text = _URL_PASSWORD.sub(lambda m: m["head"] + MASK, text)
    return _KEY_PASSWORD.sub(lambda m: m["head"] + MASK, text)


def _query_without_password(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, v) for k, v in pairs if k.lower() != "password"])


def split_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password (neither ``user:password@`` nor ``?password=``), and the
    password as the application itself connects with it (playhouse.db_url: the query wins).

    Child programs (pg_dump) get the first on their command line and the second in their
    environment: a command line is visible to every user of the computer through ``ps``.
    """
    try:
        parsed = urlparse(url)
    except ValueError:
        return redact(url), None
    if parsed.password is None and "password" not in parsed.query.lower():
        return url, None
    password: str | None = parsed.password or None
    netloc = parsed.netloc
    if parsed.password is not None:
        userinfo, _, hostport = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}@{hostport}" if user else hostport
    for key, value in parse_qsl(parsed.query, keep_blank_values=True):
        if key.lower() == "password":
            password = value
    query = _query_without_password(parsed.query)
    return parsed._replace(netloc=netloc, query=query).geturl(), password


def describe_url(url: str) -> str:
    """The file of a SQLite database, else the URL with its password masked (status bar, logs,
    messages): never a password, wherever the URL is shown."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    try:
        parsed = urlparse(url)
    except ValueError:
        return redact(url)
    netloc = parsed.netloc
    if parsed.password is not None:
        userinfo, _, hostport = netloc.rpartition("@")
        netloc = f"{userinfo.split(':', 1)[0]}:{MASK}@{hostport}"
    pairs = parse_qsl(parsed.query, keep_blank_values=True)
    if any(k.lower() == "password" for k, _v in pairs):
        query = "&".join(
            f"{k}={MASK}" if k.lower() == "password" else urlencode([(k, v)]) for k, v in pairs
        )
    else:
        query = parsed.query
    return redact(parsed._replace(netloc=netloc, query=query).geturl())


def server_of(url: str) -> str:
    """Host and port of a server database's URL (never its user or password)."""
    parsed = urlparse(url)
    host = parsed.hostname or "localhost"
    try:
        port = parsed.port
    except ValueError:
        port = None
    if port is None and parsed.scheme in POSTGRESQL_SCHEMES:
        port = 5432
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def database_name(url: str) -> str:
    """The database's name in a server URL (its path without the slash)."""
    return urlparse(url).path.lstrip("/") or "–"


def sqlite_path(url: str) -> Path | None:
    """The file behind a sqlite:/// URL, or None for other databases."""
    if not url.startswith("sqlite:"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def read_only_uri(path: PurePath) -> str:
    """The URI that opens the SQLite file at the absolute ``path`` read-only
    (``sqlite3.connect(uri, uri=True)``).

    A Windows network path (\\\\server\\share\\x.db, which is also what resolve() makes of a
    file on a mapped network drive) is written file:////server/share/x.db: Path.as_uri() gives
    file://server/share/x.db, and SQLite refuses a URI with an authority."""
    uri = path.as_uri()
    if isinstance(path, PureWindowsPath) and not uri.startswith("file:///"):
        uri = "file:////" + uri.removeprefix("file://")
    return f"{uri}?mode=ro"


def open_database(url: str) -> peewee.Database:
    """Open ``url`` and bind it to the proxy; creates the folder of a new SQLite file.

    Raises DatabaseUnavailable with the reason when the database cannot be reached.
    """
    path = sqlite_path(url)
    scheme = urlparse(url).scheme
    not_an_address = DatabaseUnavailable(
        translate(
            "Database",
            "“{url}” is not a database address stationapp can open. Write "
            "sqlite:///path/to/file.db or postgresql://user@host:5432/name.",
        ).format(url=describe_url(url))
    )
    if not url.startswith("sqlite:") and scheme not in SUPPORTED_SCHEMES:
        raise not_an_address
    try:
        if path is not None:
            # A new database is readable by its owner only; SQLite gives its -wal and -shm
            # files the same permissions.
            create_private_file(path)
        db = connect(url)
        database.initialize(db)
        db.connect(reuse_if_open=True)
    except ValueError as exc:  # a port that is not a number, a malformed address
        raise not_an_address from exc
    except peewee.ImproperlyConfigured as exc:
        raise DatabaseUnavailable(
            translate(
                "Database",
                "This database cannot be used: {reason}. For PostgreSQL install the driver "
                "with: pip install 'stationapp[postgresql]'",
            ).format(reason=exc)
        ) from exc
    except (peewee.OperationalError, peewee.InterfaceError, sqlite3.Error, OSError) as exc:
        mapped = translate_error(exc)
        if mapped is exc:
            mapped = DatabaseUnavailable(
                translate("Database", "The database cannot be opened: {reason}").format(reason=exc)
            )
        elif path is None and is_unreachable(exc):
            # At the start nothing was being saved: say which server could not be reached.
            mapped = DatabaseUnavailable(
                translate(
                    "Database",
                    "The database server {server} cannot be reached, so the database {name} "
                    "cannot be opened. Check that the server is running and that this computer "
                    "is connected to its network, then start again.",
                ).format(server=server_of(url), name=database_name(url))
            )
        raise mapped from exc
    log.info("database opened: %s", describe_url(url))
    return db


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def is_sqlite() -> bool:
    return isinstance(database.obj, peewee.SqliteDatabase)


def is_postgresql() -> bool:
    return isinstance(database.obj, peewee.PostgresqlDatabase)


def contains(field: peewee.Field, text: str, *, folded: bool = False) -> peewee.Expression:
    """``field`` holds ``text`` anywhere, ignoring case, wildcards in ``text`` taken literally.

    peewee writes ILIKE, which SQLite runs as its LIKE. PostgreSQL's ILIKE folds the case of
    every row it tests, three to four times the cost of LIKE on Chinese text (50,000 titles:
    58 against 16 ms), so where case cannot matter it gets a plain LIKE: ``text`` has no letter
    with a case (characters, digits), or ``folded`` says the column is stored in lower case and
    ``text`` was folded the same way (the search keys).
    """
    expression = field.contains(text)
    if is_postgresql() and (folded or text.lower() == text.upper()):
        return peewee.Expression(expression.lhs, peewee.OP.LIKE, expression.rhs)
    return expression


def backend_pid() -> int | None:
    """The server process of this thread's open PostgreSQL connection (what NOTIFY reports as
    the sender), or None."""
    db = database.obj
    if not isinstance(db, peewee.PostgresqlDatabase) or db.is_closed():
        return None
    try:
        return db.connection().info.backend_pid
    except (peewee.InterfaceError, AttributeError):
        return None


def new_driver_connection():  # type: ignore[no-untyped-def]
    """A new psycopg2 connection, in autocommit, to the PostgreSQL database bound to the
    proxy, outside peewee: for a long-lived LISTEN beside the application's own connection."""
    db = database.obj
    if not isinstance(db, peewee.PostgresqlDatabase):
        raise peewee.ImproperlyConfigured("not a PostgreSQL database")
    conn = db._connect()
    conn.autocommit = True
    return conn


def translate_error(exc: BaseException) -> BaseException:
    """Map a driver error to the expected error the user is shown, or return it unchanged.

    SQLite rolls a transaction back by itself when the disk is full, and peewee's own rollback
    then fails with "no transaction is active": the real cause is the error before it.
    """
    text = str(exc).lower()
    if "no transaction is active" in text and exc.__context__ is not None:
        return translate_error(exc.__context__)
    if (
        "locked" in text
        or "busy" in text
        or "lock timeout" in text  # PostgreSQL: another desk holds the row or table
        or "could not obtain lock" in text
        or "deadlock detected" in text
    ):
        return DatabaseBusy(
            translate(
                "Database",
                "The database is busy: another program or desk is writing to it. "
                "Nothing was saved; please try again in a moment.",
            )
        )
    if "read-only transaction" in text:
        return DatabaseUnavailable(
            translate(
                "Database",
                "The database server accepts no changes at the moment (it is read-only), so "
                "nothing was saved. Ask the administrator.",
            )
        )
    if "readonly" in text or "read-only" in text or "read only" in text:
        return DatabaseUnavailable(
            translate(
                "Database",
                "The database is read-only, so nothing can be saved. Check the permissions of the "
                "database file, of the files beside it ending in -wal and -shm, and of its folder, "
                "or ask the administrator.",
            )
        )
    if "disk is full" in text or "database or disk is full" in text or "no space" in text:
        return DatabaseUnavailable(
            translate(
                "Database",
                "The disk is full, so nothing was saved. Free some space and try again.",
            )
        )
    if is_unreachable(exc):
        return DatabaseUnavailable(
            translate(
                "Database",
                "The database server cannot be reached. Nothing was saved; try again when it is "
                "back.",
            )
        )
    return exc


def is_unreachable(exc: BaseException) -> bool:
    """The driver's error says the server cannot be reached (down, restarting, no network)."""
    text = str(exc).lower()
    return (
        "could not connect" in text
        or ("connection" in text and "closed" in text)
        or "terminating connection" in text
        or "server closed" in text
        or "connection refused" in text
        or "the database system is" in text  # starting up, shutting down, in recovery
        or "connection to server at" in text
        or "timeout expired" in text
        or "could not translate host name" in text
    )


M = TypeVar("M", bound=peewee.Model)


def found(model: type[M], record_id: int, message: str) -> M:
    """The record ``record_id`` of ``model``, or NotFound(``message``) when there is none."""
    record = model.get_or_none(model._meta.primary_key == record_id)
    if record is None:
        raise NotFound(message)
    return record


# The first key of the two-key advisory locks lock_kind() takes (the second is the kind's hash).
KIND_LOCK_NAMESPACE = 0x5354


def lock_kind(kind: str) -> None:
    """Inside ``transaction(lock=True)``: wait for the other desks' transactions about the same
    kind of record, for a decision no parent row guards (is this person already on file, is
    this name taken?). SQLite's IMMEDIATE transaction holds the whole file already; PostgreSQL
    takes a transaction-level advisory lock keyed by the kind, released at commit or rollback.
    """
    if is_postgresql():
        database.execute_sql(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (KIND_LOCK_NAMESPACE, kind)
        )


@contextmanager
def transaction(*, lock: bool = False) -> Iterator[None]:
    """One service call, one transaction (DESIGN.md rules 2 and 3).

    ``lock=True`` takes the write lock before anything is read, so a decision about something
    scarce (the next number, the last place) counts what is really there. On PostgreSQL the
    service also locks its parent row with ``SELECT ... FOR UPDATE``.
    """
    db = database.obj
    try:
        if lock and isinstance(db, peewee.SqliteDatabase):
            ctx = db.atomic("IMMEDIATE")
        else:
            ctx = db.atomic()
        with ctx:
            yield
    except (
        peewee.OperationalError,
        peewee.InterfaceError,
        peewee.InternalError,
        sqlite3.OperationalError,
    ) as exc:
        mapped = translate_error(exc)
        if mapped is exc:
            raise
        log.warning("database error mapped for the user: %s", exc)
        raise mapped from exc


def count_per(field: peewee.Field, keys: list[int], *where: peewee.Expression) -> dict[int, int]:
    """How many rows of ``field``'s table (those matching ``where``) there are per key among
    ``keys``, in one grouped query; a key with none is left out."""
    if not keys:
        return {}
    model = field.model
    return dict(
        model.select(field, peewee.fn.COUNT(model._meta.primary_key))
        .where(field.in_(keys), *where)
        .group_by(field)
        .tuples()
    )


def found_first(query: peewee.ModelSelect, message: str) -> Any:
    """The first row of ``query``, or NotFound(``message``) when it has none."""
    row = query.first()
    if row is None:
        raise NotFound(message)
    return row


def excluding(query: peewee.ModelSelect, record_id: int | None) -> peewee.ModelSelect:
    """``query`` without the record ``record_id``: the one being changed, which may keep its own
    name or number (None: a new record, nothing left out)."""
    if record_id is None:
        return query
    return query.where(query.model._meta.primary_key != record_id)
