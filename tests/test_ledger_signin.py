"""Printed sign-in sheets (活动签到表 / 培训签到表), pre-filled with the chosen attendees."""

from __future__ import annotations

import datetime as dt
import random
import subprocess

import pytest
from sqlalchemy import select

from tests.ledger_helpers import add_group, add_member
from unionoffice.domain.idcard import make_id_number
from unionoffice.io.forms import render_form
from unionoffice.io.ledgers.signin import sign_in_document
from unionoffice.services import activities, trainings
from unionoffice.services.activities import ActivityData
from unionoffice.services.ledger_print import activity_sign_in, training_sign_in
from unionoffice.services.trainings import TrainingData, TrainingResult
from unionoffice.store.models import Member


@pytest.fixture
def people(db):
    rng = random.Random(7)
    with db.session() as session:
        group = add_group(session, "安全环保部")
        for i, name in enumerate(("王芳", "李强", "张丽")):
            number = make_id_number(rng, dt.date(1980 + i, 1, 1), name != "李强")
            add_member(session, name, "female" if name != "李强" else "male", group, number, phone="13800000000")


def pdf_text(pdf_bytes: bytes, tmp_path) -> str:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(pdf_bytes)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_sign_in_sheet_for_next_weeks_safety_training(db, people, tmp_path):
    next_week = dt.date.today() + dt.timedelta(days=7)
    with db.session() as session:
        member_ids = list(session.scalars(select(Member.id).order_by(Member.id)))
        training = trainings.create_training(session, TrainingData(
            title="安全生产培训", kind="safety", start_date=next_week, hours_tenths=40, trainer="李安全", place="一号会议室"),
            [TrainingResult(m) for m in member_ids])
        sheet = training_sign_in(session, training.id, blank_rows=5)
    pdf = tmp_path / "sign-in.pdf"
    pdf.write_bytes(render_form(sign_in_document(sheet)))
    text = pdf_text(pdf.read_bytes(), tmp_path)
    assert "安全生产培训签到表" in text
    for expected in ("王芳", "李强", "张丽", "安全环保部", "李安全", "一号会议室", "签到"):
        assert expected in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # every font embedded


def test_activity_sign_in_sheet_has_blank_rows_after_the_chosen(db, people, tmp_path):
    with db.session() as session:
        member_ids = list(session.scalars(select(Member.id).order_by(Member.id)))
        activity = activities.create_activity(session, ActivityData(
            title="五一职工趣味运动会", kind="sports_culture", start_date=dt.date(2026, 4, 28), place="职工活动中心"), member_ids[:2])
        sheet = activity_sign_in(session, activity.id, blank_rows=4)
    text = pdf_text(render_form(sign_in_document(sheet)), tmp_path)
    assert "五一职工趣味运动会签到表" in text and "2026年4月28日" in text
    assert "王芳" in text and "李强" in text and "张丽" not in text
    numbered = [line.split()[0] for line in text.splitlines() if line.split() and line.split()[0].isdigit()]
    assert numbered[:6] == ["1", "2", "3", "4", "5", "6"]  # 2 attendees + 4 blank numbered rows
