"""Detection of degenerate output: the repetition loops seq2seq models fall into on Chinese input
("the the the …", "Japan's Japan's Japan's …") and runaway lengths."""

from __future__ import annotations

import re

_CHAR_LOOP = re.compile(r"(.{2,30}?)\1{3,}", re.DOTALL)


def is_degenerate(translation: str, source: str) -> bool:
    text = translation.strip()
    if not text:
        return True
    words = text.split()
    for n in (1, 2, 3, 4):  # an n-gram four times in a row
        for i in range(0, len(words) - 4 * n + 1):
            gram = words[i:i + n]
            if all(words[i + k * n:i + (k + 1) * n] == gram for k in (1, 2, 3)):
                return True
    if _CHAR_LOOP.search(re.sub(r"[\d\s,.]", "", text)):
        return True
    # English is about 2-4x as many characters as the Chinese it translates; 8x + 40 is runaway.
    return len(text) > 8 * len(source) + 40
