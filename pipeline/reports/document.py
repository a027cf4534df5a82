"""One article as a self-contained HTML page.

The Chinese text is shown paragraph by paragraph, each sentence an anchor (`#s<id>`) that the
figures, claims, risks, stance evidence and English summary link to; entity mentions are
highlighted displaCy-style (coloured box + label), money amounts underlined.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any, Callable

from markupsafe import Markup, escape

from pipeline.models import (
    Claim,
    EntityIndexEntry,
    EntityMention,
    Money,
    NumericCheck,
    Opportunity,
    Provenance,
    Quantity,
    Risk,
    Sentence,
    Source,
    Stance,
    StanceResult,
)
from pipeline.reports.common import ENTITY_LABELS, RISK_CATEGORIES, _finite, render

LIST_MODELS = {
    "sentences": Sentence, "entities": EntityMention, "entity_index": EntityIndexEntry, "money": Money,
    "quantities": Quantity, "numeric_checks": NumericCheck, "claims": Claim, "risks": Risk,
    "opportunities": Opportunity,
}

SUMMARY_PARTS = [
    ("abstract", "Abstract"), ("key_figures", "Key figures"), ("actors", "Actors"),
    ("key_claims", "Key claims"), ("risks", "Risks"), ("opportunities", "Opportunities"),
    ("numeric_checks", "Numeric checks"),
]


def render_document_page(doc: dict) -> str:
    """HTML page of one document given as its JSON dict (`OUT_DIR/docs/<doc_id>.json`)."""
    return render("document.html.j2", **document_context(doc))


def _sentence_links(by_id: dict[int, dict]) -> Callable[[Any], Markup]:
    """`sid(i)`: the link to sentence i, its text as the tooltip. Each link is built and escaped
    once per page: a page cites the same sentences many times (claims, risks, summary rows)."""
    links: dict[Any, Markup] = {}

    def sid(i: Any) -> Markup:
        if i is None:
            return Markup("–")
        link = links.get(i)
        if link is None:
            number = escape(i)
            title = escape(by_id[i]["text"]) if i in by_id else ""
            link = links[i] = Markup(f'<a class="sid" href="#s{number}" title="{title}">s{number}</a>')
        return link

    return sid


def _filled(items, model) -> list[dict]:
    """Items with every field of `model` present (None where absent), so hand-made dicts render."""
    blank = _blank(model)
    return [{**blank, **item} for item in items or [] if isinstance(item, dict)]


@lru_cache(maxsize=None)
def _blank(model) -> dict[str, Any]:
    """Every field of `model` at its default (None for required ones); built once per model, since
    pydantic inspects a default factory's signature on every call. The pages only read it."""
    blank = {}
    for name, field in model.model_fields.items():
        value = None if field.is_required() else field.get_default(call_default_factory=True)
        blank[name] = value.model_dump() if hasattr(value, "model_dump") else value
    return blank


def document_context(doc: dict) -> dict[str, Any]:
    doc = dict(doc)
    for key, model in LIST_MODELS.items():
        doc[key] = _filled(doc.get(key), model)
    doc["stance"] = {**_filled([{}], Stance)[0], **(doc.get("stance") or {})}
    doc["stance"]["targets"] = _filled(doc["stance"].get("targets"), StanceResult)
    text: str = doc.get("text") or ""
    source = {**_filled([{}], Source)[0], **(doc.get("source") or {})}
    sentences = [s for s in doc.get("sentences") or [] if _valid_span(s, len(text))]
    by_id = {s["id"]: s for s in sentences}
    entities = [e for e in doc.get("entities") or [] if _valid_span(e, len(text))]
    money = list(doc.get("money") or [])
    index = {e["entity_id"]: e for e in doc.get("entity_index") or []}
    stance = doc.get("stance") or {}
    summary = doc.get("summary_en") or {}
    provenance = {**_filled([{}], Provenance)[0], **(doc.get("provenance") or {})}

    def quote(ids) -> list[dict[str, Any]]:
        return [{"id": i, "text": by_id[i]["text"]} for i in (ids or []) if i in by_id]

    label_counts = Counter(e["label"] for e in entities)
    risks_by_category: dict[str, list[dict]] = defaultdict(list)
    for risk in doc.get("risks") or []:
        risks_by_category[risk.get("category") or "other"].append(risk)
    risk_groups = [(c, risks_by_category[c]) for c in RISK_CATEGORIES if c in risks_by_category]
    risk_groups += [(c, r) for c, r in risks_by_category.items() if c not in RISK_CATEGORIES]

    summary_rows = []
    if summary.get("headline"):
        summary_rows.append({"part": "Headline", "text": summary["headline"], "category": None, "quotes": []})
    for key, title in SUMMARY_PARTS:
        for item in summary.get(key) or []:
            summary_rows.append({"part": title, "text": item.get("text", ""), "category": item.get("category"),
                                 "quotes": quote(item.get("sentence_ids"))})
    if summary.get("stance"):
        item = summary["stance"]
        summary_rows.append({"part": "Stance", "text": item.get("text", ""), "category": item.get("category"),
                             "quotes": quote(item.get("sentence_ids"))})

    byline = {k: v for k, v in (source.get("byline") or {}).items() if v and k != "other"}
    byline.update((source.get("byline") or {}).get("other") or {})
    return {
        "doc": doc,
        "doc_id": doc.get("doc_id", ""),
        "title": source.get("title") or doc.get("doc_id", ""),
        "headline_en": summary.get("headline"),
        "source": source,
        "byline": byline,
        "n_chars": len(text),
        "n_sentences": len(sentences),
        "sections": doc.get("sections") or [],
        "text_html": highlight_text(text, doc.get("paragraphs") or [], sentences, entities, money, index),
        "entity_labels": [(label, label_counts[label]) for label in ENTITY_LABELS if label_counts[label]],
        "entity_index": sorted(index.values(), key=lambda e: (-int(e.get("mentions") or 0), e.get("name_zh", ""))),
        "money_rows": money_rows(money),
        "quantities": doc.get("quantities") or [],
        "numeric_checks": doc.get("numeric_checks") or [],
        "claims": doc.get("claims") or [],
        "risk_groups": risk_groups,
        "n_risks": sum(len(r) for _, r in risk_groups),
        "opportunities": doc.get("opportunities") or [],
        "stance": stance,
        "stance_evidence": quote(stance.get("evidence")),
        "stance_targets": [dict(t, quotes=quote(t.get("evidence"))) for t in stance.get("targets") or []],
        "summary_rows": summary_rows,
        "provenance": provenance,
        "sid": _sentence_links(by_id),
    }


def _esc(value: Any) -> str:
    """`str(markupsafe.escape(value))`: the same five replacements, without a Markup object
    per piece of text (a page escapes some 700 pieces of the article)."""
    if type(value) is not str:
        return str(escape(value))
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;"))


def _valid_span(item: dict, length: int) -> bool:
    start, end = item.get("start"), item.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length


def money_rows(money: list[dict]) -> list[dict[str, Any]]:
    """Figures with their bar geometry: widths in % of the largest US-dollar amount."""
    top = max((_finite(m.get("usd_value_max")) or _finite(m.get("usd_value")) or 0 for m in money), default=0)
    rows = []
    for i, item in enumerate(money):
        low = _finite(item.get("usd_value"))
        high = _finite(item.get("usd_value_max"))
        row = dict(item, index=i, bar=None, bar_extra=None)
        if top > 0 and low is not None and low >= 0:
            row["bar"] = max(low / top * 100, 0.4)
            if high is not None and high > low:
                row["bar_extra"] = (high - low) / top * 100
        rows.append(row)
    return rows


def highlight_text(text: str, paragraphs: list[dict], sentences: list[dict], entities: list[dict],
                   money: list[dict], index: dict[str, dict]) -> Markup:
    """The article as escaped HTML: paragraphs → sentence anchors → entity / money marks."""
    spans = _marks(text, entities, money)
    starts = [s[0] for s in spans]
    if not paragraphs:
        paragraphs = [{"id": 0, "start": 0, "end": len(text)}]
    sentences = sorted(sentences, key=lambda s: s["start"])
    sentence_starts = [s["start"] for s in sentences]
    parts: list[str] = []
    for paragraph in paragraphs:
        p_start, p_end = paragraph.get("start", 0), paragraph.get("end", 0)
        if not (0 <= p_start <= p_end <= len(text)) or not text[p_start:p_end].strip():
            continue
        lo = bisect.bisect_left(sentence_starts, p_start)
        hi = bisect.bisect_left(sentence_starts, p_end)
        inner = [s for s in sentences[lo:hi] if s["end"] <= p_end]
        kind = inner[0].get("kind", "body") if inner else "body"
        parts.append(f'<p class="para kind-{_esc(kind)}" lang="zh-Hans">')
        cursor = p_start
        for sentence in inner:
            if sentence["start"] < cursor:
                continue
            parts.append(_esc(text[cursor:sentence["start"]]))
            parts.append(f'<span class="sent" id="s{int(sentence["id"])}" data-sid="{int(sentence["id"])}">')
            parts.append(_marked(text, sentence["start"], sentence["end"], spans, starts, index))
            parts.append("</span>")
            cursor = sentence["end"]
        parts.append(_marked(text, cursor, p_end, spans, starts, index))
        parts.append("</p>\n")
    return Markup("".join(parts))


def _marks(text: str, entities: list[dict], money: list[dict]) -> list[tuple[int, int, str, dict]]:
    """Non-overlapping spans to mark, entities first where they overlap a money amount."""
    candidates = [(e["start"], e["end"], "ent", e) for e in entities if e["end"] > e["start"]]
    candidates += [(m["start"], m["end"], "money", m) for m in money
                   if isinstance(m.get("start"), int) and isinstance(m.get("end"), int)
                   and 0 <= m["start"] < m["end"] <= len(text)]
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2] != "ent"))
    chosen: list[tuple[int, int, str, dict]] = []
    for candidate in candidates:
        if chosen and candidate[0] < chosen[-1][1]:
            continue
        chosen.append(candidate)
    return chosen


def _marked(text: str, start: int, end: int, spans, starts, index: dict[str, dict]) -> str:
    out: list[str] = []
    cursor = start
    i = bisect.bisect_left(starts, start)
    while i < len(spans) and spans[i][0] < end:
        s, e, kind, item = spans[i]
        i += 1
        if e > end:  # crosses the sentence boundary: left unmarked
            continue
        out.append(_esc(text[cursor:s]))
        out.append(_mark(text[s:e], kind, item, index))
        cursor = e
    out.append(_esc(text[cursor:end]))
    return "".join(out)


def _mark(surface: str, kind: str, item: dict, index: dict[str, dict]) -> str:
    if kind == "ent":
        label = str(item.get("label", ""))
        entry = index.get(item.get("entity_id"), {})
        name = entry.get("name_en")
        basis = (entry.get("name_en_method") or entry.get("name_en_source") or "name").replace("_", " ")
        tip = f"{name} ({basis}) · {label}" if name else label
        return (f'<mark class="ent ent-{_esc(label)}" data-label="{_esc(label)}" '
                f'data-entity="{_esc(item.get("entity_id", ""))}" title="{_esc(tip)}">{_esc(surface)}'
                f'<span class="ent-label">{_esc(label)}</span></mark>')
    usd = item.get("usd_value")
    tip = f"{item.get('currency', '')} {item.get('value')}"
    if usd is not None:
        from pipeline.reports.common import fmt_usd

        tip += f" ≈ {fmt_usd(usd)}"
    return f'<span class="money" title="{_esc(tip)}">{_esc(surface)}</span>'
