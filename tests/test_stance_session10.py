"""Session 10b (document stance): a reporter's filed-from byline on a web page, the Traditional-script editorial's
irony and rhetorical questions after conversion, and the verdict of a conclusion heading. Invented texts only."""

from __future__ import annotations

import pytest

from pipeline.argument import ArgumentAnalyzer
from pipeline.argument.features import SentenceView
from pipeline.argument.stance import genre_of
from pipeline.ingest import article_from_text, find_title_and_byline
from pipeline.models import Byline, Section, Sentence


@pytest.fixture(scope="module")
def arg() -> ArgumentAnalyzer:
    return ArgumentAnalyzer()


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
