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
        """Pipeline version plus a hash of the configuration, the data files it names, and the code and data the
        package ships (models/, pipeline/*.py): an edited termbase row or a changed rule makes every earlier output
        out of date, so an incremental run re-analyses instead of keeping results the current pipeline would not
        give."""
        digest = hashlib.sha256(self.source_text.encode())
        digest.update(json.dumps([self.components, self.translation_model, self.translation_backend]).encode())
        if self.user_dict:
            digest.update(_user_dict_path(self.user_dict).read_bytes())
        digest.update(_installed_digest().encode())
        return f"{__version__}+{digest.hexdigest()[:12]}"


_INSTALLED_DIGEST: dict[tuple[Path, Path], str] = {}
_HASHED_BYTES_LIMIT = 16 * 1024 * 1024


def _installed_digest() -> str:
    """sha256 over the shipped data files and the package's Python sources (names and bytes, ~4 MB, ~10 ms; a file
    over 16 MB by its size and modification time, so a large model kept in models/ is not read at every start),
    once per process."""
    key = (models_dir().resolve(), Path(__file__).resolve().parent)
    if key not in _INSTALLED_DIGEST:
        digest = hashlib.sha256()
        models, package_dir = key
        files = [("models", models, p) for p in sorted(models.rglob("*")) if p.is_file()]
        files += [("pipeline", package_dir, p) for p in sorted(package_dir.rglob("*.py"))]
        for root_name, root, path in files:
            digest.update(f"{root_name}/{path.relative_to(root).as_posix()}".encode())
            stat = path.stat()
            if stat.st_size > _HASHED_BYTES_LIMIT:   # a model someone put in models/: its size and time stand for it
                digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
            else:
                digest.update(path.read_bytes())
        _INSTALLED_DIGEST[key] = digest.hexdigest()
    return _INSTALLED_DIGEST[key]


def _user_dict_path(name: str) -> Path:
    path = Path(name)
    return path if path.is_absolute() else models_dir() / path
