"""Accounts: first run, sign-in and lock-out, passwords, staff administration, permissions,
and the audit entry every write leaves in its own transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import argon2
import pytest
from peewee import fn

from stationapp.db import now as real_now
from stationapp.errors import (
    AuthenticationFailed,
    DuplicateFound,
    PermissionDenied,
    ValidationError,
)
from stationapp.models.accounts import ADMIN, LIBRARIAN, ROLES, AuditEntry, Setting, Staff
from stationapp.models.people import Organization, Person
from stationapp.services import accounts, people
from stationapp.services.people import OrganizationInput, PersonInput
from tests.helpers.ids import make_ric

ADMIN_PASSWORD = "correct-horse-1"
STAFF_PASSWORD = "password-123"


def _snapshot() -> tuple[int, int, int, list[tuple]]:
    """Counts and the staff rows themselves: what a refused call must leave alone."""
    staff_rows = [
        (
            s.id,
            s.username,
            s.display_name,
            s.roles,
            s.password_hash,
            s.active,
            s.must_change_password,
            s.failed_logins,
        )
        for s in Staff.select().order_by(Staff.id)
    ]
    return Staff.select().count(), AuditEntry.select().count(), Setting.select().count(), staff_rows


# --- first run ------------------------------------------------------------------------------


def test_first_run_creates_the_admin_and_the_settings(db) -> None:
    assert accounts.is_first_run()
    admin = accounts.create_first_admin(
        username=" Admin ",
        display_name="王站长",
        password=ADMIN_PASSWORD,
        station_name="建国门街道工会服务站",
        case_prefix="建工调",
    )
    assert not accounts.is_first_run()
    stored = Staff.get_by_id(admin.id)
    assert stored.username == "admin"
    assert stored.role_set == {ADMIN}
    assert stored.active and not stored.must_change_password
    settings = accounts.station_settings()
    assert (settings.station_name, settings.case_prefix) == ("建国门街道工会服务站", "建工调")
    assert accounts.authenticate("admin", ADMIN_PASSWORD).id == admin.id


def test_second_first_run_is_refused(admin) -> None:
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin(
            username="intruder",
            display_name="李四",
            password="another-pass-1",
            station_name="别的站",
            case_prefix="别",
        )
    assert _snapshot() == before
    assert accounts.station_settings().station_name == "建国门街道工会服务站"


def test_first_run_form_reports_every_bad_field(db) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.create_first_admin(
            username="!",
            display_name="王站长",
            password="short",
            station_name="   ",
            case_prefix="123",
        )
    assert {"username", "password", "station_name", "case_prefix"} <= set(caught.value.errors)
    assert "display_name" not in caught.value.errors
    assert accounts.is_first_run()
    assert Setting.select().count() == 0


def test_first_run_settings_errors_alone_are_reported(db) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.create_first_admin(
            username="admin",
            display_name="王站长",
            password=ADMIN_PASSWORD,
            station_name="",
            case_prefix="",
        )
    assert set(caught.value.errors) == {"station_name", "case_prefix"}
    assert accounts.is_first_run()


@pytest.mark.parametrize("password", ["", "1234567", "seven77", " padded-password "])
def test_bad_passwords_are_refused(db, password: str) -> None:
    with pytest.raises(ValidationError) as caught:
        accounts.create_first_admin(
            username="admin",
            display_name="王站长",
            password=password,
            station_name="站",
            case_prefix="建工调",
        )
    assert "password" in caught.value.errors
    assert accounts.is_first_run()


def test_eight_characters_are_enough(db) -> None:
    accounts.create_first_admin(
        username="admin",
        display_name="王站长",
        password="12345678",
        station_name="站",
        case_prefix="建工调",
    )
    assert accounts.authenticate("admin", "12345678")


# --- passwords are never stored -------------------------------------------------------------


def test_only_an_argon2id_hash_is_stored(admin, make_staff) -> None:
    clerk = make_staff("clerk", "front_desk")
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate("clerk", "wrong-guess-42")
    accounts.change_password(clerk, old_password=STAFF_PASSWORD, new_password="new-secret-77")
    accounts.reset_password(admin, clerk.id, new_password="temp-secret-88")
    accounts.authenticate("clerk", "temp-secret-88")

    secrets = [ADMIN_PASSWORD, STAFF_PASSWORD, "wrong-guess-42", "new-secret-77", "temp-secret-88"]
    for staff in Staff.select():
        assert staff.password_hash.startswith("$argon2id$")
        row = " ".join(str(v) for v in staff.__data__.values())
        assert not [s for s in secrets if s in row]
    details = " ".join(e.details for e in AuditEntry.select())
    assert not [s for s in secrets if s in details]
    assert not [s for s in secrets if any(s in x.value for x in Setting.select())]


# --- sign-in --------------------------------------------------------------------------------


def test_authenticate_ok_and_wrong(admin) -> None:
    signed_in = accounts.authenticate("ADMIN ", ADMIN_PASSWORD)
    assert signed_in.id == admin.id
    assert Staff.get_by_id(admin.id).last_login_at is not None
    with pytest.raises(AuthenticationFailed) as wrong:
        accounts.authenticate("admin", "not-the-password")
    with pytest.raises(AuthenticationFailed) as unknown:
        accounts.authenticate("nobody", ADMIN_PASSWORD)
    # An unknown user name and a wrong password look the same from outside.
    assert wrong.value.message == unknown.value.message


class _SpyHasher(argon2.PasswordHasher):
    """The test hasher's parameters, remembering every hash it makes and checks."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=64, parallelism=1)
        self.made: list[str] = []
        self.checked: list[tuple[str, str]] = []

    def hash(self, password, *, salt=None):  # type: ignore[no-untyped-def, override]
        made = super().hash(password, salt=salt)
        self.made.append(made)
        return made

    def verify(self, hash, password):  # type: ignore[no-untyped-def, override]
        self.checked.append((hash, password))
        return super().verify(hash, password)


def _parameters(hashed: str) -> str:
    return hashed.rsplit("$", 2)[0]  # "$argon2id$v=19$m=..,t=..,p=.."


@pytest.mark.parametrize("name", ["nobody", "nobody\x00", "admin\x1b"])
def test_an_unknown_name_is_checked_like_a_real_one(
    admin, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """Issue 19, finding 5: an unknown name failed at once, a real one after the password
    check (0.3 against 600 ms), which told a stranger which names exist."""
    spy = _SpyHasher()
    monkeypatch.setattr(accounts, "_hasher", spy)
    with pytest.raises(AuthenticationFailed) as wrong:
        accounts.authenticate("admin", "not-the-password")
    real_hash = spy.checked[-1][0]
    for attempt in range(2):
        with pytest.raises(AuthenticationFailed) as unknown:
            accounts.authenticate(name, f"a-guess-{attempt}")
        assert unknown.value.message == wrong.value.message
        assert unknown.value.field == wrong.value.field
        checked_hash, checked_password = spy.checked[-1]
        assert checked_password == f"a-guess-{attempt}"
        assert _parameters(checked_hash) == _parameters(real_hash)
    assert len(spy.checked) == 3
    assert len(spy.made) == 1  # the dummy hash is made once


def test_a_locked_account_is_checked_like_a_real_one(admin, monkeypatch) -> None:
    for attempt in range(5):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate("admin", f"wrong-{attempt}")
    spy = _SpyHasher()
    monkeypatch.setattr(accounts, "_hasher", spy)
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate("admin", ADMIN_PASSWORD)
    assert [password for _hash, password in spy.checked] == [ADMIN_PASSWORD]


def test_five_wrong_passwords_lock_for_five_minutes(admin, monkeypatch: pytest.MonkeyPatch) -> None:
    for attempt in range(1, 5):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate("admin", f"wrong-{attempt}")
        stored = Staff.get_by_id(admin.id)
        assert stored.failed_logins == attempt  # committed although the call failed
        assert stored.locked_until is None

    with pytest.raises(AuthenticationFailed) as fifth:
        accounts.authenticate("admin", "wrong-5")
    assert "5" in fifth.value.message
    locked_until = Staff.get_by_id(admin.id).locked_until
    assert locked_until is not None
    assert timedelta(minutes=4) < locked_until - real_now() <= timedelta(minutes=5)
    assert AuditEntry.select().where(AuditEntry.action == "lock").count() == 1

    with pytest.raises(AuthenticationFailed) as sixth:
        accounts.authenticate("admin", ADMIN_PASSWORD)  # the right one, too late
    assert "5" in sixth.value.message

    later = real_now() + timedelta(minutes=6)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert accounts.authenticate("admin", ADMIN_PASSWORD).id == admin.id
    stored = Staff.get_by_id(admin.id)
    assert stored.failed_logins == 0 and stored.locked_until is None


def test_lock_message_counts_down(admin, monkeypatch: pytest.MonkeyPatch) -> None:
    for attempt in range(5):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate("admin", f"wrong-{attempt}")
    later = real_now() + timedelta(minutes=3, seconds=10)
    monkeypatch.setattr(accounts, "now", lambda: later)
    with pytest.raises(AuthenticationFailed) as caught:
        accounts.authenticate("admin", ADMIN_PASSWORD)
    assert "2" in caught.value.message and "5" not in caught.value.message


def test_a_good_sign_in_resets_the_failure_count(admin) -> None:
    for attempt in range(4):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate("admin", f"wrong-{attempt}")
    accounts.authenticate("admin", ADMIN_PASSWORD)
    assert Staff.get_by_id(admin.id).failed_logins == 0
    for attempt in range(4):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate("admin", f"wrong-{attempt}")
    assert accounts.authenticate("admin", ADMIN_PASSWORD)


def test_deactivated_account_cannot_sign_in(admin, make_staff) -> None:
    clerk = make_staff("clerk", "front_desk")
    accounts.update_staff(
        admin, clerk.id, display_name="测试员", roles=["front_desk"], active=False
    )
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate("clerk", STAFF_PASSWORD)
    assert not accounts.has_permission(Staff.get_by_id(clerk.id), "person.read")


# --- changing passwords ---------------------------------------------------------------------


def test_created_staff_must_change_password(admin, make_staff) -> None:
    clerk = make_staff("clerk", "front_desk")
    assert Staff.get_by_id(clerk.id).must_change_password
    assert accounts.authenticate("clerk", STAFF_PASSWORD).must_change_password


def test_change_password_rules(admin, make_staff) -> None:
    clerk = make_staff("clerk", "front_desk")
    with pytest.raises(ValidationError) as wrong_old:
        accounts.change_password(clerk, old_password="not-it-123", new_password="brand-new-1")
    assert wrong_old.value.field == "old_password"
    with pytest.raises(ValidationError) as short:
        accounts.change_password(clerk, old_password=STAFF_PASSWORD, new_password="short")
    assert short.value.field == "new_password"
    assert Staff.get_by_id(clerk.id).must_change_password
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate("clerk", "brand-new-1")

    accounts.change_password(clerk, old_password=STAFF_PASSWORD, new_password="brand-new-1")
    assert not clerk.must_change_password
    assert not Staff.get_by_id(clerk.id).must_change_password
    assert accounts.authenticate("clerk", "brand-new-1").id == clerk.id
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate("clerk", STAFF_PASSWORD)


def test_reset_password_unlocks_and_forces_a_change(admin, make_staff) -> None:
    clerk = make_staff("clerk", "front_desk")
    accounts.change_password(clerk, old_password=STAFF_PASSWORD, new_password="brand-new-1")
    for attempt in range(5):
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate("clerk", f"wrong-{attempt}")
    accounts.reset_password(admin, clerk.id, new_password="temporary-9")
    signed_in = accounts.authenticate("clerk", "temporary-9")
    assert signed_in.must_change_password


# --- what a librarian may not do ------------------------------------------------------------


def _librarian_calls(admin: Staff) -> dict[str, Callable[[Staff], object]]:
    return {
        "create_staff": lambda actor: accounts.create_staff(
            actor,
            username="newbie",
            display_name="新人",
            roles=["front_desk"],
            password="password-456",
        ),
        "update_staff": lambda actor: accounts.update_staff(
            actor, admin.id, display_name="夺权", roles=[LIBRARIAN], active=False
        ),
        "update_staff_self": lambda actor: accounts.update_staff(
            actor, actor.id, display_name="自封", roles=[LIBRARIAN, ADMIN], active=True
        ),
        "reset_password": lambda actor: accounts.reset_password(
            actor, admin.id, new_password="taken-over-1"
        ),
        "list_staff": accounts.list_staff,
        "update_station_settings": lambda actor: accounts.update_station_settings(
            actor, station_name="别的站", case_prefix="别"
        ),
    }


@pytest.mark.parametrize(
    "call",
    [
        "create_staff",
        "update_staff",
        "update_staff_self",
        "reset_password",
        "list_staff",
        "update_station_settings",
    ],
)
def test_librarian_cannot_administer(admin, make_staff, call: str) -> None:
    librarian = make_staff("lib", LIBRARIAN)
    before = _snapshot()
    settings = accounts.station_settings()
    with pytest.raises(PermissionDenied):
        _librarian_calls(admin)[call](librarian)
    assert _snapshot() == before
    assert accounts.station_settings() == settings
    assert accounts.authenticate("admin", ADMIN_PASSWORD)


def test_admin_can_administer(admin, make_staff) -> None:
    librarian = make_staff("lib", LIBRARIAN)
    assert {s.username for s in accounts.list_staff(admin)} == {"admin", "lib"}
    accounts.update_station_settings(admin, station_name="新站名", case_prefix="新工调")
    assert accounts.station_settings().case_prefix == "新工调"
    updated = accounts.update_staff(
        admin, librarian.id, display_name="图书管理员", roles=[LIBRARIAN, "organiser"], active=True
    )
    assert Staff.get_by_id(updated.id).role_set == {LIBRARIAN, "organiser"}


# --- the last administrator -----------------------------------------------------------------


def test_last_admin_cannot_be_deactivated_or_demoted(admin, make_staff) -> None:
    make_staff("lib", LIBRARIAN)
    before = _snapshot()
    with pytest.raises(ValidationError):
        accounts.update_staff(admin, admin.id, display_name="王站长", roles=[ADMIN], active=False)
    with pytest.raises(ValidationError):
        accounts.update_staff(
            admin, admin.id, display_name="王站长", roles=["front_desk"], active=True
        )
    assert _snapshot() == before


def test_an_inactive_second_admin_does_not_count(admin, make_staff) -> None:
    deputy = make_staff("deputy", ADMIN)
    accounts.update_staff(admin, deputy.id, display_name="副站长", roles=[ADMIN], active=False)
    with pytest.raises(ValidationError):
        accounts.update_staff(
            admin, admin.id, display_name="王站长", roles=["front_desk"], active=True
        )
    assert Staff.get_by_id(admin.id).role_set == {ADMIN}


def test_an_admin_can_step_down_when_another_remains(admin, make_staff) -> None:
    make_staff("deputy", ADMIN)
    accounts.update_staff(admin, admin.id, display_name="王站长", roles=["front_desk"], active=True)
    assert Staff.get_by_id(admin.id).role_set == {"front_desk"}


# --- the audit trail ------------------------------------------------------------------------


def _new_entries(since: int) -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.id > since).order_by(AuditEntry.id))


def _last_id() -> int:
    return AuditEntry.select(fn.MAX(AuditEntry.id)).scalar() or 0


def _writes(admin: Staff) -> dict[str, Callable[[], tuple[str, str, int]]]:
    def create_staff() -> tuple[str, str, int]:
        s = accounts.create_staff(
            admin,
            username="clerk",
            display_name="前台",
            roles=["front_desk"],
            password="password-123",
        )
        return "create", "staff", s.id

    def create_person() -> tuple[str, str, int]:
        p = people.create_person(admin, PersonInput(name="张三", id_number=make_ric()))
        return "create", "person", p.id

    def create_organization() -> tuple[str, str, int]:
        o = people.create_organization(admin, OrganizationInput(name="国贸写字楼"))
        return "create", "organization", o.id

    return {
        "create_staff": create_staff,
        "create_person": create_person,
        "create_organization": create_organization,
    }


def test_creates_leave_one_audit_entry_each(admin) -> None:
    for name, write in _writes(admin).items():
        since = _last_id()
        action, entity, entity_id = write()
        entries = _new_entries(since)
        assert len(entries) == 1, name
        entry = entries[0]
        assert (entry.staff_id, entry.action, entry.entity, entry.entity_id) == (
            admin.id,
            action,
            entity,
            entity_id,
        ), name


def test_updates_leave_one_audit_entry_each(admin, make_staff) -> None:
    clerk = make_staff("clerk", "front_desk")
    person = people.create_person(admin, PersonInput(name="张三", id_number=make_ric()))
    org = people.create_organization(admin, OrganizationInput(name="国贸写字楼"))
    updates = {
        ("update", "staff", clerk.id): lambda: accounts.update_staff(
            admin, clerk.id, display_name="前台二", roles=["front_desk"], active=True
        ),
        ("update", "person", person.id): lambda: people.update_person(
            clerk, person.id, PersonInput(name="张三丰", id_number=make_ric())
        ),
        ("update", "organization", org.id): lambda: people.update_organization(
            admin, org.id, OrganizationInput(name="国贸大厦")
        ),
    }
    for (action, entity, entity_id), write in updates.items():
        since = _last_id()
        write()
        entries = _new_entries(since)
        assert len(entries) == 1, entity
        actor = clerk if entity == "person" else admin
        assert (
            entries[0].staff_id,
            entries[0].action,
            entries[0].entity,
            entries[0].entity_id,
        ) == (actor.id, action, entity, entity_id)


def test_refused_writes_leave_no_audit_entry(admin, make_staff) -> None:
    make_staff("clerk", "front_desk")
    people.create_person(admin, PersonInput(name="张三", id_number=make_ric()))
    people.create_organization(admin, OrganizationInput(name="国贸写字楼"))
    before = _snapshot()
    counts = (Person.select().count(), Organization.select().count())
    with pytest.raises(ValidationError) as taken:
        accounts.create_staff(
            admin,
            username="Clerk",
            display_name="另一个",
            roles=["front_desk"],
            password="password-456",
        )
    assert taken.value.field == "username"
    with pytest.raises(DuplicateFound):
        people.create_person(
            admin, PersonInput(name="张三", id_number=make_ric()), allow_duplicate=True
        )
    with pytest.raises(DuplicateFound):
        people.create_organization(admin, OrganizationInput(name="国贸写字楼"))
    assert _snapshot() == before
    assert (Person.select().count(), Organization.select().count()) == counts


def test_audit_is_part_of_the_write(admin, monkeypatch: pytest.MonkeyPatch) -> None:
    """If recording the audit entry fails, the change it records is rolled back too."""

    def broken_audit(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit failed")

    monkeypatch.setattr(accounts, "audit", broken_audit)
    monkeypatch.setattr(people.register, "audit", broken_audit)
    monkeypatch.setattr(people.organizations, "audit", broken_audit)
    before = _snapshot()
    with pytest.raises(RuntimeError):
        accounts.create_staff(
            admin,
            username="clerk",
            display_name="前台",
            roles=["front_desk"],
            password="password-123",
        )
    with pytest.raises(RuntimeError):
        people.create_person(admin, PersonInput(name="张三", id_number=make_ric()))
    with pytest.raises(RuntimeError):
        people.create_organization(admin, OrganizationInput(name="国贸写字楼"))
    assert _snapshot() == before
    assert Person.select().count() == 0 and Organization.select().count() == 0


# --- the permission matrix ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role: str) -> None:
    actor = Staff(username="x", display_name="x", roles=role, active=True)
    assert accounts.has_permission(actor, "person.read")
    assert accounts.has_permission(actor, "person.create")
    assert accounts.has_permission(actor, "staff.manage") == (role == ADMIN)
    assert accounts.has_permission(actor, "settings.manage") == (role == ADMIN)
    assert accounts.has_permission(actor, "audit.read") == (role == ADMIN)
    assert not accounts.has_permission(
        Staff(username="x", display_name="x", roles=role, active=False), "person.read"
    )


def test_no_actor_has_no_permission() -> None:
    assert not accounts.has_permission(None, "person.read")
    assert not accounts.has_permission(
        Staff(username="x", display_name="x", roles="", active=True), "person.read"
    )
