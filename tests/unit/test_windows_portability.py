"""The Windows branches of the code that touches the operating system, run here with Windows
patched in (config.is_windows), and the POSIX behaviour beside them unchanged."""

from __future__ import annotations

import getpass
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import SimpleNamespace

import pytest

from stationapp import app as app_module
from stationapp import cli, config
from stationapp.db import read_only_uri, sqlite_path
from stationapp.services import backup, private_files


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "is_windows", lambda: True)


@pytest.fixture
def chmod_calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    calls: list[Path] = []

    def chmod(path, mode, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        calls.append(Path(path))
        raise PermissionError(13, "chmod on Windows only toggles read-only", str(path))

    monkeypatch.setattr(os, "chmod", chmod)
    return calls


# --- private files ----------------------------------------------------------------------------


@pytest.mark.usefixtures("windows")
def test_private_output_on_windows_writes_without_chmod(
    tmp_path: Path, chmod_calls: list[Path]
) -> None:
    target = tmp_path / "roster.xlsx"
    with private_files.private_output(target) as partial:
        partial.write_bytes(b"data")
    printed = tmp_path / "notice.pdf"
    private_files.prepare_output_file(printed)
    assert target.read_bytes() == b"data" and printed.exists()
    assert chmod_calls == []


@pytest.mark.usefixtures("windows")
def test_a_backup_copy_on_windows_is_not_chmodded(tmp_path: Path, chmod_calls: list[Path]) -> None:
    path = tmp_path / "copy.db"
    path.touch()
    backup.files._private(path)
    assert chmod_calls == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_on_posix_written_files_are_still_0600(tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    path.touch()
    path.chmod(0o644)
    backup.files._private(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    private_files.make_private(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- SQLite paths and URIs ----------------------------------------------------------------------


def test_a_network_path_gives_a_uri_sqlite_accepts() -> None:
    # \\nas\backups\... (also what resolve() makes of a mapped drive): no URI authority.
    unc = PureWindowsPath(r"\\nas\backups\stationapp-daily-20261001-080000.db")
    assert read_only_uri(unc) == "file:////nas/backups/stationapp-daily-20261001-080000.db?mode=ro"
    drive = PureWindowsPath(r"C:\Users\张三\AppData\Local\stationapp\stationapp.db")
    assert read_only_uri(drive) == (
        "file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Local/stationapp/stationapp.db?mode=ro"
    )


def test_the_read_only_uri_of_a_posix_path_is_as_before(tmp_path: Path) -> None:
    path = tmp_path / "a #b?.db"
    sqlite3.connect(path).close()
    assert read_only_uri(PurePosixPath("/srv/a b.db")) == "file:///srv/a%20b.db?mode=ro"
    uri = read_only_uri(path.resolve())
    assert uri == f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("CREATE TABLE t (x)")
    finally:
        conn.close()


@pytest.mark.parametrize(
    "folder",
    [r"C:\Users\张三\AppData\Local\stationapp", r"\\nas\station\data"],
    ids=["drive", "network"],
)
def test_the_default_database_url_of_a_windows_folder_round_trips(
    monkeypatch: pytest.MonkeyPatch, folder: str
) -> None:
    monkeypatch.setattr(config, "data_dir", lambda: PureWindowsPath(folder))
    url = config.default_database_url()
    assert url.startswith("sqlite:///") and "\\" not in url
    assert PureWindowsPath(str(sqlite_path(url))) == PureWindowsPath(folder, "stationapp.db")


# --- the operating-system user --------------------------------------------------------------


def _no_pwd() -> str:
    # What Python 3.11's getpass.getuser() does on Windows without USERNAME in the environment.
    raise ModuleNotFoundError("No module named 'pwd'")


@pytest.mark.usefixtures("windows")
def test_the_os_user_on_windows_without_username_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(getpass, "getuser", _no_pwd)
    monkeypatch.setattr(os, "getlogin", lambda: "Zhang")
    assert config.os_user() == "Zhang"
    assert backup.os_user() == "Zhang"


def test_the_os_user_on_posix_without_a_name_is_the_uid(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_entry() -> str:
        raise KeyError("getpwuid(): uid not found: 4242")

    monkeypatch.setattr(config, "is_windows", lambda: False)
    monkeypatch.setattr(getpass, "getuser", no_entry)
    monkeypatch.setattr(os, "getuid", lambda: 4242, raising=False)
    assert backup.os_user() == "4242"


@pytest.mark.usefixtures("windows")
def test_a_report_on_windows_is_made_as_the_session_user(
    admin, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(getpass, "getuser", _no_pwd)
    monkeypatch.setattr(os, "getlogin", lambda: "Admin")
    out = tmp_path / "report.xlsx"
    args = app_module.build_parser().parse_args(["report", "--month", "2026-10", "--out", str(out)])
    assert cli.run_command(args, db_url) == 0
    assert out.exists()


# --- pg_dump --------------------------------------------------------------------------------


@pytest.mark.usefixtures("windows")
def test_pg_dump_is_found_where_the_postgresql_installer_puts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for version in ("9.6", "16", "17"):
        tool = tmp_path / "PostgreSQL" / version / "bin" / "pg_dump.exe"
        tool.parent.mkdir(parents=True)
        tool.touch()
    monkeypatch.setattr(backup.postgres.shutil, "which", lambda name: None)
    monkeypatch.setenv("ProgramFiles", str(tmp_path))
    monkeypatch.delenv("ProgramW6432", raising=False)
    assert backup.pg_dump_path() == str(tmp_path / "PostgreSQL" / "17" / "bin" / "pg_dump.exe")


def _fake_pg_dump(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    runs: list[dict] = []

    def run(argv, **kwargs):  # type: ignore[no-untyped-def]
        runs.append({"argv": argv, **kwargs})
        return subprocess.CompletedProcess(argv, 0, "", "")

    monkeypatch.setattr(backup.postgres, "pg_dump_path", lambda: "pg_dump")
    monkeypatch.setattr(backup.postgres.subprocess, "run", run)
    return runs


@pytest.mark.usefixtures("windows")
def test_pg_dump_on_windows_opens_no_console_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _fake_pg_dump(monkeypatch)
    target = backup.dump_postgresql("postgresql://u:secret@server/station", tmp_path / "x.dump")
    assert target.exists()
    (kwargs,) = runs
    assert kwargs["creationflags"] == 0x08000000  # CREATE_NO_WINDOW
    assert kwargs["errors"] == "replace"
    assert "secret" not in " ".join(kwargs["argv"]) and kwargs["env"]["PGPASSWORD"] == "secret"


def test_pg_dump_on_posix_is_started_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "is_windows", lambda: False)
    runs = _fake_pg_dump(monkeypatch)
    backup.dump_postgresql("postgresql://u@server/station", tmp_path / "x.dump")
    (kwargs,) = runs
    assert set(kwargs) == {"argv", "env", "capture_output", "text", "check"}


# --- the windowed build has no terminal -------------------------------------------------------


def test_restore_without_stdin_asks_for_yes_instead_of_crashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # stationapp.exe is built windowed: sys.stdin (and stdout, stderr) are None there.
    monkeypatch.setattr(
        backup, "backup_summary", lambda source, url: SimpleNamespace(schema_version=9)
    )
    monkeypatch.setattr(backup, "describe_summary", lambda summary: "…")
    monkeypatch.setattr(backup, "restore", lambda *a, **k: pytest.fail("restored unasked"))
    monkeypatch.setattr(sys, "stdin", None)
    args = app_module.build_parser().parse_args(["restore", str(tmp_path / "b.db")])
    assert cli.run_command(args, f"sqlite:///{(tmp_path / 's.db').as_posix()}") == 1
    assert "--yes" in capsys.readouterr().err
