"""The demo's workers' library: copies, two years of loans, holds and boxes."""

from __future__ import annotations

import bisect
import json
import random
import re
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from decimal import Decimal
from itertools import accumulate
from typing import Any

import peewee

from stationapp.demo.books import (
    FAMOUS_BOOKS,
    ISBN_SHARE,
    LIBRARY_TITLES,
    LOAN_DAYS,
    LOANS_PER_PERSON,
    MAGAZINE_LOAN_DAYS,
    MIN_LIBRARY_TITLES,
    PUBLISHERS,
    _DeskLoan,
    _generated_books,
    _isbn,
    _magazine_books,
    _shelf_of,
    _TitleRow,
)
from stationapp.demo.common import (
    HISTORY_DAYS,
    _at_desk,
    _audit_row,
    _history_ends,
    _insert,
    _keep_latest_activity,
    _next_open_day,
    _office_hours,
    _update_many,
)
from stationapp.demo.visits import _day_factor
from stationapp.models.accounts import (
    AuditEntry,
    Staff,
)
from stationapp.models.library import Box, BoxLoan, Copy, Hold, Loan, Title
from stationapp.models.people import Organization, Person
from stationapp.services import library


def _price(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high)) + Decimal(rng.choice(("0", "0.8", "0.5", "0.9")))


def populate_library(admin: Staff, *, rng: random.Random) -> int:
    """The workers' library (职工书屋) and the mobile book house; returns the desk loans.

    About 2,000 titles: the classics and best-sellers every reading room has, magazines, reference
    works that stay in the room, and plausible made-up titles on law, the unions, health, cooking,
    computers, skills and life in the city; about 70% with a valid ISBN-13. One to three copies
    each, on shelves 书架A1 to 书架D6. Two years of desk loans for the people on file (about
    8,000 for 300 people): most back on time, some late, some renewed, about 200 out now and
    some of them overdue, so the overdue list has names and a borrower is suspended. A few
    reservations are waiting, one copy is set aside. Four boxes of the mobile book house: three
    out at office buildings (one overdue), one packed at the station. Rows are bulk-inserted with
    back-dated audit entries; call it inside the caller's transaction, after the people.
    """
    moment = _history_ends()
    on = moment.date()
    opened = (Staff.select(peewee.fn.MIN(Staff.created_at)).scalar()) or moment - timedelta(
        days=HISTORY_DAYS
    )
    librarian = Staff.get_or_none(Staff.username == "librarian") or admin
    desk = Staff.get_or_none(Staff.username == "frontdesk") or admin
    lenders = [librarian.id, desk.id, admin.id]
    lender_weights = (65, 25, 10)
    first_day = on - timedelta(days=730)

    # Magazines: the demo's own rule, set up by the administrator when the library opened.
    rule = library.save_rule(
        admin, library.RuleInput("", "magazine", MAGAZINE_LOAN_DAYS, 3, 0, False)
    )
    AuditEntry.update(at=opened).where(
        AuditEntry.entity == "circulation_rule", AuditEntry.entity_id == rule.id
    ).execute()

    # --- catalogue ---
    magazines = _magazine_books(rng, first_day)
    famous = set(FAMOUS_BOOKS)
    books = [*FAMOUS_BOOKS, *magazines]
    wanted = max(
        MIN_LIBRARY_TITLES, round(LIBRARY_TITLES * min(1.0, Person.select().count() / 300))
    )
    books += _generated_books(rng, max(0, wanted - len(books)))
    used_isbns: set[str] = set()
    shared: dict[str, str] = {}
    # ISBNs on ISBN_SHARE of the titles, whatever the dice: the famous books nearly all have
    # one, sets share theirs, and the rest are drawn to make up the share.
    can_have = [
        i
        for i, b in enumerate(books)
        if b.item_type != "magazine" and PUBLISHERS.get(b.publisher) and not b.isbn_group
    ]
    has_isbn = {i for i in can_have if books[i] in famous and rng.random() < 0.95}
    grouped = sum(1 for b in books if b.isbn_group and PUBLISHERS.get(b.publisher))
    others = [i for i in can_have if books[i] not in famous]
    wanted_isbns = round(ISBN_SHARE * len(books)) - grouped - len(has_isbn)
    has_isbn.update(rng.sample(others, max(0, min(len(others), wanted_isbns))))
    next_title = (Title.select(peewee.fn.MAX(Title.id)).scalar() or 0) + 1
    next_copy = (Copy.select(peewee.fn.MAX(Copy.id)).scalar() or 0) + 1
    barcode_no = next_copy
    titles: list[_TitleRow] = []
    title_rows: list[dict[str, Any]] = []
    copy_rows: list[dict[str, Any]] = []
    audit_rows: list[dict[str, Any]] = []
    search_cache: dict[str, str] = {}

    def search_text(title: str, author: str) -> str:
        key = f"{title}\x00{author}"
        if key not in search_cache:
            search_cache[key] = library._title_search_text({"title": title, "author": author})
        return search_cache[key]

    def add_copies(row: _TitleRow, count: int, location: str, acquired: datetime) -> list[int]:
        nonlocal next_copy, barcode_no
        ids = []
        for _ in range(count):
            copy_id = next_copy
            next_copy += 1
            barcode = f"TS{barcode_no:07d}"
            barcode_no += 1
            low, high = row.price
            copy_rows.append(
                {
                    "id": copy_id,
                    "title": row.id,
                    "barcode": barcode,
                    "accession_number": f"{acquired.year}-{copy_id:05d}",
                    "price": _price(rng, low, high),
                    "location": location,
                    "status": "available",
                    "box": None,
                    "last_seen_at": acquired,
                    "created_at": acquired,
                }
            )
            audit_rows.append(
                _audit_row(acquired, librarian.id, "create", "copy", copy_id, {"barcode": barcode})
            )
            ids.append(copy_id)
        return ids

    for index, book in enumerate(books):
        if book.item_type == "magazine":
            issue = datetime(book.year, int(re.findall(r"第(\d+)期", book.title)[0]), 1)
            acquired = _office_hours(rng, max(issue + timedelta(days=rng.randint(3, 12)), opened))
        elif book.year <= opened.year and (book in famous or rng.random() < 0.6):
            # Most of the collection was bought when the reading room opened.
            acquired = _office_hours(rng, opened + timedelta(days=rng.randrange(0, 45)))
        else:
            earliest = max(opened, datetime(book.year, 1, 1))
            acquired = _office_hours(rng, earliest + (moment - earliest) * rng.random())
        acquired = min(acquired, moment - timedelta(days=1))
        year = min(book.year, acquired.year)
        if book.item_type == "magazine" or not PUBLISHERS.get(book.publisher):
            isbn = ""
        elif book.isbn_group:
            if book.isbn_group not in shared:
                shared[book.isbn_group] = _isbn(rng, book.publisher, used_isbns)
            isbn = shared[book.isbn_group]
        elif index in has_isbn:
            isbn = _isbn(rng, book.publisher, used_isbns)
        else:
            isbn = ""  # older gifts and in-house material without an ISBN
        row = _TitleRow(
            id=next_title,
            book=book,
            isbn=isbn,
            acquired=acquired,
            popularity=book.popularity,
            price=book.price,
            copies=[],
        )
        next_title += 1
        titles.append(row)
        title_rows.append(
            {
                "id": row.id,
                "isbn": isbn,
                "title": book.title,
                "author": book.author,
                "publisher": book.publisher,
                "year": year,
                "classification": book.classification,
                "item_type": book.item_type,
                "search_text": search_text(book.title, book.author),
                "active": True,
                "created_at": acquired,
                "updated_at": acquired,
            }
        )
        audit_rows.append(
            _audit_row(acquired, librarian.id, "create", "title", row.id, {"title": book.title})
        )
        if book.item_type == "magazine":
            count = 1
        elif book.popularity >= 8:
            count = 3
        elif book.popularity >= 4 or book.item_type == "reference":
            count = rng.choice((1, 2, 2))
        else:
            count = rng.choices((1, 2, 3), (70, 25, 5))[0]
        location = _shelf_of(book.classification, book.item_type)
        row.copies = add_copies(row, count, location, acquired)

    # The mobile book house: copies bought for the boxes, light reading from the popular shelves.
    boxes = _plan_boxes(rng, on)
    box_titles = [t for t in titles if t.book.item_type == "book" and t.popularity >= 1.0]
    box_copies: list[list[int]] = []
    for plan in boxes:
        bought = _office_hours(
            rng, datetime.combine(plan["first_start"], dt_time()) - timedelta(days=7)
        )
        chosen = rng.sample([t for t in box_titles if t.acquired < bought], plan["size"])
        box_copies.append([add_copies(t, 1, "流动书屋", bought)[0] for t in chosen])
    in_boxes = {copy_id for ids in box_copies for copy_id in ids}

    _insert(Title, title_rows)
    _insert(Copy, copy_rows)

    # --- two years of desk loans ---
    loans = _simulate_loans(
        rng,
        titles=titles,
        excluded=in_boxes,
        first_day=first_day,
        moment=moment,
        lenders=lenders,
        lender_weights=lender_weights,
        next_id=(Loan.select(peewee.fn.MAX(Loan.id)).scalar() or 0) + 1,
    )
    barcode_of = {r["id"]: r["barcode"] for r in copy_rows}
    loan_rows = []
    latest: dict[int, datetime] = {}
    last_seen: dict[int, datetime] = {}
    for loan in loans:
        loan_rows.append(
            {
                "id": loan.id,
                "copy": loan.copy,
                "person": loan.person,
                "staff": loan.staff,
                "lent_at": loan.lent_at,
                "due_on": loan.due_on,
                "returned_at": loan.returned_at,
                "returned_staff": loan.returned_staff,
                "renewals": loan.renewals,
            }
        )
        audit_rows.append(
            _audit_row(
                loan.lent_at,
                loan.staff,
                "lend",
                "loan",
                loan.id,
                {"copy": barcode_of[loan.copy], "person": loan.person},
            )
        )
        if loan.renewed_at is not None:
            audit_rows.append(
                _audit_row(
                    loan.renewed_at, loan.staff, "renew", "loan", loan.id, {"due_on": loan.due_on}
                )
            )
        last = loan.lent_at
        if loan.returned_at is not None:
            last = loan.returned_at
            days_late = max(0, (loan.returned_at.date() - loan.due_on).days)
            audit_rows.append(
                _audit_row(
                    loan.returned_at,
                    loan.returned_staff or loan.staff,
                    "return",
                    "loan",
                    loan.id,
                    {"days_late": days_late},
                )
            )
        latest[loan.person] = max(latest.get(loan.person, last), last)
        last_seen[loan.copy] = max(last_seen.get(loan.copy, last), last)
    _insert(Loan, loan_rows)

    open_copies = {loan.copy for loan in loans if loan.returned_at is None}
    if open_copies:
        Copy.update(status="on_loan").where(Copy.id.in_(list(open_copies))).execute()
    _update_many(Copy, (Copy.last_seen_at,), [(seen, i) for i, seen in last_seen.items()])

    # --- reservations ---
    _add_holds(rng, titles, loans, moment, librarian.id, audit_rows, latest, in_boxes)

    # --- a few copies out of circulation ---
    returned_last: dict[int, datetime] = {}
    for loan in loans:
        if loan.returned_at is not None:
            returned_last[loan.copy] = max(
                returned_last.get(loan.copy, loan.returned_at), loan.returned_at
            )
    held = {h for (h,) in Hold.select(Hold.copy).where(Hold.copy.is_null(False)).tuples()}
    candidates = sorted(
        c
        for c, when in returned_last.items()
        if c not in open_copies and c not in held and when < moment - timedelta(days=60)
    )
    for status, n in (("damaged", 4), ("lost", 3), ("withdrawn", 5)):
        for copy_id in rng.sample(candidates, min(n, len(candidates))):
            candidates.remove(copy_id)
            when = _office_hours(rng, returned_last[copy_id] + timedelta(days=rng.randint(5, 50)))
            Copy.update(status=status).where(Copy.id == copy_id).execute()
            audit_rows.append(
                _audit_row(
                    when,
                    librarian.id,
                    "status",
                    "copy",
                    copy_id,
                    {"from": "available", "to": status},
                )
            )

    # --- the mobile book house ---
    title_name = {t.id: t.book.title for t in titles}
    copy_info = {r["id"]: (r["barcode"], title_name[r["title"]], r["location"]) for r in copy_rows}
    _add_boxes(rng, boxes, box_copies, copy_info, moment, librarian.id, audit_rows)

    audit_rows.sort(key=lambda r: r["at"])
    _insert(AuditEntry, audit_rows)

    # A person's last activity is at least their last loan or return.
    _keep_latest_activity(latest)
    return len(loans)


def _drawn(rng: random.Random, cum_weights: list, count: int) -> int:
    """The index ``rng.choices(population[:count], cum_weights=cum_weights[:count])`` draws,
    with the same one random number, without copying the lists: tens of thousands of draws."""
    return bisect.bisect(cum_weights, rng.random() * (cum_weights[count - 1] + 0.0), 0, count - 1)


def _simulate_loans(
    rng: random.Random,
    *,
    titles: list[_TitleRow],
    excluded: set[int],
    first_day: date,
    moment: datetime,
    lenders: list[int],
    lender_weights: tuple[int, ...],
    next_id: int,
) -> list[_DeskLoan]:
    """Desk loans day by day under the default rules: three books at most, none while one is
    overdue, a copy lent only when it is back on the shelf."""
    on = moment.date()
    people_rows = sorted(
        Person.select(Person.id, Person.created_at).where(Person.active).tuples(),
        key=lambda row: row[1],
    )
    # A little over half of the people borrow at all, and a few of those borrow a lot.
    readers = [row for row in people_rows if rng.random() < 0.55]
    reader_ids = [pid for pid, _ in readers]
    reader_since = [created for _, created in readers]
    reader_cum = list(accumulate(rng.paretovariate(1.4) for _ in readers))
    lendable = [t for t in titles if t.book.item_type != "reference" and t.popularity > 0]
    title_cum = list(accumulate(t.popularity for t in lendable))
    desk_copies = {t.id: [c for c in t.copies if c not in excluded] for t in lendable}
    title_of = {c: t.id for t in lendable for c in desk_copies[t.id]}
    if not readers or not lendable:
        return []

    days = [first_day + timedelta(days=n) for n in range((on - first_day).days + 1)]
    open_days = [d for d in days if d.weekday() < 5]
    # Some attempts fail (the borrower has three books, every copy is out): plan a few more.
    total = LOANS_PER_PERSON * len(people_rows) * 1.05
    rate = total / sum(_day_factor(d) for d in open_days)
    # Books never brought back: lent 5 to 14 weeks ago, the core of the overdue list. They are
    # drawn one by one so that about ``never_wanted`` of them are left when the window closes.
    window = (on - timedelta(days=100), on - timedelta(days=35))
    window_days = [d for d in open_days if window[0] <= d <= window[1]]
    still_ahead = dict(
        zip(
            window_days,
            reversed(list(accumulate(_day_factor(d) for d in reversed(window_days)))),
            strict=True,
        )
    )
    never_wanted = max(2, round(8 * len(people_rows) / 300))
    never = attempts = made = 0

    lender_cum = list(accumulate(lender_weights))
    busy_until: dict[int, datetime] = {}
    out: dict[int, list[_DeskLoan]] = {}
    loans: list[_DeskLoan] = []
    latest_lend = moment - timedelta(minutes=1)
    for day in open_days:
        count = round(rate * _day_factor(day) * rng.uniform(0.6, 1.4))
        for lent in sorted(_at_desk(rng, day) for _ in range(count)):
            if lent > latest_lend:
                continue
            attempts += 1
            known = bisect.bisect_right(reader_since, lent)
            if not known:
                continue
            person = None
            active: list[_DeskLoan] = []
            for _ in range(8):
                candidate = reader_ids[_drawn(rng, reader_cum, known)]
                active = [
                    loan
                    for loan in out.get(candidate, [])
                    if loan.returned_at is None or loan.returned_at > lent
                ]
                out[candidate] = active
                if len(active) < 3 and all(loan.due_on >= day for loan in active):
                    person = candidate
                    break
            if person is None:
                continue
            held_titles = {title_of[loan.copy] for loan in active}
            copy_id = None
            title = None
            for _ in range(8):
                title = lendable[_drawn(rng, title_cum, len(lendable))]
                if title.acquired > lent or title.id in held_titles:
                    continue
                free = [
                    c
                    for c in desk_copies[title.id]
                    if busy_until.get(c, datetime.min) < lent - timedelta(hours=1)
                ]
                if free:
                    copy_id = rng.choice(free)
                    break
            if copy_id is None or title is None:
                continue
            magazine = title.book.item_type == "magazine"
            loan_days = MAGAZINE_LOAN_DAYS if magazine else LOAN_DAYS
            due = day + timedelta(days=loan_days)
            renewals = 0
            renewed_at: datetime | None = None
            returned: datetime | None = None
            roll = rng.random()
            made += 1
            never_share = 0.0
            if day in still_ahead:
                expected = rate * still_ahead[day] * made / attempts
                never_share = (never_wanted - never) / max(1.0, expected)
            if rng.random() < never_share:
                never += 1
                back = None
            elif roll < 0.03 and not magazine:
                renew_day = day + timedelta(days=rng.randint(loan_days - 8, loan_days - 2))
                while renew_day.weekday() >= 5:
                    renew_day -= timedelta(days=1)
                renew_at = _at_desk(rng, renew_day, after=lent)
                if renew_at <= latest_lend:
                    renewals, renewed_at = 1, renew_at
                    due += timedelta(days=loan_days)
                back = day + timedelta(days=rng.randint(loan_days + 1, 2 * loan_days - 2))
            elif roll < 0.065:
                back = due + timedelta(days=rng.randint(1, 25))
            else:
                back = day + timedelta(days=rng.randint(3, loan_days - 2))
            if back is not None:
                returned = _at_desk(rng, _next_open_day(back), after=lent)
                if returned > latest_lend:
                    returned = None
            loan = _DeskLoan(
                id=next_id + len(loans),
                copy=copy_id,
                person=person,
                staff=lenders[_drawn(rng, lender_cum, len(lenders))],
                lent_at=lent,
                due_on=due,
                returned_at=returned,
                returned_staff=lenders[_drawn(rng, lender_cum, len(lenders))] if returned else None,
                renewals=renewals,
                renewed_at=renewed_at,
            )
            loans.append(loan)
            active.append(loan)
            busy_until[copy_id] = returned or datetime.max
    return loans


def _add_holds(
    rng: random.Random,
    titles: list[_TitleRow],
    loans: list[_DeskLoan],
    moment: datetime,
    staff_id: int,
    audit_rows: list[dict[str, Any]],
    latest: dict[int, datetime],
    excluded: set[int],
) -> None:
    """A few people waiting for a title whose every copy is out, and one copy set aside."""
    open_by_copy = {loan.copy: loan for loan in loans if loan.returned_at is None}
    readers = sorted({loan.person for loan in loans})
    if not readers:
        return
    rows: list[dict[str, Any]] = []
    wanted = sorted(
        (
            t
            for t in titles
            if t.book.item_type == "book"
            and [c for c in t.copies if c not in excluded]
            and all(c in open_by_copy for c in t.copies if c not in excluded)
        ),
        key=lambda t: (-t.popularity, t.id),
    )
    for title in wanted[: rng.randint(4, 6)]:
        out = [open_by_copy[c] for c in title.copies if c not in excluded]
        since = max(loan.renewed_at or loan.lent_at for loan in out)
        busy = {loan.person for loan in out}
        free = [p for p in readers if p not in busy]  # a small station may have one reader
        queue = rng.sample(free, min(rng.choice((1, 1, 2)), len(free)))
        for person in queue:
            placed = since + (moment - since) * rng.uniform(0.2, 0.95)
            rows.append(
                {
                    "title": title.id,
                    "person": person,
                    "placed_at": placed,
                    "state": "waiting",
                    "copy": None,
                    "ready_at": None,
                    "closed_at": None,
                }
            )
    # One of the copies brought back last, set aside for the one who reserved it.
    last_of_copy: dict[int, _DeskLoan] = {}
    for loan in loans:
        last_of_copy[loan.copy] = loan
    title_of = {c: t for t in titles for c in t.copies}
    recent = sorted(
        (
            loan
            for loan in last_of_copy.values()
            if loan.returned_at is not None
            and loan.renewals == 0
            and loan.copy not in excluded
            and title_of[loan.copy].book.item_type == "book"
        ),
        key=lambda loan: (loan.returned_at, loan.id),
        reverse=True,
    )[:5]
    if recent:
        loan = rng.choice(recent)
        assert loan.returned_at is not None
        # Someone who may take it when they come: nothing overdue, room under the loan limit.
        holding: dict[int, int] = {}
        late = set()
        for other in open_by_copy.values():
            holding[other.person] = holding.get(other.person, 0) + 1
            if other.due_on < moment.date():
                late.add(other.person)
        able = [p for p in readers if p != loan.person and p not in late and holding.get(p, 0) < 2]
        person = rng.choice(able or [p for p in readers if p != loan.person])
        rows.append(
            {
                "title": title_of[loan.copy].id,
                "person": person,
                "placed_at": loan.lent_at
                + (loan.returned_at - loan.lent_at) * rng.uniform(0.3, 0.9),
                "state": "ready",
                "copy": loan.copy,
                "ready_at": loan.returned_at,
                "closed_at": None,
            }
        )
        Copy.update(status="on_hold_shelf").where(Copy.id == loan.copy).execute()
    rows.sort(key=lambda r: r["placed_at"])
    next_id = (Hold.select(peewee.fn.MAX(Hold.id)).scalar() or 0) + 1
    for hold_id, row in enumerate(rows, start=next_id):
        row["id"] = hold_id
        audit_rows.append(
            _audit_row(
                row["placed_at"],
                staff_id,
                "create",
                "hold",
                hold_id,
                {"title": row["title"], "person": row["person"]},
            )
        )
        latest[row["person"]] = max(latest.get(row["person"], row["placed_at"]), row["placed_at"])
    _insert(Hold, rows)


def _plan_boxes(rng: random.Random, on: date) -> list[dict[str, Any]]:
    """Four boxes: three out at office buildings (the first overdue), one packed at the station;
    each has been out before at another workplace."""
    buildings = list(
        Organization.select()
        .where(Organization.kind == "office_building")
        .order_by(Organization.id)
    )
    others = list(
        Organization.select()
        .where(Organization.kind.in_(("community", "company", "public_institution")))
        .order_by(Organization.id)
    )
    if len(buildings) < 3 or not others:
        return []
    sites = rng.sample(buildings, 3)
    before = [*rng.sample(others, 3), rng.choice(buildings)]

    def start(days_ago: int) -> date:
        return _next_open_day(on - timedelta(days=days_ago))

    # (days ago handed over, days lent) now; then the earlier loan, returned.
    plans = [
        ((100, 90), (230, 90), 20),
        ((45, 90), (190, 90), 21),
        ((20, 60), None, 19),
        (None, (150, 90), 15),
    ]
    result = []
    for index, (current, past, size) in enumerate(plans):
        loans = []
        for span, orgs, returned in ((past, before, True), (current, sites, False)):
            if span is not None:
                begin = start(span[0])
                due = begin + timedelta(days=span[1])
                org = orgs[index]
                loans.append({"org": org, "starts_on": begin, "due_on": due, "returned": returned})
        result.append(
            {
                "barcode": f"LDSW{index + 1:04d}",
                "name": f"流动书屋{index + 1}号箱",
                "size": size,
                "loans": loans,
                "first_start": loans[0]["starts_on"],
                "damaged": index == 3,  # a book came back from its last trip with a torn cover
            }
        )
    return result


def _add_boxes(
    rng: random.Random,
    plans: list[dict[str, Any]],
    box_copies: list[list[int]],
    copy_info: dict[int, tuple[str, str, str]],
    moment: datetime,
    staff_id: int,
    audit_rows: list[dict[str, Any]],
) -> None:
    """Insert the boxes, their loans with manifests and reconciliations, and put their copies
    in them (status in_box), the way services/library_boxes.py would have left them."""
    next_box = (Box.select(peewee.fn.MAX(Box.id)).scalar() or 0) + 1
    next_loan = (BoxLoan.select(peewee.fn.MAX(BoxLoan.id)).scalar() or 0) + 1
    loan_rows: list[dict[str, Any]] = []
    for box_id, (plan, ids) in enumerate(zip(plans, box_copies, strict=True), start=next_box):
        created = _office_hours(
            rng, datetime.combine(plan["first_start"], dt_time()) - timedelta(days=6)
        )
        Box.insert(
            id=box_id,
            barcode=plan["barcode"],
            name=plan["name"],
            state="lent" if any(not loan["returned"] for loan in plan["loans"]) else "at_station",
            created_at=created,
        ).execute()
        audit_rows.append(
            _audit_row(
                created,
                staff_id,
                "create",
                "box",
                box_id,
                {"barcode": plan["barcode"], "name": plan["name"]},
            )
        )
        packed = created + timedelta(hours=1)
        audit_rows.append(
            _audit_row(
                packed, staff_id, "pack", "box", box_id, {"copies": [copy_info[c][0] for c in ids]}
            )
        )
        inside = list(ids)
        seen = packed
        damaged: int | None = None
        for loan in plan["loans"]:
            org: Organization = loan["org"]
            handed = _at_desk(rng, loan["starts_on"])
            manifest = list(inside)
            row: dict[str, Any] = {
                "id": next_loan,
                "box": box_id,
                "organization": org.id,
                "contact_name": org.contact_name,
                "contact_phone": org.contact_phone,
                "starts_on": loan["starts_on"],
                "due_on": loan["due_on"],
                "returned_at": None,
                "staff": staff_id,
                "manifest": json.dumps(manifest),
                "reconciliation": "",
            }
            audit_rows.append(
                _audit_row(
                    handed,
                    staff_id,
                    "lend",
                    "box_loan",
                    next_loan,
                    {
                        "box": plan["barcode"],
                        "organization": org.id,
                        "copies": len(manifest),
                        "due_on": loan["due_on"],
                    },
                )
            )
            seen = handed
            if loan["returned"]:
                back_day = _next_open_day(loan["due_on"] - timedelta(days=rng.randint(0, 6)))
                back = min(_at_desk(rng, back_day), moment - timedelta(hours=1))
                broken = []
                if plan["damaged"]:
                    damaged = rng.choice(manifest)
                    broken = [damaged]
                    inside.remove(damaged)
                title, location = copy_info[damaged][1:] if damaged else ("", "")
                row["returned_at"] = back
                row["reconciliation"] = json.dumps(
                    {
                        "missing": [],
                        "extra": [],
                        "damaged": [
                            {
                                "barcode": copy_info[c][0],
                                "title": title,
                                "location": location,
                                "status": "damaged",
                            }
                            for c in broken
                        ],
                        "returned": len(manifest) - len(broken),
                    },
                    ensure_ascii=False,
                )
                audit_rows.append(
                    _audit_row(
                        back,
                        staff_id,
                        "return",
                        "box_loan",
                        next_loan,
                        {
                            "box": plan["barcode"],
                            "returned": len(manifest) - len(broken),
                            "missing": [],
                            "damaged": [copy_info[c][0] for c in broken],
                            "extra": [],
                        },
                    )
                )
                seen = back
            loan_rows.append(row)
            next_loan += 1
        Copy.update(status="in_box", box=box_id, last_seen_at=seen).where(
            Copy.id.in_(inside)
        ).execute()
        if damaged is not None:
            Copy.update(status="damaged", box=box_id, last_seen_at=seen).where(
                Copy.id == damaged
            ).execute()
    _insert(BoxLoan, loan_rows)
