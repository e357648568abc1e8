"""The permission matrix, both ways (issue #8, item 1; DESIGN.md rules 2 and 8).

``ROWS`` declares, for every public service function that takes the acting staff member, the
actions it needs (``PERMISSIONS`` in services/accounts.py) and a builder that makes, as the
administrator, the records a successful call needs. ``test_walk`` then calls it once as a staff
member of each role (and as a deactivated administrator): a role the matrix allows must succeed;
any other must get PermissionDenied and leave the database (audit trail included) and the output
folder exactly as they were. A row with ``shows`` is a function that returns less instead of
refusing (a masked ID number, a hidden hardship file): its check compares what the role got with
what the matrix says it may see.

The table cannot fall behind the code: ``test_every_service_function_is_in_the_table`` finds the
functions by inspection, and ``test_each_function_names_its_actions`` reads their source to catch
a row that claims an action the function never checks.

Speed: every case gets a database of its own, copied from a template made once per session (the
migrated schema, the administrator, a staff member per role, a workplace, a worker and a
borrower), because migrating and hashing seven passwords for each of the thousand cases would take
minutes. The staff are made with ``accounts.create_staff``, as the ``make_staff`` fixture does.
"""

from __future__ import annotations

import ast
import csv
import functools
import importlib
import inspect
import pkgutil
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

import stationapp
import stationapp.services
from stationapp.db import close_database, now, today
from stationapp.errors import PermissionDenied
from stationapp.models.accounts import ADMIN, ROLES, Staff
from stationapp.models.mediation import MediationCase
from stationapp.models.people import Building, Organization, Person
from stationapp.models.rooms import Room, RoomBooking
from stationapp.models.visits import ServiceType, VisitPurpose
from stationapp.services import (
    accounts,
    audit,
    backup,
    case_file,
    case_import,
    consent,
    events,
    library,
    library_boxes,
    library_import,
    mediation,
    members,
    mutual_aid,
    people,
    people_import,
    people_merge,
    permissions_doc,
    reports,
    retention,
    rooms,
    union_work,
    visits,
    welfare,
    workplaces,
)
from stationapp.services import (
    today as today_service,
)
from stationapp.services.accounts import PERMISSIONS
from stationapp.services.library import CopyInput, RuleInput, TitleInput
from stationapp.services.mediation import AgreementInput, ObligationInput, SessionInput
from stationapp.services.people import PersonInput
from stationapp.services.visits import OutreachEntry, PurposeInput, VisitFilter, VisitInput
from tests.helpers import dbdump
from tests.helpers.service_inputs import (
    ALL_SIGNED,
    case_input,
    event_input,
    file_case,
    fresh_card,
    fresh_code,
    fresh_ric,
    make_loan,
    material_names,
    new_box,
    new_copy,
    new_person,
    org_input,
    packed_box,
    person_input,
    serial,
    service_input,
    title_input,
    visit_input,
)

ROOT = Path(stationapp.__file__).resolve().parent
DOC = ROOT.parent / "docs" / "permissions.md"

# Not a role: a deactivated administrator, who may do nothing at all.
INACTIVE = "inactive_admin"
ACTORS = (*ROLES, INACTIVE)

# Take the actor but check no permission, on purpose.
EXEMPT: dict[str, str] = {
    "accounts.audit": "writes the audit entry of a call that has already checked its permission",
    "accounts.save_active": "saves a (de)activation for a call that has already checked its "
    "permission",
    "accounts.has_permission": "the permission check itself",
    "union_work.create_record": "records a union-work record for a call that has already "
    "checked its permission",
    "union_work.update_record": "saves a union-work record for a call that has already checked "
    "its permission",
    "accounts.require": "the permission check itself",
    "writes.writing": "the permission check itself (require), with the transaction and the "
    "change notice of the call that names its action",
    "writes.switch_active": "(de)activates a record for the call that names its permission "
    "(require inside, as writes.writing)",
    "accounts.change_password": "self-service: acts on the signed-in account only",
    "accounts.verify_password": "self-service: unlocks the screen for the signed-in account",
    "today.today_sections": "gathers only the sections the roles may see; each is a row below",
    "people.may_see_full_id": "the masking rule itself: refuses nothing, decides what is masked",
    "people.person_view": "masks a record for the actor (issue 19); walked by the test below",
    "people.people_view": "masks records for the actor (issue 19); walked by the test below",
    "people.rows_view": "masks the people rows carry (issue 19); walked by the test below",
    "people.handed": "masks what a service returns (issue 19); walked by the test below",
}

# Declared in PERMISSIONS but checked by no service function yet.
UNCHECKED_ACTIONS: dict[str, str] = {}

Call = Callable[[Staff], Any]
Check = Callable[[Any, bool], None]


@dataclass
class World:
    """The template's records, and a folder for the files calls write."""

    admin: Staff
    org: Organization
    person: Person  # 李娜: an ID number, a phone, a workplace
    reader: Person  # a borrower with a member card
    service_ids: list[int]
    out: Path
    db_url: str

    def title(self, **fields: object):
        return library.create_title(self.admin, TitleInput(title=f"围城{next(serial)}", **fields))

    def event(self, **fields: object):
        return events.create_event(self.admin, event_input(**fields))

    def case(self, *states: str):
        return file_case(self.admin, self.person, self.org, *states)

    def mediator(self) -> Staff:
        return Staff.create(
            username=f"mediator{next(serial)}",
            display_name="调解员",
            roles="mediator",
            password_hash="-",
        )


Build = Callable[[World], "Call | tuple[Call, Check]"]


@dataclass(frozen=True)
class Row:
    name: str  # "module.function" under stationapp.services
    needs: tuple[str, ...]  # all of these, else PermissionDenied
    build: Build
    shows: str | None = None  # changes what the call returns, not whether it runs
    variant: str = ""
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


ROWS: list[Row] = []


def row(name: str, *needs: str, shows: str | None = None, variant: str = "", note: str = ""):
    """Declare the decorated builder as the row of ``name``."""

    def register(build: Build) -> Build:
        ROWS.append(Row(name, needs, build, shows, variant, note))
        return build

    return register


def simple(name: str, action: str, call: Callable[[World, Staff], Any]) -> None:
    """A row for a call that needs no records beyond the template's, and one action."""
    ROWS.append(Row(name, (action,), lambda w: lambda a: call(w, a)))


def last_month() -> dict[str, date]:
    return {"date_from": today() - timedelta(days=30), "date_to": today()}


# --- accounts -----------------------------------------------------------------------------------


def _spare_staff(active: bool = True) -> Staff:
    return Staff.create(
        username=f"spare{next(serial)}",
        display_name="临时工",
        roles="librarian",
        password_hash="-",
        active=active,
    )


simple("accounts.list_staff", "staff.manage", lambda w, a: accounts.list_staff(a))


@row("accounts.create_staff", "staff.manage")
def _create_staff(w: World) -> Call:
    username = f"desk{next(serial)}"
    return lambda a: accounts.create_staff(
        a, username=username, display_name="李静", roles=["front_desk"], password="password-123"
    )


@row("accounts.update_staff", "staff.manage")
def _update_staff(w: World) -> Call:
    target = _spare_staff()
    return lambda a: accounts.update_staff(
        a, target.id, display_name="李静", roles=["organiser"], active=True
    )


@row("accounts.reset_password", "staff.manage")
def _reset_password(w: World) -> Call:
    target = _spare_staff()
    return lambda a: accounts.reset_password(a, target.id, new_password="temporary-123")


@row("accounts.deactivate_staff", "staff.manage")
def _deactivate_staff(w: World) -> Call:
    target = _spare_staff()
    return lambda a: accounts.deactivate_staff(a, target.id)


@row("accounts.reactivate_staff", "staff.manage")
def _reactivate_staff(w: World) -> Call:
    target = _spare_staff(active=False)
    return lambda a: accounts.reactivate_staff(a, target.id)


@row("accounts.delete_staff", "staff.delete")
def _delete_staff(w: World) -> Call:
    target = _spare_staff()
    return lambda a: accounts.delete_staff(a, target.id)


simple(
    "accounts.update_station_settings",
    "settings.manage",
    lambda w, a: accounts.update_station_settings(
        a, station_name="建国门服务站", case_prefix="建工调", contact="010-65001234"
    ),
)


# --- the audit trail ----------------------------------------------------------------------------


def _audit_reader(name: str) -> None:
    simple(f"audit.{name}", "audit.read", lambda w, a: getattr(audit, name)(a))


for _name in ("count_entries", "list_entries", "actions", "entities", "staff_choices"):
    _audit_reader(_name)

simple(
    "audit.export_entries",
    "audit.read",
    lambda w, a: audit.export_entries(a, audit.AuditFilter(), w.out / "audit.xlsx"),
)


# --- backup ---------------------------------------------------------------------------------------

simple(
    "backup.backup_now",
    "backup.manage",
    lambda w, a: backup.backup_now(a, w.db_url, target=w.out / "manual.db"),
)
simple(
    "backup.record_backup", "backup.manage", lambda w, a: backup.record_backup(a, w.out / "b.db")
)
simple(
    "backup.save_backup_settings",
    "backup.manage",
    lambda w, a: backup.save_backup_settings(a, backup.BackupSettings(folder=w.out / "backups")),
)


@row("backup.restore", "backup.manage", note="actor=None is the recovery at start, unchecked")
def _restore(w: World) -> Call:
    source = backup.make_backup(w.db_url, target=w.out / "source.db")
    return lambda a: backup.restore(w.db_url, source, actor=a)


# --- people ---------------------------------------------------------------------------------------


def _hardship_person(w: World) -> Person:
    """A worker with a hardship file (and the consent it needs)."""
    person = new_person(w.admin)
    consent.record_consent(w.admin, person.id, "hardship", "written")
    consent.save_hardship_file(w.admin, person.id, "deep", "家庭成员重病")
    return person


def _hardship_shown(person: Person, shown: bool) -> None:
    assert person.hardship_category == ("deep" if shown else "")
    assert person.hardship_reasons == ("家庭成员重病" if shown else "")


simple("people.count_people", "person.read", lambda w, a: people.count_people(a))
simple("people.get_person", "person.read", lambda w, a: people.get_person(a, w.person.id))
simple("people.list_people", "person.read", lambda w, a: people.list_people(a, offset=0, limit=50))
simple("people.search_people", "person.read", lambda w, a: people.search_people(a, "李娜"))
simple("people.reveal_id", "person.view_full_id", lambda w, a: people.reveal_id(a, w.person.id))
simple("people.person_history", "person.read", lambda w, a: people.person_history(a, w.person.id))
simple(
    "people.get_organization",
    "organization.read",
    lambda w, a: people.get_organization(a, w.org.id),
)
simple(
    "people.search_organizations",
    "organization.read",
    lambda w, a: people.search_organizations(a, "万家"),
)
simple(
    "people.create_person",
    "person.create",
    lambda w, a: people.create_person(a, person_input(w.org.id)),
)
simple(
    "people.create_organization",
    "organization.manage",
    lambda w, a: people.create_organization(a, org_input()),
)
simple(
    "people.update_organization",
    "organization.manage",
    lambda w, a: people.update_organization(a, w.org.id, org_input()),
)


@row("people.get_person", "person.read", shows="hardship.read", variant="hardship file")
def _get_person_hardship(w: World) -> tuple[Call, Check]:
    person = _hardship_person(w)
    return lambda a: people.get_person(a, person.id), _hardship_shown


@row("people.list_people", "person.read", shows="hardship.read", variant="hardship file")
def _list_people_hardship(w: World) -> tuple[Call, Check]:
    person = _hardship_person(w)

    def check(found: list[Person], shown: bool) -> None:
        _hardship_shown(next(p for p in found if p.id == person.id), shown)

    return lambda a: people.list_people(a, offset=0, limit=50), check


@row("people.search_people", "person.read", shows="hardship.read", variant="hardship file")
def _search_people_hardship(w: World) -> tuple[Call, Check]:
    person = _hardship_person(w)

    def check(found: list[Person], shown: bool) -> None:
        _hardship_shown(next(p for p in found if p.id == person.id), shown)

    return lambda a: people.search_people(a, person.name), check


@row("people.update_person", "person.update", variant="ID number kept")
def _update_person(w: World) -> Call:
    person = new_person(w.admin, phone="13900000001")
    data = PersonInput(name=person.name, phone="13900000002", notes="换了手机")
    return lambda a: people.update_person(a, person.id, data)


@row("people.update_person", "person.update", shows="person.view_full_id", variant="new ID number")
def _update_person_id(w: World) -> tuple[Call, Check]:
    person = new_person(w.admin)
    old, new = person.id_number, fresh_ric()

    def check(_updated: Person, shown: bool) -> None:
        assert Person.get_by_id(person.id).id_number == (new if shown else old)

    return lambda a: people.update_person(
        a, person.id, PersonInput(name=person.name, id_number=new)
    ), check


@row("people.shown_id", shows="person.view_full_id")
def _shown_id(w: World) -> tuple[Call, Check]:
    def check(shown_id: str, shown: bool) -> None:
        number = w.person.id_number
        assert shown_id == (number if shown else people.mask_id_tail(number))

    return lambda a: people.shown_id(a, w.person), check


@row("people.exported_phone", shows="person.export_phone")
def _exported_phone(w: World) -> tuple[Call, Check]:
    def check(phone: str, shown: bool) -> None:
        assert phone == ("13912345678" if shown else people.mask_phone("13912345678"))

    return lambda a: people.exported_phone(a, "13912345678"), check


simple(
    "people.export_people",
    "person.export",
    lambda w, a: people.export_people(a, w.out / "people.xlsx"),
)


@row("people.deactivate_person", "person.deactivate")
def _deactivate_person(w: World) -> Call:
    person = new_person(w.admin)
    return lambda a: people.deactivate_person(a, person.id)


@row("people_merge.merge_plan", "person.merge")
def _merge_plan(w: World) -> Call:
    keep, other = new_person(w.admin), new_person(w.admin)
    return lambda a: people_merge.merge_plan(a, keep.id, other.id)


@row("people_merge.merge_people", "person.merge", variant="no mediation case")
def _merge_people(w: World) -> Call:
    keep, other = new_person(w.admin), new_person(w.admin)
    return lambda a: people_merge.merge_people(a, keep.id, other.id, {"phone": "other"})


@row("people_merge.merge_people", "person.merge", "case.manage", variant="a party to a case")
def _merge_case_party(w: World) -> Call:
    keep, other = new_person(w.admin), new_person(w.admin)
    file_case(w.admin, other, w.org)
    return lambda a: people_merge.merge_people(a, keep.id, other.id, {})


@row("people.reactivate_person", "person.deactivate")
def _reactivate_person(w: World) -> Call:
    person = new_person(w.admin)
    people.deactivate_person(w.admin, person.id)
    return lambda a: people.reactivate_person(a, person.id)


@row("people.delete_person", "person.delete")
def _delete_person(w: World) -> Call:
    person = new_person(w.admin)
    return lambda a: people.delete_person(a, person.id)


@row("people.deactivate_organization", "organization.deactivate")
def _deactivate_organization(w: World) -> Call:
    org = people.create_organization(w.admin, org_input())
    return lambda a: people.deactivate_organization(a, org.id)


@row("people.reactivate_organization", "organization.deactivate")
def _reactivate_organization(w: World) -> Call:
    org = people.create_organization(w.admin, org_input())
    people.deactivate_organization(w.admin, org.id)
    return lambda a: people.reactivate_organization(a, org.id)


@row("people.delete_organization", "organization.delete")
def _delete_organization(w: World) -> Call:
    org = people.create_organization(w.admin, org_input())
    return lambda a: people.delete_organization(a, org.id)


# --- consent and the hardship file --------------------------------------------------------------


def _consent_rows(kind: str, *needs: str) -> None:
    @row("consent.record_consent", *needs, variant=kind)
    def record(w: World) -> Call:
        person = new_person(w.admin)
        return lambda a: consent.record_consent(a, person.id, kind, "written")

    @row("consent.withdraw_consent", *needs, variant=kind)
    def withdraw(w: World) -> Call:
        person = new_person(w.admin)
        consent.record_consent(w.admin, person.id, kind, "written")
        return lambda a: consent.withdraw_consent(a, person.id, kind)


_consent_rows("health", "consent.manage")
_consent_rows("marital_status", "consent.manage")
_consent_rows("hardship", "consent.manage", "hardship.manage")  # consenting reveals hardship


@row("consent.consents_of", "person.read", shows="hardship.read")
def _consents_of(w: World) -> tuple[Call, Check]:
    person = _hardship_person(w)
    consent.record_consent(w.admin, person.id, "health", "oral")

    def check(found: list, shown: bool) -> None:
        kinds = sorted(c.kind for c in found)
        assert kinds == (["hardship", "health"] if shown else ["health"])

    return lambda a: consent.consents_of(a, person.id), check


@row("consent.hardship_file", "hardship.read")
def _hardship_file(w: World) -> Call:
    person = _hardship_person(w)
    return lambda a: consent.hardship_file(a, person.id)


@row("consent.save_hardship_file", "hardship.manage")
def _save_hardship_file(w: World) -> Call:
    person = new_person(w.admin)
    consent.record_consent(w.admin, person.id, "hardship", "written")
    return lambda a: consent.save_hardship_file(a, person.id, "relative", "收入低于低保两倍")


@row("consent.record_assistance", "hardship.manage")
def _record_assistance(w: World) -> Call:
    person = _hardship_person(w)
    return lambda a: consent.record_assistance(a, person.id, today(), "living", "500")


@row("consent.assistance_of", "hardship.read")
def _assistance_of(w: World) -> Call:
    person = _hardship_person(w)
    consent.record_assistance(w.admin, person.id, today(), "medical", "1200.50")
    return lambda a: consent.assistance_of(a, person.id)


simple(
    "consent.assistance_totals",
    "hardship.read",
    lambda w, a: consent.assistance_totals(a, **last_month()),
)


@row("consent.save_marital_status", "consent.manage")
def _save_marital_status(w: World) -> Call:
    person = new_person(w.admin)
    consent.record_consent(w.admin, person.id, "marital_status", "written")
    return lambda a: consent.save_marital_status(a, person.id, "single")


# --- retention ----------------------------------------------------------------------------------

simple(
    "retention.preview_anonymisation",
    "settings.manage",
    lambda w, a: retention.preview_anonymisation(a),
)
simple(
    "retention.run_anonymisation", "settings.manage", lambda w, a: retention.run_anonymisation(a)
)
simple(
    "retention.save_retention_settings",
    "settings.manage",
    lambda w, a: retention.save_retention_settings(a, retention.RetentionSettings(6, 12)),
)
simple(
    "retention.retention_duties",
    "person.erase",
    lambda w, a: retention.retention_duties(a, w.person.id),
)
simple(
    "retention.export_personal_data",
    "person.read",
    lambda w, a: retention.export_personal_data(a, w.person.id, w.out / "personal.xlsx"),
)


@row("retention.erase_on_request", "person.erase")
def _erase_on_request(w: World) -> Call:
    person = new_person(w.admin)
    return lambda a: retention.erase_on_request(a, person.id, reason="本人书面申请")


@row("retention.personal_data", "person.read", shows="person.view_full_id", variant="ID number")
def _personal_data_id(w: World) -> tuple[Call, Check]:
    def check(sections: list, shown: bool) -> None:
        fields = dict(sections[0].rows)
        number, birth = w.person.id_number, w.person.birth_date
        assert fields["ID number"] == (number if shown else people.mask_id_tail(number))
        assert fields["Birth date"] == (birth if shown else birth.year)

    return lambda a: retention.personal_data(a, w.person.id), check


@row("retention.personal_data", "person.read", shows="hardship.read", variant="hardship file")
def _personal_data_hardship(w: World) -> tuple[Call, Check]:
    person = _hardship_person(w)

    def check(sections: list, shown: bool) -> None:
        fields = dict(sections[0].rows)
        assert fields.get("Hardship file") == ("deep" if shown else None)

    return lambda a: retention.personal_data(a, person.id), check


def _personal_data_section(action: str, title: str) -> None:
    @row("retention.personal_data", "person.read", shows=action, variant=title)
    def build(w: World) -> tuple[Call, Check]:
        def check(sections: list, shown: bool) -> None:
            assert (title in {s.title for s in sections}) == shown

        return lambda a: retention.personal_data(a, w.person.id), check


for _action, _title in (
    ("visit.read", "Visits"),
    ("library.read", "Loans"),
    ("event.read", "Event registrations"),
    ("case.read", "Mediation cases"),
):
    _personal_data_section(_action, _title)


# --- visits ---------------------------------------------------------------------------------------

simple("visits.get_service", "catalogue.read", lambda w, a: visits.get_service(a, w.service_ids[0]))
simple("visits.list_services", "catalogue.read", lambda w, a: visits.list_services(a))
simple("visits.search_services", "catalogue.read", lambda w, a: visits.search_services(a, "会员"))
simple(
    "visits.create_service",
    "catalogue.manage",
    lambda w, a: visits.create_service(a, service_input()),
)
simple(
    "visits.update_service",
    "catalogue.manage",
    lambda w, a: visits.update_service(a, w.service_ids[0], service_input()),
)
simple(
    "visits.record_visit",
    "visit.create",
    lambda w, a: visits.record_visit(a, visit_input(w.person.id, w.service_ids[0])),
)
simple(
    "visits.create_outreach",
    "visit.create",
    lambda w, a: visits.create_outreach(
        a,
        organization_id=w.org.id,
        held_on=today() - timedelta(days=1),
        service_ids=w.service_ids[:2],
        notes="进楼宇",
    ),
)
simple("visits.count_visits", "visit.read", lambda w, a: visits.count_visits(a, VisitFilter()))
simple(
    "visits.list_visits",
    "visit.read",
    lambda w, a: visits.list_visits(a, VisitFilter(), offset=0, limit=50),
)
simple("visits.person_visits", "visit.read", lambda w, a: visits.person_visits(a, w.person.id))
simple("visits.day_counts", "visit.read", lambda w, a: visits.day_counts(a))
simple("visits.visits_on", "visit.read", lambda w, a: visits.visits_on(a))
simple("visits.follow_ups", "visit.read", lambda w, a: visits.follow_ups(a))
simple("visits.list_outreach", "visit.read", lambda w, a: visits.list_outreach(a))
simple("visits.month_satisfaction", "visit.read", lambda w, a: visits.month_satisfaction(a))


def _visit(w: World):
    return visits.record_visit(w.admin, visit_input(w.person.id, w.service_ids[0]))


@row("visits.get_visit", "visit.read")
def _get_visit(w: World) -> Call:
    visit = _visit(w)
    return lambda a: visits.get_visit(a, visit.id)


@row("visits.update_visit", "visit.update")
def _update_visit(w: World) -> Call:
    visit = _visit(w)
    return lambda a: visits.update_visit(a, visit.id, visit_input(w.person.id, w.service_ids[1]))


@row("visits.complete_follow_up", "visit.update")
def _complete_follow_up(w: World) -> Call:
    sid = next(s for s in w.service_ids if material_names(s))
    visit = visits.record_visit(
        w.admin,
        VisitInput(
            person_id=w.person.id,
            channel="walk_in",
            purposes=[
                PurposeInput(
                    service_id=sid,
                    outcome="waiting",
                    materials_missing=material_names(sid)[:1],
                    due_on=today() + timedelta(days=3),
                )
            ],
        ),
    )
    waiting = VisitPurpose.get(VisitPurpose.visit == visit.id).id
    return lambda a: visits.complete_follow_up(a, waiting)


@row("visits.record_outreach_visits", "visit.create")
def _record_outreach_visits(w: World) -> Call:
    session = visits.create_outreach(
        w.admin, organization_id=w.org.id, held_on=today(), service_ids=w.service_ids[:2]
    )
    entries = [OutreachEntry(person_id=w.person.id, service_ids=w.service_ids[:1])]
    return lambda a: visits.record_outreach_visits(a, session.id, entries)


@row("visits.export_visits", "visit.export")
def _export_visits(w: World) -> Call:
    _visit(w)
    return lambda a: visits.export_visits(a, VisitFilter(), w.out / "visits.xlsx")


# --- mediation ------------------------------------------------------------------------------------

simple(
    "mediation.file_case",
    "case.create",
    lambda w, a: mediation.file_case(a, case_input(w.person.id, w.org.id)),
)
simple("mediation.filed_by_me", "case.create", lambda w, a: mediation.filed_by_me(a))
simple("mediation.count_cases", "case.read", lambda w, a: mediation.count_cases(a))
simple("mediation.list_cases", "case.read", lambda w, a: mediation.list_cases(a))
simple("mediation.deadlines", "case.read", lambda w, a: mediation.deadlines(a))
simple("mediation.mediators", "case.read", lambda w, a: mediation.mediators(a))
simple("mediation.statistics", "case.read", lambda w, a: mediation.statistics(a, **last_month()))


def _case_reader(name: str) -> None:
    @row(f"mediation.{name}", "case.read")
    def build(w: World) -> Call:
        case = w.case("accepted")
        return lambda a: getattr(mediation, name)(a, case.id)


for _name in (
    "get_case",
    "open_case",
    "case_claims",
    "case_events",
    "case_sessions",
    "case_follow_ups",
    "current_agreement",
    "document_availability",
):
    _case_reader(_name)


@row(
    "mediation.filed_case_summary",
    "case.read",
    note="the staff member who filed the case sees its number and state whatever their roles",
)
def _filed_case_summary(w: World) -> Call:
    case = w.case()
    return lambda a: mediation.filed_case_summary(a, case.id)


@row("mediation.party_ids_for_document", "case.read", "person.view_full_id")
def _party_ids_for_document(w: World) -> Call:
    case = w.case()
    return lambda a: mediation.party_ids_for_document(a, case.id, "application_record")


@row("case_file.case_file", "case.read")
def _case_file(w: World) -> Call:
    case = w.case("not_accepted", "closed")
    return lambda a: case_file.case_file(a, case.id)


@row("case_file.case_file_party_ids", "case.read", "person.view_full_id")
def _case_file_party_ids(w: World) -> Call:
    case = w.case("not_accepted", "closed")
    return lambda a: case_file.case_file_party_ids(a, case.id)


simple("case_file.case_files_due", "case.read", lambda w, a: case_file.case_files_due(a, today()))


@row("case_file.decide_case_file", "case.assign")
def _decide_case_file(w: World) -> Call:
    case = w.case("not_accepted", "closed")
    long_ago = now() - timedelta(days=365 * 12)
    MediationCase.update(closed_at=long_ago).where(MediationCase.id == case.id).execute()
    return lambda a: case_file.decide_case_file(a, case.id, keep_until=None, note="监销销毁")


@row("mediation.employer_history", "case.read")
def _employer_history(w: World) -> Call:
    w.case()
    return lambda a: mediation.employer_history(a, w.org.id)


@row("mediation.export_ledger", "case.export")
def _export_ledger(w: World) -> Call:
    w.case()
    return lambda a: mediation.export_ledger(a, w.out / "ledger.xlsx")


@row("mediation.transition", "case.manage")
def _transition(w: World) -> Call:
    case = w.case()
    return lambda a: mediation.transition(a, case.id, "accepted", reason="材料齐全")


@row("mediation.extend_mediation", "case.manage")
def _extend_mediation(w: World) -> Call:
    case = w.case("accepted")
    return lambda a: mediation.extend_mediation(
        a, case.id, until=today() + timedelta(days=30), note="双方同意延期"
    )


@row("mediation.assign_mediator", "case.assign")
def _assign_mediator(w: World) -> Call:
    case = w.case()
    mediator = w.mediator()
    return lambda a: mediation.assign_mediator(a, case.id, mediator.id, reason="分案")


@row("mediation.add_relation", "case.manage", variant="own")
def _add_own_relation(w: World) -> Call:
    return lambda a: mediation.add_relation(
        a, mediator_id=a.id, relation="邻居", person_id=w.person.id
    )


@row("mediation.add_relation", "case.manage", "case.assign", variant="another mediator's")
def _add_relation(w: World) -> Call:
    mediator = w.mediator()
    return lambda a: mediation.add_relation(
        a, mediator_id=mediator.id, relation="表兄", person_id=w.person.id
    )


@row("mediation.add_session", "case.manage")
def _add_session(w: World) -> Call:
    case = w.case("accepted", "in_mediation")
    data = SessionInput(held_at=now() - timedelta(hours=1), place="调解室", record="双方陈述")
    return lambda a: mediation.add_session(a, case.id, data)


def _agreement_input(**signed: bool) -> AgreementInput:
    return AgreementInput(
        terms="被申请人支付工资12000元。",
        obligations=[ObligationInput("支付工资", "12000", today() + timedelta(days=10))],
        **signed,
    )


@row("mediation.save_agreement", "case.manage")
def _save_agreement(w: World) -> Call:
    case = w.case("accepted", "in_mediation")
    return lambda a: mediation.save_agreement(a, case.id, _agreement_input())


def _effective_agreement(w: World):
    case = w.case("accepted", "in_mediation")
    agreement = mediation.save_agreement(w.admin, case.id, _agreement_input(**ALL_SIGNED))
    mediation.transition(w.admin, case.id, "agreement_effective")
    return agreement


@row("mediation.agreement_obligations", "case.read")
def _agreement_obligations(w: World) -> Call:
    agreement = _effective_agreement(w)
    return lambda a: mediation.agreement_obligations(a, agreement.id)


@row("mediation.record_performance", "case.manage")
def _record_performance(w: World) -> Call:
    agreement = _effective_agreement(w)
    obligation = mediation.agreement_obligations(w.admin, agreement.id)[0]
    return lambda a: mediation.record_performance(
        a, obligation.id, performed_on=today(), amount="12000", proof="银行转账回单"
    )


@row("mediation.add_follow_up", "case.manage")
def _add_follow_up(w: World) -> Call:
    case = w.case()
    return lambda a: mediation.add_follow_up(a, case.id, held_on=today(), notes="协议已履行")


# --- library --------------------------------------------------------------------------------------

simple("library.count_titles", "library.read", lambda w, a: library.count_titles(a))
simple("library.search_titles", "library.read", lambda w, a: library.search_titles(a, "围城"))
simple("library.list_rules", "library.read", lambda w, a: library.list_rules(a))
simple("library.due_soon", "library.read", lambda w, a: library.due_soon(a))
simple("library.overdue_loans", "library.read", lambda w, a: library.overdue_loans(a))
simple("library.statistics", "library.read", lambda w, a: library.statistics(a, **last_month()))
simple("library.borrower_status", "library.read", lambda w, a: library.borrower_status(a, w.reader))
simple(
    "library.find_borrower",
    "library.read",
    lambda w, a: library.find_borrower(a, w.reader.member_card),
)
simple(
    "library.create_title", "library.catalogue", lambda w, a: library.create_title(a, title_input())
)
simple(
    "library.save_rule",
    "library.rules",
    lambda w, a: library.save_rule(
        a,
        RuleInput(
            borrower_category="member", item_type="book", loan_days=30, max_loans=5, renewals=1
        ),
    ),
)
simple(
    "library_import.create_title_with_copy",
    "library.catalogue",
    lambda w, a: library_import.create_title_with_copy(
        a, title_input(), CopyInput(barcode=fresh_code())
    ),
)


def _title_reader(name: str) -> None:
    @row(f"library.{name}", "library.read")
    def build(w: World) -> Call:
        title = w.title()
        new_copy(w.admin, title.id)
        return lambda a: getattr(library, name)(a, title.id)


for _name in ("get_title", "copies_of", "holds_queue"):
    _title_reader(_name)


def _reader_list(name: str) -> None:
    @row(f"library.{name}", "library.read")
    def build(w: World) -> Call:
        library.lend(w.admin, new_copy(w.admin, w.title().id).id, w.reader.id)
        library.place_hold(w.admin, w.title().id, w.reader.id)
        return lambda a: getattr(library, name)(a, w.reader.id)


for _name in ("person_loans", "person_holds"):
    _reader_list(_name)


@row("library.update_title", "library.catalogue")
def _update_title(w: World) -> Call:
    title = w.title()
    return lambda a: library.update_title(a, title.id, title_input())


@row("library.add_copy", "library.catalogue")
def _add_copy(w: World) -> Call:
    title = w.title()
    return lambda a: library.add_copy(a, title.id, CopyInput(barcode=fresh_code()))


@row("library.update_copy", "library.catalogue")
def _update_copy(w: World) -> Call:
    copy = new_copy(w.admin, w.title().id)
    return lambda a: library.update_copy(
        a, copy.id, CopyInput(barcode=copy.barcode, location="B区")
    )


@row("library.withdraw_copy", "library.catalogue")
def _withdraw_copy(w: World) -> Call:
    copy = new_copy(w.admin, w.title().id)
    return lambda a: library.withdraw_copy(a, copy.id, status="lost")


@row("library.deactivate_title", "library.deactivate")
def _deactivate_title(w: World) -> Call:
    title = w.title()
    return lambda a: library.deactivate_title(a, title.id)


@row("library.reactivate_title", "library.deactivate")
def _reactivate_title(w: World) -> Call:
    title = w.title()
    library.deactivate_title(w.admin, title.id)
    return lambda a: library.reactivate_title(a, title.id)


@row("library.delete_title", "library.delete")
def _delete_title(w: World) -> Call:
    title = w.title()
    return lambda a: library.delete_title(a, title.id)


@row("library.delete_copy", "library.delete")
def _delete_copy(w: World) -> Call:
    copy = new_copy(w.admin, w.title().id)
    return lambda a: library.delete_copy(a, copy.id)


@row("library.lend", "library.circulate")
def _lend(w: World) -> Call:
    copy = new_copy(w.admin, w.title().id)
    return lambda a: library.lend(a, copy.id, w.reader.id)


@row("library.scan", "library.circulate")
def _scan(w: World) -> Call:
    copy = new_copy(w.admin, w.title().id)
    return lambda a: library.scan(a, copy.barcode, borrower_id=w.reader.id)


@row("library.return_copy", "library.circulate")
def _return_copy(w: World) -> Call:
    loan = make_loan(w.admin, w.title())
    return lambda a: library.return_copy(a, loan.copy_id)


@row("library.renew", "library.circulate")
def _renew(w: World) -> Call:
    loan = make_loan(w.admin, w.title())
    return lambda a: library.renew(a, loan.id)


@row("library.undo_lend", "library.circulate")
def _undo_lend(w: World) -> Call:
    loan = make_loan(w.admin, w.title())
    return lambda a: library.undo_lend(a, loan.id)


@row("library.undo_return", "library.circulate")
def _undo_return(w: World) -> Call:
    loan = make_loan(w.admin, w.title())
    library.return_copy(w.admin, loan.copy_id)
    return lambda a: library.undo_return(a, loan.id)


@row("library.place_hold", "library.circulate")
def _place_hold(w: World) -> Call:
    title = w.title()
    return lambda a: library.place_hold(a, title.id, w.reader.id)


@row("library.cancel_hold", "library.circulate")
def _cancel_hold(w: World) -> Call:
    hold = library.place_hold(w.admin, w.title().id, w.reader.id)
    return lambda a: library.cancel_hold(a, hold.id)


@row("library_import.import_catalogue", "library.catalogue")
def _import_catalogue(w: World) -> Call:
    path = w.out / "catalogue.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [["书名", "作者", "条码"], ["平凡的世界", "路遥", fresh_code()]]
        )
    return lambda a: library_import.import_catalogue(a, path)


def _roster(w: World) -> Path:
    # Not in w.out: the file brought in holds the whole ID number the import puts on file.
    path = Path(tempfile.mkdtemp()) / f"roster{next(serial)}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [["姓名", "身份证号", "工作单位"], ["孙八", fresh_ric(), "丙公司"]]
        )
    return path


@row("people_import.import_people", "person.create", "person.update", "organization.manage")
def _import_people(w: World) -> Call:
    path = _roster(w)
    return lambda a: people_import.import_people(a, path)


@row("people_import.read_columns", "person.create")
def _read_columns(w: World) -> Call:
    path = _roster(w)
    return lambda a: people_import.read_columns(a, path)


@row(
    "case_import.import_cases", "case.assign", "case.manage", "person.create", "organization.manage"
)
def _import_cases(w: World) -> Call:
    path = Path(tempfile.mkdtemp()) / f"ledger{next(serial)}.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["申请日期", "结案日期", "申请人", "被申请人", "争议类型", "调解结果"],
                ["2023-05-01", "2023-05-09", "孙八", "丙公司", "拖欠工资", "调解不成"],
            ]
        )
    return lambda a: case_import.import_cases(a, path)


@row("library_import.copies_by_barcode", "library.read")
def _copies_by_barcode(w: World) -> Call:
    copy = new_copy(w.admin, w.title().id)
    return lambda a: library_import.copies_by_barcode(a, [copy.barcode])


# --- library: boxes and stocktakes --------------------------------------------------------------

simple("library_boxes.list_boxes", "library.read", lambda w, a: library_boxes.list_boxes(a))
simple("library_boxes.box_loans", "library.read", lambda w, a: library_boxes.box_loans(a))
simple(
    "library_boxes.box_loans_per_site",
    "library.read",
    lambda w, a: library_boxes.box_loans_per_site(a, today() - timedelta(days=30), today()),
)
simple("library_boxes.copy_locations", "library.read", lambda w, a: library_boxes.copy_locations(a))
simple(
    "library_boxes.open_stocktakes", "library.read", lambda w, a: library_boxes.open_stocktakes(a)
)
simple(
    "library_boxes.create_box",
    "library.boxes",
    lambda w, a: library_boxes.create_box(a, barcode=fresh_code("BX"), name="九号书箱"),
)


def _lent_box(w: World):
    box, copy = packed_box(w.admin, w.title())
    loan = library_boxes.lend_box(
        w.admin,
        box.id,
        organization_id=w.org.id,
        contact_name="李经理",
        contact_phone="13800138000",
        starts_on=today(),
        due_on=today() + timedelta(days=90),
    )
    return box, copy, loan


def _box_reader(name: str, target: str) -> None:
    @row(f"library_boxes.{name}", "library.read")
    def build(w: World) -> Call:
        box, copy, loan = _lent_box(w)
        if target == "box_loan":  # returned, so that it has a reconciliation
            library_boxes.return_box(w.admin, loan.id, [copy.barcode])
        record_id = box.id if target == "box" else loan.id
        return lambda a: getattr(library_boxes, name)(a, record_id)


for _name, _target in (
    ("get_box", "box"),
    ("box_contents", "box"),
    ("last_box_loan", "box"),
    ("get_box_loan", "box_loan"),
    ("box_loan_copies", "box_loan"),
    ("reconciliation_of", "box_loan"),
):
    _box_reader(_name, _target)


@row("library_boxes.lookup_copy", "library.read")
def _lookup_copy(w: World) -> Call:
    copy = new_copy(w.admin, w.title().id)
    return lambda a: library_boxes.lookup_copy(a, copy.barcode)


@row("library_boxes.pack", "library.boxes")
def _pack(w: World) -> Call:
    box = new_box(w.admin)
    copy = new_copy(w.admin, w.title().id)
    return lambda a: library_boxes.pack(a, box.id, [copy.barcode])


@row("library_boxes.unpack", "library.boxes")
def _unpack(w: World) -> Call:
    box, copy = packed_box(w.admin, w.title())
    return lambda a: library_boxes.unpack(a, box.id, [copy.barcode])


@row("library_boxes.lend_box", "library.boxes")
def _lend_box(w: World) -> Call:
    box, _copy = packed_box(w.admin, w.title())
    return lambda a: library_boxes.lend_box(
        a,
        box.id,
        organization_id=w.org.id,
        contact_name="李经理",
        contact_phone="13800138000",
        starts_on=today(),
        due_on=today() + timedelta(days=90),
    )


@row("library_boxes.return_box", "library.boxes")
def _return_box(w: World) -> Call:
    _box, copy, loan = _lent_box(w)
    return lambda a: library_boxes.return_box(a, loan.id, [copy.barcode])


def _stocktake(w: World):
    copy = new_copy(w.admin, w.title().id, location="A区")
    return library_boxes.start_stocktake(w.admin, location="A区"), copy


@row("library_boxes.start_stocktake", "library.catalogue")
def _start_stocktake(w: World) -> Call:
    new_copy(w.admin, w.title().id, location="A区")
    return lambda a: library_boxes.start_stocktake(a, location="A区")


@row("library_boxes.stocktake_scan", "library.catalogue")
def _stocktake_scan(w: World) -> Call:
    stocktake, copy = _stocktake(w)
    return lambda a: library_boxes.stocktake_scan(
        a, stocktake.id, copy.barcode, location_seen="A区"
    )


@row("library_boxes.finish_stocktake", "library.catalogue")
def _finish_stocktake(w: World) -> Call:
    stocktake, _copy = _stocktake(w)
    return lambda a: library_boxes.finish_stocktake(a, stocktake.id)


def _stocktake_reader(name: str) -> None:
    @row(f"library_boxes.{name}", "library.read")
    def build(w: World) -> Call:
        stocktake, copy = _stocktake(w)
        library_boxes.stocktake_scan(w.admin, stocktake.id, copy.barcode, location_seen="A区")
        return lambda a: getattr(library_boxes, name)(a, stocktake.id)


for _name in ("get_stocktake", "stocktake_progress", "stocktake_result"):
    _stocktake_reader(_name)


# --- events ---------------------------------------------------------------------------------------

simple("events.list_events", "event.read", lambda w, a: events.list_events(a))
simple("events.list_series", "event.read", lambda w, a: events.list_series(a))
simple("events.decisions_due", "event.read", lambda w, a: events.decisions_due(a))
simple("events.coverage", "event.read", lambda w, a: events.coverage(a, **last_month()))

# --- the Today tab (issue #11) ------------------------------------------------------------------

for _name, _action, _ in today_service.SECTIONS:
    _fn = getattr(
        today_service,
        {
            "visits": "visits_today",
            "follow_ups": "follow_ups_due",
            "cases": "case_deadlines",
            "sessions": "sessions_today",
            "case_files": "case_files_past_retention",
            "loans": "loans_due",
            "boxes": "boxes_due",
            "events": "events_this_week",
            "coverage": "coverage_warnings",
            "rooms": "room_bookings_today",
            "birthdays": "birthdays",
            "hardship": "hardship_due",
            "workplaces": "workplaces_without_union",
            "contracts": "contracts_expiring",
            "congresses": "congresses_overdue",
        }[_name],
    )
    simple(f"today.{_fn.__name__}", _action, lambda w, a, f=_fn: f(a, today()))
simple("today.birthday_list", "person.read", lambda w, a: today_service.birthday_list(a, today()))

# --- the report to the district union (issue #11) -------------------------------------------


def _report_area(area: str, action: str) -> None:
    """The report runs for every role; an area the role may not read is left out."""

    @row("reports.station_report", "report.view", shows=action, variant=area)
    def build(w: World) -> tuple[Call, Check]:
        def call(a: Staff) -> object:
            return reports.station_report(a, today().replace(day=1), today() + timedelta(days=1))

        def check(result: object, allowed: bool) -> None:
            figures = getattr(result, area, None)
            if area == "hardship":
                figures = result.visits.hardship if result.visits else None
            assert (figures is not None) == allowed

        return call, check


for _area, _action in (
    ("visits", "visit.read"),
    ("cases", "case.read"),
    ("library", "library.read"),
    ("events", "event.read"),
    ("hardship", "hardship.read"),
):
    _report_area(_area, _action)


simple(
    "reports.period_report",
    "report.view",
    lambda w, a: reports.period_report(a, reports.month_period(f"{today():%Y-%m}")),
)
simple("reports.month_report", "report.view", lambda w, a: reports.month_report(a, "2026-10"))
simple("reports.year_report", "report.view", lambda w, a: reports.year_report(a, "2026"))

simple("events.statistics", "event.read", lambda w, a: events.statistics(a, **last_month()))
simple(
    "events.person_registrations",
    "event.read",
    lambda w, a: events.person_registrations(a, w.person.id),
)
simple("events.create_event", "event.manage", lambda w, a: events.create_event(a, event_input()))
simple(
    "events.save_series",
    "event.manage",
    lambda w, a: events.save_series(a, name=f"读书会{next(serial)}", max_per_person=2),
)


def _event_reader(name: str) -> None:
    @row(f"events.{name}", "event.read")
    def build(w: World) -> Call:
        event = w.event()
        events.register(w.admin, event.id, w.person.id)
        return lambda a: getattr(events, name)(a, event.id)


for _name in ("get_event", "roster", "event_quotas"):
    _event_reader(_name)


@row("events.export_roster", "event.read")
def _export_roster(w: World) -> Call:
    event = w.event()
    events.register(w.admin, event.id, w.person.id)
    return lambda a: events.export_roster(a, event.id, w.out / "roster.xlsx")


@row("events.update_event", "event.manage")
def _update_event(w: World) -> Call:
    event = w.event()
    return lambda a: events.update_event(a, event.id, event_input(capacity=20))


@row("events.close_event", "event.manage")
def _close_event(w: World) -> Call:
    event = w.event()
    return lambda a: events.close_event(a, event.id)


@row("events.cancel_event", "event.manage")
def _cancel_event(w: World) -> Call:
    event = w.event()
    events.register(w.admin, event.id, w.person.id)
    return lambda a: events.cancel_event(a, event.id, reason="天气原因")


@row("events.delete_event", "event.delete")
def _delete_event(w: World) -> Call:
    event = w.event()
    return lambda a: events.delete_event(a, event.id)


@row("events.register", "event.register")
def _register(w: World) -> Call:
    event = w.event()
    return lambda a: events.register(a, event.id, w.person.id)


@row("events.cancel_registration", "event.register")
def _cancel_registration(w: World) -> Call:
    event = w.event()
    registration = events.register(w.admin, event.id, w.person.id)
    return lambda a: events.cancel_registration(a, registration.id, reason="临时加班")


def _full_event(w: World, **fields: object):
    """An event of one place, taken, and a second person on its waitlist."""
    event = w.event(capacity=1, **fields)
    first = events.register(w.admin, event.id, new_person(w.admin).id)
    second = events.register(w.admin, event.id, new_person(w.admin).id, waitlist_if_full=True)
    return event, first, second


@row("events.accept_offer", "event.register")
def _accept_offer(w: World) -> Call:
    _event, first, second = _full_event(w, mode="offer")
    events.cancel_registration(w.admin, first.id)
    return lambda a: events.accept_offer(a, second.id)


@row("events.expire_offers", "event.register")
def _expire_offers(w: World) -> Call:
    event, first, _second = _full_event(w, mode="offer")
    events.cancel_registration(w.admin, first.id)
    return lambda a: events.expire_offers(a, event.id)


@row("events.set_priority", "event.manage")
def _set_priority(w: World) -> Call:
    _event, _first, second = _full_event(w)
    return lambda a: events.set_priority(a, second.id, priority=5, reason="困难职工优先")


@row("events.check_in", "event.register")
def _check_in(w: World) -> Call:
    event = w.event()
    events.register(w.admin, event.id, w.person.id)
    return lambda a: events.check_in(a, event.id, w.person.id)


@row("events.mark_attendance", "event.register")
def _mark_attendance(w: World) -> Call:
    event = w.event()
    events.register(w.admin, event.id, w.person.id)
    return lambda a: events.mark_attendance(a, event.id, [w.person.name])


# --- rooms (issue 24) ---------------------------------------------------------------------------


def _room(w: World, kind: str = "decompression"):
    return rooms.create_room(w.admin, rooms.RoomInput(name=f"活动室{next(serial)}", kind=kind))


def _open_slot(room) -> datetime:
    """10:00 on the first day the room is open, a week or more from now."""
    day = today() + timedelta(days=7)
    while rooms.day_hours(room, day, {})[0] is None:
        day += timedelta(days=1)
    return datetime.combine(day, time(10, 0))


def _room_booking(w: World, kind: str = "decompression", hour: int = 10):
    room = _room(w, kind)
    start = _open_slot(room).replace(hour=hour)
    return rooms.book(w.admin, rooms.BookingInput(room.id, w.person.id, start))


def _booking_today(w: World, starts_at: datetime):
    """A booking written directly (the service refuses past times and closed days)."""
    room = _room(w)
    return RoomBooking.create(
        room=room.id,
        person=w.person.id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=1),
        state="booked",
        staff=w.admin.id,
    )


def _booker_shown(view: Any, shown: bool) -> None:
    assert view.hidden is not shown
    assert view.person_name == ("李娜" if shown else "")


simple("rooms.list_rooms", "room.read", lambda w, a: rooms.list_rooms(a))
simple(
    "rooms.create_room",
    "room.manage",
    lambda w, a: rooms.create_room(a, rooms.RoomInput(name="职工之家", kind="activity")),
)
simple("rooms.counsellors", "room.read", lambda w, a: rooms.counsellors(a))
simple(
    "rooms.closed_days",
    "room.read",
    lambda w, a: rooms.closed_days(a, today(), today() + timedelta(days=30)),
)
simple(
    "rooms.add_closed_day",
    "room.manage",
    lambda w, a: rooms.add_closed_day(a, today() + timedelta(days=3), "消防检查"),
)
simple(
    "rooms.roster",
    "room.read",
    lambda w, a: rooms.roster(a, today(), today() + timedelta(days=7)),
)
simple("rooms.my_sessions", "room.confidential", lambda w, a: rooms.my_sessions(a))
simple("rooms.usage", "room.read", lambda w, a: rooms.usage(a, **last_month()))


@row("rooms.update_room", "room.manage")
def _update_room(w: World) -> Call:
    room = _room(w)
    return lambda a: rooms.update_room(
        a, room.id, rooms.RoomInput(name=room.name, kind="decompression", capacity=2)
    )


@row("rooms.remove_closed_day", "room.manage")
def _remove_closed_day(w: World) -> Call:
    day = today() + timedelta(days=4)
    rooms.add_closed_day(w.admin, day, "")
    return lambda a: rooms.remove_closed_day(a, day)


def _counsellor(w: World) -> Staff:
    return Staff.create(
        username=f"counsellor{next(serial)}",
        display_name="赵老师",
        roles="counsellor",
        password_hash="-",
    )


@row("rooms.add_duty", "room.manage")
def _add_duty(w: World) -> Call:
    counsellor = _counsellor(w)
    start = datetime.combine(today() + timedelta(days=2), time(9, 0))
    return lambda a: rooms.add_duty(a, counsellor.id, start, start + timedelta(hours=3))


@row("rooms.remove_duty", "room.manage")
def _remove_duty(w: World) -> Call:
    start = datetime.combine(today() + timedelta(days=2), time(9, 0))
    duty = rooms.add_duty(w.admin, _counsellor(w).id, start, start + timedelta(hours=3))
    return lambda a: rooms.remove_duty(a, duty.id)


@row("rooms.book", "room.book")
def _book_room(w: World) -> Call:
    room = _room(w, "activity")
    start = _open_slot(room)
    return lambda a: rooms.book(a, rooms.BookingInput(room.id, w.person.id, start))


@row("rooms.move_booking", "room.book")
def _move_booking(w: World) -> Call:
    booking = _room_booking(w)
    return lambda a: rooms.move_booking(a, booking.id, booking.starts_at + timedelta(hours=1))


@row("rooms.cancel_booking", "room.book")
def _cancel_booking(w: World) -> Call:
    booking = _room_booking(w)
    return lambda a: rooms.cancel_booking(a, booking.id)


@row("rooms.check_in", "room.book")
def _check_in_room(w: World) -> Call:
    booking = _booking_today(w, now().replace(second=0, microsecond=0))
    return lambda a: rooms.check_in(a, booking.id)


@row("rooms.mark_no_show", "room.book")
def _no_show(w: World) -> Call:
    booking = _booking_today(w, now().replace(second=0, microsecond=0) - timedelta(days=1))
    return lambda a: rooms.mark_no_show(a, booking.id)


simple("rooms.rooms_of_kind", "room.read", lambda w, a: rooms.rooms_of_kind(a, "mediation"))


@row("rooms.check_room", "room.read")
def _check_room(w: World) -> Call:
    room = _room(w, "activity")
    start = _open_slot(room)
    return lambda a: rooms.check_room(
        a, room.id, start, start + timedelta(hours=1), kind="activity"
    )


def _plan(w: World, room_id: int | None = None) -> tuple[Any, Any]:
    case = w.case("accepted", "in_mediation")
    start = _open_slot(_room(w, "other")) if room_id is None else None
    if room_id is not None:
        start = _open_slot(Room.get_by_id(room_id))
    return case, mediation.PlanInput(start, 60, room_id, "" if room_id else "街道会议室")


@row("mediation.plan_session", "case.manage", "room.book")
def _plan_session(w: World) -> Call:
    room = _room(w, "mediation")
    case, data = _plan(w, room.id)
    return lambda a: mediation.plan_session(a, case.id, data)


@row("mediation.move_planned_session", "case.manage")
def _move_planned(w: World) -> Call:
    case, data = _plan(w)
    planned = mediation.plan_session(w.admin, case.id, data)
    later = mediation.PlanInput(data.starts_at + timedelta(hours=2), 60, None, "街道会议室")
    return lambda a: mediation.move_planned_session(a, planned.id, later)


@row("mediation.cancel_planned_session", "case.manage")
def _cancel_planned(w: World) -> Call:
    case, data = _plan(w)
    planned = mediation.plan_session(w.admin, case.id, data)
    return lambda a: mediation.cancel_planned_session(a, planned.id)


@row("mediation.planned_sessions", "case.read")
def _planned_sessions(w: World) -> Call:
    case, _data = _plan(w)
    return lambda a: mediation.planned_sessions(a, case.id)


simple("mediation.sessions_planned_on", "case.read", lambda w, a: mediation.sessions_planned_on(a))


@row("rooms.get_booking", "room.read", shows="room.confidential")
def _get_booking(w: World) -> tuple[Call, Check]:
    booking = _room_booking(w)
    return lambda a: rooms.get_booking(a, booking.id), _booker_shown


@row("rooms.week", "room.read", shows="room.confidential")
def _room_week(w: World) -> tuple[Call, Check]:
    booking = _room_booking(w)
    monday = rooms.monday_of(booking.starts_at.date())

    def check(week: Any, shown: bool) -> None:
        row = week.times.index(booking.starts_at.time())
        _booker_shown(week.slot(row, booking.starts_at.weekday()).booking, shown)

    return lambda a: rooms.week(a, booking.room_id, monday), check


@row("rooms.bookings_on", "room.read", shows="room.confidential")
def _bookings_on(w: World) -> tuple[Call, Check]:
    booking = _room_booking(w)

    def check(found: Any, shown: bool) -> None:
        _booker_shown(found[0], shown)

    return lambda a: rooms.bookings_on(a, booking.starts_at.date()), check


@row("rooms.bookings_of_person", "room.read", shows="room.confidential")
def _bookings_of_person(w: World) -> tuple[Call, Check]:
    _room_booking(w)
    _room_booking(w, "activity", hour=14)

    def check(found: Any, shown: bool) -> None:
        assert sorted(b.room_kind for b in found) == (
            ["activity", "decompression"] if shown else ["activity"]
        )

    return lambda a: rooms.bookings_of_person(a, w.person.id), check


# --- member services: membership and 京卡 (issue 25) -------------------------------------------


def _joined(w: World) -> Person:
    if not Person.get_by_id(w.person.id).is_member:
        members.record_membership(w.admin, w.person.id, members.MembershipInput("joined"))
    return w.person


def _applied(w: World) -> Any:
    return members.apply_for_card(w.admin, _joined(w).id)


simple(
    "members.membership_history",
    "member.read",
    lambda w, a: members.membership_history(a, w.person.id),
)
simple(
    "members.cards_of_person", "member.read", lambda w, a: members.cards_of_person(a, w.reader.id)
)
simple("members.current_card", "member.read", lambda w, a: members.current_card(a, w.reader.id))
simple("members.card_visits", "member.read", lambda w, a: members.card_visits(a, w.person.id))
simple("members.card_offer", "member.update", lambda w, a: members.card_offer(a, 0))
simple("members.member_tables", "member.read", lambda w, a: members.member_tables(a, w.reader.id))
simple("members.count_waiting", "member.read", lambda w, a: members.count_waiting(a))
simple("members.waiting_cards", "member.read", lambda w, a: members.waiting_cards(a))
simple(
    "members.find_card",
    "member.read",
    lambda w, a: members.find_card(a, w.reader.member_card),
)
simple(
    "members.record_membership",
    "member.update",
    lambda w, a: members.record_membership(a, w.person.id, members.MembershipInput("joined")),
)


@row("members.apply_for_card", "member.update")
def _apply_for_card(w: World) -> Call:
    _joined(w)
    return lambda a: members.apply_for_card(a, w.person.id)


@row("members.issue_card", "member.update")
def _issue_card(w: World) -> Call:
    card = _applied(w)
    return lambda a: members.issue_card(a, card.id, fresh_card())


@row("members.issue_card_directly", "member.update")
def _issue_card_directly(w: World) -> Call:
    _joined(w)
    return lambda a: members.issue_card_directly(a, w.person.id, fresh_card())


@row("members.report_card_lost", "member.update")
def _report_card_lost(w: World) -> Call:
    card = members.current_card(w.admin, w.reader.id)
    return lambda a: members.report_card_lost(a, card.id)


@row("members.replace_card", "member.update")
def _replace_card(w: World) -> Call:
    card = members.current_card(w.admin, w.reader.id)
    return lambda a: members.replace_card(a, card.id, fresh_card())


@row("members.cancel_card", "member.update")
def _cancel_card(w: World) -> Call:
    card = _applied(w)
    return lambda a: members.cancel_card(a, card.id, reason="本人放弃")


# --- mutual-aid cover -------------------------------------------------------------------------


def _aid_plan(w: World, **fields: object):
    year = today().year
    values: dict[str, object] = dict(
        name=f"住院互助{next(serial)}",
        kind="hospital",
        year=year,
        cover_start=date(year, 1, 1),
        cover_end=date(year, 12, 31),
        premium="30",
        benefit_kind="rate",
        rate="50",
        materials=["出院小结"],
    )
    values.update(fields)
    return mutual_aid.create_plan(w.admin, mutual_aid.PlanInput(**values))


def _aid_enrolment(w: World):
    plan = _aid_plan(w)
    return mutual_aid.enrol(
        w.admin, w.person.id, plan.id, enrolled_on=plan.cover_start, organization_id=w.org.id
    )


def _aid_claim_input(enrolment_id: int) -> mutual_aid.ClaimInput:
    return mutual_aid.ClaimInput(
        enrolment_id=enrolment_id,
        admitted_on=today(),
        discharged_on=today(),
        claimed_on=today(),
        total_expenses="3000",
        insurance_paid="1000",
        materials_done=["出院小结"],
        diagnosis="阑尾炎",
    )


def _aid_claim(w: World, *steps: str):
    consent.record_consent(w.admin, w.person.id, "health", "written")
    claim = mutual_aid.submit_claim(w.admin, _aid_claim_input(_aid_enrolment(w).id))
    if "approve" in steps:
        mutual_aid.approve_claim(w.admin, claim.id)
    if "return" in steps:
        mutual_aid.return_claim(w.admin, claim.id, "缺票据")
    return claim


def _aid_claims_shown(result: Any, allowed: bool) -> None:
    assert any(kind == "claim" for kind, _row in result) == allowed


def _aid_claim_section_shown(result: Any, allowed: bool) -> None:
    assert (len(result) == 2) == allowed


simple("mutual_aid.list_plans", "aid.read", lambda w, a: mutual_aid.list_plans(a))


@row("mutual_aid.create_plan", "aid.plans")
def _create_aid_plan(w: World) -> Call:
    year = today().year
    data = mutual_aid.PlanInput(
        name="意外伤害互助保障",
        kind="accident",
        year=year,
        cover_start=date(year, 1, 1),
        cover_end=date(year, 12, 31),
        premium="10",
        benefit_kind="fixed",
        fixed_sum="2000",
    )
    return lambda a: mutual_aid.create_plan(a, data)


simple(
    "mutual_aid.count_enrolments",
    "aid.read",
    lambda w, a: mutual_aid.count_enrolments(a, mutual_aid.EnrolmentFilter()),
)
simple(
    "mutual_aid.list_enrolments",
    "aid.read",
    lambda w, a: mutual_aid.list_enrolments(a, mutual_aid.EnrolmentFilter()),
)
simple(
    "mutual_aid.list_claims",
    "aid.claims",
    lambda w, a: mutual_aid.list_claims(a, mutual_aid.ClaimFilter()),
)
simple(
    "mutual_aid.count_claims",
    "aid.claims",
    lambda w, a: mutual_aid.count_claims(a, mutual_aid.ClaimFilter()),
)
simple("mutual_aid.aid_figures", "aid.read", lambda w, a: mutual_aid.aid_figures(a, **last_month()))


@row("mutual_aid.update_plan", "aid.plans")
def _update_aid_plan(w: World) -> Call:
    plan = _aid_plan(w)
    year = today().year
    return lambda a: mutual_aid.update_plan(
        a,
        plan.id,
        mutual_aid.PlanInput(
            name=plan.name,
            kind="hospital",
            year=year,
            cover_start=date(year, 1, 1),
            cover_end=date(year, 12, 31),
            premium="40",
            benefit_kind="rate",
            rate="60",
        ),
    )


@row("mutual_aid.get_plan", "aid.read")
def _get_aid_plan(w: World) -> Call:
    plan = _aid_plan(w)
    return lambda a: mutual_aid.get_plan(a, plan.id)


@row("mutual_aid.enrol", "aid.enrol")
def _enrol(w: World) -> Call:
    plan = _aid_plan(w)
    return lambda a: mutual_aid.enrol(
        a, w.person.id, plan.id, enrolled_on=plan.cover_start, organization_id=w.org.id
    )


@row("mutual_aid.import_enrolments", "aid.enrol")
def _import_enrolments(w: World) -> Call:
    from openpyxl import Workbook

    plan = _aid_plan(w)
    book = Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append([w.person.name, w.person.id_number])
    path = w.out.parent / "list.xlsx"
    book.save(path)
    return lambda a: mutual_aid.import_enrolments(
        a, path, plan.id, enrolled_on=plan.cover_start, organization_id=w.org.id
    )


@row("mutual_aid.submit_claim", "aid.claims")
def _submit_claim(w: World) -> Call:
    consent.record_consent(w.admin, w.person.id, "health", "written")
    enrolment = _aid_enrolment(w)
    return lambda a: mutual_aid.submit_claim(a, _aid_claim_input(enrolment.id))


@row("mutual_aid.tick_materials", "aid.claims")
def _tick_materials(w: World) -> Call:
    claim = _aid_claim(w)
    return lambda a: mutual_aid.tick_materials(a, claim.id, [])


@row("mutual_aid.return_claim", "aid.claims")
def _return_claim(w: World) -> Call:
    claim = _aid_claim(w)
    return lambda a: mutual_aid.return_claim(a, claim.id, "缺出院小结")


@row("mutual_aid.resubmit_claim", "aid.claims")
def _resubmit_claim(w: World) -> Call:
    claim = _aid_claim(w, "return")
    return lambda a: mutual_aid.resubmit_claim(a, claim.id, ["出院小结"])


@row("mutual_aid.approve_claim", "aid.decide")
def _approve_claim(w: World) -> Call:
    claim = _aid_claim(w)
    return lambda a: mutual_aid.approve_claim(a, claim.id)


@row("mutual_aid.refuse_claim", "aid.decide")
def _refuse_claim(w: World) -> Call:
    claim = _aid_claim(w)
    return lambda a: mutual_aid.refuse_claim(a, claim.id, "不在保障范围")


@row("mutual_aid.pay_claim", "aid.decide")
def _pay_claim(w: World) -> Call:
    claim = _aid_claim(w, "approve")
    return lambda a: mutual_aid.pay_claim(a, claim.id, paid_on=today())


@row("mutual_aid.get_claim", "aid.claims")
def _get_claim(w: World) -> Call:
    claim = _aid_claim(w)
    return lambda a: mutual_aid.get_claim(a, claim.id)


@row("mutual_aid.cover_of_person", "aid.read", shows="aid.claims")
def _cover_of_person(w: World) -> tuple[Call, Check]:
    _aid_claim(w)
    return lambda a: mutual_aid.cover_of_person(a, w.person.id), _aid_claims_shown


@row("mutual_aid.personal_data", "aid.read", shows="aid.claims")
def _aid_personal_data(w: World) -> tuple[Call, Check]:
    _aid_claim(w)
    return lambda a: mutual_aid.personal_data(a, w.person.id), _aid_claim_section_shown


# --- welfare rounds (issue 25) -------------------------------------------------------------------


def _welfare_round(w: World, kind: str = "cooling", budget: str | None = None) -> int:
    return welfare.create_round(
        w.admin,
        welfare.RoundInput(
            name=f"送清凉{next(serial)}",
            kind=kind,
            starts_on=today().replace(day=1),
            ends_on=today().replace(day=28),
            items="防暑降温包",
            item_value="50",
            budget=budget,
        ),
    ).id


def _hardship_recipient(w: World) -> int:
    consent.record_consent(w.admin, w.person.id, "hardship", "written")
    consent.save_hardship_file(w.admin, w.person.id, "deep", "家中有重病患者")
    round_id = _welfare_round(w)
    welfare.add_by_rule(w.admin, round_id, "hardship")
    return round_id


def _welfare_recipient(w: World, kind: str = "cooling") -> int:
    round_id = _welfare_round(w, kind)
    welfare.add_person(w.admin, round_id, w.person.id)
    return welfare.list_recipients(w.admin, round_id)[0].id


def _reason_shown(views: Any, shown: bool) -> None:
    assert [v.source for v in views] == ["hardship" if shown else "rule"]


simple(
    "welfare.create_round",
    "welfare.manage",
    lambda w, a: welfare.create_round(
        a,
        welfare.RoundInput(
            name="节日送温暖",
            kind="warmth",
            starts_on=today(),
            ends_on=today() + timedelta(days=20),
            amount="200",
        ),
    ),
)
simple("welfare.list_rounds", "welfare.read", lambda w, a: welfare.list_rounds(a))
simple("welfare.count_rounds", "welfare.read", lambda w, a: welfare.count_rounds(a))
simple(
    "welfare.welfare_figures",
    "welfare.read",
    lambda w, a: welfare.welfare_figures(a, start=today().replace(day=1), end=today()),
)
simple(
    "welfare.rounds_of_person",
    "welfare.read",
    lambda w, a: welfare.rounds_of_person(a, w.person.id),
)
simple(
    "welfare.personal_data_rows",
    "welfare.read",
    lambda w, a: welfare.personal_data_rows(a, w.person.id),
)
simple("welfare.greeted", "welfare.read", lambda w, a: welfare.greeted(a, [w.person.id]))
simple(
    "welfare.covered",
    "welfare.read",
    lambda w, a: list(welfare.covered(a, "cooling", today(), today(), delivered=True)),
)


# --- workplace union work (issue #26) -----------------------------------------------------------


def _building(w: World) -> int:
    return workplaces.create_building(
        w.admin, workplaces.BuildingInput(name=f"国际大厦{next(serial)}")
    ).id


simple("workplaces.list_workplaces", "workplace.read", lambda w, a: workplaces.list_workplaces(a))
simple("workplaces.count_workplaces", "workplace.read", lambda w, a: workplaces.count_workplaces(a))
simple(
    "workplaces.get_workplace", "workplace.read", lambda w, a: workplaces.get_workplace(a, w.org.id)
)
simple(
    "workplaces.large_without_union_ids",
    "workplace.read",
    lambda w, a: list(workplaces.large_without_union_ids(a)),
)
simple(
    "workplaces.large_without_union",
    "workplace.read",
    lambda w, a: workplaces.large_without_union(a),
)
simple(
    "workplaces.workplace_figures",
    "workplace.read",
    lambda w, a: workplaces.workplace_figures(a, start=today().replace(day=1), end=today()),
)
simple(
    "workplaces.founding_steps",
    "workplace.read",
    lambda w, a: workplaces.founding_steps(a, w.org.id),
)
simple("workplaces.search_buildings", "workplace.read", lambda w, a: workplaces.search_buildings(a))
row("workplaces.workplace_people", "workplace.read", "person.read")(
    lambda w: lambda a: workplaces.workplace_people(a, w.org.id)
)
row("workplaces.workplace_visits", "workplace.read", "visit.read")(
    lambda w: lambda a: workplaces.workplace_visits(a, w.org.id)
)
row("workplaces.workplace_outreach", "workplace.read", "visit.read")(
    lambda w: lambda a: workplaces.workplace_outreach(a, w.org.id)
)
row("workplaces.workplace_cases", "workplace.read", "case.read")(
    lambda w: lambda a: workplaces.workplace_cases(a, w.org.id)
)
row("workplaces.get_building", "workplace.read")(
    lambda w: (lambda b: lambda a: workplaces.get_building(a, b))(_building(w))
)
simple(
    "workplaces.create_building",
    "workplace.manage",
    lambda w, a: workplaces.create_building(
        a, workplaces.BuildingInput(name=f"国际大厦{next(serial)}")
    ),
)
row("workplaces.update_building", "workplace.manage")(
    lambda w: (
        lambda b: (
            lambda a: workplaces.update_building(
                a, b, workplaces.BuildingInput(name=f"国际大厦{next(serial)}")
            )
        )
    )(_building(w))
)
row("workplaces.deactivate_building", "workplace.manage")(
    lambda w: (lambda b: lambda a: workplaces.deactivate_building(a, b))(_building(w))
)


@row("workplaces.reactivate_building", "workplace.manage")
def _reactivate_building(w: World) -> Call:
    building = _building(w)
    workplaces.deactivate_building(w.admin, building)
    return lambda a: workplaces.reactivate_building(a, building)


simple(
    "workplaces.update_profile",
    "workplace.manage",
    lambda w, a: workplaces.update_profile(a, w.org.id, workplaces.WorkplaceProfile(employees=30)),
)
simple(
    "workplaces.set_union_status",
    "workplace.founding",
    lambda w, a: workplaces.set_union_status(a, w.org.id, "preparing", preparing_since=today()),
)
simple(
    "workplaces.mark_founding_step",
    "workplace.founding",
    lambda w, a: workplaces.mark_founding_step(a, w.org.id, "contacted", today()),
)


@row("workplaces.undo_founding_step", "workplace.founding")
def _undo_founding_step(w: World) -> Call:
    workplaces.mark_founding_step(w.admin, w.org.id, "applied", today())
    return lambda a: workplaces.undo_founding_step(a, w.org.id, "applied")


@row("welfare.update_round", "welfare.manage")
def _update_welfare_round(w: World) -> Call:
    round_id = _welfare_round(w)
    return lambda a: welfare.update_round(
        a,
        round_id,
        welfare.RoundInput(
            name="送清凉（第二批）",
            kind="cooling",
            starts_on=today(),
            ends_on=today() + timedelta(days=10),
            items="防暑降温包",
        ),
    )


@row("welfare.get_round", "welfare.read")
def _get_welfare_round(w: World) -> Call:
    round_id = _welfare_round(w)
    return lambda a: welfare.get_round(a, round_id)


@row("welfare.round_totals", "welfare.read")
def _welfare_totals(w: World) -> Call:
    round_id = _welfare_round(w)
    return lambda a: welfare.round_totals(a, round_id)


@row("welfare.add_by_rule", "welfare.manage", variant="workplace")
def _add_by_workplace(w: World) -> Call:
    round_id = _welfare_round(w)
    return lambda a: welfare.add_by_rule(a, round_id, "workplace", workplace_ids=[w.org.id])


@row("welfare.add_by_rule", "welfare.manage", "hardship.read", variant="hardship file")
def _add_by_hardship(w: World) -> Call:
    consent.record_consent(w.admin, w.person.id, "hardship", "written")
    consent.save_hardship_file(w.admin, w.person.id, "deep", "家中有重病患者")
    round_id = _welfare_round(w)
    return lambda a: welfare.add_by_rule(a, round_id, "hardship")


@row("welfare.add_person", "welfare.manage")
def _add_welfare_person(w: World) -> Call:
    round_id = _welfare_round(w)
    return lambda a: welfare.add_person(a, round_id, w.person.id)


@row("welfare.list_recipients", "welfare.read", shows="hardship.read", variant="hardship file")
def _list_welfare_recipients(w: World) -> tuple[Call, Check]:
    round_id = _hardship_recipient(w)
    return lambda a: welfare.list_recipients(a, round_id), _reason_shown


@row("welfare.sheet_rows", "welfare.read", shows="hardship.read", variant="hardship file")
def _welfare_sheet(w: World) -> tuple[Call, Check]:
    round_id = _hardship_recipient(w)
    return lambda a: welfare.sheet_rows(a, round_id), _reason_shown


@row("welfare.count_recipients", "welfare.read")
def _count_welfare_recipients(w: World) -> Call:
    round_id = _hardship_recipient(w)
    return lambda a: welfare.count_recipients(a, round_id)


@row("welfare.deliver", "welfare.deliver")
def _deliver_welfare(w: World) -> Call:
    recipient = _welfare_recipient(w)
    return lambda a: welfare.deliver(a, recipient, collected_by="李娜之母", relation="母女")


@row("welfare.undo_delivery", "welfare.deliver")
def _undo_welfare_delivery(w: World) -> Call:
    recipient = _welfare_recipient(w)
    welfare.deliver(w.admin, recipient)
    return lambda a: welfare.undo_delivery(a, recipient)


@row("welfare.remove_recipient", "welfare.manage")
def _remove_welfare_recipient(w: World) -> Call:
    recipient = _welfare_recipient(w)
    return lambda a: welfare.remove_recipient(a, recipient)


@row("welfare.record_greeting", "welfare.deliver")
def _record_greeting(w: World) -> Call:
    _welfare_recipient(w, "birthday")
    return lambda a: welfare.record_greeting(a, w.person.id)


# --- workplace union work (issue #26) ------------------------------------------------------------


def _uw_term(**kw: Any) -> union_work.ContractInput:
    start = today() - timedelta(days=30)
    data: dict[str, Any] = {
        "kind": "wage",
        "signed_on": start,
        "starts_on": start,
        "ends_on": start + timedelta(days=400),
    }
    data.update(kw)
    return union_work.ContractInput(**data)


def _uw_building(w: World) -> int:
    building = Building.create(name=f"国际大厦{next(serial)}", federation_name="楼宇联合会")
    Organization.update(building=building.id).where(Organization.id == w.org.id).execute()
    return building.id


def _uw_congress(w: World) -> union_work.CongressInput:
    return union_work.CongressInput(held_on=today(), delegates=30)


def _uw_check(w: World) -> union_work.CheckInput:
    return union_work.CheckInput(checked_on=today(), rating="good", findings="公开栏内容齐全")


simple(
    "union_work.record_congress",
    "workplace.agreements",
    lambda w, a: union_work.record_congress(a, w.org.id, _uw_congress(w)),
)
simple(
    "union_work.record_contract",
    "workplace.agreements",
    lambda w, a: union_work.record_contract(a, w.org.id, _uw_term()),
)
simple(
    "union_work.record_check",
    "workplace.agreements",
    lambda w, a: union_work.record_check(a, w.org.id, _uw_check(w)),
)
simple(
    "union_work.list_congresses",
    "workplace.read",
    lambda w, a: union_work.list_congresses(a, w.org.id),
)
simple(
    "union_work.list_contracts",
    "workplace.read",
    lambda w, a: union_work.list_contracts(a, w.org.id),
)
simple("union_work.list_checks", "workplace.read", lambda w, a: union_work.list_checks(a, w.org.id))
simple(
    "union_work.congress_due",
    "workplace.read",
    lambda w, a: union_work.congress_due(a, w.org.id, today()),
)
simple(
    "union_work.union_work_figures",
    "workplace.read",
    lambda w, a: union_work.union_work_figures(a, start=today().replace(day=1), end=today()),
)


@row("union_work.record_regional_contract", "workplace.agreements")
def _record_regional_contract(w: World) -> Call:
    building_id = _uw_building(w)
    return lambda a: union_work.record_regional_contract(
        a, building_id, _uw_term(covered=(w.org.id,))
    )


@row("union_work.regional_contracts", "workplace.read")
def _regional_contracts(w: World) -> Call:
    building_id = _uw_building(w)
    union_work.record_regional_contract(w.admin, building_id, _uw_term(covered=(w.org.id,)))
    return lambda a: union_work.regional_contracts(a, building_id)


@row("union_work.building_workplaces", "workplace.read")
def _building_workplaces(w: World) -> Call:
    building_id = _uw_building(w)
    return lambda a: union_work.building_workplaces(a, building_id)


@row("union_work.covered_ids", "workplace.read")
def _covered_ids(w: World) -> Call:
    building_id = _uw_building(w)
    contract = union_work.record_regional_contract(
        w.admin, building_id, _uw_term(covered=(w.org.id,))
    )
    return lambda a: union_work.covered_ids(a, contract.id)


@row("union_work.get_contract", "workplace.read")
def _get_contract(w: World) -> Call:
    contract = union_work.record_contract(w.admin, w.org.id, _uw_term())
    return lambda a: union_work.get_contract(a, contract.id)


@row("union_work.update_contract", "workplace.agreements")
def _update_contract(w: World) -> Call:
    contract = union_work.record_contract(w.admin, w.org.id, _uw_term())
    return lambda a: union_work.update_contract(a, contract.id, _uw_term(employees_covered=80))


@row("union_work.renew_contract", "workplace.agreements")
def _renew_contract(w: World) -> Call:
    contract = union_work.record_contract(w.admin, w.org.id, _uw_term())
    start = contract.ends_on + timedelta(days=1)
    renewal = _uw_term(signed_on=today(), starts_on=start, ends_on=start + timedelta(days=400))
    return lambda a: union_work.renew_contract(a, contract.id, renewal)


@row("union_work.update_congress", "workplace.agreements")
def _update_congress(w: World) -> Call:
    meeting = union_work.record_congress(w.admin, w.org.id, _uw_congress(w))
    return lambda a: union_work.update_congress(
        a, meeting.id, union_work.CongressInput(held_on=today(), delegates=31)
    )


@row("union_work.update_check", "workplace.agreements")
def _update_check(w: World) -> Call:
    check = union_work.record_check(w.admin, w.org.id, _uw_check(w))
    return lambda a: union_work.update_check(
        a, check.id, union_work.CheckInput(checked_on=today(), rating="good", findings="已整改")
    )


# --- the database every case starts from ------------------------------------------------------

_template: list[Path] = []


def _make_template(folder: Path) -> Path:
    path = folder / "station.db"
    from stationapp.services.maintenance import open_station_database

    database = open_station_database(f"sqlite:///{path.as_posix()}")
    admin = accounts.create_first_admin(
        username="admin",
        display_name="王站长",
        password="correct-horse-1",
        station_name="建国门街道工会服务站",
        case_prefix="建工调",
    )
    for role in ACTORS:
        staff = accounts.create_staff(
            admin,
            username=f"as-{role}",
            display_name="测试员",
            roles=[ADMIN if role == INACTIVE else role],
            password="password-123",
        )
        if role == INACTIVE:
            accounts.deactivate_staff(admin, staff.id)
    org = people.create_organization(admin, org_input())
    people.create_person(
        admin,
        PersonInput(name="李娜", id_number=fresh_ric(), phone="13800138000", workplace_id=org.id),
    )
    people.create_person(
        admin,
        PersonInput(name="张三", id_number=fresh_ric(), is_member=True, member_card=fresh_card()),
    )
    library.save_rule(
        admin,
        RuleInput(borrower_category="", item_type="", loan_days=30, max_loans=200, renewals=10),
    )
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    return path


@pytest.fixture
def db_url(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A copy of the template (made by the first test that asks, inside its private folders)."""
    if not _template:
        _template.append(_make_template(tmp_path_factory.mktemp("permission-template")))
    path = tmp_path / "station.db"
    shutil.copyfile(_template[0], path)
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture
def admin(db: object) -> Staff:
    return Staff.get(Staff.username == "admin")


@pytest.fixture
def world(admin: Staff, db_url: str, tmp_path: Path) -> World:
    out = tmp_path / "out"
    out.mkdir()
    return World(
        admin=admin,
        org=Organization.get(),
        person=Person.get(Person.name == "李娜"),
        reader=Person.get(Person.name == "张三"),
        service_ids=[
            s.id for s in ServiceType.select().where(ServiceType.active).order_by(ServiceType.id)
        ],
        out=out,
        db_url=db_url,
    )


def may(role: str, action: str) -> bool:
    return role != INACTIVE and role in PERMISSIONS[action]


def files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# --- the walk -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "role"),
    [(r, role) for r in ROWS for role in ACTORS],
    ids=[f"{r.id}-{role}" for r in ROWS for role in ACTORS],
)
def test_walk(case: Row, role: str, world: World) -> None:
    made = case.build(world)
    call, check = made if isinstance(made, tuple) else (made, None)
    actor = Staff.get(Staff.username == f"as-{role}")
    if all(may(role, action) for action in case.needs):
        result = call(actor)
        if case.shows is not None:
            assert check is not None
            check(result, may(role, case.shows))
        return
    before, written = dbdump.dump(), files(world.out)
    with pytest.raises(PermissionDenied):
        call(actor)
    after = dbdump.dump()
    assert after == before, f"a refused call changed {dbdump.changed_tables(before, after)}"
    assert files(world.out) == written, "a refused call wrote a file"


def test_the_inactive_actor_is_a_deactivated_administrator(world: World) -> None:
    """So the walk's refusals of it come from its being inactive, not from its roles."""
    inactive = Staff.get(Staff.username == f"as-{INACTIVE}")
    assert inactive.role_set == {ADMIN} and not inactive.active


# --- the table is complete and honest -----------------------------------------------------------


def _area_modules(area: str) -> list[Any]:
    """The module of a service area, or the package and its modules when the area is one."""
    module = importlib.import_module(f"stationapp.services.{area}")
    inner = pkgutil.iter_modules(getattr(module, "__path__", []))
    return [module, *(importlib.import_module(f"{module.__name__}.{i.name}") for i in inner)]


def _service_modules() -> Iterator[tuple[str, Any]]:
    """(area, module) for every service module; a package's modules count under its area."""
    for info in pkgutil.iter_modules(stationapp.services.__path__):
        for module in _area_modules(info.name):
            yield info.name, module


def _acting_functions() -> dict[str, Callable]:
    """Every public service function that takes the acting staff member."""
    found = {}
    for short, module in _service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "actor" in inspect.signature(function).parameters:
                found[f"{short}.{name}"] = function
    return found


def test_every_service_function_is_in_the_table() -> None:
    declared = {r.name for r in ROWS}
    missing = sorted(set(_acting_functions()) - declared - set(EXEMPT))
    assert not missing, (
        "service functions taking an actor that the permission table does not cover (add a row "
        f"to ROWS in {Path(__file__).name}, or to EXEMPT with the reason): {missing}"
    )


def test_the_table_names_only_real_functions() -> None:
    real = set(_acting_functions())
    stale = sorted(({r.name for r in ROWS} | set(EXEMPT)) - real)
    assert not stale, f"rows for functions that no longer exist or take no actor: {stale}"
    assert not {r.name for r in ROWS} & set(EXEMPT), "a function is both tested and exempt"


def test_rows_name_only_declared_actions() -> None:
    for case in ROWS:
        for action in (*case.needs, *([case.shows] if case.shows else [])):
            assert action in PERMISSIONS, f"{case.id}: {action} is not in PERMISSIONS"
        assert case.needs or case.shows, f"{case.id} neither refuses nor masks anything"


def test_rows_are_unique() -> None:
    ids = [r.id for r in ROWS]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@functools.cache
def _module_functions(module_name: str) -> dict[str, ast.FunctionDef]:
    defs = {}
    for module in _area_modules(module_name):
        tree = ast.parse(inspect.getsource(module))
        defs.update({n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)})
    return defs


def _strings_reached(module_name: str, name: str) -> set[str]:
    """String constants in the function and in the functions of its area it calls (the
    private helpers that hold the check, or the public function it delegates to)."""
    defs = _module_functions(module_name)
    seen: set[str] = set()
    strings: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in defs:
            continue
        seen.add(current)
        for node in ast.walk(defs[current]):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                todo.append(node.func.id)
    return strings


@pytest.mark.parametrize("case", ROWS, ids=[r.id for r in ROWS])
def test_each_function_names_its_actions(case: Row) -> None:
    """A row must not claim an action its function never checks (the walk would then pass for
    the wrong reason, or a refusal would come from somewhere else)."""
    module_name, function = case.name.split(".")
    strings = _strings_reached(module_name, function)
    for action in (*case.needs, *([case.shows] if case.shows else [])):
        assert action in strings, f"{case.name} does not mention {action!r}"


def _checked_actions() -> dict[str, set[str]]:
    """Every literal action passed to require() or has_permission() anywhere in stationapp."""
    used: dict[str, set[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            action = node.args[1]
            if called in ("require", "has_permission") and isinstance(action, ast.Constant):
                used.setdefault(str(action.value), set()).add(str(path.relative_to(ROOT)))
    return used


def test_every_checked_action_is_in_the_matrix() -> None:
    """has_permission() with an undeclared action raises KeyError for every caller."""
    unknown = {a: sorted(p) for a, p in _checked_actions().items() if a not in PERMISSIONS}
    assert not unknown, f"actions checked but not in PERMISSIONS: {unknown}"


def test_every_action_in_the_matrix_is_walked() -> None:
    walked = {a for r in ROWS for a in (*r.needs, r.shows) if a}
    missing = set(PERMISSIONS) - walked - set(UNCHECKED_ACTIONS)
    assert not missing, f"actions no row of the table exercises: {sorted(missing)}"
    assert not walked & set(UNCHECKED_ACTIONS), "an action in UNCHECKED_ACTIONS is checked now"
    assert set(UNCHECKED_ACTIONS) <= set(PERMISSIONS)


# --- the matrix as a document -------------------------------------------------------------------


def test_every_action_has_a_description() -> None:
    described = permissions_doc.PERMISSION_DESCRIPTIONS
    assert sorted(set(PERMISSIONS) - set(described)) == [], "actions with no description"
    assert sorted(set(described) - set(PERMISSIONS)) == [], "descriptions of no action"
    assert all(text.strip() and "\n" not in text for text in described.values())


def test_the_document_shows_the_matrix() -> None:
    rendered = permissions_doc.render_permissions_markdown()
    assert DOC.read_text(encoding="utf-8") == rendered, (
        f"{DOC.relative_to(ROOT.parent)} is out of date; regenerate it with "
        f"{permissions_doc.REGENERATE_PERMISSIONS_DOC}"
    )


def test_the_document_has_a_row_per_action_and_a_column_per_role() -> None:
    lines = permissions_doc.render_permissions_markdown().splitlines()
    table = [line for line in lines if line.startswith("| `")]
    assert [line.split("`")[1] for line in table] == list(PERMISSIONS)
    for line, (action, roles) in zip(table, PERMISSIONS.items(), strict=True):
        marks = [cell.strip() for cell in line.strip("|").split("|")[2:]]
        assert marks == ["✓" if r in roles else "" for r in ROLES], action
    header = next(line for line in lines if line.startswith("| Action"))
    assert "前台接待" in header and "管理员" in header


# --- what a role without the whole ID number is handed (issue 19, finding 2) ---------------------

MASKED_ROLES = tuple(r for r in ROLES if r not in PERMISSIONS["person.view_full_id"])


@dataclass(frozen=True)
class Secrets:
    ids: frozenset[str]
    births: frozenset[date]
    phones: frozenset[str]

    @classmethod
    def on_file(cls) -> Secrets:
        rows = list(Person.select(Person.id_number, Person.birth_date, Person.phone).tuples())
        return cls(
            ids=frozenset(r[0] for r in rows if r[0] and len(r[0]) >= 15),
            births=frozenset(r[1] for r in rows if r[1]),
            phones=frozenset(r[2] for r in rows if r[2] and len(r[2]) >= 11),
        )

    def in_text(self, text: str, *, phones: bool = False) -> list[str]:
        found = [f"ID {n}" for n in self.ids if n in text]
        found += [f"birth date {b}" for b in self.births if b.isoformat() in text]
        if phones:
            found += [f"phone {p}" for p in self.phones if p in text]
        return found


def _leaks(value: Any, secrets: Secrets, where: str, seen: set[int]) -> list[str]:
    """Every whole ID number or birth date reachable from ``value`` as the screens reach it
    (model fields, rows they carry, a person a row loads on access, dataclass fields)."""
    import dataclasses
    from datetime import datetime

    import peewee

    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, str):
        return [f"{where}: {s}" for s in secrets.in_text(value)]
    if isinstance(value, date) and not isinstance(value, datetime):
        return [f"{where}: birth date {value}"] if value in secrets.births else []
    if isinstance(value, list | tuple | set | frozenset):
        return [x for i, v in enumerate(value) for x in _leaks(v, secrets, f"{where}[{i}]", seen)]
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _leaks(v, secrets, f"{where}.{k}", seen)]
    if isinstance(value, peewee.Model):
        found = []
        for key, item in list(value.__data__.items()) + list(value.__rel__.items()):
            found += _leaks(item, secrets, f"{where}.{key}", seen)
        for name, fk in type(value)._meta.fields.items():
            if (
                isinstance(fk, peewee.ForeignKeyField)
                and fk.rel_model is Person
                and name not in value.__rel__
                and value.__data__.get(name) is not None
            ):
                found += _leaks(getattr(value, name), secrets, f"{where}.{name}", seen)
        return found
    if isinstance(value, BaseException):
        return [
            x for i, v in enumerate(vars(value).values()) for x in _leaks(v, secrets, where, seen)
        ]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            x
            for f in dataclasses.fields(value)
            for x in _leaks(getattr(value, f.name), secrets, f"{where}.{f.name}", seen)
        ]
    return []


def _file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        cells = []
        for sheet in workbook.worksheets:
            for values in sheet.iter_rows(values_only=True):
                for v in values:
                    cells.append(v.date().isoformat() if hasattr(v, "date") else str(v))
        workbook.close()
        return "\n".join(cells)
    return path.read_bytes().decode("utf-8", errors="replace")


def _handed_cases() -> list[Any]:
    """Every (row, masked role) pair; a pair whose role may not call the function is skipped
    when collected, before its database is made (the walk checks the refusal)."""
    return [
        pytest.param(
            r,
            role,
            id=f"{r.id}-{role}",
            marks=()
            if all(may(role, action) for action in r.needs)
            else pytest.mark.skip(reason="the role may not call it (the walk checks the refusal)"),
        )
        for r in ROWS
        for role in MASKED_ROLES
    ]


@pytest.mark.parametrize(("case", "role"), _handed_cases())
def test_a_role_without_the_whole_id_is_handed_none(case: Row, role: str, world: World) -> None:
    """Every service function a role without ``person.view_full_id`` may call hands it no whole
    ID number and no whole birth date (in what it returns, the rows it carries, the people those
    rows load, the files it writes), and no whole phone in a file without
    ``person.export_phone``."""
    assert all(may(role, action) for action in case.needs)
    made = case.build(world)
    call = made[0] if isinstance(made, tuple) else made
    actor = Staff.get(Staff.username == f"as-{role}")
    result = call(actor)
    secrets = Secrets.on_file()
    leaks = _leaks(result, secrets, case.name, set())
    for path in sorted(world.out.rglob("*")):
        if path.is_file():
            text = _file_text(path)
            phones = not may(role, "person.export_phone")
            leaks += [f"{path.name}: {s}" for s in secrets.in_text(text, phones=phones)]
    assert not leaks, leaks
