"""Chinese and Arabic numerals to exact `Decimal` values.

One scanner reads every numeral form the figures extractor needs: Arabic numbers with thousands
separators, decimals, exponents and k/M suffixes (``3,000``, ``1.05``, ``2e5``, ``15k``); Chinese
numerals in everyday and financial script (``一百零五``, ``两千四百五``, ``壹佰伍拾``, ``七十八萬五佰零六``),
mixed forms (``3万4000``, ``5亿1万4千6百``), the magnitudes 万/亿/兆 and their compounds
(``万亿``, ``万万``), Chinese decimals (``十点二三三``, ``两千万点五五四四``), approximate forms
(``两千多``, ``五百余万``, ``二十几万``, ``十来万``) and adjacent-digit ranges (``四五百``).

All arithmetic is on `Decimal`, so ``16.4亿`` is exactly 1640000000 (cn2an's ``cn2an("16.4亿")``
gave 1639999999 in earlier releases because it multiplies floats).

The scanner works on normalised text (full-width digits already ASCII), but also accepts
Traditional characters (萬 億 兩 點 負 幾) so that it can be measured on un-normalised specs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, DecimalException, localcontext
from functools import lru_cache
from typing import Optional

from .resources import lexicon, models_key

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "弌": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2, "弍": 2,
    "三": 3, "叁": 3, "參": 3, "弎": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
ZEROS = "零〇○"
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
POINTS = "点點"
ROUGH = "上数數"
NEGATIVES = "负負"
FEW = "几幾"
MORE = "多余餘"
MORE_AFTER_UNIT = "来來"
SPACES = " \t\u3000"
# digits that may follow 点 (两 is never read digit by digit: 一点两小时 is 一 + 两)
FRACTION_DIGITS = {k: v for k, v in CN_DIGITS.items() if k not in "两兩俩倆"}

CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_ALL_NUM_CHARS = CN_NUMERAL_CHARS + FEW + "0123456789"

ARABIC_RE = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?")
LEADING_DOT_RE = re.compile(r"\.\d+")
EXP_RE = re.compile(r"[eE]([+-]?)(\d+)(?![A-Za-z0-9])")
POW_RE = re.compile(r"\^([+-]*)(\d+(?:\.\d+)?)(?![A-Za-z0-9.])")
SUFFIX_RE = re.compile(r"[ ]?([kK]|M)(?![A-Za-z0-9])")

START_RE = re.compile(
    r"[0-9]|\.(?=[0-9])|-(?=\.?[0-9])"
    r"|[负負](?=[ \t]*[0-9" + CN_NUMERAL_CHARS + r"几幾])"
    r"|半百|[上数數](?=[十百千万亿萬億])"
    r"|[" + CN_NUMERAL_CHARS + FEW + r"]"
)


@dataclass
class Num:
    """A numeral found in text. ``end`` includes a trailing 多/余 (``core_end`` does not)."""
    start: int
    end: int
    value: Decimal
    value_max: Optional[Decimal] = None  # set for 四五百, 二十几万
    more: bool = False        # 多/余/来: "and more"
    few: bool = False         # 几: an unknown digit
    core_end: int = -1
    has_big: bool = False     # used 万/亿/兆
    has_cn: bool = False      # any Chinese numeral character
    arabic: bool = False      # any Arabic digit
    single_cn_digit: bool = False  # exactly one Chinese digit character, nothing else (一, 两)

    def text_of(self, text: str) -> str:
        return text[self.start:self.end]


def _skip_spaces(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and text[pos] in SPACES:
        pos += 1
    return pos


def _dec(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


@lru_cache(maxsize=4)
def _blocking_re(key: str) -> re.Pattern:
    words = sorted(lexicon().not_number, key=len, reverse=True)
    chars = re.escape(CN_NUMERAL_CHARS)
    alt = "|".join(words)
    return re.compile(rf"(?<![{chars}]){_first_char_guard(words)}(?:{alt})(?![{chars}0-9])")


def _first_char_guard(words: list[str]) -> str:
    """A lookahead for the characters the lexicon's words (regular expressions) start with, when
    each surely starts with its first character; else nothing. Same matches: it only lets the
    scan skip, with one character-class test, the positions where no word can start. (The leading
    lookbehind keeps `re` from finding that out itself: trying all the words at every position of
    a document cost ~0.7 ms a document.)"""
    for word in words:
        if (not word or "|" in word or (word[0].isascii() and not word[0].isalnum())
                or word[1:2] in ("?", "*", "{")):
            return ""  # empty, an alternation, a construct ("(", "[", "\\", "."), an optional first character
    firsts = "".join(sorted({word[0] for word in words}))
    return f"(?=[{re.escape(firsts)}])" if firsts else ""


@lru_cache(maxsize=4)
def _si_after_re(key: str) -> re.Pattern:
    alt = "|".join(sorted((re.escape(w) for w in lexicon().si_unit_after), key=len, reverse=True))
    return re.compile(rf"(?:{alt})")


def _dozen_not_before() -> frozenset[str]:
    return frozenset(lexicon().dozen_not_before)


URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def blocked_positions(text: str) -> set[int]:
    """Character positions inside words whose numeral characters are not numbers (一切, 四川, 万一)
    and inside URLs and e-mail addresses."""
    out: set[int] = set()
    for m in _blocking_re(models_key()).finditer(text):
        out.update(range(m.start(), m.end()))
    if "/" in text or "@" in text or "www" in text:
        for m in URL_RE.finditer(text):
            out.update(range(m.start(), m.end()))
    return out


class _P:
    """Parallel low/high accumulators: ranges (四五百) and 几 are parsed once for both ends."""
    __slots__ = ("lo", "hi")

    def __init__(self, lo: Decimal, hi: Optional[Decimal] = None):
        self.lo = lo
        self.hi = lo if hi is None else hi

    def __add__(self, o: "_P") -> "_P":
        return _P(self.lo + o.lo, self.hi + o.hi)

    def scale(self, k) -> "_P":
        return _P(self.lo * k, self.hi * k)

    def is_zero(self) -> bool:
        return self.lo == 0 and self.hi == 0


ZERO = Decimal(0)


def parse_at(text: str, i: int, *, few_lo: int = 1, blocked: Optional[set[int]] = None,
             allow_suffix: bool = True) -> Optional[Num]:
    """Parse the longest numeral starting exactly at ``i``; None if there is none."""
    n = len(text)
    if i >= n:
        return None
    si_re = _si_after_re(models_key())
    pos = i
    sign = 1
    c = text[pos]
    if c in NEGATIVES:
        sign = -1
        pos = _skip_spaces(text, pos + 1)
    elif c == "-":
        prev = text[i - 1] if i > 0 else ""
        if prev and (prev.isalnum() or prev in "-.,"):
            return None
        sign = -1
        pos += 1
    if pos >= n:
        return None
    if text.startswith("半百", pos):
        return Num(i, pos + 2, Decimal(50) * sign, core_end=pos + 2, has_cn=True)
    if text[pos] in ROUGH and sign == 1:
        # 上百万 (a million and more), 上万, 数十亿 (several billion: 2 to 9 x)
        k = pos + 1
        mag = 1
        while k < n and (text[k] in SMALL_UNITS or text[k] in BIG_UNITS) and not (blocked and k in blocked):
            mag *= SMALL_UNITS.get(text[k]) or BIG_UNITS[text[k]]
            k += 1
        if k == pos + 1 or (k == pos + 2 and text[pos + 1] in "十拾"):
            return None
        v = Decimal(mag)
        if text[pos] == "上":
            return Num(i, k, v, more=True, core_end=k, has_big=mag >= 10**4, has_cn=True)
        return Num(i, k, v * 2, value_max=v * 9, few=True, core_end=k, has_big=mag >= 10**4, has_cn=True)

    total = _P(ZERO)
    section = _P(ZERO)
    pending: Optional[_P] = None
    pending_kind = ""          # digit / arabic / few
    pending_digit = -1
    last_small: Optional[int] = None
    prev_unit: Optional[int] = None   # unit immediately before the pending digit (for 两千四百五)
    last_big: Optional[int] = None
    after_zero = False
    consumed = False
    more = few = has_big = has_cn = arabic = False
    ranged = False
    zero_only = False
    end = pos
    core_end = -1
    n_cn_digits = 0
    n_tokens = 0
    more_pending_end = -1   # 多 consumed; only a big unit may follow

    while True:
        j = _skip_spaces(text, pos) if consumed else pos
        if j >= n or (blocked and j in blocked):
            break
        c = text[j]
        if more_pending_end >= 0 and c not in BIG_UNITS:
            break
        # --- Arabic number
        if ("0" <= c <= "9") or (c == "." and not consumed and j + 1 < n and text[j + 1].isdigit()):
            if pending is not None or (consumed and prev_unit is None and not after_zero):
                break
            if consumed and j != pos and not after_zero and prev_unit is not None and not arabic:
                break  # "七千 5": a space after a Chinese unit does not join an Arabic number (7万 5千 does)
            if c == ".":
                if j > 0 and (text[j - 1] in ".0123456789"):
                    break
                m = LEADING_DOT_RE.match(text, j)
            else:
                m = ARABIC_RE.match(text, j)
            assert m is not None
            s = m.group(0)
            mend = m.end()
            chain_before = j >= 2 and text[j - 1] == "." and text[j - 2].isdigit()
            chain_after = mend + 1 < n and text[mend] == "." and text[mend + 1].isdigit()
            if "." in s and (chain_before or chain_after):
                # 2222.2222.22222 is a list of integers, not a decimal
                s = s.split(".")[0]
                if not s:
                    break
                mend = j + len(s)
            val = _dec(s)
            arabic = True
            consumed = True
            n_tokens += 1
            if not has_cn and not has_big:
                # exponents, powers and k/M suffixes end an Arabic number
                me = EXP_RE.match(text, mend)
                if me and pending is None and section.is_zero() and total.is_zero() and len(me.group(2)) <= 2:
                    exp = int(me.group(2)) * (-1 if me.group(1) == "-" else 1)
                    val = val.scaleb(exp)
                    return _finish(i, me.end(), _P(val), sign, more, few, has_big, has_cn, arabic, -1, False)
                mp = POW_RE.match(text, mend)
                if mp and pending is None and section.is_zero() and total.is_zero():
                    neg = mp.group(1).count("-") % 2 == 1
                    e = Decimal(mp.group(2))
                    with localcontext() as ctx:
                        ctx.prec = 30
                        try:
                            v = val ** (-e if neg else e)
                        except (DecimalException, OverflowError):
                            return None
                    if v != 0 and not (Decimal("1e-30") < abs(v) < Decimal("1e30")):
                        return None
                    return _finish(i, mp.end(), _P(v), sign, more, few, has_big, has_cn, arabic, -1, False)
                if allow_suffix:
                    ms = SUFFIX_RE.match(text, mend)
                    if ms:
                        mult = 1000 if ms.group(1) in "kK" else 10**6
                        return _finish(i, ms.end(), _P(val * mult), sign, more, few, has_big, has_cn,
                                       arabic, -1, False)
            pending = _P(val)
            pending_kind = "arabic"
            pos = end = mend
            after_zero = False
            continue
        # --- Chinese digit
        if c in CN_DIGITS:
            d = CN_DIGITS[c]
            if c in ZEROS:
                if pending is not None:
                    break
                if not consumed:
                    zero_only = True
                has_cn = True
                consumed = True
                after_zero = True
                prev_unit = None
                pos = end = j + 1
                n_tokens += 1
                continue
            if pending is not None:
                # 四五百, 三四十万: adjacent digits before a unit give a range
                k = _skip_spaces(text, j + 1)
                if (pending_kind == "digit" and not ranged and (d == pending_digit + 1 or (pending_digit == 1 and d == 2))
                        and k < n and (text[k] in SMALL_UNITS or text[k] in BIG_UNITS)):
                    pending = _P(pending.lo, Decimal(d))
                    ranged = True
                    pos = end = j + 1
                    n_cn_digits += 1
                    continue
                break
            if consumed and prev_unit is None and not after_zero and not zero_only:
                break
            pending = _P(Decimal(d))
            pending_kind = "digit"
            pending_digit = d
            has_cn = True
            consumed = True
            zero_only = False
            n_cn_digits += 1
            n_tokens += 1
            pos = end = j + 1
            continue
        if c in FEW:
            if pending is not None or (consumed and prev_unit is None and not after_zero):
                break
            # a leading 几 is "several", more than one (几亿 = 2亿 to 9亿); after a digit (二十几) it is any digit
            pending = _P(Decimal(max(few_lo, 2) if not consumed else few_lo), Decimal(9))
            pending_kind = "few"
            few = has_cn = consumed = True
            n_tokens += 1
            pos = end = j + 1
            continue
        if c in SMALL_UNITS:
            u = SMALL_UNITS[c]
            if u == 1000 and si_re.match(text, j + 1):
                break
            if last_small is not None and u >= last_small:
                break
            if pending is None:
                if consumed and not after_zero and not zero_only and not section.is_zero():
                    break
                coef = _P(Decimal(1))
            else:
                coef = pending
            section = section + coef.scale(u)
            last_small = u
            prev_unit = u
            pending = None
            after_zero = zero_only = False
            has_cn = consumed = True
            n_tokens += 1
            pos = end = j + 1
            # 十多, 百余, 十来: "and more" after a unit
            k = _skip_spaces(text, pos)
            if k < n and (text[k] in MORE or text[k] in MORE_AFTER_UNIT) and not (blocked and k in blocked):
                core_end = end
                more = True
                pos = end = k + 1
                more_pending_end = end
            continue
        if c in BIG_UNITS:
            B = BIG_UNITS[c]
            if c == "兆" and si_re.match(text, j + 1):
                break
            if pending is None and section.is_zero():
                if last_big is None:
                    break  # a bare 万 is not a number
                # 万亿, 万万: compound magnitude
                total = total.scale(B)
                last_big = last_big * B
            else:
                grp = section + (pending if pending is not None else _P(ZERO))
                if last_big is None or B >= last_big:
                    total = (total + grp).scale(B)
                    last_big = B
                else:
                    total = total + grp.scale(B)
                    last_big = B
            section = _P(ZERO)
            pending = None
            last_small = None
            prev_unit = B
            after_zero = zero_only = False
            has_big = has_cn = consumed = True
            more_pending_end = -1
            n_tokens += 1
            pos = end = j + 1
            core_end = -1
            # 两亿多, 一万余: "and more" after a magnitude, when no further digits follow
            if pos < n and text[pos] in MORE and not (blocked and pos in blocked) and (
                    pos + 1 >= n or (text[pos + 1] not in CN_DIGITS and not text[pos + 1].isdigit()
                                     and text[pos + 1] not in SMALL_UNITS and text[pos + 1] not in BIG_UNITS)):
                core_end = end
                more = True
                pos = end = pos + 1
                break
            continue
        if c in MORE and pending is not None and pending_kind == "arabic" and more_pending_end < 0:
            # 500余万, 两千多 (after Arabic); after Chinese units handled above
            core_end = end
            more = True
            pos = end = j + 1
            more_pending_end = end
            continue
        if c in POINTS and consumed:
            k = _skip_spaces(text, j + 1)
            digits = []
            while k < n:
                ch = text[k]
                if ch in FRACTION_DIGITS:
                    digits.append(str(FRACTION_DIGITS[ch]))
                    k += 1
                elif ch.isdigit() and ch.isascii():
                    digits.append(ch)
                    k += 1
                elif ch in SPACES and digits and k + 1 < n and (text[k + 1] in FRACTION_DIGITS):
                    k += 1
                else:
                    break
            if not digits or pending_kind == "few" or more_pending_end >= 0:
                break
            intpart = _int_value(total, section, pending, pending_kind, prev_unit, after_zero)
            val = intpart + _P(Decimal("0." + "".join(digits)))
            end = k
            # 一点五亿: a decimal coefficient of a magnitude
            k2 = _skip_spaces(text, end)
            if total.is_zero() and k2 < n and text[k2] in BIG_UNITS and not (text[k2] == "兆" and si_re.match(text, k2 + 1)):
                B = BIG_UNITS[text[k2]]
                val = val.scale(B)
                end = k2 + 1
                has_big = True
                if end < n and text[end] in BIG_UNITS and BIG_UNITS[text[end]] > B:
                    val = val.scale(BIG_UNITS[text[end]])
                    end += 1
            return _finish(i, end, val, sign, more, few, has_big, True, arabic, -1, False)
        break

    if not consumed:
        return None
    if more_pending_end >= 0:
        end = more_pending_end
    if n_tokens == 1 and pending is None and not zero_only and not has_big:
        # a bare unit: only 十 stands alone (十斤); 百/千 alone are not numbers
        if last_small != 10:
            return None
    val = _int_value(total, section, pending, pending_kind, prev_unit, after_zero)
    # 一打 = a dozen (but 一打开 is "as soon as it opens")
    if (end < n and text[end] == "打" and not has_big and not more and not few and not ranged
            and (end + 1 >= n or text[end + 1] not in _dozen_not_before())):
        val = val.scale(12)
        end += 1
    num = _finish(i, end, val, sign, more, few, has_big, has_cn, arabic, core_end, ranged)
    num.single_cn_digit = (n_cn_digits == 1 and n_tokens == 1 and not arabic)
    return num


def _int_value(total: _P, section: _P, pending: Optional[_P], pending_kind: str,
               prev_unit: Optional[int], after_zero: bool) -> _P:
    if pending is not None:
        if pending_kind in ("digit", "few") and prev_unit is not None and not after_zero and prev_unit >= 10:
            pending = pending.scale(Decimal(prev_unit) / 10)   # 两千四百五 = 2450, 一万三 = 13000
        section = section + pending
    return total + section


def _finish(start, end, val: _P, sign, more, few, has_big, has_cn, arabic, core_end, ranged) -> Num:
    lo, hi = val.lo * sign, val.hi * sign
    return Num(start=start, end=end, value=lo, value_max=(hi if hi != lo else None), more=more, few=few,
               core_end=(core_end if core_end >= 0 else end), has_big=has_big, has_cn=has_cn, arabic=arabic)


def scan_numbers(text: str, *, few_lo: int = 1, blocked: Optional[set[int]] = None,
                 stop: Optional[int] = None) -> list[Num]:
    """Every numeral in ``text``, left to right, not overlapping; with ``stop``, only those that
    start before it (the same numerals as the first ones of the whole scan)."""
    if blocked is None:
        blocked = blocked_positions(text)
    out: list[Num] = []
    pos = 0
    n = len(text)
    limit = n if stop is None else min(stop, n)
    search = START_RE.search
    while pos < limit:
        m = search(text, pos)  # over the whole text: the pattern looks ahead
        if not m or m.start() >= limit:
            break
        i = m.start()
        if i in blocked:
            pos = i + 1
            continue
        c = text[i]
        if c.isdigit() and i > 0 and (text[i - 1].isascii() and text[i - 1].isalpha()):
            # H100, A2021…: digits glued to Latin letters are identifiers
            k = i
            while k < n and (text[k].isalnum() and text[k].isascii()):
                k += 1
            pos = k
            continue
        num = parse_at(text, i, few_lo=few_lo, blocked=blocked)
        if num is None:
            pos = i + 1
            continue
        if num.arabic and not num.has_cn and num.end < n and text[num.end].isascii() and text[num.end].isalpha():
            # 5G, 7nm: a number glued to letters is part of a name or a unit we do not read here
            num.letter_after = True  # type: ignore[attr-defined]
        out.append(num)
        pos = max(num.end, i + 1)
    return out


def parse_number(s: str) -> Optional[Decimal]:
    """The value of a string that is exactly one numeral (None otherwise)."""
    s = s.strip()
    if not s:
        return None
    num = parse_at(s, 0, blocked=set())
    if num is None or num.end != len(s):
        return None
    return num.value


def to_number(value: Decimal) -> int | float:
    """A model value: int when whole, else float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
