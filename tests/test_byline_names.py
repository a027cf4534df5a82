"""The byline's names in English (schema 1.5, source.byline.names_en): what a reader of the Markdown, the HTML
report and the documents table sees for who wrote an article and where it comes from."""

from __future__ import annotations

from pathlib import Path

from pipeline.english import byline_parts, render_markdown
from pipeline.ingest import read_article
from pipeline.models import Byline, EntityIndexEntry
from pipeline.outputs import document_columns
from pipeline.reports.document import document_context

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>某国光伏组件厂落地 | 环球产经网</title></head>
<body><nav><a href="/">首页</a> | <a href="/energy">能源</a></nav>
<article><h1>某国光伏组件厂落地</h1>
<div class="meta"><span class="author">记者 程望川</span> <span class="time">2026-11-19 08:30</span>
<span class="source">来源：环球产经网</span></div>
<p>据当地能源部介绍，这座工厂总投资约12亿美元，计划明年投产，年产能达到五吉瓦。</p>
<p>项目由多家中资企业共同出资，当地政府承诺提供土地和电价优惠。</p>
</article><footer>版权所有 环球产经网</footer></body></html>
"""


def test_a_reporter_kept_out_of_the_text_still_gets_an_english_name(recognizer):
    # the HTML page's reporter is in the byline only (not a mention): named the way a byline mention is
    names = recognizer.byline_names(Byline(author="程望川", source="环球产经网", dateline="拉巴特"), [])
    assert names["程望川"].name_en == "Cheng Wangchuan"
    assert names["程望川"].name_en_method == "pinyin"
    assert names["拉巴特"].name_en == "Rabat" and names["拉巴特"].name_en_source == "termbase"
    # an outlet without an English name of its own is romanised word by word, glossed where the words gloss
    assert names["环球产经网"].name_en.startswith("Huanqiu") and names["环球产经网"].name_en_source == "transliteration"


def test_a_writer_with_a_korean_surname_is_read_as_chinese_in_an_article_about_korea(analyzer):
    document = analyzer.analyze(read_article(CORPUS / "korea-chips-26t-krw.html"))
    # the Chinese columnist's byline (韩明哲) against the Koreans the article quotes
    assert document.source.byline.names_en["韩明哲"].name_en == "Han Mingzhe"
    people = {e.name_zh: e for e in document.entity_index if e.label == "PERSON"}
    assert people["姜泰元"].name_en == "Kang Tae-won" and people["姜泰元"].name_en_method == "korean_reading"


def test_a_name_the_text_mentions_keeps_the_entity_index_name(recognizer):
    entry = EntityIndexEntry(entity_id="E1", label="ORG", name_zh="新华社", name_en="Xinhua News Agency",
                             name_en_source="termbase", name_en_method="termbase", aliases=["新华通讯社"], mentions=2)
    names = recognizer.byline_names(Byline(author="赵某某、钱二", source="新华通讯社"), [entry])
    assert names["新华通讯社"].name_en == "Xinhua News Agency"
    assert {"赵某某", "钱二"} <= set(names)       # two authors, each named


def test_byline_parts_pairs_each_name_with_its_english():
    names = {"周岚": "Zhou Lan", "欧亚观察": "Ouya Guancha"}
    assert byline_parts("周岚、马晓宁", names) == [("周岚", "Zhou Lan"), ("马晓宁", None)]
    assert byline_parts("欧亚观察专栏", names) == [("欧亚观察专栏", "Ouya Guancha")]   # the column, named without 专栏
    assert byline_parts("本报", names) == [("本报", None)]


def test_an_html_page_s_byline_reads_in_english_everywhere(tmp_path, analyzer):
    path = tmp_path / "photovoltaic-plant.html"
    path.write_text(PAGE, encoding="utf-8")
    document = analyzer.analyze(read_article(path))
    byline = document.source.byline
    assert byline.author == "程望川" and "程望川" not in document.text
    # a page this short once came out of trafilatura's baseline extractor as one line, byline included
    assert len(document.paragraphs) == 3 and document.source.published == "2026-11-19T08:30"
    assert byline.names_en["程望川"].name_en == "Cheng Wangchuan"
    line = next(l for l in render_markdown(document).splitlines() if l.startswith("- Byline:"))
    assert "author: Cheng Wangchuan 「程望川」 (zh)" in line
    doc = document.model_dump(mode="json")
    assert document_columns(doc)["documents"]["author_en"] == ["Cheng Wangchuan"]
    assert document_context(doc)["byline"]["author"] == "Cheng Wangchuan (程望川)"
