"""Translation layer without any model: placeholder protection, batching, loop guard and fallbacks
run deterministically through a fake engine that returns known strings; model management offline."""

from __future__ import annotations

import re

import pytest

from pipeline.models import (Claim, Document, EntityIndexEntry, EntityMention, Money, Opportunity, Provenance,
                             Risk, Sentence, Source, Stance)
from pipeline.translation import (Translator, add_translations, document_protected_spans, format_model_list,
                                  list_models, load_translator, sentence_protected_spans)
from pipeline.translation.guard import is_degenerate
from pipeline.translation.protect import inline, mask, unmask, verify_inline


class FakeEngine:
    """Returns known strings: a table lookup on the masked source, else the source itself
    with Chinese characters replaced (placeholders pass through, like a well-behaved model)."""

    name = "fake"
    backend = "fake"
    version = "0"

    def __init__(self, table: dict[str, str] | None = None, strict_table: dict[str, str] | None = None):
        self.table = table or {}
        self.strict_table = strict_table or {}
        self.calls: list[tuple[list[str], bool]] = []

    def generate(self, sources: list[str], *, strict: bool = False) -> list[str]:
        self.calls.append((list(sources), strict))
        out = []
        for s in sources:
            if strict and s in self.strict_table:
                out.append(self.strict_table[s])
            elif s in self.table:
                out.append(self.table[s])
            else:
                out.append(re.sub(r"[\u4e00-\u9fff，。]+", " words ", s).strip())
        return out


# ---------------------------------------------------------------- protect

def test_mask_and_unmask_round_trip():
    text = "富士通获得74亿美元补贴"
    spans = [(0, 3, "Fujitsu"), (5, 10, "US$7.4 billion")]
    masked = mask(text, spans)
    assert masked.source == "ZX0 获得 ZX1 补贴"
    assert masked.english == ["Fujitsu", "US$7.4 billion"]
    assert unmask("ZX0 received a ZX1 subsidy", masked) == "Fujitsu received a US$7.4 billion subsidy"
    # models move placeholders around, change their case or split them: still restored
    assert unmask("A zx 1 subsidy went to ZX0 .", masked) == "A US$7.4 billion subsidy went to Fujitsu."


@pytest.mark.parametrize("output", ["ZX0 received a subsidy", "ZX0 and ZX0 got ZX1", "ZX0 got ZX1 and ZX2"])
def test_unmask_rejects_lost_repeated_or_invented_placeholders(output):
    masked = mask("富士通获得74亿美元补贴", [(0, 3, "Fujitsu"), (5, 10, "US$7.4 billion")])
    assert unmask(output, masked) is None


def test_overlapping_spans_keep_the_longer_one():
    masked = mask("日本政府投入", [(0, 2, "Japan"), (0, 4, "Government of Japan"), (2, 2, "x"), (9, 12, "bad")])
    assert masked.english == ["Government of Japan"]
    assert masked.source == "ZX0 投入"


def test_inline_fallback_keeps_only_verbatim_forms():
    source, english = inline("富士通获得74亿美元补贴", [(0, 3, "Fujitsu"), (5, 10, "US$7.4 billion")])
    assert source == "Fujitsu 获得 US$7.4 billion 补贴"
    assert verify_inline("Fujitsu got a US$7.4 billion subsidy", english) == "Fujitsu got a US$7.4 billion subsidy"
    assert verify_inline("Fujitsu got a $7.4bn subsidy", english) is None
    assert verify_inline("Fujitsu got ZX3 US$7.4 billion", english) is None


# ---------------------------------------------------------------- guard

@pytest.mark.parametrize("text,bad", [
    ("Japan will invest US$10,000,000,000 in quantum technology this year.", False),
    ("the the the the the", True),
    ("Japan's Japan's Japan's Japan's", True),
    ("of quantum of quantum of quantum of quantum", True),
    ("", True),
    ("x" * 400, True),
])
def test_repetition_guard(text, bad):
    assert is_degenerate(text, "日本今年将投资量子技术。") is bad


# ---------------------------------------------------------------- Translator

def test_translator_restores_names_and_amounts_and_batches():
    engine = FakeEngine({"ZX0 获得 ZX1 补贴": "ZX0 received a ZX1 subsidy"})
    translator = Translator(engine, batch_size=2)
    sentences = ["富士通获得74亿美元补贴", "风险是肯定有的。", "富士通获得74亿美元补贴", "人才短缺。", "好。"]
    spans = [[(0, 3, "Fujitsu"), (5, 10, "US$7.4 billion")], [], [(0, 3, "Fujitsu"), (5, 10, "US$7.4 billion")], [], []]
    out = translator.translate(sentences, spans)
    assert out[0] == out[2] == "Fujitsu received a US$7.4 billion subsidy"
    assert out[1] == "words" and out[3] == "words" and out[4] == "words"
    sent = [s for batch, _ in engine.calls for s in batch]
    assert len(sent) == 4                      # the repeated sentence is translated once
    assert all(len(batch) <= 2 for batch, _ in engine.calls)
    assert translator.stats.failed == 0


def test_translator_retries_loops_with_strict_decoding_then_gives_up():
    loop = "the the the the the the"
    engine = FakeEngine({"一": loop, "二": loop}, strict_table={"一": "One.", "二": loop})
    translator = Translator(engine)
    assert translator.translate(["一", "二"]) == ["One.", None]
    assert translator.stats.retried_loop == 2
    assert any(strict for _, strict in engine.calls)
    assert translator.stats.failed == 1


def test_lost_placeholder_falls_back_to_inline_then_null():
    engine = FakeEngine({
        "ZX0 获得补贴": "A subsidy was granted",                      # placeholder lost
        "Fujitsu 获得补贴": "Fujitsu received a subsidy",             # inline retry works
        "ZX0 亏损": "Loss",
        "Toshiba 亏损": "The company lost money",                     # inline retry loses the name
    })
    out = Translator(engine).translate(["富士通获得补贴", "东芝亏损"], [[(0, 3, "Fujitsu")], [(0, 2, "Toshiba")]])
    assert out == ["Fujitsu received a subsidy", None]


def test_translate_is_deterministic_and_rejects_bad_input():
    translator = Translator(FakeEngine())
    assert translator.translate(["日本。"]) == translator.translate(["日本。"])
    with pytest.raises(ValueError):
        translator.translate(["a", "b"], [[]])
    assert translator.translate([" ", "x" * 1000]) == [None, None]


# ---------------------------------------------------------------- document level

def _document() -> Document:
    text = "富士通获得74亿美元补贴。风险是肯定有的。日本市场迎来机遇。"
    sentences, start = [], 0
    for i, part in enumerate(["富士通获得74亿美元补贴。", "风险是肯定有的。", "日本市场迎来机遇。"]):
        sentences.append(Sentence(id=i, start=start, end=start + len(part), text=part, section_id=0, paragraph_id=0))
        start += len(part)
    return Document(
        doc_id="t", text=text, sections=[], paragraphs=[], sentences=sentences, tokens=[],
        source=Source(path="t.txt", sha256="0", size_bytes=1, format="txt", encoding="utf-8", script="simplified"),
        provenance=Provenance(pipeline_version="0", schema_version="1.0", components=[], backends={},
                              started_at="now", duration_s=0),
        entities=[EntityMention(text="富士通", start=0, end=3, label="ORG", entity_id="E1", sentence_id=0),
                  EntityMention(text="日本", start=21, end=23, label="GPE", entity_id="E2", sentence_id=2)],
        entity_index=[EntityIndexEntry(entity_id="E1", label="ORG", name_zh="富士通", name_en="Fujitsu",
                                       name_en_source="termbase", mentions=1),
                      EntityIndexEntry(entity_id="E2", label="GPE", name_zh="日本", name_en="Japan",
                                       name_en_source="termbase", mentions=1)],
        money=[Money(text="74亿美元", start=5, end=10, sentence_id=0, value=7400000000, currency="USD",
                     qualifier="exact")],
        claims=[Claim(sentence_id=0, text=sentences[0].text, type="fact", hedged=False, attribution="author",
                      confidence=0.9)],
        risks=[Risk(sentence_id=1, text=sentences[1].text, category="execution", confidence=0.8)],
        opportunities=[Opportunity(sentence_id=2, text=sentences[2].text, confidence=0.7)],
        stance=Stance(target="富士通", label="supportive", score=0.4, evidence=[0, 2]),
    )


def test_protected_spans_come_from_entities_and_money():
    doc = _document()
    assert sorted(sentence_protected_spans(doc, 0)) == [(0, 3, "Fujitsu"), (5, 10, "US$7.4 billion")]
    assert document_protected_spans(doc, [1, 2]) == [[], [(0, 2, "Japan")]]


def test_add_translations_fills_text_en_and_returns_evidence():
    doc = _document()
    engine = FakeEngine({"ZX0 获得 ZX1 补贴。": "ZX0 received a ZX1 subsidy.",
                         "风险是肯定有的。": "There are certainly risks.",
                         "ZX0 市场迎来机遇。": "The ZX0 market sees opportunities."})
    evidence = add_translations(doc, Translator(engine))
    assert doc.claims[0].text_en == "Fujitsu received a US$7.4 billion subsidy."
    assert doc.risks[0].text_en == "There are certainly risks."
    assert doc.opportunities[0].text_en == "The Japan market sees opportunities."
    assert evidence == {0: doc.claims[0].text_en, 1: doc.risks[0].text_en, 2: doc.opportunities[0].text_en}


def test_no_translator_leaves_text_en_null():
    doc = _document()
    assert add_translations(doc, None) == {}
    assert doc.claims[0].text_en is None and doc.risks[0].text_en is None


# ---------------------------------------------------------------- models offline

def test_missing_model_offline_gives_one_message_and_none(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    messages: list[str] = []
    assert load_translator("Helsinki-NLP/opus-mt-zh-en", on_message=messages.append) is None
    assert len(messages) == 1
    assert "pipeline models pull Helsinki-NLP/opus-mt-zh-en" in messages[0] and "text_en stays null" in messages[0]


def test_missing_model_without_offline_flag_does_not_download(monkeypatch, tmp_path):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    messages: list[str] = []
    assert load_translator("some-org/not-downloaded", on_message=messages.append) is None
    assert len(messages) == 1 and "never downloads" in messages[0]


def test_local_folder_without_config_is_reported(tmp_path):
    messages: list[str] = []
    assert load_translator(str(tmp_path), on_message=messages.append) is None
    assert len(messages) == 1 and "config.json" in messages[0]


def test_unknown_backend_is_a_usage_error():
    with pytest.raises(ValueError):
        load_translator("x", backend="onnx")


def test_list_models_on_an_empty_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("PIPELINE_CT2_DIR", str(tmp_path / "ct2"))
    models = list_models()
    assert models == []
    assert "pipeline models pull" in format_model_list(models)
