"""Word tags for the rules: LAC where a name may be, jieba's dictionary tags elsewhere.

LAC (a BiGRU-CRF, ~40k chars/s on one core even batched) is the slow part of the entity step.
Most of an article is ordinary words that jieba's dictionary already knows and tags as ordinary
words; names are where jieba has no entry (out-of-vocabulary words its HMM put together) or a
name tag (nr / ns / nt / nz). `WindowedLac` runs LAC only on short windows around such tokens
(`context` words on each side, never across punctuation; further to the left of a name head such
as 有限公司 or 研究院), and gives the other tokens the tag
from jieba's dictionary. On the team's articles this sends about a fifth of the characters
through LAC; `scope="all"` runs it on everything (the slower, full-context reference).
"""

from __future__ import annotations

import marshal
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from pipeline.outputs import atomic_write_bytes

HAN = re.compile(r"[\u4e00-\u9fff]")
_WORDISH = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]")
_NAME_TAGS = ("nr", "ns", "nt", "nz")

JIEBA_TAGS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG", "nz": "nz", "eng": "nz",
              "n": "n", "vn": "vn", "an": "an", "s": "s", "j": "j"}
_KEEP_FIRST = ("v", "a", "d", "p", "c", "u", "m", "q", "r", "f", "t")


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's dictionary POS flags (its dict.txt: word freq flag), the table `jieba.posseg`
    builds at import. Parsing the 350k-line file costs over a second at every start, so the
    table is kept as a marshal file under the user cache, keyed by the file's size and mtime."""
    import jieba

    source = Path(jieba.__file__).resolve().parent / "dict.txt"
    info = source.stat()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zh-policy-pipeline"
    cache = base / f"jieba-tags-{info.st_size}-{int(info.st_mtime)}.marshal"
    try:
        with open(cache, "rb") as handle:
            return marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    tags: dict[str, str] = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
    try:
        atomic_write_bytes(cache, marshal.dumps(tags))
    except OSError:
        pass  # a read-only home only costs the parse next time
    return tags


def dictionary_tag(word: str) -> str | None:
    """jieba's dictionary POS flag of a word (None when jieba does not list it)."""
    return word_tags().get(word)


def is_common_word(word: str) -> bool:
    """Listed by jieba as an ordinary word (not a name, organisation, place or abbreviation)."""
    flag = dictionary_tag(word)
    return flag is not None and flag[:2] not in _NAME_TAGS and flag not in ("j", "eng")


def coarse_tag(flag: str) -> str:
    """jieba POS flag → the LAC-style tag set the rules use."""
    tag = JIEBA_TAGS.get(flag)
    if tag is None:
        tag = flag[:1] if flag[:1] in _KEEP_FIRST else "w" if flag == "x" else "n"
    return tag


class WindowedLac:
    def __init__(self, lac, context: int = 2, scope: str = "windows", heads: Sequence[str] = (),
                 head_context: int = 6, known: set[str] | frozenset[str] = frozenset(),
                 surnames: set[str] | frozenset[str] = frozenset()):
        import jieba

        jieba.dt.check_initialized()
        self.lac = lac
        self.context = context
        self.scope = scope
        # words ending in a multi-character name head (有限公司, 大学, 研究院): the name is before
        # them, so their window reaches `head_context` words to the left
        self.heads = tuple(sorted({h for h in heads if len(h) >= 2}, key=len, reverse=True))
        self.head_context = head_context
        # words the gazetteers name whole (日本, 湖北省, 丰田): the rules have them without LAC
        self.known = known
        # one-character surnames: 刘 | 建平 is a name jieba split into two dictionary words
        self.surnames = surnames
        self._freq = jieba.dt.FREQ
        self._tags = word_tags()
        self._needs: dict[str, bool] = {}      # per-word caches (bounded by the vocabulary seen)
        self._plain: dict[str, str] = {}

    def _plain_tag(self, word: str) -> str:
        tag = self._plain.get(word)
        if tag is None:
            tag = self._plain[word] = self._plain_tag_uncached(word)
        return tag

    def _plain_tag_uncached(self, word: str) -> str:
        if HAN.search(word):
            return coarse_tag(self._tags.get(word, "n"))
        if re.fullmatch(r"[0-9.,%]+", word):
            return "m"
        if re.search(r"[A-Za-z]", word):
            return "nz"
        return "w"

    def needs_lac(self, word: str) -> bool:
        found = self._needs.get(word)
        if found is None:
            found = self._needs[word] = self._needs_lac(word)
        return found

    def _needs_lac(self, word: str) -> bool:
        if not HAN.search(word) or word in self.known:
            return False
        if not self._freq.get(word):
            return True                     # not in jieba's dictionary: put together by its HMM
        flag = self._tags.get(word, "")
        return flag[:2] in _NAME_TAGS

    def windows(self, text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Character spans (merged) that LAC should tag."""
        words = [text[s:e] for s, e in tokens]
        wordish = [bool(_WORDISH.search(w)) for w in words]
        spans: list[tuple[int, int]] = []
        n = len(tokens)
        for i, w in enumerate(words):
            left = self.context
            if self.heads and w.endswith(self.heads):
                left = self.head_context
            elif not self.needs_lac(w) and not (
                    w in self.surnames and i + 1 < n and 1 <= len(words[i + 1]) <= 2 and HAN.match(words[i + 1])):
                continue
            a = i
            while a > 0 and i - a < left and wordish[a - 1]:
                a -= 1
            b = i
            while b + 1 < n and b - i < self.context and wordish[b + 1]:
                b += 1
            # a window must not end inside a name that jieba split (刘 | 建平)
            extra = 0
            while b + 1 < n and extra < 2 and len(words[b]) == 1 and HAN.match(words[b]) and wordish[b + 1] \
                    and len(words[b + 1]) <= 2:
                b += 1
                extra += 1
            s, e = tokens[a][0], tokens[b][1]
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
            else:
                spans.append((s, e))
        return spans

    def __call__(self, text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
        if self.scope == "all" or not tokens:
            return self.lac.tag(text)
        spans = self.windows(text, tokens)
        tagged = self.lac.tag_pieces([text[s:e] for s, e in spans])
        out: list[tuple[int, int, str]] = []
        k = 0
        for s, e in tokens:
            while k < len(spans) and spans[k][1] <= s:
                k += 1
            if k < len(spans) and spans[k][0] <= s < spans[k][1]:
                continue                    # inside a LAC window
            out.append((s, e, self._plain_tag(text[s:e])))
        for (s, _), words in zip(spans, tagged):
            out.extend((s + a, s + b, t) for a, b, t in words)
        out.sort()
        return out
