"""Command line: `pipeline run`, `pipeline analyze`, `pipeline validate`, `pipeline schema`, `pipeline eval`.

Exit status: 0 all documents analysed; 1 some failed; 2 usage error or nothing could be read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import runpy
import sys
from pathlib import Path

from pipeline import gc_paused

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="analyse every article under CORPUS_DIR")
    run.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    run.add_argument("--out", type=Path, required=True, metavar="OUT_DIR")
    run.add_argument("--force", action="store_true", help="redo documents whose outputs are up to date")
    run.add_argument("--config", type=Path, help="pipeline config (default: models/pipeline.toml)")
    run.add_argument("--max-bytes", type=int, help="largest article accepted, in bytes")
    run.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    run.add_argument("--workers", type=int, help="worker processes (default: one per core; 1 = this process)")
    _add_mt_options(run)
    where = run.add_mutually_exclusive_group()
    where.add_argument("--dask", metavar="local", choices=["local"],
                       help="run on a Dask LocalCluster on this machine")
    where.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="run on a running Dask scheduler")

    analyze = commands.add_parser("analyze", help="print one document's JSON (or JSON Lines with --jsonl)")
    analyze.add_argument("file", metavar="FILE", help="article file, or - for standard input")
    analyze.add_argument("--jsonl", action="store_true",
                         help='FILE holds records {"id", "text", "target"}; one result per line')
    analyze.add_argument("--target", action="append", default=[], metavar="TEXT",
                         help="also give the stance toward TEXT (repeatable)")
    analyze.add_argument("--config", type=Path)
    analyze.add_argument("--max-bytes", type=int)
    _add_mt_options(analyze)

    models = commands.add_parser("models", help="translation models: pull (needs internet) or list")
    model_commands = models.add_subparsers(dest="models_command", required=True)
    pull = model_commands.add_parser("pull", help="download a seq2seq model into the Hugging Face cache")
    pull.add_argument("name", nargs="?", default=None, help="hub id (default Helsinki-NLP/opus-mt-zh-en)")
    pull.add_argument("--revision")
    pull.add_argument("--ctranslate2", action="store_true", help="also convert it for CTranslate2 (int8)")
    listing = model_commands.add_parser("list", help="models present in the local cache")
    listing.add_argument("--json", action="store_true")

    report = commands.add_parser("report", help="(re)write OUT_DIR/reports/<doc_id>.html and index.html")
    report.add_argument("out", type=Path, metavar="OUT_DIR")

    validate = commands.add_parser("validate", help="check document JSON files against the schema")
    validate.add_argument("paths", nargs="+", type=Path, help="document JSON files or an OUT_DIR")

    schema = commands.add_parser("schema", help="print the document JSON Schema")
    schema.add_argument("--write", action="store_true", help="regenerate the schema file in the package")

    evaluate = commands.add_parser("eval", help="evaluation scripts (benchmarks/<name>_eval.py)")
    evaluate.add_argument("name", help="figures, entities, ...")
    evaluate.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def _add_mt_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mt", metavar="MODEL",
                        help="translate claim/risk/opportunity/evidence sentences with this seq2seq model "
                             "(hub id in the local cache, or a folder); default: the config's [translation]")
    parser.add_argument("--mt-backend", choices=["transformers", "ctranslate2"])


def _config(args: argparse.Namespace):
    """The pipeline config, with --mt / --mt-backend applied. A translation model that is not
    available offline is reported once here, and the run goes on without translation."""
    from pipeline.config import PipelineConfig

    config = PipelineConfig.load(args.config)
    if getattr(args, "mt", None):
        config.translation_model = args.mt
    if getattr(args, "mt_backend", None):
        config.translation_backend = args.mt_backend
    if config.translation_model and config.translation_backend == "transformers":
        from pipeline.translation import ModelUnavailable, resolve_model

        try:
            resolve_model(config.translation_model)
        except ModelUnavailable as exc:
            print(f"warning: {exc}", file=sys.stderr)
            config.translation_model = None
    return config


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"run": _run, "analyze": _analyze, "validate": _validate, "schema": _schema,
                "eval": _eval, "models": _models, "report": _report}[args.command](args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _load_analyzer(args: argparse.Namespace):
    from pipeline.nlp import Analyzer

    return Analyzer(_config(args), on_message=lambda message: print(f"warning: {message}", file=sys.stderr))


def _run(args: argparse.Namespace) -> int:
    with gc_paused():  # imports build long-lived objects only
        from pipeline.batch import UsageError, run_corpus

    if args.config and not args.config.exists():
        print(f"error: {args.config}: config file does not exist", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        report, status = run_corpus(args.corpus, args.out, config=_config(args), force=args.force,
                                    max_bytes=args.max_bytes, workers=args.workers,
                                    dask=args.scheduler or args.dask,
                                    progress=False if args.no_progress else None)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    counts = report.counts
    print(f"{counts['analysed']} analysed, {counts['skipped']} up to date, {counts['failed']} failed "
          f"-> {args.out} ({report.duration_s:.1f} s, {report.workers} worker{'s' if report.workers > 1 else ''})",
          file=sys.stderr)
    return status


def _analyze(args: argparse.Namespace) -> int:
    with gc_paused():  # imports build long-lived objects only
        from pipeline.ingest import (DEFAULT_MAX_BYTES, IngestError, article_from_bytes, doc_id_for, format_of,
                                     read_bytes)

    max_bytes = args.max_bytes or DEFAULT_MAX_BYTES
    try:
        if args.file == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise IngestError(f"<stdin>: over the {max_bytes} byte limit for one article")
            name, doc_id, fmt = "<stdin>", "stdin", "txt"
        else:
            path = Path(args.file)
            if not path.exists() and not path.is_symlink():
                print(f"error: {path}: file does not exist", file=sys.stderr)
                return EXIT_USAGE
            data = read_bytes(path, max_bytes=max_bytes)
            name, doc_id, fmt = str(path), doc_id_for(path), format_of(path)
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.jsonl:
        with gc_paused():
            analyzer = _load_analyzer(args)
        return _analyze_jsonl(analyzer, data, name, args.target)
    try:
        with gc_paused():  # one document, then the process ends: no collection needed
            analyzer = _load_analyzer(args)
            article = article_from_bytes(data, doc_id=doc_id, path=name, fmt=fmt)
            document = _finish(analyzer, article, args.target)
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(json.dumps(document.model_dump(mode="json"), ensure_ascii=False) + "\n")
    return EXIT_OK


def _finish(analyzer, article, targets):
    return analyzer.analyze(article, targets=targets or None)


def _analyze_jsonl(analyzer, data: bytes, name: str, targets: list[str]) -> int:
    from pipeline.ingest import IngestError, article_from_text

    failed = succeeded = 0
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        print(f"error: {name}: JSON Lines input must be UTF-8 ({exc.reason} at byte {exc.start})", file=sys.stderr)
        return EXIT_USAGE
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record_id = None
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("record is not a JSON object")
            record_id = record.get("id")
            text = record.get("text")
            if not isinstance(text, str):
                raise ValueError('record has no "text" string')
            doc_id = str(record_id) if record_id is not None else f"line-{number}"
            record_targets = list(targets)
            if isinstance(record.get("target"), str):
                record_targets.append(record["target"])
            article = article_from_text(
                text, doc_id=doc_id, path=f"{name}:{number}", fmt="jsonl",
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                size_bytes=len(text.encode("utf-8")), encoding="utf-8")
            result = _finish(analyzer, article, record_targets).model_dump(mode="json")
            succeeded += 1
        except (ValueError, IngestError) as exc:
            reason = str(exc)
            result = {"id": record_id, "error": f"{name}:{number}: {reason}"}
            print(f"error: {name}:{number}: {reason}", file=sys.stderr)
            failed += 1
        except Exception as exc:  # one bad record must not stop the rest
            result = {"id": record_id, "error": f"{name}:{number}: {type(exc).__name__}: {exc}"}
            print(f"error: {result['error']}", file=sys.stderr)
            failed += 1
        if "error" not in result:
            result = {"id": record_id, **result}
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    if failed and not succeeded:
        return EXIT_USAGE
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from pipeline.schema import validation_errors

    files: list[Path] = []
    for path in args.paths:
        if path.is_dir():
            files.extend(sorted((path / "docs").glob("*.json") if (path / "docs").is_dir() else path.glob("*.json")))
        else:
            files.append(path)
    if not files:
        print("error: no document JSON files given", file=sys.stderr)
        return EXIT_USAGE
    bad = 0
    for file in files:
        try:
            problems = validation_errors(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, ValueError) as exc:
            problems = [f"cannot be read as JSON: {exc}"]
        if problems:
            bad += 1
            for problem in problems[:20]:
                print(f"{file}: {problem}", file=sys.stderr)
    print(f"{len(files) - bad} valid, {bad} invalid", file=sys.stderr)
    return EXIT_OK if not bad else EXIT_SOME_FAILED


def _schema(args: argparse.Namespace) -> int:
    from pipeline.schema import SCHEMA_FILE, schema_text

    text = schema_text()
    if args.write:
        from pipeline.outputs import atomic_write_text

        atomic_write_text(SCHEMA_FILE, text)
        print(f"wrote {SCHEMA_FILE}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from pipeline.reports import write_reports

    if not (args.out / "docs").is_dir():
        print(f"error: {args.out}: no docs/ folder (run `pipeline run` first)", file=sys.stderr)
        return EXIT_USAGE
    pages = write_reports(args.out)
    print(f"wrote {pages} pages and index.html to {args.out / 'reports'}", file=sys.stderr)
    return EXIT_OK


def _models(args: argparse.Namespace) -> int:
    from pipeline.translation import DEFAULT_MODEL, ModelUnavailable, format_model_list, list_models, pull_model

    if args.models_command == "list":
        models = list_models()
        if args.json:
            from pipeline.translation.manage import models_as_json

            print(json.dumps(models_as_json(models), ensure_ascii=False, indent=1))
        else:
            print(format_model_list(models))
        return EXIT_OK
    name = args.name or DEFAULT_MODEL
    try:
        folder = pull_model(name, revision=args.revision, ctranslate2=args.ctranslate2)
    except ModelUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ImportError as exc:
        print(f"error: pulling models needs the [mt] extra (pip install -e '.[mt]'): {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # network or hub errors
        print(f"error: could not download {name!r}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_SOME_FAILED
    print(f"{name} -> {folder}", file=sys.stderr)
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from pipeline.paths import REPO_ROOT

    script = REPO_ROOT / "benchmarks" / f"{args.name}_eval.py"
    if not script.exists():
        known = sorted(p.name[: -len("_eval.py")] for p in (REPO_ROOT / "benchmarks").glob("*_eval.py"))
        print(f"error: no evaluation named {args.name!r} (known: {', '.join(known) or 'none'})", file=sys.stderr)
        return EXIT_USAGE
    namespace = runpy.run_path(str(script), run_name="pipeline_eval")
    return int(namespace["main"](args.args) or 0)


if __name__ == "__main__":
    sys.exit(main())
