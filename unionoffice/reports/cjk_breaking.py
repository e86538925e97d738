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


DATE_PATTERN = re.compile(r"[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?|[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}-[0-9]{2}-[0-9]{2}")


def units(text: str, keep_dates: bool = False) -> list[str]:
    """Smallest pieces a line may break between: one ideograph, a Latin/digit run, a space run,
    a run of — or …; with ``keep_dates`` a date (2026年1月20日) is one piece."""
    if keep_dates:
        out: list[str] = []
        position = 0
        for match in DATE_PATTERN.finditer(text):
            out += units(text[position:match.start()])
            out.append(match.group())
            position = match.end()
        return out + units(text[position:])
    out = []
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


def atoms(text: str, keep_dates: bool = False) -> list[str]:
    """Units glued by the 禁则: closing marks to what precedes, opening marks to what follows."""
    out: list[str] = []
    for unit in units(text, keep_dates):
        if out and not unit.isspace() and not out[-1].isspace():
            if unit[0] in CANNOT_START or out[-1][-1] in CANNOT_END:
                out[-1] += unit
                continue
        out.append(unit)
    return out


def break_lines(text: str, widths: Sequence[float], measure: Callable[[str], float], *,
                keep_dates: bool = False) -> list[Line]:
    """Greedy lines: ``widths[i]`` is the room on line i (the last value repeats). A newline in
    the text is a forced break (the line before it is not justified). ``keep_dates`` keeps a date
    on one line (table cells); a Latin word too long for a line is split with a hyphen."""
    lines: list[Line] = []
    for segment in text.split("\n"):
        lines += _break_segment(segment, widths[min(len(lines), len(widths) - 1):] or widths[-1:], measure,
                                keep_dates)
    return lines


def _break_segment(text: str, widths: Sequence[float], measure: Callable[[str], float],
                   keep_dates: bool = False) -> list[Line]:
    lines: list[Line] = []
    current: list[str] = []

    def room() -> float:
        return widths[min(len(lines), len(widths) - 1)]

    def flush(last: bool) -> None:
        line = "".join(current).rstrip()
        lines.append(Line(line, measure(line), last))
        current.clear()

    for atom in atoms(text, keep_dates):
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
        # An atom wider than a whole line (a long number or URL): split it by characters; a word
        # of letters is split with a hyphen at the end of the line.
        word = atom.isalpha() and atom.isascii()
        for index, ch in enumerate(atom):
            hyphen = "-" if word and index + 1 < len(atom) else ""
            if current and measure("".join(current) + ch + hyphen) > room() + _FUZZ:
                if word:
                    current.append("-")
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


# Where a title may wrap without splitting a word (GB/T 9704 7.3.1 词意完整): after these unit-name
# endings, before a year, or before what the document is (工作总结 …).
_TITLE_BREAK_AFTER = ("委员会", "有限公司", "有限责任公司", "公司", "工会", "集团", "学校", "医院", "中心", "局", "厂", "关于",
                      "上半年", "下半年", "年度", "季度")
_TITLE_BREAK_BEFORE = ("工作总结", "工作报告", "总结", "关于")
# Words a title never breaks inside.
_TITLE_WORDS = ("工会委员会", "女职工委员会", "有限责任公司", "有限公司", "上半年", "下半年", "工作总结", "工作报告")
_YEAR = re.compile(r"(?<![0-9])(?=[0-9]{4}年)")
_YEAR_SPAN = re.compile(r"[0-9]{4}年(?:第[一二三四]季度|[上下]半年|度)?")


def _protected(text: str) -> set[int]:
    """Positions inside a word or a year (breaking there would split it)."""
    inside: set[int] = set()
    spans = [m.span() for word in _TITLE_WORDS for m in re.finditer(re.escape(word), text)]
    spans += [m.span() for m in _YEAR_SPAN.finditer(text)]
    for start, end in spans:
        inside |= set(range(start + 1, end))
    return inside


def title_breaks(text: str) -> list[int]:
    """The positions a title may wrap at, in order."""
    candidates = {m.start() for m in _YEAR.finditer(text)}
    for ending in _TITLE_BREAK_AFTER:
        candidates |= {m.end() for m in re.finditer(re.escape(ending), text)}
    for beginning in _TITLE_BREAK_BEFORE:
        candidates |= {m.start() for m in re.finditer(re.escape(beginning), text)}
    inside = _protected(text)
    return sorted(c for c in candidates if 0 < c < len(text) and c not in inside
                  and text[c] not in CANNOT_START and text[c - 1] not in CANNOT_END)


def _shape_score(widths: list[float]) -> float:
    """Lower is better: lines of even length, in the standard shapes — a trapezoid (each line no
    longer than the next) for two lines, a diamond or trapezoid for three."""
    spread = max(widths) - min(widths)
    if len(widths) == 2:
        upside_down = widths[0] > widths[1]
        return spread + (1000 if upside_down else 0)
    top, middle, bottom = widths
    diamond = middle >= top and middle >= bottom
    trapezoid = top <= middle <= bottom
    return spread + (0 if diamond or trapezoid else 1000)


def title_lines(text: str, width: float, measure: Callable[[str], float]) -> list[Line]:
    """A centred title: one line if it fits, else two (or three) lines broken between words, in a
    trapezoid or diamond shape (“示例市演示机械有限公司 / 工会委员会2026年上半年工作总结”); never
    inside 工会委员会 or a year. Only when no such place exists is it broken as evenly as possible."""
    if "\n" in text or measure(text) <= width:
        return break_lines(text, [width], measure)
    breaks = title_breaks(text)
    best: tuple[float, list[str]] | None = None
    choices = [[b] for b in breaks]
    if not any(measure(text[:b]) <= width and measure(text[b:]) <= width for b in breaks):
        choices += [[a, b] for a in breaks for b in breaks if a < b]
    for cut in choices:
        bounds = [0, *cut, len(text)]
        pieces = [text[bounds[i]:bounds[i + 1]] for i in range(len(bounds) - 1)]
        widths = [measure(piece) for piece in pieces]
        if max(widths) > width:
            continue
        score = _shape_score(widths) + 2000 * (len(pieces) - 2)
        if best is None or score < best[0]:
            best = (score, pieces)
    if best is None:
        return balanced_lines(text, width, measure)
    return [Line(piece, measure(piece), True) for piece in best[1]]
