"""English names that carry to unseen articles (issue 4, session 6, second pass): compound name words read as
the noun a name uses (发电商 Power Producer, 采购 Procurement, 供水 Water Supply), a statute's nouns (电力监管法 →
Electricity Regulation Act), a foreign company's research arm (微软研究院 → Microsoft Research), a university's
unit after its university, X省 as a province outside Japan, a place reading by the document's country (北海 →
North Sea abroad), an acronym written alone named by the row it ends, and a bare ministry whose sentence names
no country. All sentences and names are invented."""

from __future__ import annotations

import pytest

from pipeline.entities import EntityRecognizer
from test_entity_names_regional import name, run


# ------------------------------------------------------------------ name words
@pytest.mark.parametrize("form,label,expected", [
    ("光伏独立发电商采购计划", "PROGRAM", "Photovoltaic Independent Power Producer Procurement Program"),
    ("农村供水机构", "ORG", "Rural Area Water Supply Agency"),       # not "Supply Water"
    ("数据处理促进法", "LAW", "Data Processing Promotion Act"),       # not "Data Handle"
    ("能源监管委员会", "ORG", "Energy Regulatory Commission"),         # a body: Regulatory
])
def test_compound_name_words(namer, form, label, expected):
    assert name(namer, form, label).name == expected


def test_a_statute_uses_the_nouns(namer):
    assert name(namer, "电力监管法", "LAW").name == "Electricity Regulation Act"


def test_a_regulator(namer):
    assert name(namer, "国家能源监管机构", "ORG").name == "National Energy Regulator"


# ------------------------------------------------------------------ research arms and university units
def test_a_foreign_company_research_arm(namer_tb):
    assert name(namer_tb, "微软研究院", "ORG").name == "Microsoft Research"
    assert name(namer_tb, "中国电信研究院", "ORG").name == "China Telecom Research Institute"    # a Chinese company's


def test_a_university_unit_follows_its_university(namer):
    assert name(namer, "悉尼大学能源研究中心", "ORG").name == "Energy Research Center, University of Sydney"


# ------------------------------------------------------------------ 省 abroad, places by the document's country
def test_a_foreign_province_is_no_ministry(namer):
    assert name(namer, "北卡塔省", "ORG", country_zh="南非").name == "North Kata Province"
    assert name(namer, "南非北卡塔省", "ORG", country_zh="南非").name == "North Kata Province"
    assert name(namer, "北卡塔省", "GPE", country_zh="南非").name == "North Kata Province"


def test_a_japanese_ministry_stays_a_ministry(namer_tb):
    assert name(namer_tb, "外务省", "ORG", country_zh="日本").name == "Ministry of Foreign Affairs (Japan)"
    assert name(namer_tb, "经济产业省", "ORG", country_zh="挪威").name.startswith("Ministry of Economy, Trade and Industry")


def test_a_place_read_by_the_document_country(namer):
    assert name(namer, "北海", "LOC", country_zh="挪威").name == "North Sea"
    assert name(namer, "北海", "LOC").name == "Beihai"          # no foreign context: the Chinese city


# ------------------------------------------------------------------ acronyms and bare ministries
def test_an_acronym_alone_named_by_its_row(namer_tb):
    assert name(namer_tb, "TNB", "ORG").name == "Tenaga Nasional Berhad (TNB)"


def test_an_acronym_alone_without_a_row(namer):
    assert name(namer, "TNB", "ORG").name == "TNB"


def test_a_bare_ministry_in_a_sentence_naming_no_country():
    rec = EntityRecognizer(statistical="none")
    text = ("南非政府上月公布了新的输电规划。南非的电价今年上涨。南非希望吸引私人投资。"
            "当局的对策是分批招标。财政部和电力部门正在推进试点。")
    ents = run(rec, text)
    names = {e.name_zh: e.name_en for e in ents.index}
    assert names.get("财政部") == "National Treasury (South Africa)"


def test_a_bare_ministry_after_a_sentence_naming_china():
    rec = EntityRecognizer(statistical="none")
    text = ("南非政府上月公布了新的输电规划。南非的电价今年上涨。南非希望吸引私人投资。"
            "中国企业也在关注。财政部表示将继续支持企业出海。")
    ents = run(rec, text)
    names = {e.name_zh: e.name_en for e in ents.index}
    assert "South Africa" not in (names.get("财政部") or names.get("中国财政部") or "")
