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
    from pipeline.outputs import atomic_write_bytes

    data = marshal.dumps((state.freq, state.total, state.user_tags, state.force_split, state.tags))
    try:
        atomic_write_bytes(path, data)
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
