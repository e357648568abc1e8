"""Every print preview in the program opens, lays out its pages and closes with no error
(issue 18): the notice sheet, the case documents and a closed case's file, the sign-in sheet
and the list of people to notify, barcode labels, the overdue call list and reminder letters,
the birthday greeting list, the box handover sheet and reconciliation, and the stocktake result.

Each preview is opened as staff open it; instead of waiting for a person, the test shows it,
lets it paint (which lays the document out), repaints it once more (as a page-setup change
does), counts its pages and closes it. The test-wide guard fails any test that raises the
internal-error dialog.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from stationapp.models.accounts import Staff
from stationapp.ui.printing import PrintPreview


@pytest.fixture
def previews(monkeypatch) -> list[tuple[str, int]]:
    """(title, pages) of every preview opened during the test."""
    opened: list[tuple[str, int]] = []

    def look_and_close(dialog: PrintPreview) -> int:
        dialog.show()
        QApplication.processEvents()
        widget = dialog.findChild(QPrintPreviewWidget)
        widget.updatePreview()
        QApplication.processEvents()
        opened.append((dialog.windowTitle(), widget.pageCount()))
        dialog.reject()
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(PrintPreview, "exec", look_and_close)
    return opened


@pytest.fixture
def admin_of_demo(demo_station: str) -> Staff:
    return Staff.get(Staff.username == "admin")


def _parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def _one_page_at_least(previews: list[tuple[str, int]], count: int) -> None:
    assert len(previews) == count, previews
    assert all(pages >= 1 for _title, pages in previews), previews


def test_the_notice_sheet_preview(qtbot, show_active, previews, admin_of_demo):
    from stationapp.models.people import Person
    from stationapp.models.visits import ServiceType
    from stationapp.ui.visits.register import VisitForm

    form = show_active(VisitForm(admin_of_demo))
    form.choose_person(Person.select().where(Person.active).first().id)
    service = ServiceType.select().where(ServiceType.name.contains("入会")).first()
    form.add_purpose(service.id)
    form.print_notice()
    _one_page_at_least(previews, 1)
    assert form.printed == set()


def test_every_case_document_preview(qtbot, previews, admin_of_demo):
    from stationapp.models.mediation import MediationCase
    from stationapp.ui.mediation import documents

    parent = _parent(qtbot)
    for case in MediationCase.select().order_by(MediationCase.id).limit(6):
        context = documents.case_context(admin_of_demo, case.id)
        for code in documents.CODES:
            documents.preview(code, context, parent)
    _one_page_at_least(previews, 6 * len(documents.CODES))


def test_the_case_file_preview(qtbot, previews, admin_of_demo):
    from stationapp.models.mediation import MediationCase
    from stationapp.ui.mediation import case_file

    parent = _parent(qtbot)
    closed = MediationCase.select().where(MediationCase.state.in_(("closed", "archived")))
    for case in closed.order_by(MediationCase.id).limit(3):
        case_file.preview(case_file.build(admin_of_demo, case.id), parent)
    _one_page_at_least(previews, 3)
    assert all(pages >= 2 for _title, pages in previews)  # the index, then the documents


def test_the_event_previews(qtbot, previews, admin_of_demo):
    from stationapp.models.events import Event, Registration
    from stationapp.ui.events.event_page import EventPage
    from stationapp.ui.events.roster_dialogs import NotifyDialog

    event = Event.select().order_by(Event.starts_at.desc()).first()
    page = EventPage(admin_of_demo)
    qtbot.addWidget(page)
    page.show_event(event.id)
    page.print_signin_sheet()
    people = [r.person for r in Registration.select().where(Registration.event == event)]
    notify = NotifyDialog(event, people, page)
    notify.print_list()
    _one_page_at_least(previews, 2)


def test_the_library_previews(qtbot, previews, admin_of_demo):
    from stationapp.models.library import Box, BoxLoan, Copy
    from stationapp.services import accounts, library_boxes
    from stationapp.ui.bus import ChangeBus
    from stationapp.ui.library import box_sheets
    from stationapp.ui.library.labels import LabelsDialog, labels_for
    from stationapp.ui.library.overdue import OverdueWidget
    from stationapp.ui.library.stocktake import StocktakeWidget

    parent = _parent(qtbot)
    labels = LabelsDialog(labels_for(list(Copy.select().limit(5))), parent)
    labels.preview()

    overdue = OverdueWidget(admin_of_demo, ChangeBus(parent))
    qtbot.addWidget(overdue)
    overdue.refresh()
    overdue.print_call_list()
    overdue.print_letters()

    lent = BoxLoan.select().where(BoxLoan.returned_at.is_null()).first()
    box_sheets.preview_handover(admin_of_demo, lent.box, lent, parent)
    returned = BoxLoan.select().where(BoxLoan.reconciliation != "").first()
    reconciliation = box_sheets.Reconciliation.from_json(returned.reconciliation)
    box_sheets.preview_reconciliation(returned.box, returned, reconciliation, parent)

    stocktake = library_boxes.start_stocktake(admin_of_demo, location="")
    widget = StocktakeWidget(admin_of_demo, ChangeBus(parent))
    qtbot.addWidget(widget)
    widget.set_stocktake(stocktake)
    widget.print_result()
    assert accounts.station_settings() is not None
    assert Box.select().count() > 0
    _one_page_at_least(previews, 6)


def test_the_birthday_greeting_list_preview(qtbot, previews, admin_of_demo):
    from stationapp.models.people import Person
    from stationapp.ui.bus import ChangeBus
    from stationapp.ui.today import TodayTab

    member = Person.select().where(Person.active, Person.is_member).first()
    today = dt.date.today()
    Person.update(birth_date=today.replace(year=1980)).where(Person.id == member.id).execute()
    parent = _parent(qtbot)
    tab = TodayTab(admin_of_demo, ChangeBus(parent))
    qtbot.addWidget(tab)
    tab.print_birthdays()
    _one_page_at_least(previews, 1)
