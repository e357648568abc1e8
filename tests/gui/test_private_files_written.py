"""Every file the program writes is readable by its owner only (issue 19, finding 3).

The attack: another account on the desk's computer reads what staff saved. Each export and
print-to-file entry point of the program writes into a folder with a permissive umask (0022, so
a file created the ordinary way would be 0644), and every file must come out 0600: the visit log
(Excel and CSV), the case ledger, the audit trail, event rosters, the personal-data export, the
district report (Excel and PDF), and the PDFs of the case documents, the sign-in sheet, barcode
labels, the overdue call list and letters, the stocktake result, the box handover sheet and
reconciliation, the one-time notice; then every print preview printing to a file (Qt's print
dialog, "print to file"), the birthday list and the list of people to notify among them.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from stationapp.models.accounts import Staff
from stationapp.ui.printing import PrintPreview

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def out(tmp_path: Path, permissive_umask) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    # The umask is really permissive: an ordinary file here would be readable by others.
    probe = folder / "probe"
    probe.write_text("x")
    assert _mode(probe) == 0o644
    probe.unlink()
    return folder


@pytest.fixture
def admin_of_demo(demo_station: str) -> Staff:
    return Staff.get(Staff.username == "admin")


def _all_private(folder: Path, expected: set[str]) -> None:
    written = {p.name: _mode(p) for p in folder.iterdir()}
    assert set(written) == expected, written  # nothing missing, no temporary file left over
    loose = {name: oct(mode) for name, mode in written.items() if mode != 0o600}
    assert not loose, loose
    assert all((folder / name).stat().st_size > 0 for name in written)


def test_every_export_and_saved_document_is_private(qtbot, admin_of_demo, out: Path) -> None:
    from stationapp.models.events import Event
    from stationapp.models.library import BoxLoan, Copy
    from stationapp.models.mediation import MediationCase
    from stationapp.models.people import Person
    from stationapp.models.visits import ServiceType
    from stationapp.services import (
        accounts,
        audit,
        events,
        library_boxes,
        mediation,
        reports,
        retention,
        visits,
    )
    from stationapp.ui.bus import ChangeBus
    from stationapp.ui.events.signin_sheet import write_signin_sheet_pdf
    from stationapp.ui.library import box_sheets
    from stationapp.ui.library.labels import LabelsDialog, labels_for, write_labels_pdf
    from stationapp.ui.library.overdue import OverdueWidget
    from stationapp.ui.library.stocktake import write_stocktake_pdf
    from stationapp.ui.mediation import documents
    from stationapp.ui.report_pdf import write_report_pdf
    from stationapp.ui.visits import notice_sheet
    from stationapp.ui.visits.register import VisitForm

    admin = admin_of_demo
    station = accounts.station_settings()
    expected: set[str] = set()

    def name(file_name: str) -> Path:
        expected.add(file_name)
        return out / file_name

    # Spreadsheets (services).
    visits.export_visits(admin, visits.VisitFilter(), name("visits.xlsx"))
    visits.export_visits(admin, visits.VisitFilter(), name("visits.csv"))
    mediation.export_ledger(admin, name("ledger.xlsx"))
    audit.export_entries(admin, audit.AuditFilter(), name("audit.csv"))
    event = Event.select().order_by(Event.starts_at.desc()).first()
    events.export_roster(admin, event.id, name("roster.xlsx"))
    person = Person.select().where(Person.active).first()
    retention.export_personal_data(admin, person.id, name("personal.xlsx"))
    today = dt.date.today()
    report = reports.station_report(admin, today.replace(day=1) - dt.timedelta(days=60), today)
    reports.write_excel(report, name("report.xlsx"))

    # PDFs (the window's "save as PDF").
    write_report_pdf(report, name("report.pdf"))
    case = MediationCase.select().order_by(MediationCase.id).first()
    context = documents.case_context(admin, case.id)
    for code in documents.CODES:
        documents.write_pdf(code, context, name(f"case-{code}.pdf"))
    write_signin_sheet_pdf(event, events.roster(admin, event.id), station, name("signin.pdf"))
    copies = list(Copy.select().limit(5))
    write_labels_pdf(copies, name("labels.pdf"))
    parent = QWidget()
    qtbot.addWidget(parent)
    labels = LabelsDialog(labels_for(copies), parent)
    labels.save_pdf(name("labels-dialog.pdf"))
    overdue = OverdueWidget(admin, ChangeBus(parent))
    qtbot.addWidget(overdue)
    overdue.refresh()
    overdue.write_pdf("calls", name("calls.pdf"))
    overdue.write_pdf("letters", name("letters.pdf"))
    stocktake = library_boxes.start_stocktake(admin, location="")
    result = library_boxes.stocktake_result(admin, stocktake.id)
    write_stocktake_pdf(stocktake, result, station, name("stocktake.pdf"))
    lent = BoxLoan.select().where(BoxLoan.returned_at.is_null()).first()
    lent_copies = library_boxes.box_loan_copies(admin, lent.id)
    box_sheets.write_handover_pdf(lent.box, lent, lent_copies, station, name("handover.pdf"))
    returned = BoxLoan.select().where(BoxLoan.reconciliation != "").first()
    reconciliation = box_sheets.Reconciliation.from_json(returned.reconciliation)
    box_sheets.write_reconciliation_pdf(
        returned.box, returned, reconciliation, station, name("reconciliation.pdf")
    )
    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.choose_person(person.id)
    service = ServiceType.select().where(ServiceType.active).first()
    form.add_purpose(service.id)
    notice_sheet.write_pdf(form.notice(), name("notice.pdf"))

    _all_private(out, expected)


def test_a_file_replaced_by_an_export_becomes_private(admin_of_demo, out: Path) -> None:
    from stationapp.services import visits

    target = out / "visits.csv"
    target.write_text("old")
    target.chmod(0o644)
    visits.export_visits(admin_of_demo, visits.VisitFilter(), target)
    assert _mode(target) == 0o600 and target.read_text(encoding="utf-8-sig") != "old"


@pytest.fixture
def print_to_file(monkeypatch, out: Path) -> list[Path]:
    """Every preview, instead of waiting for a person, prints to a PDF file as Qt's print
    dialog does with "print to file"; the files printed."""
    printed: list[Path] = []

    def print_and_close(dialog: PrintPreview) -> int:
        printer = dialog.printer()
        path = out / f"printed-{len(printed)}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        dialog.paintRequested.emit(printer)
        QApplication.processEvents()
        printed.append(path)
        dialog.reject()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(PrintPreview, "exec", print_and_close)
    return printed


def test_every_preview_printing_to_a_file_writes_it_private(
    qtbot, admin_of_demo, print_to_file: list[Path], out: Path
) -> None:
    from stationapp.models.events import Event, Registration
    from stationapp.models.library import BoxLoan, Copy
    from stationapp.models.mediation import MediationCase
    from stationapp.models.people import Person
    from stationapp.models.visits import ServiceType
    from stationapp.ui.bus import ChangeBus
    from stationapp.ui.events.event_page import EventPage
    from stationapp.ui.events.roster_dialogs import NotifyDialog
    from stationapp.ui.library import box_sheets
    from stationapp.ui.library.labels import LabelsDialog, labels_for
    from stationapp.ui.library.overdue import OverdueWidget
    from stationapp.ui.mediation import documents
    from stationapp.ui.today import TodayTab
    from stationapp.ui.visits.register import VisitForm

    admin = admin_of_demo
    parent = QWidget()
    qtbot.addWidget(parent)

    case = MediationCase.select().order_by(MediationCase.id).first()
    documents.preview(documents.CODES[0], documents.case_context(admin, case.id), parent)

    event = Event.select().order_by(Event.starts_at.desc()).first()
    page = EventPage(admin)
    qtbot.addWidget(page)
    page.show_event(event.id)
    page.print_signin_sheet()
    people = [r.person for r in Registration.select().where(Registration.event == event)]
    NotifyDialog(event, people, page).print_list()

    LabelsDialog(labels_for(list(Copy.select().limit(3))), parent).preview()
    overdue = OverdueWidget(admin, ChangeBus(parent))
    qtbot.addWidget(overdue)
    overdue.refresh()
    overdue.print_call_list()
    lent = BoxLoan.select().where(BoxLoan.returned_at.is_null()).first()
    box_sheets.preview_handover(admin, lent.box, lent, parent)

    member = Person.select().where(Person.active, Person.is_member).first()
    today = dt.date.today()
    Person.update(birth_date=today.replace(year=1980)).where(Person.id == member.id).execute()
    tab = TodayTab(admin, ChangeBus(parent))
    qtbot.addWidget(tab)
    tab.print_birthdays()

    form = VisitForm(admin)
    qtbot.addWidget(form)
    form.choose_person(member.id)
    form.add_purpose(ServiceType.select().where(ServiceType.active).first().id)
    form.print_notice()

    assert len(print_to_file) == 8
    _all_private(out, {p.name for p in print_to_file})


@pytest.mark.error_dialog_expected
def test_the_error_details_staff_copy_carry_no_password(qtbot, monkeypatch) -> None:
    """The internal-error dialog's details are copied and sent on: a driver message quoting a
    database URL must not hand its password on (issue 19, finding 4)."""
    from stationapp.ui import errors

    secret = "Zq7-S3cret"
    shown: list[str] = []

    def look(dialog: errors.ErrorDialog) -> int:
        shown.append(dialog.details.toPlainText())
        return 0

    monkeypatch.setattr(errors.ErrorDialog, "exec", look)
    try:
        raise RuntimeError(
            f"could not reach postgresql://bob:{secret}@db/station?password={secret}"
        )
    except RuntimeError as exc:
        errors.handle_exception(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1 and "could not reach postgresql://bob:***@db" in shown[0]
    assert secret not in shown[0]
