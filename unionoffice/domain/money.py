"""Money as integer fen (分): parsing what people type, printing 元/万元 and 大写 amounts."""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from unionoffice.i18n import _

# Above this a typed amount is almost certainly a slip (an extra zero, a pasted ID number).
MAX_AMOUNT_FEN = 100_000_000_00  # one hundred million yuan


class AmountError(ValueError):
    """An amount that cannot be accepted; the message is for the user."""


def parse_amount(text: str | int | float | Decimal | None, *, allow_zero: bool = True) -> int:
    """Yuan as typed ("1,500", "1500.5", "１５００", "¥300元") to fen. Refuses negative or absurd amounts."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise AmountError(_("The amount is empty."))
    if isinstance(text, float):  # a spreadsheet number: -500.0 is shown to the clerk as -500
        text = str(int(text)) if text.is_integer() and abs(text) < 1e15 else repr(text)
    raw = unicodedata.normalize("NFKC", str(text)).strip()
    cleaned = raw.replace(",", "").replace("，", "").replace(" ", "")
    for sign in ("¥", "￥", "RMB", "元"):
        cleaned = cleaned.replace(sign, "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AmountError(_("“{text}” is not an amount of money.").format(text=raw)) from None
    if not value.is_finite():
        raise AmountError(_("“{text}” is not an amount of money.").format(text=raw))
    if value < 0:
        raise AmountError(_("The amount cannot be negative ({text}).").format(text=raw))
    if value > Decimal(MAX_AMOUNT_FEN) / 100:  # before any arithmetic: 1E+26 would overflow the context
        raise AmountError(_("The amount {text} is too large to be right.").format(text=raw))
    fen = int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if (value * 100) != (value * 100).to_integral_value():
        raise AmountError(_("An amount has at most two decimals (fen): {text}.").format(text=raw))
    if fen > MAX_AMOUNT_FEN:
        raise AmountError(_("The amount {text} is too large to be right.").format(text=raw))
    if fen == 0 and not allow_zero:
        raise AmountError(_("The amount must be more than zero."))
    return fen


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"))


def format_yuan(fen: int) -> str:
    """12345 → "123.45" (two decimals, thousands separators)."""
    return f"{fen_to_yuan(fen):,.2f}"


def format_wan(fen: int) -> str:
    """Ten-thousands of yuan with two decimals, as summaries quote money: 1102000 fen → "1.10"."""
    return f"{(Decimal(fen) / 1_000_000).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ["", "拾", "佰", "仟"]
_BIG_UNITS = ["", "万", "亿", "万亿"]


def _four_digits(n: int) -> str:
    out = ""
    zero = False
    for position in range(3, -1, -1):
        digit = n // 10**position % 10
        if digit == 0:
            zero = bool(out)
        else:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[digit] + _SMALL_UNITS[position]
    return out


def uppercase_amount(fen: int) -> str:
    """The amount in 大写 as finance writes it: 150000 → 壹仟伍佰元整, 1050 → 壹拾元伍角整."""
    if fen < 0:
        raise AmountError(_("The amount cannot be negative ({text}).").format(text=format_yuan(fen)))
    yuan, rest = divmod(fen, 100)
    jiao, fen_part = divmod(rest, 10)
    if yuan == 0 and rest == 0:
        return "零元整"
    words = ""
    if yuan:
        groups = []
        while yuan:
            yuan, group = divmod(yuan, 10_000)
            groups.append(group)
        need_zero = False
        for index in range(len(groups) - 1, -1, -1):
            group = groups[index]
            if group == 0:
                need_zero = bool(words)
                continue
            if words and (need_zero or group < 1000):
                words += "零"
            words += _four_digits(group) + _BIG_UNITS[index]
            need_zero = False
        words += "元"
    if rest == 0:
        return words + "整"
    if jiao:
        words += _DIGITS[jiao] + "角"
    elif words:
        words += "零"
    if fen_part:
        words += _DIGITS[fen_part] + "分"
    else:
        words += "整"
    return words
