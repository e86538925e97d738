"""The report drafts on a thread of its own while the writer gets ready (reports/overlap.py): the
caller gets what the draft gave or the error it raised, and the command writes the same document."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from docx import Document as DocxDocument

from unionoffice.cli import main
from unionoffice.demo import generate
from unionoffice.reports import periods
from unionoffice.reports.draft import draft_summary
from unionoffice.reports.overlap import in_background
from unionoffice.reports.template import TemplateError, load_template
from unionoffice.store.read_session import open_for_reading


def test_the_caller_gets_the_drafts_value_from_another_thread():
    threads = []
    work = in_background(lambda: threads.append(threading.current_thread()) or 42)
    assert work.result() == 42
    assert threads and threads[0] is not threading.current_thread()


def test_the_caller_gets_the_error_the_draft_raised():
    def broken():
        raise TemplateError("模板第 3 行：未知的数字")

    work = in_background(broken)
    with pytest.raises(TemplateError, match="第 3 行"):
        work.result()


def test_a_template_error_in_the_draft_is_one_clean_line(db, tmp_path, monkeypatch, capsys):
    generate(db, until=dt.date(2026, 6, 30))
    db.close()

    def refuse(*_args, **_kwargs):
        raise TemplateError("模板：未知的数字“members.nothing”。")

    monkeypatch.setattr("unionoffice.reports.draft.draft_summary", refuse)
    code = main(["report", "--db", str(db.path), "--from", "2026-01-01", "--to", "2026-06-30",
                 "--out", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 2
    assert "members.nothing" in err and "Traceback" not in err
    assert not (tmp_path / "x.pdf").exists()


def test_the_command_writes_the_document_of_the_same_draft(db, tmp_path, capsys):
    generate(db, until=dt.date(2026, 6, 30))
    db.close()
    template, error = load_template("standard")
    assert error is None
    reader = open_for_reading(db.path)
    assert reader is not None
    try:
        drafted = draft_summary(reader, periods.first_half(2026), template)
    finally:
        reader.close()
    out = tmp_path / "x.docx"
    assert main(["report", "--db", str(db.path), "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out)]) == 0
    text = "\n".join(p.text for p in DocxDocument(str(out)).paragraphs)
    printed = [part for part in drafted.parts if not part.undrafted]
    assert printed
    for part in printed:
        assert part.heading in text
        assert part.text.splitlines()[0] in text
