"""The corpus dashboard: documents, money totals by currency, country and actor, risk
categories, claim types and stances across the corpus, with a link to each document's page.

It is built from the corpus tables (`OUT_DIR/tables/*.parquet`, CSV as a fallback), reading
only the columns it needs and never the sentence or article text, so a corpus of 10,000
documents costs a few tables' worth of memory, not 10,000 documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.reports.common import CLAIM_TYPES, RISK_CATEGORIES, STANCE_LABELS, render

# table → the columns the dashboard reads
COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id", "title", "format", "n_chars", "n_sentences", "n_entities", "n_money", "n_claims",
                  "n_risks", "stance_label", "stance_score", "pipeline_version"],
    "money": ["doc_id", "sentence_id", "currency", "value", "value_max", "usd_value", "usd_value_max",
              "equivalent_of", "qualifier"],
    "entities": ["doc_id", "entity_id", "sentence_id", "label"],
    "entity_index": ["doc_id", "entity_id", "label", "name_zh", "name_en", "mentions"],
    "risks": ["doc_id", "category", "confidence"],
    "claims": ["doc_id", "type", "hedged"],
    "stance": ["doc_id", "label", "is_main"],
}
COUNTRY_LABELS = {"GPE"}
ACTOR_LABELS = {"ORG", "PERSON"}
TOP_N = 25


# ------------------------------------------------------------------ loading
def load_tables(path: Path) -> dict[str, pd.DataFrame]:
    """The dashboard's columns of each table under `path` (OUT_DIR or OUT_DIR/tables).
    A missing table or column gives an empty frame / an empty column."""
    path = Path(path)
    folder = path / "tables" if (path / "tables").is_dir() else path
    frames = {}
    for name, columns in COLUMNS.items():
        frames[name] = _read_table(folder, name, columns)
    return frames


def _read_table(folder: Path, name: str, columns: list[str]) -> pd.DataFrame:
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    frame = None
    if parquet.exists():
        import pyarrow.parquet as pq

        present = set(pq.read_schema(parquet).names)
        frame = pd.read_parquet(parquet, columns=[c for c in columns if c in present])
    elif csv.exists():
        frame = pd.read_csv(csv, usecols=lambda c: c in columns)
    return _conform(frame, columns)


def _conform(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    if frame is None:
        frame = pd.DataFrame(columns=columns)
    for column in columns:
        if column not in frame.columns:
            frame[column] = None
    return frame[columns]


def tables_from_docs(docs: Iterable[dict]) -> dict[str, pd.DataFrame]:
    """The same frames built from document dicts (streamed; only the needed fields are kept)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for doc in docs:
        doc_id = doc.get("doc_id", "")
        source = doc.get("source") or {}
        stance = doc.get("stance") or {}
        provenance = doc.get("provenance") or {}
        rows["documents"].append({
            "doc_id": doc_id, "title": source.get("title"), "format": source.get("format"),
            "n_chars": len(doc.get("text") or ""), "n_sentences": len(doc.get("sentences") or []),
            "n_entities": len(doc.get("entities") or []), "n_money": len(doc.get("money") or []),
            "n_claims": len(doc.get("claims") or []), "n_risks": len(doc.get("risks") or []),
            "stance_label": stance.get("label"), "stance_score": stance.get("score"),
            "pipeline_version": provenance.get("pipeline_version"),
        })
        for table, field in (("money", "money"), ("entities", "entities"), ("entity_index", "entity_index"),
                             ("risks", "risks"), ("claims", "claims")):
            for item in doc.get(field) or []:
                rows[table].append({"doc_id": doc_id, **{c: item.get(c) for c in COLUMNS[table][1:]}})
        if stance:
            rows["stance"].append({"doc_id": doc_id, "label": stance.get("label"), "is_main": True})
    return {name: _conform(pd.DataFrame(rows[name]), COLUMNS[name]) for name in COLUMNS}


# ------------------------------------------------------------------ aggregation
def _num(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce")


def _bars(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    top = max((r[key] or 0 for r in rows), default=0)
    for row in rows:
        row["bar"] = (row[key] / top * 100) if top and row[key] else 0
    return rows


def _primary_money(money: pd.DataFrame) -> pd.DataFrame:
    """Amounts that are not a restatement of another amount (no double counting)."""
    money = money.copy()
    money["usd_value"] = _num(money["usd_value"])
    money["value"] = _num(money["value"])
    money["sentence_id"] = _num(money["sentence_id"])
    restated = _num(money["equivalent_of"]).notna()
    return money[~restated].reset_index(drop=True)


def currency_totals(money: pd.DataFrame) -> list[dict[str, Any]]:
    if money.empty:
        return []
    grouped = money.groupby("currency", dropna=False).agg(
        amounts=("value", "size"), documents=("doc_id", "nunique"), total=("value", "sum"),
        usd=("usd_value", "sum"), usd_known=("usd_value", "count"))
    rows = [{"currency": str(cur), "amounts": int(row.amounts), "documents": int(row.documents),
             "total": float(row.total), "usd": float(row.usd), "usd_known": int(row.usd_known)}
            for cur, row in zip(grouped.index, grouped.itertuples(index=False))]
    rows.sort(key=lambda r: (-(r["usd"] or 0), -r["amounts"]))
    return _bars(rows, "usd")


def entity_totals(entities: pd.DataFrame, index: pd.DataFrame, money: pd.DataFrame,
                  labels: set[str], top: int = TOP_N) -> list[dict[str, Any]]:
    """Per named entity (keyed by English name, else Chinese): documents, mentions, and the US
    dollars of the amounts in sentences that name it (an amount counts once per entity)."""
    index = index[index["label"].isin(labels)].copy()
    if index.empty:
        return []
    index["name"] = index["name_en"].where(index["name_en"].notna() & (index["name_en"] != ""), index["name_zh"])
    index["mentions"] = _num(index["mentions"]).fillna(0)
    grouped = index.groupby("name").agg(documents=("doc_id", "nunique"), mentions=("mentions", "sum"),
                                        label=("label", "first"), name_zh=("name_zh", "first"))
    grouped = grouped.sort_values(["documents", "mentions"], ascending=False).head(top)
    names = set(grouped.index)
    usd: dict[str, float] = {}
    amounts: dict[str, int] = {}
    if not money.empty and not entities.empty:
        keyed = index[index["name"].isin(names)][["doc_id", "entity_id", "name"]]
        mentions = entities[["doc_id", "entity_id", "sentence_id"]].merge(keyed, on=["doc_id", "entity_id"])
        mentions["sentence_id"] = _num(mentions["sentence_id"])
        mentions = mentions.dropna(subset=["sentence_id"]).drop_duplicates(["doc_id", "sentence_id", "name"])
        priced = money.dropna(subset=["usd_value", "sentence_id"]).reset_index().rename(columns={"index": "amount"})
        joined = priced[["amount", "doc_id", "sentence_id", "usd_value"]].merge(mentions, on=["doc_id", "sentence_id"])
        joined = joined.drop_duplicates(["amount", "name"])
        usd = joined.groupby("name")["usd_value"].sum().to_dict()
        amounts = joined.groupby("name")["amount"].size().to_dict()
    rows = [{"name": name, "name_zh": row["name_zh"], "label": row["label"], "documents": int(row["documents"]),
             "mentions": int(row["mentions"]), "usd": float(usd.get(name, 0.0)), "amounts": int(amounts.get(name, 0))}
            for name, row in grouped.iterrows()]
    return _bars(rows, "documents")


def category_counts(frame: pd.DataFrame, column: str, order: list[str]) -> list[dict[str, Any]]:
    if frame.empty:
        return []
    grouped = frame.groupby(column).agg(n_items=("doc_id", "size"), documents=("doc_id", "nunique"))
    names = [c for c in order if c in grouped.index] + sorted(str(c) for c in grouped.index if c not in order)
    rows = [{"name": name, "count": int(grouped.loc[name, "n_items"]), "documents": int(grouped.loc[name, "documents"])}
            for name in names]
    return _bars(rows, "count")


def dashboard_context(tables: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    tables = {name: _conform(tables.get(name), columns) for name, columns in COLUMNS.items()}
    documents = tables["documents"].sort_values("doc_id", kind="stable")
    money = _primary_money(tables["money"])
    per_doc_usd = money.groupby("doc_id")["usd_value"].sum().to_dict() if not money.empty else {}
    stance = tables["stance"]
    if not stance.empty:
        is_main = stance["is_main"].astype(str).str.lower().isin(["true", "1"])
        stance = stance[is_main]
    stance = stance.assign(label=stance["label"].fillna("not analysed"))
    doc_rows = []
    for row in documents.itertuples(index=False):
        doc_rows.append({
            "doc_id": str(row.doc_id), "title": row.title if isinstance(row.title, str) and row.title else None,
            "n_chars": row.n_chars, "n_entities": row.n_entities, "n_money": row.n_money, "n_claims": row.n_claims,
            "n_risks": row.n_risks, "stance": row.stance_label if isinstance(row.stance_label, str) else None,
            "usd": per_doc_usd.get(row.doc_id),
        })
    n_chars = _num(documents["n_chars"]).fillna(0).sum()
    index = tables["entity_index"]
    stats = [
        ("documents", f"{len(documents):,}"),
        ("Chinese characters", f"{int(n_chars):,}"),
        ("entity mentions", f"{len(tables['entities']):,}"),
        ("entities (per document)", f"{len(index):,}"),
        ("money amounts", f"{len(tables['money']):,}"),
        ("claims", f"{len(tables['claims']):,}"),
        ("risks", f"{len(tables['risks']):,}"),
    ]
    return {
        "stats": stats,
        "usd_total": float(money["usd_value"].sum()) if not money.empty else 0.0,
        "currencies": currency_totals(money),
        "countries": entity_totals(tables["entities"], index, money, COUNTRY_LABELS),
        "actors": entity_totals(tables["entities"], index, money, ACTOR_LABELS),
        "risk_categories": category_counts(tables["risks"], "category", RISK_CATEGORIES),
        "claim_types": category_counts(tables["claims"], "type", CLAIM_TYPES),
        "stances": category_counts(stance, "label", STANCE_LABELS + ["not analysed"]),
        "documents": doc_rows,
        "versions": sorted({str(v) for v in documents["pipeline_version"].dropna().unique()}),
        "top_n": TOP_N,
    }


def render_dashboard(source: Path | Mapping[str, pd.DataFrame] | Iterable[dict]) -> str:
    """Dashboard HTML from OUT_DIR (or OUT_DIR/tables), from frames as `load_tables` gives
    them, or from document dicts (small corpora and tests)."""
    if isinstance(source, (str, Path)):
        tables = load_tables(Path(source))
    elif isinstance(source, Mapping):
        tables = dict(source)
    else:
        tables = tables_from_docs(source)
    return render("dashboard.html.j2", **dashboard_context(tables))


def read_docs(paths: Iterable[Path]) -> Iterable[dict]:
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            yield json.load(handle)
