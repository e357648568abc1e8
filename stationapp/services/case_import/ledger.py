"""Importing the ledger: read the file, check every row, match, then write all or refuse all."""

from __future__ import annotations

import functools
from pathlib import Path

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
    field_label,
)
from stationapp.services.case_import.writing import _write
from stationapp.services.importing import (
    ImportProblem,
    ImportRefused,
    Progress,
    Report,
    cancellable,
    check_records,
    read_records,
)
from stationapp.services.people_import import write_refused

translate = QCoreApplication.translate


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

    return cancellable(
        progress,
        lambda report: _import(actor, path, report, skip_bad=skip_bad),
        ImportResult(cancelled=True),
    )


def _import(actor: Staff, path: Path, report: Report, *, skip_bad: bool) -> ImportResult:
    layout, records = read_records(
        path,
        report,
        _layout,
        header_rows=HEADER_SEARCH_ROWS,
        max_rows=MAX_ROWS,
        too_many=translate("CaseImport", "The file has more than {count} rows; split it."),
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
    check = functools.partial(_check_row, columns=layout.columns, on=on)
    rows, problems = check_records(records, check, report, every=PROGRESS_EVERY)
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
