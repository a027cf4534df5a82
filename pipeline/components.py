"""spaCy factories for the analysis concerns: thin adapters from a Doc to each concern's own API.

Each factory loads its engine once (when the pipeline is built) and, per document, reads the
text and the structure component's sentences and tokens, then writes the contract fields it
produces into `doc._.fields`. Mentions are also exposed the spaCy way, as `doc.spans[...]`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from pipeline.nlp import doc_text


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(sentence.start, sentence.end) for sentence in doc._.structure.sentences]


def _token_spans(doc: Doc) -> list[tuple[int, int]]:
    return doc._.token_spans


def _span_group(doc: Doc, name: str, items, label_of) -> SpanGroup:
    spans: list[Span] = []
    for item in items:
        span = doc.char_span(item.start, item.end, label=label_of(item), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return SpanGroup(doc, name=name, spans=spans)


@Language.factory("entities", default_config={"use_termbase": True, "statistical": "lac"})
def make_entities(nlp: Language, name: str, use_termbase: bool, statistical: str) -> "EntitiesComponent":
    return EntitiesComponent(use_termbase=use_termbase, statistical=statistical)


class EntitiesComponent:
    def __init__(self, use_termbase: bool = True, statistical: str = "lac"):
        from pipeline.entities import EntityRecognizer

        self.recognizer = EntityRecognizer(use_termbase=use_termbase, statistical=statistical)

    @property
    def backend(self) -> str:
        return self.recognizer.backend

    def lac_tagger(self):
        """The recognizer's LAC tagger (`tagging.WindowedLac`), or None (jieba or rules only)."""
        tagger = getattr(getattr(self.recognizer, "finder", None), "tagger", None)
        return tagger if hasattr(tagger, "prefetch") else None

    def prefetch(self, docs: list[Doc]) -> None:
        """Cross-document batching (`WindowedLac.prefetch`): the outputs are the same as without it."""
        tagger = self.lac_tagger()
        if tagger is not None:
            tagger.prefetch([(doc_text(doc), _token_spans(doc)) for doc in docs])

    def release(self) -> None:
        """Drop what `prefetch` kept."""
        tagger = self.lac_tagger()
        if tagger is not None:
            tagger.release()

    def __call__(self, doc: Doc) -> Doc:
        entities = self.recognizer(doc_text(doc), _sentence_spans(doc), _token_spans(doc))
        doc._.fields["entities"] = entities.mentions
        doc._.fields["entity_index"] = entities.index
        if doc._.article is not None:
            doc._.fields["byline_names_en"] = self.recognizer.byline_names(doc._.article.byline, entities.index)
        doc.spans["entities"] = _span_group(doc, "entities", entities.mentions, lambda m: m.label)
        return doc


@Language.factory("figures")
def make_figures(nlp: Language, name: str) -> "FiguresComponent":
    return FiguresComponent()


class FiguresComponent:
    backend = "pipeline.figures"

    def __call__(self, doc: Doc) -> Doc:
        from pipeline.figures import extract_figures

        figures = extract_figures(doc_text(doc), _sentence_spans(doc))
        doc._.fields["money"] = figures.money
        doc._.fields["quantities"] = figures.quantities
        doc._.fields["numeric_checks"] = figures.numeric_checks
        doc.spans["money"] = _span_group(doc, "money", figures.money, lambda m: m.currency)
        return doc


@Language.factory("argument", default_config={"lexicon_only": False})
def make_argument(nlp: Language, name: str, lexicon_only: bool) -> "ArgumentComponent":
    return ArgumentComponent(lexicon_only=lexicon_only)


class ArgumentComponent:
    """Claims, risks, opportunities and stance (toward the main subject and any `doc._.targets`)."""

    def __init__(self, lexicon_only: bool = False):
        from pipeline.argument import ArgumentAnalyzer

        self.analyzer = ArgumentAnalyzer(lexicon_only=lexicon_only)
        self.backend = "cue lexicons" if lexicon_only else "cue lexicons + trained linear classifier"

    def __call__(self, doc: Doc) -> Doc:
        structure = doc._.structure
        fields = doc._.fields  # the figures and entities components' outputs, when they ran before
        argument = self.analyzer(doc_text(doc), structure.sentences, structure.sections, targets=doc._.targets or (),
                                 money=fields.get("money"), quantities=fields.get("quantities"),
                                 entities=fields.get("entities"), token_spans=doc._.token_spans,
                                 byline=doc._.article.byline if doc._.article is not None else None,
                                 title=doc._.article.title if doc._.article is not None else None)
        doc._.fields["claims"] = argument.claims
        doc._.fields["risks"] = argument.risks
        doc._.fields["opportunities"] = argument.opportunities
        doc._.fields["stance"] = argument.stance
        return doc
