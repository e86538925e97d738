"""Exported ledgers: 学时 and 成绩 as numbers, every cell ruled, long text wrapped for paper."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.ledger_helpers import add_member
from unionoffice.i18n import N_
from unionoffice.io.sheets import Column, Kind, export_rows
from unionoffice.services import trainings
from unionoffice.services.ledger_export import export_trainings
from unionoffice.services.trainings import TrainingData, TrainingResult


@pytest.fixture
def training_book(db, tmp_path):
    with db.session() as session:
        a, b = add_member(session, "王芳"), add_member(session, "李梅")
        trainings.create_training(session, TrainingData(title="安全培训", kind="safety", start_date=dt.date(2026, 5, 1),
                                                         hours_tenths=15, description="消防器材使用与应急疏散演练" * 4),
                                  [TrainingResult(a, score_tenths=925), TrainingResult(b, score_tenths=880)])
        path = export_trainings(session, tmp_path / "training.xlsx")
    return openpyxl.load_workbook(path)


def _column(sheet, header: str) -> list:
    headers = [c.value for c in sheet[1]]
    return [row[headers.index(header)] for row in sheet.iter_rows(min_row=2)]


def test_hours_are_a_number_cell(training_book):
    (hours,) = _column(training_book.worksheets[0], "学时")
    assert hours.value == 1.5 and hours.data_type == "n"


def test_scores_are_number_cells_that_average(training_book):
    scores = _column(training_book.worksheets[1], "成绩")
    assert [c.data_type for c in scores] == ["n", "n"]
    assert sum(c.value for c in scores) / 2 == pytest.approx(90.25)


def test_every_cell_of_the_table_is_ruled(training_book):
    for sheet in training_book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert (cell.border.left.style, cell.border.right.style, cell.border.top.style,
                        cell.border.bottom.style) == ("thin",) * 4, cell.coordinate


def test_long_text_wraps_and_short_columns_do_not(training_book):
    sheet = training_book.worksheets[0]
    (notes,) = _column(sheet, "备注")
    (title,) = _column(sheet, "培训名称")
    (place,) = _column(sheet, "地点")
    assert notes.alignment.wrap_text and title.alignment.wrap_text and not place.alignment.wrap_text


def test_a_formula_like_text_stays_text_in_a_ruled_cell(tmp_path):
    path = export_rows(tmp_path / "x.xlsx", [Column("notes", N_("Notes"), kind=Kind.TEXT)], [{"notes": "=1+1"}])
    cell = openpyxl.load_workbook(path).active["A2"]
    assert cell.value == "=1+1" and cell.data_type == "s"
