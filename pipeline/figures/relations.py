"""Numeric claims the money-only checks in ``checks.py`` leave unchecked or unverifiable.

``Relations.refine(q, previous)`` is asked about each percentage, fraction or multiple whose claim
the money checks could not settle. It reads, in this order:

- percentage-point changes between two rates of the sentence (``由6%升至15%，提升9个百分点``);
- multiples between two figures of one dimension, money or not (``从1.5吉瓦增加到8吉瓦以上，也就是翻两番还多``,
  ``相当于现有容量的六倍多，后者约为300兆瓦``: 吉瓦 and 兆瓦 are converted; ``从6000到5万，扩大到八倍多``);
- shares: ``X仅为Y的一半``, ``X只相当于其0.2%`` (part before the verb, whole after it or before the part),
  ``X占总额的一半以上`` (the whole is an amount stated after a total word, else the headline figure),
  ``A占B的比重达到51.3%`` / ``补贴约占总投资的三分之一`` (part and whole found by their nouns in this and the
  three sentences before);
- changes between two figures paired as old and new value (``由4700家增加到7000家以上，增幅接近五成``,
  ``2023年…约150亿美元，2024年达到195亿美元，同比增长近五成``, ``195除以150，增幅是30%``), from a new value
  and its increment (``达到10万个，比上年增加2万个，增长25%``), against the same figure a year before stated
  earlier (``2026年营收28.8亿美元，同比增长7%``), compounded for ``年均增长``;
- a share restated, or restated as its complement, in the sentence after (``换句话说，八成左右…仍留在本土``);
- and, failing all these, a claim recognised by its phrasing (a share, tenths, a fraction, a multiple,
  percentage points, or a percentage with a claim word from ``models/figures/claims.tsv``) is kept as
  ``unverifiable``: the figures it relates are not both in the article.

Two further passes: stakes that must add up to at most 100% (``A持股70%，B、C与D各持股10%``) and averages
over a period (``分五年使用…摊到每年也就1亿美元左右``). A figure the author denies (``哪来的三倍？``) is no claim.

Non-money figures (``382万辆``, ``1.9吉瓦``) are numbers followed by a unit word of ``claims.tsv``; they are
compared only within one dimension. Everything is compiled once per models directory.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import Callable, Iterator, Optional, Sequence

from pipeline.paths import read_tsv
from pipeline.text import literal_alternation as _alt

from .money import MItem
from .numerals import Num, parse_number
from .quantities import QItem, qualifier_after, qualifier_before
from .rates import UsdInfo
from .resources import lexicon, models_dir, models_key

RATIO_TOLERANCE = Decimal("0.10")
_STOPS = "，,；;。！？!?\n"


class Op:
    """A figure a claim can compare: a money amount (``dim`` "money", ``base`` in US dollars, or
    "money:XXX" without a US-dollar value) or a number with a unit (``base`` in the dimension's unit).
    A unit figure's qualifier (约1.5吉瓦, 8吉瓦以上) is read only when a check uses it."""
    __slots__ = ("start", "end", "value", "value_max", "_qualifier", "dim", "base", "cur", "_text")

    def __init__(self, start: int, end: int, value: Decimal, value_max: Optional[Decimal], qualifier: Optional[str],
                 dim: str, base: Decimal, cur: Optional[str] = None, text: Optional[str] = None):
        self.start, self.end, self.value, self.value_max = start, end, value, value_max
        self._qualifier, self.dim, self.base, self.cur, self._text = qualifier, dim, base, cur, text

    @property
    def qualifier(self) -> str:
        if self._qualifier is None:
            _, qpre = qualifier_before(self._text, self.start)
            _, qpost = qualifier_after(self._text, self.end)
            self._qualifier = next((w for w in (qpre, qpost) if w and w != "exact"), "exact")
        return self._qualifier


@dataclass(frozen=True)
class ClaimLex:
    unit_re: re.Pattern
    units: dict[str, tuple[str, Decimal]]
    cue_re: re.Pattern
    up: frozenset[str]
    change_re: re.Pattern           # the last change word of a clause
    total_re: re.Pattern
    to_re: re.Pattern
    rate_re: Optional[re.Pattern]
    cur_names: dict[str, str]
    average_re: re.Pattern
    denial_re: re.Pattern
    attained_re: re.Pattern         # 利用率已超过: a clause naming an attained share before the claim
    more_by_re: re.Pattern          # 增长了 / 涨了 / 增幅不足 right before a multiple: N倍 is the increase
    more_than_re: re.Pattern        # 比Y多出 / 比Y高出 / 比Y增长了: the same after a comparative 比 in the clause


@lru_cache(maxsize=4)
def _claim_lex(key: str) -> ClaimLex:
    rows = read_tsv(models_dir() / "figures" / "claims.tsv")
    by: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        by.setdefault(r["category"], []).append((r["entry"], r["value"]))

    units = {}
    for w, v in by.get("unit", []):
        dim, _, f = v.partition(":")
        units[w] = (dim, Decimal(f or "1"))
    # a unit word must not run on into a longer word (米 in 米饭 is fine to miss; 个 of 个百分点 is taken earlier)
    unit_re = re.compile(r"[ ]?(" + _alt(units) + r")")
    changes = [w for w, _ in by.get("up", []) + by.get("down", [])]
    cur_names: dict[str, str] = {}
    for c in lexicon().currencies.values():
        for n in c.names_zh:
            cur_names.setdefault(n, c.code)
    rate_re = None
    if cur_names and by.get("rate_quote"):
        names = _alt(cur_names)
        # the literal first (then the look-behind) lets the engine skip ahead fast
        rate_re = re.compile(rf"[1一](?<![0-9.][1一])[ ]?({names})[ ]?(?:{_alt(w for w, _ in by['rate_quote'])})[ ]?"
                             rf"(?:约)?[ ]?(\d+(?:\.\d+)?)[ ]?({names})")
    return ClaimLex(
        unit_re=unit_re, units=units,
        cue_re=re.compile(_alt(w for w, _ in by.get("cue", []))),
        up=frozenset(w for w, _ in by.get("up", [])),
        change_re=re.compile("(" + _alt(changes) + ")(?!.*(?:" + _alt(changes) + "))"),
        total_re=re.compile("(?:" + _alt(w for w, _ in by.get("total_word", [])) + ")"),
        to_re=re.compile(r"^[，,]?[^，。；！？,;!?\n]{0,12}?(?:" + _alt(w for w, _ in by.get("to_word", [])) + r")[了]?"
                         r"[^，。；！？,;!?\n]{0,6}$"),
        rate_re=rate_re, cur_names=cur_names,
        average_re=re.compile("(?:" + _alt(w for w, _ in by.get("average", [])) + r")(年|月)"),
        denial_re=re.compile("(?:" + _alt(w for w, _ in by.get("denial", [])) + r")[^，。；！？,;!?\n]{0,4}$"),
        attained_re=re.compile(r"^[ ]*[\u4e00-\u9fff]{0,4}?(?:" + _alt(w for w, _ in by.get("attained_rate", [])) +
                               r")(?:已经|已|仅|只有|只|还|也|为|达到|达)?(?:不到|不足|近|将近|接近|约|大约|超过|逾|刚过)?$"),
        more_by_re=_more_by_re(by.get("more_by", [])),
        more_than_re=re.compile(r"比[^，。；！？,;!?\n]{0,30}?" + _more_by_re(by.get("more_by", [])).pattern),
    )


# 差不多两倍 (about twice), 许多 / 很多: 多 that is no increase word
_NOT_MORE = r"(?<!差不)(?<!许)(?<!很)(?<!好)"
_MORE_BY_QUALIFIER = r"(?:约|大约|近|将近|接近|超过|逾|不足|不到|足足|整整)?"


def _more_by_re(rows: list[tuple[str, str]]) -> re.Pattern:
    """增长了约, 涨了, 比…多出, 增幅不足, 涨幅达: the words right before a multiple that make it an increase by N
    times (models/figures/claims.tsv, category more_by). A verb takes 了 (增长了两倍); a noun also takes 为/是/达
    (增幅为两倍) — a verb with 为 (增长为原来的两倍) states the new level."""
    verbs = [w for w, v in rows if v != "noun" and not w.startswith("多")]
    mores = [w for w, v in rows if v != "noun" and w.startswith("多")]
    nouns = [w for w, v in rows if v == "noun"]
    alts = []
    if verbs or mores:
        vs = ([_alt(verbs)] if verbs else []) + ([_NOT_MORE + "(?:" + _alt(mores) + ")"] if mores else [])
        alts.append("(?:" + "|".join(vs) + ")(?:了)?(?:已经|已)?")
    if nouns:
        alts.append(f"(?:{_alt(nouns)})(?:已经|已)?(?:约为|为|是|达到|达|高达)?")
    if not alts:
        return re.compile(r"(?!x)x")
    return re.compile("(?:" + "|".join(alts) + ")" + _MORE_BY_QUALIFIER + r"[ ]?$")


def claim_lex() -> ClaimLex:
    return _claim_lex(models_key())


# ----------------------------------------------------------------------------- fixed patterns
YEAR_RE = re.compile(r"(?:(?:19|20)\d\d|去|今|明|上|前)年")
NAMED_SHARE_RE = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,12}?)(?:约|大约|近|将近|仅|只)?占(?:了|据)?"
                            r"([\u4e00-\u9fffA-Za-z]{2,12}?)的(?:比重|比例|份额)?(?:已经|已)?(?:达到|达|为|是|约为)?(?:了)?"
                            r"(?:约|近|将近|超过|逾|接近)?$")
# 第二期经费是第一期实际支出的将近两倍: a clause that names both figures by their nouns and states neither
NAMED_MULTIPLE_RE = re.compile(r"^[ ]*([\u4e00-\u9fffA-Za-z]{2,12}?)(?:是|为|相当于|达到)([\u4e00-\u9fffA-Za-z]{2,12}?)的"
                               r"(?:约|近|将近|接近|超过|逾)?$")
# 两者相差近百倍, 二者之间相差约三倍: the two figures stated last before the claim
# 是斯里兰卡现有国际带宽的近50倍: the noun after the copula names the figure the multiple is of
COPULA_NOUN_RE = re.compile(r"^[ ]*(?:是|为|约为|约是|相当于|达到)([\u4e00-\u9fffA-Za-z]{2,12}?)的(?:约|大约|近|将近|接近|超过|逾|不到|不足)?$")
BOTH_DIFFER_RE = re.compile(r"(?:两者|二者|两项|两个数字)(?:之间)?(?:相差|差距|相距|差)(?:了|达|约|有)?(?:约|近|将近|接近|超过|逾)?$")
SHARE_OF_RE = re.compile(r"(仅为|只为|只相当于|仅相当于|相当于|约为|不到|不及|只有|仅有|为|是)([^，。；！？,;!?\n]{0,16}?)的?"
                         r"(?:约|近|将近|超过|逾|接近)?$")
# 同比增长1.4倍, 比2022年增长了一倍多: the base is the same figure at an earlier time, not another figure nearby
TIME_BASE_RE = re.compile(r"同比|环比|(?:较|比)(?:(?:19|20)\d\d年(?:同期)?|去年(?:同期)?|上年(?:同期)?|上一年|同期|前一年|"
                          r"上月|上个月|上季度|上一季度)")
SAME_FIGURE_RE = re.compile(r"(?:这一|这个|该|此)(?:数字|数据|数额|金额|规模|指标|比例)")
BARE_SHARE_CLAUSE_RE = re.compile(r"^[ ]*(?:只有|仅有|仅|只|还)?(?:不到|不足|近|将近|接近|约|大约|超过|逾|刚过|仅占|约占|占)?$")
CLAUSE_END_RE = re.compile(r"[^，。；！？,;!?\n]{0,4}[，,]")
ANNUAL_RE = re.compile(r"(?:年均|平均每年|每年平均|年复合|复合年均|年化)")
INCREMENT_RE = re.compile(r"(?:比|较)[^，。；！？,;!?\n]{0,6}?(增加|增长|多|新增|提高|上升|增|减少|下降|少|降低)了?(?:约|近)?$")
BARE_SHARE_RE = re.compile(r"^[ ]*(?:约|大约)?(?:占比|占|所占比重|所占比例|比重|比例)(?:为|达到|达|约为)?"
                           r"(?:约|超过|近|接近|将近|不到|不足|逾|仅|只有)?$")
TOTAL_SHARE_RE = re.compile(r"占(?:了|据)?([\u4e00-\u9fffA-Za-z]{0,8}?)的?(?:比重|比例|份额)?(?:已经|已)?"
                            r"(?:达到|达|为|是|约为)?(?:了)?(?:约|近|将近|超过|逾|接近)?$")
STAKE_RE = re.compile(r"(?:持股|持有|占股|股权|股份)(?:比例)?(?:为|约)?$")
SHARE_POINTS_RE = re.compile(r"([\u4e00-\u9fffA-Za-z]{2,12}?)的?(?:所占比重|占比|比重|份额)[^，。；！？,;!?\n]{0,4}$")
INCREMENT_NOUN_RE = re.compile(r"(?:增量|增加量|新增量|增长量)$")
LONG_SHARE_RE = re.compile(r"占(?:了|据)?([^，。；！？,;!?\n]{3,40}?)的(?:比重|比例|份额)?(?:已经|已)?(?:达到|达|为|是|约为)?"
                           r"(?:约|近|将近|超过|逾|接近)?$")
SIBLING_SHARE_RE = re.compile(r"占(?:了|据)?([\u4e00-\u9fffA-Za-z]{0,12}?)(?:的|为|达)?(?:约|大约|近|将近|接近|超过|逾|不到|不足)?$")
# 占全国出口总额约150亿美元的近三成: what may follow the whole written inside 占…的, and stand between the part and 占
INLINE_WHOLE_TAIL_RE = re.compile(r"的(?:比重|比例|份额)?(?:已经|已)?(?:约为|达到|达|为|是)?(?:约|大约|近|将近|接近|超过|逾|不到|不足)?$")
INLINE_WHOLE_GAP_RE = re.compile(r"[，,]?[ ]?(?:约|大约|已|仅|只|共|合计)?(?:约|近|将近|接近)?")
# 相当于其中的近一半, 只相当于其0.2%, 为该数的三成: a pronoun for the whole
PRONOUN_WHOLE_RE = re.compile(r"其中|[其该这此的]")
COUNT_RE = re.compile(r"([两二三四五六七八九十]|\d+)(?:家|个|方|名|位)")
HOLDER_SPLIT_RE = re.compile(r"[、，,与和及]")
COMPARE_RE = re.compile(r"(?:比|较|相比|高于|低于)[^，。；！？,;!?\n]{0,8}$")
_REL_YEAR = {"前": -2, "去": -1, "上": -1, "今": 0, "明": 1}


def latest_named(text: str, noun: str, items: list, where: Callable) -> Optional[object]:
    """The latest of ``items`` whose preceding words (up to 12 characters, not before ``lo``) hold a suffix
    of ``noun`` as long as possible (at least 2 characters); ``where(item)`` gives (start, lo)."""
    for k in range(len(noun), 1, -1):
        suffix = noun[-k:]
        hits = [item for item in items
                if suffix in text[max(where(item)[1], where(item)[0] - 12):where(item)[0]]]
        if hits:
            return hits[-1]
    return None


def year_rank(s: str) -> Optional[tuple[str, int]]:
    """The last year named in ``s``: ("abs", 2024) for 2024年, ("rel", -1) for 去年/上年."""
    ms = YEAR_RE.findall(s)
    if not ms:
        return None
    y = ms[-1][:-1]
    return ("abs", int(y)) if y.isdigit() else ("rel", _REL_YEAR[y])


LATIN_NAME_RE = re.compile(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*")
DIVIDE_RE = re.compile(r"^[ ]?除以[ ]?$")
YEAR4_RE = re.compile(r"((?:19|20)\d\d)年")
NOUN_BEFORE_RE = re.compile(r"([\u4e00-\u9fff]{2})(?:约|约为|为|达|达到|近|超过|了)?$")
RESTATE_RE = re.compile(r"[ ]*(?:换言之|换句话说|也就是说|这意味着|也就是|即)")
ENDPOINT_AFTER_RE = re.compile(r"[^，。；！？,;!?\n]{0,6}?(?:到|至)[^，。；！？,;!?\n]{0,4}?(?:\d|[一二三四五六七八九十])")
ENDPOINT_BEFORE_RE = re.compile(r"[从由][^，。；！？,;!?\n]{0,12}?[%成][^，。；！？,;!?\n]{0,6}?(?:到|至)[^，。；！？,;!?\n]{0,4}?$")
# 其中A……其余B: a part named after 其中 and the rest of the same whole
PART_RE = re.compile(r"其中[^，。；,;]{0,8}$")
REST_RE = re.compile(r"(?:其余|剩余|剩下|余下)的?(?:约|近|逾|超过)?$")
PERIOD_RE = re.compile(r"(?:分|未来|今后|在)?([0-9一二两三四五六七八九十]{1,3})年(?:内|间|里|中|期|使用|投入|完成|分配)")
# 一期投资约680,000万元，二期投资约520,000万元: the phase an amount is for
PHASE_BEFORE_RE = re.compile(r"(?<![0-9A-Za-z])第?([一二三四五六七八九123456789])(?:期|阶段)(?:工程|项目)?"
                             r"(?:计划)?(?:投资|投入|总投资)(?:额)?(?:约为|约|为|达|共)?$")
# 一期20兆瓦, 二期规模约1.5万吨, 第三阶段产能达: a phase's figure with a unit; 总容量60兆瓦, 总规模为: the whole
PHASE_MEASURE_RE = re.compile(r"(?<![0-9A-Za-z])第?([一二三四五六七八九123456789])(?:期|阶段)(?:工程|项目)?"
                              r"(?:规模|容量|产能|装机|装机容量|面积|建筑面积)?(?:约为|约|为|达|达到|共)?$")
TOTAL_MEASURE_RE = re.compile(r"总[\u4e00-\u9fff]{0,4}?(?:约为|约|为|达|达到|共)?$")
TOTAL_INVESTMENT_RE = re.compile(r"(?:总投资|投资总额|计划总投资)(?:额)?(?:约为|约|为|达|不超过|超过|人民币)*$")
# 加上第一阶段，总投资将达到: the words naming an amount stated earlier, then a total word before the total
ADDED_NAMED_RE = re.compile(r"(?:再)?(?:加上|连同|算上)([\u4e00-\u9fff]{2,8}?)(?:的[\u4e00-\u9fff]{0,4})?[，,]?"
                            r"[^，。；！？,;!?\n]{0,6}?(?:总投资|总额|总规模|总计|合计|共计|累计|总共|一共)"
                            r"[^，。；！？,;!?\n0-9]{0,6}$")
# 较2025年增长五成: the base year of a change named in the claim
BASE_YEAR_RE = re.compile(r"(?:较|比|相比|相较)(?:于)?((?:19|20)[0-9]{2})年(?:底|末)?[^，。；！？,;!?\n0-9]{0,4}$")
# 每年安排专项资金15亿元，三年合计40亿元: an amount a year, then the total over a number of years
PER_YEAR_RE = re.compile(r"(?:每年|年均|平均每年|每年平均)[^，。；！？,;!?\n]{0,16}$")
YEARS_TOTAL_RE = re.compile(r"[，,、；;]?[ ]?(?:[^，。；！？,;!?\n]{0,6}?)"
                            r"([0-9一二两三四五六七八九十]{1,3})(?:个)?年(?:来|内|间|里)?(?:共计|合计|累计|总计|总共|一共|共|总额|累积)"
                            r"(?:安排|投入|达到?|为|约|超过|逾|不少于)*")


def single_amounts(money: list) -> list:
    """The amounts a sum or total check can add: a value, not a range, not a restatement of another amount."""
    return [m for m in money if m.value and m.value_max is None and m.equivalent_of is None]


def divide(a: Decimal, b: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return a / b


def fmt_decimal(d: Decimal, places: int = 4) -> str:
    q = d.quantize(Decimal(1).scaleb(-places)) if abs(d) < Decimal(10) ** 12 else d
    return format(q.normalize(), "f")


def rounding(v: Decimal) -> Decimal:
    """Relative half-width of the last significant digit: 4亿 stands for 3.5亿..4.5亿 (0.125), 90亿 for 85..95
    (0.056); at most 0.125."""
    if not v:
        return Decimal(0)
    t = abs(v).normalize().as_tuple()
    return min(divide(Decimal(5).scaleb(t.exponent - 1), abs(v)), Decimal("0.125"))


UNIT_NOT_BEFORE = {"次": "性数要级日", "场": "景所馆地合", "份": "额", "批": "准复发", "款": "项式"}


def scan_measures(text: str, nums: Sequence[Num], taken: Sequence[tuple[int, int]]) -> list[Op]:
    """Numbers with a unit word (382万辆, 1.9吉瓦) and bare numbers written as 从A到B, outside money and quantities."""
    lex = claim_lex()
    spans = sorted(taken)
    starts = [s for s, _ in spans]

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, e) - 1
        while i >= 0 and spans[i][1] > s:
            if spans[i][0] < e:
                return False
            i -= 1
        return True

    out: list[Op] = []
    bare: list[Num] = []
    unit_match = lex.unit_re.match
    for x in nums:
        if x.few or (x.start > 0 and text[x.start - 1] == "第"):
            continue   # 第3次, 第二批: an ordinal, not a count
        m = unit_match(text, x.end)
        if m is not None and m.end() < len(text) and text[m.end()] in UNIT_NOT_BEFORE.get(m.group(1), ""):
            m = None   # 一次性, 两场景, 三份额: the unit word runs on into a longer word
        if m is None:
            bare.append(x)
        elif free(x.start, x.end):
            dim, f = lex.units[m.group(1)]
            out.append(_op(text, x, m.end(), dim, f))
    # 从6000到5万 (two bare numbers paired by 从/由 … 到/至), 195除以150
    divides = "除以" in text
    for a, b in zip(bare, bare[1:]):
        if (a.start > 0 and text[a.start - 1] in "从由" and
                text[a.end:b.start].strip(" ") in ("到", "至", "增至", "增加到", "提高到", "扩大到", "增长到")) or \
                (divides and DIVIDE_RE.match(text[a.end:b.start])):
            if free(a.start, a.end) and free(b.start, b.end):
                out.append(_op(text, a, a.end, "#", Decimal(1)))
                out.append(_op(text, b, b.end, "#", Decimal(1)))
    out.sort(key=lambda o: o.start)
    return out


def _op(text: str, x: Num, end: int, dim: str, factor: Decimal) -> Op:
    q = "range" if x.value_max is not None else ("more_than" if x.more else None)
    return Op(x.start, end, x.value, x.value_max, q, dim, x.value * factor, None, text)


def stated_rates(text: str) -> list[tuple[int, str, str, Decimal]]:
    """Exchange rates the article states: (offset, A, B, B per A) for 1美元兑3.6新谢克尔."""
    lex = claim_lex()
    if lex.rate_re is None:
        return []
    out = []
    for m in lex.rate_re.finditer(text):
        a, b = lex.cur_names.get(m.group(1)), lex.cur_names.get(m.group(3))
        if a and b and a != b:
            out.append((m.start(), a, b, Decimal(m.group(2))))
    return out


def _digit_comma(text: str, k: int) -> bool:
    """The comma at k groups the thousands of a number (1,000兆瓦): no clause break."""
    return text[k] == "," and 0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit()


def clause_span(text: str, lo: int, hi: int, s0: int, s1: int) -> tuple[int, int]:
    """The clause around [lo, hi) inside the sentence [s0, s1)."""
    a = lo
    while a > s0 and (text[a - 1] not in _STOPS or _digit_comma(text, a - 1)):
        a -= 1
    b = hi
    while b < s1 and (text[b] not in _STOPS or _digit_comma(text, b)):
        b += 1
    if b < s1 and text[b] in "！!？?。":
        b += 1
    return a, b


def check_ratio(ratio: Decimal, target: Decimal, qualifier: str, loose: bool = False) -> bool:
    """Whether ``ratio`` agrees with a claimed ``target`` (wider when the amounts are approximate)."""
    slack = Decimal("0.05") if loose else Decimal("0.02")
    if qualifier == "more_than":
        return ratio >= target * (1 - slack)
    if qualifier == "less_than":
        return ratio <= target * (1 + slack)
    return abs(ratio - target) <= target * (RATIO_TOLERANCE + (slack if loose else 0))


def check_ratio_span(lo: Decimal, hi: Decimal, t_lo: Decimal, t_hi: Decimal, qualifier: str,
                     loose: bool = False) -> bool:
    """Whether a ratio known only as a range [lo, hi] (6至8澳元 over 2澳元) agrees with a claimed target range
    [t_lo, t_hi] (三到四倍): the two ranges overlap, within the tolerance of ``check_ratio``."""
    if lo == hi and t_lo == t_hi:
        return check_ratio(lo, t_lo, qualifier, loose)
    slack = Decimal("0.05") if loose else Decimal("0.02")
    if qualifier == "more_than":
        return hi >= t_lo * (1 - slack)
    if qualifier == "less_than":
        return lo <= t_hi * (1 + slack)
    tol = RATIO_TOLERANCE + (slack if loose else 0)
    return hi >= t_lo * (1 - tol) and lo <= t_hi * (1 + tol)


def span_text(lo: Decimal, hi: Decimal, places: int = 2) -> str:
    return fmt_decimal(lo, places) if lo == hi else f"{fmt_decimal(lo, places)} to {fmt_decimal(hi, places)}"


_QTEXT = {"more_than": "more than ", "less_than": "less than ", "approx": "about "}


class Relations:
    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], money: list[MItem], usd: list[UsdInfo],
                 quants: list[QItem], nums: Sequence[Num], headline: Callable, make_check: Callable):
        self.text = text
        self.lex = claim_lex()
        self.sentences = list(sentences)
        self.starts = [s for s, _ in self.sentences]
        self.quants = quants
        self.make = make_check
        self._headline = headline
        ops = []
        for m, u in zip(money, usd):
            if not m.value or m.equivalent_of is not None:
                continue
            if u.value is not None:
                ops.append(Op(m.start, m.end, m.value, m.value_max, m.qualifier, "money", u.value, m.currency))
            else:
                ops.append(Op(m.start, m.end, m.value, m.value_max, m.qualifier, "money:" + m.currency,
                              m.value, m.currency))
        taken = [(m.start, m.end) for m in money] + [(q.start, q.end) for q in quants]
        ops.extend(scan_measures(text, nums, taken) if nums else [])
        ops.sort(key=lambda o: o.start)
        self.ops = ops
        self.op_sid = [self.sid(o.start) for o in ops]
        self.by_sentence: dict[int, list[Op]] = {}
        for o, si in zip(ops, self.op_sid):
            if si is not None:
                self.by_sentence.setdefault(si, []).append(o)

    # ------------------------------------------------------------------ helpers
    def sid(self, pos: int) -> Optional[int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return i
        return None

    def label(self, o: Op) -> str:
        return self.text[o.start:o.end]

    def in_sentences(self, lo: int, hi: int) -> list[Op]:
        if lo == hi:
            return self.by_sentence.get(lo, [])
        return [o for s in range(max(lo, 0), hi + 1) for o in self.by_sentence.get(s, ())]

    @staticmethod
    def ratio(x: Op, y: Op) -> Optional[Decimal]:
        if x.dim != y.dim or not y.base:
            return None
        if x.cur is not None and x.cur == y.cur:
            return divide(x.value, y.value)
        return divide(x.base, y.base)

    @staticmethod
    def ratio_span(x: Op, y: Op) -> Optional[tuple[Decimal, Decimal]]:
        """x / y as a range when either is a range (6至8澳元): (low / high, high / low)."""
        r = Relations.ratio(x, y)
        if r is None or (x.value_max is None and y.value_max is None):
            return None if r is None else (r, r)
        f = divide(x.base, x.value) if x.value and not (x.cur is not None and x.cur == y.cur) else Decimal(1)
        g = divide(y.base, y.value) if y.value and not (x.cur is not None and x.cur == y.cur) else Decimal(1)
        xl, xh = x.value * f, (x.value_max or x.value) * f
        yl, yh = y.value * g, (y.value_max or y.value) * g
        if not yl or not yh:
            return (r, r)
        return divide(xl, yh), divide(xh, yl)

    def paired(self, a: Op, b: Op) -> bool:
        """Whether b is the new value of a: 从A增加到B, A…到B, or two figures of different years."""
        between = self.text[a.end:b.start]
        if "其中" in between or "。" in between:
            return False
        if self.lex.to_re.search(between):
            return True
        # 约77亿美元；到2025年，这一数字回落到约51亿美元: the same figure named again, then its new value
        restated = SAME_FIGURE_RE.search(between)
        if restated and self.lex.to_re.search(between[restated.end():]):
            return True
        ya = YEAR_RE.findall(self.text[max(self.sentences[self.sid(a.start)][0], a.start - 20):a.start])
        yb = YEAR_RE.findall(between)
        return bool(ya and yb and ya[-1] != yb[-1])

    def related(self, a_start: int, a_end: int, b_start: int) -> bool:
        """Whether two amounts of a sentence are the old and new value of one figure (从A增至B, 2023年A，2024年B)
        or compared (A比B…): 投资10亿元建设新厂，预计年产值30亿元 are two different figures."""
        between = self.text[a_end:b_start]
        if "其中" in between or "。" in between:
            return False
        if self.lex.to_re.search(between) or COMPARE_RE.search(between):
            return True
        si = self.sid(a_start)
        lo = self.sentences[si][0] if si is not None else 0
        ra = year_rank(self.text[max(lo, a_start - 20):a_start])
        rb = year_rank(between)
        return ra is not None and rb is not None and ra != rb

    def reversed_pair(self, a_start: int, a_end: int, b_start: int) -> bool:
        """Whether the later of two figures is the base: X比Y高出50% (Y after 比), or 今年X，去年Y (Y's year is
        earlier)."""
        between = self.text[a_end:b_start]
        if COMPARE_RE.search(between):
            return True
        si = self.sid(a_start)
        lo = self.sentences[si][0] if si is not None else 0
        ra = year_rank(self.text[max(lo, a_start - 20):a_start])
        rb = year_rank(between)
        return ra is not None and rb is not None and ra[0] == rb[0] and rb[1] < ra[1]

    # ------------------------------------------------------------------ the rules
    def refine(self, q: QItem, previous):
        s = self.sid(q.start)
        if s is None:
            return previous
        s0, s1 = self.sentences[s]
        cs, ce = clause_span(self.text, q.start, q.end, s0, s1)
        before = self.text[cs:q.core_start]
        if previous is None and self.lex.denial_re.search(before):
            return None   # 哪来的三倍？: the author denies the figure, the article does not claim it
        sent_before = [o for o in self.in_sentences(s, s) if o.end <= q.start]
        for rule in (self.points, self.multiple, self.share, self.change, self.complement):
            c = rule(q, s, s0, s1, cs, ce, before, sent_before)
            if c is not None:
                return c
        if previous is not None:
            return previous
        return self.recognised(q, s, cs, ce, before)

    def points(self, q, s, s0, s1, cs, ce, before, sent_before):
        """由2023年的6%升至2025年的15%，提升9个百分点: the difference of the two rates."""
        if q.kind != "percent" or q.form != "百分点":
            return None
        m = self.lex.change_re.search(before)
        rates = [p for p in self.quants if p.kind == "percent" and p.form in ("%", "百分之", "成")
                 and s0 <= p.start and p.end <= q.start and p.value_max is None]
        if m is not None and len(rates) < 2:
            return self.share_points(q, s, s0, s1, cs, ce, before, m)
        if m is None or len(rates) < 2:
            return None
        a, b = rates[-2], rates[-1]
        sign = 1 if m.group(1) in self.lex.up else -1
        diff = b.value - a.value
        claimed = sign * q.value
        tol = Decimal("0.05") + (abs(claimed) * RATIO_TOLERANCE if "approx" in (q.qualifier, a.qualifier, b.qualifier)
                                 else 0)
        ok = (abs(diff - claimed) <= tol or (q.qualifier == "more_than" and diff >= claimed - tol)
              or (q.qualifier == "less_than" and diff <= claimed + tol))
        lo = clause_span(self.text, a.start, a.end, s0, s1)[0]
        comp = (f"{self.text[b.start:b.end]} - {self.text[a.start:a.end]} = {fmt_decimal(diff, 2)} percentage points; "
                f"claim: {_QTEXT.get(q.qualifier, '')}{fmt_decimal(claimed, 2)} points")
        return self.make(s, lo, ce, self.text[lo:ce], comp, "consistent" if ok else "inconsistent")

    def share_points(self, q, s, s0, s1, cs, ce, before, m):
        """产量230万辆，总产量420万辆 … 新能源汽车产量占比再提高3个百分点 after an earlier 占…比重达到51.3%: the new
        share is part / whole of the figures named in this or the sentence before, the old one the latest share
        the article stated of the same noun."""
        sm = SHARE_POINTS_RE.search(before, 0, m.start())
        if sm is None:
            return None
        noun = sm.group(1)
        window = [o for o in self.in_sentences(s - 1, s) if o.end <= q.start]
        part = self._by_noun(noun, window)
        if part is None:
            return None
        pre = self.text[max(self.sentences[self.sid(part.start)][0], part.start - 12):part.start]
        key = next((noun[-k:] for k in range(len(noun), 1, -1) if noun[-k:] in pre), None)
        wholes = [o for o in window if o.end <= part.start and o.dim == part.dim and o.base > part.base]
        if key is None or len(key) < 3 or not wholes:
            return None
        whole = wholes[-1]
        olds = []
        for p in self.quants:
            if p.end > part.start or p.kind != "percent" or p.form not in ("%", "百分之", "成") or p.value_max is not None:
                continue
            si = self.sid(p.start)
            if si is None:
                continue
            pc = clause_span(self.text, p.start, p.end, *self.sentences[si])[0]
            k = self.text.find(key, pc, p.start)
            if k >= 0 and re.search(r"占|比重|份额", self.text[k + len(key):p.start]):
                olds.append(p)
        if not olds:
            return None
        old = olds[-1]
        new = divide(part.base, whole.base) * 100
        diff = new - old.value
        claimed = (1 if m.group(1) in self.lex.up else -1) * q.value
        approx = any(x != "exact" for x in (q.qualifier, part.qualifier, whole.qualifier, old.qualifier))
        tol = Decimal("0.05") + (abs(claimed) * RATIO_TOLERANCE if approx else 0)
        ok = (abs(diff - claimed) <= tol or (q.qualifier == "more_than" and diff >= claimed - tol)
              or (q.qualifier == "less_than" and diff <= claimed + tol))
        lo = clause_span(self.text, part.start, part.end, *self.sentences[self.sid(part.start)])[0] \
            if self.sid(part.start) == s else cs
        comp = (f"{self.label(part)} / {self.label(whole)} = {fmt_decimal(new, 2)}% (the share now); "
                f"{self.text[old.start:old.end]} (the share stated earlier); difference "
                f"{fmt_decimal(diff, 2)} percentage points; claim: {_QTEXT.get(q.qualifier, '')}{fmt_decimal(claimed, 2)}"
                f" points")
        return self.make(s, lo, ce, self.text[lo:ce], comp, "consistent" if ok else "inconsistent")

    def multiple(self, q, s, s0, s1, cs, ce, before, sent_before):
        """A multiple between two figures of one dimension: the last two before the claim in its sentence
        (the later over the earlier), else the latest one before it in this or the two sentences before
        over the first one after it in its sentence (相当于…的六倍多，后者约为300兆瓦)."""
        if q.kind != "multiple":
            return None
        x = y = None
        where = ""
        pairs = [(a, b) for i, b in enumerate(sent_before) for a in sent_before[:i] if a.dim == b.dim]
        named = NAMED_MULTIPLE_RE.match(before) if not sent_before else None
        if named is not None:
            # 第二期经费是第一期实际支出的将近两倍: each figure is the latest one earlier in the article whose
            # preceding words end with (a suffix of) its noun
            earlier = [o for o in self.ops if o.end <= cs]
            x = self._by_noun(named.group(1), earlier)
            y = self._by_noun(named.group(2), [o for o in earlier if x is None or o.dim == x.dim], x)
            if x is not None and y is not None and x is not y:
                pairs = [(y, x)]
                where = f"the figures named {named.group(1)} and {named.group(2)} earlier in the article"
        elif BOTH_DIFFER_RE.search(before) and not sent_before:
            # 两者相差近百倍: the last two figures of one kind before the claim (this or the two sentences before)
            prior = [o for o in self.in_sentences(s - 2, s) if o.end <= q.start]
            if len(prior) >= 2 and prior[-1].dim == prior[-2].dim:
                a, b = sorted(prior[-2:], key=lambda o: o.base)
                pairs = [(a, b)]
                where = "the two figures stated before 两者, the larger over the smaller"
        copula = COPULA_NOUN_RE.match(before) if sent_before and named is None else None
        if copula is not None:
            # 总设计容量达192Tbps，是斯里兰卡现有国际带宽的近50倍。…国际出口带宽约为4Tbps: Y is the figure the noun
            # after 是 names (this, the two sentences before or the one after), X the figure right before the claim
            x0 = sent_before[-1]
            near = [o for o in self.in_sentences(s - 2, s + 1) if o is not x0 and o.dim == x0.dim
                    and not (cs <= o.start < ce)]
            y0 = self._by_noun(copula.group(1), near)
            if y0 is not None:
                pairs, where = [(y0, x0)], f"the figure before the claim over the figure named {copula.group(1)}"
        if TIME_BASE_RE.search(before):
            # 同比增长约1.4倍: only the same figure at the earlier time is the base; it is stated in the
            # sentence (2024年1.3亿元，2025年3.2亿元) or earlier in the article (previous_year), else nothing is
            pair = next((p for p in reversed(pairs) if self.related(p[0].start, p[0].end, p[1].start)), None)
            where = "the later figure of the sentence over the earlier"
            if pair is None and sent_before:
                pair = self.previous_year(sent_before[-1])
                where = "the same figure for the year before, stated earlier in the article"
            if pair is None:
                return None
            pairs = [pair]
        if not pairs and not where:
            # 营收占比从去年的6%提升到今年的14%，成长超过一倍: two rates of the sentence paired as old and new value
            pair = self._rate_pair(s0, q.start)
            if pair is not None:
                pairs, where = [pair], "the two rates of the sentence, from the old to the new"
        if pairs:
            y, x = pairs[-1]
            where = where or "the later figure of the sentence over the earlier"
        else:
            after = [o for o in self.in_sentences(s, s) if o.start >= q.end]
            if after:
                y = after[0]
                prev = [o for o in self.in_sentences(s - 2, s) if o.end <= q.start and o.dim == y.dim]
                x = prev[-1] if prev else None
                where = "the figure before the claim over the figure named after it"
        if x is None or y is None:
            return None
        r = self.ratio(x, y)
        if r is None or r == 0:
            return None
        if r < 1 <= q.value:
            x, y, r = y, x, divide(Decimal(1), r)
        more = bool(self.lex.more_by_re.search(before)) and q.form != "番"
        target = q.value + 1 if more else q.value
        target_max = (q.value_max + 1 if more else q.value_max) if q.value_max is not None else target
        loose = any(o.qualifier != "exact" for o in (x, y))
        lo, hi = self.ratio_span(x, y) or (r, r)
        ok = check_ratio_span(lo, hi, target, target_max, q.qualifier, loose)
        conv = " (converted to one unit)" if x.dim not in ("money", "percent") and self.label(x)[-2:] != self.label(y)[-2:] else ""
        comp = (f"X = {self.label(x)}, Y = {self.label(y)} ({where}){conv}; X / Y = {span_text(lo, hi)}; claim: X = "
                f"{_QTEXT.get(q.qualifier, '') if target == target_max else ''}{span_text(target, target_max, 4)} x Y"
                + (" (strict reading of 多N倍)" if more else ""))
        lo = min(cs, clause_span(self.text, x.start, x.end, s0, s1)[0]) if self.sid(x.start) == s else cs
        return self.make(s, lo, ce, self.text[lo:ce], comp, "consistent" if ok else "inconsistent")

    def _rate_pair(self, lo: int, hi: int) -> Optional[tuple[Op, Op]]:
        """The last two percentages in text[lo:hi] written as old and new value (从6%提升到14%), as figures of the
        dimension "percent"; None when there are fewer or they are not paired so."""
        rates = [p for p in self.quants if p.kind == "percent" and p.form in ("%", "百分之", "成") and lo <= p.start
                 and p.end <= hi and p.value_max is None and p.value > 0]
        if len(rates) < 2:
            return None
        a, b = rates[-2:]
        if not self.lex.to_re.search(self.text[a.end:b.start]) or \
                not re.search(r"[从由][^，。；！？,;!?\n]{0,12}$", self.text[max(lo, a.start - 14):a.start]):
            return None
        return tuple(Op(p.start, p.end, p.value, None, p.qualifier, "percent", p.value) for p in (a, b))

    def _share_verdict(self, q, s, lo, ce, part: Op, whole: Op, where: str):
        share = q.value if q.kind == "fraction" else q.value / 100
        r = self.ratio(part, whole)
        if r is None:
            return None
        loose = any(o.qualifier != "exact" for o in (part, whole))
        ok = check_ratio(r, share, q.qualifier, loose)
        comp = (f"part = {self.label(part)}, whole = {self.label(whole)} ({where}); part / whole = {fmt_decimal(r, 4)}; "
                f"claim: {_QTEXT.get(q.qualifier, '')}{fmt_decimal(share, 4)}")
        return self.make(s, lo, ce, self.text[lo:ce], comp, "consistent" if ok else "inconsistent")

    def _by_noun(self, noun: str, cands: list[Op], exclude: Optional[Op] = None) -> Optional[Op]:
        """The latest figure whose preceding words (in its sentence, up to 12 characters) end a suffix of ``noun``
        as long as possible (at least 2 characters)."""
        return latest_named(self.text, noun, [o for o in cands if o is not exclude],
                            lambda o: (o.start, self.sentences[self.sid(o.start)][0]))

    def _increment_before(self, part: Op) -> Optional[Op]:
        """B - A of the latest pair 从A增加到B (A and B of the part's dimension) before the part, as a figure."""
        prior = [o for o in self.ops if o.end <= part.start and o.dim == part.dim]
        for a, b in reversed(list(zip(prior, prior[1:]))):
            if self.sid(a.start) == self.sid(b.start) and self.paired(a, b) and b.base > a.base:
                q = "more_than" if b.qualifier == "more_than" else ("approx" if "approx" in (a.qualifier, b.qualifier)
                                                                   else "exact")
                d = b.base - a.base
                return Op(a.start, b.end, d, None, q, a.dim, d, None, self.text)
        return None

    def _far_named(self, noun: str, part: Op) -> Optional[Op]:
        """The figure the article names ``noun`` anywhere (净资产为870,200万元, 1.5万片的一期产能), of the part's
        dimension and larger than it; None when none is, or when figures of different values are."""
        pre_re = re.compile(re.escape(noun) + r"[ ]?(?:约为|达到|为|达|是|约|共|[：:])?[ ]?$")
        cands = [o for o in self.ops if o is not part and o.dim == part.dim and o.base > part.base and
                 (pre_re.search(self.text, max(0, o.start - len(noun) - 4), o.start)
                  or self.text.startswith("的" + noun, o.end) or self.text.startswith(noun, o.end))]
        if not cands or len({o.base for o in cands}) != 1:
            return None
        return min(cands, key=lambda o: abs(o.start - part.start))

    def share(self, q, s, s0, s1, cs, ce, before, sent_before):
        if q.kind not in ("fraction", "percent") or q.form in ("百分点", "折"):
            return None
        # 总投资100亿元，其中政府出资30亿元，占30%: a share with no noun is of the figure just before it, in the
        # larger figure before 其中 (else the larger figure right before it in the sentence)
        if BARE_SHARE_RE.match(before) and sent_before and \
                (len(sent_before) >= 2 or self.text.rfind("其中", s0, sent_before[-1].start) >= 0):
            part = sent_before[-1]
            k = self.text.rfind("其中", s0, part.start)
            if k >= 0:
                cands = [o for o in sent_before[:-1] if o.end <= k and o.dim == part.dim and o.base > part.base]
                whole, where = (cands[-1] if cands else None), "the figure before 其中 as the whole"
                if whole is None and not self.text[s0:k].strip(" ，,") and s > 0:
                    # 全年受理申请1200件。其中发明专利360件，占比三成: the whole closes the sentence before
                    cands = [o for o in self.in_sentences(s - 1, s - 1) if o.dim == part.dim and o.base > part.base]
                    whole, where = (cands[-1] if cands else None), "the figure of the sentence before 其中 as the whole"
            else:
                prev = sent_before[-2]
                whole = prev if prev.dim == part.dim and prev.base > part.base else None
                where = "the figure before it in the sentence as the whole"
            if whole is not None:
                lo = clause_span(self.text, whole.start, whole.end, *self.sentences[self.sid(whole.start)])[0]
                return self._share_verdict(q, s, lo, ce, part, whole, where)
        # 出口额约39亿美元，占全国出口总额约150亿美元的近三成: the whole is the one figure written inside 占…的, the
        # part the figure right before 占
        k = before.rfind("占")
        if k >= 0:
            inner = [o for o in self.in_sentences(s, s) if cs + k < o.start and o.end <= q.start]
            outer = [o for o in self.in_sentences(s, s) if o.end <= cs + k]
            if len(inner) == 1 and outer and INLINE_WHOLE_TAIL_RE.match(self.text, inner[0].end, q.core_start) and \
                    INLINE_WHOLE_GAP_RE.fullmatch(self.text, outer[-1].end, cs + k):
                part, whole = outer[-1], inner[0]
                if part.dim == whole.dim and part.base < whole.base:
                    lo = clause_span(self.text, part.start, part.end, s0, s1)[0]
                    return self._share_verdict(q, s, lo, ce, part, whole,
                                               "the figure before 占 over the one written inside 占…的")
        # A占B的比重达到51.3%, 补贴约占总投资的三分之一: part and whole found by their nouns
        m = NAMED_SHARE_RE.search(before)
        if m:
            window = [o for o in self.in_sentences(s - 3, s) if o.end <= q.start]
            part = self._by_noun(m.group(1), window)
            whole = self._by_noun(m.group(2), [o for o in window if part is None or
                                               (o.dim == part.dim and o.base > part.base)], part)
            if part is not None and whole is not None:
                return self._share_verdict(q, s, cs, ce, part, whole,
                                           f"the figures named {m.group(1)} and {m.group(2)}")
        # X占总额的一半以上: the part before 占, the whole a stated total or the headline figure
        m = TOTAL_SHARE_RE.search(before)
        if m and sent_before and not self.lex.total_re.search(m.group(1) or "") and len(m.group(1) or "") >= 2:
            # 数字经济增加值300亿元，占GDP比重为30%: the whole is found by its noun
            part = sent_before[-1]
            # the whole may also be named after the claim: 占员工总数的40%，员工总数为3万人
            window = [o for o in self.in_sentences(s - 3, s)
                      if (o.end <= q.start or self.sid(o.start) == s) and o is not part and o.dim == part.dim
                      and o.base > part.base]
            whole = self._by_noun(m.group(1), window, part)
            if whole is not None:
                lo = clause_span(self.text, part.start, part.end, s0, s1)[0]
                return self._share_verdict(q, s, lo, ce, part, whole, f"the whole is the figure named {m.group(1)}")
        elif m and sent_before and self.lex.total_re.search(m.group(1) or ""):
            part = sent_before[-1]
            named = self._by_noun(m.group(1), [o for o in self.in_sentences(s, s) if o.start >= q.end
                                               and o.dim == part.dim and o.base > part.base])
            totals = [named] if named is not None else \
                [o for o in self.ops if o.end <= part.start and o.dim == part.dim and o.base > part.base
                 and self.lex.total_re.search(self.text[max(0, o.start - 10):o.start])]
            whole, where = (totals[-1], "the total named after the claim" if named is not None else
                            "the total stated before") if totals else (None, "")
            if whole is None:
                h = self._headline(before=q.start)
                if h is not None:
                    ho = next((o for o in self.ops if o.start == h[1].start), None)
                    if ho is not None and ho is not part and ho.dim == part.dim and ho.base > part.base:
                        whole, where = ho, "the article's headline figure"
            if whole is not None:
                lo = clause_span(self.text, part.start, part.end, s0, s1)[0]
                return self._share_verdict(q, s, lo, ce, part, whole, where)
        # X仅为Y的一半, X只相当于其0.2%: part before the verb, whole after it (or before the part)
        m = SHARE_OF_RE.search(before)
        if m:
            vpos = cs + m.start()
            inner = [o for o in sent_before if o.start >= vpos]
            outer = [o for o in sent_before if o.end <= vpos]
            if inner and outer:
                whole = inner[-1]
                part = next((o for o in reversed(outer) if o.dim == whole.dim), None)
                where = "the figure before the verb over the one it is compared with"
            elif outer and m.group(2) and not PRONOUN_WHOLE_RE.sub("", m.group(2)):
                part = outer[-1]
                whole = next((o for o in reversed(outer[:-1]) if o.dim == part.dim and o.base > part.base), None)
                where = "the figure before the verb over the larger one before it"
                if whole is None and s > 0 and not outer[:-1]:
                    # 精矿合计含铜量约65万吨。冶炼厂每年需要含铜约30万吨的精矿，相当于其中的近一半: 其(中) names the
                    # figure of the sentence before when this one states no other
                    whole = next((o for o in reversed(self.in_sentences(s - 1, s - 1)) if o.dim == part.dim
                                  and o.base > part.base), None)
                    where = "the figure before the verb over the larger one of the sentence before (其中)"
            elif outer and len(m.group(2)) >= 2 and \
                    len(re.sub(r"[，,\s仅只还也]", "", self.text[outer[-1].end:vpos])) <= 2:
                # 全年交付量仅约0.9吉瓦时，不到设计产能的6%: the whole is an earlier figure the noun names (the
                # part must end right before the verb: 新加坡的人口还不到印度的百分之一 names no figure of 印度)
                part = outer[-1]
                window = [o for o in self.ops if o.end <= part.start and o.dim == part.dim and o.base > part.base]
                whole = self._by_noun(m.group(2), window)
                where = f"the figure before the verb over the one named {m.group(2)}"
                if whole is None:
                    # 约为德国的三分之二（德国约为每兆瓦时90欧元）; 相当于粗钢产量的三成以上。…粗钢产量约为1,150万吨: the
                    # figure the noun names may follow the claim, in its sentence or the next
                    later = [o for o in self.in_sentences(s, s + 1) if o.start >= q.end and o.dim == part.dim
                             and o.base > part.base]
                    whole = self._by_noun(m.group(2), later)
                    where = f"the figure before the verb over the one named {m.group(2)} after the claim"
                if whole is None and INCREMENT_NOUN_RE.search(m.group(2)):
                    # 新增300兆瓦，不到印度规划增量的二十分之一: the whole is the increase of the latest figure
                    # written as 从A增加到B
                    whole = self._increment_before(part)
                    where = "the whole is the increase B - A of the latest 从A到B before it"
            else:
                part = whole = None
            if part is not None and whole is not None:
                lo = clause_span(self.text, part.start, part.end, s0, s1)[0]
                return self._share_verdict(q, s, lo, ce, part, whole, where)
        # 出资36亿元，占公司经审计的净资产的41.37%; 约每月8,000片，约占一期产能的一半: the part closes the clause
        # before, the whole is the one figure the article names by the noun after the last 的 (3 characters or
        # more), wherever it states it (净资产为87亿元, 月产1.5万片的一期产能)
        m = LONG_SHARE_RE.search(before)
        if m and sent_before:
            noun = m.group(1).split("的")[-1].lstrip("其该这此")
            part = sent_before[-1]
            gap = self.text[part.end:cs]
            if len(noun) >= 3 and (part.start >= cs or (gap and gap[-1] in "，," and
                                                        not any(ch in _STOPS for ch in gap[:-1]))):
                whole = self._far_named(noun, part)
                if whole is not None:
                    lo = clause_span(self.text, part.start, part.end, s0, s1)[0]
                    return self._share_verdict(q, s, lo, ce, part, whole, f"the whole is the figure the article "
                                               f"names {noun}")
        # 设计能力100万标准箱，实际完成约62万标准箱，利用率已超过六成: an attained rate (utilisation, take-up) right
        # after a clause ending in a figure is the smaller of that figure and the one of its kind before it over the
        # larger (实际到位约230亿美元，按申报总额约1,050亿美元计算，落地率不足两成)
        if self.lex.attained_re.match(before) and len(sent_before) >= 2 and \
                CLAUSE_END_RE.fullmatch(self.text, sent_before[-1].end, cs):
            last = sent_before[-1]
            prev = next((o for o in reversed(sent_before[:-1]) if o.dim == last.dim and o.cur == last.cur
                         and o.base != last.base), None)
            if prev is not None:
                part, whole = sorted((prev, last), key=lambda o: o.base)
                lo = clause_span(self.text, prev.start, prev.end, s0, s1)[0]
                return self._share_verdict(q, s, lo, ce, part, whole,
                                           "an attained rate: the smaller of the two figures before it over the larger")
        # 15个盐湖项目中……只有5个，不到四成: a clause that is only a share, right after a clause ending in a
        # figure, gives that figure's share of the latest larger figure of its kind earlier in the sentence
        if BARE_SHARE_CLAUSE_RE.match(before) and sent_before and \
                CLAUSE_END_RE.fullmatch(self.text, sent_before[-1].end, cs):
            part = sent_before[-1]
            whole = next((o for o in reversed(sent_before[:-1]) if o.dim == part.dim and o.base > part.base
                          and (part.cur is None or o.cur == part.cur)), None)
            if whole is not None:
                lo = clause_span(self.text, whole.start, whole.end, s0, s1)[0]
                return self._share_verdict(q, s, lo, ce, part, whole,
                                           "the figure before the claim over the larger one of its kind before it")
        return None

    def change(self, q, s, s0, s1, cs, ce, before, sent_before):
        """由4700家增加到7000家以上，增幅接近五成; 2023年…150亿美元，2024年…195亿美元，同比增长近五成;
        …约77亿美元；到2025年…回落到约51亿美元，缩水了三分之一."""
        if q.kind not in ("percent", "fraction") or q.form in ("百分点", "折"):
            return None
        m = self.lex.change_re.search(before)
        if m is None:
            return None
        pair = None
        if len(sent_before) < 2 and s > 0 and self.text[s0 - 1:s0] in ("；", ";"):
            # 出口额约77亿美元；到2025年，这一数字回落到约51亿美元: the old value is in the clause before the semicolon
            sent_before = self.in_sentences(s - 1, s - 1) + sent_before
        for i in range(len(sent_before) - 1, 0, -1):
            b = sent_before[i]
            a = next((o for o in reversed(sent_before[:i]) if o.dim == b.dim), None)
            if a is not None and self.paired(a, b):
                pair = (a, b)
                break
            if a is not None:
                break
        where = "the old and the new value named in the sentence"
        annual = ANNUAL_RE.search(before) is not None
        if pair is None and len(sent_before) >= 2 and not annual:
            # 达到10万个，比上年增加2万个，增长25%: the base is the new value less the increment
            d, n = sent_before[-1], sent_before[-2]
            im = INCREMENT_RE.search(self.text, max(s0, d.start - 12), d.start)
            if im and d.dim == n.dim and n.base > d.base and "其中" not in self.text[n.end:d.start]:
                up_inc = im.group(1) in ("增加", "增长", "多", "新增", "提高", "上升", "增")
                base_v = n.base - d.base if up_inc else n.base + d.base
                if base_v > 0:
                    change = divide(n.base, base_v) * 100 - 100
                    return self._change_verdict(q, m, s, s0, s1, ce, n, change,
                                                f"new = {self.label(n)}, increment = "
                                                f"{'+' if up_inc else '-'}{self.label(d)}, so base = "
                                                f"{fmt_decimal(base_v, 2)}")
        if pair is None and len(sent_before) >= 2 and \
                DIVIDE_RE.match(self.text[sent_before[-2].end:sent_before[-1].start]):
            pair = (sent_before[-1], sent_before[-2])    # 195除以150，增幅是30%
            where = "the division written in the sentence"
        if pair is None and ("同比" in before or "比上年" in before or "比去年" in before) and sent_before:
            pair = self.previous_year(sent_before[-1])
            where = "the same figure for the year before, stated earlier in the article"
        base_year = BASE_YEAR_RE.search(before)
        if pair is None and base_year and sent_before and not annual:
            # 到2028年规模突破5,000亿元，较2025年增长五成以上 after 2025年，全省产业规模约3,300亿元: the figure
            # for the base year the claim names, stated earlier in the article
            pair = self.previous_year(sent_before[-1], base_year.group(1) + "年")
            where = f"the same figure for {base_year.group(1)}, stated earlier in the article"
        if pair is None:
            return None
        a, b = pair
        if where.startswith("the old") and self.reversed_pair(a.start, a.end, b.start):
            a, b = b, a
        r = self.ratio(b, a)
        if r is None or r <= 0:
            return None
        change = (r - 1) * 100
        if annual:
            # 从2020年的100亿元增长到2025年的161亿元，年均增长10%: the compound rate over the years between
            ya = year_rank(self.text[max(self.sentences[self.sid(a.start)][0], a.start - 20):a.start])
            yb = year_rank(self.text[max(self.sentences[self.sid(b.start)][0], b.start - 20):b.start])
            if ya is None or yb is None or ya[0] != yb[0] or yb[1] <= ya[1]:
                return None
            years = yb[1] - ya[1]
            change = (Decimal(str(float(r) ** (1.0 / years))) - 1) * 100
            where += f"; compound over {years} years"
        return self._change_verdict(q, m, s, s0, s1, ce, a, change,
                                    f"base = {self.label(a)}, new = {self.label(b)} ({where})", b)

    def _change_verdict(self, q, m, s, s0, s1, ce, a: Op, change: Decimal, desc: str, b: Optional[Op] = None):
        claimed = (1 if m.group(1) in self.lex.up else -1) * (q.value * 100 if q.kind == "fraction" else q.value)
        tol = max(Decimal(1), abs(claimed) * Decimal("0.05"))
        ops = (a,) if b is None else (a, b)
        if q.qualifier == "approx" or any(o.qualifier != "exact" for o in ops):
            tol = max(tol, abs(claimed) * RATIO_TOLERANCE)
        bmore = b is not None and b.qualifier == "more_than"
        # 下降超过七成: "more than" a decline is a change of -70% or lower
        more, less = (change >= claimed - tol, change <= claimed + tol) if claimed >= 0 else \
            (change <= claimed + tol, change >= claimed - tol)
        ok = (abs(change - claimed) <= tol or (q.qualifier == "more_than" and more)
              or (q.qualifier == "less_than" and less) or (bmore and change <= claimed + tol
                                                             and change >= claimed - 2 * tol))
        lo = clause_span(self.text, a.start, a.end, s0, s1)[0] if self.sid(a.start) == s else \
            clause_span(self.text, q.start, q.end, s0, s1)[0]
        comp = f"{desc}; change = {fmt_decimal(change, 2)}%; claim: {_QTEXT.get(q.qualifier, '')}{fmt_decimal(claimed, 2)}%"
        return self.make(s, lo, ce, self.text[lo:ce], comp, "consistent" if ok else "inconsistent")

    def previous_year(self, b: Op, want: Optional[str] = None) -> Optional[tuple[Op, Op]]:
        """2026年营收28.8亿美元，同比增长7% after 2025年公司营收约27亿美元: the figure written after the same
        noun with the year before, earlier in the article."""
        sb = self.sentences[self.sid(b.start)][0]
        ctx = self.text[max(sb, b.start - 20):b.start]
        ym = list(YEAR4_RE.finditer(ctx))
        nm = NOUN_BEFORE_RE.search(self.text, max(sb, b.start - 8), b.start)
        if not ym or nm is None:
            return None
        if want is None:
            want = f"{int(ym[-1].group(1)) - 1}年"
        elif want == f"{ym[-1].group(1)}年":
            return None
        noun = nm.group(1)
        cands = []
        for o in reversed(self.ops):
            if o.end > b.start or o.dim != b.dim or o is b:
                continue
            si = self.sid(o.start)
            if si is None:
                continue
            octx = self.text[max(self.sentences[si][0], o.start - 20):o.start]
            if want in octx and noun in octx[-8:]:
                cands.append((o, si))
        if not cands:
            return None
        # the claim names its subject in Latin letters (Check Point): prefer the figure whose sentence, or the
        # one before, names it too
        sbi = self.sid(b.start)
        names = LATIN_NAME_RE.findall(self.text[self.sentences[sbi][0]:b.start])
        for name in names:
            for o, si in cands:
                if name in self.text[self.sentences[max(0, si - 1)][0]:o.start]:
                    return o, b
        return cands[0][0], b

    def complement(self, q, s, s0, s1, cs, ce, before, sent_before):
        """换句话说，八成左右的产能仍将留在台湾 after …的比重…提高到两成左右: a share restated, or its complement."""
        if q.kind not in ("fraction", "percent") or q.form in ("百分点", "折") or s == 0 or sent_before:
            return None
        if not RESTATE_RE.match(self.text, s0):
            return None
        ps0, ps1 = self.sentences[s - 1]
        prev = [p for p in self.quants if ps0 <= p.start < ps1 and p.kind in ("fraction", "percent")
                and p.form not in ("百分点", "折") and p.value_max is None]
        if not prev:
            return None
        p = prev[-1]
        pv = p.value if p.kind == "fraction" else p.value / 100
        qv = q.value if q.kind == "fraction" else q.value / 100
        tol = Decimal("0.02") + (Decimal("0.05") if "approx" in (p.qualifier, q.qualifier) else 0)
        ptxt = self.text[p.start:p.end]
        if abs(qv - (1 - pv)) <= tol:
            comp = f"1 - {ptxt} ({fmt_decimal(pv, 3)}, the sentence before) = {fmt_decimal(1 - pv, 3)}; claim: {fmt_decimal(qv, 3)}"
        elif abs(qv - pv) <= tol:
            comp = f"{ptxt} (the sentence before) = {fmt_decimal(pv, 3)}; claim: {fmt_decimal(qv, 3)}"
        else:
            return None
        return self.make(s, cs, ce, self.text[cs:ce], comp + " (the sentence restates it)", "consistent")

    def recognised(self, q, s, cs, ce, before):
        """A claim recognised by its phrasing whose figures are not in the article: unverifiable."""
        t = self.text
        if q.form == "折" or (q.kind == "fraction" and q.form == "/"):
            return None
        why = None
        if q.kind == "multiple":
            why = "a multiple"
        elif q.form == "百分点":
            why = "a change in percentage points"
        elif q.form == "成":
            why = "a share in tenths"
        elif q.kind == "fraction":
            if q.value < Decimal("0.01") and not t[max(cs, q.start - 1):q.start] == "的":
                return None   # 控制在百万分之一以下: a tolerance, not a share of something
            why = "a fraction"
        else:
            if ENDPOINT_AFTER_RE.match(t, q.end) or ENDPOINT_BEFORE_RE.search(t, cs, q.start):
                return None   # 由15%提高到20%: two values of a rate, not a claim about other figures
            # a cue outside the percentage itself (之一 in 百分之一百零五 is the number, not "one of")
            m = self.lex.cue_re.search(t, cs, q.start) or self.lex.cue_re.search(t, q.end, ce)
            if m:
                why = f"a percentage with '{m.group(0)}'"
        if why is None:
            return None
        return self.make(s, cs, ce, t[cs:ce], f"{why}: the figures it relates are not both stated in the article",
                         "unverifiable")

    # ------------------------------------------------------------------ shareholdings
    def shareholdings(self) -> list:
        """台积电持股70%，博世、英飞凌与恩智浦各持股10%: the stakes of one sentence add up to at most 100%
        (各 counts every holder named before it). 100% is consistent, more is inconsistent, less says
        nothing (other holders may not be named)."""
        out = []
        by_s: dict[int, list[QItem]] = {}
        for q in self.quants:
            if q.kind == "percent" and q.form in ("%", "百分之", "成") and q.value_max is None \
                    and STAKE_RE.search(self.text, max(0, q.start - 4), q.start):
                si = self.sid(q.start)
                if si is not None:
                    by_s.setdefault(si, []).append(q)
        for s, qs in by_s.items():
            if len(qs) < 2:
                continue
            s0, s1 = self.sentences[s]
            total = Decimal(0)
            parts = []
            for q in qs:
                cs, _ = clause_span(self.text, q.start, q.end, s0, s1)
                n = 1
                each = self.text.rfind("各", cs, q.start)
                if each >= 0:
                    names = self.text[cs:each]
                    cm = COUNT_RE.search(names)
                    n = int(parse_number(cm.group(1)) or 1) if cm else len([x for x in HOLDER_SPLIT_RE.split(names) if x])
                total += n * q.value
                parts.append(f"{n} x {fmt_decimal(q.value, 2)}%" if n > 1 else f"{fmt_decimal(q.value, 2)}%")
            if abs(total - 100) <= Decimal("0.5"):
                verdict = "consistent"
            elif total > 100:
                verdict = "inconsistent"
            else:
                continue
            lo = clause_span(self.text, qs[0].start, qs[0].end, s0, s1)[0]
            hi = clause_span(self.text, qs[-1].start, qs[-1].end, s0, s1)[1]
            comp = " + ".join(parts) + f" = {fmt_decimal(total, 2)}% of the shares (the stakes add up to at most 100%)"
            out.append(self.make(s, lo, hi, self.text[lo:hi], comp, verdict))
        return out

    # ------------------------------------------------------------------ shares of one whole
    def share_sums(self, qs: Sequence[QItem]) -> list[tuple[object, list[QItem]]]:
        """来自中国企业的约占一半，来自日本企业的约占三成: shares of one sentence, each in its own clause after 占
        with the same whole (or none named), that no other rule could check. Together they make up at most the
        whole: a sum within 100% is consistent, beyond it (more than rounding allows) inconsistent. Shares of
        different years (2024年占三成，2025年占五成) are one share over time, not parts of one whole."""
        out = []
        by_s: dict[int, list[tuple[QItem, str, str, int, int]]] = {}
        for q in qs:
            if q.kind not in ("percent", "fraction") or q.form in ("百分点", "折", "/") or q.value_max is not None:
                continue
            s = self.sid(q.start)
            if s is None:
                continue
            s0, s1 = self.sentences[s]
            cs, ce = clause_span(self.text, q.start, q.end, s0, s1)
            before = self.text[cs:q.core_start]
            m = SIBLING_SHARE_RE.search(before)
            if m is None or STAKE_RE.search(before) or re.search(r"[0-9%％]", before[:m.start()]):
                continue
            near = any(w in before[max(0, m.start() - 2):m.start()] for w in ("约", "近"))   # 约占一半
            by_s.setdefault(s, []).append((q, m.group(1).strip("的"), before[:m.start()], cs, ce, near))
        for s, rows in by_s.items():
            if len(rows) < 2 or len({r[1] for r in rows}) != 1 or len({r[3] for r in rows}) != len(rows):
                continue
            years = {y for r in rows for y in YEAR_RE.findall(r[2])}
            if len(years) > 1 or any("其中" in r[2] for r in rows[1:]):
                continue   # 约占七成，其中民营企业约占五成: a part of a part
            qsx = [r[0] for r in rows]
            pct = [(q.value * 100 if q.kind == "fraction" else q.value) for q in qsx]
            low = sum((Decimal(0) if q.qualifier == "less_than" else v) for q, v in zip(qsx, pct))
            tol = Decimal(5) if any(q.qualifier != "exact" or r[5] for q, r in zip(qsx, rows)) else Decimal("0.5")
            verdict = "inconsistent" if low > 100 + tol else "consistent"
            lo, hi = rows[0][3], rows[-1][4]
            parts = " + ".join(f"{_QTEXT.get(q.qualifier, 'about ' if r[5] else '')}{fmt_decimal(v, 2)}%"
                               for q, v, r in zip(qsx, pct, rows))
            whole = f"of {rows[0][1]}" if rows[0][1] and rows[0][1] != "比" else "of one whole"
            comp = (f"{parts} = {_QTEXT['more_than'] if low < sum(pct) else ''}{fmt_decimal(low, 2)}% {whole} "
                    f"(parts of one whole add up to at most 100%)")
            out.append((self.make(s, lo, hi, self.text[lo:hi], comp, verdict), qsx))
        return out

    def mixed_part_sums(self, qs: Sequence[QItem]) -> list[tuple[object, list[QItem]]]:
        """招聘约2,300人，其中本地员工占九成，中方技术人员约350人: parts of the whole stated before 其中, some as
        shares and some as figures of the whole's kind, in its sentence. Together they make up at most the whole
        (90% + 350/2,300 = 105.2%): the same rule as shares of one whole (beyond 100% by more than rounding
        allows, 5 points when any figure is approximate, is inconsistent)."""
        out = []
        for s in sorted({self.sid(q.start) for q in qs} - {None}):
            s0, s1 = self.sentences[s]
            k = self.text.find("其中", s0, s1)
            if k < 0:
                continue
            before = [o for o in self.in_sentences(s, s) if o.end <= k]
            if not before or before[-1].dim == "money" or before[-1].dim.startswith("money:"):
                continue
            whole = before[-1]
            shares = [q for q in qs if self.sid(q.start) == s and q.start > k and q.kind in ("percent", "fraction")
                      and q.form not in ("百分点", "折", "/") and q.value_max is None
                      and self.text[max(k, q.core_start - 2):q.core_start].endswith(("占", "占了", "约占"))]
            counts = [o for o in self.in_sentences(s, s) if o.start > k and o.dim == whole.dim and o.base < whole.base]
            if not shares or not counts or not whole.base:
                continue
            pct = [(q.value * 100 if q.kind == "fraction" else q.value) for q in shares]
            cpct = [o.base * 100 / whole.base for o in counts]
            low = sum((Decimal(0) if q.qualifier == "less_than" else v) for q, v in zip(shares, pct)) + \
                sum((Decimal(0) if o.qualifier == "less_than" else v) for o, v in zip(counts, cpct))
            approx = any(q.qualifier != "exact" for q in shares) or any(o.qualifier != "exact" for o in (whole, *counts))
            tol = Decimal(5) if approx else Decimal("0.5")
            verdict = "inconsistent" if low > 100 + tol else "consistent"
            parts = " + ".join([f"{fmt_decimal(v, 2)}%" for v in pct] +
                               [f"{self.label(o)} / {self.label(whole)} = {fmt_decimal(v, 1)}%" for o, v in zip(counts, cpct)])
            lo = clause_span(self.text, whole.start, whole.end, s0, s1)[0]
            hi = max([q.end for q in shares] + [o.end for o in counts])
            comp = (f"{parts} = {fmt_decimal(low, 1)}% of {self.label(whole)} (the parts after 其中 add up to at most "
                    f"the whole; tolerance {fmt_decimal(tol, 1)} points)")
            out.append((self.make(s, lo, hi, self.text[lo:hi], comp, verdict), shares))
        return out

    # ------------------------------------------------------------------ averages over a period
    def rest_sums(self, money: list[MItem]) -> list:
        """总投入250亿令吉。其中约50亿令吉由政府直接拨款，其余200亿令吉由……出资: a part and the rest add up to
        the whole stated before 其中 (in this sentence or the two before)."""
        out = []
        allm = single_amounts(money)
        for i, rest in enumerate(allm):
            if not REST_RE.search(self.text, max(0, rest.start - 6), rest.start):
                continue
            s = self.sid(rest.start)
            if s is None:
                continue
            s0, s1 = self.sentences[s]
            parts = [a for a in allm[:i] if a.currency == rest.currency and self.sid(a.start) == s
                     and PART_RE.search(self.text, max(s0, a.start - 10), a.start)]
            if not parts:
                continue
            part = parts[-1]
            among = self.text.rfind("其中", s0, part.start)
            wholes = [w for w in allm if w.currency == rest.currency and w.end <= among
                      and w.value > max(part.value, rest.value)
                      and self.sid(w.start) is not None and s - 3 <= self.sid(w.start) <= s]
            total = part.value + rest.value

            def adds_up(whole: MItem) -> bool:
                # a sum is exact arithmetic: only the rounding of approximate amounts is allowed for
                loose = any(m.qualifier != "exact" for m in (part, rest, whole))
                return abs(total - whole.value) <= whole.value * (Decimal("0.05") if loose else Decimal("0.005"))

            matching = [w for w in wholes if adds_up(w)]
            if matching:
                whole, ok = matching[-1], True
            elif wholes and self.sid(wholes[-1].start) >= s - 2:
                whole, ok = wholes[-1], False     # the latest whole, close enough to be the one 其中 splits
            else:
                continue
            cs, ce = clause_span(self.text, part.start, rest.end, s0, s1)
            comp = (f"{self.text[part.start:part.end]} + {self.text[rest.start:rest.end]} (其中 … 其余) = "
                    f"{total:,.0f} {rest.currency}; the whole stated before: {self.text[whole.start:whole.end]}")
            out.append(self.make(s, cs, ce, self.text[cs:ce], comp, "consistent" if ok else "inconsistent"))
        return out

    def _phase_runs(self, items: list, phase_re: re.Pattern, same: Callable) -> Iterator[list]:
        """Runs of two or more of ``items`` in one sentence, each right after its phase marker (一期, 二期 … from
        the first), ``same(item, first)`` for each."""
        k = 0
        while k < len(items):
            run, j = [], k
            while j < len(items):
                m = items[j]
                pm = phase_re.search(self.text, max(0, m.start - 8), m.start)
                if pm is None or parse_number(pm.group(1)) != len(run) + 1 or \
                        (run and (self.sid(m.start) != self.sid(run[0].start) or not same(m, run[0]))):
                    break
                run.append(m)
                j += 1
            k = j if run else k + 1
            if len(run) >= 2 and self.sid(run[0].start) is not None:
                yield run

    def _phase_check(self, run: list, tot, value: Callable, lo: Optional[int], comp: str):
        """The phases' sum against the total ``tot`` (``value`` gives a figure's value in one unit)."""
        s = self.sid(run[0].start)
        total = sum(value(m) for m in run)
        loose = any(x.qualifier not in ("exact", "less_than", "more_than") for x in run + [tot])
        ok = check_ratio(divide(total, value(tot)), Decimal(1), "approx" if tot.qualifier == "approx" else "exact",
                         loose)
        if tot.qualifier == "less_than":
            ok = ok or total <= value(tot)
        s0, s1 = self.sentences[s]
        cs, ce = clause_span(self.text, run[0].start, run[-1].end, s0, s1)
        lo = cs if lo is None else lo
        comp = " + ".join(self.text[m.start:m.end] for m in run) + f" = {fmt_decimal(total, 2)} " + comp
        return self.make(s, lo, ce, self.text[lo:ce], comp, "consistent" if ok else "inconsistent")

    def phase_sums(self, money: list[MItem]) -> list:
        """分两期实施，一期投资约680,000万元，二期投资约520,000万元 after 总投资不超过1,200,000万元: the phases
        listed in one sentence, from the first, against the total investment stated before them."""
        out = []
        allm = single_amounts(money)
        for run in self._phase_runs(allm, PHASE_BEFORE_RE, lambda m, first: m.currency == first.currency):
            totals = [t for t in allm if t.end <= run[0].start and t.currency == run[0].currency and
                      TOTAL_INVESTMENT_RE.search(self.text, max(0, t.start - 8), t.start)]
            if totals:
                tot = totals[-1]
                out.append(self._phase_check(run, tot, lambda m: m.value, None,
                                             f"{tot.currency}; the total investment stated before: "
                                             f"{self.text[tot.start:tot.end]}"))
        return out

    def phase_measure_sums(self) -> list:
        """项目规划总容量60兆瓦，分三期建设：一期20兆瓦，二期20兆瓦，三期30兆瓦: figures with a unit listed by phase in
        one sentence, from the first, against the total of their dimension stated (总容量, 总规模 …) in this or the
        sentence before."""
        out = []
        ops = [o for o in self.ops if not o.dim.startswith("money") and o.value_max is None]
        for run in self._phase_runs(ops, PHASE_MEASURE_RE, lambda o, first: o.dim == first.dim):
            s = self.sid(run[0].start)
            totals = [t for t in self.in_sentences(s - 1, s) if t.end <= run[0].start and t.dim == run[0].dim
                      and TOTAL_MEASURE_RE.search(self.text, max(0, t.start - 10), t.start)]
            if not totals:
                continue
            tot = totals[-1]
            lo = clause_span(self.text, tot.start, tot.end, *self.sentences[s])[0] if self.sid(tot.start) == s \
                else self.sentences[s][0]
            out.append(self._phase_check(run, tot, lambda o: o.base, lo,
                                         f"(in {run[0].dim}); the total stated: {self.label(tot)} = "
                                         f"{fmt_decimal(tot.base, 2)}"))
        return out

    def added_totals(self, money: list[MItem]) -> list:
        """再投资约22亿美元……加上第一阶段，总投资将达到约30亿美元: the amount before 加上 plus the amount
        named by the words after it (第一阶段投资约13亿美元, earlier in the article) against the total."""
        out = []
        allm = single_amounts(money)
        for k, t in enumerate(allm):
            s = self.sid(t.start)
            if s is None:
                continue
            s0, s1 = self.sentences[s]
            am = ADDED_NAMED_RE.search(self.text, s0, t.start)
            if am is None:
                continue
            name = am.group(1)
            before = [m for m in allm[:k] if m.currency == t.currency and m.end <= am.start()]
            here = [m for m in before if self.sid(m.start) == s]
            if not here:
                continue
            part = here[-1]
            named = [m for m in before if m is not part and m.value < t.value and
                     name in self.text[max(self.sentences[self.sid(m.start)][0], m.start - 12):m.start]]
            if not named:
                continue
            other = named[-1]
            total = part.value + other.value
            loose = any(x.qualifier != "exact" for x in (t, part, other))
            ok = check_ratio(divide(total, t.value), Decimal(1), t.qualifier, loose)
            cs, ce = clause_span(self.text, part.start, t.end, s0, s1)
            comp = (f"{self.text[part.start:part.end]} + {self.text[other.start:other.end]} (the amount named "
                    f"{name}, stated earlier) = {fmt_decimal(total, 2)} {t.currency}; claim: total "
                    f"{self.text[t.start:t.end]}")
            out.append(self.make(s, cs, ce, self.text[cs:ce], comp, "consistent" if ok else "inconsistent"))
        return out

    def annual_totals(self, money: list[MItem]) -> list:
        """每年安排专项资金15亿元，三年合计40亿元: the amount a year times the number of years against the
        total stated right after it, in the same sentence and currency."""
        out = []
        allm = [m for m in money if m.value and m.equivalent_of is None]
        for m, t in zip(allm, allm[1:]):
            s = self.sid(m.start)
            if s is None or self.sid(t.start) != s or t.currency != m.currency:
                continue
            s0, s1 = self.sentences[s]
            clause_lo = max([s0] + [i + 1 for i in range(s0, m.start) if self.text[i] in "，,；;。"])
            if not PER_YEAR_RE.search(self.text, clause_lo, m.start):
                continue
            y = YEARS_TOTAL_RE.fullmatch(self.text, m.end, t.start)
            if y is None:
                continue
            n = parse_number(y.group(1))
            if not n or n < 2:
                continue
            lo_v = m.value * n
            hi_v = (m.value_max or m.value) * n
            # the total's own bound: 合计超过40亿元 holds when the product is above it
            tot_q = t.qualifier
            if tot_q == "more_than":
                ok = hi_v >= t.value * (1 - RATIO_TOLERANCE)
            elif tot_q == "less_than":
                ok = lo_v <= t.value * (1 + RATIO_TOLERANCE)
            else:
                loose = t.qualifier != "exact" or m.qualifier != "exact"
                ok = check_ratio_span(divide(lo_v, t.value), divide(hi_v, t.value), Decimal(1), Decimal(1),
                                      "approx" if loose else "exact", loose)
            cs, ce = clause_span(self.text, clause_lo, t.end, s0, s1)
            comp = (f"{self.text[m.start:m.end]} a year x {fmt_decimal(n)} years = {fmt_decimal(lo_v, 2)} {m.currency}"
                    f"{'' if hi_v == lo_v else ' to ' + fmt_decimal(hi_v, 2)}; claim: {self.text[t.start:t.end]} in total")
            out.append(self.make(s, cs, ce, self.text[cs:ce], comp, "consistent" if ok else "inconsistent"))
        return out

    def period_averages(self, money: list[MItem]) -> list:
        """5亿美元…分五年使用。…摊到每年也就1亿美元左右: the total over the number of years."""
        out = []
        lex = self.lex
        allm = [m for m in money if m.value]
        for m in allm:
            a = lex.average_re.search(self.text, max(0, m.start - 10), m.start)
            if not a:
                continue
            s = self.sid(m.start)
            if s is None:
                continue
            s0, s1 = self.sentences[s]
            lo = self.sentences[max(0, s - 2)][0]
            per = None
            for pm in PERIOD_RE.finditer(self.text, lo, m.start):
                per = pm
            if per is None:
                continue
            n = parse_number(per.group(1))
            if not n or n < 2:
                continue
            totals = [t for t in allm if t.currency == m.currency and t.end <= a.start() and t.value > m.value
                      and self.sid(t.start) is not None and s - 2 <= self.sid(t.start) <= s]
            if not totals:
                continue
            tot = totals[-1]
            avg = divide(tot.value, n)
            loose = tot.qualifier != "exact" or m.qualifier != "exact"
            ok = check_ratio(divide(avg, m.value), Decimal(1), m.qualifier, loose)
            cs, ce = clause_span(self.text, tot.start if self.sid(tot.start) == s else m.start, m.end, s0, s1)
            comp = (f"{self.text[tot.start:tot.end]} / {fmt_decimal(n)} ({self.text[per.start():per.end()]}) = "
                    f"{fmt_decimal(avg, 2)} {m.currency} per {a.group(1)}; claim: {_QTEXT.get(m.qualifier, '')}"
                    f"{fmt_decimal(m.value, 2)} {m.currency}")
            out.append(self.make(s, cs, ce, self.text[cs:ce], comp, "consistent" if ok else "inconsistent"))
        return out
