"""The bar chart as a PNG picture for DOCX, drawn with Pillow.

reportlab's renderPM needs rlPyCairo (pycairo, which does not build without the cairo headers) or
the old _renderPM extension, neither of which is installed; Pillow already comes with reportlab.
The picture uses the same layout as the PDF's vector chart and the same font files and fallbacks.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from unionoffice.io.fonts import FontFile, FontRole, FontSet
from unionoffice.reports.chart_layout import layout_chart
from unionoffice.reports.document import BarChart
from unionoffice.reports.text_measure import TextMeasure

DPI = 200


@lru_cache(maxsize=32)
def _pil_font(path: str, index: int, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size=pixels, index=index)


def _rgb(colour: tuple[float, float, float]) -> tuple[int, int, int]:
    return tuple(round(c * 255) for c in colour)  # type: ignore[return-value]


def chart_png(chart: BarChart, fonts: FontSet, width: float, height: float, dpi: int = DPI) -> bytes:
    """PNG bytes of ``chart`` drawn ``width`` × ``height`` points large at ``dpi``."""
    measure = TextMeasure(fonts)
    base_font = fonts.name(FontRole.SONG)
    layout = layout_chart(chart, width, height, lambda s, size: measure.raw(s, base_font, size))
    files: dict[str, FontFile] = {f.name: f for f in [*fonts.roles.values(), *fonts.fallbacks, *([fonts.latin] if fonts.latin else [])]}
    scale = dpi / 72
    image = Image.new("RGB", (round(width * scale), round(height * scale)), "white")
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float) -> tuple[float, float]:
        return x * scale, (height - y) * scale

    for line in layout.lines:
        draw.line([at(line.x1, line.y1), at(line.x2, line.y2)], fill=_rgb(line.colour),
                  width=max(1, round(line.width * scale)))
    for rect in layout.rects:
        if rect.height > 0:
            draw.rectangle([at(rect.x, rect.y + rect.height), at(rect.x + rect.width, rect.y)], fill=_rgb(rect.fill))
    for text in layout.texts:
        total = measure.raw(text.text, base_font, text.size)
        x = {"start": text.x, "middle": text.x - total / 2, "end": text.x - total}[text.anchor]
        for font_name, piece in measure.runs(text.text, base_font):
            file = files[font_name]
            font = _pil_font(str(file.path), file.subfont_index, round(text.size * scale))
            draw.text(at(x, text.y), piece, font=font, fill=(0, 0, 0), anchor="ls")
            x += measure.raw(piece, base_font, text.size)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))  # (optimize=True: 4× the time for a few per cent smaller)
    return buffer.getvalue()
