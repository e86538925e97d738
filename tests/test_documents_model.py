"""The summary document model: validation messages, heading levels, the printed texts."""

from __future__ import annotations

import datetime as dt

import pytest

from unionoffice.reports.document import (
    BarChart, Document, DocumentError, Heading, Paragraph, Table, guess_heading_level,
)


@pytest.mark.parametrize(("text", "level"), [
    ("一、基本情况", 1), ("十二、其他", 1), ("（一）组织建设", 2), ("(三)权益维护", 2),
    ("1.抓好培训", 3), ("12、规范管理", 3), ("（1）小组长培训", 4), ("基本情况", None),
])
def test_heading_level_follows_the_number_prefix(text, level):
    assert guess_heading_level(text) == level


def test_heading_level_out_of_range_is_refused_with_the_heading_named():
    with pytest.raises(DocumentError, match="基本情况"):
        Heading(5, "基本情况")


def test_table_row_with_wrong_cell_count_names_the_row():
    with pytest.raises(DocumentError) as error:
        Table("表1", ["项目", "人数"], [["会员", 10], ["女会员"]])
    assert "2" in str(error.value) and "表1" in str(error.value)


def test_table_numeric_column_must_exist():
    with pytest.raises(DocumentError):
        Table("表1", ["项目", "人数"], [["会员", 10]], numeric_columns=frozenset({2}))


def test_chart_refuses_negative_or_fractional_values():
    with pytest.raises(DocumentError, match="培训"):
        BarChart("图1", ["培训"], [-1])
    with pytest.raises(DocumentError):
        BarChart("图1", ["培训"], [1.5])  # type: ignore[list-item]


def test_chart_needs_one_value_per_category():
    with pytest.raises(DocumentError):
        BarChart("图1", ["培训", "慰问"], [3])


def test_texts_lists_what_the_document_prints_with_formatted_numbers_and_date():
    document = Document(
        title="2026年上半年工作总结",
        blocks=[Heading(1, "一、基本情况"), Paragraph("会员1580人。"),
                Table("表1", ["项目", "人数"], [["会员", 1580]], frozenset({1}))],
        signature_unit="示例工会",
        date=dt.date(2026, 7, 5),
    )
    assert document.texts() == [
        "2026年上半年工作总结", "一、基本情况", "会员1580人。", "表1", "项目", "人数", "会员", "1,580",
        "示例工会", "2026年7月5日",
    ]
