"""A made-up half-year summary of the demo office (示例…): for screenshots, benchmarks and tests.

The figures and sentences are invented; they only read like a real base-level union's summary.
"""

from __future__ import annotations

import datetime as dt

from unionoffice.reports.document import BarChart, Block, Document, Heading, Paragraph, Table

UNIT = "示例市演示机械有限公司工会委员会"

_BLOCKS: list[Block] = [
    Paragraph(
        "2026年上半年，公司工会在公司党委和上级工会的领导下，围绕公司年度生产经营目标，"
        "以服务职工为中心，扎实推进组织建设、职工教育、权益维护、困难帮扶和文体活动等各项工作，"
        "较好地完成了年初确定的工作任务。现将上半年工作总结如下："),
    Heading(1, "一、基本情况"),
    Paragraph(
        "截至2026年6月30日，公司工会下设工会小组16个，共有会员1,286人，其中女会员531人，占41%；"
        "农民工会员214人，占17%。上半年新入会会员63人，转出会员21人，会员入会率保持在98%以上。"),
    Table(
        caption="表1　2026年上半年会员情况统计表",
        columns=["项目", "期初人数", "新入会", "转出", "期末人数", "占比"],
        rows=[
            ["会员总数", 1244, 63, 21, 1286, "100%"],
            ["其中：女会员", 512, 27, 8, 531, "41%"],
            ["农民工会员", 196, 24, 6, 214, "17%"],
            ["35岁以下会员", 402, 41, 9, 434, "34%"],
        ],
        numeric_columns=frozenset({1, 2, 3, 4, 5}),
        note="注：占比为期末人数占会员总数的比例。",
    ),
    Heading(1, "二、主要工作和成效"),
    Heading(2, "（一）加强组织建设，夯实工作基础"),
    Paragraph(
        "一是规范工会小组设置。结合车间调整，将原生产三车间工会小组拆分为两个小组，"
        "按期完成了小组长补选工作，做到“人员有变化、组织不断线”。二是做好会员发展和会籍管理。"
        "对新入职员工逐一宣传入会政策，上半年新发展会员63人，办理会员卡63张，会员信息全部录入台账。"),
    Heading(2, "（二）开展宣传教育，提升职工素质"),
    Paragraph(
        "围绕安全生产和技能提升，上半年共举办各类培训15期，其中技能培训10期、安全知识培训5期，"
        "参训职工1,580人次；组织“劳模工匠进车间”宣讲4场，听众620人次。"
        "结合“三八”妇女节开展女职工权益保护知识答题，参与女职工412人次。"),
    BarChart(
        title="图1　2026年上半年各项活动参与人次",
        categories=["技能培训", "安全培训", "宣讲活动", "文体活动", "送温暖"],
        values=[1120, 460, 620, 870, 96],
        unit="人次",
    ),
    Heading(2, "（三）依法维护权益，构建和谐关系"),
    Paragraph(
        "召开三届二次职工代表大会，审议通过《职工带薪休假实施办法》等制度3项，"
        "收集职工代表提案18件，已办结15件，其余3件正在落实。"
        "续签集体合同和女职工权益保护专项集体合同，全年安排女职工健康体检，受检女职工498人。"),
    Heading(2, "（四）做好帮扶救助，传递组织温暖"),
    Paragraph(
        "春节前走访慰问困难职工和劳动模范96户，发放慰问金和慰问品折合11.02万元；"
        "为3名患重病职工申请上级工会救助资金2.4万元。建立困难职工档案27份，实行动态管理，"
        "做到底数清、情况明。"),
    Heading(2, "（五）丰富文体生活，激发队伍活力"),
    Paragraph(
        "举办职工迎新春趣味运动会、篮球联赛和书画摄影展等活动6次，参与职工870人次。"
        "开展“五小”创新和岗位练兵劳动竞赛，评出技术能手12名、合理化建议优秀项目8项。"),
    Heading(1, "三、经验和体会"),
    Paragraph(
        "工会工作只有紧贴生产经营、紧贴职工需求，才能做出成效。上半年的实践说明，"
        "把会员台账管准管细，是开展各项工作的前提；把活动办到车间班组，职工参与的积极性才高。"),
    Heading(1, "四、存在的问题和不足"),
    Paragraph(
        "一是部分工会小组活动不够经常，小组长工作能力有待提高；二是职工培训的针对性还不够强，"
        "一线倒班职工参训不便；三是工会资料主要存放在一台电脑上，备份不及时，存在丢失风险。"),
    Heading(1, "五、下一步工作打算"),
    Heading(3, "1.抓好小组长培训。"),
    Paragraph("下半年分两批组织工会小组长业务培训，推动小组活动常态化。"),
    Heading(3, "2.办好职工技能竞赛。"),
    Paragraph("围绕重点岗位举办技能比武，以赛促学、以赛促练。"),
    Heading(3, "3.规范资料管理。"),
    Paragraph("落实工会资料定期备份制度，每月将台账备份到移动存储设备，确保资料安全完整。"),
]


def sample_summary() -> Document:
    """About three pages: every kind of block, a rare name character (䶮, 𠇔) in a sentence."""
    blocks = list(_BLOCKS)
    blocks.insert(-7, Paragraph(
        "上半年涌现出王䶮、李𠇔等一批爱岗敬业的先进职工，工会及时总结推广他们的经验做法。"))
    return Document(
        title="示例市演示机械有限公司工会2026年上半年工作总结",
        blocks=blocks,
        signature_unit=UNIT,
        date=dt.date(2026, 7, 5),
    )


def long_sample_summary(copies: int = 2) -> Document:
    """The sample with the body of part two repeated: about six pages for benchmarks."""
    document = sample_summary()
    start = next(i for i, b in enumerate(document.blocks) if isinstance(b, Heading) and b.text.startswith("二、"))
    end = next(i for i, b in enumerate(document.blocks) if isinstance(b, Heading) and b.text.startswith("三、"))
    extra = document.blocks[start + 1:end] * (copies - 1)
    document.blocks[end:end] = extra
    return document
