"""The English layer: the structured summary (`summary_en`) and its Markdown rendering.

Every item restating the article carries the ids of the Chinese sentences it comes from;
the Markdown shows those sentences beside it. Chinese text that has no English rendering
yet is quoted and marked "(zh)" rather than mixed into English sentences.
"""

from __future__ import annotations

from pipeline.models import Document, SummaryEn, SummaryItem


def build_summary(document: Document) -> SummaryEn:
    """Structured English summary from the facts already extracted into `document`."""
    summary = SummaryEn()
    for entry in document.entity_index:
        if not entry.name_en:
            continue
        sentence_ids = sorted({m.sentence_id for m in document.entities
                               if m.entity_id == entry.entity_id and m.sentence_id is not None})
        summary.actors.append(SummaryItem(
            text=f"{entry.name_en} ({entry.label}, {entry.mentions} mention{'s' if entry.mentions != 1 else ''})",
            sentence_ids=sentence_ids[:5], category=entry.label,
        ))
    for check in document.numeric_checks:
        summary.numeric_checks.append(SummaryItem(
            text=f"{check.verdict}: {check.computation}", sentence_ids=[check.sentence_id], category=check.verdict,
        ))
    return summary


def _zh(text: str) -> str:
    return f"「{text}」 (zh)"


def _quote_sentences(document: Document, sentence_ids: list[int]) -> str:
    quoted = [document.sentences[i].text for i in sentence_ids if 0 <= i < len(document.sentences)]
    return " / ".join(f"[s{i}] {t}" for i, t in zip(sentence_ids, quoted))


def render_markdown(document: Document) -> str:
    summary = document.summary_en
    source = document.source
    lines = [f"# {summary.headline or (_zh(source.title) if source.title else document.doc_id)}", ""]
    lines.append(f"- Document: `{document.doc_id}` ({source.format}, {source.encoding}, "
                 f"{'converted from Traditional Chinese' if source.script == 'traditional' else 'Simplified Chinese'})")
    roles = [(role, getattr(source.byline, role)) for role in ("author", "reviewer", "editor", "publisher", "source")]
    byline = "; ".join(f"{role}: {_zh(value)}" for role, value in roles if value)
    if byline:
        lines.append(f"- Byline: {byline}")
    lines.append(f"- {len(document.sections)} sections, {len(document.sentences)} sentences, "
                 f"{len(document.text):,} characters")
    lines.append(f"- Pipeline {document.provenance.pipeline_version}; components: "
                 f"{', '.join(document.provenance.components)}")
    lines += ["", "## Outline", ""]
    for section in document.sections:
        title = _zh(section.title) if section.title else "(lead)"
        lines.append(f"{section.id}. {title}")
    if summary.abstract:
        lines += ["", "## Abstract", ""]
        lines += [f"{item.text}" for item in summary.abstract]
    for heading, items in (("Key figures", summary.key_figures), ("Actors", summary.actors),
                           ("Key claims", summary.key_claims), ("Risks", summary.risks),
                           ("Opportunities", summary.opportunities), ("Numeric checks", summary.numeric_checks)):
        lines += ["", f"## {heading}", ""]
        if not items:
            lines.append("_None extracted by the components that ran._")
            continue
        lines += ["| English | Chinese source |", "|---|---|"]
        for item in items:
            lines.append(f"| {_cell(item.text)} | {_cell(_quote_sentences(document, item.sentence_ids))} |")
    if summary.stance:
        lines += ["", "## Stance", "", f"{summary.stance.text}",
                  "", _quote_sentences(document, summary.stance.sentence_ids)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
