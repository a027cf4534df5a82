"""The team's labelled sentences (corpus/labels/<doc_id>.jsonl) and short opinion texts
(corpus/stance/short_texts.jsonl). Format: corpus/labels/GUIDE.md."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.argument.features import SentenceView

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@dataclass
class LabelledDoc:
    doc_id: str
    rows: list[dict]
    stance: dict | None = None
    views: list[SentenceView] = field(default_factory=list)


def load_labels(directory: Path | None = None) -> list[LabelledDoc]:
    directory = directory or CORPUS / "labels"
    docs = []
    for path in sorted(directory.glob("*.jsonl")):
        rows, stance = [], None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if "doc_stance" in record:
                stance = record["doc_stance"]
            else:
                rows.append(record)
        n = max(len(rows) - 1, 1)
        views = [SentenceView(r["text"], r.get("kind", "body"), r.get("section_title"), i / n) for i, r in enumerate(rows)]
        docs.append(LabelledDoc(path.stem, rows, stance, views))
    return docs


def load_short_texts(path: Path | None = None) -> list[dict]:
    path = path or CORPUS / "stance" / "short_texts.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
