"""Version 4: labour-dispute mediation cases with their parties, claims, timeline, sessions,
agreements and obligations, follow-ups, mediators' relations, and the yearly case counter.

Frozen copies of the version-4 tables, as in m0001.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import frozen_models


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Organization, Person, Visit = frozen_models(
        db, "staff", "organization", "person", "visit"
    )

    class CaseCounter(Base):
        """The last case number given in a year; locked while the next one is taken."""

        year = peewee.IntegerField(primary_key=True)
        last = peewee.IntegerField(default=0)

    class MediationCase(Base):
        year = peewee.IntegerField()
        sequence = peewee.IntegerField()
        number = peewee.CharField(max_length=60, unique=True)
        application_kind = peewee.CharField(max_length=10, default="written")
        received_at = peewee.DateTimeField(index=True)
        state = peewee.CharField(max_length=30, default="registered", index=True)
        respondent = peewee.ForeignKeyField(Organization, backref="cases", on_delete="RESTRICT")
        # the matters in dispute, as the applicant states them
        matters = peewee.TextField(default="")
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
        visit = peewee.ForeignKeyField(Visit, null=True, backref="cases", on_delete="SET NULL")
        created_by = peewee.ForeignKeyField(Staff, backref="filed_cases", on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)
        updated_at = peewee.DateTimeField(default=now)

        class Meta:
            indexes = ((("year", "sequence"), True),)

    class CaseParty(Base):
        """An applicant: a worker from the people register."""

        case = peewee.ForeignKeyField(MediationCase, backref="parties", on_delete="CASCADE")
        person = peewee.ForeignKeyField(Person, backref="case_parties", on_delete="RESTRICT")

        class Meta:
            indexes = ((("case", "person"), True),)

    class CaseClaim(Base):
        case = peewee.ForeignKeyField(MediationCase, backref="claims", on_delete="CASCADE")
        category = peewee.CharField(max_length=30)
        amount = peewee.DecimalField(max_digits=14, decimal_places=2, null=True)
        description = peewee.TextField(default="")

    class CaseEvent(Base):
        """A state change or another recorded step of a case: who, when, why (the timeline)."""

        case = peewee.ForeignKeyField(MediationCase, backref="events", on_delete="CASCADE")
        at = peewee.DateTimeField(default=now)
        staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
        kind = peewee.CharField(max_length=30)  # "transition", "extension", "session", ...
        from_state = peewee.CharField(max_length=30, default="")
        to_state = peewee.CharField(max_length=30, default="")
        reason = peewee.TextField(default="")

    class CaseSession(Base):
        case = peewee.ForeignKeyField(MediationCase, backref="sessions", on_delete="CASCADE")
        held_at = peewee.DateTimeField()
        place = peewee.CharField(max_length=200, default="")
        attendees = peewee.TextField(default="")
        record = peewee.TextField(default="")
        signed_by_parties = peewee.BooleanField(default=False)
        signed_by_mediator = peewee.BooleanField(default=False)
        created_at = peewee.DateTimeField(default=now)

    class Agreement(Base):
        case = peewee.ForeignKeyField(MediationCase, backref="agreements", on_delete="CASCADE")
        terms = peewee.TextField(default="")
        signed_applicant = peewee.BooleanField(default=False)
        signed_respondent = peewee.BooleanField(default=False)
        signed_mediator = peewee.BooleanField(default=False)
        sealed_organization = peewee.BooleanField(default=False)
        effective_at = peewee.DateTimeField(null=True)
        created_at = peewee.DateTimeField(default=now)

    class Obligation(Base):
        agreement = peewee.ForeignKeyField(Agreement, backref="obligations", on_delete="CASCADE")
        description = peewee.TextField()
        amount = peewee.DecimalField(max_digits=14, decimal_places=2, null=True)
        due_on = peewee.DateField(null=True)
        performed_on = peewee.DateField(null=True)
        performed_amount = peewee.DecimalField(max_digits=14, decimal_places=2, null=True)
        proof = peewee.TextField(default="")

    class CaseFollowUp(Base):
        """A follow-up visit (回访) after an agreement or a closed case."""

        case = peewee.ForeignKeyField(MediationCase, backref="follow_ups", on_delete="CASCADE")
        held_on = peewee.DateField()
        staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
        notes = peewee.TextField(default="")

    class MediatorRelation(Base):
        """A mediator's tie to a person or an organisation, for the impartiality check."""

        staff = peewee.ForeignKeyField(Staff, backref="relations", on_delete="CASCADE")
        person = peewee.ForeignKeyField(Person, null=True, on_delete="CASCADE")
        organization = peewee.ForeignKeyField(Organization, null=True, on_delete="CASCADE")
        relation = peewee.CharField(max_length=200)
        created_at = peewee.DateTimeField(default=now)

    db.create_tables(
        [
            CaseCounter,
            MediationCase,
            CaseParty,
            CaseClaim,
            CaseEvent,
            CaseSession,
            Agreement,
            Obligation,
            CaseFollowUp,
            MediatorRelation,
        ]
    )
