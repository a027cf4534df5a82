"""Writing results: atomic files, document JSON, and the corpus tables (pandas → Parquet + CSV)."""

from __future__ import annotations

import json
import os
import tempfile
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Union, get_args, get_origin

from pipeline.english import byline_names_en, byline_parts
from pipeline.models import (
    Claim, Document, EntityIndexEntry, EntityMention, Money, NumericCheck, Opportunity, Quantity, Risk,
    Section, Sentence,
)

if TYPE_CHECKING:  # pyarrow is imported by the table functions only: workers never need it
    import pyarrow as pa


def _file_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


def _temp_file(folder: Path, name: str) -> Path:
    """An empty hidden temp file in `folder` (cleaned up by the next run if this one is killed),
    with the permissions of an ordinary new file: mkstemp's 0600 would hide outputs from the
    user's other tools."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _FILE_MODE)
    finally:
        os.close(fd)
    return Path(tmp)


def atomic_write_with(path: Path, writer: Callable[[Path], None]) -> None:
    """Have `writer` write a temp file beside `path`, then rename it into place, so readers
    see the old file or the new one, never a part (also for pandas and pyarrow writers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_file(path.parent, path.name)
    try:
        writer(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def bytes_writer(data: bytes, *, durable: bool = True) -> Callable[[Path], None]:
    """A writer for `atomic_write_with` that writes `data` (flushed to disk if `durable`)."""
    def write(tmp: Path) -> None:
        with open(tmp, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())

    return write


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """`durable`: flushed to disk before the rename, so that even after a power cut the file is
    the old one or the whole new one. Without it the rename is still atomic for every reader and
    for a killed process; only an operating-system crash may leave the file empty.

    `atomic_write_with` for bytes, with fewer system calls (a run writes three files a document):
    the temp file is written through the descriptor that created it, and the folder is made only
    when it is missing."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(fd, "wb") as handle:  # closes fd
            os.fchmod(fd, _FILE_MODE)
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def document_json(document: Document) -> str:
    return document.model_dump_json(indent=1) + "\n"


# ---------------------------------------------------------------- tables

# table name → (Document field holding its rows, model of a row)
ITEM_TABLES: dict[str, tuple[str, type]] = {
    "sections": ("sections", Section),
    "sentences": ("sentences", Sentence),
    "entities": ("entities", EntityMention),
    "entity_index": ("entity_index", EntityIndexEntry),
    "money": ("money", Money),
    "quantities": ("quantities", Quantity),
    "numeric_checks": ("numeric_checks", NumericCheck),
    "claims": ("claims", Claim),
    "risks": ("risks", Risk),
    "opportunities": ("opportunities", Opportunity),
}
# documents table: one row per document, typed columns
DOCUMENT_COLUMNS: dict[str, Any] = {
    "doc_id": str, "path": str, "format": str, "encoding": str, "script": str, "sha256": str, "size_bytes": int,
    "title": str, "author": str, "reviewer": str, "editor": str, "publisher": str, "source": str,
    "n_chars": int, "n_sections": int, "n_sentences": int, "n_tokens": int, "n_entities": int, "n_money": int,
    "n_claims": int, "n_risks": int, "stance_label": str, "stance_score": float, "pipeline_version": str,
    # schema 1.4, appended so a reader that takes the earlier columns by position still finds them
    "published": str, "dateline": str, "document_number": str,
    # schema 1.5: the byline's author and source in English (source.byline.names_en), appended likewise
    "author_en": str, "source_en": str,
}
STANCE_COLUMNS: dict[str, Any] = {"doc_id": str, "target": str, "target_en": str, "label": str, "score": float,
                                  "evidence": str, "is_main": bool}
TABLE_NAMES = ["documents", *ITEM_TABLES, "stance"]


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _arrow_type(annotation: Any) -> pa.DataType:
    """Arrow column type for a model field; lists and dicts are stored as JSON text."""
    import pyarrow as pa

    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if options and set(options) <= {int, float}:
            return pa.float64() if float in options else pa.int64()
        return _arrow_type(options[0]) if len(options) == 1 else pa.string()
    return {bool: pa.bool_(), int: pa.int64(), float: pa.float64()}.get(annotation, pa.string())


def table_columns(name: str) -> list[str]:
    """The column names of a corpus table, in order (no pyarrow needed: workers use them)."""
    return list(_column_kinds(name))


def _column_kinds(name: str) -> dict[str, Any]:
    if name == "documents":
        return DOCUMENT_COLUMNS
    if name == "stance":
        return STANCE_COLUMNS
    model = ITEM_TABLES[name][1]
    columns = {"doc_id": str, **{field: info.annotation for field, info in model.model_fields.items()}}
    if name == "entities":
        columns["name_en"] = str
    return columns


def table_schema(name: str) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([(column, _arrow_type(kind)) for column, kind in _column_kinds(name).items()])


TableColumns = dict[str, dict[str, list[Any]]]  # table name -> column name -> its values, one a row


def _in_english(byline: dict[str, Any], role: str) -> str | None:
    """A byline field with its names in English (source.byline.names_en); None when none has an English name."""
    value = byline.get(role)
    parts = byline_parts(value, byline_names_en(byline)) if value else []
    return ", ".join(en or zh for zh, en in parts) if any(en for _, en in parts) else None


def document_columns(doc: dict[str, Any]) -> TableColumns:
    """The table rows of one document, given as its JSON dict (as in docs/<doc_id>.json), column by
    column in each table's column order: what a worker sends to the batch driver, which only
    extends its pending columns with them (no dict a row to build, pickle and take apart)."""
    doc_id = doc["doc_id"]
    source = doc["source"]
    byline = source.get("byline") or {}
    stance = doc.get("stance") or {}
    document = (
        doc_id, source["path"], source["format"], source["encoding"], source["script"], source["sha256"],
        source["size_bytes"], source.get("title"), byline.get("author"), byline.get("reviewer"),
        byline.get("editor"), byline.get("publisher"), byline.get("source"),
        len(doc["text"]), len(doc["sections"]), len(doc["sentences"]), len(doc["tokens"]), len(doc["entities"]),
        len(doc["money"]), len(doc["claims"]), len(doc["risks"]), stance.get("label"), stance.get("score"),
        doc["provenance"]["pipeline_version"],
        source.get("published"), byline.get("dateline"), byline.get("document_number"),
        _in_english(byline, "author"), _in_english(byline, "source"),
    )
    tables: TableColumns = {"documents": {column: [value]
                                          for column, value in zip(_TABLE_COLUMNS["documents"], document)}}
    dumps = json.dumps
    for table, (field_name, _) in ITEM_TABLES.items():
        items = doc.get(field_name) or []
        columns = {"doc_id": [doc_id] * len(items)}
        for column in _TABLE_COLUMNS[table][1:]:  # _flat, inline: some 2,000 values a document
            columns[column] = [dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
                               for value in [item.get(column) for item in items]]
        tables[table] = columns
    names = {entry["entity_id"]: entry.get("name_en") for entry in doc.get("entity_index", [])}
    tables["entities"]["name_en"] = [names.get(entity_id) for entity_id in tables["entities"]["entity_id"]]
    stance_rows = []
    if stance:
        stance_rows = [_stance_row(doc_id, stance, True),
                       *(_stance_row(doc_id, target, False) for target in stance.get("targets", []))]
    tables["stance"] = {column: [row[column] for row in stance_rows] for column in _TABLE_COLUMNS["stance"]}
    return tables


class TableWriter:
    """Streams rows into `tables_dir/<table>.parquet` and `.csv`, a batch at a time, so a corpus of
    any size is never held in memory; files appear (atomically) only when `close` succeeds."""

    def __init__(self, tables_dir: Path, batch_rows: int = 20_000):
        import pyarrow as pa
        import pyarrow.parquet as pq

        if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
            # Arrow's default pool (mimalloc) keeps the pages it frees: ~60 MB more peak memory
            # for a 500-document corpus than malloc, which also reuses what the analysis freed.
            pa.set_memory_pool(pa.system_memory_pool())
        self.tables_dir = tables_dir
        self.batch_rows = batch_rows
        self.schemas = {name: table_schema(name) for name in TABLE_NAMES}
        # pending rows are kept column by column: a dict per row would cost several times the memory
        self.pending: dict[str, dict[str, list[Any]]] = {}
        self.pending_rows = {name: 0 for name in TABLE_NAMES}
        self.counts = {name: 0 for name in TABLE_NAMES}
        self.temp: dict[str, tuple[Path, Path]] = {}
        self.parquet: dict[str, pq.ParquetWriter] = {}
        tables_dir.mkdir(parents=True, exist_ok=True)
        for name in TABLE_NAMES:
            self.pending[name] = {column: [] for column in self.schemas[name].names}
            parquet_tmp = _temp_file(tables_dir, f"{name}.parquet")
            csv_tmp = _temp_file(tables_dir, f"{name}.csv")
            self.temp[name] = (parquet_tmp, csv_tmp)
            self.parquet[name] = pq.ParquetWriter(parquet_tmp, self.schemas[name])

    def add(self, doc: dict[str, Any]) -> None:
        """A document given as its JSON dict."""
        self.add_columns(document_columns(doc))

    def add_columns(self, tables: TableColumns) -> None:
        """A document's rows, as `document_columns` makes them (e.g. in a worker process)."""
        for name, columns in tables.items():
            pending = self.pending[name]
            for column, values in columns.items():
                pending[column].extend(values)
            self.pending_rows[name] += len(columns["doc_id"])
            if self.pending_rows[name] >= self.batch_rows:
                self._flush(name)

    def _flush(self, name: str) -> None:
        import pyarrow as pa

        schema = self.schemas[name]
        table = pa.Table.from_pydict(self.pending[name], schema=schema)
        self.pending[name] = {column: [] for column in schema.names}
        self.parquet[name].write_table(table)
        table.to_pandas().to_csv(self.temp[name][1], mode="a", header=self.counts[name] == 0, index=False)
        self.counts[name] += self.pending_rows[name]
        self.pending_rows[name] = 0

    def close(self) -> dict[str, int]:
        try:
            for name in TABLE_NAMES:
                if self.pending_rows[name] or self.counts[name] == 0:
                    self._flush(name)
                self.parquet[name].close()
            for name, (parquet_tmp, csv_tmp) in self.temp.items():
                os.replace(parquet_tmp, self.tables_dir / f"{name}.parquet")
                os.replace(csv_tmp, self.tables_dir / f"{name}.csv")
        except BaseException:
            self.abort()
            raise
        return dict(self.counts)

    def abort(self) -> None:
        for writer in self.parquet.values():
            try:
                writer.close()
            except Exception:
                pass
        for paths in self.temp.values():
            for path in paths:
                path.unlink(missing_ok=True)


def _stance_row(doc_id: str, stance: dict[str, Any], is_main: bool) -> dict[str, Any]:
    return {"doc_id": doc_id, "target": stance.get("target"), "target_en": stance.get("target_en"),
            "label": stance.get("label"), "score": stance.get("score"),
            "evidence": _flat(stance.get("evidence", [])), "is_main": is_main}


_TABLE_COLUMNS = {name: table_columns(name) for name in TABLE_NAMES}
