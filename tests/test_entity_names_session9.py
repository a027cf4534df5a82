"""Names that carry to unseen articles (issue 4, session 9): self-media post headers and outlets in bylines."""

from __future__ import annotations

import pytest

from pipeline.entities import EntityRecognizer
from test_entities import entry_for, mentions, run


# ------------------------------------------------------------------ post headers and outlets
def test_wechat_post_header_gives_the_author_and_the_account(recognizer_no_termbase):
    text = "挪威押注深海风电\n\n原创 阿澜 绿能出海圈 2026年11月21日 10:08 上海\n\n编者按：石油国家挪威正在转向风机。"
    ents = run(recognizer_no_termbase, text)
    found = mentions(ents)
    assert ("阿澜", "PERSON") in found and ("绿能出海圈", "ORG") in found
    # an account's name is romanised word by word, ü kept
    assert entry_for(ents, "绿能出海圈").name_en == "Lüneng Chuhai Quan"


def test_weibo_post_header_gives_the_account_and_the_platform(recognizer_no_termbase):
    text = "菲律宾周报：一周大事速览\n\n南洋科技圈 发布于 2026-11-23 08:30 来自 微博网页版\n\n各位早上好，本周动静不小。"
    found = mentions(run(recognizer_no_termbase, text))
    assert ("南洋科技圈", "ORG") in found
    assert ("微博", "PRODUCT") in found
    assert not any(t == "微博网页版" for t, _ in found)


def test_a_bylines_column_is_named_without_its_kind_and_glossed_after_its_romanisation(recognizer_no_termbase):
    text = "哈萨克斯坦的稀土梦\n\n作者：冯砚 | 欧亚观察专栏 | 2026年11月22日\n\n哈萨克斯坦要当稀土强国了。"
    ents = run(recognizer_no_termbase, text)
    assert ("欧亚观察", "ORG") in mentions(ents)
    name = entry_for(ents, "欧亚观察").name_en
    assert name.startswith("Ouya Guancha (") and name.endswith("Observer)")


def test_an_outlet_the_dictionary_knows_keeps_its_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "新闻发布会。\n记者（彭博社）：再贷款期限最长只有3年，是否会延长？")
    assert entry_for(ents, "彭博社").name_en == "Bloomberg News"


# ------------------------------------------------------------------ ministries and unions
@pytest.fixture(scope="module")
def namer(recognizer_no_termbase):
    return recognizer_no_termbase.namer


def test_information_and_digital_ministries(namer):
    assert namer.name(["新加坡数码发展及新闻部"], "ORG").name == "Ministry of Digital Development and Information (Singapore)"
    assert namer.name(["马来西亚新闻部"], "ORG").name.startswith("Ministry of Information")


def test_american_usage_department_of_transportation(namer):
    assert namer.name(["菲律宾交通部"], "ORG").name == "Department of Transportation (Philippines)"
    assert namer.name(["美国交通部"], "ORG").name == "U.S. Department of Transportation"
    assert namer.name(["澳大利亚交通部"], "ORG").name == "Department of Transport (Australia)"


def test_sector_unions_are_unions_not_alliances(namer):
    assert namer.name(["非洲电信联盟"], "ORG").name == "African Telecommunications Union"
    assert namer.name(["万国邮政联盟"], "ORG").name.endswith("Postal Union")


# ------------------------------------------------------------------ short forms after the full name
def test_a_body_named_with_its_country_is_found_again_without_it(recognizer_no_termbase):
    text = ("菲律宾贸工部部长表示，船厂将恢复生产。\n"
            "另外，贸工部本周发布了新的实施细则，初创企业可享税收减免。")
    ents = run(recognizer_no_termbase, text)
    assert ("贸工部", "ORG") in mentions(ents)
    assert entry_for(ents, "贸工部").entity_id == entry_for(ents, "菲律宾贸工部").entity_id


def test_a_programme_named_with_its_country_is_found_again_without_it(recognizer_no_termbase):
    text = "加拿大发布《加拿大关键矿产战略》。\n业内人士认为，关键矿产战略的执行进度偏慢。"
    ents = run(recognizer_no_termbase, text)
    assert entry_for(ents, "关键矿产战略").entity_id == entry_for(ents, "加拿大关键矿产战略").entity_id


def test_a_company_is_found_again_without_its_legal_form(recognizer_no_termbase):
    text = "冰川电池公司在博登建设电池工厂。\n然而，冰川电池去年申请破产。"
    ents = run(recognizer_no_termbase, text)
    assert entry_for(ents, "冰川电池").entity_id == entry_for(ents, "冰川电池公司").entity_id


def test_a_country_form_does_not_split_a_word(recognizer_no_termbase):
    # 日本国 | 际协力机构 is no short form: 日本 | 国际协力机构 is
    assert recognizer_no_termbase.finder._short_forms("日本国际协力机构", [type("C", (), {"start": 0, "end": 8, "label": "ORG",
                                                                   "source": "chain", "term": None, "prio": 1})()]) \
        .keys() <= {"国际协力机构"}


# ------------------------------------------------------------------ acronyms shape the gloss
def test_acronym_fit_chooses_the_form_the_acronym_spells():
    from pipeline.entities.naming import acronym_fit

    countries = frozenset({"Saudi", "Japan", "Philippine"})
    assert acronym_fit("Japan International Cooperation Bank", "JBIC", countries) == \
        "Japan Bank for International Cooperation"
    assert acronym_fit("Saudi Public Investment Fund", "PIF", countries) == "Public Investment Fund"
    assert acronym_fit("Saudi Data and AI Authority", "SDAIA", countries) == \
        "Saudi Data and Artificial Intelligence Authority"
    assert acronym_fit("Philippine Space Agency", "PhilSA", countries) == "Philippine Space Agency"
    assert acronym_fit("National Electric Power Company", "CFE", countries) is None


def test_a_chinese_name_with_its_acronym_is_glossed_as_the_acronym_spells(namer):
    assert namer.name(["日本国际协力银行", "JBIC"], "ORG").name == "Japan Bank for International Cooperation (JBIC)"
    assert namer.name(["沙特数据与人工智能管理局", "SDAIA"], "ORG").name == \
        "Saudi Data and Artificial Intelligence Authority (SDAIA)"


def test_space_and_medicines_agencies_and_eu_bodies(namer):
    assert namer.name(["菲律宾航天局"], "ORG").name == "Philippine Space Agency"
    assert namer.name(["欧盟药品管理局"], "ORG").name == "European Medicines Agency"
    assert namer.name(["丹麦药品管理局"], "ORG").name == "Danish Medicines Agency"


def test_a_body_restated_by_its_acronym_takes_in_the_verbs_of_its_name(recognizer_no_termbase):
    text = "电价涨得很快。国家能源监管机构（NERSA）批准电力公司提价。输电通道已经满载。国家输电公司（NTCSA）估计，投资不足。"
    ents = run(recognizer_no_termbase, text)
    found = mentions(ents)
    assert ("国家能源监管机构", "ORG") in found and ("国家输电公司", "ORG") in found
    # one word a capital at most: the stretch does not run back over the sentence
    assert not any(t.startswith("电价") for t, _ in found)


def test_the_documents_country_completes_what_the_acronym_spells(namer):
    from pipeline.entities.naming import acronym_fit

    assert acronym_fit("National Energy Regulator", "NERSA", frozenset(), "South Africa") == \
        "National Energy Regulator of South Africa"
    assert acronym_fit("National Transmission Company", "NTCSA", frozenset(), "South Africa") == \
        "National Transmission Company South Africa"


# ------------------------------------------------------------------ titles' originals, ministries' departments
def test_a_titles_original_name_in_brackets_is_one_entity_with_it(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "据瑞典《工业日报》（Dagens industri）获得的内部文件，工厂已停产。")
    assert ("Dagens industri", "ORG") in mentions(ents)
    assert entry_for(ents, "工业日报").entity_id == entry_for(ents, "Dagens industri").entity_id
    assert entry_for(ents, "工业日报").name_en == "Dagens industri"


def test_a_ministrys_department_before_its_heads_title(recognizer_no_termbase):
    text = "出席发布会的有工业和信息化部规划司负责人孙晓岚女士，以及国家发展改革委高技术司司长高立峰先生。"
    found = mentions(run(recognizer_no_termbase, text))
    assert ("工业和信息化部规划司", "ORG") in found and ("国家发展改革委高技术司", "ORG") in found
    # a company (公司) is no department
    from pipeline.entities.recognizer import Candidate

    kept = recognizer_no_termbase.finder._ministry_departments("商务部公司，负责人表示。", [Candidate(0, 3, "ORG", 5.0, "termbase")])
    assert (kept[0].start, kept[0].end) == (0, 3)


def test_a_department_of_a_ministry_without_an_acronym_comes_first(namer):
    assert namer.name(["工业和信息化部规划司"], "ORG").name.startswith("MIIT Department of Planning") or \
        namer.name(["工业和信息化部规划司"], "ORG").name.startswith("Department of Planning, ")


def test_a_bodys_own_language_name_follows_its_english_gloss(recognizer_no_termbase):
    assert recognizer_no_termbase.namer.name(["瑞典国家债务办公室", "Riksgälden"], "ORG").name == "Swedish National Debt Office (Riksgälden)"
    # a company keeps its own name
    assert recognizer_no_termbase.namer.name(["冰川电池公司", "Glaciär Batteri AB"], "ORG").name == "Glaciär Batteri"


def test_a_latin_acronym_joins_the_latin_name_it_abbreviates(recognizer_no_termbase):
    text = "该机制由澳大利亚出口融资署（Export Finance Australia，下称“EFA”）代为管理。\n从财务角度看，EFA以接近国债利率的成本放贷。"
    ents = run(recognizer_no_termbase, text)
    assert entry_for(ents, "EFA").entity_id == entry_for(ents, "Export Finance Australia").entity_id
    assert entry_for(ents, "EFA").name_en == "Export Finance Australia"


def test_a_dictionary_place_name_keeps_its_small_words():
    from pipeline.entities.naming import cedict_proper

    assert cedict_proper("火环", "LOC") == "Ring of Fire"
    assert cedict_proper("孟加拉湾", "LOC") == "Bay of Bengal"
    assert cedict_proper("宜昌", "GPE") == "Yichang"       # 'Yichang prefecture level city in Hubei'


def test_canadian_departments_by_their_applied_titles(namer):
    assert namer.name(["加拿大交通部"], "ORG").name == "Transport Canada"
    assert namer.name(["加拿大卫生部"], "ORG").name == "Health Canada"


def test_a_ministrys_fields_are_one_list(namer):
    name = namer.name(["肯尼亚信息通信和数字经济部"], "ORG").name
    assert "Ministry of Information, Communications and Digital Economy" in name


def test_a_title_after_its_owner_is_the_owners_listed_act():
    recognizer_no_termbase = EntityRecognizer()
    ents = run(recognizer_no_termbase, "欧盟《芯片法案》计划到2030年动员超过430亿欧元。美国《芯片法案》则更早。")
    names = {e.name_en for e in ents.index}
    assert "European Chips Act" in names and "CHIPS and Science Act" in names
