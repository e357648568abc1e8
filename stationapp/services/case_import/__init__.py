"""Import of the mediation ledger (调解案件台账) of earlier years as closed cases (issue #21).

Each ledger row becomes a closed case with its own number, so an employer's history and the
yearly statistics include the years before the application. The file is read as the roster is
(``people_import``: the header row below title rows, dates and numbers as stations write them,
all or nothing, ``skip_bad`` with the refused rows beside the file). A case is written directly
in its final state, not walked through the transitions: a registration event on the day it was
received, the outcome and the closing on the day it was closed, each marked as imported. An
agreement outcome gets an effective agreement with the agreed amount, which is what the
statistics count as a success. The counter of each year moves past the largest number imported,
so the next case filed continues after it. One transaction, one audit entry with the counts.

The package's modules by responsibility; this module names the public functions, so callers
import them from `stationapp.services.case_import` as before.
"""

from __future__ import annotations

from stationapp.services.case_import.ledger import import_cases
from stationapp.services.case_import.values import (
    AGREEMENT_OUTCOMES,
    CATEGORY_WORDS,
    FIELDS,
    FIRST_YEAR,
    HEADER_ALIASES,
    HEADER_SEARCH_ROWS,
    MAX_ROWS,
    NOT_KEPT,
    OUTCOME_WORDS,
    PROGRESS_EVERY,
    REQUIRED,
    CaseNumber,
    ImportResult,
    field_label,
    imported_mark,
    parse_case_number,
    parse_categories,
    parse_outcome,
)
from stationapp.services.importing import ImportRefused, Progress

__all__ = [
    "AGREEMENT_OUTCOMES",
    "CATEGORY_WORDS",
    "FIELDS",
    "FIRST_YEAR",
    "HEADER_ALIASES",
    "HEADER_SEARCH_ROWS",
    "MAX_ROWS",
    "NOT_KEPT",
    "OUTCOME_WORDS",
    "PROGRESS_EVERY",
    "REQUIRED",
    "CaseNumber",
    "ImportRefused",
    "ImportResult",
    "Progress",
    "field_label",
    "import_cases",
    "imported_mark",
    "parse_case_number",
    "parse_categories",
    "parse_outcome",
]
