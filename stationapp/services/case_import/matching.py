"""Matching the ledger's rows with the register (the same person twice) and the cases on file."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication

from stationapp.models.mediation import CaseParty, MediationCase
from stationapp.models.people import Person
from stationapp.services.accounts import station_settings
from stationapp.services.case_import.values import _Row
from stationapp.services.importing import ImportProblem
from stationapp.services.mediation import format_number
from stationapp.services.people_import import workplace_key

translate = QCoreApplication.translate


def _person_key(values: dict[str, Any]) -> tuple[str, ...] | None:
    if values.get("id_number"):
        return ("id", str(values["id_number"]).upper())
    if values.get("phone"):
        return ("name", values["name"], values["phone"])
    return None


def _match(rows: list[_Row], file_name: str) -> list[ImportProblem]:
    """Match applicants in the register (setting ``person_id``), and the problems the register
    or the file's other rows make: a number on file or given twice, a deactivated person, a
    case without a number that is already on file."""
    problems: list[ImportProblem] = []
    seen: dict[tuple[int, int], int] = {}
    wanted = {(r.case_number.year, r.case_number.sequence) for r in rows if r.case_number}
    on_file: dict[tuple[int, int], str] = {}
    for year in sorted({year for year, _seq in wanted}):
        query = MediationCase.select(
            MediationCase.year, MediationCase.sequence, MediationCase.number
        ).where(MediationCase.year == year)
        for y, seq, number in query.tuples():
            on_file[(y, seq)] = number
    numbers_on_file = set(on_file.values())
    prefix = station_settings().case_prefix
    ids = sorted(
        {a.values["id_number"] for r in rows for a in r.applicants if a.values["id_number"]}
    )
    phones = sorted({a.values["phone"] for r in rows for a in r.applicants if a.values["phone"]})
    by_id: dict[str, Person] = {}
    for person in (
        Person.select()
        .where(Person.id_number.in_(ids + [n.lower() for n in ids]))
        .order_by(Person.id)
    ):
        current = by_id.get(person.id_number.upper())
        if current is None or (person.active and not current.active):
            by_id[person.id_number.upper()] = person
    by_name: dict[tuple[str, str], Person] = {}
    for person in (
        Person.select().where(Person.phone.in_(phones), Person.active).order_by(Person.id)
    ):
        by_name.setdefault((person.name, person.phone), person)
    for row in rows:
        key = row.case_number
        if key is not None:
            pair = (key.year, key.sequence)
            text = format_number(key.year, key.prefix or prefix, key.sequence)
            if pair in on_file or text in numbers_on_file:
                problems.append(
                    ImportProblem(
                        row.number,
                        "number",
                        translate(
                            "CaseImport", "This case number is already on file ({number})."
                        ).format(number=on_file.get(pair, text)),
                    )
                )
                continue
            if pair in seen:
                problems.append(
                    ImportProblem(
                        row.number,
                        "number",
                        translate("CaseImport", "The same case number as row {row}.").format(
                            row=seen[pair]
                        ),
                    )
                )
                continue
            seen[pair] = row.number
        refused = False
        for applicant in row.applicants:
            number = applicant.values.get("id_number") or ""
            person = by_id.get(number.upper()) if number else None
            if person is not None and not person.active:
                problems.append(
                    ImportProblem(
                        row.number,
                        "id_number",
                        translate(
                            "CaseImport",
                            "This ID number belongs to a deactivated record; reactivate it first.",
                        ),
                    )
                )
                refused = True
                break
            if person is None and applicant.values.get("phone"):
                person = by_name.get((applicant.values["name"], applicant.values["phone"]))
            applicant.person_id = person.id if person is not None else None
        if refused:
            continue
        if key is None:
            twin = _same_case_on_file(row)
            if twin is not None:
                problems.append(
                    ImportProblem(
                        row.number,
                        "number",
                        translate(
                            "CaseImport",
                            "This case seems to be on file already as {number}; give its number.",
                        ).format(number=twin),
                    )
                )
    return problems


def _same_case_on_file(row: _Row) -> str | None:
    """A case with no number in the ledger is the one on file received the same day against the
    same employer by one of the same applicants (a ledger imported twice)."""
    people = [a.person_id for a in row.applicants if a.person_id is not None]
    if not people:
        return None
    start = datetime.combine(row.received, time.min)
    query = (
        MediationCase.select(MediationCase.number, MediationCase.respondent)
        .join(CaseParty)
        .where(
            CaseParty.person.in_(people),
            MediationCase.received_at >= start,
            MediationCase.received_at < start + timedelta(days=1),
        )
    )
    key = workplace_key(row.respondent)
    for case in query:
        if workplace_key(case.respondent.name) == key:
            return case.number
    return None
