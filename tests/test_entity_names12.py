"""English names (issue 4, session 12): a listed name written without its head, and a country written before a
name no table lists whole. Invented sentences and forms."""

from __future__ import annotations

from test_entities import entry_for, run


def test_a_listed_programme_without_its_head_keeps_the_listed_name(namer_tb):
    # the termbase lists 星门计划 (Stargate Project); 星门 alone is Stargate, not the pinyin 'Xingmen'
    assert namer_tb.name(["星门"], "PROGRAM").name == "Stargate"


def test_a_country_before_a_listed_name_without_its_head_is_the_names_arm_in_that_country(recognizer):
    text = "OpenAI宣布将在阿根廷建设“阿根廷星门”数据中心项目，“阿根廷星门”的规模达到500兆瓦。"
    e = entry_for(run(recognizer, text), "阿根廷星门")
    assert e.name_en == "Stargate Argentina"        # as Stargate UAE; not 'Agentingxingmen'


def test_a_country_before_an_unlisted_name_is_not_pinyined_with_it(recognizer_no_termbase):
    text = "OpenAI宣布将在阿根廷建设“阿根廷星门”数据中心项目，“阿根廷星门”的规模达到500兆瓦。"
    e = entry_for(run(recognizer_no_termbase, text), "阿根廷星门")
    assert e.name_en.startswith("Argentin") and "Agenting" not in e.name_en


def test_a_country_before_an_ordinary_word_is_glossed(namer_tb):
    assert namer_tb.name(["阿根廷石油"], "ORG").name == "Argentine Oil"


def test_a_company_by_its_brand_alone_is_the_listed_company(namer_tb):
    # the termbase lists 阿拉弗拉稀土 (Arafura Rare Earths): the brand alone names the company
    assert namer_tb.name(["阿拉弗拉"], "ORG").name == "Arafura Rare Earths"
    # only a whole word of its business may follow the brand in the listed name
    assert namer_tb.name(["阿拉弗拉稀"], "ORG").name != "Arafura Rare Earths"


def test_a_lone_word_that_is_a_listed_companys_brand_names_the_company(recognizer):
    text = "澳大利亚稀土项目获得贷款。阿拉弗拉表示，项目将于2027年投产。"
    e = entry_for(run(recognizer, text), "阿拉弗拉")
    assert e.name_en == "Arafura Rare Earths"       # not the surname reading 'Alafla'
