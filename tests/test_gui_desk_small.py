"""The small ones from a day at the desk: the member picker's name, the rights form's 经办人, the wizard's dates."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from relief_fixtures import add_member
from unionoffice.gui.context import AppContext
from unionoffice.gui.relief.member_picker import MemberPicker
from unionoffice.services import rights
from unionoffice.store.models.relief_rights import RightsCase


def test_the_member_picker_shows_the_chosen_name_not_what_was_typed(qtbot, db):
    with db.session() as session:
        add_member(session, "冯媛")
        add_member(session, "范勇")
    picker = MemberPicker(AppContext(db))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.search, "fy")
    assert picker.matches.count() == 2
    item = picker.matches.item(1)
    rect = picker.matches.visualItemRect(item)
    qtbot.mouseClick(picker.matches.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.member_name in ("冯媛", "范勇")
    assert picker.search.text() == picker.member_name


def test_a_single_match_shows_its_name_when_the_box_is_left(qtbot, db):
    with db.session() as session:
        add_member(session, "冯媛")
    picker = MemberPicker(AppContext(db))
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.search, "fy")
    picker.search.editingFinished.emit()
    assert picker.search.text() == "冯媛" and picker.member_id is not None


def test_the_rights_form_clears_the_handler_after_adding_a_step(qtbot, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from unionoffice.gui.relief.case_dialog import CaseDialog

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    with db.session() as session:
        case_id = rights.receive_case(session, rights.CaseInput(
            received_on=dt.date(2026, 4, 2), complainant="张三", channel="visit", kind="wages", summary="欠薪")).id
    dialog = CaseDialog(AppContext(db), case_id)
    qtbot.addWidget(dialog)
    dialog.step_action.setText("与人力资源部核实考勤")
    dialog.step_handler.setText("王干事")
    qtbot.mouseClick(dialog.findChild(QPushButton, "addStep"), Qt.MouseButton.LeftButton)
    assert dialog.step_action.text() == "" and dialog.step_handler.text() == ""
    with db.session() as session:
        assert [s.handler for s in session.get(RightsCase, case_id).steps] == ["王干事"]


def test_the_wizard_s_greyed_dates_match_the_chosen_period(qtbot, db):
    from unionoffice.gui.summary.steps import PeriodPage
    from unionoffice.gui.summary.state import WizardState

    page = PeriodPage(AppContext(db), WizardState())
    qtbot.addWidget(page)
    for button in page.kind_buttons.buttons():
        if button.property("kind") == "year":
            button.setChecked(True)
    page.year.setValue(2024)
    assert not page.start.isEnabled()
    assert (page.start.date(), page.end.date()) == (QDate(2024, 1, 1), QDate(2024, 12, 31))
    for button in page.kind_buttons.buttons():
        if button.property("kind") == "first_half":
            button.setChecked(True)
    assert (page.start.date(), page.end.date()) == (QDate(2024, 1, 1), QDate(2024, 6, 30))
