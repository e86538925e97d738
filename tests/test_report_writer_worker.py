"""The report's file written by a worker process that got ready while the command drafted
(reports/writer_worker.py): the same document as written in-process, the file system's refusal
said as before, and the command writes the file itself whenever the worker cannot."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import subprocess

import pytest
from docx import Document as DocxDocument

from unionoffice.cli import main
from unionoffice.demo import generate
from unionoffice.io.safe_files import TEMP_MARK
from unionoffice.reports import writer_worker

ARGS = ["--from", "2026-01-01", "--to", "2026-06-30"]


@pytest.fixture
def office(db):
    generate(db, until=dt.date(2026, 6, 30))
    db.close()
    return db.path


def _report(office, out, *extra):
    return main(["report", "--db", str(office), *ARGS, "--out", str(out), *extra])


def _docx_text(path):
    return "\n".join(p.text for p in DocxDocument(str(path)).paragraphs)


def _here(monkeypatch):
    monkeypatch.setattr(writer_worker.WriterWorker, "write", lambda self, *args: False)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_worker_writes_the_pdf_the_command_writes_itself(office, tmp_path, monkeypatch, capsys):
    by_worker, here = tmp_path / "worker.pdf", tmp_path / "here.pdf"
    assert _report(office, by_worker) == 0
    with monkeypatch.context() as patch:
        _here(patch)
        assert _report(office, here) == 0
    texts = [subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True).stdout
             for p in (by_worker, here)]
    assert "会员" in texts[0]
    assert texts[0] == texts[1]
    assert not multiprocessing.active_children()


def test_the_worker_writes_the_docx_the_command_writes_itself(office, tmp_path, monkeypatch, capsys):
    by_worker, here = tmp_path / "worker.docx", tmp_path / "here.docx"
    assert _report(office, by_worker, "--keep-prompts") == 0
    with monkeypatch.context() as patch:
        _here(patch)
        assert _report(office, here, "--keep-prompts") == 0
    assert "会员" in _docx_text(by_worker)
    assert _docx_text(by_worker) == _docx_text(here)


def test_without_a_worker_process_the_command_writes_the_file_itself(office, tmp_path, monkeypatch, capsys):
    def no_process(self):
        raise OSError("no processes left")

    monkeypatch.setattr(multiprocessing.get_context("spawn").Process, "start", no_process)
    out = tmp_path / "summary.pdf"
    assert _report(office, out) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "已生成" in capsys.readouterr().out


def test_a_file_the_worker_cannot_write_is_one_clear_line(office, tmp_path, capsys):
    out = tmp_path / "summary.pdf"
    (tmp_path / f"{TEMP_MARK}{os.getpid()}-{out.name}").mkdir()  # where the partial file would go
    assert _report(office, out) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "Traceback" not in err
    assert not out.exists()
    assert not multiprocessing.active_children()


def test_the_worker_stops_when_the_command_stops_before_writing(office, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\n[[parts]]\nkey = "a"\nheading = "一"\nparagraphs = [["{members.nothing}"]]\n',
                   encoding="utf-8")
    code = _report(office, tmp_path / "x.pdf", "--template", str(bad))
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    assert not multiprocessing.active_children()
