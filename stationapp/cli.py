"""The administrative subcommands: ``stationapp backup [PATH]``, ``stationapp restore PATH``,
``stationapp report --month 2026-10 --out FILE`` (or ``--year 2026``),
``stationapp export-people --out FILE``,
``stationapp import-people FILE [--skip-bad] [--update] [--user NAME]`` and
``stationapp import-cases FILE [--skip-bad] [--user NAME]``.

Messages go to the terminal in the interface language; the exit status is 0 on success, 1 when
the command was refused or failed (nothing changed), 2 when the database cannot be opened.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import peewee
from PySide6.QtCore import QCoreApplication

from stationapp import config
from stationapp.db import close_database, describe_url, open_database, redact, sqlite_path
from stationapp.errors import UserError
from stationapp.services import backup

T = TypeVar("T")

if TYPE_CHECKING:
    from stationapp.models.accounts import Staff

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def _say(text: str) -> None:
    print(redact(text), flush=True)


def _fail(text: str, code: int = 1) -> int:
    print(redact(text), file=sys.stderr, flush=True)
    return code


def _unreadable(url: str, exc: peewee.DatabaseError) -> int:
    """A file that is no database, or a damaged one (truncated, overwritten): one line, exit 2."""
    log.warning("the database %s cannot be read: %s", describe_url(url), exc)
    return _fail(
        translate(
            "Cli",
            "The database {path} cannot be read ({reason}): the file is damaged or is not a "
            "database. Nothing was changed; restore a backup with: stationapp restore FILE",
        ).format(path=describe_url(url), reason=exc),
        2,
    )


def _settings() -> backup.BackupSettings:
    """The configured backup settings when the database can be read, else the defaults."""
    try:
        return backup.backup_settings()
    except (peewee.DatabaseError, UserError):
        return backup.BackupSettings(folder=backup.known_folders()[0])


def _progress_line(title: str) -> Callable[[int, int, str], None]:
    """A progress callback that writes one line a step to the terminal (stderr)."""

    def progress(done: int, total: int, what: str) -> None:
        share = f"{done * 100 // total}%" if total else ""
        print(f"{title}: {share} {what}".rstrip(), file=sys.stderr, flush=True)

    return progress


def ensure_demo(args: argparse.Namespace, url: str) -> int | None:
    """With --demo: build the demo database first when this machine never opened it, with its
    progress in the terminal; an exit status when it cannot be built, else None."""
    if not getattr(args, "demo", False):
        return None
    from stationapp.demo import ensure_demo_database, needs_filling
    from stationapp.services.maintenance import open_station_database

    try:
        open_station_database(url)
        if needs_filling():
            print(
                translate(
                    "Cli",
                    "Creating the demo database {path} first (this takes a minute or two)…",
                ).format(path=describe_url(url)),
                file=sys.stderr,
                flush=True,
            )
            ensure_demo_database(_progress_line(translate("Cli", "Demo database")))
    except UserError as exc:
        return _fail(exc.message, 2)
    except peewee.DatabaseError as exc:
        return _unreadable(url, exc)
    except RuntimeError as exc:  # a database in use that is not the demo's
        log.exception("the demo database cannot be built")
        return _fail(
            translate("Cli", "The demo database cannot be built here: {reason}").format(reason=exc),
            2,
        )
    finally:
        close_database()
    return None


def _open(args: argparse.Namespace, url: str, *, missing: str | None = None) -> int | None:
    """Build the demo database when asked, then open the database: None, or the exit status
    after saying why it cannot be opened (``missing``, with ``{path}``: there is no file)."""
    failed = ensure_demo(args, url)
    if failed is not None:
        return failed
    path = sqlite_path(url)
    if path is not None and not path.exists():
        missing = missing or translate("Cli", "There is no database at {path}.")
        return _fail(missing.format(path=path), 2)
    try:
        open_database(url)
    except UserError as exc:
        return _fail(exc.message, 2)
    except peewee.DatabaseError as exc:
        return _unreadable(url, exc)
    return None


def run_backup(args: argparse.Namespace, url: str) -> int:
    failed = _open(
        args, url, missing=translate("Cli", "There is no database at {path} to back up.")
    )
    if failed is not None:
        return failed
    try:
        target = Path(args.path).expanduser() if args.path else None
        written = backup.make_backup(url, kind=backup.MANUAL, target=target, settings=_settings())
        backup.record_backup(None, written, via="command line")
    except UserError as exc:
        return _fail(exc.message)
    except peewee.DatabaseError as exc:
        log.exception("backup not made or not audited")
        return _unreadable(url, exc)
    except OSError as exc:  # a backup folder that cannot be made or written
        return _fail(
            translate("Cli", "The backup cannot be written to {path}: {reason}").format(
                path=exc.filename or target or "", reason=exc.strerror or exc
            )
        )
    finally:
        close_database()
    _say(translate("Cli", "Backup written and verified: {path}").format(path=written))
    return 0


def run_restore(args: argparse.Namespace, url: str) -> int:
    source = Path(args.path).expanduser()
    try:
        summary = backup.backup_summary(source, url)
    except UserError as exc:
        backup.log_refusal(source, "command line", None, exc)
        return _fail(exc.message)
    _say(
        translate("Cli", "Backup {path}, schema version {version}:").format(
            path=source, version=summary.schema_version
        )
    )
    _say(backup.describe_summary(summary))
    if not args.yes:
        # No stdin at all in the windowed Windows build (stationapp.exe): no one to ask.
        if sys.stdin is None or not sys.stdin.isatty():
            return _fail(translate("Cli", "Add --yes to restore without a question."))
        answer = input(
            translate("Cli", "Replace the database {target} with this backup? [y/N] ").format(
                target=describe_url(url)
            )
        )
        if answer.strip().lower() not in ("y", "yes", "是"):
            _say(translate("Cli", "Nothing was changed."))
            return 1
    # Missing or damaged: restore moves a damaged file aside and writes a new one.
    with contextlib.suppress(UserError, peewee.DatabaseError):
        open_database(url)  # only to read the backup folder for the safety copy
    try:
        safety = backup.restore(url, source, via="command line")
    except UserError as exc:
        return _fail(exc.message)
    finally:
        close_database()
    from stationapp.services.maintenance import open_station_database

    try:
        open_station_database(url)  # upgrades an older backup, after its own backup
        backup.record_restore("", source, safety, via="command line")
    except UserError as exc:
        return _fail(exc.message, 2)
    except peewee.DatabaseError as exc:
        return _unreadable(url, exc)
    finally:
        close_database()
    if safety is not None:
        _say(translate("Cli", "The previous database was saved as {path}.").format(path=safety))
    _say(
        translate("Cli", "Restored {target} from {path}.").format(
            target=describe_url(url), path=source
        )
    )
    return 0


REPORT_SUFFIXES = (".xlsx", ".pdf")


def _target(
    raw: str, suffixes: tuple[str, ...], *, wrong_kind: str, no_folder: str, denied: str
) -> Path | str:
    """The file to write, or the message saying why it cannot be written: ``wrong_kind`` (with
    ``{suffix}``), ``no_folder`` (``{folder}``) or ``denied`` (``{path}``)."""
    target = Path(raw).expanduser()
    if target.suffix.lower() not in suffixes:
        return wrong_kind.format(suffix=target.suffix or target.name)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        return no_folder.format(folder=folder)
    if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        return denied.format(path=target)
    return target


def _report_target(raw: str) -> Path | str:
    """The file to write, or the message saying why it cannot be written."""
    return _target(
        raw,
        REPORT_SUFFIXES,
        wrong_kind=translate(
            "Cli", "Cannot write a report as “{suffix}”: name the file .xlsx or .pdf."
        ),
        no_folder=translate("Cli", "There is no folder {folder} to write the report in."),
        denied=translate("Cli", "The report cannot be written to {path}: permission denied."),
    )


def _acting_staff(args: argparse.Namespace) -> Staff | str:
    """The active account named by --user (by default the operating-system user's), or the
    message saying there is none."""
    from stationapp.models.accounts import Staff

    username = (getattr(args, "user", None) or config.os_user()).strip().lower()
    actor = Staff.get_or_none((Staff.username == username) & Staff.active)
    if actor is None:
        return translate(
            "Cli", "There is no active staff account “{user}”: name one with --user."
        ).format(user=username)
    return actor


def run_report(args: argparse.Namespace, url: str) -> int:
    """Write the month's or the year's report. Like backup, the command line trusts whoever can
    open the database; the report is made as the staff member named by --user (by default the
    one whose user name is the operating-system user's), with the areas that account may see."""
    from stationapp.services import reports

    try:
        period = (
            reports.year_period(args.year) if args.year else reports.month_period(args.month or "")
        )
    except UserError as exc:
        return _fail(exc.message)
    target = _report_target(args.out)
    if isinstance(target, str):
        return _fail(target)

    def write(actor: Staff) -> None:
        report = reports.period_report(actor, period)
        if target.suffix.lower() == ".pdf":
            from stationapp.ui.report_pdf import write_report_pdf

            write_report_pdf(report, target)
        else:
            reports.write_excel(report, target)

    return _as_staff(
        args,
        url,
        write,
        lambda _none: _say(
            translate("Cli", "Report for {period} written: {path}").format(
                period=period.label, path=target
            )
        ),
        unwritable=translate("Cli", "The report cannot be written to {path}: {reason}"),
        path=target,
    )


EXPORT_SUFFIXES = (".xlsx", ".csv")


def _export_target(raw: str) -> Path | str:
    """The file to export to, or the message saying why it cannot be written."""
    return _target(
        raw,
        EXPORT_SUFFIXES,
        wrong_kind=translate("Cli", "Cannot export as “{suffix}”: name the file .xlsx or .csv."),
        no_folder=translate("Cli", "There is no folder {folder} to write the export in."),
        denied=translate("Cli", "The export cannot be written to {path}: permission denied."),
    )


def run_export_people(args: argparse.Namespace, url: str) -> int:
    """Export the people register (or the people --search finds) as the staff member named by
    --user, masked as that account sees it; the same trust as ``report``."""
    from stationapp.services import people

    target = _export_target(args.out)
    if isinstance(target, str):
        return _fail(target)
    return _as_staff(
        args,
        url,
        lambda actor: people.export_people(
            actor,
            target,
            search=getattr(args, "search", None) or "",
            include_inactive=bool(getattr(args, "include_inactive", False)),
        ),
        lambda written: _say(
            translate("Cli", "Exported %n people to {path}", "", written).format(path=target)
        ),
        unwritable=translate("Cli", "The export cannot be written to {path}: {reason}"),
        path=target,
    )


def _as_staff(
    args: argparse.Namespace,
    url: str,
    run: Callable[[Staff], T],
    done: Callable[[T], None],
    *,
    unwritable: str,
    path: Path,
) -> int:
    """Open the database, ``run`` as the --user account, close the database, then ``done`` says
    what was done with the result: exit status 0. Or the exit status after saying why it failed
    (an import's refused rows first, each on stderr; ``unwritable``, with ``{path}`` and
    ``{reason}``, when a file cannot be written)."""
    from stationapp.services.importing import ImportRefused

    failed = _open(args, url)
    if failed is not None:
        return failed
    try:
        actor = _acting_staff(args)
        if isinstance(actor, str):
            return _fail(actor)
        result = run(actor)
    except ImportRefused as exc:
        for line in exc.lines():
            print(redact(line), file=sys.stderr, flush=True)
        return _fail(exc.message)
    except UserError as exc:
        return _fail(exc.message)
    except OSError as exc:
        return _fail(unwritable.format(path=path, reason=exc.strerror or exc))
    except peewee.DatabaseError as exc:
        return _unreadable(url, exc)
    finally:
        close_database()
    done(result)
    return 0


def _run_import(
    args: argparse.Namespace,
    url: str,
    run: Callable[[Staff, Path], Any],
    summary: Callable[[Any], str],
) -> int:
    """Import ``args.file`` with ``run(actor, file)`` as the --user account, then say what was
    imported: the columns left out, ``summary(result)``, where the refused rows went."""
    source = Path(args.file).expanduser()
    if not source.is_file():
        return _fail(translate("Cli", "There is no file {path}.").format(path=source))

    def said(result: Any) -> None:
        if result.ignored_columns:
            _say(
                translate("Cli", "Columns not imported: {names}").format(
                    names="、".join(result.ignored_columns)
                )
            )
        _say(summary(result))
        if result.refused_file is not None:
            _say(
                translate(
                    "Cli", "{count} rows were refused; they are in {path} with the reasons."
                ).format(count=result.refused, path=result.refused_file)
            )

    return _as_staff(
        args,
        url,
        lambda actor: run(actor, source),
        said,
        unwritable=translate("Cli", "The refused rows cannot be written beside {path}: {reason}"),
        path=source,
    )


def run_import_people(args: argparse.Namespace, url: str) -> int:
    """Import a roster. The same trust rule as ``report``: whoever can open the database acts
    as the staff member named by --user (by default the operating-system user's account)."""
    from stationapp.services import people_import

    mapping: dict[str, str | None] = {}
    for given in args.column:
        name, sep, header = given.partition("=")
        if not sep:
            return _fail(translate("Cli", "Write --column as FIELD=HEADER, e.g. phone=联系电话."))
        mapping[name.strip()] = header.strip() or None
    shown = [-1]

    def progress(done: int, total: int) -> bool:
        share = done * 100 // total if total else 0
        if total and share // 10 != shown[0]:
            shown[0] = share // 10
            print(f"{share}%", file=sys.stderr, flush=True)
        return True

    return _run_import(
        args,
        url,
        lambda actor, source: people_import.import_people(
            actor,
            source,
            skip_bad=args.skip_bad,
            update=args.update,
            mapping=mapping or None,
            progress=progress,
        ),
        lambda result: translate(
            "Cli",
            "Imported {rows} rows: {created} people added, {filled} on file completed, "
            "{unchanged} on file unchanged, {workplaces} workplaces added.",
        ).format(
            rows=result.rows - result.refused,
            created=result.created,
            filled=result.filled,
            unchanged=result.unchanged,
            workplaces=result.workplaces_created,
        ),
    )


def run_import_cases(args: argparse.Namespace, url: str) -> int:
    """Import the case ledger of earlier years; the same trust rule as ``import-people``."""
    from stationapp.services import case_import

    return _run_import(
        args,
        url,
        lambda actor, source: case_import.import_cases(actor, source, skip_bad=args.skip_bad),
        lambda result: translate(
            "Cli",
            "Imported {cases} closed cases ({numbered} given a number), {people} people and "
            "{organizations} employers added.",
        ).format(
            cases=result.imported,
            numbered=result.numbered,
            people=result.people_created,
            organizations=result.organizations_created,
        ),
    )


def run_command(args: argparse.Namespace, url: str) -> int:
    if args.command == "backup":
        return run_backup(args, url)
    if args.command == "report":
        return run_report(args, url)
    if args.command == "export-people":
        return run_export_people(args, url)
    if args.command == "import-people":
        return run_import_people(args, url)
    if args.command == "import-cases":
        return run_import_cases(args, url)
    return run_restore(args, url)
