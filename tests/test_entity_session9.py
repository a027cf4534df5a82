"""Session 9 (issue 4): general rules from the CLUENER first-half error analysis (sentences 0-671 only). The
names are invented and the tagger's words are given, so neither the termbase nor LAC decides the outcome."""

from __future__ import annotations

from test_entity_span_rules import rec, run  # noqa: F401  (rec is a fixture)


def test_team_name_the_tagger_ran_into_the_match_words_ends_there(rec):
    # 拉科尼亚平 | 过: the tagger joined the first character of 平过 ("drew with") to the team's name
    found = run(rec, "上赛季拉科尼亚平过马里诺，本轮主场作战。", [("拉科尼亚平", "ORG")])
    assert ("拉科尼亚", "ORG") in found and ("拉科尼亚平", "ORG") not in found
    found = run(rec, "冷门搜索：维萨联客场防平局，主队赔率偏低。", [("维萨联客场防平局", "ORG")])
    assert ("维萨联", "ORG") in found
    # outside a sports report the tagger's word stands
    found = run(rec, "我们在科尼亚平原上走了三天。", [("科尼亚平", "LOC")])
    assert ("科尼亚", "ORG") not in found


def test_bookmaker_the_tagger_joined_to_a_betting_term(rec):
    found = run(rec, "欧赔方面，韦斯特凯比值错位排列，主队占优。", [("韦斯特凯", "PER")])
    assert ("韦斯特", "ORG") in found and ("韦斯特凯", "PERSON") not in found
    found = run(rec, "欧赔方面，凯比值错位排列，主队占优。", [("凯比值", "PER")])
    assert not any(s.startswith("凯比") for s, _ in found)
    # a columnist's name the tagger kept apart from 初盘 stays a person
    found = run(rec, "安宁初盘解读：主场不败，客队防平。", [("安宁", "PER")])
    assert ("安宁", "PERSON") in found


def test_name_before_a_venue_head_is_one_facility(rec):
    found = run(rec, "发布会在青禾中心举行，随后转往蓝溪广场。", [("青禾", "LOC"), ("蓝溪", "LOC")])
    assert ("青禾中心", "FACILITY") in found and ("蓝溪广场", "FACILITY") in found
    assert ("青禾", "GPE") not in found and ("青禾", "LOC") not in found
    # a country before the head is the country's (its hotels, its parks)
    found = run(rec, "他参观了美国公园和美国酒店。")
    assert ("美国", "GPE") in found and not any(label == "FACILITY" for _, label in found)


def test_tagger_name_of_a_building_is_a_facility(rec):
    found = run(rec, "展览在青岚博物馆开幕，观众随后去了云栖大剧院和德昌寺。",
                [("青岚博物馆", "ORG"), ("云栖大剧院", "LOC"), ("德昌寺", "LOC")])
    assert {("青岚博物馆", "FACILITY"), ("云栖大剧院", "FACILITY"), ("德昌寺", "FACILITY")} <= found
    # a park stays a place, a palace that seats a government is the government (爱丽舍宫 as 白宫)
    found = run(rec, "青岚公园今天开放。", [("青岚公园", "LOC")])
    assert ("青岚公园", "FACILITY") not in found
    found = run(rec, "青岚宫的一位顾问今天表示反对。", [("青岚宫", "ORG")])
    assert ("青岚宫", "ORG") in found


def test_club_initials_nickname_and_more_match_words(rec):
    found = run(rec, "本轮焦点：都灵vsac维罗纳，上赛季两队战平。", [("维罗纳", "LOC")])
    assert ("ac维罗纳", "ORG") in found
    found = run(rec, "上轮无帅卡斯蒂军客场0比2告负，本赛季已经五连败。", [("卡斯蒂", "LOC")])
    assert ("卡斯蒂军", "ORG") in found
    found = run(rec, "本赛季球队状态不佳，卡斯蒂军团很难爆冷。", [("卡斯蒂", "ORG")])
    assert ("卡斯蒂军团", "ORG") in found
    found = run(rec, "只要最后一轮主场拿下贝尔索夫，球队就能出线。", [("贝尔索夫", "PER")])
    assert ("贝尔索夫", "ORG") in found
    found = run(rec, "本赛季维罗纳的客场让人担忧。", [("维罗纳", "LOC")])
    assert ("维罗纳", "ORG") in found
    # outside a sports report 军 after a place is that place's army, not a team
    found = run(rec, "卡斯蒂军，在边境集结。", [("卡斯蒂", "LOC")])
    assert ("卡斯蒂军", "ORG") not in found


def test_local_office_before_a_title_and_a_local_centre(rec):
    # jieba joins 党组 to the title (党组书记): the office's name still ends at its head
    found = run(rec, "宁川市文联党组书记王海出席大会。", [("宁川市", "LOC")])
    assert ("宁川市文联党组", "ORG") in found
    found = run(rec, "宁川市福利彩票发行中心将在节日期间启动活动。", [("宁川市", "LOC")])
    assert ("宁川市福利彩票发行中心", "ORG") in found
    # the city centre is no office
    found = run(rec, "我们住在宁川市中心。", [("宁川市", "LOC")])
    assert not any(label == "ORG" for _, label in found)


def test_names_listed_with_companies_before_their_kind_are_companies(rec):
    text = "甲方银行、乙方银行、南洲、北辰等各家外资行也纷纷表达了兴趣。"
    found = run(rec, text, [("甲方银行", "ORG"), ("乙方银行", "ORG"), ("南洲", "LOC")])
    assert {("南洲", "ORG"), ("北辰", "ORG")} <= found
    # fewer than two organisations in the list: nothing is added
    found = run(rec, "政府、高校、北辰等机构参与了讨论。")
    assert ("北辰", "ORG") not in found


def test_verb_the_tagger_joined_to_the_end_of_a_name_is_cut(rec):
    found = run(rec, "活动由青岚日报主办，蓝溪通达协办。", [("蓝溪通达协办", "ORG")])
    assert ("蓝溪通达", "ORG") in found and ("蓝溪通达协办", "ORG") not in found


def test_surname_and_the_first_character_of_a_title_are_no_name(rec):
    found = run(rec, "其实就是刚才傅主编说的那句话。", [("傅主", "PER")])
    assert not any(label == "PERSON" for _, label in found)
    # a whole name before a title stays
    found = run(rec, "其实就是刚才傅明远主编说的那句话。", [("傅明远", "PER")])
    assert ("傅明远", "PERSON") in found


def test_kind_of_body_written_before_its_name_is_not_part_of_it(rec):
    found = run(rec, "该校的注册管理部门宁川区教育局宣布了结果。", [("注册管理部门宁川区教育局", "ORG")])
    assert ("宁川区教育局", "ORG") in found and ("注册管理部门宁川区教育局", "ORG") not in found
    # no place after the kind word: the tagger's name stands
    found = run(rec, "国家外汇管理部门称，……", [("国家外汇管理部门", "ORG")])
    assert ("国家外汇管理部门", "ORG") in found


def test_tagger_short_organisation_completed_to_the_dictionary_organisation():
    from pipeline.entities.recognizer import _complete_short_orgs

    text = "但深发展已经成为国内第一个盈利的部门。"
    words = [(0, 1, "c"), (1, 2, "ORG"), (2, 4, "vn"), (4, 6, "d")]
    assert _complete_short_orgs(text, words) == [(0, 1, "c"), (1, 4, "ORG"), (4, 6, "d")]
    # no organisation in jieba's dictionary: the tagger's words stand
    text = "但深远发展已经成为国内第一个盈利的部门。"
    words = [(0, 1, "c"), (1, 2, "ORG"), (2, 3, "a"), (3, 5, "vn")]
    assert _complete_short_orgs(text, words) == words


def test_company_arm_written_with_its_legal_form_is_one_organisation(rec):
    found = run(rec, "青岚银行（中国）有限公司今年发行了借记卡。", [("青岚银行", "ORG")])
    assert ("青岚银行（中国）有限公司", "ORG") in found
    assert ("中国", "GPE") not in found


def test_numbered_division_joins_its_body():
    from pipeline.entities.recognizer import Candidate, _numbered_divisions

    text = "会上,第六师国土资源局通过研讨制定了方案。"
    s = text.index("师国土")
    out = _numbered_divisions(text, [Candidate(s, s + 6, "ORG", 3, "statistical")])
    assert [(text[c.start:c.end], c.label) for c in out] == [("第六师国土资源局", "ORG")]
    # a number before something else: nothing joins
    text = "第六届团体赛组委会宣布了结果。"
    s = text.index("团体赛")
    out = _numbered_divisions(text, [Candidate(s, s + 6, "ORG", 3, "statistical")])
    assert (out[0].start, out[0].end) == (s, s + 6)


def test_fields_joined_by_ji_make_one_body():
    from pipeline.entities.recognizer import Candidate, _fields_joined_by_ji

    text = "青岚房地产及住宅研究会副会长认为，"
    a, b = text.index("及"), text.index("副")
    out = _fields_joined_by_ji(text, [Candidate(0, a, "ORG", 3, "chain"), Candidate(a + 1, b, "ORG", 3, "chain")])
    assert [(text[c.start:c.end]) for c in out] == ["青岚房地产及住宅研究会"]
    # two whole names joined by 及 stay two
    text = "青岚银行及蓝溪银行宣布合作。"
    a, b = text.index("及"), text.index("宣")
    out = _fields_joined_by_ji(text, [Candidate(0, a, "ORG", 3, "statistical"), Candidate(a + 1, b, "ORG", 3, "statistical")])
    assert len(out) == 2


def test_family_village_and_protected_area_are_places(rec):
    found = run(rec, "他在宁家河住了十年。", [("宁家河", "PER")])
    assert ("宁家河", "LOC") in found and ("宁家河", "PERSON") not in found
    found = run(rec, "青岚自然保护区对外开放。", [("青岚自然", "PER")])
    assert ("青岚自然保护区", "LOC") in found
    # a person's name that only ends like a river stays a person
    found = run(rec, "陈江河表示同意。", [("陈江河", "PER")])
    assert ("陈江河", "PERSON") in found
