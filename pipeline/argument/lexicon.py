"""Readable cue lexicons (models/argument/*.tsv, *.txt) and a fast matcher over them.

Every file starts with a header naming its source and date; `#` lines are comments. A lexicon is
compiled into one regular expression (longest cue first), so a sentence is scanned once per lexicon.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

try:
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # Python < 3.11
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

LEXICON_FILES = (
    "hedges.txt", "negation.txt", "forecast_cues.tsv", "recommendation_cues.tsv", "statistic_cues.tsv",
    "opinion_cues.tsv", "attribution.tsv", "risk_cues.tsv", "risk_modifiers.tsv", "opportunity_cues.tsv",
    "stance_cues.tsv", "stance_patterns.tsv", "directive_patterns.tsv", "not_sources.tsv", "not_cues.txt",
    "scope_cues.tsv", "risk_category_cues.tsv", "outcome_cues.tsv", "broker_ratings.tsv",
)


def default_models_dir() -> Path:
    override = os.environ.get("PIPELINE_MODELS_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "models"


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


@dataclass
class CueSet:
    """Cues with a label (category or polarity) and a weight; `scan` returns the hits."""

    entries: dict[str, tuple[str, float]] = field(default_factory=dict)
    _regex: re.Pattern | None = None

    def add(self, cue: str, label: str = "", weight: float = 1.0) -> None:
        self.entries[cue] = (label, weight)
        self._regex = None

    @property
    def regex(self) -> re.Pattern:
        if self._regex is None:
            cues = sorted(self.entries, key=len, reverse=True) or ["(?!x)x"]
            self._regex = re.compile("|".join(re.escape(c) for c in cues))
        return self._regex

    def scan(self, text: str) -> list[tuple[str, str, float, int]]:
        """(cue, label, weight, position) for each non-overlapping hit."""
        out = []
        for match in self.regex.finditer(text):
            label, weight = self.entries[match.group()]
            out.append((match.group(), label, weight, match.start()))
        return out

    def score(self, text: str) -> float:
        return sum(hit[2] for hit in self.scan(text))


# ---------------------------------------------------------------- literal gates of patterns

_REPEATS = tuple(getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, name))
_MAX_OPTIONS = 64  # a character class or alternation with more options than this gives no requirement
_MAX_REQUIREMENTS = 3


def required_strings(regex: re.Pattern) -> list[frozenset[str]]:
    """Sets of strings such that every match of `regex` contains a string of each set (the most selective first,
    at most _MAX_REQUIREMENTS): read from the pattern's parse tree, from its literals, character classes of
    literals, alternations and repeats of at least one. Empty when nothing is certain (a case-insensitive pattern,
    one that only has optional parts or classes such as [^。])."""
    if not isinstance(regex.pattern, str) or regex.flags & re.IGNORECASE:
        return []
    try:
        tree = _sre_parse.parse(regex.pattern, regex.flags)
    except (re.error, RecursionError):  # pragma: no cover - the pattern compiled, so it parses
        return []
    found = _sequence_requirements(list(tree))
    found.sort(key=lambda options: (-min(map(len, options)), len(options)))
    return found[:_MAX_REQUIREMENTS]


def _sequence_requirements(items: list) -> list[frozenset[str]]:
    """What every match of a sequence of parse items contains; a run of literals is one string."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        options = _item_requirement(op, av)
        if options:
            found.append(options)
    if run:
        found.append(frozenset(["".join(run)]))
    return found


def _best(requirements: list[frozenset[str]]) -> frozenset[str] | None:
    return min(requirements, key=lambda options: (-min(map(len, options)), len(options)), default=None)


def _item_requirement(op, av) -> frozenset[str] | None:
    if op is _sre.SUBPATTERN:
        _, add_flags, _, pattern = av
        return None if add_flags & re.IGNORECASE else _best(_sequence_requirements(list(pattern)))
    if op in _REPEATS:
        low, _, pattern = av
        return _best(_sequence_requirements(list(pattern))) if low >= 1 else None
    if op is _sre.BRANCH:
        options: set[str] = set()
        for alternative in av[1]:
            best = _best(_sequence_requirements(list(alternative)))
            if best is None:
                return None
            options |= best
        return frozenset(options) if len(options) <= _MAX_OPTIONS else None
    if op is _sre.IN and len(av) <= _MAX_OPTIONS and all(kind is _sre.LITERAL for kind, _ in av):
        return frozenset(chr(code) for _, code in av)
    return None


class PatternGate:
    """Which patterns of a list a text may match, from their required strings (`required_strings`) found with one
    regex pass over the text: a pattern lacking one of its required strings is not searched. A pattern with no
    requirement is always searched."""

    def __init__(self, regexes: list[re.Pattern]):
        requirements = [required_strings(regex) for regex in regexes]
        strings = sorted({s for found in requirements for options in found for s in options}, key=len, reverse=True)
        # one bit per requirement: a pattern may match when the strings present set all of its bits
        bits: dict[str, int] = dict.fromkeys(strings, 0)
        self._needs: list[int] = []
        bit = 1
        for found in requirements:
            need = 0
            for options in found:
                for option in options:
                    bits[option] |= bit
                need |= bit
                bit <<= 1
            self._needs.append(need)
        # every position's longest required string (overlapping hits, a lookahead); the shorter ones found at that
        # position are its prefixes
        self._finder = re.compile("(?=(" + "|".join(map(re.escape, strings)) + "))") if strings else None
        self._bits = {s: _union(bits[o] for o in strings if s.startswith(o)) for s in strings}
        self._none_present = [need == 0 for need in self._needs]

    def may_match(self, text: str) -> list[bool]:
        """For each pattern: False only if `text` lacks one of its required strings (then it cannot match)."""
        found = self._finder.findall(text) if self._finder is not None else ()
        if not found:
            return list(self._none_present)
        present = 0
        for longest in found:
            present |= self._bits[longest]
        return [present & need == need for need in self._needs]


def _union(masks) -> int:
    out = 0
    for mask in masks:
        out |= mask
    return out


@dataclass
class Pattern:
    regex: re.Pattern
    label: str
    weight: float
    kind: str


@dataclass
class Lexicons:
    hedges: CueSet
    negation: CueSet
    forecast: CueSet
    recommendation: CueSet
    statistic: CueSet
    opinion: CueSet
    risk: CueSet
    risk_modifiers: CueSet
    opportunity: CueSet
    stance: CueSet
    stance_patterns: list[Pattern]
    attribution: list[tuple[re.Pattern, str]]
    directory: Path
    directives: list[tuple[re.Pattern, float]] = field(default_factory=list)
    not_sources: list[re.Pattern] = field(default_factory=list)
    not_cues: CueSet = field(default_factory=CueSet)
    scope: CueSet = field(default_factory=CueSet)  # scope_cues.tsv: cue -> role (modal, mitigation, contrast)
    risk_category: CueSet = field(default_factory=CueSet)  # risk_category_cues.tsv: category vocabulary (category choice only)
    outcome: CueSet = field(default_factory=CueSet)  # outcome_cues.tsv: negative-outcome predicates and shortfall markers
    ratings: CueSet = field(default_factory=CueSet)  # broker_ratings.tsv: a research note's rating -> document stance

    def gate(self, name: str, regexes) -> PatternGate:
        """The `PatternGate` of a named pattern list, built once: a sentence is searched only with the patterns
        whose required strings it holds."""
        cache = self.__dict__.setdefault("_gates", {})
        if name not in cache:
            cache[name] = PatternGate(list(regexes))
        return cache[name]

    def mask(self, text: str) -> str:
        """`text` with the neutral compounds of not_cues.txt (风险投资, 风险管理 …) blanked out (same
        length, so positions stay), for matching risk and stance cues."""
        if not self.not_cues.entries:
            return text
        return self.not_cues.regex.sub(lambda m: "＿" * len(m.group()), text)

    def is_named_source(self, source: str) -> bool:
        """False for a discourse marker the attribution patterns mistake for a source (对印尼来说, 坦白说)."""
        return not any(regex.search(source) for regex in self.not_sources)

    def directive_score(self, text: str) -> float:
        """Official-notice directive patterns (directive_patterns.tsv) matched by the sentence."""
        return sum(weight for regex, weight in self.directives if regex.search(text))  # a few anchored patterns

    @classmethod
    def load(cls, models_dir: Path | None = None) -> "Lexicons":
        directory = (models_dir or default_models_dir()) / "argument"

        def cues(name: str, label_col: int | None = None, weight_col: int | None = 1) -> CueSet:
            out = CueSet()
            for row in _rows(directory / name):
                label = row[label_col] if label_col is not None and len(row) > label_col else ""
                weight = float(row[weight_col]) if weight_col is not None and len(row) > weight_col else 1.0
                out.add(row[0], label, weight)
            return out

        patterns = [Pattern(re.compile(r[0]), r[1], float(r[2]), r[3]) for r in _rows(directory / "stance_patterns.tsv")]
        attribution = [(re.compile(r[0]), r[1]) for r in _rows(directory / "attribution.tsv")]
        path = directory / "directive_patterns.tsv"
        directives = [(re.compile(r[0]), float(r[1])) for r in _rows(path)] if path.exists() else []
        path = directory / "not_sources.tsv"
        not_sources = [re.compile(r[0]) for r in _rows(path)] if path.exists() else []
        return cls(
            hedges=cues("hedges.txt", weight_col=None),
            negation=cues("negation.txt", weight_col=None),
            forecast=cues("forecast_cues.tsv"),
            recommendation=cues("recommendation_cues.tsv"),
            statistic=cues("statistic_cues.tsv"),
            opinion=cues("opinion_cues.tsv"),
            risk=cues("risk_cues.tsv", label_col=1, weight_col=2),
            risk_modifiers=cues("risk_modifiers.tsv"),
            opportunity=cues("opportunity_cues.tsv"),
            stance=cues("stance_cues.tsv", label_col=1, weight_col=2),
            stance_patterns=patterns,
            attribution=attribution,
            directory=directory,
            directives=directives,
            not_sources=not_sources,
            not_cues=cues("not_cues.txt", weight_col=None) if (directory / "not_cues.txt").exists() else CueSet(),
            scope=cues("scope_cues.tsv", label_col=1, weight_col=None) if (directory / "scope_cues.tsv").exists() else CueSet(),
            risk_category=cues("risk_category_cues.tsv", label_col=1, weight_col=2)
            if (directory / "risk_category_cues.tsv").exists() else CueSet(),
            outcome=cues("outcome_cues.tsv", label_col=1, weight_col=None)
            if (directory / "outcome_cues.tsv").exists() else CueSet(),
            ratings=cues("broker_ratings.tsv", label_col=1, weight_col=None)
            if (directory / "broker_ratings.tsv").exists() else CueSet(),
        )
