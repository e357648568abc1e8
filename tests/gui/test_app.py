from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from stationapp import app as app_module
from stationapp import config
from stationapp.ui import errors


def test_command_line_options(monkeypatch):
    args = app_module.build_parser().parse_args(
        ["--database", "sqlite:///x.db", "--lang", "en", "--demo"]
    )
    assert (args.database, args.lang, args.demo) == ("sqlite:///x.db", "en", True)
    with pytest.raises(SystemExit):
        app_module.build_parser().parse_args(["--lang", "fr"])


def test_lang_option_overrides_system_language():
    assert app_module.choose_language("en") == "en"
    assert app_module.choose_language("zh_CN") == "zh_CN"


def test_chinese_translation_loads(qapp):
    installed = app_module.install_translators(qapp, "zh_CN")
    try:
        assert installed, "the compiled zh_CN catalogue must load"
        text = QCoreApplication.translate("PeopleTab", "&New person")
        assert text != "&New person" and "(&N)" in text
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


@pytest.mark.error_dialog_expected
def test_unexpected_error_is_logged_and_shown_and_app_goes_on(qtbot, monkeypatch, tmp_path):
    shown: list[str] = []
    monkeypatch.setattr(
        errors.ErrorDialog, "exec", lambda self: shown.append(self.details.toPlainText()) or 0
    )
    log_file = tmp_path / "errors.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    try:
        try:
            raise ZeroDivisionError("boom in a slot")
        except ZeroDivisionError as exc:
            errors.handle_exception(type(exc), exc, exc.__traceback__)
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert shown and "ZeroDivisionError: boom in a slot" in shown[0]
    assert "Traceback" in log_file.read_text(encoding="utf-8")
    assert QApplication.instance() is not None


@pytest.mark.error_dialog_expected
def test_error_dialog_copies_details(qtbot):
    dialog = errors.ErrorDialog("Traceback: details here")
    qtbot.addWidget(dialog)
    dialog.copy_details()
    assert QApplication.clipboard().text() == "Traceback: details here"


def test_rotating_log_file_in_log_dir(monkeypatch):
    root = logging.getLogger()
    before = list(root.handlers)
    app_module.setup_logging()
    added = [h for h in root.handlers if h not in before]
    try:
        assert added and added[0].baseFilename.startswith(str(config.log_dir()))
        assert added[0].maxBytes > 0 and added[0].backupCount > 0
    finally:
        for handler in added:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def application_icon_restored(qapp):
    from PySide6.QtGui import QGuiApplication

    icon, desktop_file = qapp.windowIcon(), QGuiApplication.desktopFileName()
    yield
    qapp.setWindowIcon(icon)
    QGuiApplication.setDesktopFileName(desktop_file)


def test_windows_carry_the_application_icon(qapp, qtbot, application_icon_restored):
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QWidget

    app_module.set_application_icon(qapp)
    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert {QSize(16, 16), QSize(256, 256)} <= set(icon.availableSizes())
    assert QGuiApplication.desktopFileName() == "stationapp"
    window = QWidget()
    qtbot.addWidget(window)
    assert window.windowIcon().cacheKey() == icon.cacheKey()
    small = icon.pixmap(QSize(16, 16)).toImage()
    assert small.size() == QSize(16, 16)
    # The mark, not a blur: the 工's bottom bar is red, the house around it white.
    assert small.pixelColor(8, 12).name() == "#cc2229"
    assert small.pixelColor(3, 13).name() == "#ffffff"


def test_rendered_pngs_match_the_svg(qapp):
    """packaging/render-icons was run after the SVG last changed."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(config.resource_path("icons", "stationapp.svg")))
    assert renderer.isValid()
    for size in (16, 48):
        drawn = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        drawn.fill(Qt.GlobalColor.transparent)
        painter = QPainter(drawn)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        drawn = drawn.convertToFormat(QImage.Format.Format_ARGB32)
        stored = QImage(str(config.icon_png_path(size))).convertToFormat(
            QImage.Format.Format_ARGB32
        )
        worst = max(
            abs(a - b)
            for x in range(size)
            for y in range(size)
            for a, b in zip(
                drawn.pixelColor(x, y).getRgb(), stored.pixelColor(x, y).getRgb(), strict=True
            )
        )
        assert worst <= 8, f"{size} px PNG differs from the SVG: run packaging/render-icons"
