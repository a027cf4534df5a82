"""Monetary figures, quantities and checks of numeric claims (issue 3).

``extract_figures(text, sentences)`` reads, in one pass over the numerals of ``text``:
- ``money``: amounts with currency (ISO 4217), qualifier, range, restatement link
  (``equivalent_of``) and US-dollar equivalent with the rate used and its source;
- ``quantities``: percentages (value in percent), multiples and fractions;
- ``numeric_checks``: the article's comparative claims recomputed from its own figures.

Offsets are Python ``str`` indices into ``text`` (end exclusive); ``text[start:end] == item.text``.
Values are computed with ``Decimal`` and written as int when whole, else float.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional, Sequence

from pipeline.models import Money, NumericCheck, Quantity

from .checks import run_checks
from .money import scan_currency_mentions, scan_money
from .numerals import blocked_positions, parse_number, scan_numbers, to_number
from .plain import extract_numbers, extract_percentages
from .quantities import scan_quantities
from .rates import usd_equivalents
from .resources import models_dir, with_pinned_models_key

__all__ = [
    "Figures", "extract_figures", "extract_numbers", "extract_percentages", "extract_currency",
    "parse_number", "models_dir",
]


@dataclass
class Figures:
    money: list[Money] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    numeric_checks: list[NumericCheck] = field(default_factory=list)


def _sentence_of(starts: list[int], sentences: Sequence[tuple[int, int]], pos: int) -> Optional[int]:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return i
    return None


def _num(v):
    return None if v is None else to_number(v)


@with_pinned_models_key
def extract_figures(text: str, sentences: Sequence[tuple[int, int]]) -> Figures:
    """Money, quantities and numeric checks of one document's normalised text."""
    sentences = list(sentences)
    starts = [s for s, _ in sentences]
    blocked = blocked_positions(text)
    nums = scan_numbers(text, blocked=blocked)
    qitems, used = scan_quantities(text, nums, blocked)
    mitems = scan_money(text, nums, used, blocked)
    usd = usd_equivalents(text, mitems)

    money = [
        Money(text=text[m.start:m.end], start=m.start, end=m.end,
              sentence_id=_sentence_of(starts, sentences, m.start),
              value=to_number(m.value), value_max=_num(m.value_max), currency=m.currency,
              qualifier=m.qualifier, usd_value=_num(u.value), usd_value_max=_num(u.value_max),
              usd_rate=(float(u.rate) if u.rate is not None and u.rate != u.rate.to_integral_value()
                        else _num(u.rate)),
              usd_rate_source=u.source, equivalent_of=m.equivalent_of)
        for m, u in zip(mitems, usd) if m.value is not None
    ]
    has_qmax = "value_max" in Quantity.model_fields
    quantities = [
        Quantity(text=text[q.start:q.end], start=q.start, end=q.end,
                 sentence_id=_sentence_of(starts, sentences, q.start), kind=q.kind,
                 value=to_number(q.value), qualifier=q.qualifier,
                 **({"value_max": _num(q.value_max)} if has_qmax else {}))
        for q in qitems
    ]
    checks = [
        NumericCheck(sentence_id=c.sentence_id, claim_text=c.claim_text, computation=c.computation,
                     verdict=c.verdict, start=c.start, end=c.end)
        for c in run_checks(text, sentences, mitems, usd, qitems, nums)
    ]
    return Figures(money=money, quantities=quantities, numeric_checks=checks)


@dataclass
class CurrencyMention:
    text: str
    start: int
    end: int
    value: Optional[object]   # Decimal or None for a bare currency word
    currency: Optional[str]   # None for symbols shared by several currencies ($) and non-ISO units


def extract_currency(text: str) -> list[CurrencyMention]:
    """Currency mentions in the Recognizers-Text convention (for the eval): amounts without their
    qualifier words, bare currency words (人民币, 美元) with no value, ``$`` and non-ISO units
    (比特币) without an ISO code."""
    out = []
    for m in scan_currency_mentions(text):
        s = m.core_start if m.core_start >= 0 else m.start
        e = m.core_end if m.core_end >= 0 else m.end
        cur = None if (m.ambiguous or not m.iso) else m.currency
        out.append(CurrencyMention(text[s:e], s, e, m.value, cur))
    return out
