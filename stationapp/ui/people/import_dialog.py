"""People > Bulk import…: a roster file read, its columns shown and correctable, then imported
all or nothing, or its good rows only (issue #21; the service is services.people_import)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stationapp.errors import UserError
from stationapp.models.accounts import Staff
from stationapp.services import accounts
from stationapp.services.people_import import (
    FIELDS,
    NOT_KEPT,
    FileColumns,
    ImportRefused,
    ImportResult,
    cell_text,
    field_label,
    import_people,
    read_columns,
)
from stationapp.ui.exporting import ask_open_path
from stationapp.ui.forms import layout_with_bar, scroll_area
from stationapp.ui.layout_state import leave_on_tab

# The program's fields a roster can fill, in the order the dialog shows them: what the import
# reads but what it recognises only to leave out (NOT_KEPT).
MAPPED_FIELDS: tuple[str, ...] = tuple(f for f in FIELDS if f not in NOT_KEPT)
SIZE = QSize(760, 640)  # within 1366x768 and 1920x1080 at 150 %, less a task bar
PERMISSIONS: tuple[str, ...] = ("person.create", "person.update", "organization.manage")


def may_import(actor: Staff) -> bool:
    """The import fills and updates people and adds workplaces: it needs all three rights."""
    return all(accounts.has_permission(actor, action) for action in PERMISSIONS)


class ImportDialog(QDialog):
    def __init__(self, actor: Staff, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor = actor
        self.path: Path | None = None
        self.layout_read: FileColumns | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import people"))
        self.resize(SIZE)

        layout, self.bar = layout_with_bar(self)

        file_row = QHBoxLayout()
        self.file_label = QLabel(
            self.tr(
                "Choose the roster: an Excel, WPS or LibreOffice spreadsheet, or a CSV file. "
                "Its header row and columns are found by their names."
            )
        )
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        file_row.addWidget(self.file_label, 1)
        self.choose_button = QPushButton(self.tr("Choose &file…"))
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(file_row)

        self.columns_box = QGroupBox(self.tr("&Columns"))
        box_layout = QVBoxLayout(self.columns_box)
        self.header_label = QLabel()
        self.header_label.setWordWrap(True)
        box_layout.addWidget(self.header_label)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(1, 1)
        heading_field = QLabel(self.tr("Field"))
        heading_column = QLabel(self.tr("Column in the file"))
        for heading in (heading_field, heading_column):
            heading.setStyleSheet("font-weight: bold;")
        grid.addWidget(heading_field, 0, 0)
        grid.addWidget(heading_column, 0, 1)
        self.combos: dict[str, QComboBox] = {}
        for row, name in enumerate(MAPPED_FIELDS, 1):
            combo = QComboBox()
            combo.setObjectName(f"column_{name}")
            combo.currentIndexChanged.connect(self._mapping_changed)
            caption = QLabel(field_label(name))
            caption.setBuddy(combo)
            grid.addWidget(caption, row, 0)
            grid.addWidget(combo, row, 1)
            self.combos[name] = combo
        self.ignored_label = QLabel()
        self.ignored_label.setWordWrap(True)
        grid.addWidget(self.ignored_label, len(MAPPED_FIELDS) + 1, 0, 1, 2)
        grid.setRowStretch(len(MAPPED_FIELDS) + 2, 1)
        scroll = scroll_area(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumHeight(120)
        box_layout.addWidget(scroll, 1)
        layout.addWidget(self.columns_box, 3)

        self.update_check = QCheckBox(self.tr("&Overwrite fields of people already on file"))
        self.update_check.setToolTip(
            self.tr(
                "Unticked, only their empty fields are filled; ticked, the file's values replace "
                "theirs"
            )
        )
        self.update_check.toggled.connect(lambda _checked: self.good_rows_button.hide())
        layout.addWidget(self.update_check)

        self.problems_label = QLabel(self.tr("&Problems in the file (nothing was imported):"))
        layout.addWidget(self.problems_label)
        self.problems = QTableWidget(0, 3)
        self.problems.setObjectName("import_problems")
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Problem")]
        )
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.verticalHeader().hide()
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems.setMinimumHeight(100)
        leave_on_tab(self.problems)
        self.problems_label.setBuddy(self.problems)
        layout.addWidget(self.problems, 2)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button.clicked.connect(lambda: self.run_import(skip_bad=False))
        self.good_rows_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.good_rows_button.clicked.connect(lambda: self.run_import(skip_bad=True))
        buttons.rejected.connect(self.reject)
        # Enter chooses a file and never imports, which cannot be undone (UX.md).
        self.choose_button.setDefault(True)
        layout.addWidget(buttons)

        self._show_problems(None)
        self._set_file_loaded(False)

    def sizeHint(self) -> QSize:
        # The lists scroll: what they could show never makes the window taller than the screen.
        return super().sizeHint().boundedTo(SIZE)

    # --- the file -------------------------------------------------------------------------

    def choose_file(self) -> None:
        folder = str(self.path.parent) if self.path else self._documents()
        chosen = ask_open_path(
            self,
            self.tr("Choose the roster"),
            folder,
            self.tr("Spreadsheets (*.xlsx *.xls *.ods *.csv)"),
        )
        if chosen is not None:
            self.load(chosen)

    @staticmethod
    def _documents() -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def load(self, path: Path) -> None:
        """Read how ``path`` would be imported and show it; the mapping starts from there."""
        self.bar.hide()
        self._show_problems(None)
        self.path = path
        self.file_label.setText(self.tr("File: {path}").format(path=str(path)))
        try:
            found = read_columns(self.actor, path)
        except ImportRefused as exc:
            self._clear_columns()
            self.bar.show_message(exc.message)
            self._show_problems(exc)
            return
        except UserError as exc:
            self._clear_columns()
            self.bar.show_message(exc.message)
            return
        self.layout_read = found
        self.header_label.setText(
            self.tr(
                "Header row: {row}; the rows below it are imported. Check the column each field "
                "is read from:"
            ).format(row=found.header_row)
        )
        headers = list(dict.fromkeys(t for t in (cell_text(c) for c in found.header) if t))
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— not imported —"), None)
            for text in headers:
                combo.addItem(text, text)
            chosen = found.headers.get(name) if name in found.columns else None
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.blockSignals(False)
        self._set_file_loaded(True)
        self._mapping_changed()

    def _clear_columns(self) -> None:
        self.layout_read = None
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self.header_label.clear()
        self.ignored_label.clear()
        self._set_file_loaded(False)

    def _set_file_loaded(self, loaded: bool) -> None:
        for combo in self.combos.values():
            combo.setEnabled(loaded)
        self.import_button.setEnabled(loaded)
        if not loaded:
            self.header_label.setText(self.tr("Choose a file to see its columns."))

    def mapping(self) -> dict[str, str | None]:
        """Each field's column, by its header in the file; None for a field left out."""
        return {name: combo.currentData() for name, combo in self.combos.items()}

    def _mapping_changed(self) -> None:
        # The good rows counted for the columns chosen before may not be those of the new ones.
        self.good_rows_button.hide()
        if self.layout_read is None:
            return
        used = {header for header in self.mapping().values() if header}
        texts = [cell_text(cell) for cell in self.layout_read.header]
        ignored = list(dict.fromkeys(t for t in texts if t and t not in used))
        self.ignored_label.setText(
            self.tr("Columns not imported: {names}").format(names="、".join(ignored))
            if ignored
            else self.tr("Every column of the file is imported.")
        )

    def _mapping_problem(self, mapping: dict[str, str | None]) -> tuple[str, str] | None:
        """(field, message) when the mapping cannot be imported as chosen."""
        if not mapping.get("name"):
            return "name", self.tr("Choose the column that holds the names.")
        seen: dict[str, str] = {}
        for name, header in mapping.items():
            if not header:
                continue
            if header in seen:
                return name, self.tr("“{column}” is chosen for both {first} and {second}.").format(
                    column=header, first=field_label(seen[header]), second=field_label(name)
                )
            seen[header] = name
        return None

    # --- importing ------------------------------------------------------------------------

    def run_import(self, *, skip_bad: bool) -> None:
        if self.path is None or self.layout_read is None or not may_import(self.actor):
            return
        mapping = self.mapping()
        wrong = self._mapping_problem(mapping)
        if wrong is not None:
            name, message = wrong
            self.bar.show_message(message)
            self.combos[name].setFocus()
            return
        self.bar.hide()
        progress_dialog = QProgressDialog(
            self.tr("Checking the file…"), self.tr("Cancel"), 0, 0, self
        )
        progress_dialog.setWindowTitle(self.tr("Import people"))
        progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        progress_dialog.setMinimumDuration(0)
        progress_dialog.setValue(0)

        def progress(done: int, total: int) -> bool:
            if total and done > total // 2:
                progress_dialog.setLabelText(self.tr("Importing…"))
            progress_dialog.setMaximum(total)
            progress_dialog.setValue(min(done, total))
            QCoreApplication.processEvents()
            return not progress_dialog.wasCanceled()

        try:
            result = import_people(
                self.actor,
                self.path,
                skip_bad=skip_bad,
                update=self.update_check.isChecked(),
                mapping=mapping,
                progress=progress,
            )
        except ImportRefused as exc:
            self.bar.show_message(exc.message)
            self._show_problems(exc)
            return
        except UserError as exc:
            self.bar.show_message(exc.message)
            return
        finally:
            progress_dialog.reset()
            progress_dialog.hide()
            progress_dialog.deleteLater()
        if result.cancelled:
            self.bar.show_message(self.tr("Import cancelled; nothing was written."), "info")
            return
        self.result = result
        self._show_problems(None)
        self.bar.show_message(self.summary(result), "info")

    def summary(self, result: ImportResult) -> str:
        assert self.path is not None
        lines = [
            self.tr("Imported %n row(s) from {file}.", "", result.rows).format(file=self.path.name),
            self.tr(
                "People added: {created}; completed: {filled}; unchanged: {unchanged}; "
                "workplaces added: {workplaces}."
            ).format(
                created=result.created,
                filled=result.filled,
                unchanged=result.unchanged,
                workplaces=result.workplaces_created,
            ),
        ]
        if result.refused_file is not None:
            lines.append(
                self.tr(
                    "%n row(s) with problems were left out; they are listed with the reasons in "
                    "{path}",
                    "",
                    result.refused,
                ).format(path=str(result.refused_file))
            )
        return "\n".join(lines)

    def _show_problems(self, refused: ImportRefused | None) -> None:
        """The problems of a refusal, one per row (row, column, reason); hidden when none.
        What was chosen (file, columns, the overwrite box) is left as it was."""
        self.problems.setRowCount(0)
        shown = refused is not None and bool(refused.problems)
        self.problems_label.setVisible(shown)
        self.problems.setVisible(shown)
        good = refused.good_rows if refused is not None else 0
        self.good_rows_button.setVisible(shown and good > 0)
        if not shown or refused is None:
            return
        self.good_rows_button.setText(self.tr("Import the %n &good row(s)", "", good))
        self.problems.setRowCount(len(refused.problems))
        for row, problem in enumerate(refused.problems):
            column = refused.columns.get(problem.field) or field_label(problem.field)
            number = QTableWidgetItem(str(problem.row))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.problems.setItem(row, 0, number)
            self.problems.setItem(row, 1, QTableWidgetItem(column))
            self.problems.setItem(row, 2, QTableWidgetItem(problem.message))
        self.problems.resizeRowsToContents()
