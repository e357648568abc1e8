"""The start, without windows (issue 18, defects 12 and 13): the demo builder's progress, the
command line building the demo first, a bad database address, a server out of reach, backups
that know which database they are a copy of, the upgrade's progress."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from stationapp import app as app_module
from stationapp import cli, config, demo
from stationapp.db import close_database, open_database, sqlite_path
from stationapp.errors import DatabaseUnavailable
from stationapp.migrations import CURRENT_VERSION
from stationapp.services import backup
from stationapp.services.maintenance import open_station_database, sqlite_schema_version

SMALL_DEMO = 12  # people: enough for every area, a fraction of the real demo's build time


def _run_cli(argv: list[str]) -> tuple[int, str, str]:
    args = app_module.build_parser().parse_args(argv)
    url = config.resolve_database_url(args.database, demo=args.demo)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.run_command(args, url)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory):
    """``stationapp --demo backup FOLDER`` on a machine that never opened the demo (built
    once for the module, small)."""
    home = tmp_path_factory.mktemp("demo-home")
    target = tmp_path_factory.mktemp("usb")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STATIONAPP_DATA_DIR", str(home))
        patch.setattr(demo, "DEMO_PEOPLE", SMALL_DEMO)
        result = _run_cli(["--demo", "backup", str(target), "--lang", "en"])
    return home, target, result


def test_demo_backup_builds_the_demo_first_with_progress(demo_backup) -> None:
    home, target, (code, out, err) = demo_backup
    assert code == 0, err
    assert "There is no database" not in err
    assert "Creating the demo database" in err
    # A line as each area starts, every few events (most of the time), and one at the end.
    progress = [line for line in err.splitlines() if line.startswith("Demo database: ")]
    shares = [int(line.split()[2].rstrip("%")) for line in progress]
    assert shares[0] == 0 and shares[-1] == 100 and shares == sorted(shares)
    for area in demo._steps():
        assert sum(1 for line in progress if line.endswith(area)) >= 1, area
    events = demo._steps()[demo.EVENTS_STEP]
    assert sum(1 for line in progress if line.endswith(events)) >= 3
    [written] = list(target.glob("stationapp-manual-*.db"))
    assert str(written) in out
    assert (home / "demo.db").exists()


def test_demo_report_on_the_built_demo_does_not_build_again(
    demo_backup, monkeypatch, tmp_path
) -> None:
    home, _target, _result = demo_backup
    monkeypatch.setenv("STATIONAPP_DATA_DIR", str(home))
    out_file = tmp_path / "report.xlsx"
    code, _out, err = _run_cli(
        ["--demo", "report", "--year", "2026", "--out", str(out_file), "--user", "admin"]
    )
    assert code == 0, err
    assert "Creating the demo database" not in err
    assert out_file.exists()


def test_populate_reports_each_area_and_can_be_stopped(tmp_path: Path) -> None:
    """A progress callback that raises stops the build: the one transaction is rolled back."""
    open_station_database(f"sqlite:///{(tmp_path / 'd.db').as_posix()}")
    heard: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, what: str) -> None:
        heard.append((done, total, what))
        if done > 0:
            raise KeyboardInterrupt

    try:
        with pytest.raises(KeyboardInterrupt):
            demo.populate(people=5, progress=progress)
        assert heard[0] == (0, 100, demo._steps()[0])
        assert len(heard) == 2 and heard[1][2] == demo._steps()[1]
        assert demo.needs_filling()  # nothing was kept
    finally:
        close_database()


def test_a_bad_database_address_is_one_clear_line(capsys) -> None:
    code, _out, err = _run_cli(["backup", "--database", "foo://bar", "--lang", "en"])
    assert code == 2
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert "foo://bar" in err and "sqlite:///" in err
    with pytest.raises(DatabaseUnavailable):
        open_database("/no/scheme.db")


def test_a_server_out_of_reach_is_named_without_its_password() -> None:
    with pytest.raises(DatabaseUnavailable) as caught:
        open_database("postgresql://clerk:s3cret-pw@127.0.0.1:1/station")
    message = caught.value.message
    assert "127.0.0.1:1" in message and "station" in message
    assert "s3cret-pw" not in message and "clerk" not in message


@pytest.mark.sqlite_only("the backup of a SQLite file records the file it was made from")
def test_a_backup_knows_its_database_and_a_restore_forgets_it(admin, db_url, tmp_path) -> None:
    path = sqlite_path(db_url)
    made = backup.make_backup(db_url)
    checked = backup.check_backup_file(made)
    assert checked.is_backup_of(path)
    assert checked.station_name == "建国门街道工会服务站"
    assert [c.path for c in backup.backups_of(path)] == [made]
    # Another database (a new path, the demo's) is offered none of them.
    assert backup.backups_of(tmp_path / "other.db") == []
    assert backup.backups_of(config.data_dir() / "demo.db") == []
    close_database()
    backup.restore(db_url, made)
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert backup.BACKUP_INFO not in tables
    copy = sqlite3.connect(made)
    try:
        recorded = copy.execute(f"SELECT value FROM {backup.BACKUP_INFO}").fetchone()[0]
    finally:
        copy.close()
    assert json.loads(recorded)["made_at"].endswith("+08:00")


@pytest.mark.sqlite_only("reads the schema version of a SQLite file")
def test_an_upgrade_reports_its_steps(db_url) -> None:
    heard: list[tuple[int, int]] = []
    open_station_database(db_url, progress=lambda done, total, _what: heard.append((done, total)))
    close_database()
    assert heard[0] == (0, CURRENT_VERSION) and heard[-1] == (CURRENT_VERSION, CURRENT_VERSION)
    assert len(heard) == CURRENT_VERSION + 1
    assert sqlite_schema_version(sqlite_path(db_url)) == CURRENT_VERSION
