"""Reading an .xlsx worksheet as a stream of rows, without holding the sheet in memory (the
workbook's parts for ``xlsx_chunks``, and the rows where a sheet cannot be cut into slices).

python-calamine builds the whole sheet as a grid before the first row can be looked at: a
200,000-row roster peaks at about 600 MiB that way. Here the worksheet's XML is parsed as it is
unzipped (lxml's iterparse, one ``<row>`` at a time, each freed once read), so memory holds the
shared strings and the current row only.

The values are the ones python-calamine gives for the same cells, so both readers parse alike:
text as ``str`` (shared, inline and formula strings; rich-text runs joined, phonetic runs left
out), numbers as ``float``, booleans as ``bool``, error values and blank cells as ``""``, and a
number in a date or time format as ``datetime.date`` (whole days), ``datetime.datetime``,
``datetime.time`` (under one day) or ``datetime.timedelta`` (``[h]:mm`` formats). Rows start at
Excel row 1 (row gaps are yielded as empty rows) and each row starts at column A.

The limits of ``limits.py`` are checked before a file gets here; every row is checked again
against the column limit while it is read.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any, Iterator

from lxml import etree

from unionoffice.i18n import _
from unionoffice.io.sheets.errors import SheetError
from unionoffice.io.sheets.limits import MAX_ROWS
from unionoffice.io.sheets.xlsx_values import (  # noqa: F401 (number_format_kind: public)
    _BUILTIN_DATES,
    _BUILTIN_DURATIONS,
    _DATE,
    _DURATION,
    _EPOCH_1900,
    _EPOCH_1904,
    RawCell,
    _row_values,
    number_format_kind,
)

_NAMESPACES = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
               "http://purl.oclc.org/ooxml/spreadsheetml/main")  # transitional, strict
_REL_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                   "http://purl.oclc.org/ooxml/officeDocument/relationships")
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PARSER_OPTIONS = {"resolve_entities": False, "load_dtd": False, "no_network": True, "huge_tree": False}

class NotAnXlsx(Exception):
    """The zip is not a workbook this reader knows (the caller falls back to python-calamine)."""


@dataclass
class SheetInfo:
    name: str
    part: str  # the worksheet's path inside the zip
    visible: bool
    worksheet: bool = True


class XlsxBook:
    """An open .xlsx: its worksheets in order, the shared strings and the date styles, read once."""

    def __init__(self, path: Path, file: IO[bytes] | None = None) -> None:
        try:
            self._zip = zipfile.ZipFile(file if file is not None else path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise NotAnXlsx(str(exc)) from None
        self.path = path
        try:
            names = set(self._zip.namelist())
            workbook_part = self._workbook_part(names)
            self.sheets, self.date1904 = self._read_workbook(workbook_part, names)
            folder = posixpath.dirname(workbook_part)
            targets = self._relationships(workbook_part)
            self._styles_part = self._part_of(folder, targets.get("styles"))
            self._strings_part = self._part_of(folder, targets.get("sharedStrings"))
        except NotAnXlsx:
            self._zip.close()
            raise
        except (etree.XMLSyntaxError, KeyError, zipfile.BadZipFile, OSError, ValueError) as exc:
            self._zip.close()
            raise NotAnXlsx(str(exc)) from None
        self._strings: list[str] | None = None
        self._styles: list[int] | None = None

    # --- the package --------------------------------------------------------------------------

    def _workbook_part(self, names: set[str]) -> str:
        if "_rels/.rels" in names:
            root = self._xml("_rels/.rels")
            for rel in root.iter(_PACKAGE_RELS):
                if rel.get("Type", "").endswith("/officeDocument"):
                    part = rel.get("Target", "").lstrip("/")
                    if part in names:
                        return part
        if "xl/workbook.xml" in names:
            return "xl/workbook.xml"
        raise NotAnXlsx("no workbook part")

    def _xml(self, part: str) -> Any:
        with self._zip.open(part) as fh:
            return etree.parse(fh, etree.XMLParser(**_PARSER_OPTIONS)).getroot()

    def _relationships(self, part: str) -> dict[str, str]:
        """Relationship id -> target, plus the first target of each short type (styles, sharedStrings)."""
        rels_part = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
        found: dict[str, str] = {}
        try:
            root = self._xml(rels_part)
        except KeyError:
            return found
        for rel in root.iter(_PACKAGE_RELS):
            target = rel.get("Target", "")
            found[rel.get("Id", "")] = target
            found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], target)
        return found

    def _part_of(self, folder: str, target: str | None) -> str | None:
        if not target:
            return None
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        return part if part in self._zip.namelist() else None

    def _read_workbook(self, part: str, names: set[str]) -> tuple[list[SheetInfo], bool]:
        root = self._xml(part)
        ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        if ns not in _NAMESPACES:
            raise NotAnXlsx("not a spreadsheet workbook")
        targets = self._relationships(part)
        folder = posixpath.dirname(part)
        date1904 = False
        properties = root.find(f"{{{ns}}}workbookPr")
        if properties is not None:
            date1904 = properties.get("date1904", "0").lower() in ("1", "true")
        sheets = []
        for sheet in root.iter(f"{{{ns}}}sheet"):
            rel_id = next((sheet.get(f"{{{r}}}id") for r in _REL_NAMESPACES if sheet.get(f"{{{r}}}id")), None)
            target = self._part_of(folder, targets.get(rel_id or ""))
            # Chart and dialog sheets hold no cells: listed (sheet numbers count them) but never read.
            sheets.append(SheetInfo(sheet.get("name", ""), target or "", sheet.get("state", "visible") == "visible",
                                    target is not None and "worksheets/" in target))
        return sheets, date1904

    def close(self) -> None:
        self._zip.close()

    # --- shared parts ---------------------------------------------------------------------------

    def shared_strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            if self._strings_part is not None:
                with self._zip.open(self._strings_part) as fh:
                    for _event, item in etree.iterparse(fh, tag=[f"{{{ns}}}si" for ns in _NAMESPACES], **_PARSER_OPTIONS):
                        self._strings.append(_text_of(item))
                        item.clear()
                        while item.getprevious() is not None:
                            del item.getparent()[0]
        return self._strings

    def date_styles(self) -> list[int]:
        """For each cell style (``s=`` index), 0, _DATE or _DURATION."""
        if self._styles is None:
            self._styles = []
            if self._styles_part is not None:
                root = self._xml(self._styles_part)
                ns = root.tag[1:].split("}")[0]
                custom = {}
                for fmt in root.iter(f"{{{ns}}}numFmt"):
                    try:
                        custom[int(fmt.get("numFmtId", ""))] = number_format_kind(fmt.get("formatCode", ""))
                    except ValueError:
                        continue
                xfs = root.find(f"{{{ns}}}cellXfs")
                for xf in (xfs if xfs is not None else ()):
                    try:
                        number = int(xf.get("numFmtId", "0"))
                    except ValueError:
                        number = 0
                    kind = custom.get(number)
                    if kind is None:
                        kind = _DATE if number in _BUILTIN_DATES else _DURATION if number in _BUILTIN_DURATIONS else 0
                    self._styles.append(kind)
        return self._styles

    # --- rows -----------------------------------------------------------------------------------

    def dimension_rows(self, sheet: SheetInfo) -> int:
        """The last row the sheet's ``<dimension>`` claims (0 when absent): a progress total only."""
        with self._zip.open(sheet.part) as fh:
            head = fh.read(4096)
        start = head.find(b"<dimension ref=\"")
        if start < 0:
            return 0
        ref = head[start + 16:head.find(b'"', start + 16)].split(b":")[-1]
        digits = bytes(c for c in ref if 48 <= c <= 57)
        return int(digits) if digits else 0

    def rows(self, sheet: SheetInfo) -> Iterator[list[Any]]:
        """The sheet's rows from Excel row 1, each a list of values from column A (see the module)."""
        strings = self.shared_strings()
        styles = self.date_styles()
        epoch = _EPOCH_1904 if self.date1904 else _EPOCH_1900
        name = self.path.name
        last_row = 0
        try:
            for number, cells in self._raw_rows(sheet):
                row_number = number or last_row + 1
                if row_number > MAX_ROWS:
                    raise SheetError(_("{name} was not read: {limit}.").format(
                        name=name, limit=_("it has more than {limit} rows").format(limit=f"{MAX_ROWS:,}")))
                values = _row_values(cells, strings, styles, epoch, name)
                if not values:
                    continue
                while last_row < row_number - 1:
                    last_row += 1
                    yield []
                last_row = row_number
                yield values
        except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise SheetError(_("The sheet “{sheet}” cannot be read ({detail}).").format(sheet=sheet.name, detail=exc)) from None

    def _raw_rows(self, sheet: SheetInfo) -> Iterator[tuple[int, list[RawCell]]]:
        """(row number or 0, its cells) in file order: the XML parsed a block of whole rows at a
        time (faster than iterparse's events), or by iterparse from where a block would not parse
        (a ``</row>`` inside a comment or CDATA)."""
        done = 0
        with self._zip.open(sheet.part) as fh:
            try:
                for row in _block_rows(fh):
                    yield row
                    done += 1
                return
            except _Unusual:
                pass
        with self._zip.open(sheet.part) as fh:
            yield from islice(_parse_rows(fh), done, None)


_BLOCK = 1 << 20
_ROOT = re.compile(rb"<([\w.-]+:)?worksheet\b[^>]*>")


class _Unusual(Exception):
    """A block of rows that does not parse on its own: iterparse takes over."""


def _block_rows(fh: IO[bytes]) -> Iterator[tuple[int, list[RawCell]]]:
    """The rows, parsed by lxml a block of whole rows at a time inside a copy of the root tag
    (so every namespace declaration holds); only the current block is in memory."""
    buffer = fh.read(_BLOCK)
    root = _ROOT.search(buffer)
    if root is None:
        raise _Unusual()
    prefix = root.group(1) or b""
    start_tag, end_tag = root.group(0), b"</" + prefix + b"worksheet>"
    row_end = b"</" + prefix + b"row>"
    first = buffer.find(b"<" + prefix + b"row", root.end())
    buffer = buffer[first:] if first >= 0 else b""
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    finished = False
    while not finished:
        block = fh.read(_BLOCK)
        finished = not block
        buffer += block
        end = len(buffer) if finished else buffer.rfind(row_end) + len(row_end)
        if end < len(row_end):
            continue
        chunk, buffer = buffer[:end], buffer[end:]
        if finished:  # the tail after the last row: </sheetData> and what follows
            last = chunk.rfind(row_end)
            chunk = chunk[:last + len(row_end)] if last >= 0 else b""
        if not chunk.strip():
            continue
        try:
            document = etree.fromstring(start_tag + chunk + end_tag, parser)
        except etree.XMLSyntaxError:
            raise _Unusual() from None
        for row in document:
            if isinstance(row.tag, str) and row.tag.rsplit("}", 1)[-1] == "row":  # not a comment
                yield _row_cells(row)


def _row_cells(row: Any) -> tuple[int, list[RawCell]]:
    number = row.get("r")
    cells: list[RawCell] = []
    for cell in row:
        tag = cell.tag
        if not isinstance(tag, str) or (tag[-2:] != "}c" and tag != "c"):  # a comment
            continue
        get = cell.get
        kind = get("t")
        value = inline = None
        for child in cell:
            if not isinstance(child.tag, str):
                continue
            name = child.tag.rsplit("}", 1)[-1]
            if name == "v":
                value = child.text or ""
            elif name == "is":
                inline = _text_of(child)
        cells.append((get("r"), kind, get("s"), value, inline))
    return int(number) if number and number.isdigit() else 0, cells


def _parse_rows(fh: IO[bytes]) -> Iterator[tuple[int, list[RawCell]]]:
    """The rows through lxml's iterparse, each freed once read (any well-formed markup)."""
    tags = [f"{{{ns}}}row" for ns in _NAMESPACES]
    for _event, row in etree.iterparse(fh, tag=tags, **_PARSER_OPTIONS):
        found = _row_cells(row)
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]
        yield found


def _text_of(item: Any) -> str:
    """A string item's text: its ``<t>`` or the ``<t>`` of each run (phonetic ``<rPh>`` runs left out)."""
    parts = []
    for child in item:
        if not isinstance(child.tag, str):  # a comment
            continue
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            for run_part in child:
                if isinstance(run_part.tag, str) and run_part.tag.endswith("}t"):
                    parts.append(run_part.text or "")
    return "".join(parts)
