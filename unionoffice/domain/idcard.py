"""Chinese resident ID numbers (GB 11643), validated with python-stdnum."""

from __future__ import annotations

import datetime as dt
import random

from stdnum.cn import ric


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 (stdnum wants a placeholder in its place)."""
    return ric.calc_check_digit(first17 + "0")


def make_id_number(rng: random.Random, birth: dt.date, female: bool, area: str = "110105") -> str:
    """A syntactically valid, fictional ID number (for demo data and tests)."""
    sequence = rng.randrange(0, 500) * 2 + (0 if female else 1)
    first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_digit(first17)
