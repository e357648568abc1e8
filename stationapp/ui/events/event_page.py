"""One event: its facts, registering people at the desk, the roster with the waitlist, check-in,
attendance from the paper sheet, closing or calling the event off, and its printed lists."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.models.events import ACTIVE_STATES, Event, Registration
from stationapp.models.people import Person
from stationapp.services import accounts, events, people
from stationapp.services.accounts import has_permission
from stationapp.ui.dates import short_text
from stationapp.ui.events.roster_dialogs import AttendanceSheetDialog, NotifyDialog, PriorityDialog
from stationapp.ui.events.roster_model import COL_WORKPLACE, RosterTableModel, sheet_rows
from stationapp.ui.events.signin_sheet import (
    event_when,
    preview_signin_sheet,
    write_signin_sheet_pdf,
)
from stationapp.ui.forms import layout_with_bar, reports_user_errors, selectable_label
from stationapp.ui.layout_state import leave_on_tab, restore_columns, save_columns
from stationapp.ui.people.picker import PersonPicker, describe, register_from_picker
from stationapp.ui.table_model import setup_list_view

CHECK_IN_STATES = ("confirmed", "offered", "no_show")


def _escape(text: str) -> str:
    return html.escape(text or "")


def _file_safe(text: str) -> str:
    """A title fit for a file name."""
    return re.sub(r'[\\/:*?"<>|\s]+', "-", text).strip("-")[:60]


class FactsArea(QScrollArea):
    """The event's facts: as tall as they are up to about a dozen lines, then they scroll, so
    a long description never pushes the roster and its buttons off the screen (UX.md)."""

    MAX_LINES = 12
    MIN_LINES = 3

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The page's own background shows through (setWidget made the label paint its own).
        label.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _line(self) -> int:
        return self.fontMetrics().lineSpacing()

    def sizeHint(self) -> QSize:
        width = max(self.viewport().width(), 200)
        height = self.label.heightForWidth(width)
        if height < 0:
            height = self.label.sizeHint().height()
        return QSize(super().sizeHint().width(), min(height, self.MAX_LINES * self._line()) + 2)

    def minimumSizeHint(self) -> QSize:
        wanted = self.sizeHint().height()
        return QSize(0, min(wanted, self.MIN_LINES * self._line()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the wrapped text's height follows the width


class EventPage(QWidget):
    """One event and its roster. Registering takes two keys after the search: Enter in the picker
    chooses the person, Enter again (the focused Register button) registers. F8 and F9 are the
    Events tab's (they work wherever the focus is in the tab)."""

    TABLE_NAME = "event_roster"

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.shown: Event | None = None
        self.counts: events.EventCounts | None = None
        self.candidate: Person | None = None
        self.can_register = has_permission(actor, "event.register")
        self.can_manage = has_permission(actor, "event.manage")
        layout, self.bar = layout_with_bar(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = selectable_label()
        layout.addWidget(self.title_label)
        self.facts_label = selectable_label()
        self.facts_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.facts_area = FactsArea(self.facts_label)
        layout.addWidget(self.facts_area)
        self.places_label = QLabel()
        layout.addWidget(self.places_label)

        self.register_box = QWidget()
        register_layout = QVBoxLayout(self.register_box)
        register_layout.setContentsMargins(0, 4, 0, 4)
        register_layout.addWidget(
            QLabel(
                self.tr(
                    "<b>Register</b> (F8; phone tail, name, pinyin initials; Enter picks, "
                    "Enter again registers)"
                )
            )
        )
        self.picker = PersonPicker(actor)
        self.picker.person_chosen.connect(self.choose_person)
        self.picker.new_person_requested.connect(self.new_person)
        register_layout.addWidget(self.picker)
        chosen_row = QHBoxLayout()
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        chosen_row.addWidget(self.chosen_label, 1)
        self.register_button = QPushButton(self.tr("Regi&ster"))
        self.register_button.setAutoDefault(True)
        self.register_button.setDefault(True)
        self.register_button.clicked.connect(self.register_candidate)
        chosen_row.addWidget(self.register_button)
        # No access key (the letters on this page are all taken): Esc does the same.
        self.other_button = QPushButton(self.tr("Someone else (Esc)"))
        self.other_button.clicked.connect(self.clear_candidate)
        chosen_row.addWidget(self.other_button)
        self.chosen_row = QWidget()
        self.chosen_row.setLayout(chosen_row)
        register_layout.addWidget(self.chosen_row)
        self.chosen_row.hide()
        QShortcut(
            QKeySequence(Qt.Key.Key_Escape), self.chosen_row, self.clear_candidate
        ).setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout.addWidget(self.register_box)

        check_row = QHBoxLayout()
        self.check_in_field = QLineEdit()
        self.check_in_field.setClearButtonEnabled(True)
        self.check_in_field.setMaxLength(100)
        self.check_in_field.setPlaceholderText(
            self.tr("Check in (F9): scan the member card or type a name or phone, then Enter")
        )
        self.check_in_field.returnPressed.connect(self.check_in_typed)
        check_row.addWidget(self.check_in_field, 1)
        layout.addLayout(check_row)

        self.roster_model = RosterTableModel(actor, self)
        self.roster = leave_on_tab(QTableView())
        setup_list_view(self.roster, self.roster_model)
        self.roster.selectionModel().currentRowChanged.connect(self._update_buttons)
        restore_columns(
            self.roster,
            self.TABLE_NAME,
            (45, 90, 110, 150, 70, 60, 70),  # no., name, phone, workplace, state, ...
            stretch=COL_WORKPLACE,
        )
        # The row's actions also on the context menu (the Menu key or Shift+F10 in the roster).
        self.roster.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.roster.customContextMenuRequested.connect(
            lambda pos: self.roster_menu().exec(self.roster.viewport().mapToGlobal(pos))
        )
        layout.addWidget(self.roster, 1)

        # The daily actions as buttons; the rarer ones in "More", so the row fits a narrow panel
        # and every letter is used once on the page (UX.md).
        actions = QHBoxLayout()
        self.check_in_button = QPushButton(self.tr("Chec&k in"))
        self.check_in_button.setToolTip(self.tr("Check in the person selected in the roster"))
        self.check_in_button.clicked.connect(self.check_in_selected)
        self.cancel_registration_button = QPushButton(self.tr("Cancel re&gistration…"))
        self.cancel_registration_button.clicked.connect(self.cancel_registration)
        self.print_button = QPushButton(self.tr("Print sign-&in sheet…"))
        print_menu = QMenu(self.print_button)
        print_menu.addAction(self.tr("Print preview…"), self.print_signin_sheet)
        print_menu.addAction(self.tr("Save as PDF…"), lambda: self.save_signin_sheet_pdf())
        self.print_button.setMenu(print_menu)
        self.more_button = QPushButton(self.tr("M&ore"))
        self.more_button.setToolTip(
            self.tr("Offers, priority, attendance from the sheet, export, closing the event")
        )
        self.more_menu = QMenu(self.more_button)
        self.accept_offer_action = self.more_menu.addAction(
            self.tr("&Accept offer"), self.accept_offer
        )
        self.priority_action = self.more_menu.addAction(
            self.tr("Change &priority…"), self.change_priority
        )
        self.more_menu.addSeparator()
        self.sheet_action = self.more_menu.addAction(
            self.tr("Mark attendance from &sheet…"), self.mark_from_sheet
        )
        self.export_action = self.more_menu.addAction(
            self.tr("E&xport roster…"), lambda: self.export_roster()
        )
        self.more_menu.addSeparator()
        self.close_action = self.more_menu.addAction(self.tr("Cl&ose event"), self.close_event)
        self.cancel_event_action = self.more_menu.addAction(
            self.tr("Cancel &event…"), self.cancel_event
        )
        self.more_button.setMenu(self.more_menu)
        for button in (
            self.check_in_button,
            self.cancel_registration_button,
            self.print_button,
            self.more_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.show_event(None)

    def save_state(self) -> None:
        save_columns(self.roster, self.TABLE_NAME)

    def roster_menu(self) -> QMenu:
        """What can be done with the selected registration, as on the buttons and in More."""
        menu = QMenu(self)
        for button in (self.check_in_button, self.cancel_registration_button):
            if not button.isHidden():
                action = menu.addAction(button.text(), button.click)
                action.setEnabled(button.isEnabled())
        for action in (self.accept_offer_action, self.priority_action):
            if action.isVisible():
                menu.addAction(action)
        return menu

    def focus_register(self) -> None:
        if self.register_box.isVisibleTo(self):
            if self.candidate is not None:
                self.register_button.setFocus()
            else:
                self.picker.setFocus()

    def focus_check_in(self) -> None:
        if self.check_in_field.isEnabled():
            self.check_in_field.setFocus()
            self.check_in_field.selectAll()

    # --- showing ---------------------------------------------------------------------------------

    def show_event(self, event_id: int | None) -> None:
        """Show another event; offers past their time lapse first, so the roster is current."""
        self.clear_candidate(focus=False)
        self.bar.hide()
        self.check_in_field.clear()
        self.event_id = event_id
        if event_id is not None:
            try:
                event = events.get_event(self.actor, event_id)
                if event.mode == "offer" and event.state == "open" and self.can_register:
                    promoted = events.expire_offers(self.actor, event.id)
                    if promoted:
                        self.bar.show_message(self._promoted_text(promoted), "info")
            except UserError as exc:
                self.bar.show_message(exc.message)
                self.event_id = None
        self.reload()

    def reload(self) -> None:
        self.shown = None
        self.counts = None
        if self.event_id is not None:
            try:
                self.shown = events.get_event(self.actor, self.event_id)
                self.counts = events.counts([self.event_id])[self.event_id]
            except UserError as exc:
                self.bar.show_message(exc.message)
                self.event_id = None
        selected = self.current_registration()
        try:
            self.roster_model.reload(self.event_id)
        except UserError as exc:
            self.bar.show_message(exc.message)
        if selected is not None:
            self.roster_model.select(self.roster, selected.id)
        self._show_facts()
        self._update_buttons()

    def _show_facts(self) -> None:
        event = self.shown
        if event is None:
            self.title_label.setText(self.tr("<i>Choose an event in the list.</i>"))
            self.facts_label.clear()
            self.facts_area.updateGeometry()
            self.places_label.clear()
            return
        title = f"<h2>{_escape(event.title)}</h2>"
        if event.state != "open":
            title += "<p><b>{}</b>{}</p>".format(
                _escape(events.event_state_label(event.state)),
                "：" + _escape(event.cancel_reason) if event.cancel_reason else "",
            )
        self.title_label.setText(title)
        self.facts_label.setText("<br>".join(self._fact_lines(event)))
        self.facts_area.updateGeometry()
        counts = self.counts or events.EventCounts(0, 0, 0, 0, 0)
        text = self.tr("Places: {taken} of {capacity} taken").format(
            taken=counts.taken, capacity=event.capacity
        )
        if counts.offered:
            text += "　" + self.tr("%n offered", "", counts.offered)
        text += "　" + self.tr("Waitlist: %n", "", counts.waitlisted)
        if counts.attended:
            text += "　" + self.tr("Checked in: %n", "", counts.attended)
        self.places_label.setText(f"<b>{text}</b>")

    def _fact_lines(self, event: Event) -> list[str]:
        lines = [
            f"{_escape(event_when(event))}　{events.size_label(event.size)}",
        ]
        if event.venue:
            lines.append(self.tr("Venue: {venue}").format(venue=_escape(event.venue)))
        if event.series_id is not None:
            series = event.series
            text = self.tr("Series: {name}").format(name=_escape(series.name))
            if series.max_per_person:
                text += "（" + self.tr("at most %n per person", "", series.max_per_person) + "）"
            lines.append(text)
        window = []
        if event.opens_at:
            window.append(self.tr("opens {when}").format(when=short_text(event.opens_at)))
        if event.closes_at:
            window.append(self.tr("closes {when}").format(when=short_text(event.closes_at)))
        if event.cancel_deadline:
            window.append(
                self.tr("cancel by {when}").format(when=short_text(event.cancel_deadline))
            )
        if window:
            lines.append(self.tr("Registration: {window}").format(window="，".join(window)))
        rules = []
        if event.women_only:
            rules.append(self.tr("women only"))
        if event.members_only:
            rules.append(self.tr("union members only"))
        if event.min_age is not None or event.max_age is not None:
            rules.append(
                self.tr("ages {low} to {high}").format(
                    low=event.min_age if event.min_age is not None else 0,
                    high=event.max_age if event.max_age is not None else "∞",
                )
            )
        if event.balanced:
            rules.append(self.tr("gender-balanced"))
        if rules:
            lines.append(self.tr("Who: {rules}").format(rules="，".join(rules)))
        if event.mode == "offer":
            lines.append(
                self.tr("Waitlist: a freed place is offered for %n hour(s)", "", event.offer_hours)
            )
        else:
            lines.append(self.tr("Waitlist: a freed place goes to the next person at once"))
        if event.min_participants:
            lines.append(
                self.tr("Minimum participants: {minimum}, decided on {date}").format(
                    minimum=event.min_participants,
                    date=short_text(event.decision_on) if event.decision_on else "",
                )
            )
        quotas = [
            "{}：{}".format(_escape(q.name), self.tr("%n place(s)", "", q.capacity))
            + (
                self.tr(" (reserved until {date})").format(
                    date=short_text(q.release_on) if q.release_on else "—"
                )
                if q.reserved
                else ""
            )
            for q in events.event_quotas(self.actor, event.id)
        ]
        if quotas:
            lines.append(self.tr("Quotas: {quotas}").format(quotas="；".join(quotas)))
        if event.description:
            lines.append(_escape(event.description).replace("\n", "<br>"))
        return lines

    def current_registration(self) -> Registration | None:
        index = self.roster.selectionModel().currentIndex()
        return self.roster_model.registration_at(index.row()) if index.isValid() else None

    def select_registration(self, registration_id: int) -> None:
        row = self.roster_model.row_of(registration_id)
        if row >= 0:
            self.roster.selectRow(row)

    def _update_buttons(self, *_args: object) -> None:
        event = self.shown
        is_open = event is not None and event.state == "open"
        selected = self.current_registration()
        state = selected.state if selected is not None else ""
        self.register_box.setVisible(is_open and self.can_register)
        self.check_in_field.setEnabled(
            event is not None and event.state != "cancelled" and self.can_register
        )
        self.cancel_registration_button.setEnabled(
            self.can_register and is_open and state in ACTIVE_STATES
        )
        self.accept_offer_action.setEnabled(self.can_register and is_open and state == "offered")
        self.priority_action.setEnabled(self.can_manage and is_open and state == "waitlisted")
        self.check_in_button.setEnabled(
            self.can_register
            and event is not None
            and event.state != "cancelled"
            and state in CHECK_IN_STATES
        )
        self.sheet_action.setEnabled(
            self.can_register and event is not None and event.state != "cancelled"
        )
        for action in (self.close_action, self.cancel_event_action):
            action.setVisible(self.can_manage)
            action.setEnabled(self.can_manage and is_open)
        self.export_action.setEnabled(event is not None)
        self.print_button.setEnabled(event is not None and event.state != "cancelled")
        self.more_button.setEnabled(event is not None)
        for widget in (self.cancel_registration_button, self.check_in_button):
            widget.setVisible(self.can_register)
        for action in (self.accept_offer_action, self.sheet_action):
            action.setVisible(self.can_register)
        self.priority_action.setVisible(self.can_manage)

    # --- registering -----------------------------------------------------------------------------

    @reports_user_errors
    def choose_person(self, person_id: int) -> None:
        if self.shown is None:
            return
        person = people.get_person(self.actor, person_id)
        self.candidate = person
        lines = [f"<b>{_escape(describe(person))}</b>"]
        missed = events.no_show_counts([person.id]).get(person.id, 0)
        if missed:
            lines.append(
                '<span style="color: #8a5300;">{}</span>'.format(
                    _escape(
                        self.tr("{name} has not come %n time(s) before.", "", missed).format(
                            name=person.name
                        )
                    )
                )
            )
        problem = events.eligibility_problem(self.shown, person)
        if problem:
            lines.append(f'<span style="color: #b3261e;">{_escape(problem)}</span>')
        self.chosen_label.setText("<br>".join(lines))
        self.chosen_row.show()
        self.picker.hide()
        self.register_button.setFocus()

    def clear_candidate(self, *, focus: bool = True) -> None:
        self.candidate = None
        self.chosen_label.clear()
        self.chosen_row.hide()
        self.picker.clear()
        self.picker.show()
        if focus:
            self.picker.setFocus()

    def new_person(self, text: str) -> None:
        chosen = register_from_picker(self.actor, self, text)
        if chosen is not None:
            self.choose_person(chosen)

    def no_show_note(self) -> str:
        """The chosen person's no-show warning as shown (plain text; empty when none)."""
        if self.candidate is None:
            return ""
        missed = events.no_show_counts([self.candidate.id]).get(self.candidate.id, 0)
        if not missed:
            return ""
        return self.tr("{name} has not come %n time(s) before.", "", missed).format(
            name=self.candidate.name
        )

    def ask_waitlist(self, message: str, name: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("No place left"),
            message + "\n\n" + self.tr("Put {name} on the waitlist?").format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def register_candidate(self) -> None:
        if self.shown is None or self.candidate is None:
            return
        person = self.candidate
        try:
            try:
                registration = events.register(self.actor, self.shown.id, person.id)
            except events.EventFull as exc:
                if not self.ask_waitlist(exc.message, person.name):
                    self.register_button.setFocus()
                    return
                registration = events.register(
                    self.actor, self.shown.id, person.id, waitlist_if_full=True
                )
        except UserError as exc:
            self.bar.show_message(exc.message)
            self.register_button.setFocus()
            return
        self.clear_candidate()
        self.reload()
        if registration.state == "waitlisted":
            position = self.roster_model.waitlist_position(registration.id)
            text = self.tr("{name} is on the waitlist, number {n}.").format(
                name=person.name, n=position or "?"
            )
        else:
            text = self.tr("{name} is registered: {state}.").format(
                name=person.name, state=events.state_label(registration.state)
            )
        self.bar.show_message(text, "info")
        self.select_registration(registration.id)
        self.picker.setFocus()

    # --- the roster's actions ----------------------------------------------------------------

    def _promoted_text(self, promoted: Sequence[Registration]) -> str:
        names = "、".join(f"{r.person.name}（{events.state_label(r.state)}）" for r in promoted)
        return self.tr("Moved up from the waitlist: {names}.").format(names=names)

    def ask_cancel_reason(self, name: str) -> str | None:
        """The reason for cancelling (may be empty), or None when the user changed their mind."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Cancel registration"),
            self.tr("Cancel the registration of {name}? Reason (optional):").format(name=name),
        )
        return text if ok else None

    @reports_user_errors
    def cancel_registration(self) -> None:
        registration = self.current_registration()
        if registration is None or registration.state not in ACTIVE_STATES:
            return
        reason = self.ask_cancel_reason(registration.person.name)
        if reason is None:
            return
        promoted = events.cancel_registration(self.actor, registration.id, reason=reason)
        self.reload()
        text = self.tr("Registration of {name} cancelled.").format(name=registration.person.name)
        if promoted:
            text += " " + self._promoted_text(promoted)
        self.bar.show_message(text, "info")

    @reports_user_errors
    def accept_offer(self) -> None:
        registration = self.current_registration()
        if registration is None:
            return
        events.accept_offer(self.actor, registration.id)
        self.reload()
        self.bar.show_message(
            self.tr("{name} accepted the place.").format(name=registration.person.name), "info"
        )

    def change_priority(self) -> None:
        registration = self.current_registration()
        if registration is None or registration.state != "waitlisted":
            return
        dialog = PriorityDialog(self.actor, registration, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.reload()

    def _check_in(self, registration: Registration) -> bool:
        try:
            events.check_in(self.actor, registration.event_id, registration.person_id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return False
        self.reload()
        self.select_registration(registration.id)
        self.bar.show_message(
            self.tr("{name} checked in.").format(name=registration.person.name), "info"
        )
        return True

    def check_in_selected(self) -> None:
        registration = self.current_registration()
        if registration is not None and registration.state in CHECK_IN_STATES:
            self._check_in(registration)

    @reports_user_errors
    def check_in_typed(self) -> None:
        """Find the typed or scanned person among those with a place and check them in; the
        field keeps the focus for the next card."""
        text = self.check_in_field.text().strip()
        if not text or self.shown is None:
            return
        found = people.search_people(self.actor, text, limit=50)
        ids = {p.id for p in found}
        rows = [r for r in self.roster_model.rows if r.person_id in ids]
        waiting = [r for r in rows if r.state in CHECK_IN_STATES]
        self.check_in_field.setFocus()
        if len(waiting) == 1:
            if self._check_in(waiting[0]):
                self.check_in_field.clear()
            return
        if len(waiting) > 1:
            self.bar.show_message(
                self.tr("Several people match “{text}”: {names}. Type more.").format(
                    text=text, names="、".join(r.person.name for r in waiting)
                ),
                "warning",
            )
            return
        present = [r for r in rows if r.state == "attended"]
        if present:
            self.bar.show_message(
                self.tr("{name} is already checked in.").format(name=present[0].person.name),
                "warning",
            )
            self.select_registration(present[0].id)
        elif found:
            self.bar.show_message(
                self.tr("{name} has no place at this event.").format(
                    name="、".join(p.name for p in found[:3])
                )
            )
        else:
            self.bar.show_message(self.tr("No one found for “{text}”.").format(text=text))
        self.check_in_field.selectAll()

    def mark_from_sheet(self) -> None:
        if self.shown is None:
            return
        dialog = AttendanceSheetDialog(self.actor, self.shown, self)
        dialog.exec()
        marked = dialog.marked_total
        dialog.deleteLater()
        self.reload()
        if marked:
            self.bar.show_message(self.tr("Marked present from the sheet: %n", "", marked), "info")

    def confirm_close(self, no_shows: int) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Close event"),
            self.tr(
                "Close the event? The %n person(s) with a place who were not checked in become "
                "no-shows, and the waitlist ends.",
                "",
                no_shows,
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    @reports_user_errors
    def close_event(self) -> None:
        if self.shown is None or self.shown.state != "open":
            return
        counts = self.counts or events.EventCounts(0, 0, 0, 0, 0)
        if not self.confirm_close(counts.confirmed + counts.offered):
            return
        no_shows = events.close_event(self.actor, self.shown.id)
        self.reload()
        self.bar.show_message(self.tr("Event closed; %n no-show(s).", "", no_shows), "info")

    def ask_cancel_event_reason(self) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Cancel event"),
            self.tr(
                "Cancel {title}? Everyone registered or waiting is cancelled and must be told. "
                "Reason:"
            ).format(title=self.shown.title if self.shown else ""),
        )
        return text if ok else None

    def cancel_event(self) -> None:
        if self.shown is None or self.shown.state != "open":
            return
        while True:
            reason = self.ask_cancel_event_reason()
            if reason is None:
                return
            try:
                to_notify = events.cancel_event(self.actor, self.shown.id, reason=reason)
            except UserError as exc:
                self.bar.show_message(exc.message)
                if exc.field == "reason":
                    continue
                return
            break
        self.reload()
        self.bar.show_message(
            self.tr("Event cancelled; %n person(s) to notify.", "", len(to_notify)), "info"
        )
        if to_notify and self.shown is not None:
            self.show_notify(to_notify)

    def show_notify(self, to_notify: Sequence[Person]) -> None:
        dialog = NotifyDialog(self.shown, to_notify, self)
        dialog.exec()
        dialog.deleteLater()

    def _ask_save_path(self, title: str, file_name: str, kinds: str) -> Path | None:
        """Where to save a file of the event shown: ``file_name`` ({title}) is suggested, of the
        ``kinds`` filter; None when the staff member cancels."""
        assert self.shown is not None
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, file_name.format(title=_file_safe(self.shown.title)), kinds
        )
        return Path(chosen) if chosen else None

    def export_roster(self, path: Path | None = None) -> None:
        if self.shown is None:
            return
        if path is None:
            path = self._ask_save_path(
                self.tr("Export the roster"),
                self.tr("roster-{title}.xlsx"),
                self.tr("Excel files (*.xlsx)"),
            )
            if path is None:
                return
        try:
            rows = events.export_roster(self.actor, self.shown.id, path)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.bar.show_message(
            self.tr("Exported %n person(s) to {path}", "", rows).format(path=str(path)), "info"
        )

    def print_signin_sheet(self) -> None:
        if self.shown is None:
            return
        rows = sheet_rows(self.roster_model.rows)
        preview_signin_sheet(self.shown, rows, accounts.station_settings(), self)

    def save_signin_sheet_pdf(self, path: Path | None = None) -> Path | None:
        if self.shown is None:
            return None
        if path is None:
            path = self._ask_save_path(
                self.tr("Save the sign-in sheet"),
                self.tr("sign-in-{title}.pdf"),
                self.tr("PDF files (*.pdf)"),
            )
            if path is None:
                return None
        rows = sheet_rows(self.roster_model.rows)
        write_signin_sheet_pdf(self.shown, rows, accounts.station_settings(), path)
        self.bar.show_message(self.tr("Saved {path}").format(path=str(path)), "info")
        return path
