"""Names that carry to unseen articles (issue 4, session 10): general mechanisms, each checked on invented sentences
(none copied from the corpus)."""

from __future__ import annotations


from test_entities import entry_for, mentions, run


# ------------------------------------------------------------------ a place inside a dotted foreign name
def test_a_place_inside_a_dotted_name_is_part_of_the_person(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "协会秘书长纳丽·提拉萨在记者会上说，补贴会延续到明年。")
    found = mentions(ents)
    assert ("纳丽·提拉萨", "PERSON") in found
    assert not any(t == "拉萨" for t, _ in found)          # not Lhasa


def test_a_place_starting_a_dotted_names_last_part_is_part_of_the_person(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "首席执行官卡洛斯·巴拿马雷斯周二在会上发言。")
    assert ("卡洛斯·巴拿马雷斯", "PERSON") in mentions(ents)
    assert entry_for(ents, "卡洛斯·巴拿马雷斯").name_en == "Carlos Banamares"


def test_a_surname_that_is_a_country_name_stays_with_the_given_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "董事长约翰·加纳说，公司将扩大投资。")
    assert ("约翰·加纳", "PERSON") in mentions(ents)
    assert entry_for(ents, "约翰·加纳").name_en.startswith("John ")


def test_two_places_joined_by_a_dot_stay_places(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "本届中国·东盟博览会在南宁举行。"))
    assert ("中国", "GPE") in found
    assert not any(label == "PERSON" for _, label in found)


def test_a_place_before_a_dotted_name_stays_a_place(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "来自巴西的若泽·席尔瓦表示支持。"))
    assert ("巴西", "GPE") in found and ("若泽·席尔瓦", "PERSON") in found


def test_more_transliteration_characters_read_by_sound(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "研究员安妮·罗瑟丝在报告中指出了风险。")
    assert entry_for(ents, "安妮·罗瑟丝").name_en == "Anne Roses"   # 安妮 listed; 罗瑟丝 read by sound (瑟, 丝 added)


# ------------------------------------------------------------------ a state named after its city
def test_a_city_with_zhou_is_the_state_named_after_it(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "尼日利亚拉各斯州一位官员透露，该州计划新建两座数据中心。")
    assert ("拉各斯州", "GPE") in mentions(ents)
    assert entry_for(ents, "拉各斯州").name_en == "Lagos State"


def test_a_citys_governor_keeps_the_city(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "拉各斯州长周一视察了新港口。"))
    assert ("拉各斯", "GPE") in found and ("拉各斯州", "GPE") not in found


def test_a_listed_state_keeps_its_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "德国巴伐利亚州将提供补贴。")
    assert entry_for(ents, "巴伐利亚州").name_en == "Bavaria"


def test_an_unlisted_state_abroad_is_read_by_sound_without_its_kind(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "尼日利亚政府表示，尼日利亚奥约州将建设新园区。尼日利亚经济增长较快。")
    assert entry_for(ents, "奥约州").name_en == "Ojo"


# ------------------------------------------------------------------ Jr. and a first part cut by a word before it
def test_xiao_before_a_dotted_name_is_junior(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "菲律宾总统小费迪南德·马科斯周一表示支持该计划。")
    assert ("小费迪南德·马科斯", "PERSON") in mentions(ents)      # 小费 "tip" no longer cuts the name
    assert entry_for(ents, "小费迪南德·马科斯").name_en == "Ferdinand Marcos Jr."


def test_xiao_after_a_measure_word_is_not_junior(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "董事长小约翰·史密斯发言后，会议结束。"))
    assert ("小约翰·史密斯", "PERSON") in found


def test_a_title_before_a_dotted_name_is_not_taken_in(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "英国首相基尔·斯塔默周三访问了工厂。"))
    assert ("基尔·斯塔默", "PERSON") in found


# ------------------------------------------------------------------ oblasts and states abroad without 'zhou'
def test_an_oblast_is_a_region(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "哈萨克斯坦政府宣布新计划。哈萨克斯坦的阿克莫拉州将建新矿。哈萨克斯坦经济部表示，哈萨克斯坦将吸引外资。")
    assert entry_for(ents, "阿克莫拉州").name_en == "Akmola Region"


def test_a_state_abroad_no_table_reads_loses_zhou(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "德国政府称，德国的黑森州将提供补贴。德国经济部表示支持，德国企业欢迎。")
    assert not entry_for(ents, "黑森州").name_en.lower().endswith("zhou")


# ------------------------------------------------------------------ the document's own 省人民政府 / 市人民政府
def test_the_provinces_peoples_government_after_jing(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "安徽省发展改革委发布通知。经省人民政府同意，现将方案印发。安徽省各地要落实。")
    assert ("省人民政府", "ORG") in mentions(ents)
    assert entry_for(ents, "省人民政府").name_en == "Anhui Provincial People's Government"


def test_the_citys_peoples_government(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "杭州市经济和信息化局通知：经市人民政府研究，决定实施。杭州市各区落实。")
    assert entry_for(ents, "市人民政府").name_en == "Hangzhou Municipal People's Government"


def test_the_provinces_government_after_a_verb_word(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "安徽省政府工作报告。现在，我代表省人民政府，向大会报告工作。安徽省经济增长。")
    found = mentions(ents)
    assert ("省人民政府", "ORG") in found and not any(t == "代表省" for t, _ in found)
    ents = run(recognizer_no_termbase, "浙江省交通运输厅通知：报请省政府批准后实施。浙江省各地要落实。")
    assert entry_for(ents, "省政府").name_en == "Zhejiang Provincial People's Government"


def test_a_bare_province_word_inside_ordinary_words_is_no_body(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "安徽省各地要节省政府开支，全省上下一起努力。"))
    assert not any(t.endswith("政府") for t, _ in found)


# ------------------------------------------------------------------ analysts: the firm, the field, the title
def test_an_analysts_field_is_not_part_of_the_firm(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "华岳证券汽车行业分析师李明认为销量将增长。")
    found = mentions(ents)
    assert ("华岳证券", "ORG") in found and not any(t.startswith("华岳证券汽车") for t, _ in found)


def test_a_country_before_a_listed_firm_and_a_field_is_its_own_mention(recognizer):
    ents = run(recognizer, "市场人士看法不一。\n日本野村证券半导体分析师山本隆史则提醒，出口管制影响很大。")
    found = mentions(ents)
    assert ("日本", "GPE") in found and ("野村证券", "ORG") in found


def test_a_japanese_given_name_cut_one_character_short_is_completed(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "市场人士看法不一。\n日本野村证券半导体分析师山本隆史则提醒，出口管制影响很大。")
    assert ("山本隆史", "PERSON") in mentions(ents)
    assert entry_for(ents, "山本隆史").name_en == "Takashi Yamamoto"


# ------------------------------------------------------------------ undotted foreign surnames abroad, Slavic -ev / -ov
def test_an_undotted_foreign_surname_abroad_is_read_by_sound(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "哈萨克斯坦总统托卡耶夫表示，哈萨克斯坦将开发稀土。哈萨克斯坦政府支持，哈萨克斯坦企业欢迎。")
    assert entry_for(ents, "托卡耶夫").name_en == "Tokayev"
    assert entry_for(ents, "托卡耶夫").name_en_method == "western_syllables"


def test_a_listed_surname_keeps_its_reading_and_chinese_names_keep_pinyin(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "德国总理默茨表示，德国将削减补贴。德国政府将审议，德国企业欢迎。")
    assert entry_for(ents, "默茨").name_en == "Merz"
    ents = run(recognizer_no_termbase, "新加坡总理黄循财表示新加坡将投资。新加坡政府支持，新加坡企业欢迎。")
    assert entry_for(ents, "黄循财").name_en == "Huang Xuncai"


def test_senior_before_a_dotted_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "公司创始人老约翰·史密斯曾访问该厂。")
    assert entry_for(ents, "老约翰·史密斯").name_en == "John Smith Sr."


# ------------------------------------------------------------------ mainland China
def test_zhongguo_dalu_is_mainland_china(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "这类设备在中国大陆的销量占三成。")
    assert entry_for(ents, "中国大陆").name_en == "Mainland China"


def test_neidi_in_a_hong_kong_article_is_mainland_china(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "香港特区政府宣布新基金。香港科技园将扩建，吸引内地企业来港。香港与内地合作密切。")
    assert ("内地", "GPE") in mentions(ents)
    assert entry_for(ents, "内地").name_en == "Mainland China"


def test_neidi_elsewhere_is_inland(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "沿海和内地的差距在缩小，内地省份的工资较低。"))
    assert not any(t == "内地" for t, _ in found)


# ------------------------------------------------------------------ session-10 rows that are also ordinary words or names
def test_a_family_reference_is_no_company(recognizer):
    found = mentions(run(recognizer, "罗氏家族成员和陶氏兄弟共同出资。"))
    assert not any(label == "ORG" for _, label in found)


def test_the_short_name_in_a_list_of_companies_is_the_company(recognizer):
    ents = run(recognizer, "诺华、罗氏等药企加大在华投资。")
    assert entry_for(ents, "罗氏").name_en == "Roche"
    assert entry_for(ents, "诺华").name_en == "Novartis"
