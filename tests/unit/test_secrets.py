"""No password in any log, terminal output or process list (issue 19, finding 4).

The attacks: read the log file after a failed start with a PostgreSQL URL that carries its
password (in ``user:password@`` or in ``?password=``); read the terminal; watch ``ps`` while a
backup runs ``pg_dump``.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from stationapp.db import describe_url, redact, split_password
from stationapp.services import backup
from tests.helpers import pgserver

REPO = Path(__file__).resolve().parents[2]
SECRET = "Zq7-S3cret"


def _cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, STATIONAPP_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    env.pop("PGPASSWORD", None)
    return subprocess.run(
        [sys.executable, "-m", "stationapp", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _logs(data_dir: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in (data_dir / "logs").glob("*.log*"))


def _nowhere(secret: str, *texts: str) -> None:
    for text in texts:
        assert secret not in text, text


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://bob:{SECRET}@127.0.0.1:5432/station",
        f"postgresql://bob@127.0.0.1:5432/station?password={SECRET}&sslmode=disable",
        f"postgres://:{SECRET}@db.example/station",
        f"postgresql://bob:{SECRET}%40x@127.0.0.1:notaport/station",
        f"postgresql://bob:a:{SECRET}@b@127.0.0.1/station",
    ],
)
def test_a_shown_url_never_carries_its_password(url: str) -> None:
    _nowhere(SECRET, describe_url(url), redact(url), redact(f"cannot open {url}: refused"))
    address, password = split_password(url)
    _nowhere(SECRET, address)
    assert password is not None and SECRET in password
    assert "127.0.0.1" in address or "db.example" in address


def test_redact_masks_connection_strings_and_keeps_the_rest() -> None:
    text = f"dsn host=h user=bob password={SECRET} dbname=station; password='{SECRET} x'"
    masked = redact(text)
    _nowhere(SECRET, masked)
    assert "host=h user=bob" in masked and "dbname=station" in masked
    assert redact("sqlite:////tmp/station.db") == "sqlite:////tmp/station.db"
    assert split_password("postgresql://bob@h/station") == ("postgresql://bob@h/station", None)


def test_the_log_masks_passwords_in_messages_and_tracebacks(private_dirs: Path) -> None:
    from stationapp import app

    root = logging.getLogger()
    before = list(root.handlers)
    try:
        app.setup_logging()
        log = logging.getLogger("stationapp.test")
        log.error("cannot open %s", f"postgresql://bob@h/x?password={SECRET}")
        try:
            raise RuntimeError(f"driver said: postgresql://bob:{SECRET}@h/x failed")
        except RuntimeError:
            log.exception("unexpected")
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
                handler.close()
    text = _logs(private_dirs)
    assert "driver said" in text and "cannot open" in text
    _nowhere(SECRET, text)


@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://bob:{SECRET}@127.0.0.1:{{port}}/station",
        f"postgresql://bob@127.0.0.1:{{port}}/station?password={SECRET}",
        f"postgresql://bob:{SECRET}@127.0.0.1:notaport/station",
    ],
)
def test_a_failed_start_leaves_no_password_anywhere(url: str, tmp_path: Path) -> None:
    url = url.format(port=pgserver.free_port())  # nothing listens there
    data_dir = tmp_path / "desk"
    started = _cli("--database", url, "--smoke-test", "--lang", "en", data_dir=data_dir)
    backed_up = _cli("backup", str(tmp_path), "--database", url, "--lang", "en", data_dir=data_dir)
    assert started.returncode != 0 and backed_up.returncode == 2
    assert "Traceback" not in backed_up.stderr + started.stderr
    assert started.stderr.strip() and backed_up.stderr.strip()  # it said why
    _nowhere(
        SECRET,
        started.stdout,
        started.stderr,
        backed_up.stdout,
        backed_up.stderr,
        _logs(data_dir),
    )


def test_a_start_and_backup_on_a_real_server_leave_no_password(
    postgres_server, tmp_path: Path
) -> None:
    if backup.pg_dump_path() is None:
        pytest.skip("pg_dump is not installed")
    name = "station_secrets"
    plain = postgres_server.create_database(name)
    try:
        # The test server trusts loopback connections, so any password is accepted.
        url = plain.replace("postgres@", f"postgres:{SECRET}@", 1)
        assert SECRET in url
        data_dir = tmp_path / "desk"
        started = _cli("--database", url, "--smoke-test", "--lang", "en", data_dir=data_dir)
        target = tmp_path / "usb"
        target.mkdir()
        done = _cli("backup", str(target), "--database", url, "--lang", "en", data_dir=data_dir)
        assert done.returncode == 0, done.stderr
        assert list(target.glob("*.dump"))
        assert "database opened" in _logs(data_dir)
        _nowhere(SECRET, started.stdout, started.stderr, done.stdout, done.stderr, _logs(data_dir))
    finally:
        from stationapp.db import close_database

        close_database()
        postgres_server.drop_database(name)


FAKE_PG_DUMP = """#!{python}
import json, os, sys
from pathlib import Path
record = Path({record!r})
seen = {{"argv": sys.argv, "password": os.environ.get("PGPASSWORD"), "mode": None}}
for arg in sys.argv:
    if arg.startswith("--file="):
        output = Path(arg[len("--file="):])
        if output.exists():  # what the dump is written into, before a byte of it
            seen["mode"] = output.stat().st_mode & 0o777
        output.write_bytes(b"PGDMP fake")
record.write_text(json.dumps(seen))
"""


@pytest.mark.skipif(os.name != "posix", reason="a shell-less script stands in for pg_dump")
@pytest.mark.parametrize(
    "url",
    [
        f"postgresql://bob:{SECRET}@db.example:5432/station",
        f"postgresql://bob@db.example:5432/station?password={SECRET}&sslmode=require",
    ],
)
def test_pg_dump_gets_the_password_in_its_environment_not_its_command_line(
    url: str, tmp_path: Path, monkeypatch
) -> None:
    record = tmp_path / "pg_dump-saw.txt"
    tool = tmp_path / "pg_dump"
    tool.write_text(FAKE_PG_DUMP.format(python=sys.executable, record=str(record)))
    tool.chmod(0o700)
    monkeypatch.setattr(backup.postgres, "pg_dump_path", lambda: str(tool))
    monkeypatch.delenv("PGPASSWORD", raising=False)

    argv, env = backup.pg_dump_command(str(tool), url, tmp_path / "x.dump")
    _nowhere(SECRET, " ".join(argv))
    assert env["PGPASSWORD"] == SECRET

    umask = os.umask(0o022)
    try:
        written = backup.dump_postgresql(url, tmp_path / "station.dump")
    finally:
        os.umask(umask)
    assert written.read_bytes() == b"PGDMP fake"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    seen = json.loads(record.read_text())
    assert seen["mode"] == 0o600  # private while pg_dump writes it, not only afterwards
    _nowhere(SECRET, " ".join(seen["argv"]))
    assert seen["password"] == SECRET
    [dbname] = [a for a in seen["argv"] if a.startswith("--dbname=")]
    assert "db.example:5432/station" in dbname and dbname.startswith("--dbname=postgresql://bob@")
    if "sslmode" in url:
        assert "sslmode=require" in dbname
