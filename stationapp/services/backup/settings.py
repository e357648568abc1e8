"""The backup settings (folder, how many copies are kept), the kinds of backup and the types the
other modules share."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from stationapp import config
from stationapp.db import transaction
from stationapp.errors import UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.services.accounts import (
    audit,
    require,
    setting_number,
    store_settings,
    stored_settings,
)

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

BACKUP_FOLDER = "backup_folder"
KEEP_DAILY = "backup_keep_daily"
KEEP_MONTHLY = "backup_keep_monthly"
DEFAULT_KEEP_DAILY = 14
DEFAULT_KEEP_MONTHLY = 12
# Rotation never keeps fewer daily copies than this, whatever a setting says (a restored or
# edited database cannot make the next backup delete the earlier ones).
MIN_KEEP_DAILY = 7
MAX_KEEP_DAILY = 366
MAX_KEEP_MONTHLY = 240
# The settings that belong to this desk, not to the data: a restore keeps the desk's own values.
DESK_SETTINGS = (BACKUP_FOLDER, KEEP_DAILY, KEEP_MONTHLY)

# Kinds of backup, part of the file name. Rotation applies to the first two only.
DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
BEFORE_MIGRATION = "before-migration"
KINDS = (DAILY, MANUAL, BEFORE_RESTORE, BEFORE_MIGRATION)
ROTATED = (DAILY, MANUAL)

NAME_RE = re.compile(
    r"^stationapp-(?P<kind>[a-z-]+?)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.(?P<ext>db|dump)$"
)
SQLITE_HEADER = b"SQLite format 3\x00"


class BackupError(UserError):
    """A backup or restore could not be made; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    keep_daily: int = DEFAULT_KEEP_DAILY
    keep_monthly: int = DEFAULT_KEEP_MONTHLY


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    made_at: datetime
    size: int


@dataclass(frozen=True)
class CheckedBackup:
    """What a restore would bring back: a verified stationapp database."""

    path: Path
    schema_version: int
    station_name: str
    made_at: datetime | None
    # The database file the backup was made from (recorded in each backup since issue 18;
    # None for an older backup or a copy made otherwise).
    source: Path | None = None

    def is_backup_of(self, database: Path) -> bool:
        """True when this is a backup of the database file ``database`` (missing or not)."""
        return self.source is not None and _same_file(self.source, database)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return a == b


# What each backup records about where it came from (its identity), in a table of its own that
# only backups have (the database's own tables stay as they were): the database file's path,
# the station's name and the time, as JSON. A restored database drops it again.
BACKUP_INFO = "stationapp_backup_info"
BACKUP_OF = "backup_of"


# --- settings ----------------------------------------------------------------------------


def backup_settings() -> BackupSettings:
    """Where backups go and how many are kept (station-wide, in the database)."""
    values = stored_settings([BACKUP_FOLDER, KEEP_DAILY, KEEP_MONTHLY])
    folder = Path(values[BACKUP_FOLDER]) if values.get(BACKUP_FOLDER) else config.backup_dir()
    return BackupSettings(
        folder=folder,
        keep_daily=min(
            max(setting_number(values.get(KEEP_DAILY), DEFAULT_KEEP_DAILY), MIN_KEEP_DAILY),
            MAX_KEEP_DAILY,
        ),
        keep_monthly=min(
            max(setting_number(values.get(KEEP_MONTHLY), DEFAULT_KEEP_MONTHLY), 0),
            MAX_KEEP_MONTHLY,
        ),
    )


def save_backup_settings(actor: Staff, settings: BackupSettings) -> BackupSettings:
    """Store the backup folder and the rotation; the folder must exist or be creatable."""
    require(actor, "backup.manage")
    errors: dict[str, str] = {}
    folder = Path(str(settings.folder).strip()).expanduser()
    if not str(settings.folder).strip() or not folder.is_absolute():
        errors["folder"] = translate("Backup", "Choose a folder (a full path) for the backups.")
    else:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / ".stationapp-write-test"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            errors["folder"] = translate(
                "Backup", "Backups cannot be written to this folder: {reason}"
            ).format(reason=exc.strerror or exc)
    for field, value, low, high in (
        ("keep_daily", settings.keep_daily, MIN_KEEP_DAILY, MAX_KEEP_DAILY),
        ("keep_monthly", settings.keep_monthly, 0, MAX_KEEP_MONTHLY),
    ):
        if not isinstance(value, int) or not low <= value <= high:
            errors[field] = translate("Backup", "Enter a number from {low} to {high}.").format(
                low=low, high=high
            )
    if errors:
        raise ValidationError(next(iter(errors.values())), errors=errors)
    clean = BackupSettings(folder, settings.keep_daily, settings.keep_monthly)
    before = backup_settings()
    with transaction():
        store_settings(
            {
                BACKUP_FOLDER: str(clean.folder),
                KEEP_DAILY: str(clean.keep_daily),
                KEEP_MONTHLY: str(clean.keep_monthly),
            }
        )
        audit(
            actor,
            "backup_settings",
            "settings",
            None,
            {
                "folder": [str(before.folder), str(clean.folder)],
                "keep_daily": [before.keep_daily, clean.keep_daily],
                "keep_monthly": [before.keep_monthly, clean.keep_monthly],
            },
        )
    remember_folder(clean.folder)
    return clean


def remember_folder(folder: Path) -> None:
    """Note the backup folder outside the database, so a lost database can still be restored."""
    try:
        marker = config.data_dir() / "backup-folders.txt"
        known = known_folders()
        if folder not in known:
            known.insert(0, folder)
        marker.write_text("\n".join(str(p) for p in known[:10]) + "\n", encoding="utf-8")
    except OSError:
        log.warning("could not remember the backup folder %s", folder, exc_info=True)


def known_folders() -> list[Path]:
    """Every folder this machine has written backups to, the default one included."""
    folders: list[Path] = []
    marker = config.data_dir() / "backup-folders.txt"
    if marker.exists():
        for line in marker.read_text(encoding="utf-8").splitlines():
            if line.strip():
                folders.append(Path(line.strip()))
    default = config.backup_dir()
    if default not in folders:
        folders.append(default)
    return folders
