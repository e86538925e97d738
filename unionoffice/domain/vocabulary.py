"""The national code lists the member record uses, with the words rosters actually write.

- 政治面貌: GB/T 4762 (``PoliticalStatus``), short forms such as 党员, 团员, 民盟, 九三 accepted;
- 学历: GB/T 4658 (``Education``, the six classes union statistics report), with the usual words
  (博士, 大学本科, 大专, 技校, 普高, 初中 …);
- 民族: the 56 names of GB/T 3304 plus 其他 and 外国血统 (``normalize_ethnicity``), short forms
  such as 汉 → 汉族, 维吾尔 → 维吾尔族.

The member form, the roster import and any other register read these values through the functions
here, so the same text is accepted (or refused) everywhere.
"""

from __future__ import annotations

import unicodedata

from unionoffice.domain.choices import Education, LabelledEnum, PoliticalStatus

# GB/T 3304 in its code order (01 汉族 … 56 基诺族), then 97 and 98.
ETHNICITIES: tuple[str, ...] = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
    "其他", "外国血统",
)
_ETHNICITY_WORDS: dict[str, str] = {
    **{name: name for name in ETHNICITIES},
    **{name[:-1]: name for name in ETHNICITIES if name.endswith("族")},
    "蒙": "蒙古族", "维": "维吾尔族", "维族": "维吾尔族", "哈族": "哈萨克族", "柯族": "柯尔克孜族",
    "乌孜别克": "乌孜别克族", "其它": "其他", "其他民族": "其他", "其他未识别民族": "其他",
    "未识别民族": "其他", "外国血统中国籍人士": "外国血统", "外籍血统": "外国血统",
}

# Words that mean a value, besides its code and its label (keys without spaces, lower case).
_ALIASES: dict[type, dict[str, str]] = {
    PoliticalStatus: {
        "党员": "cpc_member", "共产党员": "cpc_member", "中国共产党党员": "cpc_member", "中共党员": "cpc_member",
        "预备党员": "cpc_probationary", "中共预备党员": "cpc_probationary",
        "团员": "cyl_member", "共青团员": "cyl_member", "中国共产主义青年团团员": "cyl_member",
        "民革": "rcck", "民革党员": "rcck", "民革会员": "rcck", "中国国民党革命委员会会员": "rcck",
        "民盟": "cdl", "民盟盟员": "cdl", "中国民主同盟盟员": "cdl",
        "民建": "cndca", "民建会员": "cndca", "中国民主建国会会员": "cndca",
        "民进": "capd", "民进会员": "capd", "中国民主促进会会员": "capd",
        "农工": "cpwdp", "农工党": "cpwdp", "农工党党员": "cpwdp", "中国农工民主党党员": "cpwdp",
        "致公": "czgp", "致公党": "czgp", "致公党党员": "czgp", "中国致公党党员": "czgp",
        "九三": "jiusan", "九三学社": "jiusan", "九三学社社员": "jiusan",
        "台盟": "tdsgl", "台盟盟员": "tdsgl", "台湾民主自治同盟盟员": "tdsgl",
        "无党派": "non_partisan", "无党派人士": "non_partisan", "无党派民主人士": "non_partisan",
        "群众": "masses",
        "民主党派": "democratic_party", "民主党派成员": "democratic_party", "民主党派人士": "democratic_party",
        "民主党派(未细分)": "democratic_party",
    },
    Education: {
        "研究生": "postgraduate", "研究生教育": "postgraduate", "博士": "postgraduate", "硕士": "postgraduate",
        "博士研究生": "postgraduate", "硕士研究生": "postgraduate", "研究生毕业": "postgraduate",
        "博士研究生毕业": "postgraduate", "硕士研究生毕业": "postgraduate",
        "本科": "bachelor", "大学": "bachelor", "大学本科": "bachelor", "大本": "bachelor", "本科毕业": "bachelor",
        "大学本科毕业": "bachelor",
        "大专": "college", "专科": "college", "大学专科": "college", "高职": "college", "大学专科毕业": "college",
        "中专": "secondary_vocational", "中技": "secondary_vocational", "技校": "secondary_vocational",
        "职高": "secondary_vocational", "中职": "secondary_vocational", "中专/中技": "secondary_vocational",
        "中等专科": "secondary_vocational", "中等专业学校": "secondary_vocational", "职业高中": "secondary_vocational",
        "技工学校": "secondary_vocational", "中等职业教育": "secondary_vocational",
        "高中": "high_school", "普高": "high_school", "普通高中": "high_school", "普通高级中学": "high_school",
        "高中毕业": "high_school",
        "初中": "junior_or_below", "初中及以下": "junior_or_below", "初级中学": "junior_or_below",
        "初中毕业": "junior_or_below", "小学": "junior_or_below", "小学毕业": "junior_or_below",
        "文盲": "junior_or_below", "半文盲": "junior_or_below", "文盲或半文盲": "junior_or_below",
    },
}


def _key(text: object) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def alias_code(enum: type, text: object) -> str | None:
    """The code a roster word stands for (党员 → cpc_member), or None."""
    return _ALIASES.get(enum, {}).get(_key(text))


def read_choice(enum: type[LabelledEnum], text: object) -> LabelledEnum | None:
    """The value ``text`` names: its code, its label in any language, or a common word for it."""
    code = alias_code(enum, text)
    if code is not None:
        return enum(code)
    return enum.from_text(unicodedata.normalize("NFKC", str(text)).strip())


def normalize_ethnicity(text: object) -> str | None:
    """The GB/T 3304 name (汉 → 汉族); "" for a blank; None when it is not one of the names."""
    key = _key(text or "")
    if not key:
        return ""
    return _ETHNICITY_WORDS.get(key)
