"""Keep the translation files in step with the code.

``python -m stationapp.i18n update`` collects every translatable string into the .ts files under
resources/translations (pyside6-lupdate, obsolete entries dropped); ``python -m stationapp.i18n
release`` compiles them to the .qm files the program loads (pyside6-lrelease).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from stationapp.config import resource_path

LANGUAGES = ("zh_CN",)
PACKAGE = Path(__file__).resolve().parent


def ts_path(language: str) -> Path:
    return resource_path("translations", f"stationapp_{language}.ts")


def qm_path(language: str) -> Path:
    return resource_path("translations", f"stationapp_{language}.qm")


def source_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def update(ts_file: Path) -> None:
    """Refresh ``ts_file`` from the sources (new strings arrive unfinished)."""
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    files = [str(p) for p in source_files()]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *files,
            "-ts",
            str(ts_file),
        ],
        check=True,
        capture_output=True,
    )


def release(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stationapp.i18n")
    parser.add_argument("command", choices=("update", "release"))
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        if args.command == "update":
            update(ts_path(language))
        else:
            release(ts_path(language), qm_path(language))
    return 0


if __name__ == "__main__":
    sys.exit(main())
