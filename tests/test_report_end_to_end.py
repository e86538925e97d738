"""The work summary on a hand-built office where every figure is known: the drafted text states
exactly those figures, and so do the PDF (pdftotext) and the DOCX; every PDF font is embedded."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import pytest
from docx import Document as DocxDocument

from unionoffice.cli import main
from unionoffice.reports import periods
from unionoffice.reports.draft import draft_summary
from unionoffice.reports.template import load_template
from unionoffice.services import activities, relief, rights, trainings
from unionoffice.services.office import OfficeSettings, save_settings
from unionoffice.store.models import Member, MembershipEvent

H1 = periods.first_half(2026)
OLD = dt.date(2020, 1, 1)


def _member(s, name, sex, joined=OLD, left=None, migrant=False):
    member = Member(name=name, sex=sex, migrant_worker=migrant, join_date=joined, status="transferred_out" if left else "active")
    member.events = [MembershipEvent(kind="join", date=joined)]
    if left:
        member.events.append(MembershipEvent(kind="transfer_out", date=left, destination="外单位"))
    s.add(member)
    s.flush()
    return member.id


@pytest.fixture
def office(db):
    """10 members (6 women); 2 joined and 1 left in 2026 H1; 2 trainings, 3 visits, 1 case, 1 activity in H1."""
    with db.session() as s:
        save_settings(s, OfficeSettings(union_name="示例厂工会委员会", signature_unit="示例厂工会"))
        w = [_member(s, f"女{i}", "female", migrant=(i == 1)) for i in range(1, 7)]
        m7 = _member(s, "男七", "male")
        _member(s, "男八", "male", left=dt.date(2026, 5, 10))
        _member(s, "男九", "male", joined=dt.date(2026, 3, 1), migrant=True)
        _member(s, "男十", "male", joined=dt.date(2026, 3, 1))
        T = trainings.TrainingResult
        trainings.create_training(s, trainings.TrainingData("数控技能提升", "technical", dt.date(2026, 3, 10), hours_tenths=40),
                                  [T(w[0]), T(w[1]), T(m7), T(w[2], attended=False)])
        trainings.create_training(s, trainings.TrainingData("安全生产培训", "safety", dt.date(2026, 4, 20), hours_tenths=20),
                                  [T(w[0], passed=True), T(w[3], passed=False)])
        trainings.create_training(s, trainings.TrainingData("下半年的培训", "safety", dt.date(2026, 7, 5), hours_tenths=20), [T(m7)])
        occasions = {o.name: o.id for o in relief.list_occasions(s)}
        for member_id, occasion, fen in [(w[0], "春节送温暖", 50000), (w[1], "住院慰问", 30050), (m7, "春节送温暖", 20000)]:
            relief.record_visit(s, relief.VisitInput(date=dt.date(2026, 1, 20), member_id=member_id,
                                                     occasion_id=occasions[occasion], cash_fen=fen))
        case = rights.receive_case(s, rights.CaseInput(received_on=dt.date(2026, 2, 1), channel="visit", kind="wages",
                                                       summary="拖欠加班工资", member_id=m7))
        rights.close_case(s, case.id, "mediated", dt.date(2026, 3, 1), money_recovered_fen=1_234_567)
        activities.create_activity(s, activities.ActivityData("三八节健步走", "sports_culture", dt.date(2026, 3, 8)),
                                   member_ids=w, awards=[activities.AwardData("优秀组织奖", "unit", collective_name="女工委")])
    return db


EXPECTED = [
    "截至2026年6月30日，本会共有会员9人，比上年同期增加1人，其中女会员6人，占67%，农民工会员2人",
    "上半年坚持“应入尽入”，新发展会员2人，转出、退会等减少1人",
    "上半年共举办各类培训2期，其中技术/技能培训1期，安全培训1期，培训职工5人次，其中女职工4人次，累计6学时",
    "参加考核2人次，合格1人次，合格率50.0%",
    "上半年共受理职工投诉和维权案件1起，其中工资报酬类1起，已办结1起，调解成功1起，占100%，为职工追回经济损失1.23万元",
    "上半年共走访慰问职工3户，其中女职工2户，发放慰问金1000.5元",
    "上半年共组织各类活动1次，其中文体活动1次，会员参加6人次，其中女会员6人次",
    "在各级各类竞赛和评选中获奖1项，其中集体奖项1项",
]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_draft_states_exactly_the_known_figures(office):
    template, error = load_template("standard")
    assert error is None
    with office.session() as s:
        draft = draft_summary(s, H1, template, today=dt.date(2026, 7, 5))
    text = _flat("\n".join(p.text for p in draft.parts))
    for sentence in EXPECTED:
        assert sentence in text, sentence
    assert draft.title == "示例厂工会委员会2026年上半年工作总结"
    assert draft.signature_unit == "示例厂工会"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_report_command_writes_pdf_and_docx_with_those_figures(office, tmp_path, capsys):
    pdf, docx = tmp_path / "总结.pdf", tmp_path / "总结.docx"
    for out in (pdf, docx):
        assert main(["report", "--db", str(office.path), "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)]) == 0
    pdf_text = _flat(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    docx_text = _flat("\n".join(p.text for p in DocxDocument(str(docx)).paragraphs))
    for sentence in EXPECTED:
        assert sentence in pdf_text, sentence
        assert sentence in docx_text, sentence
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)


def test_report_command_refuses_a_bad_output_name_and_a_bad_template(office, tmp_path, capsys):
    args = ["report", "--db", str(office.path), "--from", "2026-01-01", "--to", "2026-06-30"]
    assert main([*args, "--out", str(tmp_path / "x.txt")]) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "坏"\n[[parts]]\nkey = "a"\nheading = "甲"\nparagraphs = [["{members.nothing}人"]]\n', encoding="utf-8")
    assert main([*args, "--template", str(bad), "--out", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "bad.toml:5" in err and "members.nothing" in err
    assert not (tmp_path / "x.pdf").exists()
