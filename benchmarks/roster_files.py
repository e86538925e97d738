"""Synthetic 花名册 workbooks for the import benchmarks: N members with every roster column, and the
same members with every row changed (another phone and post), written as a clerk's export is.

    python benchmarks/roster_files.py OUT.xlsx ROWS [--changed]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unionoffice.domain.choices import Education, Employment, HukouType, MembershipStatus, PoliticalStatus, Sex  # noqa: E402
from unionoffice.domain.idcard import make_id_number  # noqa: E402
from unionoffice.i18n import set_language  # noqa: E402
from unionoffice.io.roster_sheet import COLUMNS  # noqa: E402
from unionoffice.io.sheets import export_rows  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红娥玲芬燕彬鹏辉建国建华志强海燕"
AREAS = ("110105", "440306", "320102", "330106", "510104", "420106")


def members(count: int, changed: bool = False, seed: int = 20261201) -> Iterator[dict[str, Any]]:
    """``count`` distinct members (same people for the same seed); ``changed`` edits every row."""
    rng = random.Random(seed)
    seen: set[str] = set()
    for index in range(count):
        female = rng.random() < 0.45
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(14000))
        number = make_id_number(rng, birth, female, area=rng.choice(AREAS))
        while number in seen:
            number = make_id_number(rng, birth, female, area=rng.choice(AREAS))
        seen.add(number)
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        phone = f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"
        post = rng.choice(("操作工", "技术员", "管理", "质检员", "仓管"))
        joined = max(birth + dt.timedelta(days=18 * 366), dt.date(1995, 1, 1)) + dt.timedelta(days=rng.randrange(3000))
        record = {
            "name": name, "sex": Sex.FEMALE if female else Sex.MALE, "birth_date": birth, "ethnicity": "汉族",
            "political_status": rng.choice((PoliticalStatus.CPC_MEMBER, PoliticalStatus.CYL_MEMBER, PoliticalStatus.MASSES)),
            "education": rng.choice((Education.BACHELOR, Education.COLLEGE, Education.HIGH_SCHOOL)),
            "id_number": number, "group": f"第{rng.randrange(1, 60)}工会小组", "join_date": min(joined, dt.date(2025, 12, 31)),
            "card_no": f"GH{100000 + index}", "status": MembershipStatus.ACTIVE, "migrant_worker": rng.random() < 0.2,
            "phone": phone, "notes": "", "skill_level": rng.choice(("", "中级工", "高级工")),
            "employment": Employment.EMPLOYED, "post": post,
            "hukou_type": rng.choice((HukouType.AGRICULTURAL, HukouType.NON_AGRICULTURAL)),
            "hukou_place": "北京市朝阳区", "native_place": rng.choice(("河北", "山东", "河南", "四川")),
        }
        if changed:  # from a generator of its own, so the members stay the same people
            other = random.Random(seed + index)
            record["phone"] = f"1{other.choice('3456789')}{other.randrange(10**9):09d}"
            record["post"] = post + "（新）"
        yield record


def write(path: Path, count: int, changed: bool = False) -> Path:
    set_language("zh_CN")  # the labels a Chinese clerk's file holds
    return export_rows(path, COLUMNS, members(count, changed), sheet_name="会员花名册")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("rows", type=int)
    parser.add_argument("--changed", action="store_true")
    args = parser.parse_args()
    write(args.out, args.rows, args.changed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
