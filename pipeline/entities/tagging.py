"""Word tags for the rules: LAC where a name may be, jieba's dictionary tags elsewhere.

LAC (a BiGRU-CRF, ~40k chars/s on one core even batched) is the slow part of the entity step.
Most of an article is ordinary words that jieba's dictionary already knows and tags as ordinary
words; names are where jieba has no entry (out-of-vocabulary words its HMM put together) or a
name tag (nr / ns / nt / nz) or an abbreviation tag (j: 央行, 工行). `WindowedLac` runs LAC only on
short windows around such tokens (`context` words on each side, never across punctuation; further
to the left of a name head such as 有限公司 or 研究院; after a listed place followed by a word that
ends the way organisation names end, 北京 | 银行, 美国 | 海军; over its clause, up to 6 characters each
side, around a word jieba's HMM made up or tags as a person's or place's name, session 7), and gives the other tokens the tag
from jieba's dictionary. Words that only look like names to jieba get no window: words its HMM
put together that CC-CEDICT lists as common words only (算力, 晶圆), and currency names from the
figures step's table (欧元, 谢克尔 nr; 印尼盾, named after its country, keeps its window). On the
team's articles this sends about a sixth of the characters through LAC; `scope="all"` runs it on
everything (the slower, full-context reference).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

from pipeline.entities.resources import word_lists

HAN = re.compile(r"[\u4e00-\u9fff]")
_WORDISH = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]")
_NAME_TAGS = ("nr", "ns", "nt", "nz")

JIEBA_TAGS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG", "nz": "nz", "eng": "nz",
              "n": "n", "vn": "vn", "an": "an", "s": "s", "j": "j"}
# last characters of organisation names (公司 集团 银行 电视台 海军 外交部 日报 协会 博物馆 球队 新华网 …)
ORG_LAST_CHARS = frozenset(word_lists()["org_last_chars"])     # models/entities/rule_words.tsv
_BARE_COMPANY_HEADS = frozenset(("公司", "集团"))
_OOV_NOT_NAME_FIRST = frozenset(word_lists()["oov_not_name_first"])
# jieba dictionary frequency from which a word tagged as a name is taken as an ordinary word (no LAC window)
FREQUENT_TAGGED_WORD = 3000
# a dictionary word jieba counts fewer times than this before 公司 / 集团 is more likely a company's name that is
# also a word (鹈鹕 23, 羚牛 35) than a kind of company (快递 100, 物业 239, 科技 15691): it keeps its LAC window (session 13)
RARE_COMPANY_STEM = 60
_MAGNITUDES = "十百千万亿"          # 亿克朗, 万亿韩元: a currency word with the magnitude jieba joined to it
# how far (characters, each side) the window of a likely person's or place's name reaches to the ends of its clause:
# CLUENER dev (measured with a since-dropped 公司 rule worth +0.001) 0.609 with the plain windows -> 0.616 (6) / 0.616 (8) / 0.617 (10) / 0.618 (15), for +15% / +19% / +20% /
# +28% entity-step CPU on the team articles (characters through LAC 17% -> 20% / 22% / 23% / 26%); 6 keeps the step
# under 30% of the pipeline's time (session 7)
CLAUSE_CHARS = 6
_CLAUSE_END = frozenset("，。；！？,;!?")
_CLAUSE_TAGS = ("nr", "ns")
_KEEP_FIRST = ("v", "a", "d", "p", "c", "u", "m", "q", "r", "f", "t")


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's dictionary POS flags (its dict.txt: word freq flag), the table `jieba.posseg`
    builds at import; cached with jieba's dictionary by `pipeline.jieba_dict`."""
    from pipeline.jieba_dict import dictionary_tags

    return dictionary_tags()


def dictionary_tag(word: str) -> str | None:
    """jieba's dictionary POS flag of a word (None when jieba does not list it)."""
    return word_tags().get(word)


def is_common_word(word: str) -> bool:
    """Listed by jieba as an ordinary word (not a name, organisation, place or abbreviation)."""
    flag = dictionary_tag(word)
    return flag is not None and flag[:2] not in _NAME_TAGS and flag not in ("j", "eng")


def is_frequent_word(word: str, min_freq: int = 1000) -> bool:
    """An ordinary word (`is_common_word`) that jieba's dictionary counts at least `min_freq`
    times (研究生, 工程师): jieba also lists many rare names with ordinary tags (莫奈 d, 陆俨少 v),
    which this leaves alone."""
    if not is_common_word(word):
        return False
    import jieba

    jieba.dt.check_initialized()
    return (jieba.dt.FREQ.get(word) or 0) >= min_freq


def coarse_tag(flag: str) -> str:
    """jieba POS flag → the LAC-style tag set the rules use."""
    tag = JIEBA_TAGS.get(flag)
    if tag is None:
        tag = flag[:1] if flag[:1] in _KEEP_FIRST else "w" if flag == "x" else "n"
    return tag


class WindowedLac:
    def __init__(self, lac, context: int = 2, scope: str = "windows", heads: Sequence[str] = (),
                 head_context: int = 6, known: set[str] | frozenset[str] = frozenset(),
                 surnames: set[str] | frozenset[str] = frozenset(), places: set[str] | frozenset[str] = frozenset(),
                 ordinary: Callable[[str], bool] | None = None, currencies: set[str] | frozenset[str] = frozenset(),
                 clause_chars: int = CLAUSE_CHARS):
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
        # listed places (北京, 美国): followed by a noun they may begin an organisation's name
        # (北京 | 银行, 美国 | 海军), which LAC then sees whole
        self.places = places
        # a word jieba's dictionary lacks but another dictionary lists as a common word only
        # (CC-CEDICT: no reading with the capitalised pinyin that marks its proper nouns): 算力, 晶圆
        self.ordinary = ordinary
        # currency words (欧元, 谢克尔, 亿克朗): money, read by the figures step, never a name here; jieba
        # tags some as names (谢克尔 nr, 欧元 nz), LAC as measure words (美元 q)
        self.currencies = currencies
        # a word jieba's HMM made up or its dictionary tags as a person's or a place's name (not a head, an
        # abbreviation or an organisation): its window reaches over whole words to the ends of its clause, at
        # most `clause_chars` characters on each side (0: the plain `context`), so LAC reads the name with
        # the clause around it (session 7)
        self.clause_chars = clause_chars
        self._freq = jieba.dt.FREQ
        self._tags = word_tags()
        self._needs: dict[str, bool] = {}      # per-word caches (bounded by the vocabulary seen)
        self._plain: dict[str, str] = {}
        self._wordish: dict[str, bool] = {}
        # per-word caches made with the current heads, surnames and places (`_word_cache_of`): whether
        # a word ends with a head, and the words that alone never open a window (no head, no LAC,
        # no surname, no place)
        self._ends_head: dict[str, bool] = {}
        self._quiet: set[str] = set()
        self._word_cache_of = (self.heads, self.surnames, self.places)
        # `prefetch`: each document's windows, by the identity of its text (with the text and token list
        # objects themselves, so that only the very same call finds them again)
        self._prefetched_windows: dict[int, tuple[str, Sequence[tuple[int, int]], list[tuple[int, int]], list[str]]] = {}

    def prefetch(self, documents: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> None:
        """Cross-document batching: the windows of all `documents` (text, tokens) are tagged now, in
        shared encoder batches; each document's own call (in any order, until `release`) then takes
        its windows' tags from there, and its windows too when called with the same text and token
        list objects. The tags are the same as without it: a window's tags depend on its characters
        only."""
        if not hasattr(self.lac, "prefetch"):
            return
        pieces: list[str] = []
        for text, tokens in documents:
            if self.scope == "all" or not tokens:
                spans = self.lac.chunks(text)
            else:
                spans, words = self._windows_and_words(text, tokens)
                self._prefetched_windows[id(text)] = (text, tokens, spans, words)
            pieces.extend(text[s:e] for s, e in spans)
        self.lac.prefetch(pieces)

    def release(self) -> None:
        """Drop what `prefetch` kept."""
        self._prefetched_windows.clear()
        if hasattr(self.lac, "release"):
            self.lac.release()

    def _windows_of(self, text: str, tokens: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[str]]:
        kept = self._prefetched_windows.get(id(text))
        if kept is not None and kept[0] is text and kept[1] is tokens:
            return kept[2], kept[3]
        return self._windows_and_words(text, tokens)

    def _is_wordish(self, word: str) -> bool:
        found = self._wordish[word] = _WORDISH.search(word) is not None
        return found

    def _plain_tag(self, word: str) -> str:
        tag = self._plain.get(word)
        if tag is None:
            tag = self._plain[word] = self._plain_tag_uncached(word)
        return tag

    def _currency(self, word: str) -> bool:
        return word in self.currencies or (word[:1] in _MAGNITUDES and word.lstrip(_MAGNITUDES) in self.currencies)

    def _plain_tag_uncached(self, word: str) -> str:
        if HAN.search(word):
            flag = self._tags.get(word, "n")
            if (flag[:2] in _NAME_TAGS or flag == "j") and self._currency(word):
                return "q"                  # 谢克尔 nr, 欧元 nz: a currency
            if len(word) > 1 and self._freq.get(word, 0) >= FREQUENT_TAGGED_WORD and (flag[:2] in _NAME_TAGS or flag == "j"):
                return "n"                  # 城市 ns, 同比 j: an ordinary word (see _needs_lac)
            return coarse_tag(flag)
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
        if not HAN.search(word) or word in self.known or self._currency(word):
            return False
        if not self._freq.get(word):
            # not in jieba's dictionary: put together by its HMM (unless it starts like no name: 这是, 亿至,
            # or a dictionary lists it as a common word only: 算力, 晶圆, 营收)
            return word[0] not in _OOV_NOT_NAME_FIRST and not self._ordinary(word)
        flag = self._tags.get(word, "")
        if self._freq.get(word, 0) >= FREQUENT_TAGGED_WORD and len(word) > 1:
            # one character (法, 港, 美: short forms, not names alone), or a frequent word that jieba's
            # dictionary tags as a name although it is an ordinary one (城市 ns, 同比 j, 欧元 nz, 谢谢 nr):
            # the names of this domain that frequent are in the gazetteers (武汉, 欧盟)
            return False
        # jieba's abbreviations (j: 央行, 工行, 央视) are often short names of organisations
        return flag[:2] in _NAME_TAGS or flag == "j"

    def _ordinary(self, word: str) -> bool:
        """A common word by the `ordinary` dictionary, of two characters or more, not ending the way
        organisation names end (宪法法院, 国家队 stay candidates)."""
        return self.ordinary is not None and len(word) > 1 and word[-1] not in ORG_LAST_CHARS \
            and self.ordinary(word)

    def _plain_word(self, word: str) -> bool:
        """An ordinary word in jieba's dictionary (no name tag), or no word at all (punctuation)."""
        if not _WORDISH.search(word):
            return True
        return HAN.search(word) is not None and not self.needs_lac(word) and word not in self.known \
            and (self._tags.get(word, "")[:1] in ("n", "v", "a", "d", "r", "m", "q", "u", "p", "c", "f", "t", "b")
                 and self._tags.get(word, "")[:2] not in _NAME_TAGS)

    def _org_word(self, word: str) -> bool:
        """A noun that can continue a place into an organisation's name: one ending the way
        organisation names end (银行, 海军, 电视台, 外交部, 日报); 政府 is left to the rules."""
        return len(word) >= 2 and word[-1] in ORG_LAST_CHARS and word != "政府" and word not in self.places \
            and self._tags.get(word, "")[:1] in ("n", "j")

    def windows(self, text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Character spans (merged) that LAC should tag."""
        return self._windows_and_words(text, tokens)[0]

    def _windows_and_words(self, text: str, tokens: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[str]]:
        """`windows`, and the tokens' words (text[s:e] of each), which `__call__` reads again."""
        words = [text[s:e] for s, e in tokens]
        cache = self._wordish
        wordish = [cache[w] if w in cache else self._is_wordish(w) for w in words]
        # a line break between two tokens ends a window: a title and the dateline under it are not one name
        joined = [False] * len(tokens)
        previous_end = None
        for i, (s, e) in enumerate(tokens):
            if previous_end is not None:
                joined[i] = previous_end == s or "\n" not in text[previous_end:s]
            previous_end = e
        spans: list[tuple[int, int]] = []
        n = len(tokens)

        def wordish_or_inner(k: int) -> bool:
            # inside a clause: words and any mark that does not end it (、 “ ” 《 》 · brackets)
            return wordish[k] or words[k].strip() not in _CLAUSE_END and words[k].strip() != ""

        heads, ends_head, needs, quiet = self.heads, self._ends_head, self._needs, self._quiet
        made_of = self._word_cache_of
        if made_of[0] is not heads or made_of[1] is not self.surnames or made_of[2] is not self.places:
            ends_head.clear()                   # replaced since: the caches are for the old ones
            quiet.clear()
            self._word_cache_of = (heads, self.surnames, self.places)
        for i, w in enumerate(words):
            if w in quiet:
                continue
            left = self.context
            ends = ends_head.get(w)
            if ends is None:
                ends = ends_head[w] = bool(heads) and w.endswith(heads)
                if not ends and not self.needs_lac(w) and w not in self.surnames and w not in self.places:
                    quiet.add(w)
                    continue
            if ends:
                if w in _BARE_COMPANY_HEADS and i > 0 and self._plain_word(words[i - 1]) and \
                        self._freq.get(words[i - 1], 0) >= RARE_COMPANY_STEM:
                    continue                # 该公司, 科技公司, 上市公司: a kind of company; a name before 公司 has its own window
                left = self.head_context
            elif not (needs[w] if w in needs else self.needs_lac(w)) and not (
                    w in self.surnames and i + 1 < n and 1 <= len(words[i + 1]) <= 2 and HAN.match(words[i + 1])) \
                    and not (w in self.places and i + 1 < n and self._org_word(words[i + 1])):
                continue
            a = i
            while a > 0 and i - a < left and wordish[a - 1] and joined[a]:
                a -= 1
            b = i
            while b + 1 < n and b - i < self.context and wordish[b + 1] and joined[b + 1]:
                b += 1
            # a window must not end inside a name that jieba split (刘 | 建平)
            extra = 0
            while b + 1 < n and extra < 2 and len(words[b]) == 1 and HAN.match(words[b]) and wordish[b + 1] \
                    and joined[b + 1] and len(words[b + 1]) <= 2:
                b += 1
                extra += 1
            if self.clause_chars and not ends and (not self._freq.get(w) or self._tags.get(w, "")[:2] in _CLAUSE_TAGS) \
                    and (needs[w] if w in needs else self.needs_lac(w)):
                # a likely name jieba does not know as an organisation: the whole clause, up to clause_chars
                reach = tokens[i][0] - self.clause_chars
                while a > 0 and wordish_or_inner(a - 1) and joined[a] and tokens[a - 1][0] >= reach:
                    a -= 1
                reach = tokens[i][1] + self.clause_chars
                while b + 1 < n and wordish_or_inner(b + 1) and joined[b + 1] and tokens[b + 1][1] <= reach:
                    b += 1
            s, e = tokens[a][0], tokens[b][1]
            if spans and s <= spans[-1][1] and "\n" not in text[spans[-1][1]:s]:
                spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
            else:
                spans.append((s, e))
        return spans, words

    def __call__(self, text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
        if self.scope == "all" or not tokens:
            return self.lac.tag(text)
        spans, words = self._windows_of(text, tokens)
        tagged = self.lac.tag_pieces([text[s:e] for s, e in spans])
        # tokens outside the windows and LAC's words inside them, in text order (windows are made of
        # whole tokens and do not overlap, so the two sequences interleave without sorting)
        out: list[tuple[int, int, str]] = []
        append, plain, cached = out.append, self._plain_tag, self._plain.get
        k, n_spans = 0, len(spans)
        window_start = spans[0][0] if spans else -1
        window_end = spans[0][1] if spans else -1
        for (s, e), word in zip(tokens, words):
            while k < n_spans and window_end <= s:
                ws = spans[k][0]
                out.extend((ws + a, ws + b, t) for a, b, t in tagged[k])
                k += 1
                if k < n_spans:
                    window_start, window_end = spans[k]
            if k < n_spans and window_start <= s:
                continue                    # inside a LAC window
            append((s, e, cached(word) or plain(word)))      # (a tag is never empty)
        for k in range(k, n_spans):
            ws = spans[k][0]
            out.extend((ws + a, ws + b, t) for a, b, t in tagged[k])
        return out
