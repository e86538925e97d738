"""The printed forms of this register through the shared forms core: 慰问金发放签领表,
困难职工档案表 and the hardship lists. Builders return a FormDocument; render_form makes the PDF."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from unionoffice.domain.choices import Sex
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
from unionoffice.domain.money import format_yuan
from unionoffice.domain.relief import HardshipCategory, HardshipCause, HardshipStatus, MaritalStatus, per_capita_monthly_income
from unionoffice.i18n import _, format_date
from unionoffice.io.forms import (
    Align,
    Column,
    Field,
    FormDocument,
    GridBlock,
    MetaItem,
    Orientation,
    TableBlock,
    mask_id_number,
    money_total_row,
)
from unionoffice.io.forms.language import in_document_language
from unionoffice.services import hardship
from unionoffice.services.office import load_settings
from unionoffice.services.relief_queries import FileRow, VisitFilter, VisitRow, list_visits
from unionoffice.store.models.relief import ReliefBatch


def _label(enum: type, code: str | None) -> str:
    """The translated name of a code of a national list ("" when not given)."""
    return enum(code).label() if code else ""


def _signatures() -> list[str]:
    return [_("Handled by"), _("Reviewed by"), _("Union chair")]


def _goods_text(row: VisitRow) -> str:
    """慰问品 as the sheet shows it: what was given and, when known, its value."""
    if row.goods and row.goods_value_fen:
        return _("{goods} (worth {amount} yuan)").format(goods=row.goods, amount=format_yuan(row.goods_value_fen))
    return row.goods or (_("goods worth {amount} yuan").format(amount=format_yuan(row.goods_value_fen))
                         if row.goods_value_fen else "")


@in_document_language
def payment_sheet(session: Session, flt: VisitFilter, title: str = "") -> tuple[FormDocument, int]:
    """慰问金发放签领表 for a batch or a period: one row per visit, the total in figures and 大写.

    Returns the form and the total in fen (what the clerk will see in the preview's total row).
    """
    rows: list[VisitRow] = list_visits(session, flt, sort="group", descending=False)
    settings = load_settings(session)
    batch = session.get(ReliefBatch, flt.batch_id) if flt.batch_id else None
    if not title:
        if batch is not None:
            title = batch.title
        elif flt.start and flt.end:
            title = _("Relief visits {start} to {end}").format(start=format_date(flt.start), end=format_date(flt.end))
        else:
            title = _("Relief visits")
    columns = [
        Column(_("No."), 0.6), Column(_("Name"), 1.3), Column(_("Group"), 1.5, Align.LEFT),
        Column(_("Occasion"), 1.5, Align.LEFT), Column(_("Amount (yuan)"), 1.3, Align.RIGHT),
        Column(_("Goods"), 1.7, Align.LEFT), Column(_("Recipient's signature"), 1.5), Column(_("Date"), 1.4),
    ]
    total = sum(r.cash_fen for r in rows)
    # A goods-only visit has no cash to sign for: its amount cell stays empty rather than “0.00”.
    table_rows = [[r.recipient, r.group, r.occasion, format_yuan(r.cash_fen) if r.cash_fen else "", _goods_text(r), "",
                   format_date(r.date)] for r in rows]
    meta = [MetaItem(_("Paying unit"), settings.signature_unit or settings.union_name)]
    if batch is not None:
        meta.append(MetaItem(_("Date paid"), format_date(batch.date)))
    elif flt.start and flt.end:
        meta.append(MetaItem(_("Period"), f"{format_date(flt.start)} — {format_date(flt.end)}"))
    form = FormDocument(
        title=_("{title}: signed payment sheet").format(title=title),
        meta=meta, meta_per_line=2,
        blocks=[TableBlock(columns, table_rows, numbered=True, total=money_total_row(len(columns), 4, total),
                           min_row_height_mm=10)],
        signatures=_signatures(),
        author=settings.union_name,
    )
    return form, total


@in_document_language
def hardship_file_form(session: Session, file_id: int, show_full_id: bool = False) -> FormDocument:
    """困难职工档案表: one file on one or two pages."""
    hfile = hardship.get_file(session, file_id)
    member = hfile.member
    settings = load_settings(session)
    per_capita = per_capita_monthly_income(hfile.household_annual_income_fen, hfile.household_size)
    yuan = _("{amount} yuan")
    basic = GridBlock(title=_("Basic facts"), pairs_per_row=3, fields=[
        Field(_("Name"), member.name), Field(_("Sex"), Sex(member.sex).label() if member.sex else ""),
        Field(_("Birth date"), format_date(member.birth_date)),
        Field(_("ID number"), mask_id_number(member.id_number or "", show_full=show_full_id)),
        Field(_("Group"), member.group.name if member.group else ""), Field(_("Phone"), member.phone),
        Field(_("Health"), hfile.health), Field(_("Disability"), hfile.disability),
        Field(_("Marital status"), MaritalStatus(hfile.marital_status).label() if hfile.marital_status else ""),
        Field(_("Single parent"), _("Yes") if hfile.single_parent else _("No")),
        Field(_("Housing"), hfile.housing),
        Field(_("Staff number"), hfile.staff_no), Field(_("Work status"), _label(WorkStatus, hfile.work_status)),
        Field(_("Model worker"), _label(ModelWorker, hfile.model_worker)),
        Field(_("Industry"), _label(Industry, hfile.industry)), Field(_("Working since"), format_date(hfile.work_started_on)),
        Field(_("Household registration division"),
              f"{hfile.hukou_division} {division_name(hfile.hukou_division) or ''}".strip()),
    ])
    secondary = "、".join(HardshipCause(c.cause).label() for c in hfile.secondary_causes)
    situation = GridBlock(title=_("Hardship"), pairs_per_row=3, fields=[
        Field(_("Hardship category"), HardshipCategory(hfile.category).label()),
        Field(_("Main cause"), HardshipCause(hfile.main_cause).label()),
        Field(_("Secondary causes"), secondary),
        Field(_("Own monthly income"), yuan.format(amount=format_yuan(hfile.monthly_income_fen))),
        Field(_("Household size"), str(hfile.household_size)),
        Field(_("Household annual income"), yuan.format(amount=format_yuan(hfile.household_annual_income_fen))),
        Field(_("Per-capita monthly income"), yuan.format(amount=format_yuan(per_capita)) if per_capita is not None else ""),
        Field(_("Other non-wage income a year (yuan)"), format_yuan(hfile.other_income_fen)),
        Field(_("Zero-employment family"), _("Yes") if hfile.zero_employment else _("No")),
        Field(_("Medical insurance"), hfile.medical_insurance),
        Field(_("Key group"), _label(KeyGroup, hfile.key_group), span=2),
        Field(_("Unavoidable costs"), yuan.format(amount=format_yuan(sum(c.amount_fen for c in hfile.rigid_costs)))),
        Field(_("Hardship costs this year (yuan)"), format_yuan(hfile.hardship_costs_fen)),
        Field(_("Compensation, insurance and aid (yuan)"), format_yuan(hfile.hardship_offsets_fen)),
        Field(_("Exclusions"), "、".join(Exclusion(code).label() for code in hardship.file_input(hfile).exclusions) or _("No exclusion"),
              span=2),
        Field(_("Reason despite exclusions"), hfile.exclusion_reason),
        Field(_("Reason for the category"), hfile.category_reason, span=3),
        Field(_("Status"), HardshipStatus(hfile.status).label()),
        Field(_("File opened on"), format_date(hfile.opened_on)),
        Field(_("Last review"), format_date(hfile.reviewed_on)),
        Field(_("Notes"), hfile.notes + (f"　{hfile.close_reason}" if hfile.close_reason else ""), span=3),
    ])
    family = TableBlock(
        [Column(_("Name"), 1.0), Column(_("Relation"), 0.7), Column(_("Sex"), 0.5), Column(_("Political status"), 0.9),
         Column(_("Birth date"), 1.2), Column(_("ID number"), 1.9), Column(_("Health"), 0.9),
         Column(_("Monthly income (yuan)"), 1.0, Align.RIGHT), Column(_("Identity"), 0.9),
         Column(_("Medical insurance"), 1.4, Align.LEFT), Column(_("Work unit or school"), 1.3, Align.LEFT)],
        [[p.name, p.relation, Sex(p.sex).label() if p.sex else "", _label(FamilyPolitics, p.political_status),
          format_date(p.birth_date), mask_id_number(p.id_number, show_full=show_full_id) if p.id_number else "", p.health,
          format_yuan(p.monthly_income_fen) if p.monthly_income_fen else "", _label(FamilyIdentity, p.identity),
          _label(MedicalCover, p.medical_cover), p.work_or_school] for p in hfile.family],
        title=_("Family members"), blank_rows=0 if hfile.family else 2,
    )
    costs = TableBlock(
        [Column(_("Kind"), 1.4), Column(_("What"), 3.0, Align.LEFT), Column(_("Amount a year (yuan)"), 1.4, Align.RIGHT)],
        [[RigidCostKind(c.kind).label(), c.description, format_yuan(c.amount_fen)] for c in hfile.rigid_costs],
        title=_("Unavoidable costs (刚性支出), per year"), blank_rows=0 if hfile.rigid_costs else 1,
    )
    reviews = TableBlock(
        [Column(_("Date"), 1.3), Column(_("Reviewed by"), 1.2), Column(_("Findings"), 3.4, Align.LEFT),
         Column(_("Household annual income (yuan)"), 1.6, Align.RIGHT)],
        [[format_date(r.date), r.reviewer, r.findings,
          format_yuan(r.household_annual_income_fen) if r.household_annual_income_fen is not None else ""]
         for r in hfile.reviews],
        title=_("Reviews"), blank_rows=0 if hfile.reviews else 1,
    )
    visits = [v for v in list_visits(session, VisitFilter(member_id=member.id), sort="date", descending=False)
              if v.date >= hfile.opened_on]
    help_table = TableBlock(
        [Column(_("Date"), 1.3), Column(_("Occasion"), 1.6, Align.LEFT), Column(_("Cash (yuan)"), 1.2, Align.RIGHT),
         Column(_("Goods"), 2.0, Align.LEFT), Column(_("Visitors"), 1.8, Align.LEFT)],
        [[format_date(v.date), v.occasion, format_yuan(v.cash_fen), v.goods, v.visitors] for v in visits],
        title=_("Help received since the file was opened"), blank_rows=0 if visits else 2,
    )
    return FormDocument(
        title=_("Hardship worker file"), subtitle=settings.union_name,
        meta=[MetaItem(_("File opened on"), format_date(hfile.opened_on)), MetaItem(_("Printed on"), format_date(dt.date.today()))],
        meta_per_line=2, blocks=[basic, situation, family, costs, reviews, help_table],
        signatures=[_("Filled in by"), _("Reviewed by"), _("Union chair")], author=settings.union_name,
    )


@in_document_language
def hardship_list_form(session: Session, rows: list[FileRow], list_title: str) -> FormDocument:
    """A list of hardship files as the clerk filtered it (due for review, never helped, by cause …)."""
    settings = load_settings(session)
    columns = [
        Column(_("No."), 0.6), Column(_("Name"), 1.1), Column(_("Group"), 1.5, Align.LEFT), Column(_("Category"), 1.1),
        Column(_("Main cause"), 1.6, Align.LEFT), Column(_("Household"), 0.8), Column(_("Per-capita monthly income (yuan)"), 1.4, Align.RIGHT),
        Column(_("Status"), 0.9), Column(_("Opened"), 1.3), Column(_("Last review"), 1.3), Column(_("Visits"), 0.8),
        Column(_("Cash received (yuan)"), 1.3, Align.RIGHT),
    ]
    table_rows = [[
        r.member_name, r.group, HardshipCategory(r.category).label(), HardshipCause(r.main_cause).label(),
        str(r.household_size), format_yuan(r.per_capita_monthly_fen) if r.per_capita_monthly_fen is not None else "",
        HardshipStatus(r.status).label(), format_date(r.opened_on), format_date(r.reviewed_on), str(r.visits),
        format_yuan(r.cash_fen)] for r in rows]
    return FormDocument(
        title=_("Hardship workers: {list}").format(list=list_title), subtitle=settings.union_name,
        meta=[MetaItem(_("Printed on"), format_date(dt.date.today())), MetaItem(_("Files"), str(len(rows)))],
        meta_per_line=2, orientation=Orientation.LANDSCAPE,
        blocks=[TableBlock(columns, table_rows, numbered=True)], author=settings.union_name,
    )
