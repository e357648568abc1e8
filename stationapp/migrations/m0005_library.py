"""Version 5: the workers' library and the mobile book house: titles, copies, boxes, rules,
loans, holds, box loans and stocktakes, with the default circulation rules.

Frozen copies of the version-5 tables, as in m0001.
"""

from __future__ import annotations

import peewee

from stationapp.migrations.frozen import frozen_models

DEFAULT_LOAN_DAYS = 30
DEFAULT_MAX_LOANS = 3
DEFAULT_RENEWALS = 1


def apply(db: peewee.Database) -> None:
    from stationapp.db import now

    Base, Staff, Organization, Person = frozen_models(db, "staff", "organization", "person")

    class Title(Base):
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

    class Box(Base):
        """A box of books lent to a workplace (流动书屋)."""

        barcode = peewee.CharField(max_length=40, unique=True)
        name = peewee.CharField(max_length=100)
        state = peewee.CharField(max_length=20, default="at_station")
        created_at = peewee.DateTimeField(default=now)

    class Copy(Base):
        title = peewee.ForeignKeyField(Title, backref="copies", on_delete="RESTRICT")
        barcode = peewee.CharField(max_length=40, unique=True)
        accession_number = peewee.CharField(max_length=40, default="")
        price = peewee.DecimalField(max_digits=10, decimal_places=2, null=True)
        location = peewee.CharField(max_length=60, default="")
        status = peewee.CharField(max_length=20, default="available", index=True)
        box = peewee.ForeignKeyField(Box, null=True, backref="copies", on_delete="SET NULL")
        last_seen_at = peewee.DateTimeField(null=True)
        created_at = peewee.DateTimeField(default=now)

    class CirculationRule(Base):
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

    class Loan(Base):
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

    class Hold(Base):
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

    class BoxLoan(Base):
        box = peewee.ForeignKeyField(Box, backref="loans", on_delete="RESTRICT")
        organization = peewee.ForeignKeyField(
            Organization, backref="box_loans", on_delete="RESTRICT"
        )
        contact_name = peewee.CharField(max_length=50, default="")
        contact_phone = peewee.CharField(max_length=30, default="")
        starts_on = peewee.DateField()
        due_on = peewee.DateField(index=True)
        returned_at = peewee.DateTimeField(null=True)
        staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")
        manifest = peewee.TextField(default="[]")  # copy ids handed over, as JSON
        reconciliation = peewee.TextField(default="")  # JSON: missing, extra, damaged on return

    class Stocktake(Base):
        """A stocktake session: the expected copies are frozen when it starts."""

        location = peewee.CharField(max_length=60, default="")  # "" = the whole collection
        started_at = peewee.DateTimeField(default=now)
        finished_at = peewee.DateTimeField(null=True)
        staff = peewee.ForeignKeyField(Staff, on_delete="RESTRICT")

    class StocktakeItem(Base):
        stocktake = peewee.ForeignKeyField(Stocktake, backref="items", on_delete="CASCADE")
        copy = peewee.ForeignKeyField(Copy, on_delete="CASCADE")
        expected = peewee.BooleanField(default=True)
        seen_at = peewee.DateTimeField(null=True)
        seen_location = peewee.CharField(max_length=60, default="")

        class Meta:
            indexes = ((("stocktake", "copy"), True),)

    db.create_tables(
        [Title, Box, Copy, CirculationRule, Loan, Hold, BoxLoan, Stocktake, StocktakeItem]
    )
    # The backstop of rule 3: a copy is never on two open loans, whatever races.
    db.execute_sql("CREATE UNIQUE INDEX loan_copy_open ON loan (copy_id) WHERE returned_at IS NULL")
    # The overdue and due-soon lists walk only the open loans, not years of history.
    db.execute_sql("CREATE INDEX loan_open_due ON loan (due_on) WHERE returned_at IS NULL")
    # A title's copies on the shelf, found from the title (the scan of an ISBN).
    db.execute_sql("CREATE INDEX copy_title_status ON copy (title_id, status)")
    # A scanned member card finds its borrower at once.
    db.execute_sql("CREATE INDEX person_member_card ON person (member_card)")
    # The defaults: 30 days, 3 books, 1 renewal; reference works stay in the reading room.
    CirculationRule.create(borrower_category="", item_type="")
    CirculationRule.create(borrower_category="", item_type="reference", reference_only=True)
