"""First-run set-up, sign-in, password change, staff administration, station settings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stationapp import config
from stationapp.errors import UserError, ValidationError
from stationapp.models.accounts import ROLES, Staff
from stationapp.services import accounts
from stationapp.ui.choices import fill_list
from stationapp.ui.deletion import Outcome, delete_or_offer
from stationapp.ui.forms import (
    OK_CANCEL,
    BarDialog,
    FieldErrors,
    FormDialog,
    MessageBar,
    add_button,
    dialog_buttons,
    record_list,
    show_user_error,
    shows_user_errors,
    spin_box,
)


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(accounts.MAX_PASSWORD_LENGTH)
    return edit


class FirstRunDialog(QDialog):
    """Creates the administrator and names the station, on an empty database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up the station"))
        self.staff: Staff | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Welcome. This database is new. Name the station and create the administrator "
                "account; the administrator then adds the other staff."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.bar = MessageBar()
        layout.addWidget(self.bar)

        station_box = QGroupBox(self.tr("Station"))
        station_form = QFormLayout(station_box)
        self.fields = FieldErrors(station_form)
        self.station_name = QLineEdit()
        self.station_name.setPlaceholderText(
            self.tr("e.g. Jianguomen Street Union Service Station")
        )
        self.fields.add_row(self.tr("Station name"), "station_name", self.station_name)
        self.case_prefix = self.fields.add_line(
            self.tr("Case-number prefix"), "case_prefix", 10, self.tr("e.g. 建工调")
        )
        layout.addWidget(station_box)

        admin_box = QGroupBox(self.tr("Administrator"))
        admin_form = QFormLayout(admin_box)
        admin_fields = FieldErrors(admin_form)
        self.display_name = admin_fields.add_line(self.tr("Full name"), "display_name")
        self.username = admin_fields.add_line(self.tr("User name"), "username", 32)
        self.password = password_edit()
        admin_fields.add_row(self.tr("Password"), "password", self.password)
        self.repeat = password_edit()
        admin_fields.add_row(self.tr("Repeat password"), "repeat", self.repeat)
        layout.addWidget(admin_box)
        self.admin_fields = admin_fields
        for form_layout in (station_form, admin_form):
            # The two groups' fields line up when their captions share one width.
            form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            for row in range(form_layout.rowCount()):
                caption = form_layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if caption is not None and caption.widget() is not None:
                    caption.widget().setMinimumWidth(110)

        dialog_buttons(
            self, layout, self.submit, buttons=OK_CANCEL, ok_text=self.tr("Create and start")
        )
        self.setMinimumWidth(560)

    def submit(self) -> None:
        self.fields.clear()
        self.admin_fields.clear()
        if self.password.text() != self.repeat.text():
            self.admin_fields.show({"repeat": self.tr("The two passwords differ.")})
            return
        try:
            self.staff = accounts.create_first_admin(
                username=self.username.text(),
                display_name=self.display_name.text(),
                password=self.password.text(),
                station_name=self.station_name.text(),
                case_prefix=self.case_prefix.text(),
            )
        except UserError as exc:
            errors = exc.errors if isinstance(exc, ValidationError) else {}
            station = {k: v for k, v in errors.items() if k in ("station_name", "case_prefix")}
            admin = {k: v for k, v in errors.items() if k not in station}
            self.fields.show(station)
            self.admin_fields.show(admin)
            if not errors:
                self.bar.show_message(exc.message)
            return
        self.accept()


def station_title(name: str) -> QLabel:
    """The station's name, large and bold, above a sign-in form."""
    title = QLabel(name)
    font = title.font()
    font.setPointSize(font.pointSize() + 3)
    font.setBold(True)
    title.setFont(font)
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return title


def signed_in(dialog: Any) -> Staff | None:
    """The staff member the ``username`` and ``password`` of a sign-in ``dialog`` sign in; when
    refused, None, the refusal shown and the password cleared for typing again."""
    try:
        return accounts.authenticate(dialog.username.text(), dialog.password.text())
    except UserError as exc:
        dialog.password.clear()
        show_user_error(exc, dialog.fields, dialog.bar)
        dialog.password.setFocus()
        return None


class SignInDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, station_name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in"))
        self.staff: Staff | None = None
        layout = QVBoxLayout(self)
        if station_name:
            layout.addWidget(station_title(station_name))
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.username = self.fields.add_line(self.tr("User name"), "username", 32)
        self.password = password_edit()
        self.fields.add_row(self.tr("Password"), "password", self.password)
        layout.addLayout(form)
        dialog_buttons(self, layout, self.submit, buttons=OK_CANCEL, ok_text=self.tr("Sign in"))
        self.setMinimumWidth(380)
        last = QSettings().value(config.Keys.LAST_USERNAME.name, "")
        if last:
            self.username.setText(str(last))
            self.password.setFocus()

    def submit(self) -> None:
        staff = signed_in(self)
        if staff is None:
            return
        QSettings().setValue(config.Keys.LAST_USERNAME.name, staff.username)
        self.staff = staff
        self.accept()


class ChangePasswordDialog(QDialog):
    def __init__(self, actor: Staff, parent: QWidget | None = None, *, forced: bool = False):
        super().__init__(parent)
        self.actor = actor
        self.setWindowTitle(self.tr("Change password"))
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(
                self.tr("Your password was set by an administrator. Please choose your own now.")
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        self.bar = MessageBar()
        layout.addWidget(self.bar)
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.old = password_edit()
        self.fields.add_row(self.tr("Current password"), "old_password", self.old)
        self.new = password_edit()
        self.fields.add_row(self.tr("New password"), "new_password", self.new)
        self.repeat = password_edit()
        self.fields.add_row(self.tr("Repeat new password"), "repeat", self.repeat)
        layout.addLayout(form)
        dialog_buttons(self, layout, self.submit, buttons=OK_CANCEL)
        self.setMinimumWidth(400)

    @shows_user_errors
    def submit(self) -> None:
        if self.new.text() != self.repeat.text():
            self.fields.show({"repeat": self.tr("The two passwords differ.")})
            return
        accounts.change_password(
            self.actor, old_password=self.old.text(), new_password=self.new.text()
        )
        self.accept()


class StationSettingsDialog(FormDialog):
    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, parent)
        self.setWindowTitle(self.tr("Station settings"))
        current = accounts.station_settings()
        self.station_name = QLineEdit(current.station_name)
        self.fields.add_row(self.tr("Station name"), "station_name", self.station_name)
        self.case_prefix = QLineEdit(current.case_prefix)
        self.case_prefix.setMaxLength(10)
        self.fields.add_row(self.tr("Case-number prefix"), "case_prefix", self.case_prefix)
        self.contact = QLineEdit(current.contact)
        self.contact.setMaxLength(250)
        self.contact.setPlaceholderText(self.tr("Phone and address, printed on notices"))
        self.fields.add_row(self.tr("Contact"), "contact", self.contact)
        self.idle_lock = self._minutes_row(
            self.tr("Lock the window after"),
            "idle_lock_minutes",
            accounts.MAX_IDLE_LOCK_MINUTES,
            current.idle_lock_minutes,
            self.tr(" minutes without use"),
            self.tr(
                "After this time without a key press or a click the window hides its content and "
                "asks for the password again."
            ),
        )
        self.borrower_idle = self._minutes_row(
            self.tr("Clear the library borrower after"),
            "borrower_idle_minutes",
            accounts.MAX_BORROWER_IDLE_MINUTES,
            current.borrower_idle_minutes,
            self.tr(" minutes without a scan"),
            self.tr(
                "After this time without a scan or a key press at the library desk, the "
                "borrower is cleared, so the next reader's books are not lent to the last one."
            ),
        )
        dialog_buttons(self, self.column, self.submit)
        self.setMinimumWidth(460)

    def _minutes_row(
        self, label: str, name: str, highest: int, value: int, unit: str, tip: str
    ) -> QSpinBox:
        """A setting in minutes, from 1 to ``highest``, showing ``value``, with what it does."""
        spin = spin_box(1, highest, value, unit, tip=tip)
        self.fields.add_row(label, name, spin)
        return spin

    @shows_user_errors
    def submit(self) -> None:
        accounts.update_station_settings(
            self.actor,
            station_name=self.station_name.text(),
            case_prefix=self.case_prefix.text(),
            contact=self.contact.text(),
            idle_lock_minutes=self.idle_lock.value(),
            borrower_idle_minutes=self.borrower_idle.value(),
        )
        self.accept()


class StaffDialog(BarDialog):
    """Administrators list, create, edit, deactivate staff and reset passwords."""

    staff_changed = Signal()

    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Staff accounts"), parent)
        self.current_id: int | None = None
        self.resize(760, 460)
        outer = self.column
        body = QHBoxLayout()
        outer.addLayout(body, 1)

        self.list = record_list(body, self.tr("&New account"), self._on_current, self.start_new)
        body.setStretch(0, 2)

        right = QVBoxLayout()
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.username = self.fields.add_line(self.tr("User name"), "username", 32)
        self.display_name = self.fields.add_line(self.tr("Full name"), "display_name")
        roles_box = QWidget()
        roles_layout = QVBoxLayout(roles_box)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        self.role_checks: dict[str, QCheckBox] = {}
        for role in ROLES:
            check = QCheckBox(accounts.role_label(role))
            self.role_checks[role] = check
            roles_layout.addWidget(check)
        self.fields.add_row(self.tr("Roles"), "roles", roles_box)
        self.active = QCheckBox(self.tr("Account active"))
        self.fields.add_row("", "active", self.active)
        self.password = password_edit()
        self.fields.add_row(self.tr("Initial password"), "password", self.password)
        right.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = add_button(buttons, self.tr("&Save"), self.save)
        self.save_button.setDefault(True)
        self.reset_button = add_button(buttons, self.tr("&Reset password…"), self.reset_password)
        self.delete_button = add_button(
            buttons,
            self.tr("&Delete account…"),
            self.delete_account,
            self.tr(
                "Delete an account created by mistake; one that was ever used is deactivated "
                "instead"
            ),
        )
        self.delete_button.setVisible(accounts.has_permission(actor, "staff.delete"))
        buttons.addStretch(1)
        add_button(buttons, self.tr("Close"), self.accept)
        right.addLayout(buttons)
        right.addStretch(1)
        body.addLayout(right, 3)
        self.reload()
        self.start_new()

    def reload(self, select_id: int | None = None) -> None:
        fill_list(
            self.list,
            ((self._line(staff), staff.id) for staff in accounts.list_staff(self.actor)),
            lambda staff_id: staff_id == select_id,
        )

    def _line(self, staff: Staff) -> str:
        """The account as the list shows it: names, roles, and whether it is deactivated."""
        roles = "、".join(accounts.role_label(r) for r in staff.role_set)
        text = f"{staff.display_name} ({staff.username}) · {roles}"
        if not staff.active:
            text += " · " + self.tr("deactivated")
        return text

    def start_new(self) -> None:
        self.current_id = None
        self.list.clearSelection()
        self.fields.clear()
        self.username.setEnabled(True)
        self.username.clear()
        self.display_name.clear()
        for check in self.role_checks.values():
            check.setChecked(False)
        self.active.setChecked(True)
        self.active.setEnabled(False)
        self.password.clear()
        self.fields.set_row_visible("password", True)
        self.reset_button.setEnabled(False)
        self.delete_button.setEnabled(False)
        self.username.setFocus()

    def _on_current(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        staff_id = item.data(Qt.ItemDataRole.UserRole)
        staff = next(s for s in accounts.list_staff(self.actor) if s.id == staff_id)
        self.current_id = staff.id
        self.fields.clear()
        self.username.setText(staff.username)
        self.username.setEnabled(False)
        self.display_name.setText(staff.display_name)
        for role, check in self.role_checks.items():
            check.setChecked(role in staff.role_set)
        self.active.setEnabled(True)
        self.active.setChecked(staff.active)
        self.fields.set_row_visible("password", False)
        self.reset_button.setEnabled(True)
        self.delete_button.setEnabled(staff.id != self.actor.id)

    def selected_roles(self) -> list[str]:
        return [role for role, check in self.role_checks.items() if check.isChecked()]

    def save(self) -> None:
        try:
            if self.current_id is None:
                staff = accounts.create_staff(
                    self.actor,
                    username=self.username.text(),
                    display_name=self.display_name.text(),
                    roles=self.selected_roles(),
                    password=self.password.text(),
                )
                message = self.tr(
                    "Account {name} created. They must choose their own password at first sign-in."
                ).format(name=staff.username)
            else:
                staff = accounts.update_staff(
                    self.actor,
                    self.current_id,
                    display_name=self.display_name.text(),
                    roles=self.selected_roles(),
                    active=self.active.isChecked(),
                )
                message = self.tr("Account {name} saved.").format(name=staff.username)
        except UserError as exc:
            show_user_error(exc, self.fields, self.bar)
            return
        self.fields.clear()
        self.bar.show_message(message, "info")
        self.reload(select_id=staff.id)
        self._on_current(self.list.currentItem())
        self.staff_changed.emit()

    def delete_account(self) -> None:
        if self.current_id is None:
            return
        staff_id = self.current_id
        staff = next((s for s in accounts.list_staff(self.actor) if s.id == staff_id), None)
        if staff is None:
            return
        outcome = delete_or_offer(
            self,
            self.bar,
            name=self.tr("the account {name}").format(name=staff.username),
            delete=lambda: accounts.delete_staff(self.actor, staff_id),
            instead=(lambda: accounts.deactivate_staff(self.actor, staff_id))
            if staff.active
            else None,
            instead_question=self.tr("Deactivate the account {name} instead?").format(
                name=staff.username
            ),
        )
        if outcome is Outcome.NOTHING:
            return
        self.fields.clear()
        if outcome is Outcome.DELETED:
            self.reload()
            self.start_new()
            message = self.tr("Account {name} deleted.").format(name=staff.username)
        else:
            self.reload(select_id=staff_id)
            self._on_current(self.list.currentItem())
            message = self.tr(
                "Account {name} deactivated: it can no longer sign in; what it did stays on record."
            ).format(name=staff.username)
        self.bar.show_message(message, "info")
        self.staff_changed.emit()

    def reset_password(self) -> None:
        if self.current_id is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Reset password"))
        layout = QVBoxLayout(dialog)
        form = QFormLayout()
        fields = FieldErrors(form)
        edit = password_edit()
        fields.add_row(self.tr("Temporary password"), "new_password", edit)
        layout.addLayout(form)
        bar = MessageBar()
        layout.addWidget(bar)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(buttons)
        buttons.rejected.connect(dialog.reject)

        def submit() -> None:
            try:
                accounts.reset_password(self.actor, self.current_id, new_password=edit.text())
            except UserError as exc:
                show_user_error(exc, fields, bar)
                return
            dialog.accept()

        buttons.accepted.connect(submit)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            QMessageBox.information(
                self,
                self.tr("Password reset"),
                self.tr("The password was reset. The staff member must change it at next sign-in."),
            )
