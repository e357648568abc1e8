"""Workplace union work (issue #26): buildings and their federations, a workplace's profile
and union (建会: status and dates, chair, members, mediation committee), the founding steps, the
workplace list with its filters, what the workplace page lists, and the figures for Today and
the report.

Name, kind, active and deletion of a workplace stay in ``services/people/organizations.py``.
"""

from __future__ import annotations

from stationapp.services.lazy_package import lazy_names

__getattr__, __dir__, __all__ = lazy_names(
    __name__,
    {
        "_common": ("LARGE_WORKPLACE", "founding_step_label"),
        "buildings": (
            "BuildingInput",
            "BuildingRow",
            "create_building",
            "deactivate_building",
            "get_building",
            "reactivate_building",
            "search_buildings",
            "update_building",
        ),
        "union": (
            "MAX_EMPLOYEES",
            "StepView",
            "WorkplaceProfile",
            "dates_for_status",
            "founding_steps",
            "mark_founding_step",
            "set_union_status",
            "undo_founding_step",
            "union_founded",
            "update_profile",
        ),
        "listing": (
            "Keep",
            "WorkplaceFilter",
            "WorkplaceRow",
            "count_workplaces",
            "get_workplace",
            "large_without_union_ids",
            "list_workplaces",
            "members_on_register",
            "workplace_cases",
            "workplace_outreach",
            "workplace_people",
            "workplace_visits",
        ),
        "figures": ("WorkplaceFigures", "large_without_union", "workplace_figures"),
    },
)
