"""Claims, risks, opportunities and stance (issue 5).

`ArgumentAnalyzer` is loaded once per process (lexicons from `models/argument/`, trained linear
weights from `models/argument/claims_model.npz` (numpy; a `claims_model.json` is read if there is no
`.npz`) and `short_stance_model.json`) and called per document. Without the weight files it falls back to the lexicon-only baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pipeline.argument.classify import SentenceClassifier, SentencePrediction
from pipeline.argument.context import build_views
from pipeline.argument.features import SentenceView, is_non_claim
from pipeline.argument.lexicon import Lexicons, default_models_dir
from pipeline.argument.linear import LinearModel, load_models
from pipeline.argument.speakers import transcript_speakers
from pipeline.argument.stance import document_stance, label_of, target_sentences, text_score
from pipeline.argument.subject import SubjectFinder
from pipeline.argument.training import short_text_features
from pipeline.models import Claim, Opportunity, Risk, Section, Sentence, Stance, StanceResult

__all__ = ["Argument", "ArgumentAnalyzer"]

CLAIMS_MODEL = "claims_model.npz"
CLAIMS_MODEL_JSON = "claims_model.json"  # readable form (train_claims.py --json); used only without the .npz
SHORT_MODEL = "short_stance_model.json"
_SPLIT = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*[”」』）)]*")


@dataclass
class Argument:
    claims: list[Claim]
    risks: list[Risk]
    opportunities: list[Opportunity]
    stance: Stance


class ArgumentAnalyzer:
    def __init__(self, models_dir: Path | None = None, *, lexicon_only: bool = False):
        self.models_dir = Path(models_dir) if models_dir else default_models_dir()
        self.lex = Lexicons.load(self.models_dir)
        directory = self.models_dir / "argument"
        models = None if lexicon_only else (load_models(directory / CLAIMS_MODEL)
                                            or load_models(directory / CLAIMS_MODEL_JSON))
        short = None if lexicon_only else load_models(directory / SHORT_MODEL)
        self.classifier = SentenceClassifier(self.lex, models)
        self.subjects = SubjectFinder(self.models_dir)
        self.short_model: LinearModel | None = short["short_stance"] if short else None
        self.backend = "linear+lexicon" if models else "lexicon"

    # ------------------------------------------------------------------ documents
    def views(self, sentences: Sequence[Sentence], sections: Sequence[Section], **outputs) -> list[SentenceView]:
        return build_views(sentences, sections, **outputs)

    def __call__(self, text: str, sentences: Sequence[Sentence], sections: Sequence[Section],
                 targets: Sequence[str] = (), *, money=None, quantities=None, entities=None,
                 token_spans=None, byline=None, title: str | None = None) -> Argument:
        """`money`, `quantities`, `entities` (contract items) and `token_spans` (word (start, end)
        offsets): the other components' outputs for this document, used as features when given; `byline`: the
        ingest's Byline (its filed-from place marks a news report, session 10b); `title`: the ingest's title, for the
        main subject when no sentence is the title (a web page's <h1>/<title> is not one of its sentences, session 11)."""
        views = self.views(sentences, sections, money=money, quantities=quantities, entities=entities,
                           token_spans=token_spans, text=text)
        preds = self.classifier.predict(views)
        speakers = transcript_speakers(sentences, entities)
        claims, risks, opportunities = [], [], []
        for sentence, pred in zip(sentences, preds):
            if pred.claim_type:
                attribution = pred.attribution
                if attribution != "author" and not self.lex.is_named_source(attribution):
                    attribution = "author"
                if attribution == "author" and sentence.id in speakers:
                    attribution = speakers[sentence.id]     # 韩启明：……, 答：…… in a transcript
                claims.append(Claim(sentence_id=sentence.id, text=sentence.text, type=pred.claim_type,
                                    hedged=pred.hedged, attribution=attribution, confidence=pred.claim_confidence))
            if pred.risk:
                risks.append(Risk(sentence_id=sentence.id, text=sentence.text, category=pred.risk_category,
                                  confidence=pred.risk_confidence))
            if pred.opportunity:
                opportunities.append(Opportunity(sentence_id=sentence.id, text=sentence.text,
                                                 confidence=pred.opportunity_confidence))
        stance = self.document_stance(sentences, views, preds, byline, title=title)
        stance.targets = [self.article_target_stance(sentences, views, preds, t) for t in targets]
        return Argument(claims, risks, opportunities, stance)

    def document_stance(self, sentences: Sequence[Sentence], views: list[SentenceView],
                        preds: list[SentencePrediction], byline=None, title: str | None = None) -> Stance:
        title = next((s.text for s in sentences if s.kind == "title"), None) or title
        lead = [s.text for s, v in zip(sentences, views) if s.kind == "body" and not is_non_claim(v)][:2]
        subject = self.subjects.find(title, lead)
        body = [(s.id, p, v) for s, v, p in zip(sentences, views, preds) if not is_non_claim(v)]
        if not body:
            return Stance(target=subject.zh, target_en=subject.en, label="neutral", score=0.0, evidence=[])
        label, score, evidence, _ = document_stance([p for _, p, _ in body], [i for i, _, _ in body],
                                                    [v for _, _, v in body], views, byline=byline, lex=self.lex)
        return Stance(target=subject.zh, target_en=subject.en, label=label, score=score, evidence=evidence)

    def article_target_stance(self, sentences, views, preds, target: str) -> StanceResult:
        idx = [i for i in target_sentences(views, target, self._tokens(target)) if not is_non_claim(views[i])]
        if not idx:
            return StanceResult(target=target, label="neutral", score=0.0, evidence=[])
        chosen = [preds[i] for i in idx]
        lex_score = text_score(chosen)
        score = lex_score
        if self.short_model is not None:
            model_score = self._model_score(" ".join(views[i].text for i in idx))
            score = 0.5 * lex_score + 0.5 * model_score
        label = label_of(score)
        ranked = sorted(idx, key=lambda i: abs(preds[i].pos - preds[i].neg) + preds[i].risk_confidence * preds[i].risk
                        + preds[i].opportunity_confidence * preds[i].opportunity, reverse=True)
        return StanceResult(target=target, label=label, score=round(score, 3), evidence=sorted(sentences[i].id for i in ranked[:5]))

    # ------------------------------------------------------------------ short texts
    def stance_toward(self, text: str, target: str) -> StanceResult:
        parts = [m.group().strip() for m in _SPLIT.finditer(text) if m.group().strip()] or [text]
        views = [SentenceView(p) for p in parts]
        preds = self.classifier.predict(views)
        idx = target_sentences(views, target, self._tokens(target)) or list(range(len(views)))
        lex_score = text_score([preds[i] for i in idx])
        score = lex_score
        if self.short_model is not None:
            score = 0.4 * lex_score + 0.6 * self._model_score(text)
        return StanceResult(target=target, label=label_of(score), score=round(score, 3), evidence=idx)

    def _model_score(self, text: str) -> float:
        probs = self.short_model.proba(short_text_features(text, None, self.lex))
        return probs.get("supportive", 0.0) - probs.get("skeptical", 0.0)

    @staticmethod
    def _tokens(target: str) -> list[str]:
        try:
            import jieba

            return [t for t in jieba.lcut(target) if t.strip() and t not in ("的", "和", "与", "对", "在")]
        except Exception:  # pragma: no cover - jieba is a pipeline dependency
            return [target]
