from __future__ import annotations

import pytest

from pipeline.ingest import (
    IngestError, article_from_bytes, decode_bytes, doc_id_for, find_title_and_byline, normalise_text,
    parse_byline_line, read_article, to_simplified, _fill_byline,
)
from pipeline.models import Byline

SAMPLE = "日本政府今年投入74亿美元，押注量子技术。半导体产业曾经辉煌！"
TRADITIONAL = "日本政府今年投入74億美元，押注量子技術。半導體產業曾經輝煌，這是一個關鍵轉變。"


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
])
def test_decodes_supported_encodings(encoding, expected):
    text = SAMPLE * 3 + " Fujitsu and NEC, 2025."
    decoded, detected = decode_bytes(text.encode(encoding), "x.txt")
    assert decoded == text
    assert detected == expected


def test_decodes_big5_traditional():
    decoded, detected = decode_bytes((TRADITIONAL * 3).encode("big5"), "x.txt")
    assert decoded == TRADITIONAL * 3
    assert detected == "big5"


def test_rejects_empty_binary_and_undecodable():
    with pytest.raises(IngestError, match=r"x\.txt: empty file"):
        decode_bytes(b"  \n ", "x.txt")
    with pytest.raises(IngestError, match=r"x\.txt: binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "x.txt")
    with pytest.raises(IngestError, match=r"x\.txt: bytes are not valid UTF-8, UTF-16, GB18030/GBK or Big5"):
        decode_bytes(b"abc \xff\xff\xff def " * 20, "x.txt")


def test_full_width_ascii_is_normalised_but_chinese_punctuation_kept():
    assert normalise_text("投入５０亿日元，ＡＢＣＩ－Ｑ超算（日本）。\r\n") == "投入50亿日元，ABCI-Q超算（日本）。"
    assert normalise_text("　　第一段\u200b文字") == "第一段文字"
    assert normalise_text("投入４，５６５亿元，其中３０亿") == "投入4,565亿元，其中30亿"


def test_traditional_is_converted_and_original_kept():
    article = article_from_bytes(TRADITIONAL.encode("utf-8"), doc_id="t", path="t.txt", fmt="txt")
    assert article.script == "traditional"
    assert "量子技术" in article.text and "半导体产业" in article.text
    assert article.original_text == TRADITIONAL
    simplified, script = to_simplified(SAMPLE)
    assert (simplified, script) == (SAMPLE, "simplified")


@pytest.mark.parametrize("line,fields", [
    ("本文作者 | 东叔", [(("author",), "东叔")]),
    ("审校 | 童任", [(("reviewer",), "童任")]),
    ("编辑/出品 | 东针-知识频道(未经允许,禁止转载)", [(("editor", "publisher"), "东针-知识频道")]),
    ("来源：新华社", [(("source",), "新华社")]),
    ("责任编辑:王小明", [(("editor",), "王小明")]),
    ("文/陈思妤", [(("author",), "陈思妤")]),
    ("来源:亚太产经观察 作者:韩明哲 发布时间:2026-11-20 09:30",
     [(("source",), "亚太产经观察"), (("author",), "韩明哲"), (("other",), "2026-11-20 09:30")]),
    ("作者:林屿|责任编辑:许诺", [(("author",), "林屿"), (("editor",), "许诺")]),
    ("来源:寰球财经周刊 作者:闵思远 2026-11-22 08:15 阅读 12,406",
     # the page furniture goes; its date stays as a note (the publication date, schema 1.4)
     [(("source",), "寰球财经周刊"), (("author",), "闵思远"), (("other",), "2026-11-22 08:15")]),
    ("作者:John Smith", [(("author",), "John Smith")]),
])
def test_byline_lines(line, fields):
    assert [(roles, value) for roles, _, value in parse_byline_line(line)] == fields


def test_wire_dateline_bracketed_editor_and_notice_issuer():
    text = "某国出台新规\n\n新华社华盛顿11月20日电（记者陈思远）美国商务部20日宣布……\n\n正文。\n\n【责任编辑：周岚】\n"
    title, _, byline, spans = find_title_and_byline(text, None)
    assert (title, byline.source, byline.author, byline.editor) == ("某国出台新规", "新华社", "陈思远", "周岚")
    assert [text[s:e] for s, e in spans] == ["【责任编辑：周岚】"]      # the dateline stays in the body
    _, _, byline, _ = find_title_and_byline("标题\n\n本报讯（记者 张三）昨日……\n", None)
    assert (byline.source, byline.author) == (None, "张三")
    _, _, byline, _ = find_title_and_byline("市政府办公厅关于印发《若干措施》的通知\n\n各区：\n", None)
    assert byline.source == "市政府办公厅"
    _, _, byline, _ = find_title_and_byline("专家谈政府关于减税的承诺\n\n正文。\n", None)
    assert byline.source is None


def test_wechat_header_and_analyst_line_are_bylines():
    _, _, byline, spans = find_title_and_byline("标题在此\n原创 周远舟 芯潮观察 2026年11月20日 08:30\n\n正文第一句。\n", None)
    assert (byline.author, byline.publisher, len(spans)) == ("周远舟", "芯潮观察", 1)
    _, _, byline, _ = find_title_and_byline("行业深度报告\n证券研究报告|行业深度\n分析师：陆川\n\n正文。\n", None)
    assert byline.author == "陆川"
    assert find_title_and_byline("标题\n原创作品很多，2026年11月20日发布。\n", None)[2].author is None


def test_reporter_lines_and_signatures_are_bylines():
    for header in ("■本报记者 苏静远 发自悉尼", "文｜本报记者 苏静远", "本报驻悉尼记者 苏静远", "记者 苏静远"):
        _, _, byline, spans = find_title_and_byline(f"澳大利亚押注关键矿产\n{header}\n\n正文第一句。\n", None)
        assert (byline.author, len(spans)) == ("苏静远", 1), header
    _, _, byline, _ = find_title_and_byline("标题\n本报记者 李明 王芳\n\n正文。\n", None)
    assert byline.author == "李明 王芳"
    _, _, byline, _ = find_title_and_byline("标题\n\n正文第一句。\n\n（本报记者 张三）\n", None)
    assert byline.author == "张三"
    _, _, byline, spans = find_title_and_byline("标题\n\n记者会上，部长回答了提问。\n", None)
    assert byline.author is None and spans == []
    text = "关于投资建设项目的公告\n\n正文。\n\n特此公告。\n\n江苏某某微电子股份有限公司董事会\n2026年11月22日\n"
    _, _, byline, spans = find_title_and_byline(text, None)
    assert byline.source == "江苏某某微电子股份有限公司董事会" and len(spans) == 2
    _, _, byline, spans = find_title_and_byline("标题\n\n正文。\n\n他说这家公司\n2026年11月22日\n", None)
    assert byline.source is None and spans == []


def test_body_sentence_is_not_a_byline():
    assert parse_byline_line("作者认为:日本的战略是正确的。") == []
    assert parse_byline_line("来源于实验室的成果很多") == []
    assert parse_byline_line("文章指出,来源:政府文件。") == []


def test_title_and_byline_in_plain_text(tmp_path):
    path = tmp_path / "韩国 芯片.txt"
    path.write_text("韩国半导体的新赌注\n\n韩国政府宣布投入26万亿韩元支持芯片产业。\n分析人士认为这一计划将改变格局。\n作者：李明\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "韩国半导体的新赌注"
    assert article.text[slice(*article.title_span)] == article.title
    assert article.byline.author == "李明"
    assert article.doc_id == "韩国-芯片"
    assert len(article.sha256) == 64 and article.encoding == "utf-8"


def test_long_first_sentence_is_not_a_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("日本政府今年一口气砸下74亿美元押注量子技术,这是一种近乎疯狂的战略转向和破釜沉舟的决心,日本在过去五年里投入了大约22亿美元。\n第二段。\n", encoding="utf-8")
    assert read_article(path).title is None


def test_markdown_title_headings_and_links(tmp_path):
    path = tmp_path / "eu.md"
    path.write_text("# 欧盟电池补贴\n\n**导语**:欧盟委员会批准了[新的补贴](https://example.org)。\n\n## 一、背景\n\n投入30亿欧元。\n\n![图](x.png)\n", encoding="utf-8")
    article = read_article(path)
    assert article.title == "欧盟电池补贴"
    assert "https://" not in article.text and "**" not in article.text and "x.png" not in article.text
    assert [article.text[s:e] for s, e in article.heading_spans] == ["一、背景"]


def test_html_main_text_without_boilerplate(tmp_path):
    paragraphs = "".join(f"<p>第{i}段:新加坡政府宣布投入数十亿新加坡元建设人工智能算力中心,预计将带动区域数据中心产业的发展。</p>" for i in range(1, 7))
    page = (f"<html><head><title>新加坡的算力押注</title></head><body><nav><a href='/'>首页</a> <a href='/news'>新闻中心</a></nav>"
            f"<article><h1>新加坡的算力押注</h1><h2>一、计划内容</h2>{paragraphs}</article>"
            f"<footer>版权所有 © 2026 某某网 保留所有权利 联系我们</footer></body></html>")
    path = tmp_path / "sg.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert article.title == "新加坡的算力押注"
    assert "第6段" in article.text and "计划内容" in article.text
    assert "版权所有" not in article.text and "新闻中心" not in article.text
    assert article.format == "html"


def test_a_short_html_page_keeps_its_paragraphs_apart(tmp_path):
    # under 250 characters of article text trafilatura's default falls back to its baseline extractor:
    # the whole page in one line, byline and date run into the article's sentences
    page = ("<html><head><title>快讯</title></head><body><nav><a href='/'>首页</a></nav><article><h1>某港口扩建获批</h1>"
            "<div class='meta'><span class='author'>记者 程望川</span> <span class='time'>2026-11-19 08:30</span></div>"
            "<p>当地交通部批准了港口二期扩建，总投资约8亿美元。</p>\n<p>项目计划2028年完工。</p></article></body></html>")
    path = tmp_path / "brief.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    lines = [line for line in article.text.split("\n") if line.strip()]
    assert lines[0] == "某港口扩建获批"
    assert lines[-2:] == ["当地交通部批准了港口二期扩建，总投资约8亿美元。", "项目计划2028年完工。"]
    assert article.byline.author == "程望川" and not any("程望川" in line and "港口" in line for line in lines)


def test_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match="empty.html"):
        read_article(path)


def test_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes("量子".encode() * 1000)
    with pytest.raises(IngestError, match=r"big\.txt: .*over the .*limit"):
        read_article(path, max_bytes=1000)


def test_doc_id_from_file_name():
    from pathlib import Path

    assert doc_id_for(Path("corpus/japan-quantum-7.4b-usd.txt")) == "japan-quantum-7.4b-usd"
    assert doc_id_for(Path("x/Report 2025 (final).HTML")) == "Report-2025-final"


def test_table_source_note_is_not_the_byline_and_a_report_header_is():
    text = ("商业航天行业跟踪报告\n华岳证券研究所｜行业跟踪报告｜2026年11月20日\n分析师：邵景川\n\n"
            "核心观点\n今年国内共实施航天发射78次。\n表1：星座进展\nGW星座  约13,000\n资料来源：公开资料，华岳证券研究所整理\n")
    title, _, byline, spans = find_title_and_byline(text, None)
    assert title == "商业航天行业跟踪报告"
    assert (byline.source, byline.author) == ("华岳证券研究所", "邵景川")
    assert not any("资料来源" in text[s:e] for s, e in spans)


def test_wire_agency_reporter_line_and_bare_dateline_name_the_source():
    _, _, byline, spans = find_title_and_byline("泰国加码电动车激励\n新华社记者 黄清源\n\n正文。\n", None)
    assert (byline.source, byline.author, len(spans)) == ("新华社", "黄清源", 1)
    _, _, byline, _ = find_title_and_byline("标题\n\n新华社曼谷11月20日电 泰国投资促进委员会20日宣布……\n\n正文。\n", None)
    assert byline.source == "新华社"
    for first in ("本报北京11月20日电 国务院常务会议……", "新华社认为这一方案会成功。", "据报道11月20日电力供应紧张。"):
        _, _, byline, _ = find_title_and_byline(f"标题\n\n{first}\n\n正文。\n", None)
        assert byline.source is None, first


def test_a_note_after_a_bar_is_not_part_of_the_name():
    assert [(roles, value) for roles, _, value in parse_byline_line("作者：韩屿 ｜ 专栏「南方矿脉」")] == \
        [(("author",), "韩屿"), (("source", "other"), "南方矿脉")]   # the column the article appears in is its source
    assert [(roles, value) for roles, _, value in parse_byline_line("作者：韩屿｜首发于某某周刊")] == \
        [(("author",), "韩屿"), (("other",), "首发于某某周刊")]


def test_notice_issuer_from_a_measures_title_and_a_signature_before_a_closing_note():
    _, _, byline, _ = find_title_and_byline("某省人民政府办公厅关于加快低空经济发展的若干措施\n\n各市：\n\n正文。\n", None)
    assert byline.source == "某省人民政府办公厅"
    text = "加快低空经济发展的若干措施\n\n正文。\n\n某省人民政府办公厅\n2026年11月16日\n\n（此件公开发布）\n"
    _, _, byline, spans = find_title_and_byline(text, None)
    assert byline.source == "某省人民政府办公厅"
    assert [text[s:e] for s, e in spans] == ["某省人民政府办公厅", "2026年11月16日"]


def test_html_site_name_heads_the_meta_line_and_is_the_source_when_none_is_stated(tmp_path):
    paragraphs = "".join(f"<p>第{i}段：波兰政府宣布建设首座核电站，预计总投资约1,920亿兹罗提，数据中心需求同步增长。</p>" for i in range(1, 7))
    meta = "<p class='meta'>中东欧财经　记者：程曦　2026年11月21日　责任编辑：陆远帆</p>"
    page = (f"<html><head><title>波兰的核电豪赌 - 中东欧财经</title></head><body>"
            f"<div class='top'><a href='/'>中东欧财经</a></div><article><h1>波兰的核电豪赌</h1>{meta}{paragraphs}</article></body></html>")
    path = tmp_path / "pl.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert (article.byline.source, article.byline.author, article.byline.editor) == ("中东欧财经", "程曦", "陆远帆")
    stated = page.replace(meta, "<p class='meta'>来源：华沙观察　作者：程曦</p>")
    path.write_text(stated, encoding="utf-8")
    assert read_article(path).byline.source == "华沙观察"
    path.write_text(page.replace(" - 中东欧财经", ""), encoding="utf-8")
    assert read_article(path).byline.source is None


def test_byline_notes_after_the_name_and_a_lead_before_the_first_field():
    fields = parse_byline_line("研究简报 2026年第5期 ｜ 作者：秦远（华东产业研究院研究员） ｜ 发布日期：2026年11月2日")
    assert (("author",), "作者", "秦远") in fields
    assert (("other",), "单位", "华东产业研究院研究员") in fields
    assert (("other",), "栏目", "研究简报 2026年第5期") in fields
    assert parse_byline_line("记者：陈家豪／新德里报导")[:2] == [(("author",), "记者", "陈家豪"), (("other",), "发稿地", "新德里报导")]
    assert parse_byline_line("他在会上说了很多话，我们都记住了 | 作者：李四") == []     # a sentence is no lead


def test_wechat_header_with_place_and_date_line_under_a_byline():
    _, _, byline, spans = find_title_and_byline("标题在此\n\n原创 米拉 出海笔记 2026年11月2日 21:15 广东\n\n正文第一句。\n", None)
    assert (byline.author, byline.publisher, byline.source, len(spans)) == ("米拉", "出海笔记", "出海笔记", 1)
    text = "某国芯片新政\n\n来源：环球产经\n记者：王晓\n2026年11月2日\n\n正文第一句。\n\n2026年11月3日，部长表示将继续推进。\n"
    _, _, byline, spans = find_title_and_byline(text, None)
    assert [text[s:e] for s, e in spans] == ["来源：环球产经", "记者：王晓", "2026年11月2日"]
    assert byline.other["日期"] == "2026年11月2日"


def test_html_meta_author_is_the_author_when_the_page_text_names_none(tmp_path):
    paragraphs = "".join(f"<p>第{i}段：印度政府宣布扩大半导体补贴，计划吸引更多封测企业投资设厂，带动就业。</p>" for i in range(1, 7))
    page = (f"<html><head><title>印度芯片补贴</title><meta name='author' content='贺青'></head>"
            f"<body><article><h1>印度芯片补贴</h1>{paragraphs}</article></body></html>")
    path = tmp_path / "in.html"
    path.write_text(page, encoding="utf-8")
    assert read_article(path).byline.author == "贺青"
    path.write_text(page.replace("<h1>印度芯片补贴</h1>", "<h1>印度芯片补贴</h1><p>作者：林默</p>"), encoding="utf-8")
    assert read_article(path).byline.author == "林默"


def test_emoji_decorating_a_title_are_not_part_of_it():
    text = "🚀印度芯片补贴加码，封测企业的机会来了！🔥\n\n原创 米拉 出海笔记 2026年11月2日 21:15\n\n正文第一句。\n"
    title, span, _, _ = find_title_and_byline(text, None)
    assert title == "印度芯片补贴加码，封测企业的机会来了！"
    assert text[span[0]:span[1]].startswith("🚀")          # the line itself is still the title line


def test_a_column_and_a_date_between_bars_are_parts_of_the_line_not_labels():
    fields = parse_byline_line("作者：冯砚 ｜ 欧亚观察专栏 ｜ 2026年11月22日")
    assert [(roles, label, value) for roles, label, value in fields] == \
        [(("author",), "作者", "冯砚"), (("source", "other"), "专栏", "欧亚观察专栏"), (("other",), "日期", "2026年11月22日")]
    fields = parse_byline_line("作者：林屿｜出海观察栏目｜2026-11-20")
    assert ("source", "other") in [roles for roles, _, _ in fields] and fields[0][2] == "林屿"
    # a known role still takes a bar: 审校 | 童任
    assert parse_byline_line("审校 | 童任") == [(("reviewer",), "审校", "童任")]


def test_compiler_and_drafter_credits_name_the_author():
    for line, author in (("来源：尼罗河财经观察 整理：郑宛 2026年11月20日", "郑宛"), ("执笔：苏明岚", "苏明岚"),
                         ("撰稿：何方", "何方"), ("编译：林夕", "林夕")):
        byline = Byline()
        _fill_byline(byline, parse_byline_line(line))
        assert byline.author == author, line
    # the compiler of a table's figures is no byline
    assert parse_byline_line("资料来源：企业公告，中欧生命科学研究院整理。") == []


def test_an_institution_and_its_department_heading_a_byline():
    byline = Byline()
    _fill_byline(byline, parse_byline_line("中欧生命科学研究院 产业研究部 执笔：苏明岚 2026年11月18日"))
    assert (byline.source, byline.department, byline.author) == ("中欧生命科学研究院", "产业研究部", "苏明岚")
    byline = Byline()
    _fill_byline(byline, parse_byline_line("宏观研究部 作者：陈默"))       # the site already names the institution
    assert (byline.source, byline.department, byline.author) == (None, "宏观研究部", "陈默")
    # a sentence is not a lead
    assert parse_byline_line("我们认为 作者：这一说法不对。") == []


def test_weibo_post_header_names_account_and_platform():
    text = "东南亚科技早报｜菲律宾周报\n\n南洋科技圈 发布于 2026-11-23 08:30 来自 微博网页版\n\n各位早上好。\n"
    _, _, byline, spans = find_title_and_byline(normalise_text(text), None)
    assert (byline.source, byline.publisher, byline.platform, len(spans)) == ("南洋科技圈", "南洋科技圈", "微博", 1)
    _, _, byline, _ = find_title_and_byline("标题\n\n财经早知道 2026-11-23 21:05 来自 iPhone客户端\n\n正文。\n", None)
    assert (byline.source, byline.platform) == ("财经早知道", "微博")
    # a date alone after a word is no post header
    _, _, byline, spans = find_title_and_byline("标题\n\n截至 2026-11-23\n\n正文。\n", None)
    assert byline.platform is None and spans == []


def test_wechat_header_names_the_platform():
    _, _, byline, _ = find_title_and_byline("标题\n原创 周远舟 芯潮观察 2026年11月20日 08:30 上海\n\n正文。\n", None)
    assert (byline.author, byline.source, byline.platform) == ("周远舟", "芯潮观察", "微信")


def test_forum_post_starter_line_and_the_site_a_forum_title_names_before_its_board(tmp_path):
    # 楼主 / 发帖人 name the author and the post's platform; 发表于 <time>, IP属地 and the read count are page furniture
    fields = parse_byline_line("发帖人：江城老张 发表于 2025-03-08 09:12 IP属地：湖北 阅读 1,204")
    byline = Byline()
    _fill_byline(byline, fields)
    assert (byline.author, byline.platform, byline.other.get("IP属地")) == ("江城老张", "论坛", "湖北")
    assert parse_byline_line("作者：林屿 发布于 2026-01-02 10:00")[0][2] == "林屿"
    paragraphs = "".join(f"<p>第{i}段：某省设立新能源产业基金，总规模五十亿元，去年投出十二亿元，项目仍在建设。</p>" for i in range(1, 7))
    page = ("<html><head><title>新能源基金到底投了什么 - 江汉论坛 - 投资闲谈</title></head><body>"
            "<header><a href='/'>江汉论坛</a> <a href='/login'>登录</a></header><nav><a href='/'>首页</a>"
            "<a href='/invest/'>投资闲谈</a></nav><main><article><h1>新能源基金到底投了什么</h1>"
            "<div class='meta'>楼主：江城老张　发表于 2025-03-08 09:12　IP属地：湖北</div>"
            f"{paragraphs}</article></main></body></html>")
    path = tmp_path / "forum.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    # the title's last part is the board; the part the home link shows is the site
    assert (article.byline.author, article.byline.source, article.byline.platform) == ("江城老张", "江汉论坛", "论坛")
    path.write_text(page.replace("<a href='/'>江汉论坛</a>", "<a href='/'>返回</a>"), encoding="utf-8")
    assert read_article(path).byline.source == "投资闲谈"


def test_a_papers_opinion_piece_names_the_paper_not_an_author():
    text = "电价改革不能再拖\n《南岭商报》社论 2025年3月2日\n\n能源主管部门上周公布了电价改革方案。\n"
    _, _, byline, spans = find_title_and_byline(text, None)
    assert (byline.source, byline.author) == ("南岭商报", None)
    assert byline.other == {"体裁": "社论", "日期": "2025年3月2日"}
    assert [text[s:e] for s, e in spans] == ["《南岭商报》社论 2025年3月2日"]
    _, _, byline, _ = find_title_and_byline("标题\n《江城晚报》 2025-03-02\n\n正文第一句。\n", None)
    assert byline.source == "江城晚报"
    # a book or law in brackets with a date is not a byline; nor is a sentence quoting one
    assert find_title_and_byline("标题\n《数据安全法》 2021年6月10日\n\n正文第一句。\n", None)[2].source is None
    assert find_title_and_byline("标题\n《南岭商报》社论指出，电价要改。\n\n正文。\n", None)[2].source is None


def test_a_notices_document_number_and_issuer_with_date_are_byline_lines():
    text = ("某市关于支持氢能产业发展的若干措施\n某府办发〔2025〕12号\n某市人民政府办公室 2025年4月8日\n\n"
            "为加快氢能产业发展，制定以下措施。\n第一条 设立专项资金。\n")
    _, _, byline, spans = find_title_and_byline(text, None)
    assert byline.source == "某市人民政府办公室"
    assert byline.other == {"文号": "某府办发〔2025〕12号", "日期": "2025年4月8日"}
    assert [text[s:e] for s, e in spans] == ["某府办发〔2025〕12号", "某市人民政府办公室 2025年4月8日"]
    # a sentence that starts with a body and a date is no issuer line
    assert find_title_and_byline("标题\n市政府说了 2025年4月8日\n\n正文。\n", None)[2].source is None


def test_an_html_byline_block_with_a_reporter_line(tmp_path):
    paragraphs = "".join(f"<p>第{i}段：越南政府宣布扩大电池产业补贴，计划吸引更多材料企业投资设厂，带动就业。</p>" for i in range(1, 7))
    page = (f"<html><head><title>越南电池补贴_某某财经网</title></head><body><article><h1>越南电池补贴</h1>"
            f"<div class='byline'><span>记者 许澄 发自河内</span><span>2025-05-06 10:20</span>"
            f"<span>来源：某某财经网</span></div>{paragraphs}<p>责任编辑：文舟</p></article></body></html>")
    path = tmp_path / "vn.html"
    path.write_text(page, encoding="utf-8")
    byline = read_article(path).byline
    assert (byline.author, byline.source, byline.editor) == ("许澄", "某某财经网", "文舟")
    assert byline.other["发稿地"] == "河内"


def test_a_research_institute_in_the_authors_affiliation_is_the_source_when_none_is_named():
    article = article_from_bytes(
        "# 智利铜业的新变数\n\n作者：唐川（南美资源研究院首席分析师）｜发布日期：2025年6月1日\n\n智利政府本周宣布新的铜矿特许权规则。\n".encode(),
        doc_id="cl", path="cl.md", fmt="md")
    assert (article.byline.author, article.byline.source) == ("唐川", "南美资源研究院")
    # a source the byline names wins; a university professor's affiliation is not a source
    assert article_from_bytes("# 标题\n\n作者：唐川（南美资源研究院首席分析师）　来源：某某周刊\n\n正文第一句。\n".encode(),
                              doc_id="a", path="a.md", fmt="md").byline.source == "某某周刊"
    assert article_from_bytes("# 标题\n\n作者：唐川（某某大学教授）\n\n正文第一句。\n".encode(), doc_id="b", path="b.md", fmt="md").byline.source is None
