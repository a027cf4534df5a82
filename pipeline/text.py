"""Document structure: sections, paragraphs and sentences as character spans.

Pure functions over the normalised text; the spaCy component in `pipeline.nlp` applies
them to a Doc and adds the jieba word tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from pipeline.models import Paragraph, Section, Sentence

SENTENCE_TERMINATORS = frozenset("。！？!?；;")
# Closing quotes and brackets that stay with the sentence they close.
SENTENCE_CLOSERS = frozenset("”’」』）)】》〉»")
_OPENERS = {"(": ")", "（": "）", "【": "】"}
_MAX_PAREN_SPAN = 200
# what split_sentences acts on: an opening or closing bracket, a sentence terminator
_SENTENCE_EVENT = re.compile(
    "[" + re.escape("".join(sorted(set(_OPENERS) | set(_OPENERS.values()) | SENTENCE_TERMINATORS))) + "]")

_NUMBERED_HEADING = re.compile(
    r"""^(?:
        \d{1,2}\s*[.、．)）](?!\d)              # 1.  2、  3)
      | 0\d[ \t\u3000]+(?=\D)                   # 01 封测不是造芯 (zero-padded, as WeChat articles number them)
      | [一二三四五六七八九十]{1,3}\s*[、.．]    # 一、  二.
      | 第[一二三四五六七八九十百\d]{1,3}[章节部分篇]
      | [（(][一二三四五六七八九十\d]{1,2}[)）]  # （一）
    )\s*\S""",
    re.VERBOSE,
)
_MAX_HEADING_CHARS = 40
# the levels of a Chinese outline: 一、 (or 第一章) above （一） above 1.
_TOP_LEVEL_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十百\d]{1,3}[章节部分篇])\s*\S")
_SUB_HEADING = re.compile(r"^[（(][一二三四五六七八九十\d]{1,2}[)）]\s*\S")
_LIST_NUMBER = re.compile(r"^(\d{1,2})\s*[.、．]")


def _continues_a_labelled_list(line: str, previous: str) -> bool:
    """2.某某目录 under 附件：1.某某方向: item N of a list whose item N - 1 follows a label on the line before."""
    number = _LIST_NUMBER.match(line.strip())
    if not number or int(number.group(1)) < 2:
        return False
    return bool(re.search(rf"[：:]\s*{int(number.group(1)) - 1}\s*[.、．]\s*\S", previous))


def literal_alternation(words: Iterable[str]) -> str:
    """A pattern that matches as `"|".join(re.escape(w) for w in words, longest first)` does (at a
    place, the longest of the words that the rest of the pattern accepts), written as a trie: one
    branch per next character, a word ending inside another tried after it. `re` then tries at a
    place only the words that go on as the text does, instead of each word in turn. For patterns
    without re.IGNORECASE (which could let two branches match the same character)."""
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if "" in node:
        return "(?:" + "|".join(branches) + "|)" if branches else ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@dataclass
class Structure:
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


def line_spans(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of every non-blank line with surrounding whitespace trimmed."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped)
        pos += len(line) + 1


# emoji and symbols that WeChat-style articles put before a heading (📌 一、…, ▍二、…, ■ 结语)
_HEADING_MARKS = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u25A0-\u25FF\u2580-\u259F\uFE0F\u200d#*>\s]+")


def _without_heading_marks(line: str) -> str:
    line = line.strip()
    marks = _HEADING_MARKS.match(line)
    return line[marks.end():] if marks else line


# 【1. 苏比克湾船厂重启，韩国人又回来了】: a roundup's item heading, the whole line in black lenticular brackets
_BRACKETED_HEADING = re.compile(r"^【([^【】]+)】$")


def _unbracketed(line: str) -> str:
    """The heading inside 【…】 when the brackets hold the whole line (the section title keeps them)."""
    bracketed = _BRACKETED_HEADING.match(line)
    return bracketed.group(1).strip() if bracketed else line


def is_numbered_heading(line: str) -> bool:
    line = _unbracketed(_without_heading_marks(line))
    if not line or len(line) > _MAX_HEADING_CHARS or not _NUMBERED_HEADING.match(line):
        return False
    if line[-1] in "。，,；;：:、":
        return False
    # A heading is one phrase: no sentence ending inside it.
    return not any(ch in "。；;" for ch in line[:-1])


_BARE_HEADING = re.compile(r"^[\u4e00-\u9fff]{2,12}$")
# 封测老本行 仍是最大底气 / 新战场：芯片设计与IC设计园区: a newspaper's sub-heading, phrases set off by a space
# or a colon, Latin words allowed; no digits, no sentence punctuation
_PHRASED_HEADING = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,14}(?:(?:[ \u3000]|[：:])[\u4e00-\u9fffA-Za-z]{2,14}){0,2}$")
_MIN_HAN_IN_HEADING = 4
# 来源：… 记者：…: a meta line, never a heading (a byline line the byline parser did not take); so are a meeting
# record's header lines (主持人：…, 出席主管：…, 记录人：…, 地点：…)
_META_LABEL = re.compile(r"^(?:来源|记者|作者|编辑|责编|撰文|文|图|摄影|校对|审核|出品|原标题|转载|原创|整理|执笔|撰稿|编译"
                         r"|主持人?|出席(?:主管|人员|嘉宾|领导)?|与会(?:人员|嘉宾)?|参会(?:人员|嘉宾)?|嘉宾|主讲人|发言人|记录人?"
                         r"|地点|时间|日期)[：:\s]")
_MIN_PARAGRAPH_CHARS = 20
_MIN_LIST_ITEM_CHARS = 10


def is_bare_heading(line: str, next_line: str | None) -> bool:
    """核心观点 / 结语 / 封测老本行 仍是最大底气 standing alone above a paragraph: an unnumbered heading in
    plain text (a few words, no sentence punctuation or digits, and the next line a paragraph with a
    sentence end)."""
    line = _unbracketed(_without_heading_marks(line))
    if next_line is None or not any(ch in SENTENCE_TERMINATORS for ch in next_line):
        return False
    # 风险提示 / 里拉汇率大幅波动，进口元器件成本上升；: the first item of a list set off by semicolons may be
    # shorter than a paragraph
    list_item = next_line.rstrip()[-1:] in ("；", ";") and len(next_line) >= _MIN_LIST_ITEM_CHARS
    if len(next_line) < _MIN_PARAGRAPH_CHARS and not list_item:
        return False
    if _BARE_HEADING.match(line):
        return True
    return bool(_PHRASED_HEADING.match(line)) and len(re.findall(r"[\u4e00-\u9fff]", line)) >= _MIN_HAN_IN_HEADING \
        and not _META_LABEL.match(line)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph [start, end)."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    depth: list[tuple[str, int]] = []
    i = start
    while i < end:
        # Only brackets and terminators change anything; the characters between them are
        # skipped in one regex step, except that an open bracket expires after _MAX_PAREN_SPAN.
        match = _SENTENCE_EVENT.search(text, i, end)
        next_event = match.start() if match else end
        if depth and depth[-1][1] + _MAX_PAREN_SPAN < next_event - 1:
            depth.clear()  # an unclosed bracket must not swallow the paragraph
        if match is None:
            break
        i = next_event
        ch = text[i]
        closes_sentence = False
        if ch in _OPENERS:
            depth.append((_OPENERS[ch], i))
        elif depth and ch == depth[-1][0]:
            depth.pop()
            # "(这是一句完整的话。)" ends a sentence at its closing bracket.
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
            sentence_start = j
            i = j
            continue
        i += 1
    if sentence_start < end:
        spans.append((sentence_start, end))
    kept: list[tuple[int, int]] = []
    for s, e in (_trim(text, s, e) for s, e in spans):
        if e <= s:
            continue
        if kept and not _WORD_CHAR.search(text, s, e):
            kept[-1] = (kept[-1][0], e)     # "**" closing bold after 。, "👇" after a sentence: no sentence alone
        else:
            kept.append((s, e))
    return kept


_WORD_CHAR = re.compile(r"[\w\u4e00-\u9fff]")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def segment(text: str, *, title_span: tuple[int, int] | None = None,
            heading_spans: Iterable[tuple[int, int]] = (),
            byline_spans: Iterable[tuple[int, int]] = ()) -> Structure:
    """Sections, paragraphs and sentences of `text`.

    `heading_spans` are headings already known from markup (Markdown / HTML); numbered
    headings in plain text ("1.老套的…", "二、…", "（三）…") and bare ones above a paragraph
    ("核心观点") are found here.
    """
    known_headings = set(heading_spans)
    bylines = set(byline_spans)
    lines = list(line_spans(text))
    kinds: dict[tuple[int, int], str] = {}
    for n, span in enumerate(lines):
        following = text[lines[n + 1][0]:lines[n + 1][1]] if n + 1 < len(lines) else None
        if span == title_span:
            kinds[span] = "title"
        elif span in bylines:
            kinds[span] = "byline"
        elif span in known_headings or is_numbered_heading(text[span[0]:span[1]]) \
                or is_bare_heading(text[span[0]:span[1]], following):
            kinds[span] = "heading"
        else:
            kinds[span] = "body"

    for n, span in enumerate(lines):
        # 附件：1.某某方向 / 2.某某目录: the second item of a list a label opens is no heading
        if kinds[span] == "heading" and n and _continues_a_labelled_list(text[span[0]:span[1]], text[slice(*lines[n - 1])]):
            kinds[span] = "body"

    structure = Structure()
    heading_lines = [span for span in lines if kinds[span] == "heading"]
    if any(_TOP_LEVEL_HEADING.match(_without_heading_marks(text[s:e])) for s, e in heading_lines):
        # 一、… above （一）…: the bracketed numbers head parts of a section, not sections (the line stays a heading)
        heading_lines = [(s, e) for s, e in heading_lines
                         if not _SUB_HEADING.match(_without_heading_marks(text[s:e])) or (s, e) in known_headings]
    text_end = lines[-1][1] if lines else 0
    first_start = lines[0][0] if lines else 0
    if not heading_lines or heading_lines[0][0] > first_start:
        lead_end = heading_lines[0][0] if heading_lines else text_end
        structure.sections.append(Section(id=0, title=None, start=first_start, end=_trim(text, first_start, lead_end)[1]))
    for n, (h_start, h_end) in enumerate(heading_lines):
        next_start = heading_lines[n + 1][0] if n + 1 < len(heading_lines) else text_end
        # 📌 一、…: the title (and its offsets) without the marks before it; the section still starts at the line
        marks = _HEADING_MARKS.match(text, h_start, h_end)
        t_start = marks.end() if marks and marks.end() < h_end else h_start
        structure.sections.append(Section(
            id=len(structure.sections), title=text[t_start:h_end], start=h_start,
            end=_trim(text, h_start, next_start)[1], heading_start=t_start, heading_end=h_end,
        ))

    section_starts = [section.start for section in structure.sections]
    section_index = 0
    for line_start, line_end in lines:
        while section_index + 1 < len(section_starts) and line_start >= section_starts[section_index + 1]:
            section_index += 1
        section_id = structure.sections[section_index].id
        paragraph = Paragraph(id=len(structure.paragraphs), start=line_start, end=line_end, section_id=section_id)
        structure.paragraphs.append(paragraph)
        kind = kinds[(line_start, line_end)]
        spans = [(line_start, line_end)] if kind != "body" else split_sentences(text, line_start, line_end)
        for s_start, s_end in spans:
            structure.sentences.append(Sentence(
                id=len(structure.sentences), start=s_start, end=s_end, text=text[s_start:s_end],
                section_id=section_id, paragraph_id=paragraph.id, kind=kind,
            ))
    return structure
