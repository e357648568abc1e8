"""The same person, workplace, staff account, catalogue service, event series, copy barcode and hold
filed at eight desks at the same moment, on one database (SQLite or PostgreSQL): exactly one desk
files each, the other seven are told it is on file already (no duplicate record, no integrity
error). SQLite's write lock decides; on PostgreSQL a lock on the kind of record, or on the parent
row (the title of a hold), does."""

from __future__ import annotations

from pathlib import Path

from stationapp.models.accounts import Staff
from stationapp.models.events import EventSeries
from stationapp.models.library import Copy, Hold
from stationapp.models.people import Organization, Person
from stationapp.models.visits import ServiceType
from stationapp.services import library, people
from tests.helpers.desks import run_desks
from tests.helpers.duplicate_worker import file_the_same
from tests.helpers.ids import make_ric

WORKERS = 8


def test_eight_desks_file_the_same_records_once(admin, db_url: str, tmp_path: Path) -> None:
    id_number = make_ric(seq=357)
    title = library.create_title(admin, library.TitleInput(title="劳动合同法释义"))
    library.add_copy(admin, title.id, library.CopyInput(barcode="B0000001"))
    reader = people.create_person(admin, people.PersonInput(name="李四", phone="13900000002"))
    run = run_desks(
        tmp_path,
        WORKERS,
        file_the_same,
        db_url,
        kwargs={"id_number": id_number, "title_id": title.id, "reader_id": reader.id},
    )

    reports = run.reports
    errors = [r[2] for r in reports if r[1] == "error"]
    assert not errors, errors[0]
    assert len(reports) == WORKERS
    assert run.exitcodes == [0] * WORKERS
    expected = {
        1: "DuplicateFound",
        2: "DuplicateFound",
        3: "ValidationError",
        4: "ValidationError",
        5: "ValidationError",
        6: "ValidationError",
        7: "ValidationError",
    }
    for column, refused in expected.items():
        outcomes = sorted(r[column] for r in reports)
        assert outcomes == [refused] * (WORKERS - 1) + ["created"], column
    assert Person.select().where(Person.id_number == id_number).count() == 1
    assert Organization.select().where(Organization.name == "北京快送物流有限公司").count() == 1
    assert Staff.select().where(Staff.username == "frontdesk2").count() == 1
    assert ServiceType.select().where(ServiceType.name == "法律援助转介").count() == 1
    assert EventSeries.select().where(EventSeries.name == "女职工维权讲座").count() == 1
    assert Copy.select().where(Copy.barcode == "B0000777").count() == 1
    assert Hold.select().where(Hold.person == reader.id).count() == 1
