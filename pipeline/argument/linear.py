"""Linear classifiers: feature -> per-class weights; prediction needs no third-party library beyond numpy.
Training lives in `pipeline.argument.training` (scikit-learn).

Two file forms, chosen by suffix (both written by benchmarks/train_claims.py):
- `.json`: readable, {"meta": ..., "models": {name: {"classes", "intercept", "weights": {feature: [w, ...]}}}}
  (the small short-text stance model, and the claims model's `--json` dump for inspection);
- `.npz` (numpy, compressed; the claims model, loads much faster than its JSON): `features` = the UTF-8
  feature names joined by newlines (uint8), `W` (features x score rows, float32; the models' rows side
  by side), `b` (intercepts, one per score row) and `spec` = JSON text {"meta": ..., "models": [{"name",
  "classes", "rows": [first, end]}]} naming each model's slice of the columns.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class LinearModel:
    classes: list
    intercept: list[float]
    weights: Mapping[str, list[float]]  # feature -> one weight per score row
    name: str = ""
    stacked: "Stacked | None" = None  # set when loaded from a .npz file: the matrix the weights live in
    params: dict | None = None  # decision parameters chosen in training (e.g. the category cue weight, a threshold shift)

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
                **({"params": self.params} if self.params else {}),
                "weights": {f: [round(v, 5) for v in w] for f, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict) -> "LinearModel":
        return cls(classes=list(data["classes"]), intercept=list(data["intercept"]),
                   weights={f: list(w) for f, w in data["weights"].items()}, name=data.get("name", ""),
                   params=data.get("params"))


class _Columns(Mapping):
    """A model's weights read from its slice of a stacked matrix (feature -> list of weights), built on
    access only: the classifier scores with the matrix itself (`Stacked`)."""

    def __init__(self, stacked: "Stacked", first: int, end: int):
        self.stacked, self.first, self.end = stacked, first, end

    def __getitem__(self, feature: str) -> list[float]:
        i = self.stacked.index[feature]
        row = self.stacked.W[i, self.first:self.end]
        if not row.any():
            raise KeyError(feature)
        return [float(v) for v in row]

    def __iter__(self):
        nonzero = self.stacked.W[:, self.first:self.end].any(axis=1)
        return (f for f, keep in zip(self.stacked.features, nonzero) if keep)

    def __len__(self) -> int:
        return int(self.stacked.W[:, self.first:self.end].any(axis=1).sum())


@dataclass
class Stacked:
    """Several linear models over one feature list: W[feature, score row], b[score row]; `slices[name]`
    = that model's columns."""

    features: list[str]
    W: Any
    b: Any
    slices: dict[str, tuple[int, int]]
    _index: dict[str, int] | None = None

    @property
    def index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {f: i for i, f in enumerate(self.features)}
        return self._index

    @classmethod
    def from_models(cls, models: dict[str, LinearModel]) -> "Stacked":
        import numpy

        names = sorted({f for m in models.values() for f in m.weights})
        slices, width = {}, 0
        for key, model in models.items():
            slices[key] = (width, width + len(model.intercept))
            width += len(model.intercept)
        stacked = cls(names, numpy.zeros((len(names), width)), numpy.zeros(width), slices)
        index = stacked.index
        for key, model in models.items():
            a, z = slices[key]
            stacked.b[a:z] = model.intercept
            for f, w in model.weights.items():
                stacked.W[index[f], a:z] = w
        return stacked


def save_npz(path: Path, models: dict[str, LinearModel], meta: dict) -> None:
    import numpy

    stacked = Stacked.from_models(models)
    spec = {"meta": meta, "models": [{"name": k, "classes": m.classes, "rows": list(stacked.slices[k]),
                                      **({"params": m.params} if m.params else {})}
                                     for k, m in models.items()]}
    blob = numpy.frombuffer("\n".join(stacked.features).encode("utf-8"), dtype=numpy.uint8)
    with open(path, "wb") as handle:
        numpy.savez_compressed(handle, features=blob, W=stacked.W.astype(numpy.float32), b=stacked.b,
                               spec=numpy.frombuffer(json.dumps(spec, ensure_ascii=False).encode("utf-8"), dtype=numpy.uint8))


def read_npz(path: Path) -> tuple[dict[str, LinearModel], Stacked, dict]:
    """(models, their stacked matrix, meta) from a `.npz` weights file."""
    import numpy

    with numpy.load(path, allow_pickle=False) as data:
        names = data["features"].tobytes().decode("utf-8")
        W, b = data["W"], data["b"]
        spec = json.loads(data["spec"].tobytes().decode("utf-8"))
    features = names.split("\n") if names else []
    slices = {m["name"]: (m["rows"][0], m["rows"][1]) for m in spec["models"]}
    stacked = Stacked(features, W, b, slices)
    models = {}
    for m in spec["models"]:
        a, z = slices[m["name"]]
        models[m["name"]] = LinearModel(classes=list(m["classes"]), intercept=[float(v) for v in b[a:z]],
                                        weights=_Columns(stacked, a, z), name=m["name"], params=m.get("params"))
        models[m["name"]].stacked = stacked
    return models, stacked, spec["meta"]


def load_models(path: Path) -> dict[str, LinearModel] | None:
    """The models of a weights file (`.npz` or `.json`, by suffix); None if the file does not exist."""
    if not path.exists():
        return None
    if path.suffix == ".npz":
        return read_npz(path)[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: LinearModel.from_json(m) for name, m in data["models"].items()}
