"""What the argument features see of each sentence, built from the pipeline's own outputs.

One function, `build_views`, turns the structure component's sentences and sections plus what the
other components found (the figures component's money and quantities, the entities component's
mentions, the tokenizer's words) into `SentenceView`s. It is called by the spaCy `argument`
component at run time (reading the Doc) and by training / evaluation (reading the `Document` the
same pipeline produced for each labelled article), so the models are trained on the features they
see in use. Values that are not given (a bare list of sentences, a short text) are left as None and
the features fall back to the argument package's own regexes and jieba.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Iterable, Sequence

from pipeline.argument.features import SentenceView

ATTRIBUTION_LABELS = ("PERSON", "ORG")


def _get(item: Any, name: str):
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _ordered(spans: list) -> bool:
    return all(x[0] <= y[0] for x, y in zip(spans, spans[1:]))


def _sentence_index(starts: list[int], ends: list[int], pos: int) -> int | None:
    i = bisect_right(starts, pos) - 1
    return i if i >= 0 and pos < ends[i] else None


def build_views(sentences: Sequence[Any], sections: Sequence[Any] = (), *,
                money: Iterable[Any] | None = None, quantities: Iterable[Any] | None = None,
                entities: Iterable[Any] | None = None,
                token_spans: Iterable[tuple[int, int]] | None = None, text: str | None = None) -> list[SentenceView]:
    """Views of a document's sentences (contract `Sentence`s or dicts with id/start/end/text/kind/section_id).

    money / quantities / entities: the contract items (with start/end offsets into the document text);
    token_spans: (start, end) of every word token (needs `text`)."""
    titles = {_get(s, "id"): _get(s, "title") for s in sections}
    starts = [_get(s, "start") for s in sentences]
    ends = [_get(s, "end") for s in sentences]
    n = max(len(sentences) - 1, 1)
    words: list[list[str]] | None = None
    if token_spans is not None and text is not None:
        words = [[] for _ in sentences]
        spans = list(token_spans)
        i = 0
        for a, b in spans if _ordered(spans) else sorted(spans):
            while i < len(starts) and ends[i] <= a:   # tokens and sentences are both in text order: one merge
                i += 1
            if i < len(starts) and starts[i] <= a:
                word = text[a:b]
                if word.strip():
                    words[i].append(word)
    n_money: list[int] | None = None
    if money is not None:
        n_money = [0] * len(sentences)
        for m in money:
            i = _sentence_index(starts, ends, _get(m, "start"))
            if i is not None:
                n_money[i] += 1
    kinds: list[list[str]] | None = None
    if quantities is not None:
        kinds = [[] for _ in sentences]
        for q in quantities:
            i = _sentence_index(starts, ends, _get(q, "start"))
            if i is not None:
                kinds[i].append(str(_get(q, "kind")))
    ents: list[list[tuple[str, int, int]]] | None = None
    if entities is not None:
        ents = [[] for _ in sentences]
        for e in entities:
            i = _sentence_index(starts, ends, _get(e, "start"))
            if i is not None:
                ents[i].append((str(_get(e, "label")), _get(e, "start") - starts[i], _get(e, "end") - starts[i]))
    paragraphs = [_get(s, "paragraph_id") for s in sentences]
    place: list[tuple[int, int] | None] = [None] * len(sentences)
    if all(p is not None for p in paragraphs):
        size: dict[Any, int] = {}
        for p in paragraphs:
            size[p] = size.get(p, 0) + 1
        seen: dict[Any, int] = {}
        for i, p in enumerate(paragraphs):
            place[i] = (seen.get(p, 0), size[p])
            seen[p] = seen.get(p, 0) + 1
    out = []
    for i, s in enumerate(sentences):
        out.append(SentenceView(
            _get(s, "text"), _get(s, "kind") or "body", titles.get(_get(s, "section_id")), i / n,
            words=tuple(words[i]) if words is not None else None,
            money=n_money[i] if n_money is not None else None,
            quantities=tuple(kinds[i]) if kinds is not None else None,
            entities=tuple(ents[i]) if ents is not None else None,
            paragraph=place[i],
        ))
    return out


def views_from_document(document: Any) -> list[SentenceView]:
    """`build_views` over a contract `Document` (or its JSON dict) as `pipeline analyze` produces it."""
    tokens = _get(document, "tokens") or []
    return build_views(_get(document, "sentences"), _get(document, "sections") or (),
                       money=_get(document, "money") or [], quantities=_get(document, "quantities") or [],
                       entities=_get(document, "entities") or [],
                       token_spans=[(_get(t, "start"), _get(t, "end")) for t in tokens], text=_get(document, "text"))
