"""Align a hand-split sentence-label file to the pipeline's sentences (corpus/labels/GUIDE.md format).

A blind annotator splits an article into sentences by hand, without running the pipeline; the label
files must follow the pipeline's split. This maps each pipeline sentence to the hand-labelled sentences
it overlaps, by text (width-normalised, Simplified, whitespace and Markdown marks ignored), and writes one label line per
pipeline sentence with `kind` and `section_title` copied from the pipeline:

    python benchmarks/align_labels.py ARTICLE HAND_LABELS.jsonl OUT.jsonl

One pipeline sentence over one labelled sentence takes its labels; a pipeline sentence over several
(the pipeline split less) takes the first's claim type and attribution and is a risk/opportunity/hedged
if any of them is; several pipeline sentences over one labelled sentence each take its labels; a
pipeline sentence the annotator did not label (page furniture) gets empty labels. Every case but the
first is printed, so the person who wrote the labels can look at them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LABEL_KEYS = ("claim_type", "hedged", "attribution", "risk", "risk_category", "opportunity")
EMPTY = {"claim_type": None, "hedged": False, "attribution": "author", "risk": False, "risk_category": None,
         "opportunity": False}


def comparable(text: str) -> str:
    from pipeline.ingest import normalise_text, traditional_to_simplified
    # Markdown marks (table bars, heading hashes, emphasis, quote marks) are layout a hand split leaves out
    return "".join(traditional_to_simplified(normalise_text(text)).translate(MARKDOWN_MARKS).split())


MARKDOWN_MARKS = str.maketrans("", "", "|#*>")


def merged_labels(rows: list[dict]) -> dict:
    first = next((r for r in rows if r.get("claim_type")), rows[0])
    risky = next((r for r in rows if r.get("risk")), None)
    return {"claim_type": first.get("claim_type"), "hedged": any(r.get("hedged") for r in rows),
            "attribution": first.get("attribution", "author"), "risk": risky is not None,
            "risk_category": risky.get("risk_category") if risky else None,
            "opportunity": any(r.get("opportunity") for r in rows)}


def align(sentences: list[dict], rows: list[dict]) -> tuple[list[dict], list[str]]:
    """`sentences`: the pipeline's (text, kind, section_title); `rows`: hand-labelled lines in order.
    Returns the aligned label lines and notes on every sentence that was not a one-to-one match."""
    labelled = ""
    owner: list[int] = []
    for index, row in enumerate(rows):
        text = comparable(row["text"])
        labelled += text
        owner += [index] * len(text)
    aligned, notes, cursor = [], [], 0
    for sentence_id, sentence in enumerate(sentences):
        text = comparable(sentence["text"])
        at = labelled.find(text, cursor) if text else -1
        if at < 0:
            labels = dict(EMPTY)
            notes.append(f"s{sentence_id} not labelled by hand: {sentence['text'][:40]}")
        else:
            cursor = at + len(text)
            covered = sorted(set(owner[at:cursor]))
            covering = [rows[i] for i in covered]
            labels = {key: covering[0].get(key, EMPTY[key]) for key in LABEL_KEYS} if len(covered) == 1 \
                else merged_labels(covering)
            if len(covered) > 1:
                notes.append(f"s{sentence_id} spans hand rows {covered}: {sentence['text'][:40]}")
            else:
                whole = comparable(covering[0]["text"])
                if whole != text:
                    notes.append(f"s{sentence_id} is part of hand row {covered[0]}: {sentence['text'][:40]}")
        if labels["claim_type"] is None:
            labels["hedged"] = False
        aligned.append({"sentence_id": sentence_id, "text": sentence["text"], **labels,
                        "kind": sentence.get("kind"), "section_title": sentence.get("section_title")})
    return aligned, notes


def pipeline_sentences(article: Path) -> list[dict]:
    from pipeline.ingest import read_article
    from pipeline.nlp import Analyzer, PipelineConfig

    document = Analyzer(PipelineConfig.load()).analyze(read_article(article)).model_dump()
    titles = {section["id"]: section["title"] for section in document["sections"]}
    return [{"text": s["text"], "kind": s["kind"], "section_title": titles.get(s["section_id"])}
            for s in document["sentences"]]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    article, hand, out = (Path(a) for a in argv)
    lines = [json.loads(line) for line in hand.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [line for line in lines if "doc_stance" not in line]
    stance = next((line for line in lines if "doc_stance" in line), None)
    aligned, notes = align(pipeline_sentences(article), rows)
    if stance:   # evidence ids follow the sentences they pointed to
        old_text = {row["sentence_id"]: comparable(row["text"]) for row in rows}
        evidence = stance["doc_stance"].get("evidence", [])
        stance["doc_stance"]["evidence"] = sorted({a["sentence_id"] for a in aligned for i in evidence
                                                   if i in old_text and comparable(a["text"]) and
                                                   (comparable(a["text"]) in old_text[i] or
                                                    old_text[i] in comparable(a["text"]))})
    body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in aligned + ([stance] if stance else []))
    temporary = out.with_suffix(out.suffix + ".tmp")
    temporary.write_text(body, encoding="utf-8")
    temporary.replace(out)
    for note in notes:
        print(note)
    print(f"{article.name}: {len(aligned)} pipeline sentences from {len(rows)} hand rows, "
          f"{len(notes)} not one to one -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
