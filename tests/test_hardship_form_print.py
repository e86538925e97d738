"""The printed 困难职工档案表 carries the national fields, the 刚性支出 items and the reviews."""

from __future__ import annotations

import datetime as dt
import subprocess

from relief_fixtures import add_member
from unionoffice.io import relief_forms
from unionoffice.io.forms import render_form
from unionoffice.services import hardship, hardship_rules


def _file(session):
    member = add_member(session, "李梅", sex="female")
    hardship_rules.set_standard(session, dt.date(2025, 1, 1), 1_000_00)
    hfile = hardship.open_file(session, hardship.HardshipFileInput(
        member_id=member.id, category="deep", main_cause="6", opened_on=dt.date(2026, 1, 1), household_size=3,
        household_annual_income_fen=3_000_000, other_income_fen=200_000, staff_no="GH-0012", work_status="2",
        model_worker="3", industry="13", work_started_on=dt.date(1998, 7, 1), hukou_division="110105",
        zero_employment=True, key_group="3", exclusions=["vehicle"], exclusion_reason="残疾人代步车",
        rigid_costs=[hardship.RigidCostInput("medical", 480_000, "透析")],
        family=[hardship.FamilyMemberInput("王强", "配偶", "male", None, "", "瘫痪", 0, "", "1", "3", "2")]))
    hardship_rules.record_review(session, hfile.id, hardship_rules.ReviewInput(dt.date(2026, 9, 1), "王干事", "情况属实"))
    return hfile


def test_the_printed_file_carries_the_national_fields(session, tmp_path):
    hfile = _file(session)
    path = tmp_path / "file.pdf"
    path.write_bytes(render_form(relief_forms.hardship_file_form(session, hfile.id)))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Long labels wrap inside their cells; the values and the short labels are checked.
    for expected in ("职工编号", "GH-0012", "工作状态", "下(待)岗", "劳模类型", "地市级劳模", "所属行业", "冶金系统",
                     "工作时间", "1998年7月1日", "110105", "北京市朝阳区", "2,000.00", "支出性生活困难", "深度困难", "中共党", "身份",
                     "失(无)", "城乡居民基", "刚性支出", "透析", "4,800.00", "拥有机动车辆并经常私用", "残疾人代步车",
                     "复核记录", "王干事", "情况属实"):
        assert expected in text, expected
