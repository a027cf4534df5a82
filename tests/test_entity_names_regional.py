"""English names that carry to unseen articles (issue 4, session 6): Thai and other Southeast Asian personal
names read by the document's country, a foreign body named with its own country in an article about another
country, acronyms with the body's composed name, Central Bank of X, foreign departments (厅), counties,
country adjectives at the start of names, news outlets' names."""

from __future__ import annotations

import re

import pytest

from pipeline.entities import EntityRecognizer
from pipeline.entities.naming import thai_part, thai_readings
from pipeline.paths import read_tsv
from test_entity_names import MODELS


def name(namer, forms, label: str, **doc_places):
    namer.doc_places = dict(doc_places)
    try:
        return namer.name([forms] if isinstance(forms, str) else forms, label)
    finally:
        namer.doc_places = {}


def run(recognizer_no_termbase: EntityRecognizer, text: str):
    import jieba

    sentences = [m.span() for m in re.finditer(r"[^。！？!?\n]+[。！？!?]?", text)]
    return recognizer_no_termbase(text, sentences, [(s, e) for _, s, e in jieba.tokenize(text)])


# ------------------------------------------------------------------ Thai and Southeast Asian names
@pytest.mark.parametrize("form,expected", [
    ("巴差·塔纳蓬", "Prachai Thanaphong"),      # 巴 at the start of a part is Pra
    ("苏拉蓬·猜亚翁", "Suraphong Chaiyawong"),
    ("格立·沙旺", "Krit Sawang"),
    ("他信", "Thaksin"),                        # an unseparated Thai name, not a Chinese one
    ("佩通坦", "Paetongtarn"),
])
def test_thai_name_in_a_thai_document(namer, form, expected):
    got = name(namer, form, "PERSON", country_zh="泰国")
    assert got.name == expected and got.method == "western_syllables"


def test_thai_reading_needs_the_thai_context(namer):
    assert name(namer, "苏拉蓬·猜亚翁", "PERSON").name == "Sulapeng Caiyaweng"       # no country: pinyin
    assert name(namer, "他信", "PERSON", country_zh="墨西哥").method == "pinyin"


def test_a_chinese_name_in_a_thai_document_keeps_its_pinyin(namer):
    # the Chinese reporter of a Thai story: a common Chinese surname first
    assert name(namer, "黄清源", "PERSON", country_zh="泰国").name == "Huang Qingyuan"


def test_unseparated_name_in_an_indonesian_document_is_read_by_syllables(namer):
    got = name(namer, "普拉博沃", "PERSON", country_zh="印度尼西亚")
    assert got.method == "western_syllables" and got.name.lower().startswith("p") and "bowo" in got.name
    assert name(namer, "林海岚", "PERSON", country_zh="印度尼西亚").name == "Lin Hailan"
    assert name(namer, "普拉博沃", "PERSON").method == "pinyin"


def test_thai_table_has_its_source_and_readings_are_lower_case():
    path = MODELS / "entities" / "thai_name_readings.tsv"
    assert "source" in path.read_text(encoding="utf-8").splitlines()[0].lower()
    rows = read_tsv(path)
    assert len(rows) == len({r["zh"] for r in rows}) >= 100
    assert all(re.fullmatch(r"[a-z\-]+", r["reading"]) for r in rows)
    assert thai_readings()["巴"] == ("pa", "pra") and thai_part("塔巴") == "Thapa"


def test_thai_name_through_the_recogniser(recognizer_no_termbase):
    text = ("泰国投资促进委员会今天表示，泰国电动车产量继续增长。泰国工业部官员苏拉蓬·猜亚翁说，泰国将扩大补贴。"
            "泰国车企也在扩产。")
    ents = run(recognizer_no_termbase, text)
    people = {e.name_zh: e.name_en for e in ents.index if e.label == "PERSON"}
    assert people.get("苏拉蓬·猜亚翁") == "Suraphong Chaiyawong", people


# ------------------------------------------------------------------ foreign bodies and their countries
def test_a_body_named_with_its_own_country_is_that_countrys_in_any_article(namer):
    # in an article about Australia, 美国国防部 is still the US's (was "Ministry of United States Defense (Australia)")
    assert name(namer, "美国国防部", "ORG", country_zh="澳大利亚").name == "U.S. Department of Defense"
    assert name(namer, "印尼投资部", "ORG", country_zh="印度尼西亚").name == "Ministry of Investment (Indonesia)"
    assert name(namer, "沙特财政部", "ORG", country_zh="沙特阿拉伯").name == "Saudi Ministry of Finance"
    assert namer.in_document_country(["中国外交部"]) is None


def test_foreign_department_and_central_bank(namer):
    assert name(namer, "泰国陆路交通厅", "ORG").name == "Department of Land Transport (Thailand)"
    assert name(namer, "省交通运输厅", "ORG").name != "Department of Transport (China)"
    assert name(namer, "尼日利亚中央银行", "ORG").name == "Central Bank of Nigeria"
    assert name(namer, "肯尼亚央行", "ORG").name == "Central Bank of Kenya"


def test_first_level_division_is_a_county_where_english_says_so(namer):
    assert name(namer, "西博滕省", "GPE", country_zh="瑞典").name == "Xiboteng County"      # a Swedish län
    assert name(namer, "诺尔博滕省", "GPE", country_zh="瑞典").name.endswith(" County")
    assert name(namer, "西博滕省", "GPE", country_zh="越南").name == "Xiboteng Province"


def test_country_adjective_at_the_start_of_a_name(namer):
    assert name(namer, "澳大利亚国家审计署", "ORG").name.startswith("Australian National Audit")
    assert name(namer, "墨西哥竞争力研究所", "ORG").name == "Mexican Competitiveness Institute"
    assert name(namer, "斯德哥尔摩地方法院", "ORG").name == "Stockholm District Court"


def test_acronym_comes_with_the_composed_name(namer):
    got = name(namer, ["波兰投资和贸易局", "PAIH"], "ORG")
    assert got.name == "Polish Investment and Trade Authority (PAIH)"      # a foreign 局 is an Authority (session 7)
    # a Latin name that is not an acronym stays as written, without a European legal form (session 8)
    assert name(namer, ["冰川电池公司", "Glaciär Batteri AB"], "ORG").name == "Glaciär Batteri"
    # no composable Chinese name: the acronym alone
    assert name(namer, ["PAIH"], "ORG").name == "PAIH"


@pytest.mark.parametrize("form,expected", [
    ("寰球财经周刊", "Global Finance Weekly"),
    ("亚太产经观察", "Asia-Pacific Industry and Economy Observer"),
    ("环球时报", "Global Times"),
])
def test_news_outlet_names(namer, form, expected):
    assert name(namer, form, "ORG").name == expected


def test_session6_termbase_rows_have_a_source():
    rows = [r for r in read_tsv(MODELS / "termbase.tsv") if "session 6" in r.get("source", "")]
    assert len(rows) >= 50
    assert all(r["name_en"] and r["type"] in ("ORG", "PERSON", "GPE", "PROGRAM", "LAW") for r in rows)


@pytest.mark.parametrize("form,expected", [
    ("江苏恒芯微电子股份有限公司", "Jiangsu Hengxin Microelectronics Co., Ltd."),      # not "Share Co., Ltd."
    ("重庆邮电大学", "Chongqing University of Posts and Telecommunications"),
    ("纽约州州长办公室", "Office of the Governor of New York"),
    ("国际货币基金组织", "International Monetary Fund"),                                 # no "Fund Organization"
    ("世界贸易组织", "World Trade Organization"),
    ("奇瑞汽车", "Chery Automobile"),                                                  # a Chinese carmaker
    ("华友钴业", "Huayou Cobalt"),                                                     # brand + industry word
    ("紫金矿业", "Zijin Mining"),
    ("恒芯微（无锡）集成电路有限公司", "Hengxin Micro (Wuxi) Integrated Circuit Co., Ltd."),  # place inside
])
def test_company_and_office_forms(namer, form, expected):
    assert name(namer, form, "ORG").name == expected


def test_foreign_carmaker_keeps_motor(namer):
    assert EntityRecognizer(statistical="none").namer.name(["丰田汽车"], "ORG").name.startswith("Toyota Motor")
    assert name(namer, "福特汽车", "ORG").name == "Ford Motor"        # CC-CEDICT: 'Ford, US car make'


def test_bare_name_of_a_listed_foreign_province(namer):
    assert name(namer, "北江", "GPE", country_zh="越南").name == "Bac Giang"
    assert name(namer, "北江", "LOC").name != "Bac Giang"          # no foreign country: CC-CEDICT's river


def test_termbase_follows_the_annotators_conventions():
    namer = EntityRecognizer(statistical="none").namer
    assert namer.name(["西屋公司"], "ORG").name == "Westinghouse"          # the brand, not the legal name
    assert namer.name(["华盛顿"], "GPE").name == "Washington"


def test_polish_province_is_a_voivodeship(namer):
    assert name(namer, "西博滕省", "GPE", country_zh="波兰").name == "Xiboteng Voivodeship"


def test_a_lone_character_in_a_short_brand_is_not_glossed():
    namer = EntityRecognizer(statistical="none").namer      # 埃尼 is a termbase name (Eni): 埃尼 | 巴 | 稀土
    namer.doc_places = {"country_zh": "澳大利亚"}
    try:
        assert namer.name(["埃尼巴稀土"], "ORG").name == "Eniba Rare Earth"
    finally:
        namer.doc_places = {}


def test_general_inside_names(namer):
    assert name(namer, "通用数据保护条例", "LAW").name == "General Data Protection Regulation"


def test_agreement_between_countries_written_by_their_short_forms(namer):
    assert name(namer, "美墨加协定", "LAW").name == "United States-Mexico-Canada Agreement"


def test_hong_kong_programmes_are_schemes(namer):
    assert name(namer, "人工智能资助计划", "PROGRAM", hongkong="yes").name == "Artificial Intelligence Subsidy Scheme"      # spelt out in Hong Kong (session 7)
    assert name(namer, "人工智能资助计划", "PROGRAM").name == "AI Subsidy Program"


def test_vietnamese_names_by_their_sino_vietnamese_reading(namer):
    assert name(namer, "阮志勇", "PERSON", country_zh="越南").name == "Nguyen Chi Dung"       # surname 阮
    assert name(namer, "范文同", "PERSON", country_zh="越南").name == "Pham Van Dong"         # middle 文
    assert name(namer, "周远舟", "PERSON", country_zh="越南").name == "Zhou Yuanzhou"          # the Chinese reporter
    assert name(namer, "阮志勇", "PERSON").method == "pinyin"                                # no Vietnam context
    assert name(namer, "太平省", "GPE", country_zh="越南").name == "Thai Binh Province"
    assert name(namer, "安丰工业园", "FACILITY", country_zh="越南").name == "An Phong Industrial Park"
