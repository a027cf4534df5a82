"""The command line as users call it (subprocesses), with the contract's exit statuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline.schema import validation_errors

from conftest import SEED

SHORT = "日本政府今年投入74亿美元押注量子技术。富士通和NEC将参与!"


def pipeline(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], input=stdin, capture_output=True, timeout=300)


def test_analyze_file_prints_valid_json():
    result = pipeline("analyze", str(SEED))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["doc_id"] == "japan-quantum-7.4b-usd"
    assert validation_errors(doc) == []


def test_analyze_stdin_and_targets():
    result = pipeline("analyze", "-", "--target", "日本的量子战略", stdin=SHORT.encode("gb18030"))
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["doc_id"] == "stdin" and doc["text"] == SHORT and doc["source"]["encoding"] == "gb18030"
    assert [t["target"] for t in doc["stance"]["targets"]] == ["日本的量子战略"]
    assert validation_errors(doc) == []


def test_analyze_jsonl_keeps_order_and_survives_bad_records(tmp_path: Path):
    records = tmp_path / "in.jsonl"
    records.write_text("\n".join([
        json.dumps({"id": "a", "text": SHORT}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": "   "}),
        json.dumps({"id": 7, "text": "韩国宣布投入26万亿韩元。", "target": "韩国芯片法案"}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    result = pipeline("analyze", "--jsonl", str(records))
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["id"] for line in lines] == ["a", None, "b", 7]
    assert "error" in lines[1] and "in.jsonl:2" in lines[1]["error"]
    assert "error" in lines[2] and "in.jsonl:3" in lines[2]["error"]
    assert lines[3]["stance"]["targets"][0]["target"] == "韩国芯片法案"
    for ok in (lines[0], lines[3]):
        assert validation_errors({k: v for k, v in ok.items() if k != "id"}) == []
    assert result.stderr.decode().count("error:") == 2


def test_run_and_exit_statuses(tmp_path: Path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text(SHORT, encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"")
    result = pipeline("run", str(corpus), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "bad.txt: empty file" in result.stderr.decode()
    assert (tmp_path / "out" / "docs" / "ok.json").exists()
    assert pipeline("validate", str(tmp_path / "out")).returncode == 0
    missing = pipeline("run", str(tmp_path / "missing"), "--out", str(tmp_path / "out2"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr.decode()
    assert pipeline("analyze", str(tmp_path / "missing.txt")).returncode == 2
    assert pipeline("run").returncode == 2


def test_validate_reports_invalid_documents(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"doc_id": "x"}), encoding="utf-8")
    result = pipeline("validate", str(bad))
    assert result.returncode == 1 and "bad.json" in result.stderr.decode()
