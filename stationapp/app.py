"""Command line, QApplication, translator, database, sign-in, main window."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from stationapp import __version__, config

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
            "postgresql://user:password@host:5432/name "
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
    parser.add_argument("--version", action="version", version=f"stationapp {__version__}")
    return parser


def setup_logging() -> None:
    path = config.log_dir() / "stationapp.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging()

    from PySide6.QtWidgets import QApplication

    from stationapp.ui.startup import run

    QCoreApplication.setOrganizationName(config.ORG_NAME)
    QCoreApplication.setApplicationName(config.APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(sys.argv[:1])
    language = choose_language(args.lang)
    app.setProperty("stationapp_translators", install_translators(app, language))
    url = config.resolve_database_url(args.database, demo=args.demo)
    return run(app, url=url, demo=args.demo)
