"""A second statistical recogniser as a voter on team names in sports reports (issue 4).

`JiaguVoter` runs jiagu's averaged-perceptron NER (PyPI `jiagu`, MIT; the model ships in the wheel,
nothing is fetched at run time) over the pipeline's own tokens of one line, and only where the
rules leave a doubt that another model can settle: a place or person name (from LAC, the places
list or a coordination) in a paragraph with a sports cue that `_sports_teams` did not make a team.
When jiagu tags exactly that span ORG, the name is a club or a bookmaker (梅塔利斯在乌克兰联赛…,
威廉希尔提高赔付率): the mention becomes an ORG. jiagu is not run anywhere else, so its cost on
ordinary news is nil. Optional: `make_voter("jiagu")` returns None when the package is missing.
"""

from __future__ import annotations

from typing import Sequence

__all__ = ["JiaguVoter", "make_voter"]

_VOTABLE_LABELS = ("PERSON", "GPE", "LOC")
_VOTABLE_SOURCES = ("statistical", "places", "coordinated")


class JiaguVoter:
    name = "jiagu"

    def __init__(self) -> None:
        import jiagu  # noqa: F401  (ImportError when the optional package is missing)
        from jiagu import perceptron

        path = __import__("os").path.join(__import__("os").path.dirname(jiagu.__file__), "model", "ner.model")
        self._model = perceptron.Perceptron(path)

    def spans(self, text: str, tokens: Sequence[tuple[int, int]]) -> set[tuple[int, int, str]]:
        """jiagu's PER / LOC / ORG spans over `tokens` (character offsets into `text`, contiguous or not:
        a run of B-/I- tags of one type is one span from its first token's start to its last's end)."""
        words = [text[s:e] for s, e in tokens]
        if not words:
            return set()
        tags = self._model.predict(words)
        out: set[tuple[int, int, str]] = set()
        cur: list | None = None
        for (s, e), tag in zip(tokens, tags):
            kind = tag[2:] if tag[:2] in ("B-", "I-") else None
            if cur is not None and (kind != cur[2] or tag.startswith("B-")):
                out.add(tuple(cur))
                cur = None
            if kind:
                if cur is None:
                    cur = [s, e, kind]
                else:
                    cur[1] = e
        if cur is not None:
            out.add(tuple(cur))
        return out

    def teams(self, text: str, chosen: list, tokens: Sequence[tuple[int, int]], sporty, line_around) -> list:
        """`chosen` with the place / person names jiagu tags ORG in a sports paragraph made ORG
        (source "sports"); `sporty(candidate)` says whether the candidate's line has a sports cue and
        `line_around(text, start, end)` gives that line's span."""
        from pipeline.entities.recognizer import Candidate

        cache: dict[tuple[int, int], set] = {}
        out = []
        for c in chosen:
            if c.label in _VOTABLE_LABELS and c.source in _VOTABLE_SOURCES and \
                    not (c.term is not None and c.term.label == "PERSON") and sporty(c):
                line = line_around(text, c.start, c.end)
                if line not in cache:
                    cache[line] = self.spans(text, [t for t in tokens if line[0] <= t[0] and t[1] <= line[1]])
                if (c.start, c.end, "ORG") in cache[line]:
                    c = Candidate(c.start, c.end, "ORG", c.prio, "sports", None)
            out.append(c)
        return out


def make_voter(name: str | None):
    """The voter named in the config ("jiagu"), or None for "" / "none" or when its package is not
    installed (the recogniser then works without it)."""
    if not name or name == "none":
        return None
    if name == "jiagu":
        try:
            return JiaguVoter()
        except ImportError:
            return None
    raise ValueError(f"unknown entity voter {name!r} (known: jiagu, none)")
