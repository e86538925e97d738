"""Every register survives export → import into an empty office → export unchanged (the CLI, end to end)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from unionoffice.cli import main as cli_main


def _cells(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path)
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


@pytest.fixture(scope="module")
def demo_office(tmp_path_factory) -> Path:
    """The demo office (300 members, every register filled), made once for the module."""
    path = tmp_path_factory.mktemp("demo") / "office.sqlite3"
    assert cli_main(["demo", "--db", str(path), "--seed", "13"]) == 0
    return path


@pytest.fixture
def empty_office(tmp_path, demo_office) -> Path:
    """A new office holding only the demo's members (the other registers find attendees by ID number)."""
    path = tmp_path / "empty.sqlite3"
    roster = tmp_path / "roster.xlsx"
    assert cli_main(["export-members", "--db", str(demo_office), "--all-statuses", "--all-fields", str(roster)]) == 0
    assert cli_main(["import-members", "--db", str(path), str(roster)]) == 0
    return path


def _round_trip(register: str, source: Path, target: Path, folder: Path, *export_args: str) -> None:
    first, second = folder / f"{register}-1.xlsx", folder / f"{register}-2.xlsx"
    assert cli_main([f"export-{register}", "--db", str(source), *export_args, str(first)]) == 0
    if register != "members":
        assert cli_main([f"import-{register}", "--db", str(target), str(first)]) == 0
    assert cli_main([f"export-{register}", "--db", str(target), *export_args, str(second)]) == 0
    one, two = _cells(first), _cells(second)
    assert len(one[next(iter(one))]) > 5  # the register had records to carry
    assert one == two


def test_members_round_trip(demo_office, empty_office, tmp_path):
    _round_trip("members", demo_office, empty_office, tmp_path, "--all-statuses", "--all-fields")


def test_activities_round_trip(demo_office, empty_office, tmp_path):
    _round_trip("activities", demo_office, empty_office, tmp_path)


def test_trainings_round_trip(demo_office, empty_office, tmp_path):
    _round_trip("trainings", demo_office, empty_office, tmp_path)


def test_visits_round_trip(demo_office, empty_office, tmp_path):
    _round_trip("visits", demo_office, empty_office, tmp_path)


def test_cases_round_trip(demo_office, empty_office, tmp_path):
    _round_trip("cases", demo_office, empty_office, tmp_path)


def test_cases_imported_twice_are_not_added_twice(demo_office, empty_office, tmp_path):
    path = tmp_path / "cases.xlsx"
    assert cli_main(["export-cases", "--db", str(demo_office), str(path)]) == 0
    assert cli_main(["import-cases", "--db", str(empty_office), str(path)]) == 0
    assert cli_main(["import-cases", "--db", str(empty_office), str(path)]) == 1  # every row: already recorded
    again = tmp_path / "again.xlsx"
    assert cli_main(["export-cases", "--db", str(empty_office), str(again)]) == 0
    assert _cells(again) == _cells(path)
