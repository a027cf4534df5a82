"""The output contract on the project corpus: files, schema validity, exact offsets, tables."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.outputs import TABLE_NAMES
from pipeline.schema import SCHEMA_FILE, schema_text, validation_errors

from conftest import CORPUS, load_docs

ARTICLE_SUFFIXES = {".txt", ".md", ".html"}
CONTRACT_KEYS = ["schema_version", "doc_id", "source", "text", "sections", "sentences", "entities", "entity_index",
                 "money", "quantities", "numeric_checks", "claims", "risks", "opportunities", "stance",
                 "summary_en", "provenance"]


def test_schema_file_matches_the_models():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run `pipeline schema --write`"


def test_every_article_is_analysed_and_valid(corpus_run):
    out, report, status = corpus_run
    articles = [p for p in CORPUS.iterdir() if p.suffix in ARTICLE_SUFFIXES]  # team data folders are ignored
    assert status == 0, report.errors
    docs = load_docs(out)
    assert sorted(docs) == sorted(p.stem for p in articles) and len(articles) >= 4
    for doc_id, doc in docs.items():
        assert validation_errors(doc) == [], doc_id
        assert all(key in doc for key in CONTRACT_KEYS)
        assert doc["sentences"] and doc["tokens"] and doc["sections"]
        assert (out / "summaries" / f"{doc_id}.md").read_text(encoding="utf-8").startswith("# ")
        assert "<html" in (out / "reports" / f"{doc_id}.html").read_text(encoding="utf-8")
    dashboard = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert all(f"{doc_id}.html" in dashboard for doc_id in docs)


def test_offsets_are_exact_for_every_span(corpus_run):
    out, _, _ = corpus_run
    for doc in load_docs(out).values():
        text = doc["text"]
        for field in ("sentences", "tokens", "entities", "money", "quantities"):
            for span in doc[field]:
                assert text[span["start"]:span["end"]] == span["text"]
        # sentences are in order, do not overlap, and cover every non-space character
        covered = set()
        previous_end = 0
        for sentence in doc["sentences"]:
            assert sentence["start"] >= previous_end
            previous_end = sentence["end"]
            covered.update(range(sentence["start"], sentence["end"]))
        assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_documents_of_the_previous_schema_version_still_validate(corpus_run):
    out, _, _ = corpus_run
    doc = next(iter(load_docs(out).values()))
    assert doc["schema_version"] == "1.5" and any("name_en_method" in e for e in doc["entity_index"])
    assert validation_errors(doc) == []
    assert doc["source"]["byline"]["names_en"], "the first corpus document's byline has English names"
    v14 = json.loads(json.dumps(doc))
    v14["schema_version"] = "1.4"
    v14["source"]["byline"].pop("names_en")
    assert validation_errors(v14) == []
    v14["source"]["byline"]["names_en"] = {}   # a 1.5 field in a 1.4 document is an error
    assert any(p.startswith("source/byline") for p in validation_errors(v14))
    doc["source"]["byline"].pop("names_en")
    v13 = json.loads(json.dumps(doc))
    v13["schema_version"] = "1.3"
    v13["source"].pop("published")
    for role in ("dateline", "document_number"):
        v13["source"]["byline"].pop(role)
    assert validation_errors(v13) == []
    v13["source"]["published"] = "2026-11-19"   # a 1.4 field in a 1.3 document is an error
    assert any(p.startswith("source") for p in validation_errors(v13))
    bad = json.loads(json.dumps(doc))
    bad["source"]["published"] = "2026年11月19日"   # published is ISO 8601, never the raw string
    assert any(p.startswith("source/published") for p in validation_errors(bad))
    doc["source"].pop("published")
    for role in ("dateline", "document_number"):
        doc["source"]["byline"].pop(role)
    v12 = json.loads(json.dumps(doc))
    v12["schema_version"] = "1.2"
    for role in ("department", "platform"):
        v12["source"]["byline"].pop(role)
    assert validation_errors(v12) == []
    v12["source"]["byline"]["platform"] = "微博"   # a 1.3 field in a 1.2 document is an error
    assert any(p.startswith("source/byline") for p in validation_errors(v12))
    doc["source"]["byline"].pop("department")
    doc["source"]["byline"].pop("platform")
    v11 = json.loads(json.dumps(doc))
    v11["schema_version"] = "1.1"
    for entry in v11["entity_index"]:
        if entry.get("name_en_method") in ("cantonese_reading", "western_syllables"):
            entry["name_en_method"] = "western_reading"
    assert validation_errors(v11) == []
    v11["entity_index"][0]["name_en_method"] = "western_syllables"   # a 1.2 value in a 1.1 document is an error
    assert any(p.startswith("entity_index/0") for p in validation_errors(v11))
    old = json.loads(json.dumps(doc))
    old["schema_version"] = "1.0"
    for entry in old["entity_index"]:
        entry.pop("name_en_method", None)
    assert validation_errors(old) == []
    entry = old["entity_index"][0]
    entry["name_en_method"] = "pinyin"          # a 1.1 field in a 1.0 document is an error
    assert any(p.startswith("entity_index/0") for p in validation_errors(old))


def test_name_methods_say_how_the_english_name_was_made(corpus_run):
    out, _, _ = corpus_run
    entries = [e for doc in load_docs(out).values() for e in doc["entity_index"]]
    methods = {e["name_en_method"] for e in entries if e["name_en"]}
    assert {"termbase", "latin", "pinyin"} <= methods
    for e in entries:
        assert (e["name_en"] is None) == (e["name_en_method"] is None), e
        if e["name_en_method"] in ("japanese_reading", "korean_reading", "western_reading", "wade_giles"):
            assert e["name_en_source"] == "transliteration"


def test_validation_catches_broken_offsets_and_fields(corpus_run):
    out, _, _ = corpus_run
    doc = next(iter(load_docs(out).values()))
    doc["sentences"][0]["end"] += 1
    doc["money"].append({"text": "x"})
    problems = validation_errors(doc)
    assert any(p.startswith("sentences/0") for p in problems)
    assert any(p.startswith("money/") for p in problems)


def test_tables_parquet_and_csv(corpus_run):
    out, _, _ = corpus_run
    docs = load_docs(out)
    for name in TABLE_NAMES:
        frame = pd.read_parquet(out / "tables" / f"{name}.parquet")
        csv = pd.read_csv(out / "tables" / f"{name}.csv")
        assert "doc_id" in frame.columns and list(csv.columns) == list(frame.columns)
        assert len(csv) == len(frame)
    sentences = pd.read_parquet(out / "tables" / "sentences.parquet")
    assert len(sentences) == sum(len(d["sentences"]) for d in docs.values())
    documents = pd.read_parquet(out / "tables" / "documents.parquet")
    assert sorted(documents["doc_id"]) == sorted(docs)


def test_run_json(corpus_run):
    out, report, _ = corpus_run
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert run["counts"]["analysed"] == len(load_docs(out)) and run["errors"] == []
    assert {"load", "ingest", "tokenize", "structure", "tables"} <= set(run["stage_seconds"])
    assert all(d["status"] == "analysed" for d in run["documents"])


def test_atomic_write_bytes_makes_the_folder_sets_the_mode_and_leaves_no_temp_file(tmp_path, monkeypatch):
    import os

    from pipeline import outputs

    target = tmp_path / "new" / "folder" / "doc.json"
    outputs.atomic_write_bytes(target, b"first")
    outputs.atomic_write_bytes(target, b"second", durable=False)
    assert target.read_bytes() == b"second"
    assert target.stat().st_mode & 0o777 == outputs._FILE_MODE
    assert os.listdir(target.parent) == ["doc.json"]

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(outputs.os, "replace", failing_replace)
    with pytest.raises(OSError):
        outputs.atomic_write_bytes(target, b"third")
    assert target.read_bytes() == b"second" and os.listdir(target.parent) == ["doc.json"]


def test_the_analyzer_raises_the_collector_threshold_only_upwards(analyzer, monkeypatch):
    import gc

    from pipeline.nlp import GC_THRESHOLD0, raise_gc_threshold

    assert gc.get_threshold()[0] >= GC_THRESHOLD0  # set when the analyzer was loaded
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        raise_gc_threshold()
        assert gc.get_threshold() == (GC_THRESHOLD0, 10, 10)
        gc.set_threshold(50_000, 5, 5)
        raise_gc_threshold()
        assert gc.get_threshold() == (50_000, 5, 5)
    finally:
        gc.set_threshold(*before)
