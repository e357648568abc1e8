"""The report's PDF with its charts, the chart painter, the report dialog and the command line's
PDF (issue #11). The PDF is rendered with poppler's pdftoppm and read back with pdftotext."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QTableWidget

from stationapp.models.accounts import LIBRARIAN, Staff
from stationapp.models.events import Event, Registration
from stationapp.models.library import Copy, Loan, Title
from stationapp.models.mediation import CaseEvent, MediationCase
from stationapp.models.people import Organization, Person
from stationapp.models.visits import ServiceType, Visit, VisitPurpose
from stationapp.services import reports
from stationapp.ui.charts import BAR, LINE, Chart, ChartWidget, Series, chart_image
from stationapp.ui.report_pdf import report_charts, write_report_pdf
from stationapp.ui.reports import ReportsDialog
from tests.helpers.service_inputs import fresh_name

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) is not installed",
)
BLUE = (0x00, 0x72, 0xB2)  # the visits bars


def _at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, 0)


@pytest.fixture
def station(admin: Staff) -> Staff:
    """A year of visits, loans, events and cases up to October 2026."""
    org = Organization.create(name="国贸大厦")
    service = ServiceType.create(name="测试·法律咨询")
    title = Title.create(title="活着")
    person = Person.create(name=fresh_name())
    guests = [Person.create(name=fresh_name()) for _ in range(4)]
    for month in range(1, 11):
        for n in range(month % 4 + 2):
            v = Visit.create(
                person=person, channel="walk_in", staff=admin, arrived_at=_at(month, n + 1)
            )
            VisitPurpose.create(visit=v, service=service, arrived_at=v.arrived_at)
        for n in range(month % 3 + 1):
            copy = Copy.create(title=title, barcode=f"G{month:02d}{n}")
            Loan.create(
                copy=copy,
                person=person,
                staff=admin,
                lent_at=_at(month, n + 3),
                due_on=date(2026, month, 28),
            )
        event = Event.create(
            title="活动",
            size="big",
            starts_at=_at(month, 12),
            ends_at=_at(month, 12) + timedelta(hours=2),
            capacity=10,
            created_by=admin,
        )
        for k, guest in enumerate(guests):
            state = "attended" if k <= month % 4 else "no_show"
            Registration.create(event=event, person=guest, state=state, staff=admin)
        case = MediationCase.create(
            year=2026,
            sequence=month,
            number=f"测{month}",
            received_at=_at(month, 2),
            respondent=org,
            mediation_due=date(2026, month, 17),
            created_by=admin,
        )
        outcome = "agreement_effective" if month % 2 else "failed"
        CaseEvent.create(
            case=case, at=_at(month, 10), staff=admin, kind="transition", to_state=outcome
        )
    return admin


def _colours(image: QImage, step: int = 3) -> set[int]:
    return {
        image.pixel(x, y)
        for y in range(0, image.height(), step)
        for x in range(0, image.width(), step)
    }


def _has_colour(image: QImage, rgb: tuple[int, int, int], tolerance: int = 24) -> bool:
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if all(
                abs(a - b) <= tolerance
                for a, b in zip((c.red(), c.green(), c.blue()), rgb, strict=True)
            ):
                return True
    return False


def test_a_chart_image_is_not_blank(qapp) -> None:
    for kind in (BAR, LINE):
        chart = Chart(
            "每月来访",
            ["2026-01", "2026-02", "2026-03"],
            [Series("来访", [3, 10, 6]), Series("其他", [1, 2, 0])],
            kind,
        )
        image = chart_image(chart, QSize(600, 300))
        assert len(_colours(image)) > 20
        assert _has_colour(image, BLUE)
    empty = chart_image(Chart("空", [], []), QSize(300, 200))
    assert not empty.isNull()  # no series, no categories: painted, no division by zero


def test_the_chart_widget_paints(qtbot) -> None:
    widget = ChartWidget(Chart("每月借阅", ["1月", "2月"], [Series("借阅", [4, 9])]))
    qtbot.addWidget(widget)
    widget.resize(500, 260)
    widget.show()
    qtbot.waitExposed(widget)
    assert len(_colours(widget.grab().toImage())) > 10


@needs_poppler
def test_the_pdf_renders_with_its_charts(station: Staff, tmp_path: Path) -> None:
    report = reports.month_report(station, "2026-10")
    assert [key for key, _chart in report_charts(report)] == [
        "visits",
        "cases",
        "library",
        "events",
    ]
    path = write_report_pdf(report, tmp_path / "report.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert (path.stat().st_mode & 0o777) == 0o600
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages, "pdftoppm rendered no page"
    images = [QImage(str(p)) for p in pages]
    assert all(not image.isNull() for image in images)
    # Pages with charts carry many colours (bars, anti-aliased lines); the visits bars are blue.
    chart_pages = [image for image in images if len(_colours(image)) > 40]
    assert chart_pages, "no page has the variety of a chart"
    assert any(_has_colour(image, BLUE) for image in images)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "建国门街道工会服务站" in text
    assert "测试·法律咨询" in text


def test_the_dialog_shows_figures_charts_and_saves(
    station: Staff, qtbot, tmp_path: Path, monkeypatch
) -> None:
    dialog = ReportsDialog(station)
    qtbot.addWidget(dialog)
    dialog.month_edit.setDate(QDate(2026, 10, 1))
    dialog.refresh()
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == [
        "Summary",
        "Visits",
        "Cases",
        "Library",
        "Events",
        "Rooms",
        "Member services: membership and 京卡",
        "Mutual-aid cover",
        "Welfare rounds",
        "Collective contracts and workers' congresses",
    ]
    assert "2026-10" in dialog.title.text()
    visits_page = dialog.tabs.widget(1)
    first = visits_page.findChildren(QTableWidget)[0]
    assert first.item(0, 0).text() == "Visits"
    assert first.item(0, 1).text() == str(dialog.report.visits.visits)
    assert len(dialog.chart_widgets()) == 4

    chosen = tmp_path / "october"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), "Excel workbook (*.xlsx)")
    )
    dialog.excel_button.click()
    workbook = load_workbook(tmp_path / "october.xlsx")
    assert workbook.sheetnames == [
        "Summary",
        "Visits",
        "Cases",
        "Library",
        "Events",
        "Rooms",
        "Member services membership and",
        "Mutual-aid cover",
        "Welfare rounds",
        "Collective contracts and worker",
    ]
    dialog.pdf_button.click()
    assert (tmp_path / "october.pdf").read_bytes().startswith(b"%PDF")
    assert "october.pdf" in dialog.bar.label.text()

    dialog.year_button.setChecked(True)
    dialog.year_edit.setValue(2026)
    dialog.show_button.click()
    assert dialog.report.period.kind == "year"
    assert dialog.report.visits.visits == Visit.select().count()


def test_the_dialog_says_when_a_file_cannot_be_written(
    station: Staff, qtbot, tmp_path: Path
) -> None:
    dialog = ReportsDialog(station)
    qtbot.addWidget(dialog)
    blocked = tmp_path / "blocked.pdf"
    blocked.mkdir()  # a folder where the file should go
    assert dialog.save_pdf(blocked) is None
    assert not dialog.bar.isHidden()


def test_a_librarian_sees_no_cases_in_the_dialog(station: Staff, make_staff, qtbot) -> None:
    librarian = make_staff("books", LIBRARIAN)
    dialog = ReportsDialog(librarian)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert titles == [
        "Summary",
        "Library",
        "Events",
        "Collective contracts and workers' congresses",
    ]
    assert len(dialog.chart_widgets()) == 2


def test_the_command_line_writes_a_pdf(station: Staff, db_url: str, tmp_path: Path) -> None:
    from stationapp.cli import run_command

    out = tmp_path / "2026.pdf"
    args = argparse.Namespace(command="report", month=None, year="2026", out=str(out), user="admin")
    assert run_command(args, db_url) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_the_report_subcommand_from_the_top(station: Staff, db_url: str, tmp_path: Path) -> None:
    """``stationapp report`` through the application's own command line."""
    from stationapp.app import main

    out = tmp_path / "october.pdf"
    argv = ["report", "--month", "2026-10", "--out", str(out), "--user", "admin"]
    assert main([*argv, "--database", db_url]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert (
        main(
            [
                "report",
                "--month",
                "2026-10",
                "--out",
                str(tmp_path / "x.doc"),
                "--database",
                db_url,
                "--user",
                "admin",
            ]
        )
        == 1
    )


def test_the_dialog_gives_the_figures_room_and_scrolls_once(station: Staff, qtbot) -> None:
    """Issue 18, defect 11: the label column as wide as its content, figures with room and
    right-aligned, one scroll area per page (the wheel over a table scrolls the page), and the
    dialog fits the office screen."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication, QScrollArea

    from tests.helpers.screen import too_large

    dialog = ReportsDialog(station)
    qtbot.addWidget(dialog)
    dialog.year_button.setChecked(True)
    dialog.year_edit.setValue(2026)
    dialog.refresh()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert too_large(dialog) == (0, 0)
    assert dialog.width() <= 1366 and dialog.height() <= 768
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = dialog.tabs.widget(index)
        assert isinstance(page, QScrollArea)
        assert page.findChildren(QScrollArea) == []  # no scroll area inside the page's one
        for table in page.findChildren(QTableWidget):
            label = table.fontMetrics().horizontalAdvance(table.horizontalHeaderItem(0).text())
            longest = max(
                [label]
                + [
                    table.fontMetrics().horizontalAdvance(table.item(r, 0).text())
                    for r in range(table.rowCount())
                ]
            )
            assert longest <= table.columnWidth(0) <= longest + 60, table.accessibleName()
            for c in range(1, table.columnCount()):
                assert table.columnWidth(c) >= table.fontMetrics().horizontalAdvance("0" * 8)
                for r in range(table.rowCount()):
                    text = table.item(r, c).text()
                    if text.replace(",", "").replace(".", "").rstrip("%").isdigit():
                        assert table.item(r, c).textAlignment() & Qt.AlignmentFlag.AlignRight
            assert table.verticalScrollBar().maximum() == 0
            assert table.horizontalScrollBar().maximum() == 0
            assert table.width() < page.viewport().width() or table.columnCount() > 4
    # The wheel over a table is left to the page: the table takes none of it (a wheel event
    # from the mouse then goes on to the page's scroll area; a synthesized one would not).
    dialog.tabs.setCurrentIndex(1)
    page = dialog.tabs.currentWidget()
    QApplication.processEvents()
    assert page.verticalScrollBar().maximum() > 0
    table = page.findChildren(QTableWidget)[0]
    centre = QPointF(table.viewport().rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(table.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    wheel.accept()
    table.wheelEvent(wheel)
    assert not wheel.isAccepted()
    assert table.verticalScrollBar().value() == 0
