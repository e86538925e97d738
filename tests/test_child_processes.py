"""Worker processes are started deaf to Ctrl-C (unionoffice/child_processes.py): a Ctrl-C that
reaches a worker while Python still starts it neither kills it nor prints a traceback; the
command's own Ctrl-C is delivered as soon as the worker has started."""

from __future__ import annotations

import os
import signal

import pytest

import roster_golden
from unionoffice.child_processes import started_deaf_to_ctrl_c
from unionoffice.io import sheet_worker
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets.reader import stream_and_parse
from unionoffice.reports import writer_process
from unionoffice.reports.sample_summary import sample_summary

pytestmark = pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")


def test_the_report_writer_hit_by_ctrl_c_while_it_starts_still_writes(tmp_path, capfd):
    writer = writer_process.WriterProcess(".pdf")
    try:
        os.kill(writer._process.pid, signal.SIGINT)  # long before its Python has started
        writer.write(sample_summary(), tmp_path / "summary.pdf")
        assert writer._process.is_alive()  # written there, not handed back by a dead writer
    finally:
        writer.close()
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF")
    assert "Traceback" not in capfd.readouterr().err


def test_the_roster_reader_hit_by_ctrl_c_while_it_starts_still_reads(tmp_path, monkeypatch, capfd):
    monkeypatch.setattr(sheet_worker, "WORKER_FROM_BYTES", 0)
    first, _second = roster_golden.write_rosters(tmp_path)
    reading = sheet_worker.read_sheet(first, "unionoffice.io.roster_sheet:COLUMNS", key="id_number")
    assert isinstance(reading, sheet_worker.WorkerRead)
    os.kill(reading._process.pid, signal.SIGINT)
    with reading as (_parsed, rows):
        got = [(r.row_number, r.values) for r in rows]
    assert reading._here is None  # read by the worker, not by this process after it died
    with stream_and_parse(first, COLUMNS, key="id_number") as (_parsed, rows):
        assert got == [(r.row_number, r.values) for r in rows]
    assert "Traceback" not in capfd.readouterr().err


def test_the_commands_own_ctrl_c_arrives_once_the_worker_has_started():
    with pytest.raises(KeyboardInterrupt):
        with started_deaf_to_ctrl_c():
            os.kill(os.getpid(), signal.SIGINT)  # held while workers start …
            assert signal.SIGINT in signal.sigpending()
        # … and raised here, as soon as the mask is back
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
