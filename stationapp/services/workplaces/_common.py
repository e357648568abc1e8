"""What the workplaces package's modules share: the translator, labels, the workplace by id."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from stationapp.db import found, today
from stationapp.errors import ValidationError
from stationapp.models.people import Organization

translate = QCoreApplication.translate

# The Labour Union Law (工会法 art. 11): 25 or more employees found a union committee.
LARGE_WORKPLACE = 25


def workplace(org_id: int) -> Organization:
    return found(
        Organization, org_id, translate("Workplaces", "This workplace is no longer on file.")
    )


def past_date(value: date | None, field: str, *, required: bool = False) -> date | None:
    """A date that has happened (today at the latest); ``required`` refuses none."""
    if value is None:
        if required:
            raise ValidationError(translate("Workplaces", "Enter the date."), field=field)
        return None
    if value > today():
        raise ValidationError(
            translate("Workplaces", "The date is in the future; enter the day it happened."),
            field=field,
        )
    return value


def founding_step_label(step: str) -> str:
    return {
        "contacted": translate("Workplaces", "Employer contacted"),
        "applied": translate("Workplaces", "Founding applied for"),
        "preparatory_group": translate("Workplaces", "Preparatory group formed"),
        "members_recruited": translate("Workplaces", "Members recruited"),
        "assembly": translate("Workplaces", "Members' assembly held, committee elected"),
        "approved": translate("Workplaces", "Approved by the higher union"),
        "registered": translate("Workplaces", "Registered as a legal person"),
    }.get(step, step)
