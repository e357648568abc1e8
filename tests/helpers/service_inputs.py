"""Valid inputs for the services, and the records most calls need, made through the services.

Shared by the property tests of bad input (which start from these valid calls and spoil one
field) and the permission matrix test (which makes each call as every role). Every value that
must be unique (names, ID numbers, phones, cards, barcodes) is fresh on each call.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count

from stdnum import luhn

from stationapp.db import now, today
from stationapp.models.library import Box, Copy, Loan
from stationapp.models.visits import ServiceType
from stationapp.services import library, library_boxes, mediation, people
from stationapp.services.events import EventInput
from stationapp.services.library import CopyInput, TitleInput
from stationapp.services.mediation import CaseInput, ClaimInput
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.services.visits import PurposeInput, ServiceInput, VisitInput
from tests.helpers.ids import make_ric

serial = count(1)

HUOZHE = "9787506365437"  # 《活着》, a real ISBN-13
GOOD_MATERIAL = {"name": "身份证", "kind": "original", "copies": 1, "issuer": "", "note": ""}
ALL_SIGNED = {
    "signed_applicant": True,
    "signed_respondent": True,
    "signed_mediator": True,
    "sealed_organization": True,
}


# --- unique values ----------------------------------------------------------------------------


def fresh_name(prefix: str = "王") -> str:
    """A valid personal name, different every time (names have no digits)."""
    n = next(serial)
    return prefix + chr(0x4E00 + n % 20000) + chr(0x4E00 + (n // 20000) % 20000)


def fresh_ric() -> str:
    n = next(serial)
    return make_ric(birth=date(1960, 1, 1) + timedelta(days=n // 1000), seq=n % 1000)


def fresh_phone() -> str:
    return f"139{next(serial):08d}"


def fresh_card() -> str:
    body = f"622208{next(serial):012d}"
    return body + luhn.calc_check_digit(body)


def fresh_code(prefix: str = "C") -> str:
    return f"{prefix}{next(serial):07d}"


# --- people -----------------------------------------------------------------------------------


def person_input(org_id: int | None) -> PersonInput:
    return PersonInput(
        name=fresh_name(),
        gender="",
        birth_date=None,
        id_number=fresh_ric(),
        phone=fresh_phone(),
        workplace_id=org_id,
        is_member=True,
        member_card=fresh_card(),
        notes="备注",
    )


def new_person(admin, **fields: object):
    return people.create_person(
        admin, PersonInput(name=fresh_name(), id_number=fresh_ric(), **fields)
    )


def org_input() -> OrganizationInput:
    return OrganizationInput(
        name=f"测试公司{next(serial)}",
        kind="company",
        address="建国门内大街",
        contact_name="李经理",
        contact_phone="13800138000",
        union_status="own_union",
    )


# --- visits -----------------------------------------------------------------------------------


def service_input() -> ServiceInput:
    return ServiceInput(
        name=f"测试服务{next(serial)}",
        category="会员服务",
        basis="《工会法》",
        materials=[dict(GOOD_MATERIAL)],
        steps="填表",
        eligibility=["member"],
    )


def material_names(service_id: int) -> list[str]:
    return [str(m["name"]) for m in ServiceType.get_by_id(service_id).materials or []]


def visit_input(person_id: int | None, service_id: int) -> VisitInput:
    return VisitInput(
        person_id=person_id,
        channel="walk_in",
        purposes=[PurposeInput(service_id=service_id)],
        rating="satisfied",
        notes="",
    )


# --- mediation --------------------------------------------------------------------------------


def case_input(person_id: int, org_id: int) -> CaseInput:
    return CaseInput(
        applicant_ids=[person_id],
        respondent_id=org_id,
        application_kind="written",
        facts="公司拖欠三个月工资。",
        claims=[ClaimInput("wages", "12000", "2026年6月至8月工资")],
        date_knew=today() - timedelta(days=30),
    )


def file_case(admin, person, org, *states: str):
    """A case filed by ``admin`` and moved through ``states`` in order."""
    case = mediation.file_case(admin, case_input(person.id, org.id))
    for state in states:
        case = mediation.transition(admin, case.id, state, reason="依法办理")
    return case


# --- library ----------------------------------------------------------------------------------


def title_input() -> TitleInput:
    return TitleInput(title="活着", author="余华", isbn=HUOZHE, publisher="作家出版社", year=2012)


def new_copy(admin, title_id: int, **fields: object) -> Copy:
    return library.add_copy(admin, title_id, CopyInput(barcode=fresh_code(), **fields))


def make_loan(admin, title) -> Loan:
    """A loan of a new copy to a new borrower (one borrower would reach the loan limit)."""
    return library.lend(admin, new_copy(admin, title.id).id, new_person(admin).id)


def new_box(admin) -> Box:
    return library_boxes.create_box(admin, barcode=fresh_code("BX"), name="一号书箱")


def packed_box(admin, title) -> tuple[Box, Copy]:
    box = new_box(admin)
    copy = new_copy(admin, title.id)
    library_boxes.pack(admin, box.id, [copy.barcode])
    return box, copy


# --- events -----------------------------------------------------------------------------------


def event_start(days: int = 7) -> datetime:
    return (now() + timedelta(days=days)).replace(hour=14, minute=0, second=0, microsecond=0)


def event_input(**fields: object) -> EventInput:
    start = event_start()
    values: dict[str, object] = {
        "title": "羽毛球比赛",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "capacity": 10,
        "venue": "职工之家",
    }
    values.update(fields)
    return EventInput(**values)  # type: ignore[arg-type]
