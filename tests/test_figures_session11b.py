"""Figures fixes from reading the numeric-claim misses across the corpus (session 11b), each tested on
invented sentences."""

from __future__ import annotations

from test_figures_session10 import figs, money  # noqa: F401  (the same helpers)


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


# --- a range restated as a range in another currency (在…至…之间，约合…至…) is a conversion to check ---

def checks_of(text: str):
    return figs(text).numeric_checks


def test_a_range_restated_as_a_range_is_checked_end_by_end():
    cs = checks_of("业内估计，该市场的年规模在20亿至30亿元之间，约合3亿至4.5亿美元。")
    assert [c.verdict for c in cs] == ["consistent"]


def test_a_range_restatement_wrong_at_its_high_end_is_not_consistent():
    cs = checks_of("业内估计，该市场的年规模在20亿至30亿元之间，约合3亿至9亿美元。")
    assert len(cs) == 1 and cs[0].verdict == "inconsistent"
    assert "9" in cs[0].computation


# --- an amount a year times the number of years against the multi-year total stated after it ---

def test_an_annual_amount_times_years_against_a_wrong_total_is_inconsistent():
    cs = checks_of("市财政每年安排人工智能专项资金8亿元，五年合计30亿元。")
    assert [c.verdict for c in cs] == ["inconsistent"]
    assert "8亿元 a year x 5 years" in cs[0].computation


def test_an_annual_amount_times_years_against_its_total_is_consistent():
    cs = checks_of("该基金年均投入约6亿欧元，三年累计约18亿欧元。")
    assert [c.verdict for c in cs] == ["consistent"]


def test_a_total_over_a_term_in_years_and_its_yearly_average_are_checked():
    # 四年期资金 names the period as 期, not 内/间
    cs = checks_of("政府为该计划安排了2亿新元的四年期资金，平均每年5,000万新元。")
    assert [c.verdict for c in cs] == ["consistent"]
