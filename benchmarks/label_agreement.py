"""How far two annotators agree on risk, risk category and opportunity (issue 5).

`corpus/labels_second/<doc_id>.jsonl` holds a second annotator's labels for some of the articles in
`corpus/labels/`, written from GUIDE.md and the sentence texts alone, without seeing the first labels
(session 7). Agreement between two people bounds what a classifier trained on one of them can reach.

    python benchmarks/label_agreement.py [--first corpus/labels] [--second corpus/labels_second]

Prints, over the articles both annotators labelled: risk F1 of the second annotator against the first
(symmetric: F1 does not depend on which side is called gold), Cohen's kappa, category agreement on the
sentences both call a risk, opportunity F1 and kappa, and the per-article counts. Sentences are matched
by id and checked by text, so a changed sentence split is reported instead of silently misaligned.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def read_jsonl(path: Path) -> dict[int, dict]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["sentence_id"]: row for row in rows if "sentence_id" in row}


def binary_agreement(first: list[bool], second: list[bool]) -> dict[str, float]:
    both = sum(a and b for a, b in zip(first, second))
    only_first = sum(a and not b for a, b in zip(first, second))
    only_second = sum(b and not a for a, b in zip(first, second))
    n = len(first)
    f1 = 2 * both / (2 * both + only_first + only_second) if both else 0.0
    observed = (n - only_first - only_second) / n if n else 0.0
    p_first, p_second = sum(first) / n, sum(second) / n
    expected = p_first * p_second + (1 - p_first) * (1 - p_second)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    return {"f1": f1, "kappa": kappa, "both": both, "only_first": only_first, "only_second": only_second, "n": n}


def compare(first_dir: Path, second_dir: Path) -> dict:
    risk_first, risk_second, opp_first, opp_second = [], [], [], []
    categories: Counter = Counter()
    per_article = {}
    for second_path in sorted(second_dir.glob("*.jsonl")):
        first_path = first_dir / second_path.name
        if not first_path.exists():
            raise SystemExit(f"{second_path}: no first-annotator file {first_path}")
        first, second = read_jsonl(first_path), read_jsonl(second_path)
        if set(first) != set(second):
            raise SystemExit(f"{second_path.name}: sentence ids differ from {first_path}")
        mismatched = [i for i in first if first[i]["text"] != second[i]["text"]]
        if mismatched:
            raise SystemExit(f"{second_path.name}: sentence texts differ at ids {mismatched[:5]} (split changed?)")
        ids = sorted(first)
        a = [bool(first[i]["risk"]) for i in ids]
        b = [bool(second[i]["risk"]) for i in ids]
        risk_first += a
        risk_second += b
        opp_first += [bool(first[i]["opportunity"]) for i in ids]
        opp_second += [bool(second[i]["opportunity"]) for i in ids]
        for i in ids:
            if first[i]["risk"] and second[i]["risk"]:
                categories[(first[i]["risk_category"], second[i]["risk_category"])] += 1
        per_article[second_path.stem] = binary_agreement(a, b)
    same_category = sum(n for (x, y), n in categories.items() if x == y)
    return {"risk": binary_agreement(risk_first, risk_second),
            "opportunity": binary_agreement(opp_first, opp_second),
            "category": {"same": same_category, "n": sum(categories.values()),
                         "confusions": [[x, y, n] for (x, y), n in categories.most_common() if x != y]},
            "articles": per_article}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--first", type=Path, default=REPO / "corpus" / "labels")
    parser.add_argument("--second", type=Path, default=REPO / "corpus" / "labels_second")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    result = compare(args.first, args.second)
    risk, opp, cat = result["risk"], result["opportunity"], result["category"]
    print(f"{len(result['articles'])} articles, {risk['n']} sentences labelled by both annotators")
    print(f"risk        F1 {risk['f1']:.3f}  kappa {risk['kappa']:.3f}  "
          f"(both {risk['both']}, first only {risk['only_first']}, second only {risk['only_second']})")
    print(f"category    same on {cat['same']}/{cat['n']} sentences both call a risk = {cat['same'] / max(cat['n'], 1):.3f}")
    print(f"opportunity F1 {opp['f1']:.3f}  kappa {opp['kappa']:.3f}  "
          f"(both {opp['both']}, first only {opp['only_first']}, second only {opp['only_second']})")
    print("category confusions (first, second, n):", ", ".join(f"{x}/{y} {n}" for x, y, n in cat["confusions"][:8]))
    for doc_id, figures in result["articles"].items():
        print(f"  {doc_id:40s} risk F1 {figures['f1']:.3f}  both {figures['both']:3d}  "
              f"first only {figures['only_first']:3d}  second only {figures['only_second']:3d}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
