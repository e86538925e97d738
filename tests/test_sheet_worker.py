"""A large roster read by a worker process (io/sheet_worker.py): the rows, the errors and the
database the import leaves are the in-process reader's; a failure there is the same message here;
the worker never outlives the reading."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

import roster_golden
from unionoffice.cli import main
from unionoffice.io import sheet_worker
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import HeaderError, SheetError
from unionoffice.io.sheets.reader import stream_and_parse
from unionoffice.services import roster_import
from unionoffice.store.database import open_database
from unionoffice.store.models import AuditEntry, Member

REF = "unionoffice.io.roster_sheet:COLUMNS"


@pytest.fixture
def every_file_in_a_worker(monkeypatch):
    """Every file, however small, read by a worker; the readings started are listed."""
    started: list[sheet_worker.WorkerRead] = []
    monkeypatch.setattr(sheet_worker, "WORKER_FROM_BYTES", 0)
    original = sheet_worker.WorkerRead.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        started.append(self)

    monkeypatch.setattr(sheet_worker.WorkerRead, "__init__", init)
    return started


def _rows(reading):
    with reading as (parsed, rows):
        found = [(r.row_number, r.values, r.errors, r.notices, r.raw_cells) for r in rows]
        head = (parsed.sheet_name, parsed.header_row, parsed.header_cells, parsed.mapping, parsed.headers,
                parsed.unknown_columns, parsed.row_count, [c.key for c in parsed.columns])
        return head, found, list(parsed.skipped_rows), parsed.notices()


def test_the_worker_gives_the_rows_the_reader_gives(tmp_path, every_file_in_a_worker):
    first, _second = roster_golden.write_rosters(tmp_path)  # rows with errors, a repeated ID number
    by_worker = _rows(sheet_worker.read_sheet(first, REF, key="id_number"))
    assert every_file_in_a_worker and isinstance(every_file_in_a_worker[0], sheet_worker.WorkerRead)
    assert by_worker == _rows(stream_and_parse(first, COLUMNS, key="id_number"))
    assert any(errors for _n, _v, errors, _no, _raw in by_worker[1])


def _ledger(path: Path) -> Path:
    """A title row, the header, two members, a 合计 row, a member after it."""
    workbook = Workbook()
    ws = workbook.active
    ws.append(["某公司工会会员名册"])
    ws.append(["姓名", "身份证号", "性别", "联系电话", "备注栏"])
    ws.append(["张三", "11010519491231002X", "女", "13800138000", "x"])
    ws.append(["李四", "110105194912310021", "男", "138", ""])  # a bad check digit, a bad phone
    ws.append(["合计", "", "", "", ""])
    ws.append(["王五", "440306197603062381", "女", "", ""])
    workbook.save(path)
    return path


def test_total_rows_skipped_and_unknown_columns_come_back_from_the_worker(tmp_path, every_file_in_a_worker):
    path = _ledger(tmp_path / "名册.xlsx")
    by_worker = _rows(sheet_worker.read_sheet(path, REF, key="id_number"))
    assert by_worker == _rows(stream_and_parse(path, COLUMNS, key="id_number"))
    assert by_worker[2] == [5]  # the 合计 row
    assert every_file_in_a_worker


def test_a_file_without_a_header_is_refused_with_the_readers_message(tmp_path, every_file_in_a_worker):
    workbook = Workbook()
    workbook.active.append(["甲", "乙"])
    path = tmp_path / "no-header.xlsx"
    workbook.save(path)
    with pytest.raises(HeaderError) as in_process:
        with stream_and_parse(path, COLUMNS, key="id_number"):
            pass
    with pytest.raises(HeaderError) as by_worker:
        with sheet_worker.read_sheet(path, REF, key="id_number"):
            pass
    assert str(by_worker.value) == str(in_process.value)
    assert not every_file_in_a_worker[0]._process.is_alive()


def test_leaving_the_reading_early_stops_the_worker(tmp_path, monkeypatch, every_file_in_a_worker):
    monkeypatch.setattr(sheet_worker, "CHUNK_ROWS", 10)
    first, _second = roster_golden.write_rosters(tmp_path)
    with sheet_worker.read_sheet(first, REF, key="id_number") as (_parsed, rows):
        next(rows)
    process = every_file_in_a_worker[0]._process
    assert not process.is_alive()


def test_no_process_to_be_had_reads_in_process(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_worker, "WORKER_FROM_BYTES", 0)

    def refuse(self, *args, **kwargs):
        raise OSError("no more processes")

    monkeypatch.setattr(sheet_worker.WorkerRead, "__init__", refuse)
    path = _ledger(tmp_path / "名册.xlsx")
    assert _rows(sheet_worker.read_sheet(path, REF, key="id_number")) == _rows(stream_and_parse(path, COLUMNS,
                                                                                                key="id_number"))


def test_a_worker_that_dies_at_once_leaves_the_reading_to_this_process(tmp_path, monkeypatch, every_file_in_a_worker):
    path = _ledger(tmp_path / "名册.xlsx")
    reading = sheet_worker.read_sheet(path, REF, key="id_number")
    reading._process.kill()  # before it sent the header
    reading._process.join()
    assert _rows(reading) == _rows(stream_and_parse(path, COLUMNS, key="id_number"))


@pytest.mark.sqlite_only  # two files compared column by column
def test_the_command_through_the_worker_leaves_the_database_the_services_leave(tmp_path, monkeypatch,
                                                                                every_file_in_a_worker):
    monkeypatch.setattr(roster_golden, "TODAY", dt.date.today())  # the command imports as of today
    monkeypatch.setattr(roster_import, "CHUNK", 40)
    monkeypatch.setattr(sheet_worker, "CHUNK_ROWS", 25)  # chunks through the pipe unlike the planned ones
    roster_golden.assert_command_leaves_what_services_leave(tmp_path)
    assert len(every_file_in_a_worker) == 2


class _DeadInbox:
    def get(self):
        raise EOFError

    def close(self):
        pass


def test_a_worker_dying_half_way_imports_nothing(tmp_path, monkeypatch, capsys, every_file_in_a_worker):
    monkeypatch.setattr(sheet_worker, "CHUNK_ROWS", 20)
    first, _second = roster_golden.write_rosters(tmp_path)
    original = sheet_worker.WorkerRead._rows

    def rows_then_death(self, parsed):
        for count, row in enumerate(original(self, parsed)):
            if count == 50:
                self._process.kill()
                self._process.join()
                self._inbox.close()
                self._inbox = _DeadInbox()  # what it had sent is lost with it
            yield row

    monkeypatch.setattr(sheet_worker.WorkerRead, "_rows", rows_then_death)
    db_path = tmp_path / "office.sqlite3"
    assert main(["import-members", str(first), "--db", str(db_path), "--skip-invalid"]) == 2
    assert "first.xlsx" in capsys.readouterr().err
    db = open_database(db_path)
    try:
        with db.session() as session:
            assert session.scalar(select(func.count(Member.id))) == 0
            assert session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "import")) == 0
    finally:
        db.close()


def test_a_sheet_error_half_way_is_raised_where_the_rows_get_to_it(tmp_path, every_file_in_a_worker, monkeypatch):
    """What the worker raised reading the rows is raised here, with its message, from the rows."""
    path = _ledger(tmp_path / "名册.xlsx")
    reading = sheet_worker.read_sheet(path, REF, key="id_number")
    with reading as (_parsed, rows):
        reading._inbox.close()
        reading._inbox = _DeadInbox()  # the pipe gone: as if the worker had stopped
        with pytest.raises(SheetError, match="名册.xlsx"):
            list(rows)


def test_one_core_reads_in_process(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_worker, "WORKER_FROM_BYTES", 0)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    path = _ledger(tmp_path / "名册.xlsx")
    assert not isinstance(sheet_worker.read_sheet(path, REF, key="id_number"), sheet_worker.WorkerRead)


def test_the_worker_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_worker, "WORKER_FROM_BYTES", 0)
    monkeypatch.setenv("UNIONOFFICE_SHEET_WORKER", "0")
    path = _ledger(tmp_path / "名册.xlsx")
    assert not isinstance(sheet_worker.read_sheet(path, REF, key="id_number"), sheet_worker.WorkerRead)


def test_a_very_large_file_is_read_in_process(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_worker, "WORKER_FROM_BYTES", 0)
    path = _ledger(tmp_path / "名册.xlsx")
    monkeypatch.setattr(sheet_worker, "WORKER_UP_TO_BYTES", path.stat().st_size - 1)
    assert not isinstance(sheet_worker.read_sheet(path, REF, key="id_number"), sheet_worker.WorkerRead)


def test_a_200000_row_roster_is_read_by_the_worker(tmp_path, monkeypatch):
    # 24 MB, the size of the benchmark's 200,000-row roster (a sparse file: only its size is asked)
    path = tmp_path / "名册.xlsx"
    with path.open("wb") as fh:
        fh.truncate(24 << 20)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert sheet_worker.worker_pays(path)


class _SlowPipe:
    """A pipe whose writes wait (a full buffer nobody reads yet), then fail once asked to."""

    def __init__(self, fail_after: int | None = None) -> None:
        import threading

        self.written: list[bytes] = []
        self.release = threading.Event()
        self.fail_after = fail_after
        self.closed = False

    def send_bytes(self, data: bytes) -> None:
        self.release.wait(5)
        if self.fail_after is not None and len(self.written) >= self.fail_after:
            raise BrokenPipeError("the command has gone")
        self.written.append(data)

    def close(self) -> None:
        self.closed = True


def test_the_worker_reads_on_while_its_message_waits_for_the_pipe():
    import pickle
    import time

    pipe = _SlowPipe()
    outbox = sheet_worker._Outbox(pipe)
    started = time.perf_counter()
    for n in range(sheet_worker.OUTBOX):
        outbox.send(("rows", [n], []))  # handed over at once: the pipe's wait is the thread's
    assert time.perf_counter() - started < 2
    pipe.release.set()
    outbox.close()
    assert [pickle.loads(data)[1] for data in pipe.written] == [[n] for n in range(sheet_worker.OUTBOX)]
    assert pipe.closed


def test_a_pipe_the_command_closed_stops_the_worker_at_its_next_message():
    import time

    pipe = _SlowPipe(fail_after=1)
    pipe.release.set()
    outbox = sheet_worker._Outbox(pipe)
    outbox.send(("head", ()))
    outbox.send(("rows", [], []))  # this one fails in the thread …

    deadline = time.monotonic() + 5
    while outbox._failure is None and time.monotonic() < deadline:
        time.sleep(0.01)
    with pytest.raises(BrokenPipeError):
        outbox.send(("rows", [], []))  # … and the worker hears of it here
    outbox.close()
    assert pipe.closed and len(pipe.written) == 1
