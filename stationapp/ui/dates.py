"""Dates on every screen (UX.md, Lists): ``2026-12-07``, or ``12-07`` within this year;
never a date without a year that could be last year's."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from stationapp.db import today

EARLIEST_DATE = date(2000, 1, 1)  # the first day a date field offers, unless it says otherwise


def day_text(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.date()
    return f"{day:%m-%d}" if day.year == today().year else f"{day:%Y-%m-%d}"


def moment_text(moment: datetime | None) -> str:
    return f"{day_text(moment)} {moment:%H:%M}" if moment else ""


def short_text(value: date | datetime | QDate | QDateTime | None) -> str:
    """A date, or a date and time, as lists show it."""
    if isinstance(value, QDateTime | QDate):
        value = value.toPython()
    if isinstance(value, datetime):
        return moment_text(value)
    return day_text(value)


def date_edit(
    day: date | None = None,
    *,
    earliest: date | None = None,
    latest: date | None = None,
    display: str = "",
) -> QDateEdit:
    """A date field with its calendar: in the ``display`` format (when given), from ``earliest``
    to ``latest`` (when given), showing ``day`` (when given)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    if display:
        edit.setDisplayFormat(display)
    if earliest is not None:
        edit.setMinimumDate(QDate(earliest))
    if latest is not None:
        edit.setMaximumDate(QDate(latest))
    if day is not None:
        edit.setDate(QDate(day))
    return edit


class OptionalDate(QWidget):
    """A date that may be unknown (or not yet): a check box ``label``, and the date when it is
    ticked; ``value()`` is None when it is not. The date is at the latest today unless
    ``until_today`` is False, shown in the ``display`` format when given."""

    def __init__(
        self,
        label: str,
        day: date | None,
        parent: QWidget | None = None,
        *,
        until_today: bool = True,
        display: str = "",
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(label)
        self.edit = date_edit(
            day or today(), latest=today() if until_today else None, display=display
        )
        self.known.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.known.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.known)
        row.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return self.edit.date().toPython() if self.known.isChecked() else None

    def set_value(self, day: date | None) -> None:
        """Tick it and show ``day``, or untick it for None (the date shown stays)."""
        self.known.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(QDate(day))
