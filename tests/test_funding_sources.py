"""One vocabulary of funding sources for every register, with the names clerks use for each."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from sqlalchemy import select

from relief_fixtures import add_member
from unionoffice.domain.funds import FundingSource, funding_label
from unionoffice.domain.ledgers import LedgerError
from unionoffice.services import relief_io
from unionoffice.services import activities, trainings
from unionoffice.store.models.ledgers import Activity, TrainingSession
from unionoffice.store.models.relief import ReliefVisit


@pytest.mark.parametrize("text, code", [
    ("工会经费", "own_funds"), ("本级工会经费", "own_funds"), ("own_funds", "own_funds"),
    ("上级工会补助", "higher_union"), ("上级补助", "higher_union"),
    ("行政拨款", "administration"), ("行政", "administration"), ("社会 捐助", "donation"), ("其他", "other"),
])
def test_every_name_of_a_source_means_the_same_code(text, code):
    assert FundingSource.from_text(text).value == code


def test_an_unknown_source_is_none_and_its_label_is_the_text():
    assert FundingSource.from_text("厂长特批") is None
    assert funding_label("厂长特批") == "厂长特批"
    assert funding_label("own_funds") == "本级工会经费"


def test_relief_import_accepts_the_activity_names(db, tmp_path):
    with db.session() as session:
        add_member(session, "张三")
    book = openpyxl.Workbook()
    book.active.append(["慰问日期", "姓名", "慰问事由", "慰问金", "经费来源"])
    book.active.append(["2026-01-20", "张三", "春节送温暖", "500", "工会经费"])
    book.active.append(["2026-01-21", "张三", "住院慰问", "300", "上级工会补助"])
    book.save(tmp_path / "in.xlsx")
    with db.session() as session:
        outcome = relief_io.import_visits(session, tmp_path / "in.xlsx")
    assert outcome.rejected == []
    with db.session() as session:
        assert sorted(session.scalars(select(ReliefVisit.funding_source))) == ["higher_union", "own_funds"]


def test_activities_and_training_store_the_shared_code(session):
    activities.create_activity(session, activities.ActivityData("植树", "festival", dt.date(2026, 3, 12), funding_source="行政拨款"), [])
    trainings.create_training(session, trainings.TrainingData("安全培训", "safety", dt.date(2026, 2, 1), cost_fen=300000,
                                                              funding_source="上级补助"), [])
    assert session.scalar(select(Activity.funding_source)) == "administration"
    assert session.execute(select(TrainingSession.cost_fen, TrainingSession.funding_source)).one() == (300000, "higher_union")


def test_an_unknown_source_on_an_activity_is_refused(session):
    with pytest.raises(LedgerError, match="经费来源"):
        activities.create_activity(session, activities.ActivityData("联欢", "festival", dt.date(2026, 3, 12),
                                                                    funding_source="厂长特批"), [])
