"""Session 11, after reading the blind four (Argentina's RIGI megaprojects, an interview on Peru's Chancay port, a
Sichuan innovative-drug notice, Uzbekistan's cotton seed): general mechanisms, each checked on invented sentences
(none copied from the corpus)."""

from __future__ import annotations

import pytest

from pipeline.entities import EntityRecognizer
from test_entities import mentions, run


# ------------------------------------------------------------------ a foreign person's last name alone
def test_a_dotted_persons_last_name_alone_is_the_person_even_when_a_place_is_so_named(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "本刊记者专访了智利工程师安娜·门多萨。\n\n记者：项目进展如何？\n\n门多萨：比预想的要慢。门多萨认为电价是关键。")
    found = mentions(ents)
    assert ("安娜·门多萨", "PERSON") in found
    assert ("门多萨", "PERSON") in found and ("门多萨", "GPE") not in found


def test_the_place_form_of_the_last_name_stays_the_place(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "工程师安娜·门多萨说，门多萨省的光伏项目仍在融资。")
    assert ("门多萨省", "GPE") in mentions(ents)


def test_a_titles_last_character_is_no_part_of_a_dotted_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "吉尔吉斯斯坦农业部副部长沙赫拉姆·卡西莫夫在会上表示，合作将继续。")
    found = mentions(ents)
    assert ("沙赫拉姆·卡西莫夫", "PERSON") in found
    assert not any(t.startswith("长") for t, _ in found)
    assert ("吉尔吉斯斯坦农业部", "ORG") in found


@pytest.mark.parametrize("sentence, name", [
    ("撒马尔罕一家机构的农业分析师萨伊达·拉希莫娃认为，产量会上升。", "萨伊达·拉希莫娃"),
    ("阿拉木图一家咨询机构的分析师娜塔莉亚·彼得罗娃认为，价格还会上涨。", "娜塔莉亚·彼得罗娃"),
])
def test_a_dotted_name_cut_in_two_is_joined(recognizer_no_termbase, sentence, name):
    assert (name, "PERSON") in mentions(run(recognizer_no_termbase, sentence))


# ------------------------------------------------------------------ ports and the towns they are named after
def test_a_port_named_once_in_full_is_a_facility_everywhere_and_its_town_a_place(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "由中国企业控股的秘鲁萨拉韦里港正式开港。记者：您怎么评价萨拉韦里港的表现？萨拉韦里港已与大学合作。"
                    "萨拉韦里原本是一个小城。目前从萨拉韦里出口的集装箱里，近七成装的是矿产。萨拉韦里湾有数百户渔民。")
    found = mentions(ents)
    assert ("萨拉韦里港", "FACILITY") in found and ("萨拉韦里港", "ORG") not in found and ("萨拉韦里港", "PERSON") not in found
    assert ("萨拉韦里", "GPE") in found and ("萨拉韦里", "PERSON") not in found
    assert ("萨拉韦里湾", "LOC") in found


# ------------------------------------------------------------------ amounts, directions, short forms
def test_a_currencys_short_name_after_an_amount_is_no_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "第一期投资约13亿美元，约合49亿索尔；每年另投入约500万索尔。")
    assert not any(t == "索尔" for t, _ in mentions(ents))


def test_a_direction_and_about_before_a_distance_is_not_nato(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "这座港口位于首都利马以北约80公里。")
    assert not any(t == "北约" for t, _ in mentions(ents))


def test_a_verb_and_a_provinces_short_form_is_no_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "对来川工作的外籍人员给予补贴；对涉疆供应链实行推定；鼓励专家赴藏服务。")
    assert not {t for t, _ in mentions(ents)} & {"来川", "涉疆", "赴藏"}


def test_countries_short_forms_and_an_ordinary_word_are_no_organisation(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "2025年中乌农产品贸易额逾15亿美元，中秘两国签署了协定。")
    assert not any(t.startswith(("中乌", "中秘")) for t, _ in mentions(ents))


def test_generic_ports_and_roman_numeral_phases_are_no_names(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "这座深水港年吞吐能力100万标准箱。对完成I期、II期、III期临床试验的新药给予资助。")
    assert not {t for t, _ in mentions(ents)} & {"深水港", "II", "III"}


# ------------------------------------------------------------------ Central Asian places
def test_central_asian_places_and_an_oblast_of_a_listed_city(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "费尔干纳盆地的棉田已经收割完毕，撒马尔罕州和纳曼干州的合作社开始育种，塔什干的机构表示乐观。")
    found = mentions(ents)
    assert ("费尔干纳盆地", "LOC") in found
    assert ("撒马尔罕州", "GPE") in found and ("纳曼干州", "GPE") in found
    assert ("塔什干", "GPE") in found


# ------------------------------------------------------------------ bodies: units, legislatures, short forms
def test_a_unit_written_after_its_academy_or_administration_is_one_organisation(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "东岳国际研究院能源转型研究中心 · 工作论文第12期"))
    assert ("东岳国际研究院能源转型研究中心", "ORG") in found
    found = mentions(run(recognizer_no_termbase, "积极争取国家药品监督管理局医疗器械技术审评中心在本市设立分中心。"))
    assert ("国家药品监督管理局医疗器械技术审评中心", "ORG") in found


def test_a_bare_legislature_is_an_organisation(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "智利政府提出了新的税制，但相关议案至今仍在国会审议，年底前提交议会表决。"))
    assert ("国会", "ORG") in found and ("议会", "ORG") in found


def test_the_provinces_health_commission_short_form(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "湖南省出台若干措施。本措施由省工业和信息化厅会同省卫生健康委负责解释。"))
    assert ("省卫生健康委", "ORG") in found


def test_a_company_named_again_without_its_business_word(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "研究所与甘肃金穗种业有限公司签署协议。甘肃金穗去年在当地注册了合资公司，甘肃金穗方面表示满意。"))
    assert ("甘肃金穗", "ORG") in found and ("甘肃", "GPE") not in found


@pytest.mark.parametrize("sentence, name, label", [
    # a place + 医学城 / 生物城 is a park built as a district
    ("全省医药企业逾500家，武汉医学城等园区已形成集聚效应。", "武汉医学城", "FACILITY"),
    # a quoted name right before a facility word is the facility, and the same quoted name again
    ("| “潘帕之光”数据中心 | 人工智能 | 120亿美元 |\n\n仅“潘帕之光”一项就占承诺额的一半。", "潘帕之光", "FACILITY"),
])
def test_parks_and_quoted_facilities(recognizer_no_termbase, sentence, name, label):
    assert (name, label) in mentions(run(recognizer_no_termbase, sentence))


@pytest.mark.parametrize("sentence, not_names", [
    ("2023年5月，由太平洋航运港口控股的新码头正式启用。", {"太平洋航运港口控股"}),     # 由…控股的: a verb
    ("两国农业部门也在商谈共建实验室。企业在两省运营盐湖项目。", {"农业部", "盐湖"}),   # 部门, a salt flat
])
def test_verbs_departments_and_salt_lakes_are_no_names(recognizer_no_termbase, sentence, not_names):
    assert not {t for t, _ in mentions(run(recognizer_no_termbase, sentence))} & not_names


# ------------------------------------------------------------------ names of the mended mentions
def test_a_person_whose_last_name_is_a_place_is_not_named_after_the_place():
    namer = EntityRecognizer().namer
    assert namer.name(["安娜·门多萨", "门多萨"], "PERSON").name != "Mendoza"


def test_an_oblast_named_after_a_listed_city_is_its_region():
    namer = EntityRecognizer().namer
    namer.doc_places = {"country_zh": "乌兹别克斯坦"}
    assert namer.name(["撒马尔罕州"], "GPE").name == "Samarkand Region"
