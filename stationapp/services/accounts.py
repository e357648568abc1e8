"""Staff accounts, sign-in, roles and permissions, station settings, and the audit trail."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from stationapp.db import contains, found, is_sqlite, now, transaction
from stationapp.errors import AuthenticationFailed, PermissionDenied, ValidationError, every_error
from stationapp.models.accounts import (
    ADMIN,
    BORROWER_IDLE_MINUTES,
    CASE_PREFIX,
    COUNSELLOR,
    FRONT_DESK,
    IDLE_LOCK_MINUTES,
    LIBRARIAN,
    MEDIATION_HEAD,
    MEDIATOR,
    ORGANISER,
    ROLES,
    STATION_CONTACT,
    STATION_NAME,
    UNION_ORGANISER,
    AuditEntry,
    Setting,
    Staff,
)
from stationapp.services import changes

translate = QCoreApplication.translate

MAX_FAILED_LOGINS = 5
LOCK_DURATION = timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,31}$")

if TYPE_CHECKING:
    import argon2


def _password_hasher() -> argon2.PasswordHasher:
    """The hasher: argon2id with the library's recommended parameters. argon2 (and cffi) is
    imported with the first password hashed or checked, not at every start: the main window
    paints before anyone types one (tests replace ``_hasher`` with a cheaper one)."""
    hasher = globals().get("_hasher")
    if hasher is None:
        import argon2

        hasher = globals()["_hasher"] = argon2.PasswordHasher()
    return hasher


def __getattr__(name: str) -> object:  # PEP 562: ``accounts._hasher`` before its first use
    if name == "_hasher":
        return _password_hasher()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Role x action: who may do what. Every service function checks one of these actions.
PERMISSIONS: dict[str, frozenset[str]] = {
    "staff.manage": frozenset({ADMIN}),
    "staff.delete": frozenset({ADMIN}),
    "settings.manage": frozenset({ADMIN}),
    "audit.read": frozenset({ADMIN}),
    "backup.manage": frozenset({ADMIN}),
    "person.read": frozenset(ROLES),
    "person.create": frozenset(ROLES),
    "person.update": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, LIBRARIAN, ORGANISER, ADMIN}),
    "person.view_full_id": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ADMIN}),
    # Two records of one worker made one (issue #21): the roles that edit people; a merge
    # touching a mediation case also needs case.manage.
    "person.merge": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, LIBRARIAN, ORGANISER, ADMIN}),
    "person.erase": frozenset({ADMIN}),
    # Exports leave the building; a phone number goes out whole only for these roles.
    "person.export_phone": frozenset({FRONT_DESK, MEDIATION_HEAD, ORGANISER, ADMIN}),
    # The register out (issue #21): those who keep it and those who call people to events.
    "person.export": frozenset({FRONT_DESK, ORGANISER, ADMIN}),
    # Nothing with history is deleted (issue #7): deactivating hides a record and keeps it.
    "person.deactivate": frozenset({FRONT_DESK, ADMIN}),
    "person.delete": frozenset({ADMIN}),
    # Sensitive data (PIPL Art. 28) is kept only with the person's separate consent (Art. 29).
    "consent.manage": frozenset({FRONT_DESK, ORGANISER, ADMIN}),
    "hardship.read": frozenset({FRONT_DESK, ADMIN}),
    "hardship.manage": frozenset({FRONT_DESK, ADMIN}),
    "organization.read": frozenset(ROLES),
    "organization.manage": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ORGANISER, ADMIN}),
    "organization.deactivate": frozenset({FRONT_DESK, ADMIN}),
    "organization.delete": frozenset({ADMIN}),
    # Workplace union work (issue #26): the Workplaces tab for every role that sees workplaces;
    # profiles and buildings by those who keep workplaces and the union organiser; the founding
    # of unions (steps, status and its dates) by the union organiser and the head of the station.
    "workplace.read": frozenset(ROLES),
    "workplace.manage": frozenset(
        {FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ORGANISER, UNION_ORGANISER, ADMIN}
    ),
    "workplace.founding": frozenset({UNION_ORGANISER, ADMIN}),
    "catalogue.read": frozenset(ROLES),
    "catalogue.manage": frozenset({ADMIN}),
    "visit.read": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ORGANISER, ADMIN}),
    "visit.create": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ORGANISER, ADMIN}),
    "visit.update": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ORGANISER, ADMIN}),
    "visit.export": frozenset({FRONT_DESK, ADMIN}),
    # Mediation cases are confidential: the front desk may file one and see its number and state.
    "case.create": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ADMIN}),
    "case.read": frozenset({MEDIATOR, MEDIATION_HEAD, ADMIN}),
    "case.manage": frozenset({MEDIATOR, MEDIATION_HEAD, ADMIN}),
    "case.assign": frozenset({MEDIATION_HEAD, ADMIN}),
    "case.export": frozenset({MEDIATION_HEAD, ADMIN}),
    "library.read": frozenset({LIBRARIAN, FRONT_DESK, ADMIN}),
    "library.circulate": frozenset({LIBRARIAN, FRONT_DESK, ADMIN}),
    "library.catalogue": frozenset({LIBRARIAN, ADMIN}),
    "library.rules": frozenset({ADMIN}),
    "library.boxes": frozenset({LIBRARIAN, ADMIN}),
    "library.deactivate": frozenset({LIBRARIAN, ADMIN}),
    "library.delete": frozenset({ADMIN}),
    "event.read": frozenset({FRONT_DESK, ORGANISER, LIBRARIAN, ADMIN}),
    "event.register": frozenset({FRONT_DESK, ORGANISER, ADMIN}),
    "event.manage": frozenset({ORGANISER, ADMIN}),
    "event.delete": frozenset({ADMIN}),
    # Rooms (issue 24): the week views, bookings at the desk or by phone, the rooms themselves.
    "room.read": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ORGANISER, COUNSELLOR, ADMIN}),
    "room.book": frozenset({FRONT_DESK, MEDIATOR, MEDIATION_HEAD, ORGANISER, COUNSELLOR, ADMIN}),
    "room.manage": frozenset({ADMIN}),
    # Who booked the decompression room, and the note: the counsellors and the station head.
    "room.confidential": frozenset({COUNSELLOR, ADMIN}),
    # Membership history and 京卡 cards (issue #25).
    "member.read": frozenset({FRONT_DESK, ORGANISER, ADMIN}),
    "member.update": frozenset({FRONT_DESK, ADMIN}),
    # Mutual-aid cover (issue 25): the front desk enrols and takes claims; claims are health data,
    # seen by the front desk and the head of the station (the administrator), who alone decides.
    "aid.read": frozenset({FRONT_DESK, ADMIN}),
    "aid.enrol": frozenset({FRONT_DESK, ADMIN}),
    "aid.plans": frozenset({ADMIN}),
    "aid.claims": frozenset({FRONT_DESK, ADMIN}),
    "aid.decide": frozenset({ADMIN}),
    # Welfare rounds (issue 25): the front desk runs them; organisers see them and hand out.
    "welfare.read": frozenset({FRONT_DESK, ORGANISER, ADMIN}),
    "welfare.manage": frozenset({FRONT_DESK, ADMIN}),
    "welfare.deliver": frozenset({FRONT_DESK, ORGANISER, ADMIN}),
    # Workplace union work (issue #26): workers' congresses, collective contracts, open affairs.
    "workplace.agreements": frozenset({UNION_ORGANISER, ADMIN}),
    # Figures only; each area of the report needs that area's read permission (issue #11).
    "report.view": frozenset(ROLES),
}


def role_label(role: str) -> str:
    labels = {
        FRONT_DESK: translate("Roles", "Front desk"),
        MEDIATOR: translate("Roles", "Mediator"),
        MEDIATION_HEAD: translate("Roles", "Head of mediation"),
        LIBRARIAN: translate("Roles", "Librarian"),
        ORGANISER: translate("Roles", "Event organiser"),
        COUNSELLOR: translate("Roles", "Counsellor"),
        UNION_ORGANISER: translate("Roles", "Union organiser"),
        ADMIN: translate("Roles", "Administrator"),
    }
    return labels.get(role, role)


def has_permission(actor: Staff | None, action: str) -> bool:
    if actor is None or not actor.active:
        return False
    return bool(actor.role_set & PERMISSIONS[action])


def require(actor: Staff | None, action: str) -> None:
    """Raise PermissionDenied unless ``actor`` holds a role allowed to do ``action``."""
    if not has_permission(actor, action):
        raise PermissionDenied(translate("Accounts", "Your account is not allowed to do this."))


def audit(
    actor: Staff | None,
    action: str,
    entity: str,
    entity_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an audit entry; call it inside the transaction of the change it records."""
    return AuditEntry.create(
        at=now(),
        staff=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        details=json.dumps(details or {}, ensure_ascii=False, default=str, sort_keys=True),
    )


# --- erasure in the audit trail --------------------------------------------------------------
#
# The trail is append-only: nothing changes an entry, with one exception, the erasure of a
# person's data (PIPL Art. 47, and the retention period's anonymisation). Entries about the
# person keep what happened, when and by whom, and lose the values; entries elsewhere lose the
# person's phone, ID number and card number wherever they appear, and their name where it is a
# value of its own. Each redacted entry says when and by which entry it was redacted, and that
# entry (the erasure or the anonymisation) lists the entries it redacted: a redaction is seen,
# never silent. redact_audit_entries is the only code that writes to an existing entry
# (tests/unit/test_audit.py).

REDACTED = "***"
REDACTION_KEY = "redacted"
# Shorter strings (a tail of four digits) would match others' data.
MIN_REDACTED_LENGTH = 6


@dataclass(frozen=True)
class Redaction:
    """What to take out of the trail for one person."""

    person_id: int
    exact: frozenset[str]  # values removed where a whole value equals them (names)
    anywhere: frozenset[str]  # values removed wherever they appear (phone, ID, card numbers)


def _person_entries(person_ids: list[int]) -> Any:
    return AuditEntry.select().where(
        AuditEntry.entity == "person", AuditEntry.entity_id.in_(person_ids)
    )


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def redaction_for(person_id: int, *, names: list[str], numbers: list[str]) -> Redaction:
    """The person's names and numbers as they are now and as their own entries recorded them
    (an earlier name, an earlier phone)."""
    exact = {n for n in names if n}
    anywhere = {n for n in numbers if n and len(n) >= MIN_REDACTED_LENGTH}
    for entry in _person_entries([person_id]):
        try:
            details = json.loads(entry.details or "{}")
        except ValueError:
            continue
        if not isinstance(details, dict):
            continue
        for key in ("name",):
            exact.update(s for s in _strings(details.get(key)) if s)
        for key in ("phone", "id_number", "member_card"):
            anywhere.update(s for s in _strings(details.get(key)) if len(s) >= MIN_REDACTED_LENGTH)
    return Redaction(person_id, frozenset(exact), frozenset(anywhere))


def _scrub(value: Any, redaction: Redaction, *, everything: bool) -> Any:
    if isinstance(value, dict):
        return {k: _scrub(v, redaction, everything=everything) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, redaction, everything=everything) for v in value]
    if isinstance(value, str):
        if everything and value:
            return REDACTED
        if value in redaction.exact:
            return REDACTED
        for number in redaction.anywhere:
            value = value.replace(number, REDACTED)
        return value
    if everything and value is not None and not isinstance(value, bool):
        return REDACTED
    return value


def scrub_text(text: str, redactions: list[Redaction]) -> str:
    """``text`` (a reason typed at the erasure) without these people's names and numbers."""
    for r in redactions:
        for value in sorted((*r.exact, *r.anywhere), key=len, reverse=True):
            text = text.replace(value, REDACTED)
    return text


def audit_entries_to_redact(redactions: list[Redaction]) -> list[int]:
    """The entries that hold something of these people: every entry about them, and any entry
    whose details contain one of their numbers or names."""
    if not redactions:
        return []
    found = {e.id for e in _person_entries([r.person_id for r in redactions])}
    needles = {n for r in redactions for n in (*r.exact, *r.anywhere)}
    for needle in needles:
        query = AuditEntry.select(AuditEntry.id).where(contains(AuditEntry.details, needle))
        found.update(entry_id for (entry_id,) in query.tuples())
    return sorted(found)


def redact_audit_entries(
    entry_ids: list[int], redactions: list[Redaction], *, by: AuditEntry
) -> int:
    """Take the people's data out of these entries; each is marked with the moment and the
    entry ``by`` that redacted it. Call it in the transaction of the erasure. Returns how many
    entries changed."""
    about = {r.person_id: r for r in redactions}
    combined = Redaction(
        0,
        frozenset(s for r in redactions for s in r.exact),
        frozenset(s for r in redactions for s in r.anywhere),
    )
    changed = 0
    for entry in AuditEntry.select().where(AuditEntry.id.in_(entry_ids), AuditEntry.id != by.id):
        try:
            details = json.loads(entry.details or "{}")
        except ValueError:
            details = {"text": entry.details}
        if not isinstance(details, dict):
            details = {"value": details}
        own = entry.entity == "person" and entry.entity_id in about
        marker = details.pop(REDACTION_KEY, None)
        scrubbed = _scrub(details, combined, everything=own)
        if scrubbed == details and marker is not None:
            continue  # redacted before and nothing new to take out
        scrubbed[REDACTION_KEY] = {"at": now().isoformat(timespec="seconds"), "by": by.id}
        AuditEntry.update(
            details=json.dumps(scrubbed, ensure_ascii=False, default=str, sort_keys=True)
        ).where(AuditEntry.id == entry.id).execute()
        changed += 1
    return changed


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value changed, as {field: [old, new]}, for the audit trail."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def assign(record: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set ``values`` on ``record`` (not yet saved); returns what changed, as ``diff`` does."""
    before = {k: getattr(record, k) for k in values}
    for key, value in values.items():
        setattr(record, key, value)
    return diff(before, values)


def save_active(actor: Staff, record: Any, entity: str, active: bool, details: dict) -> None:
    """Save ``record`` deactivated or reactivated (stamped, when it keeps the time of its last
    change), with its audit entry."""
    record.active = active
    if "updated_at" in record._meta.fields:
        record.updated_at = now()
    record.save()
    audit(actor, "reactivate" if active else "deactivate", entity, record.id, details)


# --- passwords -----------------------------------------------------------------------------------


def check_password_rules(password: str, *, field: str = "password") -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            translate("Accounts", "A password needs at least {n} characters.").format(
                n=MIN_PASSWORD_LENGTH
            ),
            field=field,
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(
            translate("Accounts", "A password can have at most {n} characters.").format(
                n=MAX_PASSWORD_LENGTH
            ),
            field=field,
        )
    if password.strip() != password or not password.strip():
        raise ValidationError(
            translate("Accounts", "A password cannot start or end with a space."), field=field
        )


def hash_password(password: str) -> str:
    return _password_hasher().hash(password)


def _verify(staff: Staff, password: str) -> bool:
    hasher = _password_hasher()
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return hasher.verify(staff.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_dummy: tuple[argon2.PasswordHasher, str] | None = None


def _verify_nobody(password: str) -> None:
    """Spend on a name with no account (or one refused before its password is checked) the
    time a real account's check takes, so how long a failure takes does not tell a stranger
    which user names exist. The dummy hash is made once, with the hasher's own parameters."""
    global _dummy
    hasher = _password_hasher()
    from argon2.exceptions import VerificationError

    if _dummy is None or _dummy[0] is not hasher:
        _dummy = (hasher, hasher.hash(secrets.token_urlsafe(16)))
    with contextlib.suppress(VerificationError):
        hasher.verify(_dummy[1], password)


def normalize_username(raw: str) -> str:
    username = raw.strip().lower()
    if not USERNAME_RE.match(username):
        raise ValidationError(
            translate(
                "Accounts",
                "A user name has 2 to 32 letters, digits, dots, dashes or underscores, "
                "starting with a letter or digit.",
            ),
            field="username",
        )
    return username


def _check_roles(roles: list[str] | tuple[str, ...]) -> str:
    chosen = [r for r in ROLES if r in set(roles)]
    unknown = set(roles) - set(ROLES)
    if unknown or not chosen:
        raise ValidationError(translate("Accounts", "Choose at least one role."), field="roles")
    return ",".join(chosen)


# --- first run, sign-in ---------------------------------------------------------------------------


def is_first_run() -> bool:
    return not Staff.select().exists()


DEFAULT_IDLE_LOCK_MINUTES = 10
MAX_IDLE_LOCK_MINUTES = 240
# The library desk forgets its borrower after this long without a scan or a key press there, so
# the next worker's book is not lent to the previous one.
DEFAULT_BORROWER_IDLE_MINUTES = 2
MAX_BORROWER_IDLE_MINUTES = 60


@dataclass(frozen=True)
class StationSettings:
    station_name: str
    case_prefix: str
    contact: str = ""  # phone and address printed on notices and documents
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES  # the window locks after this idle time
    # the library desk clears its borrower after this idle time
    borrower_idle_minutes: int = DEFAULT_BORROWER_IDLE_MINUTES


def station_settings() -> StationSettings:
    values = {s.key: s.value for s in Setting.select()}
    return StationSettings(
        station_name=values.get(STATION_NAME, ""),
        case_prefix=values.get(CASE_PREFIX, ""),
        contact=values.get(STATION_CONTACT, ""),
        idle_lock_minutes=_idle_minutes(values.get(IDLE_LOCK_MINUTES)),
        borrower_idle_minutes=_idle_minutes(
            values.get(BORROWER_IDLE_MINUTES),
            default=DEFAULT_BORROWER_IDLE_MINUTES,
            most=MAX_BORROWER_IDLE_MINUTES,
        ),
    )


def stored_settings(keys: Iterable[str]) -> dict[str, str]:
    """The stored values of the settings ``keys`` (a setting never stored is left out)."""
    return {s.key: s.value for s in Setting.select().where(Setting.key.in_(list(keys)))}


def store_settings(values: dict[str, str]) -> None:
    """Store each setting, replacing its earlier value (inside the caller's transaction)."""
    for key, value in values.items():
        Setting.insert(key=key, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}
        ).execute()


def setting_number(text: str | None, default: int) -> int:
    """A whole number stored as a setting's text; ``default`` when none is stored or it is not
    a number."""
    try:
        return int(text) if text else default
    except ValueError:
        return default


def _idle_minutes(
    text: str | None,
    *,
    default: int = DEFAULT_IDLE_LOCK_MINUTES,
    most: int = MAX_IDLE_LOCK_MINUTES,
) -> int:
    value = setting_number(text, default)
    return value if 1 <= value <= most else default


def _check_minutes(value: object, *, most: int, field: str) -> int:
    """A whole number of minutes from 1 to ``most``, else the field's error."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise ValidationError(
            translate("Accounts", "Enter a number of minutes from 1 to {n}.").format(n=most),
            field=field,
        )
    return value


def _store_settings(station: StationSettings) -> None:
    store_settings(
        {
            STATION_NAME: station.station_name,
            CASE_PREFIX: station.case_prefix,
            STATION_CONTACT: station.contact,
            IDLE_LOCK_MINUTES: str(station.idle_lock_minutes),
            BORROWER_IDLE_MINUTES: str(station.borrower_idle_minutes),
        }
    )


def _clean_station(station_name: str, case_prefix: str, contact: str = "") -> StationSettings:
    from stationapp.services.validation import normalize_text  # its patterns: when saving

    def clean_prefix() -> str:
        prefix = normalize_text(case_prefix, field="case_prefix", max_length=10, required=True)
        if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{1,10}", prefix):
            raise ValidationError(
                translate(
                    "Accounts",
                    "The case-number prefix is 1 to 10 Chinese characters or letters, "
                    "such as 建工调.",
                ),
                field="case_prefix",
            )
        return prefix

    clean_contact, name, prefix = every_error(
        lambda: normalize_text(contact, field="contact", max_length=200),
        lambda: normalize_text(station_name, field="station_name", max_length=100, required=True),
        clean_prefix,
    )
    return StationSettings(station_name=name, case_prefix=prefix, contact=clean_contact)


def _clean_staff_fields(
    *, username: str, display_name: str, password: str, password_field: str = "password"
) -> tuple[str, str]:
    from stationapp.services.validation import normalize_name

    errors: dict[str, str] = {}
    clean_user = clean_name = ""
    for field, check in (
        ("username", lambda: normalize_username(username)),
        ("display_name", lambda: normalize_name(display_name, field="display_name")),
        (password_field, lambda: check_password_rules(password, field=password_field)),
    ):
        try:
            value = check()
        except ValidationError as exc:
            errors.update(exc.errors or {field: exc.message})
            continue
        if field == "username":
            clean_user = value
        elif field == "display_name":
            clean_name = value
    if errors:
        raise ValidationError(next(iter(errors.values())), errors=errors)
    return clean_user, clean_name


def create_first_admin(
    *, username: str, display_name: str, password: str, station_name: str, case_prefix: str
) -> Staff:
    """The first-run set-up: the administrator account and the station's name and prefix."""
    settings_error: ValidationError | None = None
    try:
        station = _clean_station(station_name, case_prefix)
    except ValidationError as exc:
        settings_error = exc
    try:
        clean_user, clean_name = _clean_staff_fields(
            username=username, display_name=display_name, password=password
        )
    except ValidationError as exc:
        if settings_error:
            exc.errors.update(settings_error.errors)
        raise
    if settings_error:
        raise settings_error
    from stationapp.services.writes import locked_write  # not needed to sign in

    with locked_write("staff"):  # two desks never both set the station up
        if Staff.select().exists():
            raise PermissionDenied(
                translate("Accounts", "The station has already been set up; please sign in.")
            )
        staff = Staff.create(
            username=clean_user,
            display_name=clean_name,
            roles=ADMIN,
            password_hash=hash_password(password),
            created_at=now(),
        )
        _store_settings(station)
        audit(staff, "create", "staff", staff.id, {"username": clean_user, "roles": ADMIN})
        audit(
            staff,
            "update",
            "settings",
            None,
            {"station_name": station.station_name, "case_prefix": station.case_prefix},
        )
    return staff


def authenticate(username: str, password: str) -> Staff:
    """Sign in. Five wrong passwords lock the account for five minutes."""
    wrong = AuthenticationFailed(
        translate("Accounts", "Wrong user name or password."), field="password"
    )
    name = username.strip().lower()
    refused_early = False
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        _verify_nobody(password)
        raise wrong  # no user name holds one, and PostgreSQL cannot be asked about a NUL
    with transaction(lock=True):
        # The account's row, locked on PostgreSQL: wrong passwords tried at two desks at once
        # both count.
        query = Staff.select().where(Staff.username == name)
        staff = (query if is_sqlite() else query.for_update()).first()
        moment = now()
        if staff is None:
            locked = None
            refused_early = True
        elif staff.locked_until and staff.locked_until > moment:
            locked = _locked_error(staff.locked_until - moment)
            refused_early = True
        elif not _verify(staff, password):
            staff.failed_logins += 1
            if staff.failed_logins >= MAX_FAILED_LOGINS:
                staff.locked_until = moment + LOCK_DURATION
                staff.failed_logins = 0
                staff.save()
                audit(staff, "lock", "staff", staff.id, {"reason": "failed_logins"})
                locked = _locked_error(LOCK_DURATION)
            else:
                staff.save()
                audit(staff, "login_failed", "staff", staff.id, {"failures": staff.failed_logins})
                locked = None
        elif not staff.active:
            # Said only to someone who knows the password, so it reveals nothing to a stranger.
            raise AuthenticationFailed(
                translate("Accounts", "This account has been deactivated."), field="username"
            )
        else:
            locked = None
            staff.failed_logins = 0
            staff.locked_until = None
            staff.last_login_at = moment
            if _password_hasher().check_needs_rehash(staff.password_hash):
                staff.password_hash = hash_password(password)
            staff.save()
            audit(staff, "login", "staff", staff.id)
            return staff
    if refused_early:
        # Outside the block: the dummy check must not hold the lock.
        _verify_nobody(password)
    # Raised outside the block so the failure count is committed, not rolled back.
    raise locked or wrong


def _locked_error(remaining: timedelta) -> AuthenticationFailed:
    minutes = max(1, -(-int(remaining.total_seconds()) // 60))
    return AuthenticationFailed(
        translate(
            "Accounts",
            "Too many wrong passwords: this account is locked for {minutes} more minute(s).",
        ).format(minutes=minutes),
        field="password",
    )


def verify_password(actor: Staff, password: str) -> bool:
    """Check the signed-in staff member's password again (unlocking the screen)."""
    fresh = Staff.get_by_id(actor.id)
    return fresh.active and _verify(fresh, password)


def change_password(actor: Staff, *, old_password: str, new_password: str) -> None:
    with transaction():
        staff = Staff.get_by_id(actor.id)
        if not _verify(staff, old_password):
            raise ValidationError(
                translate("Accounts", "The current password is wrong."), field="old_password"
            )
        check_password_rules(new_password, field="new_password")
        if new_password == old_password:
            raise ValidationError(
                translate("Accounts", "The new password must differ from the current one."),
                field="new_password",
            )
        staff.password_hash = hash_password(new_password)
        staff.must_change_password = False
        staff.save()
        audit(staff, "change_password", "staff", staff.id)
    actor.must_change_password = False


# --- staff administration -------------------------------------------------------------------------


def list_staff(actor: Staff) -> list[Staff]:
    require(actor, "staff.manage")
    return list(Staff.select().order_by(Staff.active.desc(), Staff.username))


def create_staff(
    actor: Staff, *, username: str, display_name: str, roles: list[str], password: str
) -> Staff:
    from stationapp.services.writes import locked_write, taken  # not needed to sign in

    require(actor, "staff.manage")
    (clean_user, clean_name), role_text = every_error(
        lambda: _clean_staff_fields(
            username=username, display_name=display_name, password=password
        ),
        lambda: _check_roles(roles),
    )
    with locked_write("staff"):  # the name check holds until the commit
        if taken(Staff.username, clean_user):
            raise ValidationError(
                translate("Accounts", "The user name {name} is taken.").format(name=clean_user),
                field="username",
            )
        staff = Staff.create(
            username=clean_user,
            display_name=clean_name,
            roles=role_text,
            password_hash=hash_password(password),
            must_change_password=True,
            created_at=now(),
        )
        audit(actor, "create", "staff", staff.id, {"username": clean_user, "roles": role_text})
    return staff


def update_staff(
    actor: Staff, staff_id: int, *, display_name: str, roles: list[str], active: bool
) -> Staff:
    from stationapp.services.validation import normalize_name

    require(actor, "staff.manage")
    clean_name, role_text = every_error(
        lambda: normalize_name(display_name, field="display_name"), lambda: _check_roles(roles)
    )
    with transaction(lock=True):
        staff = found(
            Staff, staff_id, translate("Accounts", "This staff account no longer exists.")
        )
        will_be_admin = active and ADMIN in role_text.split(",")
        if not will_be_admin:
            _refuse_last_admin(staff, field="roles")
        before = {"display_name": staff.display_name, "roles": staff.roles, "active": staff.active}
        staff.display_name = clean_name
        staff.roles = role_text
        staff.active = active
        staff.save()
        after = {"display_name": clean_name, "roles": role_text, "active": active}
        audit(actor, "update", "staff", staff.id, diff(before, after))
    changes.notify("staff")
    return staff


def reset_password(actor: Staff, staff_id: int, *, new_password: str) -> None:
    """An administrator sets a temporary password; the staff member must change it at sign-in."""
    require(actor, "staff.manage")
    check_password_rules(new_password, field="new_password")
    with transaction():
        staff = found(
            Staff, staff_id, translate("Accounts", "This staff account no longer exists.")
        )
        staff.password_hash = hash_password(new_password)
        staff.must_change_password = True
        staff.failed_logins = 0
        staff.locked_until = None
        staff.save()
        audit(actor, "reset_password", "staff", staff.id)
    changes.notify("staff")


def _refuse_last_admin(staff: Staff, *, field: str | None = None) -> None:
    """Refuse to take away the last active administrator (call it with the write lock held);
    ``field`` is the form's field the refusal is shown at."""
    if ADMIN not in staff.role_set or not staff.active:
        return
    others = (
        Staff.select()
        .where(Staff.active, Staff.roles.contains(ADMIN), Staff.id != staff.id)
        .count()
    )
    if others == 0:
        raise ValidationError(
            translate(
                "Accounts", "This is the last active administrator; the station needs at least one."
            ),
            field=field,
        )


def staff_history_counts(staff_id: int) -> dict[str, int]:
    """What the account did or is named in (audit entries, visits, loans, cases...), by kind."""
    from stationapp.services import history  # every model: not needed to sign in or start

    return history.references(Staff, staff_id)


def deactivate_staff(actor: Staff, staff_id: int) -> Staff:
    """The account can no longer sign in; everything it did stays attributed to it."""
    return _set_staff_active(actor, staff_id, active=False)


def reactivate_staff(actor: Staff, staff_id: int) -> Staff:
    return _set_staff_active(actor, staff_id, active=True)


def _set_staff_active(actor: Staff, staff_id: int, *, active: bool) -> Staff:
    from stationapp.services.writes import switch_active  # it builds on this module

    def check(staff: Staff) -> None:
        if active:
            return
        if staff.id == actor.id:
            raise ValidationError(translate("Accounts", "You cannot deactivate your own account."))
        _refuse_last_admin(staff)

    gone = translate("Accounts", "This staff account no longer exists.")
    return switch_active(
        actor, "staff.manage", Staff, staff_id, active, gone, "staff", named="username", check=check
    )


def delete_staff(actor: Staff, staff_id: int) -> None:
    """Delete an account created by mistake: only one that never did anything (never signed in,
    is named in no record); any other is deactivated instead."""
    from stationapp.services import history

    require(actor, "staff.delete")
    if staff_id == actor.id:
        raise ValidationError(translate("Accounts", "You cannot delete your own account."))
    with transaction(lock=True):
        staff = history.locked(
            Staff, staff_id, translate("Accounts", "This staff account no longer exists.")
        )
        _refuse_last_admin(staff)
        history.refuse_if_referenced(
            staff_history_counts(staff.id),
            translate(
                "Accounts",
                "The account {name} has been used ({history}), so it cannot be deleted; "
                "deactivate it instead.",
            ),
            name=staff.username,
        )
        snapshot = history.snapshot(
            staff, ("username", "display_name", "roles", "active", "created_at")
        )
        staff.delete_instance()
        audit(actor, "delete", "staff", staff_id, snapshot)
    changes.notify("staff")


def update_station_settings(
    actor: Staff,
    *,
    station_name: str,
    case_prefix: str,
    contact: str = "",
    idle_lock_minutes: int | None = None,
    borrower_idle_minutes: int | None = None,
) -> None:
    """Change the station's settings; ``idle_lock_minutes=None`` keeps the idle lock as it is,
    ``borrower_idle_minutes=None`` the library desk's idle time."""
    require(actor, "settings.manage")
    station = _clean_station(station_name, case_prefix, contact)
    if idle_lock_minutes is not None:
        idle_lock_minutes = _check_minutes(
            idle_lock_minutes, most=MAX_IDLE_LOCK_MINUTES, field="idle_lock_minutes"
        )
        station = dataclasses.replace(station, idle_lock_minutes=idle_lock_minutes)
    if borrower_idle_minutes is not None:
        borrower_idle_minutes = _check_minutes(
            borrower_idle_minutes, most=MAX_BORROWER_IDLE_MINUTES, field="borrower_idle_minutes"
        )
        station = dataclasses.replace(station, borrower_idle_minutes=borrower_idle_minutes)
    with transaction():
        before = station_settings()
        if idle_lock_minutes is None:
            station = dataclasses.replace(station, idle_lock_minutes=before.idle_lock_minutes)
        if borrower_idle_minutes is None:
            station = dataclasses.replace(
                station, borrower_idle_minutes=before.borrower_idle_minutes
            )
        _store_settings(station)
        audit(
            actor,
            "update",
            "settings",
            None,
            diff(
                dataclasses.asdict(before),
                dataclasses.asdict(station),
            ),
        )
    changes.notify("settings")


# --- the permission matrix as a document -----------------------------------------------------

# One line of English per action in PERMISSIONS, for docs/permissions.md (a test keeps them
# in step).
