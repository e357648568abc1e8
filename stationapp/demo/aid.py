"""The demo station's mutual-aid cover (issue 25): the four plans of last year and this year,
the enrolments of a few workplaces' lists (paid by their unions) and of workers at the desk, and
hospitalisation claims in every state, with the health consent each claimant gave. Rows are
bulk-inserted, with their audit entries, drawn from the caller's random generator."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from stationapp.demo.common import _audit_row, _history_ends, _insert, _keep_latest_activity
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.models.mutual_aid import AidClaim, AidEnrolment, AidPlan
from stationapp.models.people import Consent, Person
from stationapp.models.visits import ServiceType

# name, kind, premium, waiting days, benefit: ("rate", rate, deductible, per claim, per year)
# or ("fixed", sum); the catalogue service whose checklist a claim follows.
PLANS: tuple[tuple[str, str, str, int, tuple[Any, ...], str], ...] = (
    ("在职职工住院医疗互助保障", "hospital", "30", 90, ("rate", "50", "500", "10000", "20000"), ""),
    (
        "在职职工重大疾病互助保障",
        "serious_illness",
        "20",
        180,
        ("fixed", "5000"),
        "在职职工互助保障",
    ),
    ("职工意外伤害互助保障", "accident", "10", 0, ("fixed", "2000"), "在职职工互助保障"),
    ("女职工特殊疾病互助保障", "women_illness", "15", 180, ("fixed", "3000"), "在职职工互助保障"),
)
HOSPITAL_MATERIALS = ["京卡复印件", "身份证复印件", "出院小结", "医保结算单", "费用明细清单"]
DIAGNOSES = ("急性阑尾炎", "腰椎间盘突出", "肺炎", "胆囊结石", "骨折", "甲状腺结节")
WORKPLACE_LISTS = 6
DESK_ENROLMENTS = 40
CLAIMS = 45
# The states the claims end in, by weight.
STATES = (("paid", 20), ("approved", 6), ("submitted", 8), ("returned", 5), ("refused", 3))


def _plan_rows(year: int, services: dict[str, int], moment: datetime) -> list[dict[str, Any]]:
    rows = []
    for name, kind, premium, waiting, benefit, service in PLANS:
        rate = benefit[0] == "rate"
        rows.append(
            {
                "name": name,
                "kind": kind,
                "year": year,
                "cover_start": date(year, 1, 1),
                "cover_end": date(year, 12, 31),
                "premium": Decimal(premium),
                "waiting_days": waiting,
                "benefit_kind": benefit[0],
                "rate": Decimal(benefit[1]) if rate else None,
                "deductible": Decimal(benefit[2]) if rate else Decimal(0),
                "cap_per_claim": Decimal(benefit[3]) if rate else None,
                "cap_per_year": Decimal(benefit[4]) if rate else Decimal(benefit[1]),
                "fixed_sum": None if rate else Decimal(benefit[1]),
                "claim_days": 90,
                "service": services.get(service),
                "materials": HOSPITAL_MATERIALS if rate else [],
                "active": True,
                "created_at": moment,
            }
        )
    return rows


def populate_aid(admin: Staff, *, rng: random.Random) -> int:
    """Plans, enrolments and claims; returns the claims made. Call it inside the caller's
    transaction, after the people and the staff accounts."""
    ends = _history_ends()
    day = ends.date()
    desk = Staff.get_or_none(Staff.username == "frontdesk") or admin
    services = dict(ServiceType.select(ServiceType.name, ServiceType.id).tuples())
    years = (day.year - 1, day.year)
    for year in years:
        _insert(AidPlan, _plan_rows(year, services, datetime(year - 1, 12, 1, 9, 0)))
    plans = list(AidPlan.select().order_by(AidPlan.year, AidPlan.id))
    by_workplace: dict[int, list[int]] = {}
    query = Person.select(Person.id, Person.workplace).where(
        Person.active, Person.workplace.is_null(False)
    )
    for person_id, workplace_id in query.order_by(Person.id).tuples():
        by_workplace.setdefault(workplace_id, []).append(person_id)
    workplaces = sorted(by_workplace, key=lambda w: (-len(by_workplace[w]), w))[:WORKPLACE_LISTS]
    rows: list[dict[str, Any]] = []
    audit: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()

    def enrol(plan: AidPlan, person: int, at: datetime, workplace: int | None) -> None:
        on = at.date()
        if (plan.id, person) in seen or on > day:
            return
        seen.add((plan.id, person))
        rows.append(
            {
                "plan": plan.id,
                "person": person,
                "year": plan.year,
                "enrolled_on": on,
                "paid_by": "workplace" if workplace else "self",
                "organization": workplace,
                "premium": plan.premium,
                "staff": desk.id,
                "created_at": at,
            }
        )

    others = [p for w, people in by_workplace.items() if w not in workplaces for p in people]
    for plan in plans:
        for workplace in workplaces:
            on = date(plan.year, 1, 5) + timedelta(days=rng.randrange(40))
            at = datetime.combine(on, time(9 + rng.randrange(8), rng.randrange(60)))
            before = len(rows)
            for person in by_workplace[workplace]:
                if plan.kind != "women_illness" or rng.random() < 0.5:
                    enrol(plan, person, at, workplace)
            if len(rows) > before:
                details = {"plan": plan.id, "rows": len(rows) - before, "already": 0}
                audit.append(_audit_row(at, desk.id, "import", "aid_enrolment", None, details))
        for person in rng.sample(others, min(DESK_ENROLMENTS, len(others))):
            on = date(plan.year, 1, 1) + timedelta(days=rng.randrange(200))
            enrol(plan, person, datetime.combine(on, time(10, rng.randrange(60))), None)
    _insert(AidEnrolment, rows)
    query = AidEnrolment.select().join(AidPlan).where(AidPlan.kind == "hospital")
    claims = _claims(rng, list(query.order_by(AidEnrolment.id)), day, desk, admin)
    _consents(claims, desk)
    _insert(AidClaim, claims)
    latest: dict[int, datetime] = {}
    for claim in AidClaim.select(AidClaim.id, AidClaim.person, AidClaim.created_at):
        details = {"person": claim.person_id}
        audit.append(
            _audit_row(claim.created_at, desk.id, "submit", "aid_claim", claim.id, details)
        )
        latest[claim.person_id] = max(
            latest.get(claim.person_id, claim.created_at), claim.created_at
        )
    _insert(AuditEntry, audit)
    _keep_latest_activity(latest)
    return len(claims)


def _claims(
    rng: random.Random, enrolments: list[AidEnrolment], day: date, desk: Staff, admin: Staff
) -> list[dict[str, Any]]:
    states = [state for state, weight in STATES for _ in range(weight)]
    plans = {p.id: p for p in AidPlan.select()}
    rows: list[dict[str, Any]] = []
    used: dict[int, Decimal] = {}
    for enrolment in rng.sample(enrolments, min(CLAIMS * 2, len(enrolments))):
        if len(rows) >= CLAIMS:
            break
        plan = plans[enrolment.plan_id]
        start = max(enrolment.enrolled_on + timedelta(days=plan.waiting_days), plan.cover_start)
        latest = min(plan.cover_end, day - timedelta(days=20))
        if latest <= start:
            continue
        admitted = start + timedelta(days=rng.randrange((latest - start).days))
        discharged = admitted + timedelta(days=2 + rng.randrange(12))
        claimed = discharged + timedelta(days=3 + rng.randrange(40))
        if claimed > day:
            continue
        state = states[rng.randrange(len(states))]
        decided = claimed + timedelta(days=7 + rng.randrange(10))
        paid_on = decided + timedelta(days=10 + rng.randrange(10))
        if state in ("approved", "paid", "refused") and decided > day:
            state = "submitted"
        if state == "paid" and paid_on > day:
            state = "approved"
        total = Decimal(3000 + rng.randrange(40000))
        insured = (total * Decimal("0.62")).quantize(Decimal(1))
        claimed_amount = total - insured
        left = Decimal(plan.cap_per_year) - used.get(enrolment.id, Decimal(0))
        base = max(Decimal(0), claimed_amount - Decimal(plan.deductible))
        computed = min(
            (base * Decimal(plan.rate) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP),
            Decimal(plan.cap_per_claim),
            left,
        )
        if computed <= 0:
            continue
        used[enrolment.id] = used.get(enrolment.id, Decimal(0)) + computed
        decided_state = state in ("approved", "paid", "refused")
        done = HOSPITAL_MATERIALS if state != "returned" else HOSPITAL_MATERIALS[:3]
        at = datetime.combine(claimed, time(10, rng.randrange(60)))
        rows.append(
            {
                "enrolment": enrolment.id,
                "person": enrolment.person_id,
                "admitted_on": admitted,
                "discharged_on": discharged,
                "event_on": admitted,
                "claimed_on": claimed,
                "total_expenses": total,
                "insurance_paid": insured,
                "claimed_amount": claimed_amount,
                "computed_amount": computed,
                "approved_amount": computed if state in ("approved", "paid") else None,
                "amount_reason": "",
                "paid_amount": computed if state == "paid" else None,
                "paid_on": paid_on if state == "paid" else None,
                "state": state,
                "materials_done": done,
                "diagnosis": DIAGNOSES[rng.randrange(len(DIAGNOSES))],
                "notes": "",
                "late_reason": "",
                "late_by": None,
                "return_reason": "缺医保结算单、费用明细清单" if state == "returned" else "",
                "refusal_reason": "病种不在互助保障范围内" if state == "refused" else "",
                "staff": desk.id,
                "decided_by": admin.id if decided_state else None,
                "decided_on": decided if decided_state else None,
                "created_at": at,
                "updated_at": at,
            }
        )
    return rows


def _consents(claims: list[dict[str, Any]], desk: Staff) -> None:
    """The health consent every claimant gave before the first claim."""
    first: dict[int, datetime] = {}
    for claim in claims:
        person = claim["person"]
        first[person] = min(first.get(person, claim["created_at"]), claim["created_at"])
    given = {
        p
        for (p,) in Consent.select(Consent.person)
        .where(Consent.kind == "health", Consent.withdrawn_at.is_null())
        .tuples()
    }
    _insert(
        Consent,
        [
            {
                "person": person,
                "kind": "health",
                "method": "written",
                "given_at": at - timedelta(minutes=5),
                "given_by": desk.id,
                "note": "",
                "withdrawn_at": None,
                "withdrawn_by": None,
            }
            for person, at in sorted(first.items())
            if person not in given
        ],
    )
