"""The station's package: its desktop entry, the launcher, and how its Depends: is found.

CI builds the package and install-tests it (packaging/build-deb, packaging/test-deb); these
check the pieces the build relies on without building.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _debian_depends():
    spec = importlib.util.spec_from_file_location("debian_depends", PACKAGING / "debian_depends.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _qt_library(name: str) -> Path:
    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob(f"{name}.so*"))
    if not found:
        pytest.skip(f"no {name} in this PySide6 (a wheel without Qt's lib folder)")
    return found[0]


def test_the_needed_libraries_are_read_from_the_elf_file() -> None:
    needed = _debian_depends().needed(_qt_library("libQt6Widgets"))
    assert needed is not None
    assert "libQt6Gui.so.6" in needed and "libQt6Core.so.6" in needed
    if shutil.which("readelf"):  # the same list as binutils reads
        out = subprocess.run(
            ["readelf", "-d", str(_qt_library("libQt6Widgets"))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert needed == re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)


def test_a_file_that_is_not_elf_needs_nothing(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("ELF? no", encoding="utf-8")
    assert _debian_depends().needed(text) is None
    assert _debian_depends().needed(tmp_path / "missing.so") is None


def test_glibc_and_known_libraries_map_to_their_packages() -> None:
    module = _debian_depends()
    assert module.GLIBC.match("libc.so.6") and module.GLIBC.match("libpthread.so.0")
    assert not module.GLIBC.match("libcups.so.2")
    assert module.package_of("libxcb-cursor.so.0") == "libxcb-cursor0"
    assert module.WAYLAND.search("_internal/PySide6/Qt/plugins/platforms/libqwayland.so")
    assert not module.WAYLAND.search("_internal/PySide6/Qt/plugins/platforms/libqxcb.so")


@pytest.mark.skipif(not shutil.which("dpkg"), reason="looks packages up with dpkg -S")
def test_a_bundled_library_is_not_a_dependency_and_a_system_one_is(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    widgets = _qt_library("libQt6Widgets")
    shutil.copy(widgets, bundle / widgets.name)
    for name in ("libQt6Gui", "libQt6Core"):
        (bundle / _qt_library(name).name).write_bytes(b"")  # carried by the bundle
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "debian_depends.py"), str(bundle)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode and "no single Debian package" in result.stderr:
        pytest.skip(f"a system library is missing here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr
    depends = result.stdout.splitlines()[0]
    assert depends.startswith("Depends: libc6 (>= ")
    assert "libqt6" not in depends.lower()  # what the bundle carries is not asked of the system
    assert "libgl1" in depends or "libegl1" in depends  # Qt Widgets' GL, from the system


def test_the_desktop_entry_names_the_program_in_chinese() -> None:
    entry = configparser.ConfigParser(interpolation=None, strict=True)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "debian" / "stationapp.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Name[zh_CN]"] == "工会服务站" and section["Comment[zh_CN]"]
    assert section["Categories"] == "Office;"
    assert section["Exec"] == "stationapp"
    assert section["StartupWMClass"] == "stationapp"  # the window's desktop file name
    icon = section["Icon"]
    assert (ROOT / "resources" / "icons" / f"{icon}.svg").is_file()


def test_the_build_scripts_are_executable_and_the_launcher_runs_the_bundle() -> None:
    for name in ("build-deb", "test-deb"):
        assert os.access(PACKAGING / name, os.X_OK), name
    launcher = (PACKAGING / "debian" / "launcher").read_text(encoding="utf-8")
    assert launcher.startswith("#!/bin/sh\n")
    assert 'exec /opt/stationapp/stationapp "$@"' in launcher


def test_the_bundle_leaves_out_the_qt_parts_the_program_does_not_use() -> None:
    spec = (PACKAGING / "stationapp.spec").read_text(encoding="utf-8")
    unused = re.search(r"QT_UNUSED = \[(.*?)\]", spec, re.S).group(1)
    for module in ("QtQuick", "QtQml", "QtWebEngineCore", "QtPdf", "QtNetwork"):
        assert f'"{module}"' in unused
    used = {
        m
        for path in (ROOT / "stationapp").rglob("*.py")
        for m in re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8"))
    }
    assert used and not used & set(re.findall(r'"(Qt\w+)"', unused))


def test_the_bundle_carries_the_modules_imported_by_name() -> None:
    """PyInstaller follows import statements only: the modules a lazy services package loads by
    name when one of its names is first used, and the schema steps, are named in the spec (the
    package's first demo start once failed on services.people.organizations)."""
    spec = (PACKAGING / "stationapp.spec").read_text(encoding="utf-8")
    collected = set(re.findall(r'collect_submodules\("([\w.]+)"\)', spec))
    lazy = {
        ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
        for path in (ROOT / "stationapp").rglob("__init__.py")
        if "lazy_names(" in path.read_text(encoding="utf-8")
    }
    assert lazy  # the visits and people packages load lazily
    for package in lazy | {"stationapp.migrations"}:
        assert any(package == c or package.startswith(c + ".") for c in collected), package
