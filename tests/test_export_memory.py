"""The roster export streams as a whole command: its peak memory does not grow with the roster."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import insert

from unionoffice.domain.pinyin import name_columns
from unionoffice.store.database import open_database
from unionoffice.store.models import Group, Member

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")]

SMALL, LARGE = 5_000, 65_000
# Streamed, 60,000 more members took 1.5 MiB more; held as a list of records first, 67 MiB more.
ALLOWED_GROWTH_MIB = 25


def office_with(path: Path, members: int) -> Path:
    db = open_database(path)
    with db.session() as session:
        session.execute(insert(Group), [{"id": i, "name": f"第{i}车间", "position": i, "retired": False} for i in range(1, 21)])
        names = [surname + given for surname in "张王李刘陈杨赵黄" for given in ("伟", "芳", "娜", "洋")]
        spelled = {name: name_columns(name) for name in names}
        rows = []
        for i in range(1, members + 1):
            name = names[i % len(names)]
            rows.append({"id": i, "name": name, "sex": "female" if i % 2 else "male", "ethnicity": "汉族",
                         "birth_date": dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28), "id_type": "resident_id",
                         "id_number": f"{110105000000000000 + i}", "group_id": 1 + i % 20, "phone": f"138{i:08d}",
                         "join_date": dt.date(2010, 1, 1), "card_no": f"SL{i:07d}", "notes": "测试数据，用来看内存",
                         "status": "active", **spelled[name]})
            if len(rows) == 10_000:
                session.execute(insert(Member), rows)
                rows = []
        if rows:
            session.execute(insert(Member), rows)
        session.commit()
    db.close()
    return path


# The command's own high-water mark, read in the process itself: wait4's ru_maxrss would also count
# the pytest process the child was forked from (Linux keeps the larger of the two across exec).
EXPORT_AND_REPORT_PEAK = """
import sys
from unionoffice.cli import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read()
print(int(status.split("VmHWM:")[1].split()[0]) / 1024, file=sys.stderr)
raise SystemExit(code)
"""


def peak_mib_of_export(db: Path, out: Path) -> float:
    done = subprocess.run([sys.executable, "-c", EXPORT_AND_REPORT_PEAK, "export-members", str(out), "--db", str(db)],
                          capture_output=True, text=True, env={**os.environ, "UNIONOFFICE_LANG": "zh_CN"})
    assert done.returncode == 0, done.stderr
    return float(done.stderr.strip().splitlines()[-1])


def test_exporting_thirteen_times_the_members_takes_no_more_memory(tmp_path: Path) -> None:
    small = peak_mib_of_export(office_with(tmp_path / "small.sqlite3", SMALL), tmp_path / "small.xlsx")
    large = peak_mib_of_export(office_with(tmp_path / "large.sqlite3", LARGE), tmp_path / "large.xlsx")
    assert large - small < ALLOWED_GROWTH_MIB, f"{SMALL:,} members: {small:.0f} MiB, {LARGE:,}: {large:.0f} MiB"
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(tmp_path / "large.xlsx")).get_sheet_by_index(0).to_python()
    assert len(rows) == LARGE + 1
