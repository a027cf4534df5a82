"""Model management: `pipeline models pull NAME` and `pipeline models list`, and finding a model
offline.

Models live in the Hugging Face cache (HF_HOME / HF_HUB_CACHE as usual); CTranslate2
conversions live beside it in `PIPELINE_CT2_DIR` (default `~/.cache/zh-policy-pipeline/ctranslate2`).
Analysis never downloads: a model that is not on disk gives one clear message and no
translation. Only `pull_model` goes to the network.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

DEFAULT_MODEL = "Helsinki-NLP/opus-mt-zh-en"

# Files a seq2seq checkpoint needs; weights are added per repository (safetensors when it has them).
_BASE_PATTERNS = ["config.json", "generation_config.json", "tokenizer_config.json", "special_tokens_map.json",
                  "tokenizer.json", "vocab.json", "*.spm", "spiece.model", "sentencepiece.bpe.model",
                  "source.spm", "target.spm", "added_tokens.json"]


class ModelUnavailable(Exception):
    """No usable model on disk (and no download allowed): the message says what to do."""


def offline() -> bool:
    return any(os.environ.get(v, "").strip().lower() in ("1", "true", "yes", "on")
               for v in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def ct2_dir() -> Path:
    override = os.environ.get("PIPELINE_CT2_DIR")
    return Path(override) if override else Path.home() / ".cache" / "zh-policy-pipeline" / "ctranslate2"


def ct2_path_for(model: str, quantization: str = "int8") -> Path:
    return ct2_dir() / f"{model.strip('/').replace('/', '--')}-{quantization}"


def _cached_snapshot(repo_id: str, revision: Optional[str] = None) -> Optional[Path]:
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:
        return None
    try:
        found = try_to_load_from_cache(repo_id=repo_id, filename="config.json", revision=revision)
    except Exception:  # malformed id, unreadable cache
        return None
    if isinstance(found, str) and Path(found).exists():
        return Path(found).parent
    return None


def resolve_model(model: str, *, revision: Optional[str] = None) -> tuple[str, bool]:
    """(what to pass to from_pretrained, local_files_only). Raises ModelUnavailable with the fix."""
    path = Path(model).expanduser()
    if path.exists():
        if not (path / "config.json").exists() and not (path / "model.bin").exists():
            raise ModelUnavailable(f"translation model folder {path} has no config.json; text_en stays null")
        return str(path), True
    if _cached_snapshot(model, revision) is not None:
        return model, True
    why = "HF_HUB_OFFLINE is set" if offline() else "analysis never downloads models"
    raise ModelUnavailable(
        f"translation model {model!r} is not in the Hugging Face cache ({why}); "
        f"run `pipeline models pull {model}` on a machine with internet access, or pass a local path. "
        "Continuing without translation: text_en stays null, the English summary is still produced.")


def pull_model(name: str = DEFAULT_MODEL, *, revision: Optional[str] = None, ctranslate2: bool = False,
               quantization: str = "int8") -> Path:
    """Download a seq2seq model into the Hugging Face cache (safetensors preferred; no TF/Flax/Rust
    weights), optionally converting it for CTranslate2. Returns the snapshot folder."""
    if offline():
        raise ModelUnavailable(f"cannot pull {name!r}: HF_HUB_OFFLINE is set")
    from huggingface_hub import HfApi, snapshot_download

    files = set(HfApi().list_repo_files(name, revision=revision))
    weights = ["*.safetensors"] if any(f.endswith(".safetensors") for f in files) else ["pytorch_model.bin"]
    if not any(f.endswith((".safetensors", ".bin")) for f in files):
        raise ModelUnavailable(f"{name!r} has no PyTorch weights (safetensors or .bin)")
    folder = Path(snapshot_download(name, revision=revision, allow_patterns=_BASE_PATTERNS + weights))
    if ctranslate2:
        from pipeline.translation.engines import convert_to_ctranslate2

        convert_to_ctranslate2(str(folder), ct2_path_for(name, quantization), quantization=quantization)
    return folder


@dataclass
class ModelInfo:
    name: str
    backend: str          # transformers or ctranslate2
    path: str
    model_type: str
    weights: str
    size_mb: float
    seq2seq: bool


def _size_mb(folder: Path) -> float:
    total = 0
    for p in folder.rglob("*"):
        try:
            if p.is_file():
                total += p.stat().st_size  # symlinks into blobs/ are followed
        except OSError:
            pass
    return round(total / 1e6, 1)


def list_models() -> list[ModelInfo]:
    """Seq2seq models present in the Hugging Face cache, and CTranslate2 conversions."""
    found: list[ModelInfo] = []
    try:
        from huggingface_hub import scan_cache_dir

        cache = scan_cache_dir()
        repos = [r for r in cache.repos if r.repo_type == "model"]
    except Exception:  # no cache yet, or huggingface_hub not installed
        repos = []
    for repo in sorted(repos, key=lambda r: r.repo_id):
        for rev in repo.revisions:
            config_path = Path(rev.snapshot_path) / "config.json"
            if not config_path.exists():
                continue
            try:
                config = json.loads(config_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            names = {f.file_name for f in rev.files}
            weights = "safetensors" if any(n.endswith(".safetensors") for n in names) else (
                "pytorch_model.bin" if "pytorch_model.bin" in names else "none")
            archs = " ".join(config.get("architectures") or [])
            seq2seq = bool(config.get("is_encoder_decoder")) or "ConditionalGeneration" in archs or "MTModel" in archs
            found.append(ModelInfo(repo.repo_id, "transformers", str(rev.snapshot_path), config.get("model_type", "?"),
                                   weights, round(rev.size_on_disk / 1e6, 1), seq2seq))
            break
    base = ct2_dir()
    if base.exists():
        for folder in sorted(base.iterdir()):
            if (folder / "model.bin").exists():
                found.append(ModelInfo(folder.name, "ctranslate2", str(folder), "ctranslate2", "model.bin",
                                       _size_mb(folder), True))
    return found


def format_model_list(models: list[ModelInfo]) -> str:
    if not models:
        return (f"No translation models found (Hugging Face cache or {ct2_dir()}). "
                f"Run `pipeline models pull {DEFAULT_MODEL}` on a machine with internet access.")
    lines = [f"{'name':45} {'backend':12} {'type':12} {'weights':18} {'MB':>8}  seq2seq"]
    for m in models:
        lines.append(f"{m.name:45} {m.backend:12} {m.model_type:12} {m.weights:18} {m.size_mb:8.1f}  "
                     f"{'yes' if m.seq2seq else 'no'}")
    return "\n".join(lines)


def models_as_json(models: list[ModelInfo]) -> list[dict]:
    return [asdict(m) for m in models]
