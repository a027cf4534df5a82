"""US-dollar equivalents of money amounts.

The rate for a currency is, in order of preference:
1. the rate the article itself implies by restating an amount in US dollars
   (``74亿美元(约1.05万亿日元)`` gives 7.4e9 / 1.05e12 USD per JPY), used for every amount in that
   currency in the article;
2. the same through one restatement in another currency that has a reference rate;
3. the dated reference rate in ``models/usd_rates.tsv`` (source and date in its header).
Currencies with none of these keep ``usd_rate`` null.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, ROUND_HALF_EVEN, localcontext
from typing import Optional

from .money import MItem
from .resources import lexicon


@dataclass
class UsdInfo:
    rate: Optional[Decimal]
    source: Optional[str]
    value: Optional[Decimal]
    value_max: Optional[Decimal]


def _div(a: Decimal, b: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return a / b


def round_rate(r: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 10
        return +r


def round_usd(v: Decimal) -> Decimal:
    if v == v.to_integral_value():
        return v
    with localcontext() as ctx:
        # cents of an absurdly large amount (7888375131203906976181万英镑) need more than the default 28 digits
        ctx.prec = max(28, v.adjusted() + 4)
        return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def reference_source(code: str) -> Optional[str]:
    rate = lexicon().rates.get(code)
    if rate is None:
        return None
    return f"reference: {rate.source} {rate.date} (models/usd_rates.tsv)"


def usd_equivalents(text: str, items: list[MItem]) -> list[UsdInfo]:
    rates = lexicon().rates
    implied: dict[str, tuple[Decimal, str]] = {}
    # 1. restatements in US dollars
    for i, b in enumerate(items):
        if b.equivalent_of is None:
            continue
        a = items[b.equivalent_of]
        pair = None
        if a.currency == "USD" and b.currency != "USD":
            pair = (b, a)
        elif b.currency == "USD" and a.currency != "USD":
            pair = (a, b)
        if pair is None:
            continue
        x, usd = pair
        if not x.value or usd.value is None or x.currency in implied:
            continue
        implied[x.currency] = (_div(usd.value, x.value),
                               f"article: {text[a.start:a.end]} = {text[b.start:b.end]}")
    # 2. restatements in a currency with a reference rate
    for b in items:
        if b.equivalent_of is None:
            continue
        a = items[b.equivalent_of]
        for x, y in ((a, b), (b, a)):
            if x.currency in implied or x.currency == "USD" or not x.value or y.value is None:
                continue
            ry = implied.get(y.currency, (rates[y.currency].usd_per_unit, "") if y.currency in rates else None)
            if ry is None or y.currency == x.currency:
                continue
            src = f"article: {text[a.start:a.end]} = {text[b.start:b.end]}, with {y.currency} at " + (
                ry[1] if ry[1] else (reference_source(y.currency) or ""))
            implied[x.currency] = (_div(y.value * ry[0], x.value), src)
    out: list[UsdInfo] = []
    for it in items:
        if it.value is None:
            out.append(UsdInfo(None, None, None, None))
            continue
        if it.currency == "USD":
            rate, src = Decimal(1), "USD"
        elif it.currency in implied:
            rate, src = implied[it.currency]
        elif it.currency in rates:
            rate, src = rates[it.currency].usd_per_unit, reference_source(it.currency)
        else:
            out.append(UsdInfo(None, None, None, None))
            continue
        v = round_usd(it.value * rate)
        vmax = round_usd(it.value_max * rate) if it.value_max is not None else None
        out.append(UsdInfo(round_rate(rate), src, v, vmax))
    return out
