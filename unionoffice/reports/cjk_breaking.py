"""Chinese line breaking (禁则) for the PDF writer: pure text logic, widths come from a callable.

reportlab's Paragraph(wordWrap='CJK') only knows a few closing marks (not ，；：？！》”) and no
opening ones, so a comma can start a line there. Here closing punctuation is glued to the
character before it and opening punctuation to the character after it; the glued group moves
to the next line as a whole and the writer justifies the shortened line. Runs of Latin letters
and digits (2026, 11.02, 51%) are never split; ———— and …… stay in one piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

# 行首禁则: marks that must not begin a line.
CANNOT_START = frozenset("，。、；：？！）》」』】〕〗〉”’…·%‰,.;:?!)]}")
# 行尾禁则: marks that must not end a line.
CANNOT_END = frozenset("（《「『【〔〖〈“‘([{")
_INSEPARABLE = frozenset("—…")
_FUZZ = 0.01  # points: rounding of 28 × 15.79 pt must not push the 28th character down


@dataclass(frozen=True)
class Line:
    text: str
    width: float  # as measured, including any letter spacing the measure adds
    last: bool  # the paragraph's last line: not justified


def _is_western(ch: str) -> bool:
    return ord(ch) < 0x2000 and not ch.isspace()


def units(text: str) -> list[str]:
    """Smallest pieces a line may break between: one ideograph, a Latin/digit run, a space run,
    a run of — or …."""
    out: list[str] = []
    for ch in text:
        if out:
            prev = out[-1][-1]
            same_run = (
                (_is_western(ch) and _is_western(prev))
                or (ch.isspace() and prev.isspace())
                or (ch in _INSEPARABLE and ch == prev)
            )
            if same_run:
                out[-1] += ch
                continue
        out.append(ch)
    return out


def atoms(text: str) -> list[str]:
    """Units glued by the 禁则: closing marks to what precedes, opening marks to what follows."""
    out: list[str] = []
    for unit in units(text):
        if out and not unit.isspace() and not out[-1].isspace():
            if unit[0] in CANNOT_START or out[-1][-1] in CANNOT_END:
                out[-1] += unit
                continue
        out.append(unit)
    return out


def break_lines(text: str, widths: Sequence[float], measure: Callable[[str], float]) -> list[Line]:
    """Greedy lines: ``widths[i]`` is the room on line i (the last value repeats). A newline in
    the text is a forced break (the line before it is not justified)."""
    lines: list[Line] = []
    for segment in text.split("\n"):
        lines += _break_segment(segment, widths[min(len(lines), len(widths) - 1):] or widths[-1:], measure)
    return lines


def _break_segment(text: str, widths: Sequence[float], measure: Callable[[str], float]) -> list[Line]:
    lines: list[Line] = []
    current: list[str] = []

    def room() -> float:
        return widths[min(len(lines), len(widths) - 1)]

    def flush(last: bool) -> None:
        line = "".join(current).rstrip()
        lines.append(Line(line, measure(line), last))
        current.clear()

    for atom in atoms(text):
        if atom.isspace() and not current and lines:
            continue  # no spaces at the start of a continued line
        if measure(("".join(current) + atom).rstrip()) <= room() + _FUZZ:
            current.append(atom)
            continue
        if "".join(current).strip():
            flush(last=False)
            if atom.isspace():
                continue
        current.clear()
        if measure(atom) <= room() + _FUZZ:
            current.append(atom)
            continue
        # An atom wider than a whole line (a long number or URL): split it by characters.
        for ch in atom:
            if current and measure("".join(current) + ch) > room() + _FUZZ:
                flush(last=False)
            current.append(ch)
    if current or not lines:
        flush(last=True)
    else:
        lines[-1] = Line(lines[-1].text, lines[-1].width, True)
    return lines


def balanced_lines(text: str, width: float, measure: Callable[[str], float]) -> list[Line]:
    """As few lines as fit ``width``, made as even as possible (for centred titles)."""
    lines = break_lines(text, [width], measure)
    if len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    for _ in range(20):
        middle = (low + high) / 2
        if len(break_lines(text, [middle], measure)) == len(lines):
            high = middle
        else:
            low = middle
    return break_lines(text, [high], measure)


# Where a title may wrap without splitting a word: after these unit-name endings, or before a year.
_TITLE_BREAK_AFTER = ("委员会", "有限公司", "公司", "工会", "集团", "学校", "医院", "中心", "局", "厂", "关于")
_YEAR = re.compile(r"(?<![0-9])(?=[0-9]{4}年)")


def title_lines(text: str, width: float, measure: Callable[[str], float]) -> list[Line]:
    """A centred title: one line if it fits, else two lines broken between words when a good
    place exists (“……有限公司工会 / 2026年上半年工作总结”), else as evenly as possible."""
    if "\n" in text or measure(text) <= width:
        return break_lines(text, [width], measure)
    candidates = {m.start() for m in _YEAR.finditer(text)}
    for ending in _TITLE_BREAK_AFTER:
        candidates |= {m.end() for m in re.finditer(re.escape(ending), text)}
    best: tuple[float, int] | None = None
    for position in candidates:
        first, second = text[:position], text[position:]
        if not first or not second or second[0] in CANNOT_START or first[-1] in CANNOT_END:
            continue
        first_width, second_width = measure(first), measure(second)
        if first_width <= width and second_width <= width:
            score = abs(first_width - second_width)
            if best is None or score < best[0]:
                best = (score, position)
    if best is None:
        return balanced_lines(text, width, measure)
    first, second = text[:best[1]], text[best[1]:]
    return [Line(first, measure(first), True), Line(second, measure(second), True)]
