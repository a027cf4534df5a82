"""Training of the linear sentence models on the team's labelled sentences (needs scikit-learn:
`pip install scikit-learn`). Used by benchmarks/train_claims.py and benchmarks/claims_eval.py."""

from __future__ import annotations

from pipeline.argument.classify import NONE
from pipeline.argument.data import LabelledDoc
from pipeline.argument.features import CATEGORY_CONTEXT, SentenceView, features, is_non_claim, sentence_features
from pipeline.argument.lexicon import Lexicons
from pipeline.argument.linear import LinearModel

C = {"claim": 0.5, "risk": 1.0, "risk_context": 1.0, "category": 0.5, "opportunity": 1.0, "short": 2.0}
LEXICON_SCALE = 3.0  # lexicon scores weigh more than any single character n-gram
# Naive-Bayes-weighted character n-grams (NBSVM, Wang & Manning 2012) for these models: each class's
# logistic regression sees every `c:` feature scaled by its smoothed log-count ratio (class vs rest) in
# the training sentences; the shipped weights are the products, so prediction is unchanged (one linear
# score per class). Round 5, under article-held-out CV: claim macro-F1 0.739 -> 0.754 (with C 0.5);
# risk category accuracy on all gold risks 0.640 -> 0.673; the risk model was better without it (README).
NB_WEIGHTED = {"claim": True, "category": True}
NB_ALPHA = 1.0
# Risk, second stage (stacking): the risk model again, plus the first-stage risk probabilities of the
# sentences one and two before and after, the larger neighbour, the document's mean and the section's
# mean (`st:` features, x CONTEXT_SCALE; `risk_context_features`). The first-stage probabilities of the
# training sentences come from an inner cross-validation by article (RISK_CONTEXT_FOLDS folds), so the
# second stage learns from probabilities like the ones it sees at run time. Risks come in runs and
# sections ("先说电……电网却要十年……"): round 5, risk F1 0.701 -> 0.725 (README).
RISK_CONTEXT_FOLDS = 5
CONTEXT_SCALE = 3.0


def model_input(x: dict[str, float]) -> dict[str, float]:
    return {k: (v * LEXICON_SCALE if k.startswith("x:") else v) for k, v in x.items()}


def without_category_context(x: dict[str, float]) -> dict[str, float]:
    """The claim, risk and opportunity models do not see the risk-category context features."""
    return {k: v for k, v in x.items() if not k.startswith(CATEGORY_CONTEXT)}


def fit_linear(xs: list[dict], ys: list, name: str, c: float, nb: bool = False) -> LinearModel:
    """L2 logistic regression (liblinear; one-vs-rest for more than two classes, scores combined by
    softmax at prediction time), balanced class weights. `nb`: NB-weighted character n-grams
    (`fit_nb_linear`)."""
    import warnings

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform(xs).tocsr()
    X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")  # liblinear wants 32-bit indices
    classes = sorted(set(ys), key=str)
    if nb:
        return _fit_nb_linear(X, list(vec.get_feature_names_out()), ys, classes, name, c)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if len(classes) <= 2:
            clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=3000, random_state=0)
            clf.fit(X, ys)
            coef, intercept, classes = clf.coef_, list(clf.intercept_), list(clf.classes_)
        else:
            import numpy
            from sklearn.multiclass import OneVsRestClassifier

            clf = OneVsRestClassifier(LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=3000,
                                                                        random_state=0))
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


def nb_ratios(B, positive, alpha: float = NB_ALPHA):
    """Smoothed log-count ratio of each (binary) feature column: log((p / |p|) / (q / |q|)), p and q the
    column sums over the positive and the other rows, plus alpha."""
    import numpy

    p = numpy.asarray(B[positive].sum(axis=0)).ravel() + alpha
    q = numpy.asarray(B[~positive].sum(axis=0)).ravel() + alpha
    return numpy.log((p / p.sum()) / (q / q.sum()))


def _fit_nb_linear(X, names: list[str], ys: list, classes: list, name: str, c: float) -> LinearModel:
    """One binary logistic regression per class (one for a two-class problem) over the features with
    each character n-gram (`c:`) scaled by its NB log-count ratio for that class; the weights returned
    are coefficient x ratio, so the model scores the unscaled features."""
    import warnings

    import numpy
    from sklearn.linear_model import LogisticRegression

    ngram = numpy.array([f.startswith("c:") for f in names])
    B = (X > 0).astype(numpy.float64).tocsr()
    labels = numpy.array([str(y) for y in ys])
    targets = [classes[1]] if len(classes) == 2 else classes
    coefs, intercepts = [], []
    for target in targets:
        positive = labels == str(target)
        ratio = numpy.where(ngram, nb_ratios(B, positive), 1.0)
        Xr = X.multiply(ratio).tocsr()
        Xr.indices, Xr.indptr = Xr.indices.astype("int32"), Xr.indptr.astype("int32")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=3000, random_state=0)
            clf.fit(Xr, positive)
        coefs.append(clf.coef_[0] * ratio)
        intercepts.append(float(clf.intercept_[0]))
    coef = numpy.vstack(coefs)
    keep = numpy.abs(coef).max(axis=0) >= 1e-3
    weights = {names[j]: [float(v) for v in coef[:, j]] for j in numpy.flatnonzero(keep)}
    classes = [k.item() if hasattr(k, "item") else k for k in classes]
    return LinearModel(classes=classes, intercept=intercepts, weights=weights, name=name)


def training_rows(docs: list[LabelledDoc], lex: Lexicons) -> list[tuple[dict, dict, SentenceView]]:
    out = []
    for doc in docs:
        for row, view, x in zip(doc.rows, doc.views, sentence_features(doc.views, lex)):
            if is_non_claim(view):
                continue  # fixed by rule, not learnt
            out.append((model_input(x), row, view))
    return out


def _fit(xs: list[dict], ys: list, name: str) -> LinearModel:
    return fit_linear(xs, ys, name, C[name], nb=NB_WEIGHTED.get(name, False))


def fit_sentence_models(docs: list[LabelledDoc], lex: Lexicons, risk_context: bool = True) -> dict[str, LinearModel]:
    rows = training_rows(docs, lex)
    xs = [without_category_context(r[0]) for r in rows]
    models = {
        "claim": _fit(xs, [r[1]["claim_type"] or NONE for r in rows], "claim"),
        "risk": _fit(xs, [bool(r[1]["risk"]) for r in rows], "risk"),
        "opportunity": _fit(xs, [bool(r[1]["opportunity"]) for r in rows], "opportunity"),
    }
    risky = [r for r in rows if r[1]["risk"]]
    models["category"] = _fit([r[0] for r in risky], [r[1]["risk_category"] for r in risky], "category")
    if risk_context and len(docs) >= 2:
        models["risk_context"] = fit_risk_context(docs, lex)
    return models


def risk_context_features(probs: list[float], k: int, sections: list[str | None] | None = None) -> dict[str, float]:
    """The second-stage risk model's context features of sentence k, from the first-stage risk
    probabilities of the document's sentences (`probs`, every sentence in order): the previous and next
    sentence, the ones two away, the larger neighbour, the document's mean and (with `sections`, each
    sentence's section title) the mean over the other sentences of the same titled section."""
    def at(j: int) -> float:
        return probs[j] if 0 <= j < len(probs) else 0.0

    out = {"st:prev": at(k - 1), "st:next": at(k + 1), "st:prev2": at(k - 2), "st:next2": at(k + 2),
           "st:max": max(at(k - 1), at(k + 1)), "st:doc": sum(probs) / max(len(probs), 1)}
    if sections is not None and sections[k]:
        same = [probs[j] for j, title in enumerate(sections) if title == sections[k] and j != k]
        if same:
            out["st:sec"] = sum(same) / len(same)
    return {name: CONTEXT_SCALE * value for name, value in out.items() if value}


def fit_risk_context(docs: list[LabelledDoc], lex: Lexicons) -> LinearModel:
    """The second-stage risk model (see RISK_CONTEXT_FOLDS), trained on `docs` with first-stage
    probabilities from an inner cross-validation by article."""
    per_doc = []
    for doc in docs:
        xs = [without_category_context(model_input(x)) for x in sentence_features(doc.views, lex)]
        per_doc.append((doc, xs, [is_non_claim(v) for v in doc.views]))
    folds = min(RISK_CONTEXT_FOLDS, len(docs))
    rows_x, rows_y = [], []
    for j in range(folds):
        held = per_doc[j::folds]
        train = [item for i, item in enumerate(per_doc) if i % folds != j]
        inner = _fit([x for _, xs, nc in train for x, n in zip(xs, nc) if not n],
                     [bool(r["risk"]) for d, _, nc in train for r, n in zip(d.rows, nc) if not n], "risk")
        for doc, xs, nc in held:
            probs = [inner.proba(x)[True] for x in xs]
            sections = [v.section_title for v in doc.views]
            for k, (x, n, row) in enumerate(zip(xs, nc, doc.rows)):
                if not n:
                    rows_x.append({**x, **risk_context_features(probs, k, sections)})
                    rows_y.append(bool(row["risk"]))
    return _fit(rows_x, rows_y, "risk_context")


def short_text_features(text: str, target: str | None, lex: Lexicons) -> dict[str, float]:
    x = model_input(features(SentenceView(text), lex))
    return {k: v for k, v in x.items() if not k.startswith(("kind:", "pos:"))}


def fit_short_text_model(records: list[dict], lex: Lexicons) -> LinearModel:
    xs = [short_text_features(r["text"], r.get("target"), lex) for r in records]
    return fit_linear(xs, [r["label"] for r in records], "short_stance", C["short"])
