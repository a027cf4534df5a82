"""Where documents are analysed: in this process, in a local process pool, or on a Dask cluster.

Every backend runs the same function, `analyze_job` (`analyze_jobs`), on a `Job` (the article's bytes and
names). A job that names an output folder (`Job.out`: this process and the local pool, which
share the file system) has its files written by the worker, atomically, and only the corpus
table rows travel back (column by column); otherwise (Dask workers may be on other machines) the `JobResult`
carries the finished JSON, Markdown and HTML text and the caller writes them. Each worker
process loads the pipeline once. Jobs travel in small chunks (`chunked`: up to CHUNK_DOCS
documents, fewer near the end of the run), analysed together by `analyze_jobs` so that the entity
step batches its LAC encoder calls across the chunk's documents; at most `window` chunks are in
flight, so memory stays bounded however large the corpus is.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Protocol

from pipeline.config import PipelineConfig
from pipeline.ingest import IngestError, article_from_bytes
from pipeline.outputs import TableColumns, atomic_write_text, document_columns, document_json

if TYPE_CHECKING:  # pipeline.nlp (spaCy, the models) is imported where documents are analysed, not by a driver
    from pipeline.nlp import Analyzer


@dataclass
class Job:
    index: int
    doc_id: str
    display: str
    fmt: str
    data: bytes
    out: str | None = None  # output folder: the worker writes the files itself


def output_paths(out: str | os.PathLike, doc_id: str) -> tuple[Path, Path, Path]:
    """(document JSON, Markdown summary, HTML page) of `doc_id` under the output folder `out`."""
    root = Path(out)
    return root / "docs" / f"{doc_id}.json", root / "summaries" / f"{doc_id}.md", root / "reports" / f"{doc_id}.html"


def write_outputs(out: str | os.PathLike, doc_id: str, document_json_text: str, summary_md: str,
                  report_html: str | None) -> None:
    """Each file atomically; the document JSON last, because its presence marks the document done.
    Only the JSON is flushed to disk (an fsync per file was ~5% of a document's time): a re-run
    redoes a document whose Markdown or page an operating-system crash left empty."""
    doc_path, md_path, html_path = output_paths(out, doc_id)
    atomic_write_text(md_path, summary_md, durable=False)
    if report_html is not None:
        atomic_write_text(html_path, report_html, durable=False)
    atomic_write_text(doc_path, document_json_text)


@dataclass
class JobResult:
    index: int
    doc_id: str
    status: str  # "analysed" or "failed"
    columns: TableColumns | None = None  # the document's corpus-table rows, column by column
    written: bool = False  # the worker wrote the files (Job.out); else the texts below are set
    document_json: str | None = None
    summary_md: str | None = None
    report_html: str | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)
    stage: str | None = None
    reason: str | None = None


_ANALYZERS: dict[str, Analyzer] = {}
# Below this many documents a worker pool costs more in start-up (each worker loads the
# pipeline, ~2 s) than it saves.
SMALL_CORPUS = 16


def analyzer_for(config: PipelineConfig) -> Analyzer:
    """The process's analyzer for `config`, loaded on first use (once per worker process)."""
    key = config.fingerprint
    if key not in _ANALYZERS:
        from pipeline.nlp import Analyzer

        _ANALYZERS[key] = Analyzer(config)
    return _ANALYZERS[key]


def analyze_job(job: Job, config: PipelineConfig, analyzer: Analyzer | None = None,
                with_report: bool = True) -> JobResult:
    return analyze_jobs([job], config, analyzer, with_report)[0]


def analyze_jobs(jobs: list[Job], config: PipelineConfig, analyzer: Analyzer | None = None,
                 with_report: bool = True) -> list[JobResult]:
    """Each job's result (in order), as `analyze_job` gives it; the jobs' documents go through
    `Analyzer.analyze_batch` together (the entity step tags their LAC windows in shared batches).
    Each document is rendered as soon as it is analysed; one failing stops no other. A job with an
    output folder has its files written on a writer thread (`write_outputs`: temp files renamed into
    place, the JSON fsynced), so that the disk waits overlap the next document's analysis; the
    results come back once every file is written, a write that failed as that job's failure."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="outputs") as writer:
        results = _analyze_jobs(jobs, config, analyzer, with_report, writer)
    return [result.result() if isinstance(result, Future) else result for result in results]


def _analyze_jobs(jobs: list[Job], config: PipelineConfig, analyzer: Analyzer | None, with_report: bool,
                  writer: ThreadPoolExecutor) -> list[JobResult | Future]:
    results: list[JobResult | Future | None] = [None] * len(jobs)
    articles: list = []
    ingest_seconds: list[float] = []
    ingested: list[int] = []  # the jobs whose article was read
    for k, job in enumerate(jobs):
        try:
            analyzer = analyzer or analyzer_for(config)
            clock = time.perf_counter()
            article = article_from_bytes(job.data, doc_id=job.doc_id, path=job.display, fmt=job.fmt)
        except Exception as exc:
            results[k] = _failed(job, "ingest", exc)
            continue
        articles.append(article)
        ingest_seconds.append(time.perf_counter() - clock)
        ingested.append(k)
    if articles:
        documents = analyzer.analyze_batch(articles)
        try:
            for k, seconds, document in zip(ingested, ingest_seconds, documents):
                job = jobs[k]
                if isinstance(document, Exception):
                    results[k] = _failed(job, "analyze", document)
                    continue
                result = _finish_job(job, document, seconds, with_report)
                results[k] = (writer.submit(_write_job_outputs, job, result)
                              if job.out is not None and result.status == "analysed" else result)
        finally:
            documents.close()
    return results  # type: ignore[return-value]


def _finish_job(job: Job, document, ingest_seconds: float, with_report: bool) -> JobResult:
    """The rendered texts (JSON, Markdown, page) and table rows of an analysed document."""
    from pipeline.english import render_markdown
    from pipeline.reports import render_document_page

    try:
        clock = time.perf_counter()
        summary_md = render_markdown(document)
        # the page and the table rows need no tokens, the bulk of a document
        without_tokens = document.model_dump(mode="json", exclude={"tokens"})
        report_html = render_document_page(without_tokens) if with_report else None
        columns = document_columns({**without_tokens, "tokens": document.tokens})
        text = document_json(document)
        render_seconds = time.perf_counter() - clock  # the JSON text and table rows included
        stage_seconds = {"ingest": ingest_seconds, **document.provenance.stage_seconds, "render": render_seconds}
        return JobResult(index=job.index, doc_id=job.doc_id, status="analysed", columns=columns, document_json=text,
                         summary_md=summary_md, report_html=report_html, stage_seconds=stage_seconds)
    except Exception as exc:  # one bad document must not stop the batch
        return _failed(job, "render", exc)


def _write_job_outputs(job: Job, result: JobResult) -> JobResult:
    """`result`'s texts written under `job.out` (on the writer thread): the result without them, or the job's
    failure at the "write" stage."""
    try:
        # the writer thread's own CPU time: its wall time would count the disk waits it overlaps and the time it
        # waits for the interpreter lock while the next document is analysed (a 1-worker benchmark run showed
        # "write" as 31% of the per-document time on wall clock, 4% before the writes moved to this thread)
        clock = time.thread_time()
        write_outputs(job.out, job.doc_id, result.document_json, result.summary_md, result.report_html)
        seconds = time.thread_time() - clock
    except Exception as exc:  # reported for this document only
        return _failed(job, "write", exc)
    return replace(result, written=True, document_json=None, summary_md=None, report_html=None,
                   stage_seconds={**result.stage_seconds, "write": seconds})


def _failed(job: Job, stage: str, exc: BaseException) -> JobResult:
    if isinstance(exc, IngestError):
        reason = str(exc)
    elif stage == "write" and isinstance(exc, OSError):
        reason = f"{job.display}: cannot write outputs ({exc})"
    else:
        reason = f"{job.display}: {stage} failed: {type(exc).__name__}: {exc}"
    return JobResult(index=job.index, doc_id=job.doc_id, status="failed", stage=stage, reason=reason)


# Cross-document batching: a worker is given up to this many documents at once (and at most
# CHUNK_BYTES of article data), whose entity step tags its LAC windows in shared encoder batches.
# Near the end of a run the chunks get smaller, so that no worker is left with a long one
# while the others are idle.
CHUNK_DOCS = 8
CHUNK_BYTES = 1 << 20


def chunked(jobs: Iterable[Job], workers: int = 1, n_jobs: int | None = None,
            size: int = CHUNK_DOCS) -> Iterator[list[Job]]:
    """`jobs` in lists of at most `size` jobs and CHUNK_BYTES of data (a larger job alone). With
    `n_jobs` known (an upper bound), a chunk holds at most the remaining jobs / (4 x workers)."""
    queue = iter(jobs)
    taken = 0
    while True:
        limit = size
        if n_jobs is not None:
            limit = max(1, min(size, (n_jobs - taken) // (4 * max(1, workers))))
        chunk: list[Job] = []
        data = 0
        for job in queue:
            chunk.append(job)
            data += len(job.data)
            if len(chunk) >= limit or data >= CHUNK_BYTES:
                break
        if not chunk:
            return
        taken += len(chunk)
        yield chunk


class Backend(Protocol):
    workers: int

    def run(self, jobs: Iterable[Job]) -> Iterator[JobResult]:
        """Results as they finish (not in input order)."""

    def close(self) -> None: ...


class SerialBackend:
    """In this process, with an analyzer already loaded."""

    workers = 1

    def __init__(self, analyzer: Analyzer, chunk: int = CHUNK_DOCS):
        self.analyzer = analyzer
        self.chunk = chunk

    def run(self, jobs: Iterable[Job]) -> Iterator[JobResult]:
        for chunk in chunked(jobs, size=self.chunk):
            yield from analyze_jobs(chunk, self.analyzer.config, self.analyzer)

    def close(self) -> None:
        pass


def _worker_init(config: PipelineConfig) -> None:
    analyzer_for(config)


class ProcessPoolBackend:
    """A local pool of worker processes, each loading the pipeline once."""

    def __init__(self, config: PipelineConfig, workers: int, window: int | None = None, n_jobs: int | None = None,
                 chunk: int = CHUNK_DOCS):
        self.config = config
        self.workers = workers
        self.window = window or 2 * workers  # chunks in flight
        self.n_jobs = n_jobs
        self.chunk = chunk
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        # "spawn": workers start clean instead of inheriting the parent's threads and locks.
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init, initargs=(self.config,))

    def run(self, jobs: Iterable[Job]) -> Iterator[JobResult]:
        self._pool = self._pool or self._new_pool()
        pending: dict[Future, list[Job]] = {}
        queue = chunked(jobs, self.workers, self.n_jobs, self.chunk)
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.window:
                chunk = next(queue, None)
                if chunk is None:
                    exhausted = True
                    break
                pending[self._pool.submit(analyze_jobs, chunk, self.config)] = chunk
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future, None)
                if chunk is None:  # resubmitted after the pool broke (below)
                    continue
                try:
                    results = future.result()
                except BrokenProcessPool:
                    retry = list(pending.values())
                    pending.clear()
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    self._pool = self._new_pool()
                    if len(chunk) == 1:
                        job = chunk[0]
                        yield JobResult(index=job.index, doc_id=job.doc_id, status="failed", stage="analyze",
                                        reason=f"{job.display}: worker process died while analysing it")
                    else:  # which document took the worker down is not known: each is redone alone
                        retry += [[job] for job in chunk]
                    for other in retry:
                        pending[self._pool.submit(analyze_jobs, other, self.config)] = other
                else:
                    yield from results

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskBackend:
    """A Dask distributed cluster: `address` of a running scheduler, or "local" for a LocalCluster."""

    def __init__(self, config: PipelineConfig, address: str, workers: int | None = None, window: int | None = None,
                 n_jobs: int | None = None, chunk: int = CHUNK_DOCS):
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - depends on the install
            raise RuntimeError('the Dask backend needs dask.distributed: pip install "dask[distributed]"') from None
        self.config = config
        self._cluster = None
        if address == "local":
            self._cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self.client = Client(self._cluster)
        else:
            self.client = Client(address)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self.window = window or 4 * self.workers  # chunks in flight
        self.n_jobs = n_jobs
        self.chunk = chunk

    def _submit(self, chunk: list[Job]):
        first = chunk[0]
        return self.client.submit(analyze_jobs, chunk, self.config, pure=False,
                                  key=f"analyze-{first.doc_id}-{first.index}-{len(chunk)}")

    def run(self, jobs: Iterable[Job]) -> Iterator[JobResult]:
        from distributed import as_completed

        queue = chunked(jobs, self.workers, self.n_jobs, self.chunk)
        futures = as_completed()
        for chunk in queue:
            futures.add(self._submit(chunk))
            if futures.count() >= self.window:
                break
        for future in futures:
            yield from future.result()
            future.release()
            chunk = next(queue, None)
            if chunk is not None:
                futures.add(self._submit(chunk))

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_backend(config: PipelineConfig, *, workers: int | None, dask: str | None,
                 analyzer: Analyzer | None = None, n_jobs: int | None = None) -> Backend:
    if dask:
        return DaskBackend(config, dask, workers, n_jobs=n_jobs)
    if workers is None:  # default: one per core, unless the corpus is too small to repay worker start-up
        workers = 1 if n_jobs is not None and n_jobs < SMALL_CORPUS else (os.cpu_count() or 1)
    if n_jobs is not None:
        workers = max(1, min(workers, n_jobs))
    if workers == 1:
        return SerialBackend(analyzer or analyzer_for(config))
    return ProcessPoolBackend(config, workers, n_jobs=n_jobs)
