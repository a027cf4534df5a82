"""Plain numbers and percentages in a string, for evaluation against number/percent specs.

These follow the span convention of the Microsoft Recognizers-Text specs (the inner number of
``百分之五`` is a number; the number of a currency amount ``一美元`` or a discount ``一折`` is not a
standalone number; ranges and "几" forms of percentages are not resolved), so that the pipeline's
scanner can be measured on them. The pipeline itself uses `pipeline.figures.extract_figures`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .numerals import CN_DIGITS, blocked_positions, scan_numbers
from .quantities import scan_quantities


@dataclass
class Plain:
    text: str
    start: int
    end: int
    value: Decimal


def extract_numbers(text: str) -> list[Plain]:
    """Numbers (integers, decimals, fractions) in ``text``, left to right."""
    from .money import currency_name_at
    blocked = blocked_positions(text)
    nums = scan_numbers(text, few_lo=0, blocked=blocked)
    quants, _ = scan_quantities(text, nums, blocked)
    out: list[Plain] = []
    spans: list[tuple[int, int]] = []
    for q in quants:
        if q.kind == "fraction" and q.form in ("分之", "/"):
            if text[q.core_start] in "百佰千仟万萬亿億" and q.form == "分之" and not text[q.core_start].isdigit():
                # 千分之一: the numerator is the number (as for 百分之)
                continue
            out.append(Plain(text[q.core_start:q.core_end], q.core_start, q.core_end, q.value))
            spans.append((q.core_start, q.core_end))
        elif q.form in ("折", "%"):
            spans.append((q.core_start, q.core_end))
    n = len(text)
    for x in nums:
        if any(s <= x.start < e for s, e in spans):
            continue
        if getattr(x, "letter_after", False):
            continue
        if x.value_max is not None and not x.few:
            continue
        end = x.core_end
        if x.single_cn_digit:
            k = next(i for i in range(x.start, end) if text[i] in CN_DIGITS)
            ch = text[k]
            prev = text[k - 1] if k > 0 else ""
            nxt = text[k + 1] if k + 1 < n else ""
            if (prev and CN_DIGITS.get(prev) == CN_DIGITS[ch]) or (nxt and CN_DIGITS.get(nxt) == CN_DIGITS[ch]):
                continue  # 两两, 三三: reduplication, not a count
            if currency_name_at(text, end) is not None:
                continue  # 一美元: the numeral belongs to the amount
        out.append(Plain(text[x.start:end], x.start, end, x.value))
    out.sort(key=lambda p: p.start)
    return out


def extract_percentages(text: str) -> list[Plain]:
    """Percentages (value in percent) in ``text``, including 成/折 and per-mille fractions."""
    blocked = blocked_positions(text)
    nums = scan_numbers(text, blocked=blocked)
    quants, _ = scan_quantities(text, nums, blocked)
    out: list[Plain] = []
    for q in quants:
        if q.value_max is not None or q.qualifier == "range":
            continue
        if q.kind == "percent":
            out.append(Plain(text[q.core_start:q.core_end], q.core_start, q.core_end, q.value))
        elif q.kind == "fraction" and q.form == "分之" and text[q.core_start] in "千仟万萬亿億百佰":
            out.append(Plain(text[q.core_start:q.core_end], q.core_start, q.core_end, q.value * 100))
    return out

