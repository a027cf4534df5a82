"""jieba's dictionary with the project user dictionary, loaded from one cache file.

jieba itself reads its 30 MB prefix dictionary with `marshal.load(file)`, which pulls the file
in small reads (about a second), and then every user word is added; the entity tagger also
needs jieba's POS flags (`dict.txt`'s third column). All three are stored together in one
marshal file under the user cache directory: the words of the flag table are the prefix
dictionary's own string objects, so they are stored and loaded once. The file's name holds a
hash of jieba's `dict.txt`, the user dictionary, jieba's version and the cache format, so any
change gives a new file; it is written atomically (temp file + rename), so concurrent workers
either read a whole file or build their own.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import time
from dataclasses import dataclass
from math import log
from pathlib import Path

from pipeline.paths import cache_dir

CACHE_FORMAT = 1
CACHE_PREFIX = "jieba-dict-"
STALE_AFTER_S = 7 * 24 * 3600  # other cache files of this kind untouched this long are removed


def default_dict_path() -> Path:
    import jieba

    return Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME


@dataclass
class DictionaryState:
    """What jieba's default tokenizer holds after loading `dict.txt` and adding the user words."""

    freq: dict[str, int]
    total: int
    user_tags: dict[str, str]
    force_split: list[str]
    tags: dict[str, str]  # dict.txt's POS flag per word


def user_words(path: Path) -> list[tuple[str, int | None, str | None]]:
    """(word, frequency or None, tag or None) per line of a jieba user dictionary; `#` lines skipped."""
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        words.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return words


def cache_file(user_dict: Path | None) -> Path:
    import jieba

    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{jieba.__version__}\0{marshal.version}\0".encode())
    digest.update(default_dict_path().read_bytes())
    digest.update(b"\0")
    if user_dict is not None:
        digest.update(user_dict.read_bytes())
    return cache_dir() / f"{CACHE_PREFIX}{digest.hexdigest()[:24]}.marshal"


def build_state(user_dict: Path | None) -> DictionaryState:
    """The state the slow way: jieba's own loading, then `add_word` per user word."""
    import jieba
    import jieba.finalseg

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    force_split_before = set(jieba.finalseg.Force_Split_Words)
    for word, freq, tag in user_words(user_dict) if user_dict is not None else []:
        tokenizer.add_word(word, freq, tag)
    force_split = sorted(set(jieba.finalseg.Force_Split_Words) - force_split_before)
    same = {word: word for word in tokenizer.FREQ}
    tags: dict[str, str] = {}
    with open(default_dict_path(), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3:
                tags[same.get(parts[0], parts[0])] = parts[2]
    return DictionaryState(tokenizer.FREQ, tokenizer.total, dict(tokenizer.user_word_tag_tab), force_split, tags)


def _read(path: Path) -> DictionaryState | None:
    try:
        # marshal.loads on the whole file: marshal.load(file) reads in small pieces, 3x slower
        freq, total, user_tags, force_split, tags = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(freq, dict) and isinstance(total, int) and isinstance(tags, dict)):
        return None
    return DictionaryState(freq, total, user_tags, force_split, tags)


def _write(path: Path, state: DictionaryState) -> None:
    from pipeline.outputs import atomic_write_with, bytes_writer

    data = marshal.dumps((state.freq, state.total, state.user_tags, state.force_split, state.tags))
    try:
        atomic_write_with(path, bytes_writer(data))
    except OSError:
        return  # a read-only cache directory only costs the slow load next time
    now = time.time()
    for other in path.parent.glob(f"{CACHE_PREFIX}*.marshal"):
        try:
            if other != path and now - other.stat().st_mtime > STALE_AFTER_S:
                other.unlink()
        except OSError:
            pass


def load_state(user_dict: Path | None) -> DictionaryState:
    """The cached state for `user_dict` (None: jieba's dictionary alone), built and stored if missing."""
    path = cache_file(user_dict)
    state = _read(path)
    if state is None:
        state = build_state(user_dict)
        _write(path, state)
    return state


_installed: DictionaryState | None = None  # the state `load_tokenizer` gave jieba.dt
_tags: dict[str, str] | None = None


def load_tokenizer(user_dict: Path | None):
    """jieba's process-wide tokenizer (`jieba.dt`) with its dictionary and the user words.

    When `jieba.dt` is still unloaded its state comes from the cache; otherwise (already loaded,
    or pointed at another dictionary) the user words are added to it as `jieba.add_word` would."""
    import jieba
    import jieba.finalseg

    global _installed
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.dt
    with tokenizer.lock:
        if not tokenizer.initialized and tokenizer.dictionary == jieba.DEFAULT_DICT:
            state = load_state(user_dict)
            tokenizer.FREQ = state.freq
            tokenizer.total = state.total
            tokenizer.user_word_tag_tab.update(state.user_tags)
            jieba.finalseg.Force_Split_Words.update(state.force_split)
            tokenizer.initialized = True
            _installed = state
            return tokenizer
    tokenizer.check_initialized()
    for word, freq, tag in user_words(user_dict) if user_dict is not None else []:
        tokenizer.add_word(word, freq, tag)
    return tokenizer


def dictionary_tags() -> dict[str, str]:
    """jieba's `dict.txt` POS flag per word (the table `jieba.posseg` builds at import)."""
    global _tags
    if _installed is not None:
        return _installed.tags
    if _tags is None:
        _tags = load_state(None).tags
    return _tags


class FastSegmenter:
    """jieba's `Tokenizer.cut` for spaCy's tokenizer: the default mode (accurate, with the HMM
    for unknown words) computed here with the same dictionary, arithmetic and tie-breaking, so
    the words are identical, at about twice the speed. jieba builds a dict of candidate lists
    per block and picks each best route with `max()` over a generator of tuples; here the
    candidates are scored as they are found, right to left, in two flat lists. Other modes, and
    every other attribute, are the wrapped tokenizer's own."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self._scores: dict[str, float] = {}
        self._scores_of: tuple[int, float] | None = None  # the dictionary and total they were made from

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)

    def cut(self, sentence, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False):
        if cut_all or not HMM or use_paddle:
            return self.tokenizer.cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)
        tokenizer = self.tokenizer
        tokenizer.check_initialized()
        # jieba's add_word changes the total, so a changed dictionary starts a new table (the
        # pipeline changes none once loaded); the table is also started afresh when it is full
        state = (id(tokenizer.FREQ), tokenizer.total)
        if state != self._scores_of or len(self._scores) > MAX_WORD_SCORES:
            self._scores, self._scores_of = {}, state
        return _cut_default(tokenizer, sentence, self._scores)

    def lcut(self, *args, **kwargs) -> list[str]:
        return list(self.cut(*args, **kwargs))


_NOT_IN_DICT = object()
_PREFIX_ONLY = float("-inf")  # the word score of a prefix that is no word (frequency 0)
# Word scores kept by a segmenter: some 11,000 for 60 documents (under 2 MB); at most this many (~8 MB).
MAX_WORD_SCORES = 50_000


def _cut_default(tokenizer, sentence, scores: dict[str, float] | None = None) -> list[str]:
    """`list(tokenizer.cut(sentence))` (cut_all=False, HMM=True), step by step as jieba 0.42 does.
    `scores`: the word scores met so far (see `_cut_block`), kept from call to call."""
    import jieba
    from jieba import finalseg
    from jieba._compat import strdecode

    tokenizer.check_initialized()
    sentence = strdecode(sentence)
    re_han, re_skip = jieba.re_han_default, jieba.re_skip_default
    words: list[str] = []
    for block in re_han.split(sentence):
        if not block:
            continue
        if re_han.match(block):
            _cut_block(block, tokenizer.FREQ, log(tokenizer.total), words, finalseg, scores)
        else:
            for piece in re_skip.split(block):
                if re_skip.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)  # character by character
    return words


def _cut_block(sentence: str, freq: dict, logtotal: float, words: list[str], finalseg,
               scores: dict[str, float] | None = None) -> None:
    """jieba's `__cut_DAG` on one block: `get_DAG` + `calc` (best route, right to left; each
    word scores log(freq) - log(total) + the route after it; ties go to the longer word, as
    `max` over (score, end) tuples does), then single characters gathered and, when the run is
    not a dictionary word, given to the HMM (`finalseg.cut`).

    A word's score, log(freq) - log(total), is computed once and kept in `scores` (a prefix that
    is no word: -inf), so that the walk over the words at each place is a lookup per word; the
    same floats as computing each anew."""
    if scores is None:
        scores = {}
    n = len(sentence)
    score = [0.0] * n + [0]  # jieba: route[N] = (0, 0)
    end = list(range(n + 1))
    get = freq.get
    known = scores.get
    missing = _NOT_IN_DICT
    no_word = _PREFIX_ONLY
    ln = log
    for idx in range(n - 1, -1, -1):
        best = no_word  # every route score is finite: the first word found beats it
        best_end = idx
        i = idx
        frag = sentence[idx]
        while True:
            word_score = known(frag)
            if word_score is None:
                count = get(frag, missing)
                if count is missing:
                    break
                word_score = scores[frag] = (ln(count) - logtotal) if count else no_word
            if word_score != no_word:
                value = word_score + score[i + 1]
                if value >= best:
                    best = value
                    best_end = i
            i += 1
            if i == n:
                break
            frag = sentence[idx:i + 1]
        if best == no_word:  # no word starts here: the character alone
            best = ln(get(sentence[idx]) or 1) - logtotal + score[idx + 1]
        score[idx] = best
        end[idx] = best_end
    x = 0
    buf = ""
    while x < n:
        y = end[x] + 1
        if y - x == 1:
            buf += sentence[x]
        else:
            if buf:
                _flush_single_chars(buf, get, words, finalseg)
                buf = ""
            words.append(sentence[x:y])
        x = y
    if buf:
        _flush_single_chars(buf, get, words, finalseg)


def _flush_single_chars(buf: str, get, words: list[str], finalseg) -> None:
    if len(buf) == 1:
        words.append(buf)
    elif not get(buf):
        _hmm_cut(buf, words, finalseg)
    else:
        words.extend(buf)


def _hmm_cut(sentence: str, words: list[str], finalseg) -> None:
    """`words.extend(finalseg.cut(sentence))`: jieba's HMM for a run of characters that are no
    dictionary word, with the same blocks, model tables and decoding."""
    force_split = finalseg.Force_Split_Words
    for block in finalseg.re_han.split(sentence):
        if finalseg.re_han.match(block):
            for word in _hmm_words(block, finalseg):
                if word not in force_split:
                    words.append(word)
                else:
                    words.extend(word)
        else:
            words.extend(x for x in finalseg.re_skip.split(block) if x)


def _hmm_words(sentence: str, finalseg) -> list[str]:
    """finalseg's `__cut`: Viterbi over the states B, M, E, S, then the words they mark.

    finalseg.viterbi keeps a copy of every state's whole path at every step and picks each
    predecessor with `max` over (probability, state) tuples; here the four probabilities are
    plain variables, summed in the same order, and each step keeps back-pointers. On a tie the
    later state letter wins, as in the tuples (B < E < M < S)."""
    start, trans, emit, floor = finalseg.start_P, finalseg.trans_P, finalseg.emit_P, finalseg.MIN_FLOAT
    e_b, e_m, e_e, e_s = emit["B"], emit["M"], emit["E"], emit["S"]
    t_eb, t_sb = trans["E"].get("B", floor), trans["S"].get("B", floor)  # B after E or S
    t_mm, t_bm = trans["M"].get("M", floor), trans["B"].get("M", floor)  # M after M or B
    t_ss, t_es = trans["S"].get("S", floor), trans["E"].get("S", floor)  # S after S or E
    t_be, t_me = trans["B"].get("E", floor), trans["M"].get("E", floor)  # E after B or M
    first = sentence[0]
    v_b = start["B"] + e_b.get(first, floor)
    v_m = start["M"] + e_m.get(first, floor)
    v_e = start["E"] + e_e.get(first, floor)
    v_s = start["S"] + e_s.get(first, floor)
    back: list[tuple[str, str, str, str]] = []
    for char in sentence[1:]:
        em = e_b.get(char, floor)
        a, b = v_e + t_eb + em, v_s + t_sb + em
        n_b, p_b = (a, "E") if a > b else (b, "S")
        em = e_m.get(char, floor)
        a, b = v_m + t_mm + em, v_b + t_bm + em
        n_m, p_m = (b, "B") if b > a else (a, "M")
        em = e_s.get(char, floor)
        a, b = v_s + t_ss + em, v_e + t_es + em
        n_s, p_s = (b, "E") if b > a else (a, "S")
        em = e_e.get(char, floor)
        a, b = v_b + t_be + em, v_m + t_me + em
        n_e, p_e = (a, "B") if a > b else (b, "M")
        back.append((p_b, p_m, p_e, p_s))
        v_b, v_m, v_e, v_s = n_b, n_m, n_e, n_s
    state = "E" if v_e > v_s else "S"
    states = [state]
    for pointers in reversed(back):
        state = pointers["BMES".index(state)]
        states.append(state)
    states.reverse()
    out: list[str] = []
    begin = next_i = 0
    for i, pos in enumerate(states):
        if pos == "B":
            begin = i
        elif pos == "E":
            out.append(sentence[begin:i + 1])
            next_i = i + 1
        elif pos == "S":
            out.append(sentence[i])
            next_i = i + 1
    if next_i < len(sentence):
        out.append(sentence[next_i:])
    return out
