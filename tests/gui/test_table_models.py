"""Every table model passes Qt's model tester, and the long lists hold a bounded window of rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from stationapp.db import now, today
from stationapp.models.accounts import AuditEntry
from stationapp.models.events import Event, EventSeries, Registration
from stationapp.models.library import Box, BoxLoan, Copy, Loan, Title
from stationapp.models.mediation import CaseParty, MediationCase
from stationapp.models.people import Organization, Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import library

# --- a few rows of everything -------------------------------------------------------------------


def _people(n: int, *, start: int = 0) -> list[int]:
    org = Organization.create(name=f"单位{start}")
    Person.insert_many(
        [
            {
                "name": f"李{i}",
                "pinyin": f"li {i}",
                "gender": "f" if i % 2 else "m",
                "birth_date": date(1985, 3, 1) + timedelta(days=i),
                "phone": f"1390000{i:04d}",
                "id_number": f"11010119850301{i:04d}",
                "workplace": org.id if i % 2 else None,
                "is_member": bool(i % 2),
                "active": i % 5 != 4,
                "last_activity_at": now() - timedelta(minutes=i),
            }
            for i in range(start, start + n)
        ]
    ).execute()
    return [p.id for p in Person.select(Person.id).where(Person.name.startswith("李"))]


def _visits(admin, n: int, *, waiting: bool = False) -> None:
    person_ids = _people(n, start=1000)
    service = ServiceType.create(name="测试用服务")
    for i in range(n):
        arrived = now() - timedelta(minutes=i + 1)
        visit_id = Visit.insert(
            person=person_ids[i] if i % 3 else None,
            channel="walk_in",
            staff=admin.id,
            arrived_at=arrived,
        ).execute()
        VisitPurpose.create(
            visit=visit_id,
            service=service,
            arrived_at=arrived,
            outcome="waiting" if waiting else ("done", "referred")[i % 2],
            referred_to="" if waiting else "区仲裁院",
            materials_missing=["劳动合同"] if waiting else [],
            due_on=today() + timedelta(days=i - 1) if waiting else None,
        )


def _titles(n: int) -> list[int]:
    Title.insert_many(
        [
            {
                "title": f"书名{i:04d}",
                "author": f"作者{i}",
                "year": 2000 + i % 20 if i % 3 else None,
                "search_text": f"shuming{i}",
                "active": i % 7 != 6,
            }
            for i in range(n)
        ]
    ).execute()
    ids = [t.id for t in Title.select(Title.id).order_by(Title.id)]
    Copy.insert_many([{"title": t, "barcode": f"T{t:05d}"} for t in ids[: min(n, 50)]]).execute()
    return ids


def _loans(admin, *, overdue: bool) -> list[int]:
    person_ids = _people(4, start=2000)
    title_ids = _titles(4)
    due = today() - timedelta(days=5) if overdue else today() + timedelta(days=1)
    for person_id, title_id in zip(person_ids, title_ids, strict=False):
        copy = Copy.get(Copy.title == title_id)
        Copy.update(status="on_loan").where(Copy.id == copy.id).execute()
        Loan.create(
            copy=copy,
            person=person_id,
            staff=admin,
            lent_at=now() - timedelta(days=30),
            due_on=due,
        )
    return person_ids


def _cases(admin, n: int) -> None:
    person_ids = _people(n, start=3000)
    for i in range(n):
        org = Organization.create(name=f"被申请人{i}")
        case = MediationCase.create(
            year=2026,
            sequence=i + 1,
            number=f"建工调〔2026〕{i + 1}号",
            received_at=now() - timedelta(days=i),
            state=("registered", "in_mediation", "closed")[i % 3],
            respondent=org,
            mediation_due=today() + timedelta(days=i - 2),
            created_by=admin,
        )
        CaseParty.create(case=case, person=person_ids[i])


def _events(admin, n: int) -> list[int]:
    series = EventSeries.create(name="读书会")
    ids = []
    for i in range(n):
        start = datetime.combine(today() + timedelta(days=i - 1), datetime.min.time())
        ids.append(
            Event.create(
                title=f"活动{i}",
                series=series if i % 2 else None,
                size=("small", "big")[i % 2],
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                capacity=2,
                created_by=admin,
            ).id
        )
    return ids


def _audit(admin, n: int) -> None:
    AuditEntry.insert_many(
        [
            {
                "staff": admin.id if i % 2 else None,
                "action": ("update", "login", "delete")[i % 3],
                "entity": ("person", "staff", "visit")[i % 3],
                "entity_id": i if i % 4 else None,
                "details": '{"name": ["甲", "乙"]}' if i % 2 else "",
                "at": now() - timedelta(seconds=i),
            }
            for i in range(n)
        ]
    ).execute()


# --- the models, each with a few rows -----------------------------------------------------------


def _person_model(admin) -> Any:
    from stationapp.ui.people.person_table_model import PersonTableModel

    _people(6)
    model = PersonTableModel(admin)
    model.reload()
    return model


def _person_search_model(admin) -> Any:
    from stationapp.services import people
    from stationapp.ui.people.person_table_model import PersonTableModel

    for name in ("王小明", "王大明", "王明"):
        people.create_person(admin, people.PersonInput(name=name, phone="13800001111"))
    model = PersonTableModel(admin)
    model.reload("wang")
    assert model.rowCount() == 3
    return model


def _visit_model(admin) -> Any:
    from stationapp.ui.visits.log import VisitTableModel

    _visits(admin, 6)
    model = VisitTableModel(admin)
    model.reload()
    return model


def _follow_up_model(admin) -> Any:
    from stationapp.ui.visits.follow_ups import FollowUpTableModel

    _visits(admin, 4, waiting=True)
    model = FollowUpTableModel(admin)
    model.reload()
    return model


def _case_model(admin) -> Any:
    from stationapp.ui.mediation.cases_tab import CaseTableModel

    _cases(admin, 4)
    model = CaseTableModel(admin)
    model.reload()
    return model


def _audit_model(admin) -> Any:
    from stationapp.ui.audit import AuditTableModel

    _audit(admin, 6)
    model = AuditTableModel(admin)
    model.reload()
    return model


def _title_model(admin) -> Any:
    from stationapp.ui.library.title_model import TitleTableModel

    _titles(7)
    model = TitleTableModel(admin)
    model.include_inactive = True
    model.reload()
    return model


def _box_model(admin) -> Any:
    from stationapp.ui.library.boxes import BoxTableModel

    org = Organization.create(name="借箱单位")
    for i in range(3):
        box = Box.create(barcode=f"BOX{i}", name=f"书箱{i}", state="on_loan" if i else "at_station")
        if i:
            BoxLoan.create(
                box=box,
                organization=org,
                starts_on=today() - timedelta(days=30),
                due_on=today() + timedelta(days=i - 2),
                staff=admin,
            )
    model = BoxTableModel(admin)
    model.reload()
    return model


def _current_loans_model(admin) -> Any:
    from stationapp.ui.library.loans_model import CurrentLoansTableModel

    person_id = _loans(admin, overdue=True)[0]
    model = CurrentLoansTableModel()
    model.set_rows(library.person_loans(admin, person_id))
    return model


def _overdue_model(admin) -> Any:
    from stationapp.ui.library.overdue import LoanRowTableModel

    _loans(admin, overdue=True)
    model = LoanRowTableModel(overdue=True)
    model.set_rows(library.overdue_loans(admin), today())
    return model


def _due_soon_model(admin) -> Any:
    from stationapp.ui.library.overdue import LoanRowTableModel

    _loans(admin, overdue=False)
    model = LoanRowTableModel(overdue=False)
    model.set_rows(library.due_soon(admin), today())
    return model


def _event_model(admin) -> Any:
    from stationapp.ui.events.events_tab import EventTableModel

    _events(admin, 4)
    model = EventTableModel(admin)
    model.reload()
    return model


def _roster_model(admin) -> Any:
    from stationapp.ui.events.roster_model import RosterTableModel

    event_id = _events(admin, 1)[0]
    for i, person_id in enumerate(_people(5, start=4000)):
        Registration.create(
            event=event_id,
            person=person_id,
            staff=admin,
            state=("confirmed", "waitlisted", "no_show", "cancelled", "attended")[i],
            waitlisted_at=now() if i == 1 else None,
            checked_in_at=now() if i == 4 else None,
        )
    model = RosterTableModel(admin)
    model.reload(event_id)
    return model


def _breakdown_model(admin) -> Any:
    from stationapp.ui.events.statistics_page import BreakdownTableModel

    model = BreakdownTableModel("Workplace")
    model.set_rows([("单位甲", 3, 5), ("单位乙", 1, 1), ("", 2, 2)])
    return model


MODELS: dict[str, Callable[[Any], Any]] = {
    "people": _person_model,
    "people-search": _person_search_model,
    "visits-log": _visit_model,
    "follow-ups": _follow_up_model,
    "cases": _case_model,
    "audit": _audit_model,
    "catalogue": _title_model,
    "boxes": _box_model,
    "current-loans": _current_loans_model,
    "overdue": _overdue_model,
    "due-soon": _due_soon_model,
    "events": _event_model,
    "roster": _roster_model,
    "breakdown": _breakdown_model,
}


@pytest.mark.parametrize("name", list(MODELS))
def test_model_passes_the_model_tester(qtmodeltester, admin, name: str) -> None:
    model = MODELS[name](admin)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


# --- a bounded window of rows -------------------------------------------------------------------


def _assert_paged(model: Any, page_size: int, total: int) -> None:
    """The first load holds one page; each fetchMore adds at most one more; never all at once."""
    assert model.rowCount() == page_size
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == min(2 * page_size, total)
    assert model.rowCount() < total


def test_people_model_holds_a_page(qtbot, admin) -> None:
    from stationapp.ui.people.person_table_model import PAGE_SIZE, PersonTableModel

    total = 2 * PAGE_SIZE + 50
    Person.insert_many(
        [{"name": f"赵{i}", "last_activity_at": now() - timedelta(seconds=i)} for i in range(total)]
    ).execute()
    model = PersonTableModel(admin)
    model.reload()
    qtbot.waitUntil(lambda: model.total == total)  # counted after the first page shows
    _assert_paged(model, PAGE_SIZE, total)


def test_visit_model_holds_a_page(qtbot, admin) -> None:
    from stationapp.ui.visits.log import PAGE_SIZE, VisitTableModel

    total = 2 * PAGE_SIZE + 50
    moment = now()
    Visit.insert_many(
        [
            {
                "channel": "walk_in",
                "staff": admin.id,
                "arrived_at": moment - timedelta(seconds=i),
            }
            for i in range(total)
        ]
    ).execute()
    model = VisitTableModel(admin)
    model.reload()
    qtbot.waitUntil(lambda: model.total == total)  # counted after the first page shows
    _assert_paged(model, PAGE_SIZE, total)
    assert len(model.purposes) == model.rowCount()


def test_catalogue_model_holds_a_page(qtbot, admin) -> None:
    from stationapp.ui.library.title_model import PAGE_SIZE, TitleTableModel

    total = 2 * PAGE_SIZE + 50
    _titles(total)
    model = TitleTableModel(admin)
    model.include_inactive = True
    model.reload()
    qtbot.waitUntil(lambda: model.total == total)  # counted after the first page shows
    _assert_paged(model, PAGE_SIZE, total)
    assert len(model.counts) <= model.rowCount()


def test_audit_model_holds_a_page(qtbot, admin) -> None:
    from stationapp.ui.audit import PAGE_SIZE, AuditTableModel

    _audit(admin, 2 * PAGE_SIZE + 50)
    total = AuditEntry.select().count()
    model = AuditTableModel(admin)
    model.reload()
    qtbot.waitUntil(lambda: model.total == total)  # counted after the first page shows
    _assert_paged(model, PAGE_SIZE, total)


def test_case_model_holds_a_page(qtbot, admin) -> None:
    from stationapp.ui.mediation.cases_tab import PAGE_SIZE, CaseTableModel

    total = 2 * PAGE_SIZE + 50
    org = Organization.create(name="大公司")
    MediationCase.insert_many(
        [
            {
                "year": 2026,
                "sequence": i + 1,
                "number": f"建工调〔2026〕{i + 1}号",
                "received_at": now() - timedelta(minutes=i),
                "respondent": org.id,
                "mediation_due": today(),
                "created_by": admin.id,
            }
            for i in range(total)
        ]
    ).execute()
    model = CaseTableModel(admin)
    model.reload()
    qtbot.waitUntil(lambda: model.total == total)  # counted after the first page shows
    _assert_paged(model, PAGE_SIZE, total)


def test_event_model_is_capped(admin) -> None:
    """The events list is not paged but capped: it never holds more than PAGE_LIMIT rows."""
    from stationapp.ui.events.events_tab import PAGE_LIMIT, EventTableModel

    start = datetime.combine(today(), datetime.min.time())
    Event.insert_many(
        [
            {
                "title": f"活动{i}",
                "starts_at": start - timedelta(hours=i),
                "ends_at": start - timedelta(hours=i - 1),
                "capacity": 10,
                "created_by": admin.id,
            }
            for i in range(PAGE_LIMIT + 20)
        ]
    ).execute()
    model = EventTableModel(admin)
    model.reload()
    assert model.rowCount() == PAGE_LIMIT
    assert model.truncated


# --- each tab's open: a fixed number of queries whatever the number of rows ----------------------


def _seed_everything(admin, start: int, n: int) -> None:
    """n rows of each list a tab shows when it opens, with names unique from ``start``."""
    org = Organization.create(name=f"开放单位{start}")
    service = ServiceType.create(name=f"开放服务{start}")
    series = EventSeries.create(name=f"开放系列{start}")
    moment = now()
    for i in range(start, start + n):
        person = Person.create(name=f"周{i}", phone=f"1370000{i:04d}", workplace=org)
        visit = Visit.create(person=person, channel="walk_in", staff=admin, arrived_at=moment)
        VisitPurpose.create(
            visit=visit,
            service=service,
            arrived_at=moment,
            outcome="waiting",
            materials_missing=["证明"],
            due_on=today() - timedelta(days=1),
        )
        title = Title.create(title=f"开放书{i}", search_text=f"kaifang{i}")
        copy = Copy.create(title=title, barcode=f"OPEN{i:05d}", status="on_loan")
        Loan.create(
            copy=copy,
            person=person,
            staff=admin,
            lent_at=moment - timedelta(days=40),
            due_on=today() - timedelta(days=i % 3),
        )
        begins = datetime.combine(today() + timedelta(days=i % 20), datetime.min.time())
        event = Event.create(
            title=f"开放活动{i}",
            series=series,
            starts_at=begins,
            ends_at=begins + timedelta(hours=1),
            capacity=5,
            created_by=admin,
        )
        Registration.create(event=event, person=person, staff=admin, state="confirmed")
        case = MediationCase.create(
            year=2026,
            sequence=i + 1,
            number=f"开放〔2026〕{i + 1}号",
            received_at=moment,
            respondent=org,
            mediation_due=today() + timedelta(days=2),
            created_by=admin,
        )
        CaseParty.create(case=case, person=person)


def _tab_classes() -> dict[str, Any]:
    from stationapp.ui.events.events_tab import EventsTab
    from stationapp.ui.library.library_tab import LibraryTab
    from stationapp.ui.mediation.cases_tab import CasesTab
    from stationapp.ui.people.people_tab import PeopleTab
    from stationapp.ui.today import TodayTab
    from stationapp.ui.visits.visits_tab import VisitsTab

    return {
        "today": TodayTab,
        "visits": VisitsTab,
        "people": PeopleTab,
        "library": LibraryTab,
        "events": EventsTab,
        "cases": CasesTab,
    }


@pytest.mark.parametrize("name", ["today", "visits", "people", "library", "events", "cases"])
def test_tab_open_runs_a_fixed_number_of_queries(qtbot, admin, name: str) -> None:
    from playhouse.test_utils import count_queries
    from PySide6.QtWidgets import QApplication

    from stationapp.ui.bus import ChangeBus

    tab_class = _tab_classes()[name]

    def open_tab() -> int:
        with count_queries() as counter:
            tab = tab_class(admin, ChangeBus())
            qtbot.addWidget(tab)
            tab.resize(1200, 800)
            tab.show()
            qtbot.waitExposed(tab)
            # Let every coalescing zero-interval timer fire inside the count, however loaded
            # the machine is (a single processEvents() may leave one for later).
            for _ in range(5):
                QApplication.processEvents()
                qtbot.wait(40)
        tab.close()
        return counter.count

    _seed_everything(admin, 0, 3)
    few = open_tab()
    _seed_everything(admin, 100, 27)
    many = open_tab()
    assert few > 0
    assert few == many, f"opening the {name} tab: {few} queries with 3 rows, {many} with 30"
