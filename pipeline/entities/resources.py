"""Locating and reading the entity data files (TSV with `#` comment lines and a header row)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.paths import models_dir as project_models_dir
from pipeline.paths import models_dir_str, read_tsv


def models_dir(explicit: Path | str | None = None) -> Path:
    return Path(explicit) if explicit is not None else project_models_dir()


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=4)
def _word_lists(models: str) -> dict[str, tuple[str, ...]]:
    return {r["list"]: tuple(split_list(r["words"])) for r in read_tsv(Path(models) / "entities" / "rule_words.tsv")}


def word_lists() -> dict[str, tuple[str, ...]]:
    """The rules' small word lists, `models/entities/rule_words.tsv`: list name → words."""
    return _word_lists(models_dir_str())


@lru_cache(maxsize=4)
def _word_pairs(models: str) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for r in read_tsv(Path(models) / "entities" / "name_words.tsv"):
        out.setdefault(r["kind"], []).append((r["zh"], r.get("name_en", "")))
    return out


def word_pairs() -> dict[str, list[tuple[str, str]]]:
    """English for words inside composed names, `models/entities/name_words.tsv`: kind → [(zh, English)],
    in file order."""
    return _word_pairs(models_dir_str())


def company_organs() -> dict[str, str]:
    """A company's boards and meetings (董事会 → Board of Directors): `company_organ` rows of name_words.tsv."""
    return dict(word_pairs().get("company_organ", []))
