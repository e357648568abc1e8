"""Circulation rules by borrower category and item type, and the borrower at the desk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stationapp.db import today
from stationapp.errors import raise_field_errors
from stationapp.models.accounts import Staff
from stationapp.models.library import ITEM_TYPES, CirculationRule, Loan
from stationapp.models.people import Person
from stationapp.services.accounts import audit, require
from stationapp.services.library._common import translate
from stationapp.services.people import hands_people
from stationapp.services.search_keys import normalize_query
from stationapp.services.writes import writing


def borrower_category_label(category: str) -> str:
    return {
        "member": translate("Library", "Union member"),
        "worker": translate("Library", "Other worker"),
        "": translate("Library", "Everyone"),
    }.get(category, category)


@dataclass(frozen=True)
class Rule:
    loan_days: int
    max_loans: int
    renewals: int
    reference_only: bool


def borrower_category(person: Person) -> str:
    return "member" if person.is_member else "worker"


def rule_for(category: str, item_type: str) -> Rule:
    """The most specific rule: category and type, then category, then type, then everyone."""
    candidates = {
        (r.borrower_category, r.item_type): r
        for r in CirculationRule.select().where(
            CirculationRule.borrower_category.in_([category, ""]),
            CirculationRule.item_type.in_([item_type, ""]),
        )
    }
    for key in ((category, item_type), (category, ""), ("", item_type), ("", "")):
        rule = candidates.get(key)
        if rule is not None:
            return Rule(rule.loan_days, rule.max_loans, rule.renewals, rule.reference_only)
    return Rule(30, 3, 1, False)


def list_rules(actor: Staff) -> list[CirculationRule]:
    require(actor, "library.read")
    return list(
        CirculationRule.select().order_by(
            CirculationRule.borrower_category, CirculationRule.item_type
        )
    )


@dataclass
class RuleInput:
    borrower_category: str
    item_type: str
    loan_days: int
    max_loans: int
    renewals: int
    reference_only: bool = False


def save_rule(actor: Staff, data: RuleInput) -> CirculationRule:
    """Create or change the rule for one (category, type) pair; administrators only."""
    with writing(actor, "library.rules", notify="rule", lock=True):
        errors: dict[str, str] = {}
        if data.borrower_category not in ("", "member", "worker"):
            errors["borrower_category"] = translate("Library", "Choose a borrower category.")
        if data.item_type not in ("", *ITEM_TYPES):
            errors["item_type"] = translate("Library", "Choose the kind of item.")
        if not 1 <= data.loan_days <= 365:
            errors["loan_days"] = translate("Library", "Loan days must be 1 to 365.")
        if not 0 <= data.max_loans <= 200:
            errors["max_loans"] = translate("Library", "The maximum loans must be 0 to 200.")
        if not 0 <= data.renewals <= 10:
            errors["renewals"] = translate("Library", "Renewals must be 0 to 10.")
        raise_field_errors(errors)
        rule = CirculationRule.get_or_none(
            CirculationRule.borrower_category == data.borrower_category,
            CirculationRule.item_type == data.item_type,
        )
        values = {
            "loan_days": data.loan_days,
            "max_loans": data.max_loans,
            "renewals": data.renewals,
            "reference_only": data.reference_only,
        }
        if rule is None:
            rule = CirculationRule.create(
                borrower_category=data.borrower_category, item_type=data.item_type, **values
            )
        else:
            for key, value in values.items():
                setattr(rule, key, value)
            rule.save()
        audit(actor, "save", "circulation_rule", rule.id, values)
    return rule


@hands_people
def find_borrower(actor: Staff, code: str) -> Person | None:
    """The person whose whole member card or ID number this is (what a scanner reads)."""
    require(actor, "library.read")
    number = normalize_query(code).upper()
    if not number:
        return None
    return (
        Person.select()
        .where((Person.member_card == number) | (Person.id_number == number), Person.active)
        .order_by(Person.id)
        .first()
    )


@dataclass(frozen=True)
class BorrowerStatus:
    loans: int
    overdue: int
    max_loans: int

    @property
    def suspended(self) -> bool:
        """No fines: borrowing is suspended while a book is overdue."""
        return self.overdue > 0


def borrower_status(actor: Staff, person: Person, *, on: date | None = None) -> BorrowerStatus:
    require(actor, "library.read")
    on = on or today()
    open_loans = Loan.select().where(Loan.person == person.id, Loan.returned_at.is_null())
    overdue = open_loans.where(Loan.due_on < on).count()
    return BorrowerStatus(
        loans=open_loans.count(),
        overdue=overdue,
        max_loans=rule_for(borrower_category(person), "book").max_loans,
    )
