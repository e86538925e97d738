"""Masking ID numbers on printed forms and exports: 110105********002X unless the clerk asks for them."""

from __future__ import annotations

MASK_CHAR = "*"
_KEEP_HEAD = 6  # the region code: tells where, not who
_KEEP_TAIL = 4  # last digits and check digit: enough to tell two people apart on paper


def mask_id_number(value: str | None, *, show_full: bool = False) -> str:
    """``"11010519491231002X"`` → ``"110105********002X"``; the number unchanged with ``show_full``.

    18- and 15-digit resident ID numbers keep the first six and last four characters. Shorter
    numbers (passports, other documents) keep only the last four; four characters or fewer are
    masked entirely. Spaces are dropped and a lower-case check letter x is printed as X.
    """
    if value is None:
        return ""
    text = "".join(str(value).split()).upper()
    if show_full or not text:
        return text
    if len(text) >= 15:
        return text[:_KEEP_HEAD] + MASK_CHAR * (len(text) - _KEEP_HEAD - _KEEP_TAIL) + text[-_KEEP_TAIL:]
    if len(text) > _KEEP_TAIL:
        return MASK_CHAR * (len(text) - _KEEP_TAIL) + text[-_KEEP_TAIL:]
    return MASK_CHAR * len(text)
