"""Union work with employers (issue #26): the founding steps of a workplace's union (建会).

Buildings and a workplace's union status, chair and committee live with ``Organization`` in
``models/people.py``; this module holds what is kept per workplace beyond that."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.people import Organization

# The steps of founding a union, in order (基层工会组建程序).
FOUNDING_STEPS: tuple[str, ...] = (
    "contacted",  # 联系企业、宣传动员
    "applied",  # 企业或职工提出建会申请
    "preparatory_group",  # 成立工会筹备组
    "members_recruited",  # 发展会员
    "assembly",  # 召开会员(代表)大会，选举工会委员会
    "approved",  # 上级工会批复
    "registered",  # 工会法人资格登记
)


class FoundingStep(BaseModel):
    """One founding step done for a workplace, with its date; a step not done has no row."""

    organization = peewee.ForeignKeyField(
        Organization, backref="founding_steps", on_delete="RESTRICT"
    )
    step = peewee.CharField(max_length=30)  # FOUNDING_STEPS
    done_on = peewee.DateField()
    note = peewee.CharField(max_length=200, default="")
    staff = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    created_at = peewee.DateTimeField(default=now)

    class Meta:
        indexes = ((("organization", "step"), True),)
