"""Session 10b (document stance): a reporter's filed-from byline on a web page, the Traditional-script editorial's
irony and rhetorical questions after conversion, and the verdict of a conclusion heading. Invented texts only."""

from __future__ import annotations

import pytest

from pipeline.argument import ArgumentAnalyzer
from pipeline.argument.features import SentenceView, stance_polarity
from pipeline.argument.lexicon import Lexicons
from pipeline.argument.stance import conclusion_verdicts, genre_of
from pipeline.ingest import article_from_text, find_title_and_byline, traditional_to_simplified
from pipeline.models import Byline, Section, Sentence


@pytest.fixture(scope="module")
def arg() -> ArgumentAnalyzer:
    return ArgumentAnalyzer()


@pytest.fixture(scope="module")
def lex() -> Lexicons:
    return Lexicons.load()


def _doc(sentences: list[tuple[str, str]]):
    out, pos = [], 0
    for i, (text, kind) in enumerate(sentences):
        out.append(Sentence(id=i, start=pos, end=pos + len(text), text=text, section_id=0, paragraph_id=0, kind=kind))
        pos += len(text) + 1
    text = "\n".join(t for t, _ in sentences)
    return text, out, [Section(id=0, title=None, start=0, end=len(text))]


_PAGE = """<html><head><meta charset="utf-8"><title>某国押注氢能港口_某某财经网</title></head><body>
<article><h1>某国押注氢能港口：中资企业的机遇与门槛</h1>
<div class="byline"><span class="author">记者 韩某某 发自卡萨布兰卡</span><span class="time">2026-10-02 09:15</span></div>
<div class="content"><p>在港口以北约30公里的工业园里，一座电解槽工厂已经封顶，设备正在陆续进场。</p>
<p>按照计划，这座工厂将于明年投产，一期年产能为1吉瓦，总投资约8亿美元。</p>
<p>当地官员表示，项目将带来约两千个就业岗位，这是一个难得的机遇。</p></div>
<div class="editor">责任编辑：某某</div></article></body></html>"""


def test_a_web_pages_reporter_line_filed_from_a_place_is_read_into_the_byline():
    article = article_from_text(_PAGE, doc_id="x", path="x.html", fmt="html", sha256="0", size_bytes=len(_PAGE),
                                encoding="utf-8")
    assert article.byline.author == "韩某某" and article.byline.other.get("发稿地") == "卡萨布兰卡"
    _, _, byline, _ = find_title_and_byline("某国扩建港口\n本报记者 周某 发自开罗\n\n正文第一句。\n", None)
    assert (byline.author, byline.other.get("发稿地")) == ("周某", "开罗")
    _, _, byline, _ = find_title_and_byline("某国扩建港口\n本报记者 周某\n\n正文第一句。\n", None)
    assert "发稿地" not in byline.other


def test_a_reporters_filed_from_place_makes_a_news_report(arg):
    body = [SentenceView("某国押注氢能港口", "title"), SentenceView("工厂已经封顶，设备正在进场。", "body"),
            SentenceView("当地官员表示，这是一个难得的机遇。", "body")]
    assert genre_of(body) == "analysis"
    assert genre_of(body, Byline(author="韩某某", other={"发稿地": "卡萨布兰卡"})) == "news"
    assert genre_of(body, {"author": "韩某某", "other": {"发稿地": "卡萨布兰卡"}}) == "news"
    assert genre_of(body, Byline(author="韩某某")) == "analysis"  # a reporter's name alone: news analyses carry it
    assert genre_of(body[:1] + [SentenceView("记者 韩某某 发自卡萨布兰卡", "byline")] + body[1:]) == "news"
    text, sentences, sections = _doc([
        ("某国押注氢能港口", "title"),
        ("这是一个难得的机遇，港口的区位优势十分突出。", "body"),
        ("中资企业有望受益，前景值得看好。", "body"),
        ("项目的效率和稳定性令人印象深刻。", "body"),
    ])
    assert arg(text, sentences, sections).stance.label == "supportive"
    relayed = arg(text, sentences, sections, byline=Byline(author="韩某某", other={"发稿地": "卡萨布兰卡"})).stance
    assert relayed.label == "neutral"


def test_traditional_script_irony_and_rhetorical_questions_after_conversion(lex):
    def kinds(traditional: str) -> list[str]:
        return stance_polarity(lex.mask(traditional_to_simplified(traditional)), lex)[2]

    assert "rhetorical" in kinds("工程一再延宕，這筆錢最後由誰來埋單？")
    assert "rhetorical" in kinds("預算書的數字對不上，到底有沒有人認真算過這筆帳？")
    assert "irony" in kinds("主管機關號稱「全面領先」，實際進度卻落後兩年。")
    assert "irony" in kinds("這樣的落差，很難用「創新」兩個字帶過。")
    assert kinds("主管機關表示，工程將於明年完工。") == []
    assert kinds("誰來接任董事長，董事會下月決定。") == []  # not a question about who pays


def test_a_converted_editorial_with_irony_and_questions_is_skeptical(arg):
    traditional = [
        ("捷運延伸線再追加預算 市民換來什麼？", "title"),
        ("市府日前宣布追加三十億元預算，並號稱要打造「全國最便捷」的通勤路網。", "body"),
        ("第一期工程延宕三年，經費超支兩成。", "body"),
        ("做不到準時完工的團隊，憑什麼保證第二期不會延宕？", "body"),
        ("預算書的分項加總對不上，到底有沒有人認真核過？", "body"),
        ("這樣的落差，很難用「建設」兩個字帶過。", "body"),
        ("運量若撐不起來，營運虧損由誰來付？", "body"),
        ("我們並不反對興建捷運。", "body"),
        ("但市府至少應該公開每一段的成本與時程。", "body"),
        ("第一，由議會每半年審查一次進度。", "body"),
        ("第二，先補齊公車接駁。", "body"),
    ]
    text, sentences, sections = _doc([(traditional_to_simplified(t), k) for t, k in traditional])
    assert arg(text, sentences, sections).stance.label == "skeptical"


def test_a_balanced_verdict_in_a_conclusion_heading_makes_the_analysis_mixed(arg, lex):
    def views(heading: str) -> list[SentenceView]:
        return [SentenceView("某省押注储能产业", "title"), SentenceView(heading, "heading")]

    assert conclusion_verdicts(views("五、结论：值得一试，但别指望立竿见影"), lex) == ["balanced"]
    assert conclusion_verdicts(views("结语｜值得押注，但不能急于求成"), lex) == ["balanced"]
    assert conclusion_verdicts(views("五、前景：值得一试，但别指望立竿见影"), lex) == []  # not the conclusion
    assert conclusion_verdicts(views("五、结论：前景值得看好"), lex) == []
    assert conclusion_verdicts([SentenceView("结论：值得一试，但别指望立竿见影", "body")], lex) == []

    def document(heading: str):
        return _doc([
            ("某省储能产业：补贴能否换来一个新产业？", "title"),
            ("该省的风光资源有明显优势，电价也有竞争力。", "body"),
            ("这是一个难得的机遇，本地企业有望受益。", "body"),
            (heading, "heading"),
            ("综合来看，该省的条件确实排得上前列。", "body"),
            ("对设备企业而言，机会值得关注。", "body"),
        ])

    assert arg(*document("四、结论：值得押注，但别指望速成")).stance.label == "mixed"
    assert arg(*document("四、机会在哪里")).stance.label == "supportive"
