"""The one vocabulary of funding sources (经费来源) shared by every register that spends money.

Activities, training, relief and the expense ledger all store these codes. Clerks (and older
spreadsheets) name the same source in several ways — 工会经费 / 本级工会经费, 行政 / 行政拨款,
上级补助 / 上级工会补助 — so ``FundingSource.from_text`` accepts every synonym.
"""

from __future__ import annotations

from unionoffice.domain.choices import LabelledEnum
from unionoffice.i18n import N_


class FundingSource(LabelledEnum):
    OWN_FUNDS = ("own_funds", N_("Own union funds"))
    HIGHER_UNION = ("higher_union", N_("Higher union subsidy"))
    ADMINISTRATION = ("administration", N_("Company administration"))
    DONATION = ("donation", N_("Public donations"))
    OTHER = ("other", N_("Other source"))

    @classmethod
    def from_text(cls, text: str) -> "FundingSource | None":  # type: ignore[override]
        found = super().from_text(text)
        if found is not None:
            return found  # type: ignore[return-value]
        wanted = "".join(str(text).split())
        code = FUNDING_SYNONYMS.get(wanted)
        return cls(code) if code else None


# What clerks write for each source; stored values from before one vocabulary are mapped with this too.
FUNDING_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("工会经费", "本级工会经费", "本级经费", "工会", "本单位工会经费", "基层工会经费"), "own_funds"),
    **dict.fromkeys(("上级补助", "上级工会补助", "上级工会", "上级拨款", "上级工会拨款", "上级补贴"), "higher_union"),
    **dict.fromkeys(("行政", "行政拨款", "行政经费", "单位行政", "行政补助", "单位拨款", "企业行政"), "administration"),
    **dict.fromkeys(("社会捐助", "捐助", "捐款", "社会捐赠", "捐赠"), "donation"),
    **dict.fromkeys(("其他", "其它", "其他来源"), "other"),
}


def funding_code(text: str | None) -> str:
    """The code for what was typed: '' for blank, the text itself when it names no known source."""
    raw = "".join(str(text or "").split())
    if not raw:
        return ""
    found = FundingSource.from_text(raw)
    return found.value if found is not None else raw


def funding_label(code: str | None) -> str:
    """What the clerk sees for a stored value (a value from before the vocabulary is shown as typed)."""
    if not code:
        return ""
    try:
        return FundingSource(code).label()
    except ValueError:
        return code
