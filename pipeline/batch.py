"""Batch runs over a corpus folder: discovery, skip-if-unchanged, per-document atomic outputs,
corpus tables and `run.json`. One bad file never stops the batch."""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from tqdm import tqdm

from pipeline.ingest import ARTICLE_SUFFIXES, IngestError, doc_id_for, format_of, read_bytes
from pipeline.models import RunError, RunReport
from pipeline.config import PipelineConfig
from pipeline.outputs import TableColumns, TableWriter, atomic_write_text
from pipeline.parallel import Job, make_backend, output_paths, write_outputs
from pipeline.reports.dashboard import load_tables, render_dashboard

if TYPE_CHECKING:  # with worker processes the driver never loads the NLP stack (pipeline.nlp, spaCy)
    from pipeline.nlp import Analyzer


_FROM_DISK = object()  # marker: a skipped document's rows are read back from its JSON


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
        _walk(corpus, set(), found, errors, _ignore_patterns(corpus), corpus)
    files = []
    ids = [doc_id_for(path) for path in found]
    for path, doc_id in zip(found, ids):
        if ids.count(doc_id) > 1:  # same stem in two folders or formats: qualify by relative path
            relative = path.relative_to(root).as_posix()
            doc_id = doc_id_for(Path(relative.replace("/", "__"))) + "__" + path.suffix.lstrip(".").lower()
        files.append(InputFile(path=path, display=str(path), doc_id=doc_id))
    return files, errors


IGNORE_FILE = ".pipelineignore"


def _ignore_patterns(corpus: Path) -> list[str]:
    """Glob patterns (relative to the corpus, one a line, # comments) of files and folders that
    are not articles, from CORPUS/.pipelineignore: e.g. the team's annotation folders."""
    try:
        lines = (corpus / IGNORE_FILE).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [line.strip().rstrip("/") for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _ignored(path: Path, root: Path, patterns: list[str]) -> bool:
    relative = path.relative_to(root).as_posix()
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


def _walk(folder: Path, visited: set[tuple[int, int]], found: list[Path], errors: list[RunError],
          patterns: list[str], root: Path) -> None:
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
        path = Path(entry.path)
        if entry.name.startswith(".") or (patterns and _ignored(path, root, patterns)):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            if entry.is_symlink():
                os.stat(entry.path)  # raises for loops and dangling links
        except OSError as exc:
            if path.suffix.lower() in ARTICLE_SUFFIXES or entry.is_symlink():
                errors.append(RunError(path=str(path), stage="list", reason=f"{path}: {_os_reason(exc)}"))
            continue
        if is_dir:
            _walk(path, visited, found, errors, patterns, root)
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
        return output_paths(self.out, doc_id)[0]

    def summary_md(self, doc_id: str) -> Path:
        return output_paths(self.out, doc_id)[1]

    def report_html(self, doc_id: str) -> Path:
        return output_paths(self.out, doc_id)[2]

    @property
    def tables(self) -> Path:
        return self.out / "tables"

    @property
    def run_json(self) -> Path:
        return self.out / "run.json"


def _existing_matches(layout: OutputLayout, doc_id: str, sha256: str, fingerprint: str) -> bool:
    try:  # empty: written without fsync and lost in an operating-system crash
        if not (layout.summary_md(doc_id).stat().st_size and layout.report_html(doc_id).stat().st_size):
            return False
    except OSError:
        return False
    try:
        with open(layout.doc_json(doc_id), encoding="utf-8") as handle:
            existing = json.load(handle)
        return (existing["source"]["sha256"] == sha256
                and existing["provenance"]["pipeline_version"] == fingerprint)
    except (OSError, ValueError, KeyError, TypeError):
        return False


def run_corpus(corpus: Path, out: Path, *, analyzer: Analyzer | None = None, config: PipelineConfig | None = None,
               force: bool = False, max_bytes: int | None = None, workers: int | None = 1, dask: str | None = None,
               progress: bool | None = None, log: Callable[[str], None] | None = None) -> tuple[RunReport, int]:
    """Analyse every article under `corpus` into `out`. Returns the report and the exit status."""
    files, errors = discover(corpus)
    return run_files(files, errors, corpus=corpus, out=out, analyzer=analyzer, config=config, force=force,
                     max_bytes=max_bytes, workers=workers, dask=dask, progress=progress, log=log)


def run_files(files: list[InputFile], errors: list[RunError], *, corpus: Path, out: Path,
              analyzer: Analyzer | None = None, config: PipelineConfig | None = None, force: bool = False,
              max_bytes: int | None = None, workers: int | None = 1, dask: str | None = None,
              progress: bool | None = None, log: Callable[[str], None] | None = None) -> tuple[RunReport, int]:
    """`workers`: 1 analyses in this process; N > 1 uses a local process pool; None one per core.
    `dask`: "local" or a scheduler address runs on a Dask cluster instead."""
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
    config = analyzer.config if analyzer else (config or PipelineConfig.load())
    limit = max_bytes or config.max_bytes
    fingerprint = config.fingerprint
    stage_seconds: dict[str, float] = {}
    statuses: dict[int, dict[str, str]] = {}
    counts = {"listed": len(files), "analysed": 0, "skipped": 0, "failed": len(errors)}
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(files), disable=not show, unit="doc", desc="analysing", file=sys.stderr)

    table_writer = TableWriter(layout.tables)
    rows_ready: dict[int, object] = {}  # file index -> its rows, _FROM_DISK, or None (nothing to add)
    next_row = 0

    def add_rows_in_order() -> None:
        """Table rows go in in file order whatever order the documents finish in, so the tables
        do not depend on the number of workers; at most the jobs in flight wait here."""
        nonlocal next_row
        while next_row in rows_ready:
            rows = rows_ready.pop(next_row)
            if rows is _FROM_DISK:
                with open(layout.doc_json(files[next_row].doc_id), encoding="utf-8") as handle:
                    table_writer.add(json.load(handle))
            elif rows is not None:
                table_writer.add_columns(rows)
            next_row += 1

    def record(index: int, status: str, stage: str | None = None, reason: str | None = None,
               rows: TableColumns | None = None) -> None:
        item = files[index]
        counts[status] += 1
        statuses[index] = {"doc_id": item.doc_id, "path": item.display, "status": status}
        if status == "failed":
            errors.append(RunError(path=item.display, stage=stage or "analyze", reason=reason or "failed"))
            emit(f"error: {reason}")
        rows_ready[index] = _FROM_DISK if status == "skipped" else rows
        bar.update(1)

    workers_write = not dask  # Dask workers may not see this file system: their texts come back here
    out_for_workers = str(layout.out) if workers_write else None

    def jobs() -> Iterator[Job]:
        """Read lazily, so only the jobs in flight are held in memory."""
        for index, item in enumerate(files):
            try:
                data = read_bytes(item.path, max_bytes=limit, display_name=item.display)
            except IngestError as exc:
                record(index, "failed", "read", str(exc))
                continue
            sha256 = hashlib.sha256(data).hexdigest()
            if not force and _existing_matches(layout, item.doc_id, sha256, fingerprint):
                record(index, "skipped")
                continue
            yield Job(index=index, doc_id=item.doc_id, display=item.display, fmt=format_of(item.path), data=data,
                      out=out_for_workers)

    clock = time.perf_counter()
    backend = make_backend(config, workers=workers, dask=dask, analyzer=analyzer, n_jobs=len(files))
    stage_seconds["load"] = time.perf_counter() - clock
    try:
        for result in backend.run(jobs()):
            add_rows_in_order()  # what is recorded so far, in file order
            if result.status != "analysed":
                record(result.index, "failed", result.stage, result.reason)
                continue
            if not result.written:
                try:
                    clock = time.perf_counter()
                    write_outputs(layout.out, result.doc_id, result.document_json, result.summary_md,
                                  result.report_html)
                    _add(stage_seconds, "write", time.perf_counter() - clock)
                except OSError as exc:
                    record(result.index, "failed", "write",
                           f"{files[result.index].display}: cannot write outputs ({exc})")
                    continue
            for name, seconds in result.stage_seconds.items():
                _add(stage_seconds, name, seconds)
            record(result.index, "analysed", rows=result.columns)
        add_rows_in_order()
        clock = time.perf_counter()
        table_counts = table_writer.close()
        stage_seconds["tables"] = time.perf_counter() - clock
    except BaseException:
        table_writer.abort()
        raise
    finally:
        backend.close()
        bar.close()
    ordered = [statuses[i] for i in sorted(statuses)]
    clock = time.perf_counter()
    atomic_write_text(layout.out / "reports" / "index.html", render_dashboard(load_tables(layout.tables)))
    stage_seconds["dashboard"] = time.perf_counter() - clock
    counts.update({f"rows_{name}": n for name, n in table_counts.items()})
    report = RunReport(
        pipeline_version=fingerprint, corpus=str(corpus), out=str(out), started_at=started_at,
        duration_s=round(time.perf_counter() - started, 4), workers=backend.workers, counts=counts,
        stage_seconds={k: round(v, 4) for k, v in stage_seconds.items()}, documents=ordered, errors=errors,
    )
    atomic_write_text(layout.run_json, json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n")
    done = counts["analysed"] + counts["skipped"]
    status = 0 if not errors else (1 if done else 2)
    return report, status


def _remove_stale_temp_files(layout: OutputLayout) -> None:
    """Temp files left by a run that was killed mid-write (never renamed into place)."""
    for folder in (layout.docs, layout.summary_md("x").parent, layout.report_html("x").parent, layout.tables,
                   layout.out):
        if folder.is_dir():
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)


def _add(totals: dict[str, float], name: str, seconds: float) -> None:
    totals[name] = totals.get(name, 0.0) + seconds
