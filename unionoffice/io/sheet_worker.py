"""A large spreadsheet read and parsed in a second process while this one does the rest.

python-calamine holds the GIL while it parses a sheet, so a thread gains nothing; a worker
process (spawned, as Windows starts processes) reads the file and parses its rows against the
register's columns (``io.sheets.reader.stream_and_parse``) and sends them here a chunk at a time
through a pipe, while this process imports the database layer, plans, works out the names'
pinyin and writes (the reading is the longer half: this process would otherwise wait). The rows
arrive as ``stream_and_parse`` gives them in-process: the same values, errors, notices, raw cells
and row numbers, the same ``SheetError`` (or ``HeaderError``) with the same message at the same
point (the header at once, a sheet failing half-way when its rows get there).

Small files are read in-process (starting a process costs more than it saves), very large ones
too (the two processes' memory; see WORKER_UP_TO_BYTES), and so is every file when no worker can
be started. At most AHEAD chunks wait here (a few MB): the worker then
waits for this process, and memory never holds the sheet. Leaving the ``with`` block early (a
rejected import, an error) stops the worker.

This module imports nothing of the program at its top: the command starts the worker before it
imports anything heavy, so reading the file overlaps the program's own start-up.
"""

from __future__ import annotations

import importlib
import traceback
from pathlib import Path
from typing import Any, Iterator

WORKER_FROM_BYTES = 1 << 20  # files from this size (about 8,000 roster rows) are read in a worker …
# … and up to this one (about 500,000 rows: past the reader's limits). A 200,000-row roster read
# by the worker a slice at a time peaks at 374 MiB for the two processes (target < 400 MiB;
# bench_import.py), and the writes no longer wait for the reading.
WORKER_UP_TO_BYTES = 64 << 20
CHUNK_ROWS = 1000  # rows per message through the pipe
AHEAD = 32  # messages received ahead of the rows taken: the worker is never held up by a pipe's buffer
OUTBOX = 4  # messages the worker has pickled that wait for the pipe (_Outbox)


def _columns(columns_ref: str) -> Any:
    """The register's column list from "package.module:NAME" (the worker imports it itself)."""
    module, name = columns_ref.split(":")
    return getattr(importlib.import_module(module), name)


def _worker(pipe: Any, path: str, columns_ref: str, sheet: str | int | None, key: Any) -> None:
    """The worker process: the header, then the rows in chunks, then "end" (or the failure)."""
    from unionoffice.io.sheets.errors import HeaderError, SheetError
    from unionoffice.io.sheets.reader import stream_and_parse

    conn = _Outbox(pipe)
    try:
        with stream_and_parse(path, _columns(columns_ref), sheet=sheet, key=key) as (parsed, rows):
            conn.send(("head", (parsed.sheet_name, parsed.header_row, parsed.header_cells, parsed.mapping, parsed.headers,
                                parsed.unknown_columns, parsed.row_count)))
            skipped = parsed.skipped_rows
            sent = 0
            chunk: list[tuple[Any, ...]] = []
            for row in rows:
                chunk.append((row.row_number, row.values, row.errors, row.notices, row.raw_cells))
                if len(chunk) >= CHUNK_ROWS:
                    conn.send(("rows", chunk, skipped[sent:]))
                    sent = len(skipped)
                    chunk = []
            conn.send(("rows", chunk, skipped[sent:]))
        conn.send(("end",))
    except (BrokenPipeError, ConnectionResetError):
        pass  # the command has gone (stopped, or no longer reading): nobody to tell
    except HeaderError as exc:
        _tell(conn, ("header_error", str(exc)))
    except SheetError as exc:
        _tell(conn, ("sheet_error", str(exc)))
    except BaseException:  # noqa: BLE001 - reported to the main process, which raises it there
        _tell(conn, ("failed", traceback.format_exc()))
    finally:
        conn.close()


class _Outbox:
    """The worker's messages, each pickled once, written to the pipe by a thread of their own. A
    message of a thousand rows is larger than a pipe's buffer: it waits there until this command's
    receiving thread reads it, and that thread waits for the interpreter while the command plans and
    writes (0.25-0.4 s of a 20,000-row import measured the worker waiting so). The worker now reads
    on meanwhile; at most OUTBOX messages wait here."""

    def __init__(self, pipe: Any) -> None:
        import queue
        import threading

        self._pipe = pipe
        self._queue: Any = queue.Queue(OUTBOX)
        self._failure: OSError | None = None
        self._thread = threading.Thread(target=self._write, name="unionoffice-sheet-outbox", daemon=True)
        self._thread.start()

    def _write(self) -> None:
        while (data := self._queue.get()) is not None:
            if self._failure is None:
                try:
                    self._pipe.send_bytes(data)
                except OSError as exc:  # the command has gone: the next send says so
                    self._failure = exc

    def send(self, message: tuple[Any, ...]) -> None:
        import pickle

        if self._failure is not None:
            raise self._failure
        self._queue.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def close(self) -> None:
        """Once every message is written (or the pipe has failed): the pipe closed."""
        self._queue.put(None)
        self._thread.join()
        self._pipe.close()


def _tell(conn: Any, message: tuple[Any, ...]) -> None:
    try:
        conn.send(message)
    except OSError:
        pass  # the command has gone


class _Inbox:
    """The worker's messages received by a thread as they come (waiting on the pipe leaves the GIL
    free), at most AHEAD of them held: this process takes the rows in chunks of thousands, and a
    pipe's buffer alone would hold the worker up while it plans and writes."""

    def __init__(self, conn: Any) -> None:
        import queue
        import threading

        self._conn = conn
        self._queue: Any = queue.Queue(AHEAD)
        self._stopping = False
        self._thread = threading.Thread(target=self._receive, name="unionoffice-sheet-inbox", daemon=True)
        self._thread.start()

    def _receive(self) -> None:
        import queue

        while True:
            try:
                data: bytes | None = self._conn.recv_bytes()
            except (EOFError, OSError):
                data = None
            while not self._stopping:
                try:
                    self._queue.put(data, timeout=0.1)
                    break
                except queue.Full:
                    continue
            if data is None or self._stopping:
                return

    def get(self) -> tuple[Any, ...]:
        """The next message; EOFError when the worker is gone and everything it sent was taken."""
        import pickle

        data = self._queue.get()
        if data is None:
            self._queue.put(None)  # gone for good: every later get says so too
            raise EOFError
        return pickle.loads(data)

    def close(self) -> None:
        """Stop receiving: at the worker's next message or its end (stop it first to have that now)."""
        self._stopping = True
        self._thread.join()
        self._conn.close()


class WorkerFailed(Exception):
    """The worker process failed in a way that is no SheetError (a bug): its traceback."""


class WorkerRead:
    """``with WorkerRead(...) as (parsed, rows)``: as ``stream_and_parse``, read by a worker process."""

    def __init__(self, path: Path, columns_ref: str, sheet: str | int | None, key: Any) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        self.path = path
        self.columns_ref = columns_ref
        self.sheet, self.key = sheet, key
        self._finished = False
        self._here: Any = None  # the in-process reading, when the worker could not start
        self._conn, child = context.Pipe(duplex=False)
        self._process = context.Process(target=_worker, args=(child, str(path), columns_ref, sheet, key),
                                        name="unionoffice-sheet-reader", daemon=True)
        from unionoffice.child_processes import started_deaf_to_ctrl_c

        try:
            with started_deaf_to_ctrl_c():  # Ctrl-C is the command's: it stops the worker
                self._process.start()
        finally:
            child.close()
        self._inbox = _Inbox(self._conn)

    def _receive(self) -> tuple[Any, ...]:
        from unionoffice.i18n import _
        from unionoffice.io.sheets.errors import SheetError

        try:
            message = self._inbox.get()
        except EOFError:
            raise SheetError(_("{name} could not be read: the process reading it stopped unexpectedly.").format(
                name=self.path.name)) from None
        self._raise(message)
        return message

    @staticmethod
    def _raise(message: tuple[Any, ...]) -> None:
        """The worker's failure raised here as it would have been raised in-process."""
        from unionoffice.io.sheets.errors import HeaderError, SheetError

        if message[0] == "header_error":
            raise HeaderError(message[1])
        if message[0] == "sheet_error":
            raise SheetError(message[1])
        if message[0] == "failed":
            raise WorkerFailed(message[1])

    def __enter__(self) -> tuple[Any, Iterator[Any]]:
        from unionoffice.io.sheets.results import SheetParse

        try:
            message = self._inbox.get()
        except EOFError:
            message = None  # the worker did not start (or died at once): read here instead
        if message is None or message[0] != "head":
            try:
                if message is not None and message[0] != "failed":  # a bug there: met again here, as it is
                    self._raise(message)
            finally:
                self.stop()
            return self._read_here()
        head = message[1]
        sheet_name, header_row, header_cells, mapping, headers, unknown, row_count = head
        parsed = SheetParse(columns=list(_columns(self.columns_ref)), sheet_name=sheet_name, header_row=header_row,
                            header_cells=header_cells, mapping=mapping, headers=headers, unknown_columns=unknown,
                            rows=[], skipped_rows=[], path=self.path, row_count=row_count)
        return parsed, self._rows(parsed)

    def _rows(self, parsed: Any) -> Iterator[Any]:
        from unionoffice.io.sheets.results import RowResult

        headers = parsed.headers
        while True:
            message = self._receive()
            if message[0] == "end":
                self._finished = True
                return
            _kind, chunk, skipped = message
            parsed.skipped_rows.extend(skipped)
            for number, values, errors, notices, raw in chunk:
                yield RowResult(number, values, errors, notices, raw, headers)

    def _read_here(self) -> tuple[Any, Iterator[Any]]:
        from unionoffice.io.sheets.reader import stream_and_parse

        self._here = stream_and_parse(self.path, _columns(self.columns_ref), sheet=self.sheet, key=self.key)
        return self._here.__enter__()

    def __exit__(self, *exc: Any) -> None:
        if self._here is not None:
            self._here.__exit__(*exc)
            return
        self.stop()

    def stop(self) -> None:
        """The worker ended (done, or stopped where this process no longer wants its rows)."""
        process = self._process
        if not self._finished:
            process.terminate()  # waiting to send rows nobody reads any more
        self._inbox.close()
        process.join()


def worker_pays(path: Path) -> bool:
    """Whether ``path`` is large enough to be worth a worker process, on a machine with a second
    core for it (a bundled program starts it through its entry script, which calls
    multiprocessing.freeze_support)."""
    import os

    try:
        size = path.stat().st_size
    except OSError:
        return False
    if os.environ.get("UNIONOFFICE_SHEET_WORKER") == "0":  # read in-process (benchmarks compare the two)
        return False
    return WORKER_FROM_BYTES <= size <= WORKER_UP_TO_BYTES and (os.cpu_count() or 1) >= 2


def read_sheet(path: str | Path, columns_ref: str, sheet: str | int | None = None, key: Any = None) -> Any:
    """A context manager giving ``(parsed, rows)`` as ``stream_and_parse`` does, with the reading
    started NOW in a worker process when the file is large (``columns_ref``: "module:NAME" of the
    register's columns); otherwise, or when no process can be started, read in-process on entry."""
    path = Path(path)
    if worker_pays(path):
        try:
            return WorkerRead(path, columns_ref, sheet, key)
        except OSError:
            pass  # no process to be had: read here
    from unionoffice.io.sheets.reader import stream_and_parse

    return stream_and_parse(path, _columns(columns_ref), sheet=sheet, key=key)
