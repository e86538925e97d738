"""Time the spreadsheet core on a roster-sized ledger: 20,000 rows x 15 columns.

    PYTHONPATH=. python benchmarks/bench_sheets.py [rows ...]

Prints the median of 3 runs for writing the .xlsx (export), reading it with python-calamine
whole and a slice of rows at a time (io/sheets/xlsx_chunks.py, how sheets of 32 MB of XML and
more are read), and parsing + validating every cell (ID numbers, phones, dates, money, duplicates).
Targets: write under 3 s, parse + validate well under 1 s.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from unionoffice.domain.idcard import make_id_number
from unionoffice.i18n import N_
from unionoffice.io.sheets import Column, Kind, export_rows, parse_cells, read_cells

COLUMNS = [
    Column("name", N_("Name"), synonyms=("姓名",), required=True),
    Column("sex", N_("Sex"), synonyms=("性别",)),
    Column("ethnicity", N_("Ethnicity"), synonyms=("民族",)),
    Column("id_number", N_("ID number"), synonyms=("身份证号",), kind=Kind.ID_NUMBER, required=True),
    Column("birth", N_("Date of birth"), synonyms=("出生日期",), kind=Kind.DATE),
    Column("political_status", N_("Political status"), synonyms=("政治面貌",)),
    Column("education", N_("Education"), synonyms=("学历",)),
    Column("employment", N_("Employment"), synonyms=("就业状况",)),
    Column("group", N_("Group"), synonyms=("部门",)),
    Column("post", N_("Post"), synonyms=("岗位",)),
    Column("phone", N_("Mobile"), synonyms=("手机号",), kind=Kind.PHONE),
    Column("migrant_worker", N_("Migrant worker"), synonyms=("是否农民工会员",), kind=Kind.BOOLEAN),
    Column("joined_on", N_("Date joined"), synonyms=("入会日期",), kind=Kind.DATE),
    Column("card_no", N_("Card number"), synonyms=("会员卡号",), kind=Kind.INTEGER),
    Column("fee", N_("Monthly dues"), synonyms=("月缴会费",), kind=Kind.MONEY),
]


def make_records(count: int) -> list[dict]:
    rng = random.Random(20260630)
    records = []
    seen: set[str] = set()
    for index in range(count):
        female = rng.random() < 0.45
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(14000))
        id_number = make_id_number(rng, birth, female, area=rng.choice(("110105", "440306", "320102")))
        while id_number in seen:  # a valid ledger: every ID once
            id_number = make_id_number(rng, birth, female, area=rng.choice(("110105", "440306", "320102")))
        seen.add(id_number)
        records.append({
            "name": f"职工{index:05d}", "sex": "女" if female else "男", "ethnicity": "汉族",
            "id_number": id_number,
            "birth": birth, "political_status": rng.choice(("中共党员", "群众", "共青团员")),
            "education": rng.choice(("本科", "大专", "高中")), "employment": "在岗",
            "group": f"第{rng.randrange(1, 40)}工会小组", "post": rng.choice(("操作工", "技术员", "管理")),
            "phone": f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}", "migrant_worker": rng.random() < 0.2,
            "joined_on": dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000)), "card_no": 100000 + index,
            "fee": rng.randrange(500, 5000),
        })
    return records


STEPS = ("write", "read", "read in slices", "parse+validate")


def _timed(timings: dict[str, list[tuple[float, float]]], step: str, action):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    timings[step].append((time.perf_counter() - wall, time.process_time() - cpu))
    return result


def _sliced_rows(path: Path) -> int:
    from unionoffice.io.sheets.xlsx_chunks import SlicedSheet
    from unionoffice.io.sheets.xlsx_stream import XlsxBook

    book = XlsxBook(path)
    try:
        return sum(1 for _row in SlicedSheet(book, book.sheets[0]).rows())
    finally:
        book.close()


def measure(rows: int, runs: int = 3) -> tuple[dict[str, list[tuple[float, float]]], int]:
    records = make_records(rows)
    timings: dict[str, list[tuple[float, float]]] = {step: [] for step in STEPS}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.xlsx"
        for _ in range(runs):
            _timed(timings, "write", lambda: export_rows(path, COLUMNS, records, sheet_name="roster"))
            _, cells = _timed(timings, "read", lambda: read_cells(path, None, COLUMNS))
            _timed(timings, "read in slices", lambda: _sliced_rows(path))
            parsed = _timed(timings, "parse+validate", lambda: parse_cells(cells, COLUMNS, key="id_number"))
    return timings, len(parsed.rejected_rows)


def main(sizes: list[int], runs: int = 3) -> None:
    # CPU seconds too: on a shared machine the wall clock also measures the neighbours.
    print(f"{len(COLUMNS)} columns, median of {runs} runs")
    print(f"{'rows':>7} {'clock':>5} " + " ".join(f"{step + ' s':>16}" for step in STEPS) + f" {'rejected':>9}")
    for rows in sizes:
        timings, rejected = measure(rows, runs)
        for clock, index in (("wall", 0), ("cpu", 1)):
            medians = [statistics.median(t[index] for t in timings[step]) for step in STEPS]
            print(f"{rows:>7} {clock:>5} " + " ".join(f"{m:>16.2f}" for m in medians) + f" {rejected:>9}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [20_000])
