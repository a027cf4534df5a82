"""Linear classifiers stored as readable JSON (feature -> per-class weights); prediction needs no
third-party library. Training lives in `pipeline.argument.training` (scikit-learn)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path


@dataclass
class LinearModel:
    classes: list
    intercept: list[float]
    weights: dict[str, list[float]]  # feature -> one weight per score row
    name: str = ""

    @property
    def binary(self) -> bool:
        return len(self.intercept) == 1 and len(self.classes) == 2

    def scores(self, x: dict[str, float]) -> list[float]:
        s = list(self.intercept)
        for feat, value in x.items():
            w = self.weights.get(feat)
            if w is not None:
                for k in range(len(s)):
                    s[k] += w[k] * value
        return s

    def proba(self, x: dict[str, float]) -> dict:
        s = self.scores(x)
        if self.binary:
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, s[0]))))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(s)
        exps = [math.exp(v - top) for v in s]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def predict(self, x: dict[str, float]):
        probs = self.proba(x)
        return max(probs, key=probs.get)

    def to_json(self) -> dict:
        return {"name": self.name, "classes": self.classes, "intercept": [round(v, 5) for v in self.intercept],
                "weights": {f: [round(v, 5) for v in w] for f, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict) -> "LinearModel":
        return cls(classes=list(data["classes"]), intercept=list(data["intercept"]),
                   weights={f: list(w) for f, w in data["weights"].items()}, name=data.get("name", ""))


def load_models(path: Path) -> dict[str, LinearModel] | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: LinearModel.from_json(m) for name, m in data["models"].items()}
