"""The summary's PDF or DOCX written by a second process that got ready while this one drafted.

Importing reportlab (or python-docx) and reading the fonts takes a quarter of a second that has
nothing to do with the figures; a thread cannot overlap it with the draft (the draft's row fetches
and the imports both need the interpreter lock, measured: no gain), but a process can. The
`report` command starts the worker (spawned, as Windows starts processes) before it drafts; the
worker imports the writer and finds the fonts meanwhile, then gets the draft (its JSON, the same
``Draft.to_json`` the wizard keeps), lays it out with ``compose.to_document`` and writes the file
the command names. The document is the one this process would write: the same draft, the same code.

Whenever the worker cannot do it — it did not start, it stopped, or it failed other than by the
file system refusing the file — ``write`` answers False and the command writes the file itself, as
it always did. This module imports nothing of the program at its top.
"""

from __future__ import annotations

from typing import Any

SUFFIXES = (".pdf", ".docx")


def _prepare(suffix: str) -> None:
    """What writing a ``suffix`` file needs first, done while the draft is counted elsewhere."""
    from unionoffice.reports import compose  # noqa: F401 - imported for its time

    if suffix == ".pdf":
        from unionoffice.io.fonts import font_set
        from unionoffice.reports import pdf_writer  # noqa: F401

        font_set()
    else:  # (the fonts and reportlab only when the draft has a chart: tests/test_report_lean.py)
        from unionoffice.reports import docx_writer  # noqa: F401


def write_document(draft_json: str, keep_prompts: bool, suffix: str, target: str) -> None:
    """The file ``target`` from a draft's JSON, as the command writes it in-process."""
    from unionoffice.reports.compose import to_document
    from unionoffice.reports.draft import Draft

    document = to_document(Draft.from_json(draft_json), keep_prompts=keep_prompts)
    if suffix == ".pdf":
        from unionoffice.reports.pdf_writer import write_pdf

        write_pdf(document, target)
    else:
        from unionoffice.reports.docx_writer import write_docx

        write_docx(document, target)


def _worker(conn: Any, suffix: str) -> None:
    """The worker process: get ready, then write what it is sent and say how it went."""
    try:
        _prepare(suffix)
    except BaseException:  # noqa: BLE001 - the command then writes the file itself
        conn.close()
        return
    try:
        message = conn.recv()
    except (EOFError, OSError):
        return  # the command no longer wants a file (an error before the draft was done)
    draft_json, keep_prompts, target = message
    try:
        write_document(draft_json, keep_prompts, suffix, target)
    except OSError as exc:  # the file system's reason, for the command to say as it says it
        conn.send(("refused", (exc.errno, exc.strerror or str(exc), exc.filename)))
    except BaseException:  # noqa: BLE001 - a bug: met again in the command, which shows it as it does
        conn.send(("failed", None))
    else:
        conn.send(("done", None))
    finally:
        conn.close()


class WriterWorker:
    """A worker process getting ready to write a ``suffix`` file (or none, when it cannot start)."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix
        self._process: Any = None
        self._conn: Any = None
        try:
            import multiprocessing

            context = multiprocessing.get_context("spawn")
            self._conn, child = context.Pipe()
            self._process = context.Process(target=_worker, args=(child, suffix), name="unionoffice-report-writer",
                                            daemon=True)
            try:
                self._process.start()
            finally:
                child.close()
        except (OSError, RuntimeError, ValueError):  # no process for us: written here
            self._process = None

    def write(self, draft_json: str, keep_prompts: bool, target: str) -> bool:
        """True when the worker wrote ``target``; False when this process should write it instead.
        Raises the OSError the worker met when the file system refused the file."""
        if self._process is None:
            return False
        try:
            self._conn.send((draft_json, keep_prompts, target))
            answer, detail = self._conn.recv()
        except (EOFError, OSError, ValueError):
            return False  # it stopped: written here
        finally:
            self.stop()
        if answer == "refused":
            errno, reason, filename = detail
            raise OSError(errno, reason, filename) if errno is not None else OSError(reason)
        return answer == "done"

    def stop(self) -> None:
        """The worker ended (its work done, or not wanted any more)."""
        process, self._process = self._process, None
        if process is None:
            return
        if self._conn is not None:
            self._conn.close()
        process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join()

    def __enter__(self) -> "WriterWorker":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()
