"""Stocktake (盘点) with the scanner: start one for a location or the whole collection, scan the
shelves, watch the counts, then see and print what is missing, unexpected and misplaced."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.library import Stocktake
from stationapp.services import accounts, library, library_boxes
from stationapp.services.accounts import StationSettings
from stationapp.services.library_boxes import CopyLine, StocktakeResult, StocktakeScan
from stationapp.ui.bus import ChangeBus
from stationapp.ui.forms import add_button, layout_with_bar, reports_user_errors
from stationapp.ui.library.scan_field import ScanField
from stationapp.ui.printing import html_document, preview_document, write_pdf_document
from stationapp.ui.sheet_html import html_numbered_table, html_page, html_text

translate = QCoreApplication.translate

KIND_STYLES = {
    "seen": "color: #1b5e20;",
    "repeat": "color: #555555;",
    "unexpected": "color: #8a5300;",
    "misplaced": "color: #8a5300;",
    "unknown": "color: #b3261e;",
}


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return translate("LibraryStocktake", "{month}/{day}/{year} {time}").format(
        year=moment.year, month=moment.month, day=moment.day, time=moment.strftime("%H:%M")
    )


def where_label(location: str) -> str:
    return location or translate("LibraryStocktake", "the whole collection")


def _table(lines: Sequence[CopyLine]) -> str:
    headers = (
        (translate("LibraryStocktake", "Barcode"), "18%"),
        (translate("LibraryStocktake", "Title"), "44%"),
        (translate("LibraryStocktake", "Location"), "15%"),
        (translate("LibraryStocktake", "Status"), "15%"),
    )
    rows = [
        (
            html_text(line.barcode),
            html_text(line.title),
            html_text(line.location),
            html_text(library.copy_status_label(line.status)),
        )
        for line in lines
    ]
    return html_numbered_table((translate("LibraryStocktake", "No."), "8%"), headers, rows)


def stocktake_html(
    stocktake: Stocktake, result: StocktakeResult, station: StationSettings | str
) -> str:
    """The printed result of a stocktake."""
    name = station if isinstance(station, str) else station.station_name
    title = translate("LibraryStocktake", "Stocktake result")
    parts = [
        f'<h1 align="center">{title}</h1>',
        f'<p align="center" style="font-size: 12pt;">{html_text(name)}</p>',
        "<hr/>",
        "<p>{}</p>".format(
            translate("LibraryStocktake", "Stocktake of {where}, started {start}.").format(
                where=html_text(where_label(stocktake.location)), start=_when(stocktake.started_at)
            )
        ),
    ]
    if stocktake.finished_at is not None:
        parts.append(
            "<p>{}</p>".format(
                translate("LibraryStocktake", "Finished {end}.").format(
                    end=_when(stocktake.finished_at)
                )
            )
        )
    parts.append(
        "<p>{}</p>".format(
            translate(
                "LibraryStocktake",
                "Expected on the shelf: {expected}; seen: {seen}; missing: {missing}; "
                "unexpected: {unexpected}; misplaced: {misplaced}.",
            ).format(
                expected=result.expected,
                seen=result.seen,
                missing=len(result.missing),
                unexpected=len(result.unexpected),
                misplaced=len(result.misplaced),
            )
        )
    )
    none = "<p>{}</p>".format(translate("LibraryStocktake", "None."))
    for heading, lines in (
        (translate("LibraryStocktake", "Missing"), result.missing),
        (translate("LibraryStocktake", "Misplaced"), result.misplaced),
        (translate("LibraryStocktake", "Unexpected"), result.unexpected),
        (translate("LibraryStocktake", "Lent or returned during the stocktake"), result.circulated),
    ):
        parts.append(f"<h2>{heading} ({len(lines)})</h2>")
        parts.append(_table(lines) if lines else none)
    parts.append(
        '<p style="margin-top: 24px;">{}{}</p>'.format(
            translate("LibraryStocktake", "Checked by (signature):"), "_" * 14
        )
    )
    return html_page(parts)


def write_stocktake_pdf(
    stocktake: Stocktake, result: StocktakeResult, station: StationSettings | str, path: Path
) -> Path:
    return write_pdf_document(
        html_document(stocktake_html(stocktake, result, station)),
        path,
        title=translate("LibraryStocktake", "Stocktake result"),
    )


class StocktakeWidget(QWidget):
    """One stocktake at a time on screen; several may be open (different locations)."""

    def __init__(self, actor: Staff, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.can_scan = accounts.has_permission(actor, "library.catalogue")
        self.stocktake: Stocktake | None = None
        self.last_scan: StocktakeScan | None = None
        self._scanning = False
        layout, self.bar = layout_with_bar(self)

        start_row = QHBoxLayout()
        start_row.addWidget(QLabel(self.tr("Location:")))
        self.location = QComboBox()
        self.location.setMinimumWidth(160)
        start_row.addWidget(self.location)
        self.start_button = QPushButton(self.tr("Start st&ocktake"))
        self.start_button.setToolTip(
            self.tr("Freeze the list of books expected on the shelf here, then scan them")
        )
        self.start_button.clicked.connect(self.start)
        start_row.addWidget(self.start_button)
        start_row.addSpacing(24)
        self.session_label = QLabel(self.tr("Open stocktake:"))
        start_row.addWidget(self.session_label)
        self.session = QComboBox()
        self.session.setMinimumWidth(260)
        self.session.currentIndexChanged.connect(self._session_chosen)
        start_row.addWidget(self.session)
        start_row.addStretch(1)
        layout.addLayout(start_row)

        scan_row = QHBoxLayout()
        self.shelf_label = QLabel(self.tr("Shelf being s&canned:"))
        scan_row.addWidget(self.shelf_label)
        self.shelf = QComboBox()
        self.shelf.setEditable(True)
        self.shelf.setMinimumWidth(140)
        self.shelf.setToolTip(
            self.tr("Optional: books found here that belong elsewhere are listed as misplaced")
        )
        self.shelf_label.setBuddy(self.shelf)
        scan_row.addWidget(self.shelf)
        self.scan = ScanField()
        self.scan.setPlaceholderText(self.tr("Scan each book on the shelf"))
        self.scan.scanned.connect(self.scan_code)
        scan_row.addWidget(self.scan, 1)
        layout.addLayout(scan_row)

        self.result_line = QLabel()
        self.result_line.setWordWrap(True)
        self.result_line.setMinimumHeight(40)
        layout.addWidget(self.result_line)
        self.counts = QLabel()
        self.counts.setStyleSheet("font-size: 14px;")
        layout.addWidget(self.counts)

        buttons = QHBoxLayout()
        self.result_button = add_button(buttons, self.tr("Show the result (&J)"), self.show_result)
        self.finish_button = add_button(buttons, self.tr("Finish &stocktake…"), self.finish)
        self.print_button = add_button(buttons, self.tr("Pri&nt result…"), self.print_result)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.lists = QTabWidget()
        self.missing = QListWidget()
        self.unexpected = QListWidget()
        self.misplaced = QListWidget()
        self.circulated = QListWidget()
        for widget in (self.missing, self.unexpected, self.misplaced, self.circulated):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lists.addTab(self.missing, self.tr("Missing"))
        self.lists.addTab(self.unexpected, self.tr("Unexpected"))
        self.lists.addTab(self.misplaced, self.tr("Misplaced"))
        self.lists.addTab(self.circulated, self.tr("Lent or returned meanwhile"))
        layout.addWidget(self.lists, 1)

        bus.changed.connect(self._on_changed)
        self.reload_locations()
        self.reload_sessions()

    # --- state -------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stocktake is not None:
            self.scan.setFocus()

    def _on_changed(self, entity: str) -> None:
        if entity == "copy":
            self.reload_locations()
        elif entity in ("stocktake", "loan") and not self._scanning:
            self.update_counts()

    @reports_user_errors
    def reload_locations(self) -> None:
        locations = library_boxes.copy_locations(self.actor)
        chosen = self.location.currentData()
        shelf = self.shelf.currentText()
        self.location.clear()
        self.location.addItem(self.tr("All locations"), "")
        self.shelf.clear()
        self.shelf.addItem("")
        for place in locations:
            self.location.addItem(place, place)
            self.shelf.addItem(place)
        self.location.setCurrentIndex(max(self.location.findData(chosen), 0))
        self.shelf.setEditText(shelf)

    def reload_sessions(self, select_id: int | None = None, *, switch: bool = True) -> None:
        """Refill the open stocktakes; with ``switch`` show the chosen one (else keep the one on
        screen, such as a stocktake just finished, to print it)."""
        current = select_id or (self.stocktake.id if self.stocktake else None)
        opened = library_boxes.open_stocktakes(self.actor)
        self.session.blockSignals(True)
        self.session.clear()
        for stocktake in opened:
            self.session.addItem(
                self.tr("{where}, started {start}").format(
                    where=where_label(stocktake.location), start=_when(stocktake.started_at)
                ),
                stocktake.id,
            )
        chosen = next((s for s in opened if s.id == current), None)
        if chosen is None and switch and opened:
            chosen = opened[0]
        self.session.setCurrentIndex(self.session.findData(chosen.id) if chosen else -1)
        self.session.blockSignals(False)
        self.session.setVisible(bool(opened))
        self.session_label.setVisible(bool(opened))
        if switch:
            self.set_stocktake(chosen)

    def _session_chosen(self, index: int) -> None:
        stocktake_id = self.session.itemData(index)
        if stocktake_id is not None:
            self.set_stocktake(library_boxes.get_stocktake(self.actor, stocktake_id))

    def set_stocktake(self, stocktake: Stocktake | None) -> None:
        self.stocktake = stocktake
        active = stocktake is not None and stocktake.finished_at is None
        self.scan.setEnabled(active and self.can_scan)
        self.shelf.setEnabled(active and self.can_scan and not stocktake.location)
        self.start_button.setEnabled(self.can_scan)
        self.finish_button.setEnabled(active and self.can_scan)
        self.result_button.setEnabled(stocktake is not None)
        self.print_button.setEnabled(stocktake is not None)
        for widget in (self.missing, self.unexpected, self.misplaced, self.circulated):
            widget.clear()
        self.result_line.clear()
        self.update_counts()
        if active:
            self.scan.setFocus()

    def update_counts(self) -> None:
        if self.stocktake is None:
            self.counts.setText(self.tr("No stocktake is open: choose a location and start one."))
            return
        progress = library_boxes.stocktake_progress(self.actor, self.stocktake.id)
        text = self.tr(
            "{where}: expected {expected}, seen {seen}, still to find {left}; "
            "unexpected {unexpected}, misplaced {misplaced}."
        ).format(
            where=where_label(self.stocktake.location),
            expected=progress.expected,
            seen=progress.seen,
            left=progress.expected - progress.seen,
            unexpected=progress.unexpected,
            misplaced=progress.misplaced,
        )
        if self.stocktake.finished_at is not None:
            text += " " + self.tr("(finished)")
        self.counts.setText(text)

    # --- actions -------------------------------------------------------------------------------

    @reports_user_errors
    def start(self) -> None:
        stocktake = library_boxes.start_stocktake(
            self.actor, location=self.location.currentData() or ""
        )
        self.bar.show_message(
            self.tr("Stocktake of {where} started: scan every book on the shelf.").format(
                where=where_label(stocktake.location)
            ),
            "info",
        )
        self.reload_sessions(select_id=stocktake.id)

    def scan_code(self, code: str) -> None:
        if self.stocktake is None:
            return
        self._scanning = True
        try:
            result = library_boxes.stocktake_scan(
                self.actor, self.stocktake.id, code, location_seen=self.shelf.currentText()
            )
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        finally:
            self._scanning = False
        self.last_scan = result
        self.result_line.setText(result.message)
        self.result_line.setStyleSheet(
            "font-size: 20px; font-weight: bold;" + KIND_STYLES.get(result.kind, "")
        )
        self.update_counts()
        self.scan.setFocus()

    def show_result(self) -> StocktakeResult | None:
        if self.stocktake is None:
            return None
        result = library_boxes.stocktake_result(self.actor, self.stocktake.id)
        for widget, lines in (
            (self.missing, result.missing),
            (self.unexpected, result.unexpected),
            (self.misplaced, result.misplaced),
            (self.circulated, result.circulated),
        ):
            widget.clear()
            widget.addItems(
                [
                    "  ".join(
                        part
                        for part in (
                            line.barcode,
                            line.title,
                            line.location,
                            library.copy_status_label(line.status),
                        )
                        if part
                    )
                    for line in lines
                ]
            )
        for index, count in enumerate(
            (
                len(result.missing),
                len(result.unexpected),
                len(result.misplaced),
                len(result.circulated),
            )
        ):
            label = self.lists.tabText(index).split(" (")[0]
            self.lists.setTabText(index, f"{label} ({QLocale().toString(count)})")
        if self.scan.isEnabled():
            self.scan.setFocus()
        return result

    def confirm_finish(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Finish stocktake"),
            self.tr(
                "Finish this stocktake? No book changes status: decide about the missing ones "
                "in the catalogue."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    @reports_user_errors
    def finish(self) -> None:
        if self.stocktake is None or not self.confirm_finish():
            return
        finished = library_boxes.finish_stocktake(self.actor, self.stocktake.id)
        self.bar.show_message(self.tr("Stocktake finished."), "info")
        self.reload_sessions(switch=False)
        self.set_stocktake(finished)
        self.show_result()

    def print_result(self) -> None:
        if self.stocktake is None:
            return
        result = library_boxes.stocktake_result(self.actor, self.stocktake.id)
        document = html_document(
            stocktake_html(self.stocktake, result, accounts.station_settings())
        )
        preview_document(document, self, title=translate("LibraryStocktake", "Stocktake result"))
