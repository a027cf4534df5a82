"""Figures fixes from reading the numeric-claim misses across the corpus (session 11b), each tested on
invented sentences."""

from __future__ import annotations

import pytest

from test_figures_session10 import assert_one_check, figs, money  # noqa: F401  (the same helpers)


# --- a floor named before its amount (最低…为X, 起点为X) or after it (X的最低投资额) is more_than ---

def test_a_named_floor_before_the_amount_is_more_than():
    ms = money("该计划规定单个项目最低投资门槛为3亿美元；贷款起点为500万元。")
    assert [(m.text, m.qualifier) for m in ms] == [("3亿美元", "more_than"), ("500万元", "more_than")]


def test_a_named_floor_after_the_amount_is_more_than():
    ms = money("3亿美元的最低投资额让小企业望而却步。")
    assert [(m.value, m.qualifier) for m in ms] == [(300000000, "more_than")]


def test_a_named_ceiling_with_words_between_is_less_than():
    ms = money("单个企业最高奖励金额为800万元。")
    assert [(m.value, m.qualifier) for m in ms] == [(8000000, "less_than")]


def test_the_largest_item_is_no_bound():
    ms = money("各项目中投资最高的是新工厂，为30亿元。")
    assert [(m.value, m.qualifier) for m in ms] == [(3000000000, "exact")]


# --- numeric claims: each invented sentence gets one check, with this verdict and this piece of computation ---
#  * a range restated as a range in another currency (在…至…之间，约合…至…) is a conversion checked end by end
#  * an amount a year times the number of years against the multi-year total stated after it
#  * a total over a term in years (四年期资金) and its yearly average
#  * 增产 / 缩短 are change words: the change between the two figures stated before them
#  * 较2025年增长五成: the change since the figure stated earlier for the year the claim names
#  * 投入X扩建5G网络，约合Y: a restatement after what the amount is spent on
#  * 一期投资X，二期投资Y: the phases listed against the total investment stated before them
#  * 再投资X，加上一期，总投资将达到Y: X plus the amount stated earlier for the part named after 加上

ONE_CHECK = [
    ("业内估计，该市场的年规模在20亿至30亿元之间，约合3亿至4.5亿美元。", "consistent", "USD per CNY"),
    ("业内估计，该市场的年规模在20亿至30亿元之间，约合3亿至9亿美元。", "inconsistent", "900000000"),
    ("市财政每年安排人工智能专项资金8亿元，五年合计30亿元。", "inconsistent", "8亿元 a year x 5 years"),
    ("该基金年均投入约6亿欧元，三年累计约18亿欧元。", "consistent", "a year x 3 years"),
    ("政府为该计划安排了2亿新元的四年期资金，平均每年5,000万新元。", "consistent", "(四年期)"),
    ("小麦单产从往年的每亩400公斤提高到约500公斤，增产约50%。", "inconsistent", "change = 25"),
    ("平均审批时间从12个月压缩到8个月，即缩短三分之一。", "consistent", "change = -33.33%"),
    ("2024年，全市软件产业规模约2,000亿元。\n到2027年，全市软件产业规模突破3,600亿元，较2024年增长五成以上。",
     "consistent", "base = 约2,000亿元"),
    ("2024年，全市软件产业规模约2,000亿元。\n到2027年，全市软件产业规模突破2,400亿元，较2024年增长五成以上。",
     "inconsistent", "change = 20"),
    ("运营商将投入约10亿欧元扩建光纤和5G网络，约合11亿美元。", "consistent", "USD per EUR"),
    ("运营商将投入约10亿欧元扩建光纤和5G网络，约合30亿美元。", "inconsistent", "USD per EUR"),
    ("项目计划总投资约50亿元。项目分两期实施，一期投资约30亿元，二期投资约20亿元。", "consistent", "约30亿元 + 约20亿元"),
    ("项目计划总投资约50亿元。项目分两期实施，一期投资约30亿元，二期投资约35亿元。", "inconsistent", "约30亿元 + 约35亿元"),
    ("一期工程投资约8亿元，已于去年投产。\n公司计划再投资约12亿元建设二期，加上一期工程，总投资将达到约20亿元。",
     "consistent", "约12亿元 + 约8亿元"),
    ("一期工程投资约8亿元，已于去年投产。\n公司计划再投资约12亿元建设二期，加上一期工程，总投资将达到约25亿元。",
     "inconsistent", "约12亿元 + 约8亿元"),
]


@pytest.mark.parametrize("text,verdict,piece", ONE_CHECK)
def test_one_claim_checked(text, verdict, piece):
    assert_one_check(text, verdict, piece)
