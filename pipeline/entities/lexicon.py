"""The entity data: termbase, places, name heads, titles, surnames, non-entities.

All of it is read from readable TSV files under `models/` (see their header comments for
sources and dates). A `Gazetteer` finds every listed surface form in a text, longest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.entities.resources import split_list, word_lists
from pipeline.paths import read_tsv

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FACILITY", "PRODUCT", "PROGRAM", "LAW", "EVENT")
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LEADING_FUNCTION_CHARS = frozenset(word_lists()["leading_function_chars"])   # models/entities/rule_words.tsv


def is_latin(text: str) -> bool:
    return bool(_LATIN.search(text)) and not _HAN.search(text)


def _latin_joined_before(text: str, start: int) -> bool:
    """Whether the character before `start` is an ASCII letter, digit, - or _ (a Latin form cannot start there)."""
    before = text[start - 1] if start > 0 else " "
    return before.isascii() and (before.isalnum() or before in "-_")


@dataclass
class Term:
    id: str
    zh: str
    label: str
    name_en: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str = ""
    source: str = ""
    origin: str = "termbase"        # termbase | places
    demonyms: list[str] = field(default_factory=list)

    @property
    def surfaces(self) -> list[str]:
        return [self.zh, *self.aliases]


class Gazetteer:
    """Exact matching of many surface forms, longest match first at each position.

    Chinese forms must start and end on a word boundary of one of the given segmentations
    (日本 is not found in 日本国家 as 日本国); Latin forms must not touch other
    Latin letters or digits and match case-sensitively (acronyms), or case-insensitively when
    they are longer than four letters and contain a space."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[str, object]]] = {}
        self._ci: dict[str, list[tuple[str, object]]] = {}
        self._starts: re.Pattern | None = None     # characters that can start a surface form
        # frozen form: per first character, the distinct surface lengths (longest first) and a
        # surface -> value table (the first value added for a surface wins, as before)
        self._lengths: dict[str, list[int]] = {}
        self._table: dict[str, object] = {}
        self._ci_lengths: dict[str, list[int]] = {}
        self._ci_table: dict[str, object] = {}
        # every prefix of every surface (the surfaces themselves included): the walk at a position
        # stops at the first piece that no surface starts with
        self._prefixes: set[str] = set()
        self._max_length: dict[str, int] = {}

    def add(self, surface: str, value: object) -> None:
        if not surface or value is None:
            return              # (a listed surface has a value: `find` tests listing with `in`)
        self._starts = None
        self._by_first.setdefault(surface[0], []).append((surface, value))
        if is_latin(surface) and " " in surface and len(surface) > 4:
            self._ci.setdefault(surface[0].lower(), []).append((surface.lower(), value))

    def freeze(self) -> None:
        for source, lengths, table in ((self._by_first, self._lengths, self._table),
                                       (self._ci, self._ci_lengths, self._ci_table)):
            lengths.clear()
            table.clear()
            for key, items in source.items():
                for surface, value in items:
                    table.setdefault(surface, value)
                lengths[key] = sorted({len(surface) for surface, _ in items}, reverse=True)
        self._prefixes = {surface[:n] for surface in self._table for n in range(1, len(surface) + 1)}
        self._max_length = {key: lengths[0] for key, lengths in self._lengths.items() if lengths}
        firsts = set(self._by_first) | set(self._ci) | {k.upper() for k in self._ci}
        self._starts = re.compile("[" + "".join(re.escape(c) for c in sorted(firsts)) + "]") if firsts else None

    def find(self, text: str, boundaries: set[int] | None = None) -> list[tuple[int, int, object]]:
        out: list[tuple[int, int, object]] = []
        if self._starts is None:
            self.freeze()
        if self._starts is None:
            return out
        lower = None
        table, ci_table, ci_lengths, ok = self._table, self._ci_table, self._ci_lengths, self._ok
        prefixes, max_length, size = self._prefixes, self._max_length, len(text)
        has_bounds = boundaries is not None
        nxt = 0                         # the end of the last hit: no form starts before it
        # every character that can start a form (the pattern is one character class), left to right
        for m in self._starts.finditer(text):
            i = m.start()
            if i < nxt:
                continue
            ch = text[i]
            hit = None
            han_start = has_bounds and "\u4e00" <= ch <= "\u9fff"
            if han_start:
                at_boundary = i in boundaries
                if not at_boundary and not (i - 1 in boundaries and text[i - 1] in _LEADING_FUNCTION_CHARS):
                    continue            # a Chinese form starts on a word boundary (see _ok)
            longest = max_length.get(ch, 0)
            if i + longest <= size:
                # the listed lengths whose piece is a surface, found by walking the prefixes (the
                # same hits as trying every listed length, longest first, without the misses)
                if longest >= 2 and text[i:i + 2] in prefixes:
                    found: list[int] = [1] if ch in table else []
                    n = 2
                    while i + n <= size:
                        piece = text[i:i + n]
                        if piece not in prefixes:
                            break
                        if piece in table:
                            found.append(n)
                        n += 1
                elif ch in table:
                    found = [1]         # only a one-character form can start here
                elif han_start:
                    continue            # no form starts here (and no Latin form: see the end of the loop)
                else:
                    found = []
                for n in reversed(found):
                    if han_start:
                        # what _ok says of a form starting with a Chinese character: it ends on a
                        # boundary, and starts on one or after a joined function character (then
                        # it is two characters or more)
                        if i + n in boundaries and (at_boundary or n >= 2):
                            hit = (i, i + n, table[text[i:i + n]])
                            break
                        continue
                    surface = text[i:i + n]
                    if ok(text, i, i + n, surface, boundaries):
                        hit = (i, i + n, table[surface])
                        break
            else:
                # near the end of the text: every listed length, as sliced (a piece cut short by the
                # end of the text is looked up as it is)
                for n in self._lengths.get(ch, ()):
                    if han_start and i + n not in boundaries:
                        continue
                    surface = text[i:i + n]
                    value = table.get(surface)
                    if value is not None and ok(text, i, i + n, surface, boundaries):
                        hit = (i, i + n, value)
                        break
            if hit is None and ci_lengths and ch.lower() in ci_lengths and not _latin_joined_before(text, i):
                # (the case-insensitive forms are all Latin: none starts right after a Latin letter or digit, see _ok)
                lower = lower if lower is not None else text.lower()
                for n in ci_lengths[ch.lower()]:
                    value = ci_table.get(lower[i:i + n])
                    if value is not None and ok(text, i, i + n, lower[i:i + n], boundaries):
                        hit = (i, i + n, value)
                        break
            if hit:
                out.append(hit)
                nxt = hit[1]
        return out

    @staticmethod
    def _ok(text: str, start: int, end: int, surface: str, boundaries: set[int] | None) -> bool:
        if is_latin(surface):
            after = text[end] if end < len(text) else " "
            return not _latin_joined_before(text, start) and \
                not (after.isascii() and (after.isalnum() or after in "-_"))
        if boundaries is not None:
            # a one-character preposition or conjunction that the segmenter joined to the name's
            # first character (如理 | 研) does not hide the name
            return (start in boundaries or (start - 1 in boundaries and text[start - 1] in _LEADING_FUNCTION_CHARS
                                            and len(surface) >= 2)) and end in boundaries
        return True


@dataclass
class Lexicons:
    terms: list[Term]
    places: list[Term]
    heads: dict[str, tuple[str, str, str]]       # head -> (label, english, standalone: yes | noun | no)
    titles: dict[str, str]                        # title -> english
    non_entities: set[str]
    surnames: dict[str, tuple[str, str]]          # surname -> (kind, reading)
    demonyms: dict[str, Term]
    termbase_gazetteer: Gazetteer
    place_gazetteer: Gazetteer
    sources: dict[str, str]
    contraction_chars: set[str] = field(default_factory=set)
    currency_words: set[str] = field(default_factory=set)   # 雷亚尔, 新加坡元: money, not names
    ambiguous_short_names: set[str] = field(default_factory=set)   # 浪潮, 小米: names that are also words
    gov_bodies: dict[str, str] = field(default_factory=dict)  # 财政厅 -> "{place} Department of Finance"

    def is_country_contraction(self, surface: str) -> bool:
        """中美, 美中日, 中美欧: one-character country short forms run together (not one entity)."""
        return 2 <= len(surface) <= 5 and all(ch in self.contraction_chars for ch in surface)

    @classmethod
    def load(cls, models: Path, use_termbase: bool = True, exclude_terms: set[str] | None = None) -> "Lexicons":
        ent = models / "entities"
        terms: list[Term] = []
        termbase_path = models / "termbase.tsv"
        if use_termbase and termbase_path.exists():
            for row in read_tsv(termbase_path):
                term = Term(id=row["id"], zh=row["zh"], label=row["type"], name_en=row["name_en"],
                            aliases=split_list(row.get("aliases", "")), wikidata=row.get("wikidata", ""),
                            source=row.get("source", ""))
                if term.label not in LABELS:
                    raise ValueError(f"{termbase_path}: {term.id}: unknown type {term.label}")
                if exclude_terms and (term.id in exclude_terms or exclude_terms & set(term.surfaces)):
                    continue
                terms.append(term)
        places: list[Term] = []
        for row in read_tsv(ent / "places.tsv"):
            places.append(Term(id="place." + row["name_en"].lower().replace(" ", "-"), zh=row["zh"],
                               label=row["type"], name_en=row["name_en"], aliases=split_list(row.get("aliases", "")),
                               wikidata=row.get("wikidata", ""), source="places", origin="places",
                               demonyms=split_list(row.get("demonyms_zh", ""))))
        heads = {r["head"]: (r["label"], r["name_en"], r.get("standalone") or "no")
                 for r in read_tsv(ent / "name_heads.tsv")}
        titles = {r["title"]: r["name_en"] for r in read_tsv(ent / "titles.tsv")}
        non_entities = {r["text"] for r in read_tsv(ent / "non_entities.tsv")}
        ambiguous = ent / "ambiguous_short_names.tsv"
        ambiguous_short_names = {r["text"] for r in read_tsv(ambiguous)} if ambiguous.exists() else set()
        surnames = {r["surname"]: (r["kind"], r["reading"]) for r in read_tsv(ent / "person_names.tsv")}
        demonyms = {d: p for p in places for d in p.demonyms}
        contraction_chars = {r["char"] for r in read_tsv(ent / "country_short_forms.tsv")}
        currency_words: set[str] = set()
        if (models / "currencies.tsv").exists():     # the figures layer's currency list
            for r in read_tsv(models / "currencies.tsv"):
                currency_words.update(w for w in split_list(r.get("names_zh", "")) if len(w) >= 2)
        tb = Gazetteer()
        for term in terms:
            for surface in term.surfaces:
                tb.add(surface, term)
        tb.freeze()
        pg = Gazetteer()
        for place in places:
            for surface in place.surfaces:
                pg.add(surface, place)
        for d, place in demonyms.items():
            pg.add(d, ("DEMONYM", place))
        pg.freeze()
        return cls(terms=terms, places=places, heads=heads, titles=titles, non_entities=non_entities, ambiguous_short_names=ambiguous_short_names,
                   surnames=surnames, demonyms=demonyms, termbase_gazetteer=tb, place_gazetteer=pg,
                   sources={"termbase": str(termbase_path) if use_termbase else "", "entities": str(ent)},
                   contraction_chars=contraction_chars, currency_words=currency_words,
                   gov_bodies={r["body"]: r["name_en"] for r in read_tsv(ent / "government_bodies.tsv")}
                   if (ent / "government_bodies.tsv").exists() else {})
