"""The last copy under contention (acceptance): eight processes lending the same copy at the same
moment on one database (SQLite or PostgreSQL), each to a different borrower: exactly one gets it,
the other seven are told the copy is out (not "database busy", not an integrity error)."""

from __future__ import annotations

from pathlib import Path

from stdnum import luhn

from stationapp.models.accounts import LIBRARIAN
from stationapp.models.library import Copy, Loan
from stationapp.services import library, people
from stationapp.services.people import PersonInput
from tests.helpers.desks import run_desks
from tests.helpers.ids import make_ric
from tests.helpers.last_copy_worker import lend_last_copy

WORKERS = 8


def _card(n: int) -> str:
    body = f"622204{n:012d}"
    return body + luhn.calc_check_digit(body)


def test_eight_processes_race_for_the_last_copy(make_staff, db_url: str, tmp_path: Path) -> None:
    make_staff("librarian", LIBRARIAN)
    desk = make_staff("librarian2", LIBRARIAN)  # two desks, each worker on one of them
    borrowers = [
        people.create_person(
            desk,
            PersonInput(
                name=name,
                id_number=make_ric(seq=400 + index),
                is_member=True,
                member_card=_card(index),
            ),
            allow_duplicate=True,
        )
        for index, name in enumerate(
            ("赵磊", "钱敏", "孙浩", "李娜", "周杰", "吴芳", "郑强", "王静")
        )
    ]
    title = library.create_title(desk, library.TitleInput(title="平凡的世界", author="路遥"))
    copy = library.add_copy(desk, title.id, library.CopyInput(barcode="TS0000001"))

    run = run_desks(
        tmp_path,
        WORKERS,
        lend_last_copy,
        db_url,
        timeout=60,
        kwargs={"copy_id": copy.id},
        kwargs_of=lambda index: {
            "username": ("librarian", "librarian2")[index % 2],
            "person_id": borrowers[index].id,
        },
    )
    run.check(WORKERS, ok=("lent", "refused"))
    reports = run.reports

    winners = [r for r in reports if r[1] == "lent"]
    losers = [r for r in reports if r[1] == "refused"]
    assert len(winners) == 1, reports
    assert len(losers) == WORKERS - 1
    # Every loser was told why: the copy is on loan now.
    assert all("On loan" in message for _, _, message in losers), losers

    open_loans = list(Loan.select().where(Loan.returned_at.is_null()))
    assert len(open_loans) == 1
    (winner_index, _, loan_id) = winners[0]
    assert open_loans[0].id == loan_id
    assert open_loans[0].copy_id == copy.id
    assert open_loans[0].person_id == borrowers[winner_index].id
    assert Loan.select().count() == 1
    assert Copy.get_by_id(copy.id).status == "on_loan"
