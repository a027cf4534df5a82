"""English names that carry to unseen articles (issue 4, session 7): Taiwanese romanisation for documents
written the Taiwanese way, numbered series names, statute and plan titles, a Latin brand + a Chinese place."""

from __future__ import annotations

import re

import pytest

from pipeline.entities import EntityRecognizer
from pipeline.entities.naming import taiwan_usage
from test_entity_names_regional import name, run


# ------------------------------------------------------------------ Taiwanese writing
def test_taiwanese_usage_is_found_by_its_words():
    assert taiwan_usage("记者林佩萱／吉隆坡报导。晶片设计与先进封装，人工智慧晶片需求。")
    assert not taiwan_usage("芯片设计与先进封装，人工智能芯片需求，记者报道。")
    assert not taiwan_usage("晶片、晶片、晶片")          # one word repeated is not a way of writing


def test_chinese_names_in_a_taiwanese_written_document_are_wade_giles(namer):
    assert name(namer, "林佩萱", "PERSON", taiwan_usage="yes").name == "Lin Pei-hsuan"
    assert name(namer, "陈韵如", "PERSON", taiwan_usage="yes").name == "Chen Yun-ju"
    assert name(namer, "林佩萱", "PERSON").name == "Lin Peixuan"
    # Hong Kong's own spelling comes first
    assert name(namer, "卢颖芝", "PERSON", hongkong="yes", taiwan_usage="yes").name == "Lo Wing-chi"


def test_taiwanese_written_document_through_the_recogniser(recognizer_no_termbase):
    text = ("记者：林佩萱／吉隆坡报导\n马来西亚晶片产业再扩张。马来西亚政府表示，人工智慧晶片需求强劲。"
            "星展银行经济学家陈韵如认为，晶片封装仍有优势。")
    ents = run(recognizer_no_termbase, text)
    names = {e.name_en for e in ents.index}
    assert "Chen Yun-ju" in names


# ------------------------------------------------------------------ numbered series
@pytest.mark.parametrize("form,label,expected", [
    ("朱雀三号", "PRODUCT", "Zhuque-3"),
    ("天龙三号", "PRODUCT", "Tianlong-3"),
    ("鸿鹄-3", "PROGRAM", "Honghu-3"),
    ("天宫二号", "FACILITY", "Tiangong-2"),
    ("长征十二号", "PRODUCT", "Changzheng-12"),
])
def test_numbered_series_member(namer, form, label, expected):
    assert name(namer, form, label).name == expected


def test_reactor_unit_and_not_a_series(namer):
    assert name(namer, "弗拉芒维尔3号机组", "FACILITY").name.endswith(" 3")
    assert not name(namer, "张三号", "PERSON").name.endswith("-3")


def test_chinese_number():
    from pipeline.entities.naming import chinese_number
    assert [chinese_number(x) for x in ("三", "十", "十二", "二十一", "12", "三百")] == [3, 10, 12, 21, 12, None]


# ------------------------------------------------------------------ ministries, titles
def test_german_ministries_are_federal_for_their_portfolio(namer):
    assert name(namer, "德国经济和气候保护部", "ORG").name == \
        "Federal Ministry for Economic Affairs and Climate Action (Germany)"
    assert name(namer, "德国财政部", "ORG").name == "Federal Ministry of Finance (Germany)"
    assert name(namer, "联邦经济和能源部", "ORG", country_zh="德国").name == \
        "Federal Ministry for Economic Affairs and Energy"
    assert name(namer, "巴西能源部", "ORG").name == "Brazilian Ministry of Energy"


@pytest.mark.parametrize("form,label,expected", [
    ("关键矿产战略2023—2030", "PROGRAM", "Critical Minerals Strategy 2023-2030"),
    ("研究、创新与企业2025计划", "PROGRAM", "Research, Innovation and Enterprise 2025 Program"),
    ("卫星互联网行动方案", "PROGRAM", "Satellite Internet Action Plan"),
])
def test_plan_titles(namer, form, label, expected):
    assert name(namer, form, label).name == expected


def test_measures_are_not_do_act(namer):
    named = name(namer, "上市公司重大资产重组管理办法", "LAW").name
    assert named.endswith("Administrative Measures") and "Do" not in named.split()


# ------------------------------------------------------------------ legislatures, Latin brand + country
@pytest.mark.parametrize("form,expected", [
    ("韩国国会", "National Assembly (South Korea)"),
    ("瑞典议会", "Riksdag"),
    ("日本国会", "National Diet"),
    ("美国国会", "U.S. Congress"),
])
def test_a_countrys_legislature(namer, form, expected):
    assert name(namer, form, "ORG").name == expected


def test_legislature_table_has_a_source():
    from test_entity_names import MODELS
    header = (MODELS / "entities" / "name_words.tsv").read_text(encoding="utf-8").split("\nkind\t", 1)[0]
    assert "legislature" in header and "Session 7" in header


def test_latin_brand_and_country(namer):
    assert name(namer, "MTN尼日利亚", "ORG").name == "MTN Nigeria"


# ------------------------------------------------------------------ clustering
def test_listed_short_form_with_its_own_full_form_is_not_an_abbreviation():
    recognizer = EntityRecognizer()
    ents = run(recognizer, "欧盟在2023年成立了欧洲电池联盟（European Battery Alliance），欧盟委员会表示支持。")
    by_id = {e.entity_id: e for e in ents.index}
    eu = next(m for m in ents.mentions if m.text == "欧盟")
    alliance = next((m for m in ents.mentions if m.text == "欧洲电池联盟"), None)
    assert by_id[eu.entity_id].name_en == "European Union"
    if alliance is not None:
        assert alliance.entity_id != eu.entity_id


# ------------------------------------------------------------------ dictionary qualifiers, name parts
@pytest.mark.parametrize("form,expected", [
    ("国家发展改革委", "National Development and Reform Commission"),
    ("国务院新闻办公室", "State Council Information Office"),
])
def test_cedict_prc_qualifier_is_left_out(namer, form, expected):
    assert name(namer, form, "ORG").name == expected


@pytest.mark.parametrize("form,expected", [
    ("阿兹米·哈伦", "Azmi Harun"),
    ("塔博·恩科西", "Thabo Nkosi"),
    ("约纳斯·汉森", "Jonas Hansen"),
])
def test_malay_african_nordic_name_parts(namer, form, expected):
    assert name(namer, form, "PERSON").name == expected


@pytest.mark.parametrize("form,expected", [
    ("以色列创新局", "Israel Innovation Authority"),
    ("湖北省统计局", "Hubei Provincial Bureau of Statistics"),
    ("韩国水电核电公司", "Korea Hydro Nuclear Power Company"),
    ("澳大利亚国家审计署", "Australian National Audit Office"),
])
def test_foreign_authority_and_name_words(namer, form, expected):
    assert name(namer, form, "ORG").name == expected


def test_bare_bureau_in_a_foreign_document_keeps_bureau(namer):
    assert "Authority" not in name(namer, "统计局", "ORG", country_zh="泰国").name


@pytest.mark.parametrize("form,expected", [
    ("泰国中央银行", "Bank of Thailand"),
    ("挪威央行", "Norges Bank"),
    ("尼日利亚中央银行", "Central Bank of Nigeria"),
])
def test_central_bank_by_its_own_name(namer, form, expected):
    assert name(namer, form, "ORG").name == expected


def test_session7_termbase_rows_have_a_source():
    from pipeline.paths import read_tsv
    from test_entity_names import MODELS
    rows = [r for r in read_tsv(MODELS / "termbase.tsv") if "(session 7)" in (r.get("source") or "")]
    assert len(rows) >= 10
    assert all(r["source"] == "general knowledge, 2026-11-24 (session 7)" for r in rows)


def test_bare_semiconductor_association_is_not_the_us_one(namer_tb):
    assert name(namer_tb, "欧洲半导体行业协会", "ORG").name == "European Semiconductor Industry Association (ESIA)"
    assert name(namer_tb, "ESIA", "ORG").name == "European Semiconductor Industry Association (ESIA)"


def test_directive_and_hong_kong_artificial_intelligence(namer):
    assert name(namer, "可再生能源指令", "LAW").name == "Renewable Energy Directive"
    assert name(namer, "人工智能资助计划", "PROGRAM", hongkong="yes").name == "Artificial Intelligence Subsidy Scheme"
    assert name(namer, "国家人工智能战略", "PROGRAM").name == "National AI Strategy"


def test_session8_latin_form_after_a_title_mark_a_quote_or_before_a_comma(recognizer_no_termbase):
    # invented articles: the Latin name in brackets is the name's, after 》 or ”, or ending at a comma
    text = ("据挪威《海港日报》（Havnebladet）报道，该项目获得“北海计划”（North Sea Plan）支持。"
            "挪威出口信贷署（Export Credit Norway，下称“ECN”）提供贷款。")
    names = {e.name_zh: e.name_en for e in run(recognizer_no_termbase, text).index}
    assert names.get("海港日报") == "Havnebladet"
    assert names.get("挪威出口信贷署") == "Export Credit Norway"


def test_session8_a_place_takes_a_latin_form_that_reads_like_it(recognizer_no_termbase):
    text = "该公司计划在卡伦堡（Kalundborg）新建工厂，并在荷兰（ASML）附近设立办公室。"
    ents = run(recognizer_no_termbase, text).index
    names = {e.name_zh: e.name_en for e in ents}
    assert names.get("卡伦堡") == "Kalundborg"
    assert names.get("荷兰") == "Netherlands"
