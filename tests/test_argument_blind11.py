"""Session 11 (claims, risks, stance): general causes of the misses on four blind articles — an argued note's doubt
nouns and deflating idiom, an interviewer's follow-up question read as the interviewee's voice, an interview title's
subject after the colon, a web page's title that is no sentence, and category words of sectors the labelled articles
had not covered. Invented texts only."""

from __future__ import annotations

import pytest

from pipeline.argument.features import SentenceView, stance_polarity, vocabulary_cues
from pipeline.argument.lexicon import Lexicons
from pipeline.argument.stance import document_stance, interviewer_turns
from pipeline.argument.subject import _fallback

from test_stance_session10 import _doc, arg, lex  # noqa: F401  (the session-10b fixtures and sentence builder)


def _polarity(text: str, lex: Lexicons):
    return stance_polarity(lex.mask(text), lex)


@pytest.mark.parametrize("text", [
    "这套补贴能否延续到下一届政府，仍是市场最大的疑问。",
    "不少银行对这类项目心存疑虑。",
    "过去的违约至今仍让债权人心有余悸。",
    "单靠减税，恐怕很难撑起整个产业。",
])
def test_doubt_nouns_and_hardly_are_skeptical_evidence(text, lex):
    pos, neg, _ = _polarity(text, lex)
    assert neg > pos


def test_no_doubt_is_not_a_doubt(lex):
    _, neg, _ = _polarity("毫无疑问，新港口让出口商省下了时间。", lex)
    assert neg == 0


@pytest.mark.parametrize("text", [
    "所谓的万亿投资，很可能成为又一个停留在纸面上的数字。",
    "各方引用的总额里，有不少只是意向书上的数字。",
    "这套方案更像是一剂止痛药，而非长期的解决办法。",
])
def test_a_deflated_headline_figure_is_skeptical_evidence(text, lex):
    pos, neg, kinds = _polarity(text, lex)
    assert neg > pos and "balanced" not in kinds


def test_a_verdict_with_reasons_for_both_optimism_and_worry_is_balanced(lex):
    assert "balanced" in _polarity("李四：乐观和担忧都有充分的理由。", lex)[2]
    assert "balanced" in _polarity("对这座工厂，既有乐观的理由，也有担忧的理由。", lex)[2]
    assert "balanced" not in _polarity("我们对前景保持乐观。", lex)[2]


_INTERVIEW = [("专访某大学教授李四：新港口开港一年，成效几何", "title"),
              ("记者：开港一年，您怎么评价？", "body"), ("李四：总体不错，吞吐量有望继续增长。", "body"),
              ("记者：有外国官员提出对转运货物加征关税。", "body"), ("这会不会影响港口的前景？", "body"),
              ("李四：直接冲击有限，出口商将是最大的受益者。", "body"), ("但配套道路至今没有完工，这令人担忧。", "body")]


def test_the_interviewers_follow_up_question_is_part_of_the_question_turn():
    views = [SentenceView(t, k) for t, k in _INTERVIEW]
    assert interviewer_turns(views) == {1, 3, 4}
    # an answer that goes on after the speaker's line is the interviewee's, even when it asks a question
    views = [SentenceView("问：资金从哪里来？"), SentenceView("答：财政出资。"), SentenceView("钱够不够？够。")]
    assert interviewer_turns(views) == {0}


def test_an_interviews_stance_evidence_is_the_interviewees(arg):
    text, sentences, sections = _doc(_INTERVIEW)
    stance = arg(text, sentences, sections).stance
    assert not {1, 3, 4} & set(stance.evidence)
    views = [SentenceView(t, k) for t, k in _INTERVIEW]
    body = views[1:]
    preds = arg.classifier.predict(views)[1:]
    _, _, evidence, info = document_stance(preds, list(range(1, len(views))), body, views)
    assert info["genre"] == "interview" and not {1, 3, 4} & set(evidence)
    assert info["sarcasm"] == 0  # the follow-up question is not the interviewee's rhetorical question


def test_an_interview_titles_subject_is_after_the_colon(arg):
    assert _fallback("专访某大学教授李四：新港口开港一年，成效几何", []) == "新港口开港一年"
    assert _fallback("对话某基金合伙人｜早期药企还能融到钱吗", []) == "早期药企还能融到钱吗"
    text, sentences, sections = _doc(_INTERVIEW)
    assert arg(text, sentences, sections).stance.target == "新港口开港一年"


def test_a_web_pages_title_names_the_subject_when_no_sentence_is_the_title(arg):
    text, sentences, sections = _doc([("十月的河谷里，棉田已经收割完毕。", "body"), ("合作社今年第一次种了新品种。", "body")])
    assert arg(text, sentences, sections).stance.target == "十月的河谷里"
    assert arg(text, sentences, sections, title="新棉种扎根河谷：种业开放迎来试验田").stance.target == "新棉种扎根河谷"


@pytest.mark.parametrize("text,category", [
    ("外输管道的运力不足，每年都有大量油气运不出去。", "execution"),
    ("下游耕地依赖灌溉，近年来上游来水持续偏少。", "execution"),
    ("当地企业可能被迫在两个最大的贸易伙伴之间选边。", "geopolitical"),
    ("有外国官员提出对转运货物加征关税。", "geopolitical"),
    ("该制度以普通法律通过，政党轮替后可能被单方面修改。", "policy"),
    ("本地药企的原始创新能力不强。", "technology"),
    ("利润汇出受限，对需要偿还美元贷款的项目构成压力。", "financial"),
    ("如果种子价格降不下来，推广速度可能放缓。", "commercialization"),
])
def test_category_words_of_new_sectors(text, category, lex):
    cues = vocabulary_cues(text, lex)
    assert cues and max(cues, key=cues.get) == category
