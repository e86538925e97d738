"""A fixed pair of rosters and a dump of what importing them leaves in the database, to compare
the import before and after a change of how it works (tests/data/roster_import_golden.json holds
the dump the import gave before it was streamed).

    python tests/roster_golden.py OUT.json   # writes the dump of the code on sys.path
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))

import roster_files  # noqa: E402

TODAY = dt.date(2026, 11, 20)
# Columns that hold the moment of writing and who wrote (the account running the tests), not what was written.
MOMENTS = {"created_at", "updated_at", "at", "timestamp", "changed_by", "user"}


def first_roster() -> list[dict[str, Any]]:
    """300 members, some left, retained, deceased; two rows with errors; a repeated ID number."""
    from unionoffice.domain.choices import MembershipStatus

    records = list(roster_files.members(300, seed=7))
    records[10]["status"] = MembershipStatus.WITHDRAWN
    records[11]["status"] = MembershipStatus.RETAINED
    records[12]["status"] = MembershipStatus.DECEASED
    records[13]["group"] = ""
    records[14]["phone"] = "12345"  # not a phone number: rejected
    records[15]["join_date"] = dt.date(2030, 1, 1)  # later than today: rejected
    records.append(dict(records[20], name="重复"))  # the same ID number again: rejected
    return records


def second_roster() -> list[dict[str, Any]]:
    """The same people changed: phone and post, a name, a group, a join date, a status; 30 new ones."""
    from unionoffice.domain.choices import MembershipStatus

    records = list(roster_files.members(300, changed=True, seed=7))
    records[1]["name"] = "欧阳新名"
    records[2]["group"] = "新成立工会小组"
    records[3]["join_date"] = dt.date(2021, 6, 1)
    records[4]["status"] = MembershipStatus.TRANSFERRED_OUT
    records[10]["status"] = MembershipStatus.ACTIVE  # 退会 before: a conflict
    records[5] = list(roster_files.members(6, seed=7))[5]  # as imported: unchanged
    records += list(roster_files.members(330, seed=99))[300:]
    return records


def write_rosters(folder: Path) -> tuple[Path, Path]:
    from unionoffice.i18n import set_language
    from unionoffice.io.roster_sheet import COLUMNS
    from unionoffice.io.sheets import export_rows

    set_language("zh_CN")
    first = export_rows(folder / "first.xlsx", COLUMNS, first_roster(), sheet_name="会员花名册")
    second = export_rows(folder / "second.xlsx", COLUMNS, second_roster(), sheet_name="会员花名册")
    return Path(first), Path(second)


def import_with_services(db: Any, path: Path, update: bool) -> None:
    """What the import does through its services, bad rows skipped, statuses as in the file."""
    from unionoffice.services.roster_import import apply_import, plan_import

    with db.session(write=True) as session:
        plan = plan_import(session, path, update_existing=update, apply_status=True, today=TODAY)
        apply_import(session, plan, source_name=path.name, today=TODAY)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return _without_moments(json.loads(value))
        except ValueError:
            return value
    return value


def _without_moments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_moments(v) for k, v in value.items() if k not in MOMENTS}
    if isinstance(value, list):
        return [_without_moments(v) for v in value]
    return value


def dump(db: Any) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables an import writes, in id order, moments of writing left out."""
    from sqlalchemy import text

    tables = ("members", "membership_events", "groups", "audit_log")
    found: dict[str, list[dict[str, Any]]] = {}
    with db.session() as session:
        for table in tables:
            result = session.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            columns = [c for c in result.keys() if c not in MOMENTS]
            found[table] = [{c: _plain(row._mapping[c]) for c in columns} for row in result]
    return found


def _same(found: Any, expected: Any) -> bool:
    return json.loads(json.dumps(found, ensure_ascii=False, sort_keys=True)) == \
        json.loads(json.dumps(expected, ensure_ascii=False, sort_keys=True))


def assert_command_leaves_what_services_leave(folder: Path) -> None:
    """Both rosters imported through the services into one file and through `import-members` into
    another (the first with rejected rows skipped, the second updating): every table the same."""
    from unionoffice.cli import main as command
    from unionoffice.store.database import open_database

    first, second = write_rosters(folder)
    by_services = open_database(folder / "services.sqlite3")
    import_with_services(by_services, first, update=False)
    import_with_services(by_services, second, update=True)
    by_command = folder / "command.sqlite3"
    assert command(["import-members", str(first), "--db", str(by_command), "--skip-invalid", "--apply-status"]) == 1
    assert command(["import-members", str(second), "--db", str(by_command), "--update-existing", "--apply-status"]) == 0
    command_db = open_database(by_command)
    try:
        found, expected = dump(command_db), dump(by_services)
        for table in expected:
            assert _same(found[table], expected[table]), table
    finally:
        command_db.close()
        by_services.close()


def main() -> int:
    import tempfile

    from unionoffice.store.database import open_database

    out = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as folder:
        first, second = write_rosters(Path(folder))
        db = open_database(Path(folder) / "office.sqlite3")
        try:
            import_with_services(db, first, update=False)
            import_with_services(db, second, update=True)
            out.write_text(json.dumps(dump(db), ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

