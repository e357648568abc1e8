"""Union work with employers (issue #26): workers' congresses (职代会/职工大会), collective
contracts (工资专项集体合同, 综合集体合同; a building federation's regional contract,
区域性集体合同, for several workplaces) and open-affairs checks (厂务公开).

These tables hold no personal data beyond the ids of the staff who recorded them."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.people import Building, Organization

# 职工代表大会 (delegates elected by the staff) or 职工大会 (every employee, for small firms).
CONGRESS_KINDS: tuple[str, ...] = ("delegates", "assembly")
# 工资专项集体合同 or 综合集体合同.
CONTRACT_KINDS: tuple[str, ...] = ("wage", "comprehensive")
OPEN_AFFAIRS_RATINGS: tuple[str, ...] = ("good", "needs_improvement", "not_done")


class CongressMeeting(BaseModel):
    organization = peewee.ForeignKeyField(Organization, backref="congresses", on_delete="RESTRICT")
    held_on = peewee.DateField()
    kind = peewee.CharField(max_length=20, default="delegates")  # CONGRESS_KINDS
    delegates = peewee.IntegerField(null=True)  # delegates, or those present at an assembly
    matters = peewee.TextField(default="")  # the matters decided
    handbook_revised = peewee.BooleanField(default=False)  # 员工手册 revised at this meeting
    station_part = peewee.CharField(max_length=500, default="")  # attended, guided preparation
    staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("organization", "held_on"), False),)


class CollectiveContract(BaseModel):
    """A contract of one workplace, or of a building federation (``building``) for the
    workplaces in ``ContractWorkplace`` (a regional contract); exactly one of the two is set."""

    kind = peewee.CharField(max_length=20)  # CONTRACT_KINDS
    organization = peewee.ForeignKeyField(
        Organization, null=True, backref="contracts", on_delete="RESTRICT"
    )
    building = peewee.ForeignKeyField(
        Building, null=True, backref="contracts", on_delete="RESTRICT"
    )
    signed_on = peewee.DateField()
    registered_on = peewee.DateField(null=True)  # filed with the human-resources bureau
    starts_on = peewee.DateField()
    ends_on = peewee.DateField(index=True)
    wage_increase = peewee.DecimalField(max_digits=5, decimal_places=2, null=True)  # percent
    minimum_wage_clause = peewee.BooleanField(default=False)
    minimum_wage_text = peewee.CharField(max_length=200, default="")
    employees_covered = peewee.IntegerField(null=True)
    # The earlier contract this one renews: at most one renewal per contract.
    renews = peewee.ForeignKeyField(
        "self", null=True, unique=True, backref="renewals", on_delete="RESTRICT"
    )
    notes = peewee.TextField(default="")
    staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=now)


class ContractWorkplace(BaseModel):
    """A workplace a regional contract covers."""

    contract = peewee.ForeignKeyField(CollectiveContract, backref="covered", on_delete="RESTRICT")
    organization = peewee.ForeignKeyField(Organization, backref="+", on_delete="RESTRICT")

    class Meta:
        indexes = ((("contract", "organization"), True), (("organization",), False))


class OpenAffairsCheck(BaseModel):
    organization = peewee.ForeignKeyField(
        Organization, backref="open_affairs_checks", on_delete="RESTRICT"
    )
    checked_on = peewee.DateField()
    findings = peewee.TextField(default="")
    rating = peewee.CharField(max_length=20)  # OPEN_AFFAIRS_RATINGS
    follow_up = peewee.TextField(default="")
    staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("organization", "checked_on"), False),)
