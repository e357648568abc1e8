"""Keep the translation files in step with the code.

``python -m stationapp.i18n update`` collects every translatable string into the .ts files under
resources/translations (pyside6-lupdate, obsolete entries dropped); ``python -m stationapp.i18n
release`` compiles them to the .qm files the program loads (pyside6-lrelease).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

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


def unfinished(ts_file: Path) -> dict[str, dict[str, str]]:
    """The entries still to translate, as {context: {source: ""}}."""
    todo: dict[str, dict[str, str]] = {}
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") == "unfinished":
                todo.setdefault(name, {})[message.findtext("source", "")] = ""
    return todo


def fill(ts_file: Path, translations: dict[str, dict[str, str]]) -> int:
    """Write ``translations`` ({context: {source: text}}) into ``ts_file``; returns how many
    entries were filled. Empty texts are skipped; numerus entries get the text as their form."""
    tree = ElementTree.parse(ts_file)
    filled = 0
    for context in tree.getroot().iter("context"):
        wanted = translations.get(context.findtext("name", ""), {})
        for message in context.iter("message"):
            text = wanted.get(message.findtext("source", ""))
            translation = message.find("translation")
            if not text or translation is None:
                continue
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                for form in list(translation):
                    translation.remove(form)
                ElementTree.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
            filled += 1
    body = ElementTree.tostring(tree.getroot(), encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m stationapp.i18n")
    parser.add_argument(
        "command",
        choices=("update", "release", "todo", "fill"),
        help="update: collect strings; release: compile; todo FILE: write the unfinished entries "
        "as JSON {context: {source: ''}}; fill FILE: merge translated JSON back",
    )
    parser.add_argument("file", nargs="?", type=Path, help="the JSON file of todo and fill")
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        if args.command == "update":
            update(ts_path(language))
        elif args.command == "release":
            release(ts_path(language), qm_path(language))
        elif args.command == "todo":
            todo = unfinished(ts_path(language))
            args.file.write_text(json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8")
            print(sum(len(v) for v in todo.values()), "unfinished")
        else:
            data = json.loads(args.file.read_text(encoding="utf-8"))
            print(fill(ts_path(language), data), "filled")
            update(ts_path(language))  # back to lupdate's own layout
    return 0


if __name__ == "__main__":
    sys.exit(main())
