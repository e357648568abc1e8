"""Command line, QApplication, translator, database, sign-in, main window."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSize, QTranslator

from stationapp import __version__, config

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

LANGUAGES = ("zh_CN", "en")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stationapp",
        description="stationapp: the desktop application of a street trade-union service station.",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help=(
            "database to open: sqlite:///path/to/file.db or "
            "postgresql://user@host:5432/name, its password in ~/.pgpass "
            f"(default: ${config.DATABASE_ENV}, else {config.default_database_url()})"
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a separate demo database with realistic data, signed in as the demo admin",
    )
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="interface language (default: the system's language)"
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start as usual, show the main window and quit right after its first paint (exit "
        "status 0), or print one line saying why it could not start (exit status 1); the "
        "window is shown for the account named like the operating-system user, without "
        "sign-in, or with --demo for the demo administrator",
    )
    parser.add_argument("--version", action="version", version=f"stationapp {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    backup = commands.add_parser(
        "backup",
        help="back up the database now (SQLite online backup, verified; pg_dump for PostgreSQL)",
        description="Back up the database now. The copy is made with SQLite's online backup API "
        "(consistent while the app runs), checked with PRAGMA integrity_check and, in the backup "
        "folder, rotated. PostgreSQL databases are backed up with pg_dump.",
    )
    backup.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a file or folder to write to (default: the backup folder set in the app)",
    )
    restore = commands.add_parser(
        "restore",
        help="replace the database with a backup (checked first; the current one is backed up)",
        description="Replace the database with the backup PATH. The file is checked first "
        "(integrity, a stationapp database, not from a newer version); the current database is "
        "backed up before it is replaced; an older backup is upgraded after it is restored.",
    )
    restore.add_argument("path", metavar="PATH", help="the backup file to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    report = commands.add_parser(
        "report",
        help="write the month's or the year's report to the district union (.xlsx or .pdf)",
        description="Write the station's report for a month or a year: visits, cases, library "
        "and events, as an Excel workbook (a sheet per area) or a PDF with charts, chosen by the "
        "file's suffix. The report shows the areas the staff member named by --user may see "
        "(default: the account named like the operating-system user).",
    )
    period = report.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", metavar="YYYY-MM", help="the month, such as 2026-10")
    period.add_argument("--year", metavar="YYYY", help="the year, such as 2026")
    report.add_argument("--out", metavar="FILE", required=True, help="the .xlsx or .pdf to write")
    report.add_argument("--user", metavar="USERNAME", help="the staff account to report as")
    export_people = commands.add_parser(
        "export-people",
        help="export the people register (.xlsx or .csv), masked as the --user account sees it",
        description="Export the people register, or the people --search finds, as an Excel "
        "workbook or a CSV file (UTF-8 with a byte-order mark), chosen by the file's suffix. "
        "ID numbers, phones and hardship files are masked as the staff member named by --user "
        "(default: the account named like the operating-system user) sees them; the export is "
        "written to the audit trail.",
    )
    export_people.add_argument(
        "--out", metavar="FILE", required=True, help="the .xlsx or .csv to write"
    )
    export_people.add_argument("--user", metavar="USERNAME", help="the staff account to export as")
    export_people.add_argument(
        "--search", metavar="TEXT", help="only the people this search finds, as in the People tab"
    )
    export_people.add_argument(
        "--include-inactive", action="store_true", help="deactivated people too"
    )
    roster = commands.add_parser(
        "import-people",
        help="import people from a roster (.xlsx, .xls, .ods or CSV)",
        description="Import people from a roster: the header row is found below title rows and "
        "its columns recognised (姓名, 身份证号, 手机...). By default a file with any bad row is "
        "refused whole, each problem named with its row and column, and nothing is written. "
        "People already on file (same ID number, else same name and phone) get their empty "
        "fields filled. Made as the staff member named by --user (default: the account named "
        "like the operating-system user).",
    )
    _import_arguments(roster, "the roster to import")
    roster.add_argument(
        "--update", action="store_true", help="overwrite the fields of people already on file"
    )
    roster.add_argument(
        "--column",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help="read FIELD (name, gender, id_number, phone, workplace, joined_on, member_card, "
        "birth_date, notes) from the column headed HEADER; FIELD= leaves it out",
    )
    ledger = commands.add_parser(
        "import-cases",
        help="import the mediation ledger of earlier years as closed cases",
        description="Import the case ledger (台账) of earlier years as closed cases, laid out "
        "as docs/case-ledger.md shows (案号, 申请日期, 结案日期, 申请人, 被申请人, 争议类型, "
        "调解结果...). "
        "By default a file with any bad row is refused whole, each problem named with its row and "
        "column, and nothing is written; a case number already on file is a bad row. The next "
        "case number of each year continues after the largest imported. Made as the staff "
        "member named by --user (default: the account named like the operating-system user).",
    )
    _import_arguments(ledger, "the ledger to import")
    for sub in (backup, restore, report, export_people, roster, ledger):
        sub.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help="as above")
        sub.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help="as above")
    return parser


def _import_arguments(command: argparse.ArgumentParser, file_help: str) -> None:
    """What every import command takes: the file, --skip-bad and --user."""
    command.add_argument("file", metavar="FILE", help=file_help)
    command.add_argument(
        "--skip-bad",
        action="store_true",
        help="import the good rows and write the refused ones, with the reasons, beside FILE",
    )
    command.add_argument("--user", metavar="USERNAME", help="the staff account to import as")


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose every file is readable by its owner only (logs name people)."""

    def _open(self):  # type: ignore[no-untyped-def]
        config.create_private_file(Path(self.baseFilename))
        return super()._open()


class RedactingFormatter(logging.Formatter):
    """Every line, traceback included, with the passwords it spells out masked (db.redact): a
    database URL or a driver's message may carry one, and the log outlives the session."""

    def format(self, record: logging.LogRecord) -> str:
        from stationapp.db import redact

        return redact(super().format(record))


class TerminalFormatter(RedactingFormatter):
    """One line a record: a traceback belongs in the log file, the terminal gets its last line."""

    def format(self, record: logging.LogRecord) -> str:
        from stationapp.db import redact

        exc_info = record.exc_info
        line = super().format(
            logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        )
        if exc_info and exc_info[1] is not None:
            line += redact(f" ({type(exc_info[1]).__name__}: {exc_info[1]})")
        return line


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging() -> None:
    """Log to the log file; when its folder cannot be written (read-only, a file in its way),
    to the terminal instead, saying so once: the program still starts."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        path = config.log_dir() / "stationapp.log"
        config.create_private_file(path)
        handler: logging.Handler = PrivateRotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)  # the terminal hears of problems, not of every step
        handler.setFormatter(TerminalFormatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        log.warning(
            "the log folder %s cannot be written (%s); logging to the terminal",
            exc.filename or "",
            exc.strerror or exc,
        )
        return
    handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    root.addHandler(handler)
    log.info("stationapp %s starting; log file %s", __version__, path)


def choose_language(requested: str | None) -> str:
    if requested:
        return requested
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our catalogue and Qt's own (standard buttons, dialogs) for ``language``."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(str(config.resource_path("translations", f"stationapp_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation found for %s", language)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qtbase)
        installed.append(qtbase)
    return installed


def set_application_icon(app: QGuiApplication) -> None:
    """The window icon from the rendered PNGs (no dependence on Qt's SVG image plugin), and the
    desktop file name, so that Wayland and X11 desktops match our windows with the launcher that
    the package installs (stationapp.desktop) and show its icon in the task bar."""
    from PySide6.QtGui import QGuiApplication, QIcon

    icon = QIcon()
    for size in config.ICON_SIZES:
        path = config.icon_png_path(size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
        else:
            log.warning("application icon missing: %s", path)
    app.setWindowIcon(icon)
    QGuiApplication.setDesktopFileName(config.APP_NAME)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging()
    if args.command in (
        "backup",
        "restore",
        "report",
        "export-people",
        "import-people",
        "import-cases",
    ):
        from stationapp.cli import run_command

        QCoreApplication.setOrganizationName(config.ORG_NAME)
        QCoreApplication.setApplicationName(config.APP_NAME)
        if QCoreApplication.instance() is None:
            if args.command == "report":
                # A PDF needs fonts and painting (QtGui) but never a window.
                import os

                from PySide6.QtGui import QGuiApplication

                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
                core = QGuiApplication(sys.argv[:1])
            else:
                core = QCoreApplication(sys.argv[:1])
            language = choose_language(args.lang)
            core.setProperty("stationapp_translators", install_translators(core, language))
        url = config.resolve_database_url(args.database, demo=args.demo)
        return run_command(args, url)

    from PySide6.QtWidgets import QApplication

    from stationapp.ui.startup import run

    QCoreApplication.setOrganizationName(config.ORG_NAME)
    QCoreApplication.setApplicationName(config.APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv[:1])
    set_application_icon(app)
    language = choose_language(args.lang)
    app.setProperty("stationapp_translators", install_translators(app, language))
    url = config.resolve_database_url(args.database, demo=args.demo)
    return run(app, url=url, demo=args.demo, smoke=args.smoke_test)
