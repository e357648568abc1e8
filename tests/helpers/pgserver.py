"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, pg_ctl on a free
loopback port, trust authentication on loopback only, stopped and removed at the end.

PostgreSQL refuses to run as root, so as root (CI) the server runs as the unprivileged
``postgres`` user that the Debian package creates, through ``runuser``. The test process itself
connects over TCP as the database superuser ``postgres``.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import queue
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "postgres"
SERVER_USER = "postgres"  # the system user the server runs as when we are root
# Settings for a server whose data may be lost: no fsync, so the tests do not wait for the disk.
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "'128MB'",
    # Not Beijing: the application must set its session's time zone itself (a district's server
    # may well run on UTC), and the tests see that it does.
    "timezone": "'UTC'",
    "log_timezone": "'UTC'",
    "lc_messages": "'C'",
    "log_min_messages": "warning",
    "logging_collector": "off",
}


class PostgresNotFound(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def find_bindir() -> Path:
    """The folder holding initdb and pg_ctl: $STATIONAPP_PG_BINDIR, else the newest
    /usr/lib/postgresql/N/bin (Debian), else wherever initdb is on the PATH."""
    candidates: list[Path] = []
    if os.environ.get("STATIONAPP_PG_BINDIR"):
        candidates.append(Path(os.environ["STATIONAPP_PG_BINDIR"]))
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    versions.sort(key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0)
    candidates.extend(Path(p) for p in reversed(versions))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise PostgresNotFound(
        "PostgreSQL server binaries (initdb, pg_ctl) not found; install the Debian package "
        "'postgresql' or set STATIONAPP_PG_BINDIR"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    port: int
    settings: dict[str, str] = field(default_factory=lambda: dict(SERVER_SETTINGS))

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def logfile(self) -> Path:
        return self.root / "server.log"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def dsn(self, dbname: str = "postgres") -> dict[str, object]:
        return {
            "host": "127.0.0.1",
            "port": self.port,
            "user": SUPERUSER,
            "dbname": dbname,
            "connect_timeout": 10,
        }

    # --- running the server's own programs ---------------------------------------------------

    def _command(self, *args: str) -> list[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        return command

    def _run(self, *args: str, timeout: float = 120) -> None:
        result = subprocess.run(
            self._command(*args),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.root,
        )
        if result.returncode != 0:
            log = self.logfile.read_text(errors="replace") if self.logfile.exists() else ""
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({result.returncode}):\n{result.stdout}\n"
                f"{result.stderr}\n{log[-4000:]}"
            )

    def init(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        with (self.datadir / "postgresql.conf").open("a") as conf:
            conf.write("\n# stationapp tests\n")
            for key, value in self.settings.items():
                conf.write(f"{key} = {value}\n")
            conf.write(f"port = {self.port}\n")
        # Trust on loopback only; no other line, so nothing else can connect.
        (self.datadir / "pg_hba.conf").write_text(
            "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n"
        )

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-l", str(self.logfile), "-w", "start")
        self.wait_ready()

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.datadir), "-m", mode, "-w", "stop")

    def is_running(self) -> bool:
        return (self.datadir / "postmaster.pid").exists()

    def wait_ready(self, timeout: float = 30) -> None:
        import psycopg2

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg2.connect(**self.dsn()).close()
                return
            except psycopg2.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    # --- databases -----------------------------------------------------------------------------

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg2

        conn = psycopg2.connect(**self.dsn())
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute(sql)
        finally:
            conn.close()

    def create_database(self, name: str, template: str = "template0") -> str:
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\'')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def cleanup(self) -> None:
        with contextlib.suppress(Exception):
            if self.is_running():
                self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


class DatabasePool:
    """Fresh databases copied from ``template``, made ahead of the tests that take them, and the
    used ones dropped, by one thread beside the tests.

    A copy (``CREATE DATABASE ... TEMPLATE``) and a drop take the server a third of a second
    together; made here, that work runs on the machine's other core while a test runs, instead of
    in the test's setup and teardown. Every test still gets a database of its own, never used
    before: nothing carries over from one test to the next.
    """

    def __init__(self, server: PostgresServer, template: str, *, ahead: int = 2) -> None:
        self.server = server
        self.template = template
        self._names = itertools.count(1)
        self._work: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._ready: queue.Queue[tuple[str, BaseException | None]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="pg-database-pool", daemon=True)
        self._thread.start()
        for _ in range(ahead):
            self._make_one()

    def _make_one(self) -> None:
        self._work.put(("create", f"{self.template}_copy_{next(self._names)}"))

    def _run(self) -> None:
        while (task := self._work.get()) is not None:
            what, name = task
            if what == "create":
                try:
                    self.server.create_database(name, template=self.template)
                except BaseException as exc:
                    self._ready.put((name, exc))
                else:
                    self._ready.put((name, None))
            else:
                with contextlib.suppress(Exception):
                    self.server.drop_database(name)

    def take(self) -> tuple[str, str]:
        """A new database's name and URL; another is started in its place. A copy made ahead
        that failed (a test had stopped the server for a while) is made again here."""
        self._make_one()
        name, error = self._ready.get(timeout=300)
        if error is not None:
            name = f"{self.template}_copy_{next(self._names)}"
            self.server.create_database(name, template=self.template)
        return name, self.server.url(name)

    def give_back(self, name: str) -> None:
        """Drop ``name`` (the test is done with it) in the background."""
        self._work.put(("drop", name))

    def close(self) -> None:
        """Finish the drops asked for and stop; the databases made ahead go with the server."""
        self._work.put(None)
        self._thread.join(timeout=60)


# A server for the tests keeps its data folder on the RAM disk when there is one with room to
# spare. Every test's database is a copy of a migrated one (11 MB, written to the WAL and then by
# the checkpoint that each DROP DATABASE forces); on this machine's disk that was half a second
# of the server's CPU and two seconds of waiting a test, on the RAM disk a tenth of a second and
# half a second. The server runs with fsync off either way: its data may be lost.
RAM_DISK = Path("/dev/shm")
RAM_DISK_ROOM = 2 * 1024**3  # the template, the copies in use, the WAL: far less, but shared


def ram_disk() -> Path | None:
    """/dev/shm when it is writable with RAM_DISK_ROOM free (a container's is often 64 MB)."""
    try:
        room = shutil.disk_usage(RAM_DISK).free
    except OSError:
        return None
    if room < RAM_DISK_ROOM or not os.access(RAM_DISK, os.W_OK | os.X_OK):
        return None
    return RAM_DISK


def start_server(
    settings: dict[str, str] | None = None, *, in_memory: bool = False
) -> PostgresServer:
    """Initialise and start a new server; raises PostgresNotFound without the binaries.
    ``settings`` change or add to SERVER_SETTINGS (the benchmarks want a durable server).
    ``in_memory``: the data folder goes to the RAM disk where there is one (tests only: the
    benchmarks measure a server on the disk)."""
    bindir = find_bindir()
    # As root the server's user must reach the folder: /tmp, not a TMPDIR under /root.
    folder = ram_disk() if in_memory else None
    if folder is None and os.geteuid() == 0:
        folder = Path("/tmp")
    root = Path(tempfile.mkdtemp(prefix="stationapp-pg-", dir=folder))
    if os.geteuid() == 0:
        shutil.chown(root, user=SERVER_USER, group=SERVER_USER)
    os.chmod(root, 0o700)
    server = PostgresServer(
        bindir=bindir, root=root, port=free_port(), settings={**SERVER_SETTINGS, **(settings or {})}
    )
    try:
        server.init()
        server.start()
    except BaseException:
        server.cleanup()
        raise
    return server
