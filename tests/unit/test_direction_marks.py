"""Direction marks in free text (issue 19, finding 9): U+202E was refused in names but stored in
notes, where every list showing the note read it backwards ("txt.exe" shown as "exe.txt"). Every
writing service refuses each bidirectional control in its free-text fields, naming the field, and
stores nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta

import pytest

from stationapp.db import now
from stationapp.errors import ValidationError
from stationapp.services import (
    consent,
    events,
    library,
    library_boxes,
    mediation,
    people,
    retention,
    visits,
)
from stationapp.services.events import QuotaInput
from stationapp.services.mediation import ClaimInput, SessionInput
from stationapp.services.validation import BIDI_CONTROLS, normalize_name, normalize_text
from tests.helpers import dbdump
from tests.helpers.service_inputs import (
    case_input,
    event_input,
    fresh_code,
    new_person,
    org_input,
    person_input,
    service_input,
    title_input,
    visit_input,
)

# Every bidirectional control Unicode has (Bidi_Control=Yes).
ALL_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _spoofed(mark: str = "\u202e") -> str:
    return f"合同{mark}fdp.exe"


@pytest.mark.parametrize("mark", list(ALL_BIDI))
def test_free_text_refuses_every_direction_mark(mark: str) -> None:
    assert mark in BIDI_CONTROLS
    with pytest.raises(ValidationError) as refused:
        normalize_text(_spoofed(mark), field="notes", max_length=100)
    assert refused.value.field == "notes"
    assert f"U+{ord(mark):04X}" in refused.value.message
    with pytest.raises(ValidationError):
        normalize_name(f"王{mark}芳")  # as names always did


def test_free_text_keeps_what_is_visible() -> None:
    text = "维吾尔语 ئۇيغۇرچە، עברית, 阿不都·热合曼 🙂\n第二行\t（完）"
    assert normalize_text(text, field="notes", max_length=100) == text


Call = Callable[[object, str], object]


def _person_notes(admin, org, text):
    return people.create_person(admin, dataclasses.replace(person_input(org.id), notes=text))


def _org(field):
    return lambda admin, org, text: people.create_organization(
        admin, dataclasses.replace(org_input(), **{field: text})
    )


def _service(field):
    return lambda admin, org, text: visits.create_service(
        admin, dataclasses.replace(service_input(), **{field: text})
    )


def _visit_notes(admin, org, text):
    service = visits.create_service(admin, service_input())
    person = new_person(admin)
    return visits.record_visit(
        admin, dataclasses.replace(visit_input(person.id, service.id), notes=text)
    )


def _case_facts(admin, org, text):
    person = new_person(admin)
    return mediation.file_case(
        admin, dataclasses.replace(case_input(person.id, org.id), facts=text)
    )


def _claim(admin, org, text):
    person = new_person(admin)
    data = dataclasses.replace(
        case_input(person.id, org.id), claims=[ClaimInput("wages", "12000", text)]
    )
    return mediation.file_case(admin, data)


def _case(admin, org):
    return mediation.file_case(admin, case_input(new_person(admin).id, org.id))


def _transition_reason(admin, org, text):
    return mediation.transition(admin, _case(admin, org).id, "accepted", reason=text)


def _session(field):
    def call(admin, org, text):
        case = mediation.transition(admin, _case(admin, org).id, "accepted", reason="依法受理")
        values = {"record": "双方陈述", field: text}
        data = SessionInput(held_at=now() - timedelta(hours=1), **values)
        return mediation.add_session(admin, case.id, data)

    return call


def _title(field):
    return lambda admin, org, text: library.create_title(
        admin, dataclasses.replace(title_input(), **{field: text})
    )


def _box_name(admin, org, text):
    return library_boxes.create_box(admin, barcode=fresh_code("BX"), name=text)


def _event(field):
    return lambda admin, org, text: events.create_event(admin, event_input(**{field: text}))


def _quota_name(admin, org, text):
    return events.create_event(admin, event_input(quotas=[QuotaInput(name=text, capacity=2)]))


def _series_name(admin, org, text):
    return events.save_series(admin, name=text, max_per_person=None)


def _consent_note(admin, org, text):
    return consent.record_consent(admin, new_person(admin).id, "health", "oral", note=text)


def _erase_reason(admin, org, text):
    return retention.erase_on_request(admin, new_person(admin).id, reason=text)


WRITERS: dict[str, tuple[Call, str]] = {
    "person notes": (_person_notes, "notes"),
    "workplace name": (_org("name"), "name"),
    "workplace address": (_org("address"), "address"),
    "workplace contact": (_org("contact_name"), "contact_name"),
    "service name": (_service("name"), "name"),
    "service steps": (_service("steps"), "steps"),
    "service basis": (_service("basis"), "basis"),
    "visit notes": (_visit_notes, "notes"),
    "case facts": (_case_facts, "facts"),
    "claim description": (_claim, "claims"),
    "case transition reason": (_transition_reason, "reason"),
    "session place": (_session("place"), "place"),
    "session record": (_session("record"), "record"),
    "title": (_title("title"), "title"),
    "title author": (_title("author"), "author"),
    "title publisher": (_title("publisher"), "publisher"),
    "box name": (_box_name, "name"),
    "event title": (_event("title"), "title"),
    "event venue": (_event("venue"), "venue"),
    "event description": (_event("description"), "description"),
    "event quota name": (_quota_name, "quotas"),
    "event series": (_series_name, "series"),
    "consent note": (_consent_note, "note"),
    "erasure reason": (_erase_reason, "reason"),
}


@pytest.mark.parametrize("mark", ["\u202e", "\u2067", "\u200f"])
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_free_text_a_list_shows_refuses_direction_marks(
    admin, writer: str, mark: str
) -> None:
    call, field = WRITERS[writer]
    org = people.create_organization(admin, org_input())
    call(admin, org, "合同fdp.exe")  # the same call without the mark goes through
    with pytest.raises(ValidationError) as refused:
        call(admin, org, _spoofed(mark))
    assert field in refused.value.errors, refused.value.errors
    assert f"U+{ord(mark):04X}" in refused.value.errors[field]
    assert not any(
        isinstance(value, str) and any(ch in BIDI_CONTROLS for ch in value)
        for rows in dbdump.dump().values()
        for row in rows
        for value in row
    )
