"""Layers point one way (DESIGN.md rule 1): models, services, migrations, db and config never
import widgets, Qt's GUI module or the ui package."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "stationapp"
FORBIDDEN = ("PySide6.QtWidgets", "PySide6.QtGui", "stationapp.ui")


def _layer_files() -> list[Path]:
    files = [PACKAGE / "db.py", PACKAGE / "config.py"]
    for folder in ("models", "services", "migrations"):
        files.extend(sorted((PACKAGE / folder).rglob("*.py")))
    return files


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_forbidden(module: str) -> bool:
    return any(module == bad or module.startswith(bad + ".") for bad in FORBIDDEN)


def imported_modules(source: str, module_name: str, *, is_package: bool = False) -> set[str]:
    """Every module ``source`` imports, in any scope, relative imports resolved; ``from X import
    y`` also counts as importing ``X.y`` (y may be a submodule)."""
    package = module_name if is_package else module_name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join([*base_parts, node.module] if node.module else base_parts)
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "__import__")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
            )
        ):
            found.add(node.args[0].value)
    return found


def test_the_layer_files_are_found() -> None:
    files = _layer_files()
    names = {_module_name(f) for f in files}
    assert {
        "stationapp.db",
        "stationapp.config",
        "stationapp.services.people",
        "stationapp.services.accounts",
        "stationapp.models.people",
        "stationapp.migrations",
    } <= names


@pytest.mark.parametrize("path", _layer_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_widget_imports(path: Path) -> None:
    modules = imported_modules(
        path.read_text(encoding="utf-8"), _module_name(path), is_package=path.name == "__init__.py"
    )
    bad = sorted(m for m in modules if _is_forbidden(m))
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6.QtWidgets",
        "from PySide6.QtGui import QColor",
        "from PySide6 import QtWidgets",
        "def later():\n    from PySide6.QtWidgets import QMessageBox",
        "class A:\n    def f(self):\n        import stationapp.ui.errors as e",
        "from stationapp import ui",
        "from ..ui import main_window",
        "from .. import ui",
        "from ..ui.people import picker",
        "import importlib\nimportlib.import_module('PySide6.QtWidgets')",
    ],
)
def test_the_checker_sees_forbidden_imports(source: str) -> None:
    modules = imported_modules(source, "stationapp.services.people")
    assert any(_is_forbidden(m) for m in modules), modules


def test_the_checker_allows_qtcore() -> None:
    source = "from PySide6.QtCore import QCoreApplication\nfrom stationapp.db import now"
    modules = imported_modules(source, "stationapp.services.people")
    assert not any(_is_forbidden(m) for m in modules)


# --- frozen migrations (issue #23) ------------------------------------------------------------


def _imports_services(module: str) -> bool:
    return module == "stationapp.services" or module.startswith("stationapp.services.")


@pytest.mark.parametrize(
    "path",
    sorted((PACKAGE / "migrations").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_migration_imports_the_services(path: Path) -> None:
    """A step does what it did when it was written: a later change to a service must not change
    it, so a step copies what it needs (``migrations/frozen_keys.py``)."""
    modules = imported_modules(
        path.read_text(encoding="utf-8"), _module_name(path), is_package=path.name == "__init__.py"
    )
    bad = sorted(m for m in modules if _imports_services(m))
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize(
    "source",
    [
        "def apply(db):\n    from stationapp.services.people import person_search_keys",
        "from stationapp import services",
        "from ..services import search_keys",
        "import stationapp.services.people as people",
        "import importlib\nimportlib.import_module('stationapp.services.people')",
    ],
)
def test_the_checker_sees_a_step_importing_the_services(source: str) -> None:
    modules = imported_modules(source, "stationapp.migrations.m0099_example")
    assert any(_imports_services(m) for m in modules), modules


def test_services_load_without_widgets() -> None:
    code = (
        "import sys\n"
        "import stationapp.services.people, stationapp.services.accounts\n"
        "import stationapp.services.maintenance, stationapp.migrations, stationapp.config\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6.QtWidgets', "
        "'PySide6.QtGui', 'stationapp.ui')))\n"
        "assert not loaded, loaded\n"
        "assert 'PySide6.QtWidgets' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
