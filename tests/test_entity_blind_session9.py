"""Session 9, from the errors of the four articles written blind in session 9 (invented sentences, not theirs):
a maker's model number written with a colon or hyphen, a licence number, and table rows (places, name readings,
well-known defence and space firms)."""

from __future__ import annotations


from test_entities import entry_for, mentions, run


def test_model_number_with_colon_is_one_product(recognizer):
    ents = run(recognizer, "该公司去年交付了多台QTX:2150i设备，新一代ZRB:6000仍在测试。")
    assert ("QTX:2150i", "PRODUCT") in mentions(ents)
    assert ("ZRB:6000", "PRODUCT") in mentions(ents)
    ents = run(recognizer, "会议于10:30开始。")
    assert not any(":" in t for t, _ in mentions(ents))


def test_model_number_with_hyphen_is_a_product(recognizer):
    ents = run(recognizer, "公司研制的KORAL-200B雷达已经列装。")
    assert ("KORAL-200B", "PRODUCT") in mentions(ents)


def test_licence_number_is_no_name(recognizer):
    ents = run(recognizer, "分析师：李明 执业证书编号：S1230500000001 行业评级：增持")
    assert not any(t.startswith("S123") for t, _ in mentions(ents))


def test_table_places_and_name_readings(recognizer):
    ents = run(recognizer, "代表团从海牙出发，途经长滩，最后抵达玛希亚半岛。")
    assert entry_for(ents, "海牙").name_en == "The Hague"
    assert entry_for(ents, "长滩").name_en == "Long Beach"
    assert entry_for(ents, "玛希亚半岛").name_en == "Māhia Peninsula"
    ents = run(recognizer, "部长朱迪思·柯林斯会见了罗杰·达森。")
    assert entry_for(ents, "朱迪思·柯林斯").name_en == "Judith Collins"
    assert entry_for(ents, "罗杰·达森").name_en == "Roger Dassen"


def test_termbase_rows_for_defence_and_space_firms(recognizer):
    ents = run(recognizer, "订单主要流向阿塞尔桑、拜卡尔和罗克特桑，火箭实验室则在扩建发射场。")
    for zh, en in (("阿塞尔桑", "Aselsan"), ("拜卡尔", "Baykar"), ("罗克特桑", "Roketsan"), ("火箭实验室", "Rocket Lab")):
        assert (zh, "ORG") in mentions(ents)
        assert entry_for(ents, zh).name_en == en


def test_maker_and_model_is_a_product(recognizer):
    ents = run(recognizer, "该公司推出了Corvex QR7无人机。")
    assert ("Corvex QR7", "PRODUCT") in mentions(ents)


def test_bare_provincial_body_beats_the_national_term(recognizer):
    ents = run(recognizer, "甘肃省设立了新基金，总规模50亿元。据悉，省发改委在说明会上介绍了情况。")
    assert ("省发改委", "ORG") in mentions(ents)
    assert entry_for(ents, "省发改委").name_en == "Gansu Provincial Development and Reform Commission"


def test_chinese_technology_company_naming(recognizer):
    ents = run(recognizer, "据悉，蓝岭芯联科技有限公司去年宣布扩建工厂。")
    assert entry_for(ents, "蓝岭芯联科技有限公司").name_en == "Lanling Xinlian Technology Co., Ltd."
    ents = run(recognizer, "据悉，江苏省科技厅发布了通知。")
    assert entry_for(ents, "江苏省科技厅").name_en == "Jiangsu Provincial Department of Science and Technology"


def test_ministry_fields_listed_with_dunhao_and_a_verb_like_field(recognizer):
    ents = run(recognizer, "据新西兰商业、创新和就业部（MBIE）委托的一项研究，产值增长。")
    assert ("新西兰商业、创新和就业部", "ORG") in mentions(ents)
    assert entry_for(ents, "新西兰商业、创新和就业部").name_en.startswith("Ministry of Business, Innovation and Employment")
    ents = run(recognizer, "他说，研究、创新和部署都很重要。")
    assert not mentions(ents)


def test_government_ends_before_the_preposition_after_it(recognizer):
    ents = run(recognizer, "为了留住企业，庆阳市人民政府对智算中心给予电价补贴。")
    assert ("庆阳市人民政府", "ORG") in mentions(ents)
    assert entry_for(ents, "庆阳市人民政府").name_en == "Qingyang Municipal People's Government"
