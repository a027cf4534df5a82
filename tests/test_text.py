from __future__ import annotations

from pipeline.ingest import read_article
from pipeline.text import is_numbered_heading, segment, split_sentences

from conftest import SEED


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


def test_sentence_ends_keep_closing_quotes_and_brackets():
    text = "他说:“不能再犯同样的错误!”然后离开了。(这是注释。)下一句?对;结束"
    assert sentences_of(text) == ["他说:“不能再犯同样的错误!”", "然后离开了。", "(这是注释。)", "下一句?", "对;", "结束"]


def test_no_split_inside_numbers_or_parentheses():
    text = "日本砸下74亿美元(约1.05万亿日元。含补贴)押注量子技术。美国投入了3.5亿美元!"
    assert sentences_of(text) == ["日本砸下74亿美元(约1.05万亿日元。含补贴)押注量子技术。", "美国投入了3.5亿美元!"]


def test_repeated_terminators_stay_together():
    assert sentences_of("真的吗?!当然。。。好") == ["真的吗?!", "当然。。。", "好"]


def test_numbered_headings():
    for line in ["1.老套的“日本模式”", "2. 引发新一轮“量子军备竞赛”?", "三、投资有何机遇与风险", "（二）政策建议", "第三章 结论",
                 "01 封测不是造芯", "05 越南真的没戏吗？"]:
        assert is_numbered_heading(line), line
    for line in ["1.05万亿日元是一个巨大的数字", "1. 政府应当加大投入,并且要持续关注人才培养和产业链安全问题的进展。",
                 "2025年是量子产业化的第一年", "01 2号线今天开通", "10 家企业获批"]:
        assert not is_numbered_heading(line), line


def test_sections_paragraphs_and_kinds():
    text = "标题在此\n导语一句。导语二句!\n1. 第一部分\n正文一。\n正文二?\n2、第二部分\n正文三。\n作者 | 张三"
    title = (0, 4)
    structure = segment(text, title_span=title, byline_spans=[(text.index("作者"), len(text))])
    assert [s.title for s in structure.sections] == [None, "1. 第一部分", "2、第二部分"]
    assert [(s.text, s.kind, s.section_id) for s in structure.sentences] == [
        ("标题在此", "title", 0), ("导语一句。", "body", 0), ("导语二句!", "body", 0),
        ("1. 第一部分", "heading", 1), ("正文一。", "body", 1), ("正文二?", "body", 1),
        ("2、第二部分", "heading", 2), ("正文三。", "body", 2), ("作者 | 张三", "byline", 2),
    ]
    assert len(structure.paragraphs) == 8
    for sentence in structure.sentences:
        paragraph = structure.paragraphs[sentence.paragraph_id]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    for section in structure.sections:
        assert text[section.start:section.end].strip() == text[section.start:section.end]


def test_seed_article_structure(analyzer):
    document = analyzer.analyze(read_article(SEED))
    assert [s.title for s in document.sections] == [
        None, "1.老套的“日本模式”", "2. 引发新一轮“量子军备竞赛”?", "3. 投资有何机遇与风险?"]
    first = document.sentences[0].text
    assert first.startswith("日本政府今年一口气砸下74亿美元(约1.05万亿日元)") and first.endswith("22亿美元。")
    assert document.sentences[1].text == "本轮所谓的投入比之前五年的总和还要多出三倍还不止!"
    assert [s.kind for s in document.sentences[-4:]] == ["byline"] * 4
    assert document.source.byline.author == "东叔" and document.source.byline.publisher == "东针-知识频道"


def test_words_keep_domain_terms_and_latin_names_whole(analyzer):
    from pipeline.ingest import article_from_bytes

    text = "从稀释制冷机到量子计算机,ABCI-Q超级计算机、I-PEX和Q-STAR联盟都在布局;K-Chips法案投入1.05万亿韩元。"
    document = analyzer.analyze(article_from_bytes(text.encode(), doc_id="w", path="w.txt", fmt="txt"))
    words = [token.text for token in document.tokens]
    for term in ["稀释制冷机", "量子计算机", "ABCI-Q", "I-PEX", "Q-STAR", "K-Chips", "1.05", "超级计算机"]:
        assert term in words, (term, words)
    assert all(text[t.start:t.end] == t.text for t in document.tokens)
    assert all(not t.text.isspace() for t in document.tokens)


def _split_char_by_char(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence splitter as first written, one character at a time: the reference for the
    faster one, which skips from bracket to terminator with a regex."""
    from pipeline.text import _MAX_PAREN_SPAN, _OPENERS, _trim, SENTENCE_CLOSERS, SENTENCE_TERMINATORS

    spans, sentence_start, depth, i = [], start, [], start
    while i < end:
        ch, closes_sentence = text[i], False
        if ch in _OPENERS:
            depth.append((_OPENERS[ch], i))
        elif depth and ch == depth[-1][0]:
            depth.pop()
            closes_sentence = not depth and i > start and text[i - 1] in SENTENCE_TERMINATORS
        if depth and i - depth[-1][1] > _MAX_PAREN_SPAN:
            depth.clear()
        if (ch in SENTENCE_TERMINATORS and not depth) or closes_sentence:
            j = i + 1
            while j < end and (text[j] in SENTENCE_TERMINATORS or text[j] in SENTENCE_CLOSERS):
                j += 1
            spans.append((sentence_start, j))
            while j < end and text[j].isspace():
                j += 1
            sentence_start = i = j
            continue
        i += 1
    if sentence_start < end:
        spans.append((sentence_start, end))
    kept = []
    for s, e in (_trim(text, s, e) for s, e in spans):
        if e > s and kept and not any(ch.isalnum() or ch == "_" for ch in text[s:e]):
            kept[-1] = (kept[-1][0], e)     # a piece without a word character joins the sentence before it
        elif e > s:
            kept.append((s, e))
    return kept


def test_sentence_split_is_the_char_by_char_walk():
    import random

    rng = random.Random(7)
    plain, marks = list("中文的是在 ab1."), list("(（【)）】。！？!?；;”’」』）)】》〉»") + [" ", "\u3000"]
    for _ in range(3000):
        share = rng.random()
        text = "".join(rng.choice(plain) if rng.random() < share else rng.choice(marks)
                       for _ in range(rng.randint(0, rng.choice([8, 40, 400]))))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert split_sentences(text, start, end) == _split_char_by_char(text, start, end), text
    for _ in range(300):  # unclosed brackets longer than _MAX_PAREN_SPAN
        text = "".join(rng.choice(["中"] * 50 + list("（(）。【】)")) for _ in range(rng.randint(150, 900)))
        assert split_sentences(text, 0, len(text)) == _split_char_by_char(text, 0, len(text))


def test_a_bare_heading_above_a_paragraph_is_a_heading_but_a_signature_is_not():
    text = ("报告标题\n\n核心观点\n今年国内共实施航天发射78次，其中商业发射41次，占比超过五成。\n\n"
            "深圳市人民政府办公厅\n2026年11月18日\n")
    structure = segment(text, title_span=(0, 4))
    kinds = {text[s.start:s.end]: s.kind for s in structure.sentences}
    assert kinds["核心观点"] == "heading"
    assert kinds["深圳市人民政府办公厅"] == "body"
    assert [sec.title for sec in structure.sections if sec.title] == ["核心观点"]


def test_headings_with_marks_spaces_or_a_colon_and_symbol_only_pieces():
    paragraph = "印尼目前约占全球镍产量的一半，出口额去年大增，成为经济增长的重要来源。"
    text = f"标题在此\n\n▍一、为什么是现在？\n{paragraph}\n\n冶炼老本行 仍是底气\n{paragraph}\n\n新赛道：电池与EV整车\n{paragraph}\n来源：某某日报\n{paragraph}"
    structure = segment(text, title_span=(0, 4))
    assert [s.title for s in structure.sections] == [None, "一、为什么是现在？", "冶炼老本行 仍是底气", "新赛道：电池与EV整车"]
    assert "来源：某某日报" in [s.text for s in structure.sentences if s.kind == "body"]
    assert sentences_of("为什么要做？**答案是：为了下一代。**") == ["为什么要做？", "**答案是：为了下一代。**"]
    assert sentences_of("今天聊聊新油田。👇") == ["今天聊聊新油田。👇"]
    assert sentences_of("👇 往下看。") == ["👇 往下看。"]


def test_an_item_heading_in_lenticular_brackets_is_a_section():
    text = ("菲律宾周报\n\n各位早上好，本周动静不小，小编挑了两件事👇\n\n【1. 苏比克湾船厂重启，韩国人又回来了】\n"
            "据报道，韩国企业已正式接手船厂的部分船坞，计划未来五年投资约290亿比索。\n\n"
            "【2. MULA卫星升空，PhilSA说“这是我们自己的眼睛”】\n菲律宾航天局的卫星本月发射成功，地面分辨率达到5米。\n")
    structure = segment(text, title_span=(0, 5))
    assert [s.title for s in structure.sections] == [
        None, "【1. 苏比克湾船厂重启，韩国人又回来了】", "【2. MULA卫星升空，PhilSA说“这是我们自己的眼睛”】"]
    assert is_numbered_heading("【三、政策托底】")
    # a lead-in in brackets that opens a paragraph, and a whole sentence in brackets, are not headings
    assert not is_numbered_heading("【摘要】丹麦正在经历有史以来规模最大的一轮生物制药扩产。")
    assert not is_numbered_heading("【1. 船厂重启。韩国人又回来了。】")


def test_literal_alternation_matches_as_the_longest_first_alternation():
    """The trie pattern finds what `|`-joined words, longest first, find, inside other patterns too."""
    import random
    import re

    from pipeline.text import literal_alternation

    rng = random.Random(3)
    for trial in range(500):
        words = ["".join(rng.choice("ab$. 元美") for _ in range(rng.randint(0 if trial % 50 == 0 else 1, 5)))
                 for _ in range(rng.randint(1, 12))]
        flat = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        text = "".join(rng.choice("ab$. 元美x") for _ in range(rng.randint(0, 30)))
        for shape in ("{}", "(?:{})(?![a])", "(?<![b])(?:{})[ ]{{0,2}}$", "x(?:{})?[ ]?$", "({})"):
            a, b = re.compile(shape.format(flat)), re.compile(shape.format(literal_alternation(words)))
            assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
            for end in range(len(text) + 1):
                ma, mb = a.search(text, max(0, end - 8), end), b.search(text, max(0, end - 8), end)
                assert (ma and (ma.span(), ma.groups())) == (mb and (mb.span(), mb.groups()))


def test_a_bare_heading_above_a_list_of_short_semicolon_items_is_a_heading():
    text = ("报告标题\n\n主要风险\n原材料价格大幅上涨；\n下游需求不及预期；\n海外政策变化。\n\n"
            "合作伙伴\n短行\n")
    structure = segment(text, title_span=(0, 4))
    assert [sec.title for sec in structure.sections if sec.title] == ["主要风险"]


def test_a_meeting_records_header_lines_are_no_headings():
    """主持人：… above the first paragraph of an earnings-call record is a labelled meta line (session 12), as 来源：… is;
    a heading with a colon (新赛道：电池与EV整车) is still one."""
    paragraph = "本纪录包含前瞻性陈述，实际结果可能因市场需求、汇率等因素而与预测有重大差异。"
    text = f"标题在此\n出席主管：董事长陈立\n主持人：投资人关系处处长王敏\n{paragraph}\n\n新赛道：电池与EV整车\n{paragraph}\n"
    structure = segment(text, title_span=(0, 4))
    assert [s.title for s in structure.sections if s.title] == ["新赛道：电池与EV整车"]
    assert {s.text: s.kind for s in structure.sentences}["主持人：投资人关系处处长王敏"] == "body"
