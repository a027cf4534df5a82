"""Session 12 (issue 5): the sentence's place in its paragraph as a feature of the risk models."""

from __future__ import annotations

from pathlib import Path

from pipeline.argument.context import build_views
from pipeline.argument.features import OPTIONS, PARAGRAPH, SentenceView, paragraph_place, sentence_features
from pipeline.argument.lexicon import Lexicons


def _sentences(paragraphs: list[int], kinds: list[str] | None = None) -> list[dict]:
    out, at = [], 0
    for i, p in enumerate(paragraphs):
        text = f"第{i}句话说明情况。"
        out.append({"id": i, "start": at, "end": at + len(text), "text": text, "kind": (kinds or ["body"] * len(paragraphs))[i],
                    "section_id": 0, "paragraph_id": p})
        at += len(text)
    return out


def test_views_know_each_sentences_place_in_its_paragraph():
    views = build_views(_sentences([1, 1, 1, 2, 3, 3]))
    assert [v.paragraph for v in views] == [(0, 3), (1, 3), (2, 3), (0, 1), (0, 2), (1, 2)]
    assert [paragraph_place(*v.paragraph) for v in views] == ["first", "mid", "last", "only", "first", "last"]
    # sentences without a paragraph id (a bare list of sentences): no place, no feature
    bare = build_views([{k: v for k, v in s.items() if k != "paragraph_id"} for s in _sentences([1, 1])])
    assert [v.paragraph for v in bare] == [None, None]
    assert not any(k.startswith(PARAGRAPH) for x in sentence_features(bare, Lexicons.load()) for k in x)


def test_paragraph_place_feature_for_body_sentences_only():
    assert OPTIONS["paragraph"]
    lex = Lexicons.load()
    views = [SentenceView("一、电网的短板", "heading", paragraph=(0, 1)),
             SentenceView("电网是另一道门槛。", paragraph=(0, 3)),
             SentenceView("输电线路建设一拖再拖，新项目无法并网。", paragraph=(1, 3)),
             SentenceView("开发商可能因此放弃项目。", paragraph=(2, 3))]
    xs = sentence_features(views, lex)
    assert [sorted(k for k in x if k.startswith(PARAGRAPH)) for x in xs] == \
        [[], [PARAGRAPH + "first"], [PARAGRAPH + "mid"], [PARAGRAPH + "last"]]


def test_paragraph_place_is_seen_by_the_risk_models_only():
    from pipeline.argument.linear import read_npz
    from pipeline.argument.training import PARAGRAPH_MODELS

    assert PARAGRAPH_MODELS == {"risk", "risk_context"}
    models, _, _ = read_npz(Path(__file__).resolve().parents[1] / "models" / "argument" / "claims_model.npz")
    for key, model in models.items():
        assert any(f.startswith(PARAGRAPH) for f in model.weights) == (key in PARAGRAPH_MODELS), key
    # the first sentence of a paragraph (a topic sentence) weighs against a risk, relative to one in its middle
    risk = models["risk_context"].weights
    assert risk[PARAGRAPH + "first"][0] < risk[PARAGRAPH + "mid"][0]
