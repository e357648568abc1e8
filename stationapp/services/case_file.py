"""The file (卷宗) of a closed mediation case: its documents in the order of a case file, and
how long it is kept (domain/mediation.md, the case ledger and case files).

The file holds what the station itself issued and recorded: the application record, the
acceptance or non-acceptance notice, one record per mediation session in date order, then the
agreement or the failed-mediation record. The arbitration pack is the applicant's, taken to the
arbitration commission; the file keeps the failed-mediation record it rests on.

A file is kept ``case_years`` (the retention setting) from the day the case was closed; the files
whose time has passed are listed on the Today tab for a decision (``decide_case_file``): keep it
longer, until a date (a court asked for it, a dispute came back), or record that it was disposed
of (destroyed under supervision, or handed to the district union's archive) and how. A file
kept longer keeps its parties' data with it (services/retention.py); otherwise their data
follows the people's own retention once the file's time has passed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QCoreApplication

from stationapp.db import found, now, transaction
from stationapp.errors import ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.mediation import MediationCase
from stationapp.services import changes, mediation, retention
from stationapp.services.accounts import audit, require
from stationapp.services.mediation.documents import _audited_applicant_ids
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

# A case has a file once it is closed; an archived case keeps it.
FILED_STATES = frozenset({"closed", "archived"})
# The documents of a file, in its order; the mediation record repeats once per session. The
# arbitration pack goes to the arbitration commission, not into the file.
FILE_DOCUMENTS: tuple[str, ...] = tuple(
    code for code in mediation.DOCUMENT_CODES if code != "arbitration_pack"
)


@dataclass(frozen=True)
class FileEntry:
    """One document of a file. ``session_id`` and ``session_no`` (1, 2...) pick the session of a
    mediation record; ``on`` is the date of the step the document records."""

    code: str
    on: date | None
    session_id: int | None = None
    session_no: int = 0


@dataclass(frozen=True)
class CaseFile:
    case_id: int
    number: str
    received_on: date
    closed_on: date
    kept_until: date
    entries: list[FileEntry]

    @property
    def signed_codes(self) -> list[str]:
        """The documents in the file that the parties sign (whole ID numbers), once each."""
        codes = {e.code for e in self.entries if e.code in mediation.SIGNED_DOCUMENTS}
        return [c for c in FILE_DOCUMENTS if c in codes]


@dataclass(frozen=True)
class DueFile:
    """A closed case whose file has been kept as long as the retention setting asks."""

    case_id: int
    number: str
    closed_on: date
    kept_until: date


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def kept_until(
    closed_at: datetime, years: int | None = None, *, extended: date | None = None
) -> date:
    """The last day a file closed at ``closed_at`` is kept (retention's case_years by default,
    or later when a decision kept it ``extended``)."""
    if years is None:
        years = retention.retention_settings().case_years
    until = add_years(closed_at.date(), years)
    return max(until, extended) if extended else until


def _day(moment: date | datetime | None) -> date | None:
    if isinstance(moment, datetime):
        return moment.date()
    return moment


def case_file(actor: Staff, case_id: int) -> CaseFile:
    """The contents of a closed case's file, in order, with the date it is kept until."""
    require(actor, "case.read")
    case = mediation.get_case(actor, case_id)
    if case.state not in FILED_STATES or case.closed_at is None:
        raise ValidationError(
            translate(
                "CaseFile",
                "Only a closed case has a case file: close the case first (it is “{state}”).",
            ).format(state=mediation.state_label(case.state)),
            field="state",
        )
    sessions = mediation.case_sessions(actor, case_id)
    offered = mediation.document_rules(
        case,
        mediation.case_events(actor, case_id),
        sessions,
        mediation.current_agreement(actor, case_id),
    )
    entries: list[FileEntry] = []
    for code in FILE_DOCUMENTS:
        if code == "mediation_record":
            entries += [
                FileEntry(code, s.held_at.date(), s.id, number)
                for number, s in enumerate(sessions, start=1)
            ]
        elif offered[code].available:
            entries.append(FileEntry(code, _day(offered[code].since)))
    return CaseFile(
        case_id=case.id,
        number=case.number,
        received_on=case.received_at.date(),
        closed_on=case.closed_at.date(),
        kept_until=kept_until(case.closed_at, extended=case.file_kept_until),
        entries=entries,
    )


def case_file_party_ids(actor: Staff, case_id: int) -> dict[int, str]:
    """The applicants' whole ID numbers for one output of a case's file (a preview, a print or
    a PDF), which holds the signed documents: one audit entry for the output, naming the signed
    documents it carries (as party_ids_for_document does for one document)."""
    require(actor, "case.read")
    require(actor, "person.view_full_id")
    found = case_file(actor, case_id)
    return _audited_applicant_ids(
        actor,
        mediation.get_case(actor, case_id),
        {"document": "case_file", "documents": found.signed_codes},
    )


def case_files_due(actor: Staff, on: date) -> list[DueFile]:
    """Closed (or archived) cases kept past their retention date on ``on``, oldest first."""
    require(actor, "case.read")
    years = retention.retention_settings().case_years
    # Kept through kept_until (closed day + years) inclusive: due once the closing moment is
    # before the start of the day ``years`` before ``on`` (retention's own rule for parties).
    cutoff = datetime.combine(add_years(on, -years), time.min)
    query = (
        MediationCase.select(
            MediationCase.id,
            MediationCase.number,
            MediationCase.closed_at,
            MediationCase.file_kept_until,
        )
        .where(
            MediationCase.state.in_(sorted(FILED_STATES)),
            MediationCase.closed_at.is_null(False),
            MediationCase.closed_at < cutoff,
            MediationCase.file_disposed_at.is_null(),
            MediationCase.file_kept_until.is_null() | (MediationCase.file_kept_until < on),
        )
        .order_by(MediationCase.closed_at, MediationCase.id)
    )
    return [
        DueFile(
            c.id,
            c.number,
            c.closed_at.date(),
            kept_until(c.closed_at, years, extended=c.file_kept_until),
        )
        for c in query
    ]


MAX_KEEP_YEARS = 50
MAX_NOTE = 500


def decide_case_file(
    actor: Staff,
    case_id: int,
    *,
    keep_until: date | None = None,
    note: str,
    on: date | None = None,
) -> MediationCase:
    """The decision on a file whose retention has ended: kept until ``keep_until``, or (None)
    disposed of, ``note`` saying why or how (who destroyed it, in whose presence; the archive it
    went to). Taken by the head of mediation or an administrator; audited."""
    require(actor, "case.assign")
    on = on or now().date()
    text = normalize_text(note or "", field="note", max_length=MAX_NOTE)
    if not text:
        raise ValidationError(
            translate(
                "CaseFile",
                "Say why it is kept, or how it was disposed of (destroyed in whose presence, "
                "or the archive it went to).",
            ),
            field="note",
        )
    if keep_until is not None and not on < keep_until <= add_years(on, MAX_KEEP_YEARS):
        raise ValidationError(
            translate("CaseFile", "Keep it until a day after today, at most {n} years on.").format(
                n=MAX_KEEP_YEARS
            ),
            field="keep_until",
        )
    with transaction(lock=True):
        case = found(MediationCase, case_id, translate("Mediation", "This case does not exist."))
        if case.file_disposed_at is not None:
            raise ValidationError(
                translate("CaseFile", "This file was disposed of on {date}.").format(
                    date=case.file_disposed_at.date().isoformat()
                )
            )
        due = {f.case_id for f in case_files_due(actor, on)}
        if case.id not in due:
            raise ValidationError(
                translate("CaseFile", "This file's retention has not ended: nothing to decide yet.")
            )
        before = {
            "file_kept_until": case.file_kept_until,
            "file_disposed_at": case.file_disposed_at,
        }
        if keep_until is not None:
            case.file_kept_until = keep_until
        else:
            case.file_disposed_at = now()
        case.file_decision_note = text
        case.updated_at = now()
        case.save()
        audit(
            actor,
            "file_kept" if keep_until is not None else "file_disposed",
            "case",
            case.id,
            {
                "number": case.number,
                "kept_until": [before["file_kept_until"], keep_until] if keep_until else None,
                "note": text,
            },
        )
    changes.notify("case")
    return case
