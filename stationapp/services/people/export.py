"""Exporting the register to a spreadsheet, in pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import transaction
from stationapp.models.accounts import Staff
from stationapp.models.people import Organization, Person
from stationapp.services.accounts import audit, has_permission, require
from stationapp.services.people.masking import exported_phone, mask_id, may_see_full_id
from stationapp.services.people.register import gender_label
from stationapp.services.people.search import (
    SEARCH_CANDIDATES,
    _hide_hardship,
    count_people,
    search_people,
)
from stationapp.services.spreadsheet import export_batches
from stationapp.services.validation import id_type_label

translate = QCoreApplication.translate


EXPORT_PAGE = 1000


def _register_pages(actor: Staff, *, include_inactive: bool) -> Iterator[list[Person]]:
    """The whole register in the order of registration, a page at a time, masked for ``actor``.
    Pages follow the id (not an offset), so that a large register is read in linear time."""
    last_id = 0
    while True:
        query = (
            Person.select(Person, Organization)
            .join(Organization, peewee.JOIN.LEFT_OUTER)
            .where(Person.id > last_id, Person.merged_into.is_null())
        )
        if not include_inactive:
            query = query.where(Person.active)
        page = list(query.order_by(Person.id).limit(EXPORT_PAGE))
        if not page:
            return
        last_id = page[-1].id
        yield _hide_hardship(actor, page)


def _export_header(*, whole: bool, hardship: bool, include_inactive: bool) -> list[str]:
    header = [
        translate("People", "Name"),
        translate("People", "Gender"),
        translate("People", "Birth date") if whole else translate("People", "Birth year"),
        translate("People", "ID type"),
        translate("People", "ID number"),
        translate("People", "Phone"),
        translate("People", "Workplace"),
        translate("People", "Union member"),
        translate("People", "Member card (京卡) number"),
        translate("People", "Notes"),
        translate("People", "Registered on"),
        translate("People", "Last activity"),
    ]
    if include_inactive:
        header.append(translate("People", "Deactivated"))
    if hardship:
        header += [
            translate("People", "Hardship category"),
            translate("People", "Hardship reasons"),
        ]
    return header


def export_people(
    actor: Staff,
    path: Path,
    *,
    search: str = "",
    include_inactive: bool = False,
    limit: int = SEARCH_CANDIDATES,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Write the register, or the people ``search`` finds (at most ``limit``, in the order the
    search shows them), to an Excel (.xlsx) or CSV file; returns the rows written.

    Every row is masked as the list masks it for ``actor``: the ID number with its address code
    and last four only (``mask_id``; the last four alone for a role without
    ``person.view_full_id``, which also gets the birth year instead of the date), the phone
    whole only with ``person.export_phone``, and the hardship columns only with
    ``hardship.read``. Formula-like text is made inert and the file is private
    (services.spreadsheet). ``progress(done, total)`` returning False cancels: no file, no
    audit entry.
    """
    from stationapp.services.consent import hardship_category_label  # consent imports us

    require(actor, "person.export")
    whole = may_see_full_id(actor)
    hardship = has_permission(actor, "hardship.read")
    text = search.strip()
    if text:
        found = search_people(actor, text, limit=limit, include_inactive=include_inactive)
        total = len(found)
        pages: Iterable[list[Person]] = [found]
    else:
        total = count_people(actor, include_inactive=include_inactive)
        pages = _register_pages(actor, include_inactive=include_inactive)
    header = _export_header(whole=whole, hardship=hardship, include_inactive=include_inactive)
    yes, no = translate("People", "Yes"), translate("People", "No")

    def row(person: Person) -> list[object]:
        masked = getattr(person, "masked", False)
        values: list[object] = [
            person.name,
            gender_label(person.gender),
            getattr(person, "birth_year", None) if masked else person.birth_date,
            id_type_label(person.id_type) if person.id_number else "",
            person.id_number if masked else mask_id(person.id_number),
            exported_phone(actor, person.phone),
            person.workplace.name if person.workplace_id else "",
            yes if person.is_member else no,
            person.member_card,
            person.notes,
            person.created_at.date(),
            person.last_activity_at.date(),
        ]
        if include_inactive:
            values.append("" if person.active else yes)
        if hardship:
            values += [
                hardship_category_label(person.hardship_category),
                person.hardship_reasons,
            ]
        return values

    batches = ((row(person) for person in page) for page in pages)
    title = translate("People", "People")
    written, finished = export_batches(path, title, header, batches, total=total, progress=progress)
    if not finished:
        return written
    with transaction():
        audit(
            actor,
            "export",
            "person",
            None,
            {
                "rows": written,
                "file": path.name,
                "searched": bool(text),
                "include_inactive": include_inactive,
            },
        )
    return written
