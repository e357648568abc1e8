"""Realistic demo data: a Dongcheng street station with three years of workers and workplaces,
two years of front-desk visits, a year of labour-dispute mediation cases, the workers' library
with two years of loans and boxes out at office buildings, and two years of union events (a big
one every month, a small one every week) with registrations, waitlists and attendance.

The build is one transaction, written in bulk where it can be: rows built the way the services
build them (validated, with their search keys, denormalised stamps and one audit entry each, at
its date) and inserted in batches through one prepared statement (common._insert). The staff
accounts (one shared password, hashed once), the people (validated and keyed as create_person
does), the visits, and the library's titles, copies, loans, holds and boxes go in that way. The
events (checked as create_event checks them), their registrations, waitlists, promotions,
sign-in sheets and closing are decided in memory by the events service's rules (events._Desk)
and written in bulk; the mediation cases are taken step by step by the mediation service's
rules in memory (case_book.CaseBook) and written at once. The workplaces, outreach sessions,
event series and cancellations go through the services; whatever they stamp "now" is moved
back to when it happened.

The made-up past ends at the start of today (common._history_ends): what is drawn depends on
the seed and the day, not the time of day; today's visits come from a source of their own, kept
up to the time of the build. Modules: common, people (staff, workplaces, workers, hardship
files), visits, disputes and mediation, books and library, event_kinds and events.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from stationapp.db import transaction
from stationapp.demo.aid import populate_aid
from stationapp.demo.books import (
    FAMOUS_BOOKS,
    ISBN_SHARE,
    MAGAZINE_LOAN_DAYS,
    MIN_LIBRARY_TITLES,
    PUBLISHERS,
    SHELVES,
    _generated_books,
    _isbn,
)
from stationapp.demo.common import (
    CASE_PREFIX,
    DEMO_ADMIN_PASSWORD,
    DEMO_ADMIN_USERNAME,
    DEMO_PASSWORD,
    DEMO_SEED,
    DEMO_STAFF,
    STATION_NAME,
    log,
    translate,
)
from stationapp.demo.disputes import (
    CATEGORY_WEIGHTS,
    FOLLOW_UP_NOTES,
    MAX_CLAIM,
    MIN_CLAIM,
    SESSION_PLACES,
)
from stationapp.demo.events import populate_events
from stationapp.demo.library import populate_library
from stationapp.demo.mediation import populate_cases
from stationapp.demo.members import populate_members
from stationapp.demo.people import (
    ADDRESS_CODES,
    FEMALE_CHARS,
    HARDSHIP_REASONS,
    MALE_CHARS,
    MEMBER_SHARE,
    MOBILE_PREFIXES,
    NOTES,
    ORGANIZATIONS,
    SURNAMES,
    _backdate,
    _create_organizations,
    _create_people,
    _create_staff,
    populate_hardship,
)
from stationapp.demo.rooms import populate_rooms
from stationapp.demo.union_work import populate_union_work
from stationapp.demo.visits import (
    DECLINE_REASONS,
    DEFAULT_DECLINE_REASONS,
    DEFAULT_REFERRALS,
    DEFAULT_SERVICE_WEIGHT,
    MONTH_FACTOR,
    REFERRAL_SHARE,
    REFERRALS,
    SERVICE_WEIGHTS,
    VISIT_NOTES,
    _day_factor,
    populate_visits,
)
from stationapp.demo.welfare import populate_welfare
from stationapp.demo.workplaces import populate_workplaces
from stationapp.models.accounts import ADMIN, Staff
from stationapp.models.people import Person
from stationapp.services import accounts

__all__ = [
    "ADDRESS_CODES",
    "CASE_PREFIX",
    "CATEGORY_WEIGHTS",
    "DECLINE_REASONS",
    "DEFAULT_DECLINE_REASONS",
    "DEFAULT_REFERRALS",
    "DEFAULT_SERVICE_WEIGHT",
    "DEMO_ADMIN_PASSWORD",
    "DEMO_ADMIN_USERNAME",
    "DEMO_PASSWORD",
    "DEMO_PEOPLE",
    "DEMO_SEED",
    "DEMO_STAFF",
    "EVENTS_STEP",
    "FAMOUS_BOOKS",
    "FEMALE_CHARS",
    "FOLLOW_UP_NOTES",
    "HARDSHIP_REASONS",
    "ISBN_SHARE",
    "MAGAZINE_LOAN_DAYS",
    "MALE_CHARS",
    "MAX_CLAIM",
    "MEMBER_SHARE",
    "MIN_CLAIM",
    "MIN_LIBRARY_TITLES",
    "MOBILE_PREFIXES",
    "MONTH_FACTOR",
    "NOTES",
    "ORGANIZATIONS",
    "PUBLISHERS",
    "REFERRALS",
    "REFERRAL_SHARE",
    "SERVICE_WEIGHTS",
    "SESSION_PLACES",
    "SHELVES",
    "STATION_NAME",
    "SURNAMES",
    "VISIT_NOTES",
    "Progress",
    # used by the benchmarks' generators and the tests
    "_day_factor",
    "_generated_books",
    "_isbn",
    "_steps",
    "ensure_demo_database",
    "needs_filling",
    "populate",
    "populate_cases",
    "populate_events",
    "populate_hardship",
    "populate_library",
    "populate_rooms",
    "populate_union_work",
    "populate_visits",
    "populate_welfare",
]

DEMO_PEOPLE = 300

# What a progress callback hears: (done, total, what is being done now), done in percent of
# the build's time (total is 100). It is called before each area, every few events (the
# longest part), and once at the end (done == total); it may raise to stop the build, which
# rolls the one transaction back and leaves the database empty.
Progress = Callable[[int, int, str], None]
# The share of the build's time each area of _steps() takes (the 300-people demo), in percent,
# as measured (CPU seconds per area) after the events were written in bulk (2026-12-08).
STEP_WEIGHTS = (14, 12, 25, 4, 25, 13, 3, 4)
EVENTS_STEP = 5


def _steps() -> tuple[str, ...]:
    return (
        translate("Demo", "Staff accounts and workplaces"),
        translate("Demo", "Workers"),
        translate("Demo", "Two years of front-desk visits"),
        translate("Demo", "Mediation cases"),
        translate("Demo", "The library: books, loans and boxes"),
        translate("Demo", "Union events and registrations"),
        translate("Demo", "Hardship files"),
        translate("Demo", "Rooms, counsellors and bookings"),
    )


def populate(
    *, seed: int = DEMO_SEED, people: int | None = None, progress: Progress | None = None
) -> Staff:
    """Fill an empty, migrated database with the demo station and return its administrator.

    ``progress`` (see Progress) hears of each area as it starts and of the end.
    """
    if not accounts.is_first_run() or Person.select().exists():
        raise RuntimeError("demo data goes only into an empty database")
    people = DEMO_PEOPLE if people is None else people
    started = time.perf_counter()
    rng = random.Random(seed)
    steps = _steps()

    def step(number: int, within: float = 0.0) -> None:
        if progress is not None:
            done = sum(STEP_WEIGHTS[:number])
            if number < len(steps):
                done += int(STEP_WEIGHTS[number] * within)
            progress(done, 100, steps[number] if number < len(steps) else "")

    # argon2 takes a good part of a second a hash and lets go of the GIL meanwhile: the staff's
    # shared password is hashed in a thread of its own while the administrator's is.
    hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stationapp-demo-hash")
    staff_hash = hashing.submit(accounts.hash_password, DEMO_PASSWORD)
    hashing.shutdown(wait=False)
    # One transaction for the lot: a half-filled demo would be worse than none.
    with transaction(lock=True):
        step(0)
        admin = accounts.create_first_admin(
            username=DEMO_ADMIN_USERNAME,
            display_name="王站长",
            password=DEMO_ADMIN_PASSWORD,
            station_name=STATION_NAME,
            case_prefix=CASE_PREFIX,
        )
        _create_staff(admin, staff_hash.result())
        orgs = _create_organizations(admin, rng)
        step(1)
        _create_people(admin, rng, orgs, count=people)
        _backdate(rng)
        step(2)
        visit_count = populate_visits(admin, rng=rng)
        step(3)
        case_count = populate_cases(admin, rng=rng)
        step(4)
        loan_count = populate_library(admin, rng=rng)
        step(5)
        event_count = populate_events(
            admin, rng=rng, progress=lambda done, total: step(EVENTS_STEP, done / total)
        )
        step(6)
        populate_hardship(admin, rng=rng)
        step(7)
        booking_count = populate_rooms(admin, rng=rng)
        populate_members(admin, rng=rng)
        populate_aid(admin, rng=rng)
        populate_welfare(admin, rng=rng)
        # After the people (members are counted); its own generator leaves the others' draws.
        populate_workplaces(admin, seed=seed)
        populate_union_work(admin, rng=rng)
        step(len(steps))
    log.info(
        "demo database filled: %d workplaces, %d people, %d visits, %d cases, %d loans, "
        "%d events, %d room bookings in %.1f s",
        len(orgs),
        people,
        visit_count,
        case_count,
        loan_count,
        event_count,
        booking_count,
        time.perf_counter() - started,
    )
    return admin


def needs_filling() -> bool:
    """True while the (demo) database bound to the proxy has no accounts yet."""
    return accounts.is_first_run()


def ensure_demo_database(progress: Progress | None = None) -> Staff:
    """The demo administrator, filling the database first if it is still empty."""
    if accounts.is_first_run():
        return populate(progress=progress)
    admin = Staff.get_or_none(Staff.username == DEMO_ADMIN_USERNAME)
    if admin is None:
        admins = Staff.select().where(Staff.active, Staff.roles.contains(ADMIN))
        admin = admins.order_by(Staff.id).first()
    if admin is None:
        raise RuntimeError("the demo database has no administrator")
    return admin
