"""Locating and reading the entity data files (TSV with `#` comment lines and a header row)."""

from __future__ import annotations

import os
from pathlib import Path


def models_dir(explicit: Path | str | None = None) -> Path:
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get("PIPELINE_MODELS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "models"


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV file as dicts; `#` lines are comments, the first other line is the header."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append({h: c.strip() for h, c in zip(header, cells)})
    return rows


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]
