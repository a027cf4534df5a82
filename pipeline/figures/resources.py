"""Data files of the figures extractor: where they live and how they are read.

Everything the extractor knows about currencies, qualifiers and exchange rates lives in readable
files under the models directory (``models/currencies.tsv``, ``models/usd_rates.tsv``,
``models/figures/lexicon.tsv``), each with its source and date in a header comment.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache, wraps
from pathlib import Path
from typing import Callable, Iterator, Optional, TypeVar

from pipeline.paths import models_dir, models_dir_str, read_tsv


# The models directory read once for a whole extraction (see `pinned_models_key`): the lexicon
# and regex caches look it up some 300 times per document, and each read of the environment
# costs about as much as the cached lookup it keys.
_PINNED: ContextVar[Optional[str]] = ContextVar("figures_models_key", default=None)


def models_key() -> str:
    """The models directory as a string (a cache key for the loaded lexicon): read from the
    environment (`PIPELINE_MODELS_DIR`) on each call, except inside `pinned_models_key()`."""
    return _PINNED.get() or models_dir_str()


@contextmanager
def pinned_models_key() -> Iterator[str]:
    """Within the block, `models_key()` is the models directory as it was on entry: one
    extraction reads one set of data files. Outside it (and so between two documents, or after
    a test changes `PIPELINE_MODELS_DIR`) the environment is read again."""
    key = models_dir_str()
    token = _PINNED.set(key)
    try:
        yield key
    finally:
        _PINNED.reset(token)


_F = TypeVar("_F", bound=Callable)


def with_pinned_models_key(function: _F) -> _F:
    """`function` run inside `pinned_models_key()`."""
    @wraps(function)
    def pinned(*args, **kwargs):
        with pinned_models_key():
            return function(*args, **kwargs)
    return pinned  # type: ignore[return-value]


@dataclass(frozen=True)
class Currency:
    code: str
    iso: bool
    name_en: str
    names_zh: tuple[str, ...]
    symbols: tuple[str, ...]
    ambiguous_symbols: tuple[str, ...]
    minor_units: tuple[tuple[str, Decimal], ...]
    weak_names: tuple[str, ...]
    context_symbols: tuple[str, ...] = ()
    context_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rate:
    code: str
    usd_per_unit: Decimal
    date: str
    source: str


@dataclass
class Lexicon:
    currencies: dict[str, Currency]
    rates: dict[str, Rate]
    rates_header: str
    qualifier_pre: dict[str, str] = field(default_factory=dict)
    qualifier_post: dict[str, str] = field(default_factory=dict)
    magnitude_en: dict[str, Decimal] = field(default_factory=dict)
    not_number: list[str] = field(default_factory=list)
    yuan_not_before: list[str] = field(default_factory=list)
    money_context: list[str] = field(default_factory=list)
    weak_currency_not_after: list[str] = field(default_factory=list)
    si_unit_after: list[str] = field(default_factory=list)
    count_word: list[str] = field(default_factory=list)
    equivalence_marker: list[str] = field(default_factory=list)
    range_connector: list[str] = field(default_factory=list)
    discount_not_before: list[str] = field(default_factory=list)
    dozen_not_before: list[str] = field(default_factory=list)
    qualifier_gap: list[str] = field(default_factory=list)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x for x in cell.split("|") if x)


@lru_cache(maxsize=4)
def _load(models: str) -> Lexicon:
    root = Path(models)
    currencies: dict[str, Currency] = {}
    for r in read_tsv(root / "currencies.tsv"):
        minor = []
        for item in _split(r["minor_units"]):
            name, _, factor = item.partition("=")
            minor.append((name, Decimal(factor)))
        currencies[r["code"]] = Currency(
            code=r["code"], iso=r["iso"] == "1", name_en=r["name_en"],
            names_zh=_split(r["names_zh"]), symbols=_split(r["symbols"]),
            ambiguous_symbols=_split(r["ambiguous_symbols"]), minor_units=tuple(minor),
            weak_names=_split(r["weak_names"]), context_symbols=_split(r.get("context_symbols", "")),
            context_words=_split(r.get("context_words", "")))
    rates_path = root / "usd_rates.tsv"
    header_lines = []
    with open(rates_path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                header_lines.append(line[1:].strip())
    rates = {r["code"]: Rate(r["code"], Decimal(r["usd_per_unit"]), r["date"], r["source"])
             for r in read_tsv(rates_path)}
    lex = Lexicon(currencies=currencies, rates=rates, rates_header=" ".join(header_lines[:2]))
    for r in read_tsv(root / "figures" / "lexicon.tsv"):
        cat, entry, value = r["category"], r["entry"], r["value"]
        if cat == "qualifier_pre":
            lex.qualifier_pre[entry] = value
        elif cat == "qualifier_post":
            lex.qualifier_post[entry] = value
        elif cat == "magnitude_en":
            lex.magnitude_en[entry.lower()] = Decimal(value)
        elif hasattr(lex, cat):
            getattr(lex, cat).append(entry)
        else:
            raise ValueError(f"unknown lexicon category {cat!r} in {root / 'figures' / 'lexicon.tsv'}")
    return lex


def lexicon() -> Lexicon:
    return _load(models_key())
