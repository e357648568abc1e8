"""The people register: validation, duplicate detection, search keys, search and paging,
masking, the export, workplaces.

The package's modules by responsibility; this module names the public functions, so callers
import them from `stationapp.services.people` as before.

Each name's module is imported when the name is first used (``lazy_names``): the register
form's first paint does not wait for the register's export or the workplaces.
"""

from __future__ import annotations

from stationapp.services.lazy_package import lazy_names

__getattr__, __dir__, __all__ = lazy_names(
    __name__,
    {
        "activity": ("mark_active",),
        "export": (
            "EXPORT_PAGE",
            "export_people",
        ),
        "keys": (
            "normalize_name",
            "person_search_keys",
        ),
        "masking": (
            "exported_phone",
            "handed",
            "hands_people",
            "mask_id",
            "mask_id_tail",
            "mask_phone",
            "may_see_full_id",
            "people_view",
            "person_view",
            "reveal_id",
            "rows_view",
            "shown_id",
            "true_birth_date",
        ),
        "organizations": (
            "OrganizationInput",
            "create_organization",
            "deactivate_organization",
            "delete_organization",
            "get_organization",
            "org_kind_label",
            "organization_history_counts",
            "reactivate_organization",
            "search_organizations",
            "union_status_label",
            "update_organization",
        ),
        "register": (
            "MIN_BIRTH_DATE",
            "CleanPerson",
            "PersonInput",
            "create_person",
            "deactivate_person",
            "delete_person",
            "find_duplicates",
            "gender_label",
            "person_has_history",
            "person_history_counts",
            "reactivate_person",
            "update_person",
            "validate_person",
        ),
        "search": (
            "COUNT_BOUND",
            "SEARCH_CANDIDATES",
            "count_people",
            "get_person",
            "list_people",
            "person_history",
            "search_people",
        ),
    },
)
