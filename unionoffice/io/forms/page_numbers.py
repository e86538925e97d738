"""Page numbers that need the page count ("第 1 页 共 3 页"): a canvas that holds its pages until the end."""

from __future__ import annotations

from typing import Any, Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

# Baseline of the page number above the bottom edge of the paper.
PAGE_NUMBER_Y = 9 * mm


def numbered_canvas_maker(
    label: Callable[[int, int], str], font_name: str, font_size: float = 9
) -> type[Canvas]:
    """A Canvas class for ``doc.build(canvasmaker=…)`` that writes ``label(page, pages)`` centred at the foot."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            # Keep the page's drawing state; it is drawn, with its number, in save().
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                self.saveState()
                self.setFont(font_name, font_size)
                self.drawCentredString(self._pagesize[0] / 2, PAGE_NUMBER_Y, label(number, total))
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas
