"""Mutual-aid cover (issue 25): plans, enrolments, claims.

Frozen copies of the tables as this step made them, as in m0001.
"""

from __future__ import annotations

import json

import peewee

from stationapp.migrations.frozen import frozen_models


class JSONField(peewee.TextField):
    def db_value(self, value: object) -> str:
        return json.dumps(value if value is not None else [], ensure_ascii=False)


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Person, Organization, ServiceType = frozen_models(
        db, "staff", "person", "organization", "service_type"
    )

    class AidPlan(Base):
        name = peewee.CharField(max_length=100)
        kind = peewee.CharField(max_length=30)  # PLAN_KINDS
        year = peewee.IntegerField()
        cover_start = peewee.DateField()
        cover_end = peewee.DateField()
        premium = peewee.DecimalField(max_digits=10, decimal_places=2)
        waiting_days = peewee.IntegerField(default=0)
        benefit_kind = peewee.CharField(max_length=10)  # BENEFIT_KINDS
        rate = peewee.DecimalField(max_digits=5, decimal_places=2, null=True)  # percent
        deductible = peewee.DecimalField(max_digits=12, decimal_places=2, default=0)
        cap_per_claim = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
        cap_per_year = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
        fixed_sum = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
        claim_days = peewee.IntegerField(default=90)  # after discharge or the event
        # The checklist of materials: the catalogue service's where it has one, else ``materials``.
        service = peewee.ForeignKeyField(ServiceType, null=True, backref="+", on_delete="RESTRICT")
        materials = JSONField(default=list)  # names
        active = peewee.BooleanField(default=True)
        created_at = peewee.DateTimeField(default=now)

        class Meta:
            indexes = ((("year", "name"), True),)

    class AidEnrolment(Base):
        plan = peewee.ForeignKeyField(AidPlan, backref="enrolments", on_delete="RESTRICT")
        person = peewee.ForeignKeyField(Person, backref="aid_enrolments", on_delete="RESTRICT")
        year = (
            peewee.IntegerField()
        )  # the plan's year, so the unique index says "per plan and year"
        enrolled_on = peewee.DateField(index=True)
        paid_by = peewee.CharField(max_length=20, default="workplace")  # PAYERS
        organization = peewee.ForeignKeyField(
            Organization, null=True, backref="aid_enrolments", on_delete="RESTRICT"
        )
        premium = peewee.DecimalField(max_digits=10, decimal_places=2)
        staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        created_at = peewee.DateTimeField(default=now)

        class Meta:
            indexes = ((("person", "plan", "year"), True), (("organization", "year"), False))

    class AidClaim(Base):
        enrolment = peewee.ForeignKeyField(AidEnrolment, backref="claims", on_delete="RESTRICT")
        person = peewee.ForeignKeyField(Person, backref="aid_claims", on_delete="RESTRICT")
        admitted_on = peewee.DateField(null=True)
        discharged_on = peewee.DateField(null=True)
        event_on = peewee.DateField()  # admission, diagnosis or accident
        claimed_on = peewee.DateField(index=True)
        total_expenses = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
        insurance_paid = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
        claimed_amount = peewee.DecimalField(max_digits=12, decimal_places=2)
        computed_amount = peewee.DecimalField(max_digits=12, decimal_places=2)
        approved_amount = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
        amount_reason = peewee.TextField(default="")  # why the approved amount is not the computed
        paid_amount = peewee.DecimalField(max_digits=12, decimal_places=2, null=True)
        paid_on = peewee.DateField(null=True, index=True)
        state = peewee.CharField(max_length=20, default="submitted")  # CLAIM_STATES
        materials_done = JSONField(default=list)  # the checklist's names ticked
        diagnosis = peewee.TextField(default="")  # health data
        notes = peewee.TextField(default="")  # health data
        late_reason = peewee.TextField(default="")  # a late claim accepted, and why
        late_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
        return_reason = peewee.TextField(default="")  # the materials asked for
        refusal_reason = peewee.TextField(default="")
        staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
        decided_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
        decided_on = peewee.DateField(null=True, index=True)  # approved or refused
        created_at = peewee.DateTimeField(default=now)
        updated_at = peewee.DateTimeField(default=now)

        class Meta:
            indexes = ((("state", "claimed_on"), False), (("person", "claimed_on"), False))

    db.create_tables([AidPlan, AidEnrolment, AidClaim])
