"""A NUL in a search (issue 19, finding 8): on SQLite, whose LIKE ends its pattern at a NUL,
"\\x00" found every case and every event, while PostgreSQL found none. Every search service
finds nothing for a text holding a NUL, on both databases (tests/unit runs each test on both)."""

from __future__ import annotations

import pytest

from stationapp.errors import ValidationError
from stationapp.services import audit, events, library, mediation, people, visits
from stationapp.services.audit import AuditFilter
from stationapp.services.mediation import CaseFilter
from stationapp.services.people import PersonInput
from tests.helpers.service_inputs import (
    case_input,
    event_input,
    fresh_ric,
    org_input,
    service_input,
    title_input,
    visit_input,
)

NUL_TEXTS = [
    "\x00",
    "王\x00芳",
    "\x00王芳",
    "2026\x00",
    "羽毛球\x00",
    "活着\x00",
    "测试\x00公司",
    "a\x00",
]


@pytest.fixture
def station(admin):
    """One of everything a search can find, each found by its plain text."""
    org = people.create_organization(admin, org_input())
    person = people.create_person(admin, PersonInput(name="王芳", id_number=fresh_ric()))
    service = visits.create_service(admin, service_input())
    visits.record_visit(admin, visit_input(person.id, service.id))
    case = mediation.file_case(admin, case_input(person.id, org.id))
    events.create_event(admin, event_input(title="羽毛球比赛"))
    library.create_title(admin, title_input())
    return {"org": org, "person": person, "service": service, "case": case}


def _searches(admin) -> dict[str, object]:
    return {
        "people": lambda text: people.search_people(admin, text),
        "workplaces": lambda text: people.search_organizations(admin, text),
        "services": lambda text: visits.search_services(admin, text),
        "cases": lambda text: mediation.list_cases(admin, CaseFilter(text=text)),
        "case count": lambda text: mediation.count_cases(admin, CaseFilter(text=text)),
        "events": lambda text: events.list_events(admin, text=text),
        "titles": lambda text: library.search_titles(admin, text),
        "title count": lambda text: library.count_titles(admin, text),
    }


def test_the_plain_searches_find_the_records(admin, station) -> None:
    """The same searches without the NUL find something: the fixture is worth testing with."""
    found = _searches(admin)
    assert found["people"]("王芳")
    assert found["workplaces"]("测试公司")
    assert found["services"]("测试服务")
    assert found["cases"]("王芳") and found["cases"]("2026") and found["cases"]("测试公司")
    assert found["case count"]("王芳")
    assert found["events"]("羽毛球")
    assert found["titles"]("活着") and found["title count"]("活着")


@pytest.mark.parametrize("text", NUL_TEXTS)
@pytest.mark.parametrize(
    "search",
    ["people", "workplaces", "services", "cases", "case count", "events", "titles", "title count"],
)
def test_a_search_holding_a_nul_finds_nothing(admin, station, search: str, text: str) -> None:
    result = _searches(admin)[search](text)
    assert not result, (search, text, result)


@pytest.mark.parametrize("text", NUL_TEXTS)
def test_the_audit_trail_refuses_a_nul_at_its_field(admin, station, text: str) -> None:
    """The audit search checks its text as free text: a NUL is refused at the field, the same on
    both databases, and lists nothing."""
    assert audit.list_entries(admin, AuditFilter(text="case"))
    for call in (audit.list_entries, audit.count_entries):
        with pytest.raises(ValidationError) as refused:
            call(admin, AuditFilter(text=text))
        assert refused.value.field == "text"
