"""Code lists of the national 困难职工档案表 (as its 填表说明 lists them), stored by code, shown translated.

The causes (致困原因 1–10) live in domain/relief.py with the other relief vocabularies.
"""

from __future__ import annotations

import re
from functools import lru_cache

from stdnum import numdb

from unionoffice.domain.choices import LabelledEnum
from unionoffice.i18n import N_

_DIVISION = re.compile(r"\d{6}")


@lru_cache(maxsize=1024)
def division_name(code: str) -> str | None:
    """户口所在地行政区划: the place a GB/T 2260 six-digit code names (北京市朝阳区), None when it is not a known code.
    Former codes still count (python-stdnum's table keeps them, marked with the years they were in use)."""
    if not _DIVISION.fullmatch(code):
        return None
    parts = numdb.get("cn/loc").info(code)
    province = next((props["province"] for _part, props in parts if "province" in props), None)
    county = next((props["county"] for _part, props in parts if "county" in props), None)
    if province is None or county is None:
        return None
    county = re.sub(r"^\[[^\]]*\]", "", county)
    return province if county == province else province + county


class WorkStatus(LabelledEnum):
    """工作状态 of the member (and 身份 of a working family member)."""

    ON_DUTY = ("1", N_("On duty"))
    LAID_OFF = ("2", N_("Laid off or waiting for a post"))
    UNEMPLOYED = ("3", N_("Unemployed or without work"))
    RETIRED = ("4", N_("Retired"))
    SICK_LEAVE = ("5", N_("On sick leave"))
    EARLY_RETIRED = ("6", N_("Internally retired"))
    LIXIU = ("7", N_("Retired veteran cadre"))


class ModelWorker(LabelledEnum):
    """劳模类型."""

    NATIONAL = ("1", N_("National model worker"))
    PROVINCIAL = ("2", N_("Provincial or ministerial model worker"))
    PREFECTURAL = ("3", N_("Prefecture or city model worker"))
    OTHER = ("4", N_("Other (not a model worker)"))


class Industry(LabelledEnum):
    """所属行业 as the 档案表's 填表说明 lists them."""

    AGRICULTURE = ("1", N_("Agriculture, forestry, animal husbandry and fishery"))
    FINANCE = ("2", N_("Finance and insurance"))
    SOCIAL_SERVICES = ("3", N_("Social services"))
    EDUCATION = ("4", N_("Education (industry)"))
    SCIENCE = ("5", N_("Science and technology"))
    CULTURE = ("6", N_("Culture"))
    SPORTS = ("7", N_("Sports"))
    RELIGION = ("8", N_("Religion"))
    HEALTH = ("9", N_("Medicine and health"))
    ARMY = ("10", N_("Army"))
    STATE_ORGANS = ("11", N_("State organs"))
    TEXTILES = ("12", N_("Textiles"))
    METALLURGY = ("13", N_("Metallurgy"))
    COAL = ("14", N_("Coal"))
    MACHINERY = ("15", N_("Machinery and electrical"))
    ELECTRONICS = ("16", N_("Electronics and instruments"))
    CHEMICALS = ("17", N_("Chemicals"))
    DEFENCE = ("18", N_("National defence"))
    URBAN_CONSTRUCTION = ("19", N_("Urban construction"))
    PRECISION = ("20", N_("Precision engineering"))
    TRADE = ("21", N_("Finance and trade"))
    PHARMACEUTICALS = ("22", N_("Pharmaceuticals"))
    OTHER = ("23", N_("Other industry"))


class KeyGroup(LabelledEnum):
    """五类重点群体 of 解困脱困 (one per file, or none)."""

    ABLE_UNDEREMPLOYED = ("1", N_("Able to work but not fully employed, within the subsistence range"))
    BELOW_LINE_NOT_COVERED = ("2", N_("Below the subsistence line but not receiving it"))
    EXPENDITURE = ("3", N_("In hardship from unavoidable spending"))
    MIGRANT = ("4", N_("Urban migrant worker in hardship"))
    RESTRUCTURING = ("5", N_("Worker in hardship from supply-side restructuring"))
    OTHER = ("6", N_("Other key group"))


class FamilyPolitics(LabelledEnum):
    """政治面貌 of a family member as the 档案表 asks it."""

    CPC = ("1", N_("CPC member"))
    CYL = ("2", N_("Communist Youth League member"))
    MASSES = ("3", N_("Ordinary citizen"))
    DEMOCRATIC = ("4", N_("Democratic party member"))
    OTHER = ("5", N_("Other political status"))


class FamilyIdentity(LabelledEnum):
    """身份 of a family member."""

    ON_DUTY = ("1", N_("On duty"))
    LAID_OFF = ("2", N_("Laid off or waiting for a post"))
    UNEMPLOYED = ("3", N_("Unemployed or without work"))
    RETIRED = ("4", N_("Retired"))
    SICK_LEAVE = ("5", N_("On sick leave"))
    EARLY_RETIRED = ("6", N_("Internally retired"))
    MIGRANT = ("7", N_("Migrant worker"))
    STUDENT = ("8", N_("Student"))
    PRESCHOOL = ("9", N_("Pre-school child"))
    OTHER = ("10", N_("Other identity"))


class MedicalCover(LabelledEnum):
    """医保状况 of a family member."""

    EMPLOYEE = ("1", N_("Employee basic medical insurance"))
    RESIDENT = ("2", N_("Urban and rural resident medical insurance"))
    PUBLIC = ("3", N_("Public medical care"))
    COMMERCIAL_ONLY = ("4", N_("Commercial insurance only"))
    NONE = ("5", N_("Not insured"))


class RigidCostKind(LabelledEnum):
    """刚性支出 items: what the national formula subtracts from the household's income."""

    MEDICAL = ("medical", N_("Medical costs"))
    SCHOOLING = ("schooling", N_("Schooling costs"))
    OTHER = ("other", N_("Other unavoidable costs"))


class Exclusion(LabelledEnum):
    """What the rules name as excluding a family from hardship files (any yes: ineligible unless a reason is given)."""

    SEVERAL_HOMES = ("several_homes", N_("Owns two or more homes"))
    BUSINESS = ("business", N_("Runs a business that employs others"))
    PRIVATE_SCHOOL = ("private_school", N_("Children at high-fee private schools or studying abroad at own cost"))
    VEHICLE = ("vehicle", N_("A motor vehicle in regular private use"))
