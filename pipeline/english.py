"""The English layer: the structured summary (`summary_en`) and its Markdown rendering.

The summary is data-to-text: every English statement is filled into a template
(`models/english/templates.toml`) from facts the components extracted (amounts from the figures
component in English form, entity names from the termbase, claim types, risk categories,
stance) and from glossary terms found in the cited sentence (`models/english/glossary.tsv`).
No model is needed. Every item carries the ids of the Chinese sentences it restates; the
Markdown shows those sentences beside it. Chinese that has no English rendering is quoted and
marked "(zh)", never mixed into an English sentence. Where a translation backend filled
`text_en` (pipeline.translation.add_translations), claims, risks and opportunities show it.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from pipeline.models import BYLINE_NAME_ROLES, BylineName, Document, Money, SummaryEn, SummaryItem
from pipeline.paths import models_dir, read_tsv
from pipeline.text import literal_alternation
from pipeline.translation.forms import (format_amount, format_measure,
                                        format_money, format_quantity)

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff0-9A-Za-z·“”《》（）、，,.\-]*")
CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?]")
_SIZE_BEFORE_NOUN = re.compile(r"(\d{1,2}(?:\.\d)?)\s*(?:英寸|寸)")
NUMERAL_CHAR = re.compile(r"[\d一二三四五六七八九十百千万两]")  # a sentence without one has no measure
ACTOR_LABELS = ("ORG", "GPE", "PERSON", "PROGRAM")
MAX_CLAIMS = 15
MAX_ABSTRACT = 7
MAX_TOPICS = 6


# ---------------------------------------------------------------- resources

@dataclass
class Gloss:
    zh: str
    en: str
    kind: str
    prep: str = ""


@dataclass
class Resources:
    glossary: dict[str, Gloss]
    term_regex: re.Pattern          # terms, roles, time words, rate suffixes
    unit_regex: re.Pattern          # units and counters, anchored after a number
    titles: list[tuple[str, str]]   # person titles (zh, en), longest first
    labels: dict[str, dict[str, str]]
    templates: dict[str, str]


@lru_cache(maxsize=4)
def resources(directory: str | None = None) -> Resources:
    base = Path(directory) if directory else models_dir()
    english = base / "english"
    glossary: dict[str, Gloss] = {}
    for row in read_tsv(english / "glossary.tsv"):
        glossary[row["zh"]] = Gloss(row["zh"], row["en"], row["kind"], row.get("prep", ""))
    words = [g.zh for g in glossary.values() if g.kind in ("term", "role", "time", "per")]
    units = [g.zh for g in glossary.values() if g.kind in ("unit", "counter")]
    titles: list[tuple[str, str]] = []
    titles_path = base / "entities" / "titles.tsv"
    if titles_path.exists():
        titles = [(r["title"], r["name_en"]) for r in read_tsv(titles_path) if r.get("title") and r.get("name_en")]
        titles.sort(key=lambda t: len(t[0]), reverse=True)
    data = tomllib.loads((english / "templates.toml").read_text(encoding="utf-8"))
    return Resources(glossary=glossary, term_regex=re.compile(literal_alternation(words)),
                     unit_regex=re.compile(literal_alternation(units)), titles=titles,
                     labels=data["labels"], templates=data["templates"])


# ---------------------------------------------------------------- small helpers

def zh_quote(text: str) -> str:
    """Chinese that has no English rendering: quoted and marked. Corner brackets inside (Hong Kong and Taiwan
    texts quote with 「」) become the nested form 『』, so the quote stays one quote."""
    return f"「{text.translate(_NESTED_QUOTES)}」 (zh)"


_NESTED_QUOTES = str.maketrans("「」", "『』")


def _cjk_to_quotes(text: str) -> str:
    """Any run of Chinese left in an English string is quoted and marked, never mixed in."""
    return CJK_RUN.sub(lambda m: zh_quote(m.group(0).rstrip("，,、.")), text) if CJK.search(text) else text


def _join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


_TIME_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?:到|至|截至)?(\d{4})年?[-—–至到](\d{4})年"), "in {0}–{1}"),
    (re.compile(r"(?:到|至)(\d{4})年(?:前|底|末)?"), "by {0}"),
    (re.compile(r"(\d{4})年(?:前|以前)"), "by {0}"),
    (re.compile(r"(\d{4})年(?:底|末)"), "at the end of {0}"),
    (re.compile(r"截至(\d{4})年"), "as of {0}"),
    (re.compile(r"(\d{4})年"), "in {0}"),
]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
             "十一": 11, "十二": 12}
_DATE = re.compile(
    r"(?P<pre>到|至|截至|于)?(?P<rel>今年|明年|去年|同年|当年)?(?:(?P<year>\d{4})年)?"
    r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?!份?[之的]?(?:内|以来))(?:份)?(?:(?P<day>[1-3]?\d)[日号])?"
    r"(?P<post>起|前|以前|之前|底|末|初|上旬|中旬|下旬)?")
_REL_EN = {"今年": "this year", "明年": "next year", "去年": "last year", "同年": "the same year", "当年": "that year"}
_DATE_PREFIX = {"起": "from", "前": "before", "以前": "before", "之前": "before", "底": "by the end of",
                "末": "by the end of", "初": "in early", "上旬": "in early", "中旬": "in mid-", "下旬": "in late"}


_DAY_DATE = re.compile(r"\b\d{1,2} (?:" + "|".join(_MONTHS) + r")\b")


def _date_en(match: re.Match) -> Optional[str]:
    """"2026年12月1日起" -> "from 1 December 2026", "明年3月31日前" -> "before 31 March next year"."""
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else _CN_MONTH[month_text]
    year, rel, day = match.group("year"), match.group("rel"), match.group("day")
    if year is None and rel is None and day is None:
        return None   # a bare 3月 may be a duration or a list item; only anchored dates are rendered
    if year is not None and not 1900 <= int(year) <= 2100:
        return None
    if day is not None and not 1 <= int(day) <= 31:
        return None
    date = " ".join(x for x in (day, _MONTHS[month - 1], year, _REL_EN.get(rel or "")) if x)
    prefix = _DATE_PREFIX.get(match.group("post") or "")
    if prefix == "by the end of" and match.group("pre") == "截至":
        prefix = "as of the end of"
    if prefix is None:
        prefix = {"到": "by", "至": "by", "截至": "as of"}.get(match.group("pre") or "", "on" if day else "in")
    return f"{prefix}{date}" if prefix.endswith("-") else f"{prefix} {date}"


def time_expressions(text: str) -> list[tuple[int, int, str]]:
    """Dates ("2026年12月1日起" -> "from 1 December 2026"), years and year ranges ("到2030年" -> "by 2030"),
    left to right, not overlapping."""
    out: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    if "月" in text:  # every date has a month
        for match in _DATE.finditer(text):
            en = _date_en(match)
            if en is not None:
                taken.append((match.start(), match.end()))
                out.append((match.start(), match.end(), en))
    if "年" not in text:  # nor a year without 年: most sentences have neither
        return sorted(out)
    for regex, template in _TIME_PATTERNS:
        for match in regex.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            years = match.groups()
            if not all(1900 <= int(y) <= 2100 for y in years):
                continue
            taken.append((match.start(), match.end()))
            out.append((match.start(), match.end(), template.format(*years)))
    return sorted(out)


# ---------------------------------------------------------------- per-document index

@dataclass
class Element:
    start: int           # document offset
    end: int
    kind: str            # entity, money, quantity, measure, time, term, role, per
    en: str
    key: str = ""        # entity id, money index...
    gloss: Optional[Gloss] = None


@dataclass
class Figure:
    kind: str                     # money, percent, multiple, fraction, measure
    text: str                     # English value ("US$7.4 billion (≈ ¥1.05 trillion)")
    value_text: str               # the value alone
    sentence_ids: list[int]
    start: int
    details: list[str]
    role: str = ""
    actor: str = ""
    topic: str = ""
    score: float = 0.0
    usd: float = 0.0
    qualifier: str = ""           # of a money figure: exact, approx, more_than, less_than, range


class _Doc:
    """Indices over one document, built once per summary (linear in the document's size)."""

    def __init__(self, document: Document, res: Resources):
        self.d = document
        self.res = res
        self.sent_starts = [s.start for s in document.sentences]
        self.entries = {e.entity_id: e for e in document.entity_index}
        self.names = {e.entity_id: self._inline_name(e) for e in document.entity_index}
        self.mentions_by_sentence: dict[int, list] = defaultdict(list)
        for m in document.entities:
            sid = m.sentence_id if m.sentence_id is not None else self.sentence_of(m.start)
            if sid is not None:
                self.mentions_by_sentence[sid].append(m)
        self.money_by_sentence: dict[int, list[int]] = defaultdict(list)
        for i, m in enumerate(document.money):
            if m.sentence_id is not None:
                self.money_by_sentence[m.sentence_id].append(i)
        self.quantities_by_sentence: dict[int, list] = defaultdict(list)
        for q in document.quantities:
            if q.sentence_id is not None:
                self.quantities_by_sentence[q.sentence_id].append(q)
        self._elements: dict[int, list[Element]] = {}
        self._money_en: list[Optional[str]] = [None] * len(document.money)
        self._token_ends: Optional[set[int]] = None
        # the title and the first three body sentences: where an article states what it is about
        self.title_ids = {s.id for s in document.sentences if s.kind == "title"}
        self.opening_ids = self.title_ids | set([s.id for s in document.sentences if s.kind == "body"][:3])

    def ends_a_word(self, pos: int) -> bool:
        """Whether a token ends at `pos` (true for a document without tokens)."""
        if self._token_ends is None:
            self._token_ends = {t.end for t in self.d.tokens}
        return not self._token_ends or pos in self._token_ends

    def money_en(self, i: int) -> str:
        """`format_money(money[i])`, made once: the elements, the figures and the checks all use it."""
        text = self._money_en[i]
        if text is None:
            text = self._money_en[i] = _with_written_decimals(format_money(self.d.money[i]), self.d.money[i])
        return text

    # -- names
    def _inline_name(self, entry) -> str:
        if not entry.name_en:
            return zh_quote(entry.name_zh)
        if entry.name_en_source == "transliteration" and entry.label != "PERSON":
            return zh_quote(entry.name_zh)
        if entry.name_en_source == "dictionary" and entry.name_en_method != "composed" \
                and entry.label not in ("PERSON", "GPE", "LOC"):
            # a word-by-word dictionary gloss of an organisation's name is not its English name; a name composed
            # of known parts (a listed place and a listed head: 省政府 → Sichuan Provincial People's Government) is
            return zh_quote(entry.name_zh)
        return entry.name_en

    def sentence_of(self, pos: int) -> Optional[int]:
        i = bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and pos < self.d.sentences[i].end:
            return i
        return None

    # -- elements of a sentence: everything the summary can say in English about it
    def elements(self, sid: int) -> list[Element]:
        cached = self._elements.get(sid)
        if cached is not None:
            return cached
        sentence = self.d.sentences[sid]
        base, text = sentence.start, sentence.text
        out: list[Element] = []
        taken: list[tuple[int, int]] = []

        def free(s: int, e: int) -> bool:
            return not any(a < e and s < b for a, b in taken)

        for m in self.mentions_by_sentence.get(sid, ()):
            out.append(Element(m.start, m.end, "entity", self.names.get(m.entity_id, zh_quote(m.text)), m.entity_id))
            taken.append((m.start, m.end))
        for i in self.money_by_sentence.get(sid, ()):
            m = self.d.money[i]
            if free(m.start, m.end):
                out.append(Element(m.start, m.end, "money", self.money_en(i), str(i)))
                taken.append((m.start, m.end))
        for q in self.quantities_by_sentence.get(sid, ()):
            if free(q.start, q.end):
                out.append(Element(q.start, q.end, "quantity",
                                   format_quantity(q.kind, q.value, q.qualifier, getattr(q, "value_max", None)), q.kind))
                taken.append((q.start, q.end))
        for s, e, en in time_expressions(text):
            if free(base + s, base + e):
                out.append(Element(base + s, base + e, "time", en))
                taken.append((base + s, base + e))
        for s, e, en, qual in self._measures(text, base, taken):
            out.append(Element(s, e, "measure", format_measure(en[0], en[1], qual)))
            taken.append((s, e))
        for match in self.res.term_regex.finditer(text):
            s, e = base + match.start(), base + match.end()
            if free(s, e):
                gloss = self.res.glossary[match.group(0)]
                out.append(Element(s, e, gloss.kind, gloss.en, gloss=gloss))
                taken.append((s, e))
        out.sort(key=lambda el: el.start)
        self._elements[sid] = out
        return out

    def _noun_before(self, text: str, start: int) -> str | None:
        """The glossary noun ending right before a number, across a qualifier (卫星约13,000颗)."""
        stop = start
        while stop > 0 and text[stop - 1] in "约近逾超过了达到为有共计":
            stop -= 1
        for match in self.res.term_regex.finditer(text, max(0, stop - 6), stop):
            if match.end() == stop and self.res.glossary[match.group(0)].kind == "term":
                return self.res.glossary[match.group(0)].en
        return None

    def _measures(self, text: str, base: int, taken: list[tuple[int, int]]):
        from pipeline.figures.numerals import blocked_positions, scan_numbers

        if not NUMERAL_CHAR.search(text):
            return []
        # a measure is a number followed by 年 or by a unit (after 多/余): only numbers that start
        # before the last 年 and before the end of the last unit can be one
        stop = text.rfind("年")
        for unit in self.res.unit_regex.finditer(text):
            stop = max(stop, unit.end())
        if stop <= 0:
            return []
        out = []
        for num in scan_numbers(text, blocked=blocked_positions(text), stop=stop):   # 最后一公里 is an idiom, not 1 km
            s, e = num.start, num.end
            if any(a < base + e and base + s < b for a, b in taken):
                continue
            if getattr(num, "letter_after", False):
                # 5G, H20 are names; 20GWh is a number with a unit symbol (a Latin unit of the glossary)
                symbol = self.res.unit_regex.match(text, e)
                if not (symbol and symbol.group(0).isascii() and not text[symbol.end():symbol.end() + 1].isalpha()):
                    continue
            if s > 0 and text[s - 1] == "每":
                continue        # 每一颗卫星, 每3年: "each", "every", not a count or a duration
            if e < len(text) and text[e] == "年":
                # 需要12年到15年: a duration; 2026年 is a year (time_expressions), 年代/年级/年度 are not durations
                if num.value >= 100 or num.value_max is not None or text[e + 1:e + 2] in ("代", "级", "度", "初", "底", "末"):
                    continue
                out.append((base + s, base + e + 1, (num.value, "years" if num.value != 1 else "year"), "exact"))
                continue
            pos = e
            if pos < len(text) and text[pos] in "多余":
                pos += 1
            match = self.res.unit_regex.match(text, pos)
            if not match:
                continue
            gloss = self.res.glossary[match.group(0)]
            end = match.end()
            unit = gloss.en
            if unit in _DURATION_UNITS and num.value <= 1:
                continue        # 一天, 一小时: a rate (每…一小时) or a phrase (总有一天), not a figure
            if gloss.kind == "counter":
                if num.value <= 1:
                    continue    # 一位卫星工程师: "a" or "one", no figure (and the noun after it need not be what is counted)
                size = _SIZE_BEFORE_NOUN.match(text, end)   # 3万片12英寸晶圆: 30,000 12-inch wafers
                noun = self.res.term_regex.match(text, size.end() if size else end)
                if noun and (self.res.glossary[noun.group(0)].kind != "term" or not self.ends_a_word(base + noun.end())):
                    noun = None     # 约8,000台光伏水泵: 光伏 (solar power) begins the word, it is not what is counted
                if noun:
                    unit, end = self.res.glossary[noun.group(0)].en, noun.end()
                    if size:
                        unit = f"{size.group(1)}-inch {unit}"
                elif not unit and (noun_before := self._noun_before(text, s)):
                    unit = noun_before      # 规划卫星约13,000颗: the noun stands before the number
                elif not unit or (unit != "people" and num.value < 10) or num.value <= 1:
                    # "两家巨头", "四项合计": a small count of something the glossary cannot name; larger
                    # counts (约4,700家) take the counter's default noun
                    continue
            qualifier = "exact"
            before = text[max(0, s - 2):s]
            after = text[end:end + 2]
            if num.more or text[e:e + 1] in "多余" or after.startswith(("以上", "多")) or before.endswith(("超过", "逾", "超")):
                qualifier = "more_than"
            elif before.endswith(("不到", "不足", "低于")) or after.startswith("以下"):
                qualifier = "less_than"
            elif before.endswith(("约", "大约", "近", "将近", "约合")) or after.startswith("左右"):
                qualifier = "approx"
            value = num.value if num.value_max is None else num.value
            out.append((base + s, base + end, (value, unit), qualifier))
        return out

    # -- clause around a position, for figures
    def clause(self, sid: int, start: int, end: int) -> tuple[int, int]:
        sentence = self.d.sentences[sid]
        text, base = sentence.text, sentence.start
        left = 0
        for match in CLAUSE_BREAK.finditer(text, 0, max(0, start - base)):
            left = match.end()
        right_match = CLAUSE_BREAK.search(text, max(0, end - base))
        right = right_match.start() if right_match else len(text)
        # a bracketed restatement "(约1.05万亿日元)" stays inside the clause
        return base + left, base + right

    def gist(self, sid: int, start: int | None = None, end: int | None = None, *, exclude: set[str] = frozenset()) -> list[str]:
        """What can be said in English about a sentence (or a span of it), in reading order."""
        seen: list[str] = []
        elements = self.elements(sid)
        has_money = any(el.kind == "money" for el in elements)
        for el in elements:
            if start is not None and (el.end <= start or el.start >= end):
                continue
            if el.kind == "per" or (el.kind == "role" and not has_money) or el.en in exclude or not el.en:
                continue
            if el.en not in seen:
                seen.append(el.en)
        return seen


# ---------------------------------------------------------------- figures

_WRITTEN_DECIMAL = re.compile(r"(?<![\d.])\d{1,3}\.\d*0(?![\d.])")


def _with_written_decimals(english: str, money: Money) -> str:
    """A price written to the cent keeps its decimals: 每股收益6.20瑞士法郎 -> 6.20 Swiss francs, not 6.2 (only an
    amount under a thousand, written without a scale word; 22.60亿 is still 2.26 billion)."""
    if money.value_max is not None or not abs(money.value) < 1000:
        return english
    written = _WRITTEN_DECIMAL.search(money.text)
    if not written or Decimal(written.group(0)) != Decimal(repr(float(money.value))):
        return english
    plain = format(Decimal(written.group(0)).normalize(), "f")
    return english.replace(plain, written.group(0), 1) if plain in english else english

def _equivalent_text(money: Money) -> str:
    return format_amount(money.value, money.currency, value_max=money.value_max,
                         qualifier="exact" if money.qualifier == "approx" else money.qualifier)


_DURATION_UNITS = frozenset(("days", "hours", "weeks", "months"))


def _round_sig(value: float, digits: int = 3) -> Decimal:
    d = Decimal(repr(value))
    if d == 0:
        return d
    shift = digits - d.adjusted() - 1
    return d.scaleb(shift).quantize(Decimal(1)).scaleb(-shift)


def _figure_context(ix: _Doc, sid: int, start: int, end: int, own: set[tuple[int, int]]):
    """(role gloss, actor name, terms, times, per) of the clause around a value."""
    c_start, c_end = ix.clause(sid, start, end)
    elements = [el for el in ix.elements(sid) if c_start <= el.start and el.end <= c_end]
    roles = [el for el in elements if el.kind == "role"]
    actors = [el for el in elements if el.kind == "entity" and ix.entries.get(el.key)
              and ix.entries[el.key].label in ACTOR_LABELS and el.start < start]
    terms = [el for el in elements if el.kind == "term"]
    if not roles and not actors and not terms and c_start > ix.d.sentences[sid].start:
        # "…营业收入…，达到两千多亿元": the clause before says what the amount is
        p_start, _ = ix.clause(sid, c_start - 2, c_start - 1)
        previous = [el for el in ix.elements(sid) if p_start <= el.start and el.end <= c_start]
        roles = [el for el in previous if el.kind == "role"]
        actors = [el for el in previous if el.kind == "entity" and ix.entries.get(el.key)
                  and ix.entries[el.key].label in ACTOR_LABELS]
        terms = [el for el in previous if el.kind == "term"]
    elif roles and not actors and not terms and c_start > ix.d.sentences[sid].start \
            and all(el.gloss is not None and el.gloss.prep == "of" for el in roles):
        # "发行海外可转换公司债，规模约US$3亿至US$5亿": a measure (规模 = size of …) whose clause names nothing is the
        # measure of what the clause before names
        p_start, _ = ix.clause(sid, c_start - 2, c_start - 1)
        terms = [el for el in ix.elements(sid) if p_start <= el.start and el.end <= c_start and el.kind == "term"]
    role = None
    before = [el for el in roles if el.end <= start]
    # a role word after the amount counts only right after it: "66亿美元的直接补助", not "…的政策性资金、税收优惠"
    after = [el for el in roles if end <= el.start <= end + 2]
    if before:
        role = before[-1]
    elif after:
        role = after[0]
    actor = actors[0].en if actors else ""
    term_names: list[str] = []
    for el in terms:
        if el.en not in term_names:
            term_names.append(el.en)
    times = [el.en for el in elements if el.kind == "time"]
    per = next((el.en for el in elements if el.kind == "per" and el.start >= end and el.start - end <= 3), "")
    if not per:
        per = next((el.en for el in elements if el.kind == "per" and el.end <= start and start - el.end <= 2), "")
    return role, actor, term_names[:3], times[:2], per


def _figure_details(role, actor: str, terms: list[str], times: list[str]) -> tuple[list[str], str]:
    details: list[str] = []
    role_text = ""
    if role is not None:
        prep = role.gloss.prep if role.gloss else "by"
        if actor:
            role_text = f"{role.en} {prep} {actor}"
        elif prep == "of" and terms:
            role_text = f"{role.en} of {terms[0]}"
            terms = terms[1:]
        else:
            role_text = role.en
        details.append(role_text)
    elif actor:
        details.append(actor)
    details.extend(terms)
    details.extend(times)
    return details, role_text


def build_figures(ix: _Doc) -> list[Figure]:
    d = ix.d
    figures: list[Figure] = []
    equivalents: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(d.money):
        if m.equivalent_of is not None and 0 <= m.equivalent_of < len(d.money) and m.equivalent_of != i:
            equivalents[m.equivalent_of].append(i)
    title_ids = ix.title_ids
    body_ids = ix.opening_ids - title_ids
    groups: dict[tuple, Figure] = {}
    for i, m in enumerate(d.money):
        if m.equivalent_of is not None or m.sentence_id is None:
            continue
        role, actor, terms, times, per = _figure_context(ix, m.sentence_id, m.start, m.end, set())
        value = ix.money_en(i) + (f" {per}" if per else "")
        eq = [d.money[j] for j in equivalents.get(i, [])]
        if eq:
            value_full = f"{value} (≈ {'; '.join(_equivalent_text(e) for e in eq)})"
        elif m.currency != "USD" and m.usd_value and (m.usd_rate_source or "").startswith("reference"):
            usd = format_amount(_round_sig(float(m.usd_value)), "USD",
                                value_max=_round_sig(float(m.usd_value_max)) if m.usd_value_max else None,
                                qualifier="range" if m.usd_value_max else "exact")
            value_full = f"{value} (≈ {usd} at the reference rate)"
        else:
            value_full = value
        details, role_text = _figure_details(role, actor, terms, times)
        key = (m.currency, m.value, m.value_max, m.qualifier)
        existing = groups.get(key)
        if existing is not None and not eq and (not details or details == existing.details or role is None and not actor):
            if m.sentence_id not in existing.sentence_ids:
                existing.sentence_ids.append(m.sentence_id)
                existing.score += 1
            continue
        score = (5 if m.sentence_id in title_ids else 0) + (2 if m.sentence_id in body_ids else 0) + (1 if eq else 0) \
            + (1 if role is not None else 0)
        sentence_ids = [m.sentence_id] + [e.sentence_id for e in eq if e.sentence_id not in (None, m.sentence_id)]
        fig = Figure("money", value_full, ix.money_en(i), sentence_ids, m.start, details, role=role.en if role else "",
                     actor=actor, topic=terms[0] if terms else "", score=score, usd=float(m.usd_value or 0),
                     qualifier=m.qualifier or "")
        figures.append(fig)
        if existing is None:
            groups[key] = fig
    for q in d.quantities:
        if q.sentence_id is None:
            continue
        role, actor, terms, times, _ = _figure_context(ix, q.sentence_id, q.start, q.end, set())
        details, _ = _figure_details(role, actor, terms, times)
        text = format_quantity(q.kind, q.value, q.qualifier, getattr(q, "value_max", None))
        figures.append(Figure(q.kind, text, text, [q.sentence_id], q.start, details))
    for sid, sentence in enumerate(d.sentences):
        if not NUMERAL_CHAR.search(sentence.text):
            continue
        for el in ix.elements(sid):
            if el.kind != "measure":
                continue
            role, actor, terms, times, _ = _figure_context(ix, sid, el.start, el.end, set())
            details, _ = _figure_details(role, actor, [t for t in terms if t not in el.en], times)
            figures.append(Figure("measure", el.en, el.en, [sid], el.start, details))
    figures.sort(key=lambda f: f.start)
    return figures


def _figure_sentence(f: Figure) -> str:
    return f"{f.text}: {', '.join(f.details)}" if f.details else f.text


# ---------------------------------------------------------------- summary

def _labels(res: Resources, group: str, key: Optional[str]) -> str:
    if key is None:
        return ""
    return res.labels.get(group, {}).get(key, key.replace("_", " "))


def _topics(ix: _Doc) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for s in ix.d.sentences:
        if s.kind not in ("body", "title", "heading"):
            continue
        weight = 3 if s.kind in ("title", "heading") else 1
        for el in ix.elements(s.id):
            if el.kind == "term":
                counts[el.en] += weight
                first.setdefault(el.en, s.id)
    generic = {"risk", "competition", "uncertainty", "companies", "projects", "people"}
    ranked = [t for t, _ in counts.most_common() if t not in generic]
    return [(t, first[t]) for t in ranked[:MAX_TOPICS]]


# the names a byline field lists: 周岚、马晓宁 / 张三, 李四 / 张三/李四
_BYLINE_NAMES_SPLIT = re.compile(r"[、,，/ ]+")


def _byline_roles(document: Document) -> dict[str, str]:
    roles: dict[str, str] = {}
    byline = document.source.byline
    for role in BYLINE_NAME_ROLES:
        value = getattr(byline, role, None)
        if value:
            for part in _BYLINE_NAMES_SPLIT.split(value):
                if part:
                    roles.setdefault(part, role)
    return roles


def _actor_items(ix: _Doc, figures: list[Figure]) -> list[SummaryItem]:
    res, d = ix.res, ix.d
    mentions: dict[str, list] = defaultdict(list)
    for m in d.entities:
        mentions[m.entity_id].append(m)
    byline = _byline_roles(d)
    funded: dict[str, list[str]] = defaultdict(list)
    for f in figures:
        if f.kind == "money" and f.actor and f.role:
            funded[f.actor].append(f"{f.role} of {f.value_text}")
    order = sorted(d.entity_index, key=lambda e: (-e.mentions, min((m.start for m in mentions[e.entity_id]), default=0)))
    title_words = tuple(zh for zh, _ in res.titles)
    items = []
    for entry in order:
        ms = mentions.get(entry.entity_id, [])
        sids = sorted({m.sentence_id for m in ms if m.sentence_id is not None})
        name = ix.names[entry.entity_id]
        label = _labels(res, "entity", entry.label)
        notes = []
        source_note = (_labels(res, "name_method", entry.name_en_method) if entry.name_en_method else
                       _labels(res, "name_source", entry.name_en_source) if entry.name_en_source else "")
        if entry.name_en and name == entry.name_en:
            notes.append(zh_quote(entry.name_zh) + (f", {source_note}" if source_note else ""))
        elif entry.name_en and source_note:
            notes.append(f"{source_note}: {english_only(entry.name_en)}")
        roles: list[str] = []
        for m in ms:
            before = d.text[max(0, m.start - 8):m.start]
            after = d.text[m.end:m.end + 6]
            if not (before.endswith(title_words) or after.startswith(title_words)):
                continue  # most mentions have no title: one C-level test instead of the loop
            for zh, en in res.titles:
                if before.endswith(zh) or after.startswith(zh):
                    if en not in roles:
                        roles.append(en)
                    break
        for zh_name in dict.fromkeys([entry.name_zh, *entry.aliases, *(m.text for m in ms)]):   # ordered: same output in every process
            if zh_name in byline:
                role = _labels(res, "byline", byline[zh_name])
                if role not in roles:
                    roles.append(role)
        roles += funded.get(name, [])[:2]
        text = f"{name} ({label}{'; ' + '; '.join(notes) if notes else ''})"
        if roles:
            text += f": {', '.join(roles)}"
        text += f"; {_plural(entry.mentions, 'mention')}"
        if entry.label == "PERSON" and sids and not any(r in BYLINE_NAME_ROLES
                                                        for r in roles):
            context = [p for p in ix.gist(sids[0]) if p != name][:8]   # what the person is quoted or named for
            if context:
                text += f"; in s{sids[0]}: {', '.join(context)}"
        items.append(SummaryItem(text=text, sentence_ids=sids[:8], category=entry.label))
    return items


def _key_dates(ix: _Doc, limit: int = 3) -> list[tuple[str, int]]:
    """Deadlines and entries into force: day-precise dates, in reading order, each with what its
    sentence is about ("from 1 December 2026 (entry into force; period of validity)")."""
    found: list[tuple[str, int]] = []
    for sentence in ix.d.sentences:
        if sentence.kind != "body":
            continue
        for el in ix.elements(sentence.id):
            if el.kind == "time" and _DAY_DATE.search(el.en):
                about = [part for part in ix.gist(sentence.id) if part != el.en][:3]
                found.append((f"{el.en} ({'; '.join(about)})" if about else el.en, sentence.id))
    return found[:limit]


def _key_claims(ix: _Doc, claims: list) -> list:
    """The claims the summary lists: every recommendation, then the claims that carry the most facts."""
    def weight(c) -> float:
        kinds = Counter(el.kind for el in ix.elements(c.sentence_id))
        facts = kinds["money"] + kinds["quantity"] + kinds["measure"] + kinds["time"]
        named = kinds["entity"] + kinds["term"]
        # a day-precise date is usually a deadline or an entry into force: what an analyst diarises
        dated = any(el.kind == "time" and _DAY_DATE.search(el.en) for el in ix.elements(c.sentence_id))
        return (c.confidence + 0.4 * min(facts, 2) + 0.1 * min(named, 4) + (0.5 if dated else 0)
                + (0.3 if c.type in ("recommendation", "forecast") else 0) + (0.2 if c.text_en else 0))
    listed = _list_items(ix, claims)
    chosen = [c for c in claims if c.type == "recommendation" or c.sentence_id in listed]
    chosen = chosen[:MAX_CLAIMS // 2]
    # only a recommendation can equal a chosen claim: the test (a model __eq__ per pair) is skipped for the rest
    rest = sorted((c for c in claims if c.type != "recommendation" or c not in chosen),
                  key=lambda c: (-weight(c), c.sentence_id))
    return chosen + rest[:MAX_CLAIMS - len(chosen)]


# 第一，… 第二，… / 一是… / 其一，… / 首先，…: the items of a list
_LIST_ITEM = re.compile(r"^\s*(?:第[一二三四五六七八九十]{1,2}[，,、：:]|其[一二三四五六七八九十][，,、：:]|[一二三四五六七八九十]是|"
                        r"首先[，,]|其次[，,]|再次[，,]|最后[，,])")


def _list_items(ix: _Doc, claims: list) -> set[int]:
    """Sentences listing what a recommendation announces ("政府至少应做到三件事。" then 第一，… 第二，…): the
    items are the recommendations themselves, so they are chosen with it. The list must start right after
    the recommendation; it runs while sentences start with an item marker."""
    sentences = ix.d.sentences
    items: set[int] = set()
    for claim in claims:
        if claim.type != "recommendation":
            continue
        sid = claim.sentence_id + 1
        while sid < len(sentences) and sentences[sid].kind == "body" and _LIST_ITEM.match(sentences[sid].text):
            items.add(sid)
            sid += 1
    return items


def _content(ix: _Doc, sid: int, text_en: Optional[str]) -> str:
    if text_en:
        return text_en
    parts = ix.gist(sid)
    if not parts:
        return zh_quote(ix.d.sentences[sid].text)
    return "mentions " + "; ".join(parts)


def _attribution(ix: _Doc, attribution: str) -> str:
    if not attribution or attribution == "author":
        return ""
    gloss = ix.res.glossary.get(attribution)
    if gloss is not None and gloss.kind == "source":
        return f", attributed to {gloss.en}"
    for m in ix.d.entities:
        if m.text == attribution or attribution.startswith(m.text) or attribution.endswith(m.text):
            return f", attributed to {ix.names.get(m.entity_id, zh_quote(m.text))}"
    return f", attributed to {zh_quote(attribution)}"


def _is_zh_quoted(name: str) -> bool:
    return name.startswith("「") and name.endswith("(zh)")


def _headline_subject(ix: _Doc, central: Optional[Figure], actor_entries: list) -> str:
    """Whom the headline is about: the actor with an English name that the article names most often, counting
    a name in the title (the author's own choice of subject) and the central figure's actor a few mentions more;
    a name quoted in Chinese only when no actor has an English one."""
    in_title = {m.entity_id for m in ix.d.entities if m.sentence_id in ix.title_ids}
    central_actor = central.actor if central else ""

    def weight(entry) -> tuple[int, int]:
        name = ix.names[entry.entity_id]
        return (entry.mentions + (3 if entry.entity_id in in_title else 0) + (2 if name == central_actor else 0),
                entry.entity_id in in_title)

    english = [e for e in actor_entries if not _is_zh_quoted(ix.names[e.entity_id])]
    if english:
        return ix.names[max(english, key=weight).entity_id]
    return central_actor or (ix.names[actor_entries[0].entity_id] if actor_entries else "")


def _stance_target(ix: _Doc) -> str:
    stance = ix.d.stance
    if stance.target_en:
        return stance.target_en
    if not stance.target:
        return "the article's subject"
    english: list[str] = []
    target = stance.target
    for entry in ix.d.entity_index:
        for form in (entry.name_zh, *entry.aliases):
            if form and form in target and ix.names[entry.entity_id] not in english:
                english.append(ix.names[entry.entity_id])
    for match in ix.res.term_regex.finditer(target):
        gloss = ix.res.glossary[match.group(0)]
        if gloss.kind == "term" and gloss.en not in english:
            english.append(gloss.en)
    if english:
        return f"{' / '.join(english[:3])} ({zh_quote(target)})"
    return zh_quote(target)


def build_summary(document: Document, *, translations: dict[int, Optional[str]] | None = None) -> SummaryEn:
    """Structured English summary from the facts already extracted into `document`.

    `translations` (sentence id -> English, from `pipeline.translation.add_translations`) is used
    for stance evidence; claims, risks and opportunities use their own `text_en`.
    """
    from pipeline.figures.resources import pinned_models_key

    with pinned_models_key():  # the numbers of the measures are read with one set of data files
        return _build_summary(document, translations)


def _build_summary(document: Document, translations: dict[int, Optional[str]] | None) -> SummaryEn:
    res = resources()
    ix = _Doc(document, res)
    t = res.templates
    summary = SummaryEn()
    figures = build_figures(ix)
    money_figures = [f for f in figures if f.kind == "money"]
    ranked = sorted(money_figures, key=lambda f: (-(f.score + len(f.sentence_ids)), -f.usd, f.start))
    central = ranked[0] if ranked else None
    topics = _topics(ix)
    actor_entries = [e for e in sorted(document.entity_index, key=lambda e: -e.mentions)
                     if e.label in ("GPE", "ORG", "PROGRAM") and e.name_en]
    byline_names = set(_byline_roles(document))
    actor_entries = [e for e in actor_entries if e.name_zh not in byline_names]
    lead_actor = _headline_subject(ix, central, actor_entries)

    # headline: the central figure, unless it is one of a schedule of ceilings the opening does not state (the
    # per-company caps of a measures notice: "最高不超过500万元"), which says less about the article than its topics
    ceilings = {(m.value, m.currency) for m in document.money if m.qualifier == "less_than"}
    if central is not None and (central.qualifier != "less_than" or len(ceilings) < 3
                                or ix.opening_ids.intersection(central.sentence_ids)):
        role = central.role
        # the figure's own term first, else the article's main topic; never the role said again ("exports in exports")
        topic = next((tp for tp in [central.topic, *(tp for tp, _ in topics)] if tp and tp != role), "")
        if role and central.actor and central.actor != lead_actor and not _is_zh_quoted(central.actor):
            role = f"{role} by {central.actor}"
        summary.headline = t["headline_figure"].format(
            actor=lead_actor or "Article", amount=central.value_text, role=f" {role}" if role else "",
            topic=f" in {topic}" if topic else "")
    elif topics:
        summary.headline = t["headline_topics"].format(actor=lead_actor or "Article",
                                                       topics=_join([tp for tp, _ in topics[:3]]))
    elif document.source.title:
        summary.headline = zh_quote(document.source.title)

    # key figures
    for f in figures:
        summary.key_figures.append(SummaryItem(text=_figure_sentence(f), sentence_ids=f.sentence_ids, category=f.kind))

    # actors
    summary.actors = _actor_items(ix, figures)

    # claims
    claims = _key_claims(ix, document.claims)
    for c in sorted(claims, key=lambda c: c.sentence_id):
        summary.key_claims.append(SummaryItem(
            text=t["claim"].format(type=_labels(res, "claim_type", c.type), hedged=" (hedged)" if c.hedged else "",
                                   attribution=_attribution(ix, c.attribution),
                                   content=_content(ix, c.sentence_id, c.text_en)),
            sentence_ids=[c.sentence_id], category=c.type))

    # risks and opportunities, grouped by category
    order = list(res.labels["risk_category"])
    for r in sorted(document.risks, key=lambda r: (order.index(r.category) if r.category in order else 99, r.sentence_id)):
        summary.risks.append(SummaryItem(
            text=t["risk"].format(category=_labels(res, "risk_category", r.category),
                                  content=_content(ix, r.sentence_id, r.text_en)),
            sentence_ids=[r.sentence_id], category=r.category))
    for o in sorted(document.opportunities, key=lambda o: o.sentence_id):
        parts = ix.gist(o.sentence_id)
        category = next((el.en for el in ix.elements(o.sentence_id) if el.kind == "term"), None)
        summary.opportunities.append(SummaryItem(
            text=t["opportunity"].format(content=_content(ix, o.sentence_id, o.text_en)),
            sentence_ids=[o.sentence_id], category=category))

    # stance
    stance = document.stance
    if stance.label:
        target = _stance_target(ix)
        evidence = []
        for sid in stance.evidence[:5]:
            if 0 <= sid < len(document.sentences):
                english = (translations or {}).get(sid)
                evidence.append(f"[s{sid}] " + _content(ix, sid, english))
        score = f" (score {stance.score:+.2f})" if stance.score is not None else ""
        summary.stance = SummaryItem(
            text=t["stance_item"].format(target=target, label=stance.label, score=score,
                                         evidence=" | ".join(evidence) if evidence else "none cited"),
            sentence_ids=list(stance.evidence), category=stance.label)

    # numeric checks
    money_texts = sorted(((m.text, ix.money_en(i)) for i, m in enumerate(document.money)), key=lambda p: -len(p[0]))
    for check in document.numeric_checks:
        sid = check.sentence_id
        if check.start is not None and check.end is not None:
            parts = ix.gist(sid, check.start, check.end)
        else:
            parts = ix.gist(sid)
        claim = "; ".join(parts) if parts else zh_quote(check.claim_text)
        computation = check.computation
        for zh, en in money_texts:
            if zh in computation:
                computation = computation.replace(zh, en)
        computation = _cjk_to_quotes(computation)
        summary.numeric_checks.append(SummaryItem(
            text=t["check"].format(verdict=_labels(res, "verdict", check.verdict), claim=claim, computation=computation),
            sentence_ids=[sid], category=check.verdict))

    # abstract: 3-6 sentences, each from the items above
    abstract: list[SummaryItem] = []
    top_actors = actor_entries[:4]
    if topics or top_actors:
        actor_sids = []
        for e in top_actors:
            first = next((m.sentence_id for m in document.entities if m.entity_id == e.entity_id
                          and m.sentence_id is not None), None)
            if first is not None:
                actor_sids.append(first)
        sids = sorted({sid for _, sid in topics[:4]} | set(actor_sids))
        names = [ix.names[e.entity_id] for e in top_actors]
        text = (t["overview"] if names else t["overview_no_actors"]).format(
            topics=_join([tp for tp, _ in topics[:4]]) or "the figures below", actors=_join(names))
        abstract.append(SummaryItem(text=text, sentence_ids=sids, category="overview"))
    if central is not None:
        abstract.append(SummaryItem(text=t["central_figure"].format(figure=_figure_sentence(central)),
                                    sentence_ids=central.sentence_ids, category="figure"))
        others = [f for f in ranked[1:4]]
        if others:
            abstract.append(SummaryItem(
                text=t["other_figures"].format(figures="; ".join(_figure_sentence(f) for f in others)),
                sentence_ids=sorted({sid for f in others for sid in f.sentence_ids}), category="figure"))
    dates = _key_dates(ix)
    if dates:
        abstract.append(SummaryItem(text=t["dates"].format(dates="; ".join(text for text, _ in dates)),
                                    sentence_ids=sorted({sid for _, sid in dates}), category="dates"))
    if document.risks or document.opportunities:
        cats = Counter(_labels(res, "risk_category", r.category).lower() for r in document.risks)
        risk_text = _plural(len(document.risks), "risk")
        if cats:
            risk_text += f" ({_join([c for c, _ in cats.most_common(3)])})"
        abstract.append(SummaryItem(
            text=t["argument"].format(risks=risk_text, opportunities=_plural(len(document.opportunities), "opportunity").replace("opportunitys", "opportunities")),
            sentence_ids=sorted({r.sentence_id for r in document.risks} | {o.sentence_id for o in document.opportunities})[:10],
            category="argument"))
    if stance.label:
        abstract.append(SummaryItem(text=t["stance"].format(target=_stance_target(ix), label=stance.label),
                                    sentence_ids=list(stance.evidence), category="stance"))
    if document.numeric_checks and len(abstract) < MAX_ABSTRACT:
        verdicts = Counter(c.verdict for c in document.numeric_checks)
        abstract.append(SummaryItem(
            text=t["checks"].format(count=len(document.numeric_checks), consistent=verdicts["consistent"],
                                    inconsistent=verdicts["inconsistent"], unverifiable=verdicts["unverifiable"]),
            sentence_ids=sorted({c.sentence_id for c in document.numeric_checks}), category="numeric_checks"))
    if len(abstract) < 3:
        for f in ranked[4:] + [f for f in figures if f.kind != "money"]:
            if len(abstract) >= 3:
                break
            abstract.append(SummaryItem(text=_figure_sentence(f) + ".", sentence_ids=f.sentence_ids, category="figure"))
    summary.abstract = abstract[:MAX_ABSTRACT]
    _no_salad(summary)
    return summary


_ZH_QUOTED = re.compile(r"「[^」]*」 \(zh\)")


def english_only(text: str) -> str:
    """Chinese outside a 「…」 (zh) quote is quoted and marked: no mixed word salad."""
    if not CJK.search(text):
        return text
    out, pos = [], 0
    for match in _ZH_QUOTED.finditer(text):
        out.append(_cjk_to_quotes(text[pos:match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(_cjk_to_quotes(text[pos:]))
    return "".join(out)


def _no_salad(summary: SummaryEn) -> None:
    if summary.headline:
        summary.headline = english_only(summary.headline)
    for name in ("abstract", "key_figures", "actors", "key_claims", "risks", "opportunities", "numeric_checks"):
        for item in getattr(summary, name):
            item.text = english_only(item.text)
    if summary.stance:
        summary.stance.text = english_only(summary.stance.text)


# ---------------------------------------------------------------- Markdown

def _zh(text: str) -> str:
    return zh_quote(text)


def _quote_sentences(document: Document, sentence_ids: list[int], limit: int = 3) -> str:
    quoted = [(i, document.sentences[i].text) for i in sentence_ids if 0 <= i < len(document.sentences)]
    more = len(quoted) - limit
    text = " / ".join(f"[s{i}] {t}" for i, t in quoted[:limit])
    return text + (f" / (+{more} more: {', '.join(f's{i}' for i, _ in quoted[limit:])})" if more > 0 else "")


def _table(document: Document, items: list[SummaryItem]) -> list[str]:
    lines = ["| English | Chinese source |", "|---|---|"]
    for item in items:
        lines.append(f"| {_cell(item.text)} | {_cell(_quote_sentences(document, item.sentence_ids))} |")
    return lines


def byline_parts(value: str, names_en: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """A byline field's names as written, each with its English name from `source.byline.names_en`
    (zh -> English) or None; the whole value as one part when none of its names has one."""
    def english(part: str) -> str | None:
        # a source named with its column (欧亚观察专栏) is named without it (欧亚观察)
        return names_en.get(part) or next((en for zh, en in names_en.items() if len(zh) >= 2 and part.startswith(zh)),
                                          None)

    parts = [value] if value in names_en else [p for p in _BYLINE_NAMES_SPLIT.split(value) if p]
    named = [(p, english(p)) for p in parts]
    return named if any(en for _, en in named) else [(value, None)]


def byline_names_en(byline: Mapping[str, Any]) -> dict[str, str]:
    """zh -> English of `source.byline.names_en` in a document's JSON (as the tables and the HTML report read it)."""
    return {zh: named.get("name_en") for zh, named in (byline.get("names_en") or {}).items()}


def _byline_value(value: str, names: dict[str, BylineName]) -> str:
    """'Zhou Lan 「周岚」 (zh)'; the Chinese alone where the byline has no English name."""
    parts = byline_parts(value, {zh: n.name_en for zh, n in names.items()})
    return ", ".join(f"{en} {zh_quote(zh)}" if en else _zh(zh) for zh, en in parts)


def render_markdown(document: Document) -> str:
    summary = document.summary_en
    source = document.source
    lines = [f"# {summary.headline or (_zh(source.title) if source.title else document.doc_id)}", ""]
    if source.title:
        lines.append(f"- Original title: {_zh(source.title)}")
    lines.append(f"- Document: `{document.doc_id}` ({source.format}, {source.encoding}, "
                 f"{'converted from Traditional Chinese' if source.script == 'traditional' else 'Simplified Chinese'})")
    roles = [(role.replace("_", " "), getattr(source.byline, role))
             for role in (*BYLINE_NAME_ROLES, "dateline", "document_number")]
    byline = "; ".join(f"{role}: {_byline_value(value, source.byline.names_en)}"
                       if role != "document number" else f"{role}: {_zh(value)}" for role, value in roles if value)
    if byline:
        lines.append(f"- Byline: {byline}")
    if source.published:
        lines.append(f"- Published: {source.published}")
    lines.append(f"- {len(document.sections)} sections, {len(document.sentences)} sentences, "
                 f"{len(document.text):,} characters")
    lines.append(f"- Pipeline {document.provenance.pipeline_version}; components: "
                 f"{', '.join(document.provenance.components)}")
    translated = any(x.text_en for x in (*document.claims, *document.risks, *document.opportunities))
    lines.append("- English: generated from the extracted facts (data-to-text)"
                 + ("; claim, risk and opportunity sentences machine-translated" if translated else
                    "; no machine translation (items without a translation list what the sentence mentions)"))
    lines.append("- Chinese shown as 「…」 (zh) has no English rendering in the termbase or glossary.")
    lines += ["", "## Outline", ""]
    for section in document.sections:
        title = _zh(section.title) if section.title else "(lead)"
        lines.append(f"{section.id}. {title}")
    if summary.abstract:
        lines += ["", "## Abstract", ""]
        for item in summary.abstract:
            refs = ", ".join(f"s{i}" for i in item.sentence_ids[:8])
            lines.append(f"{item.text}" + (f" [{refs}]" if refs else ""))
        lines.append("")
    for heading, items in (("Key figures", summary.key_figures), ("Actors", summary.actors),
                           ("Key claims", summary.key_claims)):
        lines += ["", f"## {heading}", ""]
        if not items:
            lines.append("_None extracted by the components that ran._")
            continue
        lines += _table(document, items)
    for heading, items in (("Risks", summary.risks), ("Opportunities", summary.opportunities)):
        lines += ["", f"## {heading}", ""]
        if not items:
            lines.append("_None extracted by the components that ran._")
            continue
        groups: dict[str, list[SummaryItem]] = defaultdict(list)
        for item in items:
            groups[item.category or "other"].append(item)
        if heading == "Opportunities" or len(groups) == 1 and heading != "Risks":
            lines += _table(document, items)
            continue
        for category, group in groups.items():
            label = resources().labels["risk_category"].get(category, category) if heading == "Risks" else category
            lines += [f"### {label}", ""] + _table(document, group) + [""]
    lines += ["", "## Stance", ""]
    if summary.stance:
        lines += [summary.stance.text, "", _quote_sentences(document, summary.stance.sentence_ids, limit=5)]
    else:
        lines.append("_No stance component ran._")
    lines += ["", "## Numeric checks", ""]
    if summary.numeric_checks:
        lines += _table(document, summary.numeric_checks)
    else:
        lines.append("_None extracted by the components that ran._")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
