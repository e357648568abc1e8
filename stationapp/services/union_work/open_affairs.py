"""Open-affairs checks (厂务公开): the station's check of how a workplace makes its affairs
known to its staff, with the findings, a rating and the follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stationapp.db import transaction
from stationapp.errors import ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.union_work import OPEN_AFFAIRS_RATINGS, OpenAffairsCheck
from stationapp.services import changes, history
from stationapp.services.accounts import audit, require
from stationapp.services.union_work.common import MAX_TEXT, past_day, translate, workplace
from stationapp.services.validation import normalize_texts


@dataclass(frozen=True)
class CheckInput:
    checked_on: date | None
    rating: str
    findings: str = ""
    follow_up: str = ""


def _clean(data: CheckInput) -> dict[str, object]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    normalize_texts(
        data,
        (("findings", MAX_TEXT, True), ("follow_up", MAX_TEXT, False)),
        values=values,
        errors=errors,
    )
    past_day(
        data.checked_on, "checked_on", errors, translate("UnionWork", "Give the day of the check.")
    )
    if data.rating not in OPEN_AFFAIRS_RATINGS:
        errors["rating"] = translate("UnionWork", "Choose how the workplace did.")
    elif data.rating != "good" and values.get("follow_up") == "":
        # A default never loses work: what is wrong keeps its follow-up.
        errors["follow_up"] = translate(
            "UnionWork",
            "Say what follows: what the workplace will do and when it is checked again.",
        )
    if errors:
        first = next(iter(errors))
        raise ValidationError(errors[first], field=first, errors=errors)
    values.update(checked_on=data.checked_on, rating=data.rating)
    return values


def record_check(actor: Staff, organization_id: int, data: CheckInput) -> OpenAffairsCheck:
    require(actor, "workplace.agreements")
    values = _clean(data)
    with transaction():
        org = workplace(organization_id)
        check = OpenAffairsCheck.create(organization=org, staff=actor, **values)
        audit(
            actor,
            "create",
            "open_affairs_check",
            check.id,
            {"workplace": org.name, "checked_on": check.checked_on, "rating": check.rating},
        )
    changes.notify("organization")
    return check


def update_check(actor: Staff, check_id: int, data: CheckInput) -> OpenAffairsCheck:
    require(actor, "workplace.agreements")
    values = _clean(data)
    with transaction(lock=True):
        check = history.locked(
            OpenAffairsCheck, check_id, translate("UnionWork", "This check no longer exists.")
        )
        for name, value in values.items():
            setattr(check, name, value)
        check.save()
        audit(
            actor,
            "update",
            "open_affairs_check",
            check.id,
            {"checked_on": check.checked_on, "rating": check.rating},
        )
    changes.notify("organization")
    return check


def list_checks(actor: Staff, organization_id: int) -> list[OpenAffairsCheck]:
    """The workplace's checks, the latest first."""
    require(actor, "workplace.read")
    return list(
        OpenAffairsCheck.select()
        .where(OpenAffairsCheck.organization == organization_id)
        .order_by(OpenAffairsCheck.checked_on.desc(), OpenAffairsCheck.id.desc())
    )
