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


def test_writer_thread_reports_a_failed_write_for_its_document_and_leaves_no_partial_file(tmp_path, analyzer):
    from pipeline.parallel import Job, analyze_jobs, output_paths

    out = tmp_path / "out"
    texts = {f"doc-{i}": f"第{i}篇。韩国政府宣布投入26万亿韩元支持半导体产业。" for i in range(3)}
    jobs = [Job(index=i, doc_id=doc_id, display=f"{doc_id}.txt", fmt="txt", data=text.encode(), out=str(out))
            for i, (doc_id, text) in enumerate(texts.items())]
    blocked = output_paths(out, "doc-1")[0]
    (blocked / "keep").mkdir(parents=True)  # a folder where doc-1's JSON goes: its rename into place fails

    results = analyze_jobs(jobs, analyzer.config, analyzer)

    assert [r.status for r in results] == ["analysed", "failed", "analysed"]
    failed = results[1]
    assert failed.stage == "write" and "doc-1.txt: cannot write outputs" in failed.reason
    for result in (results[0], results[2]):  # written by the time the results come back
        assert result.written and result.document_json is None and "write" in result.stage_seconds
        assert all(path.stat().st_size for path in output_paths(out, result.doc_id))
    assert blocked.is_dir() and (blocked / "keep").is_dir()  # the failed JSON left nothing in its place
    assert not list(out.rglob(".*.tmp"))
