"""Reading the ledger's header and checking each row into a case to write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from stationapp.errors import ValidationError
from stationapp.models.mediation import CLAIM_CATEGORIES
from stationapp.services.case_import.values import (
    _ALIASES,
    _SEPARATORS,
    AGREEMENT_OUTCOMES,
    CATEGORY_WORDS,
    FIELDS,
    FIRST_YEAR,
    NOT_KEPT,
    _Applicant,
    _money,
    _Row,
    field_label,
    parse_case_number,
    parse_categories,
    parse_outcome,
)
from stationapp.services.importing import (
    FileColumns,
    ImportProblem,
    ImportRefused,
    RowProblems,
    cell_reader,
    cell_text,
    in_file_order,
    rows_with_problems,
)
from stationapp.services.people import PersonInput, validate_person
from stationapp.services.people_import import number_text, parse_date, recognise_headers
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate


def _layout(number: int, record: list[Any]) -> FileColumns | None:
    found = recognise_headers(record, _ALIASES)
    if "applicants" not in found:
        return None
    texts = [cell_text(cell) for cell in record]
    used = set(found.values())
    return FileColumns(
        header_row=number,
        columns={k: v for k, v in found.items() if k not in NOT_KEPT},
        headers={name: texts[index] for name, index in found.items()},
        ignored=[text for index, text in enumerate(texts) if text and index not in used],
        header=record,
    )


def _refuse(problems: list[ImportProblem], columns: dict[str, str]) -> None:
    raise ImportRefused(
        translate(
            "CaseImport",
            "Nothing was imported: %n row(s) have problems. Correct the file and import it again.",
            "",
            rows_with_problems(problems),
        ),
        problems=in_file_order(problems, FIELDS),
        columns=columns,
        labels=field_label,
    )


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(cell_text(value)) if part.strip()]


def _positional(text: str) -> list[str]:
    """One value per applicant, an empty one kept in its place ("110…、" for two applicants)."""
    parts = [part.strip() for part in _SEPARATORS.split(text)]
    return parts if any(parts) else []


def _check_row(
    number: int, record: list[Any], columns: dict[str, int], on: date
) -> tuple[_Row | None, list[ImportProblem]]:
    cell = cell_reader(record, columns)

    problems = RowProblems()
    problem = problems.add

    case_number = None
    try:
        case_number = parse_case_number(cell("number"))
    except ValueError:
        problem(
            "number",
            translate(
                "CaseImport", "“{text}” is not a case number like (2024)建工调字第0012号."
            ).format(text=cell_text(cell("number"))),
        )
    if case_number is not None and case_number.year > on.year:
        problem("number", translate("CaseImport", "The year of the case number is to come."))
        case_number = None

    dates: dict[str, date | None] = {}
    for name in ("received", "closed"):
        try:
            parsed = parse_date(cell(name))
        except ValueError:
            parsed = None
            problem(
                name,
                translate(
                    "CaseImport", "“{text}” is not a date; write it as 2024-05-01 or 2024年5月1日."
                ).format(text=cell_text(cell(name))),
            )
            dates[name] = None
            continue
        value = parsed.value if parsed else None
        if parsed is None:
            problem(name, translate("CaseImport", "This date is required."))
        elif value > on:
            problem(name, translate("CaseImport", "This date is in the future."))
            value = None
        elif value.year < FIRST_YEAR:
            problem(name, translate("CaseImport", "This date is before 1990."))
            value = None
        dates[name] = value
    received, closed = dates["received"], dates["closed"]
    if received and closed and closed < received:
        problem("closed", translate("CaseImport", "The case was closed before it was received."))

    names = _split(cell("applicants"))
    numbers: list[str] = []
    try:
        numbers = _positional(number_text(cell("id_number")))
    except ValueError:
        problem(
            "id_number",
            translate(
                "CaseImport",
                "The spreadsheet stored this number as a number and kept only its first 15 "
                "digits; format the column as text and type the number again.",
            ),
        )
    phones = _positional(cell_text(cell("phone")))
    applicants: list[_Applicant] = []
    if not names:
        problem("applicants", translate("CaseImport", "Write the applicant's name."))
    for name, given in (("id_number", numbers), ("phone", phones)):
        if given and len(given) != len(names):
            problem(
                name,
                translate(
                    "CaseImport",
                    "Give one value per applicant, in the order of the names ({count}).",
                ).format(count=len(names)),
            )
    if not any(key[0] in ("id_number", "phone") for key in problems):
        for index, name in enumerate(names):
            data = PersonInput(
                name=name,
                id_number=numbers[index] if numbers else "",
                phone=phones[index] if phones else "",
            )
            try:
                values = validate_person(data, on=on).values
            except ValidationError as exc:
                for key, message in (exc.errors or {exc.field or "name": exc.message}).items():
                    problem("applicants" if key == "name" else key, f"{name}: {message}")
                continue
            values.pop("workplace", None)
            applicants.append(_Applicant(values))

    respondent = ""
    try:
        respondent = normalize_text(
            cell_text(cell("respondent")), field="respondent", max_length=100, required=True
        )
    except ValidationError:
        problem(
            "respondent",
            translate("CaseImport", "Write the employer (the respondent), ≤100 characters."),
        )

    categories = parse_categories(cell("category"))
    claims_text = cell_text(cell("claims"))
    from_claims = parse_categories(claims_text)
    if categories is None:
        problem(
            "category",
            translate("CaseImport", "Write the category as one of: {words}.").format(
                words="、".join(CATEGORY_WORDS[c][0] for c in CLAIM_CATEGORIES)
            ),
        )
        categories = []
    elif not categories and from_claims:
        categories = from_claims
    elif not categories:
        problem(
            "category" if "category" in columns or "claims" not in columns else "claims",
            translate("CaseImport", "Write what the dispute is about, e.g. 拖欠工资、加班费."),
        )
    matters = "" if from_claims else claims_text
    if len(matters) > 4000:
        problem("claims", translate("CaseImport", "At most 4000 characters."))

    amounts: list[Decimal | None] = []
    parts = _split(cell("amount_claimed")) if isinstance(cell("amount_claimed"), str) else []
    raw = parts if len(parts) > 1 else [cell("amount_claimed")]
    try:
        amounts = [_money(part) for part in raw]
    except ValueError:
        problem(
            "amount_claimed",
            translate("CaseImport", "Write the amount as a sum of money like 12000.50."),
        )
    if len(amounts) > 1 and len(amounts) != len(categories):
        problem(
            "amount_claimed",
            translate(
                "CaseImport", "Give one amount, or one per category in the order of the categories."
            ),
        )

    outcome = None
    try:
        outcome = parse_outcome(cell("outcome"))
        if outcome is None:
            problem("outcome", translate("CaseImport", "Write how the case ended."))
    except ValueError:
        problem(
            "outcome",
            translate(
                "CaseImport",
                "“{text}” is not an outcome the import knows; see docs/case-ledger.md.",
            ).format(text=cell_text(cell("outcome"))),
        )
    money: dict[str, Decimal | None] = {}
    for name in ("amount_agreed", "amount_paid"):
        try:
            money[name] = _money(cell(name))
        except ValueError:
            money[name] = None
            problem(
                name, translate("CaseImport", "Write the amount as a sum of money like 12000.50.")
            )
        if money[name] is not None and outcome is not None and outcome not in AGREEMENT_OUTCOMES:
            problem(
                name,
                translate(
                    "CaseImport", "Only a case that ended with an agreement has this amount."
                ),
            )
    notes = cell_text(cell("notes"))
    if len(notes) > 20000:
        problem("notes", translate("CaseImport", "At most 20000 characters."))
    found = problems.of_row(number)
    if found:
        return None, found
    assert received is not None and closed is not None and outcome is not None
    agreed, paid = money["amount_agreed"], money["amount_paid"]
    if outcome == "performed" and paid is None:
        paid = agreed
    return (
        _Row(
            number=number,
            case_number=case_number,
            received=received,
            closed=closed,
            applicants=applicants,
            respondent=respondent,
            categories=categories,
            amounts=amounts,
            matters=matters,
            outcome=outcome,
            agreed=agreed,
            paid=paid,
            mediator=cell_text(cell("mediator")),
            notes=notes,
        ),
        [],
    )
