"""What the station has on record for one person."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import events, library, mediation, people, validation, visits
from stationapp.services.accounts import has_permission
from stationapp.ui import retention as retention_ui
from stationapp.ui.dates import short_text
from stationapp.ui.forms import heading_label, page_keys, step_tabs
from stationapp.ui.people import consent as consent_ui
from stationapp.ui.people.person_table_model import age_on

translate = QCoreApplication.translate


# The history tabs, in their order: key, the permission that shows them (None: always).
HISTORY_KINDS = (
    ("visits", "visit.read"),
    ("cases", "case.read"),
    ("loans", "library.read"),
    ("events", "event.read"),
    ("rooms", "room.read"),
    ("members", "member.read"),
    ("aid", "aid.read"),
    ("welfare", "welfare.read"),
    ("history", None),
)


def _history_list() -> QListWidget:
    """A list of the person's history: long lines wrap, nothing scrolls sideways."""
    view = QListWidget()
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    return view


class PersonPage(QWidget):
    """A header with the person (name, the figures a desk asks for, the actions) and one
    history area with a tab per kind of record the role may see, each with its count."""

    edit_requested = Signal(int)
    deactivate_requested = Signal(int)
    reactivate_requested = Signal(int)
    delete_requested = Signal(int)
    merge_requested = Signal(int)

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.person_id: int | None = None
        self._id_type = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(self.tr("Choose a person in the list to see their record."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666;")
        layout.addWidget(self.empty)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = heading_label()
        top.addWidget(self.title)
        self.pinyin = QLabel()
        self.pinyin.setStyleSheet("color: #555;")
        top.addWidget(self.pinyin, 1, Qt.AlignmentFlag.AlignBottom)
        body.addLayout(top)
        self.inactive_note = QLabel(
            self.tr("Deactivated: hidden from lists and searches; the history stays on file.")
        )
        self.inactive_note.setWordWrap(True)
        self.inactive_note.setStyleSheet("color: #8a5300;")
        body.addWidget(self.inactive_note)

        # The figures, two to a line.
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(8)
        self.form.setVerticalSpacing(2)
        self.form.setColumnStretch(1, 1)
        self.form.setColumnStretch(3, 1)
        self.values: dict[str, QLabel] = {}
        self.field_labels: dict[str, QLabel] = {}
        for key, label, row, column, span in (
            ("phone", self.tr("Phone"), 0, 0, 1),
            ("id", self.tr("ID number"), 0, 2, 1),
            ("gender", self.tr("Gender"), 1, 0, 1),
            ("birth", self.tr("Birth date"), 1, 2, 1),
            ("member", self.tr("Union member"), 2, 0, 1),
            ("card", self.tr("Member card"), 2, 2, 1),
            ("workplace", self.tr("Workplace"), 3, 0, 1),
            ("since", self.tr("On file since"), 3, 2, 1),
            ("notes", self.tr("Notes"), 4, 0, 3),
        ):
            name = QLabel(label)
            name.setStyleSheet("color: #555;")
            name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.values[key] = value
            self.field_labels[key] = name
            self.form.addWidget(name, row, column)
            if key == "id":
                self.form.addWidget(self._id_row(value), row, column + 1, 1, span)
            else:
                self.form.addWidget(value, row, column + 1, 1, span)
        # The workplace is a link to its page on the Workplaces tab (Tab reaches it, Enter opens).
        workplace = self.values["workplace"]
        workplace.setTextFormat(Qt.TextFormat.RichText)
        workplace.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        workplace.linkActivated.connect(self._open_workplace)
        # Long notes: three lines at most here, the whole text in the tooltip.
        notes = self.values["notes"]
        notes.setMaximumHeight(notes.fontMetrics().lineSpacing() * 3 + 2)
        body.addLayout(self.form)

        buttons = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("E&dit"))
        self.edit_button.setToolTip(self.tr("Change the person's details (Enter in the list)"))
        self.edit_button.clicked.connect(self._edit)
        self.edit_button.setVisible(has_permission(actor, "person.update"))
        buttons.addWidget(self.edit_button)
        self.consent_button = QPushButton(
            self.tr("&Consent and hardship file…")
            if has_permission(actor, "hardship.read")
            else self.tr("&Consent and marital status…")
        )
        self.consent_button.setToolTip(
            self.tr("Consents to sensitive data, and the data they allow the station to keep")
        )
        self.consent_button.clicked.connect(self.open_consent)
        self.consent_button.setVisible(consent_ui.can_open(actor))
        buttons.addWidget(self.consent_button)
        from stationapp.ui.members.person_actions import MemberActions

        self.member_actions = MemberActions(actor, self)
        self.member_actions.done.connect(lambda: self.show_person(self.person_id))
        buttons.addWidget(self.member_actions.button)
        # The rare actions, in a menu: deactivate, reactivate, delete, and the personal-data
        # requests (PIPL Arts. 45 and 47).
        self.more_menu = QMenu(self)
        self.deactivate_action = self.more_menu.addAction(self.tr("&Deactivate"))
        self.deactivate_action.setToolTip(
            self.tr("Hide the person from lists and searches; their history stays on file")
        )
        self.deactivate_action.triggered.connect(lambda: self._request(self.deactivate_requested))
        self.reactivate_action = self.more_menu.addAction(self.tr("Re&activate"))
        self.reactivate_action.triggered.connect(lambda: self._request(self.reactivate_requested))
        self.delete_action = self.more_menu.addAction(self.tr("De&lete…"))
        self.delete_action.setToolTip(
            self.tr("Delete a record made by mistake; a person with history is deactivated")
        )
        self.delete_action.triggered.connect(lambda: self._request(self.delete_requested))
        self.delete_action.setVisible(has_permission(actor, "person.delete"))
        self.merge_action = self.more_menu.addAction(self.tr("&Merge a duplicate into this…"))
        self.merge_action.setToolTip(
            self.tr("Another record of the same person: move its history here and keep it merged")
        )
        self.merge_action.triggered.connect(lambda: self._request(self.merge_requested))
        self.merge_action.setVisible(has_permission(actor, "person.merge"))
        self.more_menu.addSeparator()
        self.export_data_action = self.more_menu.addAction(self.tr("&Personal data…"))
        self.export_data_action.setToolTip(
            self.tr("Export everything held on this person (their request to see their data)")
        )
        self.export_data_action.triggered.connect(self.export_personal_data)
        self.export_data_action.setVisible(has_permission(actor, "person.erase"))
        self.erase_action = self.more_menu.addAction(self.tr("E&rase on request…"))
        self.erase_action.setToolTip(
            self.tr("Remove the personal data at the person's request; the counts stay")
        )
        self.erase_action.triggered.connect(self.erase_on_request)
        self.erase_action.setVisible(has_permission(actor, "person.erase"))
        self.more_menu.setToolTipsVisible(True)
        self.more_button = QPushButton(self.tr("M&ore"))
        self.more_button.setToolTip(
            self.tr("Deactivate, delete or merge the record, export or erase the personal data")
        )
        self.more_button.setMenu(self.more_menu)
        buttons.addWidget(self.more_button)
        buttons.addStretch(1)
        body.addLayout(buttons)
        body.addWidget(self.member_actions.bar)

        # One history area: a tab per kind, as far as the role may see.
        self.history_tabs = QTabWidget()
        self.history_tabs.setDocumentMode(True)
        self.history_tabs.setUsesScrollButtons(True)
        self.history_tabs.setMinimumHeight(120)
        self.visits = _history_list()
        self.cases = _history_list()
        self.loans = _history_list()
        self.events = _history_list()
        self.rooms = _history_list()
        self.members = _history_list()
        self.aid = _history_list()
        self.welfare = _history_list()
        self.history = _history_list()
        self._history_pages = {
            "visits": self.visits,
            "cases": self.cases,
            "loans": self.loans,
            "events": self.events,
            "rooms": self.rooms,
            "members": self.members,
            "aid": self.aid,
            "welfare": self.welfare,
            "history": self.history,
        }
        for key, permission in HISTORY_KINDS:
            index = self.history_tabs.addTab(self._history_pages[key], "")
            allowed = permission is None or has_permission(actor, permission)
            self.history_tabs.setTabVisible(index, allowed)
        self._set_history_titles({})
        for index in range(self.history_tabs.count()):
            if self.history_tabs.isTabVisible(index):
                self.history_tabs.setCurrentIndex(index)
                break
        # Ctrl+PgDn/PgUp move between the history tabs from anywhere in them (a list would
        # otherwise take the keys as its own page down/up).
        page_keys(self.history_tabs, lambda step: step_tabs(self.history_tabs, step))
        body.addWidget(self.history_tabs, 1)
        layout.addWidget(self.body, 1)
        self.body.hide()
        self._update_more_button()

    # --- the history area ---------------------------------------------------------------------

    def _history_title(self, key: str, count: int) -> str:
        titles = {
            "visits": self.tr("V&isits (%n)", "", count),
            "cases": self.tr("Case&s (%n)", "", count),
            "loans": self.tr("&Loans (%n)", "", count),
            "events": self.tr("Re&gistrations (%n)", "", count),
            # No access key: every letter of it is taken on this screen; Ctrl+PgDn reaches it.
            "rooms": self.tr("Room bookings (%n)", "", count),
            "members": self.tr("Membership and 京卡 (%n)", "", count),
            "aid": self.tr("Mutual-aid cover (%n)", "", count),
            # No access key either (as rooms): Ctrl+PgDn reaches it.
            "welfare": self.tr("Welfare rounds (%n)", "", count),
            "history": self.tr("Histor&y (%n)", "", count),
        }
        return titles[key]

    def _set_history_titles(self, counts: dict[str, int]) -> None:
        for index, (key, _permission) in enumerate(HISTORY_KINDS):
            self.history_tabs.setTabText(index, self._history_title(key, counts.get(key, 0)))

    def history_tab_titles(self) -> list[str]:
        """The titles of the history tabs the role sees, in order."""
        return [
            self.history_tabs.tabText(i)
            for i in range(self.history_tabs.count())
            if self.history_tabs.isTabVisible(i)
        ]

    def show_history(self, key: str) -> None:
        """Bring the tab of ``key`` ("visits", "cases", "loans", "events", "history") forward."""
        self.history_tabs.setCurrentWidget(self._history_pages[key])

    def _update_more_button(self) -> None:
        actions = [a for a in self.more_menu.actions() if not a.isSeparator()]
        self.more_button.setVisible(any(a.isVisible() for a in actions))

    def _id_row(self, value: QLabel) -> QWidget:
        """The masked number, and for roles that may see it whole a button that shows it (each
        showing is audited)."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(value, 1)
        self.reveal_button = QPushButton(self.tr("Show"))
        self.reveal_button.setToolTip(
            self.tr("Show the whole ID number (recorded in the audit trail)")
        )
        self.reveal_button.clicked.connect(self.reveal_id)
        self.reveal_button.hide()
        line.addWidget(self.reveal_button)
        return row

    def reveal_id(self) -> None:
        if self.person_id is None:
            return
        try:
            number = people.reveal_id(self.actor, self.person_id)
        except UserError as exc:
            self.values["id"].setText(exc.message)
            return
        type_label = validation.id_type_label(self._id_type)
        self.values["id"].setText(f"{type_label}  {number}" if number else "—")
        self.reveal_button.hide()

    def show_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        if person_id is None:
            self.body.hide()
            self.empty.show()
            return
        try:
            person = people.get_person(self.actor, person_id)
            history = people.person_history(self.actor, person_id)
        except UserError as exc:
            self.empty.setText(exc.message)
            self.body.hide()
            self.empty.show()
            return
        self.title.setText(person.name)
        self.pinyin.setText(person.pinyin)
        can_deactivate = has_permission(self.actor, "person.deactivate")
        self.deactivate_action.setVisible(can_deactivate and person.active)
        merged = person.merged_into_id is not None
        self.reactivate_action.setVisible(can_deactivate and not person.active and not merged)
        self.merge_action.setVisible(
            has_permission(self.actor, "person.merge") and not merged and person.active
        )
        self._update_more_button()
        self.member_actions.set_person(person_id if person.active and not merged else None)
        self.edit_button.setEnabled(not merged)
        self.inactive_note.setVisible(not person.active)
        self.inactive_note.setText(
            self.tr("Merged into {name} (No. {id}): its history is on that record.").format(
                name=person.merged_into.name, id=person.merged_into_id
            )
            if merged
            else self.tr("Deactivated: hidden from lists and searches; the history stays on file.")
        )
        birth = ""
        if person.birth_date:
            birth = short_text(person.birth_date)
            birth += " " + self.tr("(age {age})").format(age=age_on(person.birth_date, today()))
        elif getattr(person, "birth_year", None):
            # A role without the whole ID number gets the year only (with the number's last
            # four, a whole birth date would rebuild it).
            birth = str(person.birth_year)
            birth += " " + self.tr("(age {age})").format(age=person.age)
        id_text = people.mask_id(person.id_number)
        self._id_type = person.id_type
        self.reveal_button.setVisible(
            bool(id_text) and has_permission(self.actor, "person.view_full_id")
        )
        if id_text:
            id_text = f"{validation.id_type_label(person.id_type)}  {id_text}"
        self.values["gender"].setText(people.gender_label(person.gender) or "—")
        self.values["birth"].setText(birth or "—")
        self.values["phone"].setText(person.phone or "—")
        self.values["id"].setText(id_text or "—")
        self.values["workplace"].setText(
            f'<a href="workplace:{person.workplace_id}">{html.escape(person.workplace.name)}</a>'
            if person.workplace_id
            else "—"
        )
        self.values["member"].setText(self.tr("Yes") if person.is_member else self.tr("No"))
        self.values["card"].setText(person.member_card or "—")
        self.values["notes"].setText(person.notes or "—")
        self.values["notes"].setToolTip(person.notes or "")
        self.values["since"].setText(short_text(person.created_at.date()))
        counts = {
            key: self._show_history_of(key, person_id)
            for key, _permission in HISTORY_KINDS
            if key != "history"
        }
        counts["history"] = len(history)
        self._set_history_titles(counts)
        self.history.clear()
        for entry in history:
            who = entry.staff.display_name if entry.staff_id else self.tr("system")
            when = short_text(entry.at)
            what = action_label(entry.action)
            fields = sorted(json.loads(entry.details or "{}")) if entry.action == "update" else []
            line = f"{when}  {who}  {what}"
            if fields:
                line += "：" + "、".join(field_label(f) for f in fields)
            self.history.addItem(line)
        self.empty.hide()
        self.body.show()

    def _show_history_of(self, key: str, person_id: int) -> int:
        """Fill the history tab of ``key`` with the person's entries, or with a line saying there
        are none; the number of entries (none for a role that may not see them)."""
        view = self._history_pages[key]
        view.clear()
        if not has_permission(self.actor, dict(HISTORY_KINDS)[key]):
            return 0
        entries_of, none_text = {
            "visits": (self._visit_entries, self.tr("No visits yet.")),
            "cases": (self._case_entries, self.tr("No cases.")),
            "loans": (self._loan_entries, self.tr("No loans.")),
            "events": (self._registration_entries, self.tr("No registrations.")),
            "rooms": (self._room_booking_entries, self.tr("No room bookings.")),
            "members": (self._member_entries, self.tr("No membership or card records.")),
            "aid": (self._aid_entries, self.tr("No mutual-aid cover.")),
            "welfare": (self._welfare_entries, self.tr("On no welfare round.")),
        }[key]
        entries = entries_of(person_id)
        for entry in entries:
            view.addItem(entry)
        if not entries:
            view.addItem(none_text)
        return len(entries)

    def _visit_entries(self, person_id: int) -> list[str]:
        found = visits.person_visits(self.actor, person_id)
        purposes = visits.purposes_of(found)
        entries = []
        for visit in found:
            what = "、".join(
                f"{p.service.name}（{visits.outcome_label(p.outcome)}）" for p in purposes[visit.id]
            )
            when = short_text(visit.arrived_at)
            entries.append(
                f"{when}  {visits.channel_label(visit.channel)}  {what}  {visit.staff.display_name}"
            )
        return entries

    def _case_entries(self, person_id: int) -> list[str]:
        found = mediation.list_cases(self.actor, mediation.CaseFilter(person_id=person_id))
        return [
            f"{case.number}　{case.respondent.name}　{mediation.state_label(case.state)}"
            for case in found
        ]

    def _loan_entries(self, person_id: int) -> list[str | QListWidgetItem]:
        """The person's holds, then their loans (an overdue one in red, a returned one grey)."""
        entries: list[str | QListWidgetItem] = []
        for hold in library.person_holds(self.actor, person_id):
            state = self.tr("ready to collect") if hold.state == "ready" else self.tr("waiting")
            entries.append(
                self.tr("Reserved: {title} ({state})").format(title=hold.title.title, state=state)
            )
        for row in library.person_loans(self.actor, person_id):
            due = short_text(row.loan.due_on)
            if row.loan.returned_at is None:
                text = self.tr("On loan: {title}, due {due}").format(title=row.title, due=due)
                item = QListWidgetItem(text)
                if row.loan.due_on < today():
                    item.setForeground(Qt.GlobalColor.red)
            else:
                returned = short_text(row.loan.returned_at.date())
                item = QListWidgetItem(
                    self.tr("Returned {date}: {title}").format(date=returned, title=row.title)
                )
                item.setForeground(Qt.GlobalColor.darkGray)
            entries.append(item)
        return entries

    def _registration_entries(self, person_id: int) -> list[str]:
        return [
            f"{short_text(registration.event.starts_at.date())}　{registration.event.title}"
            f"　{events.state_label(registration.state)}"
            for registration in events.person_registrations(self.actor, person_id)
        ]

    def _room_booking_entries(self, person_id: int) -> list[str]:
        """The person's room bookings; the decompression room's only for the roles that may
        know who booked it (the service leaves them out for the others)."""
        from stationapp.services import rooms

        found = rooms.bookings_of_person(self.actor, person_id)
        return [
            f"{short_text(booking.starts_at)}-{booking.ends_at:%H:%M}　{booking.room_name}"
            f"　{rooms.booking_state_label(booking.state)}"
            for booking in found
        ]

    def _member_entries(self, person_id: int) -> list[str]:
        """The person's membership steps and 京卡 cards, the current card first."""
        from stationapp.ui.members.history import member_lines

        return member_lines(self.actor, person_id)

    def _aid_entries(self, person_id: int) -> list[str]:
        """The person's mutual-aid enrolments and, for the roles that see them, claims."""
        from stationapp.ui.mutual_aid.widgets import cover_lines

        return cover_lines(self.actor, person_id)

    def _welfare_entries(self, person_id: int) -> list[str]:
        """The welfare rounds the person is on: what they get, and when it was delivered."""
        from stationapp.services import welfare
        from stationapp.ui.welfare.texts import received_line

        return [
            received_line(received) for received in welfare.rounds_of_person(self.actor, person_id)
        ]

    def _open_workplace(self, link: str) -> None:
        """The workplace's page on the Workplaces tab, when the page is in the main window."""
        opener = getattr(self.window(), "open_record", None)
        if opener is not None and link.startswith("workplace:"):
            opener("workplace", int(link.removeprefix("workplace:")), 0)

    def _edit(self) -> None:
        if self.person_id is not None:
            self.edit_requested.emit(self.person_id)

    def open_consent(self) -> None:
        if self.person_id is not None:
            consent_ui.ConsentDialog(self.actor, self.person_id, self).exec()

    def export_personal_data(self) -> None:
        if self.person_id is None:
            return
        try:
            path = retention_ui.export_personal_data(
                self, self.actor, self.person_id, self.title.text()
            )
        except (UserError, OSError) as exc:
            message = exc.message if isinstance(exc, UserError) else str(exc)
            QMessageBox.warning(self, self.tr("Export personal data"), message)
            return
        if path is not None:
            QMessageBox.information(
                self,
                self.tr("Export personal data"),
                self.tr("Everything held on this person was written to {path}.").format(path=path),
            )

    def erase_on_request(self) -> None:
        if self.person_id is None:
            return
        dialog = retention_ui.EraseDialog(self.actor, self.person_id, self.title.text(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_person(self.person_id)

    def _request(self, signal: SignalInstance) -> None:
        if self.person_id is not None:
            signal.emit(self.person_id)


def action_label(action: str) -> str:
    return {
        "create": translate("PersonPage", "registered"),
        "update": translate("PersonPage", "changed"),
        "deactivate": translate("PersonPage", "deactivated"),
        "reactivate": translate("PersonPage", "reactivated"),
        "merge": translate("PersonPage", "merged"),
    }.get(action, action)


def field_label(field: str) -> str:
    return {
        "name": translate("PersonPage", "name"),
        "phone": translate("PersonPage", "phone"),
        "id_type": translate("PersonPage", "document type"),
        "id_number": translate("PersonPage", "ID number"),
        "gender": translate("PersonPage", "gender"),
        "birth_date": translate("PersonPage", "birth date"),
        "workplace": translate("PersonPage", "workplace"),
        "is_member": translate("PersonPage", "membership"),
        "member_card": translate("PersonPage", "member card"),
        "notes": translate("PersonPage", "notes"),
    }.get(field, field)
