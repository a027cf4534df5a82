"""Structure fixes from the session-11 blind articles (bylines), each tested on invented text."""

from __future__ import annotations

from pipeline.ingest import find_title_and_byline


def test_a_report_header_separated_by_spaced_middle_dots_names_issuer_and_author():
    text = ("东南亚港口投资复盘\n\n"
            "海岳国际研究院东南亚研究中心 · 政策简报2026年第12期 · 作者：林望舒 · 2026年11月18日\n\n"
            "核心观点\n港口吞吐量增长近三成。\n")
    title, _, byline, spans = find_title_and_byline(text, None)
    assert title == "东南亚港口投资复盘"
    assert (byline.source, byline.author) == ("海岳国际研究院东南亚研究中心", "林望舒")
    assert len(spans) == 1


def test_a_barred_report_header_with_a_labelled_author_names_both():
    _, _, byline, _ = find_title_and_byline(
        "标题\n华岳证券研究所｜行业点评｜分析师：邵景川｜2026年11月20日\n\n正文。\n", None)
    assert (byline.source, byline.author) == ("华岳证券研究所", "邵景川")


def test_a_foreign_name_with_a_middle_dot_is_no_byline():
    _, _, byline, spans = find_title_and_byline("标题\n\n卡洛斯·门多萨 · 秘鲁太平洋大学\n\n正文。\n", None)
    assert (byline.source, byline.author, spans) == (None, None, [])
