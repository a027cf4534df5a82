"""Typed-F1 errors of the recogniser on the team-annotated articles, one line each with its sentence context
(session 6 of issue 4): false positives and false negatives per article, marked FP / FN (no overlap), FP-OVL /
FN-OVL (a wrong span overlapping a gold / predicted mention) and TYPE (right span, wrong label).

    python -m benchmarks.entity_errors --mode held --exclude a,b,c

--mode held: each article with its own-only termbase entries removed (the eval's "held-out" row, the proxy for
unseen articles); tb: the full termbase; notb: no termbase. --exclude: doc ids left out; their annotation files
are never opened (the loader reads a filtered copy of the corpus made of symlinks)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from benchmarks.entities_eval import REPO, _sentences, gold_mentions, held_out_terms, jieba_tokens, load_articles, prf


def filtered_corpus(corpus: Path, exclude: set[str], into: Path) -> Path:
    (into / "annotations").mkdir(parents=True)
    for ann in sorted((corpus / "annotations").glob("*.json")):
        if ann.stem in exclude:
            continue
        (into / "annotations" / ann.name).symlink_to(ann.resolve())
        for art in corpus.glob(f"{ann.stem}.*"):
            if art.is_file():
                (into / art.name).symlink_to(art.resolve())
    return into


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--mode", choices=("held", "tb", "notb"), default="held")
    parser.add_argument("--exclude", default="")
    args = parser.parse_args(argv)
    from pipeline.entities import EntityRecognizer

    with tempfile.TemporaryDirectory() as tmp:
        arts = load_articles(filtered_corpus(args.corpus, {d for d in args.exclude.split(",") if d}, Path(tmp)))
    rec = EntityRecognizer(use_termbase=args.mode != "notb")
    tp = n_pred = n_gold = 0
    for i, art in enumerate(arts):
        text = art["text"]
        r = EntityRecognizer(exclude_terms=held_out_terms(arts, i, rec.lexicons.terms)) if args.mode == "held" else rec
        pred = {(m.start, m.end, m.label) for m in r(text, _sentences(text), jieba_tokens(text)).mentions}
        gold = gold_mentions(text, art["entities"])
        tp, n_pred, n_gold = tp + len(pred & gold), n_pred + len(pred), n_gold + len(gold)
        gold_span = {(s, e): lab for s, e, lab in gold}
        pred_span = {(s, e): lab for s, e, lab in pred}
        rows = []
        for s, e, lab in pred - gold:
            if (s, e) in gold_span:
                rows.append((s, e, "TYPE", f"pred {lab} gold {gold_span[(s, e)]}"))
                continue
            over = [(a, b, g) for a, b, g in gold if a < e and s < b]
            rows.append((s, e, "FP-OVL" if over else "FP",
                         lab + (f" vs gold {text[over[0][0]:over[0][1]]}/{over[0][2]}" if over else "")))
        for s, e, lab in gold - pred:
            if (s, e) in pred_span:
                continue
            over = [(a, b, p) for a, b, p in pred if a < e and s < b]
            rows.append((s, e, "FN-OVL" if over else "FN",
                         lab + (f" vs pred {text[over[0][0]:over[0][1]]}/{over[0][2]}" if over else "")))
        if rows:
            print(f"== {art['doc_id']}")
        for s, e, tag, info in sorted(rows):
            context = (text[max(0, s - 15):s] + "[" + text[s:e] + "]" + text[e:e + 15]).replace("\n", " ")
            print(f"  {tag:6s} {text[s:e]:12s} {info:40s} | {context}")
    print(args.mode, prf(tp, n_pred, n_gold))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
