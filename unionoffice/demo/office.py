"""Demo part: office settings, groups, and the member roster with membership history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.orm import Session

from unionoffice.demo import DemoContext
from unionoffice.domain.choices import (
    Education,
    Employment,
    HukouType,
    MembershipEventKind,
    MembershipStatus,
    PoliticalStatus,
    Sex,
)
from unionoffice.domain.idcard import make_id_number
from unionoffice.domain.pinyin import name_columns
from unionoffice.services.office import OfficeSettings, save_settings
from unionoffice.store.models import Group, Member, MembershipEvent
from unionoffice.store.tally import tally_paused

ORDER = 10

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛"
    "瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园"
    "艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽斌宏言若鸣朋斌梁栋维启克伦翔旭鹏泽"
)
GROUP_NAMES = (
    "综合办公室", "财务部", "人力资源部", "生产一车间", "生产二车间", "生产三车间", "质检部", "设备动力部",
    "安全环保部", "销售部", "采购部", "仓储物流部", "技术研发部", "信息中心", "后勤服务中心", "党群工作部",
)
ETHNICITIES = ["汉族"] * 18 + ["回族", "满族", "壮族", "蒙古族"]


def _group_names(count: int) -> list[str]:
    names = list(GROUP_NAMES[:count])
    number = 1
    while len(names) < count:
        names.append(f"第{number}工区")
        number += 1
    return names


def populate(session: Session, ctx: DemoContext) -> None:
    rng = ctx.rng
    save_settings(
        session,
        OfficeSettings(
            union_name="示例市演示机械有限公司工会委员会",
            parent_union="示例市总工会",
            signature_unit="示例市演示机械有限公司工会",
            chair_name="林示范",
        ),
    )
    groups = [
        {"id": i, "name": name, "position": i, "retired": False}
        for i, name in enumerate(_group_names(ctx.spec.groups), start=1)
    ]
    session.execute(insert(Group), groups)
    ctx.group_ids = [g["id"] for g in groups]

    members, events = [], []
    used_ids: set[str] = set()
    event_id = 1
    for member_id in range(1, ctx.spec.members + 1):
        female = rng.random() < 0.46
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        birth = dt.date(rng.randint(1966, 2003), rng.randint(1, 12), rng.randint(1, 28))
        id_number = make_id_number(rng, birth, female)
        while id_number in used_ids:
            id_number = make_id_number(rng, birth, female)
        used_ids.add(id_number)
        earliest_join = max(birth.replace(year=birth.year + 18), dt.date(1995, 1, 1))
        # A few in ten join during the demo period, so "joined in the period" has figures.
        if rng.random() < 0.12:
            join = ctx.random_date()
        else:
            join = earliest_join + dt.timedelta(days=rng.randrange(max(1, (ctx.start - earliest_join).days)))
        join = min(join, ctx.end)
        group_id = rng.choice(ctx.group_ids)
        status = MembershipStatus.ACTIVE
        member_events = [(MembershipEventKind.JOIN, join, "", "")]
        roll = rng.random()
        if roll < 0.04 and join < ctx.end:
            leave = ctx.random_date(max(join, ctx.start), ctx.end)
            member_events.append((MembershipEventKind.TRANSFER_OUT, leave, "工作调动", "示例市其他单位工会"))
            status = MembershipStatus.TRANSFERRED_OUT
        elif roll < 0.06 and join < ctx.end:
            leave = ctx.random_date(max(join, ctx.start), ctx.end)
            member_events.append((MembershipEventKind.RETAIN, leave, "离岗待业，保留会籍", ""))
            status = MembershipStatus.RETAINED
        members.append(
            {
                "id": member_id,
                "name": name,
                "sex": Sex.FEMALE.value if female else Sex.MALE.value,
                "ethnicity": rng.choice(ETHNICITIES),
                "birth_date": birth,
                "id_type": "resident_id",
                "id_number": id_number,
                "political_status": rng.choices(
                    [p.value for p in PoliticalStatus.offered()], weights=[25, 3, 12, *[0.25] * 8, 1, 57]
                )[0],
                "education": rng.choices([e.value for e in Education], weights=[6, 30, 28, 16, 12, 8])[0],
                "skill_level": rng.choice(["", "", "初级工", "中级工", "高级工", "技师"]),
                "employment": Employment.EMPLOYED.value,
                "group_id": group_id,
                "post": rng.choice(["操作工", "技术员", "管理员", "班组长", "检验员", "会计", "司机", "文员"]),
                "phone": f"1{rng.choice('35789')}{rng.randrange(10**9):09d}",
                "hukou_type": rng.choice([HukouType.AGRICULTURAL.value, HukouType.NON_AGRICULTURAL.value]),
                "hukou_place": "示例市",
                "native_place": rng.choice(["示例省", "示例市", "演示县"]),
                "migrant_worker": rng.random() < 0.18,
                "join_date": join,
                "card_no": f"SL{member_id:07d}",
                "notes": "演示数据",
                **name_columns(name),
                "status": status.value,
            }
        )
        for kind, date, reason, destination in member_events:
            events.append(
                {"id": event_id, "member_id": member_id, "kind": kind.value, "date": date, "reason": reason, "destination": destination}
            )
            event_id += 1
        ctx.members.append((member_id, members[-1]["sex"], group_id))
    with tally_paused(session):  # one recount for the whole roster, not a trigger per member
        session.execute(insert(Member), members)
    session.execute(insert(MembershipEvent), events)
