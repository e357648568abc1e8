"""Exports never hand a spreadsheet a formula to run (issue #7): text starting with =, +, -, @,
a tab or a carriage return comes out as text in CSV and Excel; a cancelled export leaves nothing."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from stationapp.db import now
from stationapp.models.people import Person
from stationapp.models.visits import ServiceType
from stationapp.services import events, people, visits
from stationapp.services.spreadsheet import (
    FORMULA_START,
    TableExport,
    csv_value,
    needs_guard,
)

EVIL = '=HYPERLINK("x")'
HOSTILE = [EVIL, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


def _person_named(actor, name: str, phone: str = "13900000001") -> Person:
    person = people.create_person(actor, people.PersonInput(name="张三", phone=phone))
    # Such a name cannot be typed at the desk (validation refuses it) but may come from old data.
    Person.update(name=name).where(Person.id == person.id).execute()
    return Person.get_by_id(person.id)


def _visit_of(actor, person: Person, notes: str = "") -> None:
    service = ServiceType.select().order_by(ServiceType.id).first()
    visits.record_visit(
        actor,
        visits.VisitInput(
            person_id=person.id,
            channel="walk_in",
            purposes=[visits.PurposeInput(service_id=service.id)],
            notes=notes,
        ),
    )


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_formula_name_comes_out_as_text_in_the_visit_export(admin, tmp_path, suffix) -> None:
    person = _person_named(admin, EVIL)
    _visit_of(admin, person, notes="@SUM(1+1)")
    path = tmp_path / f"visits{suffix}"
    assert visits.export_visits(admin, visits.VisitFilter(), path) == 1
    if suffix == ".csv":
        _header, row = _csv_rows(path)
        assert row[1] == "'" + EVIL
        assert row[8] == "'@SUM(1+1)"
        assert row[2] == "13900000001"
    else:
        sheet = load_workbook(path).active
        cell = sheet.cell(row=2, column=2)
        assert cell.value == EVIL
        assert cell.data_type == "s"  # a string, not a formula ("f")
        assert cell.quotePrefix
        assert sheet.cell(row=2, column=9).data_type == "s"
    # The same text loaded with formulas evaluated stays the same text.
    if suffix == ".xlsx":
        assert load_workbook(path, data_only=True).active.cell(row=2, column=2).value == EVIL


def test_a_formula_name_comes_out_as_text_in_the_roster(admin, tmp_path) -> None:
    person = _person_named(admin, EVIL)
    start = (now() + timedelta(days=7)).replace(hour=14, minute=0, second=0, microsecond=0)
    event = events.create_event(
        admin,
        events.EventInput(
            title="-1+1 羽毛球", starts_at=start, ends_at=start + timedelta(hours=2), capacity=10
        ),
    )
    events.register(admin, event.id, person.id)
    path = tmp_path / "roster.xlsx"
    assert events.export_roster(admin, event.id, path) == 1
    sheet = load_workbook(path).worksheets[0]
    assert sheet.cell(row=1, column=1).data_type == "s"
    names = [c for c in sheet.iter_rows(values_only=False) for c in c if c.value == EVIL]
    assert names and all(c.data_type == "s" for c in names)


def test_cancelled_export_leaves_the_old_file(admin, tmp_path) -> None:
    person = _person_named(admin, "李四")
    _visit_of(admin, person)
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "visits.csv"
    path.write_text("the file the user had", encoding="utf-8")
    visits.export_visits(admin, visits.VisitFilter(), path, progress=lambda done, total: False)
    assert path.read_text(encoding="utf-8") == "the file the user had"
    assert list(folder.iterdir()) == [path]


def test_a_failed_export_leaves_no_partial_file(tmp_path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for name in ("out.xlsx", "out.csv"):
        with pytest.raises(RuntimeError), TableExport(folder / name, "Sheet", ["a"]) as table:
            table.append(["x"])
            raise RuntimeError("disk trouble")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("text", HOSTILE)
def test_every_dangerous_start_is_guarded(text: str) -> None:
    assert needs_guard(text)
    assert csv_value(text) == "'" + text


@given(st.text())
def test_csv_cells_never_start_a_formula(text: str) -> None:
    value = csv_value(text)
    assert not value.startswith(FORMULA_START)
    assert value == text or value == "'" + text


@given(text=st.text(max_size=200))
def test_excel_cells_are_never_formulas(text: str, tmp_path_factory) -> None:
    path = tmp_path_factory.mktemp("x") / "cells.xlsx"
    with TableExport(path, "S", ["h"]) as table:
        table.append([text])
    cell = load_workbook(path).active.cell(row=2, column=1)
    assert cell.data_type != "f"


def test_phone_numbers_are_masked_in_exports_without_the_right(admin, make_staff, tmp_path):
    from stationapp.services.people import mask_phone

    assert mask_phone("13912345678") == "139****5678"
    assert mask_phone("6512345") == "6**2345"
    person = _person_named(admin, "张三", phone="13912345678")
    start = (now() + timedelta(days=7)).replace(hour=14, minute=0, second=0, microsecond=0)
    event = events.create_event(
        admin,
        events.EventInput(title="讲座", starts_at=start, ends_at=start + timedelta(hours=2),
                          capacity=10),
    )  # fmt: skip
    events.register(admin, event.id, person.id)
    librarian = make_staff("lib", "librarian")
    for actor, expected in ((admin, "13912345678"), (librarian, "139****5678")):
        path = tmp_path / f"roster-{actor.username}.xlsx"
        events.export_roster(actor, event.id, path)
        sheet = load_workbook(path).worksheets[0]
        assert next(r for r in sheet.iter_rows(values_only=True) if "张三" in r)[3] == expected
