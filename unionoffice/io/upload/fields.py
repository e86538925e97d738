"""The roster fields a template column can be mapped to: the roster sheet's columns plus 序号 and 工会名称."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from unionoffice.i18n import N_, _, current_language
from unionoffice.io.roster_sheet import COLUMNS
from unionoffice.io.sheets import Column, Kind
from unionoffice.io.sheets.columns import header_key

SERIAL = "serial"
UNION_NAME = "union_name"

EXTRA_COLUMNS: list[Column] = [
    Column(SERIAL, N_("Serial number"), synonyms=("序号", "编号", "序", "No")),
    Column(UNION_NAME, N_("Union name"), synonyms=("工会名称", "所属工会", "所在工会", "基层工会名称", "工会组织名称")),
]

# Extra header words upload templates use for roster fields.
_TEMPLATE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("会员名称",),
    "id_number": ("身份证件号码", "证件号", "身份证号（18位）", "公民身份证号码"),
    "education": ("学历（文化程度）", "最高学历"),
    "join_date": ("入会年月", "加入工会时间", "加入工会日期"),
    "phone": ("手机号码（11位）", "移动电话"),
    "group": ("所在部门", "部门（车间）", "所在小组"),
    "migrant_worker": ("是否农民工会员", "农民工（是/否）"),
    "hukou_place": ("户籍地",),
    "status": ("会员状况",),
}


@dataclass(frozen=True)
class Field:
    key: str
    column: Column

    @property
    def title(self) -> str:
        return self.column.name

    @property
    def kind(self) -> Kind:
        return self.column.kind  # type: ignore[return-value]


def _with_template_words(column: Column) -> Column:
    extra = _TEMPLATE_SYNONYMS.get(column.key, ())
    if not extra:
        return column
    return Column(column.key, column.label, synonyms=(*column.synonyms, *extra), parse=column.parse,
                  required=column.required, kind=column.kind, blank_ok=column.blank_ok, width=column.width)


FIELDS: dict[str, Field] = {c.key: Field(c.key, c) for c in [*EXTRA_COLUMNS, *map(_with_template_words, COLUMNS)]}


def field_choices() -> list[tuple[str, str]]:
    """(key, title) for a mapping drop-down, in roster order."""
    return [(key, field.title) for key, field in FIELDS.items()]


@lru_cache(maxsize=4)
def _lookup(language: str) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for field in FIELDS.values():
        for name in field.column.header_names():
            lookup.setdefault(name, field.key)
    return lookup


def field_for_header(header: object) -> str | None:
    """The field a header cell names, by its text and the synonyms (None when unknown)."""
    return header_key(header, _lookup(current_language()))


def field_title(key: str | None) -> str:
    if key is None:
        return _("(not filled)")
    return FIELDS[key].title if key in FIELDS else key
