"""The circulation desk driven by key events as a scanner types them, and the overdue lists and
letters (their PDF reads back, which needs pypdf and a CJK font)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stationapp.db import today
from stationapp.models.library import Box, Loan
from stationapp.services import accounts, library, people
from stationapp.services.accounts import StationSettings
from stationapp.ui.bus import ChangeBus
from stationapp.ui.library import circulation, reserve_dialog
from stationapp.ui.library.circulation import CirculationWidget
from stationapp.ui.library.loans_model import CurrentLoansTableModel
from stationapp.ui.library.overdue import (
    LoanRowTableModel,
    OverdueWidget,
    call_list_html,
    reminder_letters_html,
)

CARD = "6222021234567890128"
ISBN = "9787020024759"


@pytest.fixture
def bus(qapp):
    bus = ChangeBus()
    yield bus
    bus.deleteLater()


@pytest.fixture
def reader(admin):
    return people.create_person(
        admin,
        people.PersonInput(name="张伟", phone="13812345678", is_member=True, member_card=CARD),
    )


@pytest.fixture
def other(admin):
    return people.create_person(admin, people.PersonInput(name="李娜", phone="13987654321"))


@pytest.fixture
def books(admin):
    """Five titles, one copy each: B0001 ... B0005."""
    titles = ["平凡的世界", "活着", "围城", "红岩", "边城"]
    copies = {}
    for number, name in enumerate(titles, start=1):
        title = library.create_title(admin, library.TitleInput(title=name))
        barcode = f"B{number:04d}"
        copies[barcode] = library.add_copy(admin, title.id, library.CopyInput(barcode=barcode))
    return copies


@pytest.fixture
def desk(show_active, admin, bus):
    widget = show_active(CirculationWidget(admin, bus))
    widget.resize(1000, 700)
    qtbot_wait_focus(widget)
    return widget


def qtbot_wait_focus(widget: CirculationWidget) -> None:
    widget.focus_scan()
    QApplication.processEvents()


def scan(qtbot, widget: CirculationWidget, code: str, suffix=Qt.Key.Key_Return) -> None:
    """Type a code into the scan field key by key, as a USB scanner does, then its suffix."""
    qtbot.keyClicks(widget.scan_edit, code)
    qtbot.keyClick(widget.scan_edit, suffix)


def open_loans(person) -> int:
    return Loan.select().where(Loan.person == person.id, Loan.returned_at.is_null()).count()


# --- the acceptance path ------------------------------------------------------------------------


def test_scan_card_then_books_lends_them_and_a_later_scan_returns(
    qtbot, desk, reader, books, monkeypatch
):
    scan(qtbot, desk, CARD)
    assert desk.borrower is not None and desk.borrower.id == reader.id
    assert desk.last_result.kind == "borrower"
    assert desk.name_label.text() == "张伟"
    assert "13812345678" in desk.info_label.text()
    assert "0 of 3" in desk.info_label.text()

    scan(qtbot, desk, "B0001")
    assert desk.last_result.kind == "lent"
    assert "平凡的世界" in desk.result_text()
    scan(qtbot, desk, "B0002")
    assert open_loans(reader) == 2
    assert desk.loans_model.rowCount() == 2
    assert "2 of 3" in desk.info_label.text()
    assert desk.scan_edit.text() == ""
    assert desk.scan_edit.hasFocus()

    scan(qtbot, desk, "B0002")  # a double read right after the loan: ignored
    assert open_loans(reader) == 2
    monkeypatch.setattr(circulation, "REPEAT_MS", 0)  # as if more than a second had passed
    scan(qtbot, desk, "B0002")
    assert desk.last_result.kind == "returned"
    assert open_loans(reader) == 1
    assert "活着" in desk.result_text() and "On time" in desk.result_text()
    assert desk.loans_model.rowCount() == 1


def test_the_same_code_twice_within_a_second_acts_once(qtbot, desk, reader, books):
    scan(qtbot, desk, CARD)
    scan(qtbot, desk, "B0001")
    first = desk.last_result
    scan(qtbot, desk, "B0001")
    assert desk.last_result is first
    assert open_loans(reader) == 1
    assert Loan.select().count() == 1
    assert desk.scan_edit.text() == ""


def test_a_different_code_in_between_is_not_a_repeat(qtbot, desk, reader, books):
    scan(qtbot, desk, CARD)
    scan(qtbot, desk, "B0001")
    scan(qtbot, desk, "B0002")
    scan(qtbot, desk, "B0001")  # a second book in between: a real return
    assert desk.last_result.kind == "returned"
    assert open_loans(reader) == 1


def test_tab_suffix_acts_like_enter_and_keeps_focus(qtbot, desk, reader, books):
    scan(qtbot, desk, CARD, Qt.Key.Key_Tab)
    assert desk.borrower is not None
    scan(qtbot, desk, "B0003", Qt.Key.Key_Tab)
    assert open_loans(reader) == 1
    assert desk.scan_edit.hasFocus()
    assert desk.scan_edit.text() == ""


def test_tab_on_an_empty_scan_field_moves_on(qtbot, desk, reader, books):
    """A scanner's Tab follows a code; on an empty field Tab is the staff member's."""
    scan(qtbot, desk, CARD, Qt.Key.Key_Tab)
    assert desk.scan_edit.text() == ""
    assert desk.scan_edit.hasFocus()
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not None
    assert QApplication.focusWidget() is not desk.scan_edit
    assert desk.borrower is not None  # nothing was acted on


def test_lf_suffix_acts(qtbot, desk, reader, books):
    qtbot.keyClicks(desk.scan_edit, CARD)
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert desk.borrower is not None
    desk.scan_edit.setText("B0001\n")  # a paste, or a suffix that arrives as a character
    assert open_loans(reader) == 1
    assert desk.scan_edit.text() == ""


def test_scan_text_is_the_same_path_as_enter(desk, reader, books):
    result = desk.scan_text(CARD)
    assert result.kind == "borrower"
    assert desk.scan_text("B0004").kind == "lent"
    assert desk.scan_text("B0004") is None  # a double read
    assert open_loans(reader) == 1


# --- limits ---------------------------------------------------------------------------------------


def test_a_fourth_book_is_refused_with_the_reason(qtbot, desk, reader, books):
    scan(qtbot, desk, CARD)
    for barcode in ("B0001", "B0002", "B0003"):
        scan(qtbot, desk, barcode)
    scan(qtbot, desk, "B0004")
    assert open_loans(reader) == 3
    assert desk.last_result.kind == "refused"
    assert "张伟 already has 3 book(s), the most allowed." in desk.result_text()
    assert desk.result_frame.property("outcome") == "error"


def test_a_suspended_borrower_is_refused(qtbot, desk, admin, reader, books):
    library.lend(admin, books["B0001"].id, reader.id)
    Loan.update(due_on=today() - timedelta(days=5)).execute()
    scan(qtbot, desk, CARD)
    assert desk.borrower.id == reader.id
    assert desk.suspended_label.isVisible()
    assert "suspended" in desk.suspended_label.text()
    assert desk.loans_model.data(desk.loans_model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    scan(qtbot, desk, "B0002")
    assert desk.last_result.kind == "refused"
    assert "borrowing is suspended" in desk.result_text()
    assert open_loans(reader) == 1
    scan(qtbot, desk, "B0001")  # returns are always welcome
    assert desk.last_result.kind == "returned"
    assert "5 day(s) late" in desk.result_text()
    assert not desk.suspended_label.isVisible()


def test_a_book_without_a_borrower_is_refused(qtbot, desk, books):
    scan(qtbot, desk, "B0001")
    assert desk.last_result.kind == "refused"
    assert "Scan the borrower's card first" in desk.result_text()


def test_an_unknown_code_says_so(qtbot, desk, books):
    scan(qtbot, desk, "ZZ99")
    assert desk.last_result.kind == "unknown"
    assert "ZZ99" in desk.result_text()


# --- renewals and holds ---------------------------------------------------------------------------


def test_ctrl_r_renews_the_only_loan(qtbot, desk, admin, reader, books):
    loan = library.lend(admin, books["B0001"].id, reader.id)
    desk.set_borrower(reader.id)
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert desk.last_result.kind == "renewed"
    renewed = Loan.get_by_id(loan.id)
    assert renewed.renewals == 1 and renewed.due_on > loan.due_on
    assert desk.loans_model.data(desk.loans_model.index(0, 3)) == "1"


def test_renewing_a_reserved_title_is_refused(qtbot, desk, admin, reader, other, books):
    library.lend(admin, books["B0001"].id, reader.id)
    library.lend(admin, books["B0002"].id, reader.id)
    library.place_hold(admin, books["B0002"].title_id, other.id)
    desk.set_borrower(reader.id)
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "Choose the loan to renew" in desk.result_text()  # two loans, none chosen
    row = next(
        n for n, r in enumerate(desk.loans_model.rows) if r.barcode == "B0002"
    )  # newest first
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Down)
    if desk.loans_table.currentIndex().row() != row:
        qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Down if row else Qt.Key.Key_Up)
    assert desk.loans_table.currentIndex().row() == row
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert desk.last_result.kind == "refused"
    assert "Cannot renew: someone has reserved this title." in desk.result_text()


def test_the_renew_button_returns_focus_to_the_scan_field(qtbot, desk, admin, reader, books):
    library.lend(admin, books["B0001"].id, reader.id)
    desk.set_borrower(reader.id)
    qtbot.mouseClick(desk.renew_button, Qt.MouseButton.LeftButton)
    assert desk.last_result.kind == "renewed"
    assert desk.scan_edit.hasFocus()


def test_a_return_of_a_reserved_title_says_set_it_aside(qtbot, desk, admin, reader, other, books):
    library.lend(admin, books["B0001"].id, other.id)
    library.place_hold(admin, books["B0001"].title_id, reader.id)
    scan(qtbot, desk, "B0001")
    assert desk.last_result.kind == "returned"
    assert desk.hold_label.isVisible()
    assert "set aside for 张伟" in desk.hold_label.text().lower()
    assert desk.result_frame.property("outcome") == "hold"
    # The reader comes for it: the copy set aside is lent to them.
    scan(qtbot, desk, CARD)
    assert "ready" in desk.holds_list.item(0).text()
    scan(qtbot, desk, "B0001")
    assert desk.last_result.kind == "lent"
    assert desk.holds_list.count() == 0


def test_reserve_a_title_for_the_borrower(qtbot, desk, admin, reader, other, books):
    library.lend(admin, books["B0003"].id, other.id)
    desk.set_borrower(reader.id)
    desk.place_hold(books["B0003"].title_id)
    assert desk.last_result.kind == "reserved"
    assert desk.holds_list.count() == 1 and "围城" in desk.holds_list.item(0).text()
    desk.place_hold(books["B0003"].title_id)
    assert desk.last_result.kind == "refused"
    assert "already reserved" in desk.result_text()
    desk.holds_list.setCurrentRow(0)
    desk.cancel_selected_hold()
    assert desk.holds_list.count() == 0


def test_the_reserve_dialog_finds_titles_as_you_type(qtbot, admin, books):
    dialog = reserve_dialog.ReserveTitleDialog(admin)
    qtbot.addWidget(dialog)
    dialog.search.setText("围城")
    dialog.search_now()
    assert dialog.results.count() == 1
    dialog.accept_current()
    assert dialog.chosen_title_id == books["B0003"].title_id


# --- undo -------------------------------------------------------------------------------------


def test_ctrl_z_undoes_a_loan(qtbot, desk, reader, books):
    scan(qtbot, desk, CARD)
    scan(qtbot, desk, "B0001")
    assert open_loans(reader) == 1 and desk.undo_button.isEnabled()
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert open_loans(reader) == 0
    assert Loan.select().count() == 0
    assert desk.last_result.kind == "undone"
    assert not desk.undo_button.isEnabled()
    assert desk.loans_model.rowCount() == 0


def test_undo_a_return(qtbot, desk, admin, reader, books):
    library.lend(admin, books["B0001"].id, reader.id)
    scan(qtbot, desk, "B0001")
    assert open_loans(reader) == 0
    qtbot.mouseClick(desk.undo_button, Qt.MouseButton.LeftButton)
    assert open_loans(reader) == 1
    assert desk.scan_edit.hasFocus()


# --- borrowers without a card, ISBNs, boxes ---------------------------------------------------


def test_the_picker_chooses_a_borrower_without_a_card(qtbot, desk, other):
    desk.focus_search()
    qtbot.keyClicks(desk.picker.edit, "13987654321")
    qtbot.keyClick(desk.picker.edit, Qt.Key.Key_Return)
    assert desk.borrower is not None and desk.borrower.id == other.id
    assert desk.scan_edit.hasFocus()
    assert "Other worker" in desk.info_label.text()
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Escape)
    assert desk.borrower is None


def test_an_isbn_with_several_copies_offers_a_choice(qtbot, desk, admin, reader):
    title = library.create_title(admin, library.TitleInput(title="三体", isbn=ISBN))
    for barcode, shelf in (("C0001", "A-1"), ("C0002", "A-2")):
        library.add_copy(admin, title.id, library.CopyInput(barcode=barcode, location=shelf))
    scan(qtbot, desk, CARD)
    scan(qtbot, desk, ISBN)
    assert desk.last_result.kind == "choose"
    assert desk.choose_list.isVisible() and desk.choose_list.count() == 2
    assert "A-1" in desk.choose_list.item(0).text()
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Down)
    qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Return)
    assert desk.last_result.kind == "lent"
    assert not desk.choose_list.isVisible()
    loan = Loan.get(Loan.person == reader.id)
    assert loan.copy.barcode == "C0002"


def test_an_unknown_isbn_asks_the_catalogue(qtbot, desk):
    with qtbot.waitSignal(desk.quick_add_requested) as requested:
        scan(qtbot, desk, ISBN)
    assert requested.args == [ISBN]
    assert desk.last_result.kind == "isbn_unknown"
    assert ISBN in desk.result_text()


def test_a_box_barcode_is_handed_on(qtbot, desk):
    box = Box.create(barcode="BOX001", name="流动书屋一号箱")
    with qtbot.waitSignal(desk.box_scanned) as scanned:
        scan(qtbot, desk, "BOX001")
    assert scanned.args == [box.id]


def test_another_desk_lending_refreshes_the_panel(qtbot, desk, admin, reader, books):
    desk.set_borrower(reader.id)
    library.lend(admin, books["B0005"].id, reader.id)
    qtbot.waitUntil(lambda: desk.loans_model.rowCount() == 1)


def test_table_models(qtmodeltester, admin, reader, books):
    library.lend(admin, books["B0001"].id, reader.id)
    library.lend(admin, books["B0002"].id, reader.id)
    Loan.update(due_on=today() - timedelta(days=2)).where(Loan.id == 1).execute()
    current = CurrentLoansTableModel()
    current.set_rows(library.person_loans(admin, reader.id))
    qtmodeltester.check(current)
    overdue = LoanRowTableModel(overdue=True)
    overdue.set_rows(library.overdue_loans(admin), today())
    qtmodeltester.check(overdue)
    assert overdue.data(overdue.index(0, 6)) == "2"


# --- overdue lists and letters --------------------------------------------------------------------


def overdue_rows(admin, reader, other, books):
    """张伟 has two books overdue (10 and 3 days), 李娜 one (20 days)."""
    due = {"B0001": 10, "B0002": 3, "B0003": 20}
    for barcode in due:
        person = other if barcode == "B0003" else reader
        library.lend(admin, books[barcode].id, person.id)
    for barcode, days in due.items():
        Loan.update(due_on=today() - timedelta(days=days)).where(
            Loan.copy == books[barcode].id
        ).execute()
    return library.overdue_loans(admin)


STATION = StationSettings(
    station_name="建国门街道工会服务站", case_prefix="建工调", contact="010-65123456"
)


def pdf_pages(path: Path) -> list[str]:
    reader = pypdf.PdfReader(str(path))
    return ["".join(page.extract_text().split()) for page in reader.pages]


def test_reminder_letters_name_the_borrower_the_books_and_the_station(admin, reader, other, books):
    rows = overdue_rows(admin, reader, other, books)
    assert [row.barcode for row in rows] == ["B0003", "B0001", "B0002"]  # longest first
    page = reminder_letters_html(rows, STATION, date(2024, 5, 6))
    for text in (
        "张伟",
        "李娜",
        "平凡的世界",
        "活着",
        "围城",
        STATION.station_name,
        "010-65123456",
    ):
        assert text in page
    assert "no fines" in page and "suspended" in page
    assert page.count("page-break-before") == 1  # two letters


def test_reminder_letters_pdf_has_one_page_per_borrower(
    qapp, admin, reader, other, books, tmp_path
):
    from stationapp.ui.printing import html_document, write_pdf_document

    rows = overdue_rows(admin, reader, other, books)
    path = write_pdf_document(
        html_document(reminder_letters_html(rows, STATION, today())), tmp_path / "letters.pdf"
    )
    pages = pdf_pages(path)
    assert len(pages) == 2
    assert "李娜" in pages[0] and "围城" in pages[0]
    assert "张伟" in pages[1] and "平凡的世界" in pages[1] and "李娜" not in pages[1]
    assert STATION.station_name in pages[1]


def test_call_list_has_phones_one_line_per_borrower(admin, reader, other, books):
    rows = overdue_rows(admin, reader, other, books)
    page = call_list_html(rows, STATION, today())
    assert "13812345678" in page and "13987654321" in page
    assert page.count("<tr>") == 3  # the header and two borrowers
    assert "Days overdue" in page
    assert '<td align="center">20</td>' in page


def test_user_text_is_escaped(admin, reader):
    title = library.create_title(admin, library.TitleInput(title="<b>Tom & Jerry</b>"))
    copy = library.add_copy(admin, title.id, library.CopyInput(barcode="E0001"))
    library.lend(admin, copy.id, reader.id)
    Loan.update(due_on=today() - timedelta(days=1)).execute()
    rows = library.overdue_loans(admin)
    for page in (
        reminder_letters_html(rows, STATION, today()),
        call_list_html(rows, STATION, today()),
    ):
        assert "<b>Tom" not in page
        assert "&lt;b&gt;Tom &amp; Jerry" in page


def test_overdue_widget_lists_and_saves_pdfs(qtbot, admin, bus, reader, other, books, tmp_path):
    accounts.update_station_settings(
        admin, station_name=STATION.station_name, case_prefix="建工调", contact="010-65123456"
    )
    library.lend(admin, books["B0004"].id, other.id)
    overdue_rows(admin, reader, other, books)
    Loan.update(due_on=today() + timedelta(days=5)).where(Loan.copy == books["B0004"].id).execute()
    widget = OverdueWidget(admin, bus)
    qtbot.addWidget(widget)
    assert widget.overdue_model.rowCount() == 3
    assert widget.overdue_model.data(widget.overdue_model.index(0, 0)) == "李娜"
    assert widget.due_model.rowCount() == 0
    widget.days_spin.setValue(7)
    qtbot.waitUntil(lambda: widget.due_model.rowCount() == 1)
    widget.tabs.setCurrentIndex(1)
    assert widget.due_model.data(widget.due_model.index(0, 6)) == "5"
    calls = pdf_pages(widget.write_pdf("calls", tmp_path / "calls.pdf"))
    assert "13987654321" in "".join(calls) and "13812345678" not in "".join(calls)
    letters = "".join(pdf_pages(widget.write_pdf("letters", tmp_path / "letters.pdf")))
    assert "张伟" in letters and "010-65123456" in letters
    library.return_copy(admin, books["B0003"].id)
    qtbot.waitUntil(lambda: widget.overdue_model.rowCount() == 2)


# --- the borrower forgotten after the idle time, returns of someone else's book, one height -------


@pytest.fixture
def third(admin):
    return people.create_person(admin, people.PersonInput(name="王芳", phone="13700001111"))


def test_the_borrower_is_cleared_after_the_idle_time(qtbot, desk, reader, books):
    desk.set_idle_interval(200)
    scan(qtbot, desk, CARD)
    assert desk.borrower is not None and desk.borrower.id == reader.id
    qtbot.waitUntil(lambda: desk.borrower is None, timeout=5000)
    assert desk.last_result.kind == "cleared"
    assert "Borrower cleared" in desk.result_text() and "张伟" in desk.result_text()
    assert desk.name_label.text() == "No borrower: scan a card"
    assert desk.loans_model.rowCount() == 0
    # The next worker's book is not lent to the previous reader.
    qtbot.wait(1100)  # past the double-read window
    scan(qtbot, desk, "B0001")
    assert desk.last_result.kind == "refused"
    assert Loan.select().count() == 0
    assert desk.scan_edit.hasFocus()


def test_keys_at_the_desk_keep_the_borrower(qtbot, desk, reader, books):
    desk.set_idle_interval(1500)
    scan(qtbot, desk, CARD)
    for _ in range(8):  # 2.4 s of typing, longer than the idle time
        qtbot.wait(300)
        qtbot.keyClick(desk.scan_edit, Qt.Key.Key_A)
        qtbot.keyClick(desk.scan_edit, Qt.Key.Key_Backspace)
    assert desk.borrower is not None and desk.borrower.id == reader.id
    qtbot.waitUntil(lambda: desk.borrower is None, timeout=5000)


def test_showing_the_page_again_is_not_activity(qtbot, desk, reader):
    """Switching tabs away and back does not keep the borrower."""
    desk.set_idle_interval(600)
    scan(qtbot, desk, CARD)
    for _ in range(8):
        qtbot.wait(150)
        desk.hide()
        desk.show()
        if desk.borrower is None:
            break
    qtbot.waitUntil(lambda: desk.borrower is None, timeout=5000)


def test_the_idle_time_is_a_station_setting(qtbot, desk, admin):
    assert desk.idle_interval_ms == accounts.DEFAULT_BORROWER_IDLE_MINUTES * 60_000 == 120_000
    accounts.update_station_settings(
        admin, station_name="建国门街道工会服务站", case_prefix="建工调", borrower_idle_minutes=5
    )
    qtbot.waitUntil(lambda: desk.idle_interval_ms == 5 * 60_000)


def test_the_station_settings_dialog_edits_the_idle_time(qtbot, admin):
    from stationapp.ui.accounts import StationSettingsDialog

    dialog = StationSettingsDialog(admin)
    qtbot.addWidget(dialog)
    assert dialog.borrower_idle.value() == 2
    assert dialog.borrower_idle.maximum() == accounts.MAX_BORROWER_IDLE_MINUTES
    dialog.borrower_idle.setValue(7)
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert accounts.station_settings().borrower_idle_minutes == 7


def test_a_return_of_someone_elses_book_says_whose_and_who_waits(
    qtbot, desk, admin, reader, other, third, books
):
    library.lend(admin, books["B0002"].id, other.id)
    library.place_hold(admin, books["B0002"].title_id, third.id)
    scan(qtbot, desk, CARD)
    scan(qtbot, desk, "B0002")
    assert desk.last_result.kind == "returned"
    assert desk.last_result.other_borrower and desk.last_result.lent_to.id == other.id
    text = desk.result_text()
    assert "It was lent to 李娜 (139****4321), not to 张伟." in text
    assert "13987654321" not in text  # the phone masked: the desk faces the public
    assert "Set aside for 王芳 (137****1111), who reserved it." in desk.hold_label.text()
    assert desk.result_frame.property("outcome") == "hold"
    assert desk.borrower.id == reader.id  # the borrower at the desk stays


def test_a_return_of_someone_elses_book_says_no_hold_waits(
    qtbot, desk, admin, reader, other, books
):
    library.lend(admin, books["B0003"].id, other.id)
    scan(qtbot, desk, CARD)
    scan(qtbot, desk, "B0003")
    assert "It was lent to 李娜" in desk.result_text()
    assert desk.hold_label.text() == "No reservation waits for it: back to the shelf."
    assert desk.result_frame.property("outcome") == "warning"


def test_a_return_with_no_borrower_at_the_desk_is_as_before(qtbot, desk, admin, other, books):
    library.lend(admin, books["B0003"].id, other.id)
    scan(qtbot, desk, "B0003")
    assert desk.last_result.kind == "returned" and not desk.last_result.other_borrower
    assert "lent to" not in desk.result_text()
    assert not desk.hold_label.isVisible()


def test_the_result_area_keeps_one_height(qtbot, desk, admin, reader, other, third, books):
    def heights() -> tuple[int, int]:
        QApplication.processEvents()
        return desk.result_frame.height(), desk.borrower_box.y()

    empty = heights()
    scan(qtbot, desk, CARD)
    assert desk.last_result.kind == "borrower"
    borrower = heights()
    library.lend(admin, books["B0002"].id, other.id)
    library.place_hold(admin, books["B0002"].title_id, third.id)
    scan(qtbot, desk, "B0002")
    assert desk.detail.isVisible() and desk.hold_label.isVisible()
    message = heights()
    desk.set_idle_interval(50)
    desk._touch()
    qtbot.waitUntil(lambda: desk.borrower is None)
    cleared = heights()
    assert empty == borrower == message == cleared
