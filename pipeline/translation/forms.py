"""English forms of extracted values: amounts, quantities, measures, and their parsing back.

`format_amount` writes an amount the way the English-language financial press does
("US$7.4 billion", "about ¥1.05 trillion", "€3–3.5 billion", "30 billion yuan"), from the exact
value the figures component extracted; `parse_english_amount` reads such a string back into the
same (currency, value, value_max, qualifier), so tests can check that every English figure says
exactly what was extracted. Currency symbols and words are data: `models/english/currency_format.tsv`.

Values are handled as `Decimal` throughout: 7400000000 is written "7.4 billion" and read back as
exactly 7400000000, never through a float.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Optional

from pipeline.paths import models_dir, read_tsv

SCALES: list[tuple[str, Decimal]] = [
    ("trillion", Decimal(10) ** 12), ("billion", Decimal(10) ** 9), ("million", Decimal(10) ** 6),
]
QUALIFIER_WORDS = {"approx": "about", "more_than": "more than", "less_than": "less than"}
RANGE_DASH = "–"


@dataclass(frozen=True)
class CurrencyForm:
    code: str
    prefix: str
    suffix: str


def english_dir() -> Path:
    return models_dir() / "english"


@lru_cache(maxsize=4)
def currency_forms(directory: str | None = None) -> dict[str, CurrencyForm]:
    path = Path(directory) if directory else english_dir()
    forms = {}
    for row in read_tsv(path / "currency_format.tsv"):
        forms[row["code"]] = CurrencyForm(row["code"], row["prefix"], row["suffix"])
    return forms


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros, with thousands separators."""
    value = value.normalize()
    sign, digits, exponent = value.as_tuple()
    text = format(value, "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0")
    else:
        whole, frac = text, ""
    negative = whole.startswith("-")
    whole = whole.lstrip("-")
    whole = f"{int(whole):,}" if whole else "0"
    return ("-" if negative else "") + whole + (f".{frac}" if frac else "")


def _scale_of(value: Decimal) -> tuple[str, Decimal]:
    for word, scale in SCALES:
        if abs(value) >= scale:
            return word, scale
    return "", Decimal(1)


def format_number(value: Decimal | int | float, *, scale: tuple[str, Decimal] | None = None) -> str:
    """7400000000 -> "7.4 billion"; 9000 -> "9,000"; 0.37 -> "0.37" (exact, no rounding)."""
    value = _dec(value)
    word, factor = scale or _scale_of(value)
    if not word:
        return _plain(value)
    return f"{_plain(value / factor)} {word}"


def _dec(value: Decimal | int | float) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _with_currency(number: str, currency: str) -> str:
    form = currency_forms().get(currency)
    if form is None:
        return f"{currency} {number}"
    return f"{form.prefix}{number}" + (f" {form.suffix}" if form.suffix else "")


def format_amount(value, currency: str, *, value_max=None, qualifier: str = "exact") -> str:
    """An amount in English: "US$7.4 billion", "about ¥1.05 trillion", "€3–3.5 billion"."""
    value = _dec(value)
    if qualifier == "range" and value_max is not None:
        high = _dec(value_max)
        word, factor = _scale_of(high)
        if _scale_of(value)[0] == word or not word:
            low_text = _plain(value / factor) if word else _plain(value)
            number = f"{low_text}{RANGE_DASH}{format_number(high, scale=(word, factor))}"
            return _with_currency(number, currency)
        return f"{_with_currency(format_number(value), currency)}{RANGE_DASH}{_with_currency(format_number(high), currency)}"
    text = _with_currency(format_number(value), currency)
    word = QUALIFIER_WORDS.get(qualifier)
    return f"{word} {text}" if word else text


def format_money(money) -> str:
    """English form of a `pipeline.models.Money`."""
    return format_amount(money.value, money.currency, value_max=money.value_max, qualifier=money.qualifier)


@dataclass(frozen=True)
class ParsedAmount:
    currency: str
    value: Decimal
    value_max: Optional[Decimal]
    qualifier: str


def _number_pattern() -> str:
    return r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?"


@lru_cache(maxsize=1)
def _amount_regex() -> re.Pattern:
    forms = currency_forms()
    prefixes = sorted({f.prefix for f in forms.values() if f.prefix}, key=len, reverse=True)
    suffixes = sorted({f.suffix for f in forms.values() if f.suffix}, key=len, reverse=True)
    number = _number_pattern()
    scale = "|".join(word for word, _ in SCALES)
    qual = "|".join(sorted(QUALIFIER_WORDS.values(), key=len, reverse=True))
    one = rf"(?:{number})(?:\s(?:{scale}))?"
    prefix = "|".join(re.escape(p) for p in prefixes)
    suffix = "|".join(re.escape(s) for s in suffixes)
    code = r"[A-Z]{3}"
    pattern = (
        rf"(?P<qual>(?:{qual})\s)?"
        rf"(?:(?P<prefix>{prefix})|(?P<code>{code})\s)"
        rf"(?P<low>{one})"
        rf"(?:{RANGE_DASH}(?:(?P=prefix)|(?P=code)\s)?(?P<high>{one}))?"
        rf"|(?P<qual2>(?:{qual})\s)?(?P<low2>{one})(?:{RANGE_DASH}(?P<high2>{one}))?\s(?P<suffix>{suffix})\b"
    )
    return re.compile(pattern)


def _parse_number(text: str) -> tuple[Decimal, str]:
    parts = text.split(" ")
    value = Decimal(parts[0].replace(",", ""))
    word = parts[1] if len(parts) > 1 else ""
    factor = dict(SCALES).get(word, Decimal(1))
    return value * factor, word


def find_english_amounts(text: str) -> list[tuple[int, int, ParsedAmount]]:
    """Every amount written in the English forms of `format_amount` in `text`."""
    forms = currency_forms()
    by_prefix = {f.prefix: f.code for f in forms.values() if f.prefix}
    by_suffix = {f.suffix: f.code for f in forms.values() if f.suffix}
    names = {"about": "approx", "more than": "more_than", "less than": "less_than"}
    out = []
    for match in _amount_regex().finditer(text):
        if match.group("low") is not None:
            currency = by_prefix.get(match.group("prefix") or "") or match.group("code")
            low, high, qual = match.group("low"), match.group("high"), match.group("qual")
        else:
            currency = by_suffix[match.group("suffix")]
            low, high, qual = match.group("low2"), match.group("high2"), match.group("qual2")
        if high is not None:
            high_value, word = _parse_number(high)
            low_value, low_word = _parse_number(low)
            if not low_word and word:
                low_value *= dict(SCALES)[word]
            out.append((match.start(), match.end(), ParsedAmount(currency, low_value, high_value, "range")))
        else:
            value, _ = _parse_number(low)
            qualifier = names[qual.strip()] if qual else "exact"
            out.append((match.start(), match.end(), ParsedAmount(currency, value, None, qualifier)))
    return out


def parse_english_amount(text: str) -> ParsedAmount:
    """The one amount `text` consists of (ValueError otherwise)."""
    found = find_english_amounts(text)
    if len(found) != 1 or found[0][0] != 0 or found[0][1] != len(text):
        raise ValueError(f"not one English amount: {text!r}")
    return found[0][2]


# ---------------------------------------------------------------- quantities

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_FRACTIONS = {
    Fraction(1, 2): "one half", Fraction(1, 3): "one third", Fraction(2, 3): "two thirds",
    Fraction(1, 4): "one quarter", Fraction(3, 4): "three quarters", Fraction(1, 5): "one fifth",
    Fraction(1, 10): "one tenth",
}


def format_quantity(kind: str, value, qualifier: str = "exact", value_max=None) -> str:
    """20 (percent) -> "20%"; 3 (multiple) -> "three times"; 0.75 (fraction) -> "three quarters"."""
    value = _dec(value)
    high = _dec(value_max) if value_max is not None else None
    if kind == "percent":
        text = f"{_plain(value)}%" if high is None else f"{_plain(value)}{RANGE_DASH}{_plain(high)}%"
    elif kind == "multiple":
        if high is not None:
            text = f"{_plain(value)}{RANGE_DASH}{_plain(high)} times"
        elif value == value.to_integral_value() and 0 < value <= 10:
            text = f"{_SMALL[int(value)]} times"
        else:
            text = f"{_plain(value)} times"
    elif kind == "fraction":
        fraction = Fraction(value).limit_denominator(10 ** 9)
        if fraction in _FRACTIONS:
            text = _FRACTIONS[fraction]
        elif fraction.numerator == 1 and fraction.denominator in _ORDINALS:
            text = f"one {_ORDINALS[fraction.denominator]}"
        else:
            text = f"{fraction.numerator:,}/{fraction.denominator:,}"
    else:
        text = _plain(value)
    if qualifier == "range" and high is None:
        return f"{text} (lower end of a range)"
    word = QUALIFIER_WORDS.get(qualifier)
    return f"{word} {text}" if word else text


_ORDINALS = {8: "eighth", 20: "twentieth", 100: "hundredth", 1000: "thousandth", 10 ** 6: "millionth"}


_SINGULAR_UNITS = {"tonnes": "tonne", "hectares": "hectare", "days": "day", "months": "month", "hours": "hour", "weeks": "week"}


def format_measure(value, unit: str, qualifier: str = "exact") -> str:
    """5 GW, about 9,000 km, more than 50,000 engineers."""
    number = _dec(value)
    if number == 1:
        unit = _SINGULAR_UNITS.get(unit, unit)
    # 196万辆 -> 1.96 million vehicles, as amounts are written; smaller counts in full (9,000 km)
    text = f"{format_number(number) if abs(number) >= 10 ** 6 else _plain(number)} {unit}".strip()
    word = QUALIFIER_WORDS.get(qualifier)
    return f"{word} {text}" if word else text
