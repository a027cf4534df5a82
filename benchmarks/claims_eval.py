"""`pipeline eval claims`: claims, risks, opportunities and stance, cross-validated by article.

For each labelled article (corpus/labels/*.jsonl) the sentence models are trained on the other
articles only and tested on it; the lexicon-only baseline needs no training. Prints per-class
P/R/F1, macro-F1 and the confusion matrix for claim types, risk detection F1, risk-category
accuracy on detected risks, opportunity F1, hedge and attribution accuracy, the document stance
of every article (decision thresholds re-chosen leaving that article out), and the target stance on corpus/stance/short_texts.jsonl (k-fold by text).
`--unseen ID,...` also prints the figures of those articles (and of the others) apart, from the same run.
Needs scikit-learn for the trained models (`pip install scikit-learn`).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CLAIM_LABELS = ["fact", "statistic", "forecast", "opinion", "recommendation", "none"]


def prf(gold: list, pred: list, labels: list) -> dict:
    out = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        P = tp / (tp + fp) if tp + fp else 0.0
        R = tp / (tp + fn) if tp + fn else 0.0
        out[label] = (P, R, 2 * P * R / (P + R) if P + R else 0.0, tp + fn)
    return out


def binary_f1(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    P, R, F, _ = prf(gold, pred, [True])[True]
    return P, R, F


def predict_docs(docs, lex, trained: bool):
    from pipeline.argument.classify import SentenceClassifier
    from pipeline.argument.training import fit_sentence_models

    out = {}
    for doc in docs:
        models = fit_sentence_models([d for d in docs if d.doc_id != doc.doc_id], lex) if trained else None
        out[doc.doc_id] = SentenceClassifier(lex, models).predict(doc.views)
    return out


def sentence_report(name: str, docs, preds) -> dict:
    from pipeline.argument.features import is_non_claim

    gold_t, pred_t, gold_r, pred_r, gold_o, pred_o = [], [], [], [], [], []
    cat_ok = cat_n = hedge_ok = attr_ok = n_claims = 0
    for doc in docs:
        for row, pred in zip(doc.rows, preds[doc.doc_id]):
            gold_t.append(row["claim_type"] or "none")
            pred_t.append(pred.claim_type or "none")
            gold_r.append(bool(row["risk"]))
            pred_r.append(pred.risk)
            gold_o.append(bool(row["opportunity"]))
            pred_o.append(pred.opportunity)
            if row["risk"] and pred.risk:
                cat_n += 1
                cat_ok += pred.risk_category == row["risk_category"]
            if row["claim_type"]:
                n_claims += 1
                hedge_ok += pred.hedged == row["hedged"] or (pred.claim_type is None and not row["hedged"])
                attr_ok += (pred.attribution == "author") == (row["attribution"] == "author")
    table = prf(gold_t, pred_t, CLAIM_LABELS)
    macro5 = sum(table[c][2] for c in CLAIM_LABELS[:5]) / 5
    macro6 = sum(table[c][2] for c in CLAIM_LABELS) / 6
    rP, rR, rF = binary_f1(gold_r, pred_r)
    oP, oR, oF = binary_f1(gold_o, pred_o)
    print(f"\n== {name}")
    print(f"{'claim type':<16}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    for c in CLAIM_LABELS:
        P, R, F, n = table[c]
        print(f"{c:<16}{P:7.2f}{R:7.2f}{F:7.2f}{n:6d}")
    print(f"macro-F1 (5 claim types) {macro5:.3f}   (with none) {macro6:.3f}")
    print("confusion (rows gold, cols predicted):")
    counts = Counter(zip(gold_t, pred_t))
    print(" " * 16 + "".join(f"{c[:6]:>8}" for c in CLAIM_LABELS))
    for g in CLAIM_LABELS:
        print(f"{g:<16}" + "".join(f"{counts[(g, p)]:8d}" for p in CLAIM_LABELS))
    print(f"risk sentence detection  P {rP:.3f}  R {rR:.3f}  F1 {rF:.3f}  (gold risks {sum(gold_r)})")
    print(f"risk category accuracy on detected risks {cat_ok / max(cat_n, 1):.3f}  ({cat_ok}/{cat_n})")
    print(f"opportunity detection    P {oP:.3f}  R {oR:.3f}  F1 {oF:.3f}  (gold {sum(gold_o)})")
    print(f"hedged accuracy on gold claims {hedge_ok / max(n_claims, 1):.3f}; "
          f"attribution author-vs-source accuracy {attr_ok / max(n_claims, 1):.3f}")
    return {"macro5": macro5, "risk_f1": rF, "cat_acc": cat_ok / max(cat_n, 1), "opp_f1": oF}


def error_report(name: str, docs, preds) -> None:
    """The misses counted by cause (rules below, not hand-judged): risk false negatives and positives,
    risk-category errors with the category cues the sentence has, and the claim-type confusions."""
    import re

    from pipeline.argument.features import sentence_features
    from pipeline.argument.lexicon import Lexicons

    lex = Lexicons.load()
    mitigation = re.compile(r"防范|化解|应对|避免|降低.{0,4}风险|容错|对冲|缓解|规避|保障|兜底")
    fn, fp, cat, pairs, claims = Counter(), Counter(), Counter(), Counter(), Counter()
    for doc in docs:
        xs = sentence_features(doc.views, lex, ngrams=False)
        for k, (row, pred, x) in enumerate(zip(doc.rows, preds[doc.doc_id], xs)):
            cue = x.get("x:risk_any", 0) + x.get("x:risk_mod", 0) + sum(v for f, v in x.items() if f.startswith("x:riskcat="))
            if row["risk"] and not pred.risk:
                fn["near the threshold (p 0.35-0.5)" if pred.risk_confidence >= 0.35 else
                   "implicit: no risk, modifier or negative cue" if cue == 0 and not x.get("x:neg") else
                   "only a general negative cue" if cue == 0 else "risk cue present, p < 0.35"] += 1
            if pred.risk and not row["risk"]:
                near = any(0 <= j < len(doc.rows) and doc.rows[j]["risk"] for j in (k - 1, k + 1))
                fp["mitigation statement" if mitigation.search(row["text"]) else
                   "risk cue, not a risk (topic, past event, another's problem)" if cue > 0 else
                   "no cue, next to a gold risk" if near else "no cue, n-grams / tone"] += 1
            if row["risk"] and pred.risk and pred.risk_category != row["risk_category"]:
                cues = {f[len("x:riskcat="):] for f in x if f.startswith("x:riskcat=")}
                cat["no category cue" if not cues else "gold category's cue present" if row["risk_category"] in cues
                    else "cue only for a wrong category"] += 1
                pairs[(row["risk_category"], pred.risk_category)] += 1
            gold, got = row["claim_type"] or "none", pred.claim_type or "none"
            if gold != got:
                claims[(gold, got)] += 1
    print(f"\n== misses by cause ({name})")
    for title, counts in (("risk false negatives", fn), ("risk false positives", fp), ("risk category errors", cat)):
        print(f"{title} {sum(counts.values())}: " + "; ".join(f"{k} {v}" for k, v in counts.most_common()))
    print("category confusions (gold -> predicted): " + ", ".join(f"{g}->{p} {n}" for (g, p), n in pairs.most_common(8)))
    print(f"claim confusions {sum(claims.values())} (gold -> predicted): "
          + ", ".join(f"{g}->{p} {n}" for (g, p), n in claims.most_common(10)))


def stance_report(name: str, docs, preds, unseen: frozenset = frozenset()) -> int:
    """Document stance; thresholds of pipeline.argument.stance chosen by leave-one-article-out: for each
    article the grid search sees only the other articles' (held-out-predicted) features."""
    from pipeline.argument.features import is_non_claim
    from pipeline.argument.stance import decide, document_stance, fit_thresholds

    print(f"\n== document stance ({name})")
    feats, golds = [], []
    for doc in docs:
        body = [(r["sentence_id"], p, v) for v, r, p in zip(doc.views, doc.rows, preds[doc.doc_id]) if not is_non_claim(v)]
        _, _, _, info = document_stance([p for _, p, _ in body], [i for i, _, _ in body], [v for _, _, v in body], doc.views,
                                        byline=doc.byline)
        feats.append(info)
        golds.append((doc.stance or {}).get("label"))
    correct = shipped_ok = 0
    held: list[bool] = []
    ship: list[bool] = []
    for k, doc in enumerate(docs):
        t = fit_thresholds([f for j, f in enumerate(feats) if j != k], [g for j, g in enumerate(golds) if j != k])
        label = decide(feats[k], **t)
        shipped = decide(feats[k])
        held.append(label == golds[k])
        ship.append(shipped == golds[k])
        correct += label == golds[k]
        shipped_ok += shipped == golds[k]
        if doc.doc_id in unseen:
            continue  # the unseen articles' own errors are not printed: only their totals below
        print(f"{doc.doc_id:<28} gold {golds[k]:<10} held-out {label:<10} {'ok   ' if label == golds[k] else 'WRONG'} "
              f"(shipped thresholds: {shipped:<10}) {feats[k]}  thresholds {t}")
    print(f"document stance correct, thresholds leave-one-article-out: {correct}/{len(docs)}; "
          f"with the shipped thresholds (set on all articles): {shipped_ok}/{len(docs)}")
    print(f"thresholds fitted on all articles: {fit_thresholds(feats, golds)}")
    if unseen:
        for part, keep in (("unseen", True), ("the other", False)):
            ids = [k for k, doc in enumerate(docs) if (doc.doc_id in unseen) == keep]
            print(f"  {part} articles ({len(ids)}): held-out {sum(held[k] for k in ids)}/{len(ids)}, "
                  f"shipped thresholds {sum(ship[k] for k in ids)}/{len(ids)}")
    return correct


def short_text_report(lex, folds: int = 5, seed: int = 0) -> None:
    from pipeline.argument import ArgumentAnalyzer
    from pipeline.argument.data import load_short_texts
    from pipeline.argument.training import fit_short_text_model

    records = load_short_texts()
    rng = random.Random(seed)
    order = list(range(len(records)))
    rng.shuffle(order)
    labels = ["supportive", "skeptical", "neutral"]
    lexicon_only = ArgumentAnalyzer(lexicon_only=True)
    gold, pred_lex, pred_model = [], [], []
    for k in range(folds):
        test = [records[i] for i in order[k::folds]]
        train = [records[i] for i in order if i not in set(order[k::folds])]
        analyzer = ArgumentAnalyzer(lexicon_only=True)
        analyzer.short_model = fit_short_text_model(train, lex)
        for r in test:
            gold.append(r["label"])
            pred_lex.append(lexicon_only.stance_toward(r["text"], r["target"]).label)
            pred_model.append(analyzer.stance_toward(r["text"], r["target"]).label)
    print(f"\n== target stance on {len(records)} short texts ({folds}-fold CV for the trained part)")
    for name, pred in (("lexicon-only", pred_lex), ("lexicon+trained", pred_model)):
        table = prf(gold, pred, labels)
        macro2 = (table["supportive"][2] + table["skeptical"][2]) / 2
        print(f"{name:<16} " + "  ".join(f"{c} P {table[c][0]:.2f} R {table[c][1]:.2f} F1 {table[c][2]:.2f}" for c in labels)
              + f"   macro-F1(sup,skep) {macro2:.3f}")


def attribution_report(lex, ids: set[str]) -> None:
    """Attribution as `pipeline run` writes it (sentence patterns, then transcript speakers and the
    not-a-source list) against the labels, next to the sentence patterns alone."""
    import json
    from pathlib import Path

    from pipeline.argument.features import attribution_of
    from pipeline.ingest import read_article
    from pipeline.nlp import Analyzer
    from pipeline.paths import models_dir

    corpus = models_dir().parent / "corpus"
    analyzer = Analyzer()
    n = patterns_ok = pipeline_ok = sources = exact = 0
    for labels in sorted((corpus / "labels").glob("*.jsonl")):
        if labels.stem not in ids:
            continue
        annotation = corpus / "annotations" / f"{labels.stem}.json"
        if not annotation.exists():
            continue
        doc = analyzer.analyze(read_article(corpus / json.loads(annotation.read_text(encoding="utf-8"))["file"]))
        written = {c.sentence_id: c.attribution for c in doc.claims}
        for line in labels.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if "sentence_id" not in row or not row.get("claim_type"):
                continue
            gold, alone = row["attribution"], attribution_of(row["text"], lex)
            ours = written.get(row["sentence_id"], alone)
            n += 1
            patterns_ok += (alone == "author") == (gold == "author")
            pipeline_ok += (ours == "author") == (gold == "author")
            if gold != "author":
                sources += 1
                exact += ours == gold
    print(f"\nattribution on {n} labelled claims, author vs named source: pipeline {pipeline_ok / max(n, 1):.3f}, "
          f"sentence patterns alone {patterns_ok / max(n, 1):.3f}; named source exactly right {exact}/{sources}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline eval claims", description=__doc__.splitlines()[0])
    parser.add_argument("--no-trained", action="store_true", help="lexicon-only baseline only (no scikit-learn needed)")
    parser.add_argument("--no-pipeline", dest="pipeline", action="store_false",
                        help="features from the label files' text only, without running the pipeline on the articles")
    parser.add_argument("--unseen", default="", help="comma-separated doc ids of articles not looked at while the "
                                                     "models and lexicons were written: their figures (still from the "
                                                     "same leave-one-article-out run over all articles) are also printed "
                                                     "apart, next to the other articles'")
    parser.add_argument("--errors", action="store_true", help="also count the trained models' held-out misses by cause")
    parser.add_argument("--ids", default="", help="only these labelled articles: comma-separated doc ids or a file of ids "
                                                  "(the other label files are not opened; keeps newly added articles blind)")
    parser.add_argument("--exclude", default="", help="all labelled articles but these (comma-separated ids or a file)")
    args = parser.parse_args(argv)
    from pipeline.argument.data import load_labels, parse_ids
    from pipeline.argument.lexicon import Lexicons

    started = time.perf_counter()
    lex = Lexicons.load()
    errors: list[str] = []
    # Features from the pipeline's outputs for each article, exactly as `pipeline run` computes them.
    ids, exclude = parse_ids(args.ids), parse_ids(args.exclude)
    docs = load_labels(pipeline=args.pipeline, errors=errors, ids=ids, exclude=exclude)
    print(f"{sum(len(d.rows) for d in docs)} labelled sentences from {len(docs)} articles; "
          "trained models: leave-one-article-out cross-validation")
    for message in errors:
        print(f"label problem: {message}")
    unseen = frozenset(d for d in args.unseen.split(",") if d)
    missing = sorted(unseen - {d.doc_id for d in docs})
    if missing:
        print(f"--unseen: no labels for {', '.join(missing)}")
    unseen &= {d.doc_id for d in docs}
    parts = [("unseen", [d for d in docs if d.doc_id in unseen]), ("the other", [d for d in docs if d.doc_id not in unseen])] \
        if unseen else []
    base = predict_docs(docs, lex, trained=False)
    sentence_report("lexicon-only baseline", docs, base)
    for part, sub in parts:
        sentence_report(f"lexicon-only baseline, {part} {len(sub)} articles", sub, base)
    if not args.no_trained:
        try:
            import sklearn  # noqa: F401
        except ImportError:
            print("scikit-learn is not installed: trained models skipped (pip install scikit-learn)", file=sys.stderr)
            args.no_trained = True
    if not args.no_trained:
        cv = predict_docs(docs, lex, trained=True)
        sentence_report("trained linear models + lexicon features (article-held-out CV)", docs, cv)
        if args.errors:
            error_report("trained, article-held-out", docs, cv)
        for part, sub in parts:
            sentence_report(f"trained, article-held-out, {part} {len(sub)} articles", sub, cv)
    stance_report("lexicon-only", docs, base, unseen)
    if not args.no_trained:
        stance_report("trained, article-held-out", docs, cv, unseen)
        short_text_report(lex)
    if args.pipeline:
        attribution_report(lex, {d.doc_id for d in docs})
    print(f"\n({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
