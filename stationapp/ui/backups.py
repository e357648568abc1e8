"""Administration > Backups: where backups go, how many are kept, back up now, restore."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QObject,
    Qt,
    QThread,
    QTime,
    QTimeZone,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from stationapp.db import sqlite_path
from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import backup
from stationapp.services.accounts import require
from stationapp.ui.forms import (
    CLOSE,
    BarDialog,
    FieldErrors,
    add_button,
    dialog_buttons,
    form_call,
    reports_user_errors,
    spin_box,
)
from stationapp.ui.table_model import read_only_table

log = logging.getLogger(__name__)


def backup_time_text(
    made_at: datetime, form: QLocale.FormatType = QLocale.FormatType.LongFormat
) -> str:
    """A backup's time (its name carries Beijing time) in this computer's own time zone; the
    long form names the zone."""
    beijing = QDateTime(
        QDate(made_at.year, made_at.month, made_at.day),
        QTime(made_at.hour, made_at.minute, made_at.second),
        QTimeZone(b"Asia/Shanghai"),
    )
    return QLocale().toString(beijing.toLocalTime(), form)


class BackupWorker(QThread):
    """Makes one backup off the window's thread (its own SQLite connections, no peewee)."""

    progressed = Signal(int, int)
    succeeded = Signal(str)
    failed = Signal(str)

    def __init__(
        self, url: str, settings: backup.BackupSettings, kind: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.settings = settings
        self.kind = kind

    def run(self) -> None:
        try:
            path = backup.make_backup(
                self.url,
                kind=self.kind,
                settings=self.settings,
                progress=lambda done, total: self.progressed.emit(done, total),
            )
        except UserError as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # an unexpected failure must still reach the window
            log.exception("backup failed")
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(str(path))


def kind_label(kind: str) -> str:
    translate = QCoreApplication.translate
    labels = {
        backup.DAILY: translate("Backup", "Daily"),
        backup.MANUAL: translate("Backup", "Manual"),
        backup.BEFORE_RESTORE: translate("Backup", "Before a restore"),
        backup.BEFORE_MIGRATION: translate("Backup", "Before an upgrade"),
    }
    return labels.get(kind, kind)


class BackupsDialog(BarDialog):
    """Settings, the list of backups in the folder, back up now, restore."""

    restored = Signal(str, str)  # the backup restored, the safety copy of the replaced database

    def __init__(self, actor: Staff, database_url: str, parent: QWidget | None = None) -> None:
        super().__init__(actor, self.tr("Backups"), parent)
        self.url = database_url
        self.worker: BackupWorker | None = None
        self.resize(780, 520)
        layout = self.column

        current = backup.backup_settings()
        form = QFormLayout()
        self.fields = FieldErrors(form)
        self.folder = QLineEdit(str(current.folder))
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_folder)
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        self.fields.add_row(self.tr("Backup folder"), "folder", folder_row)
        self.keep_daily = spin_box(
            backup.MIN_KEEP_DAILY, backup.MAX_KEEP_DAILY, current.keep_daily, self.tr(" days")
        )
        self.fields.add_row(self.tr("Keep daily backups for"), "keep_daily", self.keep_daily)
        self.keep_monthly = spin_box(
            0, backup.MAX_KEEP_MONTHLY, current.keep_monthly, self.tr(" months")
        )
        self.fields.add_row(
            self.tr("Keep one backup a month for"), "keep_monthly", self.keep_monthly
        )
        layout.addLayout(form)
        note = QLabel(
            self.tr(
                "A backup is made automatically once a day when the program starts, and before "
                "every upgrade or restore. Choose a USB drive or a network folder so a copy "
                "survives if this computer fails."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_button = add_button(save_row, self.tr("Save settings"), self.save_settings)
        layout.addLayout(save_row)

        self.table = read_only_table(
            [self.tr("Made"), self.tr("Kind"), self.tr("Size"), self.tr("File")]
        )
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self.restore_selected)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(self.tr("No backups in this folder yet."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #666;")
        layout.addWidget(self.empty_label, 1)

        self.progress = QProgressBar()
        self.progress.hide()
        layout.addWidget(self.progress)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setShortcut(QKeySequence("Ctrl+B"))
        self.backup_button.clicked.connect(self.backup_now)
        buttons.addWidget(self.backup_button)
        self.restore_button = add_button(
            buttons, self.tr("&Restore selected…"), self.restore_selected
        )
        self.restore_file_button = add_button(
            buttons, self.tr("Restore from a &file…"), self.restore_from_file
        )
        add_button(buttons, self.tr("&Open folder"), self.open_folder)
        buttons.addStretch(1)
        dialog_buttons(self, buttons, buttons=CLOSE)
        layout.addLayout(buttons)
        sqlite = sqlite_path(self.url) is not None
        self.restore_button.setVisible(sqlite)
        self.restore_file_button.setVisible(sqlite)
        self.refresh()

    # --- the list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.backups = backup.list_backups(backup.backup_settings().folder)
        locale = QLocale()
        self.table.setRowCount(len(self.backups))
        for row, item in enumerate(self.backups):
            cells = (
                backup_time_text(item.made_at, QLocale.FormatType.ShortFormat),
                kind_label(item.kind),
                locale.formattedDataSize(item.size),
                item.path.name,
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 2:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.empty_label.setVisible(not self.backups)
        self.table.setVisible(bool(self.backups))
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.worker is not None
        selected = self.selected_backup()
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(
            not busy and selected is not None and selected.path.suffix == ".db"
        )
        self.restore_file_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)

    def selected_backup(self) -> backup.BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    # --- settings ---------------------------------------------------------------------------

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Backup folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def save_settings(self) -> bool:
        settings = backup.BackupSettings(
            Path(self.folder.text().strip()), self.keep_daily.value(), self.keep_monthly.value()
        )
        if not form_call(self, lambda: backup.save_backup_settings(self.actor, settings)):
            return False
        self.bar.show_message(self.tr("Backup settings saved."), "info")
        self.refresh()
        return True

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(backup.backup_settings().folder)))

    # --- backing up -------------------------------------------------------------------------

    @reports_user_errors
    def backup_now(self) -> None:
        if self.worker is not None:
            return
        require(self.actor, "backup.manage")
        self.bar.show_message(self.tr("Backing up…"), "info")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.worker = BackupWorker(self.url, backup.backup_settings(), backup.MANUAL, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._backed_up)
        self.worker.failed.connect(self._backup_failed)
        self.worker.finished.connect(self._worker_done)
        self._update_buttons()
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _backed_up(self, path: str) -> None:
        try:
            backup.record_backup(self.actor, Path(path))
        except UserError as exc:
            log.warning("backup made but not audited: %s", exc.message)
        self.bar.show_message(
            self.tr("Backup written and verified: {path}").format(path=path), "info"
        )

    def _backup_failed(self, message: str) -> None:
        self.bar.show_message(message)

    def _worker_done(self) -> None:
        self.progress.hide()
        if self.worker is not None:
            self.worker.deleteLater()
        self.worker = None
        self.refresh()

    def wait_for_worker(self, msecs: int = 60_000) -> None:
        if self.worker is not None:
            self.worker.wait(msecs)

    # --- restoring --------------------------------------------------------------------------

    def restore_selected(self) -> None:
        selected = self.selected_backup()
        if selected is not None and self.worker is None:
            self.restore_path(selected.path)

    def restore_from_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup"),
            str(backup.backup_settings().folder),
            self.tr("stationapp backups (*.db);;All files (*)"),
        )
        if chosen:
            self.restore_path(Path(chosen))

    def restore_path(self, path: Path) -> bool:
        """Check ``path``, show what it holds, confirm, restore; False when refused or cancelled
        (nothing changed)."""
        from stationapp.ui.startup import run_with_progress  # it imports this module

        try:
            # Checking a large file takes a while: off the window's thread, with progress.
            summary = run_with_progress(
                self.tr("Checking the backup"),
                self.tr("Checking {name}…").format(name=path.name),
                lambda _progress: backup.backup_summary(path, self.url),
                show_after_ms=300,
                parent=self,
            )
        except UserError as exc:
            backup.log_refusal(path, "window", self.actor, exc)
            self.bar.show_message(exc.message)
            return False
        when = backup_time_text(summary.made_at) if summary.made_at else self.tr("unknown")
        text = (
            self.tr("Replace the whole database with the backup {name}?").format(name=path.name)
            + "\n\n"
            + self.tr("Made: {when}").format(when=when)
            + "\n"
            + backup.describe_summary(summary)
        )
        if summary.new_administrators:
            text += "\n\n" + self.tr(
                "Warning: this file has administrator accounts that are not administrators "
                "today: {names}. Restore only a file you trust."
            ).format(names=", ".join(a.username for a in summary.new_administrators))
        text += "\n\n" + self.tr(
            "Everything recorded since then will no longer be in the database; the current "
            "database is backed up first, so nothing is lost. Everyone signs in again afterwards."
        )
        answer = QMessageBox.question(
            self,
            self.tr("Restore this backup?"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        settings = backup.backup_settings()  # read here: the worker has no connection
        try:
            safety = run_with_progress(
                self.tr("Restoring the backup"),
                self.tr("Restoring {name}…").format(name=path.name),
                lambda _progress: backup.restore(
                    self.url, path, actor=self.actor, via="window", settings=settings
                ),
                parent=self,
            )
        except UserError as exc:
            self.bar.show_message(exc.message)
            return False
        self.restored.emit(str(path), str(safety or ""))
        self.accept()
        return True
