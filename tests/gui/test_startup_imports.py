"""What the start imports before the main window's first paint (issue 22): only what that paint
needs. The rest (other tabs, exports, printing, charts, the sign-in and backup dialogs, the
PostgreSQL driver on SQLite, every model) comes after it, when first used.

Each check is a real ``stationapp --smoke-test`` in a fresh interpreter, with the modules loaded
at the moment the window's tab bar gets its first paint event."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stationapp.db import close_database

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "stationapp" / "ui"

# The smoke test, with the modules loaded at the first paint of the window's tab bar printed as
# one JSON line. The spy is an event filter installed before the window's own, so it sees the
# paint first (Qt calls the filter installed last first).
DRIVER = """
import json, sys
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings
from stationapp import config
from stationapp.ui import main_window

QCoreApplication.setOrganizationName(config.ORG_NAME)
QCoreApplication.setApplicationName(config.APP_NAME)
if sys.argv[2]:
    QSettings().setValue(config.Keys.MAIN_TAB.name, sys.argv[2])
seen = {}


class Spy(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "modules" not in seen:
            seen["modules"] = sorted(name for name, mod in sys.modules.items() if mod is not None)
            # PySide makes the Qt namespace (its 93 enum classes) on its first use: listed too.
            if "Qt" in sys.modules["PySide6.QtCore"].__dict__:
                seen["modules"].append("PySide6.QtCore.Qt")
        return False


spy = Spy()
build_tabs = main_window.MainWindow._build_tabs


def spied(self):
    build_tabs(self)
    self.tabs.tabBar().installEventFilter(spy)


main_window.MainWindow._build_tabs = spied
from stationapp.app import main

code = main(["--database", sys.argv[1], "--smoke-test", "--lang", "en"])
print(json.dumps({"code": code, "modules": seen.get("modules", [])}))
"""

# Never needed to paint the window, whatever tab it opens on.
NEVER = (
    "openpyxl",
    "xlsxwriter",
    "reportlab",
    "pypinyin",
    "stdnum",
    "PySide6.QtPrintSupport",
    "PySide6.QtCharts",
    "playhouse.migrate",
    "stationapp.demo",
    "stationapp.ui.accounts",  # sign-in and staff dialogs: the smoke test signs no one in
    "stationapp.ui.backups",
    "stationapp.ui.reports",
    "stationapp.ui.report_pdf",
    "stationapp.ui.charts",
    "stationapp.ui.printing",
    "stationapp.ui.exporting",
    "stationapp.ui.retention",
    "stationapp.ui.audit",
    "stationapp.services.backup",
    "stationapp.services.retention",
    "stationapp.services.reports",
    # The services packages import a module when one of its names is first used: the register
    # form needs the catalogue, not the visit log's export or the person's history.
    "stationapp.services.spreadsheet",
    "stationapp.services.history",  # every model
    "stationapp.services.visits.log",  # the Visits tab's counters come after the first paint
    "stationapp.services.visits.outreach",
    "stationapp.services.people.export",
    "stationapp.services.people.organizations",
    "xml.sax",  # the Excel export's escaping, which brings urllib.request, http, email, ssl
    "urllib.request",
    "argon2",  # imported with the first password hashed or checked
    "playhouse.db_url",  # every backend's extension module; the URL is read by db.py
    "psycopg2.extras",  # peewee's import takes two names from it; db.load_psycopg2 neither
)
# Not needed on Today either.
NOR_ON_TODAY = ("stationapp.services.today",)  # the Today figures come after the first paint
# Nor on Visits: what the register form needs once something is typed or a purpose chosen.
NOR_ON_VISITS = (
    "stationapp.services.search_keys",
    "stationapp.services.validation",
    "stationapp.ui.dates",
)

# Everything of stationapp the first paint on Today needs; anything else is a new cost of every
# start and has to be deferred (or added here on purpose).
ON_TODAY = {
    "stationapp",
    "stationapp.app",
    "stationapp.config",
    "stationapp.db",
    "stationapp.errors",
    "stationapp.migrations",
    "stationapp.models",
    "stationapp.models.accounts",
    "stationapp.models.base",
    "stationapp.services",
    "stationapp.services.accounts",
    "stationapp.services.changes",
    "stationapp.services.maintenance",
    "stationapp.ui",
    "stationapp.ui.bus",
    "stationapp.ui.dates",
    "stationapp.ui.errors",
    "stationapp.ui.forms",
    "stationapp.ui.idle_lock",
    "stationapp.ui.layout_state",
    "stationapp.ui.lazy",
    "stationapp.ui.main_window",
    "stationapp.ui.startup",
    "stationapp.ui.today",
}


# Everything of stationapp the first paint on Visits needs: the register form with its person
# picker, the service catalogue, the people and visits models.
ON_VISITS = (ON_TODAY - {"stationapp.ui.today", "stationapp.ui.dates"}) | {
    "stationapp.models.people",
    "stationapp.models.visits",
    "stationapp.services.lazy_package",
    "stationapp.services.people",
    "stationapp.services.visits",
    "stationapp.services.visits.catalogue",
    "stationapp.ui.people",
    "stationapp.ui.people.picker",
    "stationapp.ui.visits",
    "stationapp.ui.visits.register",
    "stationapp.ui.visits.visits_tab",
}


def _tab_packages() -> set[str]:
    """The UI's packages (each a tab's, or shared by tabs), as module names."""
    return {f"stationapp.ui.{p.name}" for p in UI.iterdir() if (p / "__init__.py").is_file()}


def _modules_at_first_paint(db_url: str, home: Path, tab: str = "") -> list[str]:
    close_database()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STATIONAPP_DATA_DIR": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        # The smoke test shows the window for the account named like the operating-system user.
        "LOGNAME": "admin",
        "USER": "admin",
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, db_url, tab],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    result = json.loads(lines[-1])
    assert result["code"] == 0, done.stderr[-2000:]
    assert result["modules"], "the window's tab bar was never painted"
    return result["modules"]


def _loaded(modules: list[str], names: tuple[str, ...] | set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == n or m.startswith(n + ".") for n in names))


@pytest.mark.both_databases
def test_the_first_paint_on_today_imports_only_what_it_shows(admin, db_url, tmp_path) -> None:
    modules = _modules_at_first_paint(db_url, tmp_path)
    assert _loaded(modules, NEVER + NOR_ON_TODAY) == []
    # No module of any tab's package, the seventh as much as the first six.
    assert _loaded(modules, _tab_packages()) == []
    ours = {m for m in modules if m == "stationapp" or m.startswith("stationapp.")}
    assert sorted(ours - ON_TODAY) == []
    # The Qt namespace's enums (a tenth of the bare window's start) wait for the first use of a
    # Qt.* value: the shortcuts, set after the paint, or a section's layout.
    assert "PySide6.QtCore.Qt" not in modules
    # peewee imports every driver it knows; the PostgreSQL one waits for a PostgreSQL database.
    assert ("psycopg2" in modules) == db_url.startswith("postgresql")
    # psycopg2's import would import Python's ssl, whose OpenSSL libpq does not use (db.py).
    assert "ssl" not in modules


def test_reopening_on_the_visits_tab_imports_that_tab_only(admin, db_url, tmp_path) -> None:
    modules = _modules_at_first_paint(db_url, tmp_path, "visits")
    assert "stationapp.ui.visits.visits_tab" in modules  # the window did open on Visits
    assert _loaded(modules, NEVER) == []
    # The register form picks people (ui.people.picker); no other tab's package is loaded.
    others = _tab_packages() - {"stationapp.ui.visits", "stationapp.ui.people"}
    assert _loaded(modules, others) == []
    assert _loaded(modules, ("stationapp.ui.people",)) == [
        "stationapp.ui.people",
        "stationapp.ui.people.picker",
    ]
    assert "stationapp.ui.today" not in modules
    assert "psycopg2" not in modules
    assert "ssl" not in modules
    ours = {m for m in modules if m == "stationapp" or m.startswith("stationapp.")}
    assert sorted(ours - ON_VISITS) == []
    # The empty form lists the catalogue without search keys (a search typed brings them, and
    # validation with them); the date field comes with the first purpose.
    assert _loaded(modules, NOR_ON_VISITS) == []


# PySide reads the source of each module imported after it, for its __feature__ switches;
# stationapp writes the answer first (stationapp/__init__.py), and a feature still works.
FEATURE_DRIVER = """
import json, sys
from PySide6 import QtWidgets
feature = sys.modules["PySide6.support.feature"]
scanned = []
scan = feature._mod_uses_pyside
feature._mod_uses_pyside = lambda module: scanned.append(module.__name__) or scan(module)
before = set(sys.modules)
import stationapp.ui.main_window
import stationapp.ui.visits.visits_tab
seen = [name for name in scanned if name not in before]
old = [name for name in scanned if name in before]
entries = {n: feature.pyside_feature_dict.get(n) for n in ("stationapp.ui.main_window", "peewee")}
from __feature__ import snake_case
app = QtWidgets.QApplication([])
label = QtWidgets.QLabel()
label.set_text("snake_case")
print(json.dumps({"scanned": seen, "old": old, "entries": entries, "text": label.text()}))
"""


def test_pyside_reads_no_module_source_and_features_still_work(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FEATURE_DRIVER],
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "STATIONAPP_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, done.stderr[-2000:]
    result = json.loads(lines[-1])
    # None of the modules the import loaded; of those loaded before, at most the couple
    # imported again before stationapp/__init__.py's first lines ran (sys, io: built in).
    assert result["scanned"] == []
    assert len(result["old"]) <= 2, result["old"]
    # What PySide would have found: stationapp's modules use PySide, peewee does not.
    assert result["entries"] == {"stationapp.ui.main_window": 0, "peewee": -1}
    # A module that selects a feature (here the driver's snake_case) has it.
    assert result["text"] == "snake_case"
