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


def test_bare_peso_is_the_peso_of_the_country_the_article_is_about():
    assert one("墨西哥政府推出300亿比索的激励计划。").currency == "MXN"
    assert one("阿根廷央行投放500亿比索。").currency == "ARS"
    mexico = "墨西哥城的官员说，墨西哥将扩大补贴。新车计划以9万比索的价格销售。"
    assert [m.currency for m in money(mexico)] == ["MXN"]
    argentina = "阿根廷政府宣布改革。布宜诺斯艾利斯的工厂拿到了20亿比索。阿根廷的通胀仍高。"
    assert [m.currency for m in money(argentina)] == ["ARS"]
    philippines = "菲律宾央行维持利率不变。马尼拉的项目获得50亿披索贷款。"
    assert [m.currency for m in money(philippines)] == ["PHP"]
    assert one("这笔钱是50亿比索。").currency == "MXN"  # no peso country named anywhere: the default
    # a symbol is read only in its own sentence: ¥ in an article that mentions Japan elsewhere stays yuan
    assert [m.currency for m in money("日本政府发表声明。国内企业获得¥500万补贴。")] == ["CNY"]
    # an article about Saudi Arabia that mentions Qatar once: bare 里亚尔 stays Saudi
    saudi = "沙特王储在利雅得宣布。卡塔尔也有类似计划。该基金将出资400亿里亚尔。"
    assert [m.currency for m in money(saudi)] == ["SAR"]


def test_bare_krona_and_shilling_follow_the_country_the_article_names():
    assert one("斯德哥尔摩的电池厂亏损了96亿克朗。").currency == "SEK"
    assert one("这家丹麦公司去年亏损20亿克朗。").currency == "DKK"
    assert one("挪威主权基金增持了300亿挪威克朗的股票。").currency == "NOK"
    norway = "挪威政府在奥斯陆宣布新政。该基金将投入300亿克朗。挪威的油气收入仍高。"
    assert [m.currency for m in money(norway)] == ["NOK"]
    assert one("内罗毕的数据中心项目耗资50亿先令。").currency == "KES"
    assert one("乌干达政府拨款1,000亿先令。").currency == "UGX"
    assert one("超过38万亿肯尼亚先令").qualifier == "more_than"


def test_currencies_added_in_session_7_and_their_shared_names():
    assert one("哈萨克斯坦计划投入1.2万亿坚戈建设稀土分离厂。").currency == "KZT"
    assert one("匈牙利政府提供3,000亿福林补贴。").currency == "HUF"
    assert one("科威特主权基金出资5亿科威特第纳尔。").currency == "KWD"
    # shared words keep their old default and follow the country named in the sentence
    assert one("印度拨款500亿卢比。").currency == "INR"
    assert one("巴基斯坦拨款500亿卢比。").currency == "PKR"
    assert one("瑞士联邦拨款20亿法郎。").currency == "CHF"
    assert one("塞内加尔的海水淡化厂耗资1,000亿法郎。").currency == "XOF"
    assert one("阿联酋投入20亿迪拉姆。").currency == "AED"
    assert one("摩洛哥投入20亿迪拉姆。").currency == "MAD"
    # a reference rate where the ECB quotes the currency or it is pegged to the euro; none otherwise
    ron = one("罗马尼亚拨款10亿列伊。")
    assert ron.currency == "RON" and ron.usd_rate is not None and 0.15 < float(ron.usd_rate) < 0.3
    assert one("科特迪瓦获得655.957亿西非法郎贷款。").usd_rate is not None
    assert one("约合1.2万亿坚戈").usd_rate is None
    # a bare 第纳尔 names no one currency, and 拉里 alone is a person's name
    assert money("当地拨款20亿第纳尔。") == [] and money("格鲁吉亚的项目欠了3亿拉里。") == []


def test_at_most_before_a_penalty_verb():
    m = one("违规企业最高可被处以3,500万欧元或全球年营业额7%的罚款。")
    assert (m.value, m.qualifier) == (35_000_000, "less_than")


def test_several_running_to_and_per_kwh():
    m = one("每个发展极每年分到的不过几亿比索。")
    assert (m.value, m.value_max, m.qualifier) == (200_000_000, 900_000_000, "range")  # 几 = more than one
    m = one("谁敢把几十亿美元的晶圆厂押在这里？")
    assert (m.value, m.value_max) == (2_000_000_000, 9_000_000_000)
    assert one("与动辄千亿美元的大国计划相比，这笔钱不多。").qualifier == "approx"
    m = one("工业电价约为每千瓦时0.25新元。")
    assert (m.value, m.currency, m.qualifier) == (Decimal("0.25"), "SGD", "approx")


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


def test_multiple_of_the_former_or_of_a_named_amount():
    c, = checks("电池价格已降到每千瓦时约50美元，而该厂成本高达每千瓦时约180美元，是前者的三倍多。")
    assert c.verdict == "consistent" and "180" in c.computation and "50" in c.computation
    c, = checks("营业收入仅约14亿克朗，净亏损却高达约96亿克朗，亏损是收入的近七倍。")
    assert c.verdict == "consistent" and "14亿" in c.computation
    c, = checks("营业收入仅约14亿克朗，净亏损却高达约96亿克朗，亏损是收入的近三倍。")
    assert c.verdict == "inconsistent"


def test_annual_growth_rate_written_as_zengsu():
    c, = checks("2025年产业规模约为4,200亿元，预计2027年将达到约6,500亿元，年均增速约24%。")
    assert c.verdict == "consistent" and "compound over 2 years" in c.computation
    c, = checks("2025年产业规模约为4,200亿元，预计2027年将达到约6,500亿元，年均增速约40%。")
    assert c.verdict == "inconsistent"


def test_a_price_per_unit_is_not_compared_with_the_headline_total():
    text = "政府投资180亿美元。另有180亿美元的配套资金。该厂生产成本高达每千瓦时约180美元，是行业平均的三倍多。"
    verdicts = [c.verdict for c in checks(text) if "三倍" in c.claim_text]
    assert verdicts in ([], ["unverifiable"])


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


# ----------------------------------------------------------------------------- claims beyond money (relations.py)
def verdict_of(text: str, needle: str) -> str:
    """The verdict of the one check whose claim contains ``needle``."""
    cs = [c for c in checks(text) if needle in c.claim_text]
    assert len(cs) == 1, [(c.claim_text, c.verdict) for c in checks(text)]
    return cs[0].verdict


def test_percentage_point_change_between_two_rates():
    t = "该公司研发投入占比由2020年的4%升至2024年的10%，提升{}个百分点。"
    assert verdict_of(t.format(6), "百分点") == "consistent"
    assert verdict_of(t.format(8), "百分点") == "inconsistent"


def test_multiple_between_figures_with_units_converted():
    t = "新园区规划容量约2.4吉瓦。这相当于现有园区总容量的{}，后者目前约为300兆瓦。"
    assert verdict_of(t.format("八倍"), "倍") == "consistent"       # 2.4 GW / 300 MW = 8
    assert verdict_of(t.format("十五倍"), "倍") == "inconsistent"


def test_growth_multiples_between_counts_and_bare_numbers():
    assert verdict_of("全市充电桩数量将从目前的约2万个增加到9万个以上，也就是翻两番还多。", "翻两番") == "consistent"
    assert verdict_of("全市充电桩数量将从目前的约2万个增加到6万个，也就是翻两番还多。", "翻两番") == "inconsistent"
    assert verdict_of("从3000到2.5万，五年里要扩大到八倍多。", "八倍") == "consistent"
    assert verdict_of("甲公司的投资约5亿美元，而乙公司的投资也就8亿美元，连两倍都不到。", "两倍") == "consistent"


def test_share_of_a_figure_named_after_the_verb_or_before_the_part():
    assert verdict_of("预计到2028年该省储能装机将达到3吉瓦左右，仅为6吉瓦规划目标的一半。", "一半") == "consistent"
    assert verdict_of("预计到2028年该省储能装机将达到1吉瓦左右，仅为6吉瓦规划目标的一半。", "一半") == "inconsistent"
    assert verdict_of("该国每年的财政收入约2万亿欧元，50亿欧元只相当于其0.25%。", "0.25%") == "consistent"
    assert verdict_of("该国每年的财政收入约2万亿欧元，50亿欧元只相当于其2%。", "2%") == "inconsistent"


def test_share_of_the_total_is_a_stated_total_or_the_headline_figure():
    assert verdict_of("该计划总投资为50亿加元。截至目前，已到位资金约30亿加元，占总额的一半以上。", "一半") == "consistent"
    t = "政府为此安排了40亿澳元。这40亿澳元分五批下达。已拨付约{}亿澳元，占总额的一半以上。"
    assert verdict_of(t.format(25), "一半") == "consistent"         # the headline figure, stated twice
    assert verdict_of(t.format(10), "一半") == "inconsistent"


def test_share_with_part_and_whole_found_by_their_nouns():
    t = ("全年手机产量达到500万台，同比增长5%，其中折叠屏手机产量150万台。"
         "折叠屏手机产量占全市手机产量的比重达到{}。")
    assert verdict_of(t.format("30%"), "比重") == "consistent"
    assert verdict_of(t.format("40%"), "比重") == "inconsistent"
    t = "项目总投资调整为约200亿欧元，政府补助随之提高到50亿欧元。在新方案下，补助约占总投资的{}。"
    assert verdict_of(t.format("四分之一"), "补助约占") == "consistent"
    assert verdict_of(t.format("一半"), "补助约占") == "inconsistent"


def test_change_between_old_and_new_values():
    assert verdict_of("全市注册企业将由目前约2,000家增加到3,000家以上，增幅接近五成。", "五成") == "consistent"
    t = "2022年该省芯片出口约80亿美元，2023年达到100亿美元，“同比增长{}”。"
    assert verdict_of(t.format("近五成"), "同比") == "inconsistent"   # 100 / 80 = 1.25
    assert verdict_of(t.format("25%"), "同比") == "consistent"
    assert verdict_of("算一下，100除以80，增幅是25%。", "增幅") == "consistent"


def test_year_on_year_change_against_the_same_figure_a_year_before():
    t = ("Acme是一家软件公司。2024年公司营收约10亿美元。Bolt是另一家公司，2024年营收约30亿美元。"
         "我们预计Acme 2025年营收11亿美元，同比增长{}。")
    assert verdict_of(t.format("10%"), "同比") == "consistent"      # Acme's 10亿, not Bolt's later 30亿
    assert verdict_of(t.format("30%"), "同比") == "inconsistent"


def test_share_restated_as_its_complement():
    t = "目前海外产能占总产能的比重约为三成。换句话说，{}左右的产能仍在本土。"
    assert verdict_of(t.format("七成"), "本土") == "consistent"
    assert verdict_of(t.format("五成"), "本土") == "unverifiable"


def test_claim_phrasings_without_their_figures_are_unverifiable():
    assert verdict_of("约六成的产品出口流向欧洲。", "六成") == "unverifiable"
    assert verdict_of("该行业毛利率普遍只有12%到18%。", "毛利率") == "unverifiable"
    assert verdict_of("其市场份额预计到2030年仅能达到9%左右。", "份额") == "unverifiable"
    assert checks("商场全场打八折。") == []
    assert checks("杂质须控制在百万分之一以下。") == []
    assert checks("税收抵免率由10%提高到15%。") == []


def test_a_change_against_another_year_is_not_compared_with_the_headline_figure():
    c, = checks("该项目总投资100亿元。某工程师年薪约50万元，较2020年上涨约20%。")
    assert c.verdict == "unverifiable"


def test_restatement_by_the_article_s_own_exchange_rate():
    t = "行业总收入将达到约50亿美元。\n按1美元兑3.6新谢克尔的汇率计算，约合{}亿新谢克尔。\n"
    assert verdict_of(t.format(180), "新谢克尔") == "consistent"
    assert verdict_of(t.format(250), "新谢克尔") == "inconsistent"
    # the stated rate is also the reference for a bracketed restatement
    assert verdict_of("按1美元兑3.6新谢克尔计算。政府将投入约15亿新谢克尔（约合4亿美元）。", "约合") == "consistent"


def test_restatement_tolerance_includes_the_rounding_of_the_amounts():
    # 20亿 ILS at the reference rate is about 6.4亿 USD; 约合5亿 stands for 4.5亿..5.5亿, 14% off at the nearest
    assert verdict_of("政府将投入约20亿新谢克尔（约合5亿美元）。", "约合") == "consistent"
    assert verdict_of("政府将投入约20亿新谢克尔（约合9亿美元）。", "约合") == "unverifiable"


def test_restatements_without_a_reference_rate_are_compared_with_each_other():
    t = "资金规模约25万亿越南盾，约合10亿美元。每人最高补贴2.5亿越南盾，约合{}美元。"
    got = [c.verdict for c in checks(t.format("1万"))]
    assert got == ["consistent", "consistent"]
    got = [c.verdict for c in checks(t.format("2万"))]
    assert got == ["inconsistent", "inconsistent"]


def test_average_over_a_period():
    t = "政府将设立10亿美元的专项资金，分五年使用。10亿美元听上去不少，可摊到每年也就{}亿美元左右。"
    assert verdict_of(t.format(2), "摊到每年") == "consistent"
    assert verdict_of(t.format(5), "摊到每年") == "inconsistent"


def test_shareholdings_add_up_to_at_most_100_percent():
    assert verdict_of("合资公司由甲公司持股70%，乙公司、丙公司与丁公司各持股10%。", "各持股") == "consistent"
    assert verdict_of("合资公司由甲公司持股60%，乙、丙两家公司各持股30%。", "各持股") == "inconsistent"
    assert checks("合资公司由甲公司持股60%，乙公司持股20%。") == []   # other holders may not be named


def test_the_base_of_a_change_is_the_figure_after_bi_or_of_the_earlier_year():
    assert verdict_of("A市新房均价每平方米3万元，比B市的2万元高出50%。", "高出") == "consistent"
    assert verdict_of("今年营收120亿元，去年为100亿元，增长20%。", "增长") == "consistent"
    assert verdict_of("今年新能源车销量120万辆，去年为100万辆，增长20%。", "增长") == "consistent"
    assert verdict_of("今年营收120亿元，去年为100亿元，增长30%。", "增长") == "inconsistent"


def test_more_than_a_decline_is_a_larger_decline():
    t = "2022年融资额为100亿美元，2024年下滑至约{}亿美元，下降超过七成。"
    assert verdict_of(t.format(25), "下降") == "consistent"      # -75%
    assert verdict_of(t.format(60), "下降") == "inconsistent"    # -40%


def test_share_after_zhan_with_the_whole_named_by_its_noun():
    t = "全市GDP为1000亿元，其中数字经济增加值300亿元，占GDP比重为{}。"
    assert verdict_of(t.format("30%"), "GDP比重") == "consistent"
    assert verdict_of(t.format("50%"), "GDP比重") == "inconsistent"


def test_share_without_a_noun_is_of_the_figure_before_it():
    assert verdict_of("总投资100亿元，其中政府出资30亿元，占30%。", "占30%") == "consistent"
    assert verdict_of("该园区入驻企业300家，其中外资企业90家，占比三成。", "三成") == "consistent"
    assert verdict_of("该园区入驻企业300家，其中外资企业90家，占比五成。", "五成") == "inconsistent"
    assert verdict_of("该基金规模200亿元，社会资本出资150亿元，占比75%。", "75%") == "consistent"


def test_share_whose_whole_is_named_after_the_claim():
    assert verdict_of("研发人员达到1.2万人，占员工总数的40%，员工总数为3万人。", "40%") == "consistent"
    assert verdict_of("研发人员达到1.2万人，占员工总数的60%，员工总数为3万人。", "60%") == "inconsistent"


def test_growth_from_the_new_value_and_the_increment():
    assert verdict_of("全省5G基站数量达到10万个，比上年增加2万个，增长25%。", "增长25%") == "consistent"
    assert verdict_of("全省5G基站数量达到10万个，比上年增加2万个，增长20%。", "增长20%") == "inconsistent"


def test_annual_average_growth_is_compound():
    t = "全市规上工业增加值从2020年的100亿元增长到2025年的161亿元，年均增长{}。"
    assert verdict_of(t.format("10%"), "年均") == "consistent"       # 1.1 ** 5 = 1.61
    assert verdict_of(t.format("12%"), "年均") == "inconsistent"     # 61% / 5 years is not the compound rate


def test_a_denied_figure_is_not_a_claim():
    t = "甲方预算折合8亿美元，乙方预算也就12亿美元，连两倍都不到，哪来的三倍？"
    assert [c.verdict for c in checks(t) if "三倍" in c.claim_text] == []
    assert verdict_of(t, "两倍") == "consistent"


def test_two_unrelated_amounts_of_a_sentence_are_not_a_change():
    c, = checks("公司投资10亿元建设新厂，预计年产值30亿元，增长20%。")
    assert c.verdict == "unverifiable"
    assert verdict_of("去年研发投入80亿元，今年增至100亿元，增长25%。", "增长") == "consistent"


def test_models_key_is_read_once_per_extraction_and_again_after_a_change(tmp_path, monkeypatch):
    """The models directory is read from the environment once per `extract_figures` call (the
    lexicon caches look it up hundreds of times a document), and again on the next call."""
    from pipeline.figures import resources

    reads = []
    real = resources.models_dir_str
    monkeypatch.setattr(resources, "models_dir_str", lambda: reads.append(1) or real())
    figures = extract_figures("项目总投资50亿元，同比增长20%，是去年的三倍。", [(0, 24)])
    assert figures.money and figures.quantities and len(reads) == 1
    monkeypatch.setenv("PIPELINE_MODELS_DIR", str(tmp_path / "a"))
    assert resources.models_key() == str(tmp_path / "a")
    with resources.pinned_models_key() as key:
        monkeypatch.setenv("PIPELINE_MODELS_DIR", str(tmp_path / "b"))
        assert key == resources.models_key() == str(tmp_path / "a")
    assert resources.models_key() == str(tmp_path / "b")
    monkeypatch.delenv("PIPELINE_MODELS_DIR")
    assert resources.models_key() == str(REPO / "models")


def test_a_cap_stated_with_about_is_at_most():
    from pipeline.figures import extract_figures

    for text, amount in (("投资上限约50亿欧元。", "上限约50亿欧元"), ("每家企业最高约300万元补贴。", "最高约300万元")):
        money, = extract_figures(text, [(0, len(text))]).money
        assert (money.text, money.qualifier) == (amount, "less_than")


TABLE = ("主要项目如下表所示：\n\n| 企业 | 地点 | 投资额（亿丹麦克朗） | 员工（人） |\n|---|---|---|---|\n"
         "| 甲公司 | 卡伦堡 | 420 | 1200 |\n| 乙公司 | 希勒勒 | 290 | 800 |\n| 合计 |  | {total} | 2000 |\n\n资料来源：企业公告。")


def test_table_cells_under_a_money_unit_header_are_amounts():
    found = money(TABLE.format(total="710"))
    assert [(m.text, m.value, m.currency) for m in found] == [
        ("420", 42_000_000_000, "DKK"), ("290", 29_000_000_000, "DKK"), ("710", 71_000_000_000, "DKK")]
    # the head-count column has no money unit; a plain number outside a table stays a number
    assert money("| 年份 | 员工（人） |\n|---|---|\n| 2025 | 1200 |") == []


def test_a_table_total_row_is_checked_against_the_rows_above():
    ok, = [c for c in checks(TABLE.format(total="710")) if c.claim_text == "710"]
    assert ok.verdict == "consistent"
    bad, = [c for c in checks(TABLE.format(total="750")) if c.claim_text == "750"]
    assert bad.verdict == "inconsistent"


def test_a_total_stated_before_is_not_a_part_of_the_next_sum():
    text = ("钱分成三块：甲450亿欧元，乙300亿欧元，丙150亿欧元，“三项合计1,200亿欧元”。"
            "三项加起来是900亿欧元，剩下的去了哪里？")
    verdicts = {c.claim_text[-10:]: c.verdict for c in checks(text)}
    assert [v for k, v in verdicts.items() if "1,200亿" in k] == ["inconsistent"]
    assert [v for k, v in verdicts.items() if "900亿欧元" in k] == ["consistent"]
    assert "三块" not in [m.text for m in money(text)]      # parts, not three yuan
    assert one("这顿饭花了我三块钱。").value == 3


def test_a_restatement_after_an_enumeration_comma():
    a, b = money("菲律宾国家电网公司计划投入约1,100亿比索、约合19亿美元，升级输电网络。")
    assert (a.currency, b.currency, b.equivalent_of) == ("PHP", "USD", 0)


def test_bare_lira_is_the_turkish_lira():
    m = money("安卡拉的造船补贴今年增至3,200亿里拉，约合80亿美元。")[0]
    assert (m.currency, m.value) == ("TRY", 320000000000)
    assert one("伊斯坦布尔新机场二期耗资45亿土耳其新里拉。").currency == "TRY"
    assert one("国防基金预算为1,150亿里拉。").currency == "TRY"


PLAIN_TABLE = ("表2：三家车企2024年数据\n车企    营收（亿欧元）    利润（亿欧元）    利润率\n"
               "甲汽车    120    9    7.5%\n乙汽车\t80\t4\t5%\n合计    200    {total}    6.5%\n资料来源：公司年报")


def test_a_plain_text_table_with_columns_split_by_spaces_or_tabs():
    found = money(PLAIN_TABLE.format(total="13"))
    assert [(m.text, m.value, m.currency) for m in found] == [
        ("120", 12_000_000_000, "EUR"), ("9", 900_000_000, "EUR"), ("80", 8_000_000_000, "EUR"),
        ("4", 400_000_000, "EUR"), ("200", 20_000_000_000, "EUR"), ("13", 1_300_000_000, "EUR")]
    # a column without a money unit, and prose with a single space, stay numbers
    assert money("年份    员工（人）\n2025    1200\n") == []
    assert money("甲公司 120 亿人次。") == []


def test_a_plain_text_table_total_row_is_checked_against_the_rows_above():
    verdicts = {c.claim_text: c.verdict for c in checks(PLAIN_TABLE.format(total="13"))}
    assert verdicts["200"] == "consistent" and verdicts["13"] == "consistent"
    assert {c.claim_text: c.verdict for c in checks(PLAIN_TABLE.format(total="15"))}["15"] == "inconsistent"


def test_a_counted_sum_after_a_table_does_not_take_two_cells_of_one_row():
    text = PLAIN_TABLE.format(total="13") + "\n\n两家车企营收合计约200亿欧元。"
    assert not [c for c in checks(text) if "200亿欧元" in c.claim_text and c.verdict == "inconsistent"]


def test_growth_from_the_amount_after_jiao_to_the_amount_before_it():
    # 较 Y 增长了 N 倍: Y (after 较) is the base, the amount stated before it the amount reached
    c, = [c for c in checks("2024年该省光伏出口额约为46亿美元，较2019年的10亿美元增长了约3.6倍。") if "倍" in c.claim_text]
    assert c.verdict == "consistent"
    c, = [c for c in checks("今年的预算为30亿欧元，比去年的10亿欧元增长了五倍。") if "倍" in c.claim_text]
    assert c.verdict == "inconsistent"


def test_an_amount_restated_without_its_currency_word():
    text = "市里设立了80亿元的产业基金。\n\n八十亿的基金，能撬动多少项目？"
    assert [(m.text, m.value, m.currency) for m in money(text)] == [
        ("80亿元", 8_000_000_000, "CNY"), ("八十亿", 8_000_000_000, "CNY")]
    text = "三项加起来是600亿卢布，剩下的约200亿去了哪里？此前公布的第三项为200亿卢布。"
    assert [m.text for m in money(text)] == ["600亿卢布", "200亿卢布"]     # no same amount before it
    text = "第三项为200亿卢布。三项加起来是600亿卢布，剩下的约200亿去了哪里？"
    r = [m for m in money(text) if m.text == "约200亿"]
    assert [(m.currency, m.qualifier) for m in r] == [("RUB", "approx")]
    # a count of people, or a number with another unit, stays a number
    assert [m.text for m in money("项目投资2亿美元。这个人口超过2亿的国家正在跳过银行卡。")] == ["2亿美元"]
    assert [m.text for m in money("项目投资2亿美元，惠及2亿人。")] == ["2亿美元"]


def test_an_even_share_per_unit_without_pingjun():
    ok = "按今年6亿元的奖励和约1.5万户参保农户计算，每户农户一年能分到约4万元。"
    c, = [c for c in checks(ok) if "每户" in c.claim_text]
    assert c.verdict == "consistent"
    bad = "按今年6亿元的奖励和约1.5万户参保农户计算，每户农户一年能分到约8万元。"
    c, = [c for c in checks(bad) if "每户" in c.claim_text]
    assert c.verdict == "inconsistent"


def test_a_counted_sum_of_the_shares_listed_before_it():
    text = "欧洲约占41%，北美和日本分别约占22%和12%，三个地区合计贡献了超过{}的营收。"
    c, = [c for c in checks(text.format("七成")) if "listed before 合计" in c.computation]
    assert c.verdict == "consistent"          # 41 + 22 + 12 = 75 > 70
    c, = [c for c in checks(text.format("八成")) if "listed before 合计" in c.computation]
    assert c.verdict == "inconsistent"        # 75 is not more than 80
    c, = [c for c in checks("甲厂占35%，乙厂占20%，两家工厂加起来约占55%。") if "listed before 合计" in c.computation]
    assert c.verdict == "consistent"
