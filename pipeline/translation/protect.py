"""Placeholder protection: names and numbers never go through the translation model.

Before translation, every protected span (an entity with an English name, a money amount, a
percentage) is replaced by a placeholder token; after translation the token is replaced by the
span's English form, so "74亿美元" always becomes "US$7.4 billion" and 富士通 always "Fujitsu",
whatever the model does. A translation that lost or duplicated a placeholder is not trusted
(the caller retries or gives up: `text_en` null, never a guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

Span = tuple[int, int, str]

DEFAULT_PLACEHOLDER = "ZX{n}"


@dataclass
class Masked:
    source: str                      # text sent to the model
    english: list[str]               # English form of placeholder n
    placeholder: str = DEFAULT_PLACEHOLDER

    def token(self, n: int) -> str:
        return self.placeholder.format(n=n)


def clean_spans(text: str, spans: Sequence[Span] | None) -> list[Span]:
    """Valid, non-overlapping spans in order; on overlap the longer span wins."""
    valid = [(s, e, en) for s, e, en in (spans or ()) if 0 <= s < e <= len(text) and en and en.strip()]
    valid.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    chosen: list[Span] = []
    for s, e, en in valid:
        if all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, en))
    return sorted(chosen)


def _substitute(text: str, spans: Sequence[Span] | None, render) -> tuple[str, list[str]]:
    """`text` with each protected span replaced by `render(n, english)`, spaced off; and the
    English forms in order."""
    pieces: list[str] = []
    english: list[str] = []
    pos = 0
    for s, e, en in clean_spans(text, spans):
        pieces.append(text[pos:s])
        pieces.append(f" {render(len(english), en)} ")
        english.append(en)
        pos = e
    pieces.append(text[pos:])
    return re.sub(r" {2,}", " ", "".join(pieces)).strip(), english


def mask(text: str, spans: Sequence[Span] | None, placeholder: str = DEFAULT_PLACEHOLDER) -> Masked:
    """Replace each span by a placeholder token (spaced off so sentencepiece keeps it whole)."""
    source, english = _substitute(text, spans, lambda n, en: placeholder.format(n=n))
    return Masked(source, english, placeholder)


def inline(text: str, spans: Sequence[Span] | None) -> tuple[str, list[str]]:
    """The fallback: the English forms written into the source (models copy Latin-script names)."""
    return _substitute(text, spans, lambda n, en: en)


def _token_regex(placeholder: str) -> re.Pattern:
    head, _, tail = placeholder.partition("{n}")
    spaced = lambda part: r"\s*".join(re.escape(ch) for ch in part)  # noqa: E731
    return re.compile(spaced(head) + r"\s*(\d+)" + (r"\s*" + spaced(tail) if tail else ""), re.IGNORECASE)


def unmask(translation: str, masked: Masked) -> Optional[str]:
    """Put the English forms back; None when a placeholder is missing, repeated or unknown."""
    regex = _token_regex(masked.placeholder)
    found = [int(m.group(1)) for m in regex.finditer(translation)]
    if sorted(found) != list(range(len(masked.english))):
        return None
    restored = regex.sub(lambda m: masked.english[int(m.group(1))], translation)
    return _tidy(restored)


def verify_inline(translation: str, english: list[str], placeholder: str = DEFAULT_PLACEHOLDER) -> Optional[str]:
    """The inline fallback is kept only when every English form came through verbatim (and no
    placeholder-like token was invented)."""
    if _token_regex(placeholder).search(translation):
        return None
    return _tidy(translation) if all(form in translation for form in english) else None


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([,.;:!?%)])", r"\1", text)
    text = re.sub(r"([(])\s+", r"\1", text)
    return re.sub(r"\s{2,}", " ", text).strip()
