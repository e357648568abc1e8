"""Importing the ledger: read the file, check every row, match, then write all or refuse all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from stationapp.db import lock_kind, today, transaction
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import changes
from stationapp.services.accounts import audit, require
from stationapp.services.case_import.checking import _check_row, _layout, _refuse
from stationapp.services.case_import.matching import _match
from stationapp.services.case_import.values import (
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    PROGRESS_EVERY,
    REQUIRED,
    ImportResult,
    Progress,
    _Cancelled,
    _Row,
    field_label,
)
from stationapp.services.case_import.writing import _write
from stationapp.services.people_import import (
    FileColumns,
    ImportProblem,
    ImportRefused,
    cell_text,
    read_rows,
    write_refused,
)

translate = QCoreApplication.translate

# --- import -----------------------------------------------------------------------------------


def import_cases(
    actor: Staff, path: Path, *, skip_bad: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Check the whole ledger, then import it as closed cases in one transaction; or refuse it
    with every problem. ``progress(done, total)`` as for the roster: False cancels, nothing is
    written.

    Importing history is the head's or the administrator's job (``case.assign``); it also
    files (``case.manage``) and adds people and employers (``person.create``,
    ``organization.manage``)."""
    require(actor, "case.assign")
    require(actor, "case.manage")
    require(actor, "person.create")
    require(actor, "organization.manage")
    path = Path(path)

    def report(done: int, total: int) -> None:
        if progress is not None and not progress(done, total):
            raise _Cancelled

    try:
        return _import(actor, path, report, skip_bad=skip_bad)
    except _Cancelled:
        return ImportResult(cancelled=True)


def _import(
    actor: Staff, path: Path, report: Callable[[int, int], None], *, skip_bad: bool
) -> ImportResult:
    layout: FileColumns | None = None
    records: list[tuple[int, list[Any]]] = []
    for number, record in read_rows(path, report):
        if layout is None:
            if number > HEADER_SEARCH_ROWS:
                break
            layout = _layout(number, record)
            continue
        if any(cell_text(value) for value in record):
            records.append((number, record))
            if len(records) > MAX_ROWS:
                raise UserError(
                    translate(
                        "CaseImport", "The file has more than {count} rows; split it."
                    ).format(count=f"{MAX_ROWS:,}")
                )
    if layout is None:
        raise ImportRefused(
            translate("CaseImport", "The file has no column for the applicants."),
            problems=[
                ImportProblem(
                    1,
                    "applicants",
                    translate(
                        "CaseImport",
                        "No header row with a 申请人 (applicants) column was found in the first "
                        "{count} rows.",
                    ).format(count=HEADER_SEARCH_ROWS),
                )
            ],
            columns={},
            labels=field_label,
        )
    missing = [name for name in REQUIRED if name not in layout.columns]
    if missing:
        _refuse(
            [
                ImportProblem(
                    layout.header_row,
                    name,
                    translate("CaseImport", "The ledger has no column for this."),
                )
                for name in missing
            ],
            layout.headers,
        )
    if not records:
        raise UserError(translate("CaseImport", "The file has no rows to import."))

    on = today()
    total = 2 * len(records)
    problems: list[ImportProblem] = []
    rows: list[_Row] = []
    for done, (number, record) in enumerate(records, 1):
        row, found = _check_row(number, record, layout.columns, on)
        problems.extend(found)
        if row is not None:
            rows.append(row)
        if done % PROGRESS_EVERY == 0:
            report(done, total)
    report(len(records), total)
    if problems and not skip_bad:
        _refuse(problems + _match(rows, path.name), layout.headers)

    with transaction(lock=True):
        lock_kind("person")
        lock_kind("organization")
        late = _match(rows, path.name)
        problems.extend(late)
        if problems and not skip_bad:
            _refuse(problems, layout.headers)
        bad = {p.row for p in late}
        rows = [row for row in rows if row.number not in bad]
        result = _write(actor, rows, path.name)
        result.rows = len(records)
        result.refused = len({p.row for p in problems})
        result.ignored_columns = list(layout.ignored)
        if problems:
            result.refused_file = write_refused(path, layout, records, problems, field_label)
        audit(
            actor,
            "import",
            "case",
            None,
            {
                "file": path.name,
                "rows": result.rows,
                "imported": result.imported,
                "numbered": result.numbered,
                "people_created": result.people_created,
                "organizations_created": result.organizations_created,
                "refused": result.refused,
                "skip_bad": skip_bad,
            },
        )
        report(total, total)
    changes.notify("case")
    if result.people_created:
        changes.notify("person")
    if result.organizations_created:
        changes.notify("organization")
    return result
