"""Process pool and Dask backends give the same outputs as the in-process run."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.batch import discover, run_corpus

from conftest import CORPUS, load_docs


def comparable(out):
    docs = load_docs(out)
    for doc in docs.values():
        doc.pop("provenance")
    return docs


@pytest.fixture(scope="module")
def serial_docs(corpus_run):
    out, _, _ = corpus_run
    return comparable(out)


def tables(out):
    frames = {p.name: pd.read_parquet(p) for p in sorted((out / "tables").glob("*.parquet"))}
    return {name: frame.drop(columns="pipeline_version", errors="ignore") for name, frame in frames.items()}


def test_process_pool_matches_single_process(tmp_path, serial_docs, corpus_run):
    report, status = run_corpus(CORPUS, tmp_path / "pool", workers=2, progress=False, log=lambda m: None)
    assert status == 0 and report.workers == 2
    assert comparable(tmp_path / "pool") == serial_docs
    assert [d["doc_id"] for d in report.documents] == [f.doc_id for f in discover(CORPUS)[0]]
    # the workers write the files and send back table rows; the tables keep the corpus order
    pool_tables, serial_tables = tables(tmp_path / "pool"), tables(corpus_run[0])
    assert pool_tables.keys() == serial_tables.keys() and len(pool_tables) == 12
    for name in serial_tables:
        pd.testing.assert_frame_equal(pool_tables[name], serial_tables[name], obj=name)
    assert list(pool_tables["documents.parquet"]["doc_id"]) == [f.doc_id for f in discover(CORPUS)[0]]


def test_dask_local_cluster_matches_single_process(tmp_path, serial_docs):
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report, status = run_corpus(CORPUS, tmp_path / "dask", dask=cluster.scheduler_address, progress=False,
                                    log=lambda m: None)
    assert status == 0 and report.workers == 2
    assert comparable(tmp_path / "dask") == serial_docs


def test_worker_failure_is_reported_and_batch_goes_on(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"ok-{i}.txt").write_text(f"第{i}篇。韩国政府宣布投入26万亿韩元支持半导体产业。", encoding="utf-8")
    (corpus / "bad.html").write_text("<html><body><script>1</script></body></html>", encoding="utf-8")
    messages = []
    report, status = run_corpus(corpus, tmp_path / "out", workers=2, progress=False, log=messages.append)
    assert status == 1 and report.counts["analysed"] == 3
    assert len(messages) == 1 and "bad.html: no article text found" in messages[0]
