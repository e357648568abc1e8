"""Open-affairs checks (厂务公开): the station's check of how a workplace makes its affairs
known to its staff, with the findings, a rating and the follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stationapp.models.accounts import Staff
from stationapp.models.union_work import OPEN_AFFAIRS_RATINGS, OpenAffairsCheck
from stationapp.services.accounts import require
from stationapp.services.union_work.common import (
    MAX_TEXT,
    RecordKind,
    create_record,
    past_day,
    refuse,
    translate,
    update_record,
)
from stationapp.services.validation import clean_texts


@dataclass(frozen=True)
class CheckInput:
    checked_on: date | None
    rating: str
    findings: str = ""
    follow_up: str = ""


def _clean(data: CheckInput) -> dict[str, object]:
    values, errors = clean_texts(
        data, (("findings", MAX_TEXT, True), ("follow_up", MAX_TEXT, False))
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
    refuse(errors)
    values.update(checked_on=data.checked_on, rating=data.rating)
    return values


CHECK = RecordKind(
    OpenAffairsCheck,
    "open_affairs_check",
    lambda c: {"checked_on": c.checked_on, "rating": c.rating},
)


def record_check(actor: Staff, organization_id: int, data: CheckInput) -> OpenAffairsCheck:
    require(actor, "workplace.agreements")
    return create_record(actor, CHECK, organization_id, _clean(data))


def update_check(actor: Staff, check_id: int, data: CheckInput) -> OpenAffairsCheck:
    require(actor, "workplace.agreements")
    gone = translate("UnionWork", "This check no longer exists.")
    return update_record(actor, CHECK, check_id, _clean(data), gone=gone)


def list_checks(actor: Staff, organization_id: int) -> list[OpenAffairsCheck]:
    """The workplace's checks, the latest first."""
    require(actor, "workplace.read")
    return CHECK.latest_first(organization_id, OpenAffairsCheck.checked_on)
