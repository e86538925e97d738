"""The summary written by a second process (reports/writer_process.py): the same file as written
here; a file error comes back as the same OSError; a writer that has stopped or failed hands the
document back to be written here; Ctrl-C ends the command and its writer (no timing)."""

from __future__ import annotations

import errno
import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest
from reportlab import rl_config

from unionoffice.io.safe_files import TEMP_MARK
from unionoffice.reports import writer_process
from unionoffice.reports.document import Document, Paragraph
from unionoffice.reports.docx_writer import write_docx
from unionoffice.reports.pdf_writer import write_pdf
from unionoffice.reports.sample_summary import sample_summary


@pytest.fixture
def invariant_pdf(monkeypatch):
    """PDFs without their creation time and random file ID, here and in a writer started now."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    monkeypatch.setenv("RL_invariant", "1")


def _written_there(suffix: str, document: Document, path) -> None:
    writer = writer_process.WriterProcess(suffix)
    try:
        writer.write(document, path)
        assert writer._process.is_alive(), "written by the writer process, not handed back"
    finally:
        writer.close()


def test_the_pdf_written_there_is_the_pdf_written_here(tmp_path, invariant_pdf):
    document = sample_summary()
    _written_there(".pdf", document, tmp_path / "there.pdf")
    here = io.BytesIO()
    write_pdf(document, here)
    assert (tmp_path / "there.pdf").read_bytes() == here.getvalue()


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:  # docProps/core.xml holds the time written
        return {name: package.read(name) for name in package.namelist() if name != "docProps/core.xml"}


def test_the_docx_written_there_is_the_docx_written_here(tmp_path):
    document = sample_summary()
    _written_there(".docx", document, tmp_path / "there.docx")
    here = io.BytesIO()
    write_docx(document, here)
    there = _parts((tmp_path / "there.docx").read_bytes())
    assert there == _parts(here.getvalue())
    assert any(name.startswith("word/media/") for name in there)  # the chart's picture


def test_a_file_error_there_is_the_same_os_error_here(tmp_path):
    target = tmp_path / "no such folder" / "summary.pdf"
    writer = writer_process.WriterProcess(".pdf")
    try:
        with pytest.raises(OSError) as raised:
            writer.write(sample_summary(), target)
        assert raised.value.errno == errno.ENOENT
        assert writer._process.is_alive()  # an answer from the writer, not the document written here
        writer.write(sample_summary(), tmp_path / "summary.pdf")  # and it writes the next one
    finally:
        writer.close()
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF")


def test_a_writer_that_has_stopped_hands_the_document_back(tmp_path):
    writer = writer_process.WriterProcess(".pdf")
    writer._process.kill()
    writer._process.join()
    writer.write(sample_summary(), tmp_path / "summary.pdf")
    writer.close()
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF")


class NoBlock:
    """Not a block of a document: the PDF writer raises TypeError for it."""


def test_a_failure_there_is_met_here_as_it_is(tmp_path):
    document = sample_summary()
    document.blocks.append(NoBlock())
    writer = writer_process.WriterProcess(".pdf")
    try:
        with pytest.raises(TypeError, match="not a document block"):
            writer.write(document, tmp_path / "summary.pdf")
        assert writer._process is None  # it told of the failure; the document was tried here
    finally:
        writer.close()


def test_a_document_that_cannot_be_sent_is_written_here(tmp_path):
    document = sample_summary()
    writer = writer_process.WriterProcess(".pdf")
    try:
        document.blocks.append(lambda: None)  # not picklable: never reaches the writer process
        with pytest.raises(TypeError, match="not a document block"):  # written here, and met here
            writer.write(document, tmp_path / "summary.pdf")
    finally:
        writer.close()


def test_interrupted_while_waiting_the_writer_is_ended_before_the_caller_goes_on(tmp_path, monkeypatch):
    writer = writer_process.WriterProcess(".pdf")
    process = writer._process

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(writer._conn, "recv", interrupted)
    with pytest.raises(KeyboardInterrupt):
        writer.write(sample_summary(), tmp_path / "summary.pdf")
    assert not process.is_alive()  # ended before the caller removes its partial file
    writer.close()


def test_a_writer_not_wanted_any_more_is_ended_at_once():
    writer = writer_process.WriterProcess(".docx")
    process = writer._process
    writer.close()
    assert not process.is_alive()
    writer.close()  # twice is harmless


def test_with_one_core_or_switched_off_the_document_is_written_here(tmp_path, monkeypatch):
    monkeypatch.setenv(writer_process.ENV_SWITCH, "0")
    writer = writer_process.start_writer(".pdf")
    assert isinstance(writer, writer_process.InProcessWriter)
    monkeypatch.delenv(writer_process.ENV_SWITCH)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert isinstance(writer_process.start_writer(".pdf"), writer_process.InProcessWriter)
    writer.write(Document(title="标题", blocks=[Paragraph("正文。")], signature_unit="", date=None), tmp_path / "a.pdf")
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")


def test_the_report_command_leaves_no_process_behind(db, tmp_path):
    from unionoffice.cli import main

    db.close()
    out = tmp_path / "summary.pdf"
    assert main(["report", "--db", str(db.path), "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert multiprocessing.active_children() == []
    # A template that cannot be read ends the command after its writer has started: it goes too.
    assert main(["report", "--db", str(db.path), "--from", "2026-01-01", "--to", "2026-06-30",
                 "--template", "no-such-template", "--out", str(tmp_path / "b.pdf")]) == 2
    assert multiprocessing.active_children() == []
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="Ctrl-C sent to a process group")
@pytest.mark.parametrize("after", [0.25, 0.5])
def test_ctrl_c_ends_the_report_and_its_writer_in_one_line(db, tmp_path, after):
    db.close()
    out = tmp_path / "summary.pdf"
    command = [sys.executable, "-m", "unionoffice", "report", "--db", str(db.path), "--from", "2026-01-01",
               "--to", "2026-06-30", "--out", str(out)]
    # The terminal sends Ctrl-C to the whole foreground group: the command and its writer.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               env={**os.environ, "UNIONOFFICE_LANG": "zh_CN", "HOME": str(tmp_path)})
    time.sleep(after)
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode in (0, 130), err  # 0: it had finished before the key was pressed
    assert b"Traceback" not in err
    if process.returncode == 130:
        assert "已中断" in err.decode()
        assert not out.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(TEMP_MARK)]  # no partial file left
    for _ in range(50):  # the group is gone once its last process has ended
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("a process of the report is still running")
