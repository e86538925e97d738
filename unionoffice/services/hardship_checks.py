"""The checks a hardship file passes before it is saved: the national 档案表 fields and the rules
(category computed from income, exclusions). Used by services/hardship.py and the file form."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from unionoffice.domain.hardship_codes import (
    Exclusion,
    FamilyIdentity,
    FamilyPolitics,
    Industry,
    KeyGroup,
    MedicalCover,
    ModelWorker,
    RigidCostKind,
    WorkStatus,
    division_name,
)
from unionoffice.domain.hardship_rules import CategoryFigures, standard_in_force
from unionoffice.domain.money import format_yuan
from unionoffice.domain.relief import HardshipCategory
from unionoffice.i18n import _
from unionoffice.services.relief import ReliefError
from unionoffice.store.models.hardship_rules import SubsistenceStandard

if TYPE_CHECKING:
    from unionoffice.services.hardship import HardshipFileInput

EXCLUSION_COLUMNS = {
    Exclusion.SEVERAL_HOMES: "excl_several_homes",
    Exclusion.BUSINESS: "excl_business",
    Exclusion.PRIVATE_SCHOOL: "excl_private_school",
    Exclusion.VEHICLE: "excl_vehicle",
}
_DIVISION = re.compile(r"\d{6}")


class CategoryDisagrees(ReliefError):
    """The category chosen is not the one the rules give; saving needs a reason."""

    def __init__(self, message: str, computed: HardshipCategory | None) -> None:
        super().__init__(message)
        self.computed = computed


class ExclusionWithoutReason(ReliefError):
    """An exclusion is answered yes and no reason keeps the file."""


def standards(session: Session) -> list[tuple[dt.date, int]]:
    """Every 低保标准 kept, as (effective date, fen per person per month), oldest first."""
    return [(d, f) for d, f in session.execute(
        select(SubsistenceStandard.effective_on, SubsistenceStandard.monthly_fen).order_by(SubsistenceStandard.effective_on))]


def reference_day(data: "HardshipFileInput") -> dt.date:
    """The day the file's figures were gathered: its last review, else its opening."""
    return data.reviewed_on or data.opened_on


def figures_for(data: "HardshipFileInput", kept: list[tuple[dt.date, int]]) -> CategoryFigures:
    """The figures behind the computed category of a file's values, with the 低保标准 in force on its day."""
    return CategoryFigures(
        annual_income_fen=data.household_annual_income_fen,
        rigid_costs_fen=sum(c.amount_fen for c in data.rigid_costs),
        household_size=data.household_size,
        standard_fen=standard_in_force(kept, reference_day(data)),
        hardship_costs_fen=data.hardship_costs_fen,
        offsets_fen=data.hardship_offsets_fen,
    )


def _code(enum: type, value: str | None, field: str) -> None:
    if value and enum.from_text(value) is None:  # type: ignore[attr-defined]
        raise ReliefError(_("{field}: “{text}” is not in the national code list.").format(field=field, text=value))


def check_national_fields(data: "HardshipFileInput") -> None:
    """Codes from the national lists, a six-digit 行政区划, the non-wage income inside the total."""
    _code(WorkStatus, data.work_status, _("Work status"))
    _code(ModelWorker, data.model_worker, _("Model worker"))
    _code(Industry, data.industry, _("Industry"))
    _code(KeyGroup, data.key_group, _("Key group"))
    for index, person in enumerate(data.family, start=1):
        where = _("Family member {row}").format(row=index)
        _code(FamilyPolitics, person.political_status, f"{where} {_('Political status')}")
        _code(FamilyIdentity, person.identity, f"{where} {_('Identity')}")
        _code(MedicalCover, person.medical_cover, f"{where} {_('Medical insurance')}")
    division = data.hukou_division.strip()
    if division and not _DIVISION.fullmatch(division):
        raise ReliefError(_("Household registration division: a six-digit code such as 110105."))
    if division and division_name(division) is None:
        raise ReliefError(_("Household registration division: {code} is not a known division code.").format(code=division))
    if data.other_income_fen > data.household_annual_income_fen:
        raise ReliefError(_("The other non-wage income is part of the household annual income and cannot exceed it."))
    for index, cost in enumerate(data.rigid_costs, start=1):
        if RigidCostKind.from_text(cost.kind) is None:
            raise ReliefError(_("Unavoidable cost {row}: please choose its kind.").format(row=index))
        if cost.amount_fen <= 0:
            raise ReliefError(_("Unavoidable cost {row}: please enter the amount.").format(row=index))


def check_rules(session: Session, data: "HardshipFileInput") -> None:
    """Refuse an exclusion without a reason, and a category other than the computed one without a reason."""
    unknown = [code for code in data.exclusions if Exclusion.from_text(code) is None]
    if unknown:
        raise ReliefError(_("Unknown exclusion “{text}”.").format(text=unknown[0]))
    if data.exclusions and not data.exclusion_reason.strip():
        names = "、".join(Exclusion(code).label() for code in data.exclusions)
        raise ExclusionWithoutReason(_("The family is not eligible for a hardship file ({items}) unless a reason is given.")
                                     .format(items=names))
    figures = figures_for(data, standards(session))
    if figures.standard_fen is None and not figures.accident:
        return  # without a 低保标准 the income categories cannot be computed; the form says so
    computed = figures.category
    chosen = HardshipCategory.from_text(data.category)
    if chosen != computed and not data.category_reason.strip():
        if computed is None:
            message = _("By the rules this family is not in hardship (per-capita {amount} yuan a month is at or above twice "
                        "the subsistence standard); give a reason to keep the file.")
        else:
            message = _("By the rules the category is “{computed}” (per-capita {amount} yuan a month); give a reason to "
                        "file it as “{chosen}”.")
        raise CategoryDisagrees(message.format(
            computed=computed.label() if computed else "", chosen=chosen.label() if chosen else "",
            amount=format_yuan(figures.per_capita_monthly_fen or 0)), computed)
