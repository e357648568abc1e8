"""The workers' library (职工书屋) and the mobile book house (流动书屋): titles, copies, loans,
holds, circulation rules, boxes lent to workplaces, stocktakes."""

from __future__ import annotations

import peewee

from stationapp.db import now
from stationapp.models.accounts import Staff
from stationapp.models.base import BaseModel
from stationapp.models.people import Organization, Person

COPY_STATUSES: tuple[str, ...] = (
    "available",
    "on_loan",
    "in_box",
    "on_hold_shelf",
    "lost",
    "damaged",
    "withdrawn",
)
ITEM_TYPES: tuple[str, ...] = ("book", "magazine", "reference", "audiovisual")
BORROWER_CATEGORIES: tuple[str, ...] = ("member", "worker")
HOLD_STATES: tuple[str, ...] = ("waiting", "ready", "fulfilled", "cancelled")
BOX_STATES: tuple[str, ...] = ("at_station", "lent")
DEFAULT_LOAN_DAYS = 30
DEFAULT_MAX_LOANS = 3
DEFAULT_RENEWALS = 1


class Title(BaseModel):
    """A bibliographic record; several titles may share an ISBN, many have none."""

    isbn = peewee.CharField(max_length=13, default="", index=True)  # canonical ISBN-13 or ""
    title = peewee.CharField(max_length=300)
    author = peewee.CharField(max_length=200, default="")
    publisher = peewee.CharField(max_length=200, default="")
    year = peewee.IntegerField(null=True)
    classification = peewee.CharField(max_length=40, default="")  # 中图法 class or call number
    item_type = peewee.CharField(max_length=20, default="book")
    search_text = peewee.TextField(default="")  # title/author with pinyin and initials
    active = peewee.BooleanField(default=True)
    created_at = peewee.DateTimeField(default=now)
    updated_at = peewee.DateTimeField(default=now)


class Box(BaseModel):
    """A box of books lent to a workplace (流动书屋)."""

    barcode = peewee.CharField(max_length=40, unique=True)
    name = peewee.CharField(max_length=100)
    state = peewee.CharField(max_length=20, default="at_station")
    created_at = peewee.DateTimeField(default=now)


class Copy(BaseModel):
    title = peewee.ForeignKeyField(Title, backref="copies", on_delete="RESTRICT")
    barcode = peewee.CharField(max_length=40, unique=True)
    accession_number = peewee.CharField(max_length=40, default="")
    price = peewee.DecimalField(max_digits=10, decimal_places=2, null=True)
    location = peewee.CharField(max_length=60, default="")
    status = peewee.CharField(max_length=20, default="available", index=True)
    box = peewee.ForeignKeyField(Box, null=True, backref="copies", on_delete="SET NULL")
    last_seen_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField(default=now)


class CirculationRule(BaseModel):
    """Borrower category x item type -> loan days, maximum loans, renewals, reference only.

    An empty category or item type matches every one; the most specific rule wins.
    """

    borrower_category = peewee.CharField(max_length=20, default="")
    item_type = peewee.CharField(max_length=20, default="")
    loan_days = peewee.IntegerField(default=DEFAULT_LOAN_DAYS)
    max_loans = peewee.IntegerField(default=DEFAULT_MAX_LOANS)
    renewals = peewee.IntegerField(default=DEFAULT_RENEWALS)
    reference_only = peewee.BooleanField(default=False)

    class Meta:
        indexes = ((("borrower_category", "item_type"), True),)


class Loan(BaseModel):
    copy = peewee.ForeignKeyField(Copy, backref="loans", on_delete="RESTRICT")
    person = peewee.ForeignKeyField(Person, backref="loans", on_delete="RESTRICT")
    staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
    lent_at = peewee.DateTimeField(index=True)
    due_on = peewee.DateField(index=True)
    returned_at = peewee.DateTimeField(null=True)
    returned_staff = peewee.ForeignKeyField(Staff, null=True, on_delete="RESTRICT")
    renewals = peewee.IntegerField(default=0)

    class Meta:
        indexes = (
            (("person", "returned_at"), False),
            (("copy", "returned_at"), False),
        )


class Hold(BaseModel):
    """A reservation: a queue per title, in the order placed."""

    title = peewee.ForeignKeyField(Title, backref="holds", on_delete="RESTRICT")
    person = peewee.ForeignKeyField(Person, backref="holds", on_delete="RESTRICT")
    placed_at = peewee.DateTimeField(default=now)
    state = peewee.CharField(max_length=20, default="waiting")
    copy = peewee.ForeignKeyField(Copy, null=True, on_delete="SET NULL")  # set aside for them
    ready_at = peewee.DateTimeField(null=True)
    closed_at = peewee.DateTimeField(null=True)

    class Meta:
        indexes = ((("title", "state", "placed_at"), False),)


class BoxLoan(BaseModel):
    box = peewee.ForeignKeyField(Box, backref="loans", on_delete="RESTRICT")
    organization = peewee.ForeignKeyField(Organization, backref="box_loans", on_delete="RESTRICT")
    contact_name = peewee.CharField(max_length=50, default="")
    contact_phone = peewee.CharField(max_length=30, default="")
    starts_on = peewee.DateField()
    due_on = peewee.DateField(index=True)
    returned_at = peewee.DateTimeField(null=True)
    staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
    manifest = peewee.TextField(default="[]")  # copy ids handed over, as JSON
    reconciliation = peewee.TextField(default="")  # JSON: missing, extra, damaged on return


class Stocktake(BaseModel):
    """A stocktake session: the expected copies are frozen when it starts."""

    location = peewee.CharField(max_length=60, default="")  # "" = the whole collection
    started_at = peewee.DateTimeField(default=now)
    finished_at = peewee.DateTimeField(null=True)
    staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")


class StocktakeItem(BaseModel):
    stocktake = peewee.ForeignKeyField(Stocktake, backref="items", on_delete="CASCADE")
    copy = peewee.ForeignKeyField(Copy, on_delete="CASCADE")
    expected = peewee.BooleanField(default=True)
    seen_at = peewee.DateTimeField(null=True)
    seen_location = peewee.CharField(max_length=60, default="")

    class Meta:
        indexes = ((("stocktake", "copy"), True),)
