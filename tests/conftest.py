"""Shared by every test: offscreen Qt, private data folders, a fresh database per test.

Every test that asks for a database (``db_url``, ``db`` or a fixture built on them) under
tests/unit runs twice: on a SQLite file and on a PostgreSQL database of a throwaway server that
the first such test starts (tests/helpers/pgserver.py) and the session stops. Elsewhere (tests/gui)
a test runs on SQLite only unless it is marked ``both_databases`` or ``postgresql_only``. A test
about the SQLite file itself (WAL, the backup API, max_page_count...) is marked
``sqlite_only("why")``.

Without the PostgreSQL server binaries the PostgreSQL runs are skipped with the reason; with
STATIONAPP_REQUIRE_POSTGRES=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
REQUIRE_POSTGRES_ENV = "STATIONAPP_REQUIRE_POSTGRES"
UNIT_DIR = Path(__file__).parent / "unit"

_server = None
_server_error: str | None = None
_pool = None
_sqlite_template: Path | None = None
_names = itertools.count(1)


# Where the tests' temporary folders go when the machine has a RAM disk. Every SQLite commit of the
# application syncs its file to the disk (synchronous=FULL, as a station needs); on this machine's
# disk that is 5 ms a sync, some thousands of them a run. On a RAM disk the same calls return at
# once; the application and the tests do exactly what they did. Passed tests' folders are removed
# as they end (tmp_path_retention_policy in pyproject.toml), so the RAM holds only the failures'.
RAM_DISK = Path("/dev/shm")
# =1: pytest's usual temporary folder, and the PostgreSQL test server's data on the disk too
ON_DISK_ENV = "STATIONAPP_TEST_TMP_ON_DISK"


def _temporary_root() -> None:
    """Send tmp_path and tmp_path_factory to the RAM disk, unless told where they go."""
    if os.environ.get("PYTEST_DEBUG_TEMPROOT") or os.environ.get(ON_DISK_ENV) == "1":
        return
    if RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK | os.X_OK):
        # Read by pytest when it first makes the session's folder (TempPathFactory.getbasetemp).
        os.environ["PYTEST_DEBUG_TEMPROOT"] = str(RAM_DISK)


def pytest_configure(config: pytest.Config) -> None:
    if config.option.basetemp is None:
        _temporary_root()
    config.addinivalue_line(
        "markers", "sqlite_only(reason): runs on SQLite only; the reason says why (required)"
    )
    config.addinivalue_line("markers", "postgresql_only: runs on PostgreSQL only")
    config.addinivalue_line(
        "markers", "error_dialog_expected: a test of the internal-error dialog itself"
    )
    config.addinivalue_line(
        "markers", "both_databases: a test outside tests/unit that runs on both databases"
    )


def _backends(definition: pytest.Function) -> list[str]:
    if definition.get_closest_marker("postgresql_only"):
        return [POSTGRESQL]
    marker = definition.get_closest_marker("sqlite_only")
    if marker:
        if not (marker.args or marker.kwargs.get("reason")):
            raise pytest.UsageError(f"{definition.nodeid}: sqlite_only needs a reason")
        return [SQLITE]
    in_unit = UNIT_DIR in Path(str(definition.path)).parents
    if in_unit or definition.get_closest_marker("both_databases"):
        return [SQLITE, POSTGRESQL]
    return [SQLITE]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_backend" in metafunc.fixturenames:
        metafunc.parametrize("db_backend", _backends(metafunc.definition), indirect=True)


def pytest_report_header(config: pytest.Config) -> str:
    from tests.helpers import pgserver

    try:
        bindir = pgserver.find_bindir()
    except pgserver.PostgresNotFound as exc:
        return f"postgresql: not found, PostgreSQL runs will be skipped ({exc})"
    return f"postgresql: server binaries in {bindir}"


def pytest_sessionfinish(session: pytest.Session) -> None:
    global _server, _pool
    if _pool is not None:
        _pool.close()
        _pool = None
    if _server is not None:
        _server.cleanup()
        _server = None


def postgres_server():
    """The session's PostgreSQL server, started on first use; skips (or, when required, fails)
    the calling test when there is none."""
    global _server, _server_error
    if _server is None and _server_error is None:
        from tests.helpers import pgserver

        try:
            _server = pgserver.start_server(in_memory=os.environ.get(ON_DISK_ENV) != "1")
        except pgserver.PostgresNotFound as exc:
            _server_error = str(exc)
        except Exception as exc:
            _server_error = f"the PostgreSQL test server did not start: {exc}"
        else:
            _stop_server_on_sigterm()
    if _server is None:
        if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
            pytest.fail(f"{REQUIRE_POSTGRES_ENV}=1 but {_server_error}", pytrace=False)
        pytest.skip(f"PostgreSQL run skipped: {_server_error}")
    return _server


def _stop_server_on_sigterm() -> None:
    """A run ended by SIGTERM (a timeout, a stopped CI job) stops its server and removes its data
    folder before it goes, as pytest_sessionfinish would have: left behind, a server on the RAM
    disk would keep its memory until the machine restarts."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return

    def stop(signum: int, frame: object) -> None:
        if _server is not None:
            _server.cleanup()
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    signal.signal(signal.SIGTERM, stop)


def _migrated_copies(server):  # type: ignore[no-untyped-def]
    """Copies of a database migrated once per session, made ahead by a thread beside the tests
    (tests/helpers/pgserver.py DatabasePool); each test's ``db`` is one of them (a copy takes a
    tenth of the time the migrations take on PostgreSQL)."""
    global _pool
    if _pool is None:
        from stationapp.db import close_database
        from stationapp.services.maintenance import open_station_database
        from tests.helpers import pgserver

        name = "stationapp_template"
        open_station_database(server.create_database(name))
        close_database()
        _pool = pgserver.DatabasePool(server, name)
    return _pool


def _migrated_sqlite_template(folder: Path) -> Path:
    """A SQLite file migrated once per session; each test's ``db`` opens a copy of it (a copy
    takes a millisecond, the migrations most of a second on a loaded machine). The copy keeps the
    file mode the application created the template with."""
    global _sqlite_template
    if _sqlite_template is None:
        from stationapp.db import close_database
        from stationapp.services.maintenance import open_station_database

        path = folder / "template.db"
        open_station_database(f"sqlite:///{path.as_posix()}")
        close_database()
        # The last connection's close checkpoints the WAL into the file and removes it.
        assert not path.with_name(path.name + "-wal").exists()
        _sqlite_template = path
    return _sqlite_template


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashes() -> Iterator[None]:
    """argon2id with the smallest cost: the recommended one takes a third of a second a hash,
    which would be most of the time of a test that only needs a signed-in staff member. The
    hashes are still argon2id, verified and rehashed by the same code."""
    import argon2

    from stationapp.services import accounts

    real = accounts._hasher
    accounts._hasher = argon2.PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
    yield
    accounts._hasher = real


@pytest.fixture(name="postgres_server")
def postgres_server_fixture():
    return postgres_server()


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Data, logs and QSettings go to a temporary folder: never the user's own."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("STATIONAPP_DATA_DIR", str(home))
    monkeypatch.delenv("STATIONAPP_DATABASE", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return home


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    """The database this run of the test uses: "sqlite" or "postgresql"."""
    return request.param


@pytest.fixture
def db_url(
    db_backend: str,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Iterator[str]:
    """The URL of a database of the test's own: a new SQLite file, or a new PostgreSQL
    database, dropped afterwards. When the test also asks for ``db`` it is a copy of a template
    migrated once per session (a file copy, or ``CREATE DATABASE ... TEMPLATE``)."""
    if db_backend == SQLITE:
        path = tmp_path / "station.db"
        if "db" in request.fixturenames:
            template = _migrated_sqlite_template(tmp_path_factory.getbasetemp())
            shutil.copy(template, path)  # with the mode the application gave it
        yield f"sqlite:///{path.as_posix()}"
        return
    server = postgres_server()
    if "db" in request.fixturenames:
        pool = _migrated_copies(server)
        name, url = pool.take()
        drop = pool.give_back
    else:
        name = f"station_{next(_names)}"
        url = server.create_database(name)
        drop = server.drop_database
    try:
        yield url
    finally:
        from stationapp.db import close_database

        close_database()
        drop(name)


@pytest.fixture
def db(db_url: str) -> Iterator[object]:
    """A fresh, migrated database bound to the proxy."""
    from stationapp.db import close_database
    from stationapp.services.maintenance import open_station_database

    database = open_station_database(db_url)
    yield database
    close_database()


SHARED_DEMO_PEOPLE = 60


@pytest.fixture(scope="session")
def shared_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A demo station of SHARED_DEMO_PEOPLE people, built once for the whole session, and its
    administrator's id: the demo's own tests (tests/unit/test_demo.py) and the GUI tests
    (tests/gui/conftest.py ``demo_file``) each open a copy of it. The file is closed, so its WAL
    has been checkpointed into it."""
    from stationapp import demo
    from stationapp.db import close_database
    from stationapp.services.maintenance import open_station_database

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    open_station_database(f"sqlite:///{path.as_posix()}")
    try:
        admin_id = demo.populate(people=SHARED_DEMO_PEOPLE).id
    finally:
        close_database()
    return path, admin_id


@pytest.fixture
def admin(db: object):
    from stationapp.services import accounts

    return accounts.create_first_admin(
        username="admin",
        display_name="王站长",
        password="correct-horse-1",
        station_name="建国门街道工会服务站",
        case_prefix="建工调",
    )


@pytest.fixture
def make_staff(admin):
    """Create a staff member with the given roles (password ``password-123``)."""
    from stationapp.services import accounts

    def make(username: str, *roles: str):
        staff = accounts.create_staff(
            admin,
            username=username,
            display_name="测试员",
            roles=list(roles),
            password="password-123",
        )
        return staff

    return make


# The screen every GUI test runs on: the common office screen (UX.md), not the offscreen
# platform's default square.
OFFICE_SCREEN = (1366, 768)


@pytest.fixture(scope="session")
def qapp_args(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    import json

    width, height = OFFICE_SCREEN
    config = tmp_path_factory.mktemp("screen") / "screens.json"
    screen = {"name": "office", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    return ["stationapp-tests", "-platform", f"offscreen:configfile={config}"]
