"""How Chinese surnames are read (姓氏读音), where the everyday reading of the character differs.

Single surnames list only characters whose reading as a surname is not (or not always) the one
pypinyin gives first; compound surnames (复姓) are read as one surname.
"""

from __future__ import annotations

SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha", "朴": "piao",
    "翟": "zhai", "覃": "qin", "缪": "miao", "盖": "ge", "尉": "wei", "乐": "yue", "召": "shao",
    "种": "chong", "秘": "bi", "祭": "zhai", "繁": "po", "员": "yun", "句": "gou", "能": "nai",
    "蕃": "pi", "藏": "zang", "折": "she", "柏": "bai", "薄": "bo", "贾": "jia", "车": "che",
    "宓": "fu", "叶": "ye", "石": "shi", "纪": "ji", "卜": "bu", "隗": "wei", "都": "du",
    "朝": "chao", "莘": "shen", "逄": "pang", "冼": "xian", "洗": "xian", "黑": "he", "牟": "mou",
    "燕": "yan", "宁": "ning", "重": "chong", "於": "yu", "粘": "nian", "么": "yao", "那": "na",
    "曲": "qu", "蔚": "yu", "佘": "she", "角": "jue", "应": "ying", "乜": "nie", "谌": "chen",
    "盛": "sheng", "相": "xiang", "强": "qiang", "长": "chang", "沈": "shen", "华": "hua",
    "任": "ren", "万": "wan", "阚": "kan", "过": "guo", "传": "chuan", "晟": "cheng", "眭": "sui",
    "郇": "huan", "便": "pian", "恽": "yun", "稽": "ji", "鲜": "xian",
}

COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "诸葛": ("zhu", "ge"), "尉迟": ("yu", "chi"),
    "长孙": ("zhang", "sun"), "上官": ("shang", "guan"), "东方": ("dong", "fang"), "皇甫": ("huang", "fu"),
    "公孙": ("gong", "sun"), "令狐": ("ling", "hu"), "慕容": ("mu", "rong"), "宇文": ("yu", "wen"),
    "夏侯": ("xia", "hou"), "司徒": ("si", "tu"), "司空": ("si", "kong"), "端木": ("duan", "mu"),
    "独孤": ("du", "gu"), "南宫": ("nan", "gong"), "西门": ("xi", "men"), "轩辕": ("xuan", "yuan"),
    "呼延": ("hu", "yan"), "澹台": ("tan", "tai"), "公冶": ("gong", "ye"), "宗政": ("zong", "zheng"),
    "濮阳": ("pu", "yang"), "淳于": ("chun", "yu"), "单于": ("chan", "yu"), "太叔": ("tai", "shu"),
    "申屠": ("shen", "tu"), "仲孙": ("zhong", "sun"), "闻人": ("wen", "ren"), "赫连": ("he", "lian"),
    "万俟": ("mo", "qi"), "鲜于": ("xian", "yu"), "百里": ("bai", "li"), "东郭": ("dong", "guo"),
    "拓跋": ("tuo", "ba"), "完颜": ("wan", "yan"), "钟离": ("zhong", "li"), "闾丘": ("lv", "qiu"),
    "第五": ("di", "wu"), "谷梁": ("gu", "liang"), "羊舌": ("yang", "she"), "乐正": ("yue", "zheng"),
    "壤驷": ("rang", "si"), "公良": ("gong", "liang"), "漆雕": ("qi", "diao"), "梁丘": ("liang", "qiu"),
    "左丘": ("zuo", "qiu"), "东门": ("dong", "men"), "夹谷": ("jia", "gu"), "巫马": ("wu", "ma"),
    "公西": ("gong", "xi"), "亓官": ("qi", "guan"), "司寇": ("si", "kou"), "子车": ("zi", "ju"),
    "颛孙": ("zhuan", "sun"), "段干": ("duan", "gan"), "宰父": ("zai", "fu"), "公羊": ("gong", "yang"),
    "哥舒": ("ge", "shu"), "呼衍": ("hu", "yan"), "尉缭": ("yu", "liao"),
}
