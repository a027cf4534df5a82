"""Shared pieces of the reports: the Jinja2 environment, number formatting, label colours."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"

ENTITY_LABELS = ["PERSON", "ORG", "GPE", "LOC", "FACILITY", "PRODUCT", "PROGRAM", "LAW", "EVENT"]
RISK_CATEGORIES = ["execution", "technology", "geopolitical", "talent", "commercialization",
                   "financial", "supply_chain", "competition", "policy"]
CLAIM_TYPES = ["fact", "statistic", "forecast", "opinion", "recommendation"]
STANCE_LABELS = ["supportive", "skeptical", "mixed", "neutral"]


def _finite(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def fmt_number(value: Any, digits: int = 2) -> str:
    """12345678.9 → '12,345,678.9'; whole numbers without decimals; None → '–'."""
    number = _finite(value)
    if number is None:
        return "–"
    if number == int(number) and abs(number) < 1e18:
        return f"{int(number):,}"
    return f"{number:,.{digits}f}".rstrip("0").rstrip(".")


def fmt_short(value: Any, prefix: str = "") -> str:
    """7_400_000_000 → '7.40 B' (K, M, B, T), for amounts in charts and totals."""
    number = _finite(value)
    if number is None:
        return "–"
    sign = "-" if number < 0 else ""
    number = abs(number)
    for scale, suffix in ((1e12, " T"), (1e9, " B"), (1e6, " M"), (1e3, " K")):
        if number >= scale:
            return f"{sign}{prefix}{number / scale:,.2f}{suffix}"
    return f"{sign}{prefix}{number:,.2f}".rstrip("0").rstrip(".")


def fmt_usd(value: Any) -> str:
    return fmt_short(value, "$")


def fmt_confidence(value: Any) -> str:
    number = _finite(value)
    return "–" if number is None else f"{number:.2f}"


def page_href(doc_id: str) -> str:
    """Relative link from one report page (or the index) to a document's page."""
    return quote(f"{doc_id}.html")


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """`x.name` on a plain dict looks the key up first. Jinja tries `getattr(x, "name")` first,
    and for a dict that raises AttributeError for every key the pages read (about 40% of a
    page's rendering time). The result is the same: a plain dict has no attribute but its
    methods, and those names still go the usual way."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every {{ value }} is HTML-escaped unless it is already Markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # the templates ship with the package: no stat of each of a page's six templates per page
        auto_reload=False,
    )
    env.filters.update(num=fmt_number, short=fmt_short, usd=fmt_usd, conf=fmt_confidence, page_href=page_href)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
