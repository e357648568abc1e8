"""Every measurement of DESIGN.md "Targets" on one machine in one run, as one table (issue #9).

    python tests/benchmarks/run.py --db PATH.db [--repeat 5] [--markdown OUT.md]
        [--export-repeat N] [--postgresql] [--only startup|lists|export ...]

``PATH.db`` is a database from generate.py (``python tests/benchmarks/generate.py --size large
--out PATH.db``). It is never written: the file is first copied (SQLite's backup API) into a
temporary directory, every measurement runs on that copy, and STATIONAPP_DATA_DIR points into the
same temporary directory, so nothing lands in the user's data either.

Each figure is the median over ``--repeat`` runs. Startup and resident memory are measured in
fresh subprocesses (QT_QPA_PLATFORM=offscreen): the application's main window for the
administrator, next to a bare PySide6 window started the same way in the same run, so their ratio
holds on any machine. Search as you type is timed keystroke by keystroke; a row shows the
slowest keystroke's median. The Excel export runs ``--export-repeat`` times (default: at most 3).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGE = 100  # the page size of every list in the UI
SEARCH_MS = 50.0
# A list shows its first page, then asks for its count in the next turn of the event loop (the
# list models, issue 22): the desk waits for the page alone, and the number follows this much later.
AFTER_THE_PAGE = "asked after the page is on screen, not waited for"
SCAN_MS = 20.0
STARTUP_RATIO = 1.5  # issue 22: against a bare window with six tabs
RSS_MB = 150.0
DEMO_START_RATIO = 25.0  # the first --demo start, which builds the demo database
RSS_OVER_EMPTY_MB = 50.0
EXPORT_ROWS = 100_000
EXPORT_ROWS_PER_S = 20_000  # the Excel export of the visit log (issue #22)
REPORT_MS = 5000.0  # a month's report to the district union (issue #11)


# --- the subprocesses ---------------------------------------------------------------------------


def _rss_mb() -> tuple[float, float]:
    """Resident and peak resident memory of this process, in MiB."""
    found: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                name, value = line.split(":", 1)
                found[name] = int(value.split()[0]) / 1024
    return found.get("VmRSS", 0.0), found.get("VmHWM", 0.0)


def _cpu_s() -> float:
    """CPU time (user + system) this process has used so far, in seconds."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _private_settings(started: float, tab: str = "") -> None:
    """The window's settings (geometry, the tab last used) in a new folder of the run's own for
    each process: the user's would make the run depend on what they last did (and the run would
    change them), and one process's would be the next one's. ``tab``: the tab the window was
    left on ("" for a first start, which opens on Today)."""
    from PySide6.QtCore import QSettings

    from stationapp.config import Keys

    folder = os.path.join(os.environ["STATIONAPP_DATA_DIR"], f"qsettings-{started!r}")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    if tab:
        QSettings().setValue(Keys.MAIN_TAB.name, tab)


def child_bare(started: float) -> None:
    """A bare PySide6 window: QApplication, a QMainWindow with six tabs (a label each), shown,
    first paint."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    tabs = QTabWidget()
    for title in ("Today", "Visits", "People", "Books", "Events", "Mediation"):
        tabs.addTab(QLabel(title), title)
    window.setCentralWidget(tabs)
    window.resize(1200, 800)
    result: dict[str, float] = {}

    def painted() -> None:
        result["shown_s"] = time.monotonic() - started
        result["cpu_s"] = _cpu_s()
        result["rss_mb"], result["hwm_mb"] = _rss_mb()
        app.quit()

    window.show()
    QTimer.singleShot(0, painted)
    app.exec()
    print(json.dumps(result))


def child_app(started: float, url: str, tab: str = "") -> None:
    """The application's main window for the administrator (opening on ``tab``, as a desk that
    left it there), then its people and visits tabs."""
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from stationapp import config
    from stationapp.models.accounts import Staff
    from stationapp.services.maintenance import open_station_database
    from stationapp.ui.main_window import MainWindow

    QCoreApplication.setOrganizationName(config.ORG_NAME)
    QCoreApplication.setApplicationName(config.APP_NAME)
    _private_settings(started, tab)
    app = QApplication(sys.argv[:1])
    open_station_database(url)
    actor = Staff.get(Staff.username == "admin")
    window = MainWindow(actor, database_url=url)
    result: dict[str, float] = {}

    def loaded() -> None:
        # Memory with the people register and the visit log on screen.
        window.show_tab("people")
        window.people_tab.refresh()
        app.processEvents()
        if window.visits_tab is not None:
            window.show_tab("visits")
            window.visits_tab.show_page(window.visits_tab.log)
            window.visits_tab.log.refresh()
            app.processEvents()
        result["rss_mb"], result["hwm_mb"] = _rss_mb()
        app.quit()

    def painted() -> None:
        result["shown_s"] = time.monotonic() - started
        result["cpu_s"] = _cpu_s()
        QTimer.singleShot(0, loaded)

    window.show()
    QTimer.singleShot(0, painted)
    app.exec()
    print(json.dumps(result))


def run_child(
    mode: str, url: str, env: dict[str, str], *, timeout: float = 600
) -> dict[str, float]:
    """One fresh interpreter; startup counts from just before the process is created."""
    started = time.monotonic()  # CLOCK_MONOTONIC: one clock for every process on the machine
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--started", repr(started), "--url", url],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{mode} subprocess failed: {done.stderr.strip()[-800:]}")
    return json.loads(lines[-1])


# --- measuring ----------------------------------------------------------------------------------


@dataclass
class Row:
    section: str
    name: str
    median: float | None  # ms, MB or a ratio, as ``unit`` says
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""

    def shown(self) -> str:
        if self.median is None:
            return "—"
        if self.unit == "ms":
            return f"{self.median:.1f} ms" if self.median < 1000 else f"{self.median / 1000:.2f} s"
        if self.unit == "x":
            return f"{self.median:.2f}x"
        return f"{self.median:.1f} {self.unit}"

    def verdict(self) -> str:
        return "" if self.met is None else ("yes" if self.met else "NO")


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def median_ms(fn: Callable[[], object], repeat: int, *, warm: bool = True) -> tuple[float, object]:
    if warm:
        fn()
    times, result = [], None
    for _ in range(repeat):
        elapsed, result = timed(fn)
        times.append(elapsed)
    return statistics.median(times), result


def size_of(result: object) -> str:
    if isinstance(result, tuple):
        return " + ".join(size_of(part) for part in result)
    if isinstance(result, int):
        return f"{result:,}"
    try:
        return f"{len(result):,} rows"  # type: ignore[arg-type]
    except TypeError:
        return ""


class Bench:
    def __init__(self, repeat: int, backend: str = "SQLite") -> None:
        self.repeat = repeat
        self.backend = backend
        self.rows: list[Row] = []

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(
            f"  {self.backend[:4]:<4} {row.section:<10} {row.name:<52} {row.shown():>10}  "
            f"{row.note}",
            flush=True,
        )

    def failed(self, section: str, name: str, exc: BaseException) -> None:
        self.add(Row(section, name, None, "ms", note=f"error: {type(exc).__name__}: {exc}"))

    def page(
        self,
        section: str,
        name: str,
        fn: Callable[[], object],
        target: float | None,
        note: str = "",
    ) -> None:
        """``fn``'s median; ``target`` None for a figure nobody waits for (a count asked for
        after the page is on screen), shown without a verdict."""
        try:
            ms, result = median_ms(fn, self.repeat)
        except Exception as exc:  # one broken measurement must not lose the others
            self.failed(section, name, exc)
            return
        shown = "; ".join(part for part in (size_of(result), note) if part)
        self.add(Row(section, name, ms, "ms", *_verdict(ms, target), shown))

    def typing(
        self,
        section: str,
        name: str,
        keystrokes: Iterable[str],
        fn: Callable[[str], object],
        target: float | None = SEARCH_MS,
        note: str = "",
    ) -> None:
        """Each prefix as typed; the row is the slowest keystroke's median."""
        worst, worst_at, shown = -1.0, "", ""
        typed = [k for k in keystrokes if k]
        if not typed:
            self.add(Row(section, name, None, "ms", note="nothing to type in this database"))
            return
        try:
            for text in typed:
                ms, result = median_ms(lambda t=text: fn(t), self.repeat)
                if ms > worst:
                    worst, worst_at, shown = ms, text, size_of(result)
        except Exception as exc:
            self.failed(section, name, exc)
            return
        note = f"{len(typed)} keystrokes, slowest {worst_at!r} ({shown})" + (
            f"; {note}" if note else ""
        )
        self.add(Row(section, name, worst, "ms", *_verdict(worst, target), note))


def _verdict(ms: float, target: float | None) -> tuple[str, bool | None]:
    return ("", None) if target is None else (f"<= {target:.0f} ms", ms <= target)


def prefixes(text: str, longest: int = 8) -> list[str]:
    return [text[:i] for i in range(1, min(len(text), longest) + 1)]


# --- the machine --------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    import peewee
    import PySide6

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    busy = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return [
        ("date", datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")),
        ("platform", platform.platform()),
        ("CPU", cpu),
        ("cores", f"{cores} ({usable} usable), load average {busy:.2f} at the start"),
        ("RAM", ram),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("PySide6", PySide6.__version__),
        ("peewee", peewee.__version__),
    ]


# --- the run ------------------------------------------------------------------------------------

# A durable server, as a station's would be (the test suite's throwaway server writes nothing to
# disk for speed): a save waits for its commit to reach the disk, as SQLite's synchronous=FULL does.
BENCH_SERVER_SETTINGS = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}


def start_postgresql(copy: Path, head: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """A throwaway PostgreSQL server holding the same rows as ``copy``, and an empty station
    database beside it: (server, url, empty url)."""
    from tests.benchmarks import pgload
    from tests.helpers import pgserver

    server = pgserver.start_server(BENCH_SERVER_SETTINGS)
    try:
        url = server.create_database("bench")
        started = time.perf_counter()
        print("loading the same rows into PostgreSQL ...", flush=True)
        pgload.load(copy, url)
        loaded = time.perf_counter() - started
        empty_url = server.create_database("empty")
        make_empty_database(empty_url)
        import psycopg2

        with psycopg2.connect(url) as conn, conn.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
            cursor.execute("SHOW shared_buffers")
            buffers = cursor.fetchone()[0]
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            size = cursor.fetchone()[0]
        conn.close()
    except BaseException:
        server.cleanup()
        raise
    head.append(
        (
            "PostgreSQL",
            f"{version}, a server on this machine over loopback (TCP), fsync on, shared_buffers "
            f"{buffers}; the same rows loaded in {loaded:.0f} s ({size})",
        )
    )
    print(f"PostgreSQL {head[-1][1]}")
    return server, url, empty_url


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API; the source is opened read-only."""
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def make_empty_database(url: str) -> None:
    from stationapp import demo
    from stationapp.services import accounts
    from stationapp.services.maintenance import open_station_database

    db = open_station_database(url)
    try:
        accounts.create_first_admin(
            username="admin",
            display_name="王站长",
            password="bench-admin-1",
            station_name=demo.STATION_NAME,
            case_prefix=demo.CASE_PREFIX,
        )
    finally:
        db.close()


def measure_startup(bench: Bench, url: str, empty_url: str, env: dict[str, str]) -> None:
    section = "startup"
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "app": [], "empty": [], "visits": []}
    try:
        run_child("bare", url, env)  # warm the file cache: no run is the first one
        run_child("app", url, env)
        for _ in range(bench.repeat):
            runs["bare"].append(run_child("bare", url, env))
            runs["app"].append(run_child("app", url, env))
            runs["empty"].append(run_child("app", empty_url, env))
            runs["visits"].append(run_child("app-visits", url, env))
    except Exception as exc:
        bench.failed(section, "startup subprocesses", exc)
        return

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[kind])

    bare, app, empty = med("bare", "shown_s"), med("app", "shown_s"), med("empty", "shown_s")
    bench.add(
        Row(section, "bare PySide6 window (six tabs), start to first paint", bare * 1000, "ms")
    )
    bench.add(
        Row(
            section,
            "main window (this db), start to first paint",
            app * 1000,
            "ms",
            note=f"empty db: {empty * 1000:.0f} ms",
        )
    )
    ratio = app / bare
    bench.add(
        Row(
            section,
            "main window / bare window",
            ratio,
            "x",
            f"<= {STARTUP_RATIO:g}x",
            ratio <= STARTUP_RATIO,
            "first start: opens on Today",
        )
    )
    cpu = med("app", "cpu_s") / med("bare", "cpu_s")
    bench.add(
        Row(
            section,
            "main window / bare window, CPU (user + sys) to first paint",
            cpu,
            "x",
            note=f"{med('app', 'cpu_s') * 1000:.0f} ms against {med('bare', 'cpu_s') * 1000:.0f}"
            " ms: other processes on the machine disturb it far less than the wall clock",
        )
    )
    visits = med("visits", "shown_s")
    bench.add(
        Row(
            section,
            "main window reopening on the Visits tab / bare",
            visits / bare,
            "x",
            f"<= {STARTUP_RATIO:g}x",
            visits / bare <= STARTUP_RATIO,
            f"{visits * 1000:.0f} ms: a front desk left on Visits",
        )
    )
    section = "memory"
    full, nothing = med("app", "rss_mb"), med("empty", "rss_mb")
    bench.add(
        Row(
            section,
            "RSS, people + visits tabs loaded, this db",
            full,
            "MB",
            f"<= {RSS_MB:.0f} MB",
            full <= RSS_MB,
            f"peak {med('app', 'hwm_mb'):.0f} MB; bare window {med('bare', 'rss_mb'):.0f} MB",
        )
    )
    bench.add(Row(section, "RSS, same, empty freshly migrated db", nothing, "MB"))
    over = full - nothing
    bench.add(
        Row(
            section,
            "RSS, this db minus empty db",
            over,
            "MB",
            f"<= {RSS_OVER_EMPTY_MB:.0f} MB",
            over <= RSS_OVER_EMPTY_MB,
        )
    )


def measure_first_demo_start(bench: Bench, env: dict[str, str]) -> None:
    """The first ``--demo`` start (it builds the demo database) against the bare window, each
    in a fresh data folder, in the same run (issue 22: at most 25x)."""
    section = "first run"
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "demo": []}
    try:
        run_child("bare", "", env)  # warm the file cache: no run is the first one
        for _ in range(min(3, bench.repeat)):
            runs["bare"].append(run_child("bare", "", env))
            with tempfile.TemporaryDirectory(prefix="stationapp-demo-") as home:
                fresh = dict(env, STATIONAPP_DATA_DIR=home)
                runs["demo"].append(run_child("demo-first", "", fresh, timeout=1800))
    except Exception as exc:
        bench.failed(section, "first --demo start", exc)
        return
    bare = statistics.median(r["shown_s"] for r in runs["bare"])
    demo = statistics.median(r["shown_s"] for r in runs["demo"])
    bench.add(Row(section, "bare PySide6 window, start to first paint", bare * 1000, "ms"))
    bench.add(
        Row(section, "first --demo start (builds the demo), to first paint", demo * 1000, "ms")
    )
    bench.add(
        Row(
            section,
            "first --demo start / bare window",
            demo / bare,
            "x",
            f"<= {DEMO_START_RATIO:.0f}x",
            demo / bare <= DEMO_START_RATIO,
            f"{len(runs['demo'])} runs, each in a fresh data folder",
        )
    )


def measure_reads(bench: Bench, actor: object) -> None:
    import peewee

    from stationapp.db import today
    from stationapp.models.mediation import MediationCase
    from stationapp.models.people import Organization, Person
    from stationapp.models.visits import Visit
    from stationapp.services import audit, events, library, mediation, people, visits
    from stationapp.services.search_keys import phrase_search_text

    # Search as you type, with values of real rows so that the keystrokes find something.
    person = (
        Person.select()
        .where(Person.active, peewee.fn.LENGTH(Person.name) == 3, Person.phone != "")
        .order_by(Person.last_activity_at.desc())
        .first()
    )
    name = person.name if person else ""
    keys = (
        people.person_search_keys(name=name, phone="", id_number="", member_card="")
        if person
        else {}
    )
    latin = sorted((k for k in keys if k.isascii() and k.isalpha()), key=len)
    full_pinyin = latin[-1] if latin else ""
    # The initials of the whole name ("cnl" for 程宁丽), else the shortest latin key.
    whole = [k for k in latin if len(k) == len(name) and k[:1] == full_pinyin[:1]]
    initials = whole[0] if whole else (latin[0] if latin else "")
    phone_tail = person.phone[-4:] if person else ""

    def search(text: str) -> object:
        return people.search_people(actor, text)

    label = f"{name} / {full_pinyin}" if person else "none"
    print(f"  typing: person {label}, initials {initials!r}, phone tail {phone_tail!r}")
    bench.typing(
        "search", "people: pinyin typed letter by letter", prefixes(full_pinyin, 12), search
    )
    bench.typing("search", "people: Chinese name char by char", prefixes(name), search)
    bench.typing("search", "people: initials", prefixes(initials), search)
    bench.typing("search", "people: phone tail (4 digits)", prefixes(phone_tail), search)
    bench.typing(
        "search",
        "people: surname + phone tail",
        [f"{name[:1]} {p}" for p in prefixes(phone_tail)],
        search,
    )

    from stationapp.models.library import Title

    title = Title.select().where(Title.active).order_by(Title.id.desc()).first()
    title_text = title.title if title else ""
    title_latin = ""
    if title:
        words = [w for w in phrase_search_text(title.title).split() if w.isascii() and len(w) > 2]
        title_latin = max(words, key=len) if words else ""
    print(f"  typing: title {title_text!r} / {title_latin!r}")

    def titles(text: str) -> object:
        return library.search_titles(actor, text, limit=PAGE)

    def titles_count(text: str) -> object:
        return library.count_titles(actor, text)

    # The page and its count apart, as for the visit log (see AFTER_THE_PAGE). From the third
    # character on PostgreSQL reads both from the trigram index where the server has pg_trgm.
    for label, typed in (
        ("titles: title char by char", prefixes(title_text)),
        ("titles: pinyin letter by letter", prefixes(title_latin)),
    ):
        bench.typing("search", f"{label} (page on screen)", typed, titles)
        bench.typing(
            "search", f"{label} (count, after the page)", typed, titles_count, None, AFTER_THE_PAGE
        )

    # The visit log searches through its person filter: a people search per keystroke, then the
    # log of the chosen person.
    bench.typing(
        "search", "visits: person filter, pinyin keystrokes", prefixes(full_pinyin, 12), search
    )
    visitor = (
        Visit.select(Visit.person)
        .where(Visit.person.is_null(False))
        .order_by(Visit.arrived_at.desc())
        .first()
    )
    if visitor is not None:
        chosen = visits.VisitFilter(person_id=visitor.person_id)
        bench.page(
            "search",
            "visits: log of the chosen person (page + count)",
            lambda: (
                visits.list_visits(actor, chosen, offset=0, limit=PAGE),
                visits.count_visits(actor, chosen),
            ),
            SEARCH_MS,
        )

    # Cases: the tab's search box (CaseFilter.text: number, respondent or party name).
    case = (
        MediationCase.select(MediationCase, Organization)
        .join(Organization)
        .order_by(MediationCase.received_at.desc())
        .first()
    )

    def cases(text: str) -> object:
        filt = mediation.CaseFilter(text=text)
        return mediation.list_cases(actor, filt, limit=PAGE), mediation.count_cases(actor, filt)

    if case is not None:
        number_tail = case.number[-4:]
        bench.typing("search", "cases: number tail (+ count)", prefixes(number_tail), cases)
        bench.typing(
            "search",
            "cases: respondent name char by char (+ count)",
            prefixes(case.respondent.name, 6),
            cases,
        )
        bench.typing("search", "cases: party name char by char (+ count)", prefixes(name), cases)
    else:
        bench.add(Row("search", "cases", None, "ms", note="no cases in this database"))

    # First page and filter changes, each with the count the list shows.
    target = SEARCH_MS
    day = today()
    month_ago = day - timedelta(days=30)
    # The page and its count apart (see AFTER_THE_PAGE): the People tab counts after the page.
    bench.page(
        "list",
        "people: first page (page on screen)",
        lambda: people.list_people(actor, offset=0, limit=PAGE),
        target,
    )
    bench.page(
        "list",
        "people: count (after the page)",
        lambda: people.count_people(actor),
        None,
        AFTER_THE_PAGE,
    )

    def visit_rows(label: str, filt: visits.VisitFilter) -> None:
        """The log's page and its count apart (see AFTER_THE_PAGE)."""
        bench.page(
            "list",
            f"{label} (page on screen)",
            lambda: visits.list_visits(actor, filt, offset=0, limit=PAGE),
            target,
        )
        bench.page(
            "list",
            f"{label} (count, after the page)",
            lambda: visits.count_visits(actor, filt),
            None,
            AFTER_THE_PAGE,
        )

    for label, filt in (
        ("visits: all", visits.VisitFilter()),
        ("visits: today", visits.VisitFilter(date_from=day, date_to=day)),
        ("visits: last 30 days", visits.VisitFilter(date_from=month_ago, date_to=day)),
        ("visits: this year", visits.VisitFilter(date_from=date(day.year, 1, 1), date_to=day)),
        ("visits: outcome referred", visits.VisitFilter(outcome="referred")),
        (
            "visits: outcome done, last 30 days",
            visits.VisitFilter(outcome="done", date_from=month_ago, date_to=day),
        ),
        ("visits: channel phone", visits.VisitFilter(channel="phone")),
    ):
        visit_rows(label, filt)
    service = visits.list_services(actor)
    if service:
        visit_rows("visits: one service", visits.VisitFilter(service_id=service[-1].id))

    def case_page(filt: mediation.CaseFilter) -> Callable[[], object]:
        return lambda: (
            mediation.list_cases(actor, filt, limit=PAGE),
            mediation.count_cases(actor, filt),
        )

    bench.page("list", "cases: all (page + count)", case_page(mediation.CaseFilter()), target)
    bench.page(
        "list",
        "cases: open only (page + count)",
        case_page(mediation.CaseFilter(open_only=True)),
        target,
    )
    bench.page(
        "list",
        "cases: state closed (page + count)",
        case_page(mediation.CaseFilter(state="closed")),
        target,
    )
    bench.page(
        "list",
        "titles: first page + count",
        lambda: (library.search_titles(actor, "", limit=PAGE), library.count_titles(actor)),
        target,
    )
    bench.page(
        "list", "library: overdue loans (call list)", lambda: library.overdue_loans(actor), target
    )
    bench.page("list", "library: due in 3 days", lambda: library.due_soon(actor, days=3), target)
    bench.page("list", "events: list (newest first)", lambda: events.list_events(actor), target)
    bench.page("list", "events: upcoming", lambda: events.list_events(actor, upcoming=True), target)
    bench.page(
        "list",
        "audit: first page + count",
        lambda: (audit.list_entries(actor, limit=PAGE), audit.count_entries(actor)),
        target,
    )
    for label, filt in (
        ("audit: action lend", audit.AuditFilter(action="lend")),
        ("audit: last 7 days", audit.AuditFilter(date_from=day - timedelta(days=7), date_to=day)),
        ("audit: text search", audit.AuditFilter(text="TS00")),
    ):
        bench.page(
            "list",
            f"{label} (page + count)",
            lambda f=filt: (
                audit.list_entries(actor, f, limit=PAGE),
                audit.count_entries(actor, f),
            ),
            target,
        )
    bench.page(
        "list", "cases: deadline list (tab header)", lambda: mediation.deadlines(actor), target
    )


def measure_report(bench: Bench, actor: object) -> None:
    """The month's report (every area, the twelve-month series) for the last whole month of
    the database's visits."""
    from stationapp.models.visits import Visit
    from stationapp.services import reports

    latest = Visit.select(Visit.arrived_at).order_by(Visit.arrived_at.desc()).first()
    if latest is None:
        bench.add(Row("report", "month report", None, "ms", note="no visits in this database"))
        return
    last = latest.arrived_at.date().replace(day=1) - timedelta(days=1)
    month = f"{last.year:04d}-{last.month:02d}"

    def report() -> object:
        made = reports.month_report(actor, month)
        return made.visits.visits if made.visits else 0

    bench.page("report", f"month report {month} (station_report)", report, REPORT_MS)


def measure_writes(bench: Bench, actor: object, workdir: Path, export_repeat: int) -> None:
    import peewee

    from stationapp.db import now
    from stationapp.models.events import Registration
    from stationapp.models.library import Copy, Hold, Loan, Title
    from stationapp.models.people import Person
    from stationapp.services import events, library

    runs = bench.repeat + 1  # the first one warms up
    # Scan to loan and to return: fresh copies on the shelf, members with nothing out.
    waiting = Hold.select(Hold.title).where(Hold.state == "waiting")
    copies = list(
        Copy.select(Copy, Title)
        .join(Title)
        .where(
            Copy.status == "available",
            Title.active,
            Title.item_type != "reference",
            Title.id.not_in(waiting),
        )
        .order_by(Copy.id.desc())
        .limit(runs * 4)
    )
    out = Loan.select(Loan.person).where(Loan.returned_at.is_null())
    borrowers = list(
        Person.select(Person.id)
        .where(Person.active, Person.is_member, Person.id.not_in(out))
        .order_by(Person.last_activity_at.desc())
        .limit(runs * 4)
    )
    lend_ms: list[float] = []
    return_ms: list[float] = []
    refused = ""
    for copy in copies:
        if len(lend_ms) >= runs or not borrowers:
            break
        borrower = borrowers.pop(0)
        ms, result = timed(
            lambda c=copy, b=borrower: library.scan(actor, c.barcode, borrower_id=b.id)
        )
        if result.kind != "lent":
            refused = f"{result.kind}: {result.message}"
            continue
        back_ms, back = timed(lambda c=copy: library.scan(actor, c.barcode, borrower_id=None))
        if back.kind != "returned":
            refused = f"{back.kind}: {back.message}"
            continue
        lend_ms.append(ms)
        return_ms.append(back_ms)
    if len(lend_ms) >= 2:
        for label, times in (
            ("scan copy barcode -> loan", lend_ms),
            ("scan again -> return", return_ms),
        ):
            ms = statistics.median(times[1:])
            bench.add(
                Row(
                    "scan",
                    label,
                    ms,
                    "ms",
                    f"<= {SCAN_MS:.0f} ms",
                    ms <= SCAN_MS,
                    f"{len(times) - 1} loans in the service",
                )
            )
    else:
        bench.add(Row("scan", "scan to loan and return", None, "ms", note=f"no loan: {refused}"))
    # Direct service calls (the screen's buttons), same fresh-copy scheme.
    direct_lend, direct_return = [], []
    for copy in copies[len(lend_ms) * 2 :]:
        if len(direct_lend) >= runs or not borrowers:
            break
        borrower = borrowers.pop(0)
        try:
            ms, _ = timed(lambda c=copy, b=borrower: library.lend(actor, c.id, b.id))
            back_ms, _ = timed(lambda c=copy: library.return_copy(actor, c.id))
        except Exception as exc:
            refused = str(exc)
            continue
        direct_lend.append(ms)
        direct_return.append(back_ms)
    for label, times in (("library.lend", direct_lend), ("library.return_copy", direct_return)):
        if len(times) >= 2:
            ms = statistics.median(times[1:])
            bench.add(Row("scan", label, ms, "ms", f"<= {SCAN_MS:.0f} ms", ms <= SCAN_MS))

    # Registration for an event: a new open event with room, fresh people each run.
    try:
        moment = now().replace(microsecond=0)
        event = events.create_event(
            actor,
            events.EventInput(
                title="基准测试讲座",
                starts_at=moment + timedelta(days=10),
                ends_at=moment + timedelta(days=10, hours=2),
                capacity=1000,
                size="big",
            ),
        )
        state = getattr(event, "state", "")
        taken = Registration.select(Registration.person)
        people_ids = [
            p.id
            for p in Person.select(Person.id)
            .where(Person.active, Person.id.not_in(taken))
            .order_by(Person.id.desc())
            .limit(runs * 3)
        ]
        times = []
        problem = ""
        for person_id in people_ids:
            if len(times) >= runs:
                break
            try:
                ms, _ = timed(lambda p=person_id: events.register(actor, event.id, p))
            except Exception as exc:  # not eligible: try the next person
                problem = f"{type(exc).__name__}: {exc}"
                continue
            times.append(ms)
        if len(times) >= 2:
            ms = statistics.median(times[1:])
            bench.add(
                Row(
                    "events",
                    "register for an event",
                    ms,
                    "ms",
                    f"<= {SCAN_MS:.0f} ms (scan)",
                    ms <= SCAN_MS,
                    f"event state {state!r}; {len(times) - 1} registrations",
                )
            )
        else:
            bench.add(Row("events", "register for an event", None, "ms", note=problem))
    except Exception as exc:
        bench.failed("events", "register for an event", exc)

    measure_export(bench, actor, workdir, export_repeat)
    del peewee


def measure_export(bench: Bench, actor: object, workdir: Path, export_repeat: int) -> None:
    """The Excel export of about 100,000 visits: from the day the 100,000th newest visit
    arrived."""
    from stationapp.models.visits import Visit
    from stationapp.services import visits

    try:
        newest = (
            Visit.select(Visit.arrived_at)
            .order_by(Visit.arrived_at.desc(), Visit.id.desc())
            .offset(EXPORT_ROWS - 1)
            .first()
        )
        start = newest.arrived_at.date() + timedelta(days=1) if newest else None
        filt = visits.VisitFilter(date_from=start)
        times, rows = [], 0
        for index in range(export_repeat):
            path = workdir / f"export-{index}.xlsx"
            ms, rows = timed(lambda p=path: visits.export_visits(actor, filt, p))
            times.append(ms)
            size = path.stat().st_size
            path.unlink()
        ms = statistics.median(times)
        rate = rows / ms * 1000
        bench.add(
            Row(
                "export",
                f"Excel export of the visit log ({rows:,} rows)",
                ms,
                "ms",
                f">= {EXPORT_ROWS_PER_S:,} rows/s",
                rate >= EXPORT_ROWS_PER_S,
                note=f"{export_repeat} runs; {size / 1024 / 1024:.1f} MiB; {rate:,.0f} rows/s",
            )
        )
    except Exception as exc:
        bench.failed("export", "Excel export of the visit log", exc)


def counts() -> str:
    from stationapp.models.events import Event, Registration
    from stationapp.models.library import Copy, Loan, Title
    from stationapp.models.mediation import MediationCase
    from stationapp.models.people import Person
    from stationapp.models.visits import Visit

    parts = []
    for label, model in (
        ("people", Person),
        ("visits", Visit),
        ("cases", MediationCase),
        ("titles", Title),
        ("copies", Copy),
        ("loans", Loan),
        ("events", Event),
        ("registrations", Registration),
    ):
        parts.append(f"{model.select().count():,} {label}")
    return ", ".join(parts)


def table(benches: list[Bench], head: list[tuple[str, str]], *, markdown: bool) -> str:
    """One row per measurement, a median column per database."""
    merged: dict[tuple[str, str], dict[str, Row]] = {}
    for bench in benches:
        for row in bench.rows:
            merged.setdefault((row.section, row.name), {})[bench.backend] = row
    backends = [b.backend for b in benches]
    header = ("measurement", *backends, "target", "met?", "notes")
    body = []
    for (section, name), by_backend in merged.items():
        present = [by_backend[b] for b in backends if b in by_backend]
        verdicts = [by_backend[b].verdict() if b in by_backend else "" for b in backends]
        notes = []
        for backend in backends:
            row = by_backend.get(backend)
            if row is not None and row.note and row.note not in notes:
                notes.append(row.note)
        if len(notes) > 1:  # the databases differ: say whose each is
            notes = [f"{b}: {r.note}" for b, r in by_backend.items() if r.note]
        body.append(
            (
                f"{section}: {name}",
                *(by_backend[b].shown() if b in by_backend else "—" for b in backends),
                present[0].target,
                " / ".join(verdicts) if any(verdicts) else "",
                "; ".join(notes),
            )
        )
    if markdown:
        lines = ["## Benchmark (tests/benchmarks/run.py)", ""]
        lines += [f"- **{k}**: {v}" for k, v in head]
        lines += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in body]
        return "\n".join(lines) + "\n"
    numeric = len(backends)
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header) - 1)]
    lines = [f"{k:<10} {v}" for k, v in head]
    lines.append("")

    def line(row: tuple[str, ...]) -> str:
        cells = [row[0].ljust(widths[0])]
        cells += [row[i].rjust(widths[i]) for i in range(1, numeric + 1)]
        cells += [row[i].ljust(widths[i]) for i in range(numeric + 1, len(header) - 1)]
        return "  ".join([*cells, row[-1]]).rstrip()

    lines.append(line(header))
    lines.append("-" * (sum(widths) + 2 * len(widths) + 10))
    lines += [line(row) for row in body]
    return "\n".join(lines) + "\n"


def child_demo_first(started: float) -> None:
    """``stationapp --demo --smoke-test`` on a data folder that has no demo database yet: the
    first start, which builds it, up to the main window's first paint."""
    from stationapp import app as application
    from stationapp.ui import startup

    _private_settings(started)
    result: dict[str, float] = {}
    smoke_exec = startup._smoke_exec

    def timed(start: object, window: object) -> int:
        def painted() -> None:
            result["shown_s"] = time.monotonic() - started

        window.after_first_paint(painted)  # type: ignore[attr-defined]
        return smoke_exec(start, window)  # type: ignore[arg-type]

    startup._smoke_exec = timed  # type: ignore[assignment]
    code = application.main(["--demo", "--smoke-test"])
    if code or "shown_s" not in result:
        raise SystemExit(f"the first --demo start failed ({code})")
    print(json.dumps(result))


def run_demo_start(repeat: int, markdown: Path | None) -> int:
    """``--demo-start``: the first --demo start against the bare window, alone."""
    with tempfile.TemporaryDirectory(prefix="stationapp-run-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STATIONAPP_DATA_DIR=tmp)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compileall.compile_dir(str(ROOT / "stationapp"), quiet=1)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        head = machine()
        bench = Bench(repeat, "SQLite")
        measure_first_demo_start(bench, env)
    print(table([bench], head, markdown=False))
    if markdown:
        markdown.write_text(table([bench], head, markdown=True), encoding="utf-8")
    return 1 if any(r.met is False for r in bench.rows) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database made by tests/benchmarks/generate.py")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--export-repeat", type=int, help="runs of the Excel export (<= 3)")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown here")
    parser.add_argument(
        "--postgresql",
        action="store_true",
        help="also measure on PostgreSQL: a throwaway server on this machine, loaded with the "
        "same rows (needs the server programs, as the tests do)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=("startup", "lists", "export"),
        help="measure only these parts (startup: the start-up and memory rows; lists: the "
        "searches and lists; export: the Excel export of the visit log), e.g. --only lists "
        "export; without it everything, with the first --demo start, the report and the scans",
    )
    parser.add_argument(
        "--demo-start",
        action="store_true",
        help="measure only the first --demo start against the bare window (no --db needed)",
    )
    parser.add_argument(
        "--child", choices=("bare", "app", "app-visits", "demo-first"), help=argparse.SUPPRESS
    )
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "bare":
        child_bare(args.started)
        return 0
    if args.child == "demo-first":
        child_demo_first(args.started)
        return 0
    if args.demo_start:
        return run_demo_start(max(1, args.repeat), args.markdown)
    if args.child in ("app", "app-visits"):
        child_app(args.started, args.url, "visits" if args.child == "app-visits" else "")
        return 0
    if args.db is None or not args.db.is_file():
        print(
            f"No database{f' at {args.db}' if args.db else ''}. Generate one first, e.g.\n"
            "    python tests/benchmarks/generate.py --size large --out /tmp/large.db\n"
            "then run\n"
            "    python tests/benchmarks/run.py --db /tmp/large.db",
            file=sys.stderr,
        )
        return 2
    if args.postgresql:
        import importlib.util

        from tests.helpers import pgserver

        try:
            pgserver.find_bindir()
        except pgserver.PostgresNotFound as exc:
            print(f"--postgresql: {exc}", file=sys.stderr)
            return 2
        if importlib.util.find_spec("psycopg2") is None:
            print("--postgresql needs the driver: pip install -e '.[postgresql]'", file=sys.stderr)
            return 2
    repeat = max(1, args.repeat)
    export_repeat = args.export_repeat or min(3, repeat)

    server = None
    benches: list[Bench] = []
    with tempfile.TemporaryDirectory(prefix="stationapp-run-") as tmp:
        workdir = Path(tmp)
        data = workdir / "data"
        data.mkdir()
        os.environ["STATIONAPP_DATA_DIR"] = str(data)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STATIONAPP_DATA_DIR=str(data))
        # An installed application starts from compiled bytecode (pip compiles it on install);
        # a machine with PYTHONDONTWRITEBYTECODE set would otherwise compile every module at
        # every start (0.3 s here), which is not what a desk sees.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        compileall.compile_dir(str(ROOT / "stationapp"), quiet=1)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        head = machine()
        source = args.db.resolve()
        head.append(("database", f"{source} ({source.stat().st_size / 1024**3:.2f} GiB)"))
        head.append(("repeat", f"{repeat} (export {export_repeat}); medians"))
        for key, value in head:
            print(f"{key:<10} {value}")

        copy = workdir / "bench.db"
        started = time.perf_counter()
        copy_database(source, copy)
        print(
            f"copied to {copy} in {time.perf_counter() - started:.1f} s (the input is not written)"
        )
        empty = workdir / "empty.db"
        make_empty_database(f"sqlite:///{empty.as_posix()}")
        url = f"sqlite:///{copy.as_posix()}"
        targets = [("SQLite", url, f"sqlite:///{empty.as_posix()}")]

        from stationapp.db import close_database
        from stationapp.models.accounts import Staff
        from stationapp.services.maintenance import open_station_database

        open_station_database(url)  # migrates the copy if the schema is older
        head.append(("contents", counts()))
        close_database()
        print(f"contents   {head[-1][1]}\n")
        try:
            if args.postgresql:
                server, pg_url, pg_empty_url = start_postgresql(copy, head)
                targets.append(("PostgreSQL", pg_url, pg_empty_url))
            for backend, target_url, empty_url in targets:
                print(f"\n{backend}")
                bench = Bench(repeat, backend)
                benches.append(bench)
                parts = set(args.only or ("startup", "lists", "export"))
                if "startup" in parts:
                    measure_startup(bench, target_url, empty_url, env)
                if not parts & {"lists", "export"}:
                    continue
                if backend == "SQLite" and not args.only:
                    measure_first_demo_start(bench, env)
                open_station_database(target_url)
                try:
                    actor = Staff.get(Staff.username == "admin")
                    if "lists" in parts:
                        measure_reads(bench, actor)
                    if not args.only:
                        measure_report(bench, actor)
                        measure_writes(bench, actor, workdir, export_repeat)
                    elif "export" in parts:
                        measure_export(bench, actor, workdir, export_repeat)
                finally:
                    close_database()
        finally:
            if server is not None:
                server.cleanup()

    print()
    print(table(benches, head, markdown=False))
    if args.markdown:
        args.markdown.write_text(table(benches, head, markdown=True), encoding="utf-8")
        print(f"written: {args.markdown}")
    missed = [r for bench in benches for r in bench.rows if r.met is False]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
