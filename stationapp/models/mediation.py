"""Labour-dispute mediation cases (劳动争议调解): parties, claims, sessions, agreements, clocks."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.people import Organization, Person
from stationapp.models.visits import Visit

APPLICATION_KINDS: tuple[str, ...] = ("written", "oral")
CLAIM_CATEGORIES: tuple[str, ...] = (
    "wages",
    "overtime",
    "dismissal",
    "damages",
    "social_insurance",
    "work_injury",
    "contract",
    "employment_status",
)
# Claims a worker may take to court for a payment order (支付令) when an effective agreement is
# not performed (LDMAL Art. 16): wages, work-injury medical costs, economic compensation, damages.
PAYMENT_ORDER_CATEGORIES: frozenset[str] = frozenset(
    {"wages", "overtime", "work_injury", "dismissal", "damages"}
)
STATES: tuple[str, ...] = (
    "registered",
    "not_accepted",
    "respondent_declined",
    "accepted",
    "in_mediation",
    "failed",
    "referred_to_arbitration",
    "agreement_draft",
    "agreement_effective",
    "performing",
    "performed",
    "defaulted",
    "withdrawn",
    "closed",
    "archived",
)
COLLECTIVE_THRESHOLD = 10


class CaseCounter(BaseModel):
    """The last case number given in a year; locked while the next one is taken."""

    year = peewee.IntegerField(primary_key=True)
    last = peewee.IntegerField(default=0)


class MediationCase(BaseModel):
    year = peewee.IntegerField()
    sequence = peewee.IntegerField()
    number = peewee.CharField(max_length=60, unique=True)
    application_kind = peewee.CharField(max_length=10, default="written")
    received_at = peewee.DateTimeField(index=True)
    state = peewee.CharField(max_length=30, default="registered", index=True)
    respondent = peewee.ForeignKeyField(Organization, backref="cases", on_delete="RESTRICT")
    matters = peewee.TextField(default="")  # the matters in dispute, as the applicant states them
    reasons = peewee.TextField(default="")  # the applicant's reasons and requests
    facts = peewee.TextField(default="")
    date_knew = peewee.DateField(null=True)  # when the worker knew of the infringement
    employment_ended = peewee.DateField(null=True)
    collective = peewee.BooleanField(default=False)
    mediator = peewee.ForeignKeyField(Staff, null=True, backref="cases", on_delete="RESTRICT")
    mediator_reason = peewee.TextField(default="")  # why a related mediator was still assigned
    mediation_due = peewee.DateField(index=True)
    extended_until = peewee.DateField(null=True)
    extension_note = peewee.TextField(default="")
    decided_at = peewee.DateTimeField(null=True)
    decision_reason = peewee.TextField(default="")
    review_due = peewee.DateField(null=True)  # joint review request window after effect
    closed_at = peewee.DateTimeField(null=True)
    # The decision on the file once its retention ended (migration 14): kept longer until a
    # date, or disposed of, with how (services/case_file.py).
    file_kept_until = peewee.DateField(null=True)
    file_disposed_at = peewee.DateTimeField(null=True)
    file_decision_note = peewee.TextField(default="")
    visit = peewee.ForeignKeyField(Visit, null=True, backref="cases", on_delete="SET NULL")
    created_by = peewee.ForeignKeyField(Staff, backref="filed_cases", on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("year", "sequence"), True),)


class CaseParty(BaseModel):
    """An applicant: a worker from the people register."""

    case = peewee.ForeignKeyField(MediationCase, backref="parties", on_delete="CASCADE")
    person = peewee.ForeignKeyField(Person, backref="case_parties", on_delete="RESTRICT")

    class Meta:
        indexes = ((("case", "person"), True),)


class CaseClaim(BaseModel):
    case = peewee.ForeignKeyField(MediationCase, backref="claims", on_delete="CASCADE")
    category = peewee.CharField(max_length=30)
    amount = peewee.DecimalField(max_digits=14, decimal_places=2, null=True)
    description = peewee.TextField(default="")


class CaseEvent(BaseModel):
    """A state change or another recorded step of a case: who, when, why (the timeline)."""

    case = peewee.ForeignKeyField(MediationCase, backref="events", on_delete="CASCADE")
    at = peewee.DateTimeField(default=now)
    staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
    kind = peewee.CharField(max_length=30)  # "transition", "extension", "session", ...
    from_state = peewee.CharField(max_length=30, default="")
    to_state = peewee.CharField(max_length=30, default="")
    reason = peewee.TextField(default="")


SESSION_STATES: tuple[str, ...] = ("planned", "held", "cancelled")


class CaseSession(BaseModel):
    """A session of a case: held (with its record), or planned ahead (``held_at`` is then the
    planned start, ``ends_at`` the planned end; its room booking points here) or cancelled."""

    case = peewee.ForeignKeyField(MediationCase, backref="sessions", on_delete="CASCADE")
    held_at = peewee.DateTimeField()
    state = peewee.CharField(max_length=20, default="held")
    ends_at = peewee.DateTimeField(null=True)
    place = peewee.CharField(max_length=200, default="")
    attendees = peewee.TextField(default="")
    record = peewee.TextField(default="")
    signed_by_parties = peewee.BooleanField(default=False)
    signed_by_mediator = peewee.BooleanField(default=False)
    created_at = peewee.DateTimeField(default=now)


class Agreement(BaseModel):
    case = peewee.ForeignKeyField(MediationCase, backref="agreements", on_delete="CASCADE")
    terms = peewee.TextField(default="")
    signed_applicant = peewee.BooleanField(default=False)
    signed_respondent = peewee.BooleanField(default=False)
    signed_mediator = peewee.BooleanField(default=False)
    sealed_organization = peewee.BooleanField(default=False)
    effective_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField(default=now)


class Obligation(BaseModel):
    agreement = peewee.ForeignKeyField(Agreement, backref="obligations", on_delete="CASCADE")
    description = peewee.TextField()
    amount = peewee.DecimalField(max_digits=14, decimal_places=2, null=True)
    due_on = peewee.DateField(null=True)
    performed_on = peewee.DateField(null=True)
    performed_amount = peewee.DecimalField(max_digits=14, decimal_places=2, null=True)
    proof = peewee.TextField(default="")


class CaseFollowUp(BaseModel):
    """A follow-up visit (回访) after an agreement or a closed case."""

    case = peewee.ForeignKeyField(MediationCase, backref="follow_ups", on_delete="CASCADE")
    held_on = peewee.DateField()
    staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
    notes = peewee.TextField(default="")


class MediatorRelation(BaseModel):
    """A mediator's tie to a person or an organisation, for the impartiality check."""

    staff = peewee.ForeignKeyField(Staff, backref="relations", on_delete="CASCADE")
    person = peewee.ForeignKeyField(Person, null=True, on_delete="CASCADE")
    organization = peewee.ForeignKeyField(Organization, null=True, on_delete="CASCADE")
    relation = peewee.CharField(max_length=200)
    created_at = peewee.DateTimeField(default=now)
