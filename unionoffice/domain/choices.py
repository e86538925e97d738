"""Fixed vocabularies as enums: stable English codes in the database, Chinese labels on screen.

Each enum member's value is the code stored in the database; ``label()`` gives the translated
text and ``from_text()`` accepts either the code or the label in any supported language, which
is what spreadsheet imports need.
"""

from __future__ import annotations

from enum import Enum

from unionoffice.i18n import N_, _, current_language


# (enum, language) → every accepted spelling → member; imports call from_text once per cell, and
# translating every label each time cost more than the rest of the parsing.
_LOOKUPS: dict[tuple[type, str], dict[str, "LabelledEnum"]] = {}


def _lookup(cls: type["LabelledEnum"]) -> dict[str, "LabelledEnum"]:
    key = (cls, current_language())
    table = _LOOKUPS.get(key)
    if table is None:
        table = {}
        for member in reversed(list(cls)):  # reversed: on a clash the first member wins, as a scan would
            for spelling in (member.value, member._label, "".join(member.label().split())):  # type: ignore[attr-defined]
                table[spelling] = member
        _LOOKUPS[key] = table
    return table


class LabelledEnum(str, Enum):
    """A str enum whose members carry an untranslated label (marked with N_)."""

    def __new__(cls, code: str, label: str) -> "LabelledEnum":
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj._label = label  # type: ignore[attr-defined]
        return obj

    def label(self) -> str:
        return _(self._label)  # type: ignore[attr-defined]

    @classmethod
    def from_text(cls, text: str) -> "LabelledEnum | None":
        """The member whose code, English label or translated label equals ``text``."""
        return _lookup(cls).get("".join(str(text).split()))

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label()) for m in cls]


class Sex(LabelledEnum):
    MALE = ("male", N_("Male"))
    FEMALE = ("female", N_("Female"))


class MembershipEventKind(LabelledEnum):
    JOIN = ("join", N_("Joined"))
    TRANSFER_IN = ("transfer_in", N_("Transferred in"))
    RETAIN = ("retain", N_("Membership retained"))
    TRANSFER_OUT = ("transfer_out", N_("Transferred out"))
    EXPEL = ("expel", N_("Expelled"))
    WITHDRAW = ("withdraw", N_("Withdrew"))
    DECEASED = ("deceased", N_("Deceased"))


class MembershipStatus(LabelledEnum):
    ACTIVE = ("active", N_("Active member"))
    RETAINED = ("retained", N_("Membership retained"))
    TRANSFERRED_OUT = ("transferred_out", N_("Transferred out"))
    EXPELLED = ("expelled", N_("Expelled"))
    WITHDRAWN = ("withdrawn", N_("Withdrawn"))
    DECEASED = ("deceased", N_("Deceased"))
    NOT_YET = ("not_yet", N_("Not yet a member"))


# The status each event leaves the member in.
STATUS_AFTER_EVENT = {
    MembershipEventKind.JOIN: MembershipStatus.ACTIVE,
    MembershipEventKind.TRANSFER_IN: MembershipStatus.ACTIVE,
    MembershipEventKind.RETAIN: MembershipStatus.RETAINED,
    MembershipEventKind.TRANSFER_OUT: MembershipStatus.TRANSFERRED_OUT,
    MembershipEventKind.EXPEL: MembershipStatus.EXPELLED,
    MembershipEventKind.WITHDRAW: MembershipStatus.WITHDRAWN,
    MembershipEventKind.DECEASED: MembershipStatus.DECEASED,
}

# Statuses that count as "on the roll" for member totals.
ON_ROLL_STATUSES = frozenset({MembershipStatus.ACTIVE, MembershipStatus.RETAINED})


class PoliticalStatus(LabelledEnum):
    """政治面貌 as GB/T 4762 codes it (01 中共党员 … 13 群众), plus the older generic 民主党派."""

    CPC_MEMBER = ("cpc_member", N_("CPC member"))
    CPC_PROBATIONARY = ("cpc_probationary", N_("CPC probationary member"))
    CYL_MEMBER = ("cyl_member", N_("Communist Youth League member"))
    RCCK = ("rcck", N_("Member of the Revolutionary Committee of the Kuomintang"))
    CDL = ("cdl", N_("Member of the China Democratic League"))
    CNDCA = ("cndca", N_("Member of the China National Democratic Construction Association"))
    CAPD = ("capd", N_("Member of the China Association for Promoting Democracy"))
    CPWDP = ("cpwdp", N_("Member of the Chinese Peasants' and Workers' Democratic Party"))
    CZGP = ("czgp", N_("Member of the China Zhi Gong Party"))
    JSS = ("jiusan", N_("Member of the Jiusan Society"))
    TDSGL = ("tdsgl", N_("Member of the Taiwan Democratic Self-Government League"))
    NON_PARTISAN = ("non_partisan", N_("Non-partisan"))
    MASSES = ("masses", N_("Ordinary citizen"))
    # Recorded before the eight parties were told apart: still shown and counted, not offered anew.
    DEMOCRATIC_PARTY = ("democratic_party", N_("Democratic party member (party not recorded)"))

    @classmethod
    def offered(cls) -> list["PoliticalStatus"]:
        """The values a form or filter offers for a new entry (not the legacy generic one)."""
        return [m for m in cls if m is not cls.DEMOCRATIC_PARTY]


# The eight democratic parties (民主党派) and the legacy generic value: counted together where a
# summary speaks of 民主党派.
DEMOCRATIC_PARTIES = frozenset({
    PoliticalStatus.RCCK, PoliticalStatus.CDL, PoliticalStatus.CNDCA, PoliticalStatus.CAPD,
    PoliticalStatus.CPWDP, PoliticalStatus.CZGP, PoliticalStatus.JSS, PoliticalStatus.TDSGL,
    PoliticalStatus.DEMOCRATIC_PARTY,
})


class Education(LabelledEnum):
    POSTGRADUATE = ("postgraduate", N_("Postgraduate"))
    BACHELOR = ("bachelor", N_("Bachelor"))
    COLLEGE = ("college", N_("Junior college"))
    SECONDARY_VOCATIONAL = ("secondary_vocational", N_("Secondary vocational"))
    HIGH_SCHOOL = ("high_school", N_("High school"))
    JUNIOR_OR_BELOW = ("junior_or_below", N_("Junior high or below"))


class Employment(LabelledEnum):
    EMPLOYED = ("employed", N_("Employed"))
    LAID_OFF = ("laid_off", N_("Laid off"))
    UNEMPLOYED = ("unemployed", N_("Unemployed"))
    RETIRED = ("retired", N_("Retired"))
    RESIGNED = ("resigned", N_("Resigned"))


class HukouType(LabelledEnum):
    AGRICULTURAL = ("agricultural", N_("Agricultural"))
    NON_AGRICULTURAL = ("non_agricultural", N_("Non-agricultural"))


class IdType(LabelledEnum):
    RESIDENT_ID = ("resident_id", N_("Resident identity card"))
    OTHER = ("other", N_("Other document"))
