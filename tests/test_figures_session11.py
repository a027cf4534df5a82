"""Figures fixes from the session-11 blind articles, each tested on invented sentences."""

from __future__ import annotations

from test_figures_session10 import figs, money  # noqa: F401  (the same helpers)


# --- a bare 索尔 after a number is the Peruvian sol ---

def test_bare_sol_after_a_number_is_the_peruvian_sol():
    text = "秘鲁政府拨款约2亿美元，约合7.5亿索尔，用于扩建公路；另有不足4,000万索尔用于培训。"
    ms = money(text)
    assert [(m.text, m.currency, m.qualifier) for m in ms] == [
        ("约2亿美元", "USD", "approx"), ("约合7.5亿索尔", "PEN", "approx"), ("不足4,000万索尔", "PEN", "less_than")]


def test_sol_as_a_name_is_no_money():
    assert money("索尔在会上发言，他说三个月内会有结果。") == []


# --- a bare power of ten with no numeral before it (千亿, 百亿) is a round figure ---

def test_a_bare_thousand_hundred_million_is_about():
    ms = money("千亿美元投资承诺为何落地缓慢？被反复引用的“千亿美元”只是意向。")
    assert [(m.text, m.value, m.qualifier) for m in ms] == [
        ("千亿美元", 100000000000, "approx"), ("千亿美元", 100000000000, "approx")]


def test_a_power_of_ten_with_its_numeral_stays_exact():
    ms = money("公司计划投资一千亿元，另追加1,000亿元和两千亿元。")
    assert [m.qualifier for m in ms] == ["exact", "exact", "exact"]


def test_a_bare_power_of_ten_keeps_a_stated_qualifier():
    ms = money("该行业吸引了逾百亿美元投资。")
    assert [(m.text, m.qualifier) for m in ms] == [("逾百亿美元", "more_than")]


# --- 块 before a quoted noun is a measure word ---

def test_kuai_before_a_quoted_noun_is_no_money():
    # 钱 of a place name (钱凯, 钱塘) puts the clause in a money context
    text = "如果配套跟不上，钱塘新区可能会变成一块“飞地”：厂房很多，周边却没有变化。"
    assert money(text) == []


def test_kuai_in_a_money_clause_is_still_yuan():
    ms = money("菜价涨了，一斤白菜要花三块，比去年贵。")
    assert [(m.text, m.currency) for m in ms] == [("三块", "CNY")]


# --- 标准箱 (TEU) is a unit of container throughput ---

def test_container_throughput_in_teu_is_a_measure_in_the_summary(analyzer, tmp_path):
    from pipeline.english import build_summary
    from pipeline.ingest import read_article
    from test_english import summary_text

    path = tmp_path / "teu.txt"
    path.write_text("标题\n\n新码头设计年吞吐能力为200万标准箱，去年实际完成约130万标准箱，利用率超过六成。\n", encoding="utf-8")
    text = summary_text(build_summary(analyzer.analyze(read_article(path))))
    assert "2 million TEU" in text and "about 1.3 million TEU" in text and "standards" not in text


def test_a_utilisation_share_of_a_capacity_in_teu_is_checked():
    checks = figs("新码头设计年吞吐能力为200万标准箱，去年实际完成约130万标准箱，利用率超过六成。").numeric_checks
    assert [c.verdict for c in checks] == ["consistent"]


def test_an_attained_rate_below_its_claim_is_inconsistent():
    checks = figs("目前实际到位资金约45亿元，按签约总额约200亿元计算，到位率不足两成。").numeric_checks
    assert [c.verdict for c in checks] == ["inconsistent"]


def test_a_growth_rate_is_no_attained_rate():
    checks = figs("去年营收约80亿元，今年约100亿元，增长率超过两成。").numeric_checks
    assert all("attained" not in (c.computation or "") for c in checks)


def test_a_multiple_of_an_earlier_year_is_unverifiable_not_the_headline():
    text = "中方在当地投资约2亿元人民币。2025年双边农产品贸易额逾12亿美元，是五年前的三倍多。"
    checks = [c for c in figs(text).numeric_checks if "三倍" in c.claim_text]
    assert [c.verdict for c in checks] == ["unverifiable"]
