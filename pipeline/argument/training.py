"""Training of the linear sentence models on the team's labelled sentences (needs scikit-learn:
`pip install scikit-learn`). Used by benchmarks/train_claims.py and benchmarks/claims_eval.py."""

from __future__ import annotations

from pipeline.argument.classify import NONE
from pipeline.argument.data import LabelledDoc
from pipeline.argument.features import CATEGORY_CONTEXT, SentenceView, features, is_non_claim, sentence_features
from pipeline.argument.lexicon import Lexicons
from pipeline.argument.linear import LinearModel

C = {"claim": 1.0, "risk": 1.0, "category": 0.5, "opportunity": 1.0, "short": 2.0}
LEXICON_SCALE = 3.0  # lexicon scores weigh more than any single character n-gram


def model_input(x: dict[str, float]) -> dict[str, float]:
    return {k: (v * LEXICON_SCALE if k.startswith("x:") else v) for k, v in x.items()}


def without_category_context(x: dict[str, float]) -> dict[str, float]:
    """The claim, risk and opportunity models do not see the risk-category context features."""
    return {k: v for k, v in x.items() if not k.startswith(CATEGORY_CONTEXT)}


def fit_linear(xs: list[dict], ys: list, name: str, c: float) -> LinearModel:
    """L2 logistic regression (liblinear; one-vs-rest for more than two classes, scores combined by
    softmax at prediction time), balanced class weights."""
    import warnings

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform(xs).tocsr()
    X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")  # liblinear wants 32-bit indices
    classes = sorted(set(ys), key=str)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if len(classes) <= 2:
            clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=3000)
            clf.fit(X, ys)
            coef, intercept, classes = clf.coef_, list(clf.intercept_), list(clf.classes_)
        else:
            import numpy
            from sklearn.multiclass import OneVsRestClassifier

            clf = OneVsRestClassifier(LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=3000))
            clf.fit(X, ys)
            classes = list(clf.classes_)
            coef = numpy.vstack([e.coef_ for e in clf.estimators_])
            intercept = [float(e.intercept_[0]) for e in clf.estimators_]
    names = vec.get_feature_names_out()
    weights = {}
    for j, feat in enumerate(names):
        w = [float(coef[k, j]) for k in range(coef.shape[0])]
        if max(abs(v) for v in w) >= 1e-3:
            weights[str(feat)] = w
    classes = [c.item() if hasattr(c, "item") else c for c in classes]
    return LinearModel(classes=classes, intercept=[float(v) for v in intercept], weights=weights, name=name)


def training_rows(docs: list[LabelledDoc], lex: Lexicons) -> list[tuple[dict, dict, SentenceView]]:
    out = []
    for doc in docs:
        for row, view, x in zip(doc.rows, doc.views, sentence_features(doc.views, lex)):
            if is_non_claim(view):
                continue  # fixed by rule, not learnt
            out.append((model_input(x), row, view))
    return out


def fit_sentence_models(docs: list[LabelledDoc], lex: Lexicons) -> dict[str, LinearModel]:
    rows = training_rows(docs, lex)
    xs = [without_category_context(r[0]) for r in rows]
    models = {
        "claim": fit_linear(xs, [r[1]["claim_type"] or NONE for r in rows], "claim", C["claim"]),
        "risk": fit_linear(xs, [bool(r[1]["risk"]) for r in rows], "risk", C["risk"]),
        "opportunity": fit_linear(xs, [bool(r[1]["opportunity"]) for r in rows], "opportunity", C["opportunity"]),
    }
    risky = [r for r in rows if r[1]["risk"]]
    models["category"] = fit_linear([r[0] for r in risky], [r[1]["risk_category"] for r in risky], "category", C["category"])
    return models


def short_text_features(text: str, target: str | None, lex: Lexicons) -> dict[str, float]:
    x = model_input(features(SentenceView(text), lex))
    return {k: v for k, v in x.items() if not k.startswith(("kind:", "pos:"))}


def fit_short_text_model(records: list[dict], lex: Lexicons) -> LinearModel:
    xs = [short_text_features(r["text"], r.get("target"), lex) for r in records]
    return fit_linear(xs, [r["label"] for r in records], "short_stance", C["short"])
