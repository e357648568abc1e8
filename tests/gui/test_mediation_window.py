"""The Mediation tab in the real main window on the office screen (1366x768), with a case open:
access keys unique among everything on screen (menus and main tabs included) in every state of
a case and on every page of it, no list keeping the Tab key, nothing larger than the screen, and
the list's key columns in view (issue 18, defects 3, 4, 5, 7)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stationapp.db import now
from stationapp.models.mediation import MediationCase
from stationapp.services import mediation
from stationapp.ui.main_window import MainWindow
from stationapp.ui.mediation.cases_tab import COL_DUE, COL_STATE
from tests.gui.test_case_documents import file, make_respondent, start_mediation
from tests.helpers.screen import (
    lists_keeping_tab,
    mnemonic_clashes,
    on_screen_mnemonics,
    too_large,
)

RESERVED = set("FRAHTVPBEM")  # the menus 文件 报表 管理 帮助 and the main tabs (COMMON.md)
OFFICE_SCREEN = (1366, 768)


@pytest.fixture
def window(qtbot, show_active, admin, make_staff, db_url, request):
    mediator = make_staff("mediator1", "mediator")
    actor = {"mediator": mediator, "head": admin}[request.param]
    case = file(admin, make_respondent(admin))
    start_mediation(admin, mediator, case)
    # Another case past its 15 days, so the deadline list is on screen too.
    late = mediation.file_case(
        admin,
        mediation.CaseInput(
            applicant_ids=[p.id for p in mediation.applicants_of([case])[case.id]],
            respondent_id=make_respondent(admin, name="北京远洋物业管理有限公司").id,
            claims=[mediation.ClaimInput("overtime", "5000")],
            received_at=now() - timedelta(days=20),
        ),
    )
    mediation.transition(admin, late.id, "accepted")
    window = MainWindow(actor, database_url=db_url)
    window.resize(*OFFICE_SCREEN)
    show_active(window)
    tab = window.show_tab("cases")
    tab.open_case(case.id)
    qtbot.waitUntil(lambda: getattr(tab.table, "_stationapp_sized", False))
    return window, tab, case


@pytest.mark.parametrize("window", ["mediator", "head"], indirect=True)
def test_every_state_and_page_of_a_case_fits_with_unique_access_keys(qtbot, window):
    window, tab, case = window
    page = tab.page
    assert tab.deadlines.isVisibleTo(window)
    for state in mediation.TRANSITIONS:
        MediationCase.update(state=state).where(MediationCase.id == case.id).execute()
        page.show_case(case.id)
        for index in range(page.tabs.count()):
            page.tabs.setCurrentIndex(index)
            where = f"{state}, page {page.tabs.tabText(index)!r}"
            assert mnemonic_clashes(window) == {}, where
            assert lists_keeping_tab(window) == [], where
            assert too_large(window) == (0, 0), where
            inside = {letter for letter, _where in on_screen_mnemonics(tab)}
            assert not inside & RESERVED, where


@pytest.mark.parametrize("window", ["mediator"], indirect=True)
def test_the_list_shows_state_and_due_date_beside_an_open_case(qtbot, window):
    window, tab, _case = window
    table = tab.table
    header = table.horizontalHeader()
    assert window.size().width() <= OFFICE_SCREEN[0]
    for column in (COL_STATE, COL_DUE):
        left = header.sectionViewportPosition(column)
        assert left >= 0 and left + header.sectionSize(column) <= table.viewport().width()
        # Not cut: as wide as the longest text it holds.
        assert header.sectionSize(column) >= table.sizeHintForColumn(column)
    # The case page's tabs, steps and fields are all on screen.
    assert tab.page.tabs.isVisible()
    assert tab.page.tabs.tabBar().width() <= tab.page.tabs.width()
