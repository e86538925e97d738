"""A long ruled table laid out page by page in linear time, its header rows on every page.

reportlab's ``Table.split`` copies and re-measures all remaining rows at every page break, which
is quadratic: the roster of a 20,000-member office took over a minute. Row heights are known in
advance here, so this flowable gives each page a ``Table`` of just the rows that fit.
"""

from __future__ import annotations

from itertools import accumulate
from typing import Callable, Sequence

from reportlab.platypus import Flowable, Table, TableStyle


class PagedTable(Flowable):
    """``header`` rows repeated on every page over ``body`` rows (all with fixed heights).

    ``style`` applies to every page's table (commands must not name absolute body rows);
    ``last_style`` only to the table that holds the last body row (e.g. the total row's spans on -1).
    ``trailer`` (the signature lines) follows the last row on the same page: when it would not fit
    there, the last rows go over to the next page with it, so it is never alone on a page.
    """

    KEEP_WITH_TRAILER = 2  # body rows that go with the trailer to a new page

    def __init__(
        self,
        header: Sequence[Sequence[object]],
        header_heights: Sequence[float],
        body: Sequence[Sequence[object]],
        body_heights: Sequence[float],
        widths: Sequence[float],
        style: Sequence[tuple],
        last_style: Sequence[tuple] = (),
        *,
        on_rows: Callable[[int], None] | None = None,
        trailer: Sequence[Flowable] = (),
        _start: int = 0,
        _prefix: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.header, self.header_heights = list(header), list(header_heights)
        self.body, self.body_heights = body, body_heights
        self.widths, self.style, self.last_style = list(widths), list(style), list(last_style)
        self.start = _start
        self.on_rows = on_rows  # told how many rows each page took, for progress reports
        self.hAlign = "CENTER"
        self.trailer = list(trailer)
        self._trailer_height = 0.0
        # prefix[i] = height of body rows 0..i-1, shared by the pieces of one table
        self._prefix = _prefix if _prefix is not None else [0.0, *accumulate(body_heights)]

    @property
    def rows(self) -> list[Sequence[object]]:
        """Header and the remaining body rows (for inspection in tests)."""
        return self.header + list(self.body[self.start:])

    @property
    def row_heights(self) -> list[float]:
        return self.header_heights + list(self.body_heights[self.start:])

    def _height(self, end: int) -> float:
        return sum(self.header_heights) + self._prefix[end] - self._prefix[self.start]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._trailer_height = sum(f.wrap(avail_width, avail_height)[1] for f in self.trailer)
        self.width, self.height = sum(self.widths), self._height(len(self.body)) + self._trailer_height
        return self.width, self.height

    def _table(self, end: int) -> Table:
        rows = self.header + [list(r) for r in self.body[self.start:end]]
        heights = self.header_heights + list(self.body_heights[self.start:end])
        commands = self.style + (self.last_style if end == len(self.body) else [])
        table = Table(rows, colWidths=self.widths, rowHeights=heights, hAlign="CENTER")
        table.setStyle(TableStyle(commands))
        return table

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        end = self.start
        while end < len(self.body) and self._height(end + 1) <= avail_height:
            end += 1
        if end == len(self.body) and self._height(end) + self._trailer_height > avail_height:
            end = max(self.start, len(self.body) - self.KEEP_WITH_TRAILER)  # the trailer takes rows along
        if end == self.start:
            return []  # not even one row fits: the frame moves the table to the next page
        self._report(end - self.start)
        if end == len(self.body):
            return [self._table(end), *self.trailer]
        rest = PagedTable(self.header, self.header_heights, self.body, self.body_heights, self.widths,
                          self.style, self.last_style, on_rows=self.on_rows, trailer=self.trailer, _start=end,
                          _prefix=self._prefix)
        return [self._table(end), rest]

    def _report(self, rows: int) -> None:
        if self.on_rows is not None:
            self.on_rows(rows)

    def draw(self) -> None:
        self._report(len(self.body) - self.start)
        table = self._table(len(self.body))
        _w, table_height = table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, self._trailer_height)
        y = self._trailer_height
        for flowable in self.trailer:  # drawn under the table, left-aligned like the frame would
            _fw, height = flowable.wrap(self.width, self.height)
            y -= height
            flowable.drawOn(self.canv, (self.width - getattr(flowable, "width", self.width)) / 2, y)
