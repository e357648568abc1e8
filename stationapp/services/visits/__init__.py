"""Worker visits: the service catalogue, recording and correcting visits, follow-ups, the log,
satisfaction, outreach sessions, and the Excel export.

The package's modules by responsibility; this module names the public functions, so callers
import them from `stationapp.services.visits` as before.

Each name's module is imported when the name is first used (``lazy_names``): the register
form's first paint does not wait for the visit log's export or the outreach sessions.
"""

from __future__ import annotations

from stationapp.services.lazy_package import lazy_names

__getattr__, __dir__, __all__ = lazy_names(
    __name__,
    {
        "catalogue": (
            "DEFAULT_FOLLOW_UP_DAYS",
            "EARLIEST_VISIT",
            "MAX_FOLLOW_UP_DAYS",
            "MAX_NOTES",
            "MINIMUM_WORKING_AGE",
            "ServiceInput",
            "channel_label",
            "create_service",
            "eligibility_label",
            "get_service",
            "list_services",
            "material_kind_label",
            "outcome_label",
            "rating_label",
            "search_services",
            "update_service",
        ),
        "log": (
            "RARE_OUTCOMES",
            "DayCount",
            "Satisfaction",
            "VisitFilter",
            "count_visits",
            "day_counts",
            "export_visits",
            "list_visits",
            "month_satisfaction",
            "person_visits",
            "visits_on",
        ),
        "outreach": (
            "OutreachEntry",
            "create_outreach",
            "list_outreach",
            "record_outreach_visits",
        ),
        "registration": (
            "PurposeInput",
            "VisitInput",
            "age_on",
            "eligibility_hints",
            "get_visit",
            "purposes_of",
            "record_visit",
            "update_visit",
        ),
        "waiting": (
            "complete_follow_up",
            "follow_up_due",
            "follow_ups",
            "is_overdue",
        ),
    },
)
