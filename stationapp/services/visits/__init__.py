"""Worker visits: the service catalogue, recording and correcting visits, follow-ups, the log,
satisfaction, outreach sessions, and the Excel export.

The package's modules by responsibility; this module names the public functions, so callers
import them from `stationapp.services.visits` as before.
"""

from __future__ import annotations

from stationapp.services.visits.catalogue import (
    DEFAULT_FOLLOW_UP_DAYS,
    EARLIEST_VISIT,
    MAX_FOLLOW_UP_DAYS,
    MAX_NOTES,
    MINIMUM_WORKING_AGE,
    ServiceInput,
    channel_label,
    create_service,
    eligibility_label,
    get_service,
    list_services,
    material_kind_label,
    outcome_label,
    rating_label,
    search_services,
    update_service,
)
from stationapp.services.visits.log import (
    RARE_OUTCOMES,
    DayCount,
    Satisfaction,
    VisitFilter,
    count_visits,
    day_counts,
    export_visits,
    list_visits,
    month_satisfaction,
    person_visits,
    visits_on,
)
from stationapp.services.visits.outreach import (
    OutreachEntry,
    create_outreach,
    list_outreach,
    record_outreach_visits,
)
from stationapp.services.visits.registration import (
    PurposeInput,
    VisitInput,
    age_on,
    eligibility_hints,
    get_visit,
    purposes_of,
    record_visit,
    update_visit,
)
from stationapp.services.visits.waiting import (
    complete_follow_up,
    follow_up_due,
    follow_ups,
    is_overdue,
)

__all__ = [
    "DEFAULT_FOLLOW_UP_DAYS",
    "EARLIEST_VISIT",
    "MAX_FOLLOW_UP_DAYS",
    "MAX_NOTES",
    "MINIMUM_WORKING_AGE",
    "RARE_OUTCOMES",
    "DayCount",
    "OutreachEntry",
    "PurposeInput",
    "Satisfaction",
    "ServiceInput",
    "VisitFilter",
    "VisitInput",
    "age_on",
    "channel_label",
    "complete_follow_up",
    "count_visits",
    "create_outreach",
    "create_service",
    "day_counts",
    "eligibility_hints",
    "eligibility_label",
    "export_visits",
    "follow_up_due",
    "follow_ups",
    "get_service",
    "get_visit",
    "is_overdue",
    "list_outreach",
    "list_services",
    "list_visits",
    "material_kind_label",
    "month_satisfaction",
    "outcome_label",
    "person_visits",
    "purposes_of",
    "rating_label",
    "record_outreach_visits",
    "record_visit",
    "search_services",
    "update_service",
    "update_visit",
    "visits_on",
]
