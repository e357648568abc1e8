"""Paths, the database URL, and the registry of every QSettings key the program uses."""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "stationapp"
ORG_NAME = "stationapp"
DATABASE_ENV = "STATIONAPP_DATABASE"
DATA_DIR_ENV = "STATIONAPP_DATA_DIR"
# The sizes packaging/render-icons draws from resources/icons/stationapp.svg.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def is_windows() -> bool:
    """Windows, where files have no POSIX modes and processes no uid: the folders under the
    user's profile (%LOCALAPPDATA%) are private by their access lists instead. One place, so
    tests can patch it."""
    return sys.platform == "win32"


def os_user() -> str:
    """The operating-system account running this program, for the audit trail and the log, and
    the staff account a smoke test or a report is made as; "" when it has no name."""
    try:
        return getpass.getuser()
    except (ImportError, KeyError, OSError):
        # Without LOGNAME, USER or USERNAME set, Python 3.11's getuser() asks the pwd module:
        # missing on Windows (ImportError), no entry for the uid in a container (KeyError).
        if is_windows():
            with contextlib.suppress(OSError):
                return os.getlogin()  # the session's user name, from the system
            return ""
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def data_dir() -> Path:
    """Where databases and backups live; ``STATIONAPP_DATA_DIR`` overrides it (tests, portable)."""
    override = os.environ.get(DATA_DIR_ENV)
    path = (
        Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    )
    # A folder that cannot be made (read-only, or a file in its way) is said by whatever writes
    # there (the database, a backup), with its path; naming it must not fail.
    with contextlib.suppress(OSError):
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (0600 on POSIX) unless it exists.

    Files holding personal data (the database, backups, logs) are created this way; an existing
    file keeps its permissions (a file shared by several desks may need group access).
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def log_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override) / "logs"
    else:
        path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    with contextlib.suppress(OSError):  # as in data_dir: the backup names it when it fails
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    return f"sqlite:///{(data_dir() / 'stationapp.db').as_posix()}"


def demo_database_url() -> str:
    return f"sqlite:///{(data_dir() / 'demo.db').as_posix()}"


def resolve_database_url(cli_value: str | None, *, demo: bool = False) -> str:
    """The command line wins over the environment, which wins over the default file."""
    if cli_value:
        return cli_value
    if demo:
        return demo_database_url()
    env = os.environ.get(DATABASE_ENV, "").strip()
    return env or default_database_url()


def resource_path(*parts: str) -> Path:
    """A file under resources/, found the same way from a checkout, an install or a frozen build."""
    import sys

    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent
    return root.joinpath("resources", *parts)


def icon_png_path(size: int) -> Path:
    """The application icon drawn at ``size`` px, where a freedesktop icon theme keeps it."""
    return resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_NAME}.png")


@dataclass(frozen=True)
class SettingsKey:
    """A QSettings key. ``state`` keys are remembered UI state, the rest user preferences."""

    name: str
    state: bool = True


class Keys:
    """Every QSettings key, declared once."""

    MAIN_GEOMETRY = SettingsKey("main_window/geometry")
    MAIN_TAB = SettingsKey("main_window/current_tab")
    LAST_USERNAME = SettingsKey("sign_in/last_username")

    @staticmethod
    def header_state(table: str) -> SettingsKey:
        return SettingsKey(f"tables/{table}/header")

    @staticmethod
    def splitter_state(name: str) -> SettingsKey:
        return SettingsKey(f"splitters/{name}")
