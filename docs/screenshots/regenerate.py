"""Regenerate the README's screenshots: every tab at 1366x768, zh_CN, the demo station's data.

    .venv/bin/python docs/screenshots/regenerate.py [--out docs/screenshots]

Runs the real main window on Qt's offscreen platform with a 1366x768 screen, in a private data
folder (the demo database is built there first, as ``stationapp --demo`` does), signed in as the
demo administrator; each tab is opened with its first row selected and saved as
``<tab>.png``, and the pages a role opens from a list (a person, an event, a case) as
``<tab>-page.png``. Needs a CJK font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1366, 768


def _offscreen_screen(folder: Path) -> str:
    config = folder / "screens.json"
    screen = {"name": "office", "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="stationapp-shots-"))
    os.environ["STATIONAPP_DATA_DIR"] = str(work)
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    os.environ["QT_QPA_PLATFORM"] = _offscreen_screen(work)
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from stationapp import app as app_module
    from stationapp import config, demo
    from stationapp.services.maintenance import open_station_database
    from stationapp.ui.main_window import MainWindow

    qapp = QApplication(["stationapp"])
    QCoreApplication.setOrganizationName("stationapp-screenshots")
    app_module.install_translators(qapp, "zh_CN")
    url = f"sqlite:///{config.data_dir() / 'demo.db'}"
    open_station_database(url)
    admin = demo.ensure_demo_database()
    window = MainWindow(admin, database_url=url, demo=True)
    window.resize(WIDTH, HEIGHT - 48)
    window.show()

    def settle() -> None:
        for _ in range(20):
            qapp.processEvents()

    def select_first_rows() -> None:
        for view in window.findChildren(QAbstractItemView):
            model = view.model()
            filled = view.isVisible() and model is not None and model.rowCount() > 0
            if filled and not view.currentIndex().isValid():
                view.setCurrentIndex(model.index(0, 0))
        settle()

    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(window.tabs.count()):
        key = window.tabs.widget(index).key
        window.show_tab(key)
        settle()
        path = args.out / f"{key}.png"
        window.grab().save(str(path))
        written.append(path)
        select_first_rows()
        if key in ("people", "events", "cases"):
            path = args.out / f"{key}-page.png"
            window.grab().save(str(path))
            written.append(path)
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
