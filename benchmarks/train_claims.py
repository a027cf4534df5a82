"""Train the sentence models on every labelled article and write readable JSON weights:
models/argument/claims_model.json (claim type, risk, risk category, opportunity) and
models/argument/short_stance_model.json (target stance of short texts).

    python benchmarks/train_claims.py            # needs scikit-learn

Figures from held-out data: `pipeline eval claims` (benchmarks/claims_eval.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    from pipeline.argument import CLAIMS_MODEL, SHORT_MODEL
    from pipeline.argument.data import load_labels, load_short_texts
    from pipeline.argument.features import OPTIONS
    from pipeline.argument.lexicon import Lexicons, default_models_dir
    from pipeline.argument.training import C, LEXICON_SCALE, fit_sentence_models, fit_short_text_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="directory for the JSON files (default models/argument)")
    args = parser.parse_args(argv)
    out = args.out or default_models_dir() / "argument"
    out.mkdir(parents=True, exist_ok=True)
    lex = Lexicons.load()
    errors: list[str] = []
    # Features from the pipeline's own outputs for each labelled article (the code path of `pipeline run`).
    docs = load_labels(pipeline=True, errors=errors)
    meta = {"trained_on": [d.doc_id for d in docs], "sentences": sum(len(d.rows) for d in docs),
            "date": date.today().isoformat(), "regularisation_C": C, "lexicon_scale": LEXICON_SCALE,
            "features": dict(OPTIONS), "feature_source": "pipeline outputs (pipeline.argument.context.build_views)",
            "label_problems": errors,
            "trainer": "benchmarks/train_claims.py (scikit-learn LogisticRegression (liblinear, one-vs-rest), class_weight=balanced)"}
    models = fit_sentence_models(docs, lex)
    (out / CLAIMS_MODEL).write_text(json.dumps({"meta": meta, "models": {k: m.to_json() for k, m in models.items()}},
                                               ensure_ascii=False, indent=0), encoding="utf-8")
    short = load_short_texts()
    meta_short = dict(meta, trained_on=["corpus/stance/short_texts.jsonl"], sentences=len(short))
    model = fit_short_text_model(short, lex)
    (out / SHORT_MODEL).write_text(json.dumps({"meta": meta_short, "models": {"short_stance": model.to_json()}},
                                              ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"wrote {out / CLAIMS_MODEL} and {out / SHORT_MODEL}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
