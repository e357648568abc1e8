"""The audit trail read back: who did what to which record, filtered, paged and exported.

Entries are written only by ``accounts.audit`` and never changed or removed afterwards: no
service updates or deletes one (tests/unit/test_audit.py scans the source to keep it so), save
the erasure of a person's data, which takes it out of the entries and marks each
(``accounts.redact_audit_entries``; shown here by ``redaction_note``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp.db import contains, transaction
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.services.accounts import REDACTION_KEY, audit, require
from stationapp.services.spreadsheet import export_batches
from stationapp.services.validation import normalize_text

translate = QCoreApplication.translate

MAX_PAGE = 1000
SUMMARY_LENGTH = 200


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; None or empty means any. Dates are inclusive, Beijing time."""

    staff_id: int | None = None
    action: str | None = None
    entity: str | None = None
    entity_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    text: str = ""  # found anywhere in the details


def _conditions(filt: AuditFilter) -> list[peewee.Expression]:
    conditions: list[peewee.Expression] = []
    if filt.staff_id is not None:
        conditions.append(AuditEntry.staff == filt.staff_id)
    if filt.action:
        conditions.append(AuditEntry.action == filt.action)
    if filt.entity:
        conditions.append(AuditEntry.entity == filt.entity)
    if filt.entity_id is not None:
        conditions.append(AuditEntry.entity_id == filt.entity_id)
    if filt.date_from:
        conditions.append(AuditEntry.at >= datetime.combine(filt.date_from, time.min))
    if filt.date_to and filt.date_to < date.max:  # the last day there is: no upper bound
        conditions.append(
            AuditEntry.at < datetime.combine(filt.date_to + timedelta(days=1), time.min)
        )
    text = normalize_text(filt.text or "", field="text", max_length=100)
    if text:
        conditions.append(contains(AuditEntry.details, text))  # wildcards escaped
    return conditions


def _where(query: peewee.ModelSelect, filt: AuditFilter) -> peewee.ModelSelect:
    conditions = _conditions(filt)
    return query.where(*conditions) if conditions else query


def count_entries(actor: Staff, filt: AuditFilter | None = None) -> int:
    require(actor, "audit.read")
    return _where(AuditEntry.select(), filt or AuditFilter()).count()


def list_entries(
    actor: Staff, filt: AuditFilter | None = None, *, offset: int = 0, limit: int = 100
) -> list[AuditEntry]:
    """One page, newest first, each entry with its staff member (one query)."""
    require(actor, "audit.read")
    query = AuditEntry.select(AuditEntry, Staff).join(Staff, peewee.JOIN.LEFT_OUTER)
    return list(
        _where(query, filt or AuditFilter())
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset(max(offset, 0))
        .limit(max(0, min(limit, MAX_PAGE)))
    )


def actions(actor: Staff) -> list[str]:
    """Every action code the trail holds, for the filter's list."""
    require(actor, "audit.read")
    query = AuditEntry.select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    return [action for (action,) in query.tuples()]


def entities(actor: Staff) -> list[str]:
    """Every kind of record the trail names, for the filter's list."""
    require(actor, "audit.read")
    query = AuditEntry.select(AuditEntry.entity).distinct().order_by(AuditEntry.entity)
    return [entity for (entity,) in query.tuples()]


def staff_choices(actor: Staff) -> list[Staff]:
    """Every staff account, deactivated ones too (their entries stay attributed to them)."""
    require(actor, "audit.read")
    return list(Staff.select().order_by(Staff.active.desc(), Staff.display_name, Staff.username))


# --- showing an entry ---------------------------------------------------------------------------


def action_label(action: str) -> str:
    labels = {
        "create": translate("Audit", "Created"),
        "update": translate("Audit", "Changed"),
        "delete": translate("Audit", "Deleted"),
        "deactivate": translate("Audit", "Deactivated"),
        "reactivate": translate("Audit", "Reactivated"),
        "merge": translate("Audit", "Merged"),
        "save": translate("Audit", "Saved"),
        "login": translate("Audit", "Signed in"),
        "login_failed": translate("Audit", "Wrong password"),
        "lock": translate("Audit", "Account locked"),
        "change_password": translate("Audit", "Own password changed"),
        "reset_password": translate("Audit", "Password reset"),
        "open": translate("Audit", "Opened"),
        "view_full_id": translate("Audit", "Whole ID number shown"),
        "print_full_id": translate("Audit", "Signed document with whole ID numbers"),
        "print": translate("Audit", "Printed"),
        "export": translate("Audit", "Exported"),
        "export_personal_data": translate("Audit", "Personal data exported"),
        "import": translate("Audit", "Imported"),
        "backup": translate("Audit", "Backed up"),
        "backup_settings": translate("Audit", "Backup settings changed"),
        "restore": translate("Audit", "Restored"),
        "retention_settings": translate("Audit", "Retention settings changed"),
        "anonymise": translate("Audit", "Anonymised"),
        "file_kept": translate("Audit", "Case file kept longer"),
        "file_disposed": translate("Audit", "Case file disposed of"),
        "erase": translate("Audit", "Erased on request"),
        "give": translate("Audit", "Consent given"),
        "withdraw": translate("Audit", "Consent withdrawn"),
        "transition": translate("Audit", "State changed"),
        "assign": translate("Audit", "Mediator assigned"),
        "extend": translate("Audit", "Time limit extended"),
        "save_agreement": translate("Audit", "Agreement saved"),
        "performance": translate("Audit", "Performance recorded"),
        "complete_follow_up": translate("Audit", "Follow-up completed"),
        "create_batch": translate("Audit", "Created in a batch"),
        "lend": translate("Audit", "Lent"),
        "return": translate("Audit", "Returned"),
        "renew": translate("Audit", "Renewed"),
        "undo_lend": translate("Audit", "Loan undone"),
        "undo_return": translate("Audit", "Return undone"),
        "status": translate("Audit", "Status changed"),
        "pack": translate("Audit", "Packed"),
        "unpack": translate("Audit", "Unpacked"),
        "start": translate("Audit", "Started"),
        "scan": translate("Audit", "Scanned"),
        "finish": translate("Audit", "Finished"),
        "register": translate("Audit", "Registered"),
        "cancel": translate("Audit", "Cancelled"),
        "plan": translate("Audit", "Planned"),
        "close": translate("Audit", "Closed"),
        "promote": translate("Audit", "Place offered from the waiting list"),
        "accept_offer": translate("Audit", "Offer accepted"),
        "expire_offers": translate("Audit", "Offers expired"),
        "priority": translate("Audit", "Waiting-list priority set"),
        "check_in": translate("Audit", "Checked in"),
        "mark_attendance": translate("Audit", "Attendance taken"),
        "book": translate("Audit", "Room booked"),
        "move": translate("Audit", "Booking moved"),
        "no_show": translate("Audit", "Marked a no-show"),
        "member_joined": translate("Audit", "Joined the union"),
        "member_transferred_in": translate("Audit", "Membership transferred in"),
        "member_transferred_out": translate("Audit", "Membership transferred out"),
        "member_left": translate("Audit", "Left the union"),
        "card_apply": translate("Audit", "京卡 applied for"),
        "card_issue": translate("Audit", "京卡 issued"),
        "card_lost": translate("Audit", "京卡 reported lost"),
        "card_replace": translate("Audit", "京卡 replaced"),
        "card_cancel": translate("Audit", "京卡 cancelled"),
        "enrol": translate("Audit", "Enrolled"),
        "submit": translate("Audit", "Claim submitted"),
        "materials": translate("Audit", "Materials ticked"),
        "resubmit": translate("Audit", "Submitted again"),
        "approve": translate("Audit", "Approved"),
        "refuse": translate("Audit", "Refused"),
        "pay": translate("Audit", "Paid"),
        "add_recipients": translate("Audit", "Recipients added"),
        "deliver": translate("Audit", "Delivered"),
        "undo_delivery": translate("Audit", "Delivery undone"),
        "remove_recipient": translate("Audit", "Taken off a round's list"),
        "update_profile": translate("Audit", "Workplace profile changed"),
        "union_status": translate("Audit", "Union status changed"),
        "founding_step": translate("Audit", "Founding step marked done"),
        "undo_founding_step": translate("Audit", "Founding step undone"),
    }
    return labels.get(action, action)


def entity_label(entity: str) -> str:
    labels = {
        "person": translate("Audit", "Worker"),
        "organization": translate("Audit", "Workplace"),
        "building": translate("Audit", "Office building"),
        "visit": translate("Audit", "Visit"),
        "service": translate("Audit", "Service"),
        "outreach": translate("Audit", "Outreach session"),
        "case": translate("Audit", "Mediation case"),
        "case_session": translate("Audit", "Mediation session"),
        "case_follow_up": translate("Audit", "Case follow-up"),
        "mediator_relation": translate("Audit", "Mediator's conflict of interest"),
        "title": translate("Audit", "Title"),
        "copy": translate("Audit", "Copy"),
        "loan": translate("Audit", "Loan"),
        "hold": translate("Audit", "Reservation"),
        "circulation_rule": translate("Audit", "Circulation rule"),
        "box": translate("Audit", "Book box"),
        "box_loan": translate("Audit", "Box loan"),
        "stocktake": translate("Audit", "Stocktake"),
        "event": translate("Audit", "Event"),
        "event_series": translate("Audit", "Event series"),
        "registration": translate("Audit", "Registration"),
        "consent": translate("Audit", "Consent"),
        "hardship_file": translate("Audit", "Hardship file"),
        "hardship_assistance": translate("Audit", "Hardship assistance"),
        "marital_status": translate("Audit", "Marital status"),
        "room": translate("Audit", "Room"),
        "closed_day": translate("Audit", "Station closed day"),
        "room_booking": translate("Audit", "Room booking"),
        "counsellor_duty": translate("Audit", "Counsellor's duty"),
        "aid_plan": translate("Audit", "Mutual-aid plan"),
        "aid_enrolment": translate("Audit", "Mutual-aid enrolment"),
        "aid_claim": translate("Audit", "Mutual-aid claim"),
        "welfare_round": translate("Audit", "Welfare round"),
        "welfare_recipient": translate("Audit", "Welfare round recipient"),
        "congress_meeting": translate("Audit", "Workers' congress"),
        "collective_contract": translate("Audit", "Collective contract"),
        "open_affairs_check": translate("Audit", "Open-affairs check"),
        "staff": translate("Audit", "Staff account"),
        "settings": translate("Audit", "Station settings"),
        "database": translate("Audit", "Database"),
        "audit": translate("Audit", "Audit trail"),
    }
    return labels.get(entity, entity)


def _parsed(details: str) -> object:
    try:
        return json.loads(details) if details else {}
    except ValueError:
        return details


def redaction_note(details: str) -> str:
    """ "Personal data removed on … (entry #…)" for an entry an erasure redacted, else ""."""
    value = _parsed(details)
    if not isinstance(value, dict) or not isinstance(value.get(REDACTION_KEY), dict):
        return ""
    marker = value[REDACTION_KEY]
    return translate(
        "Audit", "Personal data removed on {date} by the erasure recorded in entry #{entry}."
    ).format(date=str(marker.get("at", ""))[:10], entry=marker.get("by", ""))


def _without_marker(value: object) -> object:
    if isinstance(value, dict) and REDACTION_KEY in value:
        return {k: v for k, v in value.items() if k != REDACTION_KEY}
    return value


def details_text(details: str) -> str:
    """The details pretty-printed for reading (text that is not JSON as it is); a redacted
    entry says so first."""
    value = _without_marker(_parsed(details))
    note = redaction_note(details)
    if isinstance(value, str):
        text = value
    elif not value:
        text = ""
    else:
        text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    return f"{note}\n{text}".strip() if note else text


def _plain(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def details_summary(details: str) -> str:
    """The details on one line (key: value; …), cut short for a table cell; a redacted entry
    starts with the note."""
    value = _without_marker(_parsed(details))
    if isinstance(value, dict):
        text = "; ".join(f"{key}: {_plain(item)}" for key, item in value.items())
    elif isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False)
    note = redaction_note(details)
    if note:
        text = f"{note} {text}"
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def staff_name(entry: AuditEntry) -> str:
    if entry.staff_id is None:
        return translate("Audit", "system")
    return f"{entry.staff.display_name} ({entry.staff.username})"


# --- export -------------------------------------------------------------------------------------


def _pages(filt: AuditFilter, size: int = 500) -> Iterator[list[AuditEntry]]:
    """The filtered entries newest first, page by page, each page after the last one seen
    (no OFFSET, so the last page of a long trail costs what the first does)."""
    base = _where(AuditEntry.select(AuditEntry, Staff).join(Staff, peewee.JOIN.LEFT_OUTER), filt)
    last: AuditEntry | None = None
    while True:
        query = base
        if last is not None:
            query = query.where(
                (AuditEntry.at < last.at) | ((AuditEntry.at == last.at) & (AuditEntry.id < last.id))
            )
        page = list(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(size))
        if not page:
            return
        yield page
        last = page[-1]


def export_entries(
    actor: Staff,
    filt: AuditFilter,
    path: Path,
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Write the filtered trail to an Excel (.xlsx) or CSV file; returns the rows written.

    ``progress(done, total)`` returning False cancels and writes nothing. The export is itself
    recorded in the trail, with the filter it used.
    """
    require(actor, "audit.read")
    total = count_entries(actor, filt)
    header = [
        translate("Audit", "When"),
        translate("Audit", "Staff"),
        translate("Audit", "Action"),
        translate("Audit", "Record kind"),
        translate("Audit", "Record no."),
        translate("Audit", "Details"),
        translate("Audit", "Action code"),
        translate("Audit", "Record kind code"),
    ]
    batches = (
        (
            [
                entry.at,
                staff_name(entry),
                action_label(entry.action),
                entity_label(entry.entity),
                entry.entity_id,
                entry.details if entry.details != "{}" else "",
                entry.action,
                entry.entity,
            ]
            for entry in page
        )
        for page in _pages(filt)
    )
    title = translate("Audit", "Audit trail")
    written, finished = export_batches(path, title, header, batches, total=total, progress=progress)
    if not finished:
        return written
    used = {key: value for key, value in asdict(filt).items() if value not in (None, "")}
    with transaction():
        audit(actor, "export", "audit", None, {"rows": written, "file": path.name, "filter": used})
    return written
