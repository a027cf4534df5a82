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
