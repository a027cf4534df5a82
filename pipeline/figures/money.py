"""Monetary amounts: number + magnitude + currency, with qualifiers, ranges and restatements.

An amount is anchored on a numeral found by `numerals.scan_numbers` and needs a currency next to
it: a currency word after it (``74亿美元``, ``8亿元人民币``, ``300美圆``), a symbol or code before it
(``US$3.5 billion``, ``€1.5亿``, ``￥300``, ``USD 5m``), or a currency word before it
(``人民币 8千元``, ``人民币50亿``). Numbers without a currency (``5万名工程师``, years, ``一字千金``)
are never money. The weak word 块 is a currency only in a money context (``花费我三块``, ``三块钱``),
never in ``一块心病``; 角/毛/分 are read only as sub-units after a major amount, so ``五角大楼`` is
not money.

Qualifiers come from the words next to the amount (约, 将近, 逾, 不到, 左右, 以上 …), from the
numeral itself (两千多, 五百余万 → more_than; 四五百亿, 三十几万 → range) and from ranges written
with a connector (300亿至320亿美元). The span of an amount includes its qualifier words
(``约1.05万亿日元``), as in the team's annotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Optional

from .numerals import (BIG_UNITS, Num, blocked_positions, parse_at, parse_number,
                       scan_numbers)
from .quantities import _merge_qual, qualifier_after, qualifier_before
from .resources import lexicon, models_key
from ..text import literal_alternation as _alt


@dataclass
class MItem:
    start: int
    end: int
    value: Optional[Decimal]
    currency: str
    qualifier: str = "exact"
    value_max: Optional[Decimal] = None
    core_start: int = -1
    core_end: int = -1
    ambiguous: bool = False      # written with a symbol shared by several currencies ($)
    iso: bool = True
    equivalent_of: Optional[int] = None
    generic_yuan: bool = False   # the currency is only the generic 元/圆 after the number, no currency named
    prefix_word: bool = False    # the currency is a word written before the number (新台币30亿)


@dataclass
class _Tables:
    suffix_re: re.Pattern
    suffix_map: dict[str, tuple[str, bool]]   # name -> (code, weak)
    prefix_re: re.Pattern
    prefix_map: dict[str, tuple[str, bool, bool]]  # symbol -> (code, ambiguous, is_word)
    minor: dict[str, list[tuple[str, Decimal]]]
    minor_re: re.Pattern
    iso: dict[str, bool]
    mag_re: re.Pattern
    mag: dict[str, Decimal]
    yuan_not_re: re.Pattern
    context_re: re.Pattern
    count_re: re.Pattern
    connectors: frozenset[str]
    equiv_re: re.Pattern
    bare_re: re.Pattern
    ctx_symbols: dict[str, list[tuple[str, re.Pattern]]]
    parts_re: re.Pattern


@lru_cache(maxsize=4)
def _tables(key: str) -> _Tables:
    lex = lexicon()
    suffix_map: dict[str, tuple[str, bool]] = {}
    prefix_map: dict[str, tuple[str, bool, bool]] = {}
    minor: dict[str, list[tuple[str, Decimal]]] = {}
    iso: dict[str, bool] = {}
    ctx_symbols: dict[str, list[tuple[str, re.Pattern]]] = {}
    for cur in lex.currencies.values():
        iso[cur.code] = cur.iso
        for name in cur.names_zh:
            suffix_map[name] = (cur.code, False)
            if len(name) >= 2:
                prefix_map[name] = (cur.code, False, True)
        for name in cur.weak_names:
            suffix_map[name] = (cur.code, True)
        for sym in cur.symbols:
            prefix_map[sym] = (cur.code, False, False)
            if sym.isalpha():
                suffix_map[sym] = (cur.code, False)
        for sym in cur.ambiguous_symbols:
            prefix_map[sym] = (cur.code, True, False)
        prefix_map[cur.code] = (cur.code, False, False)
        suffix_map[cur.code] = (cur.code, False)
        minor[cur.code] = list(cur.minor_units)
        if cur.context_symbols and cur.context_words:
            ctx_re = re.compile(_alt(cur.context_words))
            for sym in cur.context_symbols:
                ctx_symbols.setdefault(sym, []).append((cur.code, ctx_re))
    for sym, owners in ctx_symbols.items():
        if sym not in suffix_map and sym not in prefix_map and not sym.isascii():
            # 比尔 (the birr without 埃塞俄比亚): a short name no currency owns by default is a currency word after
            # a number only where its country is named (sentence, else article): `_CONTEXT_ONLY` below
            suffix_map[sym] = (_CONTEXT_ONLY, False)
    suffix_re = re.compile(r"(?:" + _alt(suffix_map) + r")(?![A-Za-z])")
    prefix_re = re.compile(r"(?<![A-Za-z])(?:" + _alt(prefix_map) + r")[ ]{0,2}$")
    minor_re = re.compile(r"[ ]?(?:又|零)?[ ]?")
    mag = dict(lex.magnitude_en)
    mag_re = re.compile(r"[ ]?(" + "|".join(re.escape(w) for w in sorted(set(mag), key=len, reverse=True))
                        + r")(?![A-Za-z])", re.IGNORECASE)  # not a trie: two letters can match one
    yuan_not_re = re.compile(_alt(lex.yuan_not_before))
    context_re = re.compile(_alt(lex.money_context))
    count_re = re.compile(r"[ ]?(?:" + _alt(lex.count_word) + ")")
    equiv_re = re.compile(r"^[ ]?[(（]?[ ]?(?:" + _alt(lex.equivalence_marker) + r")?[ ]?$")
    bare_re = re.compile(_alt(n for n in suffix_map if len(n) >= 2 and not n.isascii()))
    parts_re = re.compile("(?:" + _alt(lex.weak_currency_not_after) + ")[ ]?$") if lex.weak_currency_not_after \
        else re.compile(r"(?!)")
    return _Tables(suffix_re, suffix_map, prefix_re, prefix_map, minor, minor_re, iso, mag_re, mag,
                   yuan_not_re, context_re, count_re, frozenset(lex.range_connector), equiv_re, bare_re,
                   ctx_symbols, parts_re)


# the code of a currency word no currency owns by default (ETB's bare 比尔): read only next to its country's name
_CONTEXT_ONLY = "?"


def _t() -> _Tables:
    return _tables(models_key())


_EVERY_BEFORE = re.compile(r"每(?:投入|出资|出資|投资|投資|花)?[ ]?$")
_LIST_JOINER = re.compile(r"[ ]?(?:、|和|及|或)[ ]?")
_LIST_QUALIFIERS = ("more_than", "less_than", "approx")
# 千亿, 百亿, 千万: a hundred or a thousand with no numeral before it, times a magnitude; 一千亿 and 1,000亿 are exact
_ROUND_POWER = re.compile(r"[百千佰仟](?:万亿|万|亿|萬億|萬|億)")
_OPENING_QUOTES = "“‘「『《〈\"'(（【"


def _currency_in_context(text: str, pos: int, written: str, default: str, t: _Tables) -> str:
    """¥ next to 日本 is yen, 里亚尔 next to 卡塔尔 the Qatari riyal: a context word in the same sentence
    picks the currency a shared symbol or name stands for. A shared currency word (比索, 里亚尔) with
    no such word in its sentence is the currency of the country the article talks about most
    (计划以9万至15万比索的价格销售 in an article about Mexico); a symbol (¥) is not read that far."""
    ss, se = _sentence(text, pos)
    for code, ctx_re in t.ctx_symbols[written]:
        if ctx_re.search(text, ss, se):
            return code
    if not any(_is_cjk(ch) for ch in written):
        return default
    return _document_currency(text, written, default, models_key())


@lru_cache(maxsize=64)
def _document_currency(text: str, written: str, default: str, key: object) -> str:
    hits = {code: len(ctx_re.findall(text)) for code, ctx_re in _tables(key).ctx_symbols[written]}
    best = max(hits, key=lambda code: hits[code], default=None)
    if best is None or hits[best] == 0 or list(hits.values()).count(hits[best]) > 1:
        return default
    return best


def currency_name_at(text: str, pos: int) -> Optional[str]:
    """The currency code of a (strong) currency word starting at ``pos``."""
    m = _t().suffix_re.match(text, pos)
    if not m:
        return None
    code, weak = _t().suffix_map[m.group(0)]
    return None if weak or code == _CONTEXT_ONLY else code


_CLAUSE_END = set("。！？；!?;\n，,")


_SENTENCE_END = set("。！？!?\n")


def _between(text: str, pos: int, stops: set[str]) -> tuple[int, int]:
    """The stretch around `pos` bounded by the nearest `stops` characters on either side."""
    s = pos
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = pos
    n = len(text)
    while e < n and text[e] not in stops:
        e += 1
    return s, e


def _clause(text: str, pos: int) -> tuple[int, int]:
    return _between(text, pos, _CLAUSE_END)


def _sentence(text: str, pos: int) -> tuple[int, int]:
    return _between(text, pos, _SENTENCE_END)


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _trailing_magnitude(text: str, num: Num) -> Decimal:
    """The magnitude written at the end of a numeral: 320亿 -> 1e8, 1.05万亿 -> 1e12."""
    k = num.end
    mag = Decimal(1)
    while k > num.start and text[k - 1] in BIG_UNITS:
        mag *= BIG_UNITS[text[k - 1]]
        k -= 1
    return mag


def scan_money(text: str, nums: Optional[list[Num]] = None, used: Optional[set[int]] = None,
               blocked: Optional[set[int]] = None, *, few_lo: int = 1) -> list[MItem]:
    """Money amounts in ``text``, left to right (``used``: number starts taken by quantities)."""
    t = _t()
    if blocked is None:
        blocked = blocked_positions(text)
    if nums is None:
        nums = scan_numbers(text, few_lo=few_lo, blocked=blocked)
    used = used or set()
    # （百万瑞郎）, (单位：百万美元): the unit label of a table row or column, a magnitude with no numeral, is no amount
    labels = [(m.start(), m.end()) for m in _header_unit_re(models_key()).finditer(text) if m.group(1)]
    n = len(text)
    items: list[MItem] = []
    listed: set[int] = set()   # items whose qualifier bounds the next amount of a 、-list
    consumed_until = -1
    for idx, x in enumerate(nums):
        if x.start in used or x.start < consumed_until or any(a <= x.start < b for a, b in labels):
            continue
        if getattr(x, "letter_after", False) and not (t.suffix_re.match(text, x.end) or t.mag_re.match(text, x.end)):
            continue
        value = x.value
        value_max = x.value_max
        qual: Optional[str] = None
        if x.more:
            qual = "more_than"
        if value_max is not None:
            qual = "range"
        num_start, pos = x.start, x.end
        # English magnitude: 3.5 billion, 5m (Arabic numbers only)
        mag_m = None
        if x.arabic and not x.has_cn:
            mag_m = t.mag_re.match(text, pos)
        # currency prefix: symbol, code or word before the number (after an optional qualifier)
        qs, qpre = qualifier_before(text, num_start)
        pm = t.prefix_re.search(text, max(0, qs - 8), qs)
        prefix = None
        if pm:
            sym = pm.group(0).rstrip(" ")
            prefix = t.prefix_map[sym]
            if sym in t.ctx_symbols:
                prefix = (_currency_in_context(text, pm.start(), sym, prefix[0], t), prefix[1], prefix[2])
            start = pm.start()
            if qpre is None:
                qs2, qpre2 = qualifier_before(text, start)
                if qpre2:
                    start, qpre = qs2, qpre2
        else:
            start = qs if qpre else num_start
        core_start = pm.start() if pm else num_start
        if mag_m and (prefix is not None and not prefix[2]):
            value = value * t.mag[mag_m.group(1).lower()]
            if value_max is not None:
                value_max = value_max * t.mag[mag_m.group(1).lower()]
            pos = mag_m.end()
        # currency word after the number
        k = pos
        if k < n and text[k] in " ":
            k2 = k
            while k2 < n and text[k2] == " ":
                k2 += 1
            k = k2 if k2 - pos <= 2 else pos
        if k < n and text[k] in "个個" and t.suffix_re.match(text, k + 1):
            k += 1
        if mag_m and prefix is None:
            sm_after = t.suffix_re.match(text, mag_m.end() + (1 if mag_m.end() < n and text[mag_m.end()] == " " else 0))
            if sm_after:
                value = value * t.mag[mag_m.group(1).lower()]
                if value_max is not None:
                    value_max = value_max * t.mag[mag_m.group(1).lower()]
                k = sm_after.start()
        sm = t.suffix_re.match(text, k)
        code: Optional[str] = None
        ambiguous = False
        generic = False
        end = pos
        if sm:
            name = sm.group(0)
            code, weak = t.suffix_map[name]
            if name in t.ctx_symbols:
                code = _currency_in_context(text, sm.start(), name, code, t)
            nxt = text[sm.end()] if sm.end() < n else ""
            ok = code != _CONTEXT_ONLY
            if weak:
                minor_follow = _minor_at(text, sm.end(), code, t) is not None
                if nxt == "钱" or nxt == "錢":
                    pass
                elif minor_follow:
                    pass
                elif nxt and _is_cjk(nxt):
                    ok = False
                elif nxt and nxt in _OPENING_QUOTES:
                    ok = False     # 变成一块“飞地”: a measure word before a quoted noun, not one yuan
                elif t.parts_re.search(text, max(0, num_start - 4), num_start):
                    ok = False     # 钱分成三块: parts, not three yuan
                else:
                    cs, ce = _clause(text, x.start)
                    clause = text[cs:ce]
                    ok = bool(t.context_re.search(clause)) or any(
                        (not t.suffix_map[m.group(0)][1]) for m in t.suffix_re.finditer(clause))
            if ok and name in ("元", "圆") and (x.single_cn_digit or (not x.arabic and value <= 10 and not x.has_big)):
                if t.yuan_not_re.match(text, sm.end()):
                    ok = False
            if ok and prefix is not None and prefix[0] != code:
                if name in ("元", "圆", "圓") and prefix[2]:
                    # 新台币1.5兆元, 港币100元: the generic 元 takes the currency named before the number
                    code = prefix[0]
                else:
                    # the word after the number decides; a different prefix is not part of the amount
                    start = qs if qpre else num_start
                    core_start = num_start
                    prefix = None
            if ok:
                end = sm.end()
                generic = name in ("元", "圆", "圓") and prefix is None and not text.startswith("人民币", end)
                if nxt in ("钱", "錢") and weak:
                    end += 1
                # 8亿元人民币: a restating currency word right after
                if name in ("元", "圆") and text.startswith("人民币", end):
                    end += 3
            else:
                code = None
        if code is None and prefix is not None:
            code = prefix[0]
            ambiguous = prefix[1]
            end = pos
            if prefix[2] and t.count_re.match(text, pos):
                code = None   # 美元 3年期: the number counts something else
            if code is not None and x.single_cn_digit and prefix[2]:
                code = None
        if code is None:
            continue
        # sub-units: 五元三毛, 50元6角三分, 两美元又三美分
        while True:
            mi = _minor_at(text, end, code, t)
            if mi is None:
                break
            add, mend = mi
            value = value + add
            if value_max is not None:
                value_max = value_max + add
            end = mend
        core_end = end
        qe, qpost = qualifier_after(text, end)
        if qpost:
            end = qe
        qual = _merge_qual(qual, _merge_qual(qpre, qpost))
        if value_max is not None:
            qual = "range"
        if value == 1 and value_max is None and not qpre and _EVERY_BEFORE.search(text, max(0, core_start - 4), core_start):
            continue   # 每一美元都与里程碑挂钩, 每投入1元: "every dollar", a rate, not an amount
        inherited = False
        if qpre is None and qpost is None and items and qual == "exact":
            # 首次突破1亿元、5亿元、10亿元: a qualifier before the first amount of a list bounds them all
            last = items[-1]
            if last.qualifier in _LIST_QUALIFIERS and (last.start < last.core_start or id(last) in listed) and \
                    _LIST_JOINER.fullmatch(text, last.end, start):
                qual, inherited = last.qualifier, True
        if qual == "exact" and value_max is None:
            # 最低投资门槛为2亿美元, 起点为500万元, 2亿美元的最低投资额: a floor (or ceiling) named before its
            # amount with a copula, or after it with 的: the amount bounds, as 不低于 / 最高 do
            qual = _named_bound(text, start, end) or qual
        if qual == "exact" and _ROUND_POWER.fullmatch(text, x.start, x.end):
            # 千亿美元投资承诺, 千亿克朗: a bare power of ten with no digit before it is a round order of magnitude
            qual = "approx"
        items.append(MItem(start=start, end=end, value=value, currency=code, qualifier=qual,
                           value_max=value_max, core_start=core_start, core_end=core_end,
                           ambiguous=ambiguous, iso=t.iso.get(code, True), generic_yuan=generic,
                           prefix_word=bool(prefix is not None and prefix[2] and code == prefix[0])))
        if inherited:
            listed.add(id(items[-1]))
        consumed_until = end
    _generic_yuan_in_document(text, items)
    _drop_matching_ratios(text, items)
    _drop_exchange_quotes(text, items)
    _add_bare_magnitudes(text, items, t)
    _join_ranges(text, items, nums, used, t)
    _add_listed_amounts(text, items, nums, used)
    _add_table_cells(text, items, nums, used, t)
    _add_restated_amounts(text, items, nums, used)
    _link_equivalents(text, items, t)
    return items


# A floor or ceiling named before the amount: 最低投资门槛为, 单个企业最高奖励为, 起点为, 门槛是 (no 的 or
# punctuation in the noun phrase: 投资最高的是 names the largest item, not a bound). 上限 with words between
# (贷款上限原则上为2万亿韩元) is left as the annotators read it, exact; 上限为 next to the amount is the lexicon's.
_BOUND_BEFORE_RE = re.compile(r"(?:(最低|下限|起点|门槛|起投额)|(最高))"
                              r"[\u4e00-\u9fff]{0,6}?(?:为|是|定为|设为|设定为)$")
# ... or after it: 2亿美元的最低投资额, 500万元的投资门槛, 100万元的奖励上限
_BOUND_AFTER_RE = re.compile(r"的(?:(最低[\u4e00-\u9fff]{0,4}?(?:额|门槛|标准|要求)|[\u4e00-\u9fff]{0,4}?(?:门槛|下限))"
                             r"|(最高[\u4e00-\u9fff]{0,4}?(?:额|限额|标准)|[\u4e00-\u9fff]{0,4}?上限))")


def _named_bound(text: str, start: int, end: int) -> Optional[str]:
    m = _BOUND_BEFORE_RE.search(text, max(0, start - 10), start)
    if m and "的" not in m.group(0):
        return "more_than" if m.group(1) else "less_than"
    m = _BOUND_AFTER_RE.match(text, end)
    if m:
        return "more_than" if m.group(1) else "less_than"
    return None


_YUAN_LOCAL_MIN = 2


def _generic_yuan_in_document(text: str, items: list[MItem]) -> None:
    """A Taiwanese editorial writes 新台币四百亿元 once and then 逾210亿元, 87亿元: where 元 is the local unit of
    another currency (新台币, 港币, 澳门币 …), a bare 元 is that currency, not the renminbi. Read so when the
    article names one such currency before its amounts at least twice, names no other currency that way,
    never mentions the renminbi (人民币, RMB, an amount in 元人民币 or CNY), and names that currency before
    its first bare 元."""
    generic = [it for it in items if it.generic_yuan]
    if not generic or "人民币" in text or "RMB" in text or "CNY" in text:
        return
    named = {}
    for it in items:
        if it.prefix_word and it.currency != "CNY":
            named[it.currency] = named.get(it.currency, 0) + 1
    if len(named) != 1:
        return
    (code, count), = named.items()
    if count < _YUAN_LOCAL_MIN:
        return
    first = next((it for it in items if it.generic_yuan or (it.prefix_word and it.currency == code)), None)
    if first is None or first.generic_yuan:
        return    # 投资30亿元 before any 新台币: the article's 元 was the renminbi before the other currency came up
    for it in generic:
        it.currency = code


# what may follow a restated amount without its currency word: 一百二十亿的基金, 剩下的3,000亿去了哪里
_RESTATED_FOLLOW = re.compile(r"(?:的|去|是|都|也|还|就|[，。、；！？,;!?：:）)”\"」』\s]|$)")
_RESTATED_WINDOW = 300
_RESTATED_NOT_MONEY = re.compile(r"(?:人口|用户|人次|居民|网民|游客|观众|员工|会员|民众)[^，。；！？,;!?\n]{0,3}$")
_RESTATED_MONEY_WORD = re.compile(r"基金|投资|资金|预算|出资|拨款|补贴|融资|贷款|收入|营收|利润|亏损|成本|费用|花费|花了|"
                                  r"花掉|资本|资产|市值|估值|销售额|出口额|债务|赤字|税收|开支|支出|投入|钱")


def _add_restated_amounts(text: str, items: list[MItem], nums: list[Num], used: set[int]) -> None:
    """一百二十亿的基金 a little after 120亿元, 剩下的3,000亿 after 3,000亿坚戈: a number of 亿 or more written
    without its currency word is that amount again when an amount of the same value was stated in the few
    hundred characters before it (人口超过2亿 with no 2亿 amount before it stays a number)."""
    taken = [(m.start, m.end) for m in items]
    added = []
    for x in nums:
        if x.start in used or x.value is None or x.value_max is not None or x.few or not x.has_big or \
                x.value < 100_000_000 or any(s < x.end and x.start < e for s, e in taken):
            continue
        if not _RESTATED_FOLLOW.match(text, x.end) or _RESTATED_NOT_MONEY.search(text, max(0, x.start - 6), x.start):
            continue
        # money in its sentence before it (三项加起来是9,000亿坚戈，剩下的3,000亿) or a money word in its clause
        s0 = max(text.rfind(c, 0, x.start) for c in "。！？!?\n") + 1
        c1 = min([k for k in (text.find(c, x.end) for c in "，。；！？,;!?\n") if k >= 0] or [len(text)])
        c0 = max(text.rfind(c, 0, x.start) for c in "，。；！？,;!?\n") + 1
        if not any(s0 <= m.start and m.end <= x.start for m in items) and \
                not _RESTATED_MONEY_WORD.search(text, c0, c1):
            continue
        same = [m for m in items if m.end <= x.start and x.start - m.end <= _RESTATED_WINDOW and
                m.value == x.value and m.value_max is None]
        if not same:
            continue
        qs, qual = qualifier_before(text, x.start)
        if x.more:
            qual = "more_than"
        added.append(MItem(start=qs if qual else x.start, end=x.end, value=x.value, currency=same[-1].currency,
                           qualifier=qual or "exact", core_start=x.start, core_end=x.end, iso=same[-1].iso))
    if added:
        items.extend(added)
        items.sort(key=lambda m: m.start)


_LIST_START = re.compile(r"(?:^|[\n。；;：:（(])[ \t\u3000]*$")


def _add_listed_amounts(text: str, items: list[MItem], nums: list[Num], used: set[int]) -> None:
    """22.68亿、25.90亿和29.45亿瑞士法郎, 每股收益5.13、6.20和7.40瑞士法郎: bare numbers listed with 、/和/及/或 before
    an amount whose currency word comes after it share that currency. Each number must be written like the
    last (with a magnitude such as 亿 or both without), so 3、5万元 (3 and 5万? or 3万?) is left alone, and a
    numbering 1、 at the start of a line or after a colon is no list member. A qualifier before the first
    number (约, 超过) bounds the whole list, as it does when every member carries its currency."""
    by_end = {x.end: x for x in nums}
    taken = [(m.start, m.end) for m in items]
    added: list[MItem] = []
    for it in list(items):
        if it.value is None or it.value_max is not None:
            continue
        # the amount's currency is written after its number (a symbol before it makes core_start the symbol's)
        last = next((x for x in nums if x.start == it.core_start), None)
        if last is None or last.value_max is not None:
            continue
        chain: list[tuple[Num, int, Optional[str]]] = []
        pos = it.start
        while True:
            j = _LIST_JOINER.search(text, max(0, pos - 3), pos)
            if j is None or j.end() != pos:
                break
            x = by_end.get(j.start())
            if x is None or x.start in used or x.value is None or x.value_max is not None or x.few or \
                    x.has_big != last.has_big or any(s < x.end and x.start < e for s, e in taken):
                break
            qs, q = qualifier_before(text, x.start)
            if j.group(0).strip() == "、" and _LIST_START.search(text, max(0, qs - 20), qs):
                break       # 1、10亿元用于研发: a numbered point, not a list member
            chain.append((x, qs, q))
            if q is not None:
                break
            pos = x.start
        if not chain:
            continue
        first_q = chain[-1][2]
        listed_q = first_q if first_q in _LIST_QUALIFIERS else None
        for x, qs, q in chain:
            added.append(MItem(start=qs if q else x.start, end=x.end, value=x.value, currency=it.currency,
                               qualifier=q or listed_q or "exact", core_start=x.start, core_end=x.end, iso=it.iso))
        if listed_q and it.qualifier == "exact":
            it.qualifier = listed_q
    if added:
        items.extend(added)
        items.sort(key=lambda m: m.start)


_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADER_MAGNITUDES = ("万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万", "千")


@lru_cache(maxsize=4)
def _header_unit_re(key: str) -> re.Pattern:
    # 投资额（亿丹麦克朗）, 金额(万元), 规模（单位：百万美元）: a money unit in brackets in a table's column header
    names = (n for n, (_, weak) in _tables(key).suffix_map.items() if not weak)
    return re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?(" + "|".join(_HEADER_MAGNITUDES) + r")?\s*(" + _alt(names)
                      + r")\s*[)）]")


def table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of one Markdown table row text[start:end], as (start, end) spans without the pipes."""
    bars = [i for i in range(start, end) if text[i] == "|"]
    return [(a + 1, b) for a, b in zip(bars, bars[1:])]


_PLAIN_COLUMN_GAP = re.compile(r"\t+| {2,}|\u3000+")


def plain_table_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The columns of one plain-text table line text[start:end] (split by tabs, runs of two or more spaces
    or ideographic spaces), as (start, end) spans; one span when the line has no such gap."""
    s = start + len(text[start:end]) - len(text[start:end].lstrip())
    e = end - (len(text[start:end]) - len(text[start:end].rstrip()))
    if s >= e:
        return []
    cells, a = [], s
    for m in _PLAIN_COLUMN_GAP.finditer(text, s, e):
        cells.append((a, m.start()))
        a = m.end()
    cells.append((a, e))
    return cells


def _add_table_cells(text: str, items: list[MItem], nums: list[Num], used: set[int], t: _Tables) -> None:
    """| 诺和诺德 | 卡伦堡 | 420 | under a header | 企业 | 地点 | 投资额（亿丹麦克朗） |: a bare number in a
    column whose header names a money unit is that amount (42,000,000,000 DKK). Markdown tables only,
    the form HTML tables and .md articles reach the pipeline in."""
    unit_re = _header_unit_re(models_key())
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    taken = [(m.start, m.end) for m in items]
    by_start = {x.start: x for x in nums}
    added: list[MItem] = []

    def header_units(cells: list[tuple[int, int]]) -> dict:
        units = {}
        for col, (cs, ce) in enumerate(cells):
            m = unit_re.search(text, cs, ce)
            if m:
                written = m.group(2)
                code, _ = t.suffix_map[written]
                if len(t.ctx_symbols.get(written, ())):
                    code = _currency_in_context(text, m.start(2), written, code, t)
                if code == _CONTEXT_ONLY:
                    continue
                scale = parse_number("1" + m.group(1)) if m.group(1) else Decimal(1)
                units[col] = (code, scale)
        return units

    def is_number(cs: int, ce: int) -> bool:
        cell = text[cs:ce]
        x = by_start.get(cs + len(cell) - len(cell.lstrip()))
        return x is not None and x.end == ce - (len(cell) - len(cell.rstrip()))

    def add_row(cells: list[tuple[int, int]], units: dict) -> None:
        if cells and len(cells) >= 2:
            # 营业收入（百万瑞郎）  1,842  2,015: the row's label names the unit of every cell after it
            label = header_units(cells[:1])
            if label:
                units = {**{col: label[0] for col in range(1, len(cells))}, **units}
        for col, (cs, ce) in enumerate(cells):
            if col not in units:
                continue
            cell = text[cs:ce]
            a = cs + len(cell) - len(cell.lstrip())
            b = ce - (len(cell) - len(cell.rstrip()))
            x = by_start.get(a)
            if x is None or x.end != b or a in used or x.value is None:
                continue
            if any(s < b and a < e for s, e in taken):
                continue
            code, scale = units[col]
            added.append(MItem(start=a, end=b, value=x.value * scale,
                               value_max=None if x.value_max is None else x.value_max * scale,
                               currency=code, qualifier="range" if x.value_max is not None else "exact",
                               core_start=a, core_end=b, iso=t.iso.get(code, True)))

    # A plain-text table (a .txt broker note): a header line whose columns are split by tabs or runs of two or
    # more spaces, one column naming a money unit, then rows with the same number of columns; or a row whose
    # label names the unit (the header holds the years).
    k = 0
    while k < len(lines):
        hs, he = lines[k]
        cells = plain_table_cells(text, hs, he)
        units = header_units(cells) if len(cells) >= 2 and "|" not in text[hs:he] else {}
        if list(units) == [0] and any(is_number(cs, ce) for cs, ce in cells[1:]):
            units = {}          # 营业收入（百万瑞郎）  1,842  2,015: a labelled row, not a header
        if not units:
            if len(cells) >= 2 and "|" not in text[hs:he]:
                add_row(cells, {})
            k += 1
            continue
        k += 1
        while k < len(lines) and len(plain_table_cells(text, *lines[k])) == len(cells):
            add_row(plain_table_cells(text, *lines[k]), units)
            k += 1
    if "|" not in text or "-" not in text:
        if added:
            items.extend(added)
            items.sort(key=lambda m: m.start)
        return
    k = 0
    while k + 1 < len(lines):
        hs, he = lines[k]
        if not (text[hs:he].lstrip().startswith("|") and _TABLE_SEPARATOR.match(text[lines[k + 1][0]:lines[k + 1][1]])):
            k += 1
            continue
        units = header_units(table_cells(text, hs, he))
        k += 2
        while k < len(lines) and text[lines[k][0]:lines[k][1]].lstrip().startswith("|"):
            rs, re_ = lines[k]
            add_row(table_cells(text, rs, re_), units)
            k += 1
    if added:
        items.extend(added)
        items.sort(key=lambda m: m.start)


# 政府出资一元、企业出资两元的方式配对: small unit amounts that state a matching ratio, not money spent
_RATIO_FRAME = re.compile(r"[^，。；！？,;!?\n]{0,12}?(?:的方式|的比例|的模式|配比|比例配套|配对|配套)")


def _drop_matching_ratios(text: str, items: list[MItem]) -> None:
    small = [it for it in items if it.value is not None and it.value <= 10 and it.value_max is None
             and not any(ch in "万萬亿億千兆" for ch in text[it.core_start:it.core_end])]
    for a, b in zip(small, small[1:]):
        between = text[a.end:b.start]
        if len(between) <= 12 and not re.search(r"[，。；！？,;!?\n]", between) and _RATIO_FRAME.match(text, b.end):
            for it in (a, b):
                if it in items:
                    items.remove(it)


# 1美元兑3.6新谢克尔: an exchange-rate quote, two amounts joined by 兑, is a price of money, not money
_EXCHANGE_JOINER = re.compile(r"[ ]?(?:兑换?|对|折合)[ ]?")


def _drop_exchange_quotes(text: str, items: list[MItem]) -> None:
    for a, b in list(zip(items, items[1:])):
        if a.currency != b.currency and a.value == 1 and _EXCHANGE_JOINER.fullmatch(text, a.end, b.start):
            for it in (a, b):
                if it in items:
                    items.remove(it)


# 新签约亿元以上项目: a magnitude with no number before it counts one of it (1亿元 and more)
_BARE_MAGNITUDE = {"亿": Decimal(10) ** 8, "億": Decimal(10) ** 8, "万": Decimal(10) ** 4, "萬": Decimal(10) ** 4,
                   "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6, "十亿": Decimal(10) ** 9, "百亿": Decimal(10) ** 10}


@lru_cache(maxsize=4)
def _bare_magnitude_re(key: str) -> re.Pattern:
    names = (n for n, (_, weak) in _tables(key).suffix_map.items() if not weak and not n.isascii())
    return re.compile(r"(?<![0-9０-９.一二三四五六七八九十百千万亿两几数多余〇零萬億兩])(十亿|百亿|千万|百万|亿|億|万|萬)"
                      r"(?=(?:" + _alt(names) + r")(?:以上|以下|级))")


def _add_bare_magnitudes(text: str, items: list[MItem], t: _Tables) -> None:
    for m in _bare_magnitude_re(models_key()).finditer(text):
        name = t.suffix_re.match(text, m.end())
        if name is None or any(it.start < name.end() and m.start() < it.end for it in items):
            continue
        code, _ = t.suffix_map[name.group(0)]
        if name.group(0) in t.ctx_symbols:
            code = _currency_in_context(text, name.start(), name.group(0), code, t)
        if code == _CONTEXT_ONLY:
            continue
        end, qualifier = qualifier_after(text, name.end())
        if qualifier is None:
            continue
        items.append(MItem(start=m.start(), end=end, value=_BARE_MAGNITUDE[m.group(1)], currency=code,
                           qualifier=qualifier, core_start=m.start(), core_end=name.end(), iso=t.iso.get(code, True)))
    items.sort(key=lambda it: it.start)


def _minor_at(text: str, pos: int, code: str, t: _Tables) -> Optional[tuple[Decimal, int]]:
    units = t.minor.get(code)
    if not units:
        return None
    m = t.minor_re.match(text, pos)
    k = m.end() if m else pos
    num = parse_at(text, k, blocked=set())
    if num is None or num.value_max is not None or num.more or num.has_big:
        return None
    for name, factor in sorted(units, key=lambda u: len(u[0]), reverse=True):
        if text.startswith(name, num.end):
            if name == "分" and num.end + 1 < len(text) and text[num.end + 1] in "之钟鐘":
                return None
            return num.value * factor, num.end + len(name)
    return None


def _join_ranges(text: str, items: list[MItem], nums: list[Num], used: set[int], t: _Tables) -> None:
    """300亿至320亿美元, 300至320亿美元, 3亿美元至5亿美元: a range ending in the amount."""
    starts = {x.end: x for x in nums}
    i = 0
    while i < len(items):
        it = items[i]
        if it.value_max is not None or it.value is None:
            i += 1
            continue
        s = it.start
        k = s
        while k > 0 and text[k - 1] == " ":
            k -= 1
        if k > 0 and text[k - 1] in t.connectors:
            c = k - 1
            e = c
            while e > 0 and text[e - 1] == " ":
                e -= 1
            # the low end: an amount just before (3亿美元至5亿美元) or a bare number (300至320亿)
            if i > 0 and items[i - 1].end == e and it.generic_yuan and items[i - 1].prefix_word and \
                    items[i - 1].value_max is None and items[i - 1].core_end == items[i - 1].end:
                # 新台币30亿至40亿元: the generic 元 of the high end takes the currency named before the low end
                it.currency, it.iso, it.generic_yuan = items[i - 1].currency, items[i - 1].iso, False
            if i > 0 and items[i - 1].end == e and items[i - 1].currency == it.currency and items[i - 1].value_max is None:
                lo = items[i - 1]
                if lo.value is not None and it.value is not None and lo.value < it.value:
                    it.value_max, it.value = it.value, lo.value
                    it.start = lo.start
                    it.qualifier = "range"
                    del items[i - 1]
                    continue
            x = starts.get(e)
            if x is not None and x.start not in used and x.value_max is None and (text[c] != "-" or not x.has_cn):
                num_it = next((y for y in nums if y.start == it.core_start or (it.core_start <= y.start < it.core_end)), None)
                lo_v = x.value
                if num_it is not None and not x.has_big and num_it.has_big:
                    lo_v = lo_v * _trailing_magnitude(text, num_it)
                if it.value is not None and 0 < lo_v < it.value:
                    qs, qpre = qualifier_before(text, x.start)
                    it.value_max, it.value = it.value, lo_v
                    it.start = qs if qpre else x.start
                    it.qualifier = "range"
        i += 1


NOUN_THEN_EQUIV_RE = re.compile(r"^的[\u4e00-\u9fffA-Za-z]{1,12}[，,]$")
# 投入约2,000亿奈拉扩建光纤和5G网络，约合1.3亿美元: what the amount is spent on, then the restatement
PURPOSE_THEN_EQUIV_RE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,14}[，,]$")


def _link_equivalents(text: str, items: list[MItem], t: _Tables) -> None:
    """74亿美元(约1.05万亿日元): the second amount restates the first."""
    for i in range(1, len(items)):
        a, b = items[i - 1], items[i]
        gap = text[a.end:b.start].replace("*", "")     # **最高350亿挪威克朗**的补贴: emphasis marks carry no meaning
        if (NOUN_THEN_EQUIV_RE.match(gap) or PURPOSE_THEN_EQUIV_RE.match(gap)) and a.currency != b.currency and \
                text.startswith(("约合", "折合"), b.start) and a.value and b.value:
            # 超过430亿欧元的公共和私人投资，约合465亿美元: the noun the amount modifies comes between
            b.equivalent_of = a.equivalent_of if a.equivalent_of is not None else i - 1
            continue
        if a.value_max is not None and gap.startswith("之间"):
            gap = gap[2:]      # 在3,800亿至5,000亿苏姆之间，约合3,000万至4,000万美元: the range's closing word
        if len(gap) > 6:
            continue
        head = text[b.start:b.core_start]
        paren = "(" in gap or "（" in gap
        marker = any(w in gap or head.startswith(w) for w in ("约合", "折合", "相当于", "合", "即"))
        if not (paren or marker):
            continue
        if not t.equiv_re.match(gap.replace(",", "").replace("，", "").replace("、", "")):   # A、约合B as A，约合B
            continue
        if a.currency == b.currency and not paren:
            continue
        b.equivalent_of = a.equivalent_of if a.equivalent_of is not None else i - 1


def scan_currency_mentions(text: str) -> list[MItem]:
    """Amounts plus bare currency words (人民币, 美元) not attached to a number (peer convention)."""
    items = scan_money(text)
    t = _t()
    taken = [(m.start, m.end) for m in items]
    out = list(items)
    for m in t.bare_re.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        code, weak = t.suffix_map[m.group(0)]
        if weak or code == _CONTEXT_ONLY:
            continue
        out.append(MItem(m.start(), m.end(), None, code, core_start=m.start(), core_end=m.end(),
                         iso=t.iso.get(code, True)))
    out.sort(key=lambda it: it.start)
    return out
