"""Bad database files and folders (issue 19, finding 6): ``stationapp backup`` and ``report`` on
a truncated file ended in a raw traceback, a data folder that cannot be written (no log folder)
crashed in setup_logging before any window, and a schema_version of 'nine' was an internal error.
Each is one clear line (exit status 2 for a database that cannot be read), and the program
still starts where it can, logging to the terminal when the log folder cannot be written."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stationapp.db import close_database, database, sqlite_path
from stationapp.migrations import NotStationDatabase, schema_version
from stationapp.services import accounts

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("STATIONAPP_DATABASE", None)
    if data_dir is not None:
        env["STATIONAPP_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture
def truncated(admin, db_url, tmp_path) -> str:
    """The first 1000 bytes of a real database (a copy cut short on a USB stick)."""
    close_database()
    cut = tmp_path / "cut.db"
    cut.write_bytes(sqlite_path(db_url).read_bytes()[:1000])
    return f"sqlite:///{cut.as_posix()}"


@pytest.mark.sqlite_only("a truncated SQLite file")
@pytest.mark.parametrize(
    "command",
    [
        ["backup", "{out}/copy.db"],
        ["report", "--year", "2026", "--out", "{out}/report.xlsx", "--user", "admin"],
    ],
)
def test_a_truncated_database_is_one_clear_line(truncated, tmp_path, command) -> None:
    args = [part.replace("{out}", str(tmp_path)) for part in command]
    done = _run("--lang", "en", *args, "--database", truncated)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "cannot be read" in line and "cut.db" in line
    assert "stationapp restore" in line
    assert not (tmp_path / "copy.db").exists() and not (tmp_path / "report.xlsx").exists()


@pytest.mark.sqlite_only("the desk's own data folder on this computer")
def test_a_data_folder_that_cannot_be_written_logs_to_the_terminal(
    admin, db_url, make_staff, tmp_path
) -> None:
    """Tests run as root, where chmod does not stop writes: a file stands where the data folder
    (and its log folder) would be made."""
    username = getpass.getuser().strip().lower()
    if username != "admin":
        make_staff(username, "front_desk")
    close_database()
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("not a folder")
    data_dir = blocker / "sub"
    out = tmp_path / "usb" / "copy.db"
    out.parent.mkdir()

    copied = _run("--lang", "en", "backup", "--database", db_url, str(out), data_dir=data_dir)
    assert copied.returncode == 0, copied.stderr
    assert out.exists()
    assert "logging to the terminal" in copied.stderr and "Traceback" not in copied.stderr

    into_folder = _run("--lang", "en", "backup", "--database", db_url, data_dir=data_dir)
    assert into_folder.returncode == 1
    assert "Traceback" not in into_folder.stderr
    assert f"The backup cannot be written to {data_dir / 'backups'}" in into_folder.stderr

    window = _run("--lang", "en", "--smoke-test", "--database", db_url, data_dir=data_dir)
    assert window.returncode == 0, window.stderr
    assert "smoke test passed" in window.stdout
    assert "logging to the terminal" in window.stderr and "Traceback" not in window.stderr
    assert blocker.read_text() == "not a folder"

    default = _run("--lang", "en", "--smoke-test", data_dir=data_dir)  # the default database
    assert default.returncode == 1
    assert "Traceback" not in default.stderr
    assert "smoke test failed" in default.stderr and str(data_dir) in default.stderr


@pytest.mark.parametrize("value", ["'nine'", "-3", "'9 or so'", "9.5"])
def test_a_schema_version_that_is_not_a_number_is_refused(admin, db_url, value) -> None:
    if not db_url.startswith("sqlite") and value != "-3":
        pytest.skip("PostgreSQL's integer column holds an integer only")
    database.execute_sql(f"UPDATE schema_version SET version = {value}")
    with pytest.raises(NotStationDatabase) as refused:
        schema_version(database.obj)
    assert "not a number" in refused.value.message
    assert accounts.is_first_run() is False  # the rest of the file is untouched
