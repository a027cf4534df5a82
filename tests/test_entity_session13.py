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
    # 新 (Singapore) + 韩 (Korea) read as two countries' short forms: before 银行 / 证券 they begin a
    # company's name, the tagger's ORG stands
    found = run(rec, "新韩银行宣布增资，中德证券随后跟进。", [("新韩银行", "ORG"), ("中德证券", "ORG")])
    assert ("新韩银行", "ORG") in found and ("中德证券", "ORG") in found
    # before an ordinary word they are still two countries, not a name (session 11)
    found = run(rec, "中乌农产品贸易额增长。", [("中乌农产品", "ORG")])
    assert not any(s.startswith("中乌") for s, _ in found)
