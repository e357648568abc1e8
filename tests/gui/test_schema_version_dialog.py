"""A schema version that is not a number (issue 19, finding 6) opened the internal-error dialog:
now the start says why in its own dialog, and the file is left as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from stationapp.db import close_database, database, sqlite_path
from stationapp.ui import startup


def test_a_schema_version_of_nine_is_a_clear_dialog(qapp, admin, db_url, monkeypatch):
    database.execute_sql("UPDATE schema_version SET version = 'nine'")
    close_database()
    before = sqlite_path(db_url).read_bytes()
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox,
        "critical",
        lambda _parent, title, text, *a, **k: shown.append((title, text)),
    )
    assert startup.run(qapp, url=db_url, demo=False) == 2
    [(title, text)] = shown
    assert title == "Cannot open the database"
    assert "“nine”" in text and "not a number" in text and "restore a backup" in text
    assert sqlite_path(db_url).read_bytes() == before
