"""Writing results: atomic files, document JSON, and the corpus tables (pandas → Parquet + CSV)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

from pipeline.models import (
    Claim, Document, EntityIndexEntry, EntityMention, Money, NumericCheck, Opportunity, Quantity, Risk,
    Section, Sentence,
)


def atomic_write_with(path: Path, writer: Callable[[Path], None]) -> None:
    """Have `writer` write a temp file beside `path`, then rename it into place, so readers
    see the old file or the new one, never a part (also for pandas and pyarrow writers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        writer(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    atomic_write_with(path, write)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def document_json(document: Document) -> str:
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- tables

# table name → (Document field holding its rows, model of a row)
ITEM_TABLES: dict[str, tuple[str, type]] = {
    "sections": ("sections", Section),
    "sentences": ("sentences", Sentence),
    "entities": ("entities", EntityMention),
    "entity_index": ("entity_index", EntityIndexEntry),
    "money": ("money", Money),
    "quantities": ("quantities", Quantity),
    "numeric_checks": ("numeric_checks", NumericCheck),
    "claims": ("claims", Claim),
    "risks": ("risks", Risk),
    "opportunities": ("opportunities", Opportunity),
}
DOCUMENT_COLUMNS = [
    "doc_id", "path", "format", "encoding", "script", "sha256", "size_bytes", "title", "author", "reviewer",
    "editor", "publisher", "source", "n_chars", "n_sections", "n_sentences", "n_tokens", "n_entities",
    "n_money", "n_claims", "n_risks", "stance_label", "stance_score", "pipeline_version",
]
STANCE_COLUMNS = ["doc_id", "target", "target_en", "label", "score", "evidence", "is_main"]
TABLE_NAMES = ["documents", *ITEM_TABLES, "stance"]


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


class TableBuilder:
    """Collects one row per item from each document, then writes every table."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_NAMES}

    def add(self, doc: dict[str, Any]) -> None:
        """Add a document given as its JSON dict (as read back from docs/<doc_id>.json)."""
        doc_id = doc["doc_id"]
        source = doc["source"]
        byline = source.get("byline") or {}
        stance = doc.get("stance") or {}
        self.rows["documents"].append({
            "doc_id": doc_id, "path": source["path"], "format": source["format"], "encoding": source["encoding"],
            "script": source["script"], "sha256": source["sha256"], "size_bytes": source["size_bytes"],
            "title": source.get("title"), "author": byline.get("author"), "reviewer": byline.get("reviewer"),
            "editor": byline.get("editor"), "publisher": byline.get("publisher"), "source": byline.get("source"),
            "n_chars": len(doc["text"]), "n_sections": len(doc["sections"]), "n_sentences": len(doc["sentences"]),
            "n_tokens": len(doc["tokens"]), "n_entities": len(doc["entities"]), "n_money": len(doc["money"]),
            "n_claims": len(doc["claims"]), "n_risks": len(doc["risks"]),
            "stance_label": stance.get("label"), "stance_score": stance.get("score"),
            "pipeline_version": doc["provenance"]["pipeline_version"],
        })
        for table, (field_name, _) in ITEM_TABLES.items():
            for item in doc.get(field_name, []):
                self.rows[table].append({"doc_id": doc_id, **{k: _flat(v) for k, v in item.items()}})
        if stance:
            self.rows["stance"].append(_stance_row(doc_id, stance, True))
            for target in stance.get("targets", []):
                self.rows["stance"].append(_stance_row(doc_id, target, False))

    def frames(self) -> dict[str, pd.DataFrame]:
        frames = {}
        for name in TABLE_NAMES:
            frames[name] = pd.DataFrame(self.rows[name], columns=_columns(name))
        return frames

    def write(self, tables_dir: Path) -> dict[str, int]:
        counts = {}
        for name, frame in self.frames().items():
            atomic_write_with(tables_dir / f"{name}.parquet", lambda tmp, f=frame: f.to_parquet(tmp, index=False))
            atomic_write_with(tables_dir / f"{name}.csv", lambda tmp, f=frame: f.to_csv(tmp, index=False))
            counts[name] = len(frame)
        return counts


def _stance_row(doc_id: str, stance: dict[str, Any], is_main: bool) -> dict[str, Any]:
    return {"doc_id": doc_id, "target": stance.get("target"), "target_en": stance.get("target_en"),
            "label": stance.get("label"), "score": stance.get("score"),
            "evidence": _flat(stance.get("evidence", [])), "is_main": is_main}


def _columns(name: str) -> list[str]:
    if name == "documents":
        return DOCUMENT_COLUMNS
    if name == "stance":
        return STANCE_COLUMNS
    return ["doc_id", *ITEM_TABLES[name][1].model_fields]


def build_tables(docs: Iterable[dict[str, Any]]) -> TableBuilder:
    builder = TableBuilder()
    for doc in docs:
        builder.add(doc)
    return builder
