"""Holds on titles: placing, cancelling, the queue of a title and a person's holds."""

from __future__ import annotations

import peewee

from stationapp.db import found_first, is_sqlite, now
from stationapp.errors import NotFound, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.library import Copy, Hold, Loan, Title
from stationapp.models.people import Person
from stationapp.services.accounts import audit, require
from stationapp.services.library._common import translate
from stationapp.services.library.rules import borrower_category, rule_for
from stationapp.services.people import hands_people
from stationapp.services.writes import writing


@hands_people
def place_hold(actor: Staff, title_id: int, person_id: int) -> Hold:
    with writing(actor, "library.circulate", notify="hold", lock=True):
        # The title is the parent of its holds: two desks never both find no hold of this person.
        titles = Title.select().where(Title.id == title_id)
        title = found_first(
            titles if is_sqlite() else titles.for_update(),
            translate("Library", "This title is no longer in the catalogue."),
        )
        person = Person.get_or_none(Person.id == person_id)
        if person is None or not person.active:
            raise NotFound(translate("Library", "This borrower is no longer on file."))
        if rule_for(borrower_category(person), title.item_type).reference_only:
            raise ValidationError(
                translate("Library", "Reference only: this item stays in the reading room.")
            )
        if (
            Hold.select()
            .where(
                Hold.title == title_id,
                Hold.person == person_id,
                Hold.state.in_(["waiting", "ready"]),
            )
            .exists()
        ):
            raise ValidationError(
                translate("Library", "This person has already reserved this title.")
            )
        on_loan = (
            Loan.select()
            .join(Copy)
            .where(Loan.person == person_id, Loan.returned_at.is_null(), Copy.title == title_id)
            .exists()
        )
        if on_loan:
            raise ValidationError(translate("Library", "This person has this title on loan."))
        hold = Hold.create(title=title_id, person=person_id, placed_at=now())
        audit(actor, "create", "hold", hold.id, {"title": title_id, "person": person_id})
    return hold


def cancel_hold(actor: Staff, hold_id: int) -> None:
    with writing(actor, "library.circulate", notify="hold", lock=True):
        hold = Hold.get_or_none(Hold.id == hold_id)
        if hold is None or hold.state not in ("waiting", "ready"):
            raise NotFound(translate("Library", "This reservation is not open."))
        if hold.state == "ready" and hold.copy_id:
            # The copy set aside goes to the next in the queue, or back to the shelf.
            following = (
                Hold.select()
                .where(Hold.title == hold.title_id, Hold.state == "waiting", Hold.id != hold.id)
                .order_by(Hold.placed_at, Hold.id)
                .first()
            )
            if following is not None:
                following.state = "ready"
                following.copy = hold.copy_id
                following.ready_at = now()
                following.save()
            else:
                Copy.update(status="available").where(
                    Copy.id == hold.copy_id, Copy.status == "on_hold_shelf"
                ).execute()
        hold.state = "cancelled"
        hold.closed_at = now()
        hold.save()
        audit(actor, "cancel", "hold", hold.id)


def _open_holds(
    joined: type[peewee.Model], which: peewee.Expression, *order: peewee.Node
) -> list[Hold]:
    """The holds still waiting or ready, with the person or the title each is for."""
    return list(
        Hold.select(Hold, joined)
        .join(joined)
        .where(which, Hold.state.in_(["waiting", "ready"]))
        .order_by(*order)
    )


@hands_people
def holds_queue(actor: Staff, title_id: int) -> list[Hold]:
    require(actor, "library.read")
    return _open_holds(Person, Hold.title == title_id, Hold.placed_at, Hold.id)


@hands_people
def person_holds(actor: Staff, person_id: int) -> list[Hold]:
    require(actor, "library.read")
    return _open_holds(Title, Hold.person == person_id, Hold.placed_at)
