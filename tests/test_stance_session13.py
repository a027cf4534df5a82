"""Session 13 (issue 5): document-stance genres added after reading the blind four — a government document whose title
is a body line and whose number sits under it is an official notice, a securities firm's research note is read by its
rating (models/argument/broker_ratings.tsv), and an argued-looking text that opens with a news lede (actor, bare day,
reporting verb) and relays named sources is a news report."""

from __future__ import annotations

from pipeline.argument.classify import SentencePrediction
from pipeline.argument.features import SentenceView
from pipeline.argument.lexicon import LEXICON_FILES, Lexicons
from pipeline.argument.stance import decide, genre_of, news_lede, research_rating, stance_features
from pipeline.ingest import Byline


def _pred(pos: float = 0.0, neg: float = 0.0, attribution: str = "author") -> SentencePrediction:
    return SentencePrediction(claim_type="opinion", claim_confidence=1.0, hedged=False, attribution=attribution,
                              risk=False, risk_confidence=0.0, risk_category=None, category_confidence=0.0,
                              opportunity=False, opportunity_confidence=0.0, pos=pos, neg=neg)


def test_a_notice_whose_title_is_a_body_line_is_official():
    views = [SentenceView("某某市人民政府办公室关于印发《某某市促进机器人产业发展若干措施》的通知"),
             SentenceView("各区人民政府，市政府各部门：", "body"),
             SentenceView("产能过剩风险不容忽视。")]
    assert genre_of(views) == "official"
    # the document number under the title, as a line or as the byline's field, says the same
    numbered = [SentenceView("关于推进某某工作的意见"), SentenceView("某政办发〔2026〕12号", "byline"), SentenceView("一、总体要求")]
    assert genre_of(numbered[1:]) == "official"
    assert genre_of([SentenceView("某某产业的机会与风险。")], Byline(document_number="某政办发〔2026〕12号")) == "official"
    # a sentence that reports a notice is no title, and a year in brackets inside prose is no document number
    assert genre_of([SentenceView("省政府日前印发了关于加快发展的通知。"), SentenceView("这项政策问题不少。")]) == "analysis"
    assert genre_of([SentenceView("据统计〔2026〕年产量12号线路增加。")]) == "analysis"


def test_a_research_note_is_read_by_its_rating():
    lex = Lexicons.load()
    assert "broker_ratings.tsv" in LEXICON_FILES and lex.ratings.entries["买入"][0] == "supportive"
    note = [SentenceView("某某精工首次覆盖报告：协作机器人放量在即", "title"), SentenceView("某某证券研究所|公司深度报告"),
            SentenceView("投资评级：买入（首次覆盖）"), SentenceView("价格战短期内难以缓解，恐怕会逐步失去市场。")]
    assert research_rating(note, lex) == "supportive" and genre_of(note, lex=lex) == "research"
    preds = [_pred(), _pred(), _pred(), _pred(neg=3.0)]
    f = stance_features(preds, note, note, lex=lex)
    assert f["genre"] == "research" and f["rating"] == "supportive" and f["score"] < 0
    assert decide(f) == "supportive"  # the risk notes do not overrule the rating
    # a rating stated in the body, and a negative one
    assert research_rating([SentenceView("我们下调公司评级，给予“减持”评级。")], lex) == "skeptical"
    assert research_rating([SentenceView("行业评级：中性（维持）")], lex) == "neutral"
    assert research_rating([SentenceView("参考可比公司估值，首次覆盖给予“买入”评级。")], lex) == "supportive"
    # another firm's rating relayed by a report is not the text's own
    assert research_rating([SentenceView("高盛日前给予该公司“买入”评级。")], lex) is None
    # an unknown word after 评级 (a credit rating) is no research rating, and the text stays argued
    plain = [SentenceView("标普评级：BBB"), SentenceView("这家公司前景看好。")]
    assert research_rating(plain, lex) is None and genre_of(plain, lex=lex) == "analysis"


def test_a_news_lede_with_relayed_sources_is_news():
    views = [SentenceView("某国海缆登陆 数据枢纽计划引发关注", "title"),
             SentenceView("某国数字经济部22日宣布，新海缆已完成登陆段施工。"),
             SentenceView("副部长某某表示，带宽成本有望下降四成。"),
             SentenceView("分析人士认为，项目面临不少风险。"),
             SentenceView("电价偏高是最大的变量。")]
    assert news_lede(views)
    preds = [_pred(), _pred(), _pred(pos=1.0, attribution="某某"), _pred(neg=1.0, attribution="分析人士"), _pred(neg=2.0)]
    f = stance_features(preds, views, views)
    assert f["genre"] == "news" and decide(f) == "neutral"
    # the same text with a dated peg (month and day) is a commentary, and so is a lede without sources relayed
    dated = [views[0], SentenceView("某国数字经济部11月22日宣布，新海缆已完成登陆段施工。"), *views[2:]]
    assert not news_lede(dated) and stance_features(preds, dated, dated)["genre"] == "analysis"
    own = [_pred(), _pred(), _pred(pos=1.0), _pred(neg=1.0), _pred(neg=2.0)]
    assert stance_features(own, views, views)["genre"] == "analysis"


def test_the_supportive_and_skeptical_thresholds_are_one_band():
    from pipeline.argument.stance import fit_thresholds

    # many skeptical and mixed texts near the skeptical side, few supportive ones far out: a supportive threshold fitted
    # alone takes the midpoint of the wide empty stretch (0.5), and a held-out supportive text at 0.40 falls to mixed
    feats = [{"genre": "analysis", "score": s, "sarcasm": 0.0, "P": 5.0, "N": 5.0} for s in
             (-0.7, -0.45, -0.39, -0.36, -0.25, -0.2, -0.14, 0.11, 0.17, 0.25, 0.68, 0.73, 0.87)]
    gold = ["skeptical"] * 4 + ["mixed"] * 6 + ["supportive"] * 3
    t = fit_thresholds(feats, gold)
    assert t["supportive_at"] == -t["skeptical_at"]
    assert 0.25 < t["supportive_at"] <= 0.36
    assert decide({"genre": "analysis", "score": 0.40, "sarcasm": 0.0, "P": 8.0, "N": 4.0}, **t) == "supportive"
