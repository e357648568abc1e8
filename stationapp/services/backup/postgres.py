"""Backing up a PostgreSQL server's database with ``pg_dump``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from stationapp import config
from stationapp.db import redact, split_password
from stationapp.services import private_files
from stationapp.services.backup.files import _backup_failed, _private
from stationapp.services.backup.settings import BackupError

translate = QCoreApplication.translate


def pg_dump_path() -> str | None:
    """``pg_dump`` on the PATH, else from the PostgreSQL server packages (Debian) or the
    PostgreSQL installer's folder (Windows), else None."""
    found = shutil.which("pg_dump")
    if found:
        return found
    if config.is_windows():
        # The EDB installer puts the client tools in Program Files\PostgreSQL\<major>\bin and
        # leaves the PATH alone.
        names = ("ProgramW6432", "ProgramFiles")
        roots = {root for name in names if (root := os.environ.get(name))}
        tools = [p for root in roots for p in Path(root).glob("PostgreSQL/*/bin/pg_dump.exe")]
        return str(max(tools, key=_major_version)) if tools else None
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"), reverse=True):
        return str(candidate)
    return None


def _major_version(tool: Path) -> tuple[int, str]:
    """The version folder of .../PostgreSQL/<version>/bin/pg_dump.exe, numerically (17 > 9.6)."""
    name = tool.parent.parent.name
    head = name.split(".", 1)[0]
    return (int(head) if head.isdigit() else -1, name)


# Windows: pg_dump is a console program; started from the windowed desk application it would
# open a console window of its own for the time of the backup (CREATE_NO_WINDOW). Its messages
# come in the console's code page, which need not be the locale's: never fail on decoding them.
WINDOWS_CHILD: dict[str, Any] = {"creationflags": 0x08000000, "errors": "replace"}


def pg_dump_command(tool: str, url: str, output: Path) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of ``pg_dump`` for ``url``: the password goes in the
    environment (PGPASSWORD, readable only by this user), never on the command line, which every
    user of the computer can read through ``ps``."""
    address, password = split_password(url)
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = str(password)
    argv = [tool, "--format=custom", "--no-owner", f"--file={output}", f"--dbname={address}"]
    return argv, env


def dump_postgresql(url: str, target: Path) -> Path:
    tool = pg_dump_path()
    if tool is None:
        raise BackupError(
            translate(
                "Backup",
                "pg_dump is not installed on this computer, so the PostgreSQL database cannot be "
                "backed up from here. Install the PostgreSQL client tools (Debian: apt-get install "
                "postgresql-client) or back it up on the server.",
            )
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        partial = private_files.new_partial(target, suffix=".partial")
    except OSError as exc:
        raise BackupError(_backup_failed(exc)) from exc
    argv, env = pg_dump_command(tool, url, partial)
    try:
        result = subprocess.run(
            argv,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            **(WINDOWS_CHILD if config.is_windows() else {}),
        )
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(_backup_failed(exc)) from exc
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(
            translate("Backup", "pg_dump failed: {reason}").format(
                reason=redact(result.stderr.strip()[:500])
            )
        )
    _private(partial)
    os.replace(partial, target)
    return target
