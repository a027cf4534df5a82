"""Session 11 (issue 4): general rules from the CLUENER first-half error analysis (sentences 0-671 only). The
names are invented and the tagger's words are given, so neither the termbase nor LAC decides the outcome."""

from __future__ import annotations

from test_entity_span_rules import rec, run  # noqa: F401  (rec is a fixture)


def test_bureau_division_before_its_heads_title_is_part_of_the_body(rec):
    # a bureau's 处 is its division, as a ministry's 司 is its department
    found = run(rec, "青禾市规划和国土局详规处处长林远告诉记者。", [("青禾市规划和国土局", "ORG"), ("林远", "PER")])
    assert ("青禾市规划和国土局详规处", "ORG") in found
    assert ("青禾市规划和国土局", "ORG") not in found
    found = run(rec, "昨天，青禾市统计局数据处负责人介绍，产值增长。", [("青禾市统计局", "ORG")])
    assert ("青禾市统计局数据处", "ORG") in found
    # 之处 / 好处 are no divisions, nor is a 处 without its head's title
    found = run(rec, "青禾市统计局的不足之处，在于数据。", [("青禾市统计局", "ORG")])
    assert ("青禾市统计局", "ORG") in found
    found = run(rec, "青禾市统计局好处，在于数据。", [("青禾市统计局", "ORG")])
    assert ("青禾市统计局", "ORG") in found
    # the ministry's department is still found
    found = run(rec, "青禾部规划司负责人表示，方案已定。", [("青禾部", "ORG")])
    assert ("青禾部规划司", "ORG") in found


def test_two_ordinary_words_after_a_title_are_no_name(rec):
    found = run(rec, "而据记者亲身体验，多家银行可实时到账。")
    assert not any(label == "PERSON" for _, label in found)
    # a name after the title is still a name, also when the tagger cut it in two
    found = run(rec, "据记者林雨桐报道，双色球即将出台新规。", [("报道", "v")])
    assert ("林雨桐", "PERSON") in found
    found = run(rec, "据记者林雨桐报道，双色球即将出台新规。", [("林", "nr"), ("雨桐", "n"), ("报道", "v")])
    assert ("林雨桐", "PERSON") in found
