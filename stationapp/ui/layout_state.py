"""Remembered column widths and splitter positions (DESIGN.md rule 9), one way for every list."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter, QTableView

from stationapp.config import Keys


def restore_columns(table: QTableView, name: str, default_widths: Iterable[int]) -> None:
    """The widths the user left, else ``default_widths`` from the first column on."""
    state = QSettings().value(Keys.header_state(name).name)
    if state:
        table.horizontalHeader().restoreState(state)
        return
    for column, width in enumerate(default_widths):
        table.setColumnWidth(column, width)


def save_columns(table: QTableView, name: str) -> None:
    QSettings().setValue(Keys.header_state(name).name, table.horizontalHeader().saveState())


def restore_splitter(splitter: QSplitter, name: str) -> None:
    state = QSettings().value(Keys.splitter_state(name).name)
    if state:
        splitter.restoreState(state)


def save_splitter(splitter: QSplitter, name: str) -> None:
    QSettings().setValue(Keys.splitter_state(name).name, splitter.saveState())
