"""The pipeline's configuration (models/pipeline.toml) and its fingerprint. Kept apart from
`pipeline.nlp` so that a batch driver whose documents are analysed by worker processes loads
neither spaCy nor the models (~0.5 CPU-s of imports in the parent process)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.paths import models_dir


@dataclass
class PipelineConfig:
    components: list[str] = field(default_factory=lambda: ["structure"])
    user_dict: str | None = "jieba_userdict.txt"
    max_bytes: int = 8 * 1024 * 1024
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    translation_model: str | None = None
    translation_backend: str = "transformers"
    source_text: str = ""

    @classmethod
    def load(cls, path: str | Path | None = None) -> "PipelineConfig":
        path = Path(path) if path else models_dir() / "pipeline.toml"
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
        return cls(
            components=list(data.get("pipeline", {}).get("components", ["structure"])),
            user_dict=data.get("tokenizer", {}).get("user_dict"),
            max_bytes=int(data.get("ingest", {}).get("max_bytes", cls.max_bytes)),
            settings={name: dict(data.get("components", {}).get(name, {}))
                      for name in data.get("pipeline", {}).get("components", [])},
            translation_model=data.get("translation", {}).get("model") or None,
            translation_backend=data.get("translation", {}).get("backend", "transformers"),
            source_text=raw,
        )

    @property
    def fingerprint(self) -> str:
        """Pipeline version plus a hash of the configuration and the data files it names."""
        digest = hashlib.sha256(self.source_text.encode())
        digest.update(json.dumps([self.components, self.translation_model, self.translation_backend]).encode())
        if self.user_dict:
            digest.update(_user_dict_path(self.user_dict).read_bytes())
        return f"{__version__}+{digest.hexdigest()[:12]}"


def _user_dict_path(name: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else models_dir() / path
