"""Spreadsheet import and export shared by every register (no database, no Qt).

How a register uses it
----------------------
1. Declare the columns once; the same list drives import and export::

       from unionoffice.i18n import N_
       from unionoffice.io.sheets import Column, Kind, choice_parser, parse_id_number, parse_name

       COLUMNS = [
           Column("name", N_("Name"), synonyms=("姓名",), parse=parse_name, required=True),
           Column("id_number", N_("ID number"), synonyms=("身份证号", "身份证号码", "公民身份号码", "证件号码"),
                  parse=parse_id_number, required=True),
           Column("phone", N_("Mobile"), synonyms=("手机号", "手机", "联系电话", "手机号码"), kind=Kind.PHONE),
           Column("joined_on", N_("Date joined"), synonyms=("入会日期", "入会时间"), kind=Kind.DATE),
           Column("birth", N_("Date of birth"), synonyms=("出生日期", "出生年月"), kind=Kind.MONTH),
           Column("education", N_("Education"), synonyms=("学历", "文化程度"), parse=choice_parser(Education)),
           Column("migrant_worker", N_("Migrant worker"), synonyms=("是否农民工", "是否农民工会员"), kind=Kind.BOOLEAN),
           Column("amount", N_("Amount (yuan)"), synonyms=("金额",), kind=Kind.MONEY),  # integer fen
       ]

   Shared header synonyms are in ``unionoffice.io.sheets.synonyms`` (``synonyms=synonyms.PHONE``),
   so every register accepts the same headers. The header is the label's translation; headers are matched loosely (spaces, line breaks,
   full-width characters, a trailing ``*`` or ``（必填）`` are ignored) against the label, its
   translation and the synonyms. ``kind`` picks the default parser and the export cell type;
   ``parse`` may be any function ``raw cell -> value`` that raises ``CellError(message)`` or
   returns ``WithNotice(value, notice)``. ``required=True``: the column must be present and every
   row must have a value (``blank_ok=True`` relaxes the second part). Blank cells give None.

2. Read and validate::

       parsed = read_and_parse(path, COLUMNS, sheet=None, key="id_number")   # SheetError: exit 2

   ``SheetError`` (a ``HeaderError`` for a missing header or required columns) means the file
   cannot be used at all; its message is for the clerk. Otherwise ``parsed`` is a ``SheetParse``:
   ``header_row``, ``mapping`` (key -> column index), ``headers`` (key -> header text as in the
   file), ``unknown_columns``, ``skipped_rows`` (合计/小计) and ``rows``: one ``RowResult`` per data
   row with ``row_number`` (as Excel shows it), ``values`` (key -> parsed value), ``errors``,
   ``notices`` and ``raw_cells``. Rows repeating the ``key`` of an earlier row are rejected.
   A column missing from the file gives None in every row: on update, only overwrite fields whose
   key is in ``parsed.mapping``. With ``sheet=None`` the sheet whose header names most columns is used.
   Check ``row.ok`` before using ``row.values``: a value that failed to parse is None.

   Checks across columns go in ``check=fn``, called with each ``RowResult`` after its cells are
   parsed: e.g. when 证件类型 is not 居民身份证, parse the number column as text and call
   ``parse_id_number`` only for ID cards, adding a ``CellError``'s message with ``row.add_error``;
   or fill ``row.values["sex"]`` from ``sex_from_id``.

3. Add the register's database checks as row errors, then import the good rows::

       for row in parsed.good_rows:
           if id_belongs_to_someone_else(row.values["id_number"]):
               row.add_error("id_number", _("Already belongs to {name}.").format(name=...))
       ...  # insert/update from row.values for rows still ok

4. Report: ``error_lines(parsed.rows)`` gives one line per rejected row
   ("第12行 身份证号：校验位错误；手机号：…"), ``parsed.notices()`` the unknown columns and
   skipped total rows, ``notice_lines(parsed.rows)`` the per-row notices, ``report_lines(parsed)``
   all of it for the CLI; the summary line (共N行：新增a、更新b、错误c) is the register's.
   ``write_rejected_rows(parsed, path)`` saves the rejected rows with their original header and
   cells plus a 错误原因 column, ready to be fixed and imported again; ``extra_sheets=[ReportSheet(...)]``
   adds sheets of text beside them (the roster import's 变更 sheet).

5. Export: ``export_rows(path, COLUMNS, records, sheet_name=..., caption=...)`` with records as
   mappings key -> value (fen for money, date for dates, enums print their label), or
   ``write_workbook(path, [ExportSheet(...), ...])`` for several sheets. What is exported imports
   back unchanged through ``read_and_parse`` with the same columns. Yes/no and ``choice_parser``
   columns get a drop-down list (a help, not a lock); with no rows the file is an import template.

Long work: ``read_and_parse(..., progress=cb)`` calls ``cb(done, total)`` and the export functions
``cb(rows_written)`` every 500 rows; to cancel, raise from the callback (an export then leaves no file).

ID numbers: ``parse_id_number``, ``birth_date_from_id``, ``sex_from_id``; phones: ``parse_phone``.
"""

from unionoffice.io.sheets import synonyms
from unionoffice.io.sheets.columns import ERROR_COLUMN, Column, Kind, normalize_header
from unionoffice.io.sheets.errors import HeaderError, SheetError
from unionoffice.io.sheets.idnumber import birth_date_from_id, clean_id_number, parse_id_number, sex_from_id
from unionoffice.io.sheets.parse import mark_duplicates, parse_cells
from unionoffice.io.sheets.reader import SUPPORTED_SUFFIXES, read_and_parse, read_cells
from unionoffice.io.sheets.results import (
    RowIssue,
    RowResult,
    SheetParse,
    error_lines,
    format_issue,
    format_row_errors,
    notice_lines,
    report_lines,
)
from unionoffice.io.sheets.values import (
    CellError,
    WithNotice,
    choice_parser,
    parse_bool,
    parse_date,
    parse_integer,
    parse_money,
    parse_month,
    parse_name,
    parse_phone,
    parse_text,
)

# Writing needs openpyxl (a fifth of a second to import): loaded when a writer is first asked for,
# so an import that writes no file never pays for it.
_WRITERS = {"ExportSheet": "export", "WriteError": "export", "export_rows": "export", "write_workbook": "export",
            "ReportSheet": "rejects", "write_rejected_rows": "rejects"}


def __getattr__(name: str):  # noqa: ANN202
    module = _WRITERS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "CellError", "Column", "ERROR_COLUMN", "ExportSheet", "HeaderError", "Kind", "ReportSheet", "RowIssue", "RowResult",
    "SUPPORTED_SUFFIXES", "SheetError", "SheetParse", "WithNotice", "birth_date_from_id", "choice_parser",
    "clean_id_number", "error_lines", "export_rows", "format_issue", "format_row_errors", "mark_duplicates",
    "normalize_header", "notice_lines", "parse_bool", "parse_cells", "parse_date", "parse_id_number",
    "parse_integer", "parse_money", "parse_month", "parse_name", "parse_phone", "parse_text", "read_and_parse", "read_cells",
    "WriteError", "report_lines", "sex_from_id", "synonyms", "write_rejected_rows", "write_workbook",
]
