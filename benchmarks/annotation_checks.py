"""Structure and English-summary figures of annotated articles, counted rather than asserted.

tests/test_annotated_corpus.py and tests/test_english.py assert the same things on corpus/ (with the
team's recorded convention conflicts); this script counts them, so a new, blind group of articles can be
measured before anyone reads its errors:

    python benchmarks/annotation_checks.py --corpus /path/with/articles+annotations [--ids a,b] [--out DIR]

Per article: title, section titles (in order), byline fields, sample sentences, words kept whole as one
token, and key facts whose every required token is in the English summary (headline and items). The
pipeline runs on the annotated articles first (into --out, or a temporary folder), in this process.
Money and numeric claims: `python benchmarks/figures_eval.py --corpus DIR --no-peer`; entities:
`python benchmarks/entities_eval.py --corpus DIR --articles-only`; claims: `pipeline eval claims --unseen`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

CHECKS = ("title", "section titles", "byline fields", "sentences", "words whole", "key facts")


def as_analysed(text: str, script: str) -> str:
    """Annotations quote the article as written; the pipeline analyses normalised Simplified text."""
    from pipeline.ingest import normalise_text, traditional_to_simplified
    text = normalise_text(text)
    return traditional_to_simplified(text) if script == "traditional" else text


def summary_text(summary: dict) -> str:
    lines = [summary.get("headline") or ""]
    for part in ("abstract", "key_figures", "actors", "key_claims", "risks", "opportunities", "numeric_checks"):
        lines += [item["text"] for item in summary.get(part) or []]
    if summary.get("stance"):
        lines.append(summary["stance"]["text"])
    return "\n".join(lines)


def check_article(gold: dict, doc: dict) -> dict[str, tuple[int, int, list[str]]]:
    """Each check: (right, annotated, what was missed)."""
    script = gold.get("script", "simplified")
    seen = lambda text: None if text is None else as_analysed(text, script)  # noqa: E731
    results: dict[str, tuple[int, int, list[str]]] = {}

    title_ok = doc["source"]["title"] == seen(gold["title"]) if gold.get("title") else None
    results["title"] = (int(bool(title_ok)), 1, [] if title_ok else [gold.get("title", "")]) \
        if title_ok is not None else (0, 0, [])

    predicted = [s["title"] for s in doc["sections"] if s["title"] is not None]
    wanted = [seen(t) for t in gold.get("section_titles", [])]
    found = [t for t in wanted if t in predicted]
    results["section titles"] = (len(found), len(wanted), [t for t in wanted if t not in predicted])

    byline = doc["source"]["byline"] or {}
    fields = gold.get("byline", {}) or {}
    # a field the contract has no slot for (role, dateline, date, document number) counts when the value is
    # kept under byline.other
    other = set((byline.get("other") or {}).values())

    def found(role: str, value: str | list[str] | None) -> bool:
        if isinstance(value, list):                              # several people in one role: 周明远、钱立群
            value = "、".join(value)
        if role == "date" and "published" in doc["source"]:     # schema 1.4: ISO 8601, "2026-11-19T08:30"
            return doc["source"]["published"] == (value.replace(" ", "T") if value else value)
        if value is None:                                        # annotated as absent
            return byline.get(role) is None
        if role in byline and role != "other":
            return byline[role] == seen(value)
        return seen(value) in other

    wrong = [f"{role}={value}" for role, value in fields.items() if not found(role, value)]
    results["byline fields"] = (len(fields) - len(wrong), len(fields), wrong)

    sentences = {s["text"] for s in doc["sentences"]}
    samples = [seen(s) for s in gold.get("sentences_sample", [])]
    missed = [s for s in samples if s not in sentences]
    results["sentences"] = (len(samples) - len(missed), len(samples), missed)

    tokens = {t["text"] for t in doc["tokens"]}
    words = [seen(w) for w in gold.get("words", [])]
    split = [w for w in words if w not in tokens]
    results["words whole"] = (len(words) - len(split), len(words), split)

    english = summary_text(doc.get("summary_en") or {}).lower()
    facts = gold.get("key_facts", [])
    unmet = [f"{f['fact'][:60]}… missing {[t for t in f['required_tokens'] if t.lower() not in english]}"
             for f in facts if any(t.lower() not in english for t in f["required_tokens"])]
    results["key facts"] = (len(facts) - len(unmet), len(facts), unmet)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="articles with annotations/ inside")
    parser.add_argument("--ids", help="only these doc ids (comma-separated)")
    parser.add_argument("--out", type=Path, help="pipeline output folder (default: a temporary one)")
    parser.add_argument("--misses", action="store_true", help="print what each check missed")
    parser.add_argument("--json", type=Path, help="also write the counts here")
    args = parser.parse_args(argv)

    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((args.corpus / "annotations").glob("*.json"))]
    if args.ids:
        wanted = set(args.ids.split(","))
        golds = [g for g in golds if g["doc_id"] in wanted]
    if not golds:
        print(f"no annotations under {args.corpus / 'annotations'}", file=sys.stderr)
        return 2

    from pipeline.batch import discover, run_files
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        files, errors = discover(args.corpus)
        names = {g["file"] for g in golds}
        files = [f for f in files if f.path.name in names]
        run_files(files, errors, corpus=args.corpus, out=out, workers=1, progress=False, log=lambda _: None)
        docs = {g["doc_id"]: json.loads((out / "docs" / f"{g['doc_id']}.json").read_text(encoding="utf-8"))
                for g in golds if (out / "docs" / f"{g['doc_id']}.json").exists()}

    totals = {check: [0, 0] for check in CHECKS}
    report: dict[str, dict] = {}
    print(f"{'article':<42}" + "".join(f"{c:>16}" for c in CHECKS))
    for gold in golds:
        doc = docs.get(gold["doc_id"])
        if doc is None:
            print(f"{gold['doc_id']:<42} not analysed (see the run's errors)")
            continue
        results = check_article(gold, doc)
        report[gold["doc_id"]] = {c: {"right": r[0], "of": r[1], "missed": r[2]} for c, r in results.items()}
        print(f"{gold['doc_id'][:41]:<42}" + "".join(f"{results[c][0]:>10}/{results[c][1]:<5}" for c in CHECKS))
        for check in CHECKS:
            totals[check][0] += results[check][0]
            totals[check][1] += results[check][1]
            if args.misses:
                for miss in results[check][2]:
                    print(f"    {check}: {miss}")
    print(f"{'all':<42}" + "".join(f"{totals[c][0]:>10}/{totals[c][1]:<5}" for c in CHECKS))
    if args.json:
        args.json.write_text(json.dumps({"totals": totals, "articles": report}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
