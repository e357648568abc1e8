"""Exporting a list to a spreadsheet from the window: the file question, a cancellable progress
dialog, and the messages. The service does the writing (services.spreadsheet)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from stationapp.db import today
from stationapp.errors import UserError
from stationapp.ui.forms import MessageBar

Progress = Callable[[int, int], bool]


translate = QCoreApplication.translate


def in_documents(name: str) -> Path:
    """``name`` in the staff member's Documents folder: where a save starts."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) / name


def ask_spreadsheet_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """Ask where to write; the suffix follows the chosen filter (.xlsx or .csv)."""
    chosen, selected = QFileDialog.getSaveFileName(
        parent,
        title,
        str(suggested),
        translate("Export", "Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".xlsx", ".csv"):
        path = path.with_name(path.name + (".csv" if "*.csv" in selected else ".xlsx"))
    return path


def run_export(
    parent: QWidget,
    bar: MessageBar,
    *,
    title: str,
    label: str,
    total: int,
    write: Callable[[Progress], int],
) -> int | None:
    """Run ``write(progress)`` under a cancellable progress dialog. Returns the rows written, or
    None when it failed or was cancelled (``bar`` then says which; no file is left behind)."""
    dialog = QProgressDialog(label, translate("Export", "Cancel"), 0, max(total, 1), parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setValue(0)

    def progress(done: int, all_rows: int) -> bool:
        dialog.setMaximum(max(all_rows, 1))
        dialog.setValue(min(done, max(all_rows, 1)))
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        written = write(progress)
    except UserError as exc:
        bar.show_message(exc.message)
        return None
    except OSError as exc:
        bar.show_message(
            translate("Export", "The file could not be written: {reason}").format(
                reason=exc.strerror or str(exc)
            )
        )
        return None
    finally:
        canceled = dialog.wasCanceled()
        dialog.reset()
        dialog.hide()
        dialog.deleteLater()
    if canceled:
        bar.show_message(translate("Export", "Export cancelled; no file was written."), "info")
        return None
    return written


def export_list(
    parent: QWidget,
    bar: MessageBar,
    *,
    title: str,
    label: str,
    file_name: str,
    total: Callable[[], int],
    write: Callable[[Path, Progress], int],
) -> tuple[Path, int] | None:
    """Export a list: ask where (``file_name`` in Documents to start with), then run
    ``write(path, progress)`` for ``total()`` rows under ``run_export``. Returns the file and
    the rows written, or None when the staff member cancelled or it failed."""
    path = ask_spreadsheet_path(parent, title, in_documents(file_name))
    if path is None:
        return None
    written = run_export(
        parent,
        bar,
        title=title,
        label=label,
        total=total(),
        write=lambda progress: write(path, progress),
    )
    return None if written is None else (path, written)


def export_shown(
    page: Any,
    *,
    title: str,
    label: str,
    file_name: str,
    write: Callable[[Path, Progress], int],
    done: Callable[[int], str],
) -> None:
    """``export_list`` of what a page's list shows: its model counts the rows (``count_now``),
    ``file_name`` gets today's ``{date}``, and the page's bar says ``done(rows)`` (with the
    file's ``{path}``) once they are written."""
    exported = export_list(
        page,
        page.bar,
        title=title,
        label=label,
        file_name=file_name.format(date=today().isoformat()),
        total=page.model.count_now,
        write=write,
    )
    if exported is not None:
        path, written = exported
        page.bar.show_message(done(written).format(path=str(path)), "info")


def ask_open_path(parent: QWidget, title: str, folder: str, filters: str) -> Path | None:
    """Ask which file to read (an import), starting in ``folder``; None when cancelled."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return Path(chosen) if chosen else None
