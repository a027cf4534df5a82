"""Figures fixes from the session-10 blind articles, each tested on invented sentences."""

from __future__ import annotations

import re

from pipeline.figures import extract_figures


def sentences_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^。！？!?\n]+[。！？!?]*\n?", text)]


def figs(text: str):
    return extract_figures(text, sentences_of(text))


def money(text: str):
    return figs(text).money


def assert_one_check(text: str, verdict: str, piece: str) -> None:
    """`text` gives exactly one numeric check, with `verdict`, whose computation shows `piece`."""
    cs = figs(text).numeric_checks
    assert [c.verdict for c in cs] == [verdict], [c.computation for c in cs]
    assert piece in cs[0].computation


# --- a bare 元 in an article that names 新台币/港币 before its amounts and never the renminbi ---

def test_bare_yuan_takes_the_local_currency_the_article_names():
    text = ("县政府去年编列新台币12亿元的长照预算，今年再追加新台币3亿元。"
            "议员质疑，实际执行不到8亿元，其余经费去向不明。")
    ms = money(text)
    assert [(m.text, m.currency) for m in ms] == [
        ("新台币12亿元", "TWD"), ("新台币3亿元", "TWD"), ("不到8亿元", "TWD")]


def test_bare_yuan_stays_renminbi_when_the_article_mentions_renminbi():
    text = ("该厂房投资新台币12亿元，另一笔新台币3亿元用于设备，约合人民币0.7亿元。"
            "大陆工厂则投资5亿元。")
    ms = money(text)
    assert ms[-1].text == "5亿元" and ms[-1].currency == "CNY"


def test_bare_yuan_stays_renminbi_with_a_single_mention_of_another_currency():
    text = "公司在香港募得港币2亿元，其余项目在内地投入30亿元。"
    ms = money(text)
    assert [(m.text, m.currency) for m in ms] == [("港币2亿元", "HKD"), ("30亿元", "CNY")]


# --- 新台币30亿至40亿元: the currency word before the low end covers the whole range ---

def test_range_with_the_currency_word_before_the_low_end():
    ms = money("一座新码头的造价约在新台币15亿至18亿元之间。")
    assert len(ms) == 1, [m.text for m in ms]
    m = ms[0]
    assert (m.value, m.value_max, m.currency, m.qualifier) == (1_500_000_000, 1_800_000_000, "TWD", "range")


def test_range_with_hong_kong_dollars_before_the_low_end():
    ms = money("翻新工程预计耗资港币5亿至6亿元。")
    assert [(m.value, m.value_max, m.currency) for m in ms] == [(500_000_000, 600_000_000, "HKD")]


# --- 三元电池 / 三元材料: a chemistry word, not three yuan ---

def test_ternary_battery_is_not_money():
    text = "车企正从三元电池转向磷酸铁锂，三元锂与三元材料的订单都在减少。"
    assert money(text) == []


def test_three_yuan_is_still_money():
    ms = money("一瓶水卖三元，比去年贵了。")
    assert [(m.value, m.currency) for m in ms] == [(3, "CNY")]


def checks(text: str):
    return figs(text).numeric_checks


def verdict_of(text: str, piece: str) -> str:
    found = [c for c in checks(text) if piece in c.claim_text]
    assert found, [(c.claim_text, c.verdict) for c in checks(text)]
    return found[-1].verdict


# --- 四项相加是百分之一百零五: a counted sum of the shares listed in the sentence before ---

def test_counted_sum_of_shares_in_the_sentence_before():
    text = "预算分成三块：研发占50%，设备占30%，人员占两成。三项相加是百分之一百，账目清楚。"
    assert verdict_of(text, "三项相加") == "consistent"
    text2 = "预算分成三块：研发占50%，设备占30%，人员占两成。三项相加是百分之九十，账目不清。"
    assert verdict_of(text2, "三项相加") == "inconsistent"


# --- 新预算是去年实际支出的将近两倍: both figures named by their nouns earlier in the article ---

def test_multiple_between_two_figures_named_earlier():
    text = ("该市原订预算约20亿元，最后实际支出逾25亿元。今年的新预算提高至48亿元。"
            "新预算是去年实际支出的将近两倍，目标却扩大了。")
    c = [c for c in checks(text) if "将近两倍" in c.claim_text][-1]
    assert c.verdict == "consistent" and "48亿元" in c.computation and "25亿元" in c.computation
    text2 = text.replace("48亿元", "90亿元")
    assert verdict_of(text2, "将近两倍") == "inconsistent"


# --- 两者相差近百倍: the two figures stated before 两者; 近百倍 / 上千倍 are multiples ---

def test_both_differ_by_a_bare_hundredfold():
    text = ("一台设备的造价约在8亿至9亿元之间。进口同类设备的价格约为900万元。"
            "两者相差近百倍，难以解释。")
    c = [c for c in checks(text) if "两者相差" in c.claim_text][-1]
    assert c.verdict == "consistent"
    assert verdict_of(text.replace("约为900万元", "约为9000万元"), "两者相差") == "inconsistent"


def test_bare_magnitude_multiples_need_a_bounding_word():
    qs = figs("效率提升上千倍，误差缩小近百倍；他精神百倍，誓言百倍奉还。").quantities
    assert [(q.text, q.value, q.qualifier) for q in qs if q.kind == "multiple"] == [
        ("上千倍", 1000, "more_than"), ("近百倍", 100, "approx")]


# --- 财政资金与社会资本1:3: the total one side's amount implies ---

def test_split_by_ratio_against_the_stated_total():
    ok = "设立总规模20亿元的产业基金，其中市财政出资5亿元，按照财政资金与社会资本1:3的比例吸引社会资本参与。"
    bad = ok.replace("出资5亿元", "出资4亿元")
    assert verdict_of(ok, "1:3") == "consistent"
    assert verdict_of(bad, "1:3") == "inconsistent"
    # the named side may be the second one of the ratio
    assert verdict_of("基金总规模30亿元，社会资本出资20亿元，政府与社会资本按1:2配比。", "1:2") == "consistent"


# --- a capped grant at a rate from a threshold: the grant at the threshold must not exceed the cap ---

def test_capped_grant_per_unit():
    ok = "对年用水量超过500万吨的企业，按每吨0.2元给予补贴，单个企业每年最高不超过200万元。"
    assert verdict_of(ok, "每吨0.2元") == "consistent"
    assert verdict_of(ok.replace("200万元", "50万元"), "每吨0.2元") == "inconsistent"


def test_capped_grant_by_percentage_and_currencies():
    assert verdict_of("设备投资额在5000万元以上的，按实际投资额的20%给予补助，单个企业最高800万元。",
                      "20%") == "inconsistent"
    assert verdict_of("对实际投资超过2,000万元的项目，按实际投资额的5%给予奖励，最高不超过500万元。",
                      "5%") == "consistent"
    assert verdict_of("对实际投资超过2,000万美元的项目，按实际投资额的5%给予奖励，最高不超过500万元人民币。",
                      "5%") == "unverifiable"


# --- X约为Y的三分之二（Y约为…）: the figure the noun names may follow the claim ---

def test_share_of_a_figure_named_after_the_claim():
    t = "去年本地电价平均约为每兆瓦时50欧元，约为法国的三分之二（法国约为每兆瓦时75欧元）。"
    assert verdict_of(t, "三分之二") == "consistent"
    assert verdict_of(t.replace("75欧元", "120欧元"), "三分之二") == "inconsistent"


def test_share_of_a_figure_named_in_the_next_sentence():
    t = ("部长表示，到2030年产能要达到300万吨，“这相当于全国目前水泥产量的四成以上”。"
         "协会数据显示，全国水泥产量约为700万吨。")
    assert verdict_of(t, "四成以上") == "consistent"
    assert verdict_of(t.replace("约为700万吨", "约为1,500万吨"), "四成以上") == "inconsistent"


def test_capped_grant_of_another_base_is_only_an_upper_bound():
    t = "对固定资产投资超过5亿元的项目，按照设备投资额的30%给予补助，最高1亿元。"
    assert verdict_of(t, "30%") == "unverifiable"
    assert verdict_of(t.replace("30%", "10%"), "10%") == "consistent"


# --- 以A计算，…约为B: the one percentage stated before, applied to the base ---

def test_rate_applied_to_a_stated_base():
    t = "新规规定，重点项目可获得最高相当于投资额20%的补贴。以该厂80亿元的投资计算，理论上可获得的补贴上限约为16亿元。"
    assert verdict_of(t, "以该厂80亿元") == "consistent"
    assert verdict_of(t.replace("约为16亿元", "约为24亿元"), "以该厂80亿元") == "inconsistent"


# --- 招聘约2,000人，其中本地员工占九成，外籍人员约400人: shares and counts of one whole ---

def test_shares_and_counts_after_qizhong_add_up_to_at_most_the_whole():
    assert verdict_of("工厂计划招聘2,000人，其中本地员工占九成，外籍技术人员约400人。", "其中") == "inconsistent"
    assert verdict_of("工厂计划招聘约2,000人，其中本地员工占八成，外籍技术人员约300人。", "其中") == "consistent"


def test_zhi_yi_inside_a_percentage_is_not_the_cue_one_of():
    cs = checks("据说其成本占百分之一百零五。")
    assert cs and all("'之一'" not in c.computation for c in cs)


def test_bare_yuan_before_any_local_currency_stays_renminbi():
    text = ("南京工厂去年投资30亿元扩产。台湾方面则补助新台币50亿元，另有新台币20亿元贷款。"
            "今年南京工厂再投入12亿元。")
    ms = money(text)
    assert [m.currency for m in ms] == ["CNY", "TWD", "TWD", "CNY"]
