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


def test_unbracketed_disclaimer_lines_are_no_claims():
    """Session 12: a headed forward-looking statement or disclaimer, or a document saying of itself that it is for
    reference / its author's view only / no investment advice, is an editor's line (no claim, so no risk), while a
    sentence that only uses the same words about something else stays a claim."""
    from pipeline.argument.features import is_non_claim

    for text in ("前瞻性陈述：本纪录包含前瞻性陈述，实际结果可能因市场需求、汇率等因素而与预测有重大差异。",
                 "免责声明：本报告仅供参考，不构成任何投资建议。", "本文仅代表作者个人观点，不构成投资建议。",
                 "本纪录由某某公司投资人关系处整理，仅供参考。", "本报告为内部讨论稿的公开版本，观点不代表任何机构立场。"):
        assert is_non_claim(SentenceView(text)), text
    for text in ("本次投资不构成关联交易。", "这一估算仅供参考，实际成本可能更高。", "前瞻性技术的风险在于市场需求不确定。"):
        assert not is_non_claim(SentenceView(text)), text
