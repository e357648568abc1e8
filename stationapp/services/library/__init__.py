"""The workers' library (职工书屋): the catalogue, circulation rules, the scan field's decisions,
lending, returns, renewals, holds, overdue lists, and a person's loans.

Boxes lent to workplaces and stocktakes live in services/library_boxes.py; catalogue import in
services/library_import.py.

The area is split by responsibility: catalogue (titles, copies, search), removal (deactivating
and deleting what has no history), rules (circulation rules and the borrower), circulation (lend,
return, renew, undo, the scan box), holds, loans (the loan lists and statistics).
"""

from __future__ import annotations

from stationapp.services.library._common import translate
from stationapp.services.library.catalogue import (
    MAX_COPY_PRICE,
    CopyInput,
    TitleInput,
    add_copy,
    availability,
    copies_of,
    copy_status_label,
    count_titles,
    create_title,
    get_title,
    item_type_label,
    looks_like_isbn,
    normalize_isbn,
    search_titles,
    update_copy,
    update_title,
    withdraw_copy,
)
from stationapp.services.library.catalogue import _barcode_taken as _barcode_taken
from stationapp.services.library.catalogue import _title_search_text as _title_search_text
from stationapp.services.library.catalogue import _validate_copy as _validate_copy
from stationapp.services.library.catalogue import _validate_title as _validate_title
from stationapp.services.library.circulation import (
    UNDO_WINDOW,
    LendRefused,
    ReturnResult,
    ScanResult,
    lend,
    renew,
    return_copy,
    scan,
    undo_lend,
    undo_return,
)
from stationapp.services.library.holds import cancel_hold, holds_queue, person_holds, place_hold
from stationapp.services.library.loans import (
    LibraryStatistics,
    LoanRow,
    M,
    due_soon,
    overdue_loans,
    person_loans,
    statistics,
)
from stationapp.services.library.removal import (
    OUT_STATUSES,
    copy_history_counts,
    deactivate_title,
    delete_copy,
    delete_title,
    reactivate_title,
    title_history_counts,
)
from stationapp.services.library.rules import (
    BorrowerStatus,
    Rule,
    RuleInput,
    borrower_category,
    borrower_category_label,
    borrower_status,
    find_borrower,
    list_rules,
    rule_for,
    save_rule,
)

__all__ = [
    "MAX_COPY_PRICE",
    "OUT_STATUSES",
    "UNDO_WINDOW",
    "BorrowerStatus",
    "CopyInput",
    "LendRefused",
    "LibraryStatistics",
    "LoanRow",
    "M",
    "ReturnResult",
    "Rule",
    "RuleInput",
    "ScanResult",
    "TitleInput",
    "add_copy",
    "availability",
    "borrower_category",
    "borrower_category_label",
    "borrower_status",
    "cancel_hold",
    "copies_of",
    "copy_history_counts",
    "copy_status_label",
    "count_titles",
    "create_title",
    "deactivate_title",
    "delete_copy",
    "delete_title",
    "due_soon",
    "find_borrower",
    "get_title",
    "holds_queue",
    "item_type_label",
    "lend",
    "list_rules",
    "looks_like_isbn",
    "normalize_isbn",
    "overdue_loans",
    "person_holds",
    "person_loans",
    "place_hold",
    "reactivate_title",
    "renew",
    "return_copy",
    "rule_for",
    "save_rule",
    "scan",
    "search_titles",
    "statistics",
    "title_history_counts",
    "translate",
    "undo_lend",
    "undo_return",
    "update_copy",
    "update_title",
    "withdraw_copy",
]
