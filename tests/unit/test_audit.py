"""The audit viewer's service (issue #8): filters, pages, labels and the export; the reads that
are audited (a case opened, a whole ID number shown, an export); and a scan of the source that
keeps the trail append-only."""

from __future__ import annotations

import ast
import csv
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stationapp.db import database, now, transaction
from stationapp.errors import NotFound, PermissionDenied
from stationapp.models.accounts import AuditEntry, Staff
from stationapp.services import accounts, audit, mediation, people, visits
from stationapp.services.audit import AuditFilter
from stationapp.services.mediation import CaseInput, ClaimInput
from stationapp.services.people import OrganizationInput, PersonInput
from tests.helpers.ids import make_ric

STATIONAPP = Path(__file__).resolve().parents[2] / "stationapp"


def _write(actor: Staff | None, action: str, entity: str, entity_id: int | None, **details):
    with transaction():
        return accounts.audit(actor, action, entity, entity_id, details)


@pytest.fixture
def trail(admin, make_staff, monkeypatch) -> dict[str, Staff]:
    """A small trail over three days of March 2020 by two staff members (the set-up's own
    entries are of today)."""
    desk = make_staff("desk", "front_desk")
    lib = make_staff("lib", "librarian")
    day = datetime(2020, 3, 10, 9, 0)
    with monkeypatch.context() as patch:
        patch.setattr(accounts, "now", lambda: day)
        _write(desk, "create", "person", 1, name="张伟")
        _write(desk, "update", "person", 1, phone=["13800000000", "13900000000"])
        patch.setattr(accounts, "now", lambda: day + timedelta(days=1))
        _write(lib, "lend", "loan", 7, copy="TS0000001", person=1)
        _write(lib, "return", "loan", 7, days_late=0)
        patch.setattr(accounts, "now", lambda: day + timedelta(days=2, hours=8))
        _write(desk, "create", "visit", 3, purposes=["工资拖欠咨询"])
        _write(None, "anonymise", "person", None, people=2)
    return {"desk": desk, "lib": lib}


def _march(**fields: object) -> AuditFilter:
    fields = {"date_from": date(2020, 3, 1), "date_to": date(2020, 3, 31), **fields}
    return AuditFilter(**fields)


# --- reading the trail --------------------------------------------------------------------------


def test_filters(admin, trail) -> None:
    desk, lib = trail["desk"], trail["lib"]

    def actions(filt: AuditFilter) -> list[str]:
        return [e.action for e in audit.list_entries(admin, filt)]

    assert actions(_march()) == ["anonymise", "create", "return", "lend", "update", "create"]
    assert actions(_march(staff_id=lib.id)) == ["return", "lend"]
    assert actions(_march(action="create")) == ["create", "create"]
    assert actions(_march(entity="person")) == ["anonymise", "update", "create"]
    assert actions(_march(entity="loan", entity_id=7)) == ["return", "lend"]
    assert actions(_march(staff_id=desk.id, entity="visit")) == ["create"]
    assert actions(AuditFilter(date_from=date(2020, 3, 11), date_to=date(2020, 3, 11))) == [
        "return",
        "lend",
    ]
    assert actions(_march(text="工资")) == ["create"]
    assert actions(_march(text="13900000000")) == ["update"]
    assert actions(_march(text="%")) == []  # a wildcard is a character like any other
    assert actions(_march(date_from=date(2020, 3, 13))) == []
    assert audit.count_entries(admin, _march()) == 6
    assert audit.count_entries(admin, _march(staff_id=desk.id)) == 3
    # The set-up and the two accounts are in the trail too, today.
    assert audit.count_entries(admin) == AuditEntry.select().count() > 6
    assert audit.count_entries(admin, AuditFilter(date_from=now().date())) == 4


def test_paging_newest_first_with_the_staff_in_one_query(admin, trail, monkeypatch) -> None:
    pages = [audit.list_entries(admin, _march(), offset=n, limit=4) for n in (0, 4, 8)]
    assert [len(p) for p in pages] == [4, 2, 0]
    entries = pages[0] + pages[1]
    assert len({e.id for e in entries}) == 6
    keys = [(e.at, e.id) for e in entries]
    assert keys == sorted(keys, reverse=True)

    statements: list[str] = []
    real = database.obj.execute_sql
    monkeypatch.setattr(
        database.obj,
        "execute_sql",
        lambda sql, *args, **kw: statements.append(sql) or real(sql, *args, **kw),
    )
    found = audit.list_entries(admin, _march())
    names = [audit.staff_name(e) for e in found]
    assert len(statements) == 1
    assert names[0] == audit.staff_name(found[0]) == "system"
    assert names[-1] == "测试员 (desk)"


def test_choices_come_from_the_trail(admin, trail) -> None:
    assert set(audit.actions(admin)) == {"create", "update", "lend", "return", "anonymise"}
    assert audit.actions(admin) == sorted(audit.actions(admin))
    assert audit.entities(admin) == ["loan", "person", "settings", "staff", "visit"]
    staff = audit.staff_choices(admin)
    assert {s.username for s in staff} == {"admin", "desk", "lib"}


def test_labels_translate_the_common_codes_and_keep_the_rest() -> None:
    for code in ("create", "update", "delete", "login", "export", "open", "view_full_id"):
        assert audit.action_label(code) != code
    for code in ("person", "visit", "case", "loan", "event", "staff", "settings", "database"):
        assert audit.entity_label(code) != code
    assert audit.action_label("brand_new_action") == "brand_new_action"
    assert audit.entity_label("brand_new_kind") == "brand_new_kind"


def test_details_shown_whole_and_in_one_line() -> None:
    raw = json.dumps({"phone": ["138", "139"], "name": "张伟"}, ensure_ascii=False)
    assert json.loads(audit.details_text(raw)) == {"phone": ["138", "139"], "name": "张伟"}
    assert "\n" in audit.details_text(raw)
    assert audit.details_summary(raw) == 'phone: ["138", "139"]; name: 张伟'
    assert audit.details_text("{}") == "" and audit.details_summary("{}") == ""
    assert audit.details_text("not json") == "not json"
    assert len(audit.details_summary(json.dumps({"notes": "字" * 500}))) == audit.SUMMARY_LENGTH


def test_export_writes_the_filtered_entries_and_is_audited(admin, trail, tmp_path) -> None:
    path = tmp_path / "audit.xlsx"
    written = audit.export_entries(admin, _march(entity="loan"), path)
    assert written == 2
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("When", "Staff", "Action")
    assert [r[2] for r in rows[1:]] == [audit.action_label("return"), audit.action_label("lend")]
    assert rows[2][1] == "测试员 (lib)" and rows[2][4] == 7
    assert json.loads(rows[2][5]) == {"copy": "TS0000001", "person": 1}
    assert [r[6] for r in rows[1:]] == ["return", "lend"]

    csv_path = tmp_path / "audit.csv"
    assert audit.export_entries(admin, _march(), csv_path) == 6
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert len(lines) == 7 and lines[1][1] == "system"

    recorded = list(
        AuditEntry.select()
        .where(AuditEntry.action == "export", AuditEntry.entity == "audit")
        .order_by(AuditEntry.id)
    )
    assert [e.staff_id for e in recorded] == [admin.id, admin.id]
    first = json.loads(recorded[0].details)
    assert first["rows"] == 2 and first["file"] == "audit.xlsx"
    assert first["filter"]["entity"] == "loan"


def test_a_cancelled_export_leaves_no_file_and_no_entry(admin, trail, tmp_path) -> None:
    path = tmp_path / "audit.xlsx"
    before = AuditEntry.select().count()
    audit.export_entries(admin, _march(), path, progress=lambda done, total: False)
    assert not path.exists()
    assert AuditEntry.select().count() == before


@pytest.mark.parametrize("role", ["front_desk", "mediator", "mediation_head", "librarian"])
def test_only_administrators_read_the_trail(make_staff, trail, tmp_path, role) -> None:
    other = make_staff("other", role)
    path = tmp_path / "audit.xlsx"
    calls = {
        "count_entries": lambda: audit.count_entries(other, AuditFilter()),
        "list_entries": lambda: audit.list_entries(other, AuditFilter()),
        "actions": lambda: audit.actions(other),
        "entities": lambda: audit.entities(other),
        "staff_choices": lambda: audit.staff_choices(other),
        "export_entries": lambda: audit.export_entries(other, AuditFilter(), path),
    }
    before = AuditEntry.select().count()
    for name, call in calls.items():
        with pytest.raises(PermissionDenied):
            call()
            pytest.fail(f"{name} answered a {role}")
    assert not path.exists()
    assert AuditEntry.select().count() == before


# --- the reads that are audited -----------------------------------------------------------------


def _entries(action: str, entity: str, entity_id: int | None = None) -> list[AuditEntry]:
    query = AuditEntry.select().where(AuditEntry.action == action, AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    return list(query.order_by(AuditEntry.id))


def test_opening_a_case_is_audited_once_per_opening(admin, make_staff) -> None:
    worker = people.create_person(admin, PersonInput(name="李娜", phone="13812345678"))
    employer = people.create_organization(admin, OrganizationInput(name="北京万家餐饮有限公司"))
    case = mediation.file_case(
        admin,
        CaseInput(
            applicant_ids=[worker.id],
            respondent_id=employer.id,
            application_kind="written",
            facts="公司拖欠三个月工资。",
            claims=[ClaimInput("wages", "12000", "工资")],
            date_knew=now().date() - timedelta(days=30),
        ),
    )
    mediator = make_staff("mediator", "mediator")
    assert mediation.open_case(mediator, case.id).number == case.number
    mediation.get_case(mediator, case.id)  # read again (after a change, for a document)
    opened = _entries("open", "case", case.id)
    assert [e.staff_id for e in opened] == [mediator.id]
    assert audit.count_entries(admin, AuditFilter(action="open", entity="case")) == 1


def test_showing_a_whole_id_number_is_audited(admin, make_staff) -> None:
    number = make_ric(seq=131)
    person = people.create_person(admin, PersonInput(name="张三", id_number=number))
    desk = make_staff("desk", "front_desk")
    assert people.get_person(desk, person.id).id_number  # the record itself: not a showing
    assert _entries("view_full_id", "person") == []

    assert people.reveal_id(desk, person.id) == number
    shown = _entries("view_full_id", "person", person.id)
    assert [e.staff_id for e in shown] == [desk.id]
    # Not part of the record's own history, which every role that reads the record sees.
    assert "view_full_id" not in [e.action for e in people.person_history(desk, person.id)]

    librarian = make_staff("lib", "librarian")
    with pytest.raises(PermissionDenied):
        people.reveal_id(librarian, person.id)
    with pytest.raises(NotFound):
        people.reveal_id(desk, person.id + 1000)
    nobody = people.create_person(admin, PersonInput(name="李四", phone="13912345678"))
    assert people.reveal_id(desk, nobody.id) == ""  # nothing to show, nothing recorded
    assert len(_entries("view_full_id", "person")) == 1


def test_exports_are_audited(admin, tmp_path) -> None:
    visits.export_visits(admin, visits.VisitFilter(), tmp_path / "visits.xlsx")
    mediation.export_ledger(admin, tmp_path / "ledger.xlsx")
    audit.export_entries(admin, AuditFilter(), tmp_path / "audit.csv")
    kinds = [e.entity for e in AuditEntry.select().where(AuditEntry.action == "export")]
    assert sorted(kinds) == ["audit", "case", "visit"]


# --- append-only ------------------------------------------------------------------------------

WRITE_METHODS = frozenset(
    {
        "update",
        "delete",
        "delete_instance",
        "delete_by_id",
        "save",
        "set_by_id",
        "bulk_update",
        "replace",
        "replace_many",
        "truncate_table",
        "drop_table",
        "insert",
        "insert_many",
        "insert_from",
        "create",
        "bulk_create",
        "get_or_create",
    }
)
READING_CALLS = frozenset({"select", "join", "switch", "create_tables"})
INSERT_METHODS = frozenset(
    {"insert", "insert_many", "insert_from", "create", "bulk_create", "get_or_create"}
)
# The demo builds a separate database with a made-up past: it inserts its history in bulk and
# dates it back. It never runs on a station's own database.
NOT_A_SERVICE = "demo/"


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def audit_writes(source: str) -> list[tuple[str, str, int]]:
    """(enclosing function, method or SQL, line) of every write to the audit table in ``source``:
    a write method called on AuditEntry (or on a query built from it), ``save`` or
    ``delete_instance`` on a variable named like an audit entry, the model handed to a helper,
    and SQL naming the table."""
    found: list[tuple[str, str, int]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.FunctionDef) else function
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
                method = child.func.attr
                root = _root_name(child.func.value)
                on_the_model = method in WRITE_METHODS and root == "AuditEntry"
                on_an_entry = method in {"save", "delete_instance"} and "audit" in (root or "")
                if on_the_model or on_an_entry:
                    found.append((inner, method, child.lineno))
            if isinstance(child, ast.Call):
                called = ast.unparse(child.func).rsplit(".", 1)[-1]
                handed = any(isinstance(a, ast.Name) and a.id == "AuditEntry" for a in child.args)
                if handed and called not in READING_CALLS:
                    # A helper given the model (a bulk insert or update) writes where no
                    # method name shows it.
                    found.append((inner, f"passed to {called}", child.lineno))
            if isinstance(child, ast.Constant) and isinstance(child.value, str):
                sql = " ".join(child.value.lower().split())
                if "audit_entry" in sql and any(
                    verb in sql
                    for verb in ("update ", "delete ", "insert ", "drop ", "alter ", "replace ")
                ):
                    found.append((inner, "sql", child.lineno))
            visit(child, inner)

    visit(ast.parse(source), "<module>")
    return found


def test_the_scan_finds_audit_writes_of_every_form() -> None:
    source = (
        "def a():\n    AuditEntry.update(at=x).where(y).execute()\n"
        "def b():\n    AuditEntry.delete().execute()\n"
        "def c():\n    entry = AuditEntry.get(); audit_entry.delete_instance()\n"
        "def d():\n    db.execute_sql('DELETE  FROM audit_entry')\n"
        "def e():\n    AuditEntry.select().where(x).first().save()\n"
        "def f():\n    AuditEntry.insert_many(rows).execute()\n"
        "def g():\n    AuditEntry.select().where(x)\n    entry.save()\n"
        "def h():\n    _update_many(AuditEntry, fields, rows)\n"
    )
    assert audit_writes(source) == [
        ("a", "update", 2),
        ("b", "delete", 4),
        ("c", "delete_instance", 6),
        ("d", "sql", 8),
        ("e", "save", 10),
        ("f", "insert_many", 12),
        ("h", "passed to _update_many", 17),
    ]


def _scan() -> list[tuple[str, str, str, int]]:
    found = []
    for path in sorted(STATIONAPP.rglob("*.py")):
        name = path.relative_to(STATIONAPP).as_posix()
        if name.startswith(NOT_A_SERVICE):
            continue
        for function, method, line in audit_writes(path.read_text(encoding="utf-8")):
            found.append((name, function, method, line))
    return found


def test_no_code_changes_or_removes_an_audit_entry() -> None:
    """Append-only, with one exception: the erasure of a person's data takes it out of the
    entries that hold it, marking each (services/accounts.py, "erasure in the audit trail")."""
    changes = [
        f"{n}:{line} {m} in {f}"
        for n, f, m, line in _scan()
        if m not in INSERT_METHODS
        and (n, f, m) != ("services/accounts.py", "redact_audit_entries", "update")
    ]
    assert changes == [], "The audit trail is append-only: nothing may update or delete an entry."
    redactions = [(n, f, m) for n, f, m, _line in _scan() if m not in INSERT_METHODS]
    assert redactions == [("services/accounts.py", "redact_audit_entries", "update")]


def test_audit_is_the_only_way_in() -> None:
    inserts = [(n, f, m) for n, f, m, _line in _scan() if m in INSERT_METHODS]
    assert inserts == [("services/accounts.py", "audit", "create")]
