"""Training of the linear sentence models on the team's labelled sentences (needs scikit-learn:
`pip install scikit-learn`). Used by benchmarks/train_claims.py and benchmarks/claims_eval.py."""

from __future__ import annotations

from pipeline.argument.classify import NONE
from pipeline.argument.data import LabelledDoc
from pipeline.argument.features import CATEGORY_CONTEXT, DOCUMENT_TONE, PARAGRAPH, SECTION_WORDS, SentenceView, features, is_non_claim, sentence_features
from pipeline.argument.lexicon import Lexicons
from pipeline.argument.linear import LinearModel

C = {"claim": 0.5, "risk": 1.0, "risk_context": 1.0, "category": 0.3, "opportunity": 1.0, "short": 2.0}
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
# Decision thresholds chosen inside the training articles: the second-stage risk model's threshold is the
# F1-best on its own inner-cross-validated probabilities (THRESHOLD_FOLDS folds by article) and is
# folded into the intercept, so a shipped model decides at probability 0.5 as before.
# The category-cue weight (classify.combined_category) likewise: the grid value with the most held-out
# gold risks right in the inner cross-validation (stored with the model, `params`).
CALIBRATE = {"risk_context": True, "category": True}
THRESHOLD_FOLDS = 5
CUE_WEIGHT_GRID = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0)
# Session 7: the section title's category cues in the vote (classify.combined_category), weight chosen with the cue weight.
SECTION_WEIGHT_GRID = (0.0, 0.3, 0.6, 1.0)
RISK_C_GRID = (1.0,)  # (0.3, 1.0, 3.0) measured risk F1 0.719 vs 0.722 with 1.0 alone (README, round 6)


NGRAM_PREFIXES = ("c:", "w:")  # character and word n-grams (NB-weighted where NB_WEIGHTED says so)
# Words of the pipeline's own tokens (features.OPTIONS["words"], unigrams; bigrams with "word_bigrams") are
# seen by these models only (README, round 6).
WORD_MODELS = {"claim", "risk", "risk_context"}
# The risk-shape features (features.outcome_scores, session 7) are seen by these models only: they are built for
# the risk decision, and the claim and category models measured slightly worse with them (README, session 7).
OUTCOME_FEATURES = frozenset("x:" + k for k in ("outcome", "outcome_negated", "modal_outcome", "conditional_negative",
                                                "contrast_negative", "shortfall", "announce"))
OUTCOME_MODELS = {"risk", "risk_context"}
# The document-tone features (features.document_tone, `doc:`, session 9) are seen by the two risk models only.
TONE_MODELS = {"risk", "risk_context"}
# The section title's character bigrams (`sw:`, features.OPTIONS["section_words"], session 11) likewise.
SECTION_MODELS = {"risk", "risk_context"}
# The sentence's place in its paragraph (`par:`, features.OPTIONS["paragraph"], session 12).
PARAGRAPH_MODELS = {"risk", "risk_context"}


def doc_features(doc: LabelledDoc, lex: Lexicons) -> list[dict[str, float]]:
    """`model_input(sentence_features(...))` of a labelled article, computed once per feature options
    (cross-validation trains on the same articles many times)."""
    from pipeline.argument.features import OPTIONS

    key = (id(lex), tuple(sorted(OPTIONS.items())))
    cache = doc.__dict__.setdefault("_features", {})
    if key not in cache:
        cache.clear()
        cache[key] = [model_input(x) for x in sentence_features(doc.views, lex)]
    return cache[key]


def model_input(x: dict[str, float]) -> dict[str, float]:
    return {k: (v * LEXICON_SCALE if k.startswith("x:") else v) for k, v in x.items()}


def without_category_context(x: dict[str, float]) -> dict[str, float]:
    """The claim, risk and opportunity models do not see the risk-category context features."""
    return {k: v for k, v in x.items() if not k.startswith(CATEGORY_CONTEXT)}


def vectorize(xs: list[dict]):
    """(CSR matrix with 32-bit indices, feature names in column order) of sparse feature dicts (what
    sklearn's DictVectorizer does, ~10x faster for these small dicts)."""
    import numpy
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    cols: list[int] = []
    vals: list[float] = []
    indptr = [0]
    for x in xs:
        for feature, value in x.items():
            j = index.get(feature)
            if j is None:
                j = index[feature] = len(index)
            cols.append(j)
            vals.append(value)
        indptr.append(len(cols))
    X = csr_matrix((numpy.array(vals, dtype=numpy.float64), numpy.array(cols, dtype=numpy.int32),
                    numpy.array(indptr, dtype=numpy.int32)), shape=(len(xs), len(index)))
    X.sum_duplicates()
    X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")  # liblinear wants 32-bit indices
    return X, list(index)


def fit_linear(xs: list[dict], ys: list, name: str, c: float, nb: bool = False) -> LinearModel:
    """L2 logistic regression (liblinear, solved in the dual: the same optimum as the primal, ~50x faster
    with more features than sentences; one-vs-rest for more than two classes, scores combined by
    softmax at prediction time), balanced class weights. `nb`: NB-weighted n-grams (`_fit_matrix`)."""
    X, names = vectorize(xs)
    return _fit_matrix(X, names, ys, name, c, nb)


def _logreg(X, y, c: float):
    """(coefficients, intercept) of a balanced binary L2 logistic regression (liblinear, dual)."""
    import warnings

    from sklearn.linear_model import LogisticRegression

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        clf = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", dual=True, max_iter=3000, random_state=0)
        clf.fit(X, y)
    return clf.coef_[0], float(clf.intercept_[0])


def _fit_matrix(X, names: list[str], ys: list, name: str, c: float, nb: bool = False) -> LinearModel:
    """One balanced binary logistic regression per class (one for a two-class problem: the second class
    is the positive one). `nb`: each class's regression sees every n-gram (`c:`, `w:`) scaled by its NB
    log-count ratio for that class (NBSVM, Wang & Manning 2012); the weights returned are coefficient x
    ratio, so the model scores the unscaled features."""
    import numpy

    classes = sorted(set(ys), key=str)
    labels = numpy.array([str(y) for y in ys])
    ngram = numpy.array([f.startswith(NGRAM_PREFIXES) for f in names], dtype=bool) if nb else None
    B = (X > 0).astype(numpy.float64).tocsr() if nb else None
    targets = [classes[1]] if len(classes) == 2 else classes
    coefs, intercepts = [], []
    for target in targets:
        positive = labels == str(target)
        if nb:
            ratio = numpy.where(ngram, nb_ratios(B, positive), 1.0)
            Xr = X.multiply(ratio).tocsr()
            Xr.indices, Xr.indptr = Xr.indices.astype("int32"), Xr.indptr.astype("int32")
            coef, b = _logreg(Xr, positive, c)
            coef = coef * ratio
        else:
            coef, b = _logreg(X, positive, c)
        coefs.append(coef)
        intercepts.append(b)
    coef = numpy.vstack(coefs)
    keep = numpy.flatnonzero(numpy.abs(coef).max(axis=0) >= 1e-3)
    weights = dict(zip([names[j] for j in keep], coef[:, keep].T.tolist()))
    classes = [k.item() if hasattr(k, "item") else k for k in classes]
    return LinearModel(classes=classes, intercept=intercepts, weights=weights, name=name)


def nb_ratios(B, positive, alpha: float = NB_ALPHA):
    """Smoothed log-count ratio of each (binary) feature column: log((p / |p|) / (q / |q|)), p and q the
    column sums over the positive and the other rows, plus alpha."""
    import numpy

    p = numpy.asarray(B[positive].sum(axis=0)).ravel() + alpha
    q = numpy.asarray(B[~positive].sum(axis=0)).ravel() + alpha
    return numpy.log((p / p.sum()) / (q / q.sum()))


def training_rows(docs: list[LabelledDoc], lex: Lexicons) -> list[tuple[dict, dict, SentenceView]]:
    out = []
    for doc in docs:
        for row, view, x in zip(doc.rows, doc.views, doc_features(doc, lex)):
            if is_non_claim(view):
                continue  # fixed by rule, not learnt
            out.append((x, row, view))
    return out


def _fit(xs: list[dict], ys: list, name: str) -> LinearModel:
    return fit_linear(xs, ys, name, C[name], nb=NB_WEIGHTED.get(name, False))


class _Design:
    """Every sentence of the training articles vectorised once: the models use row and column subsets."""

    def __init__(self, docs: list[LabelledDoc], lex: Lexicons):
        import numpy

        self.docs = docs
        xs, self.doc_of, self.claimable = [], [], []
        for k, doc in enumerate(docs):
            for view, x in zip(doc.views, doc_features(doc, lex)):
                xs.append(x)
                self.doc_of.append(k)
                self.claimable.append(not is_non_claim(view))
        self.rows = [row for doc in docs for row in doc.rows]
        X, names = vectorize(xs)
        self.doc_of, self.claimable = numpy.array(self.doc_of), numpy.array(self.claimable, dtype=bool)
        main = numpy.array([not f.startswith(CATEGORY_CONTEXT) for f in names], dtype=bool)
        self.X_all, self.names_all = X, names           # with the risk-category context (category model)
        self.X = X[:, numpy.flatnonzero(main)].tocsr()  # without (claim, risk, opportunity)
        self.X.indices, self.X.indptr = self.X.indices.astype("int32"), self.X.indptr.astype("int32")
        self.names = [f for f, m in zip(names, main) if m]

    def labels(self, key: str) -> list:
        if key == "claim":
            return [r["claim_type"] or NONE for r in self.rows]
        if key == "category":
            return [r["risk_category"] for r in self.rows]
        return [bool(r[key]) for r in self.rows]

    def columns(self, key: str):
        """(matrix, names) the model `key` sees: the category model also the `rc:` context; word n-grams
        (`w:`) only for the models in WORD_MODELS."""
        import numpy

        X, names = (self.X_all, self.names_all) if key == "category" else (self.X, self.names)
        words, outcome, tone, section = key in WORD_MODELS, key in OUTCOME_MODELS, key in TONE_MODELS, key in SECTION_MODELS
        paragraph = key in PARAGRAPH_MODELS
        if words and outcome and tone and section and paragraph:
            return X, names
        keep = numpy.array([(words or not f.startswith("w:")) and (outcome or f not in OUTCOME_FEATURES)
                            and (tone or not f.startswith(DOCUMENT_TONE))
                            and (section or not f.startswith(SECTION_WORDS))
                            and (paragraph or not f.startswith(PARAGRAPH)) for f in names], dtype=bool)
        if keep.all():
            return X, names
        X = X[:, numpy.flatnonzero(keep)].tocsr()
        X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")
        return X, [f for f, k in zip(names, keep) if k]

    def fit(self, key: str, rows, c: float | None = None, name: str | None = None) -> LinearModel:
        """The model `key` ("claim", "risk", "opportunity", "category") on the design rows `rows`."""
        import numpy

        name = name or key
        X, names = self.columns(key)
        ys = self.labels(key)
        idx = numpy.flatnonzero(rows)
        return _fit_matrix(X[idx], names, [ys[i] for i in idx], name, C[name] if c is None else c,
                           NB_WEIGHTED.get(name, False))


def choose_cue_weight(design: "_Design", risky) -> tuple[float, float]:
    """The (category-cue weight, section weight) of `classify.combined_category` with the most gold risks right on
    inner-cross-validated category probabilities (THRESHOLD_FOLDS folds by article; ties: closest to 1)."""
    import numpy

    from pipeline.argument.classify import combined_category

    folds = min(THRESHOLD_FOLDS, len(design.docs))
    X, names = design.columns("category")
    found = []  # (probabilities, raw lexicon features, gold category) of each gold risk, held out
    for j in range(folds):
        held = design.doc_of % folds == j
        if not (risky & held).any() or not (risky & ~held).any():
            continue
        model = design.fit("category", risky & ~held)
        for i in numpy.flatnonzero(risky & held):
            row = X[i]
            x = {names[c]: v for c, v in zip(row.indices, row.data)}
            raw = {k: v / LEXICON_SCALE for k, v in x.items() if k.startswith("x:riskcat=")}
            raw.update({k: v for k, v in x.items() if k.startswith(CATEGORY_CONTEXT)})  # not scaled
            found.append((model.proba(x), raw, design.rows[i]["risk_category"]))
    best, best_key = (1.0, 0.0), None
    for w in CUE_WEIGHT_GRID:
        for s in SECTION_WEIGHT_GRID:
            right = sum(combined_category(p, raw, w, s) == gold for p, raw, gold in found)
            key = (right, -abs(w - 1.0), -s)
            if best_key is None or key > best_key:
                best, best_key = (w, s), key
    return best


def fit_sentence_models(docs: list[LabelledDoc], lex: Lexicons, risk_context: bool = True) -> dict[str, LinearModel]:
    import numpy

    design = _Design(docs, lex)
    rows = design.claimable
    models = {key: design.fit(key, rows) for key in ("claim", "risk", "opportunity")}
    risky = rows & numpy.array([bool(r["risk"]) for r in design.rows], dtype=bool)
    models["category"] = design.fit("category", risky)
    if CALIBRATE.get("category") and len(docs) >= 2:
        cue, section = choose_cue_weight(design, risky)
        models["category"].params = {"cue_weight": cue, "section_weight": section}
    if risk_context and len(docs) >= 2:
        models["risk_context"] = fit_risk_context(docs, lex, design)
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


def document_risk_context(probs: list[float], sections: list[str | None] | None = None) -> list[dict[str, float]]:
    """`risk_context_features` of every sentence of a document, with the document and section sums
    computed once (linear instead of quadratic in the number of sentences)."""
    n = len(probs)
    mean = sum(probs) / max(n, 1)
    totals: dict[str, list[float]] = {}
    for p, title in zip(probs, sections or ()):
        if title:
            entry = totals.setdefault(title, [0.0, 0])
            entry[0] += p
            entry[1] += 1
    out = []
    for k in range(n):
        prev, nxt = (probs[k - 1] if k >= 1 else 0.0), (probs[k + 1] if k + 1 < n else 0.0)
        x = {"st:prev": prev, "st:next": nxt, "st:prev2": probs[k - 2] if k >= 2 else 0.0,
             "st:next2": probs[k + 2] if k + 2 < n else 0.0, "st:max": max(prev, nxt), "st:doc": mean}
        if sections is not None and sections[k]:
            total, count = totals[sections[k]]
            if count > 1:
                x["st:sec"] = (total - probs[k]) / (count - 1)
        out.append({name: CONTEXT_SCALE * value for name, value in x.items() if value})
    return out


def first_stage_probabilities(docs: list[LabelledDoc], lex: Lexicons, design: "_Design | None" = None) -> list[list[float]]:
    """Each article's first-stage risk probabilities (every sentence, in order), each from a risk model
    trained without that article (inner cross-validation by article, RISK_CONTEXT_FOLDS folds)."""
    import numpy

    design = design or _Design(docs, lex)
    folds = min(RISK_CONTEXT_FOLDS, len(docs))
    probs = numpy.zeros(design.X.shape[0])
    for j in range(folds):
        held = design.doc_of % folds == j
        inner = design.fit("risk", design.claimable & ~held)
        X, names = design.columns("risk")
        w = numpy.array([inner.weights.get(f, (0.0,))[0] for f in names])
        probs[held] = 1.0 / (1.0 + numpy.exp(-numpy.clip(X[numpy.flatnonzero(held)] @ w + inner.intercept[0], -50, 50)))
    return [probs[design.doc_of == k].tolist() for k in range(len(docs))]


def _risk_context_design(docs: list[LabelledDoc], lex: Lexicons, design: "_Design"):
    """(matrix, feature names, training rows, labels) of the second-stage risk model: the sentence
    features plus the `st:` context of inner-cross-validated first-stage probabilities."""
    import numpy
    from scipy.sparse import hstack

    context = []
    for doc, probs in zip(docs, first_stage_probabilities(docs, lex, design)):
        context.extend(document_risk_context(probs, [v.section_title for v in doc.views]))
    C2, names2 = vectorize(context)
    X1, names1 = design.columns("risk_context")
    X = hstack([X1, C2], format="csr")
    X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")
    return X, names1 + names2, numpy.flatnonzero(design.claimable), design.labels("risk")


def fit_risk_context(docs: list[LabelledDoc], lex: Lexicons, design: "_Design | None" = None) -> LinearModel:
    """The second-stage risk model (see RISK_CONTEXT_FOLDS), trained on `docs` with first-stage
    probabilities from an inner cross-validation by article. With CALIBRATE["risk_context"], its
    regularisation C (RISK_C_GRID) and decision threshold (`calibrate_threshold`) are the pair with the
    best F1 on inner-cross-validated scores (THRESHOLD_FOLDS folds by article, training articles only)."""
    import numpy

    design = design or _Design(docs, lex)
    X, names, idx, ys = _risk_context_design(docs, lex, design)
    y = [ys[i] for i in idx]
    nb = NB_WEIGHTED.get("risk_context", False)
    if not (CALIBRATE.get("risk_context") and len(docs) >= 2):
        return _fit_matrix(X[idx], names, y, "risk_context", C["risk_context"], nb)
    folds = min(THRESHOLD_FOLDS, len(docs))
    held_doc = design.doc_of[idx] % folds
    gold = numpy.array(y, dtype=bool)
    best = None
    for c in RISK_C_GRID:
        scores = numpy.zeros(len(idx))
        for j in range(folds):
            inner = _fit_matrix(X[idx[held_doc != j]], names, [v for v, h in zip(y, held_doc) if h != j], "risk_context", c, nb)
            w = numpy.array([inner.weights.get(f, (0.0,))[0] for f in names])
            scores[held_doc == j] = X[idx[held_doc == j]] @ w + inner.intercept[0]
        logit, f1 = calibrate_threshold(scores, gold, with_f1=True)
        key = (round(f1, 4), -abs(numpy.log(c / C["risk_context"])))
        if best is None or key > best[0]:
            best = (key, c, logit)
    _, c, logit = best
    model = _fit_matrix(X[idx], names, y, "risk_context", c, nb)
    shift_threshold(model, logit)
    model.params["C"] = c
    return model


def calibrate_threshold(scores, gold, with_f1: bool = False):
    """The decision score (logit) at which F1 on these held-out scores is highest, from a grid of
    probabilities 0.20-0.80 (ties: the one closest to 0.5)."""
    import numpy

    best, best_key = 0.0, None
    for p in numpy.arange(0.20, 0.8001, 0.025):
        t = float(numpy.log(p / (1 - p)))
        pred = scores >= t
        tp = float((pred & gold).sum())
        f1 = 2 * tp / max(float(pred.sum() + gold.sum()), 1.0)
        key = (round(f1, 4), -abs(p - 0.5))
        if best_key is None or key > best_key:
            best, best_key = t, key
    return (best, best_key[0]) if with_f1 else best


def shift_threshold(model: LinearModel, logit: float) -> None:
    """Move a binary model's decision threshold from probability 0.5 to sigmoid(`logit`) by shifting its
    intercept (the model's probabilities are then those of the calibrated decision: >= 0.5 = positive)."""
    model.intercept[0] -= logit
    model.params = dict(model.params or {}, threshold_logit=round(logit, 4))


def short_text_features(text: str, target: str | None, lex: Lexicons) -> dict[str, float]:
    x = model_input(features(SentenceView(text), lex, words=False))
    return {k: v for k, v in x.items() if not k.startswith(("kind:", "pos:"))}


def fit_short_text_model(records: list[dict], lex: Lexicons) -> LinearModel:
    xs = [short_text_features(r["text"], r.get("target"), lex) for r in records]
    return fit_linear(xs, [r["label"] for r in records], "short_stance", C["short"])
