"""Checks of an article's own comparative numeric claims against the figures it states.

Claims read:
- restatements (``74亿美元(约1.05万亿日元)``, ``…,约合…``, and ``按1美元兑3.6新谢克尔的汇率计算，约合…``
  in the sentence after the amount): the implied exchange rate is compared with the rate the article
  states, else the dated reference rate (the tolerance widened by the rounding of the restated amount),
  else, for a currency with no reference, with the article's other restatements of the same pair;
- multiples (``X比Y多出三倍还不止``, ``是Y的三倍``, ``翻了一番``): the ratio of the two amounts the
  claim compares. ``多N倍`` / ``增长了N倍`` is ambiguous in Chinese usage: strictly it means N+1
  times (the reading of the national number-usage guidance), loosely N times. Both readings are
  computed and written out; the verdict follows the strict reading and says when the loose one
  differs;
- shares (``占了其中将近四分之三``, ``占…的30%``): part / whole;
- changes (``从X增至Y, 增长20%``): (Y - X) / X.

The amounts a claim refers to are found in its sentence, or when the sentence names fewer than two,
in the two sentences before it; the computation says which amounts were used. A claim whose
amounts cannot be found is ``unverifiable``. Claims these money rules leave unchecked or unverifiable
go to ``relations.py`` (figures with units, percentage points, named parts and wholes, phrasing-only
claims).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Optional, Sequence

from .money import MItem, plain_table_cells, table_cells
from .quantities import QItem
from .numerals import Num
from .rates import UsdInfo
from .relations import (ANNUAL_RE, claim_lex, RATIO_TOLERANCE, TIME_BASE_RE, Relations, check_ratio, check_ratio_span, clause_span, divide,
                        fmt_decimal, latest_named, rounding, span_text, stated_rates)
from .resources import lexicon, models_key
from pipeline.text import literal_alternation

RATE_TOLERANCE = Decimal("0.15")      # exchange rates move: ±15% of the reference is consistent
RATE_GROSS = Decimal("0.5")           # beyond ±50%: a magnitude error, not a rate difference

# 是五年前的三倍多, 为去年同期的两倍: the base is the same figure at an earlier time, which the article does not state
EARLIER_TIME_BASE_RE = re.compile(r"(?:[\d一二两三四五六七八九十]+年前|去年|前年|上年|上一年|同期|\d{4}年)的")
MULTIPLE_TIMES_RE = re.compile(r"(?:是|为|相当于|达到?)[^，。；！？,;!?\n]{0,30}?的?(?:约|近|将近|超过|逾)?$")
LEVERAGE_RE = re.compile(r"的?(?:放大效应|放大作用|杠杆|撬动)")
SHARE_RE = re.compile(r"占(?:了|据)?")
CHANGE_RE = re.compile(r"(多出|高出|增长|增加|提高|上升|上涨|扩大|下降|减少|降低|下跌|缩减|低出)了?"
                       r"(?:约|近|将近|超过|逾)?$")
RESTATE_RE = re.compile(r"(?:换言之|换句话说|也就是说|这意味着|也就是|可见|即)[,，]?")
SHARE_SUBJECT_RE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:所|的)?占(?:比|的比重|的比例|的份额)?(?:了|据)?(?:约|近|将近|超过|逾)?$")
TOTAL_WORD_RE = re.compile(r"(?:合计|总计|共计|总共|一共|总额|总规模|总投资|总金额|总计划)(?:约|达|为|约为|达到)?[ ]?$")
SHARE_VERB_RE = re.compile(r"(?:占|覆盖|满足|相当于|达到)[^，。；！？,;!?\n]{0,20}的?$")
AVERAGE_RE = re.compile(r"(?:平均(每)(?:个|家|项|笔|名|所|座)?([\u4e00-\u9fff]{1,2}?)(?:获得|得到|分到|投入|为|约|达)|"
                        # 每个机架一年能分到约3.6万元: a share handed out evenly, 分到/摊到 without 平均
                        r"(每)(?:个|家|项|笔|名|所|座|台|户)([\u4e00-\u9fff]{1,2}?)(?:一年|每年|一个月|每月)?(?:能|可|可以)?"
                        r"(?:分到|分得|摊到|摊得)|"
                        # 平均每创造一个岗位要花掉近2,000万福林: a verb and 一个 before the noun, a spending verb after
                        r"平均(每)(?:创造|新增|建成|引进|招聘|安置|培训|生产|建设)?一?(?:个|家|项|笔|名|所|座|台|户|吨|辆)"
                        r"([\u4e00-\u9fff]{1,2}?)(?:就)?(?:要|需要|需|得)?(?:花掉|花费|花|耗资|投入|补贴|付出)"
                        r"(?:纳税人|财政|政府)?)")
# 较2021年上涨约18%, 比上年增长: the base is the same figure at another time, not an amount of the article
BASE_TIME_RE = re.compile(r"(?:较|比)(?:(?:19|20)\d\d年|去年|上年|上一年|同期|前一年)")
# 比新加坡高出, 较欧洲同类项目低: a comparative whose object is a noun (no pronoun that points back to the amount
# before: 较之, 比这, 比上述) names a base of its own, whose figure the article may not state
NAMED_BASE_RE = re.compile(r"(?:较|(?<![相无对])比)(?!之|其|此|这|该|上述|前者|后者|它)([\u4e00-\u9fff]{2,12}?)(?:的水平|的水准|水平)?$")
# 15亿元，其中: a total, then the parts it is made of
PARTS_AFTER_TOTAL_RE = re.compile(r"[^，。；！？,;!?\n]{0,4}?[，,]?[ ]?其中[，,：:]?")
UP_WORDS = {"多出", "高出", "增长", "增加", "提高", "上升", "上涨", "扩大"}
# 加上A和B，…已超过T: words before a total the added amounts make up
ADDED_TOTAL_RE = re.compile(r"(?:合计|总计|共计|总共|一共|累计|总额|总规模|超过|达到|达|逾|共|总计)[^，。；！？,;!?\n]{0,4}$")
# the first cell of a table row that totals the rows above it
TABLE_TOTAL_RE = re.compile(r"^(?:合计|总计|共计|小计|总额|合计金额|总投资|合\s*计|Total|TOTAL)$")
# 三个市场合计贡献了超过八成, 两家企业加起来占近六成: a counted sum of shares
SHARE_SUM_RE = re.compile(r"([两二三四五六七八九十2-9])(?:个|家|项|类|者|大|地)[\u4e00-\u9fff]{0,4}?"
                          r"(?:合计|总计|共计|加起来|合共|一共|相加|加总)[^，。；！？,;!?\n0-9%％]{0,8}$")
SUM_RE = re.compile(r"(?:([两二三四五六七八九十2-9](?:项|者|家|笔|个|部分|类|方面|座|处|期))[^，。；！？,;!?\n]{0,8}?)?"
                    r"(?:合计|总计|共计|加起来|总共|一共|合共|加总)(?:约|达|为|超过|恰好为|恰好|正好|约为|是)?[^，。；！？,;!?\n]{0,4}$")


@dataclass
class Check:
    sentence_id: int
    start: int
    end: int
    claim_text: str
    computation: str
    verdict: str


def _rate(d: Decimal) -> str:
    """An exchange rate to 6 significant digits (0.0000634 USD per VND, not 0)."""
    return format(Decimal(format(d, ".6g")).normalize(), "f") if d else "0"


def _sid(sent_starts: list[int], sentences: Sequence[tuple[int, int]], pos: int) -> Optional[int]:
    i = bisect.bisect_right(sent_starts, pos) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return i
    return None


def run_checks(text: str, sentences: Sequence[tuple[int, int]], money: list[MItem],
               usd: list[UsdInfo], quants: list[QItem], nums: Optional[Sequence[Num]] = None) -> list[Check]:
    sent_starts = [s for s, _ in sentences]
    checks: list[Check] = []
    rates = lexicon().rates

    def sid(pos: int) -> Optional[int]:
        return _sid(sent_starts, sentences, pos)

    # comparable amounts: not restatements, with a US-dollar value
    amounts = [(i, m, usd[i]) for i, m in enumerate(money)
               if m.equivalent_of is None and usd[i].value is not None and m.value]
    mention_count = Counter(_norm_amount(u.value) for _, _, u in amounts)

    # --- restatements: implied exchange rate vs the rate the article states (1美元兑3.6新谢克尔), else the
    # dated reference; with no reference, vs the article's other restatements of the same pair. The tolerance
    # widens by the rounding of the restated amount as written.
    stated = stated_rates(text)

    def stated_rate(ca: str, cb: str, pos: int) -> Optional[tuple[Decimal, str]]:
        """Units of cb per unit of ca as the article states it (the latest statement before pos, else the first)."""
        best = None
        for off, x, y, r in stated:
            if {x, y} != {ca, cb}:
                continue
            v = r if (x, y) == (ca, cb) else divide(Decimal(1), r)
            if best is None or off < pos:
                best = (v, text[off:off + 24].split("，")[0].split("。")[0])
        return best

    pairs: list[tuple[int, int]] = [(b.equivalent_of, i) for i, b in enumerate(money) if b.equivalent_of is not None]
    # 约120亿美元。按1美元兑3.6新谢克尔的汇率计算，约合432亿新谢克尔: a restatement in the sentence after, by a stated rate
    linked = {i for _, i in pairs}
    for i, b in enumerate(money):
        if i in linked or not b.value or not text.startswith(("约合", "折合", "合"), b.start):
            continue
        s = sid(b.start)
        if s is None:
            continue
        quotes = [q for q in stated if sentences[s][0] <= q[0] < b.start and b.currency in (q[1], q[2])]
        if not quotes:
            continue
        other = quotes[-1][1] if quotes[-1][2] == b.currency else quotes[-1][2]
        prior = [j for j, a in enumerate(money) if a.currency == other and a.value and a.end <= b.start
                 and sid(a.start) is not None and s - 1 <= sid(a.start) <= s]
        if prior:
            pairs.append((prior[-1], i))
    restated = [(money[a], money[b]) for a, b in pairs]
    for a, b in restated:
        if a.currency == b.currency or not a.value or not b.value:
            continue
        s = sid(b.start)
        if s is None:
            continue
        ra, rb = rates.get(a.currency), rates.get(b.currency)
        claim_lo, claim_hi = a.start, b.end
        if sid(a.start) != s:
            claim_lo = sentences[s][0]
        if claim_hi < len(text) and text[claim_hi] in ")）":
            claim_hi += 1
        claim = text[claim_lo:claim_hi]
        implied = divide(b.value, a.value)     # units of b per unit of a
        # 3,800亿至5,000亿苏姆，约合3,000万至4,000万美元: a range restated as a range, each end by its own
        # (the verdict goes by the end further from the reference)
        implied_hi = divide(b.value_max, a.value_max) if a.value_max and b.value_max else None
        st = stated_rate(a.currency, b.currency, b.start)
        # the article's own rate is exact: only the rounding of the amounts; a reference rate also moves
        # (the restated amount is the rounded one: 约合4亿美元 stands for 3.5亿..4.5亿)
        tolerance = (Decimal("0.02") if st is not None else RATE_TOLERANCE) + rounding(b.value)
        if st is not None:
            ref, ref_src = st[0], f"the article's own rate '{st[1]}'"
        elif ra is not None and rb is not None:
            ref = divide(ra.usd_per_unit, rb.usd_per_unit)
            srcs = sorted({f"{r.source} {r.date}" for r in (ra, rb) if r.source != "identity"})
            ref_src = f"{'; '.join(srcs)}, models/usd_rates.tsv"
        else:
            missing = a.currency if ra is None else b.currency
            others = [(x, y) for x, y in restated if (x, y) != (a, b) and x.value and y.value
                      and {x.currency, y.currency} == {a.currency, b.currency}]
            comp = f"implied {_rate(implied)} {b.currency} per {a.currency}; no reference rate for {missing} in models/usd_rates.tsv"
            known = b.currency if ra is None else a.currency
            bridge = None if others or rates.get(known) is None else \
                _bridge_rate(restated, (a, b), missing, rates, known)
            if bridge is not None:
                # 约6亿比尔，约合390万美元 … 约12比尔，约合人民币0.55元: the article's own ETB/USD restatement gives the
                # birr a dollar value, the reference table the dollar's value in yuan
                (x, y), usd_per_missing = bridge
                unit_ref = divide(usd_per_missing, rates[known].usd_per_unit)   # units of known per unit of missing
                ref = unit_ref if a.currency == missing else divide(Decimal(1), unit_ref)
                implied = _further(implied, implied_hi, ref)
                dev = divide(implied - ref, ref)
                ok = abs(dev) <= RATE_TOLERANCE + rounding(y.value) + rounding(b.value)
                comp += (f"; the article's restatement {text[x.start:x.end]} = {text[y.start:y.end]} and the "
                         f"{known} reference rate ({rates[known].source} {rates[known].date}) imply {_rate(ref)} "
                         f"{b.currency} per {a.currency}: deviation {fmt_decimal(dev * 100, 1)}%")
                checks.append(Check(s, claim_lo, claim_hi, claim, comp, "consistent" if ok else "inconsistent"))
                continue
            if not others:
                checks.append(Check(s, claim_lo, claim_hi, claim, comp, "unverifiable"))
                continue
            x, y = others[0]
            other = divide(y.value, x.value) if x.currency == a.currency else divide(x.value, y.value)
            implied = _further(implied, implied_hi, other)
            dev = divide(implied - other, other)
            ok = abs(dev) <= RATE_TOLERANCE + rounding(y.value) + rounding(b.value)
            comp += (f"; the article's other restatement {text[x.start:x.end]} = {text[y.start:y.end]} implies "
                     f"{_rate(other)}: deviation {fmt_decimal(dev * 100, 1)}%")
            checks.append(Check(s, claim_lo, claim_hi, claim, comp, "consistent" if ok else "inconsistent"))
            continue
        implied = _further(implied, implied_hi, ref)
        bv, av = (b.value_max, a.value_max) if implied_hi is not None and implied == implied_hi else (b.value, a.value)
        dev = divide(implied - ref, ref)
        comp = (f"{fmt_decimal(bv, 2)} {b.currency} / {fmt_decimal(av, 2)} {a.currency} = {_rate(implied)} "
                f"{b.currency} per {a.currency}; reference {_rate(ref)} ({ref_src}); "
                f"deviation {fmt_decimal(dev * 100, 1)}%")
        if abs(dev) <= tolerance:
            verdict = "consistent"
            if st is not None:
                comp += f" (within ±{fmt_decimal(tolerance * 100, 1)}%: the rounding of the amounts as written)"
            else:
                comp += (f" (within ±{fmt_decimal(tolerance * 100, 1)}%: rates move between the article's date and the "
                         f"reference date, and the amounts are rounded)")
        elif abs(dev) > RATE_GROSS or st is not None:
            verdict = "inconsistent"
            comp += (" (not the article's own rate)" if st is not None else
                     f" (beyond ±{fmt_decimal(RATE_GROSS * 100, 0)}%: more than a rate change, likely a wrong magnitude)")
        else:
            verdict = "unverifiable"
            comp += " (outside the tolerance, but the article's date is unknown and rates move)"
        checks.append(Check(s, claim_lo, claim_hi, claim, comp, verdict))

    def window(s: int) -> list[tuple[int, MItem, UsdInfo]]:
        return [a for a in amounts if (sid(a[1].start) is not None and s - 2 <= sid(a[1].start) <= s)]

    def in_sentence(s: int) -> list[tuple[int, MItem, UsdInfo]]:
        return [a for a in amounts if sid(a[1].start) == s]

    def headline(exclude=(), before: int = 1 << 60, repeated: bool = False):
        """The article's headline figure, stated before ``before``: the amount it states most often
        (at least twice), else (unless ``repeated``) the first amount of the article."""
        ex = {_norm_amount(a[2].value) for a in exclude if a is not None}
        best = None
        for a in amounts:
            k = _norm_amount(a[2].value)
            if k in ex or mention_count[k] < 2 or a[1].start >= before:
                continue
            if best is None or mention_count[k] > mention_count[_norm_amount(best[2].value)]:
                best = a
        if best is None and not repeated:
            firsts = [a for a in amounts if a[1].start < before and _norm_amount(a[2].value) not in ex]
            best = firsts[0] if firsts else None
        return best

    def label(a) -> str:
        return text[a[1].start:a[1].end]

    def ratio_of(x, y) -> Decimal:
        if x[1].currency == y[1].currency:
            return divide(x[1].value, y[1].value)
        return divide(x[2].value, y[2].value)

    qtext = {"more_than": "more than ", "less_than": "less than ", "approx": "about "}

    def named_share(s: int, claim_start: int, before: str):
        """拨款占比约57% after 其中直接拨款88亿美元，政府贷款67.5亿美元: the part is the amount written
        right after the noun the share is about; the whole is a total stated in this or the two
        sentences before (合计155.5亿美元), else the sum of the same-currency amounts listed with the part."""
        subject = SHARE_SUBJECT_RE.search(before)
        if subject is None:
            return None
        noun = subject.group(1)
        sent = [a for a in in_sentence(s) if a[1].end <= claim_start]
        part = next((a for a in sent if noun in text[max(sentences[s][0], a[1].start - 8):a[1].start]), None)
        if part is None:
            return None
        totals = [a for a in window(s) if a is not part and a[1].currency == part[1].currency
                  and a[1].value > part[1].value and TOTAL_WORD_RE.search(text[max(0, a[1].start - 8):a[1].start])]
        if totals:
            whole = totals[-1]
            return part, whole[1].value, f"whole = {label(whole)}, the total stated"
        listed = [a for a in sent if a[1].currency == part[1].currency]
        if len(listed) >= 2:
            return part, sum(a[1].value for a in listed), "whole = " + " + ".join(label(a) for a in listed)
        return None

    rel = Relations(text, sentences, money, usd, quants, nums or (), headline,
                    lambda *a: Check(*a))

    def quantity_check(q) -> Optional[Check]:
        s = sid(q.start)
        if s is None:
            return None
        s0, s1 = sentences[s]
        cs, ce = clause_span(text, q.start, q.end, s0, s1)
        before = text[cs:q.core_start]
        sent = in_sentence(s)
        sent_before = [a for a in sent if a[1].end <= q.start]
        sent_after = [a for a in sent if a[1].start >= q.end]
        # --- multiples
        if q.kind == "multiple":
            bi = _comparative_bi(text, s0, q.core_start)
            # 比Y多出三倍, 增长了两倍, 涨了两倍, 增幅不足两倍: N倍 is the increase (the words: claims.tsv, more_by)
            more_m = claim_lex().more_than_re.search(text, s0, q.core_start)
            growth = q.form == "番" or bool(claim_lex().more_by_re.search(before))
            leverage = LEVERAGE_RE.match(text, q.end) is not None
            times_m = MULTIPLE_TIMES_RE.search(before)
            x = y = None
            where = ""
            tb = TIME_BASE_RE.search(before) if (growth or more_m) else None
            if tb and not (len(sent_before) >= 2 and rel.related(sent_before[-2][1].start, sent_before[-2][1].end,
                                                                 sent_before[-1][1].start)):
                # 同比增长约1.4倍, 比2022年增长了一倍多: the base is the figure at that earlier time
                return Check(s, cs, ce, text[cs:ce], f"multiple {fmt_decimal(q.value)}: a change since an earlier "
                             f"time ('{tb.group(0)}') whose figure is not stated nearby", "unverifiable")
            fi, li = text.find("前者", cs, q.start), text.find("后者", cs, q.start)
            if fi >= 0 and len(sent_before) >= 2 and (times_m or more_m):
                mode = "more" if more_m else "times"
                former, latter = sent_before[-2], sent_before[-1]
                # 前者是后者的N倍; 前者 alone (……约180美元，是前者的三倍多) is the earlier of the two amounts
                x, y = (former, latter) if 0 <= li and fi < li else (latter, former)
                where = "前者 / 后者: the two amounts before the claim"
            elif bi >= 0 and (more_m or times_m):
                mode = "more" if more_m else "times"
                xs = [a for a in sent if a[1].end <= bi]
                ys = [a for a in sent if bi < a[1].start < q.start]
                y = ys[0] if ys else None
                x = xs[-1] if xs else (headline([y], q.start, repeated=True) if y else None)
                where = "X before 比, Y after it" + ("" if xs else "; X = the article's headline figure")
                if not xs and not ys:
                    # 本轮投入比之前五年的总和还要多出三倍: both named in earlier sentences
                    x = headline((), q.start, repeated=True)
                    others = [a for a in window(s) if x is not None and _norm_amount(a[2].value) != _norm_amount(x[2].value)]
                    y = others[-1] if others else None
                    where = "X = the article's headline figure, Y = the latest other amount in the two sentences before"
            elif growth:
                mode = "times" if q.form == "番" else "more"
                if len(sent_before) >= 2:
                    y, x = sent_before[0], sent_before[-1]
                    where = "from the first to the last amount of the sentence"
                    last = sent_before[-1][1]
                    if _base_after_comparative(text, max(s0, last.start - 12), last.start) and \
                            not _base_after_comparative(text, s0, sent_before[-2][1].start) and \
                            sent_before[-2][1].currency == last.currency:
                        # 出口额约为85亿美元，较2020年的23亿美元增长了约2.7倍: the amount after 较 is the base
                        y, x = sent_before[-1], sent_before[-2]
                        where = "the amount after 较/比 is the base, the one before it the amount reached"
                elif sent_after or sent_before:
                    x = (sent_after or sent_before)[0]
                    prev = [a for a in amounts if a[1].start < x[1].start and a[1].currency == x[1].currency
                            and sid(a[1].start) is not None and s - 2 <= sid(a[1].start)]
                    y = prev[-1] if prev else None
                    where = "the amount reached vs the previous amount in the same currency"
                    if not sent_after and y is not None and _base_after_comparative(text, max(cs, x[1].start - 12), x[1].start):
                        # 这笔预算较第一阶段的100亿令吉增加1.5倍: the amount after 较 / 比 is the base, and the
                        # subject (这笔预算) is the amount stated before
                        x, y = y, x
                        where = "the amount before (the subject) vs the amount after 较/比 (the base)"
            elif times_m or leverage:
                mode = "times"
                inner = [a for a in sent if times_m and cs + times_m.start() <= a[1].start and a[1].end <= q.start]
                if leverage:
                    x = sent_after[0] if sent_after else None
                    y = headline([x], q.start) if x else None
                    where = "the amount the leverage brings vs the article's headline figure"
                elif inner:
                    y = inner[-1]
                    x = sent_before[-2] if len(sent_before) >= 2 else headline([y])
                    where = "subject amount vs the amount named in the claim"
                else:
                    x = sent_before[-1] if sent_before else None
                    # 亏损是收入的近七倍: Y is the amount the noun after 是 names earlier in the sentence
                    y = _named_amount(text, times_m.group(0), sent_before[:-1]) if x else None
                    where = "the amount before the claim vs the amount the claim's noun names"
                    if y is None and x is not None and not _per_unit(text, x[1].start) and \
                            not EARLIER_TIME_BASE_RE.search(times_m.group(0)):
                        y = headline([x], q.start)
                        where = "the amount before the claim vs the article's headline figure"
            else:
                return None
            claim = text[cs:ce]
            if x is None or y is None or not y[1].value or x[0] == y[0]:
                return (Check(s, cs, ce, claim,
                                    f"multiple {fmt_decimal(q.value)}: the amounts compared are not stated nearby",
                                    "unverifiable"))
            ratio = ratio_of(x, y)
            lo, hi = _ratio_span(x, y)
            ref = f"X = {label(x)}, Y = {label(y)} ({where}); X / Y = {span_text(lo, hi)}"
            if x[1].currency != y[1].currency:
                ref += " (in US dollars)"
            qt = qtext.get(q.qualifier, "")
            qmax = q.value_max if q.value_max is not None else q.value
            if mode == "times":
                ok = check_ratio_span(lo, hi, q.value, qmax, q.qualifier, loose=_approx(x, y))
                comp = f"{ref}; claim: X = {'' if qmax != q.value else qt}{span_text(q.value, qmax, 4)} x Y"
                verdict = "consistent" if ok else "inconsistent"
            else:
                strict_t, loose_t = q.value + 1, q.value
                ok_strict = check_ratio_span(lo, hi, strict_t, qmax + 1, q.qualifier, loose=_approx(x, y))
                ok_loose = check_ratio_span(lo, hi, loose_t, qmax, q.qualifier, loose=_approx(x, y))
                comp = (f"{ref}; '{text[q.core_start:q.core_end]}' is ambiguous: strictly X exceeds Y by "
                        f"{qt}{span_text(q.value, qmax, 4)} x Y, i.e. X = {qt}{span_text(strict_t, qmax + 1, 4)} x Y -> "
                        f"{'holds' if ok_strict else 'fails'}; loosely X = {qt}{span_text(loose_t, qmax, 4)} x Y -> "
                        f"{'holds' if ok_loose else 'fails'}")
                verdict = "consistent" if ok_strict else "inconsistent"
                if ok_strict != ok_loose:
                    comp += "; the verdict follows the strict reading"
            return (Check(s, cs, ce, claim, comp, verdict))
        # --- shares: 占了其中将近四分之三, 占全球的30%
        restate = RESTATE_RE.match(text, s0) is not None
        if q.kind in ("fraction", "percent") and restate and not sent and s > 0 and SHARE_VERB_RE.search(before):
            # 换言之，已获批资金最多只覆盖了所需补贴的三分之二左右: the two amounts of the sentence before
            prev = in_sentence(s - 1)
            if len(prev) == 2 and prev[0][1].currency == prev[1][1].currency:
                part, whole = sorted(prev, key=lambda a: a[1].value)
                share = q.value if q.kind == "fraction" else q.value / 100
                lo_r = divide(part[1].value, whole[1].value_max or whole[1].value)
                hi_r = divide(part[1].value_max or part[1].value, whole[1].value)
                slack = RATIO_TOLERANCE + Decimal("0.05")
                if q.qualifier == "more_than":
                    ok = hi_r >= share * (1 - slack)
                elif q.qualifier == "less_than":
                    ok = lo_r <= share * (1 + slack)
                else:
                    ok = lo_r * (1 - slack) <= share <= hi_r * (1 + slack)
                rng = fmt_decimal(lo_r, 3) if lo_r == hi_r else f"{fmt_decimal(lo_r, 3)} to {fmt_decimal(hi_r, 3)}"
                comp = (f"part = {label(part)}, whole = {label(whole)} (the two amounts of the sentence before, "
                        f"which this one restates); part / whole = {rng}; claim: "
                        f"{qtext.get(q.qualifier, '')}{fmt_decimal(share, 3)}")
                return (Check(s, cs, ce, text[cs:ce], comp, "consistent" if ok else "inconsistent"))
        if q.kind in ("fraction", "percent") and SHARE_RE.search(before):
            share = q.value if q.kind == "fraction" else q.value / 100
            claim = text[cs:ce]
            whole = sent_before[-1] if sent_before else None
            part = None
            where = "part = the article's headline figure, whole = the amount before the claim"
            if whole is not None:
                part = headline([whole], q.start, repeated=True)
                if part is not None and not (part[2].value < whole[2].value and
                                             sid(part[1].start) is not None and sid(part[1].start) >= s - 2):
                    part = None
            if whole is None or part is None:
                named = named_share(s, q.start, before)
                if named is not None:
                    part, whole, where = named
                    ratio = divide(part[1].value, whole)
                    ok = check_ratio(ratio, share, q.qualifier, loose=part[1].qualifier != "exact")
                    comp = (f"part = {label(part)} ({where}); part / whole = {fmt_decimal(ratio, 3)}; "
                            f"claim: {qtext.get(q.qualifier, '')}{fmt_decimal(share, 3)}")
                    return (Check(s, cs, ce, claim, comp, "consistent" if ok else "inconsistent"))
                return (Check(s, cs, ce, claim,
                                    f"share {fmt_decimal(share, 3)}: the part and the whole are not both stated nearby",
                                    "unverifiable"))
            ratio = ratio_of(part, whole)
            ok = check_ratio(ratio, share, q.qualifier, loose=_approx(part, whole))
            comp = (f"part = {label(part)} (the article's headline figure), whole = {label(whole)} (the amount "
                    f"before the claim); part / whole = {fmt_decimal(ratio, 3)}; claim: {qtext.get(q.qualifier, '')}{fmt_decimal(share, 3)}")
            return (Check(s, cs, ce, claim, comp, "consistent" if ok else "inconsistent"))
        # --- changes: 从X增至Y，增长20%; 上一轮为20万亿韩元，新方案较之多出三成
        if q.kind == "percent":
            m = CHANGE_RE.search(before)
            if not m or "同比" in before or "环比" in before or ANNUAL_RE.search(before):
                return None   # (年均增长 is a compound rate: relations.py)
            sign = 1 if m.group(1) in UP_WORDS else -1
            claim_lo = cs
            if len(sent_before) >= 2 and sent_before[-1][1].currency == sent_before[-2][1].currency and \
                    rel.related(sent_before[-2][1].start, sent_before[-2][1].end, sent_before[-1][1].start):
                a0, a1 = sent_before[-2], sent_before[-1]
                where = "from the first to the second amount of the sentence"
                claim_lo = clause_span(text, a0[1].start, a0[1].end, s0, s1)[0]
                if rel.reversed_pair(a0[1].start, a0[1].end, a1[1].start):
                    # X比Y高出50%, 今年X，去年Y: the second amount is the base
                    a0, a1 = a1, a0
                    where = "from the second amount of the sentence (the base) to the first"
            elif sent_before and ("较" in before or "比" in before) and not BASE_TIME_RE.search(before):
                named = NAMED_BASE_RE.search(_masked_bi(text, cs, cs + m.start()))
                if named is not None:
                    # ……约为每千瓦时45卢比，比新加坡高出约三成: the base is what 比 names (Singapore's price), a
                    # figure the article does not state, not the amount before the claim nor the headline
                    return Check(s, cs, ce, text[cs:ce], f"change: the base is the figure of '{named.group(1)}' "
                                 f"(after {named.group(0)[0]}), which is not stated nearby", "unverifiable")
                a0 = sent_before[-1]
                a1 = headline([a0])
                where = "the base named before the claim vs the article's headline figure"
                claim_lo = clause_span(text, a0[1].start, a0[1].end, s0, s1)[0]
            else:
                return None
            claim = text[claim_lo:ce]
            if a1 is None or not a0[1].value:
                return (Check(s, claim_lo, ce, claim, "change: the amounts compared are not stated nearby",
                                    "unverifiable"))
            change = (ratio_of(a1, a0) - 1) * 100
            claimed = sign * q.value
            tol = max(Decimal(1), abs(claimed) * Decimal("0.05"))
            if _approx(a0, a1) or q.qualifier == "approx":
                tol = max(tol, abs(claimed) * RATIO_TOLERANCE)
            # 下降超过七成: "more than" a decline is a change of -70% or lower
            beyond = change >= claimed if claimed >= 0 else change <= claimed
            short = change <= claimed if claimed >= 0 else change >= claimed
            ok = (abs(change - claimed) <= tol or (q.qualifier == "more_than" and beyond)
                  or (q.qualifier == "less_than" and short))
            comp = (f"base = {label(a0)}, new = {label(a1)} ({where}); change = {fmt_decimal(change, 2)}%; "
                    f"claim: {qtext.get(q.qualifier, '')}{fmt_decimal(claimed, 2)}%")
            return (Check(s, claim_lo, ce, claim, comp, "consistent" if ok else "inconsistent"))

        return None

    unsettled: dict[int, Optional[Check]] = {}
    for q in quants:
        c = quantity_check(q)
        if c is None or c.verdict == "unverifiable":
            c = rel.refine(q, c)
        if c is None or c.verdict == "unverifiable":
            unsettled[id(q)] = c
        if c is not None and not (c.verdict == "unverifiable" and checks and checks[-1].claim_text == c.claim_text):
            checks.append(c)
    # --- several shares of one whole (约占一半……约占三成): their sum, in place of their unverifiable checks
    for c, qs in rel.share_sums([q for q in quants if id(q) in unsettled]):
        drop = {id(unsettled[id(q)]) for q in qs if unsettled[id(q)] is not None}
        checks = [x for x in checks if id(x) not in drop]
        checks.append(c)

    # --- 招聘约2,300人，其中本地员工占九成，中方技术人员约350人: shares and counts of one whole
    for c, qs in rel.mixed_part_sums([q for q in quants if id(q) in unsettled]):
        drop = {id(unsettled[id(q)]) for q in qs if unsettled[id(q)] is not None}
        checks = [x for x in checks if id(x) not in drop]
        checks.append(c)

    # --- 三个市场合计贡献了超过八成: a counted sum of the shares listed before it in its sentence
    def share_pct(x: QItem) -> Decimal:
        return x.value * 100 if x.kind == "fraction" else x.value

    def plain_share(x: QItem) -> bool:
        return x.kind in ("percent", "fraction") and x.form not in ("百分点", "折", "/") and x.value_max is None

    for q in quants:
        if id(q) not in unsettled or not plain_share(q) or (s := sid(q.start)) is None:
            continue
        s0, s1 = sentences[s]
        cs, ce = clause_span(text, q.start, q.end, s0, s1)
        m = SHARE_SUM_RE.search(text, cs, q.core_start)
        count = _count_of(m.group(1)) if m else None
        prior = [p for p in quants if plain_share(p) and s0 <= p.start and p.end <= cs]
        if count is not None and not prior and cs == s0 and s > 0:
            # ……占45%，……占30%，……占20%，……占一成。四项相加是百分之一百零五: the shares listed in the sentence before
            p0 = sentences[s - 1][0]
            prior = [p for p in quants if plain_share(p) and p0 <= p.start and p.end <= s0]
        if count is None or len(prior) < count:
            continue
        parts = prior[-count:]
        psum, tot = sum((share_pct(p) for p in parts), Decimal(0)), share_pct(q)
        slack = Decimal("0.5") * count   # each listed share rounded to its last digit (约36% is 35.5-36.5)
        if q.qualifier == "more_than":
            ok = psum > tot - slack
        elif q.qualifier == "less_than":
            ok = psum < tot + slack
        else:
            ok = abs(psum - tot) <= slack + (tot * Decimal("0.05") if q.qualifier != "exact" else 0)
        comp = (" + ".join(f"{qtext.get(p.qualifier, '')}{fmt_decimal(share_pct(p), 2)}%" for p in parts) + f" = {fmt_decimal(psum, 2)}%; "
                f"claim: {qtext.get(q.qualifier, '')}{fmt_decimal(tot, 2)}% (the {count} shares listed before 合计)")
        old_c = unsettled[id(q)]
        checks = [x for x in checks if x is not old_c]
        checks.append(Check(s, cs, ce, text[cs:ce], comp, "consistent" if ok else "inconsistent"))

    def sum_check(s: int, cs: int, ce: int, parts: list, total: MItem, u: UsdInfo, where: str = "") -> Check:
        """The parts' sum against the total (in the total's currency, else in US dollars)."""
        same = all(p[1].currency == total.currency for p in parts)
        tot_v = total.value if same else u.value
        psum = sum(((p[1].value if same else p[2].value) for p in parts), Decimal(0))
        cur = total.currency if same else "USD"
        tol = Decimal("0.005") if total.qualifier == "exact" else Decimal("0.05")
        if any(p[1].qualifier != "exact" for p in parts):
            tol = max(tol, Decimal("0.05"))
        if total.qualifier == "more_than":
            ok = psum >= tot_v * (1 - tol / 5)
        elif total.qualifier == "less_than":
            ok = psum <= tot_v * (1 + tol / 5)
        else:
            ok = abs(psum - tot_v) <= tot_v * tol
        comp = (" + ".join(label(p) for p in parts) + f" = {fmt_decimal(psum, 2)} {cur}{where}; claim: "
                f"{qtext.get(total.qualifier, '')}{fmt_decimal(tot_v, 2)} {cur}")
        return Check(s, cs, ce, text[cs:ce], comp, "consistent" if ok else "inconsistent")

    # --- sums: 四项合计恰好为26万亿韩元, 两者合计超过1.2兆日圆
    sum_heads = {}
    for i, total, u in amounts:
        s = sid(total.start)
        if s is None:
            continue
        cs, _ = clause_span(text, total.start, total.end, *sentences[s])
        m = SUM_RE.search(text, max(cs, total.start - 12), total.start)
        if m:
            sum_heads[i] = (s, cs, m)
    for i, total, u in amounts:
        if i not in sum_heads:
            continue
        s, cs, m = sum_heads[i]
        s0, s1 = sentences[s]
        count = None
        if m.group(1):
            count = _count_of(m.group(1))
        # 上述五个项目合计…: five parts may take five lines (a table's rows) before the total
        back = max(3, count or 0)
        # a total stated before (三项合计1.2万亿。三项加起来是9,000亿) is not one of the parts
        prior = [a for a in amounts if a[1].end <= cs and sid(a[1].start) is not None and s - back <= sid(a[1].start)
                 and a[0] not in sum_heads]
        if count is not None:
            parts = prior[-count:] if len(prior) >= count else None
            # 四家企业…合计 after a table: the last four amounts are cells of several columns, not four parts
            if parts and _not_one_table_column(text, [a[1] for a in parts]):
                parts = None
        else:
            parts = [a for a in prior if sid(a[1].start) == s] or None
            if parts is not None and len(parts) < 2:
                parts = None
        ce = clause_span(text, total.start, total.end, s0, s1)[1]
        if not parts:
            continue   # 总共投入了22亿美元: a total without its parts is not a claim to check
        checks.append(sum_check(s, cs, ce, parts, total, u))
    # --- 专项资金15亿元，其中研发攻关8亿元、首制船奖励5亿元、贴息3亿元: the parts 其中 lists after a total in its
    # sentence. A list may name only some parts, so parts short of the total are no claim; parts that exceed it are
    # a contradiction, and parts that make it up exactly confirm it
    for i, total, u in amounts:
        s = sid(total.start)
        if s is None or total.value_max is not None or total.qualifier == "less_than":
            continue
        s0, s1 = sentences[s]
        pm = PARTS_AFTER_TOTAL_RE.match(text, total.end)
        if pm is None or pm.end() > s1 or text.find("其中", pm.end(), s1) >= 0:
            continue
        parts = [a for a in amounts if pm.end() <= a[1].start < s1 and a[1].currency == total.currency]
        if len(parts) < 2 or any(p[1].value_max is not None or p[1].value >= total.value for p in parts):
            continue
        c = sum_check(s, clause_span(text, total.start, total.end, s0, s1)[0],
                      clause_span(text, parts[-1][1].start, parts[-1][1].end, s0, s1)[1], parts, total, u,
                      " (the parts 其中 lists after the total)")
        if c.verdict == "consistent" or sum(p[1].value for p in parts) > total.value:
            checks.append(c)
    # --- | 合计 | | 1,015 |: a table's total row against the amounts above it in the same column
    for i, total, u in amounts:
        ls = text.rfind("\n", 0, total.start) + 1
        le = text.find("\n", total.start)
        le = len(text) if le < 0 else le
        if (s := sid(total.start)) is None:
            continue
        plain = not text.startswith("|", ls)
        cells = plain_table_cells(text, ls, le) if plain else table_cells(text, ls, le)
        if plain and len(cells) < 2:
            continue
        col = next((k for k, (a, b) in enumerate(cells) if a <= total.start < b), None)
        if col is None or not cells or not TABLE_TOTAL_RE.match(text[cells[0][0]:cells[0][1]].strip()):
            continue
        parts = []
        row_end = ls - 1
        while row_end > 0:
            row_start = text.rfind("\n", 0, row_end) + 1
            row = text[row_start:row_end]
            if plain:
                above = plain_table_cells(text, row_start, row_end)
                if len(above) != len(cells):
                    break   # a plain table's rows have as many columns as its total row
            elif not row.startswith("|") or set(row) <= set("|-: "):
                break
            else:
                above = table_cells(text, row_start, row_end)
            if col < len(above):
                a, b = above[col]
                parts += [x for x in amounts if a <= x[1].start < b and x[1].currency == total.currency]
            row_end = row_start - 1
        if len(parts) >= 2:
            parts.sort(key=lambda x: x[1].start)
            checks.append(sum_check(s, total.start, total.end, parts, total, u, " (the rows above in its column)"))
    # --- 总投资由三部分构成：设备约7亿美元，土建约5亿美元，电站约3亿美元: the N parts listed after the colon against
    # the figure the article states earlier for the noun before 由 (总投资约16亿美元)
    for m in COMPOSED_RE.finditer(text):
        s = sid(m.start())
        count = _count_of(m.group(2))
        if s is None or count is None:
            continue
        s0, s1 = sentences[s]
        listed = [a for a in in_sentence(s) if a[1].start >= m.end() and a[1].value_max is None]
        if len(listed) < count:
            continue
        parts = listed[:count]
        whole = _named_before(text, m.group(1), [a for a in amounts if a[1].end <= m.start() and a[1].value_max is None
                                                 and all(a[2].value > p[2].value for p in parts)])
        if whole is None:
            continue
        ce = clause_span(text, parts[-1][1].start, parts[-1][1].end, s0, s1)[1]
        checks.append(sum_check(s, m.start(), ce, parts, whole[1], whole[2],
                                f" (the {count} parts listed after {m.group(0).rstrip('：:，,')}, against "
                                f"{label(whole)} stated before)"))
    # --- | 年份 | 进口额（亿美元） | … then 进口额合计约58亿美元: a total the text states for a column of the table just
    # above it, against the sum of that column's cells
    for i, total, u in amounts:
        s = sid(total.start)
        if s is None or total.value_max is not None:
            continue
        cs = clause_span(text, total.start, total.end, *sentences[s])[0]
        tm = COLUMN_TOTAL_RE.search(text, max(cs, total.start - 14), total.start)
        if tm is None or text.startswith("|", text.rfind("\n", 0, total.start) + 1):
            continue
        col = _table_column_above(text, sentences[s][0], tm.group(1))
        if col is None:
            continue
        lo, hi, header = col
        parts = [a for a in amounts if lo <= a[1].start < hi and a[1].currency == total.currency
                 and _cell_column(text, a[1].start) == header[1] and a[1].value_max is None
                 and not _total_row(text, a[1].start)]
        if len(parts) < 2:
            continue
        ce = clause_span(text, total.start, total.end, *sentences[s])[1]
        checks.append(sum_check(s, cs, ce, parts, total, u,
                                f" (the column '{header[0]}' of the table above)"))
    # --- 加上A和B，…已超过T: the amount stated just before, and the amounts added to it, make up the total
    for i, total, u in amounts:
        s = sid(total.start)
        if s is None:
            continue
        s0, s1 = sentences[s]
        k = text.find("加上", s0, total.start)
        if k < 0 or k - s0 > 4:
            continue
        ks, ke = clause_span(text, k, k + 2, s0, s1)
        tcs = clause_span(text, total.start, total.end, s0, s1)[0]
        added = [a for a in amounts if ks <= a[1].start and a[1].end <= ke]
        if tcs < ke or not added or any(ke <= a[1].start < total.start for a in amounts) or \
                not (ADDED_TOTAL_RE.search(text, tcs, total.start) or total.qualifier == "more_than"):
            continue
        base = [a for a in amounts if a[1].end <= s0 and sid(a[1].start) is not None and s - 2 <= sid(a[1].start)]
        if not base:
            continue
        parts = [base[-1]] + added
        if any(p[2].value > u.value for p in parts):
            continue   # 营收100亿元。加上补贴2亿元，利润达到10亿元: the total is not of the amount before
        ce = clause_span(text, total.start, total.end, s0, s1)[1]
        c = sum_check(s, ks, ce, parts, total, u, " (the amount before and the amounts 加上 adds to it)")
        if c.verdict == "inconsistent" and total.qualifier != "more_than" and \
                sum(p[2].value for p in parts) < u.value:
            continue   # 加上A，总投资达到T with A short of T: other parts may be unnamed
        checks.append(c)
    # --- averages: 预算为€7.2亿，最终7个项目中标，…平均每个项目获得约1亿欧元
    for i, avg, u in amounts:
        s = sid(avg.start)
        if s is None:
            continue
        s0, s1 = sentences[s]
        cs, ce = clause_span(text, avg.start, avg.end, s0, s1)
        m = AVERAGE_RE.search(text, cs, avg.start)
        if not m:
            continue
        noun = m.group(2) or m.group(4) or m.group(6)
        cm = None
        count_re = re.compile(r"(\d+(?:\.\d+)?万?|[一二两三四五六七八九十百千万]+)(?:[个家项笔名所座台户]"
                              r"[\u4e00-\u9fff]{0,2}?)?" + re.escape(noun))
        # 50家企业, 约2.5万个在用机架: the count, up to two words between its classifier and the noun
        for cm_ in count_re.finditer(text, s0, cs):
            cm = cm_
        prior = [a for a in in_sentence(s) if a[1].end <= cs]
        earlier = False
        if cm is None and m.group(5) and s > 0 and prior:
            # 已创造约2.2万个就业岗位。…累计约3,200亿福林，…平均每创造一个岗位要花掉近2,000万福林: the count stated in
            # the sentence before, the total in this one
            for cm_ in count_re.finditer(text, sentences[s - 1][0], s0):
                cm = cm_
            earlier = cm is not None
        if cm is None or not prior:
            continue
        from .numerals import parse_number
        count = parse_number(cm.group(1))
        if not count or count == 1:
            continue
        total = prior if earlier else [a for a in prior if a[1].start < cm.start()]
        if not total or total[-1][1].currency != avg.currency:
            continue
        tot = total[-1]
        per = divide(tot[1].value, count)
        ok = check_ratio(divide(per, avg.value), Decimal(1), avg.qualifier, loose=_approx(tot))
        comp = (f"{label(tot)} / {fmt_decimal(count)} {noun} = {fmt_decimal(per, 2)} {avg.currency} per {noun}; claim: "
                f"{qtext.get(avg.qualifier, '')}{fmt_decimal(avg.value, 2)} {avg.currency}")
        checks.append(Check(s, cs, ce, text[cs:ce], comp, "consistent" if ok else "inconsistent"))
    checks.extend(_split_by_ratio(text, sentences, money, sid))
    checks.extend(_capped_rates(text, sentences, money, quants, nums or (), sid))
    checks.extend(_rate_applied(text, sentences, money, quants, sid))
    checks.extend(rel.rest_sums(money))
    checks.extend(rel.period_averages(money))
    checks.extend(rel.annual_totals(money))
    checks.extend(rel.added_totals(money))
    checks.extend(rel.phase_sums(money))
    checks.extend(rel.phase_measure_sums())
    checks.extend(rel.shareholdings())
    checks.sort(key=lambda c: (c.sentence_id, c.start))
    return checks


# 总投资由三部分构成：, 资金主要包括两部分：: a figure named by its noun, then the number of parts listed after the colon
COMPOSED_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:主要)?(?:由|包括|包含|分为|分成)([两二三四五六七八九十2-9])(?:个|大)?"
                         r"(?:部分|项|块|笔|类|方面)(?:构成|组成)?[：:]")
# 进口额合计约, 出口总额累计: the column noun right before a total word
COLUMN_TOTAL_RE = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,6}?)(?:合计|累计|共计|总计|加总)(?:约为|约|达到|达|为|超过|逾|近)?[ ]?$")


def _named_before(text: str, noun: str, cands: list) -> Optional[tuple]:
    """The latest candidate amount whose preceding words (up to 12 characters) hold ``noun`` or a suffix of it of
    three characters or more (总投资 for 项目总投资; 投资 alone names too many amounts)."""
    noun = re.sub(r"^(?:该|本|这|此|其|项目|工程)", "", noun)
    for k in range(len(noun), min(3, len(noun)) - 1, -1):
        hits = [a for a in cands if noun[-k:] in text[max(0, a[1].start - 12):a[1].start]]
        if hits:
            return hits[-1]
    return None


def _cell_column(text: str, pos: int) -> Optional[int]:
    """The column index of the Markdown table cell holding pos, or None."""
    ls = text.rfind("\n", 0, pos) + 1
    if not text.startswith("|", ls):
        return None
    return text.count("|", ls, pos) - 1


def _total_row(text: str, pos: int) -> bool:
    """The Markdown table row holding pos is a total row (| 合计 | … |)."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    cells = table_cells(text, ls, len(text) if le < 0 else le)
    return bool(cells) and TABLE_TOTAL_RE.match(text[cells[0][0]:cells[0][1]].strip()) is not None


def _table_column_above(text: str, before: int, noun: str) -> Optional[tuple[int, int, tuple[str, int]]]:
    """The Markdown table that ends at most two paragraphs (300 characters) before ``before``, and its column
    whose header starts with ``noun`` (进口额 for 进口额（亿美元）): (table start, table end, (header, column))."""
    end = before
    while end > 0 and text[end - 1] in "\n ":
        end -= 1
    k = text.rfind("\n|", max(0, before - 300), end)
    if k < 0:
        return None
    table_end = text.find("\n", k + 1)
    table_end = len(text) if table_end < 0 else table_end
    if "|" in text[table_end:before]:
        return None
    start = k + 1
    while True:
        p = text.rfind("\n", 0, start - 1)
        if not text.startswith("|", p + 1) or p < 0:
            break
        start = p + 1
    he = text.find("\n", start)
    cells = table_cells(text, start, he)
    for c, (a, b) in enumerate(cells):
        head = re.split(r"[（(]", text[a:b].strip())[0].strip()
        if len(head) >= 2 and (head.startswith(noun) or noun.endswith(head) or head.endswith(noun)):
            return start, table_end, (head, c)
    return None


# 财政资金与社会资本1:3的比例, 政府与企业按1∶2配比: a split of one total between two named sides
SPLIT_RATIO_RE = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:与|和|同|对)([\u4e00-\u9fff]{2,8}?)(?:按照?|以)?(?:约)?"
                            r"(\d+(?:\.\d+)?)\s*[:：∶]\s*(\d+(?:\.\d+)?)(?:的)?(?:比例|配比|比)")
SPLIT_TOTAL_RE = re.compile(r"(?:总规模|总额|总投资|总金额|规模|总计|合计|共计)(?:为|达|约为|约|达到)?[ ]?$")


def _split_by_ratio(text: str, sentences, money: list[MItem], sid) -> list[Check]:
    """设立总规模50亿元的基金，其中财政出资15亿元，按照财政资金与社会资本1:3的比例撬动社会资本: a total, one
    side's amount and the ratio of the two sides give the total the side implies (15亿 x (1+3) / 1 = 60亿),
    compared with the total stated. The side is the one whose noun shares two characters with the words
    before the amount (财政出资 ~ 财政资金); with no such noun the claim is left alone."""
    out = []
    for m in SPLIT_RATIO_RE.finditer(text):
        s = sid(m.start())
        if s is None:
            continue
        s0, s1 = sentences[s]
        sent = [a for a in money if s0 <= a.start and a.end <= m.start() and a.value and a.value_max is None
                and a.equivalent_of is None]
        totals = [a for a in sent if SPLIT_TOTAL_RE.search(text, max(s0, a.start - 6), a.start)]
        if not totals:
            continue
        total = totals[-1]
        parts = [a for a in sent if a.start > total.end and a.currency == total.currency and a.value < total.value]
        if not parts:
            continue
        part = parts[-1]
        lead = text[max(s0, part.start - 8):part.start]
        side_a, side_b = re.sub(r"^(?:按照|按|以|其中|并|且)", "", m.group(1)), m.group(2)
        bigrams = lambda w: {w[k:k + 2] for k in range(len(w) - 1)}
        in_a = any(b in lead for b in bigrams(side_a))
        in_b = any(b in lead for b in bigrams(side_b))
        if in_a == in_b:
            continue
        ra, rb = Decimal(m.group(3)), Decimal(m.group(4))
        if not ra or not rb:
            continue
        own = ra if in_a else rb
        implied = part.value * (ra + rb) / own
        tol = Decimal("0.05") if any(a.qualifier != "exact" for a in (total, part)) else Decimal("0.01")
        ok = abs(implied - total.value) <= total.value * tol
        if total.qualifier == "more_than":
            ok = ok or implied > total.value
        elif total.qualifier == "less_than":
            ok = ok or implied < total.value
        cs = max(text.rfind(c, s0, total.start) for c in "，,；;") + 1 if any(
            text.rfind(c, s0, total.start) >= 0 for c in "，,；;") else s0
        cs = max(cs, s0)
        ce = m.end()
        side = side_a if in_a else side_b
        comp = (f"{text[part.start:part.end]} is the {side} side ({fmt_decimal(own)} of {fmt_decimal(ra)}:{fmt_decimal(rb)}); "
                f"total implied = {fmt_decimal(part.value, 2)} x {fmt_decimal(ra + rb)} / {fmt_decimal(own)} = "
                f"{fmt_decimal(implied, 2)} {total.currency}; total stated: {text[total.start:total.end]} = "
                f"{fmt_decimal(total.value, 2)} {total.currency}")
        out.append(Check(s, cs, ce, text[cs:ce], comp, "consistent" if ok else "inconsistent"))
    return out


# 最高不超过300万元, 单个企业每年最高300万元, 上限为500万元: the cap of a grant
CAP_BEFORE_RE = re.compile(r"(?:最高|不超过|不高于|上限为?|封顶)(?:不超过)?[ ]?$")
# 超过1,000万千瓦时的 / 1,000万千瓦时以上的 / 在5000万元以上的: the threshold a grant starts at
THRESHOLD_BEFORE_RE = re.compile(r"(?:超过|高于|达到|逾|在)[ ]?$")
PER_UNIT_BEFORE_RE = re.compile(r"每([\u4e00-\u9fff]{1,4})[ ]?$")
RATE_OF_RE = re.compile(r"按[^，。；！？,;!?\n]{0,14}?的[ ]?$")


def _capped_rates(text: str, sentences, money: list[MItem], quants: list, nums, sid) -> list[Check]:
    """对年用电量超过1,000万千瓦时的企业，按每千瓦时0.05元给予补贴，单个企业每年最高不超过300万元: a grant at a rate
    (per unit or a percentage) that starts at a threshold and is capped. The grant at the threshold (0.05元 x
    1,000万 = 50万元) must not exceed the cap, else the cap binds before the rate applies: consistent when it
    does not, inconsistent when it does. A threshold and a cap in different currencies need a rate the
    article does not give: unverifiable."""
    out = []
    for cap in money:
        if cap.qualifier != "less_than" or not cap.value or cap.value_max is not None:
            continue
        s = sid(cap.start)
        if s is None:
            continue
        s0, _ = sentences[s]
        if not CAP_BEFORE_RE.search(text, max(s0, cap.core_start - 8), cap.core_start):
            continue
        grant_at = None   # (value at threshold, currency, description, start of the threshold)
        # a percentage of an amount: 对实际到资超过3,000万美元的项目，按实际到资额的1%给予奖励
        rates = [q for q in quants if s0 <= q.start and q.end <= cap.start and q.kind == "percent" and
                 q.value_max is None and RATE_OF_RE.search(text, max(s0, q.core_start - 16), q.core_start)]
        if rates:
            r = rates[-1]
            th = [a for a in money if s0 <= a.start and a.end <= r.start and a.value_max is None and a.value
                  and text.startswith("的", a.end) and (a.qualifier == "more_than" or
                                                        THRESHOLD_BEFORE_RE.search(text, max(s0, a.start - 3), a.core_start))]
            if th:
                t = th[-1]
                # 对固定资产投资超过5亿元的项目，按设备投资额的8%: when the rate is of another base than the threshold,
                # the threshold times the rate only bounds the grant from above
                of = RATE_OF_RE.search(text, max(s0, r.core_start - 16), r.core_start).group(0)
                lead = text[max(s0, t.start - 10):t.start]
                same_base = any(of[k:k + 3] in lead for k in range(len(of) - 2))
                grant_at = (t.value * r.value / 100, t.currency,
                            f"{text[t.start:t.end]} x {fmt_decimal(r.value, 2)}%", t.start, same_base)
        # a rate per unit: 超过1,000万千瓦时的 … 按每千瓦时0.05元
        if grant_at is None:
            per = [a for a in money if s0 <= a.start and a.end <= cap.start and a is not cap and a.value_max is None
                   and PER_UNIT_BEFORE_RE.search(text, max(s0, a.core_start - 6), a.core_start)]
            if per:
                p = per[-1]
                unit = PER_UNIT_BEFORE_RE.search(text, max(s0, p.core_start - 6), p.core_start).group(1)
                for x in nums:
                    if not (s0 <= x.start and x.end <= p.start) or x.value is None or x.value_max is not None:
                        continue
                    if text.startswith(unit, x.end) and (
                            THRESHOLD_BEFORE_RE.search(text, max(s0, x.start - 3), x.start)
                            or text.startswith("以上", x.end + len(unit))):
                        grant_at = (x.value * p.value, p.currency,
                                    f"{fmt_decimal(x.value)} {unit} x {text[p.core_start:p.core_end]}", x.start, True)
        if grant_at is None:
            continue
        v, cur, desc, th_start, same_base = grant_at
        cs = max([text.rfind(c, s0, th_start) + 1 for c in "，,；;"] + [s0])
        ce = cap.end
        claim = text[cs:ce]
        if cur != cap.currency:
            out.append(Check(s, cs, ce, claim, f"grant at the threshold = {desc} ({cur}); cap {text[cap.start:cap.end]} "
                             f"({cap.currency}): different currencies, and the article states no rate", "unverifiable"))
            continue
        ok = v <= cap.value
        if not ok and not same_base:
            out.append(Check(s, cs, ce, claim, f"grant at the threshold at most {desc} = {fmt_decimal(v, 2)} {cur}, "
                             f"above the cap {text[cap.start:cap.end]}; but the rate is of another base than the "
                             f"threshold, so the grant at the threshold is not known", "unverifiable"))
            continue
        out.append(Check(s, cs, ce, claim,
                         f"grant at the threshold = {desc} = {fmt_decimal(v, 2)} {cur}; cap: {text[cap.start:cap.end]} "
                         f"= {fmt_decimal(cap.value, 2)} {cur} ({'the cap leaves room above the threshold' if ok else 'the cap binds below the threshold'})",
                         "consistent" if ok else "inconsistent"))
    return out


# 以一期130亿迪拉姆的投资计算, 按500万元的投资额测算: the base a stated rate is applied to
APPLIED_BASE_RE = re.compile(r"(?:以|按|按照)([^，。；！？,;!?\n]{0,24}?)(?:计算|测算|估算|来算|算)")


def _rate_applied(text: str, sentences, money: list[MItem], quants: list, sid) -> list[Check]:
    """可获得最高相当于投资额30%的补贴。以一期130亿迪拉姆的投资计算，补贴上限约为39亿迪拉姆: the one percentage
    of the sentence before (or of this sentence before the base) applied to the base amount, against the
    amount the sentence then states (same currency, smaller than the base)."""
    out = []
    for m in APPLIED_BASE_RE.finditer(text):
        s = sid(m.start())
        if s is None:
            continue
        s0, s1 = sentences[s]
        bases = [a for a in money if m.start(1) <= a.start and a.end <= m.end(1) and a.value and a.value_max is None]
        if len(bases) != 1:
            continue
        base = bases[0]
        results = [a for a in money if m.end() <= a.start and a.end <= s1 and a.currency == base.currency and a.value
                   and a.value_max is None and a.value < base.value and a.equivalent_of is None]
        if not results:
            continue
        res = results[0]
        lo = sentences[s - 1][0] if s > 0 else s0
        pcts = [q for q in quants if lo <= q.start and q.end <= m.start() and q.kind == "percent"
                and q.value_max is None and q.form not in ("百分点",)]
        if len(pcts) != 1:
            continue
        p = pcts[0]
        implied = base.value * p.value / 100
        approx = any(a.qualifier != "exact" for a in (base, res)) or p.qualifier != "exact"
        tol = Decimal("0.05") if approx else Decimal("0.01")
        ok = abs(implied - res.value) <= res.value * tol
        ce = res.end
        comp = (f"{text[base.start:base.end]} x {text[p.start:p.end]} = {fmt_decimal(implied, 2)} {base.currency} "
                f"(the rate stated before applied to the base); claim: {text[res.start:res.end]} = "
                f"{fmt_decimal(res.value, 2)} {res.currency}")
        out.append(Check(s, m.start(), ce, text[m.start():ce], comp, "consistent" if ok else "inconsistent"))
    return out


def _bridge_rate(restated: list, this: tuple, missing: str, rates: dict, known: str):
    """Another restatement in the article of ``missing`` (a currency with no reference rate) in US dollars, the
    article's anchor, when this one restates it in a third currency: ((x, y), US dollars per unit of ``missing``)
    from the first such pair, else None. (A dollar restatement is not checked against a third currency's.)"""
    if known == "USD":
        return None
    for x, y in restated:
        if (x, y) == this or not x.value or not y.value or x.value_max or y.value_max:
            continue
        if missing not in (x.currency, y.currency):
            continue
        other = y.currency if x.currency == missing else x.currency
        if other != "USD" or rates.get(other) is None:
            continue
        per = divide(y.value, x.value) if x.currency == missing else divide(x.value, y.value)  # other per missing
        return (x, y), per * rates[other].usd_per_unit
    return None


def _further(lo: Decimal, hi: Optional[Decimal], ref: Decimal) -> Decimal:
    """Of the rates implied by a range's two ends, the one further from the reference."""
    if hi is None or abs(hi - ref) <= abs(lo - ref):
        return lo
    return hi


def _ratio_span(x, y) -> tuple[Decimal, Decimal]:
    """X / Y of two amounts, as a range when either is one (6至8澳元 over 2澳元左右: 3 to 4)."""
    if x[1].currency == y[1].currency:
        xl, xh, yl, yh = x[1].value, x[1].value_max, y[1].value, y[1].value_max
    else:
        xl, xh, yl, yh = x[2].value, x[2].value_max, y[2].value, y[2].value_max
    r = divide(xl, yl)
    if xh is None and yh is None:
        return r, r
    return divide(xl, yh or yl), divide(xh or xl, yl)


# 比 inside these words does not compare two figures (相比之下 opens a sentence; 比索 is a currency)
NOT_COMPARATIVE_BI_RE = re.compile(r"相比之下|相比而言|对比|比较|比索|比例|比重|比率|比如|比方|好比|无比|比特|比利时|比亚迪|占比")


def _not_one_table_column(text: str, items: list) -> bool:
    """Some of the amounts are table cells (a Markdown row or a plain-text row of columns), and they are not the
    rows of one column above its total: two cells of one row, cells of different columns, or a total row's cell."""
    cells = []
    for it in items:
        ls = text.rfind("\n", 0, it.start) + 1
        le = text.find("\n", it.start)
        le = len(text) if le < 0 else le
        row = table_cells(text, ls, le) if text.startswith("|", ls) else plain_table_cells(text, ls, le)
        if len(row) < 2:
            continue
        col = next((k for k, (a, b) in enumerate(row) if a <= it.start < b), None)
        if TABLE_TOTAL_RE.match(text[row[0][0]:row[0][1]].strip()):
            return True
        cells.append((ls, col))
    if not cells:
        return False
    return len(cells) < len(items) or len({r for r, _ in cells}) < len(cells) or len({c for _, c in cells}) > 1


BASE_AFTER_COMPARATIVE_RE = re.compile(r"(?:较|(?<![相无对])比)[^，。；,;比较]{0,10}$")


@lru_cache(maxsize=4)
def _currency_bi_re(key: str) -> Optional[re.Pattern]:
    """卢比, 比索, 比尔: currency names (models/currencies) with a 比 that compares nothing."""
    names = {n for c in lexicon().currencies.values() for n in c.names_zh + c.context_symbols if "比" in n}
    return re.compile(literal_alternation(names)) if names else None


def _masked_bi(text: str, lo: int, hi: int) -> str:
    """text[lo:hi] with every 比 that is no comparative (相比之下, 比例, 卢比, 比索) masked; read from a few characters
    before lo, so that a currency name cut by the window (…卢|比涨到) is still known."""
    pad = max(0, lo - 6)
    s = NOT_COMPARATIVE_BI_RE.sub(lambda m: "＿" * len(m.group(0)), text[pad:hi])
    cur = _currency_bi_re(models_key())
    if cur is not None:
        s = cur.sub(lambda m: "＿" * len(m.group(0)), s)
    return s[lo - pad:]


def _base_after_comparative(text: str, lo: int, hi: int) -> bool:
    """A comparative 较 / 比 in text[lo:hi] with no clause break or other 比 / 较 after it: the figure that follows is
    the base (较2020年的23亿美元, 比第一阶段的100亿令吉). 卢比, 比例 and the like are no comparatives."""
    return BASE_AFTER_COMPARATIVE_RE.search(_masked_bi(text, lo, hi)) is not None


def _comparative_bi(text: str, lo: int, hi: int) -> int:
    """The offset of the last comparative 比 in text[lo:hi], or -1."""
    masked = _masked_bi(text, lo, hi)
    k = masked.rfind("比")
    return lo + k if k >= 0 else -1


def _approx(*amts) -> bool:
    return any(a[1].qualifier != "exact" for a in amts)


_COUNT_CHARS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _count_of(word: str) -> Optional[int]:
    if word[0] in _COUNT_CHARS:
        return _COUNT_CHARS[word[0]]
    if word[0].isdigit():
        return int(word[0])
    return None


_NOUN_AFTER_VERB_RE = re.compile(r"^(?:是|为|相当于|达到?)([\u4e00-\u9fff]{2,6}?)的")


def _named_amount(text: str, times_text: str, candidates: list) -> Optional[tuple]:
    """The latest candidate amount whose preceding words (up to 12 characters) hold the noun written
    between 是 and 的 in 是收入的七倍 (its last 2 or more characters)."""
    m = _NOUN_AFTER_VERB_RE.match(times_text)
    return latest_named(text, m.group(1), candidates, lambda a: (a[1].start, 0)) if m else None


def _per_unit(text: str, start: int) -> bool:
    """每千瓦时约180美元: a price per unit, which no article total can be a multiple of."""
    return "每" in text[max(0, start - 8):start]


def _norm_amount(v: Optional[Decimal]) -> Optional[Decimal]:
    if v is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 6
        return +v
