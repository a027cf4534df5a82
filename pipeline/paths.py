"""Where the project's data lives, and how its readable data files are read."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


_DEFAULT_MODELS = str(REPO_ROOT / "models")


def models_dir_str() -> str:
    """`models_dir()` as a string: cheap enough for the per-number cache keys of the figures code."""
    return os.environ.get("PIPELINE_MODELS_DIR") or _DEFAULT_MODELS


def models_dir() -> Path:
    """`models/` (termbases, lexicons, rate tables, config); `PIPELINE_MODELS_DIR` overrides it."""
    return Path(models_dir_str())


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/zh-policy-pipeline` (default `~/.cache/zh-policy-pipeline`): caches that
    any run rebuilds when they are missing (jieba's dictionary, CC-CEDICT, the pinyin table)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "zh-policy-pipeline"


def peer_data_dir() -> Path:
    """`../shared/peer-data` beside the repository; `PEER_DATA_DIR` overrides it."""
    override = os.environ.get("PEER_DATA_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "peer-data"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file as dicts: `#` lines are comments, the first other line
    is the header; cells are stripped and short rows padded with empty cells."""
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows
