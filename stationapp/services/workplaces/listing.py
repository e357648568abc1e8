"""The workplace list with its filters and count (paged as the lists' ``PagedTableModel``
asks), members counted from the register, and what the workplace page lists: its people,
visits, cases and outreach sessions, each within what the role may see."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import peewee

from stationapp.db import contains, count_per
from stationapp.models.accounts import Staff
from stationapp.models.mediation import MediationCase
from stationapp.models.people import UNION_FOUNDED, Building, Organization, Person
from stationapp.models.visits import OutreachSession, Visit
from stationapp.services import mediation
from stationapp.services.accounts import require
from stationapp.services.people import hands_people, rows_view
from stationapp.services.search_keys import normalize_search
from stationapp.services.workplaces._common import LARGE_WORKPLACE, workplace

# A filter of the list beyond its own fields: the ids of the workplaces it keeps, as a set or a
# subquery selecting ``Organization.id``-like ids (issue #26: contracts expiring, congresses due).
Keep = Callable[[Staff], "Iterable[int] | peewee.SelectQuery"]


@dataclass
class WorkplaceFilter:
    text: str = ""
    building_id: int | None = None
    union_status: str | None = None
    large_without_union: bool = False
    include_inactive: bool = False
    keep: tuple[Keep, ...] = field(default_factory=tuple)


@dataclass
class WorkplaceRow:
    organization: Organization
    members_register: int


def large_without_union_ids(actor: Staff) -> peewee.SelectQuery:
    """Workplaces of 25 or more employees whose union is not founded (none, or preparing)."""
    require(actor, "workplace.read")
    return Organization.select(Organization.id).where(
        Organization.employees >= LARGE_WORKPLACE,
        Organization.union_status.not_in(list(UNION_FOUNDED)),
        Organization.active,
    )


def _query(actor: Staff, filt: WorkplaceFilter) -> peewee.ModelSelect:
    query = Organization.select(Organization, Building).join(
        Building, peewee.JOIN.LEFT_OUTER, on=(Organization.building == Building.id)
    )
    if not filt.include_inactive:
        query = query.where(Organization.active)
    q = normalize_search(filt.text)
    if q:
        query = query.where(contains(Organization.search_text, q, folded=True))
    if filt.building_id is not None:
        query = query.where(Organization.building == filt.building_id)
    if filt.union_status:
        query = query.where(Organization.union_status == filt.union_status)
    keeps = list(filt.keep)
    if filt.large_without_union:
        keeps.append(large_without_union_ids)
    for keep in keeps:
        ids = keep(actor)
        query = query.where(
            Organization.id.in_(ids if isinstance(ids, peewee.SelectQuery) else list(ids))
        )
    return query


def members_on_register(org_ids: list[int]) -> dict[int, int]:
    """Active members of the union on the register, per workplace (one grouped query)."""
    return count_per(Person.workplace, org_ids, Person.is_member, Person.active)


def list_workplaces(
    actor: Staff, filt: WorkplaceFilter | None = None, offset: int = 0, limit: int = 100
) -> list[WorkplaceRow]:
    require(actor, "workplace.read")
    found = list(
        _query(actor, filt or WorkplaceFilter())
        .order_by(Organization.name, Organization.id)
        .offset(offset)
        .limit(limit)
    )
    members = members_on_register([o.id for o in found])
    return [WorkplaceRow(o, members.get(o.id, 0)) for o in found]


def count_workplaces(actor: Staff, filt: WorkplaceFilter | None = None) -> int:
    require(actor, "workplace.read")
    return _query(actor, filt or WorkplaceFilter()).count()


def get_workplace(actor: Staff, org_id: int) -> WorkplaceRow:
    """One workplace with its building and its members counted from the register."""
    require(actor, "workplace.read")
    org = workplace(org_id)
    return WorkplaceRow(org, members_on_register([org.id]).get(org.id, 0))


@hands_people
def workplace_people(
    actor: Staff, org_id: int, *, offset: int = 0, limit: int = 200
) -> list[Person]:
    """The register's active people of the workplace, by name."""
    require(actor, "workplace.read")
    require(actor, "person.read")
    return list(
        Person.select()
        .where(Person.workplace == org_id, Person.active)
        .order_by(Person.pinyin, Person.name, Person.id)
        .offset(offset)
        .limit(limit)
    )


def workplace_visits(actor: Staff, org_id: int, *, limit: int = 200) -> list[Visit]:
    """Visits of the workplace's people and those of outreach sessions held there, newest first."""
    require(actor, "workplace.read")
    require(actor, "visit.read")
    people = Person.select(Person.id).where(Person.workplace == org_id)
    sessions = OutreachSession.select(OutreachSession.id).where(
        OutreachSession.organization == org_id
    )
    found = list(
        Visit.select(Visit, Person)
        .join(Person, peewee.JOIN.LEFT_OUTER, on=(Visit.person == Person.id))
        .where(Visit.person.in_(people) | Visit.outreach.in_(sessions))
        .order_by(Visit.arrived_at.desc(), Visit.id.desc())
        .limit(limit)
    )
    return rows_view(actor, found)


def workplace_cases(actor: Staff, org_id: int, *, limit: int = 200) -> list[MediationCase]:
    """The mediation cases naming the workplace as the employer (respondent): ``case.read``."""
    require(actor, "workplace.read")
    require(actor, "case.read")
    return mediation.list_cases(actor, mediation.CaseFilter(respondent_id=org_id), limit=limit)


def workplace_outreach(actor: Staff, org_id: int, *, limit: int = 200) -> list[OutreachSession]:
    require(actor, "workplace.read")
    require(actor, "visit.read")
    return list(
        OutreachSession.select()
        .where(OutreachSession.organization == org_id)
        .order_by(OutreachSession.held_on.desc(), OutreachSession.id.desc())
        .limit(limit)
    )
