"""One article as a self-contained HTML page.

The Chinese text is shown paragraph by paragraph, each sentence an anchor (`#s<id>`) that the
figures, claims, risks, stance evidence and English summary link to; entity mentions are
highlighted displaCy-style (coloured box + label), money amounts underlined.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any, Callable

from markupsafe import Markup, escape

from pipeline.english import byline_names_en, byline_parts
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
from pipeline.reports.common import (ENTITY_LABELS, RISK_CATEGORIES, _finite, fmt_confidence, fmt_number, fmt_usd,
                                     render)

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

    sid = _sentence_links(by_id)
    rows_of_money = money_rows(money)
    entity_index = sorted(index.values(), key=lambda e: (-int(e.get("mentions") or 0), e.get("name_zh", "")))
    names_en = byline_names_en(source.get("byline") or {})
    byline = {k: ", ".join(f"{en} ({zh})" if en else zh for zh, en in byline_parts(v, names_en))
              if isinstance(v, str) else v
              for k, v in (source.get("byline") or {}).items() if v and k not in ("other", "names_en")}
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
        "entity_index": entity_index,
        "entity_rows_html": entity_rows_html(entity_index),
        "money_rows": rows_of_money,
        "money_rows_html": money_rows_html(rows_of_money, sid),
        "quantities": doc.get("quantities") or [],
        "numeric_checks": doc.get("numeric_checks") or [],
        "claims": doc.get("claims") or [],
        "risk_groups": risk_groups,
        "risk_rows_html": {category: risk_rows_html(items, sid) for category, items in risk_groups},
        "n_risks": sum(len(r) for _, r in risk_groups),
        "opportunities": doc.get("opportunities") or [],
        "stance": stance,
        "stance_evidence": quote(stance.get("evidence")),
        "stance_targets": [dict(t, quotes=quote(t.get("evidence"))) for t in stance.get("targets") or []],
        "summary_rows": summary_rows,
        "provenance": provenance,
        "sid": sid,
        # The rows of the long tables (*_rows_html: some 110 summary rows, 55 claims, 35 entities a
        # page) are built by the functions below rather than row by row in the template, where each
        # value's lookup, call and escape cost several times as much: the page renders in about half
        # the time, byte for byte the same (tests/test_reports.py compares them with the Jinja rows).
        "claim_rows_html": claim_rows_html(doc.get("claims") or [], sid),
        "summary_rows_html": summary_rows_html(summary_rows, sid),
    }


def claim_rows_html(claims: list[dict], sid: Callable[[Any], Markup]) -> Markup:
    """The rows of the claims table (one `<tr>` each, lines joined with newlines)."""
    rows = []
    for c in claims:
        hedged = ' <span class="badge hedged">hedged</span>' if c["hedged"] else ""
        rows.append(f'      <tr><td>{sid(c["sentence_id"])}</td>\n'
                    f'        <td><span class="badge">{_esc(c["type"])}</span>{hedged}</td>\n'
                    f'        <td lang="zh-Hans">{_esc(c["text"])}</td><td>{_en(c["text_en"])}</td>'
                    f'<td lang="zh-Hans">{_esc(c["attribution"] or "–")}</td>\n'
                    f'        <td class="num">{_esc(fmt_confidence(c["confidence"]))}</td></tr>')
    return Markup("\n".join(rows))


def summary_rows_html(summary_rows: list[dict], sid: Callable[[Any], Markup]) -> Markup:
    """The rows of the side-by-side summary table: each English item beside the Chinese
    sentences it cites."""
    rows = []
    cited: dict[tuple[Any, str], str] = {}  # a page cites the same sentences many times
    for row in summary_rows:
        parts = []
        for q in row["quotes"]:
            key = (q["id"], q["text"])
            quote = cited.get(key)
            if quote is None:
                quote = cited[key] = f'<div>{sid(q["id"])} {_esc(q["text"])}</div>'
            parts.append(quote)
        quotes = "".join(parts) or _NO_QUOTE
        rows.append(f'      <tr><td><span class="badge">{_esc(row["part"])}</span> {_esc(row["text"])}</td>\n'
                    f'          <td lang="zh-Hans">{quotes}</td></tr>')
    return Markup("\n".join(rows))


def money_rows_html(rows: list[dict], sid: Callable[[Any], Markup]) -> Markup:
    """The rows of the figures table (`money_rows`), lines joined with newlines: as written, value,
    currency, qualifier, US dollars with the bar, rate and source, sentence."""
    out = []
    for m in rows:
        restates = m["equivalent_of"]
        restated = "" if restates is None else (
            f' <span class="badge" title="restates amount #{_esc(restates)}">= #{_esc(restates)}</span>')
        value = _esc(fmt_number(m["value"]))
        if m["value_max"] is not None:
            value += f" – {_esc(fmt_number(m['value_max']))}"
        usd = _esc(fmt_usd(m["usd_value"]))
        if m["usd_value_max"] is not None:
            usd += f" – {_esc(fmt_usd(m['usd_value_max']))}"
        if m["bar"] is not None:
            extra = (f'<i class="extra" style="width: {_esc("%.2f" % m["bar_extra"])}%"></i>'
                     if m["bar_extra"] else "")
            bar = (f'<div class="bar"><i class="{"restated" if restates is not None else ""}" '
                   f'style="width: {_esc("%.2f" % m["bar"])}%"></i>{extra}<em>{_esc(fmt_usd(m["usd_value"]))}</em></div>')
        else:
            bar = '<span class="empty">no rate</span>'
        rate = ("–" if m["usd_rate"] is None else
                f'{_esc(fmt_number(m["usd_rate"], 6))} ({_esc(m["usd_rate_source"] or "?")})')
        out.append(f'      <tr>\n        <td>{_esc(m["index"])}</td>\n'
                   f'        <td lang="zh-Hans">{_esc(m["text"])}{restated}</td>\n'
                   f'        <td class="num">{value}</td>\n'
                   f'        <td>{_esc(m["currency"])}</td><td>{_esc(m["qualifier"])}</td>\n'
                   f'        <td class="num">{usd}</td>\n'
                   f'        <td class="barcell">{bar}</td>\n'
                   f'        <td>{rate}</td>\n'
                   f'        <td>{sid(m["sentence_id"])}</td>\n'
                   f'      </tr>')
    return Markup("\n".join(out))


def risk_rows_html(risks: list[dict], sid: Callable[[Any], Markup]) -> Markup:
    """The rows of one risk category's table: the Chinese sentence beside its English and confidence."""
    return Markup("\n".join(
        f'      <tr><td lang="zh-Hans">{sid(r["sentence_id"])} {_esc(r["text"])}</td>'
        f'<td>{_en(r["text_en"])} <span class="badge">{_esc(fmt_confidence(r["confidence"]))}</span></td></tr>'
        for r in risks))


def entity_rows_html(entries: list[dict]) -> Markup:
    """The rows of the entity table: Chinese name, English name, how it was made, label, mentions, aliases."""
    rows = []
    for e in entries:
        method = str(e["name_en_method"] or e["name_en_source"] or "–").replace("_", " ")
        label = _esc(e["label"])
        aliases = "、".join(str(alias) for alias in e["aliases"] or [])
        rows.append(f'      <tr><td lang="zh-Hans">{_esc(e["name_zh"])}</td><td>{_esc(e["name_en"] or "–")}</td>'
                    f'<td>{_esc(method)}</td>\n'
                    f'          <td><mark class="ent ent-{label}"><span class="ent-label">{label}</span></mark></td>\n'
                    f'          <td class="num">{_esc(e["mentions"])}</td><td lang="zh-Hans">{_esc(aliases)}</td></tr>')
    return Markup("\n".join(rows))


_NO_QUOTE = '<span class="empty">–</span>'


def _en(text: Any) -> str:
    """The `en` macro of macros.html.j2: an English text, or a note that there is none."""
    return f'<span class="en">{_esc(text)}</span>' if text else '<span class="empty">no translation</span>'


def _esc(value: Any) -> str:
    """`str(markupsafe.escape(value))`: the same five replacements, without a Markup object
    per piece of text (a page escapes some 700 pieces of the article)."""
    if type(value) is not str:
        return str(escape(value))
    if _HTML_SPECIAL.search(value) is None:  # most pieces of Chinese text: nothing to replace
        return value
    return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;"))


_HTML_SPECIAL = re.compile("[&<>'\"]")


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
