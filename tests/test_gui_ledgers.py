"""The activities and training pages and forms, clicked through with qtbot; asserts on database rows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QPushButton
from sqlalchemy import func, select

from tests.ledger_helpers import add_group, add_member, add_members
from unionoffice.gui.context import AppContext
from unionoffice.gui.ledgers.award_dialog import AwardDialog
from unionoffice.gui.ledgers.member_picker import MemberPickerDialog
from unionoffice.gui.ledgers.table_model import Column, RowsModel
from unionoffice.gui.member_tabs import training as training_tab
from unionoffice.gui.pages.activities import ActivitiesPage
from unionoffice.gui.pages.training import TrainingPage
from unionoffice.services import activities, trainings
from unionoffice.services.activities import ActivityData
from unionoffice.services.trainings import TrainingData, TrainingResult
from unionoffice.store.models.ledgers import ActivityAttendee, ActivityAward, LedgerKind, TrainingAttendee, TrainingSession

LAST_MONTH_8 = dt.date.today().replace(day=8)


@pytest.fixture
def ctx(db):
    return AppContext(db)


@pytest.fixture
def women_workshop(db):
    with db.session() as session:
        group = add_group(session, "女工车间")
        add_members(session, 120, sex="female", group_id=group)
        add_members(session, 30, sex="male", group_id=group, prefix="男")
        return group


def test_rows_model_sorts_by_asking_for_a_new_query():
    asked = []
    model = RowsModel([Column("A", "date", str), Column("B", "women", str)], lambda key, desc: asked.append((key, desc)))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert asked == [("women", True)]


def test_picker_takes_a_whole_group_of_women(qtbot, ctx, women_workshop):
    dialog = MemberPickerDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.group.setCurrentIndex(dialog.group.findData(women_workshop))
    dialog.women_only.setChecked(True)
    dialog.select_all.click()
    assert len(dialog.member_ids) == 120


def test_picker_finds_a_member_by_pinyin_initials(qtbot, ctx, db):
    with db.session() as session:
        wang = add_member(session, "王芳")
        add_member(session, "李强")
    dialog = MemberPickerDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.search.setText("wf")
    dialog.refresh()
    dialog.list.selectAll()
    assert dialog.member_ids == [wang]


def test_womens_day_is_logged_through_the_form(qtbot, ctx, db, women_workshop):
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    dialog = page.edit(None)
    dialog.title.setText("三八妇女节趣味运动会")
    dialog.kind.setCurrentIndex(dialog.kind.findData("festival"))
    dialog.start_date.setDate(QDate(LAST_MONTH_8))
    dialog.cost.setText("6,800")
    picker = MemberPickerDialog(ctx)
    picker.group.setCurrentIndex(picker.group.findData(women_workshop))
    picker.women_only.setChecked(True)
    picker.select_all.click()
    dialog.attendees.add_member_ids(picker.member_ids)
    award = AwardDialog(dialog.attendees.members, LAST_MONTH_8)
    award.name.setText("优秀组织奖")
    award.level.setCurrentIndex(award.level.findData("city"))
    award.collective.setText("女工车间")
    award.accept()
    dialog.awards.append(award.award)
    assert "120" in dialog.figures.text()
    dialog.accept()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(ActivityAttendee)) == 120
        saved = session.scalars(select(ActivityAward)).one()
        assert (saved.name, saved.level, saved.collective_name) == ("优秀组织奖", "city", "女工车间")
        assert activities.get_activity(session, 1).data.cost_fen == 680000
    assert page.model.rowCount() == 1


def test_form_refuses_a_missing_title_and_saves_nothing(qtbot, ctx, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    dialog = page.edit(None)
    dialog.accept()
    assert warnings == ["请填写活动标题。"]
    assert page.model.rowCount() == 0


def test_changing_the_kind_filter_requeries(qtbot, ctx, db):
    with db.session() as session:
        today = dt.date.today()
        activities.create_activity(session, ActivityData(title="篮球赛", kind="sports_culture", start_date=today))
        activities.create_activity(session, ActivityData(title="职代会", kind="meeting", start_date=today))
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    page.filters.kind.setCurrentIndex(page.filters.kind.findData("meeting"))
    assert [r.title for r in page.model.rows] == ["职代会"]
    assert "1" in page.count_label.text()


def test_delete_moves_the_selected_activity_to_the_recycle_bin(qtbot, ctx, db):
    with db.session() as session:
        activities.create_activity(session, ActivityData(title="篮球赛", kind="sports_culture", start_date=dt.date.today()))
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    page.delete_selected(confirm=False)
    assert page.model.rowCount() == 0
    with db.session() as session:
        assert activities.deleted_activities(session)[0][1] == "篮球赛"


def test_kinds_dialog_adds_a_kind_offered_in_the_filter(qtbot, ctx, db):
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    dialog = page.manage_kinds()
    dialog.add_kind("读书会")
    with db.session() as session:
        assert session.scalar(select(LedgerKind.code).where(LedgerKind.label == "读书会")) == "custom_8"
    assert page.filters.kind.findText("读书会") >= 0


def test_training_results_are_saved_from_the_form(qtbot, ctx, db):
    with db.session() as session:
        a, b = add_members(session, 2)
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    dialog = page.edit(None)
    dialog.title.setText("安全生产培训")
    dialog.kind.setCurrentIndex(dialog.kind.findData("safety"))
    dialog.hours.setText("1.5")
    dialog.attendees.add_member_ids([a, b])
    table = dialog.attendees.table
    table.item(0, 4).setText("92.5")
    passed: QComboBox = table.cellWidget(0, 5)
    passed.setCurrentIndex(passed.findData(True))
    table.item(0, 6).setText("安全员证")
    table.item(1, 3).setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    with db.session() as session:
        assert session.scalar(select(TrainingSession.hours_tenths)) == 15
        rows = session.execute(select(TrainingAttendee.member_id, TrainingAttendee.attended, TrainingAttendee.score_tenths,
                                      TrainingAttendee.passed, TrainingAttendee.certificate_name).order_by(TrainingAttendee.member_id)).all()
    assert rows == [(a, True, 925, True, "安全员证"), (b, False, None, None, "")]


def test_training_form_names_the_attendee_with_a_bad_score(qtbot, ctx, db, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    with db.session() as session:
        member = add_member(session, "王芳")
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    dialog = page.edit(None)
    dialog.title.setText("焊工培训")
    dialog.attendees.add_member_ids([member])
    dialog.attendees.table.item(0, 4).setText("九十")
    dialog.accept()
    assert warnings and warnings[0].startswith("王芳")
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(TrainingSession)) == 0


def test_member_tab_shows_training_totals(qtbot, ctx, db):
    with db.session() as session:
        (member,) = add_members(session, 1)
        trainings.create_training(session, TrainingData(title="焊工", kind="technical", start_date=dt.date(2026, 1, 5), hours_tenths=80),
                                  [TrainingResult(member, certificate_no="H-1")])
    tab = training_tab.create_tab(ctx, member)
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == 1
    assert tab.totals.text() == "参加培训1期，共8学时，取得证书1个"
    assert training_tab.ORDER == 30 and training_tab.TAB_TITLE == "Training"


def test_sign_in_button_previews_the_chosen_sessions_sheet(qtbot, ctx, db, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    import unionoffice.gui.printing as printing

    shown = []
    monkeypatch.setattr(printing, "preview_pdf", lambda parent, pdf, title: shown.append((pdf, title)))
    monkeypatch.setattr(QInputDialog, "getInt", lambda *args: (3, True))
    with db.session() as session:
        ids = add_members(session, 2)
        trainings.create_training(session, TrainingData(title="安全生产培训", kind="safety", start_date=dt.date.today() + dt.timedelta(days=7)),
                                  [TrainingResult(i) for i in ids])
    page = TrainingPage(ctx)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    page.findChild(QPushButton, "signInButton").click()
    assert len(shown) == 1 and shown[0][1] == "签到表"
    assert shown[0][0].startswith(b"%PDF")


def test_photo_added_in_the_form_is_copied_and_shown_as_a_thumbnail(qtbot, ctx, db, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from unionoffice.services import activity_files

    photo = tmp_path / "合影.png"
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("steelblue"))
    image.save(str(photo))
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    dialog = page.edit(None)
    dialog.title.setText("读书分享会")
    dialog.files.add_files([photo])
    dialog.accept()
    with db.session() as session:
        (attachment,) = activity_files.list_attachments(session, 1)
        stored = activity_files.attachment_path(db.path, attachment)
    assert stored.read_bytes() == photo.read_bytes()
    again = page.edit(1)
    item = again.files.list.item(0)
    assert item.text() == "合影.png"
    assert not item.icon().pixmap(120, 90).isNull()


def test_figures_dialog_shows_the_years_activity_statistics(qtbot, ctx, db, women_workshop):
    from sqlalchemy import select as sa_select

    from unionoffice.store.models import Member

    with db.session() as session:
        women = list(session.scalars(sa_select(Member.id).where(Member.sex == "female")))
        activities.create_activity(session, ActivityData(title="三八节", kind="festival", start_date=LAST_MONTH_8), women,
                                   [activities.AwardData("巾帼标兵", "city", member_id=women[0])])
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    text = page.show_figures().text.toPlainText()
    assert "节日活动" in text and "120" in text and "市级" in text


def test_whole_group_button_takes_everyone_in_the_group(qtbot, ctx, women_workshop):
    dialog = MemberPickerDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.whole_group.isEnabled()
    dialog.group.setCurrentIndex(dialog.group.findData(women_workshop))
    dialog.whole_group.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert len(dialog.member_ids) == 150


def test_an_activity_the_register_refuses_comes_back_as_filled_in(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from unionoffice.domain.ledgers import LedgerError
    from unionoffice.gui.pages import activities as activities_page

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))

    def refuse(_ctx, _dialog):
        raise LedgerError("不行")

    monkeypatch.setattr(activities_page, "save_activity", refuse)
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    dialog = page.edit(None)
    dialog.title.setText("职工运动会")
    dialog.kind.setCurrentIndex(dialog.kind.findData("sports_culture"))
    dialog.accept()
    assert shown and "不行" in shown[0]
    assert dialog.isVisible() and dialog.title.text() == "职工运动会"


def test_a_custom_period_entered_backwards_still_lists_the_range(qtbot, ctx, db):
    with db.session() as session:
        activities.create_activity(session, ActivityData(title="篮球赛", kind="sports_culture", start_date=dt.date(2025, 5, 1)), [], [])
    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    bar = page.filters
    bar.period.setCurrentIndex(bar.period.findData("custom"))
    bar.date_from.setDate(QDate(2025, 12, 31))
    bar.date_to.setDate(QDate(2025, 1, 1))
    page.refresh()
    assert page.model.rowCount() == 1
    assert not bar.to_label.isHidden()


def test_titles_stay_readable_in_a_narrow_window_and_fill_a_wide_one(qtbot, ctx):
    from unionoffice.gui.ledgers.page_base import TITLE_MIN_WIDTH

    page = ActivitiesPage(ctx)
    qtbot.addWidget(page)
    page.resize(800, 500)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.table.columnWidth(1) >= TITLE_MIN_WIDTH, timeout=2000)
    page.resize(1600, 500)
    header = page.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() >= page.table.viewport().width() - 2, timeout=2000)


def test_escape_asks_before_dropping_changes_to_an_activity(qtbot, ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from unionoffice.gui.ledgers.activity_dialog import ActivityDialog

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Cancel)
    untouched = ActivityDialog(ctx)
    qtbot.addWidget(untouched)
    untouched.show()
    untouched.reject()
    assert asked == [] and not untouched.isVisible()
    dialog = ActivityDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("职工运动会")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(asked) == 1 and dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()
