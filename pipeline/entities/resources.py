"""Locating and reading the entity data files (TSV with `#` comment lines and a header row)."""

from __future__ import annotations

from pathlib import Path

from pipeline.paths import models_dir as project_models_dir


def models_dir(explicit: Path | str | None = None) -> Path:
    return Path(explicit) if explicit is not None else project_models_dir()


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]
