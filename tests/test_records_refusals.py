"""Values the forms and registers refuse with a message naming the field."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from tests.ledger_helpers import add_member
from unionoffice.domain.ledgers import LedgerError, check_score
from unionoffice.gui.context import AppContext
from unionoffice.gui.ledgers.award_dialog import AwardDialog
from unionoffice.gui.pages.training import TrainingPage
from unionoffice.services import activities, trainings
from unionoffice.services.activities import ActivityData, AwardData
from unionoffice.services.trainings import TrainingData, TrainingResult
from unionoffice.store.models.ledgers import TrainingSession


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    return shown


def test_a_score_above_100_is_refused():
    with pytest.raises(LedgerError, match="100"):
        check_score(1005, None)


def test_a_session_with_other_full_marks_accepts_scores_up_to_them():
    check_score(1500, 150)
    with pytest.raises(LedgerError, match="150"):
        check_score(1505, 150)


def test_the_training_register_refuses_a_score_above_the_full_marks_naming_the_member(db):
    with db.session() as session:
        member = add_member(session, "王芳")
        with pytest.raises(LedgerError, match="王芳"):
            trainings.create_training(session, TrainingData(title="焊工培训", kind="safety", start_date=dt.date(2026, 5, 1)),
                                      [TrainingResult(member, score_tenths=1010)])


def test_the_full_marks_are_stored_and_allow_a_higher_score(db):
    with db.session() as session:
        member = add_member(session, "王芳")
        training = trainings.create_training(session, TrainingData(title="焊工培训", kind="safety", start_date=dt.date(2026, 5, 1),
                                                                    full_marks=150), [TrainingResult(member, score_tenths=1200)])
        assert trainings.get_training(session, training.id).data.full_marks == 150


def test_lowering_the_full_marks_below_a_stored_score_is_refused(db):
    with db.session() as session:
        member = add_member(session, "王芳")
        data = TrainingData(title="焊工培训", kind="safety", start_date=dt.date(2026, 5, 1), full_marks=150)
        training = trainings.create_training(session, data, [TrainingResult(member, score_tenths=1200)])
        data.full_marks = None
        with pytest.raises(LedgerError, match="王芳"):
            trainings.update_training(session, training.id, data)


def test_the_training_form_refuses_a_score_of_105(qtbot, db, warnings):
    with db.session() as session:
        member = add_member(session, "王芳")
    page = TrainingPage(AppContext(db))
    qtbot.addWidget(page)
    dialog = page.edit(None)
    dialog.title.setText("焊工培训")
    dialog.attendees.add_member_ids([member])
    dialog.attendees.table.item(0, 4).setText("105")
    dialog.accept()
    assert warnings and warnings[0].startswith("王芳") and "100" in warnings[0]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(TrainingSession)) == 0


def test_the_training_form_accepts_105_when_the_full_marks_are_150(qtbot, db, warnings):
    with db.session() as session:
        member = add_member(session, "王芳")
    page = TrainingPage(AppContext(db))
    qtbot.addWidget(page)
    dialog = page.edit(None)
    dialog.title.setText("焊工培训")
    dialog.kind.setCurrentIndex(dialog.kind.findData("safety"))
    dialog.full_marks.setText("150")
    dialog.attendees.add_member_ids([member])
    dialog.attendees.table.item(0, 4).setText("105")
    dialog.accept()
    assert warnings == []
    with db.session() as session:
        assert session.scalar(select(TrainingSession.full_marks)) == 150


def test_the_award_form_offers_no_default_level_and_refuses_without_one(qtbot, warnings):
    award = AwardDialog([], dt.date(2026, 5, 1))
    qtbot.addWidget(award)
    assert award.level.currentData() is None
    award.name.setText("优秀组织奖")
    award.collective.setText("女工车间")
    award.accept()
    assert warnings and warnings[0].startswith("级别")
    assert award.result() != award.DialogCode.Accepted


def test_the_activity_register_refuses_an_award_without_a_level(db):
    with db.session() as session:
        with pytest.raises(LedgerError, match="^级别"):
            activities.create_activity(
                session, ActivityData(title="运动会", kind="festival", start_date=dt.date(2026, 5, 1)), [],
                awards=[AwardData(name="优秀组织奖", level=None, member_id=None, collective_name="女工车间",
                                  date=dt.date(2026, 5, 1))])


def _wrong_check_digit(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def test_the_hardship_register_refuses_a_family_id_with_a_wrong_check_digit(db):
    from relief_fixtures import add_member as add_relief_member
    from roster_helpers import an_id
    from unionoffice.services import hardship
    from unionoffice.services.relief import ReliefError

    with db.session() as session:
        member = add_relief_member(session, "李梅", sex="female")
        family = hardship.FamilyMemberInput("王强", "配偶", "male", None, _wrong_check_digit(an_id(dt.date(1980, 2, 3))),
                                            "", 0, "")
        data = hardship.HardshipFileInput(member_id=member.id, category="subsistence", main_cause="1",
                                          opened_on=dt.date(2026, 1, 5), household_size=2, family=[family])
        with pytest.raises(ReliefError, match="家庭成员第1行.*身份证号"):
            hardship.open_file(session, data)


def test_the_hardship_form_names_the_family_row_with_a_wrong_check_digit(qtbot, db, warnings):
    from PySide6.QtWidgets import QDialog
    from relief_fixtures import add_member as add_relief_member
    from roster_helpers import an_id
    from unionoffice.gui.relief.hardship_dialog import HardshipFileDialog

    with db.session() as session:
        add_relief_member(session, "李梅", sex="female")
    dialog = HardshipFileDialog(AppContext(db))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.member.search, "lm")
    dialog.household_size.setValue(2)
    dialog.add_family_row(["王强", "配偶", "男", "", _wrong_check_digit(an_id(dt.date(1980, 2, 3))), "", "", ""])
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and "家庭成员第1行" in warnings[-1]


def test_a_valid_family_id_is_kept(db):
    from relief_fixtures import add_member as add_relief_member
    from roster_helpers import an_id
    from unionoffice.services import hardship

    number = an_id(dt.date(1980, 2, 3))
    with db.session() as session:
        member = add_relief_member(session, "李梅", sex="female")
        data = hardship.HardshipFileInput(member_id=member.id, category="subsistence", main_cause="1",
                                          opened_on=dt.date(2026, 1, 5), household_size=2,
                                          family=[hardship.FamilyMemberInput("王强", "配偶", "male", None, number, "", 0, "")])
        assert hardship.open_file(session, data).family[0].id_number == number
