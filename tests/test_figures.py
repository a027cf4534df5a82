"""Money, quantities and numeric checks (pipeline.figures, issue 3)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.figures import extract_figures, extract_numbers, extract_percentages, parse_number
from pipeline.models import Money, NumericCheck, Quantity

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "japan-quantum-7.4b-usd.txt"


def sentences_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^。！？!?\n]+[。！？!?]*\n?", text)]


def money(text: str) -> list[Money]:
    return extract_figures(text, [(0, len(text))]).money


def one(text: str) -> Money:
    ms = money(text)
    assert len(ms) == 1, [m.text for m in ms]
    return ms[0]


def quantities(text: str) -> list[Quantity]:
    return extract_figures(text, [(0, len(text))]).quantities


def assert_offsets(text: str, figs) -> None:
    for item in [*figs.money, *figs.quantities]:
        assert text[item.start:item.end] == item.text
    for c in figs.numeric_checks:
        assert text[c.start:c.end] == c.claim_text


# ----------------------------------------------------------------------------- numerals
@pytest.mark.parametrize("s, value", [
    ("16.4亿", 1640000000),         # cn2an's float path gave 1639999999 in earlier releases
    ("一百零五", 105),
    ("两千四百五", 2450),
    ("3,000亿", 300000000000),
    ("1.05万亿", 1050000000000),
    ("五兆六十二亿四万五千二", 5006200045200),
    ("四万万", 400000000),
    ("壹佰伍拾", 150),
    ("七十八萬五佰零六", 780506),
    ("3万4000", 34000),
    ("5亿1万4千6百", 500014600),
    ("两千万点五五四四", Decimal("20000000.5544")),
    ("负三十二", -32),
    ("零点五", Decimal("0.5")),
    ("40k", 40000),
    ("2e5", 200000),
])
def test_parse_number_is_exact(s, value):
    got = parse_number(s)
    assert got == Decimal(value)


@pytest.mark.parametrize("s", ["万", "百", "一切", "abc", ""])
def test_parse_number_rejects_non_numbers(s):
    assert parse_number(s) is None


def test_whole_amounts_are_ints_and_decimals_floats():
    m = one("融资16.4亿元")
    assert m.value == 1640000000 and isinstance(m.value, int)
    m = one("每股1.95港元")
    assert m.value == 1.95 and isinstance(m.value, float)


# ----------------------------------------------------------------------------- money: forms
@pytest.mark.parametrize("text, value, currency", [
    ("砸下74亿美元", 7400000000, "USD"),
    ("投入74亿美金", 7400000000, "USD"),
    ("约1.05万亿日元", 1050000000000, "JPY"),
    ("8亿元人民币", 800000000, "CNY"),
    ("人民币 8千元", 8000, "CNY"),
    ("人民币50亿", 5000000000, "CNY"),
    ("￥300", 300, "CNY"),
    ("US$3.5 billion", 3500000000, "USD"),
    ("$20", 20, "USD"),
    ("€1.5亿", 150000000, "EUR"),
    ("£2.4亿", 240000000, "GBP"),
    ("3.5万亿韩元", 3500000000000, "KRW"),
    ("5306亿台币", 530600000000, "TWD"),
    ("新台币1.5兆元", 1500000000000, "TWD"),
    ("1.95港元", Decimal("1.95"), "HKD"),
    ("1,037.2亿卢比", 103720000000, "INR"),
    ("10亿新加坡元", 1000000000, "SGD"),
    ("20亿加元", 2000000000, "CAD"),
    ("15亿澳元", 1500000000, "AUD"),
    ("1.0092瑞士法郎", Decimal("1.0092"), "CHF"),
    ("300亿卢布", 30000000000, "RUB"),
    ("USD 500", 500, "USD"),
    ("500 CNY", 500, "CNY"),
    ("一百零五亿元", 10500000000, "CNY"),
    ("四十九兆九千五百九十二億元", 49959200000000, "CNY"),
    ("这台电脑两美元又三美分", Decimal("2.03"), "USD"),
    ("50元6角三分", Decimal("50.63"), "CNY"),
    ("三块钱", 3, "CNY"),
])
def test_money_forms(text, value, currency):
    m = one(text)
    assert (Decimal(str(m.value)), m.currency) == (Decimal(str(value)), currency)


def test_yen_sign_next_to_japan_is_yen():
    assert one("日本政府对Rapidus的累计补助已超过¥1.7万亿").currency == "JPY"
    assert one("该产品售价¥1.7万").currency == "CNY"


# ----------------------------------------------------------------------------- qualifiers and ranges
@pytest.mark.parametrize("text, qualifier, value, value_max", [
    ("约1.05万亿日元", "approx", 1050000000000, None),
    ("大约22亿美元", "approx", 2200000000, None),
    ("大概有100亿美元", "approx", 10000000000, None),
    ("近10亿元", "approx", 1000000000, None),
    ("将近5亿美元", "approx", 500000000, None),
    ("5亿美元左右", "approx", 500000000, None),
    ("5亿美元上下", "approx", 500000000, None),
    ("逾3亿欧元", "more_than", 300000000, None),
    ("超过300亿美元", "more_than", 30000000000, None),
    ("两千多元", "more_than", 2000, None),
    ("五百余万元", "more_than", 5000000, None),
    ("两亿多英镑", "more_than", 200000000, None),
    ("1亿元以上", "more_than", 100000000, None),
    ("上百万美元", "more_than", 1000000, None),
    ("不到100卢比", "less_than", 100, None),
    ("不足20亿欧元", "less_than", 2000000000, None),
    ("100万元以下", "less_than", 1000000, None),
    ("300亿至320亿美元", "range", 30000000000, 32000000000),
    ("300至320亿美元", "range", 30000000000, 32000000000),
    ("四五百亿美元", "range", 40000000000, 50000000000),
    ("三十几万元", "range", 310000, 390000),
    ("数十亿美元", "range", 2000000000, 9000000000),
    ("千亿美元级", "approx", 100000000000, None),
    ("最多资助港币2亿元", "less_than", 200000000, None),      # a granting verb between word and amount
    ("最高可获100万元", "less_than", 1000000, None),
    ("约为每桶90美元", "approx", 90, None),                   # a per-unit word between word and amount
])
def test_qualifiers(text, qualifier, value, value_max):
    m = one(text)
    assert (m.qualifier, m.value, m.value_max) == (qualifier, value, value_max)
    assert m.text == text[text.index(m.text):]  # the span reaches the end: qualifier words included


def test_a_qualifier_before_a_list_bounds_every_amount_of_it():
    ms = money("对年营业收入首次突破1亿元、5亿元、10亿元的企业，分别给予100万元、300万元、500万元的奖励")
    assert [m.qualifier for m in ms] == ["more_than"] * 3 + ["exact"] * 3
    assert [m.qualifier for m in money("超过5亿元，10亿元以下")] == ["more_than", "less_than"]


def test_bare_riyal_is_saudi_unless_the_sentence_names_another_riyal_country():
    assert one("沙特计划投资750亿里亚尔。").currency == "SAR"
    assert one("卡塔尔投资局拿出100亿里亚尔。").currency == "QAR"
    assert one("阿曼将拨出3亿里亚尔。").currency == "OMR"


def test_exchange_rate_quote_is_not_money_and_bare_magnitudes_count_one():
    assert [m.text for m in money("按1美元兑3.6新谢克尔的汇率计算，约合432亿新谢克尔。")] == ["约合432亿新谢克尔"]
    m = one("全年新签约亿元以上汽车产业项目386个")
    assert (m.text, m.value, m.qualifier) == ("亿元以上", 100000000, "more_than")
    assert [m.value for m in money("三亿元以上")] == [300000000]


def test_matching_ratio_is_not_money():
    assert money("以政府出资一元、企业出资两元的方式配对") == []
    assert money("按政府出资1元、社会资本出资3元的比例配套") == []
    assert [m.value for m in money("给予5元补贴、3元奖励")] == [5, 3]


def test_every_dollar_is_not_an_amount():
    assert money("每一美元都与具体的里程碑挂钩。") == []
    assert one("每股派息1元").value == 1


def test_span_includes_adjacent_qualifier_word():
    text = "日本政府今年一口气砸下74亿美元(约1.05万亿日元)押注量子技术"
    ms = money(text)
    assert [m.text for m in ms] == ["74亿美元", "约1.05万亿日元"]


# ----------------------------------------------------------------------------- non-money
@pytest.mark.parametrize("text", [
    "这恰恰戳中了日本长期以来的一块心病。",
    "万一项目失败怎么办?",
    "他三番五次地强调这一点。",
    "这篇文章一字千金。",
    "误差只有百万分之一。",
    "日本首相将2025年定为量子产业化的第一年。",
    "计划培养5万名工程师。",
    "首批纳入补贴的GPU超过1.8万块,后续还要扩充到3.4万块以上。",
    "五角大楼宣布了作战计划",
    "这是一元化管理和二元结构之间的取舍。",
    "千万不要低估这项技术。",
    "订单号 A202107211321363588510367 可用作凭证",
    "奖池36.57亿",
    "美元3年期国债收益率上升",
])
def test_no_money_in_idioms_and_counts(text):
    assert money(text) == []


def test_kuai_is_money_only_in_money_context():
    ms = money("这个手机壳花费你五美元和花费我三块")
    assert [(m.text, m.currency) for m in ms] == [("五美元", "USD"), ("三块", "CNY")]
    assert money("他们用一块石头和两块木板搭起了实验台") == []


# ----------------------------------------------------------------------------- equivalences and USD
def test_equivalence_links_and_implied_rate():
    text = "日本政府今年砸下74亿美元(约1.05万亿日元)押注量子技术。日本另有3000亿日元的基金。"
    ms = money(text)
    usd, jpy, jpy2 = ms
    assert jpy.equivalent_of == 0 and usd.equivalent_of is None and jpy2.equivalent_of is None
    assert jpy.usd_value == 7400000000
    assert jpy.usd_rate_source.startswith("article:")
    # the implied rate applies to every yen amount of the article
    assert jpy2.usd_rate == jpy.usd_rate
    assert jpy2.usd_value == pytest.approx(3e11 * 7.4e9 / 1.05e12, rel=1e-9)
    assert usd.usd_rate == 1 and usd.usd_value == 7400000000


def test_reference_rate_is_dated_and_sourced():
    m = one("项目总投资50亿元")
    assert m.usd_rate is not None and 0.05 < m.usd_rate < 0.5
    assert "ECB" in m.usd_rate_source and re.search(r"\d{4}-\d{2}-\d{2}", m.usd_rate_source)
    assert m.usd_value == pytest.approx(5e9 * m.usd_rate, rel=1e-6)


def test_currency_without_reference_rate_has_no_usd_value():
    m = one("补助新台币120亿元")
    assert m.currency == "TWD" and m.usd_rate is None and m.usd_value is None


def test_models_dir_override(tmp_path, monkeypatch):
    models = tmp_path / "models"
    shutil.copytree(REPO / "models", models)
    rates = models / "usd_rates.tsv"
    rates.write_text("".join(line for line in rates.read_text(encoding="utf-8").splitlines(True)
                             if not line.startswith("CNY")), encoding="utf-8")
    monkeypatch.setenv("PIPELINE_MODELS_DIR", str(models))
    assert one("项目总投资50亿元").usd_rate is None
    monkeypatch.delenv("PIPELINE_MODELS_DIR")
    assert one("项目总投资50亿元").usd_rate is not None


# ----------------------------------------------------------------------------- quantities
@pytest.mark.parametrize("text, kind, value, qualifier", [
    ("增长20%", "percent", 20, "exact"),
    ("占百分之二十", "percent", 20, "exact"),
    ("提高了两成", "percent", 20, "exact"),
    ("三成半", "percent", 35, "exact"),
    ("打八折", "percent", 80, "exact"),
    ("六个百分点", "percent", 6, "exact"),
    ("是去年的三倍", "multiple", 3, "exact"),
    ("多出三倍还不止", "multiple", 3, "more_than"),
    ("五年翻一番", "multiple", 2, "exact"),
    ("十年翻两番", "multiple", 4, "exact"),
    ("占了将近四分之三", "fraction", 0.75, "approx"),
    ("三分之二", "fraction", 2 / 3, "exact"),
    ("将近一半", "fraction", 0.5, "approx"),
    ("不超过该项目总融资额的两成", "percent", 20, "less_than"),
    ("装机容量是过去的六倍多", "multiple", 6, "more_than"),
    ("收入未必会超过一半", "fraction", 0.5, "more_than"),
])
def test_quantities(text, kind, value, qualifier):
    qs = quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    q = qs[0]
    assert (q.kind, q.qualifier) == (kind, qualifier)
    assert q.value == pytest.approx(value)


def test_quantity_ranges():
    q, = quantities("电费占运营成本的60%至70%")
    assert (q.text, q.value, q.qualifier) == ("60%至70%", 60, "range")
    q, = quantities("估值折价约20%至30%")
    assert (q.text, q.value, q.value_max, q.qualifier) == ("约20%至30%", 20, 30, "range")
    q, = quantities("约为其年度经常性收入的32倍")
    assert (q.value, q.qualifier) == (32, "approx")
    q, = quantities("成本可降低三到五成")
    assert (q.text, q.value, q.value_max, q.qualifier) == ("三到五成", 30, 50, "range")


def test_vague_fractions_are_not_computed():
    assert quantities("只占几分之一") == []
    assert quantities("不到十几分之一") == []



def test_duo_after_bei_is_more_than_only_when_it_ends_the_multiple():
    assert [(q.text, q.qualifier) for q in quantities("是去年的三倍多数字")] == [("三倍", "exact")]
    assert [(q.text, q.qualifier) for q in quantities("达到两倍多，")] == [("两倍多", "more_than")]


def test_plain_numbers_and_percentages_for_eval():
    assert [(p.text, p.value) for p in extract_numbers("一百四十四。二千零四十五个")] == [
        ("一百四十四", 144), ("二千零四十五", 2045)]
    assert extract_numbers("我一看你就笑") == []
    assert [(p.text, p.value) for p in extract_percentages("百分之2等于百分之二，和2%是一样的。")] == [
        ("百分之2", 2), ("百分之二", 2), ("2%", 2)]


# ----------------------------------------------------------------------------- numeric checks
def checks(text: str) -> list[NumericCheck]:
    figs = extract_figures(text, sentences_of(text))
    assert_offsets(text, figs)
    return figs.numeric_checks


def test_times_claim_consistent_and_inconsistent():
    ok, = checks("今年投入30亿美元，是去年10亿美元的三倍。")
    assert ok.verdict == "consistent" and "3" in ok.computation
    bad, = checks("今年投入30亿美元，是去年10亿美元的五倍。")
    assert bad.verdict == "inconsistent"


def test_more_by_claim_states_the_ambiguity():
    c, = checks("今年投入30亿美元，比去年的10亿美元多出两倍。")
    assert "ambiguous" in c.computation
    assert c.verdict == "consistent"          # strictly 3x, and 30 / 10 = 3
    c, = checks("今年投入20亿美元，比去年的10亿美元多出两倍。")
    assert c.verdict == "inconsistent" and "loosely" in c.computation


def test_sum_claim():
    c, = checks("研发预算17亿元，人才预算3亿元，两项合计20亿元。")
    assert c.verdict == "consistent"
    c, = checks("研发预算17亿元，人才预算3亿元，两项合计25亿元。")
    assert c.verdict == "inconsistent"


def test_share_of_a_named_part_in_a_stated_total_or_in_the_listed_parts():
    def verdicts(text):
        return [c.verdict for c in extract_figures(text, sentences_of(text)).numeric_checks]
    assert verdicts("拨款和贷款合计155.5亿美元。其中直接拨款88亿美元，政府贷款67.5亿美元，拨款占比约57%。") == ["consistent"]
    assert verdicts("其中直接拨款88亿美元，政府贷款67.5亿美元，拨款占比约70%。") == ["inconsistent"]


def test_share_without_figures_is_unverifiable():
    c, = checks("台积电一家公司的用电量已占全台用电的将近一成。")
    assert c.verdict == "unverifiable"


def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    figs = extract_figures(text, sentences_of(text))
    assert_offsets(text, figs)
    got = [(m.text, m.value, m.currency, m.qualifier, m.equivalent_of) for m in figs.money]
    assert got[:4] == [
        ("74亿美元", 7400000000, "USD", "exact", None),
        ("约1.05万亿日元", 1050000000000, "JPY", "approx", 0),
        ("大约22亿美元", 2200000000, "USD", "approx", None),
        ("大概有100亿美元", 10000000000, "USD", "approx", None),
    ]
    assert len(figs.money) == 9 and all(m.currency == "USD" for m in figs.money[4:])
    assert "一块" not in [m.text for m in figs.money]
    by_claim = {c.claim_text: c for c in figs.numeric_checks}
    rate = next(c for t, c in by_claim.items() if "日元" in t)
    assert rate.verdict == "consistent" and "JPY per USD" in rate.computation
    more = next(c for t, c in by_claim.items() if "多出三倍" in t)
    assert more.verdict == "inconsistent" and "ambiguous" in more.computation and "3.36" in more.computation
    share = next(c for t, c in by_claim.items() if "四分之三" in t)
    assert share.verdict == "consistent" and "0.74" in share.computation
