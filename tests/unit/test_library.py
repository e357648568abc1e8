"""The workers' library: ISBNs, the catalogue, circulation rules, lending under the rules,
returns with holds, renewals, undo, the scan field's decisions, the lists, statistics,
permissions and the audit trail."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import count

import pytest
from stdnum import ean, luhn
from stdnum import isbn as stdnum_isbn

from stationapp.db import now, today
from stationapp.errors import NotFound, PermissionDenied, ValidationError
from stationapp.models.accounts import FRONT_DESK, LIBRARIAN, ORGANISER, AuditEntry, Staff
from stationapp.models.library import Box, CirculationRule, Copy, Hold, Loan, Title
from stationapp.models.people import Person
from stationapp.services import library, people
from stationapp.services.library import CopyInput, LendRefused, Rule, RuleInput, TitleInput
from stationapp.services.people import OrganizationInput, PersonInput
from tests.helpers.ids import make_ric

_card_seq = count(5000)
_ric_seq = count(200)
_barcode_seq = count(1)


def isbn13(body: str) -> str:
    """A valid ISBN-13 from its first twelve digits."""
    return body + ean.calc_check_digit(body)


HUOZHE = isbn13("978750636543")  # 活着
PINGFAN = isbn13("978702000220")  # 平凡的世界
SANTI = isbn13("978753662293")  # 三体
UNKNOWN = isbn13("978711111111")


# --- helpers ------------------------------------------------------------------------------------


def _card() -> str:
    body = f"622203{next(_card_seq):012d}"
    return body + luhn.calc_check_digit(body)


def _person(admin: Staff, name: str, **fields: object) -> Person:
    fields.setdefault("id_number", make_ric(seq=next(_ric_seq)))
    if fields.get("member_card") is True:
        fields["member_card"] = _card()
        fields["is_member"] = True
    return people.create_person(admin, PersonInput(name=name, **fields), allow_duplicate=True)


def _title(admin: Staff, title: str = "活着", author: str = "余华", **fields: object) -> Title:
    return library.create_title(admin, TitleInput(title=title, author=author, **fields))


def _copy(admin: Staff, title: Title, barcode: str | None = None) -> Copy:
    code = barcode or f"TS{next(_barcode_seq):07d}"
    return library.add_copy(admin, title.id, CopyInput(barcode=code, location="书架A1"))


def _book(admin: Staff, title: str = "活着", author: str = "余华", **fields: object) -> Copy:
    """One title with one copy on the shelf."""
    return _copy(admin, _title(admin, title, author, **fields))


def _status(copy: Copy) -> str:
    return Copy.get_by_id(copy.id).status


def _move_due(loan: Loan, due: date) -> None:
    Loan.update(due_on=due).where(Loan.id == loan.id).execute()


def _open_loans(copy: Copy | None = None) -> int:
    query = Loan.select().where(Loan.returned_at.is_null())
    if copy is not None:
        query = query.where(Loan.copy == copy.id)
    return query.count()


@pytest.fixture
def librarian(make_staff) -> Staff:
    return make_staff("librarian", LIBRARIAN)


@pytest.fixture
def reader(admin) -> Person:
    return _person(admin, "张伟", phone="13812345678", member_card=True)


# --- ISBN ---------------------------------------------------------------------------------------


def test_isbn10_is_stored_as_isbn13(admin) -> None:
    isbn10 = stdnum_isbn.format(stdnum_isbn.to_isbn10(HUOZHE))  # 7-5063-6543-x, hyphenated
    assert len(isbn10.replace("-", "")) == 10
    title = _title(admin, isbn=isbn10)
    assert title.isbn == HUOZHE
    assert Title.get_by_id(title.id).isbn == HUOZHE
    assert library.normalize_isbn(" 978-" + HUOZHE[3:] + " ") == HUOZHE


def test_a_wrong_check_digit_is_refused_at_the_isbn_field(admin) -> None:
    wrong = HUOZHE[:-1] + str((int(HUOZHE[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as caught:
        _title(admin, isbn=wrong)
    assert caught.value.field == "isbn"
    assert "isbn" in caught.value.errors
    with pytest.raises(ValidationError) as caught:
        library.normalize_isbn("9771234567003")  # an EAN-13 that is not an ISBN
    assert caught.value.field == "isbn"
    assert not Title.select().exists()


@pytest.mark.parametrize("addon", ["52800", "28"])
def test_an_ean_add_on_is_accepted(admin, addon: str) -> None:
    title = _title(admin, isbn=HUOZHE + addon)
    assert title.isbn == HUOZHE
    assert library.looks_like_isbn(HUOZHE + addon)


def test_a_title_without_isbn_can_be_added(admin) -> None:
    title = _title(admin, "职工书屋借阅登记册", "", isbn="")
    assert Title.get_by_id(title.id).isbn == ""
    assert library.search_titles(admin, "借阅登记") == [title]


def test_several_titles_may_share_an_isbn(admin) -> None:
    first = _title(admin, "红楼梦（上）", "曹雪芹", isbn=PINGFAN)
    second = _title(admin, "红楼梦（下）", "曹雪芹", isbn=PINGFAN)
    assert first.id != second.id
    found = library.search_titles(admin, stdnum_isbn.format(PINGFAN))
    assert {t.id for t in found} == {first.id, second.id}


# --- catalogue ----------------------------------------------------------------------------------


def test_titles_are_found_by_pinyin_initials_author_and_isbn(admin) -> None:
    title = _title(admin, "活着", "余华", isbn=HUOZHE, publisher="作家出版社", year=2012)
    _title(admin, "围城", "钱锺书")
    for query in ("活着", "huozhe", "hz", "余华", "yuhua", "yh", "HZ", HUOZHE):
        assert [t.id for t in library.search_titles(admin, query)] == [title.id], query
    assert library.count_titles(admin, "hz") == 1
    assert library.search_titles(admin, "pingfan") == []

    changed = library.update_title(
        admin,
        title.id,
        TitleInput(title="平凡的世界", author="路遥", isbn=PINGFAN, year=2012),
    )
    assert changed.isbn == PINGFAN
    for query in ("pfdsj", "pingfan", "ly", "路遥", PINGFAN):
        assert [t.id for t in library.search_titles(admin, query)] == [title.id], query
    for query in ("hz", "yuhua", HUOZHE):
        assert library.search_titles(admin, query) == [], query
    entry = (
        AuditEntry.select().where(AuditEntry.entity == "title", AuditEntry.action == "update").get()
    )
    assert json.loads(entry.details)["title"] == ["活着", "平凡的世界"]


def test_title_validation(admin) -> None:
    with pytest.raises(ValidationError) as caught:
        _title(admin, "", "余华")
    assert caught.value.field == "title"
    with pytest.raises(ValidationError) as caught:
        _title(admin, "活着", year=1200)
    assert caught.value.field == "year"
    with pytest.raises(ValidationError) as caught:
        _title(admin, "活着", item_type="scroll")
    assert caught.value.field == "item_type"
    with pytest.raises(NotFound):
        library.update_title(admin, 999, TitleInput(title="活着"))
    assert not Title.select().exists()


def test_copy_barcodes_are_unique(admin, reader) -> None:
    title = _title(admin)
    copy = library.add_copy(admin, title.id, CopyInput(barcode=" ts0000123 ", price="39.8"))
    assert copy.barcode == "TS0000123"
    assert Copy.get_by_id(copy.id).price == Decimal("39.80")
    assert copy.status == "available"
    with pytest.raises(ValidationError) as caught:
        library.add_copy(admin, title.id, CopyInput(barcode="TS0000123"))
    assert caught.value.field == "barcode"
    # A scanner could not tell a book from the borrower's card.
    with pytest.raises(ValidationError) as caught:
        library.add_copy(admin, title.id, CopyInput(barcode=reader.member_card))
    assert caught.value.field == "barcode"
    with pytest.raises(ValidationError) as caught:
        library.add_copy(admin, title.id, CopyInput(barcode="TS 12/3"))
    assert caught.value.field == "barcode"
    with pytest.raises(ValidationError) as caught:
        library.add_copy(admin, title.id, CopyInput(barcode="TS0000124", price="-1"))
    assert caught.value.field == "price"
    assert Copy.select().count() == 1
    assert library.availability([title.id]) == {title.id: (1, 1)}


def test_a_copy_on_loan_cannot_be_withdrawn(admin, reader) -> None:
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    with pytest.raises(ValidationError) as caught:
        library.withdraw_copy(admin, copy.id)
    assert caught.value.field == "status"
    assert _status(copy) == "on_loan"
    library.return_copy(admin, copy.id)
    assert library.withdraw_copy(admin, copy.id).status == "withdrawn"
    assert _status(copy) == "withdrawn"
    with pytest.raises(LendRefused):
        library.lend(admin, copy.id, reader.id)
    # The history stays.
    assert Loan.select().where(Loan.copy == copy.id).count() == 1


# --- rules --------------------------------------------------------------------------------------


def test_the_default_rules(db) -> None:
    assert library.rule_for("member", "book") == Rule(30, 3, 1, False)
    assert library.rule_for("worker", "magazine") == Rule(30, 3, 1, False)
    assert library.rule_for("worker", "reference").reference_only


def test_the_most_specific_rule_wins(admin) -> None:
    def save(category: str, item_type: str, days: int) -> None:
        library.save_rule(admin, RuleInput(category, item_type, days, 5, 2))

    save("", "magazine", 7)
    assert library.rule_for("member", "magazine").loan_days == 7
    save("member", "", 60)
    assert library.rule_for("member", "magazine").loan_days == 60  # category over type
    save("member", "magazine", 14)
    assert library.rule_for("member", "magazine").loan_days == 14  # both over either
    assert library.rule_for("member", "book").loan_days == 60
    assert library.rule_for("worker", "magazine").loan_days == 7
    assert library.rule_for("worker", "book") == Rule(30, 3, 1, False)
    # Saving the same pair again changes it instead of adding a second rule.
    save("member", "magazine", 21)
    assert library.rule_for("member", "magazine").loan_days == 21
    pairs = [(r.borrower_category, r.item_type) for r in library.list_rules(admin)]
    assert pairs.count(("member", "magazine")) == 1
    assert AuditEntry.select().where(AuditEntry.entity == "circulation_rule").count() == 4


def test_only_an_administrator_saves_rules(librarian) -> None:
    before = CirculationRule.select().count()
    with pytest.raises(PermissionDenied):
        library.save_rule(librarian, RuleInput("member", "book", 60, 10, 3))
    assert CirculationRule.select().count() == before
    assert library.rule_for("member", "book").loan_days == 30


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"loan_days": 0}, "loan_days"),
        ({"loan_days": 366}, "loan_days"),
        ({"max_loans": -1}, "max_loans"),
        ({"max_loans": 201}, "max_loans"),
        ({"renewals": -1}, "renewals"),
        ({"renewals": 11}, "renewals"),
        ({"borrower_category": "vip"}, "borrower_category"),
        ({"item_type": "scroll"}, "item_type"),
    ],
)
def test_rule_validation(admin, changes: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "borrower_category": "member",
        "item_type": "book",
        "loan_days": 30,
        "max_loans": 3,
        "renewals": 1,
    }
    values.update(changes)
    before = CirculationRule.select().count()
    with pytest.raises(ValidationError) as caught:
        library.save_rule(admin, RuleInput(**values))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert CirculationRule.select().count() == before


# --- lending ------------------------------------------------------------------------------------


def test_a_lent_copy_is_on_loan_and_due_after_the_loan_days(librarian, reader) -> None:
    copy = _book(librarian)
    loan = library.lend(librarian, copy.id, reader.id)
    assert _status(copy) == "on_loan"
    stored = Loan.get_by_id(loan.id)
    assert stored.due_on == today() + timedelta(days=30)
    assert stored.person_id == reader.id and stored.staff_id == librarian.id
    assert stored.returned_at is None and stored.renewals == 0
    assert Person.get_by_id(reader.id).last_activity_at >= stored.lent_at
    status = library.borrower_status(librarian, reader)
    assert (status.loans, status.overdue, status.suspended) == (1, 0, False)


def test_the_loan_days_follow_the_borrowers_rule(admin) -> None:
    library.save_rule(admin, RuleInput("worker", "", 14, 2, 0))
    worker = _person(admin, "李娜")  # no union membership: category worker
    member = _person(admin, "王芳", member_card=True)
    first, second = _book(admin), _book(admin, "围城", "钱锺书")
    assert library.lend(admin, first.id, worker.id).due_on == today() + timedelta(days=14)
    assert library.lend(admin, second.id, member.id).due_on == today() + timedelta(days=30)


def test_the_fourth_book_is_refused_with_the_limit(admin, reader) -> None:
    copies = [_book(admin, f"书{i}", "作者") for i in range(4)]
    for copy in copies[:3]:
        library.lend(admin, copy.id, reader.id)
    with pytest.raises(LendRefused) as caught:
        library.lend(admin, copies[3].id, reader.id)
    assert "3" in caught.value.message
    assert reader.name in caught.value.message
    assert _status(copies[3]) == "available"
    assert _open_loans() == 3
    # A higher limit lets the same borrower take it.
    library.save_rule(admin, RuleInput("member", "", 30, 4, 1))
    library.lend(admin, copies[3].id, reader.id)
    assert _open_loans() == 4


def test_a_borrower_with_an_overdue_book_is_suspended(admin, reader) -> None:
    late = [_book(admin, f"旧书{i}", "作者") for i in range(2)]
    loans = [library.lend(admin, copy.id, reader.id) for copy in late]
    for loan in loans:
        _move_due(loan, today() - timedelta(days=3))
    wanted = _book(admin, "三体", "刘慈欣")
    library.save_rule(admin, RuleInput("member", "", 30, 10, 1))
    with pytest.raises(LendRefused) as caught:
        library.lend(admin, wanted.id, reader.id)
    assert "2" in caught.value.message
    assert reader.name in caught.value.message
    assert _status(wanted) == "available"
    status = library.borrower_status(admin, reader)
    assert (status.loans, status.overdue, status.suspended) == (2, 2, True)
    # Once the late books are back, borrowing works again.
    for copy in late:
        library.return_copy(admin, copy.id)
    library.lend(admin, wanted.id, reader.id)


def test_reference_works_stay_in_the_reading_room(admin, reader) -> None:
    copy = _book(admin, "新华字典", "中国社会科学院语言研究所", item_type="reference")
    with pytest.raises(LendRefused) as caught:
        library.lend(admin, copy.id, reader.id)
    assert "Reference" in caught.value.message
    assert _status(copy) == "available"
    assert not Loan.select().exists()


def test_a_copy_on_loan_cannot_be_lent_again(admin, reader) -> None:
    other = _person(admin, "李娜")
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    with pytest.raises(LendRefused):
        library.lend(admin, copy.id, other.id)
    assert _open_loans(copy) == 1
    assert Loan.get(Loan.copy == copy.id).person_id == reader.id


def test_lending_to_a_missing_borrower_or_copy(admin, reader) -> None:
    copy = _book(admin)
    with pytest.raises(NotFound):
        library.lend(admin, copy.id, 9999)
    with pytest.raises(NotFound):
        library.lend(admin, 9999, reader.id)
    assert _status(copy) == "available"


def test_a_copy_set_aside_goes_only_to_the_holder(admin, reader) -> None:
    holder = _person(admin, "李娜")
    other = _person(admin, "王芳")
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    hold = library.place_hold(admin, copy.title_id, holder.id)
    result = library.return_copy(admin, copy.id)
    assert result.hold_for is not None and result.hold_for.id == holder.id
    assert _status(copy) == "on_hold_shelf"
    with pytest.raises(LendRefused):
        library.lend(admin, copy.id, other.id)
    assert _status(copy) == "on_hold_shelf"
    library.lend(admin, copy.id, holder.id)
    assert _status(copy) == "on_loan"
    stored = Hold.get_by_id(hold.id)
    assert stored.state == "fulfilled" and stored.closed_at is not None


# --- returns ------------------------------------------------------------------------------------


def test_a_return_counts_the_days_late(librarian, reader) -> None:
    late, on_time = _book(librarian), _book(librarian, "围城", "钱锺书")
    loan = library.lend(librarian, late.id, reader.id)
    library.lend(librarian, on_time.id, reader.id)
    _move_due(loan, today() - timedelta(days=5))
    result = library.return_copy(librarian, late.id)
    assert result.days_late == 5
    assert result.hold_for is None
    stored = Loan.get_by_id(loan.id)
    assert stored.returned_at is not None and stored.returned_staff_id == librarian.id
    assert _status(late) == "available"
    assert library.return_copy(librarian, on_time.id).days_late == 0
    with pytest.raises(ValidationError):
        library.return_copy(librarian, on_time.id)  # not on loan any more
    # The history is kept.
    assert Loan.select().count() == 2


def test_a_reserved_title_is_set_aside_for_the_first_in_the_queue(admin, reader) -> None:
    second = _person(admin, "李娜")
    first = _person(admin, "王芳")
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    later = library.place_hold(admin, copy.title_id, second.id)
    earlier = library.place_hold(admin, copy.title_id, first.id)
    # Placed later by id but earlier in time: the queue is in the order placed.
    Hold.update(placed_at=later.placed_at - timedelta(hours=1)).where(
        Hold.id == earlier.id
    ).execute()
    queue = library.holds_queue(admin, copy.title_id)
    assert [h.person_id for h in queue] == [first.id, second.id]

    result = library.scan(admin, copy.barcode, borrower_id=None)
    assert result.kind == "returned"
    assert result.hold_for is not None and result.hold_for.id == first.id
    assert first.name in result.message
    assert _status(copy) == "on_hold_shelf"
    ready = Hold.get_by_id(earlier.id)
    assert (ready.state, ready.copy_id) == ("ready", copy.id)
    assert ready.ready_at is not None
    assert Hold.get_by_id(later.id).state == "waiting"


def test_a_cancelled_ready_hold_puts_the_copy_back(admin, reader) -> None:
    holder = _person(admin, "李娜")
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    hold = library.place_hold(admin, copy.title_id, holder.id)
    library.return_copy(admin, copy.id)
    library.cancel_hold(admin, hold.id)
    assert _status(copy) == "available"
    assert Hold.get_by_id(hold.id).state == "cancelled"
    # A second reservation of the same title by the same person is refused.
    library.place_hold(admin, copy.title_id, reader.id)
    with pytest.raises(ValidationError):
        library.place_hold(admin, copy.title_id, reader.id)


def test_a_cancelled_ready_hold_passes_the_copy_to_the_next_in_the_queue(admin, reader) -> None:
    first, second = _person(admin, "李娜"), _person(admin, "王芳")
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    hold = library.place_hold(admin, copy.title_id, first.id)
    following = library.place_hold(admin, copy.title_id, second.id)
    library.return_copy(admin, copy.id)
    library.cancel_hold(admin, hold.id)
    passed = Hold.get_by_id(following.id)
    assert (passed.state, passed.copy_id) == ("ready", copy.id)
    assert _status(copy) == "on_hold_shelf"
    with pytest.raises(LendRefused):
        library.lend(admin, copy.id, first.id)
    library.lend(admin, copy.id, second.id)


def test_a_copy_set_aside_cannot_be_withdrawn(admin, reader) -> None:
    holder = _person(admin, "李娜")
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    hold = library.place_hold(admin, copy.title_id, holder.id)
    library.return_copy(admin, copy.id)
    with pytest.raises(ValidationError) as caught:
        library.withdraw_copy(admin, copy.id, status="lost")
    assert caught.value.field == "status"
    assert _status(copy) == "on_hold_shelf"
    assert Hold.get_by_id(hold.id).state == "ready"


# --- renewals -----------------------------------------------------------------------------------


def test_renewal_is_refused_when_someone_waits(admin, reader) -> None:
    waiting = _person(admin, "李娜")
    copy = _book(admin)
    loan = library.lend(admin, copy.id, reader.id)
    library.place_hold(admin, copy.title_id, waiting.id)
    with pytest.raises(LendRefused) as caught:
        library.renew(admin, loan.id)
    assert "reserved" in caught.value.message
    stored = Loan.get_by_id(loan.id)
    assert (stored.due_on, stored.renewals) == (loan.due_on, 0)


def test_renewal_extends_until_the_renewals_are_used(librarian, reader) -> None:
    copy = _book(librarian)
    loan = library.lend(librarian, copy.id, reader.id)
    due = today() + timedelta(days=5)
    _move_due(loan, due)
    renewed = library.renew(librarian, loan.id)
    assert renewed.due_on == due + timedelta(days=30)
    assert renewed.renewals == 1
    assert Loan.get_by_id(loan.id).due_on == due + timedelta(days=30)
    with pytest.raises(LendRefused) as caught:
        library.renew(librarian, loan.id)  # the default rule allows one renewal
    assert "1" in caught.value.message
    assert Loan.get_by_id(loan.id).renewals == 1
    library.return_copy(librarian, copy.id)
    with pytest.raises(NotFound):
        library.renew(librarian, loan.id)


def test_an_overdue_book_is_not_renewed(admin, reader) -> None:
    copy = _book(admin)
    loan = library.lend(admin, copy.id, reader.id)
    _move_due(loan, today() - timedelta(days=4))
    with pytest.raises(LendRefused) as caught:
        library.renew(admin, loan.id)
    assert "overdue" in caught.value.message
    stored = Loan.get_by_id(loan.id)
    assert (stored.due_on, stored.renewals) == (today() - timedelta(days=4), 0)


def test_a_renewal_due_today_counts_from_the_due_date(admin, reader) -> None:
    copy = _book(admin)
    loan = library.lend(admin, copy.id, reader.id)
    _move_due(loan, today())
    assert library.renew(admin, loan.id).due_on == today() + timedelta(days=30)


# --- undo ---------------------------------------------------------------------------------------


def test_undo_lend_puts_the_copy_back(admin, reader) -> None:
    copy = _book(admin)
    loan = library.lend(admin, copy.id, reader.id)
    library.undo_lend(admin, loan.id)
    assert _status(copy) == "available"
    assert not Loan.select().exists()
    assert AuditEntry.select().where(AuditEntry.action == "undo_lend").count() == 1
    with pytest.raises(ValidationError):
        library.undo_lend(admin, loan.id)


def test_undo_lend_of_a_held_copy_sets_it_aside_again(admin, reader) -> None:
    holder = _person(admin, "李娜")
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    hold = library.place_hold(admin, copy.title_id, holder.id)
    library.return_copy(admin, copy.id)
    loan = library.lend(admin, copy.id, holder.id)
    assert Hold.get_by_id(hold.id).state == "fulfilled"
    library.undo_lend(admin, loan.id)
    assert _status(copy) == "on_hold_shelf"
    restored = Hold.get_by_id(hold.id)
    assert (restored.state, restored.copy_id, restored.closed_at) == ("ready", copy.id, None)


def test_undo_return_puts_the_loan_back_and_the_hold_in_the_queue(admin, reader) -> None:
    holder = _person(admin, "李娜")
    copy = _book(admin)
    loan = library.lend(admin, copy.id, reader.id)
    hold = library.place_hold(admin, copy.title_id, holder.id)
    library.return_copy(admin, copy.id)
    assert _status(copy) == "on_hold_shelf"
    library.undo_return(admin, loan.id)
    assert _status(copy) == "on_loan"
    stored = Loan.get_by_id(loan.id)
    assert stored.returned_at is None and stored.returned_staff_id is None
    back = Hold.get_by_id(hold.id)
    assert (back.state, back.copy_id, back.ready_at) == ("waiting", None, None)
    assert AuditEntry.select().where(AuditEntry.action == "undo_return").count() == 1


def test_undo_is_refused_outside_the_window(admin, reader) -> None:
    copy = _book(admin)
    loan = library.lend(admin, copy.id, reader.id)
    old = now() - library.UNDO_WINDOW - timedelta(minutes=1)
    Loan.update(lent_at=old).where(Loan.id == loan.id).execute()
    with pytest.raises(ValidationError):
        library.undo_lend(admin, loan.id)
    assert _status(copy) == "on_loan"
    assert _open_loans(copy) == 1
    library.return_copy(admin, copy.id)
    Loan.update(returned_at=old).where(Loan.id == loan.id).execute()
    with pytest.raises(ValidationError):
        library.undo_return(admin, loan.id)
    assert _status(copy) == "available"
    assert _open_loans(copy) == 0


def test_undo_return_is_refused_once_lent_again(admin, reader) -> None:
    other = _person(admin, "李娜")
    copy = _book(admin)
    loan = library.lend(admin, copy.id, reader.id)
    library.return_copy(admin, copy.id)
    library.lend(admin, copy.id, other.id)
    with pytest.raises(ValidationError):
        library.undo_return(admin, loan.id)
    assert _open_loans(copy) == 1


# --- the scan field -----------------------------------------------------------------------------


def test_scanning_a_card_selects_the_borrower(librarian, reader) -> None:
    result = library.scan(librarian, reader.member_card, borrower_id=None)
    assert result.kind == "borrower"
    assert result.person is not None and result.person.id == reader.id
    assert result.ok
    assert reader.name in result.message
    assert library.find_borrower(librarian, reader.member_card).id == reader.id
    # An ID card read by the scanner works as well.
    by_id = library.scan(librarian, reader.id_number, borrower_id=None)
    assert by_id.kind == "borrower" and by_id.person.id == reader.id


def test_scanning_a_suspended_borrower_flags_it(admin, reader) -> None:
    copy = _book(admin)
    _move_due(library.lend(admin, copy.id, reader.id), today() - timedelta(days=1))
    result = library.scan(admin, reader.member_card, borrower_id=None)
    assert result.kind == "borrower"
    assert result.person.id == reader.id
    assert not result.ok
    assert "1" in result.message and "suspended" in result.message


def test_scanning_a_copy_on_loan_returns_it(librarian, reader) -> None:
    copy = _book(librarian)
    loan = library.lend(librarian, copy.id, reader.id)
    result = library.scan(librarian, copy.barcode.lower(), borrower_id=None)
    assert result.kind == "returned" and result.ok
    assert result.loan.id == loan.id
    assert Loan.get_by_id(loan.id).returned_at is not None
    assert _status(copy) == "available"


def test_scanning_an_available_copy_lends_it_to_the_borrower(librarian, reader) -> None:
    copy = _book(librarian)
    result = library.scan(librarian, copy.barcode, borrower_id=reader.id)
    assert result.kind == "lent" and result.ok
    assert result.loan.person_id == reader.id
    assert _status(copy) == "on_loan"
    assert "活着" in result.message


def test_scanning_a_copy_without_a_borrower_asks_for_the_card(librarian) -> None:
    copy = _book(librarian)
    result = library.scan(librarian, copy.barcode, borrower_id=None)
    assert result.kind == "refused" and not result.ok
    assert "Scan the borrower's card first" in result.message
    assert _status(copy) == "available"


def test_a_refused_loan_at_the_scan_field(admin, reader) -> None:
    copy = _book(admin, "新华字典", "", item_type="reference")
    result = library.scan(admin, copy.barcode, borrower_id=reader.id)
    assert result.kind == "refused" and not result.ok
    assert "Reference" in result.message
    assert not Loan.select().exists()


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(lambda code: code, id="isbn13"),
        pytest.param(lambda code: stdnum_isbn.to_isbn10(code), id="isbn10"),
        pytest.param(lambda code: code + "52800", id="add-on"),
    ],
)
def test_scanning_an_isbn_with_one_copy_lends_it(admin, reader, form) -> None:
    copy = _book(admin, isbn=HUOZHE)
    result = library.scan(admin, form(HUOZHE), borrower_id=reader.id)
    assert result.kind == "lent"
    assert result.loan.copy_id == copy.id
    assert _status(copy) == "on_loan"


def test_scanning_an_isbn_with_several_copies_asks_to_choose(admin, reader) -> None:
    title = _title(admin, "三体", "刘慈欣", isbn=SANTI)
    copies = [_copy(admin, title) for _ in range(3)]
    library.lend(admin, copies[0].id, _person(admin, "李娜").id)
    result = library.scan(admin, SANTI, borrower_id=reader.id)
    assert result.kind == "choose"
    assert result.isbn == SANTI
    assert sorted(c.id for c in result.copies) == sorted(c.id for c in copies[1:])
    assert not Loan.select().where(Loan.person == reader.id).exists()


def test_scanning_an_isbn_finds_the_copy_set_aside_for_the_borrower(admin, reader) -> None:
    holder = _person(admin, "李娜")
    copy = _book(admin, isbn=HUOZHE)
    library.lend(admin, copy.id, reader.id)
    library.place_hold(admin, copy.title_id, holder.id)
    library.return_copy(admin, copy.id)
    # For anyone else there is no copy on the shelf; for the holder it is the one set aside.
    assert library.scan(admin, HUOZHE, borrower_id=reader.id).kind == "refused"
    result = library.scan(admin, HUOZHE, borrower_id=holder.id)
    assert result.kind == "lent"
    assert (result.loan.copy_id, result.loan.person_id) == (copy.id, holder.id)


def test_scanning_an_unknown_isbn_offers_to_add_it(admin, reader) -> None:
    _book(admin, isbn=HUOZHE)
    result = library.scan(admin, UNKNOWN, borrower_id=reader.id)
    assert result.kind == "isbn_unknown"
    assert result.isbn == UNKNOWN


def test_scanning_a_known_isbn_with_no_copy_on_the_shelf(admin, reader) -> None:
    copy = _book(admin, isbn=HUOZHE)
    library.lend(admin, copy.id, _person(admin, "李娜").id)
    result = library.scan(admin, HUOZHE, borrower_id=reader.id)
    assert result.kind == "refused" and not result.ok
    assert result.isbn == HUOZHE


def test_scanning_a_box(admin) -> None:
    box = Box.create(barcode="BOX0001", name="流动书屋1号箱")
    result = library.scan(admin, "box0001", borrower_id=None)
    assert result.kind == "box"
    assert result.box.id == box.id


@pytest.mark.parametrize(
    "code",
    ["HELLO-WORLD", "9787506365430", "  ", "书架A1", "62220000"],
    ids=["word", "bad-isbn", "blank", "chinese", "digits"],
)
def test_scanning_garbage_is_unknown(admin, reader, code: str) -> None:
    _book(admin, isbn=HUOZHE)
    result = library.scan(admin, code, borrower_id=reader.id)
    assert result.kind == "unknown" and not result.ok
    assert not Loan.select().exists()


def test_the_tail_of_a_card_or_id_is_not_a_borrower(admin, reader) -> None:
    for code in (reader.member_card[-4:], reader.id_number[-4:], reader.member_card[:-1]):
        assert library.find_borrower(admin, code) is None
        assert library.scan(admin, code, borrower_id=None).kind == "unknown"


def test_scanning_needs_circulation_rights(make_staff, reader) -> None:
    organiser = make_staff("organiser", ORGANISER)
    with pytest.raises(PermissionDenied):
        library.scan(organiser, reader.member_card, borrower_id=None)


# --- lists --------------------------------------------------------------------------------------


def test_overdue_loans_oldest_first_with_the_phone(admin, reader) -> None:
    org = people.create_organization(admin, OrganizationInput(name="东方广场"))
    late = _person(admin, "李娜", phone="13900001111", workplace_id=org.id)
    books = [_book(admin, f"书{i}", "作者") for i in range(4)]
    a = library.lend(admin, books[0].id, reader.id)
    b = library.lend(admin, books[1].id, late.id)
    c = library.lend(admin, books[2].id, late.id)
    returned = library.lend(admin, books[3].id, reader.id)
    _move_due(a, today() - timedelta(days=2))
    _move_due(b, today() - timedelta(days=20))
    _move_due(returned, today() - timedelta(days=40))
    library.return_copy(admin, books[3].id)
    _move_due(c, today() + timedelta(days=1))
    rows = library.overdue_loans(admin)
    assert [r.loan.id for r in rows] == [b.id, a.id]
    assert rows[0].person.phone == "13900001111"
    assert rows[0].workplace == "东方广场"
    assert rows[0].title == "书1" and rows[0].barcode == books[1].barcode
    assert rows[1].workplace == ""
    assert [r.loan.id for r in library.overdue_loans(admin, limit=1)] == [b.id]


def test_due_soon(admin, reader) -> None:
    other = _person(admin, "李娜")
    books = [_book(admin, f"书{i}", "作者") for i in range(4)]
    loans = [library.lend(admin, books[i].id, (reader, other)[i % 2].id) for i in range(4)]
    for loan, days in zip(loans, (1, 3, 4, -1), strict=True):
        _move_due(loan, today() + timedelta(days=days))
    assert [r.loan.id for r in library.due_soon(admin, days=3)] == [loans[0].id, loans[1].id]
    assert [r.loan.id for r in library.due_soon(admin, days=4)] == [
        loans[0].id,
        loans[1].id,
        loans[2].id,
    ]


def test_loan_lists_hold_whole_loans_and_borrowers(admin, reader) -> None:
    """The lists read tuples, not joined models: what they hand out is still the whole row."""
    org = people.create_organization(admin, OrganizationInput(name="东方广场"))
    late = _person(admin, "李娜", phone="13900001111", workplace_id=org.id)
    books = [_book(admin, f"书{i}", "作者") for i in range(2)]
    overdue = library.lend(admin, books[0].id, late.id)
    soon = library.lend(admin, books[1].id, reader.id)
    _move_due(overdue, today() - timedelta(days=3))
    _move_due(soon, today() + timedelta(days=1))
    for rows, loan, person in (
        (library.overdue_loans(admin), overdue, late),
        (library.due_soon(admin, days=3), soon, reader),
        (library.person_loans(admin, late.id), overdue, late),
    ):
        [row] = rows
        assert row.loan.__data__ == Loan.get_by_id(loan.id).__data__
        assert row.person.__data__ == Person.get_by_id(person.id).__data__
        assert row.loan.person is row.person
        assert not row.loan.is_dirty() and not row.person.is_dirty()
        assert row.loan.copy.barcode == row.barcode  # loaded on use
    assert library.overdue_loans(admin)[0].person.workplace.name == "东方广场"


def test_loan_lists_hand_values_of_the_types_a_model_read_gives(admin, reader) -> None:
    """The lists convert only the values the driver does not hand over as Python has them
    (issue #22): dates, times and flags come out as a model read gives them on both databases
    (a date, a datetime, a bool; never text or 0/1), and so do the empty ones."""

    def typed(model: object) -> dict[str, tuple[type, object]]:
        return {name: (type(value), value) for name, value in model.__data__.items()}

    reader = Person.get_by_id(reader.id)
    reader.birth_date, reader.joined_on, reader.active = date(1980, 5, 17), date(2020, 1, 2), True
    reader.save()
    books = [_book(admin, f"书{i}", "作者") for i in range(3)]
    late = library.lend(admin, books[0].id, reader.id)
    soon = library.lend(admin, books[1].id, reader.id)
    library.lend(admin, books[2].id, reader.id)
    library.return_copy(admin, books[2].id)
    _move_due(late, today() - timedelta(days=2))
    _move_due(soon, today() + timedelta(days=1))
    whole = typed(Person.get_by_id(reader.id))
    assert whole["is_member"] == (bool, True) and whole["birth_date"] == (date, date(1980, 5, 17))
    lists = (
        library.overdue_loans(admin),
        library.due_soon(admin, days=3),
        library.person_loans(admin, reader.id),
    )
    assert [[r.loan.id for r in rows] for rows in lists[:2]] == [[late.id], [soon.id]]
    returned = lists[2][-1].loan
    assert isinstance(returned.returned_at, datetime) and returned.returned_staff_id == admin.id
    for rows in lists:
        for row in rows:
            assert typed(row.loan) == typed(Loan.get_by_id(row.loan.id))
            assert typed(row.person) == whole
            assert isinstance(row.loan.due_on, date) and isinstance(row.loan.lent_at, datetime)


def test_person_loans_current_first(admin, reader) -> None:
    books = [_book(admin, f"书{i}", "作者") for i in range(3)]
    old = library.lend(admin, books[0].id, reader.id)
    library.return_copy(admin, books[0].id)
    newer = library.lend(admin, books[1].id, reader.id)
    library.return_copy(admin, books[1].id)
    current = library.lend(admin, books[2].id, reader.id)
    moment = now()
    for loan, days in ((old, 60), (newer, 10), (current, 30)):
        Loan.update(lent_at=moment - timedelta(days=days)).where(Loan.id == loan.id).execute()
    rows = library.person_loans(admin, reader.id)
    assert [r.loan.id for r in rows] == [current.id, newer.id, old.id]
    assert library.person_loans(admin, _person(admin, "李娜").id) == []


def test_statistics(admin, reader) -> None:
    org = people.create_organization(admin, OrganizationInput(name="东方广场"))
    colleague = _person(admin, "李娜", workplace_id=org.id)
    office = _person(admin, "王芳", workplace_id=org.id)
    popular = _title(admin, "三体", "刘慈欣")
    copies = [_copy(admin, popular) for _ in range(3)]
    other = _book(admin, "活着", "余华")
    moments = {
        "march": datetime(2025, 3, 10, 10, 0),
        "april": datetime(2025, 4, 2, 15, 30),
        "outside": datetime(2024, 12, 30, 9, 0),
    }
    plan = [
        (copies[0], reader, "march"),
        (copies[1], colleague, "march"),
        (copies[2], office, "april"),
        (other, colleague, "april"),
        (copies[0], reader, "outside"),
    ]
    for copy, person, when in plan:
        loan = library.lend(admin, copy.id, person.id)
        library.return_copy(admin, copy.id)
        Loan.update(lent_at=moments[when]).where(Loan.id == loan.id).execute()
    stats = library.statistics(admin, date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    assert stats.loans_by_month == {"2025-03": 2, "2025-04": 2}
    assert stats.top_titles == [("三体", 3), ("活着", 1)]
    assert stats.active_readers == 3
    assert stats.readers_by_workplace == [("东方广场", 2)]
    assert library.statistics(admin, date_from=date(2025, 1, 1), date_to=date(2025, 3, 9)) == (
        library.LibraryStatistics({}, [], 0, [])
    )


# --- permissions and audit ----------------------------------------------------------------------


def test_an_organiser_can_neither_lend_nor_read(make_staff, admin, reader) -> None:
    organiser = make_staff("organiser", ORGANISER)
    copy = _book(admin)
    with pytest.raises(PermissionDenied):
        library.lend(organiser, copy.id, reader.id)
    for call in (
        lambda: library.search_titles(organiser, "活着"),
        lambda: library.get_title(organiser, copy.title_id),
        lambda: library.overdue_loans(organiser),
        lambda: library.person_loans(organiser, reader.id),
        lambda: library.find_borrower(organiser, reader.member_card),
        lambda: library.statistics(organiser, date_from=today(), date_to=today()),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not Loan.select().exists()
    assert _status(copy) == "available"


def test_the_front_desk_lends_but_does_not_catalogue(make_staff, admin, reader) -> None:
    desk = make_staff("desk", FRONT_DESK)
    copy = _book(admin)
    with pytest.raises(PermissionDenied):
        _title(desk, "围城", "钱锺书")
    with pytest.raises(PermissionDenied):
        library.add_copy(desk, copy.title_id, CopyInput(barcode="TS9999999"))
    assert library.lend(desk, copy.id, reader.id).staff_id == desk.id


def test_lend_return_and_renew_are_audited(librarian, reader) -> None:
    copy = _book(librarian)
    loan = library.lend(librarian, copy.id, reader.id)
    library.renew(librarian, loan.id)
    library.return_copy(librarian, copy.id)
    entries = list(
        AuditEntry.select()
        .where(AuditEntry.entity == "loan", AuditEntry.entity_id == loan.id)
        .order_by(AuditEntry.id)
    )
    assert [e.action for e in entries] == ["lend", "renew", "return"]
    assert all(e.staff_id == librarian.id for e in entries)
    assert json.loads(entries[0].details) == {"copy": copy.barcode, "person": reader.id}
    assert json.loads(entries[2].details) == {"days_late": 0}
    # A refused loan writes nothing.
    reference = _book(librarian, "新华字典", "", item_type="reference")
    with pytest.raises(LendRefused):
        library.lend(librarian, reference.id, reader.id)
    assert AuditEntry.select().where(AuditEntry.action == "lend").count() == 1


# --- faults found and fixed (kept as regression tests) ----------------------------------------


def test_undo_lend_does_not_revive_an_old_hold(admin, reader) -> None:
    holder = _person(admin, "李娜")
    copy = _book(admin)
    library.lend(admin, copy.id, reader.id)
    hold = library.place_hold(admin, copy.title_id, holder.id)
    library.return_copy(admin, copy.id)
    library.lend(admin, copy.id, holder.id)  # fulfils the hold
    library.return_copy(admin, copy.id)
    again = library.lend(admin, copy.id, holder.id)  # an ordinary loan, weeks later
    library.undo_lend(admin, again.id)
    assert Hold.get_by_id(hold.id).state == "fulfilled"
    assert _status(copy) == "available"


def test_a_hold_for_a_missing_person_is_refused(admin) -> None:
    title = _title(admin)
    with pytest.raises(NotFound):
        library.place_hold(admin, title.id, 9999)


def test_undo_return_is_refused_once_the_copy_is_in_a_box(admin, reader) -> None:
    copy = _book(admin)
    loan = library.lend(admin, copy.id, reader.id)
    library.return_copy(admin, copy.id)
    box = Box.create(barcode="BOX0001", name="流动书屋1号箱")
    Copy.update(status="in_box", box=box.id).where(Copy.id == copy.id).execute()
    with pytest.raises(ValidationError):
        library.undo_return(admin, loan.id)
    assert _status(copy) == "in_box"
