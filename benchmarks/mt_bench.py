"""Translation speed and memory: transformers vs CTranslate2 (int8) on the corpus's sentences.

    python benchmarks/mt_bench.py [--model Helsinki-NLP/opus-mt-zh-en | PATH] [--sentences 200]
                                  [--batch-size 16] [--threads 2] [--backends transformers,ctranslate2]

Each backend runs in its own subprocess (so peak memory is its own): it loads the model, warms up
on a few sentences, then translates N corpus sentences (the claim / risk candidates: body sentences
of `corpus/`, in order) through the same `Translator` the pipeline uses, placeholders included.
Reported per backend: load seconds, sentences per second, peak resident memory (MB), sentences
translated vs null. Needs the model on disk (`pipeline models pull NAME`, add `--ctranslate2` to
convert); without it the script says so and exits with status 2 -- it never reports numbers for a
model it could not run. Speed only: translation quality is not measured here.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def corpus_sentences(limit: int) -> list[str]:
    from pipeline.ingest import read_article
    from pipeline.text import segment

    out: list[str] = []
    for path in sorted((REPO / "corpus").iterdir()):
        if path.is_dir() or path.suffix not in (".txt", ".md", ".html"):
            continue
        article = read_article(path)
        structure = segment(article.text, title_span=article.title_span, heading_spans=article.heading_spans,
                            byline_spans=article.byline_spans)
        out += [s.text for s in structure.sentences if s.kind == "body" and 8 <= len(s.text) <= 300]
    return out[:limit]


def run_one(backend: str, model: str, n: int, batch_size: int, threads: int | None) -> dict:
    from pipeline.translation import load_translator

    messages: list[str] = []
    started = time.perf_counter()
    translator = load_translator(model, backend=backend, on_message=messages.append, batch_size=batch_size,
                                 threads=threads)
    load_s = time.perf_counter() - started
    if translator is None:
        return {"backend": backend, "error": " ".join(messages)}
    sentences = corpus_sentences(n)
    translator.translate(sentences[:4])                         # warm-up
    started = time.perf_counter()
    out = translator.translate(sentences)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"backend": backend, "model": translator.name, "version": translator.provenance["translation"],
            "load_s": round(load_s, 2), "sentences": len(sentences), "seconds": round(elapsed, 2),
            "sentences_per_s": round(len(sentences) / elapsed, 2) if elapsed else None,
            "peak_rss_mb": round(peak_mb, 1), "translated": sum(x is not None for x in out),
            "null": sum(x is None for x in out)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="hub id in the local cache, or a local folder")
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--backends", default="transformers,ctranslate2")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    parser.add_argument("--one", help=argparse.SUPPRESS)       # internal: run one backend in this process
    args = parser.parse_args(argv)
    from pipeline.translation import DEFAULT_MODEL

    model = args.model or DEFAULT_MODEL
    if args.one:
        print(json.dumps(run_one(args.one, model, args.sentences, args.batch_size, args.threads)))
        return 0
    rows = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        command = [sys.executable, __file__, "--one", backend, "--model", model, "--sentences", str(args.sentences),
                   "--batch-size", str(args.batch_size)] + (["--threads", str(args.threads)] if args.threads else [])
        done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ))
        line = (done.stdout.strip().splitlines() or ["{}"])[-1]
        try:
            rows.append(json.loads(line))
        except ValueError:
            rows.append({"backend": backend, "error": (done.stderr.strip().splitlines() or ["failed"])[-1]})
    if args.json:
        for row in rows:
            print(json.dumps(row))
    else:
        print(f"{'backend':12} {'load s':>7} {'sent/s':>8} {'peak MB':>8} {'ok':>5} {'null':>5}  model")
        for row in rows:
            if "error" in row:
                print(f"{row['backend']:12} unavailable: {row['error']}")
                continue
            print(f"{row['backend']:12} {row['load_s']:7.2f} {row['sentences_per_s']:8.2f} {row['peak_rss_mb']:8.1f} "
                  f"{row['translated']:5d} {row['null']:5d}  {row['model']} ({row['version']})")
        ok = [r for r in rows if "error" not in r]
        if len(ok) == 2 and ok[0]["sentences_per_s"]:
            print(f"speed-up {ok[1]['backend']} / {ok[0]['backend']}: {ok[1]['sentences_per_s'] / ok[0]['sentences_per_s']:.2f}x")
    return 0 if all("error" not in r for r in rows) else 2


if __name__ == "__main__":
    sys.exit(main())
