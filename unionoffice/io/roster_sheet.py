"""The roster's spreadsheet columns (会员花名册), shared by import and export.

The export writes them in this order: the 花名册 columns of the printed roster first, then the
other 实名制 fields, so an exported file imports back unchanged.
"""

from __future__ import annotations

from typing import Any, Type

from unionoffice.domain.choices import (
    Education,
    Employment,
    HukouType,
    IdType,
    LabelledEnum,
    MembershipStatus,
    PoliticalStatus,
    Sex,
)
from unionoffice.i18n import N_, current_language
from unionoffice.io.sheets import Column, Kind, parse_id_number
from unionoffice.io.sheets import synonyms as S
from unionoffice.io.sheets import CellError, choice_parser, parse_month, parse_name
from unionoffice.io.sheets.values import normalize_text, parse_ethnicity

# What real rosters write besides the program's own labels.
_EXTRA_WORDS: dict[type, dict[str, str]] = {
    Sex: {"男性": "male", "女性": "female", "m": "male", "f": "female"},
    MembershipStatus: {"在会": "active", "正常": "active", "会员": "active", "在册会员": "active",
                       "保留": "retained", "退会": "withdrawn", "死亡": "deceased", "已故": "deceased"},
    Employment: {"待岗": "laid_off", "下岗": "laid_off", "待（下）岗": "laid_off", "在职": "employed"},
    HukouType: {"农业户口": "agricultural", "非农业户口": "non_agricultural", "城镇": "non_agricultural",
                "农村": "agricultural", "城镇户口": "non_agricultural"},
    IdType: {"身份证": "resident_id"},
}


def vocabulary(enum: Type[LabelledEnum]) -> Any:
    """A parser accepting the enum's codes and labels, plus the words rosters commonly use."""
    strict = choice_parser(enum)
    extra = {"".join(k.split()).lower(): v for k, v in _EXTRA_WORDS.get(enum, {}).items()}
    # A roster repeats a handful of words 20,000 times: remember each answer (per language).
    seen: dict[tuple[str, Any], LabelledEnum] = {}

    def parse(value: Any) -> LabelledEnum:
        cache_key = (current_language(), value)
        found = seen.get(cache_key)
        if found is None:
            code = extra.get("".join(normalize_text(value).split()).lower())
            found = enum(code) if code is not None else strict(value)
            seen[cache_key] = found
        return found

    return parse


COLUMNS: list[Column] = [
    Column("name", N_("Full name"), synonyms=S.NAME, parse=parse_name, required=True, width=10),
    Column("sex", N_("Sex"), synonyms=S.SEX, parse=vocabulary(Sex), kind=Kind.TEXT, width=6),
    Column("birth_date", N_("Birth date"), synonyms=S.BIRTH_DATE, parse=parse_month, kind=Kind.DATE),
    Column("ethnicity", N_("Ethnicity"), synonyms=S.ETHNICITY, parse=parse_ethnicity, width=8),
    Column("political_status", N_("Political status"), synonyms=S.POLITICAL_STATUS, parse=vocabulary(PoliticalStatus),
           kind=Kind.TEXT),
    Column("education", N_("Education"), synonyms=(*S.EDUCATION, "最高学历"), parse=vocabulary(Education),
           kind=Kind.TEXT, width=10),
    Column("id_number", N_("ID card number"), synonyms=S.ID_NUMBER,
           parse=parse_id_number, kind=Kind.ID_NUMBER),
    Column("group", N_("Group / department"), synonyms=(*S.GROUP, "部门/工会小组", "班组")),
    Column("join_date", N_("Join date"), synonyms=(*S.JOINED_ON, "入会年月"), kind=Kind.DATE),
    Column("card_no", N_("Card number"), synonyms=(*S.CARD_NO, "会员证编号")),
    Column("status", N_("Membership status"), synonyms=(*S.MEMBERSHIP_STATUS, "会籍"),
           parse=vocabulary(MembershipStatus), kind=Kind.TEXT, width=10),
    Column("migrant_worker", N_("Migrant worker?"), synonyms=S.MIGRANT_WORKER,
           kind=Kind.BOOLEAN),
    Column("phone", N_("Phone"), synonyms=S.PHONE, kind=Kind.PHONE),
    Column("notes", N_("Notes"), synonyms=S.REMARK, width=20),
    Column("id_type", N_("ID type"), synonyms=S.ID_TYPE, parse=vocabulary(IdType), kind=Kind.TEXT),
    Column("skill_level", N_("Skill level"), synonyms=("技能等级", "职业技能等级", "技术等级")),
    Column("employment", N_("Employment"), synonyms=S.EMPLOYMENT, parse=vocabulary(Employment),
           kind=Kind.TEXT),
    Column("post", N_("Post"), synonyms=(*S.POST, "岗位/职务")),
    Column("hukou_type", N_("Hukou type"), synonyms=(*S.HUKOU_TYPE, "户籍性质"), parse=vocabulary(HukouType),
           kind=Kind.TEXT),
    Column("hukou_place", N_("Hukou place"), synonyms=("户籍所在地", "户口所在地")),
    Column("native_place", N_("Native place"), synonyms=("籍贯",)),
]
COLUMN_KEYS = [c.key for c in COLUMNS]
# The printed/exported 花名册 (report.md); the other 实名制 fields are exported on request.
ROSTER_KEYS = ("name", "sex", "birth_date", "ethnicity", "political_status", "education", "id_number", "group",
               "join_date", "card_no", "status", "migrant_worker", "phone", "notes")
ROSTER_COLUMNS = [c for c in COLUMNS if c.key in ROSTER_KEYS]

__all__ = ["COLUMNS", "COLUMN_KEYS", "ROSTER_COLUMNS", "ROSTER_KEYS", "CellError", "vocabulary"]
