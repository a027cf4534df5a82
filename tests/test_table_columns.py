"""Corpus-table rows travel from the workers column by column (`document_columns`): the same
values, in the same order, as one dict a row, and the tables written from them are unchanged."""

from __future__ import annotations

import pickle

import pyarrow.parquet as pq

from pipeline.outputs import TABLE_NAMES, TableWriter, document_columns, table_columns, table_schema


def _doc() -> dict:
    entity = {"text": "财政部", "start": 0, "end": 3, "label": "ORG", "entity_id": "e1", "sentence_id": 0}
    return {
        "doc_id": "d1", "text": "财政部说。", "tokens": [{"i": 0}, {"i": 1}],
        "source": {"path": "p.txt", "format": "txt", "encoding": "utf-8", "script": "simplified", "sha256": "0",
                   "size_bytes": 15, "title": "标题", "byline": {"author": "甲"}},
        "sections": [], "sentences": [{"id": 0, "start": 0, "end": 5, "text": "财政部说。", "section_id": 0}],
        "entities": [entity, {**entity, "start": 5, "end": 8, "entity_id": "e2", "sources": []}],
        "entity_index": [{"entity_id": "e1", "name_en": "Ministry of Finance", "aliases": ["财政部", "财部"]},
                         {"entity_id": "e2", "aliases": []}],
        "money": [], "claims": [], "risks": [],
        "stance": {"label": "positive", "score": 0.5, "evidence": ["x"],
                   "targets": [{"target": "财政部", "label": "neutral", "score": 0.1}]},
        "provenance": {"pipeline_version": "v1"},
    }


def test_columns_follow_each_table_schema_and_match_the_row_dicts():
    doc = _doc()
    columns = document_columns(doc)
    assert list(columns) == TABLE_NAMES
    for name in TABLE_NAMES:
        assert list(columns[name]) == table_columns(name) == table_schema(name).names
        assert len({len(values) for values in columns[name].values()}) == 1  # one value a row in each column
    entities = columns["entities"]
    assert entities["name_en"] == ["Ministry of Finance", None]  # looked up in the entity index
    assert columns["entity_index"]["aliases"] == ['["财政部", "财部"]', "[]"]  # lists as JSON text, as before
    assert columns["entity_index"]["label"] == [None, None]  # a missing field: empty
    assert columns["stance"]["is_main"] == [True, False]
    assert columns["documents"]["n_tokens"] == [2] and columns["documents"]["author"] == ["甲"]
    second_entity = {column: values[1] for column, values in entities.items()}
    assert second_entity == {"doc_id": "d1", "text": "财政部", "start": 5, "end": 8, "label": "ORG",
                             "entity_id": "e2", "sentence_id": 0, "name_en": None}


def test_table_writer_from_pickled_columns_equals_from_the_document(tmp_path):
    doc = _doc()
    from_doc, from_columns = TableWriter(tmp_path / "a", batch_rows=3), TableWriter(tmp_path / "b", batch_rows=3)
    for _ in range(4):
        from_doc.add(doc)
        from_columns.add_columns(pickle.loads(pickle.dumps(document_columns(doc))))  # as a worker sends them
    assert from_doc.close() == from_columns.close()
    for name in TABLE_NAMES:
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes()
        assert pq.read_table(tmp_path / "a" / f"{name}.parquet").equals(
            pq.read_table(tmp_path / "b" / f"{name}.parquet"))
    assert pq.read_table(tmp_path / "b" / "entities.parquet").num_rows == 8
