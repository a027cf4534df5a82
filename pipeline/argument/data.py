"""The team's labelled sentences (corpus/labels/<doc_id>.jsonl) and short opinion texts
(corpus/stance/short_texts.jsonl). Format: corpus/labels/GUIDE.md."""

from __future__ import annotations

import json
import sys
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
    byline: object = None   # the ingest's Byline of the article (pipeline=True), for the document stance's genre


def parse_ids(spec: str | None) -> frozenset[str] | None:
    """Doc ids from a comma-separated list or a file (one id per line, or comma-separated; `#` comments);
    None for an empty spec (= every labelled article)."""
    if not spec:
        return None
    path = Path(spec)
    text = path.read_text(encoding="utf-8") if "," not in spec and path.is_file() else spec
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return frozenset(i.strip() for line in lines for i in line.split(",") if i.strip())


def load_labels(directory: Path | None = None, *, pipeline: bool = False, corpus: Path | None = None,
                errors: list[str] | None = None, ids: frozenset[str] | set[str] | None = None,
                exclude: frozenset[str] | set[str] | None = None) -> list[LabelledDoc]:
    """Every labelled article. `pipeline=True`: each article (corpus/<doc_id>.txt|md|html) is run through
    the pipeline and the views are built from its outputs exactly as at run time
    (`pipeline.argument.context.views_from_document`); an article whose sentences do not match its
    label rows keeps the label-only views (with a warning on stderr). A file that cannot be read is
    skipped and reported in `errors` (and on stderr). `ids`: only these articles (the others' files are
    not opened: articles kept blind for a later held-out test); `exclude`: all but these."""
    directory = directory or CORPUS / "labels"
    corpus = corpus or directory.parent
    docs = []
    for path in sorted(directory.glob("*.jsonl")):
        if (ids is not None and path.stem not in ids) or (exclude and path.stem in exclude):
            continue
        rows, stance = [], None
        try:
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                record = json.loads(line)
                if "doc_stance" in record:
                    stance = record["doc_stance"]
                else:
                    for key in ("sentence_id", "text", "claim_type", "risk", "opportunity"):
                        if key not in record:
                            raise ValueError(f"sentence line without {key!r}")
                    rows.append(record)
        except (ValueError, UnicodeDecodeError) as exc:
            message = f"{path.name}: not loaded ({exc})"
            print(f"labels: {message}", file=sys.stderr)
            if errors is not None:
                errors.append(message)
            continue
        n = max(len(rows) - 1, 1)
        views = [SentenceView(r["text"], r.get("kind", "body"), r.get("section_title"), i / n) for i, r in enumerate(rows)]
        docs.append(LabelledDoc(path.stem, rows, stance, views))
    if pipeline:
        add_pipeline_views(docs, corpus, errors)
    return docs


_ANALYZER = None


def _analyzer():
    global _ANALYZER
    if _ANALYZER is None:
        from pipeline.nlp import Analyzer, PipelineConfig

        config = PipelineConfig.load()
        config.components = [c for c in config.components if c != "argument"]  # its own outputs are not inputs
        _ANALYZER = Analyzer(config)
    return _ANALYZER


def add_pipeline_views(docs: list[LabelledDoc], corpus: Path, errors: list[str] | None = None) -> None:
    from pipeline.argument.context import views_from_document
    from pipeline.ingest import read_article

    for doc in docs:
        paths = [p for p in sorted(corpus.glob(doc.doc_id + ".*")) if p.is_file() and p.suffix in (".txt", ".md", ".html", ".htm")]
        if not paths:
            message = f"{doc.doc_id}: no article file in {corpus}; label-only features"
        else:
            document = _analyzer().analyze(read_article(paths[0]))
            views = views_from_document(document)
            doc.byline = getattr(getattr(document, "source", None), "byline", None)
            if [v.text for v in views] == [r["text"] for r in doc.rows]:
                doc.views = views
                continue
            message = f"{doc.doc_id}: label rows do not match the pipeline's sentences; label-only features"
        print(f"labels: {message}", file=sys.stderr)
        if errors is not None:
            errors.append(message)


def load_short_texts(path: Path | None = None) -> list[dict]:
    path = path or CORPUS / "stance" / "short_texts.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
