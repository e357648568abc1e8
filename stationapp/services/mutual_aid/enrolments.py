"""Enrolments: one worker at the desk, or a workplace's list at once from a spreadsheet (matched
by ID number and name, every row that does not match reported, nothing half written). A worker
is enrolled at most once per plan and year (a unique index backs the check)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import peewee

from stationapp.db import lock_kind, now, today, transaction
from stationapp.errors import UserError, ValidationError, raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.mutual_aid import PAYERS, AidEnrolment, AidPlan
from stationapp.models.people import Organization, Person
from stationapp.services import changes, importing
from stationapp.services.accounts import audit, require
from stationapp.services.importing import ImportProblem, ImportRefused, Progress, Report
from stationapp.services.mutual_aid._common import translate
from stationapp.services.people import hands_people
from stationapp.services.people_import import alias_table, number_text, recognise_headers
from stationapp.services.writes import writing

HEADER_ROWS = 10
MAX_ROWS = 5000
BATCH = 500
FIELDS: tuple[str, ...] = ("name", "id_number")
_ALIASES = alias_table(
    {
        "name": ("姓名", "名字", "职工姓名", "name"),
        "id_number": ("身份证号", "身份证号码", "证件号码", "证件号", "身份证", "id", "idnumber"),
    }
)


@dataclass
class EnrolmentFilter:
    """What the enrolments list shows: a plan, a person or a workplace (any left None)."""

    plan_id: int | None = None
    person_id: int | None = None
    organization_id: int | None = None
    year: int | None = None


@dataclass
class EnrolmentImport:
    rows: int = 0
    enrolled: int = 0
    already: int = 0  # on the list but enrolled in the plan before
    cancelled: bool = False


def _gone() -> str:
    return translate("MutualAid", "This person is no longer on file.")


def _plan_open(plan_id: int) -> AidPlan:
    plan = AidPlan.get_or_none(AidPlan.id == plan_id)
    if plan is None:
        raise ValidationError(translate("MutualAid", "Choose a plan."), field="plan")
    if not plan.active:
        raise ValidationError(
            translate("MutualAid", "This plan is closed to new enrolments."), field="plan"
        )
    return plan


def _check_terms(
    plan: AidPlan, enrolled_on: object, paid_by: str, organization_id: int | None
) -> None:
    errors: dict[str, str] = {}
    if not isinstance(enrolled_on, date):
        errors["enrolled_on"] = translate("MutualAid", "Give the enrolment date.")
    elif enrolled_on > today():
        errors["enrolled_on"] = translate("MutualAid", "The enrolment date is in the future.")
    elif enrolled_on > plan.cover_end:
        errors["enrolled_on"] = translate("MutualAid", "The plan's cover has ended by this date.")
    if paid_by not in PAYERS:
        errors["paid_by"] = translate("MutualAid", "Choose who pays the premium.")
    elif paid_by == "workplace" and organization_id is None:
        errors["organization"] = translate(
            "MutualAid", "Choose the workplace whose union pays the premium."
        )
    if organization_id is not None and not (
        Organization.select().where(Organization.id == organization_id).exists()
    ):
        errors["organization"] = translate("MutualAid", "This workplace is not on file.")
    raise_field_errors(errors)


def _already() -> ValidationError:
    return ValidationError(
        translate("MutualAid", "This person is already enrolled in this plan for its year."),
        field="plan",
    )


def enrol(
    actor: Staff,
    person_id: int,
    plan_id: int,
    *,
    enrolled_on: date,
    paid_by: str = "workplace",
    organization_id: int | None = None,
) -> AidEnrolment:
    """Enrol one worker in a plan at the desk."""
    with writing(actor, "aid.enrol", notify="aid", lock=True):
        plan = _plan_open(plan_id)
        _check_terms(plan, enrolled_on, paid_by, organization_id)
        lock_kind("aid_enrolment")
        person = Person.get_or_none(Person.id == person_id)
        if person is None or not person.active or person.anonymised_at is not None:
            raise ValidationError(_gone(), field="person")
        if (
            AidEnrolment.select()
            .where(AidEnrolment.person == person.id, AidEnrolment.plan == plan.id)
            .exists()
        ):
            raise _already()
        enrolment = AidEnrolment.create(
            plan=plan.id,
            person=person.id,
            year=plan.year,
            enrolled_on=enrolled_on,
            paid_by=paid_by,
            organization=organization_id,
            premium=plan.premium,
            staff=actor.id,
            created_at=now(),
        )
        audit(
            actor,
            "enrol",
            "aid_enrolment",
            enrolment.id,
            {"person": person.id, "plan": plan.id, "year": plan.year, "paid_by": paid_by},
        )
    return enrolment


def _filtered(query: peewee.ModelSelect, filt: EnrolmentFilter) -> peewee.ModelSelect:
    if filt.plan_id is not None:
        query = query.where(AidEnrolment.plan == filt.plan_id)
    if filt.person_id is not None:
        query = query.where(AidEnrolment.person == filt.person_id)
    if filt.organization_id is not None:
        query = query.where(AidEnrolment.organization == filt.organization_id)
    if filt.year is not None:
        query = query.where(AidEnrolment.year == filt.year)
    return query


@hands_people
def list_enrolments(
    actor: Staff, filt: EnrolmentFilter, *, offset: int = 0, limit: int = 100
) -> list[AidEnrolment]:
    """A page of enrolments, newest first, with the person, plan and workplace."""
    require(actor, "aid.read")
    query = (
        AidEnrolment.select(AidEnrolment, Person, AidPlan, Organization)
        .join(Person)
        .switch(AidEnrolment)
        .join(AidPlan)
        .switch(AidEnrolment)
        .join(Organization, peewee.JOIN.LEFT_OUTER)
    )
    query = _filtered(query, filt).order_by(AidEnrolment.enrolled_on.desc(), AidEnrolment.id.desc())
    return list(query.offset(offset).limit(limit))


def count_enrolments(actor: Staff, filt: EnrolmentFilter) -> int:
    require(actor, "aid.read")
    return _filtered(AidEnrolment.select(), filt).count()


# --- a workplace's list from a spreadsheet -------------------------------------------------------


def field_label(name: str) -> str:
    return {
        "name": translate("MutualAid", "Name"),
        "id_number": translate("MutualAid", "ID number"),
    }.get(name, name)


def _header(_number: int, record: list[Any]) -> tuple[dict[str, int], dict[str, str]] | None:
    """The columns of a header row (each field's index and header text), or None."""
    found = recognise_headers(record, _ALIASES)
    if "id_number" not in found and "name" not in found:
        return None
    return found, {name: importing.cell_text(record[index]) for name, index in found.items()}


def _clean_id(value: Any) -> str:
    return unicodedata.normalize("NFKC", number_text(value)).replace(" ", "").upper()


def import_enrolments(
    actor: Staff,
    path: Path,
    plan_id: int,
    *,
    enrolled_on: date,
    organization_id: int | None,
    paid_by: str = "workplace",
    progress: Progress | None = None,
) -> EnrolmentImport:
    """Enrol a workplace's list at once: each row a worker on file, found by ID number (the name
    must agree) or, with no ID number, by a name only one worker of that workplace has. Every row
    that does not match is reported and nothing is written; those enrolled before are counted.
    """
    require(actor, "aid.enrol")
    plan = _plan_open(plan_id)
    _check_terms(plan, enrolled_on, paid_by, organization_id)
    return importing.cancellable(
        progress,
        lambda report: _import(
            actor, Path(path), plan, report, enrolled_on, organization_id, paid_by
        ),
        EnrolmentImport(cancelled=True),
    )


def _import(
    actor: Staff,
    path: Path,
    plan: AidPlan,
    report: Report,
    enrolled_on: date,
    organization_id: int | None,
    paid_by: str,
) -> EnrolmentImport:
    layout, records = importing.read_records(
        path,
        report,
        _header,
        header_rows=HEADER_ROWS,
        max_rows=MAX_ROWS,
        too_many=translate("MutualAid", "The file has more than {count} rows; split it."),
    )
    if layout is None:
        raise UserError(
            translate("MutualAid", "No header row with a 姓名 or 身份证号 column was found.")
        )
    if not records:
        raise UserError(translate("MutualAid", "The file has no rows to import."))
    columns, headers = layout
    with transaction(lock=True):
        lock_kind("aid_enrolment")
        people, problems = _match(records, columns, organization_id, report)
        if problems:
            raise _refused(problems, headers, len(records))
        result = _write(actor, plan, people, enrolled_on, organization_id, paid_by)
        result.rows = len(records)
        audit(
            actor,
            "import",
            "aid_enrolment",
            None,
            {
                "file": path.name,
                "plan": plan.id,
                "rows": result.rows,
                "enrolled": result.enrolled,
                "already": result.already,
            },
        )
    changes.notify("aid")
    return result


def _refused(problems: list[ImportProblem], headers: dict[str, str], rows: int) -> ImportRefused:
    # The count in a name of its own: pyside6-lupdate skips a call whose count is a call.
    count = importing.rows_with_problems(problems)
    message = translate(
        "MutualAid", "Nothing was imported: %n row(s) do not match a worker on file.", "", count
    )
    return ImportRefused(
        message,
        problems=importing.in_file_order(problems, FIELDS),
        columns=headers,
        rows=rows,
        labels=field_label,
    )


def _match(
    records: list[importing.Record],
    columns: dict[str, int],
    organization_id: int | None,
    report: Report,
) -> tuple[list[Person], list[ImportProblem]]:
    wanted: list[tuple[int, str, str]] = []
    problems: list[ImportProblem] = []
    for number, record in records:
        cell = importing.cell_reader(record, columns)
        name = "".join(importing.cell_text(cell("name")).split())
        try:
            id_number = _clean_id(cell("id_number"))
        except ValueError:
            problems.append(
                ImportProblem(
                    number,
                    "id_number",
                    translate(
                        "MutualAid",
                        "The spreadsheet kept this ID number as a number and lost digits; "
                        "format the column as text.",
                    ),
                )
            )
            continue
        if not name and not id_number:
            problems.append(
                ImportProblem(number, "name", translate("MutualAid", "Give a name or ID number."))
            )
            continue
        wanted.append((number, name, id_number))
    by_id: dict[str, Person] = {}
    numbers = sorted({n for _r, _name, n in wanted if n} | {n.lower() for _r, _n, n in wanted if n})
    for batch in importing.batches(numbers, BATCH):
        query = Person.select().where(Person.id_number.in_(batch), Person.active)
        for person in query.order_by(Person.id):
            by_id.setdefault(person.id_number.upper(), person)
    by_name: dict[str, list[Person]] = {}
    names = sorted({name for _r, name, n in wanted if name and not n})
    for batch in importing.batches(names, BATCH):
        query = Person.select().where(Person.name.in_(batch), Person.active)
        if organization_id is not None:
            query = query.where(Person.workplace == organization_id)
        for person in query.order_by(Person.id):
            by_name.setdefault(person.name, []).append(person)
    people: list[Person] = []
    seen: dict[int, int] = {}
    for done, (number, name, id_number) in enumerate(wanted, 1):
        person, problem = _one(name, id_number, by_id, by_name)
        if person is not None and person.id in seen:
            problem = ImportProblem(
                number,
                "name",
                translate("MutualAid", "The same worker as row {row}.").format(row=seen[person.id]),
            )
        if problem is not None:
            problems.append(problem._replace(row=number))
        elif person is not None:
            seen[person.id] = number
            people.append(person)
        if done % 200 == 0:
            report(done, len(wanted))
    return people, problems


def _one(
    name: str, id_number: str, by_id: dict[str, Person], by_name: dict[str, list[Person]]
) -> tuple[Person | None, ImportProblem | None]:
    if id_number:
        person = by_id.get(id_number)
        if person is None:
            return None, ImportProblem(
                0, "id_number", translate("MutualAid", "No worker on file has this ID number.")
            )
        if name and person.name != name:
            return None, ImportProblem(
                0,
                "name",
                translate(
                    "MutualAid", "The worker with this ID number is on file under another name."
                ),
            )
        return person, None
    matches = by_name.get(name, [])
    if not matches:
        return None, ImportProblem(
            0,
            "name",
            translate("MutualAid", "No worker of this name is on file for the workplace."),
        )
    if len(matches) > 1:
        return None, ImportProblem(
            0,
            "name",
            translate("MutualAid", "Several workers have this name: give the ID number."),
        )
    return matches[0], None


def _write(
    actor: Staff,
    plan: AidPlan,
    people: list[Person],
    enrolled_on: date,
    organization_id: int | None,
    paid_by: str,
) -> EnrolmentImport:
    result = EnrolmentImport()
    enrolled: set[int] = set()
    ids = [person.id for person in people]
    for batch in importing.batches(ids, BATCH):
        query = AidEnrolment.select(AidEnrolment.person).where(
            AidEnrolment.plan == plan.id, AidEnrolment.person.in_(batch)
        )
        enrolled.update(person_id for (person_id,) in query.tuples())
    new = [person_id for person_id in ids if person_id not in enrolled]
    moment = now()
    rows = [
        {
            "plan": plan.id,
            "person": person_id,
            "year": plan.year,
            "enrolled_on": enrolled_on,
            "paid_by": paid_by,
            "organization": organization_id,
            "premium": plan.premium,
            "staff": actor.id,
            "created_at": moment,
        }
        for person_id in new
    ]
    for batch in importing.batches(rows, BATCH):
        AidEnrolment.insert_many(batch).execute()
    result.enrolled = len(new)
    result.already = len(ids) - len(new)
    return result
