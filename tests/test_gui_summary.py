"""The report wizard clicked through: period → template → draft/edit → PDF and DOCX; saved drafts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from unionoffice.demo import DemoSize, generate
from unionoffice.gui.context import AppContext
from unionoffice.gui.pages.summary import SummaryPage
from unionoffice.reports.periods import PeriodKind
from unionoffice.services import summaries


@pytest.fixture
def page(qtbot, db):
    generate(db, DemoSize.SMALL, seed=3, until=dt.date(2026, 6, 30))
    widget = SummaryPage(AppContext(db))
    qtbot.addWidget(widget)
    return widget


def _to_edit_step(wizard):
    wizard.period_page.set_kind(PeriodKind.FIRST_HALF)
    wizard.period_page.year.setValue(2026)
    wizard.next()
    assert wizard.currentId() == wizard.TEMPLATE
    wizard.next()
    assert wizard.currentId() == wizard.EDIT


def test_wizard_drafts_edits_and_saves_pdf_and_docx(page, db, tmp_path):
    wizard = page.new_summary()
    _to_edit_step(wizard)
    edit = wizard.edit_page
    assert edit.title.text() == "示例市演示机械有限公司工会委员会2026年上半年工作总结"
    basic = edit.editors["basic"].text.toPlainText()
    assert "截至2026年6月30日，本会共有会员" in basic
    edit.editors["problems"].text.setPlainText("一是活动覆盖面还不够广。")
    edit.redraft_now("basic")
    assert edit.editors["problems"].text.toPlainText() == "一是活动覆盖面还不够广。"
    wizard.next()
    assert wizard.currentId() == wizard.OUTPUT
    # Every part was drafted from the demo office's records: nothing is left as a prompt.
    assert wizard.output_page.warning.text() == ""
    pdf = wizard.output_page.save_as("pdf", tmp_path / "h1.pdf")
    docx = wizard.output_page.save_as("docx", tmp_path / "h1.docx")
    assert pdf.stat().st_size > 10_000 and docx.stat().st_size > 10_000
    with db.session() as s:
        saved = summaries.list_drafts(s)
        assert len(saved) == 1
        draft = summaries.load_draft(s, saved[0].id)
    assert draft.part("problems").text == "一是活动覆盖面还不够广。" and draft.part("problems").edited


def test_leaving_out_a_line_of_work_removes_its_section(page):
    wizard = page.new_summary()
    wizard.period_page.year.setValue(2026)
    wizard.next()
    lines = wizard.template_page.lines
    for index in range(lines.count()):
        if lines.item(index).text().startswith("扎实开展帮扶"):
            lines.item(index).setCheckState(Qt.CheckState.Unchecked)
    wizard.next()
    work = wizard.edit_page.editors["work"].text.toPlainText()
    assert "帮扶" not in work and "（四）丰富职工文化生活" in work


def test_saved_drafts_reopen_copy_to_next_period_and_delete(page, db, monkeypatch):
    wizard = page.new_summary()
    _to_edit_step(wizard)
    wizard.edit_page.editors["plans"].text.setPlainText("下半年重点做好送清凉。")
    wizard.edit_page.save()
    wizard.close()
    page.refresh()
    assert page.table.rowCount() == 1
    page.table.selectRow(0)
    reopened = page.open_selected()
    assert reopened.currentId() == reopened.EDIT
    assert reopened.edit_page.editors["plans"].text.toPlainText() == "下半年重点做好送清凉。"
    reopened.close()
    page.copy_selected()
    assert page.table.rowCount() == 2
    with db.session() as s:
        newest = summaries.load_draft(s, summaries.list_drafts(s)[0].id)
    assert newest.period_label == "2027年上半年"
    assert newest.part("plans").text == "下半年重点做好送清凉。"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.table.selectRow(0)
    page.delete_selected()
    assert page.table.rowCount() == 1


def test_the_quarter_list_names_each_quarter_whole(page):
    wizard = page.new_summary()
    quarters = wizard.period_page.quarter
    assert [quarters.itemText(i) for i in range(quarters.count())] == ["第一季度", "第二季度", "第三季度", "第四季度"]


def test_cancelling_after_typing_offers_to_save_the_draft(page, db, monkeypatch):
    wizard = page.new_summary()
    _to_edit_step(wizard)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    wizard.reject()  # nothing typed yet: closes without asking
    assert not wizard.isVisible()
    wizard = page.new_summary()
    _to_edit_step(wizard)
    wizard.edit_page.editors["experience"].text.setPlainText("坚持党建带工建，依靠行政支持。")
    wizard.reject()
    assert wizard.isVisible()  # Cancel: stays
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    wizard.reject()
    with db.session() as session:
        drafts = summaries.list_drafts(session)
    assert len(drafts) == 1


def test_the_clerk_picks_and_reorders_drafted_suggestions(page):
    wizard = page.new_summary()
    _to_edit_step(wizard)
    editor = wizard.edit_page.editors["plans"]
    picker = editor.suggestions
    assert picker is not None and picker.list.count() >= 2
    first, second = picker.list.item(0).text(), picker.list.item(1).text()
    picker.list.setCurrentRow(1)
    picker.move(-1)
    for index in range(2, picker.list.count()):
        picker.list.item(index).setCheckState(Qt.CheckState.Unchecked)
    picker.use_button.click()
    assert editor.text.toPlainText().splitlines() == [second, first]
    wizard.edit_page.collect_edits()
    assert wizard.state.draft.part("plans").edited


def test_an_unticked_highlight_is_no_longer_named(page):
    wizard = page.new_summary()
    _to_edit_step(wizard)
    edit = wizard.edit_page
    picker = edit.highlights
    work = edit.editors["work"].text.toPlainText()
    named = next(picker.list.item(i) for i in range(picker.list.count()) if picker.list.item(i).text() in work)
    title = named.text()
    named.setCheckState(Qt.CheckState.Unchecked)
    picker.apply_button.click()
    assert title not in edit.editors["work"].text.toPlainText()
    assert title in wizard.state.draft.dropped


def test_the_document_language_is_its_own_setting_in_the_office_settings(qtbot, db):
    from unionoffice.gui.settings_dialog import SettingsDialog
    from unionoffice.services import office

    ctx = AppContext(db)
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.union_name.setText("示例公司工会委员会")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.document_language.currentData() == "zh_CN"  # Chinese unless chosen otherwise
    dialog.accept()
    with db.session() as session:
        saved = office.load_settings(session)
        assert (saved.language, saved.document_language, office.document_language(session)) == ("en", "zh_CN", "zh_CN")
    again = SettingsDialog(ctx)
    qtbot.addWidget(again)
    again.document_language.setCurrentIndex(again.document_language.findData("en"))
    again.accept()
    with db.session() as session:
        assert office.document_language(session) == "en"
