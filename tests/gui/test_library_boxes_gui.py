"""The mobile book house and stocktake screens: driven with key events the way a USB scanner
types (digits, then Enter), and the printed sheets read back from their PDFs.

Reading the PDF's text needs pypdf, and drawing Chinese needs a CJK font (fonts-noto-cjk).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stationapp.db import today
from stationapp.models.library import Copy
from stationapp.services import accounts, library, library_boxes, people
from stationapp.services.library import CopyInput, TitleInput
from stationapp.services.people import OrganizationInput, PersonInput
from stationapp.ui.bus import ChangeBus
from stationapp.ui.library.box_dialogs import LendBoxDialog, PackDialog, ReturnBoxDialog
from stationapp.ui.library.box_sheets import (
    handover_html,
    write_handover_pdf,
    write_reconciliation_pdf,
)
from stationapp.ui.library.boxes import BoxesWidget, BoxTableModel
from stationapp.ui.library.scan_field import ScanField
from stationapp.ui.library.stocktake import StocktakeWidget, write_stocktake_pdf
from tests.helpers.ids import make_ric

WORKPLACE = "国贸大厦物业公司"


def make_copies(actor, count: int, *, prefix: str = "C", location: str = "A区") -> list[Copy]:
    copies = []
    for n in range(1, count + 1):
        title = library.create_title(
            actor, TitleInput(title=f"平凡的世界{prefix}{n}", author="路遥")
        )
        copies.append(
            library.add_copy(
                actor, title.id, CopyInput(barcode=f"{prefix}{n:04d}", location=location)
            )
        )
    return copies


@pytest.fixture
def workplace(admin):
    return people.create_organization(admin, OrganizationInput(name=WORKPLACE))


@pytest.fixture
def lent_box(admin, workplace):
    """A box of 20 books lent to the workplace: (box, loan, copies)."""
    copies = make_copies(admin, 20)
    box = library_boxes.create_box(admin, barcode="BX001", name="一号书箱")
    library_boxes.pack(admin, box.id, [c.barcode for c in copies])
    loan = library_boxes.lend_box(
        admin,
        box.id,
        organization_id=workplace.id,
        contact_name="李经理",
        contact_phone="13800138000",
        starts_on=date(2024, 5, 6),
        due_on=date(2024, 8, 6),
    )
    return box, library_boxes.get_box_loan(admin, loan.id), copies


def scan(qtbot, field, code: str) -> None:
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


# --- the scan field -----------------------------------------------------------------------------


def test_scan_field_acts_once_on_a_double_read(qtbot) -> None:
    field = ScanField()
    qtbot.addWidget(field)
    codes: list[str] = []
    field.scanned.connect(codes.append)
    scan(qtbot, field, "C0001")
    scan(qtbot, field, "C0001")  # the scanner read it twice
    scan(qtbot, field, "C0002")
    qtbot.keyClicks(field, "C0003")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # a scanner set to send Tab
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter on an empty field does nothing
    assert codes == ["C0001", "C0002", "C0003"]
    assert field.text() == ""


# --- returning a box ----------------------------------------------------------------------------


def test_return_dialog_reconciles_what_was_scanned(qtbot, show_active, admin, lent_box) -> None:
    box, loan, copies = lent_box
    stranger = make_copies(admin, 1, prefix="S")[0]
    dialog = show_active(ReturnBoxDialog(admin, box, loan))
    asked: list[int] = []

    def confirm(missing: int) -> bool:
        asked.append(missing)
        return True

    dialog.confirm_finish = confirm
    assert dialog.scan.hasFocus()
    for copy in copies[:18]:
        scan(qtbot, dialog.scan, copy.barcode.lower())
    scan(qtbot, dialog.scan, copies[17].barcode)  # a double read: one row
    scan(qtbot, dialog.scan, stranger.barcode)
    scan(qtbot, dialog.scan, "ZZ999")
    assert dialog.table.rowCount() == 20
    assert "Not in this box" in dialog.result.text()
    assert dialog.scan.hasFocus()

    dialog.table.selectRow(2)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # the mnemonic
    qtbot.waitUntil(lambda: dialog.damaged_codes() == [copies[2].barcode])
    assert dialog.scan.hasFocus()
    assert "18 of 20" in dialog.count.text()

    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    assert asked == [2]
    result = dialog.reconciliation
    assert result is not None
    assert [line.barcode for line in result.missing] == [c.barcode for c in copies[18:]]
    assert [line.barcode for line in result.damaged] == [copies[2].barcode]
    assert [getattr(e, "barcode", e) for e in result.extra] == [stranger.barcode, "ZZ999"]
    assert result.returned == 17

    shown = dialog.summary.toPlainText()
    assert dialog.summary.isVisible() and not dialog.table.isVisible()
    for text in ("Missing (2)", "Damaged (1)", "Extra (2)", WORKPLACE, "ZZ999"):
        assert text in shown
    for copy in copies[18:]:
        assert copy.barcode in shown
    assert "2 missing" in dialog.bar.text()
    assert dialog.print_button.isVisible()
    assert Copy.get(Copy.barcode == copies[19].barcode).status == "lost"


def test_return_dialog_can_be_abandoned_before_reconciling(qtbot, show_active, admin, lent_box):
    box, loan, copies = lent_box
    dialog = show_active(ReturnBoxDialog(admin, box, loan))
    dialog.confirm_finish = lambda missing: False
    scan(qtbot, dialog.scan, copies[0].barcode)
    scan(qtbot, dialog.scan, box.barcode)  # the box's own label
    assert dialog.table.rowCount() == 1
    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert dialog.table.rowCount() == 0
    dialog.finish_button.click()
    assert dialog.reconciliation is None
    assert library_boxes.get_box_loan(admin, loan.id).returned_at is None


# --- printed sheets -----------------------------------------------------------------------------


def test_handover_sheet_pdf_names_the_workplace_and_every_book(tmp_path, admin, lent_box) -> None:
    box, loan, _copies = lent_box
    copies = library_boxes.box_loan_copies(admin, loan.id)
    path = write_handover_pdf(box, loan, copies, accounts.station_settings(), tmp_path / "h.pdf")
    text = pdf_text(path)
    assert WORKPLACE in text
    assert "建国门街道工会服务站" in text
    for copy in copies:
        assert copy.barcode in text
    assert "李经理" in text and "13800138000" in text


def test_handover_html_escapes_user_text(admin, lent_box) -> None:
    box, loan, copies = lent_box
    box.name = "<b>箱</b>"
    page = handover_html(box, loan, library_boxes.box_loan_copies(admin, loan.id), "站")
    assert "<b>箱</b>" not in page and "&lt;b&gt;箱&lt;/b&gt;" in page
    assert page.count("<tr>") == len(copies) + 1


def test_reconciliation_pdf(tmp_path, admin, lent_box) -> None:
    box, loan, copies = lent_box
    result = library_boxes.return_box(admin, loan.id, [c.barcode for c in copies[1:]], ["C0002"])
    loan = library_boxes.get_box_loan(admin, loan.id)
    path = write_reconciliation_pdf(box, loan, result, "建国门街道工会服务站", tmp_path / "r.pdf")
    text = pdf_text(path)
    assert WORKPLACE in text and "C0001" in text and "C0002" in text


# --- the list, packing and lending --------------------------------------------------------------


def test_box_table_model(qtmodeltester, admin, lent_box) -> None:
    library_boxes.create_box(admin, barcode="BX002", name="二号书箱")
    model = BoxTableModel(admin)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    box = model.box_at(0)
    assert model.is_overdue(box)  # due in 2024
    assert model.index(0, 4).data() == WORKPLACE
    assert model.index(0, 2).data() == "20"
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, 4).data() == "At the station"
    assert model.index(1, 5).data() == ""


def test_boxes_widget_buttons_follow_the_box(qtbot, admin, lent_box, make_staff) -> None:
    library_boxes.create_box(admin, barcode="BX002", name="二号书箱")
    bus = ChangeBus()
    widget = BoxesWidget(admin, bus)
    qtbot.addWidget(widget)
    assert "1 overdue" in widget.summary.text()
    widget.select_box(lent_box[0].id)
    assert widget.return_button.isEnabled() and not widget.pack_button.isEnabled()
    assert widget.handover_button.isEnabled()
    second = library_boxes.list_boxes(admin)[1]
    widget.select_box(second.id)
    assert widget.pack_button.isEnabled()
    assert not widget.lend_button.isEnabled()  # empty
    assert not widget.return_button.isEnabled()

    make_copies(admin, 1, prefix="N")
    library_boxes.pack(admin, second.id, ["N0001"])  # the bus refreshes the list
    assert widget.lend_button.isEnabled()

    clerk = make_staff("clerk", "front_desk")
    read_only = BoxesWidget(clerk, bus)
    qtbot.addWidget(read_only)
    assert not read_only.new_button.isEnabled()
    read_only.select_box(second.id)
    assert not read_only.pack_button.isEnabled()


def test_pack_dialog_scans_books_in(qtbot, show_active, admin) -> None:
    copies = make_copies(admin, 3)
    reader = people.create_person(admin, PersonInput(name="张三", id_number=make_ric()))
    library.lend(admin, copies[2].id, reader.id)
    box = library_boxes.create_box(admin, barcode="BX001", name="一号书箱")
    dialog = show_active(PackDialog(admin, box))
    scan(qtbot, dialog.scan, "c0001")
    scan(qtbot, dialog.scan, "C0002")
    assert dialog.list.count() == 2
    assert "2 book(s)" in dialog.count.text()
    scan(qtbot, dialog.scan, "C0003")
    assert "C0003" in dialog.result.text() and dialog.list.count() == 2
    assert dialog.scan.hasFocus()
    dialog.list.setCurrentRow(0)
    dialog.remove_selected()
    assert dialog.list.count() == 1
    assert Copy.get(Copy.barcode == "C0001").status == "available"


def test_lend_dialog(qtbot, admin, workplace) -> None:
    make_copies(admin, 2)
    box = library_boxes.create_box(admin, barcode="BX001", name="一号书箱")
    library_boxes.pack(admin, box.id, ["C0001", "C0002"])
    dialog = LendBoxDialog(admin, box)
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.loan is None
    assert dialog.fields.error_label("organization").text()
    assert dialog.fields.error_label("contact_name").text()
    dialog.workplace.set_workplace(workplace.id)
    dialog.contact_name.setText("李经理")
    dialog.contact_phone.setText("010-65123456")
    dialog.submit()
    assert dialog.loan is not None
    assert dialog.loan.organization.name == WORKPLACE
    assert dialog.loan.due_on == today() + timedelta(days=90)


# --- stocktake ----------------------------------------------------------------------------------


def test_stocktake_widget(qtbot, show_active, tmp_path, admin) -> None:
    shelf = make_copies(admin, 5, prefix="A", location="A区")
    other = make_copies(admin, 1, prefix="B", location="B区")
    widget = show_active(StocktakeWidget(admin, ChangeBus()))
    assert not widget.scan.isEnabled()
    widget.location.setCurrentIndex(widget.location.findData("A区"))
    widget.start_button.click()
    assert widget.stocktake is not None and widget.stocktake.location == "A区"
    assert QApplication.focusWidget() is widget.scan
    for copy in shelf[:4]:
        scan(qtbot, widget.scan, copy.barcode)
    assert widget.last_scan.kind == "seen"
    scan(qtbot, widget.scan, other[0].barcode)
    assert widget.last_scan.kind == "misplaced"
    assert "B区" in widget.result_line.text()
    assert "expected 5, seen 4" in widget.counts.text()
    assert "misplaced 1" in widget.counts.text()

    widget.confirm_finish = lambda: True
    widget.finish_button.click()
    assert widget.stocktake.finished_at is not None
    assert not widget.scan.isEnabled()
    assert widget.missing.count() == 1 and shelf[4].barcode in widget.missing.item(0).text()
    assert widget.misplaced.count() == 1
    assert widget.lists.tabText(0).endswith("(1)")

    result = library_boxes.stocktake_result(admin, widget.stocktake.id)
    text = pdf_text(write_stocktake_pdf(widget.stocktake, result, "站", tmp_path / "s.pdf"))
    assert shelf[4].barcode in text and other[0].barcode in text


def test_stocktake_widget_resumes_an_open_stocktake(qtbot, admin, make_staff) -> None:
    make_copies(admin, 2)
    stocktake = library_boxes.start_stocktake(admin)
    library_boxes.stocktake_scan(admin, stocktake.id, "C0001")
    widget = StocktakeWidget(admin, ChangeBus())
    qtbot.addWidget(widget)
    assert widget.stocktake == stocktake
    assert "expected 2, seen 1" in widget.counts.text()
    assert widget.session.isVisibleTo(widget)
    clerk = make_staff("clerk", "front_desk")
    viewer = StocktakeWidget(clerk, ChangeBus())
    qtbot.addWidget(viewer)
    assert not viewer.scan.isEnabled() and not viewer.start_button.isEnabled()
    assert viewer.result_button.isEnabled()
