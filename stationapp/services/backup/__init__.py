"""Backups and restores of the station's database (issue #7).

A SQLite backup is made with SQLite's online backup API from a connection of its own, so it is
consistent while the application (or another desk) keeps writing; it is written under a temporary
name, checked with ``PRAGMA integrity_check`` and only then renamed into place, so a file named
like a backup always is one. Rotation keeps the newest backup of each of the last 14 days that
have one and of each of the last 12 months; copies made before a migration or a restore are kept
until someone deletes them. PostgreSQL databases are backed up with ``pg_dump`` when it is
installed.

No Qt widgets here: the command line and the window both call these functions. The package's
modules by responsibility; this module names the public functions, so callers import them from
`stationapp.services.backup` as before.
"""

from __future__ import annotations

from stationapp.services.backup.checking import (
    BACKUP_INFO_SQL,
    SQLITE_OWN,
    TEXT_CAP,
    VARCHAR_RE,
    SchemaObject,
    backups_of,
    check_backup_file,
    column_limit,
    oversized_values,
    read_schema,
    reference_schema,
    schema_differences,
)
from stationapp.services.backup.files import (
    backup_file_name,
    list_backups,
    newest_backup,
    os_user,
    parse_name,
    rotate,
    to_remove,
)
from stationapp.services.backup.making import (
    backup_now,
    copy_sqlite,
    daily_backup,
    daily_backup_due,
    make_backup,
    record_backup,
)
from stationapp.services.backup.postgres import (
    WINDOWS_CHILD,
    dump_postgresql,
    pg_dump_command,
    pg_dump_path,
)
from stationapp.services.backup.restoring import log_refusal, record_restore, restore
from stationapp.services.backup.settings import (
    BACKUP_FOLDER,
    BACKUP_INFO,
    BACKUP_OF,
    BEFORE_MIGRATION,
    BEFORE_RESTORE,
    DAILY,
    DEFAULT_KEEP_DAILY,
    DEFAULT_KEEP_MONTHLY,
    DESK_SETTINGS,
    KEEP_DAILY,
    KEEP_MONTHLY,
    KINDS,
    MANUAL,
    MAX_KEEP_DAILY,
    MAX_KEEP_MONTHLY,
    MIN_KEEP_DAILY,
    NAME_RE,
    ROTATED,
    SQLITE_HEADER,
    BackupError,
    BackupFile,
    BackupSettings,
    CheckedBackup,
    backup_settings,
    known_folders,
    remember_folder,
    save_backup_settings,
)
from stationapp.services.backup.summary import (
    COUNTED,
    NEWEST,
    AdminAccount,
    BackupSummary,
    backup_summary,
    describe_summary,
)

__all__ = [
    "BACKUP_FOLDER",
    "BACKUP_INFO",
    "BACKUP_INFO_SQL",
    "BACKUP_OF",
    "BEFORE_MIGRATION",
    "BEFORE_RESTORE",
    "COUNTED",
    "DAILY",
    "DEFAULT_KEEP_DAILY",
    "DEFAULT_KEEP_MONTHLY",
    "DESK_SETTINGS",
    "KEEP_DAILY",
    "KEEP_MONTHLY",
    "KINDS",
    "MANUAL",
    "MAX_KEEP_DAILY",
    "MAX_KEEP_MONTHLY",
    "MIN_KEEP_DAILY",
    "NAME_RE",
    "NEWEST",
    "ROTATED",
    "SQLITE_HEADER",
    "SQLITE_OWN",
    "TEXT_CAP",
    "VARCHAR_RE",
    "WINDOWS_CHILD",
    "AdminAccount",
    "BackupError",
    "BackupFile",
    "BackupSettings",
    "BackupSummary",
    "CheckedBackup",
    "SchemaObject",
    "backup_file_name",
    "backup_now",
    "backup_settings",
    "backup_summary",
    "backups_of",
    "check_backup_file",
    "column_limit",
    "copy_sqlite",
    "daily_backup",
    "daily_backup_due",
    "describe_summary",
    "dump_postgresql",
    "known_folders",
    "list_backups",
    "log_refusal",
    "make_backup",
    "newest_backup",
    "os_user",
    "oversized_values",
    "parse_name",
    "pg_dump_command",
    "pg_dump_path",
    "read_schema",
    "record_backup",
    "record_restore",
    "reference_schema",
    "remember_folder",
    "restore",
    "rotate",
    "save_backup_settings",
    "schema_differences",
    "to_remove",
]
