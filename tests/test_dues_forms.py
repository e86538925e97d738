"""The printed 会费收缴台账, receipts and 经费使用情况表: totals in figures and 大写, masked IDs."""

from __future__ import annotations

import datetime as dt
import subprocess

from tests.dues_helpers import small_office
from unionoffice.domain.dues import Period
from unionoffice.domain.money import uppercase_amount
from unionoffice.io.dues_forms import dues_ledger_form, funds_overview_form, months_text, receipt_form
from unionoffice.io.forms import render_form
from unionoffice.services import dues_payments
from unionoffice.services.dues_ledger import build_ledger
from unionoffice.services.funds_overview import funds_overview

Q1 = Period(202601, 202603)


def _pdf_text(tmp_path, pdf: bytes) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_uppercase_of_the_group_totals():
    assert uppercase_amount(23511) == "贰佰叁拾伍元壹角壹分"
    assert uppercase_amount(6000) == "陆拾元整"
    assert uppercase_amount(14325) == "壹佰肆拾叁元贰角伍分"


def test_months_text_for_runs_and_gaps():
    assert months_text([202601, 202602, 202603]) == "2026-01—2026-03"
    assert months_text([202601, 202603]) == "2026-01、03"


def test_ledger_print_has_names_totals_in_words_signatures_and_masked_ids(session, tmp_path):
    o = small_office(session)
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20)))
    dues_payments.record_payment(session, dues_payments.PaymentInput(o["li"], 202601, 202603, 8325, dt.date(2026, 3, 20)))
    ledger = build_ledger(session, Q1, group_id=o["group"])
    form = dues_ledger_form(ledger, "演示公司工会委员会", "一车间")
    text = "".join(_pdf_text(tmp_path, render_form(form)).split())
    for expected in ("会费收缴台账", "张三", "李四", "王五", "235.11", "143.25", "91.86", "壹佰肆拾叁元贰角伍分", "经办人", "审核人"):
        assert expected in text, expected
    from unionoffice.store.models import Member
    full = session.get(Member, o["zhang"]).id_number
    assert full not in text and f"{full[:6]}********{full[-4:]}" in text


def test_receipt_shows_the_amount_in_words(session, tmp_path):
    o = small_office(session)
    payment = dues_payments.record_payment(session, dues_payments.PaymentInput(o["zhang"], 202601, 202603, 6000, dt.date(2026, 3, 20),
                                                             receipt_no="No.7"))
    text = "".join(_pdf_text(tmp_path, render_form(receipt_form([payment], "工会"))).split())
    assert "陆拾元整" in text and "No.7" in text and "2026-01—2026-03" in text


def test_funds_overview_print_has_the_total(session, tmp_path):
    from unionoffice.services import expenses
    expenses.add_expense(session, expenses.ExpenseInput(dt.date(2026, 3, 1), "订阅报刊", 123456, "工会经费", "刘", "记-1"))
    overview = funds_overview(session, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    text = "".join(_pdf_text(tmp_path, render_form(funds_overview_form(overview, "工会"))).split())
    assert "1,234.56" in text and "壹仟贰佰叁拾肆元伍角陆分" in text and "订阅报刊" in text
