"""The visit log's export writes exactly the log's rows in the log's order (issue #22: the export
reads its rows as streams, not by id), on both databases, whatever the filter: the visitor, the
channel, every purpose with its outcome in the order recorded, the missing materials, who received
them, the rating and the notes, visits that arrived at the same moment included."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from stationapp.db import today
from stationapp.models.accounts import FRONT_DESK, Staff
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import people, visits
from stationapp.services.people import PersonInput
from stationapp.services.visits import PurposeInput, VisitFilter, VisitInput
from tests.helpers.ids import make_ric

JOIN = "入会"
LEGAL = "法律咨询"
HARDSHIP = "困难职工建档"

CHANNEL_TEXT = {"walk_in": "Walk-in", "phone": "Phone", "outreach": "Outreach"}
OUTCOME_TEXT = {
    "done": "Done",
    "referred": "Referred",
    "waiting": "Waiting for materials",
    "declined": "Declined",
}
RATING_TEXT = {
    "satisfied": "Satisfied",
    "basically_satisfied": "Basically satisfied",
    "dissatisfied": "Dissatisfied",
    "unrated": "Not rated",
}


def _sid(name: str) -> int:
    return ServiceType.get(ServiceType.name == name).id


def _purpose(name: str, outcome: str = "done") -> PurposeInput:
    purpose = PurposeInput(service_id=_sid(name), outcome=outcome)
    if outcome == "waiting":
        materials = [str(m["name"]) for m in ServiceType.get_by_id(purpose.service_id).materials]
        purpose.materials_missing = materials[:2]
        purpose.due_on = today() + timedelta(days=7)
    elif outcome == "referred":
        purpose.referred_to = "区总工会法律服务中心"
    return purpose


def _notes(number: int, purposes: list[PurposeInput]) -> str:
    if any(p.service_id == _sid(HARDSHIP) for p in purposes):
        return ""  # a hardship visit's notes need the person's health consent
    return "=SUM(A1)" if number == 5 else f"第{number}次"


@pytest.fixture
def log_rows(admin, make_staff) -> dict[str, object]:
    """Twelve visits over three days, two of them at the same moment; the visitors' people."""
    desk = make_staff("desk1", FRONT_DESK)
    anna = people.create_person(
        admin,
        PersonInput(name="安娜", phone="13812345678", id_number=make_ric(seq=801)),
        allow_duplicate=True,
    )
    bo = people.create_person(
        admin, PersonInput(name="博文", id_number=make_ric(seq=802)), allow_duplicate=True
    )
    base = datetime.combine(today() - timedelta(days=3), datetime.min.time()).replace(hour=9)
    same = base + timedelta(days=1, hours=2)
    plan = [
        (admin, anna, "walk_in", base, [_purpose(JOIN), _purpose(LEGAL, "referred")], "satisfied"),
        (desk, None, "phone", base + timedelta(minutes=5), [_purpose(HARDSHIP, "waiting")], ""),
        (desk, bo, "walk_in", base + timedelta(hours=1), [_purpose(LEGAL)], "dissatisfied"),
        (admin, anna, "phone", same, [_purpose(HARDSHIP, "waiting"), _purpose(JOIN)], ""),
        (desk, None, "walk_in", same, [_purpose(JOIN)], "basically_satisfied"),
        (desk, anna, "walk_in", same, [_purpose(LEGAL), _purpose(HARDSHIP, "waiting")], ""),
        (admin, bo, "phone", same + timedelta(hours=3), [_purpose(JOIN, "referred")], ""),
        (desk, None, "walk_in", base + timedelta(days=2), [_purpose(LEGAL)], "satisfied"),
        (desk, anna, "walk_in", base + timedelta(days=2, minutes=1), [_purpose(JOIN)], ""),
        (admin, None, "phone", base + timedelta(days=2, hours=1), [_purpose(HARDSHIP)], ""),
        (desk, bo, "walk_in", base + timedelta(days=2, hours=2), [_purpose(JOIN)], "satisfied"),
        (admin, anna, "walk_in", base + timedelta(days=2, hours=3), [_purpose(LEGAL)], ""),
    ]
    for number, (actor, person, channel, arrived, purposes, rating) in enumerate(plan, 1):
        visits.record_visit(
            actor,
            VisitInput(
                person_id=person.id if person else None,
                channel=channel,
                purposes=purposes,
                rating=rating or "unrated",
                notes=_notes(number, purposes),
                arrived_at=arrived,
            ),
        )
    return {"admin": admin, "desk": desk, "anna": anna, "base": base}


def _expected(actor: Staff, filt: VisitFilter) -> list[list[str]]:
    """The log's rows (list_visits, in its order) as the CSV export's cells should read."""
    shown = visits.list_visits(actor, filt, offset=0, limit=1000)
    rows = []
    for listed in shown:
        visit = Visit.get_by_id(listed.id)
        purposes = list(
            VisitPurpose.select().where(VisitPurpose.visit == visit.id).order_by(VisitPurpose.id)
        )
        person = visit.person
        rows.append(
            [
                visit.arrived_at.strftime("%Y-%m-%d %H:%M"),
                person.name if person else "Anonymous",
                (person.phone if person else "") or "",
                CHANNEL_TEXT[visit.channel],
                "；".join(f"{p.service.name}：{OUTCOME_TEXT[p.outcome]}" for p in purposes),
                "；".join("、".join(p.materials_missing) for p in purposes if p.materials_missing),
                visit.staff.display_name,
                RATING_TEXT[visit.rating],
                visit.notes,
            ]
        )
    for row in rows:  # the formula guard of a CSV cell
        row[:] = ["'" + cell if cell.startswith(("=", "+", "-", "@")) else cell for cell in row]
    return rows


def _filters(fixture: dict[str, object]) -> list[VisitFilter]:
    base = fixture["base"]
    return [
        VisitFilter(),
        VisitFilter(service_id=_sid(JOIN)),
        VisitFilter(service_id=_sid(HARDSHIP), outcome="waiting"),
        VisitFilter(service_id=_sid(LEGAL), channel="walk_in"),
        VisitFilter(outcome="waiting"),
        VisitFilter(channel="phone"),
        VisitFilter(staff_id=fixture["desk"].id),
        VisitFilter(person_id=fixture["anna"].id),
        VisitFilter(person_id=fixture["anna"].id, service_id=_sid(LEGAL)),
        VisitFilter(date_from=base.date() + timedelta(days=1), date_to=base.date() + timedelta(1)),
        VisitFilter(date_from=base.date() + timedelta(days=3)),
    ]


def test_the_export_writes_the_logs_rows_in_its_order(log_rows, tmp_path: Path) -> None:
    admin = log_rows["admin"]
    for index, filt in enumerate(_filters(log_rows)):
        path = tmp_path / f"log-{index}.csv"
        written = visits.export_visits(admin, filt, path)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        expected = _expected(admin, filt)
        assert header[0] == "Arrived"
        assert rows == expected, filt
        assert written == len(expected) == visits.count_visits(admin, filt), filt
    # The filters reach every kind of row: ties, several purposes, materials, anonymous visits.
    everything = _expected(admin, VisitFilter())
    assert len(everything) == 12
    assert sum(1 for row in everything if row[0] == everything[6][0]) == 3
    assert any("；" in row[4] and row[5] for row in everything)
    assert any(row[1] == "Anonymous" for row in everything)


def test_the_excel_export_holds_the_same_rows(log_rows, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    admin = log_rows["admin"]
    for index, filt in enumerate(_filters(log_rows)[:4]):
        path = tmp_path / f"log-{index}.xlsx"
        visits.export_visits(admin, filt, path)
        sheet = load_workbook(path, read_only=True).active
        rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
        expected = _expected(admin, filt)
        assert len(rows) == len(expected), filt
        for row, want in zip(rows, expected, strict=True):
            assert row[0].strftime("%Y-%m-%d %H:%M") == want[0]
            # Excel keeps the text and marks formula-like text with the quote prefix instead.
            cells = [cell or "" for cell in row[1:]]
            assert cells == [text.removeprefix("'") for text in want[1:]], filt
