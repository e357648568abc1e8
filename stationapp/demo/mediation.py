"""The demo's year of mediation cases, taken step by step by the mediation service's rules in
memory (case_book.CaseBook) and written at once."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from typing import Any

from stationapp.demo.case_book import BookCase, CaseBook
from stationapp.demo.common import STATION_NAME, _history_ends, _keep_latest_activity, _office_hours
from stationapp.demo.disputes import (
    ACCEPT_REASON,
    ARCHIVE_REASON,
    CASES_PER_PERSON,
    CATEGORY_WEIGHTS,
    DECLINE_REASONS_CASE,
    DEFAULT_REASON,
    FAIL_DEADLINE_REASON,
    FAIL_REASONS,
    FOLLOW_UP_DEFAULTED,
    FOLLOW_UP_NOTES,
    MIN_RANDOM_CASES,
    NOT_ACCEPTED_INSURANCE,
    NOT_ACCEPTED_REASONS,
    OUTCOME_WEIGHTS,
    REFER_REASON,
    RESPONDENT_WEIGHTS,
    SESSION_PLACES,
    WITHDRAW_REASONS,
    _CasePlan,
    _cn,
    _cn_date,
    _collective_dispute,
    _dispute,
    _NotYet,
    _Reached,
    _round100,
)
from stationapp.models.accounts import (
    Staff,
)
from stationapp.models.people import Organization, Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import mediation


class _CaseRunner:
    """Takes each planned case step by step through the case book (the services' rules in
    memory), each step at the moment it happened."""

    def __init__(self, admin: Staff, rng: random.Random) -> None:
        self.rng = rng
        self.moment = _history_ends()
        staff = {s.username: s for s in Staff.select()}
        self.desk = staff.get("frontdesk", admin)
        self.head = staff.get("mediationhead", admin)
        self.mediator = staff.get("mediator", admin)
        self.book = CaseBook()
        self.plan: _CasePlan | None = None
        self.agreed = 0  # the sum the parties settled on at the last session
        self.names: dict[int, str] = dict(Person.select(Person.id, Person.name).tuples())

    @property
    def scripted(self) -> bool:
        return bool(self.plan and self.plan.stop)

    # time

    def _next(
        self,
        t: datetime,
        lo: int,
        hi: int,
        *,
        base: date | None = None,
        until: dt_time = dt_time(17, 30),
    ) -> datetime:
        """A moment in office hours (starting before ``until``) ``lo``..``hi`` days after
        ``base`` (default: ``t``), and after ``t``. A random case stops at a step still in the
        future; a scripted one squeezes the step in before now."""
        day = max((base or t.date()) + timedelta(days=self.rng.randint(lo, hi)), t.date())
        while True:
            while day.weekday() >= 5:
                day += timedelta(days=1)
            opens = datetime(day.year, day.month, day.day, 8, 30)
            closes = datetime.combine(day, until)
            start = max(opens, t + timedelta(minutes=10))
            if start < closes - timedelta(minutes=10):
                break
            day += timedelta(days=1)
        span = (closes - start).total_seconds()
        if day == t.date():
            span = min(span, 3 * 3600)
        at = start + timedelta(seconds=self.rng.randrange(0, int(span)))
        return self._not_after_now(t, at)

    def _soon(self, t: datetime, lo: int = 10, hi: int = 60) -> datetime:
        """A few minutes after ``t``: the next thing done at the same sitting."""
        return self._not_after_now(t, t + timedelta(minutes=self.rng.randint(lo, hi)))

    def _not_after_now(self, t: datetime, at: datetime) -> datetime:
        limit = self.moment - timedelta(minutes=1)
        if at > limit:
            if not self.scripted:
                raise _NotYet
            at = self._squeeze(t, limit)
        return at.replace(microsecond=0)

    def _squeeze(self, t: datetime, limit: datetime) -> datetime:
        """Early in the first office hours after ``t`` and before ``limit``, leaving room for the
        steps that follow; in the middle if there are no such hours."""
        day = t.date()
        while day <= limit.date():
            if day.weekday() < 5:
                start = max(datetime.combine(day, dt_time(8, 30)), t + timedelta(minutes=1))
                end = min(datetime.combine(day, dt_time(17, 30)), limit)
                if start < end:
                    return start + (end - start) * (self.rng.random() * 0.3)
            day += timedelta(days=1)
        return t + (limit - t) / 2 if limit > t else t + timedelta(seconds=1)

    # steps

    def run(self, plan: _CasePlan) -> None:
        self.plan = plan
        self.agreed = 0
        data = mediation.CaseInput(
            applicant_ids=plan.applicants,
            respondent_id=plan.respondent.id,
            application_kind=plan.kind,
            matters=plan.dispute.matters,
            reasons=plan.dispute.reasons,
            facts=plan.dispute.facts,
            claims=plan.dispute.claims,
            date_knew=plan.dispute.date_knew,
            employment_ended=plan.dispute.employment_ended,
            received_at=plan.received,
            visit_id=plan.visit_id,
        )
        case = self.book.file(plan.filed_by, data)
        try:
            if plan.stop == "registered":
                raise _Reached
            self._path(case, plan)
        except (_NotYet, _Reached):
            pass

    def _to(
        self, case: BookCase, state: str, at: datetime, actor: Staff, reason: str = ""
    ) -> datetime:
        self.book.transition(actor, case, at, state, reason)
        self._check(state)
        return at

    def _check(self, step: str) -> None:
        assert self.plan is not None
        if self.plan.stop == step:
            raise _Reached

    def _path(self, case: BookCase, plan: _CasePlan) -> None:
        rng = self.rng
        t = plan.received
        if plan.outcome == "not_accepted":
            t = self._next(t, 1, 3)
            reason = (
                NOT_ACCEPTED_INSURANCE
                if plan.dispute.claims[0].category == "social_insurance"
                else rng.choice(NOT_ACCEPTED_REASONS)
            )
            self._to(case, "not_accepted", t, self.head, reason)
            self._close(case, t, 1, 5)
            return
        t = self._next(t, 0, 2)
        self._assign(case, t, plan)
        t = self._to(case, "accepted", self._soon(t, 2, 10), self.head, ACCEPT_REASON)
        mediator = plan.mediator
        if plan.outcome == "respondent_declined":
            t = self._next(t, 1, 4)
            self._to(case, "respondent_declined", t, mediator, rng.choice(DECLINE_REASONS_CASE))
            self._close(case, t, 1, 7)
            return
        if plan.outcome == "withdrawn" and plan.sessions == 0:
            t = self._next(t, 2, 6)
            self._to(case, "withdrawn", t, mediator, rng.choice(WITHDRAW_REASONS))
            self._close(case, t, 1, 5)
            return
        t = self._to(case, "in_mediation", self._next(t, 0, 2), mediator)
        for number in range(1, plan.sessions + 1):
            held = self._next(t, 1 if number == 1 else 2, 4, until=dt_time(15, 30))
            # A case kept in mediation has not settled yet at its last session.
            last = number == plan.sessions and plan.stop != "sessions"
            ending = {"agreement": "agree", "defaulted": "agree", "failed": "fail"}
            t = self._session(
                case, held, number, ending.get(plan.outcome, "talk") if last else "talk"
            )
        if plan.extend_until is not None:
            t = self._soon(t)
            self.book.extend(
                mediator,
                case,
                t,
                until=plan.extend_until,
                note=f"经双方当事人同意，调解期限延长至{_cn_date(plan.extend_until)}；"
                "双方已在延期确认书上签字",
            )
        self._check("sessions")
        if plan.outcome == "failed":
            if rng.random() < 0.4:  # the fifteen days ran out
                t = self._next(t, 0, 1, base=case.mediation_due)
                reason = FAIL_DEADLINE_REASON
            else:
                t = self._soon(t)
                reason = rng.choice(FAIL_REASONS)
            self._to(case, "failed", t, mediator, reason)
            if plan.stop == "referred_to_arbitration" or rng.random() < 0.75:
                t = self._next(t, 0, 3)
                self._to(case, "referred_to_arbitration", t, mediator, REFER_REASON)
            self._close(case, t, 1, 14)
            return
        if plan.outcome == "withdrawn":
            t = self._next(t, 1, 5)
            self._to(case, "withdrawn", t, mediator, rng.choice(WITHDRAW_REASONS))
            self._close(case, t, 1, 5)
            return
        self._agreement(case, t, plan)

    def _assign(self, case: BookCase, t: datetime, plan: _CasePlan) -> None:
        if plan.related:  # the mediator tells the head of the tie when the case comes in
            told = t - timedelta(minutes=self.rng.randint(2, 8))
            self.book.relate(
                plan.mediator, told, relation=plan.related, organization_id=plan.respondent.id
            )
        elif self.book.relations(
            plan.mediator.id, person_ids=plan.applicants, organization_id=plan.respondent.id
        ):  # a tie recorded earlier: the other mediator takes the case
            plan.mediator = self.head if plan.mediator.id == self.mediator.id else self.mediator
        self.book.assign(self.head, case, t, plan.mediator, reason=plan.related_reason)

    def _names(self, case: BookCase) -> str:
        ids = case.applicants
        first = self.names[ids[0]]
        return first if len(ids) == 1 else f"{first}等{len(ids)}人"

    def _claimed(self) -> int:
        assert self.plan is not None
        return sum(int(c.amount) for c in self.plan.dispute.claims if c.amount)

    def _agreed(self) -> int:
        """What the respondent will pay: most of the wages, a part of the rest."""
        assert self.plan is not None
        claimed = self._claimed()
        wages = self.plan.dispute.claims[0].category == "wages"
        share = self.rng.uniform(0.85, 1.0) if wages else self.rng.uniform(0.5, 0.85)
        return max(1000, _round100(claimed * share))

    def _session(self, case: BookCase, t: datetime, number: int, ending: str) -> datetime:
        """Hold a session at ``t``; returns when its record was written."""
        assert self.plan is not None
        plan, rng = self.plan, self.rng
        mediator = plan.mediator.display_name
        names = self._names(case)
        org = plan.respondent
        claimed = self._claimed()
        agent = f"{org.contact_name}（委托代理人）" if org.contact_name else "委托代理人"
        lines = [
            f"调解员（{mediator}）：今天就申请人{names}与被申请人{org.name}{plan.dispute.matters}"
            f"争议进行第{_cn(number)}次调解。已告知双方调解的性质及双方的权利义务，"
            "双方均不申请调解员回避。",
        ]
        if number == 1:
            lines += [
                f"申请人陈述：{plan.dispute.facts}{plan.dispute.reasons}。",
                f"被申请人{agent}答辩：{plan.dispute.stance}",
            ]
        else:
            lines += [
                "调解员：上次调解后双方各自考虑了调解方案，请分别谈谈意见。",
                "申请人：可以在数额上作适当让步，但希望被申请人尽快支付。",
                f"被申请人{agent}：公司经研究，愿意在上次基础上适当提高数额。",
            ]
        if ending == "agree":
            self.agreed = self._agreed()
            lines += [
                f"调解员：经分别做工作，双方同意以{self.agreed}元解决本次争议，具体支付时间写入"
                "调解协议。",
                "申请人：同意。",
                f"被申请人{agent}：同意，公司按协议约定的时间支付。",
            ]
        elif ending == "fail":
            offer = _round100(claimed * rng.uniform(0.2, 0.45))
            lines += [
                f"申请人：公司只愿意给{offer}元，我不能接受。",
                f"被申请人{agent}：公司最多只能支付{offer}元。",
                "调解员：双方分歧较大，本次调解未能达成一致意见，已告知申请人可依法申请仲裁。",
            ]
        else:
            lines.append("调解员：双方对数额仍有分歧，同意回去考虑后再次协商，下次时间另行通知。")
        lines.append("以上笔录经双方核对无误后签字。")
        place = rng.choice(SESSION_PLACES)
        if place == "被申请人会议室":
            place = f"{org.name}会议室（{org.address}）"
        data = mediation.SessionInput(
            held_at=t,
            place=place,
            attendees=f"调解员：{mediator}；申请人：{names}；被申请人委托代理人："
            f"{org.contact_name or '—'}",
            record="\n".join(lines),
            signed_by_parties=True,
            signed_by_mediator=True,
        )
        # The record is written within the hour and a half; a random case whose session was
        # held too late yesterday has its record written by the end of the day, and stops there.
        try:
            written = self._not_after_now(t, t + timedelta(minutes=rng.randint(40, 90)))
        except _NotYet:
            limit = self.moment - timedelta(minutes=1)
            self.book.session(plan.mediator, case, data, limit.replace(microsecond=0))
            raise
        self.book.session(plan.mediator, case, data, written)
        return written

    def _obligations(self, drafted: date) -> list[mediation.ObligationInput]:
        assert self.plan is not None
        plan, rng = self.plan, self.rng
        total = self.agreed or self._agreed()
        count = plan.installments
        on = self.moment.date()
        if plan.dues:
            dues = [on + timedelta(days=d) for d in plan.dues]
            count = len(dues)
        else:
            first = drafted + timedelta(days=rng.randint(7, 25))
            dues = [first + timedelta(days=30 * i) for i in range(count)]
        parts = [_round100(total / count)] * (count - 1)
        parts.append(total - sum(parts))
        what = plan.dispute.what
        items = [
            mediation.ObligationInput(
                f"于{_cn_date(due)}前支付{what}{amount}元"
                if count == 1
                else f"于{_cn_date(due)}前支付{what}第{_cn(i)}期{amount}元",
                str(amount),
                due,
            )
            for i, (due, amount) in enumerate(zip(dues, parts, strict=True), start=1)
        ]
        if plan.dispute.employment_ended and count < 3 and rng.random() < 0.4:
            items.append(
                mediation.ObligationInput(
                    f"于{_cn_date(dues[0])}前为申请人出具解除劳动合同证明，并办理档案及社会保险"
                    "关系转移手续",
                    None,
                    dues[0],
                )
            )
        return items

    def _terms(self, case: BookCase, items: list[mediation.ObligationInput]) -> str:
        assert self.plan is not None
        lines = [f"{_cn(i)}、被申请人{item.description}；" for i, item in enumerate(items, 1)]
        lines.append(f"{_cn(len(items) + 1)}、本协议履行完毕后，双方就本次劳动争议再无其他争议。")
        return (
            f"申请人：{self._names(case)}\n被申请人：{self.plan.respondent.name}\n"
            f"争议事项：{self.plan.dispute.matters}\n"
            f"经{STATION_NAME}劳动争议调解委员会主持调解，双方自愿达成如下协议：\n"
            + "\n".join(lines)
            + "\n本协议自双方当事人签字或盖章、调解员签字并加盖调解组织印章之日起生效。"
        )

    def _agreement(self, case: BookCase, t: datetime, plan: _CasePlan) -> None:
        rng = self.rng
        drafted = self._soon(t, 5, 20)
        items = self._obligations(drafted.date())
        terms = self._terms(case, items)
        partial = plan.stop == "agreement_draft" or rng.random() < 0.5

        def save(at: datetime, all_signed: bool) -> None:
            self.book.save_agreement(
                plan.mediator,
                case,
                at,
                mediation.AgreementInput(
                    terms=terms,
                    obligations=items,
                    signed_applicant=True,
                    signed_respondent=all_signed,
                    signed_mediator=True,
                    sealed_organization=all_signed,
                ),
            )

        save(drafted, not partial)
        self._check("agreement_draft")
        if partial:  # the respondent's seal came a day or two later
            t = self._next(drafted, 1, 3)
            save(t, True)
        else:
            t = drafted
        t = self._to(case, "agreement_effective", self._soon(t, 5, 20), plan.mediator)
        obligations = sorted(case.obligations, key=lambda o: (o["due_on"], o["id"]))
        # A defaulting respondent pays the first instalment, if there are several, and no more.
        money = [o["id"] for o in obligations if o["amount"] is not None]
        unpaid = money[1] if len(money) > 1 else money[0]
        for obligation in obligations:
            if plan.outcome == "defaulted" and obligation["id"] == unpaid:
                t = self._next(t, 3, 10, base=obligation["due_on"])
                self._to(case, "defaulted", t, plan.mediator, DEFAULT_REASON)
                t = self._next(t, 5, 20)
                self._follow_up(case, t, FOLLOW_UP_DEFAULTED)
                self._close(case, t, 1, 10)
                return
            late = rng.random() < 0.15
            offset = rng.randint(1, 3) if late else -rng.randint(0, 5)
            t = self._next(t, offset, offset, base=obligation["due_on"])
            self.book.perform(
                plan.mediator,
                case,
                t,
                obligation,
                proof="银行转账回单"
                if obligation["amount"] is not None
                else "解除劳动合同证明复印件及申请人签收单",
            )
            self._check("performing")
        t = self._to(
            case, "performed", self._next(t, 0, 2), plan.mediator, "被申请人已全部履行调解协议"
        )
        t = self._next(t, 7, 30)
        self._follow_up(case, t, rng.choice(FOLLOW_UP_NOTES))
        self._close(case, t, 1, 10)

    def _follow_up(self, case: BookCase, t: datetime, notes: str) -> None:
        assert self.plan is not None
        self.book.follow_up(self.plan.mediator, case, t, notes)

    def _close(self, case: BookCase, t: datetime, lo: int, hi: int) -> None:
        assert self.plan is not None
        t = self._to(case, "closed", self._next(t, lo, hi), self.plan.mediator)
        if self.scripted or self.rng.random() < 0.85:
            self._to(case, "archived", self._next(t, 30, 150), self.head, ARCHIVE_REASON)


def populate_cases(admin: Staff, *, rng: random.Random) -> int:
    """About a year of labour-dispute mediation cases; returns how many.

    Old cases are mostly closed or archived (performed, failed and referred to arbitration,
    withdrawn, not accepted); recent ones are in every open state, and today's deadline list has
    overdue and nearly due items. One collective dispute, employers that come back, an oral
    application, a recorded extension, a mediator related to a party. Every step goes through
    the mediation service and is then moved back to its date. Call it inside the caller's
    transaction, after the visits (some cases were filed at a front-desk visit).
    """
    orgs = {o.name: o for o in Organization.select()}
    # The cases drawn at random are against companies: a building, a community or a public
    # institution is seldom an employer (the one such case below is planned).
    weighted = [
        (orgs[name], w)
        for name, w in RESPONDENT_WEIGHTS.items()
        if name in orgs and orgs[name].kind == "company"
    ]
    people_rows = list(
        Person.select(Person.id, Person.created_at, Person.workplace, Person.last_activity_at)
    )
    if not weighted or not people_rows:
        return 0
    runner = _CaseRunner(admin, rng)
    on = runner.moment.date()
    original = {p.id: p.last_activity_at for p in people_rows}
    used: set[int] = set()

    def employer(name: str | None = None) -> Organization:
        if name in orgs:
            return orgs[name]
        return rng.choices([o for o, _ in weighted], [w for _, w in weighted])[0]

    def applicants(org: Organization, received: datetime, count: int = 1) -> list[int]:
        """People already on file, those not yet in a case and the respondent's workers first."""
        known = [p for p in people_rows if p.created_at < received - timedelta(days=1)]
        ranked = sorted(
            known or people_rows,
            key=lambda p: (p.id in used, p.workplace_id != org.id, rng.random()),
        )
        chosen = [p.id for p in ranked[:count]]
        used.update(chosen)
        return chosen

    def received_on(day: date) -> datetime:
        return _office_hours(rng, datetime(day.year, day.month, day.day))

    def days_ago(days: int) -> datetime:
        return received_on(on - timedelta(days=days))

    def working_days_ago(days: int) -> datetime:
        day = on
        while days:
            day -= timedelta(days=1)
            if day.weekday() < 5:
                days -= 1
        return received_on(day)

    def any_mediator() -> Staff:
        return rng.choices((runner.mediator, runner.head), (3, 2))[0]

    def plan(
        received: datetime,
        name: str | None,
        category: str,
        outcome: str,
        stop: str = "",
        **extra: Any,
    ) -> _CasePlan:
        org = employer(name)
        extra.setdefault("mediator", any_mediator())
        extra.setdefault("filed_by", rng.choices((runner.desk, runner.mediator), (3, 1))[0])
        extra.setdefault("applicants", applicants(org, received))
        return _CasePlan(
            received=received,
            respondent=org,
            dispute=_dispute(rng, org, received.date(), category),
            outcome=outcome,
            stop=stop,
            **extra,
        )

    # Acceptance due within three days: two working days back, or three over a weekend.
    soon = on - timedelta(days=1)
    while soon.weekday() >= 5 or not (
        on
        <= mediation.add_working_days(soon, mediation.ACCEPTANCE_WORKING_DAYS)
        <= on + timedelta(days=mediation.SOON_DAYS)
    ):
        soon -= timedelta(days=1)
    dining, courier = "北京东华餐饮管理有限公司", "北京同城速递有限公司东城分部"
    decorators = "北京安居家装工程有限公司"
    plans = [
        # Today's deadline list: acceptance overdue, acceptance soon, mediation overdue,
        # mediation ending soon, an obligation due tomorrow.
        plan(working_days_ago(4), dining, "wages", "agreement", "registered", kind="oral"),
        plan(received_on(soon), courier, "employment_status", "agreement", "registered"),
        plan(days_ago(17), dining, "dismissal", "failed", "sessions", sessions=2),
        plan(days_ago(13), "北京鑫源家政服务有限公司", "wages", "agreement", "sessions"),
        plan(
            days_ago(12),
            "北京康泰养老服务有限公司",
            "wages",
            "agreement",
            "agreement_effective",
            sessions=2,
            dues=(1,),
        ),
        # Both parties agreed to go on after the fifteen days.
        plan(
            days_ago(20),
            "北京智联九州科技有限公司",
            "dismissal",
            "agreement",
            "sessions",
            sessions=2,
            extend_until=on + timedelta(days=6),
        ),
        # The mediator once worked for the respondent; the parties were told and agreed.
        plan(
            working_days_ago(2),
            "北京建华物业管理有限公司",
            "wages",
            "agreement",
            "accepted",
            mediator=runner.mediator,
            related="2017年至2020年曾在该公司任人事专员",
            related_reason="已向双方当事人披露上述关系，双方书面表示不申请回避，同意由其主持调解",
        ),
        plan(days_ago(9), "北京和平保安服务有限公司", "overtime", "agreement", "agreement_draft"),
        plan(days_ago(45), courier, "work_injury", "agreement", "performing", dues=(-20, 12)),
        plan(days_ago(55), dining, "wages", "defaulted", "defaulted", dues=(-20,)),
        plan(
            days_ago(40),
            "北京金宝街酒店管理有限公司",
            "contract",
            "agreement",
            "performed",
            dues=(-10,),
        ),
        plan(days_ago(22), "北京朝阳门汽车维修服务有限公司", "dismissal", "failed", "failed"),
        plan(
            days_ago(40),
            decorators,
            "work_injury",
            "failed",
            "referred_to_arbitration",
            sessions=2,
        ),
        plan(days_ago(25), "北京东直门连锁超市有限公司", "wages", "withdrawn", "withdrawn"),
        plan(
            days_ago(10),
            "东城区朝阳门街道养老照料中心",
            "social_insurance",
            "not_accepted",
            "not_accepted",
            kind="oral",
            filed_by=runner.desk,
        ),
        plan(
            days_ago(18),
            "北京崇文门菜市场经营管理有限公司",
            "dismissal",
            "respondent_declined",
            "respondent_declined",
        ),
        plan(days_ago(300), "北京万通出租汽车有限公司", "dismissal", "agreement", "archived"),
    ]
    # A collective dispute: a crew of decorators left unpaid when the job was done.
    received = days_ago(120)
    crew = employer(decorators)
    collective = _CasePlan(
        received=received,
        respondent=crew,
        applicants=applicants(crew, received, 12),
        dispute=_collective_dispute(rng, crew, received.date(), 12),
        outcome="agreement",
        stop="closed",
        mediator=runner.head,
        filed_by=runner.head,
        sessions=3,
        installments=2,
    )
    plans.append(collective)

    # The rest at random over the year, some filed at a front-desk visit about mediation.
    staff_by_id = {s.id: s for s in Staff.select()}
    workplaces = {p.id: p.workplace_id for p in people_rows}
    visits_about_mediation = list(
        Visit.select(Visit.id, Visit.person, Visit.arrived_at, Visit.staff)
        .join(VisitPurpose, on=(VisitPurpose.visit == Visit.id))
        .join(ServiceType, on=(VisitPurpose.service == ServiceType.id))
        .where(
            ServiceType.name == "劳动争议调解申请",
            VisitPurpose.outcome == "done",
            Visit.channel == "walk_in",
            Visit.person.is_null(False),
            Visit.arrived_at >= runner.moment - timedelta(days=360),
            Visit.arrived_at < runner.moment - timedelta(days=1),
        )
        .order_by(Visit.arrived_at)
    )
    wanted = round(len(people_rows) * CASES_PER_PERSON) - len(plans)
    by_name = {o.name for o, _ in weighted}
    for _ in range(max(MIN_RANDOM_CASES, wanted)):
        extra: dict[str, Any] = {}
        name = None
        if visits_about_mediation and rng.random() < 0.3:
            visit = visits_about_mediation.pop(rng.randrange(len(visits_about_mediation)))
            received = visit.arrived_at + timedelta(minutes=rng.randint(15, 40))
            extra.update(
                visit_id=visit.id,
                applicants=[visit.person_id],
                filed_by=staff_by_id[visit.staff_id],
            )
            used.add(visit.person_id)
            workplace_id = workplaces.get(visit.person_id)
            name = next(
                (o.name for o, _ in weighted if o.id == workplace_id and o.name in by_name), None
            )
        else:
            received = days_ago(rng.randint(1, 360))
        org_name = name or employer().name
        category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
        if org_name == courier and rng.random() < 0.4:
            category = "employment_status"
        outcome = rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0]
        if outcome in ("agreement", "defaulted"):
            extra["sessions"] = rng.choices((1, 2, 3), (5, 3, 1))[0]
            extra["installments"] = rng.choices((1, 2, 3), (6, 3, 1))[0]
        elif outcome == "failed":
            extra["sessions"] = rng.choices((1, 2, 3), (2, 3, 2))[0]
        elif outcome == "withdrawn":
            extra["sessions"] = rng.randint(0, 1)
        if rng.random() < (0.2 if "visit_id" in extra else 0.08):
            extra["kind"] = "oral"
        plans.append(plan(received, org_name, category, outcome, **extra))

    plans.sort(key=lambda p: p.received)  # case numbers follow the date of receipt
    for case_plan in plans:
        runner.run(case_plan)
    runner.book.write()

    # Filing a case stamps its applicants' last activity "now"; it was the day it came in.
    latest: dict[int, datetime] = {}
    for case_plan in plans:
        for person_id in case_plan.applicants:
            latest[person_id] = max(latest.get(person_id, case_plan.received), case_plan.received)
    _keep_latest_activity(latest, original)
    return len(plans)
