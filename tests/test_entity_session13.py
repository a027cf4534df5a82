"""Session 13 (issue 4, CLUENER recognition): small general rules found on the first half of CLUENER dev
(sentences 0-671 only). The names are invented; the tagger's words are given where the rule reads them, so
neither the termbase nor LAC decides the outcome."""

from __future__ import annotations

import jieba

from pipeline.entities.tagging import WindowedLac
from test_entity_span_rules import rec, run  # noqa: F401  (rec is a fixture)


def _tokens(text: str) -> list[tuple[int, int]]:
    return [(s, e) for _, s, e in jieba.tokenize(text)]


def test_country_short_forms_before_an_organisation_head_name_a_company(rec):
    # 美 (US) + 日 (Japan) read as two countries' short forms: before 银行 / 证券 they begin a
    # company's name, the tagger's ORG stands
    found = run(rec, "美日银行宣布增资，中德证券随后跟进。", [("美日银行", "ORG"), ("中德证券", "ORG")])
    assert ("美日银行", "ORG") in found and ("中德证券", "ORG") in found
    # before an ordinary word they are still two countries, not a name (session 11)
    found = run(rec, "中乌农产品贸易额增长。", [("中乌农产品", "ORG")])
    assert not any(s.startswith("中乌") for s, _ in found)


def test_a_place_the_tagger_ran_into_the_verb_after_it_is_no_name(rec):
    # 在华 | 扩产 ("expand output in China"): the tagger joined the verb to the place's short form
    found = run(rec, "多家外企宣布在华扩产。", [("华扩产", "LOC")])
    assert not any("扩产" in s for s, _ in found)
    # a place jieba lists whose last two characters are also a verb stays (几内亚比绍: 比绍 is a verb to jieba)
    found = run(rec, "代表团随后访问了几内亚比绍。", [("几内亚比绍", "LOC")])
    assert any(s == "几内亚比绍" and label in ("GPE", "LOC") for s, label in found)


def test_a_rare_word_before_gongsi_is_a_company_name(rec):
    found = run(rec, "鹈鹕公司推出了新品，快递公司随后跟进。", [("鹈鹕公司", "ORG"), ("快递公司", "ORG")])
    assert ("鹈鹕公司", "ORG") in found
    assert ("快递公司", "ORG") not in found         # a kind of company (快递 is a frequent word)


def test_a_rare_word_before_gongsi_keeps_its_lac_window():
    tagger = WindowedLac(lac=None, heads=["公司"])
    text = "鹈鹕公司推出新品。"
    assert any(s == 0 and e >= 4 for s, e in tagger.windows(text, _tokens(text)))
    for text in ("科技公司推出新品。", "快递公司推出新品。"):
        assert tagger.windows(text, _tokens(text)) == []


def test_a_name_marked_as_a_pseudonym_or_a_transcription_is_a_person(rec):
    found = run(rec, "某单位员工林振（化名）因违规被辞退，居民闵秋华（音）说情况属实。")
    assert ("林振", "PERSON") in found and ("闵秋华", "PERSON") in found
    # a form of address or a role before the mark is not a name
    found = run(rec, "张先生（化名）说，一位工程师（化名）也这么说。")
    assert not any(label == "PERSON" for _, label in found)
