"""Percentages, multiples and fractions.

Forms read (values are exact `Decimal`):
- percent (value in percent, 20% -> 20): ``20%``, ``百分之二十``, ``百分之2.4``, ``六个百分点``,
  ``两成`` / ``三成半`` / ``七成六`` (成 = tenths), ``八折`` / ``75折`` / ``三八折`` (discounts, 八折 = 80%);
- multiple (value as written, 三倍 -> 3): ``三倍``, ``1.5倍``, ``翻一番`` (2), ``翻两番`` (4), ``翻番``/``翻倍`` (2);
- fraction (value as a ratio): ``四分之三``, ``三 分之 一``, ``3又一千分之23``, ``3/5``, ``1 3/5``,
  ``千分之一`` / ``百万分之一`` (per-mille and smaller), ``一半``, ``半数``.

Each quantity carries a qualifier from the words next to it (约, 将近, 超过, 不到, 左右, 以上, 还不止).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import Optional

from .numerals import (BIG_UNITS, CN_DIGITS, CN_NUMERAL_CHARS, SMALL_UNITS, Num,
                       blocked_positions, parse_at, scan_numbers)
from .resources import lexicon, models_key
from ..text import literal_alternation


@dataclass
class QItem:
    start: int
    end: int
    kind: str             # percent / multiple / fraction
    value: Decimal
    value_max: Optional[Decimal] = None
    qualifier: str = "exact"
    core_start: int = -1  # span without qualifier words
    core_end: int = -1
    form: str = ""        # %, 百分之, 百分点, 成, 折, 倍, 番, 分之, /, 半


_NUMCH = re.escape(CN_NUMERAL_CHARS) + "0-9"
PCT_SIGN_RE = re.compile(r"[ ]?[%％]")
PCT_POINT_RE = re.compile(r"\s*[个個]\s*[百佰]\s*分\s*[点點]")
DENOM_RE = re.compile(rf"(?<![{_NUMCH}.])([百佰千仟万萬亿億]+)\s*分\s*之\s*")
FRAC_MID_RE = re.compile(r"\s*分\s*之\s*")
MIXED_RE = re.compile(r"\s*又\s*$")
SLASH_RE = re.compile(r"(?<![\w/.\-])(-?)(?:(\d+)[ ]+)?(\d+)[ ]?/[ ]?(\d+)(?![\d/.]|[A-Za-z])")
CHENG_RE = re.compile(r"成(?:[ ]?(半)|[ ]?([一二三四五六七八九1-9])(?![\d" + re.escape(CN_NUMERAL_CHARS) + r"]))?")
ZHE_DIGITS_RE = re.compile(r"([一二三四五六七八九两兩壹贰貳叁參肆伍陆陸柒捌玖1-9])[ ]?([一二三四五六七八九两兩壹贰貳叁參肆伍陆陸柒捌玖0-9零〇])[ ]?折")
BEI_RE = re.compile(r"\s*倍")
# 六倍多, 两倍多: 多 right after 倍 says "more than" (not 倍多元化 or 倍多数)
BEI_MORE_RE = re.compile(r"多(?![元数數样樣种種少家个個位项項方年])")
BARE_BEI_RE = re.compile(r"(?<=[近上逾超约達达])([百千万萬])倍(多)?")   # not 百倍奉还, 精神百倍 (idioms)
_BARE_BEI = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000), "萬": Decimal(10000)}
FAN_RE = re.compile(r"翻(了)?([一两二三四五六七八九十兩]|\d+)番|翻(了)?番|翻(了)?(一)?倍")
HALF_RE = re.compile(r"(?<![一二三四五六七八九十两多大])(一半|半数)|过半(数)?")
SPECIAL_PCT_RE = re.compile(r"(百分百|百分之百)|(?:(?<=打)|(?<=打[ ]))(对折|對折)|(?<![0-9A-Za-z])(半折)(?![扣叠])"
                            r"|(?<![0-9A-Za-z" + re.escape(CN_NUMERAL_CHARS) + r"])(半成)(?![品功])")


@lru_cache(maxsize=4)
def _qual_res(key: str):
    lex = lexicon()
    pre = sorted(lex.qualifier_pre.items(), key=lambda kv: len(kv[0]), reverse=True)
    post = sorted(lex.qualifier_post.items(), key=lambda kv: len(kv[0]), reverse=True)
    pre_re = re.compile("(?:" + literal_alternation(w for w, _ in pre) + r")[ ]?$")
    post_re = re.compile("[ ]?(?:" + literal_alternation(w for w, _ in post) + ")")
    gap_re = re.compile("(?:" + "|".join(sorted(lex.qualifier_gap, key=len, reverse=True)) + r")[ ]?$")
    return pre_re, dict(pre), post_re, dict(post), gap_re


_LINKS = "有为是达在了"


def qualifier_before(text: str, start: int, floor: int = 0) -> tuple[int, Optional[str]]:
    """The qualifier word ending right before ``start``: (its start, qualifier) or (start, None)."""
    pre_re, pre, _, _, gap_re = _qual_res(models_key())
    lo = max(floor, start - 7)
    m = pre_re.search(text, lo, start)
    if not m:
        # 最多资助港币2亿元, 约为每桶90美元: a granting verb or a per-unit word between the word and the amount
        gap = gap_re.search(text, lo, start)
        if gap and gap.start() > floor:
            m = pre_re.search(text, max(floor, gap.start() - 7), gap.start())
    if not m and start - 1 > floor and text[start - 1] in _LINKS:
        # 大概有100亿美元, 超过了5亿元: a copula or aspect particle between the word and the amount
        m = pre_re.search(text, lo, start - 1)
    if not m:
        return start, None
    word = m.group(0).rstrip(" ")
    q = pre.get(word)
    if q is None or q == "-":
        return start, None
    return m.start(), q


@lru_cache(maxsize=4)
def _distant_re(key: str) -> re.Pattern:
    """不超过该项目总融资额的两成: a bounding word, a short noun phrase ending in 的, the quantity."""
    pre = lexicon().qualifier_pre
    words = [w for w, q in pre.items() if q in ("more_than", "less_than", "approx") and len(w) >= 2]
    alt = literal_alternation(words)
    return re.compile(rf"({alt})[^，。；！？,;!?\n、]{{0,14}}的$")


def qualifier_distant(text: str, start: int) -> tuple[int, Optional[str]]:
    lo = max(0, start - 20)
    m = _distant_re(models_key()).search(text, lo, start)
    if not m:
        return start, None
    return m.start(), lexicon().qualifier_pre[m.group(1)]


def qualifier_after(text: str, end: int) -> tuple[int, Optional[str]]:
    _, _, post_re, post, _ = _qual_res(models_key())
    m = post_re.match(text, end)
    if not m:
        return end, None
    word = m.group(0).lstrip(" ")
    return m.end(), post.get(word)


def _merge_qual(a: Optional[str], b: Optional[str]) -> str:
    for q in (a, b):
        if q and q != "exact":
            return q
    return "exact"


def _div(a: Decimal, b: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return a / b


def _digit_value(ch: str) -> int:
    if ch.isdigit() and ch.isascii():
        return int(ch)
    return CN_DIGITS[ch]


def scan_quantities(text: str, nums: Optional[list[Num]] = None,
                    blocked: Optional[set[int]] = None) -> tuple[list[QItem], set[int]]:
    """Quantities in ``text`` and the start offsets of the numbers they consumed."""
    if blocked is None:
        blocked = blocked_positions(text)
    if nums is None:
        nums = scan_numbers(text, blocked=blocked)
    lex = lexicon()
    connectors = frozenset(lex.range_connector)
    by_start = {x.start: x for x in nums}
    used: set[int] = set()
    items: list[QItem] = []
    taken: list[tuple[int, int]] = []
    n = len(text)

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in taken)

    def add(s: int, e: int, kind: str, value: Decimal, form: str, value_max: Optional[Decimal] = None,
            qual: Optional[str] = None) -> None:
        if overlaps(s, e):
            return
        qs, qpre = qualifier_before(text, s)
        qe, qpost = qualifier_after(text, e)
        if qpre is None and qpost is None and qual is None:
            _, qpre = qualifier_distant(text, s)   # the bounding word stays outside the span
        q = _merge_qual(qual, _merge_qual(qpre, qpost))
        if value_max is not None:
            q = "range"
        items.append(QItem(qs, qe, kind, value, value_max, q, s, e, form))
        taken.append((s, e))
        for x in nums:
            if s <= x.start < e:
                used.add(x.start)

    # --- bare-unit denominators: 百分之二十 (percent), 千分之一, 百万分之一 (fractions)
    for m in DENOM_RE.finditer(text):
        units = m.group(1)
        b = m.end()
        num = by_start.get(b) or parse_at(text, b, blocked=blocked)
        if num is None:
            continue
        denom = Decimal(1)
        for ch in units:
            denom *= SMALL_UNITS.get(ch) or BIG_UNITS[ch]
        s = m.start()
        if units in ("百", "佰"):
            add(s, num.core_end, "percent", num.value, "百分之", num.value_max,
                "more_than" if num.more else None)
        else:
            vmax = _div(num.value_max, denom) if num.value_max is not None else None
            add(s, num.core_end, "fraction", _div(num.value, denom), "分之", vmax)
    for m in SPECIAL_PCT_RE.finditer(text):
        if m.group(1):
            add(m.start(), m.end(), "percent", Decimal(100), "百分之")
        elif m.group(2) or m.group(3):
            add(m.start(), m.end(), "percent", Decimal(50), "折")
        else:
            add(m.start(), m.end(), "percent", Decimal(5), "成")
    # --- slash fractions: 3/5, 1 3/5, -3/2 (not dates 2025/10/30)
    for m in SLASH_RE.finditer(text):
        sign = -1 if m.group(1) else 1
        whole = Decimal(m.group(2) or 0)
        a, b = Decimal(m.group(3)), Decimal(m.group(4))
        if b == 0:
            continue
        add(m.start(), m.end(), "fraction", sign * (whole + _div(a, b)), "/")
    # --- two-digit discounts: 三八折, 7 2 折
    disc_not = set(lex.discount_not_before)
    for m in ZHE_DIGITS_RE.finditer(text):
        if m.end() < n and text[m.end()] in disc_not:
            continue
        if m.start() in blocked:
            continue
        prev = text[m.start() - 1] if m.start() > 0 else ""
        if prev and (prev.isdigit() or prev in CN_NUMERAL_CHARS or prev in "点點."):
            continue
        v = _digit_value(m.group(1)) * 10 + _digit_value(m.group(2))
        add(m.start(), m.end(), "percent", Decimal(v), "折")

    for i, x in enumerate(nums):
        if x.start in used:
            continue
        # fraction: A分之B, with an optional whole part before: X又A分之B
        m = FRAC_MID_RE.match(text, x.core_end)
        if m and text[x.core_end:m.end()].strip().startswith("分"):
            b = m.end()
            num_b = by_start.get(b) or parse_at(text, b, blocked=blocked)
            if x.few:
                continue   # 几分之一, 十几分之一: "a small fraction", no denominator to compute with
            if num_b is not None and x.value != 0:
                val = _div(num_b.value, x.value)
                if x.value < 0 and num_b.value < 0:
                    val = _div(-num_b.value, -x.value)
                s = x.start
                # 三百五又三分之一
                if i > 0 and nums[i - 1].start not in used:
                    prev = nums[i - 1]
                    mm = MIXED_RE.search(text, prev.core_end, x.start)
                    if mm and mm.start() == prev.core_end:
                        s = prev.start
                        val = prev.value + val if prev.value >= 0 else prev.value - val
                        used.add(prev.start)
                add(s, num_b.core_end, "fraction", val, "分之")
                continue
        # percent: 20%, 2.4个百分点
        m = PCT_SIGN_RE.match(text, x.core_end)
        if m and not x.more:
            add(x.start, m.end(), "percent", x.value, "%", x.value_max)
            continue
        m = PCT_POINT_RE.match(text, x.end)
        if m:
            add(x.start, m.end(), "percent", x.value, "百分点", x.value_max, "more_than" if x.more else None)
            continue
        k = x.end
        if k < n and text[k] in " ":
            k += 1
        # tenths: 两成, 三成半, 七成 六
        if k < n and text[k] == "成" and not x.has_big and 0 < x.value <= 10 and x.value_max is None and not x.more:
            mc = CHENG_RE.match(text, k)
            assert mc is not None
            v = x.value * 10
            if mc.group(1):
                v += 5
            elif mc.group(2):
                v += _digit_value(mc.group(2))
            lo = _bare_low_end(text, nums, i, used, connectors)
            if lo is not None and not mc.group(1) and not mc.group(2) and 0 < lo.value < x.value:
                # 三到五成: the low end is a bare numeral before a range connector
                add(lo.start, mc.end(), "percent", lo.value * 10, "成", v)
            else:
                add(x.start, mc.end(), "percent", v, "成")
            continue
        # discounts: 八折, 75折, 9.9折, 陆 点 五 折
        if k < n and text[k] == "折" and not x.has_big and x.value_max is None and not x.more:
            if k + 1 < n and text[k + 1] in disc_not:
                continue
            v = x.value
            if 0 < v < 10:
                add(x.start, k + 1, "percent", v * 10, "折")
            elif 10 < v < 100:
                add(x.start, k + 1, "percent", v, "折")
            continue
        # multiples: 三倍, 1.5倍
        m = BEI_RE.match(text, x.end)
        if m:
            more = BEI_MORE_RE.match(text, m.end())
            lo = _bare_low_end(text, nums, i, used, connectors) if x.value_max is None and not x.more else None
            if lo is not None and 0 < lo.value < x.value and not more:
                # 三到四倍: the low end is a bare numeral before a range connector
                add(lo.start, m.end(), "multiple", lo.value, "倍", x.value)
                continue
            add(x.start, more.end() if more else m.end(), "multiple", x.value, "倍", x.value_max,
                "more_than" if x.more or more else None)
            continue
    # 翻一番 / 翻两番 / 翻番 / 翻倍
    for m in FAN_RE.finditer(text):
        if m.group(2):
            k = int(m.group(2)) if m.group(2).isdigit() else (10 if m.group(2) == "十" else CN_DIGITS[m.group(2)])
            add(m.start(), m.end(), "multiple", Decimal(2) ** k, "番")
        else:
            add(m.start(), m.end(), "multiple", Decimal(2), "番")
    # 近百倍, 上千倍: a bare magnitude before 倍, after a bounding word, is one of it (上 = "reaching", more than);
    # 数百倍 is too vague, and without the bounding word 百倍 is mostly an idiom (百倍奉还, 精神百倍)
    for m in BARE_BEI_RE.finditer(text):
        add(m.start(1), m.end(), "multiple", _BARE_BEI[m.group(1)], "倍",
            qual="more_than" if text[m.start(1) - 1:m.start(1)] == "上" or m.group(2) else None)
    for m in HALF_RE.finditer(text):
        if m.group(1):
            add(m.start(), m.end(), "fraction", Decimal("0.5"), "半")
        else:
            add(m.start(), m.end(), "fraction", Decimal("0.5"), "半", qual="more_than")
    items.sort(key=lambda q: q.start)
    _join_ranges(text, items, frozenset(lex.range_connector))
    return items, used


def _bare_low_end(text: str, nums: list, i: int, used: set[int], connectors: frozenset[str]):
    """The bare numeral written as the low end of a range before nums[i] (三 in 三到五成), or None."""
    if i == 0:
        return None
    prev, x = nums[i - 1], nums[i]
    if prev.start in used or prev.value_max is not None or prev.has_big or prev.more or not 0 < prev.value <= 10:
        return None
    return prev if text[prev.end:x.start].strip(" ") in connectors else None


def _join_ranges(text: str, items: list[QItem], connectors: frozenset[str]) -> None:
    """60%至70%, 三成至五成: two quantities of one kind joined by a range connector."""
    i = 1
    while i < len(items):
        a, b = items[i - 1], items[i]
        gap = text[a.core_end:b.core_start].strip(" ")
        if (gap in connectors and a.kind == b.kind and a.value_max is None and b.value_max is None
                and a.value < b.value and a.qualifier in ("exact", "approx") and b.qualifier == "exact"):
            items[i - 1] = QItem(a.start, b.end, a.kind, a.value, b.value, "range", a.core_start, b.core_end, a.form)
            del items[i]
            continue
        i += 1
