"""English names that carry to unseen articles (issue 4, session 13): economics terms inside bodies' names and
Japanese statutes named as their official English titles name them. Invented sentences, no termbase, so the
mechanisms are what is tested."""

from __future__ import annotations

from test_entities import entry_for, run


def _name(recognizer, text, surface):
    e = entry_for(run(recognizer, text), surface)
    return e.name_en if e is not None else None


def test_industrial_policy_is_one_term_in_a_name(recognizer_no_termbase):
    text = "北方产业政策研究所发布报告称，明年投资将继续增长。"
    assert _name(recognizer_no_termbase, text, "北方产业政策研究所") == "Northern Industrial Policy Institute"


def test_a_japanese_promotion_act_names_its_action_first(recognizer_no_termbase):
    text = ("日本政府计划修订《半导体产业振兴法》，并通过日本经济产业省向日本企业提供补贴。"
            "日本媒体认为，日本将继续扩大投入。")
    assert _name(recognizer_no_termbase, text, "半导体产业振兴法") == "Act on the Promotion of Semiconductor Industry"


def test_the_same_act_elsewhere_keeps_the_plain_english_order(recognizer_no_termbase):
    text = ("韩国政府计划修订《半导体产业促进法》，并通过韩国产业通商资源部向韩国企业提供补贴。"
            "韩国媒体认为，韩国将继续扩大投入。")
    assert _name(recognizer_no_termbase, text, "半导体产业促进法") == "Semiconductor Industry Promotion Act"


def test_a_provincial_transport_department_is_its_department_of_transportation(recognizer_no_termbase):
    text = "浙江省人民政府印发通知，浙江省将加快低空经济发展。省交通运输厅负责统筹低空航线规划。"
    assert _name(recognizer_no_termbase, text, "省交通运输厅") == "Zhejiang Provincial Department of Transportation"


def test_a_bay_or_canal_after_a_transliterated_name_is_read_with_its_kind():
    from pipeline.entities import EntityRecognizer
    namer = EntityRecognizer(use_termbase=False).namer
    namer.doc_places["country_zh"] = "菲律宾"
    assert namer.name(["苏比克湾"], "LOC").name == "Subik Bay"      # was pinyin whole, 'Subikewan'
    namer.doc_places["country_zh"] = "乌兹别克斯坦"
    assert namer.name(["库什特帕运河"], "LOC").name.endswith(" Canal")


def test_a_declared_short_form_is_the_same_body():
    # the clustering itself, on given mentions (whether the recogniser finds the short form depends on the
    # segmentation, which other tests' user words can change)
    from pipeline.entities.cluster import cluster
    from pipeline.entities.recognizer import Candidate
    text = ("记者从发布会获悉，安徽省集成电路产业投资基金（以下简称“省集成电路基金”）已完成首期募资。"
            "省集成电路基金将重点投资芯片设计企业。")
    spans = [(m.start(), m.end()) for m in __import__("re").finditer("安徽省集成电路产业投资基金|省集成电路基金", text)]
    mentions = [Candidate(s, e, "ORG", 1.0, "test") for s, e in spans]
    assert len(mentions) == 3
    groups = cluster(text, mentions, [], lambda m: None)
    assert sorted(len(g) for g in groups) == [3]        # was two entities: the full name and the short form
    mentions[1] = Candidate(spans[1][0], spans[1][1], "GPE", 1.0, "test")
    groups = cluster(text, mentions, [], lambda m: None)
    assert [0] in groups        # a place is never a declared short form


def test_an_unlisted_eu_body_is_european_not_european_union():
    from pipeline.entities import EntityRecognizer
    namer = EntityRecognizer(use_termbase=False).namer
    assert namer.name(["欧盟委员会"], "ORG").name == "European Commission"     # was 'European Union Commission'
    assert namer.name(["欧盟议会"], "ORG").name == "European Parliament"


def test_a_transliterated_name_cut_by_the_segmenter_is_read_whole_abroad():
    from pipeline.entities import EntityRecognizer
    namer = EntityRecognizer(use_termbase=False).namer
    namer.doc_places["country_zh"] = "澳大利亚"
    name = namer.name(["阿拉弗拉诺兰斯稀土"], "ORG").name
    assert name.endswith("Rare Earth") and "Allah" not in name and "Reims" not in name    # was 'Allah Flano Reims …'
    assert namer.name(["澳大利亚国立大学"], "ORG").name == "Australian National University"   # a place is no part of one


def test_policy_terms_inside_names_and_a_dictionary_region():
    from pipeline.entities import EntityRecognizer
    namer = EntityRecognizer(use_termbase=False).namer
    assert namer.name(["国家数字经济发展战略"], "PROGRAM").name == "National Digital Economy Development Strategy"
    assert namer.name(["自贸协定"], "LAW").name == "Free Trade Agreement"                  # was 'Zimao Agreement'
    assert namer.name(["新能源汽车产业基金"], "ORG").name == "New Energy Vehicle Industry Fund"
    assert namer.name(["西非地区"], "GPE").name == "West Africa"                          # was 'Xifeidi District'
    assert namer.name(["华东地区"], "LOC").name == "East China"
