"""stationapp: the desktop application of a street trade-union service station."""

import sys

__version__ = "0.1.0"


class _PySideFeatureScanSkipper:
    """PySide reads the source of every module imported after it (``inspect.getsource``) to see
    whether it names PySide6, for its ``__feature__`` switches (snake_case, true_property), and
    keeps the answer in ``pyside_feature_dict``: 0 for a module that uses PySide, -1 for one to
    ignore. stationapp selects no feature, and with none selected both values mean the same (the
    default set), so the reading (a twentieth of the desk's start-up, inspect's import included)
    buys nothing. This finder writes each module's entry before the module is imported (and,
    once PySide is there, those of the modules loaded before it): 0 for stationapp's own, -1
    for the others; PySide finds the entry and reads no source. The finder finds no module
    itself, and an entry already there (a module that selected a feature) stays."""

    filled = False

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        feature = sys.modules.get("PySide6.support.feature")
        features = getattr(feature, "pyside_feature_dict", None)
        if not isinstance(features, dict):
            return
        if not self.filled:  # the modules loaded before PySide, scanned at their next import
            self.filled = True
            for loaded in list(sys.modules):
                features.setdefault(loaded, _feature_default(loaded))
        features.setdefault(name, _feature_default(name))


def _feature_default(name: str) -> int:
    return 0 if name == "stationapp" or name.startswith("stationapp.") else -1


if not any(isinstance(f, _PySideFeatureScanSkipper) for f in sys.meta_path):
    sys.meta_path.insert(0, _PySideFeatureScanSkipper())


def import_holding_back(name: str, held_back: str) -> None:
    """Import the module ``name`` with the module ``held_back`` unimportable meanwhile (an
    "import" of it fails, as when it is not installed); it stays importable afterwards. Does
    nothing when either is loaded already."""
    if name in sys.modules or held_back in sys.modules:
        return
    sys.modules[held_back] = None  # type: ignore[assignment]  # "import held_back" fails
    try:
        __import__(name)
    finally:
        if held_back in sys.modules and sys.modules[held_back] is None:
            del sys.modules[held_back]


# peewee is imported with the PostgreSQL driver held back. peewee imports every driver it knows
# when it is itself imported, and psycopg2 (libpq, OpenSSL) is a sixth of a SQLite desk's start;
# ``stationapp.db.load_psycopg2`` gives it to peewee when a PostgreSQL database is opened. Runs
# before any module of the package imports peewee; a program that imported peewee (or psycopg2)
# first keeps the driver peewee found.
import_holding_back("peewee", "psycopg2")
