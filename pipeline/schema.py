"""The versioned JSON Schema of the document JSON, and validation against it."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.models import SCHEMA_VERSION, document_json_schema

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SCHEMA_FILE = SCHEMA_DIR / f"document-{SCHEMA_VERSION}.schema.json"
# Earlier versions stay so that documents written by an earlier release still validate against
# the contract they were written to: 1.0 -> 1.1 added entity_index[].name_en_method (optional);
# 1.1 -> 1.2 added its values cantonese_reading and western_syllables; 1.2 -> 1.3 added
# source.byline.department and source.byline.platform (optional); 1.3 -> 1.4 added source.published
# (ISO 8601 date or date-time), source.byline.dateline and source.byline.document_number (optional); 1.4 -> 1.5 added
# source.byline.names_en (optional).


def schema_text() -> str:
    return json.dumps(document_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_file_for(version: Any) -> Path:
    """The schema of a document's `schema_version` when this release ships it, else the current one."""
    candidate = SCHEMA_DIR / f"document-{version}.schema.json"
    return candidate if isinstance(version, str) and re.fullmatch(r"\d+\.\d+", version) and candidate.exists() \
        else SCHEMA_FILE


@lru_cache(maxsize=4)
def _validator(path: Path):
    from jsonschema import Draft202012Validator

    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validation_errors(document: dict[str, Any]) -> list[str]:
    """Schema violations plus offset mismatches (`text[start:end]` must equal a span's text)."""
    validator = _validator(schema_file_for(document.get("schema_version")))
    problems = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
                for e in validator.iter_errors(document)]
    text = document.get("text", "")
    for field in ("sentences", "tokens", "entities", "money", "quantities"):
        for n, span in enumerate(document.get(field) or []):
            if isinstance(span, dict) and "start" in span and text[span["start"]:span["end"]] != span.get("text"):
                problems.append(f"{field}/{n}: text[{span['start']}:{span['end']}] != {span.get('text')!r}")
    for n, section in enumerate(document.get("sections") or []):
        if section.get("heading_start") is not None and text[section["heading_start"]:section["heading_end"]] != section["title"]:
            problems.append(f"sections/{n}: heading offsets do not match the title")
    return problems
