"""Batch runs over a corpus folder: discovery, skip-if-unchanged, per-document atomic outputs,
corpus tables and `run.json`. One bad file never stops the batch."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from tqdm import tqdm

from pipeline.english import build_summary, render_markdown
from pipeline.ingest import ARTICLE_SUFFIXES, IngestError, article_from_bytes, doc_id_for, format_of, read_bytes
from pipeline.models import RunError, RunReport
from pipeline.nlp import Analyzer
from pipeline.outputs import atomic_write_text, build_tables, document_json


class UsageError(Exception):
    """The run cannot start (exit status 2)."""


@dataclass
class InputFile:
    path: Path
    display: str
    doc_id: str


def discover(corpus: Path) -> tuple[list[InputFile], list[RunError]]:
    """Article files under `corpus` (sorted), and the entries that could not be listed.

    Directory symlinks are followed once; a link back into a folder already visited, a
    dangling link or a link loop is reported as an error instead of being walked.
    """
    if not corpus.exists():
        raise UsageError(f"{corpus}: corpus path does not exist")
    if corpus.is_file():
        found = [corpus]
        errors: list[RunError] = []
        root = corpus.parent
    else:
        found, errors = [], []
        root = corpus
        _walk(corpus, set(), found, errors)
    files = []
    ids = [doc_id_for(path) for path in found]
    for path, doc_id in zip(found, ids):
        if ids.count(doc_id) > 1:  # same stem in two folders or formats: qualify by relative path
            relative = path.relative_to(root).as_posix()
            doc_id = doc_id_for(Path(relative.replace("/", "__"))) + "__" + path.suffix.lstrip(".").lower()
        files.append(InputFile(path=path, display=str(path), doc_id=doc_id))
    return files, errors


def _walk(folder: Path, visited: set[tuple[int, int]], found: list[Path], errors: list[RunError]) -> None:
    try:
        info = folder.stat()
    except OSError as exc:
        errors.append(RunError(path=str(folder), stage="list", reason=f"{folder}: {_os_reason(exc)}"))
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:
        errors.append(RunError(path=str(folder), stage="list",
                               reason=f"{folder}: symlink loop (links back to a folder already read)"))
        return
    visited.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        errors.append(RunError(path=str(folder), stage="list", reason=f"{folder}: {_os_reason(exc)}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            if entry.is_symlink():
                os.stat(entry.path)  # raises for loops and dangling links
        except OSError as exc:
            if path.suffix.lower() in ARTICLE_SUFFIXES or entry.is_symlink():
                errors.append(RunError(path=str(path), stage="list", reason=f"{path}: {_os_reason(exc)}"))
            continue
        if is_dir:
            _walk(path, visited, found, errors)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            found.append(path)


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if exc.errno == errno.ENOENT:
        return "dangling symlink or vanished entry (no such file)"
    if exc.errno == errno.EACCES:
        return "permission denied"
    return exc.strerror or str(exc)


@dataclass
class OutputLayout:
    out: Path

    @property
    def docs(self) -> Path:
        return self.out / "docs"

    def doc_json(self, doc_id: str) -> Path:
        return self.docs / f"{doc_id}.json"

    def summary_md(self, doc_id: str) -> Path:
        return self.out / "summaries" / f"{doc_id}.md"

    @property
    def tables(self) -> Path:
        return self.out / "tables"

    @property
    def run_json(self) -> Path:
        return self.out / "run.json"


def _existing_matches(layout: OutputLayout, doc_id: str, sha256: str, fingerprint: str) -> bool:
    if not layout.summary_md(doc_id).exists():
        return False
    try:
        with open(layout.doc_json(doc_id), encoding="utf-8") as handle:
            existing = json.load(handle)
        return (existing["source"]["sha256"] == sha256
                and existing["provenance"]["pipeline_version"] == fingerprint)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def run_corpus(corpus: Path, out: Path, *, analyzer: Analyzer | None = None, force: bool = False,
               max_bytes: int | None = None, progress: bool | None = None,
               log: Callable[[str], None] | None = None) -> tuple[RunReport, int]:
    """Analyse every article under `corpus` into `out`. Returns the report and the exit status."""
    files, errors = discover(corpus)
    return run_files(files, errors, corpus=corpus, out=out, analyzer=analyzer, force=force,
                     max_bytes=max_bytes, progress=progress, log=log)


def run_files(files: list[InputFile], errors: list[RunError], *, corpus: Path, out: Path,
              analyzer: Analyzer | None = None, force: bool = False, max_bytes: int | None = None,
              progress: bool | None = None, log: Callable[[str], None] | None = None) -> tuple[RunReport, int]:
    started = time.perf_counter()
    started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    layout = OutputLayout(out)
    errors = list(errors)
    emit = log or (lambda message: tqdm.write(message, file=sys.stderr))
    for error in errors:
        emit(f"error: {error.reason}")
    if not files and not errors:
        raise UsageError(f"{corpus}: no articles found ({', '.join(sorted(ARTICLE_SUFFIXES))})")
    _remove_stale_temp_files(layout)
    analyzer = analyzer or Analyzer()
    limit = max_bytes or analyzer.config.max_bytes
    fingerprint = analyzer.config.fingerprint
    stage_seconds: dict[str, float] = {"load": round(analyzer.load_seconds, 4)}
    statuses: list[dict[str, str]] = []
    counts = {"listed": len(files), "analysed": 0, "skipped": 0, "failed": len(errors)}
    show = sys.stderr.isatty() if progress is None else progress
    for item in tqdm(files, disable=not show, unit="doc", desc="analysing", file=sys.stderr):
        status = _process(item, layout, analyzer, limit, fingerprint, force, stage_seconds, errors, emit)
        counts[status] += 1
        statuses.append({"doc_id": item.doc_id, "path": item.display, "status": status})
    clock = time.perf_counter()
    table_counts = build_tables(_read_done(layout, statuses)).write(layout.tables)
    stage_seconds["tables"] = round(time.perf_counter() - clock, 4)
    counts.update({f"rows_{name}": n for name, n in table_counts.items()})
    report = RunReport(
        pipeline_version=fingerprint, corpus=str(corpus), out=str(out), started_at=started_at,
        duration_s=round(time.perf_counter() - started, 4), counts=counts,
        stage_seconds={k: round(v, 4) for k, v in stage_seconds.items()}, documents=statuses, errors=errors,
    )
    atomic_write_text(layout.run_json, json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n")
    done = counts["analysed"] + counts["skipped"]
    status = 0 if not errors else (1 if done else 2)
    return report, status


def _process(item: InputFile, layout: OutputLayout, analyzer: Analyzer, limit: int, fingerprint: str,
             force: bool, stage_seconds: dict[str, float], errors: list[RunError],
             emit: Callable[[str], None]) -> str:
    stage = "read"
    try:
        clock = time.perf_counter()
        data = read_bytes(item.path, max_bytes=limit, display_name=item.display)
        sha256 = hashlib.sha256(data).hexdigest()
        if not force and _existing_matches(layout, item.doc_id, sha256, fingerprint):
            return "skipped"
        stage = "ingest"
        article = article_from_bytes(data, doc_id=item.doc_id, path=item.display, fmt=format_of(item.path))
        _add(stage_seconds, "ingest", time.perf_counter() - clock)
        stage = "analyze"
        document = analyzer.analyze(article)
        for name, seconds in document.provenance.stage_seconds.items():
            _add(stage_seconds, name, seconds)
        stage = "write"
        clock = time.perf_counter()
        document.summary_en = build_summary(document)
        atomic_write_text(layout.summary_md(item.doc_id), render_markdown(document))
        atomic_write_text(layout.doc_json(item.doc_id), document_json(document))
        _add(stage_seconds, "write", time.perf_counter() - clock)
        return "analysed"
    except IngestError as exc:
        reason = str(exc)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:  # one bad document must not stop the batch
        reason = f"{item.display}: {stage} failed: {type(exc).__name__}: {exc}"
    errors.append(RunError(path=item.display, stage=stage, reason=reason))
    emit(f"error: {reason}")
    return "failed"


def _remove_stale_temp_files(layout: OutputLayout) -> None:
    """Temp files left by a run that was killed mid-write (never renamed into place)."""
    for folder in (layout.docs, layout.summary_md("x").parent, layout.tables, layout.out):
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)


def _add(totals: dict[str, float], name: str, seconds: float) -> None:
    totals[name] = totals.get(name, 0.0) + seconds


def _read_done(layout: OutputLayout, statuses: list[dict[str, str]]) -> Iterator[dict]:
    for entry in statuses:
        if entry["status"] == "failed":
            continue
        with open(layout.doc_json(entry["doc_id"]), encoding="utf-8") as handle:
            yield json.load(handle)

