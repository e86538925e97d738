"""The roster export streams: rows go into the sheet while the query is still being read."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from unionoffice.io import roster_export
from unionoffice.io.sheets.parse import PROGRESS_EVERY
from unionoffice.services.member_query import MemberFilter


def test_rows_are_written_before_the_last_one_is_read(session, tmp_path: Path, monkeypatch) -> None:
    produced = []
    total = 3 * PROGRESS_EVERY

    def records(_session, _filter, _sort=None):  # noqa: ANN001, ANN202
        for i in range(total):
            produced.append(i)
            yield {"name": f"会员{i}", "status": "在册"}

    monkeypatch.setattr(roster_export, "roster_records", records)
    read_when_written = []
    count = roster_export.export_members(session, MemberFilter(), tmp_path / "roster.xlsx",
                                         progress=lambda done: read_when_written.append((done, len(produced))))
    assert count == total
    first_done, read_by_then = read_when_written[0]
    assert first_done == PROGRESS_EVERY
    assert read_by_then < total  # a list of every record first would have read them all
    names = [row[0] for row in load_workbook(tmp_path / "roster.xlsx", read_only=True).worksheets[0].iter_rows(values_only=True)]
    assert names[-1] == f"会员{total - 1}"
