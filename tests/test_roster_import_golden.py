"""The roster import leaves exactly what it left before it was streamed and written in chunks:
the same members (every column, search keys included), events, groups and audit entries, for a
new roster with errors and statuses, then a re-import changing every row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import roster_golden

GOLDEN = Path(__file__).resolve().parent / "data" / "roster_import_golden.json"


@pytest.mark.sqlite_only  # ids and the stored forms of the golden file are SQLite's
def test_importing_two_rosters_gives_the_database_the_import_gave_before(db, tmp_path):
    first, second = roster_golden.write_rosters(tmp_path)
    roster_golden.import_with_services(db, first, update=False)
    roster_golden.import_with_services(db, second, update=True)
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = json.loads(json.dumps(roster_golden.dump(db), ensure_ascii=False, sort_keys=True))
    for table in expected:
        assert found[table] == expected[table], table
