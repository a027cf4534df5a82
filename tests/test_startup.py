"""Start-up and memory behaviour (issue 7): what a process imports, garbage collection while
loading, the table writer's column-wise buffer, the per-document text kept on the Doc."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from pipeline import gc_paused


def test_gc_paused_restores_the_previous_state():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with gc_paused():
            raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller's own choice is left alone
    finally:
        gc.enable()


def test_workers_and_analyze_do_not_import_the_table_libraries():
    code = ("import sys, pipeline.parallel, pipeline.cli\n"
            "from pipeline.reports import render_document_page\n"
            "print(sorted(m for m in ('pandas', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.replace("'", '"')) == []


def test_batch_driver_does_not_import_the_nlp_stack():
    """With worker processes the driver only reads files and builds tables: spaCy, the models and
    pipeline.nlp stay in the workers; the config (fingerprint, limits) comes from pipeline.config."""
    code = ("import sys, pipeline.batch, pipeline.cli\n"
            "from pipeline.config import PipelineConfig\n"
            "from pipeline.parallel import make_backend\n"
            "make_backend(PipelineConfig.load(), workers=2, dask=None, n_jobs=100).close()\n"
            "print(sorted(m for m in ('pipeline.nlp', 'spacy', 'onnxruntime', 'jieba') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.replace("'", '"')) == []


def test_table_writer_columns_match_row_dicts(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.outputs import TableWriter, table_schema

    doc = {
        "doc_id": "d1", "text": "甲乙。", "source": {"path": "p", "format": "txt", "encoding": "utf-8",
                                                       "script": "simplified", "sha256": "0", "size_bytes": 9},
        "sections": [], "sentences": [{"id": 0, "start": 0, "end": 3, "text": "甲乙。", "section_id": 0,
                                       "paragraph_id": 0, "kind": "body"}],
        "tokens": [], "entities": [], "money": [], "claims": [], "risks": [],
        "stance": {"label": "neutral", "score": 0.0, "targets": [{"target": "甲", "label": "neutral"}]},
        "provenance": {"pipeline_version": "v"},
    }
    writer = TableWriter(tmp_path, batch_rows=2)
    for _ in range(3):
        writer.add(doc)
    counts = writer.close()
    assert counts["documents"] == 3 and counts["stance"] == 6 and counts["money"] == 0
    from pipeline.outputs import document_columns

    stance = document_columns(doc)["stance"]
    expected = pa.Table.from_pydict({column: values * 3 for column, values in stance.items()}, schema=table_schema("stance"))
    assert pq.read_table(tmp_path / "stance.parquet").equals(expected)
    # documents: one row per document, so one flush at 2 rows and one at close; stance: 2 per document
    assert pq.ParquetFile(tmp_path / "documents.parquet").metadata.num_row_groups == 2
    assert pq.ParquetFile(tmp_path / "stance.parquet").metadata.num_row_groups == 3
    assert (tmp_path / "stance.csv").read_text(encoding="utf-8").count("\n") == 7  # header + 6 rows


def test_doc_text_is_kept_and_equals_spacy_text():
    from pipeline.nlp import Analyzer, doc_text

    nlp = Analyzer().nlp
    doc = nlp.make_doc("日本ABCI-Q量子计算机投资74亿美元。")
    assert doc._.text is None
    assert doc_text(doc) == doc.text
    assert doc._.text == doc.text
    doc._.structure = None
    nlp.get_pipe("structure")(doc)              # merges ABCI-Q into one token: the text is unchanged
    assert any(token.text == "ABCI-Q" for token in doc)
    assert doc_text(doc) == doc.text == "日本ABCI-Q量子计算机投资74亿美元。"


def test_spacy_command_line_is_not_imported_but_still_works():
    code = ("import sys, pipeline.nlp, spacy; print('spacy.cli.download' in sys.modules); "
            "import spacy.cli; print(callable(spacy.cli.download)); print(isinstance(spacy.info(), dict))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True", "True"]
