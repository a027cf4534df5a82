"""Readable cue lexicons (models/argument/*.tsv, *.txt) and a fast matcher over them.

Every file starts with a header naming its source and date; `#` lines are comments. A lexicon is
compiled into one regular expression (longest cue first), so a sentence is scanned once per lexicon.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

LEXICON_FILES = (
    "hedges.txt", "negation.txt", "forecast_cues.tsv", "recommendation_cues.tsv", "statistic_cues.tsv",
    "opinion_cues.tsv", "attribution.tsv", "risk_cues.tsv", "risk_modifiers.tsv", "opportunity_cues.tsv",
    "stance_cues.tsv", "stance_patterns.tsv", "directive_patterns.tsv", "not_sources.tsv", "not_cues.txt",
    "scope_cues.tsv", "risk_category_cues.tsv", "outcome_cues.tsv",
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

    def any_of(self, name: str, regexes) -> "re.Pattern | None":
        """One regex matching wherever any of `regexes` would (named groups dropped), built once: a
        sentence that matches none of a pattern list is rejected with one search instead of one per
        pattern. None if they cannot be combined (then every pattern is tried)."""
        cache = self.__dict__.setdefault("_any", {})
        if name not in cache:
            try:
                parts = [re.sub(r"\(\?P<\w+>", "(?:", r.pattern) for r in regexes]
                cache[name] = re.compile("|".join("(?:" + p + ")" for p in parts)) if parts else None
            except re.error:
                cache[name] = None
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
        combined = self.any_of("directives", [regex for regex, _ in self.directives])
        if combined is not None and not combined.search(text):
            return 0.0
        return sum(weight for regex, weight in self.directives if regex.search(text))

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
        )
