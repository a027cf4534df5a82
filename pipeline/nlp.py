"""The spaCy pipeline: spaCy's `zh` language with jieba as the segmenter, plus the project's
analysis components registered by name and picked by the config (`models/pipeline.toml`).

Each component reads the Doc (text, tokens, sentence spans in `doc._.structure`) and writes
the contract fields it produces into `doc._.fields` (e.g. "money", "entities"); the analyzer
turns a Doc into a `pipeline.models.Document`.
"""

from __future__ import annotations

import gc
import re
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from contextlib import contextmanager
from functools import cached_property
from typing import Any, Iterator

import numpy


def _import_spacy_without_torch():
    """thinc, spaCy's ML library, imports torch at start-up whenever it is installed (the `[mt]`
    extra): seconds of start-up and hundreds of MB per worker that the pipeline never uses
    through spaCy. torch is hidden while spaCy loads; the translation layer imports it as usual."""
    if "torch" in sys.modules or "thinc" in sys.modules:
        import spacy
        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail inside thinc
    try:
        with _spacy_cli_deferred():
            import spacy
    finally:
        del sys.modules["torch"]
    return spacy


@contextmanager
def _spacy_cli_deferred():
    """spaCy's __init__ imports `spacy.cli.info` only to export `spacy.info`, and with it the whole
    command line (weasel, requests, httpx, typer, jinja2): ~0.4 s of every start, unused here. While
    spaCy loads, `spacy.cli.info` is a stand-in whose `info` imports the real one when called; the
    stand-ins are then removed, so a later `import spacy.cli` loads the real package."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    import types

    def info(*args, **kwargs):
        from spacy.cli.info import info as real_info
        return real_info(*args, **kwargs)

    cli, cli_info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    cli_info.info = info  # type: ignore[attr-defined]
    cli.info = cli_info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": cli_info})
    try:
        yield
    finally:
        for name in ("spacy.cli", "spacy.cli.info"):
            if sys.modules.get(name) in (cli, cli_info):
                del sys.modules[name]
        spacy_module = sys.modules.get("spacy")
        if spacy_module is not None and getattr(spacy_module, "cli", None) is cli:
            del spacy_module.cli


spacy = _import_spacy_without_torch()
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.errors import Errors  # noqa: E402
from spacy.lang.zh import ChineseTokenizer, Segmenter  # noqa: E402

from pydantic import TypeAdapter

from pipeline import gc_paused, package_version
from pipeline.english import build_summary
from pipeline.config import PipelineConfig, _user_dict_path  # noqa: F401  (PipelineConfig: its old home)
from pipeline.ingest import Article
from pipeline.models import SCHEMA_VERSION, Document, Provenance, Source, Stance, StanceResult, Token
from pipeline.text import Structure, segment
from pipeline.translation import add_translations

for _name in ("article", "structure", "fields", "targets", "token_spans", "text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept after the first call: spaCy joins it from every token on each access.
    (Merging tokens keeps the text, so the kept value stays right.)"""
    text = doc._.text
    if text is None:
        text = doc._.text = doc.text
    return text


# Latin names and codes that jieba splits at hyphens: ABCI-Q, I-PEX, K-Chips, GPT-4o; model designations with a
# colon between a capitalised series and its number (NXT:1980i, EXE:5000; not a ratio such as 3:1 or a figure 5%).
_LATIN_COMPOUND = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*(?:-[A-Za-z0-9]+)+|[A-Za-z]+[0-9]+[A-Za-z0-9]*"
                             r"|(?<![A-Za-z0-9])[A-Z]{2,}:[0-9]{3,}[A-Za-z]*(?![0-9.,%])")


def _load_jieba(user_dict: str | None):
    from pipeline.jieba_dict import load_tokenizer

    # jieba's process-wide tokenizer: the entity tagger reads its dictionary too, and each
    # separate jieba.Tokenizer costs a second of start-up loading the same 30 MB cache.
    return load_tokenizer(_user_dict_path(user_dict) if user_dict else None)


@Language.factory("structure")
def make_structure(nlp: Language, name: str) -> "StructureComponent":
    return StructureComponent()


class StructureComponent:
    """Sections, paragraphs, sentences (sets `is_sent_start`), and whole Latin compounds."""

    def __call__(self, doc: Doc) -> Doc:
        article: Article | None = doc._.article
        structure = segment(
            doc_text(doc),
            title_span=article.title_span if article else None,
            heading_spans=article.heading_spans if article else (),
            byline_spans=article.byline_spans if article else (),
        )
        _merge_latin_compounds(doc)
        if len(doc):
            columns = doc.to_array([IDX, LENGTH, IS_SPACE]).astype("int64")
            starts = columns[:, 0]
            # One bulk write: setting token.is_sent_start one by one is quadratic in spaCy.
            flags = numpy.where(numpy.isin(starts, [s.start for s in structure.sentences]), 1, -1)
            flags[0] = 1
            doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
            words = columns[columns[:, 2] == 0]
            doc._.token_spans = list(zip(words[:, 0].tolist(), (words[:, 0] + words[:, 1]).tolist()))
        else:
            doc._.token_spans = []
        doc._.structure = structure
        return doc


def _merge_latin_compounds(doc: Doc) -> None:
    spans = []
    for match in _LATIN_COMPOUND.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
        if span is not None and len(span) > 1:
            spans.append(span)
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)


class JiebaTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer, whose jieba mode aligns the words with the text in one pass:
    spaCy's `get_words_and_spaces` looks for each word in a new copy of the rest of the text,
    quadratic in the document's length. Same words, gaps and spaces (`words_and_spaces`)."""

    def __call__(self, text: str) -> Doc:
        if self.segmenter != Segmenter.jieba:
            return super().__call__(text)
        words = [x for x in self.jieba_seg.cut(text, cut_all=False) if x]
        words, spaces = words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """`spacy.util.get_words_and_spaces(words, text)`, step by step, with `text.index(word, pos)`
    where spaCy has `text[pos:].index(word)`."""
    if "".join(words) == text:  # jieba keeps every character: each word starts where the last ended
        aligned = _aligned_words_and_spaces(words, text)
        if aligned is not None:
            return aligned
    if "".join("".join(words).split()) != "".join(text.split()):
        raise ValueError(Errors.E194.format(text=text, words=words))
    text_words: list[str] = []
    text_spaces: list[bool] = []
    text_pos = 0
    length = len(text)
    for word in [word for word in words if not word.isspace()]:
        try:
            word_start = text.index(word, text_pos)
        except ValueError:
            raise ValueError(Errors.E194.format(text=text, words=words)) from None
        if word_start > text_pos:
            text_words.append(text[text_pos:word_start])
            text_spaces.append(False)
            text_pos = word_start
        text_words.append(word)
        text_spaces.append(False)
        text_pos += len(word)
        if text_pos < length and text[text_pos] == " ":
            text_spaces[-1] = True
            text_pos += 1
    if text_pos < length:
        text_words.append(text[text_pos:])
        text_spaces.append(False)
    return text_words, text_spaces


def _aligned_words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]] | None:
    """`words_and_spaces` for words that make up `text` exactly, with no search: a word that is not
    all whitespace and does not start with it cannot be found earlier than where it lies, since
    only the whitespace words it follows lie between it and the word before. None for a word
    (empty, or starting with whitespace) where that need not hold."""
    text_words: list[str] = []
    text_spaces: list[bool] = []
    text_pos = 0
    pos = 0
    length = len(text)
    for word in words:
        word_start = pos
        pos += len(word)
        if word.isspace():
            continue
        if not word or word[0].isspace():
            return None
        if word_start > text_pos:
            text_words.append(text[text_pos:word_start])
            text_spaces.append(False)
        text_words.append(word)
        if pos < length and text[pos] == " ":
            text_spaces.append(True)
            text_pos = pos + 1
        else:
            text_spaces.append(False)
            text_pos = pos
    if text_pos < length:
        text_words.append(text[text_pos:])
        text_spaces.append(False)
    return text_words, text_spaces


def build_nlp(config: PipelineConfig) -> Language:
    from pipeline.jieba_dict import FastSegmenter

    # spaCy's ChineseTokenizer in jieba mode calls `.cut` on its jieba object. Built in "char"
    # mode and switched, it gets our own jieba instance with the project user dictionary
    # instead of initialising jieba's global dictionary a second time (a second of start-up),
    # wrapped so that its default `cut` runs the faster copy in pipeline.jieba_dict (same words).
    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab, segmenter="char")
    nlp.tokenizer.jieba_seg = FastSegmenter(_load_jieba(config.user_dict))
    nlp.tokenizer.segmenter = "jieba"
    nlp.max_length = max(nlp.max_length, config.max_bytes)
    _import_component_modules(config.components)
    for component in config.components:
        nlp.add_pipe(component, config=config.settings.get(component, {}))
    return nlp


# Modules whose import registers a component factory; imported only when the config names it.
COMPONENT_MODULES: dict[str, str] = {name: "pipeline.components" for name in ("entities", "figures", "argument")}


def _import_component_modules(components: list[str]) -> None:
    import importlib

    for component in components:
        module = COMPONENT_MODULES.get(component)
        if module:
            importlib.import_module(module)


# A document's analysis holds some tens of thousands of objects until its files are written
# (tokens, mentions, claims, summary items). At CPython's default threshold (a young collection
# every 700 net allocations) they were traversed again and again, and their promotion set off a
# full collection every few documents: ~4 ms of collector time a document, 3-4% of the whole.
# Cyclic garbage is still collected, every 20,000 net allocations.
GC_THRESHOLD0 = 20_000


def raise_gc_threshold() -> None:
    """The collector's first threshold raised to `GC_THRESHOLD0` (never lowered; left alone when
    the collector is off or tuned higher)."""
    threshold = gc.get_threshold()
    if 0 < threshold[0] < GC_THRESHOLD0:
        gc.set_threshold(GC_THRESHOLD0, *threshold[1:])


class Analyzer:
    """Loads the pipeline once, then analyses articles into contract Documents."""

    def __init__(self, config: PipelineConfig | None = None, *, on_message=None):
        self.config = config or PipelineConfig.load()
        started = time.perf_counter()
        with gc_paused():
            self.nlp = build_nlp(self.config)
            self.translator = None
            if self.config.translation_model:
                from pipeline.translation import load_translator

                # None (after one message) when the model is not available offline: text_en stays null.
                self.translator = load_translator(self.config.translation_model, self.config.translation_backend,
                                                  on_message=on_message)
        # The loaded tables and models live as long as the process: out of the collector's sight,
        # later full collections no longer walk their millions of objects.
        gc.freeze()
        raise_gc_threshold()
        self.load_seconds = time.perf_counter() - started

    @cached_property
    def backends(self) -> dict[str, str]:
        backends = {
            "spacy": package_version("spacy"), "jieba": package_version("jieba"), "opencc": package_version("opencc"),
            "trafilatura": package_version("trafilatura"), "segmenter": "jieba via spacy.lang.zh",
        }
        for name, component in self.nlp.pipeline:
            if getattr(component, "backend", None):
                backends[name] = component.backend
        if self.translator is not None:
            backends.update({f"translation.{k}": str(v) for k, v in self.translator.provenance.items()})
        return backends

    def analyze(self, article: Article, *, targets: list[str] | None = None) -> Document:
        return self._finish(self._begin(article, targets, stop=None))

    def analyze_batch(self, articles: list[Article], *, targets: list[str] | None = None) -> Iterator[Document | Exception]:
        """`analyze` of each article, in order (the same Documents), or the exception it raised;
        the first component with a `prefetch(docs)` step (entities: LAC windows tagged in shared
        encoder batches) runs it over all the documents first. That step's time is shared out
        among the documents' stage_seconds by text length. Keep the batch small: its Docs are
        held until the last one is done."""
        pipeline = self.nlp.pipeline
        stop = next((i for i, (_, component) in enumerate(pipeline) if hasattr(component, "prefetch")), None)
        states: list[_Pending | Exception] = []
        for article in articles:
            try:
                states.append(self._begin(article, targets, stop=stop))
            except Exception as exc:  # reported per document
                states.append(exc)
        ready = [state for state in states if isinstance(state, _Pending)]
        if stop is not None and len(ready) > 1:
            name, component = pipeline[stop]
            clock = time.perf_counter()
            try:
                component.prefetch([state.doc for state in ready])
            except Exception:  # each document then runs the step alone (and meets the error itself)
                component.release()
            spent = time.perf_counter() - clock
            total = sum(len(state.article.text) for state in ready) or 1
            for state in ready:
                state.stage_seconds[name] = spent * len(state.article.text) / total
        try:
            for state in states:
                if isinstance(state, Exception):
                    yield state
                    continue
                try:
                    document = self._finish(state)
                except Exception as exc:
                    yield exc
                else:
                    yield document
        finally:
            if stop is not None:
                pipeline[stop][1].release()

    def _begin(self, article: Article, targets: list[str] | None, stop: int | None) -> "_Pending":
        """Tokenizer and the components before index `stop` (None: all of them)."""
        started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        stage_seconds: dict[str, float] = {}
        clock = time.perf_counter()
        doc = self.nlp.make_doc(article.text)
        # spaCy builds the Doc from the text's own words, gaps and spaces, so its text is the
        # article's: kept now, `doc_text` never joins it back from the tokens (~1.5 ms a document)
        doc._.text = article.text
        stage_seconds["tokenize"] = time.perf_counter() - clock
        doc._.article = article
        doc._.targets = list(targets or [])
        doc._.fields = {}
        pending = _Pending(article, targets, doc, started_at, stage_seconds, 0)
        self._run_components(pending, stop)
        return pending

    def _run_components(self, pending: "_Pending", stop: int | None) -> None:
        pipeline = self.nlp.pipeline
        end = len(pipeline) if stop is None else stop
        stage_seconds = pending.stage_seconds
        for name, component in pipeline[pending.next:end]:
            clock = time.perf_counter()
            pending.doc = component(pending.doc)
            stage_seconds[name] = stage_seconds.get(name, 0.0) + time.perf_counter() - clock
        pending.next = max(pending.next, end)

    def _finish(self, pending: "_Pending") -> Document:
        self._run_components(pending, None)
        article, targets, doc = pending.article, pending.targets, pending.doc
        started_at, stage_seconds = pending.started_at, pending.stage_seconds
        clock = time.perf_counter()
        structure: Structure = doc._.structure
        fields: dict[str, Any] = dict(doc._.fields)
        stance = fields.pop("stance", None) or Stance()
        byline_names = fields.pop("byline_names_en", None)
        byline = article.byline.model_copy(update={"names_en": byline_names}) if byline_names else article.byline
        if targets and not stance.targets:
            stance.targets = [StanceResult(target=target) for target in targets]
        document = Document(
            schema_version=SCHEMA_VERSION,
            doc_id=article.doc_id,
            source=Source(
                path=article.path, sha256=article.sha256, size_bytes=article.size_bytes, format=article.format,
                encoding=article.encoding, script=article.script, original_text=article.original_text,
                title=article.title, published=article.published, byline=byline,
            ),
            text=article.text,
            sections=structure.sections,
            paragraphs=structure.paragraphs,
            sentences=structure.sentences,
            tokens=_tokens(doc, structure),
            stance=stance,
            provenance=Provenance(
                pipeline_version=self.config.fingerprint, schema_version=SCHEMA_VERSION,
                components=["tokenizer"] + list(self.nlp.pipe_names), backends=self.backends,
                started_at=started_at, duration_s=round(sum(stage_seconds.values()), 4),
                stage_seconds={k: round(v, 4) for k, v in stage_seconds.items()},
            ),
            **fields,
        )
        stage_seconds["assemble"] = time.perf_counter() - clock
        translations = None
        if self.translator is not None:
            clock = time.perf_counter()
            translations = add_translations(document, self.translator)
            stage_seconds["translate"] = time.perf_counter() - clock
        clock = time.perf_counter()
        document.summary_en = build_summary(document, translations=translations)
        stage_seconds["summary"] = time.perf_counter() - clock
        document.provenance.stage_seconds = {k: round(v, 4) for k, v in stage_seconds.items()}
        document.provenance.duration_s = round(sum(stage_seconds.values()), 4)
        return document


@dataclass
class _Pending:
    """A document on its way through `Analyzer.analyze`: the components before `next` have run."""
    article: Article
    targets: list[str] | None
    doc: Doc
    started_at: str
    stage_seconds: dict[str, float]
    next: int


def _tokens(doc: Doc, structure: Structure) -> list[Token]:
    """Word tokens (whitespace left out), each with the id of the sentence it lies in: the last
    sentence starting at or before the token, if the token starts before that sentence ends."""
    sentences = structure.sentences
    spans = doc._.token_spans
    starts = [s.start for s in sentences]
    if not spans or not sentences or any(a >= b for a, b in zip(starts, starts[1:])):
        return _tokens_in_order(doc, structure)
    text = doc_text(doc)
    token_starts = numpy.fromiter((start for start, _ in spans), dtype=numpy.int64, count=len(spans))
    index = numpy.searchsorted(numpy.asarray(starts, dtype=numpy.int64), token_starts, side="right") - 1
    ends = numpy.asarray([s.end for s in sentences], dtype=numpy.int64)
    inside = (index >= 0) & (token_starts < ends[index])  # ends[-1] for index -1: masked out by index >= 0
    rows = [{"start": start, "end": end, "text": text[start:end], "sentence_id": sid}
            for (start, end), sid, keep in zip(spans, index.tolist(), inside.tolist()) if keep]
    return _TOKEN_LIST.validate_python(rows)


def _tokens_in_order(doc: Doc, structure: Structure) -> list[Token]:
    """`_tokens` walking the sentences along the tokens (any order of sentence starts)."""
    sentences = structure.sentences
    text = doc_text(doc)
    rows = []
    index, n = -1, len(sentences)
    for start, end in doc._.token_spans:  # in text order, like the sentences
        while index + 1 < n and sentences[index + 1].start <= start:
            index += 1
        if index >= 0 and start < sentences[index].end:  # all non-space text lies in a sentence
            rows.append({"start": start, "end": end, "text": text[start:end], "sentence_id": index})
    return _TOKEN_LIST.validate_python(rows)


_TOKEN_LIST = TypeAdapter(list[Token])
