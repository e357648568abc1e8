"""Union events: setting them up, registering people at the desk, the waitlist, attendance,
minimum participants, the calendar's coverage check, exports and statistics.

Never overbook (DESIGN.md rule 3, domain/events.md): every decision that takes a place locks the
event first (an IMMEDIATE transaction on SQLite, SELECT ... FOR UPDATE on PostgreSQL), re-counts
and only then writes; a partial unique index on (event, person) is the backstop. Freeing a place
promotes the next person in the same transaction.

The area is split by responsibility: planning (series and events: create, change, close, cancel,
delete), eligibility (quotas, counts, free places), registration (register, the waitlist, offers,
priority), attendance (roster, check-in, marking, the roster export), reporting (decisions due,
coverage, statistics).
"""

from __future__ import annotations

from stationapp.models.events import ACTIVE_STATES, COUNTED_STATES  # read by callers as events.*
from stationapp.services.events._common import event_state_label, size_label, state_label, translate
from stationapp.services.events.attendance import (
    BulkAttendance,
    check_in,
    export_roster,
    mark_attendance,
    no_show_counts,
    roster,
)
from stationapp.services.events.eligibility import (
    EventCounts,
    EventFull,
    NotEligible,
    age_on,
    counts,
    eligibility_problem,
    free_places,
)
from stationapp.services.events.planning import (
    MAX_CAPACITY,
    EventInput,
    QuotaInput,
    cancel_event,
    close_event,
    create_event,
    delete_event,
    event_booking,
    event_history_counts,
    event_quotas,
    get_event,
    list_events,
    list_series,
    people_to_notify,
    save_series,
    update_event,
)
from stationapp.services.events.registration import (
    accept_offer,
    cancel_registration,
    expire_offers,
    person_registrations,
    register,
    set_priority,
)
from stationapp.services.events.reporting import (
    AGE_BANDS,
    Coverage,
    EventStatistics,
    MinimumDecision,
    coverage,
    decisions_due,
    statistics,
)

__all__ = [
    "ACTIVE_STATES",
    "AGE_BANDS",
    "COUNTED_STATES",
    "MAX_CAPACITY",
    "BulkAttendance",
    "Coverage",
    "EventCounts",
    "EventFull",
    "EventInput",
    "EventStatistics",
    "MinimumDecision",
    "NotEligible",
    "QuotaInput",
    "accept_offer",
    "age_on",
    "cancel_event",
    "cancel_registration",
    "check_in",
    "close_event",
    "counts",
    "coverage",
    "create_event",
    "decisions_due",
    "delete_event",
    "eligibility_problem",
    "event_booking",
    "event_history_counts",
    "event_quotas",
    "event_state_label",
    "expire_offers",
    "export_roster",
    "free_places",
    "get_event",
    "list_events",
    "list_series",
    "mark_attendance",
    "no_show_counts",
    "people_to_notify",
    "person_registrations",
    "register",
    "roster",
    "save_series",
    "set_priority",
    "size_label",
    "state_label",
    "statistics",
    "translate",
    "update_event",
]
