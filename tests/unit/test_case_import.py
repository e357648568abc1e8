"""Case ledger import (issue #21 part 9): earlier years' cases, closed, with their numbers."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stationapp.db import open_database
from stationapp.errors import PermissionDenied
from stationapp.models.accounts import FRONT_DESK, MEDIATION_HEAD, MEDIATOR, AuditEntry
from stationapp.models.mediation import Agreement, CaseEvent, MediationCase
from stationapp.models.people import Organization, Person
from stationapp.services import mediation
from stationapp.services.case_import import (
    OUTCOME_WORDS,
    ImportRefused,
    import_cases,
    parse_case_number,
    parse_outcome,
)
from stationapp.services.mediation import CaseInput, ClaimInput
from tests.helpers.ids import make_ric

TITLE = "建国门街道劳动争议调解委员会案件台账（2022-2024年）"
HEADER = [
    "案号",
    "申请日期",
    "结案日期",
    "申请人",
    "身份证号",
    "联系电话",
    "被申请人",
    "争议类型",
    "请求事项",
    "请求金额",
    "调解结果",
    "协议金额",
    "备注",
]


def ledger() -> list[list[object]]:
    a, b = make_ric(birth=date(1985, 3, 2), seq=11), make_ric(birth=date(1990, 7, 9), seq=23)
    return [
        [
            "(2022)建工调字第0003号",
            "2022-03-01",
            "2022-03-10",
            "张伟",
            a,
            "13900000001",
            "北京甲有限责任公司",
            "拖欠工资",
            "支付2021年12月至2022年2月工资",
            "18000",
            "调解成功",
            "15000",
            "",
        ],
        [
            "（2023）建工调字第12号",
            "2023.06.05",
            "2023年6月20日",
            "李娜、王强",
            f"{b}、",
            "13900000002、13900000003",
            "北京甲有限公司",
            "加班费、社会保险",
            "",
            "5000、3000",
            "调解不成",
            "",
            "已告知仲裁",
        ],
        [
            "",
            "2024/11/02",
            "2024/11/03",
            "张伟",
            a,
            "",
            "北京乙有限公司",
            "确认劳动关系",
            "",
            "",
            "撤回",
            "",
            "",
        ],
    ]


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def head(make_staff):
    return make_staff("head", MEDIATION_HEAD)


def imports() -> list[dict]:
    query = AuditEntry.select().where(AuditEntry.action == "import", AuditEntry.entity == "case")
    return [json.loads(entry.details) for entry in query]


def counts() -> tuple[int, ...]:
    return (
        MediationCase.select().count(),
        Person.select().count(),
        Organization.select().count(),
        CaseEvent.select().count(),
    )


def test_three_year_ledger_as_closed_cases(head, admin, tmp_path):
    path = write_csv(tmp_path / "台账.csv", [[TITLE], HEADER, *ledger()])
    result = import_cases(head, path)
    assert (result.rows, result.imported, result.numbered, result.refused) == (3, 3, 1, 0)
    # 张伟 twice (same ID number): one person; 王强 has no ID number, found by nobody: created.
    assert result.people_created == 3
    assert result.organizations_created == 2  # 甲有限责任公司 = 甲有限公司
    cases = {c.number: c for c in MediationCase.select()}
    assert set(cases) == {
        "(2022)建工调字第0003号",
        "(2023)建工调字第0012号",
        "(2024)建工调字第0001号",
    }
    first = cases["(2022)建工调字第0003号"]
    assert first.state == "closed" and first.closed_at == datetime(2022, 3, 10)
    assert first.received_at == datetime(2022, 3, 1)
    assert first.matters.startswith("支付2021年12月")
    events = [(e.from_state, e.to_state) for e in CaseEvent.select().where(CaseEvent.case == first)]
    assert events == [("", "registered"), ("registered", "performed"), ("performed", "closed")]
    assert all("Imported from the case ledger 台账.csv, row 3" in e.reason for e in first.events)
    second = cases["(2023)建工调字第0012号"]
    assert second.parties.count() == 2 and second.facts == "已告知仲裁"
    assert sorted(c.amount for c in second.claims) == [Decimal("3000"), Decimal("5000")]

    employer = first.respondent_id
    assert second.respondent_id == employer
    history = mediation.employer_history(head, employer)
    assert history.cases == 2 and history.by_state == {"closed": 2}

    stats = mediation.statistics(head, date_from=date(2022, 1, 1), date_to=date(2022, 12, 31))
    assert stats.total == 1 and stats.succeeded == 1 and stats.decided == 1
    assert stats.amount_agreed == Decimal("15000.00") and stats.amount_paid == Decimal("15000.00")
    assert stats.amount_claimed == Decimal("18000.00") and stats.by_category == {"wages": 1}
    stats = mediation.statistics(head, date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))
    assert stats.total == 1 and stats.succeeded == 0 and stats.decided == 1
    assert Agreement.select().count() == 1

    [entry] = imports()
    assert entry["imported"] == 3 and entry["numbered"] == 1 and entry["rows"] == 3

    # The next number of each year continues after the largest imported.
    person = Person.get(Person.name == "张伟")
    filed = [
        mediation.file_case(
            head,
            CaseInput(
                applicant_ids=[person.id],
                respondent_id=employer,
                claims=[ClaimInput("wages")],
                received_at=datetime(year, 12, 1),
            ),
        )
        for year in (2022, 2023, 2024)
    ]
    assert [c.number for c in filed] == [
        "(2022)建工调字第0004号",
        "(2023)建工调字第0013号",
        "(2024)建工调字第0002号",
    ]


def test_a_bad_row_refuses_the_whole_file_then_skip_bad_imports_the_rest(head, tmp_path):
    rows = ledger()
    rows[1][2] = "去年夏天"
    rows[2][10] = "还在调解"
    path = write_csv(tmp_path / "ledger.csv", [HEADER, *rows])
    before = counts()
    with pytest.raises(ImportRefused) as caught:
        import_cases(head, path)
    assert {(p.row, p.field) for p in caught.value.problems} == {(3, "closed"), (4, "outcome")}
    lines = caught.value.lines()
    assert any(line.startswith("Row 3, 结案日期") for line in lines)
    assert any(line.startswith("Row 4, 调解结果") for line in lines)
    assert counts() == before and imports() == []

    result = import_cases(head, path, skip_bad=True)
    assert (result.imported, result.refused) == (1, 2)
    assert result.refused_file == tmp_path / "ledger-refused.xlsx"
    assert MediationCase.get().number == "(2022)建工调字第0003号"


def test_importing_the_same_ledger_again_is_refused(head, tmp_path):
    path = write_csv(tmp_path / "ledger.csv", [HEADER, *ledger()])
    import_cases(head, path)
    before = counts()
    with pytest.raises(ImportRefused) as caught:
        import_cases(head, path)
    # The numbered rows by their numbers, the row without one by its twin on file.
    assert {(p.row, p.field) for p in caught.value.problems} == {
        (2, "number"),
        (3, "number"),
        (4, "number"),
    }
    assert "(2024)建工调字第0001号" in caught.value.lines()[-1]
    result = import_cases(head, path, skip_bad=True)
    assert (result.imported, result.refused) == (0, 3)
    assert counts() == before


def test_a_number_twice_in_the_file(head, tmp_path):
    rows = ledger()
    rows[1][0] = "(2022)建工调字第3号"
    path = write_csv(tmp_path / "ledger.csv", [HEADER, *rows])
    with pytest.raises(ImportRefused) as caught:
        import_cases(head, path)
    assert [(p.row, p.field) for p in caught.value.problems] == [(3, "number")]
    assert "row 2" in caught.value.problems[0].message


def test_missing_columns_are_named(head, tmp_path):
    path = write_csv(tmp_path / "ledger.csv", [["案号", "申请人"], ["", "张三"]])
    with pytest.raises(ImportRefused) as caught:
        import_cases(head, path)
    assert {p.field for p in caught.value.problems} == {
        "received",
        "closed",
        "respondent",
        "outcome",
    }


@pytest.mark.parametrize("role", [MEDIATOR, FRONT_DESK])
def test_permission_refused(make_staff, tmp_path, role):
    staff = make_staff("someone", role)
    path = write_csv(tmp_path / "ledger.csv", [HEADER, *ledger()])
    before = counts()
    with pytest.raises(PermissionDenied):
        import_cases(staff, path)
    assert counts() == before and imports() == []


def test_the_export_reads_back_as_a_ledger(head, tmp_path):
    """The ledger export's own headers are recognised (its state column says 已结案 for a
    closed case, which names no outcome: such rows need the outcome written in)."""
    from stationapp.services.case_import.values import _ALIASES
    from stationapp.services.people_import import recognise_headers

    english = [
        "Case number",
        "Received",
        "Applicants",
        "Respondent",
        "Claims",
        "Amount claimed",
        "State",
        "Mediator",
        "Mediation due",
        "Closed on",
    ]
    found = recognise_headers(english, _ALIASES)
    assert set(found) == {
        "number",
        "received",
        "applicants",
        "respondent",
        "claims",
        "amount_claimed",
        "outcome",
        "mediator",
        "mediation_due",
        "closed",
    }


# --- parsers --------------------------------------------------------------------------------------


@given(
    year=st.integers(1990, 2099),
    sequence=st.integers(1, 99999),
    brackets=st.sampled_from(["()", "（）", "〔〕", "[]", "【】"]),
    prefix=st.sampled_from(["建工调", "朝工调", "", "京建工调"]),
    zi=st.booleans(),
    pad=st.booleans(),
)
def test_case_numbers_as_ledgers_write_them(year, sequence, brackets, prefix, zi, pad):
    digits = f"{sequence:04d}" if pad else str(sequence)
    text = f"{brackets[0]}{year}{brackets[1]}{prefix}{'字' if zi else ''}第{digits}号"
    parsed = parse_case_number(text)
    assert (parsed.year, parsed.sequence, parsed.prefix) == (year, sequence, prefix)
    assert mediation.format_number(year, "建工调", sequence) == mediation.format_number(
        *parse_case_number(mediation.format_number(year, "建工调", sequence))
    )


@given(year=st.integers(1990, 2099), sequence=st.integers(1, 99999))
def test_plain_case_numbers(year, sequence):
    for text in (f"{year}-{sequence:04d}", f"{year}年第{sequence}号"):
        assert parse_case_number(text) == (year, "", sequence)


@given(st.text(alphabet="第号()年abc-/ ", max_size=12))
def test_not_a_case_number(text):
    try:
        parsed = parse_case_number(text)
    except ValueError:
        return
    assert parsed is None or parsed.sequence >= 1


@given(
    state=st.sampled_from(sorted(OUTCOME_WORDS)),
    data=st.data(),
    spaces=st.sampled_from(["", " ", "　"]),
)
def test_outcome_words(state, data, spaces):
    word = data.draw(st.sampled_from(OUTCOME_WORDS[state]))
    assert parse_outcome(f"{spaces}{word.upper()}{spaces}") == state
    assert parse_outcome(mediation.state_label(state)) == state


@pytest.mark.parametrize("word", ["还在调解", "已结案", "in mediation", "closed"])
def test_unknown_and_open_outcomes_refused(word):
    with pytest.raises(ValueError):
        parse_outcome(word)
    assert parse_outcome("") is None


# --- the command line -----------------------------------------------------------------------------


def _cli(db_url: str, *argv: str) -> int:
    from stationapp.app import build_parser
    from stationapp.cli import run_command

    code = run_command(build_parser().parse_args(["import-cases", *argv]), db_url)
    open_database(db_url)
    return code


def test_command_line(admin, db_url, tmp_path, capsys):
    rows = ledger()
    rows[0][9] = "很多"
    path = write_csv(tmp_path / "ledger.csv", [HEADER, *rows])
    assert _cli(db_url, str(path), "--user", "admin") == 1
    err = capsys.readouterr().err
    assert "Row 2, 请求金额" in err and "Nothing was imported: 1 row(s)" in err
    assert MediationCase.select().count() == 0
    assert _cli(db_url, str(path), "--skip-bad", "--user", "admin") == 0
    out = capsys.readouterr().out
    assert "Imported 2 closed cases (1 given a number)" in out and "ledger-refused.xlsx" in out
    assert _cli(db_url, str(path), "--user", "nobody") == 1
    assert _cli(db_url, str(tmp_path / "none.csv"), "--user", "admin") == 1
