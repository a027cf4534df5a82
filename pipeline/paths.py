"""Where the project's data lives."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def models_dir() -> Path:
    """`models/` (termbases, lexicons, rate tables, config); `PIPELINE_MODELS_DIR` overrides it."""
    override = os.environ.get("PIPELINE_MODELS_DIR")
    return Path(override) if override else REPO_ROOT / "models"


def peer_data_dir() -> Path:
    """`../shared/peer-data` beside the repository; `PEER_DATA_DIR` overrides it."""
    override = os.environ.get("PEER_DATA_DIR")
    return Path(override) if override else REPO_ROOT.parent / "shared" / "peer-data"
