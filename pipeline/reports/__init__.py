"""Browser reports (issue 7): one self-contained HTML page per article and a corpus dashboard.

    render_document_page(doc)   -> str   one document's JSON (as a dict) → HTML page
    render_dashboard(source)    -> str   corpus dashboard from OUT_DIR/tables (or document dicts)
    write_reports(out_dir)      -> int   OUT_DIR/reports/<doc_id>.html + index.html, atomically

Pages carry all their CSS and JS inline (no network). Every piece of article text goes through
Jinja2's autoescaping or `markupsafe.escape`, so markup in an article is shown, never run. The
dashboard reads the corpus tables (only the columns it needs), never the documents' full text,
so it scales to corpora far larger than memory would hold as documents.
"""

from __future__ import annotations

import importlib
from typing import Any

# name → submodule, imported on first use: a worker rendering pages never loads pandas (dashboard)
_EXPORTS = {"load_tables": "dashboard", "render_dashboard": "dashboard", "render_document_page": "document",
            "write_reports": "write"}

__all__ = ["load_tables", "render_dashboard", "render_document_page", "write_reports"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"pipeline.reports.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
