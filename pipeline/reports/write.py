"""Writing the reports of a run: `OUT_DIR/reports/<doc_id>.html` and `OUT_DIR/reports/index.html`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline.outputs import atomic_write_text
from pipeline.reports.dashboard import load_tables, read_docs, render_dashboard
from pipeline.reports.document import render_document_page


def write_reports(out_dir: Path, *, log: Callable[[str], None] | None = None) -> int:
    """Render every `OUT_DIR/docs/*.json` to `OUT_DIR/reports/<doc_id>.html` (one document in
    memory at a time) and the dashboard to `OUT_DIR/reports/index.html`, each written to a temp
    file and renamed. The dashboard reads `OUT_DIR/tables/` when it is there, else the documents.
    Returns the number of document pages written; a document that cannot be read or rendered is
    reported through `log` (stderr by default) and skipped."""
    out_dir = Path(out_dir)
    emit = log or (lambda message: print(message, file=sys.stderr))
    reports = out_dir / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    for stale in reports.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    paths = sorted((out_dir / "docs").glob("*.json"))
    written = 0
    for path in paths:
        try:
            with open(path, encoding="utf-8") as handle:
                doc = json.load(handle)
            page = render_document_page(doc)
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            emit(f"error: {path}: cannot render report ({type(exc).__name__}: {exc})")
            continue
        atomic_write_text(reports / f"{path.stem}.html", page)
        written += 1
    if (out_dir / "tables" / "documents.parquet").exists() or (out_dir / "tables" / "documents.csv").exists():
        dashboard = render_dashboard(load_tables(out_dir / "tables"))
    else:
        dashboard = render_dashboard(read_docs(paths))
    atomic_write_text(reports / "index.html", dashboard)
    return written
