"""Every printed form is in the office's document language (Chinese by default) on an English
interface: the title, the column and field labels, the notes and signature lines, and the page
numbers of the rendered PDF (“第 1 页 共 1 页”, not “Page 1 of 1”)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from sqlalchemy import select

from relief_fixtures import add_member, visit
from tests.dues_helpers import small_office
from tests.upload_support import hidden_code_sheet_template
from unionoffice.domain.dues import Period
from unionoffice.i18n import set_language
from unionoffice.io import relief_forms
from unionoffice.io.dues_forms import dues_ledger_form, funds_overview_form, receipt_form
from unionoffice.io.forms import FormDocument, GridBlock, TableBlock, render_form
from unionoffice.io.ledgers.signin import sign_in_document
from unionoffice.io.roster_print import roster_form
from unionoffice.io.upload.checklist import checklist_form
from unionoffice.io.upload.writer import fill, open_template
from unionoffice.services import activities, dues_payments, hardship, trainings
from unionoffice.services.activities import ActivityData
from unionoffice.services.dues_ledger import build_ledger
from unionoffice.services.funds_overview import funds_overview
from unionoffice.services.ledger_print import activity_sign_in, training_sign_in
from unionoffice.services.member_query import MemberFilter
from unionoffice.services.office import document_language, load_settings, save_settings
from unionoffice.services.relief_queries import FileFilter, VisitFilter, list_files
from unionoffice.services.trainings import TrainingData, TrainingResult
from unionoffice.services.upload_fill import upload_records
from unionoffice.store.models import Member

_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def english(session):
    """An office whose clerk chose the English interface; the document language stays Chinese."""
    settings = load_settings(session)
    settings.union_name, settings.language = "示例厂工会委员会", "en"
    save_settings(session, settings)
    assert document_language(session) == "zh_CN"
    set_language("en")
    yield session
    set_language("zh_CN")


def _labels(form: FormDocument) -> list[str]:
    out = [form.title, *(m.label for m in form.meta), *form.notes, *form.signatures]
    for block in form.blocks:
        if isinstance(block, TableBlock):
            out += [c.header for c in block.columns] + [c.text for c in block.total or ()]
        elif isinstance(block, GridBlock):
            out += [f.label for f in block.fields]
    return [text for text in out if text]


def _assert_chinese(form: FormDocument, tmp_path, *expected: str) -> None:
    english = [text for text in _labels(form) if _ENGLISH_WORD.search(text)]
    assert not english, english
    assert form.language == "zh_CN"
    path = tmp_path / "form.pdf"
    path.write_bytes(render_form(form))
    text = "".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
    assert "Page" not in text and re.search(r"第\d+页", text), text[-80:]
    for phrase in expected:
        assert phrase in text, phrase


def test_the_roster_print(english, tmp_path):
    add_member(english, "王芳", sex="female", group="一车间")
    _assert_chinese(roster_form(english, MemberFilter()), tmp_path, "王芳", "姓名")


def test_the_relief_sign_off_sheet(english, tmp_path):
    visit(english, add_member(english, "甲"), 50000, day=dt.date(2026, 1, 20))
    form, _total = relief_forms.payment_sheet(english, VisitFilter(start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31)))
    _assert_chinese(form, tmp_path, "签领人签字", "2026年1月20日", "伍佰元整")


def test_the_hardship_file_form(english, tmp_path):
    member = add_member(english, "李梅", sex="female")
    hfile = hardship.open_file(english, hardship.HardshipFileInput(
        member_id=member.id, category="subsistence", main_cause="6", opened_on=dt.date(2026, 1, 1), household_size=2,
        household_annual_income_fen=2_400_000, family=[hardship.FamilyMemberInput("王强", "配偶", "male")]))
    _assert_chinese(relief_forms.hardship_file_form(english, hfile.id), tmp_path, "困难职工档案表", "重特大疾病")


def test_the_hardship_list(english, tmp_path):
    member = add_member(english, "李梅")
    hardship.open_file(english, hardship.HardshipFileInput(member_id=member.id, category="subsistence", main_cause="9",
                                                           opened_on=dt.date(2024, 1, 1)))
    form = relief_forms.hardship_list_form(english, list_files(english, FileFilter()), "从未帮扶")
    _assert_chinese(form, tmp_path, "困难职工名单", "子女上学")


def test_the_dues_ledger(english, tmp_path):
    o = small_office(english)
    dues_payments.record_payment(english, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20)))
    ledger = build_ledger(english, Period(202601, 202603), group_id=o["group"])
    form = dues_ledger_form(ledger, "示例厂工会委员会", "一车间", language=document_language(english))
    _assert_chinese(form, tmp_path, "会费收缴台账", "经办人", "陆拾元整")


def test_the_dues_receipts(english, tmp_path):
    o = small_office(english)
    payment = dues_payments.record_payment(english, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20)))
    _assert_chinese(receipt_form([payment], "工会", language=document_language(english)), tmp_path, "陆拾元整")


def test_the_funds_overview(english, tmp_path):
    from unionoffice.services import expenses

    expenses.add_expense(english, expenses.ExpenseInput(dt.date(2026, 3, 1), "订阅报刊", 123456, "工会经费", "刘", "记-1"))
    overview = funds_overview(english, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    form = funds_overview_form(overview, "工会", language=document_language(english))
    _assert_chinese(form, tmp_path, "订阅报刊", "工会主席")


def test_the_upload_check_sheet(english, tmp_path):
    small_office(english)
    english.flush()
    template = open_template(hidden_code_sheet_template(tmp_path / "t.xlsx"))
    result = fill(template, upload_records(english))
    form = checklist_form(template, result, "示例工会", per_member=True, language=document_language(english))
    _assert_chinese(form, tmp_path, "本人签字", "审核人")


def test_the_activity_sign_in_sheet(english, tmp_path):
    add_member(english, "王芳", group="安全环保部")
    ids = list(english.scalars(select(Member.id)))
    activity = activities.create_activity(english, ActivityData(
        title="五一职工趣味运动会", kind="sports_culture", start_date=dt.date(2026, 4, 28), place="职工活动中心"), ids)
    form = sign_in_document(activity_sign_in(english, activity.id, blank_rows=2))
    _assert_chinese(form, tmp_path, "五一职工趣味运动会签到表", "2026年4月28日", "签到")


def test_the_training_sign_in_sheet(english, tmp_path):
    add_member(english, "王芳", group="安全环保部")
    ids = list(english.scalars(select(Member.id)))
    training = trainings.create_training(english, TrainingData(
        title="安全生产培训", kind="safety", start_date=dt.date(2026, 5, 12), hours_tenths=40, trainer="李安全",
        place="一号会议室"), [TrainingResult(m) for m in ids])
    form = sign_in_document(training_sign_in(english, training.id, blank_rows=2))
    _assert_chinese(form, tmp_path, "安全生产培训签到表", "授课人", "2026年5月12日")
