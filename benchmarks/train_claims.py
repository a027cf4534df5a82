"""Train the sentence models on every labelled article and write the weights:
models/argument/claims_model.npz (claim type, risk (two stages), risk category, opportunity; numpy, fast to load,
format in pipeline/argument/linear.py) and models/argument/short_stance_model.json (target stance of
short texts, readable JSON).

    python benchmarks/train_claims.py            # needs scikit-learn
    python benchmarks/train_claims.py --json     # also a readable claims_model.json (feature -> weights)

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
    from pipeline.argument import CLAIMS_MODEL, CLAIMS_MODEL_JSON, SHORT_MODEL
    from pipeline.argument.data import load_labels, load_short_texts, parse_ids
    from pipeline.argument.features import CATEGORY_VOCABULARY, OPTIONS
    from pipeline.argument.lexicon import Lexicons, default_models_dir
    from pipeline.argument.linear import save_npz
    from pipeline.argument.training import (C, CALIBRATE, CONTEXT_SCALE, CUE_WEIGHT_GRID, SECTION_WEIGHT_GRID, LEXICON_SCALE, NB_ALPHA, NB_WEIGHTED,
                                            RISK_C_GRID, RISK_CONTEXT_FOLDS, THRESHOLD_FOLDS, WORD_MODELS,
                                            fit_sentence_models, fit_short_text_model)

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="directory for the weight files (default models/argument)")
    parser.add_argument("--json", action="store_true", help="also write the claims models as readable JSON")
    parser.add_argument("--ids", default="", help="train on these labelled articles only: comma-separated doc ids or a "
                                                  "file of ids (the other label files are not opened)")
    parser.add_argument("--exclude", default="", help="train on all labelled articles but these (ids or a file)")
    args = parser.parse_args(argv)
    out = args.out or default_models_dir() / "argument"
    out.mkdir(parents=True, exist_ok=True)
    lex = Lexicons.load()
    errors: list[str] = []
    # Features from the pipeline's own outputs for each labelled article (the code path of `pipeline run`).
    docs = load_labels(pipeline=True, errors=errors, ids=parse_ids(args.ids), exclude=parse_ids(args.exclude))
    meta = {"trained_on": [d.doc_id for d in docs], "sentences": sum(len(d.rows) for d in docs),
            "date": date.today().isoformat(), "regularisation_C": C, "lexicon_scale": LEXICON_SCALE,
            "features": dict(OPTIONS), "category_vocabulary": CATEGORY_VOCABULARY, "feature_source": "pipeline outputs (pipeline.argument.context.build_views)",
            "label_problems": errors,
            "nb_weighted": NB_WEIGHTED, "nb_alpha": NB_ALPHA,
            "risk_context": {"folds": RISK_CONTEXT_FOLDS, "scale": CONTEXT_SCALE},
            "word_models": sorted(WORD_MODELS),
            "chosen_inside_training": {"calibrate": CALIBRATE, "folds": THRESHOLD_FOLDS, "risk_C_grid": list(RISK_C_GRID),
                                       "category_cue_weight_grid": list(CUE_WEIGHT_GRID),
                                       "category_section_weight_grid": list(SECTION_WEIGHT_GRID)},
            "trainer": "benchmarks/train_claims.py (scikit-learn LogisticRegression (liblinear, one-vs-rest), class_weight=balanced; "
                       "NB-weighted character n-grams for the models in nb_weighted; risk_context = second-stage risk model)"}
    models = fit_sentence_models(docs, lex)
    save_npz(out / CLAIMS_MODEL, models, meta)
    written = [out / CLAIMS_MODEL]
    if args.json:
        (out / CLAIMS_MODEL_JSON).write_text(json.dumps({"meta": meta, "models": {k: m.to_json() for k, m in models.items()}},
                                                        ensure_ascii=False, indent=0), encoding="utf-8")
        written.append(out / CLAIMS_MODEL_JSON)
    short = load_short_texts()
    meta_short = dict(meta, trained_on=["corpus/stance/short_texts.jsonl"], sentences=len(short))
    model = fit_short_text_model(short, lex)
    (out / SHORT_MODEL).write_text(json.dumps({"meta": meta_short, "models": {"short_stance": model.to_json()}},
                                              ensure_ascii=False, indent=0), encoding="utf-8")
    written.append(out / SHORT_MODEL)
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
