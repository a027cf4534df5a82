"""Session 11 (issue 5): the section title's words as features of the risk models."""

from __future__ import annotations

from pipeline.argument.features import OPTIONS, SentenceView
from pipeline.argument.lexicon import Lexicons


def test_section_title_bigrams_are_seen_by_the_risk_models_only():
    """Session 11: the section title's character bigrams (`sw:`) for a body sentence under a titled section; not for the
    heading itself or a sentence without a section; the claim, category and opportunity models do not see them."""
    from pathlib import Path

    from pipeline.argument.features import SECTION_WORDS, sentence_features
    from pipeline.argument.linear import read_npz
    from pipeline.argument.training import SECTION_MODELS

    assert OPTIONS["section_words"]
    lex = Lexicons.load()
    views = [SentenceView("三、风险与变量", "heading", section_title="三、风险与变量"),
             SentenceView("熟练技工同样紧缺。", section_title="三、风险与变量"),
             SentenceView("政府19日公布了新的方案。")]
    xs = sentence_features(views, lex)
    assert xs[1][SECTION_WORDS + "风险"] == 1.0 and xs[1][SECTION_WORDS + "变量"] == 1.0
    assert not any(k.startswith(SECTION_WORDS) for k in xs[0]) and not any(k.startswith(SECTION_WORDS) for k in xs[2])
    assert SECTION_MODELS == {"risk", "risk_context"}
    models, _, _ = read_npz(Path(__file__).resolve().parents[1] / "models" / "argument" / "claims_model.npz")
    for key, model in models.items():
        assert any(f.startswith(SECTION_WORDS) for f in model.weights) == (key in SECTION_MODELS), key
