"""The zh_CN translation is complete, keeps every placeholder, and its compiled file is current."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from stationapp import i18n

PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%n")


def _messages(ts_file: Path) -> list[ET.Element]:
    return list(ET.parse(ts_file).getroot().iter("message"))


def test_every_string_in_the_code_is_translated(tmp_path: Path) -> None:
    """Re-collect the strings from the code now: a new string arrives unfinished and fails here."""
    fresh = tmp_path / "fresh.ts"
    shutil.copy(i18n.ts_path("zh_CN"), fresh)
    i18n.update(fresh)
    messages = _messages(fresh)
    assert len(messages) > 100
    unfinished = []
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(
            f.strip() for f in forms
        ):
            unfinished.append(source)
    assert unfinished == []


def test_translations_keep_placeholders() -> None:
    for message in _messages(i18n.ts_path("zh_CN")):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.findall("numerusform")] or [
            translation.text or ""
        ]
        for form in forms:
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(form)), source


def test_compiled_translation_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "check.qm"
    i18n.release(i18n.ts_path("zh_CN"), compiled)
    assert compiled.read_bytes() == i18n.qm_path("zh_CN").read_bytes()
