"""Sentence-level claims, hedges, attribution, risks and opportunities: a lexicon-only baseline and
the trained linear models (which use the lexicon scores as features), behind one interface."""

from __future__ import annotations

import math
import re
from itertools import chain, repeat
from dataclasses import dataclass, field, replace

from pipeline.argument.features import (CATEGORY_CONTEXT, RISK_CATEGORIES, SentenceView, attribution_of, clear_caches, features, is_non_claim,
                                        sentence_features, stance_polarity)
from pipeline.argument.lexicon import Lexicons
from pipeline.argument.linear import LinearModel

# Stance evidence of a sentence (pos, neg, kinds) from `features.stance_polarity` (affirmative rhetorical
# questions, excess modifiers, conceded clauses) rather than the models' `x:pos` / `x:neg` features.
STANCE_READING = True
CLAIM_TYPES = ("fact", "statistic", "forecast", "opinion", "recommendation")
NONE = "none"


@dataclass
class SentencePrediction:
    claim_type: str | None
    claim_confidence: float
    hedged: bool
    attribution: str
    risk: bool
    risk_confidence: float
    risk_category: str | None
    category_confidence: float
    opportunity: bool
    opportunity_confidence: float
    pos: float = 0.0
    neg: float = 0.0
    kinds: list[str] = field(default_factory=list)
    cue_risk: bool = False            # the lexicon rule's risk decision (explicit danger cues), also with trained models:
    cue_risk_confidence: float = 0.0  # the document stance counts these precise risks (README, round 4)


def hedged(text: str, lex: Lexicons) -> bool:
    return any(cue not in ("估计",) or "大概估计" in text for cue, *_ in lex.hedges.scan(text))


def lexicon_claim_type(x: dict[str, float], view: SentenceView) -> str | None:
    if x.get("x:non_claim") or x.get("x:question"):
        return None
    rec, fc = x.get("x:recommendation", 0.0), x.get("x:forecast", 0.0)
    stat = x.get("x:statistic", 0.0) + x.get("x:money", 0.0) + x.get("x:percent", 0.0)
    op = x.get("x:opinion", 0.0) + x.get("x:pos", 0.0) * 0.5 + x.get("x:neg", 0.0) * 0.5 + x.get("x:first_person", 0.0)
    if rec >= 2.0 and rec >= fc:
        return "recommendation"
    if fc >= 1.5:
        return "forecast"
    if x.get("x:numbers", 0.0) >= 1 and stat >= 2.0:
        return "statistic"
    if op >= 1.0:
        return "opinion"
    if len(view.text) < 8:
        return None
    return "fact"


def lexicon_risk(x: dict[str, float]) -> tuple[bool, float, str | None]:
    cats = {c: x.get("x:riskcat=" + c, 0.0) for c in RISK_CATEGORIES}
    best = max(cats, key=cats.get)
    score = x.get("x:risk_any", 0.0) + cats[best] + 0.7 * x.get("x:risk_mod", 0.0) + 0.5 * x.get("x:neg", 0.0)
    if x.get("x:non_claim"):
        return False, 0.0, None
    is_risk = score >= 2.5
    return is_risk, min(1.0, score / 5.0), (best if cats[best] > 0 else "execution") if is_risk else None


def lexicon_category(x: dict[str, float]) -> str:
    cats = {c: x.get("x:riskcat=" + c, 0.0) for c in RISK_CATEGORIES}
    best = max(cats, key=cats.get)
    return best if cats[best] > 0 else "execution"


# Risk category of a detected risk: log P(category) from the trained model plus this weight x the
# sentence's own category-cue weights (risk_cues.tsv). The cue is a strong vote, not an override: a
# 0.8 cue moves the decision unless the model is clearly for another category (README, round 4).
CATEGORY_CUE_WEIGHT = 1.0


# Session 7: the section heading's category cues (`rc:sec=`, "三、需求侧：谁来买单？", "3. 算力与人才的短板") vote too, at
# SECTION weight x the sentence's own; the weight is chosen with the cue weight in the inner cross-validation (training).
CATEGORY_SECTION_WEIGHT = 0.0


def category_vote(x: dict[str, float], category: str, section_weight: float = 0.0) -> float:
    """The sentence's own cue weight for a category: risk_cues.tsv (`x:riskcat=`) plus the category-only
    vocabulary (`rc:own=`, risk_category_cues.tsv), both unscaled; plus `section_weight` x the section
    title's (`rc:sec=`)."""
    return (x.get("x:riskcat=" + category, 0.0) + x.get(CATEGORY_CONTEXT + "own=" + category, 0.0)
            - x.get(CATEGORY_CONTEXT + "not=" + category, 0.0)
            + section_weight * x.get(CATEGORY_CONTEXT + "sec=" + category, 0.0))


def combined_category(probs: dict[str, float], x: dict[str, float], cue_weight: float = CATEGORY_CUE_WEIGHT,
                      section_weight: float = CATEGORY_SECTION_WEIGHT) -> str:
    """The model's category probabilities (`probs`) combined with the sentence's raw lexicon
    category scores (`x`, the `x:riskcat=` features before model scaling)."""
    scores = {c: math.log(max(p, 1e-9)) + cue_weight * category_vote(x, str(c), section_weight) for c, p in probs.items()}
    return max(scores, key=scores.get)


class SentenceClassifier:
    """`models` None = lexicon-only baseline; else the trained models ("claim", "risk", "category", "opportunity",
    optionally "risk_context": the second-stage risk model, see training.fit_risk_context)."""

    def __init__(self, lex: Lexicons, models: dict[str, LinearModel] | None = None):
        self.lex = lex
        self.models = models
        self._stack = _Stack(models) if models else None

    def predict(self, views: list[SentenceView]) -> list[SentencePrediction]:
        return continue_attribution(self._predict(views), views, self.lex)

    def _predict(self, views: list[SentenceView]) -> list[SentencePrediction]:
        clear_caches(self.lex)  # per-document memos only (a document's features and predictions share them)
        xs = sentence_features(views, self.lex, ngrams=self.models is not None)
        if self.models is None:
            return [self.predict_one(v, x) for v, x in zip(views, xs)]
        # all sentences of a document scored with one matrix product
        stack = self._stack
        scores = stack._scores(xs, scale=True)
        outs = stack._probabilities(scores, exclude=("risk_context",))
        if "risk_context" in self.models:
            # second-stage risk model: the same features plus the first-stage risk probabilities of the
            # neighbouring sentences and of the whole document (training.fit_risk_context). The model is
            # linear, so the context features' part is added to the scores the first pass already has.
            from pipeline.argument.training import document_risk_context

            first = [out["risk"][True] for out in outs]
            sections = [v.section_title for v in views]
            context = document_risk_context(first, sections)
            second = stack._probabilities(scores + stack._scores(context, scale=True, intercept=False),
                                          only=("risk_context",))
            for out, more in zip(outs, second):
                out["risk"] = more["risk_context"]
        return [self.predict_one(v, x, out) for v, x, out in zip(views, xs, outs)]

    def predict_one(self, view: SentenceView, x: dict[str, float] | None = None,
                    scored: dict[str, dict] | None = None) -> SentencePrediction:
        lex = self.lex
        if x is None:
            x = features(view, lex, ngrams=self.models is not None)
        non_claim = is_non_claim(view)
        if non_claim:
            pos, neg, kinds = 0.0, 0.0, []
        else:
            if STANCE_READING:
                pos, neg, found = stance_polarity(lex.mask(view.text), lex)
                kinds = [k for k in found if k in ("irony", "rhetorical", "affirmative", "balanced", "dismissive")]
            else:
                pos, neg = x.get("x:pos", 0.0), x.get("x:neg", 0.0)
                kinds = ["irony"] * int(x.get("x:irony", 0)) + ["rhetorical"] * int(x.get("x:rhetorical", 0))
        attribution = attribution_of(view.text, lex)
        hedge = hedged(view.text, lex)
        if self.models is None:
            ctype = lexicon_claim_type(x, view)
            cconf = 0.6 if ctype else 0.0
            risk, rconf, cat = lexicon_risk(x)
            cue_risk, cue_conf = risk, rconf
            catconf = 0.5 if risk else 0.0
            opp_score = x.get("x:opportunity", 0.0) + 0.3 * x.get("x:pos", 0.0)
            opp = not non_claim and opp_score >= 2.0
            oconf = min(1.0, opp_score / 4.0)
        else:
            raw = x
            cue_risk, cue_conf, _ = lexicon_risk(raw)
            out = scored if scored is not None else self._stack.proba_many([x])[0]
            probs = out["claim"]
            label = max(probs, key=probs.get)
            ctype = None if label == NONE or non_claim else label
            cconf = probs[label]
            rprob = out["risk"][True]
            risk = rprob >= 0.5 and not non_claim
            rconf = rprob
            cprobs = out["category"]
            params = self.models["category"].params or {}
            cat = combined_category(cprobs, raw, params.get("cue_weight", CATEGORY_CUE_WEIGHT),
                                   params.get("section_weight", CATEGORY_SECTION_WEIGHT)) if risk else None
            catconf = cprobs.get(cat, 0.0) if cat else 0.0
            oprob = out["opportunity"][True]
            opp = oprob >= 0.5 and not non_claim
            oconf = oprob
        if non_claim:
            ctype, risk, opp, cue_risk = None, False, False, False
        return SentencePrediction(ctype, round(cconf, 3), hedge and ctype is not None, attribution,
                                  risk, round(rconf, 3), cat if risk else None, round(catconf, 3),
                                  opp, round(oconf, 3), pos, neg, kinds, cue_risk, round(cue_conf, 3) if cue_risk else 0.0)


# A sentence that opens with a pronoun and a speech verb ("他表示，……", "她还说，……", "他同时指出") goes on reporting the
# source the sentence before named ("会长黄德文指出，……。他表示，……"): news reports quote a person over several
# sentences, and only the first names them. (Session 6; 17 of the 18 such sentences in the labelled articles carry
# the previous sentence's source.)
_PRONOUN_SPEECH = re.compile(r"^(?:[^，。]{0,4}，)?(?:他|她|他们|她们|该人士|此人)(?:还|也|则|并|又|同时|进一步|随后|接着|最后)?"
                             r"(?:在[^，。]{0,15})?(?:表示|说|指出|认为|强调|称|坦言|补充|透露|预计|估计|直言|提醒|警告|承认|介绍)")


def continue_attribution(preds: list[SentencePrediction], views: list[SentenceView],
                         lex: Lexicons | None = None) -> list[SentencePrediction]:
    """A discourse marker the attribution patterns mistook for a source (对波兰来说, 坦率地说: not_sources.tsv) is
    the author's voice, as in the claims `pipeline run` writes (the document stance had kept it out of the
    author's evidence); a pronoun-led speech sentence gets the source of the body sentence before it."""
    previous = None
    for k, (pred, view) in enumerate(zip(preds, views)):
        if lex is not None and pred.attribution != "author" and not lex.is_named_source(pred.attribution):
            preds[k] = pred = replace(pred, attribution="author")
        if view.kind != "body":
            continue
        if (pred.attribution == "author" and previous is not None and previous.attribution != "author"
                and _PRONOUN_SPEECH.match(view.text)):
            preds[k] = pred = replace(pred, attribution=previous.attribution)
        previous = pred
    return preds


class _Stack:
    """All linear models' weights in one matrix, so a sentence is scored with one numpy product (the
    matrix of a `.npz` weights file is used as loaded)."""

    def __init__(self, models: dict[str, LinearModel]):
        import numpy

        from pipeline.argument.linear import Stacked

        self.np = numpy
        self.models = models
        shared = {id(m.stacked) for m in models.values()}
        first = next(iter(models.values())).stacked
        if len(shared) == 1 and first is not None and set(first.slices) >= set(models):
            stacked = first
        else:
            stacked = Stacked.from_models(models)
        self.index, self.W, self.b, self.slices = stacked.index, stacked.W, stacked.b, stacked.slices
        from pipeline.argument.training import LEXICON_SCALE

        # model_input's scaling of the lexicon scores, per feature column
        self.input_scale = numpy.array([LEXICON_SCALE if f.startswith("x:") else 1.0 for f in stacked.features])

    def proba_many(self, xs: list[dict[str, float]]) -> list[dict[str, dict]]:
        """`proba(model_input(x))` for each x (the lexicon scores' scaling is applied here)."""
        return self._probabilities(self._scores(xs, scale=True))

    def proba(self, x: dict[str, float]) -> dict[str, dict]:
        """Every model's probabilities for one feature dict, taken as given (no scaling)."""
        return self._probabilities(self._scores([x], scale=False))[0]

    def _scores(self, xs: list[dict[str, float]], scale: bool, intercept: bool = True):
        """Each row's score vector (intercepts, unless not `intercept`, + weights): all rows with one
        gather and one sum."""
        np = self.np
        keys = [feature for x in xs for feature in x]
        ids = np.fromiter(map(self.index.get, keys, repeat(-1)), dtype=np.intp, count=len(keys))
        values = np.fromiter(chain.from_iterable(x.values() for x in xs), dtype=np.float64, count=len(keys))
        rows = np.repeat(np.arange(len(xs)), [len(x) for x in xs])
        known = ids >= 0
        ids, values, rows = ids[known], values[known], rows[known]
        if scale:
            values = values * self.input_scale[ids]
        scores = np.tile(self.b.astype(np.float64), (len(xs), 1)) if intercept else \
            np.zeros((len(xs), len(self.b)), dtype=np.float64)
        if len(ids):
            # rows are in order: per-row sums as differences of the running sum at the row ends
            # (much cheaper than numpy.add.at)
            running = np.cumsum(self.W[ids] * values[:, None], axis=0, dtype=np.float64)
            ends = np.searchsorted(rows, np.arange(len(xs)), side="right")
            totals = np.vstack([np.zeros((1, running.shape[1])), running])[ends]
            scores += np.diff(np.vstack([np.zeros((1, running.shape[1])), totals]), axis=0)
        return scores

    def _probabilities(self, scores, only: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> list[dict[str, dict]]:
        """Each row's probabilities per model (`only` those models, if given; never those in `exclude`)."""
        np = self.np
        out: list[dict[str, dict]] = [{} for _ in range(len(scores))]
        for key, model in self.models.items():
            if (only and key not in only) or key in exclude:
                continue
            a, z = self.slices[key]
            part = scores[:, a:z]
            if model.binary:
                for row, value in enumerate(part[:, 0].tolist()):
                    p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, value))))
                    out[row][key] = {model.classes[0]: 1.0 - p, model.classes[1]: p}
            else:
                e = np.exp(part - part.max(axis=1, keepdims=True))
                e = e / e.sum(axis=1, keepdims=True)
                for row, probs in enumerate(e.tolist()):
                    out[row][key] = dict(zip(model.classes, probs))
        return out
