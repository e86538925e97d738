"""Header names that mean the same column in the ledgers clerks keep, shared by every register so
that the roster, activity and relief imports accept the same headers. Use as ``synonyms=``."""

from __future__ import annotations

NAME = ("姓名", "职工姓名", "会员姓名", "名字")
SEX = ("性别",)
ETHNICITY = ("民族",)
ID_NUMBER = ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证")
ID_TYPE = ("证件类型", "证件类别")
BIRTH_DATE = ("出生日期", "出生年月", "出生年月日", "生日")
PHONE = ("手机号", "手机", "联系电话", "手机号码", "电话", "联系方式")
GROUP = ("部门", "所在部门", "工作单位", "工会小组", "单位", "所在单位", "所属部门")
POST = ("岗位", "职务", "工作岗位")
JOINED_ON = ("入会日期", "入会时间")
EDUCATION = ("学历", "文化程度")
POLITICAL_STATUS = ("政治面貌",)
EMPLOYMENT = ("就业状况", "就业状态")
MEMBERSHIP_STATUS = ("会籍状态", "会员状态")
MIGRANT_WORKER = ("是否农民工", "是否农民工会员", "农民工")
CARD_NO = ("会员卡号", "会员证号", "卡号")
HUKOU_TYPE = ("户籍类型", "户口性质", "户口类型")
AMOUNT = ("金额", "金额（元）", "金额(元)")
DATE = ("日期", "时间")
REMARK = ("备注", "说明")
