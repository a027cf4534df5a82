"""Byline forms from the session-12 blind articles, each tested on invented text (other outlets, other names)."""

from __future__ import annotations

from pipeline.dates import published_of
from pipeline.ingest import _byline_of_line, _contract_14_fields, find_title_and_byline


def _read(text: str):
    title, _, byline, spans = find_title_and_byline(text, None)
    _contract_14_fields(byline)
    return title, byline, [text[s:e] for s, e in spans]


def test_a_papers_writer_line_names_paper_writer_post_and_date():
    title, byline, spans = _read("港口之争谁是赢家\n《南海财经周报》特约评论员　欧阳岚　2025年3月2日\n\n港口吞吐量增长近三成。\n")
    assert title == "港口之争谁是赢家"
    assert (byline.source, byline.author) == ("南海财经周报", "欧阳岚")
    assert byline.other["职务"] == "特约评论员"       # no contract field for a writer's post: kept as a note
    assert published_of(byline.other) == "2025-03-02"
    assert spans == ["《南海财经周报》特约评论员　欧阳岚　2025年3月2日"]
    # without a date, and a reporter rather than a commentator
    assert _byline_of_line("《西岭日报》记者 林岚") == [
        (("source",), "报刊", "西岭日报"), (("author",), "记者", "林岚"), (("other",), "职务", "记者")]


def test_a_papers_genre_line_is_still_no_writer():
    # 评论员文章 is the genre of an unsigned piece, not a writer called 文章; a sentence quoting a paper is no byline
    assert _byline_of_line("《西岭日报》评论员文章") == [(("source",), "报刊", "西岭日报"), (("other",), "体裁", "评论员文章")]
    assert _byline_of_line("《西岭日报》评论员说这是好事") == []
    assert _byline_of_line("《西岭日报》记者发自北京") == []


def test_a_research_unit_heads_a_dotted_report_header_with_its_series():
    _, byline, spans = _read("标题\n\n"
                             "海岳国际研究院中亚研究室 · 产业观察2025年第3期 · 作者：周岚、阿里·汗 · 2025年6月8日\n\n正文。\n")
    assert (byline.source, byline.author) == ("海岳国际研究院中亚研究室", "周岚、阿里·汗")
    assert byline.other["栏目"] == "产业观察2025年第3期"   # the series and issue: a note, no contract field
    assert published_of(byline.other) == "2025-06-08"
    assert len(spans) == 1


def test_a_transcripts_labelled_header_gives_date_venue_and_company():
    text = ("华曜电子股份有限公司2025年第二季业绩说明会纪录\n"
            "股票代号：3321　日期：2025年8月6日　地点：新竹／线上直播\n"
            "出席主管：董事长陈立\n\n一、营运概况\n陈立：各位好。\n")
    title, byline, spans = _read(text)
    assert title == "华曜电子股份有限公司2025年第二季业绩说明会纪录"
    assert byline.source == "华曜电子股份有限公司"          # the company's own record names it first
    assert byline.dateline == "新竹"                       # where the call was held (online: not a place)
    assert byline.other["股票代号"] == "3321"
    assert published_of(byline.other) == "2025-08-06"
    assert spans == ["股票代号：3321　日期：2025年8月6日　地点：新竹／线上直播"]


def test_labelled_lines_without_a_date_or_further_down_are_no_header():
    # a meeting's arrangements in a notice's body are not its byline, nor is a labelled line with no date
    text = ("关于召开座谈会的通知\n各有关单位：\n\n现将有关事项通知如下。\n一、会议安排\n"
            "时间：2025年9月1日　地点：市政府三楼会议室\n")
    assert _read(text)[1].other == {}
    _, byline, spans = _read("标题\n主持人：王明　嘉宾：李华\n\n正文。\n")
    assert (byline.other, spans) == ({}, [])


def test_a_company_title_names_the_company_only_when_no_signature_does():
    text = ("江南新材料股份有限公司关于对外投资的公告\n\n本公司拟投资建设新工厂，总投资约10亿元，董事会已审议通过。\n"
            "江南新材料股份有限公司董事会\n2025年5月6日\n")
    assert _read(text)[1].source == "江南新材料股份有限公司董事会"
    assert _read("江南新材料股份有限公司2025年年度报告\n\n本公司营收增长。\n正文。\n")[1].source == "江南新材料股份有限公司"
