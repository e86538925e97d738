"""The summary's PDF or DOCX written by a second process, which loads its writer while this one drafts.

Drafting is this process's work (reading the office); loading the writer is another's: reportlab
or python-docx, the fonts, Pillow for a DOCX chart — about 0.2 s at the start of every `report`.
A thread gains nothing (both halves want the interpreter, and the draft's queries wait for it each
time they hand it back), so a process started before the draft loads them on the other core and
then writes the document sent to it. The file is the same as written here: the same writer and
fonts on the same Document.

When no process can be started, or it stops, or it meets anything but a file error, the document
is written here instead (a bug then shows here, as it is). A file error (a full disk, a folder
that refuses) comes back as the same OSError. Ctrl-C stops this process; the writer ignores it and
is ended by it (at ``close``, or by multiprocessing at exit; a pipe closed by a killed parent
ends it too).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ENV_SWITCH = "UNIONOFFICE_WRITER_PROCESS"  # "0": write in-process (benchmarks compare the two)


def _writer(suffix: str) -> Any:
    """The write function for ".pdf" or ".docx" (each imports only its own library)."""
    if suffix == ".pdf":
        from unionoffice.reports.pdf_writer import write_pdf

        return write_pdf
    from unionoffice.reports.docx_writer import write_docx

    return write_docx


def load_writer(suffix: str) -> Any:
    """The write function for ``suffix``, warmed: the made-up sample summary written once to
    memory loads what a first file needs (the fonts, the layout's code and caches, for a DOCX
    Pillow's PNG writer), so the clerk's document is written as fast as a second one."""
    import io

    from unionoffice.reports.sample_summary import sample_summary

    write = _writer(suffix)
    write(sample_summary(), io.BytesIO())
    return write


def _serve(conn: Any, suffix: str) -> None:
    """The writer process: load the writer, then write each (document, path) sent until None."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to answer (Windows: no mask)
    try:
        write = load_writer(suffix)
        while (job := conn.recv()) is not None:
            document, path = job
            try:
                write(document, path)
            except OSError as exc:
                conn.send(("os_error", exc.errno, exc.strerror, exc.filename))
            else:
                conn.send(("written",))
    except (EOFError, OSError):
        pass  # the command has gone
    except BaseException:  # noqa: BLE001 - the command writes the file itself, and meets it there
        try:
            conn.send(("failed",))
        except OSError:
            pass
    finally:
        conn.close()


class WriterProcess:
    """A writer for ``suffix`` (".pdf"/".docx") started now in a second process; ``write`` sends
    it a document, or writes it here when that process is not there to do it."""

    def __init__(self, suffix: str) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.suffix = suffix
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, suffix), name="unionoffice-writer", daemon=True)
        from unionoffice.child_processes import started_deaf_to_ctrl_c

        try:
            with started_deaf_to_ctrl_c():
                self._process.start()
        finally:
            child.close()

    def write(self, document: Any, path: Path) -> None:
        try:
            self._conn.send((document, os.fspath(path)))
        except Exception:  # noqa: BLE001 - gone, or a document it cannot be sent: written here, as it is
            reply: tuple[Any, ...] = ("gone",)
        else:
            try:
                reply = self._conn.recv()
            except (EOFError, OSError):
                reply = ("gone",)
            except BaseException:  # Ctrl-C: the writer ended before the caller removes the partial file
                self.close()
                raise
        if reply[0] == "written":
            return
        if reply[0] == "os_error":
            _kind, errno, strerror, filename = reply
            raise OSError(errno, strerror, filename)
        self.close()
        _writer(self.suffix)(document, path)

    def close(self) -> None:
        """The process ended: it has written what it was sent, or is not wanted any more (a
        template that cannot be read ends the command before there is anything to write)."""
        if self._process is None:
            return
        self._conn.close()
        self._process.terminate()
        self._process.join()
        self._process = None


class InProcessWriter:
    """The same interface, writing here (one core, or the process switched off)."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def write(self, document: Any, path: Path) -> None:
        _writer(self.suffix)(document, path)

    def close(self) -> None:
        pass


def start_writer(suffix: str) -> WriterProcess | InProcessWriter:
    """A writer for ``suffix``: in a second process when the machine has a second core for it (a
    bundled program starts it through its entry script, which calls multiprocessing.freeze_support)."""
    if os.environ.get(ENV_SWITCH) != "0" and (os.cpu_count() or 1) >= 2:
        try:
            return WriterProcess(suffix)
        except OSError:
            pass  # no process to be had: write here
    return InProcessWriter(suffix)
