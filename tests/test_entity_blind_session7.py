"""Session 7, from the errors of the four articles written blind in session 7 (invented sentences, not theirs):
a Chinese name restated in Latin in brackets, and a country's own body written after it with words no list knows."""

from __future__ import annotations


from test_entities import entry_for, mentions, run


def test_name_in_pieces_before_its_latin_form_is_one_name(recognizer):
    ents = run(recognizer, "医药企业也在扩产。绿岭制药旗下的绿岭戴维斯生物科技公司（Greenridge Davis Biotech）正在扩建工厂。")
    assert ("绿岭戴维斯生物科技公司", "ORG") in mentions(ents)
    assert entry_for(ents, "绿岭戴维斯生物科技公司").name_en == "Greenridge Davis Biotech"


def test_unknown_name_at_a_clause_start_takes_its_latin_form(recognizer):
    ents = run(recognizer, "另外，蓝湾电讯（Bluebay Telecom）与诺基亚启动了试验网。")
    assert ("蓝湾电讯", "ORG") in mentions(ents)
    assert entry_for(ents, "蓝湾电讯").name_en == "Bluebay Telecom"


def test_kind_of_body_and_verbs_end_the_stretch(recognizer):
    ents = run(recognizer, "该国国家矿业公司塔尔萨姆鲁克（Tal-Sam Ruk）尚未投产。")
    assert not any(t.startswith("国家矿业公司") and t != "国家矿业公司" for t, _ in mentions(ents))
    assert ("塔尔萨姆鲁克", "ORG") in mentions(ents)      # after the kind of body: no person
    ents = run(recognizer, "本土企业也在加码。封测厂益纳利（Inari Amertron）扩建厂区。")
    assert not any(t.startswith("封测厂") for t, _ in mentions(ents))


def test_acronym_restates_a_body_only_with_an_organisation_head(recognizer):
    ents = run(recognizer, "此外，丹麦出口与投资基金（EIFO）设立了新窗口。")
    assert ("丹麦出口与投资基金", "ORG") in mentions(ents)
    ents = run(recognizer, "企业采用直接提锂（DLE）技术。")
    assert not any(label == "ORG" and "提锂" in t for t, label in mentions(ents))


def test_country_and_company_before_a_bracket_stay_two_mentions(recognizer):
    ents = run(recognizer, "新加坡星展银行（DBS）经济学家认为如此。")
    assert ("新加坡", "GPE") in mentions(ents)


def test_countrys_own_body_with_unknown_words(recognizer):
    for text, body in (("以及埃及主权基金首席执行官出席。", "埃及主权基金"),
                       ("此前，欧洲复兴开发银行也在评估贷款。", "欧洲复兴开发银行"),
                       ("编者按：埃及住房、公用事业和城市社区部举行发布会。", "埃及住房、公用事业和城市社区部")):
        assert (body, "ORG") in mentions(run(recognizer, text)), text


def test_country_plus_ordinary_word_or_kind_is_no_body(recognizer):
    for text, bad in (("把海外留学的越南工程师全部请回来。", "越南工程师全部"),
                      ("巴西总统上周签署了法律。", "巴西总统上周签署"),
                      ("PIF还曾与美国风投机构商谈。", "美国风投机构")):
        assert not any(t == bad for t, _ in mentions(run(recognizer, text))), text


def test_table_column_header_gives_its_cells_label(recognizer):
    text = ("各企业新项目如下。\n\n| 企业 | 项目 | 地点 | 投资额 |\n|---|---|---|---|\n| 绿岭戴维斯 | 新厂 | 赫勒比 | 120 |\n"
            "| 合计 | | | 120 |\n\n绿岭戴维斯生物科技公司（Greenridge Davis Biotech）扩产。")
    ents = run(recognizer, text)
    assert ("绿岭戴维斯", "ORG") in mentions(ents) and ("赫勒比", "GPE") in mentions(ents)
    # the table's short name and the full name in the text are one company
    assert entry_for(ents, "绿岭戴维斯").entity_id == entry_for(ents, "绿岭戴维斯生物科技公司").entity_id


def test_plant_and_shipyard_heads_and_latin_satellites(recognizer):
    ents = run(recognizer, "该国矿业公司在阿尔塔冶金厂建设新线。")
    assert ("阿尔塔冶金厂", "FACILITY") in mentions(ents)
    ents = run(recognizer, "航天局的ZORA卫星本月发射。")
    assert ("ZORA", "PRODUCT") in mentions(ents)


def test_dotted_name_run_into_its_government_is_the_person(recognizer):
    ents = run(recognizer, "总统约翰·史密斯政府宣布新预算。")
    assert ("约翰·史密斯", "PERSON") in mentions(ents)
