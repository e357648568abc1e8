"""The front desk's fast lane: find or register the visitor, choose purposes, tell them everything
each service needs at once (一次性告知), record how each purpose ended, save with Ctrl+Enter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from stationapp.db import today
from stationapp.errors import DuplicateFound, UserError, ValidationError
from stationapp.models.accounts import Staff
from stationapp.models.people import Person
from stationapp.models.visits import CHANNELS, OUTCOMES, RATINGS, ServiceType, Visit
from stationapp.services import accounts, people, visits
from stationapp.ui.forms import (
    FieldErrors,
    FormDialog,
    add_button,
    dialog_buttons,
    layout_with_bar,
    show_user_error,
)
from stationapp.ui.people.picker import PersonPicker, describe

if TYPE_CHECKING:
    from stationapp.ui.members.card_offer import CardOfferButton
    from stationapp.ui.visits.notice_sheet import NoticeSheet

WARNING_STYLE = "color: #8a5300;"


class ElidedLabel(QLabel):
    """One line of plain text, cut with "…" where the room ends instead of wrapping (a wrapped
    workplace name left a lone 司 on a line of its own); the whole text is in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(self.contentsRect().width(), 0)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width))


class ServicePicker(QWidget):
    """Search the catalogue as one types; arrows move, Enter adds the highlighted service."""

    service_chosen = Signal(int)

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(50)
        self.edit.setPlaceholderText(self.tr("Purpose: type a name or pinyin initials, Enter adds"))
        layout.addWidget(self.edit)
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setMaximumHeight(150)
        self.results.itemClicked.connect(self._activate)
        layout.addWidget(self.results)
        self.edit.textChanged.connect(self.search)
        self.edit.installEventFilter(self)
        self.setFocusProxy(self.edit)
        self.search()

    def search(self, *_args: object) -> None:
        self.results.clear()
        for service in visits.search_services(self.actor, self.edit.text(), limit=30):
            item = QListWidgetItem(service.name)
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent):
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = (self.results.currentRow() + step) % self.results.count()
                self.results.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                item = self.results.currentItem()
                if item is not None and self.edit.text().strip():
                    self._activate(item)
                    return True
        return super().eventFilter(watched, event)

    def _activate(self, item: QListWidgetItem) -> None:
        self.service_chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        self.edit.clear()


class PurposeCard(QFrame):
    """One chosen purpose: its notice as a checklist of materials, and how it ended."""

    remove_requested = Signal(int)

    def __init__(self, service: ServiceType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName(f"purpose_{service.id}")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        title = QLabel(f"<b>{service.name}</b>")
        top.addWidget(title, 1)
        self.remove_button = QToolButton()
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove this purpose"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.service.id))
        top.addWidget(self.remove_button)
        layout.addLayout(top)
        facts = []
        if service.time_limit:
            facts.append(self.tr("Time limit: {text}").format(text=service.time_limit))
        if service.fee:
            facts.append(self.tr("Fee: {text}").format(text=service.fee))
        if facts:
            summary = QLabel("　".join(facts))
            summary.setWordWrap(True)
            summary.setStyleSheet("color: #444;")
            layout.addWidget(summary)
        self.hints = QLabel()
        self.hints.setWordWrap(True)
        self.hints.setStyleSheet(WARNING_STYLE)
        self.hints.hide()
        layout.addWidget(self.hints)

        self.material_checks: dict[str, QCheckBox] = {}
        if service.materials:
            caption = QLabel(self.tr("Materials: tick what the visitor brought"))
            layout.addWidget(caption)
            grid = QGridLayout()
            for index, material in enumerate(service.materials):
                name = str(material["name"])
                text = self.tr("{name} ({kind}, {copies})").format(
                    name=name,
                    kind=visits.material_kind_label(str(material.get("kind", "original"))),
                    copies=self.tr("%n copies", "", int(material.get("copies", 1))),
                )
                check = QCheckBox(text)
                if material.get("note"):
                    check.setToolTip(str(material["note"]))
                self.material_checks[name] = check
                check.toggled.connect(self._materials_changed)
                grid.addWidget(check, index // 2, index % 2)
            layout.addLayout(grid)
        else:
            layout.addWidget(QLabel(self.tr("No materials needed.")))

        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.outcome = QComboBox()
        for outcome in OUTCOMES:
            self.outcome.addItem(visits.outcome_label(outcome), outcome)
        self.fields.add_row(self.tr("Outcome"), "outcome", self.outcome)
        self.referred_to = self.fields.add_line(
            self.tr("Referred to"),
            "referred_to",
            300,
            self.tr("e.g. District union legal service centre"),
        )
        self.decline_reason = self.fields.add_line(self.tr("Reason"), "decline_reason", 600)
        from stationapp.ui.dates import date_edit  # with the first purpose, not the empty form

        self.due_on = date_edit(visits.follow_up_due(service), display="yyyy-MM-dd")
        self.fields.add_row(self.tr("Bring missing by"), "due_on", self.due_on)
        layout.addLayout(form)
        # Until the staff member picks an outcome, it follows the materials (UX.md: a default
        # never loses work): something missing is "waiting for materials", with a follow-up.
        self.outcome_chosen = False
        self.outcome.activated.connect(self._outcome_picked)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._materials_changed()
        self._outcome_changed()

    def default_outcome(self) -> str:
        return "waiting" if self.missing() else "done"

    def _outcome_picked(self, *_args: object) -> None:
        self.outcome_chosen = True

    def _materials_changed(self, *_args: object) -> None:
        if not self.outcome_chosen:
            self.outcome.setCurrentIndex(max(self.outcome.findData(self.default_outcome()), 0))

    def _outcome_changed(self, *_args: object) -> None:
        outcome = self.outcome.currentData()
        self.fields.set_row_visible("referred_to", outcome == "referred")
        self.fields.set_row_visible("decline_reason", outcome == "declined")
        self.fields.set_row_visible("due_on", outcome == "waiting")

    def show_hints(self, hints: list[str]) -> None:
        self.hints.setText("\n".join(hints))
        self.hints.setVisible(bool(hints))

    def missing(self) -> list[str]:
        return [name for name, check in self.material_checks.items() if not check.isChecked()]

    def brought(self) -> list[str]:
        return [name for name, check in self.material_checks.items() if check.isChecked()]

    def to_input(self) -> visits.PurposeInput:
        return visits.PurposeInput(
            service_id=self.service.id,
            outcome=self.outcome.currentData(),
            referred_to=self.referred_to.text(),
            decline_reason=self.decline_reason.text(),
            materials_brought=self.brought(),
            materials_missing=self.missing(),
            due_on=self.due_on.date().toPython()
            if self.outcome.currentData() == "waiting"
            else None,
        )

    def load(self, purpose: object) -> None:
        self.outcome_chosen = True  # a recorded visit keeps its outcome
        for name, check in self.material_checks.items():
            check.setChecked(name in (purpose.materials_brought or []))
        self.outcome.setCurrentIndex(max(self.outcome.findData(purpose.outcome), 0))
        self.referred_to.setText(purpose.referred_to)
        self.decline_reason.setText(purpose.decline_reason)
        if purpose.due_on:
            self.due_on.setDate(QDate(purpose.due_on))

    def show_errors(self, errors: dict[str, str]) -> None:
        shown = dict(errors)
        if "materials_missing" in shown:
            # "Waiting" with nothing missing: the message belongs with the outcome.
            shown.setdefault("outcome", shown.pop("materials_missing"))
        self.fields.show(shown)


class QuickPersonDialog(FormDialog):
    """Register a new visitor with the minimum: name and phone."""

    def __init__(self, actor: Staff, parent: QWidget | None = None, *, text: str = "") -> None:
        super().__init__(actor, parent)
        self.person: Person | None = None
        self.setWindowTitle(self.tr("New visitor"))
        self.name = self.fields.add_line(self.tr("&Name"), "name", 500)
        self.phone = self.fields.add_line(self.tr("&Phone"), "phone", 40)
        self.use_existing = QPushButton(self.tr("Use the existing record"))
        self.use_existing.hide()
        self.use_existing.clicked.connect(self._use_existing)
        self.column.addWidget(self.use_existing)
        dialog_buttons(self, self.column, self.submit)
        self._existing: list[Person] = []
        compact = text.replace(" ", "").replace("-", "")
        if compact.isdigit():
            self.phone.setText(text.strip())
            self.name.setFocus()
        else:
            self.name.setText(text.strip())
            self.phone.setFocus()
        self.setMinimumWidth(380)

    def submit(self) -> None:
        try:
            self.person = people.create_person(
                self.actor, people.PersonInput(name=self.name.text(), phone=self.phone.text())
            )
        except DuplicateFound as exc:
            self._existing = list(exc.existing)
            lines = [exc.message] + [describe(p) for p in self._existing]
            self.bar.show_message("\n".join(lines), "warning")
            self.use_existing.show()
            self.use_existing.setFocus()
            return
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.accept()

    def _use_existing(self) -> None:
        if self._existing:
            self.person = self._existing[0]
            self.accept()


class VisitForm(QWidget):
    """Register a new visit, or correct one (``visit`` given)."""

    saved = Signal(int)

    def __init__(
        self, actor: Staff, parent: QWidget | None = None, *, visit: Visit | None = None
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.editing = visit
        self.person: Person | None = None
        self.cards: dict[int, PurposeCard] = {}
        self.printed: set[int] = set()

        outer, self.bar = layout_with_bar(self)
        splitter = QSplitter()
        outer.addWidget(splitter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        visitor_label = QLabel(
            self.tr("<b>Visitor</b> (phone tail, name, pinyin initials; Enter picks)")
        )
        left_layout.addWidget(visitor_label)
        self.picker = PersonPicker(actor)
        self.picker.person_chosen.connect(self.choose_person)
        self.picker.new_person_requested.connect(self.new_person)
        left_layout.addWidget(self.picker)
        person_row = QHBoxLayout()
        # Two lines that never wrap: who (name, phone, ID), then where and what (workplace,
        # membership); each cut with "…" when the column is narrow, whole in its tooltip.
        self.person_label = QWidget()
        person_lines = QVBoxLayout(self.person_label)
        person_lines.setContentsMargins(0, 0, 0, 0)
        person_lines.setSpacing(0)
        self.person_name_line = ElidedLabel()
        bold = self.person_name_line.font()
        bold.setBold(True)
        self.person_name_line.setFont(bold)
        self.person_detail_line = ElidedLabel()
        person_lines.addWidget(self.person_name_line)
        person_lines.addWidget(self.person_detail_line)
        person_row.addWidget(self.person_label, 1)
        self.change_person = add_button(person_row, self.tr("Change"), self.clear_person)
        left_layout.addLayout(person_row)
        self.anonymous = QCheckBox(self.tr("Anon&ymous visitor (gave no details)"))
        self.anonymous.toggled.connect(self._anonymous_toggled)
        left_layout.addWidget(self.anonymous)

        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.channel = QComboBox()
        for channel in CHANNELS:
            self.channel.addItem(visits.channel_label(channel), channel)
        self.fields.add_row(self.tr("&Channel"), "channel", self.channel)
        self.service_picker = ServicePicker(actor)
        self.service_picker.service_chosen.connect(self.add_purpose)
        self.fields.add_row(self.tr("P&urposes"), "purposes", self.service_picker)
        self.rating = QComboBox()
        for rating in RATINGS:
            self.rating.addItem(visits.rating_label(rating), rating)
        self.rating.setCurrentIndex(self.rating.findData("unrated"))
        self.fields.add_row(self.tr("Rat&ing"), "rating", self.rating)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.fields.add_row(self.tr("&Notes"), "notes", self.notes)
        left_layout.addLayout(form)
        left_layout.addStretch(1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save)
        self.print_button = QPushButton(self.tr("Print notice… (Ctrl+P)"))
        self.print_button.clicked.connect(self.print_notice)
        self.clear_button = QPushButton(self.tr("Clear form"))
        self.clear_button.clicked.connect(self.reset)
        self.case_button = QPushButton(self.tr("Save and file a &dispute case…"))
        self.case_button.setToolTip(
            self.tr("Save this visit and open a mediation application with the visitor filled in")
        )
        self.case_button.clicked.connect(self.file_case)
        if visit is not None or not accounts.has_permission(actor, "case.create"):
            # hide() only: setVisible(True) on a button that has no parent yet opened it as a
            # window of its own for a moment, and the main window lost the keyboard focus.
            self.case_button.hide()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        more = QHBoxLayout()
        more.addWidget(self.case_button)
        # The 京卡 offer's button (ui/members) is made with the first visit saved: see card_offer.
        self._card_offer: CardOfferButton | None = None
        self._more = more
        more.addStretch(1)
        more.addWidget(self.clear_button)
        left_layout.addLayout(more)
        splitter.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("<b>One-time notice</b> for the chosen purposes")))
        self.cards_holder = QWidget()
        self.cards_layout = QVBoxLayout(self.cards_holder)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.empty_cards = QLabel(
            self.tr("Choose a purpose: its materials, time limit and outcome appear here.")
        )
        self.empty_cards.setWordWrap(True)
        self.empty_cards.setStyleSheet("color: #666;")
        self.cards_layout.addWidget(self.empty_cards)
        self.cards_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # Tab goes from the buttons straight to the first purpose's controls, not to the frame.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(self.cards_holder)
        right_layout.addWidget(scroll, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self, self.save)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        printing = QShortcut(QKeySequence.StandardKey.Print, self, self.print_notice)
        printing.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        if visit is not None:
            self.load_visit(visit)
        else:
            self._show_person()

    # --- the visitor ---------------------------------------------------------------------------

    @property
    def card_offer(self) -> CardOfferButton:
        """The button offering a 京卡 application after a visit about the card, made on first use
        (its module and the members' services are not needed for the first paint)."""
        if self._card_offer is None:
            from stationapp.ui.members.card_offer import CardOfferButton

            self._card_offer = CardOfferButton(self.actor)
            self._card_offer.applied.connect(lambda text: self.bar.show_message(text, "info"))
            self._more.insertWidget(1, self._card_offer)
        return self._card_offer

    def focus_start(self) -> None:
        if self.person is None and not self.anonymous.isChecked():
            self.picker.setFocus()
        else:
            self.service_picker.setFocus()

    def choose_person(self, person_id: int) -> None:
        try:
            self.person = people.get_person(self.actor, person_id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        self.anonymous.setChecked(False)
        self._show_person()
        self._refresh_hints()
        self.service_picker.setFocus()

    def clear_person(self) -> None:
        self.person = None
        self._show_person()
        self._refresh_hints()
        self.picker.setFocus()

    def new_person(self, text: str) -> None:
        dialog = QuickPersonDialog(self.actor, self, text=text)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.person is not None:
            self.choose_person(dialog.person.id)

    def _anonymous_toggled(self, checked: bool) -> None:
        if checked:
            self.person = None
            self._show_person()
            self._refresh_hints()
            self.service_picker.setFocus()
        else:
            self._show_person()

    def _show_person(self) -> None:
        has_person = self.person is not None
        self.picker.setVisible(not has_person and not self.anonymous.isChecked())
        if not has_person:
            self.picker.clear()
        self.person_label.setVisible(has_person)
        self.change_person.setVisible(has_person)
        if has_person:
            person = self.person
            who = [person.name]
            if person.gender:
                who.append(people.gender_label(person.gender))
            if person.phone:
                who.append(person.phone)
            if person.id_number:
                who.append(people.mask_id(person.id_number))
            extra = [person.workplace.name] if person.workplace_id else []
            extra.append(self.tr("union member") if person.is_member else self.tr("not a member"))
            if person.member_card:
                extra.append(self.tr("has a member card"))
            self.person_name_line.set_full_text("  ·  ".join(who))
            self.person_detail_line.set_full_text("，".join(extra))

    # --- purposes --------------------------------------------------------------------------------

    def add_purpose(self, service_id: int) -> PurposeCard | None:
        if service_id in self.cards:
            self.cards[service_id].setFocus()
            return self.cards[service_id]
        try:
            service = visits.get_service(self.actor, service_id)
        except UserError as exc:
            self.bar.show_message(exc.message)
            return None
        card = PurposeCard(service)
        card.remove_requested.connect(self.remove_purpose)
        self.cards[service_id] = card
        self.cards_layout.insertWidget(self.cards_layout.count() - 1, card)
        self.empty_cards.hide()
        self._refresh_hints()
        return card

    def remove_purpose(self, service_id: int) -> None:
        card = self.cards.pop(service_id, None)
        if card is not None:
            card.deleteLater()
        self.empty_cards.setVisible(not self.cards)
        self.service_picker.setFocus()

    def _refresh_hints(self) -> None:
        for card in self.cards.values():
            card.show_hints(visits.eligibility_hints(self.person, [card.service]))

    # --- saving --------------------------------------------------------------------------------

    def collect(self) -> visits.VisitInput:
        return visits.VisitInput(
            person_id=self.person.id if self.person is not None else None,
            channel=self.channel.currentData(),
            purposes=[
                visits.PurposeInput(
                    **{
                        **card.to_input().__dict__,
                        "notice_printed": service_id in self.printed,
                    }
                )
                for service_id, card in self.cards.items()
            ],
            rating=self.rating.currentData(),
            notes=self.notes.toPlainText(),
            arrived_at=self.editing.arrived_at if self.editing is not None else None,
            outreach_id=self.editing.outreach_id if self.editing is not None else None,
        )

    def save(self) -> Visit | None:
        self.fields.clear()
        for card in self.cards.values():
            card.fields.clear()
        if self.person is None and not self.anonymous.isChecked():
            self.bar.show_message(
                self.tr("Choose the visitor, or tick “Anonymous visitor”."), "warning"
            )
            self.picker.setFocus()
            return None
        data = self.collect()
        try:
            if self.editing is None:
                visit = visits.record_visit(self.actor, data)
            else:
                visit = visits.update_visit(self.actor, self.editing.id, data)
        except ValidationError as exc:
            self._show_validation(exc)
            return None
        except UserError as exc:
            self.bar.show_message(exc.message)
            return None
        who = self.person.name if self.person is not None else self.tr("anonymous visitor")
        names = "、".join(card.service.name for card in self.cards.values())
        self.saved.emit(visit.id)
        if self.editing is None:
            self.reset()
            self.bar.show_message(
                self.tr("Saved: {who}, {purposes}.").format(who=who, purposes=names), "info"
            )
            self.card_offer.offer_after(visit.id)
        return visit

    def file_case(self) -> None:
        """The visitor came about a labour dispute: record the visit, then open the application."""
        if self.person is None:
            self.bar.show_message(
                self.tr("A mediation application needs the visitor's record."), "warning"
            )
            self.picker.setFocus()
            return
        person_id = self.person.id
        visit = self.save()
        if visit is None:
            return
        from stationapp.ui.mediation.intake import CaseIntakeDialog  # on first use, not at start

        dialog = CaseIntakeDialog(self.actor, self, person_id=person_id, visit_id=visit.id)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.case is not None:
            self.bar.show_message(
                self.tr("Visit saved and application filed: {number}.").format(
                    number=dialog.case.number
                ),
                "info",
            )

    def _show_validation(self, exc: ValidationError) -> None:
        own: dict[str, str] = {}
        per_card: dict[int, dict[str, str]] = {}
        for key, message in exc.errors.items():
            if key.startswith("purpose."):
                _, service_id, field = key.split(".", 2)
                per_card.setdefault(int(service_id), {})[field] = message
            else:
                own[key] = message
        leftover = self.fields.show(own) if own else []
        for service_id, errors in per_card.items():
            if service_id in self.cards:
                self.cards[service_id].show_errors(errors)
        if leftover or not exc.errors:
            self.bar.show_message("\n".join(leftover) or exc.message)
        else:
            self.bar.show_message(
                self.tr("Please correct the marked fields; nothing was saved."), "warning"
            )

    def reset(self) -> None:
        for service_id in list(self.cards):
            self.remove_purpose(service_id)
        self.printed.clear()
        self.person = None
        self.anonymous.setChecked(False)
        self.channel.setCurrentIndex(0)
        self.rating.setCurrentIndex(self.rating.findData("unrated"))
        self.notes.clear()
        self.fields.clear()
        self.bar.hide()
        self._show_person()
        self.picker.setFocus()

    def load_visit(self, visit: Visit) -> None:
        if visit.person_id:
            self.person = people.get_person(self.actor, visit.person_id)
        else:
            self.anonymous.setChecked(True)
        self.channel.setCurrentIndex(max(self.channel.findData(visit.channel), 0))
        self.rating.setCurrentIndex(max(self.rating.findData(visit.rating), 0))
        self.notes.setPlainText(visit.notes)
        for purpose in visits.purposes_of([visit])[visit.id]:
            card = self.add_purpose(purpose.service_id)
            if card is not None:
                card.load(purpose)
            if purpose.notice_printed:
                self.printed.add(purpose.service_id)
        self._show_person()
        self._refresh_hints()

    # --- the notice sheet ------------------------------------------------------------------

    def notice(self) -> NoticeSheet:
        # The notice sheet and Qt's print support are imported when first printed.
        from stationapp.ui.visits import notice_sheet

        station = accounts.station_settings()
        return notice_sheet.NoticeSheet(
            station_name=station.station_name,
            staff_name=self.actor.display_name,
            visitor_name=self.person.name if self.person is not None else "",
            issued_on=today(),
            services=[card.service for card in self.cards.values()],
            missing={sid: card.missing() for sid, card in self.cards.items()},
            contact=station.contact,
        )

    def print_notice(self) -> None:
        if not self.cards:
            self.fields.show({"purposes": self.tr("Choose a purpose first.")})
            return
        from stationapp.ui.visits import notice_sheet

        # Recorded as printed only when it was: closing the preview prints nothing.
        if notice_sheet.preview(self.notice(), self):
            self.printed.update(self.cards)


class VisitDialog(QDialog):
    """Correct a recorded visit (the change is audited)."""

    def __init__(self, actor: Staff, visit: Visit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct visit"))
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        self.form = VisitForm(actor, self, visit=visit)
        self.form.clear_button.hide()
        self.form.saved.connect(lambda _id: self.accept())
        layout.addWidget(self.form)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
