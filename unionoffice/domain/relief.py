"""Vocabularies of relief visits, hardship files and rights cases, plus their small rules.

Codes are stored in the database; labels are what the clerk sees (translated).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from unionoffice.domain.choices import LabelledEnum
from unionoffice.domain.funds import FundingSource as _FundingSource
from unionoffice.i18n import N_


# One vocabulary for every register (kept importable from here for relief's callers).
FundingSource = _FundingSource


# The default occasions a fresh database offers: (code, label, limit in fen or None).
DEFAULT_OCCASIONS: tuple[tuple[str, str, int | None], ...] = (
    ("spring_festival", N_("Spring Festival warmth"), None),
    ("hospital", N_("Hospital visit"), 500_00),
    ("funeral", N_("Funeral condolence"), None),
    ("wedding_birth", N_("Wedding / childbirth"), None),
    ("school_aid", N_("Autumn school aid"), None),
    ("emergency", N_("Emergency aid"), None),
    ("summer_cool", N_("Summer cooling"), None),
    ("holiday", N_("Holiday greetings"), None),
    ("other", N_("Other occasion"), None),
)


class HardshipCategory(LabelledEnum):
    """The national categories (深度困难, 相对困难, 意外致困); domain/hardship_rules.py computes them."""

    DEEP = ("deep", N_("Deep hardship"))
    RELATIVE = ("relative", N_("Relative hardship"))
    ACCIDENT = ("accident", N_("Hardship from an accident"))

    @classmethod
    def from_text(cls, text: str) -> "HardshipCategory | None":  # type: ignore[override]
        """Also the codes and names before the national categories (低保 → 深度困难, 低保边缘 → 相对困难)."""
        wanted = "".join(str(text).split())
        return super().from_text(LEGACY_CATEGORIES.get(wanted, wanted))  # type: ignore[return-value]


# Category codes and names of files written before schema 7 (migration 0007 rewrites the stored codes).
LEGACY_CATEGORIES = {"subsistence": "deep", "near_subsistence": "relative", "低保": "deep", "低保边缘": "relative",
                     "Subsistenceallowance": "deep", "Nearsubsistencelevel": "relative"}


class HardshipCause(LabelledEnum):
    """The ten national causes of hardship, in their official order."""

    NO_WORK_CAPACITY = ("1", N_("Unable to work"))
    UNEMPLOYED_ABLE = ("2", N_("Able to work but not employed"))
    LAID_OFF = ("3", N_("Laid off or unemployed"))
    NO_SOCIAL_INSURANCE = ("4", N_("Not covered by social insurance"))
    INSURANCE_SHORTFALL = ("5", N_("Social insurance benefits fall short"))
    SERIOUS_ILLNESS = ("6", N_("Serious illness"))
    NATURAL_DISASTER = ("7", N_("Natural disaster"))
    ACCIDENT = ("8", N_("Accident"))
    CHILDREN_SCHOOLING = ("9", N_("Children's schooling"))
    OTHER = ("10", N_("Other cause"))


MAX_SECONDARY_CAUSES = 3


class HardshipStatus(LabelledEnum):
    OPEN = ("open", N_("On file"))
    OUT_OF_HARDSHIP = ("out_of_hardship", N_("Out of hardship"))
    CANCELLED = ("cancelled", N_("Struck off"))


class MaritalStatus(LabelledEnum):
    UNMARRIED = ("unmarried", N_("Unmarried"))
    MARRIED = ("married", N_("Married"))
    DIVORCED = ("divorced", N_("Divorced"))
    WIDOWED = ("widowed", N_("Widowed"))


class CaseChannel(LabelledEnum):
    LETTER = ("letter", N_("By letter"))
    PHONE = ("phone", N_("By phone"))
    VISIT = ("visit", N_("In person"))
    ONLINE = ("online", N_("Via the internet"))


class CaseKind(LabelledEnum):
    WAGES = ("wages", N_("Wages and pay"))
    CONTRACT = ("contract", N_("Labour contract"))
    SOCIAL_INSURANCE = ("social_insurance", N_("Social insurance"))
    WORK_INJURY = ("work_injury", N_("Work injury"))
    WOMEN_PROTECTION = ("women_protection", N_("Special protection of women workers"))
    SAFETY = ("safety", N_("Work safety"))
    OTHER = ("other", N_("Other matter"))


class CaseResult(LabelledEnum):
    MEDIATED = ("mediated", N_("Mediated successfully"))
    REFERRED = ("referred", N_("Referred elsewhere"))
    NOT_ACCEPTED = ("not_accepted", N_("Not accepted"))
    OTHER = ("other", N_("Other result"))


# Results that count as "resolved" in the share of cases resolved.
RESOLVED_RESULTS = frozenset({CaseResult.MEDIATED})


def per_capita_monthly_income(annual_household_income_fen: int, household_size: int) -> int | None:
    """家庭年总收入 / 家庭人口 / 12, in fen rounded half up; None without a household size."""
    if household_size <= 0:
        return None
    value = Decimal(annual_household_income_fen) / Decimal(household_size * 12)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
