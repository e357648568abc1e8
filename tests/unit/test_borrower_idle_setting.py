"""The library desk's idle time (the borrower is cleared after it) is a station setting:
2 minutes by default, 1 to 60, checked at the field and audited like the other settings."""

from __future__ import annotations

import json

import pytest

from stationapp.errors import ValidationError
from stationapp.models.accounts import AuditEntry, Setting
from stationapp.services import accounts

NAMES = {"station_name": "建国门街道工会服务站", "case_prefix": "建工调"}


def test_the_default_is_two_minutes(admin) -> None:
    assert accounts.station_settings().borrower_idle_minutes == 2


def test_changing_it_is_stored_and_audited(admin) -> None:
    accounts.update_station_settings(admin, **NAMES, borrower_idle_minutes=5)
    assert accounts.station_settings().borrower_idle_minutes == 5
    entry = (
        AuditEntry.select()
        .where(AuditEntry.entity == "settings")
        .order_by(AuditEntry.id.desc())
        .first()
    )
    assert entry is not None and entry.staff_id == admin.id
    assert "borrower_idle_minutes" in json.loads(entry.details)
    # Leaving it out keeps it; changing the lock's idle time does not touch it.
    accounts.update_station_settings(admin, **NAMES, idle_lock_minutes=3)
    assert accounts.station_settings().borrower_idle_minutes == 5
    assert accounts.station_settings().idle_lock_minutes == 3


@pytest.mark.parametrize("bad", [0, -1, 61, True, "3", 2.5])
def test_a_bad_value_is_refused_at_the_field(admin, bad) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.update_station_settings(admin, **NAMES, borrower_idle_minutes=bad)
    assert "borrower_idle_minutes" in caught.value.errors
    assert "60" in caught.value.message
    assert accounts.station_settings().borrower_idle_minutes == 2


@pytest.mark.parametrize("stored", ["", "abc", "0", "999"])
def test_a_damaged_stored_value_reads_as_the_default(admin, stored) -> None:
    Setting.insert(key="library_borrower_idle_minutes", value=stored).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: stored}
    ).execute()
    assert accounts.station_settings().borrower_idle_minutes == 2
