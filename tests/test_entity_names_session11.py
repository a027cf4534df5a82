"""Names that carry to unseen articles (issue 4, session 11): general mechanisms, each checked on invented sentences
(none copied from the corpus)."""

from __future__ import annotations

import pytest

from pipeline.entities.naming import class_noun_after
from test_entities import entry_for, mentions, run


# ------------------------------------------------------------------ a Latin name with its kind after it
def test_class_noun_after_a_latin_name():
    assert class_noun_after("KX-9卫星发射", 4) == "satellite"
    assert class_noun_after("KX-900型集装箱船", 6) == "container ship"
    assert class_noun_after("Aurora海底光缆登陆", 6) == "cable"       # the longest kind word, not 海缆 / 光缆
    assert class_noun_after("KX-9项目启动", 4) is None                 # a project is named without its kind
    assert class_noun_after("KX-9卫星公司成立", 4, ("公司",)) is None   # the kind word starts a company's name


@pytest.mark.parametrize("text, surface, name_en", [
    ("该国航天局表示，TALA-2卫星将于明年发射，TALA-2将用于监测农作物。", "TALA-2", "TALA-2 satellite"),
    ("多家运营商合建的Baltica光缆明年投运。", "Baltica", "Baltica cable"),
    ("研究机构牵头的SolidX试验线获得了资助。", "SolidX", "SolidX pilot line"),
    ("该公司的Zephyr项目原本计划在2027年投产。", "Zephyr", "Zephyr"),        # no kind word: the name alone
])
def test_a_latin_name_is_named_with_the_kind_written_after_it(recognizer_no_termbase, text, surface, name_en):
    e = entry_for(run(recognizer_no_termbase, text), surface)
    assert e is not None and e.name_en == name_en


# ------------------------------------------------------------------ Chinese companies' registered names
@pytest.mark.parametrize("text, surface, name_en", [
    ("公司全资子公司瑞芯达（合肥）半导体有限公司负责项目建设。", "瑞芯达（合肥）半导体有限公司", "Ruixinda (Hefei) Semiconductor Co., Ltd."),
    ("本公司与三星（中国）半导体有限公司签署了供货协议。", "三星（中国）半导体有限公司", "Samsung (China) Semiconductor Co., Ltd."),
    ("该工厂由英特尔（中国）有限公司运营。", "英特尔（中国）有限公司", "Intel (China) Co., Ltd."),   # not "Limited Company"
])
def test_a_registered_company_name_with_its_place_in_brackets_is_one_organisation(recognizer_no_termbase, text, surface, name_en):
    e = entry_for(run(recognizer_no_termbase, text), surface)
    assert e is not None and e.label == "ORG" and e.name_en == name_en


def test_a_companys_board_is_its_own_organisation(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "安徽星联科技股份有限公司董事会审议通过了议案。安徽星联科技股份有限公司表示将按期投产。")
    board = entry_for(ents, "安徽星联科技股份有限公司董事会")
    company = entry_for(ents, "安徽星联科技股份有限公司")
    assert board is not None and company is not None and board.entity_id != company.entity_id
    assert board.name_en == f"Board of Directors of {company.name_en}"


# ------------------------------------------------------------------ a hyphenated foreign name restated in Latin
def test_a_hyphenated_name_restated_in_latin_is_one_name(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "新工厂选址在北部的卡斯特罗-维拉诺瓦（Castro-Vilanova），距港口不远。")
    e = entry_for(ents, "卡斯特罗-维拉诺瓦")
    assert e is not None and e.name_en == "Castro-Vilanova"
    assert entry_for(ents, "Castro-Vilanova").entity_id == e.entity_id


def test_a_hyphen_between_ordinary_words_is_left_alone(recognizer_no_termbase):
    ents = run(recognizer_no_termbase, "研究重点在于混合量子-经典计算(Quantum-HPC)的发展。")
    assert not any("-" in text and not text.isascii() for text, _ in mentions(ents))


# ------------------------------------------------------------------ termbase rows of session 11 (general knowledge)
def test_session11_termbase_rows_name_the_actors(recognizer):
    ents = run(recognizer, "普华永道和毕马威的报告都提到，《华尔街日报》援引巴塞尔委员会的意见。")
    assert entry_for(ents, "普华永道").name_en == "PwC"
    assert entry_for(ents, "毕马威").name_en == "KPMG"
    assert entry_for(ents, "巴塞尔委员会").name_en == "Basel Committee on Banking Supervision"
