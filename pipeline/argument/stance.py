"""Stance: the author's stance toward the article's main subject (supportive / skeptical / mixed /
neutral) and the stance of any text toward a given target (supportive / skeptical / neutral).

Sentence evidence = stance cues (with negation), irony and rhetorical-question patterns, and the
sentence's predicted risk (skeptical evidence) and opportunity (supportive evidence). Sentences the
author attributes to a named source count half: a report that quotes critics is not itself critical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.argument.classify import SentencePrediction
from pipeline.argument.features import SentenceView

# Document-level decision thresholds (see README "Stance"): score = (P - N) / (P + N + 1).
SUPPORTIVE_AT = 0.25
SKEPTICAL_AT = -0.25
REPORTED_SHARE_NEUTRAL = 0.30   # share of claims attributed to named sources above which a balanced text is a report
AUTHOR_VOICE_MIXED = 0.35       # share of author opinion/recommendation claims above which a balanced text is mixed
TEXT_NEUTRAL_BAND = 0.15
RISK_WEIGHT = 0.5               # a predicted risk is weaker skeptical evidence than an evaluative cue        # |score| below this -> neutral, for short texts and target stance

_SUBTITLE = re.compile(r"[：:｜|—]|\s{1,}")
_LEAD_CLAUSE = re.compile(r"[，,。；;！!？?]")


@dataclass
class SentenceEvidence:
    sentence_id: int
    pos: float
    neg: float


def subject_of(title: str | None, first_sentence: str | None) -> str | None:
    """Main subject: the title before any subtitle separator, else the lead sentence's first clause."""
    for text in (title, first_sentence):
        if text and text.strip():
            head = _SUBTITLE.split(text.strip())[0]
            head = _LEAD_CLAUSE.split(head)[0].strip("“”\"' 【】")
            if len(head) >= 2:
                return head[:40]
    return None


def evidence_of(pred: SentencePrediction) -> tuple[float, float]:
    weight = 1.0 if pred.attribution == "author" else 0.5
    pos = pred.pos + (pred.opportunity_confidence if pred.opportunity else 0.0)
    neg = pred.neg + (RISK_WEIGHT * pred.risk_confidence if pred.risk else 0.0)
    return weight * pos, weight * neg


def document_stance(preds: list[SentencePrediction], ids: list[int]) -> tuple[str, float, list[int], dict]:
    items = [(i, *evidence_of(p)) for i, p in zip(ids, preds)]
    P = sum(p for _, p, _ in items)
    N = sum(n for _, _, n in items)
    score = (P - N) / (P + N + 1.0)
    claims = [p for p in preds if p.claim_type is not None]
    reported = sum(p.attribution != "author" for p in claims) / max(len(claims), 1)
    voice = sum(p.attribution == "author" and p.claim_type in ("opinion", "recommendation") for p in claims) / max(len(claims), 1)
    if score >= SUPPORTIVE_AT:
        label = "supportive"
    elif score <= SKEPTICAL_AT:
        label = "skeptical"
    elif reported >= REPORTED_SHARE_NEUTRAL or voice < AUTHOR_VOICE_MIXED:
        label = "neutral"
    else:
        label = "mixed"
    if label == "supportive":
        ranked = sorted(items, key=lambda t: t[1] - t[2], reverse=True)
    elif label == "skeptical":
        ranked = sorted(items, key=lambda t: t[2] - t[1], reverse=True)
    else:
        ranked = sorted(items, key=lambda t: max(t[1], t[2]), reverse=True)
    evidence = sorted(i for i, p, n in ranked[:6] if p + n > 0)
    return label, round(score, 3), evidence, {"P": round(P, 2), "N": round(N, 2), "reported": round(reported, 2), "voice": round(voice, 2)}


def text_score(preds: list[SentencePrediction]) -> float:
    P = sum(evidence_of(p)[0] for p in preds)
    N = sum(evidence_of(p)[1] for p in preds)
    return (P - N) / (P + N + 1.0)


def label_of(score: float) -> str:
    if score > TEXT_NEUTRAL_BAND:
        return "supportive"
    if score < -TEXT_NEUTRAL_BAND:
        return "skeptical"
    return "neutral"


def target_sentences(views: list[SentenceView], target: str, tokens: list[str]) -> list[int]:
    """Indexes of sentences about the target: the target itself, or more than half its content words."""
    keys = [t for t in tokens if len(t) >= 2] or [target]
    out = []
    for i, view in enumerate(views):
        if target in view.text or sum(k in view.text for k in keys) * 2 > len(keys):
            out.append(i)
    return out
