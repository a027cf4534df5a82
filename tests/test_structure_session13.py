"""Title and byline forms from the session-13 blind articles, each tested on invented text (other issuers,
other names)."""

from __future__ import annotations

from pipeline.dates import published_of
from pipeline.ingest import _byline_of_line, _contract_14_fields, find_title_and_byline


def _read(text: str):
    title, _, byline, spans = find_title_and_byline(text, None)
    _contract_14_fields(byline)
    return title, byline, [text[s:e] for s, e in spans]


def test_a_long_first_line_is_the_title_when_it_reads_as_one():
    notice = "某某省人民政府办公厅关于印发《某某省推动轨道交通装备产业绿色智能化高质量发展的若干措施》的通知"
    assert len(notice) > 40
    assert _read(notice + "\n\n某政办字〔2025〕7号\n\n各市人民政府：\n\n现印发给你们。\n")[0] == notice
    note = "北岭重工（BLHI.SW）首次覆盖报告：订单周期拐点已至，海外工厂打开第二增长曲线空间"
    assert len(note) > 40
    assert _read(note + "\n\n投资要点\n我们看好公司。\n")[0] == note
    # a first paragraph run on from a missing title (several clauses, a full stop inside) is not one
    run_on = "今年公司一口气投入了四十亿元建设新工厂,这是一种近乎疯狂的转向,公司过去五年的投入总和不到一半。后续还有"
    assert _read(run_on + "\n\n第二段。\n")[0] is None


def test_a_notice_issuing_a_document_is_signed_before_the_document_it_issues():
    text = ("某某省人民政府办公厅关于印发《某某省促进海洋牧场发展若干措施》的通知\n\n某政办字〔2025〕12号\n\n"
            "各市人民政府：\n\n《某某省促进海洋牧场发展若干措施》已经省政府同意，现印发给你们。\n\n"
            "某某省人民政府办公厅\n2025年3月9日\n\n某某省促进海洋牧场发展若干措施\n\n第一条 总体目标。到2027年建成示范区。\n\n"
            "附件：重点项目清单\n\n联系人：省海洋局 张三\n")
    title, byline, spans = _read(text)
    assert byline.source == "某某省人民政府办公厅"
    assert published_of(byline.other) == "2025-03-09"
    assert "某某省人民政府办公厅" in spans and "2025年3月9日" in spans
    # an issuer and a date in the middle of a text that issues nothing are no signature
    plain = ("某市加快发展的若干措施\n\n正文。\n\n某某市工业和信息化局\n2025年3月9日\n\n第二部分正文继续写。\n\n"
             "第三部分正文。\n")
    assert published_of(_read(plain)[1].other) is None


def test_a_report_header_block_under_the_title():
    text = ("北岭重工首次覆盖报告：订单拐点已至\n北辰证券研究所｜海外研究｜公司深度报告\n发布日期：2025年4月2日\n"
            "分析师：周岚 执业证书编号：S0000000000001\n联系人：陈立\n投资评级：增持（首次覆盖）\n"
            "目标价：52欧元　当前股价：44欧元（2025年4月1日收盘）\n\n投资要点\n我们看好公司的订单周期。\n")
    _, byline, spans = _read(text)
    assert (byline.source, byline.author) == ("北辰证券研究所", "周岚")
    assert published_of(byline.other) == "2025-04-02"
    # fields the contract has no slot for stay as notes
    assert byline.other["联系人"] == "陈立"
    assert byline.other["投资评级"] == "增持（首次覆盖）"
    assert byline.other["目标价"] == "52欧元"
    assert byline.other["栏目"] == "海外研究"
    assert len(spans) == 6 and "投资要点" not in spans


def test_labelled_lines_head_no_block_without_a_byline_line_above():
    # 目标：… under a title with no byline is the article's text; a labelled sentence is no field
    _, byline, spans = _read("北岭重工的新计划\n目标：三年翻番\n\n正文。\n")
    assert byline.other == {} and spans == []
    _, byline, _ = _read("标题\n作者：周岚\n提示：本文观点仅供参考\n\n正文。\n")
    assert byline.other["提示"] == "本文观点仅供参考"       # a labelled note under the byline is kept with it
    _, byline, _ = _read("标题\n作者：周岚\n提示：本文观点仅供参考，不构成投资建议\n\n正文。\n")
    assert "提示" not in byline.other                         # a clause with a comma is text, not a field
    _, byline, _ = _read("标题\n作者：周岚\n导语：市场回暖，订单增长。\n\n正文。\n")
    assert "导语" not in byline.other
    _, byline, _ = _read("标题\n作者：周岚\n编者按：油价回落。今天聊聊北海👇\n\n正文。\n")
    assert "编者按" not in byline.other
    # an issuer with report kinds heads only the first line under the title
    _, byline, _ = _read("标题\n\n第一段正文。\n\n北辰证券研究所｜海外研究｜公司深度报告\n")
    assert byline.source is None


def test_a_writer_line_naming_the_publication_after_the_name():
    assert _byline_of_line("文｜周岚 《北岭观察》周刊 2025年3月2日") == [
        (("author",), "文", "周岚"), (("source",), "报刊", "《北岭观察》周刊"), (("other",), "日期", "2025年3月2日")]
    # brackets around the whole name: the name without them, as for a paper's writer line
    assert _byline_of_line("作者：周岚 《北岭观察》")[1] == (("source",), "报刊", "北岭观察")


def test_a_correspondents_post_is_the_dateline_and_a_bracketed_editor_line_is_a_byline():
    _, byline, _ = _read("标题\n本报驻内罗毕记者 周岚\n\n正文。\n")
    assert (byline.author, byline.dateline) == ("周岚", "内罗毕")
    _, byline, _ = _read("标题\n本报驻内罗毕记者 周岚 发自蒙巴萨\n\n正文。\n")
    assert byline.dateline == "蒙巴萨"                     # the place the line says it was filed from wins
    assert _byline_of_line("（编辑：陈立　审核：王芳）") == [(("editor",), "编辑", "陈立"), (("reviewer",), "审核", "王芳")]
    # a note in brackets that is not an editor's credit stays text
    assert _byline_of_line("（来源：国家统计局）") == []
    assert _byline_of_line("（此件公开发布）") == []


def test_bracketed_numbers_under_an_outline_head_parts_of_a_section():
    from pipeline.text import segment

    text = ("标题\n\n一、公司概况\n公司成立于1921年，总部位于某地。\n（一）新产品：性价比显著提升\n新产品已经量产。\n"
            "二、风险提示\n汇率波动可能挤压利润。\n")
    structure = segment(text)
    assert [s.title for s in structure.sections if s.title] == ["一、公司概况", "二、风险提示"]
    assert any(s.kind == "heading" and s.text.startswith("（一）") for s in structure.sentences)
    # without an outline above them, bracketed numbers are the sections
    flat = segment("标题\n\n（一）新产品：性价比显著提升\n新产品已经量产。\n（二）风险\n汇率波动可能挤压利润。\n")
    assert [s.title for s in flat.sections if s.title] == ["（一）新产品：性价比显著提升", "（二）风险"]


def test_the_second_item_of_a_labelled_list_is_no_heading():
    from pipeline.text import segment

    text = "标题\n\n正文第一段写了很多内容。\n\n附件：1.重点方向（2025年版）\n2.关键产品目录\n\n联系人：某某处 张三\n"
    assert [s.title for s in segment(text).sections if s.title] == []
    numbered = segment("标题\n\n1.第一部分\n正文第一段写了很多内容。\n2.第二部分\n正文第二段写了很多内容。\n")
    assert [s.title for s in numbered.sections if s.title] == ["1.第一部分", "2.第二部分"]
