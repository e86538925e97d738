"""What a parsed sheet gives back: one RowResult per data row, and the lines the CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from unionoffice.i18n import _
from unionoffice.io.sheets.columns import Column


@dataclass(frozen=True)
class RowIssue:
    """An error or notice on one row; ``field`` is the header text as found in the file ("" for the row)."""

    key: str
    field: str
    message: str


@dataclass(slots=True)  # one per data row: a 200,000-row sheet makes 200,000
class RowResult:
    """One data row: ``values`` by column key (None for blank or absent), its problems, its raw cells."""

    row_number: int  # as Excel shows it (1-based, title rows included)
    values: dict[str, Any]
    errors: list[RowIssue] = field(default_factory=list)
    notices: list[RowIssue] = field(default_factory=list)
    raw_cells: list[Any] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def _issue(self, key: str | None, message: str) -> RowIssue:
        key = key or ""
        return RowIssue(key, self.headers.get(key, key), message)

    def add_error(self, key: str | None, message: str) -> None:
        """Reject the row; ``key`` is a column key (the message names that column as headed in the file)."""
        self.errors.append(self._issue(key, message))

    def add_notice(self, key: str | None, message: str) -> None:
        self.notices.append(self._issue(key, message))

    def error_text(self) -> str:
        """All errors in one cell's worth of text (for the 错误原因 column)."""
        texts = [format_issue_short(issue) for issue in self.errors]
        # “…早于开始日期。；已登记过…” reads badly: a full stop inside the list is dropped.
        return _("; ").join([text.rstrip("。.") for text in texts[:-1]] + texts[-1:])


@dataclass
class SheetParse:
    """A sheet read against a register's columns."""

    columns: list[Column]
    sheet_name: str
    header_row: int  # Excel row number of the header
    header_cells: list[Any]  # the header row as found, every column
    mapping: dict[str, int]  # column key -> 0-based column index
    headers: dict[str, str]  # column key -> header text as found in the file
    unknown_columns: list[str]
    rows: list[RowResult]
    skipped_rows: list[int] = field(default_factory=list)  # 合计/小计 rows
    path: Path | None = None
    row_count: int = 0  # the data rows the sheet claims (a streamed parse knows no more ahead)

    @property
    def good_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.ok]

    @property
    def rejected_rows(self) -> list[RowResult]:
        return [row for row in self.rows if not row.ok]

    def notices(self) -> list[str]:
        """Sheet-level remarks worth showing once: columns not imported, total rows skipped."""
        lines = []
        if self.unknown_columns:
            lines.append(_("These columns are not imported: {columns}").format(columns=_(", ").join(self.unknown_columns)))
        for row in self.skipped_rows:
            lines.append(_("Row {row} is a total row and was skipped.").format(row=row))
        return lines


def format_issue_short(issue: RowIssue) -> str:
    """"身份证号：校验位错误" (no row number)."""
    if not issue.field:
        return issue.message
    return _("{field}: {message}").format(field=issue.field, message=issue.message)


def format_issue(row_number: int, issue: RowIssue) -> str:
    """"第12行 身份证号：校验位错误"."""
    return _("Row {row} {problems}").format(row=row_number, problems=format_issue_short(issue))


def format_row_errors(row: RowResult) -> str:
    """Every error of a row on one line: "第12行 身份证号：校验位错误；手机号：…"."""
    return _("Row {row} {problems}").format(row=row.row_number, problems=row.error_text())


def error_lines(rows: Iterable[RowResult]) -> list[str]:
    """One line per rejected row, in row order, for the CLI and the GUI list."""
    return [format_row_errors(row) for row in rows if row.errors]


def notice_lines(rows: Iterable[RowResult]) -> list[str]:
    return [format_issue(row.row_number, issue) for row in rows for issue in row.notices]


def report_lines(parse: SheetParse, notices: bool = False) -> list[str]:
    """Sheet notices, then an error line per problem (and notice lines when asked)."""
    lines = parse.notices() + error_lines(parse.rows)
    if notices:
        lines += notice_lines(parse.rows)
    return lines
