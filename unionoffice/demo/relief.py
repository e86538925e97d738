"""Demo part: hardship files, relief visits (a Spring Festival round each year) and rights cases."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from unionoffice.demo import DemoContext
from unionoffice.demo.office import GIVEN, SURNAMES
from unionoffice.domain.relief import CaseChannel, CaseKind, CaseResult, FundingSource, HardshipCategory, HardshipStatus
from unionoffice.domain.hardship_codes import RigidCostKind
from unionoffice.domain.hardship_rules import CategoryFigures, standard_in_force
from unionoffice.services.relief import ensure_default_occasions
from unionoffice.store.models.hardship_rules import (
    HardshipMonthlyIncome,
    HardshipReview,
    HardshipRigidCost,
    SubsistenceStandard,
)
from unionoffice.store.models.relief import ReliefBatch, ReliefOccasion, ReliefVisit
from unionoffice.store.models.relief_hardship import (
    HardshipCauseEntry,
    HardshipFamilyMember,
    HardshipFile,
    HardshipStatusChange,
)
from unionoffice.store.models.relief_rights import RightsCase, RightsCaseStep

ORDER = 40

VISITORS = ["林示范、王干事", "林示范、工会委员赵敏", "王干事、车间主任", "工会副主席陈立、王干事"]
GOODS = [("米、面、油", 15000), ("慰问品一份", 20000), ("水果篮", 10000), ("", 0)]
CASE_SUMMARIES = {
    "wages": ["拖欠加班工资三个月", "绩效工资未按约定发放", "夜班津贴标准低于规定"],
    "contract": ["劳动合同到期未续签", "试用期延长未协商"],
    "social_insurance": ["社保缴费基数偏低", "公积金断缴两个月"],
    "work_injury": ["工伤认定材料办理不及时", "工伤停工留薪期待遇争议"],
    "women_protection": ["孕期被安排夜班", "产假工资发放不足"],
    "safety": ["车间通风设备损坏", "劳保用品发放不足"],
    "other": ["食堂就餐价格上涨", "班车线路调整"],
}
FAMILY = [("配偶", "male"), ("子女", "female"), ("子女", "male"), ("母亲", "female"), ("父亲", "male")]


def _occasions(session: Session) -> dict[str, int]:
    ensure_default_occasions(session)
    return dict(session.execute(select(ReliefOccasion.code, ReliefOccasion.id)).all())


def _files(session: Session, ctx: DemoContext) -> dict[int, dt.date]:
    """Open hardship files for about 4% of members; returns member id → opened date of open files."""
    rng = ctx.rng
    holders = rng.sample(ctx.members, max(8, len(ctx.members) // 25))
    files, causes, family, history, costs, reviews, incomes = [], [], [], [], [], [], []
    # The local 低保标准: one from before the files, raised each July.
    standards = [(dt.date(ctx.start.year - 2, 1, 1), 900_00)] + [
        (dt.date(year, 7, 1), 900_00 + 50_00 * (year - ctx.start.year + 2)) for year in range(ctx.start.year - 1, ctx.end.year + 1)]
    session.execute(insert(SubsistenceStandard), [{"effective_on": d, "monthly_fen": f, "note": "演示数据"} for d, f in standards])
    open_files: dict[int, dt.date] = {}
    for file_id, (member_id, _sex, _group) in enumerate(holders, start=1):
        opened = ctx.random_date(ctx.start - dt.timedelta(days=700), ctx.end - dt.timedelta(days=30))
        size = rng.randint(2, 5)
        status, closed, reason = HardshipStatus.OPEN.value, None, ""
        if rng.random() < 0.15:
            closed = ctx.random_date(max(opened, ctx.start), ctx.end)
            status = rng.choice([HardshipStatus.OUT_OF_HARDSHIP.value, HardshipStatus.CANCELLED.value])
            reason = "家庭收入提高，已脱困" if status == HardshipStatus.OUT_OF_HARDSHIP.value else "调离本单位"
        main = rng.choice(["6", "6", "6", "3", "9", "1", "8", "4", "10"])
        annual = rng.randrange(20_000, 60_000) * 100
        medical = rng.choice([0, 0, 360_000, 800_000, 1_500_000])
        reviewed = min(opened + dt.timedelta(days=rng.randrange(0, 500)), ctx.end) if rng.random() < 0.6 else None
        # An accident (cause 8) costs most of a year's income, less what insurance paid back.
        costs_fen = annual * rng.choice([9, 12]) // 10 if main == "8" else 0
        offsets_fen = costs_fen // 10
        figures = CategoryFigures(annual, medical, size, standard_in_force(standards, reviewed or opened), costs_fen,
                                  offsets_fen)
        category = figures.category
        vehicle = rng.random() < 0.05
        if status == HardshipStatus.OPEN.value:  # the last six months' income, for the 脱困 check
            month = ctx.end.replace(day=1)
            for _i in range(6):
                month = (month - dt.timedelta(days=1)).replace(day=1)
                if month >= opened:
                    incomes.append({"file_id": file_id, "month": month, "household_size": size, "note": "",
                                    "household_income_fen": annual // 12 + rng.randrange(-200, 400) * 100})
        if medical:
            costs.append({"file_id": file_id, "position": 0, "kind": RigidCostKind.MEDICAL.value, "description": "住院及门诊自付",
                          "amount_fen": medical})
        if reviewed:
            reviews.append({"file_id": file_id, "date": reviewed, "reviewer": "王干事", "findings": "入户核实，情况属实",
                            "household_annual_income_fen": annual, "household_size": size})
        files.append({
            "id": file_id, "member_id": member_id,
            "category": (category or HardshipCategory.RELATIVE).value,
            "category_reason": "" if category else "演示数据：家庭成员患病，收入不稳定",
            "staff_no": f"GH-{member_id:05d}", "work_status": rng.choice(["1", "1", "2", "5"]),
            "model_worker": "4", "industry": rng.choice(["15", "13", "23"]), "hukou_division": "110105",
            "zero_employment": rng.random() < 0.1, "key_group": rng.choice([None, "1", "3"]),
            "hardship_costs_fen": costs_fen, "hardship_offsets_fen": offsets_fen,
            "excl_vehicle": vehicle, "exclusion_reason": "残疾人代步车，非营运" if vehicle else "",
            "main_cause": main, "health": rng.choice(["健康", "慢性病", "大病"]), "disability": "",
            "marital_status": rng.choice(["married", "married", "divorced", "widowed"]), "single_parent": rng.random() < 0.2,
            "housing": rng.choice(["自有住房", "租房", "公租房"]), "monthly_income_fen": rng.randrange(2000, 4500) * 100,
            "household_size": size, "household_annual_income_fen": annual,
            "medical_insurance": "城镇职工医保", "notes": "演示数据", "status": status, "opened_on": opened,
            "closed_on": closed, "close_reason": reason,
            "reviewed_on": reviewed,
        })
        for position, cause in enumerate(rng.sample([c for c in "2345789" if c != main], rng.randint(0, 2))):
            causes.append({"file_id": file_id, "cause": cause, "position": position})
        for position, (relation, sex) in enumerate(FAMILY[: size - 1]):
            family.append({"file_id": file_id, "position": position, "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                           "relation": relation, "sex": sex, "id_number": "", "health": "健康",
                           "monthly_income_fen": 0, "work_or_school": "示例中学" if relation == "子女" else "",
                           "political_status": "3", "identity": "8" if relation == "子女" else "4", "medical_cover": "2"})
        history.append({"file_id": file_id, "date": opened, "status": HardshipStatus.OPEN.value, "reason": "建档"})
        if closed:
            history.append({"file_id": file_id, "date": closed, "status": status, "reason": reason})
        else:
            open_files[member_id] = opened
    session.execute(insert(HardshipFile), files)
    for model, rows in ((HardshipCauseEntry, causes), (HardshipFamilyMember, family), (HardshipStatusChange, history),
                        (HardshipRigidCost, costs), (HardshipReview, reviews), (HardshipMonthlyIncome, incomes)):
        if rows:
            session.execute(insert(model), rows)
    return open_files


def _visits(session: Session, ctx: DemoContext, occasions: dict[str, int], holders: dict[int, dt.date]) -> None:
    rng = ctx.rng
    batches, visits = [], []
    batch_id = 0
    for year in range(ctx.start.year, ctx.end.year + 1):
        day = dt.date(year, 1, 20) + dt.timedelta(days=rng.randrange(8))
        if not ctx.start <= day <= ctx.end:
            continue
        batch_id += 1
        batches.append({"id": batch_id, "title": f"{year}年春节送温暖", "date": day,
                        "occasion_id": occasions["spring_festival"], "notes": "演示数据"})
        others = rng.sample(ctx.members, min(len(ctx.members), max(25, len(ctx.members) // 40)))
        recipients = sorted({*holders, *(m for m, _s, _g in others)})
        visitors = rng.choice(VISITORS)
        for member_id in recipients:
            goods, value = GOODS[0]
            visits.append(_visit(day, member_id, occasions["spring_festival"], 100000 if member_id in holders else 50000,
                                 goods, value, FundingSource.HIGHER_UNION.value if member_id in holders else
                                 FundingSource.OWN_FUNDS.value, visitors, batch_id, rng.random() < 0.9))
    per_year = max(20, len(ctx.members) // 12)
    years = ctx.end.year - ctx.start.year + 1
    plan = [("hospital", 0.45, (20000, 30000, 50000)), ("funeral", 0.12, (100000, 200000)),
            ("wedding_birth", 0.2, (50000,)), ("school_aid", 0.08, (100000, 200000)),
            ("emergency", 0.05, (200000, 300000)), ("summer_cool", 0.1, (0,))]
    for _ in range(per_year * years):
        code = rng.choices([p[0] for p in plan], weights=[p[1] for p in plan])[0]
        amounts = next(p[2] for p in plan if p[0] == code)
        member_id = rng.choice(ctx.members)[0]
        cash = rng.choice(amounts)
        goods, value = ("防暑降温用品", 8000) if code == "summer_cool" else rng.choice(GOODS[2:])
        reason = ""
        if code == "hospital" and rng.random() < 0.05:
            cash, reason = 80000, "重大手术，经工会主席批准"
        visit = _visit(ctx.random_date(), member_id, occasions[code], cash, goods, value,
                       rng.choice([s.value for s in FundingSource][:3]), rng.choice(VISITORS), None, rng.random() < 0.8)
        if code == "school_aid":
            visit.update(family_name=f"{rng.choice('小大')}{rng.choice('明华丽强')}", family_relation="子女")
        visit["over_limit_reason"] = reason
        visits.append(visit)
    if batches:
        session.execute(insert(ReliefBatch), batches)
    session.execute(insert(ReliefVisit), visits)


def _visit(day: dt.date, member_id: int, occasion_id: int, cash: int, goods: str, value: int, funding: str,
           visitors: str, batch_id: int | None, in_accounts: bool) -> dict:
    return {"date": day, "member_id": member_id, "occasion_id": occasion_id, "cash_fen": cash, "goods": goods,
            "goods_value_fen": value, "funding_source": funding, "visitors": visitors, "notes": "", "in_accounts": in_accounts,
            "over_limit_reason": "", "batch_id": batch_id, "family_name": "", "family_relation": ""}


def _cases(session: Session, ctx: DemoContext) -> None:
    rng = ctx.rng
    count = max(10, len(ctx.members) // 30) * (ctx.end.year - ctx.start.year + 1)
    cases, steps = [], []
    for case_id in range(1, count + 1):
        kind = rng.choices([k.value for k in CaseKind], weights=[35, 15, 15, 10, 8, 10, 7])[0]
        received = ctx.random_date()
        from_member = rng.random() < 0.85
        closed = received + dt.timedelta(days=rng.randrange(3, 60))
        done = closed <= ctx.end and rng.random() < 0.9
        result = rng.choices([r.value for r in CaseResult], weights=[70, 15, 5, 10])[0] if done else None
        money = rng.randrange(20, 300) * 10000 if done and kind == "wages" and result == "mediated" else 0
        cases.append({
            "id": case_id, "received_on": received, "member_id": rng.choice(ctx.members)[0] if from_member else None,
            "complainant": "" if from_member else rng.choice(["外包工赵某", "劳务派遣工李某", "匿名"]),
            "contact": "", "channel": rng.choice([c.value for c in CaseChannel]), "kind": kind,
            "summary": rng.choice(CASE_SUMMARIES[kind]), "result": result, "money_recovered_fen": money,
            "closed_on": closed if done else None, "notes": "演示数据",
        })
        steps.append({"case_id": case_id, "date": received, "action": "受理登记，了解情况", "handler": "王干事"})
        if done:
            steps.append({"case_id": case_id, "date": closed, "action": "与相关部门协调处理并答复职工", "handler": "林示范"})
    session.execute(insert(RightsCase), cases)
    session.execute(insert(RightsCaseStep), steps)


def populate(session: Session, ctx: DemoContext) -> None:
    occasions = _occasions(session)
    holders = _files(session, ctx)
    _visits(session, ctx, occasions, holders)
    _cases(session, ctx)
