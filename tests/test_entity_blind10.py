"""Session 10, after reading the blind four (Taiwan LEO satellites, Spain green steel, Morocco LFP batteries, a Tianjin
new-area notice): general mechanisms, each checked on invented sentences (none copied from the corpus)."""

from __future__ import annotations


from test_entities import entry_for, mentions, run


# ------------------------------------------------------------------ districts and state-level new areas
def test_a_new_area_is_named_new_area_and_is_an_administrative_area(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "今年以来，滨海新区引进了三十家医药企业，滨海新区的产值增长一成。")
    assert ("滨海新区", "GPE") in mentions(ents)
    assert entry_for(ents, "滨海新区").name_en == "Binhai New Area"      # not "Binhai New" nor "Coastal New Area"


def test_a_city_and_its_new_area_name_the_area_then_the_city(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "天津市滨海新区将在明年建成两个产业园。")
    assert ("天津市滨海新区", "GPE") in mentions(ents)
    assert entry_for(ents, "天津市滨海新区").name_en == "Binhai New Area, Tianjin"


def test_a_districts_government_office(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "天津市滨海新区人民政府办公室印发了通知。无锡市新吴区人民政府同日发布公告。")
    assert entry_for(ents, "天津市滨海新区人民政府办公室").name_en == \
        "General Office of the Binhai New Area People's Government, Tianjin"
    assert entry_for(ents, "无锡市新吴区人民政府").name_en == "People's Government of Xinwu District, Wuxi"


def test_bare_new_area_bodies_in_a_new_areas_notice(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "两江新区将设立产业基金。新区发展改革委、科技局等部门负责落实，新区生态环境局做好环评服务。")
    assert entry_for(ents, "新区发展改革委").name_en == "Liangjiang New Area Development and Reform Commission"
    assert entry_for(ents, "科技局").name_en == "Liangjiang New Area Science and Technology Bureau"
    assert entry_for(ents, "新区生态环境局").name_en == "Liangjiang New Area Ecology and Environment Bureau"


def test_a_bare_bureau_without_a_new_area_keeps_its_plain_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "科技局负责人表示，补贴将按季度发放。")
    assert entry_for(ents, "科技局").name_en == "Science and Technology Bureau"


def test_a_new_areas_fund_is_glossed_with_the_areas_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "滨海新区生物制造产业投资基金首期规模10亿元。")
    assert entry_for(ents, "滨海新区生物制造产业投资基金").name_en == \
        "Binhai New Area Biomanufacturing Industry Investment Fund"


# ------------------------------------------------------------------ glosses of bodies' words
def test_glosses_space_tourism_eurasia(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "西班牙工业和旅游部与台湾太空产业发展协会签约，欧亚产业研究院参与。")
    assert entry_for(ents, "西班牙工业和旅游部").name_en == "Spanish Ministry of Industry and Tourism"
    assert entry_for(ents, "台湾太空产业发展协会").name_en == "Taiwan Space Industry Development Association"
    assert entry_for(ents, "欧亚产业研究院").name_en.startswith("Eurasia ")


def test_a_moroccan_ministry_takes_the_adjective(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "摩洛哥工业和贸易部周一宣布了新的补贴。")
    assert entry_for(ents, "摩洛哥工业和贸易部").name_en == "Moroccan Ministry of Industry and Trade"


# ------------------------------------------------------------------ an acronym that spells a name joined by 和
def test_an_acronym_spelling_both_fields_keeps_the_conjunction_inside(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "突尼斯出口和投资促进署（TEIPA）预计，今年外资将增长两成。")
    assert ("突尼斯出口和投资促进署", "ORG") in mentions(ents)
    assert entry_for(ents, "突尼斯出口和投资促进署").name_en == \
        "Tunisian Export and Investment Promotion Agency (TEIPA)"


def test_two_countries_joined_by_he_stay_two_places(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "中国和美国签署谅解备忘录（MOU）。"))
    assert ("中国", "GPE") in found and ("美国", "GPE") in found


# ------------------------------------------------------------------ a charter is a law; green steel is no body
def test_a_charter_in_title_marks_is_a_law(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "根据去年修订的《能源宪章》，企业可申请补贴。")
    assert ("能源宪章", "LAW") in mentions(ents)
    assert entry_for(ents, "能源宪章").name_en == "Energy Charter"


def test_green_steel_and_green_hydrogen_are_products_not_bodies(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "瑞典绿钢项目需要大量绿氢，“绿钢溢价”仍高达每吨两百欧元。"))
    assert not any(t in ("绿钢", "绿氢") for t, _ in found)


# ------------------------------------------------------------------ places
def test_a_region_written_with_diqu_is_the_region(recognizer):
    # the tagger often takes 地区 into the name (X地区); the region's own name is the English name
    assert recognizer.namer.name(["加泰罗尼亚地区"], "GPE").name == "Catalonia"
    assert recognizer.namer.name(["安达卢西亚地区"], "LOC").name == "Andalusia"


def test_spanish_and_moroccan_ports(recognizer):
    ents = run(recognizer, "货物从卡萨布兰卡港出发，经阿尔赫西拉斯港转运到北欧。")
    assert entry_for(ents, "阿尔赫西拉斯港").name_en == "Port of Algeciras"
    assert entry_for(ents, "卡萨布兰卡港").name_en == "Port of Casablanca"


# ------------------------------------------------------------------ Spanish names keep their accents
def test_a_spanish_name_in_an_article_about_spain_keeps_its_accents(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "西班牙政府今年向西班牙北部拨款，西班牙能源部门的负责人路易斯·冈萨雷斯在马德里说，西班牙将继续支持。")
    assert entry_for(ents, "路易斯·冈萨雷斯").name_en == "Luis González"


def test_the_same_name_elsewhere_keeps_the_english_spelling(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "美国能源部官员路易斯·冈萨雷斯在华盛顿说，美国将继续支持，美国企业也在行动。")
    assert entry_for(ents, "路易斯·冈萨雷斯").name_en == "Luis Gonzalez"


# ------------------------------------------------------------------ round 2: lists, short forms, document codes
def test_a_bare_bureau_in_a_list_of_bodies_is_a_body(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "科技局、财政局等部门要加强协同。"))
    assert ("财政局", "ORG") in found


def test_a_bare_bureau_alone_is_left_alone(recognizer_no_termbase):
    assert ("财政局", "ORG") not in mentions(run(recognizer_no_termbase, "他去财政局办事，排了两个小时队。"))


def test_a_continent_before_a_listed_company_is_its_own_mention(recognizer):
    found = mentions(run(recognizer, "下一次发射要排欧洲亚利安太空公司的档期。"))
    assert ("欧洲", "LOC") in found and ("亚利安太空公司", "ORG") in found


def test_a_zones_short_form_in_brackets_is_the_zone(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "项目落户天津经济技术开发区（泰达），泰达将提供厂房。")
    assert ("泰达", "LOC") in mentions(ents)
    assert entry_for(ents, "天津经济技术开发区").name_en.endswith("(TEDA)")


def test_a_document_numbers_office_code_is_no_name(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "关于支持企业发展的若干措施\n苏园管发〔2025〕8号\n各有关单位："))
    assert not any(t.startswith("苏园") for t, _ in found)


def test_a_funding_pool_and_a_task_force(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "设立总额3亿元的科技成果风险补偿资金池；成立低空经济发展工作专班，统筹推进。"))
    assert any(label == "PROGRAM" and t.endswith("风险补偿资金池") for t, label in found)
    assert ("低空经济发展工作专班", "ORG") in found


def test_a_speech_verb_after_a_title_is_no_person(recognizer_no_termbase):
    assert not any(label == "PERSON" for _, label in mentions(run(recognizer_no_termbase, "一位负责销售的中方经理坦言，人才不足。")))


# ------------------------------------------------------------------ round 3: trade papers, places restated in Latin
def test_a_trade_paper_in_title_marks_is_an_organisation(recognizer_no_termbase):
    assert ("高雄经贸报", "ORG") in mentions(run(recognizer_no_termbase, "据《高雄经贸报》报道，补贴将延续到明年。"))
    assert ("中国证券报", "ORG") in mentions(run(recognizer_no_termbase, "《中国证券报》记者获悉，该基金已完成募集。"))


def test_a_transliterated_name_restated_in_latin_before_an_industrial_park_is_a_place(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "集团计划在萨菲亚巴德（Safiabad）工业园建设新厂。")
    assert ("萨菲亚巴德", "LOC") in mentions(ents) and ("Safiabad", "LOC") in mentions(ents)


def test_a_company_restated_in_latin_after_zai_stays_a_company(recognizer_no_termbase):
    found = mentions(run(recognizer_no_termbase, "他曾在巴克莱（Barclays）任职。"))
    assert not any(label in ("GPE", "LOC") for _, label in found)


# ------------------------------------------------------------------ round 4: Academy institutes, continent + company (Latin)
def test_an_academy_institute_is_named_as_the_academy_names_it(recognizer):
    ents = run(recognizer, "中科院大连化学物理研究所与两家企业签约。")
    assert entry_for(ents, "中科院大连化学物理研究所").name_en == \
        "Dalian Institute of Chemical Physics, Chinese Academy of Sciences"
    ents = run(recognizer, "中国科学院上海有机化学研究所发布了新成果。")
    assert entry_for(ents, "中国科学院上海有机化学研究所").name_en == \
        "Shanghai Institute of Organic Chemistry, Chinese Academy of Sciences"


def test_a_continent_before_a_listed_company_restated_in_latin(recognizer):
    found = mentions(run(recognizer, "卫星只能等欧洲亚利安太空公司（Arianespace）的火箭。"))
    assert ("欧洲", "LOC") in found and ("亚利安太空公司", "ORG") in found
