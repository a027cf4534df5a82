"""Session 12, after reading the blind four (a Hungarian battery op-ed, a Czech AI-server plant earnings call in
Traditional Chinese, a Pakistani rooftop-solar think-tank note, a Mongolian copper-smelter news page): general
mechanisms and sourced table rows, each checked on invented sentences (none copied from the corpus)."""

from __future__ import annotations

import pytest

from pipeline.entities import EntityRecognizer
from test_entities import entry_for, mentions, run


def _name(recognizer, text, surface):
    e = entry_for(run(recognizer, text), surface)
    return e.name_en if e is not None else None


# ------------------------------------------------------------------ Mongolian personal names
MONGOLIA = "蒙古国政府本周批准了新的矿业计划。蒙古国矿产丰富，蒙古国的铜出口还将增长。"


@pytest.mark.parametrize("person, english", [
    ("恩赫包勒德", "Enkhbold"),               # Enkh + bold
    ("巴特图勒嘎", "Battulga"),               # Bat + tulga
    ("奥云额尔登", "Oyunerdene"),             # Oyun + Erdene, no hyphen: a reading, not the person's spelling
    ("巴雅尔赛汗", "Bayarsaikhan"),
])
def test_a_mongolian_name_is_read_by_its_elements_in_an_article_about_mongolia(recognizer_no_termbase, person, english):
    text = MONGOLIA + f"国家大呼拉尔议员{person}在会上表示，{person}认为合同需要公开。"
    assert _name(recognizer_no_termbase, text, person) == english


def test_a_mongolian_patronymic_and_name_are_read_part_by_part(recognizer_no_termbase):
    text = MONGOLIA + "矿业部部长巴特苏赫·达瓦道尔吉说，项目将于明年开工。"
    assert _name(recognizer_no_termbase, text, "巴特苏赫·达瓦道尔吉") == "Batsukh Davaadorj"


def test_a_chinese_reporter_in_a_mongolian_story_keeps_pinyin(recognizer_no_termbase):
    text = MONGOLIA + "本网记者王海涛报道，王海涛说项目进展顺利。"
    assert _name(recognizer_no_termbase, text, "王海涛") == "Wang Haitao"


def test_the_mongolian_table_is_not_used_outside_mongolia(recognizer_no_termbase):
    # a Thai story keeps its Thai reading of 巴 (Pra-), not the Mongolian 巴特 Bat
    text = "泰国政府本周公布了新计划。泰国投资促进委员会表示，泰国将吸引更多投资。泰国副总理巴差·塔纳蓬表示欢迎。"
    assert _name(recognizer_no_termbase, text, "巴差·塔纳蓬").startswith("Pra")


# ------------------------------------------------------------------ places of Mongolia, Hungary, Czechia, Pakistan
@pytest.mark.parametrize("text, place, label, english", [
    (MONGOLIA + "新的冶炼厂将建在东戈壁省省会赛音山达，距扎门乌德约200公里。", "赛音山达", "GPE", "Sainshand"),
    (MONGOLIA + "新的冶炼厂将建在东戈壁省省会赛音山达，距扎门乌德约200公里。", "东戈壁省", "GPE", "Dornogovi Province"),
    (MONGOLIA + "新的冶炼厂将建在东戈壁省省会赛音山达，距扎门乌德约200公里。", "扎门乌德", "GPE", "Zamyn-Üüd"),
    (MONGOLIA + "项目地处戈壁，缺水是最大难题。", "戈壁", "LOC", "Gobi Desert"),
    ("匈牙利政府宣布，一家韩国车企将在东部城市德布勒森建厂，另一家在塞格德扩产。", "德布勒森", "GPE", "Debrecen"),
    ("匈牙利政府宣布，一家韩国车企将在东部城市德布勒森建厂，另一家在塞格德扩产。", "塞格德", "GPE", "Szeged"),
    ("匈牙利政府宣布，佩斯州的税收将重新分配，匈牙利大平原的农民表示不满。", "佩斯州", "GPE", "Pest County"),
    ("匈牙利政府宣布，佩斯州的税收将重新分配，匈牙利大平原的农民表示不满。", "匈牙利大平原", "LOC", "Great Hungarian Plain"),
    ("捷克政府表示，新的数据中心将落户帕尔杜比采，另一座在布尔诺。", "帕尔杜比采", "GPE", "Pardubice"),
    ("巴基斯坦政府表示，信德省和旁遮普省的电网将升级，拉合尔的用户最先受益。", "信德省", "GPE", "Sindh"),
    ("巴基斯坦政府表示，信德省和旁遮普省的电网将升级，拉合尔的用户最先受益。", "拉合尔", "GPE", "Lahore"),
])
def test_places_of_the_new_countries_are_places_with_their_english_names(recognizer_no_termbase, text, place, label,
                                                                      english):
    ents = run(recognizer_no_termbase, text)
    assert (place, label) in mentions(ents)
    assert entry_for(ents, place).name_en == english


# ------------------------------------------------------------------ termbase rows and non-entities (session 12)
@pytest.mark.parametrize("text, surface, label, english", [
    ("据彭博新能源财经统计，电池价格继续下跌。", "彭博新能源财经", "ORG", "BloombergNEF"),      # not 彭博 + 新能源财经
    ("美国依据232条款对进口钢铁加征关税。", "232条款", "LAW", "Section 232 of the Trade Expansion Act of 1962"),
    ("欧盟执委会上周公布了新的产业政策。", "欧盟执委会", "ORG", "European Commission"),         # Taiwan's form
    ("该项目是中巴经济走廊的旗舰工程。", "中巴经济走廊", "PROGRAM", "China-Pakistan Economic Corridor (CPEC)"),
])
def test_recurring_actors_of_the_new_sectors_are_listed(recognizer, text, surface, label, english):
    ents = run(recognizer, text)
    assert (surface, label) in mentions(ents)
    assert entry_for(ents, surface).name_en == english


@pytest.mark.parametrize("text, word", [
    ("新建数据中心的PUE要压到1.3以下。", "PUE"),
    ("铜精矿加工费（TC/RC）一度跌至负值。", "TC"),
    ("根据与独立发电商（IPP）签订的购电协议，电费照付。", "IPP"),
])
def test_technical_acronyms_are_no_names(recognizer_no_termbase, text, word):
    assert not any(t == word for t, _ in mentions(run(recognizer_no_termbase, text)))


# ------------------------------------------------------------------ the kind of body written before a name
@pytest.mark.parametrize("text, name, place", [
    ("德国企业林德氢能科技在当地投资建厂。", "林德氢能科技", "德国"),
    ("蒙古国国有企业塔温能源开发公司与我方签约。", "塔温能源开发公司", "蒙古国"),
    ("独立咨询机构远山政策研究所的研究员认为，风险不小。", "远山政策研究所", None),
])
def test_the_kind_of_body_before_a_name_is_no_part_of_it(recognizer_no_termbase, text, name, place):
    found = mentions(run(recognizer_no_termbase, text))
    assert (name, "ORG") in found
    if place:
        assert (place, "GPE") in found


def test_a_name_whose_own_words_follow_enterprise_keeps_them(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "中国企业联合会发布了年度报告。"))
    assert ("中国企业联合会", "ORG") in found


# ------------------------------------------------------------------ a transcript's speaker with a role
def test_a_transcript_speaker_with_a_bracketed_role_is_the_person(recognizer_no_termbase):
    text = "主持人：请分析师提问。\n黄立新（某某证券分析师）：成本会不会上升？\n王大明：会的。"
    found = mentions(run(recognizer_no_termbase, text))
    assert ("黄立新", "PERSON") in found and ("王大明", "PERSON") in found


def test_a_foreign_federal_body_written_without_its_country_is_the_documents_countrys(recognizer):
    # the termbase's 联邦财政部 is Germany's (an alias of 德国联邦财政部); in an article about Pakistan it is Pakistan's
    text = ("巴基斯坦政府近日调整屋顶光伏政策。巴基斯坦国家电网公司称售电量下滑。"
            "联邦财政部宣布对进口光伏组件加征销售税，伊斯兰堡的企业表示担忧。巴基斯坦的电价一年上涨两成。")
    entities = recognizer(text, [(0, len(text))], [(i, i + 1) for i in range(len(text))])
    ministry = next(e for e in entities.index if e.name_zh == "联邦财政部")
    assert "Pakistan" in ministry.name_en and "Germany" not in ministry.name_en
    german = "德国联邦财政部表示将收紧预算。" + text
    entities = recognizer(german, [(0, len(german))], [(i, i + 1) for i in range(len(german))])
    assert any(e.name_en == "Federal Ministry of Finance (Germany)" for e in entities.index)


def test_a_research_institutes_unit_is_named_after_the_institute(recognizer):
    name = recognizer.namer.name
    assert name(["东海能源研究院北美研究室"], "ORG").name == \
        "North America Research Office, East China Sea Energy Research Institute"
    assert name(["远见国际研究院非洲研究中心"], "ORG").name == "African Research Center, Vision International Research Institute"
    # a unit's 部 is a department, not a ministry
    assert name(["远见国际研究院产业研究部"], "ORG").name.startswith("Industry Research Department, ")
    assert "," not in name(["中国电力科学研究院"], "ORG").name      # no unit after the institute: one name
