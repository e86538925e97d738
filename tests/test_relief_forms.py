"""The printed forms: 慰问金发放签领表, 困难职工档案表 and the hardship lists."""

from __future__ import annotations

import datetime as dt
import subprocess

from relief_fixtures import add_member, occasion_id, visit
from unionoffice.io import relief_forms
from unionoffice.io.forms import render_form
from unionoffice.services import hardship, relief
from unionoffice.services.relief_queries import FileFilter, VisitFilter, list_files


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _round(session, count: int = 40) -> int:
    people = [add_member(session, f"职工{i:02d}", group="生产一车间") for i in range(count)]
    entries = [relief.BatchEntry(m.id, 50000) for m in people]
    entries[0].cash_fen = 100050
    return relief.create_batch(session, relief.BatchInput(
        "2026年春节送温暖", dt.date(2026, 1, 25), occasion_id(session, "spring_festival"), entries)).id


def test_the_signed_payment_sheet_lists_everyone_with_the_total_in_words(session, tmp_path):
    batch_id = _round(session)
    form, total = relief_forms.payment_sheet(session, VisitFilter(batch_id=batch_id))
    assert total == 39 * 50000 + 100050
    text = _pdf_text(render_form(form), tmp_path)
    assert "2026年春节送温暖慰问金发放签领表" in text
    assert "职工39" in text and "1,000.50" in text
    assert "20,500.50" in text and "贰万零伍佰元伍角整" in text
    for label in ("经办人", "审核人", "工会主席", "签领人签字"):
        assert label in text


def test_the_hardship_file_form_prints_family_and_help(session, tmp_path):
    member = add_member(session, "李梅", sex="female")
    hfile = hardship.open_file(session, hardship.HardshipFileInput(
        member_id=member.id, category="subsistence", main_cause="6", opened_on=dt.date(2026, 1, 1), household_size=2,
        household_annual_income_fen=2_400_000, family=[hardship.FamilyMemberInput("王强", "配偶", "male")]))
    visit(session, member, 50000, day=dt.date(2026, 1, 20))
    text = _pdf_text(render_form(relief_forms.hardship_file_form(session, hfile.id)), tmp_path)
    assert "困难职工档案表" in text and "李梅" in text and "王强" in text and "重特大疾病" in text
    assert "1,000.00元" in text  # per capita: 24,000 / 2 / 12
    assert "春节送温暖" in text


def test_a_hardship_list_prints_with_its_title(session, tmp_path):
    member = add_member(session, "李梅")
    hardship.open_file(session, hardship.HardshipFileInput(member_id=member.id, category="subsistence", main_cause="9",
                                                           opened_on=dt.date(2024, 1, 1)))
    rows = list_files(session, FileFilter())
    text = _pdf_text(render_form(relief_forms.hardship_list_form(session, rows, "从未帮扶")), tmp_path)
    assert "困难职工名单：从未帮扶" in text and "子女上学" in text
