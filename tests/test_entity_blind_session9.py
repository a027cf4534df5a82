"""Session 9, from the errors of the four articles written blind in session 9 (invented sentences, not theirs):
a maker's model number written with a colon or hyphen, a licence number written as an ID."""

from __future__ import annotations

import pytest

from pipeline.entities import EntityRecognizer
from test_entities import entry_for, mentions, run


@pytest.fixture(scope="module")
def rec() -> EntityRecognizer:
    return EntityRecognizer()


def test_model_number_with_colon_is_one_product(rec):
    ents = run(rec, "该公司去年交付了多台QTX:2150i设备，新一代ZRB:6000仍在测试。")
    assert ("QTX:2150i", "PRODUCT") in mentions(ents)
    assert ("ZRB:6000", "PRODUCT") in mentions(ents)
    ents = run(rec, "会议于10:30开始。")
    assert not any(":" in t for t, _ in mentions(ents))


def test_model_number_with_hyphen_is_a_product(rec):
    ents = run(rec, "公司研制的KORAL-200B雷达已经列装。")
    assert ("KORAL-200B", "PRODUCT") in mentions(ents)


def test_licence_number_is_no_name(rec):
    ents = run(rec, "分析师：李明 执业证书编号：S1230500000001 行业评级：增持")
    assert not any(t.startswith("S123") for t, _ in mentions(ents))
