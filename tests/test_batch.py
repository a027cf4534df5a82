"""Batch behaviour: bad input never stops the batch, re-runs skip, SIGKILL loses nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import UsageError, discover, run_corpus, run_files
from pipeline.schema import validation_errors

from conftest import SEED, load_docs

GOOD = "韩国政府宣布投入26万亿韩元支持半导体产业。三星电子和SK海力士将受益!分析人士认为,这一计划可能改变全球格局。\n"


def make_corpus(root: Path, n_good: int = 2) -> Path:
    corpus = root / "corpus"
    corpus.mkdir()
    for i in range(n_good):
        (corpus / f"good-{i}.txt").write_text(f"第{i}篇。" + GOOD, encoding="utf-8")
    return corpus


def run(corpus: Path, out: Path, analyzer, **kwargs):
    messages: list[str] = []
    report, status = run_corpus(corpus, out, analyzer=analyzer, progress=False, log=messages.append, **kwargs)
    return report, status, messages


def assert_good_outputs_complete(out: Path, n_good: int = 2) -> None:
    docs = load_docs(out)
    for i in range(n_good):
        doc = docs[f"good-{i}"]
        assert validation_errors(doc) == []
        assert (out / "summaries" / f"good-{i}.md").exists()
    documents = pd.read_parquet(out / "tables" / "documents.parquet")
    assert {f"good-{i}" for i in range(n_good)} <= set(documents["doc_id"])
    assert not list(out.rglob(".*.tmp"))
    umask = os.umask(0o022)
    os.umask(umask)
    for path in [out / "docs" / "good-0.json", out / "tables" / "documents.parquet", out / "tables" / "claims.csv",
                 out / "reports" / "index.html", out / "run.json"]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path  # written via temp files, not left 0600


def single_error(report, messages, name: str, reason: str) -> None:
    assert len(report.errors) == 1, report.errors
    error = report.errors[0]
    assert name in error.reason and reason in error.reason
    assert "\n" not in error.reason
    assert messages == [f"error: {error.reason}"]


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary file"),
    ("garbled.txt", b"abc \xff\xff\xff def " * 40, "not valid UTF-8, UTF-16, GB18030/GBK or Big5"),
])
def test_bad_file_is_reported_and_batch_goes_on(tmp_path, analyzer, name, content, reason):
    corpus = make_corpus(tmp_path)
    (corpus / name).write_bytes(content)
    report, status, messages = run(corpus, tmp_path / "out", analyzer)
    assert status == 1
    single_error(report, messages, name, reason)
    assert report.counts["analysed"] == 2 and report.counts["failed"] == 1
    assert_good_outputs_complete(tmp_path / "out")
    run_json = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert run_json["errors"][0]["path"].endswith(name)


def test_20_mb_article_is_rejected_without_reading_it(tmp_path, analyzer):
    corpus = make_corpus(tmp_path)
    with open(corpus / "huge.txt", "wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    report, status, messages = run(corpus, tmp_path / "out", analyzer)
    assert status == 1
    single_error(report, messages, "huge.txt", "20.0 MB is over the 8 MB limit")
    assert_good_outputs_complete(tmp_path / "out")


def test_file_deleted_between_listing_and_reading(tmp_path, analyzer):
    corpus = make_corpus(tmp_path, n_good=3)
    files, errors = discover(corpus)
    (corpus / "good-2.txt").unlink()
    messages: list[str] = []
    report, status = run_files(files, errors, corpus=corpus, out=tmp_path / "out", analyzer=analyzer,
                               progress=False, log=messages.append)
    assert status == 1
    single_error(report, messages, "good-2.txt", "file disappeared before it could be read")
    assert_good_outputs_complete(tmp_path / "out")


def test_unreadable_file(tmp_path, analyzer, monkeypatch):
    corpus = make_corpus(tmp_path)
    secret = corpus / "secret.txt"
    secret.write_text(GOOD, encoding="utf-8")
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads mode-000 files: make the open fail as it would for a user
        real_open = open

        def guarded_open(path, *args, **kwargs):
            if isinstance(path, (str, os.PathLike)) and Path(path) == secret:   # open(fd) is not a path
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr("builtins.open", guarded_open)
    report, status, messages = run(corpus, tmp_path / "out", analyzer)
    secret.chmod(0o644)
    assert status == 1
    single_error(report, messages, "secret.txt", "permission denied")
    assert_good_outputs_complete(tmp_path / "out")


def test_symlink_loops(tmp_path, analyzer):
    corpus = make_corpus(tmp_path)
    (corpus / "loop-a.txt").symlink_to(corpus / "loop-b.txt")
    (corpus / "loop-b.txt").symlink_to(corpus / "loop-a.txt")
    (corpus / "again").symlink_to(corpus, target_is_directory=True)
    report, status, messages = run(corpus, tmp_path / "out", analyzer)
    assert status == 1
    reasons = sorted(e.reason for e in report.errors)
    assert len(reasons) == 3 and all("symlink loop" in r for r in reasons)
    assert any("loop-a.txt" in r for r in reasons) and any("again" in r for r in reasons)
    assert_good_outputs_complete(tmp_path / "out")


def test_missing_corpus_is_a_usage_error(tmp_path, analyzer):
    with pytest.raises(UsageError, match="does not exist"):
        run_corpus(tmp_path / "nope", tmp_path / "out", analyzer=analyzer, progress=False)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match="no articles found"):
        run_corpus(empty, tmp_path / "out", analyzer=analyzer, progress=False)


def test_nothing_readable_gives_status_2(tmp_path, analyzer):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    _, status, _ = run(corpus, tmp_path / "out", analyzer)
    assert status == 2


def test_rerun_skips_unchanged_and_redoes_changed(tmp_path, analyzer):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    first, _, _ = run(corpus, out, analyzer)
    assert first.counts["analysed"] == 2
    before = (out / "docs" / "good-0.json").stat().st_mtime_ns
    (corpus / "good-1.txt").write_text("改过了。" + GOOD, encoding="utf-8")
    second, status, _ = run(corpus, out, analyzer)
    assert status == 0
    assert {d["doc_id"]: d["status"] for d in second.documents} == {"good-0": "skipped", "good-1": "analysed"}
    assert (out / "docs" / "good-0.json").stat().st_mtime_ns == before
    assert load_docs(out)["good-1"]["text"].startswith("改过了。")
    # a page an operating-system crash left empty (only the JSON is fsynced) is redone
    (out / "reports" / "good-0.html").write_text("", encoding="utf-8")
    third, _, _ = run(corpus, out, analyzer)
    assert {d["doc_id"]: d["status"] for d in third.documents} == {"good-0": "analysed", "good-1": "skipped"}
    assert (out / "reports" / "good-0.html").stat().st_size > 0
    forced, _, _ = run(corpus, out, analyzer, force=True)
    assert forced.counts["analysed"] == 2
    assert len(pd.read_parquet(out / "tables" / "documents.parquet")) == 2


def test_same_stem_in_two_places_gets_distinct_ids(tmp_path, analyzer):
    corpus = make_corpus(tmp_path, n_good=0)
    (corpus / "a").mkdir()
    (corpus / "a" / "x.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "x.md").write_text(GOOD, encoding="utf-8")
    files, _ = discover(corpus)
    assert len({f.doc_id for f in files}) == 2


def test_pipelineignore_excludes_folders_and_files(tmp_path):
    corpus = make_corpus(tmp_path, n_good=1)
    (corpus / "labels").mkdir()
    (corpus / "labels" / "GUIDE.md").write_text("# 标注指南", encoding="utf-8")
    (corpus / "notes.md").write_text("笔记", encoding="utf-8")
    assert {f.doc_id for f in discover(corpus)[0]} == {"good-0", "GUIDE", "notes"}
    (corpus / ".pipelineignore").write_text("# team data\nlabels/\n*.md\n", encoding="utf-8")
    assert {f.doc_id for f in discover(corpus)[0]} == {"good-0"}


def _comparable(out: Path) -> dict:
    docs = load_docs(out)
    for doc in docs.values():
        doc.pop("provenance")
    tables = {p.name: pd.read_parquet(p) for p in sorted((out / "tables").glob("*.parquet"))}
    summaries = {p.name: p.read_text(encoding="utf-8") for p in sorted((out / "summaries").glob("*.md"))}
    return {"docs": docs, "tables": tables, "summaries": summaries}


def test_sigkill_then_rerun_equals_uninterrupted_run(tmp_path, analyzer):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraphs = SEED.read_text(encoding="utf-8").split("\n")
    for i in range(40):
        text = "\n".join(paragraphs[i % 20: i % 20 + 6])
        (corpus / f"doc-{i:02d}.txt").write_text(f"第{i}号文件。\n" + text, encoding="utf-8")
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    run(corpus, clean, analyzer)

    command = [sys.executable, "-m", "pipeline.cli", "run", str(corpus), "--out", str(killed), "--no-progress"]
    # its own process group, so the kill takes the worker processes down with it
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = list((killed / "docs").glob("*.json")) if (killed / "docs").exists() else []
        if len(done) >= 3:
            break
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    partial = list((killed / "docs").glob("*.json"))
    assert 3 <= len(partial) < 40, "the run must be killed mid-way"
    for path in partial:  # whatever was written before the kill is complete
        assert validation_errors(json.loads(path.read_text(encoding="utf-8"))) == []

    report, status, _ = run(corpus, killed, analyzer)
    assert status == 0
    assert report.counts["skipped"] >= len(partial) - 1  # the one being renamed at the kill may be redone
    assert report.counts["analysed"] + report.counts["skipped"] == 40
    a, b = _comparable(clean), _comparable(killed)
    assert a["docs"] == b["docs"] and a["summaries"] == b["summaries"]
    assert a["tables"].keys() == b["tables"].keys()
    for name in a["tables"]:
        pd.testing.assert_frame_equal(a["tables"][name], b["tables"][name], obj=name)
    shutil.rmtree(clean)


def test_the_fingerprint_follows_the_shipped_data(tmp_path, monkeypatch):
    """An edited termbase row changes what the pipeline gives, so it must make earlier outputs out of date (the
    fingerprint is what an incremental run compares); a byte-identical copy of models/ must not."""
    from pipeline.config import PipelineConfig
    from pipeline.paths import models_dir

    fingerprints = []
    for name, edit in (("same", False), ("copy", False), ("edited", True)):
        models = tmp_path / name
        shutil.copytree(models_dir(), models)
        if edit:
            with open(models / "termbase.tsv", "a", encoding="utf-8") as termbase:
                termbase.write("# a comment a user added\n")
        monkeypatch.setenv("PIPELINE_MODELS_DIR", str(models))
        fingerprints.append(PipelineConfig.load().fingerprint)
    assert fingerprints[0] == fingerprints[1] != fingerprints[2]


def test_a_large_file_in_models_is_fingerprinted_without_reading_it(tmp_path, monkeypatch):
    """A translation model someone keeps in models/ (gigabytes) must not be read at every start: above the limit a
    file counts by its size and modification time, so replacing it still changes the fingerprint."""
    import pipeline.config as config
    from pipeline.paths import models_dir

    models = tmp_path / "models"
    shutil.copytree(models_dir(), models)
    monkeypatch.setenv("PIPELINE_MODELS_DIR", str(models))
    monkeypatch.setattr(config, "_HASHED_BYTES_LIMIT", 1024)
    big = models / "local-model.bin"
    big.write_bytes(b"\0" * 4096)
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    first = config.PipelineConfig.load().fingerprint
    assert big not in read
    config._INSTALLED_DIGEST.clear()
    big.write_bytes(b"\0" * 4097)
    assert config.PipelineConfig.load().fingerprint != first
