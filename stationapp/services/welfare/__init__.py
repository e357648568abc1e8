"""Welfare rounds (issue 25): 暑期送清凉, 节日送温暖, 生日送祝福 and other rounds.

A round has a kind, dates, a budget and what each recipient gets (items with their value, an
amount of money, or both). Recipients are chosen by rule or by hand, once per round; the
hardship-file rule, and the reason it gives, only for the roles with ``hardship.read``. The
register records no trade or occupation, so frontline workers (couriers, riders, sanitation
workers) are chosen by their workplaces. Each delivery is recorded (when, by whom, to whom if
someone else collected it) and can be undone. The Today tab's seasons (``season.py``) take the
Spring Festival from the lunar calendar.
"""

from __future__ import annotations

from stationapp.services.welfare.figures import KindFigures, WelfareFigures, welfare_figures
from stationapp.services.welfare.recipients import (
    RULES,
    Added,
    Received,
    RecipientView,
    add_by_rule,
    add_person,
    count_recipients,
    covered,
    deliver,
    greeted,
    list_recipients,
    personal_data_rows,
    record_greeting,
    remove_recipient,
    rounds_of_person,
    sheet_rows,
    undo_delivery,
)
from stationapp.services.welfare.rounds import (
    RoundInput,
    Totals,
    count_rounds,
    create_round,
    get_round,
    list_rounds,
    per_person,
    round_kind_label,
    round_totals,
    source_label,
    totals_of,
    update_round,
)
from stationapp.services.welfare.season import Season, season_of, spring_festival

__all__ = [
    "RULES",
    "Added",
    "KindFigures",
    "Received",
    "RecipientView",
    "RoundInput",
    "Season",
    "Totals",
    "WelfareFigures",
    "add_by_rule",
    "add_person",
    "count_recipients",
    "count_rounds",
    "covered",
    "create_round",
    "deliver",
    "get_round",
    "greeted",
    "list_recipients",
    "list_rounds",
    "per_person",
    "personal_data_rows",
    "record_greeting",
    "remove_recipient",
    "round_kind_label",
    "round_totals",
    "rounds_of_person",
    "season_of",
    "sheet_rows",
    "source_label",
    "spring_festival",
    "totals_of",
    "undo_delivery",
    "update_round",
    "welfare_figures",
]
