"""Reading articles: bytes → decoded, normalised, Simplified text plus source metadata.

Handles .txt, .md and .html; detects the encoding; extracts the main text of web pages;
normalises full-width ASCII; converts Traditional to Simplified Chinese (keeping the
original); finds the title and parses byline lines.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.dates import published_of
from pipeline.models import Byline

ARTICLE_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 8 * 1024 * 1024


class IngestError(Exception):
    """An article that cannot be read; the message says why in one line."""


@dataclass
class Article:
    doc_id: str
    path: str
    format: str
    sha256: str
    size_bytes: int
    encoding: str
    text: str
    script: str
    original_text: str | None
    title: str | None
    byline: Byline
    title_span: tuple[int, int] | None = None
    published: str | None = None   # ISO 8601, from the byline's date (pipeline.dates)
    heading_spans: list[tuple[int, int]] = field(default_factory=list)
    byline_spans: list[tuple[int, int]] = field(default_factory=list)


# ---------------------------------------------------------------- decoding

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
# Encodings tried after UTF-8, in the order charset detection may choose among them.
_LEGACY_ENCODINGS = ["gb18030", "big5"]


def _looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: NUL bytes (from ASCII characters) on one side only."""
    sample = data[:65536]
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    if odd_nul >= 2 and odd_nul >= 20 * even_nul:
        return "utf-16-le"
    if even_nul >= 2 and even_nul >= 20 * odd_nul:
        return "utf-16-be"
    return None


# Unicode categories Cc (controls other than the whitespace ones), Cs (surrogates), Co (private use)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_HAN = re.compile("[\u4e00-\u9fff]")
_SPACE = re.compile(r"\s")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _cjk_ratio(text: str) -> float:
    letters = len(text) - len(_SPACE.findall(text))
    if not letters:
        return 0.0
    return len(_HAN.findall(text)) / letters


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Raises IngestError for binary or undecodable input."""
    if not data.strip():
        raise IngestError(f"{name}: empty file ({len(data)} bytes, no text)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise IngestError(f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason} at byte {exc.start})") from None
    utf16 = _looks_like_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
            if _control_ratio(text) < 0.01:
                return text, utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise IngestError(f"{name}: binary file (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, name)
    if _control_ratio(text) > 0.01:
        raise IngestError(f"{name}: binary file (control characters in {encoding} text), not a text article")
    return text, encoding


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    candidates: dict[str, str] = {}
    for encoding in _LEGACY_ENCODINGS:
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise IngestError(f"{name}: bytes are not valid UTF-8, UTF-16, GB18030/GBK or Big5 text")
    if len(candidates) == 1:
        return next(iter(candidates.items()))[::-1]
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    if best is not None and best.encoding in candidates:
        return candidates[best.encoding], best.encoding
    # Both decode: prefer the reading with more common CJK characters.
    encoding = max(candidates, key=lambda enc: _cjk_ratio(candidates[enc]))
    return candidates[encoding], encoding


# ---------------------------------------------------------------- normalisation

# Chinese typography keeps these full-width marks; they are punctuation, not ASCII text.
_KEEP_FULLWIDTH = set("，。！？；：（）")
_FULLWIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULLWIDTH}
_FULLWIDTH_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None})


# A full-width comma between full-width digits is a thousands separator (４，５６５), not the
# Chinese comma kept below; after conversion the two could no longer be told apart.
_FULLWIDTH_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _FULLWIDTH_THOUSANDS.sub(",", text)
    text = text.translate(_FULLWIDTH_TABLE)
    # Paragraph indentation (often two ideographic spaces) carries no meaning in Chinese text.
    return "\n".join(line.strip() for line in text.split("\n")).strip("\n")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def traditional_to_simplified(text: str) -> str:
    return _t2s().convert(text)


def to_simplified(text: str) -> tuple[str, str]:
    """Return (simplified_text, script of the input)."""
    converted = _t2s().convert(text)
    if converted == text:
        return text, "simplified"
    han = len(_HAN.findall(text))
    changed = sum(1 for a, b in zip(text, converted) if a != b) if len(converted) == len(text) else han
    if han and changed >= 3 and changed / han >= 0.02:
        return converted, "traditional"
    return text, "simplified"


# ---------------------------------------------------------------- markup

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|>)\s+")


def markdown_to_text(source: str) -> tuple[str, str | None, list[str]]:
    """Plain text of a Markdown article; returns (text, title, heading lines)."""
    lines: list[str] = []
    headings: list[str] = []
    title = None
    in_fence = False
    for raw in source.split("\n"):
        if raw.strip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = _MD_IMAGE.sub("", raw)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(2)
            if len(heading.group(1)) == 1 and title is None:
                title = line
            else:
                headings.append(line)
        else:
            line = _MD_LIST.sub("", line)
        if re.fullmatch(r"\s*([-*_]\s*){3,}", line):
            continue
        lines.append(line)
    return "\n".join(lines), title, headings


@lru_cache(maxsize=1)
def _trafilatura_config():
    """trafilatura's settings, with a smaller minimum for the main text: by default a page whose article
    is under 250 characters (a Chinese news brief of a few sentences) goes to the baseline extractor, which
    returns the page's text as one line, with the byline and without paragraph breaks."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    return config


def html_to_markdown(html: str, name: str) -> tuple[str, str | None, list[str]]:
    """Main text of a web page as Markdown (boilerplate dropped), the page title, and the short
    meta lines of the article element ("来源：… 作者：…") that text extraction drops."""
    import trafilatura
    from trafilatura.settings import set_date_params

    # Only the title of the metadata is used. The page date's extensive search (htmldate through
    # dateparser) is left out: it changes no title, and its first call compiles dateparser's patterns
    # for every locale, ~3 CPU-seconds in each worker process that meets an HTML page.
    extracted = trafilatura.bare_extraction(
        html, output_format="python", include_comments=False, include_tables=True,
        include_formatting=True, favor_recall=True, with_metadata=True,
        date_extraction_params=set_date_params(extensive=False), config=_trafilatura_config(),
    )
    body = None
    title = None
    if extracted is not None:
        data = extracted if isinstance(extracted, dict) else extracted.as_dict()
        title = data.get("title")
        body = trafilatura.extract(
            html, output_format="markdown", include_comments=False, include_tables=True,
            include_formatting=True, favor_recall=True, config=_trafilatura_config(),
        )
    if not body or not body.strip():
        raise IngestError(f"{name}: no article text found in the HTML page")
    return body, title, _html_meta_lines(html)


# "专访……已经来了 - 中东欧财经": a page title ending in the site's name
_TITLE_SITE_SEPARATOR = re.compile(r"\s+[-_|｜–—]\s+|_")


def _html_meta_lines(html: str) -> list[str]:
    """Short lines of the article element that may carry byline fields; the site's name, when the page
    names it (og:site_name, or the last part of its <title>), comes last as a "网站：<name>" field, so a
    source the page states wins over it."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    roots = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree]
    lines = []
    site = _html_site_name(tree)
    for element in roots[0].iter("p", "div", "span", "address", "section"):
        text = " ".join(element.text_content().split())
        if site and text.startswith(site + " "):
            # 中东欧财经 记者：程曦 2026年11月21日 责任编辑：陆远帆: the site's name heads the meta line
            text = text[len(site):].strip()
        if text and len(text) <= _MAX_BYLINE_CHARS:
            lines.append(text)
    for author in tree.xpath("//meta[@name='author' or @property='article:author']/@content"):
        # after the article's own lines, so an author the page's text states wins
        if author.strip() and len(author.strip()) <= 30 and not author.strip().startswith("http"):
            lines.append(f"作者：{author.strip()}")
            break
    if site:
        lines.append(f"{_SITE_LABEL}：{site}")
    return lines


def _html_site_name(tree) -> str | None:
    for value in tree.xpath("//meta[@property='og:site_name']/@content"):
        if value.strip():
            return value.strip()
    titles = tree.xpath("//title")
    if not titles:
        return None
    parts = [part.strip() for part in _TITLE_SITE_SEPARATOR.split(titles[0].text_content().strip())]
    # "帖子 - 西部论坛 - 财经杂谈": a forum's title may end in the board, not the site; the part the page's home
    # link (href="/") shows is the site
    home = {" ".join(a.text_content().split()) for a in tree.xpath("//a[@href='/']")}
    for part in parts[1:]:
        if part in home and 2 <= len(part) <= 20:
            return part
    if len(parts) >= 2 and parts[0] and 2 <= len(parts[-1]) <= 20 and not re.search(r"[，。！？,!?：:]", parts[-1]):
        return parts[-1]
    return None


# ---------------------------------------------------------------- title and byline

_BYLINE_ROLES = {
    "本文作者": ("author",), "作者": ("author",), "分析师": ("author",), "撰文": ("author",), "文": ("author",), "记者": ("author",),
    # 整理：郑宛 under a press-conference transcript, 执笔：苏明岚 under an institute's brief: the one credited
    # with the text is its author
    "整理": ("author",), "执笔": ("author",), "撰稿": ("author",), "编译": ("author",),
    # 楼主：陇上算盘　发表于 2026-11-22 23:41: a forum thread's starter (楼主, 发帖人) wrote the post
    "楼主": ("author",), "发帖人": ("author",),
    "审校": ("reviewer",), "校对": ("reviewer",), "审核": ("reviewer",),
    "编辑": ("editor",), "责编": ("editor",), "责任编辑": ("editor",),
    "出品": ("publisher",), "编辑/出品": ("editor", "publisher"), "出品方": ("publisher",),
    "来源": ("source",), "文章来源": ("source",), "信息来源": ("source",), "网站": ("source",),
    "配图/封面来源": ("image_source",), "图片来源": ("image_source",), "配图": ("image_source",),
    "封面来源": ("image_source",), "图源": ("image_source",),
}
_SITE_LABEL = "网站"
_FORUM_LABELS = ("楼主", "发帖人")
_BYLINE_LABEL = "|".join(re.escape(label) for label in sorted(_BYLINE_ROLES, key=len, reverse=True))
_KNOWN_FIELD = re.compile(rf"({_BYLINE_LABEL}|[\u4e00-\u9fff]{{1,6}}来源)\s*[|｜:：/]\s*")
# After a known first field, a meta line may carry others: "来源：X 作者：Y 发布时间：2026-11-20".
# Fields are separated by spaces or by a bar: "作者：林屿｜责任编辑：许诺". A label no role knows needs a colon:
# in 作者：冯砚 ｜ 欧亚观察专栏 ｜ 2026年11月22日 the column's name before a bar is a part of the line, not a label.
_ANY_FIELD = re.compile(
    rf"(?:^|(?<=[\s|｜丨]))(?:({_BYLINE_LABEL})\s*[|｜:：/]|((?:IP)?[\u4e00-\u9fff]{{2,6}})\s*[:：])\s*")
# a date in page furniture, kept as the byline's date: 2026-11-22 08:15, 2026年11月22日
_META_DATE_PATTERN = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
_META_DATE = re.compile(_META_DATE_PATTERN)
# Page furniture after the last field: "闵思远　2026-11-22 08:15　阅读 12,406", "陇上算盘　发表于 2026-11-22 23:41".
_TRAILING_META = re.compile(
    rf"(?:\s+(?:(?:发表于|发布于|发帖于|发表时间[:：]?)\s*)?(?:{_META_DATE_PATTERN}"
    r"|(?:阅读|浏览|点击|评论)\s*(?:量|数)?\s*[:：]?\s*[\d,，.]+\s*[万wW]?))+\s*$")
_TRAILING_NOTICE = re.compile(r"\s*[（(][^()（）]*(?:转载|版权|授权)[^()（）]*[)）]\s*$")
# 资料来源：公开资料，X整理 under a table or chart names where its figures come from, not the article's source
_VALUE_BAR = re.compile(r"\s*[|｜丨]\s*")
_COLUMN_NOTE = re.compile(r"^(专栏|栏目)\s*[「『“\"《]?(.+?)[」』”\"》]?$")
_TABLE_NOTE_LABELS = ("资料来源", "数据来源", "图表来源")
_LEAD_BEFORE_FIELD = re.compile(rf"^([^|｜丨：:。，]{{2,24}}?)\s*[|｜丨]\s*(?={_KNOWN_FIELD.pattern})")
# 中欧生命科学研究院 产业研究部　执笔：苏明岚: an institution (and its department) heading the byline, set off by a
# space: the institution issues the article, the department wrote it (a web page whose site is the institution
# may show the department alone)
_INSTITUTION = r"[\u4e00-\u9fff]{2,30}?(?:研究院|研究所|研究中心|研究会|智库|学院|大学|协会|学会|基金会|集团|公司|银行|证券|中心)"
_DEPARTMENT = r"[\u4e00-\u9fff]{2,12}?(?:部|室|组|处|中心|团队|课题组)"
_INSTITUTION_LEAD = re.compile(
    rf"^(?:(?P<institution>{_INSTITUTION})(?:\s+(?P<department>{_DEPARTMENT}))?|(?P<desk>{_DEPARTMENT}))\s+(?={_KNOWN_FIELD.pattern})")
# 作者：冯砚 ｜ 欧亚观察专栏: a column the article appears in, named after a bar
_NAMED_COLUMN = re.compile(r"^[\u4e00-\u9fffA-Za-z]{2,20}(?:专栏|栏目)$")
_TITLE_REJECT_END = "。；;，,：:、"
_DECORATION = re.compile(r"^[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d\s]+|[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F\u200d\s]+$")
_MAX_BYLINE_CHARS = 80
# A first line of up to 40 characters is the title; a longer one (up to 64) when it reads as one: no sentence
# inside it and at most one comma (深圳市人民政府办公厅关于印发《…若干措施》的通知, a broker note's 公司（代码）首次覆盖
# 报告：A，B) — a first paragraph run on from the title has several clauses
_TITLE_MAX_CHARS, _LONG_TITLE_MAX_CHARS = 40, 64
_SENTENCE_INSIDE = re.compile(r"[。；;].|[！？!?](?=[^—\s])")   # 然后呢？——副题 is still a title


def _title_shaped(line: str) -> bool:
    if not 2 <= len(line) <= _LONG_TITLE_MAX_CHARS or line[-1] in _TITLE_REJECT_END \
            or re.match(r"^\s*\d{1,2}\s*[.、]", line):
        return False
    return len(line) <= _TITLE_MAX_CHARS or (not _SENTENCE_INSIDE.search(line) and len(re.findall("[，,]", line)) <= 1)


def parse_byline_line(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """The byline fields of a line such as "审校 | 童任", "文／陈思妤" or "来源：X　作者：Y" as
    (roles, label, value); an empty list when the line is not a byline. Labels that name no
    known role (发布时间) come back with roles ("other",)."""
    line = line.strip()
    if len(line) > _MAX_BYLINE_CHARS:
        return []
    lead = None
    issuer: list[tuple[tuple[str, ...], str, str]] = []
    if not _KNOWN_FIELD.match(line):
        # 政策简报 2026年第17期 ｜ 作者：顾明哲 ｜ 发布日期：…: a short lead before the first field, set off by a bar
        bar = _LEAD_BEFORE_FIELD.match(line)
        institution = _INSTITUTION_LEAD.match(line)
        if institution and not bar:
            if institution.group("institution"):
                issuer.append((("source",), "机构", institution.group("institution")))
            if department := institution.group("department") or institution.group("desk"):
                issuer.append((("department",), "部门", department))
            line = line[institution.end():]
        elif not bar:
            return []
        else:
            lead, line = bar.group(1).strip(), line[bar.end():]
    starts = [m for m in _ANY_FIELD.finditer(line)]
    if not starts or starts[0].start() != 0 or starts[0].group(2) in _TABLE_NOTE_LABELS:
        return []
    fields = []
    stamps = []
    for n, match in enumerate(starts):
        end = starts[n + 1].start() if n + 1 < len(starts) else len(line)
        label = match.group(1) or match.group(2)
        value = _TRAILING_NOTICE.sub("", line[match.end():end])
        if meta := _TRAILING_META.search(value):
            # 作者：闵思远　2026-11-22 08:15　阅读 12,406: the page furniture goes, its date is kept as a note
            stamps.extend(stamp.group() for stamp in _META_DATE.finditer(meta.group()))
            value = value[:meta.start()]
        value = value.strip().rstrip("|｜丨").strip()
        if not value or value[-1] in "。！？!?，,":
            return []
        roles = _BYLINE_ROLES.get(label) or (("source",) if label.endswith("来源") else ("other",))
        value, rest = (_VALUE_BAR.split(value, maxsplit=1) + [""])[:2]
        value, rest = value.strip(), rest.strip()
        if not value:
            return []
        note = None
        if roles == ("author",):
            value, note = _split_affiliation(value)
        fields.append((roles, label, value))
        if note:
            fields.append(note)
        # 作者：韩屿 ｜ 专栏「南方矿脉」: what follows a bar inside a field is a note on it, not part of the name
        fields.extend(_bar_note(part) for part in _VALUE_BAR.split(rest) if part.strip())
    if fields:
        fields.extend(issuer)
    if any(label in _FORUM_LABELS for _, label, _ in fields):
        # 楼主：X: a forum thread's starter posted the article on a forum
        fields.append((("platform",), "平台", "论坛"))
    if lead and fields:
        fields.append((("other",), "栏目", lead))
    if stamps and fields:
        fields.append((("other",), "日期", stamps[0]))
    return fields


def _bar_note(part: str) -> tuple[tuple[str, ...], str, str]:
    """A part of a byline field after a bar: a date, the column the article appears in (where it comes
    from, unless the byline names a source), or a note."""
    part = part.strip()
    if _HEADER_DATE.match(part):
        return ("other",), "日期", part
    if column := _COLUMN_NOTE.match(part):
        return ("source", "other"), column.group(1), column.group(2)
    if _NAMED_COLUMN.match(part):
        return ("source", "other"), "专栏", part
    return ("other",), "附注", part


# 顾明哲（东亚产业政策研究所高级研究员）: a name with its affiliation in brackets; 林佩萱/吉隆坡报导: with the
# place the report was filed from
_AFFILIATION = re.compile(r"^(?P<name>[^（(]{2,20}?)\s*[（(](?P<note>[^（）()]{2,40})[）)]$")
_FILED_FROM = re.compile(r"^(?P<name>[^/／]{2,20}?)\s*[/／]\s*(?P<note>[\u4e00-\u9fff]{1,10}(?:报导|报道|電|电|讯))$")


# 某某产业研究院高级研究员: an affiliation naming a research institute (and the author's post there)
_AFFILIATED_INSTITUTE = re.compile(r"^([\u4e00-\u9fff]{2,30}?(?:研究院|研究所|研究中心|研究会|智库))(?:[\u4e00-\u9fff]{0,10})$")


# 顾澜 《远洋观察》周刊: a writer's name, then the publication (its name in 《》, perhaps a kind word after it)
_WRITER_AND_PAPER = re.compile(
    r"^(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff·]{1,7})\s+(?P<paper>《(?P<inner>[^《》\s]{2,20})》[\u4e00-\u9fff]{0,4})$")


def _split_affiliation(value: str) -> tuple[str, tuple[tuple[str, ...], str, str] | None]:
    """An author's name, and the note after it: 单位 (affiliation), 发稿地, or the publication the writer writes
    for (its source; as written, or without the brackets when they hold the whole name: 《观潮周刊》 → 观潮周刊)."""
    if (m := _WRITER_AND_PAPER.match(value)) and not _NOT_IN_A_NAME.search(m.group("name")):
        paper = m.group("inner") if m.group("paper") == f"《{m.group('inner')}》" else m.group("paper")
        return m.group("name"), (("source",), "报刊", paper)
    if m := _AFFILIATION.match(value):
        return m.group("name").strip(), (("other",), "单位", m.group("note"))
    if m := _FILED_FROM.match(value):
        return m.group("name").strip(), (("other",), "发稿地", m.group("note"))
    return value, None


def _fill_byline(byline: Byline, fields: list[tuple[tuple[str, ...], str, str]]) -> None:
    """Set the roles `fields` name; the first value found for a role wins."""
    for roles, label, value in fields:
        for role in roles:
            if role == "other":
                byline.other.setdefault(label, value)
            elif getattr(byline, role) is None:
                setattr(byline, role, value)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


# 【责任编辑：周岚】: a byline line in brackets; （本报记者 苏静远）closing an article
_BRACKETED_LINE = re.compile(r"^\s*[【\[]\s*(.+?)\s*[】\]]\s*$")
_PARENTHESISED_LINE = re.compile(
    r"^\s*[（(]\s*((?:本报|本刊|本台|本网|本社)?(?:驻[\u4e00-\u9fff]{1,6})?记者.+?"
    # （编辑：林晓蔓　审核：陈嘉禾）closing a news page: labelled fields of the people who edited it, in brackets
    r"|(?:责任编辑|编辑|责编|审核|审校|校对|作者|记者)\s*[:：].+?)\s*[）)]\s*$")
# 新华社华盛顿11月20日电（记者陈思远）: a wire dateline opening the first paragraph names agency and reporters
_WIRE_DESK = r"(?P<source>[\u4e00-\u9fff]{1,6}?(?:社|网|網|报|報|台))"   # 新华社, 人民网, 本报 …
_WIRE_PLACE_DATE = r"[\u4e00-\u9fff]{0,8}?\s*"
_WIRE_DATE = r"\d{1,2}\s*月\s*\d{1,2}\s*日"
_WIRE_WORD = r"(?:电|電|讯|訊)"
_DATELINE = re.compile(
    rf"^\s*{_WIRE_DESK}?{_WIRE_PLACE_DATE}(?:{_WIRE_DATE})?\s*{_WIRE_WORD}"
    r"\s*[（(]\s*(?:记者|記者)\s*(?P<author>[^（）()]{2,30}?)\s*[）)]")
# 新华社曼谷11月20日电 泰国……: a dateline naming no reporter still names the agency (a date is required)
_BARE_DATELINE = re.compile(rf"^\s*{_WIRE_DESK}{_WIRE_PLACE_DATE}{_WIRE_DATE}\s*{_WIRE_WORD}(?:\s|（|\(|$)")
_OWN_DESKS = ("本报", "本網", "本网")
# 深圳市人民政府办公厅关于印发……的通知: an official document's title names its issuer before 关于
_ISSUER_TITLE = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff、]{2,40}?(?:政府|办公厅|办公室|委员会|厅|局|部|委|院|署|中心))关于"
    r".{2,80}(?:的)?(?:通知|意见|决定|通告|公告|批复|函|办法|方案|规定|细则|措施|举措|计划|规划|指引|指南|条例|规则)$")


# 鼎岳科技股份有限公司2026年第三季法人说明会问答纪录 / 某某集团2025年年度报告: a company's own record or report names
# the company first (a year or a period follows it); the company issued it
_COMPANY_TITLE = re.compile(
    r"^(?P<issuer>[\u4e00-\u9fff（）()]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团|控股))"
    r"(?:\d{4}\s*年|20\d\d|第[一二三四1-4]季|关于)"
    r".{0,40}?(?:说明会|纪录|记录|纪要|实录|记录表|报告|年报|季报|公告|通知|通函|致股东信)$")

# 股票代号：6987　日期：2026年11月12日　地点：台北／线上直播: a record's header of labelled fields, none of them a byline
# role, one of them its date; the 地点 (where the meeting was held) is its dateline
_HEADER_FIELD = re.compile(r"(?:^|(?<=\s))([\u4e00-\u9fff]{2,6})\s*[:：]\s*")
_HEADER_DATE_LABELS = ("日期", "时间", "会议日期", "会议时间", "发布日期", "发布时间")
_VENUE_LABELS = ("地点", "会议地点")
_PLACE_PART = re.compile(r"[\u4e00-\u9fff]{2,10}")


def _labelled_header(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """The fields of a header line made only of labelled fields (at least two), one of them a date (日期：…);
    an empty list for any other line."""
    from pipeline.dates import iso_date

    line = line.strip()
    starts = list(_HEADER_FIELD.finditer(line))
    if len(starts) < 2 or starts[0].start() != 0 or len(line) > _MAX_BYLINE_CHARS:
        return []
    fields: list[tuple[tuple[str, ...], str, str]] = []
    dated = False
    for n, match in enumerate(starts):
        value = line[match.end():starts[n + 1].start() if n + 1 < len(starts) else len(line)].strip()
        if not value or value[-1] in "。！？!?，,；;":
            return []
        label = match.group(1)
        if label in _HEADER_DATE_LABELS and iso_date(value):
            dated = True
            fields.append((("other",), "日期", value))
        else:
            fields.append((("other",), label, value))
    return fields if dated else []


def _venue_place(value: str) -> str | None:
    """台北／线上直播 -> 台北: the first part of a venue that is a place's name (the rest: online, a hall)."""
    first = re.split(r"\s*[/／、，,及和]\s*", value.strip())[0]
    return first if _PLACE_PART.fullmatch(first) and not first.endswith(("线上", "直播", "会议室", "大厅")) else None


# 原创 周远舟 芯潮观察 2026年11月20日 08:30 上海: a WeChat article's header (author, account, date, and the
# place WeChat shows for the poster's IP address)
_WECHAT_HEADER = re.compile(
    r"^\s*原创\s+(?P<author>[^\s]{2,12})\s+(?P<publisher>[^\s]{2,20})\s+"
    r"(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:\s+\d{1,2}:\d{2})?)(?:\s+[\u4e00-\u9fff]{2,4})?\s*$")


# 南洋科技圈 发布于 2026-11-23 08:30 来自 微博网页版: a Weibo post's header (account, time, and the client it
# was posted from); the account publishes the post and is its source
_WEIBO_HEADER = re.compile(
    r"^\s*(?P<account>[^\s]{2,20})\s+(?P<posted>发布于\s*)?(?P<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)(?:\s+来自\s*(?P<client>\S.{0,30}?))?\s*$")


# ■本报记者 苏静远 发自悉尼 / 本报驻东京记者 李明 王芳 / 文｜本报记者 苏静远: a newspaper's reporter line
_REPORTER_DESK = (r"^[■□●◆▲▪◼\s]*(?:文\s*[|｜/／:：]\s*)?(?:本报|本刊|本台|本网|本社|(?P<agency>新华社|中新社))?"
                  r"(?:驻(?P<post>[\u4e00-\u9fff]{1,6}?))?(?:特约|见习|实习|首席)?记者\s*[：:|｜]?\s*")
_REPORTER_LINE = re.compile(_REPORTER_DESK + r"(?P<names>[\u4e00-\u9fff·][\u4e00-\u9fff·\s、，,]{1,40}?)\s*$")
_REPORTER_PREFIX = re.compile(_REPORTER_DESK)
_NOT_A_NAME = ("发自", "报道", "摄影", "摄", "综合", "编译", "整理")
# 江苏某某股份有限公司董事会 / 2026年11月22日: the issuer's signature closing an announcement or notice
_SIGNATURE_ISSUER = re.compile(
    r"^[\u4e00-\u9fff（）()]{2,40}?(?:董事会|监事会|人民政府|办公厅|办公室|委员会|有限公司|股份公司|集团|局|厅|部|委|院|署|中心|协会|银行|研究所|证券"
    # 丝路能源研究院南亚研究室: a research unit (研究室, 实验室, 工作室) issues a report as its institute would
    r"|研究室|实验室|工作室)$")
_NOT_IN_A_NAME = re.compile(r"[说是的了这那将在]")  # 国家发展和改革委员会 has 和
_CLOSING_NOTE = re.compile(r"^\s*[（(][^（）()]{2,20}[）)]\s*$")
# 2026年11月16日, or in the Chinese numerals an official notice may date with: 二〇二六年十一月十六日
_YMD = r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇○零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3})\s*日"
_SIGNATURE_DATE = re.compile(rf"^{_YMD}$")
_HEADER_DATE = re.compile(rf"^(?:{_YMD}|\d{{4}}\s*[-/.]\d{{1,2}}[-/.]\d{{1,2}})(?:\s*\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?)?$")


def _reporter_names(value: str) -> str | None:
    """The names of a reporter line (本报记者 苏静远 王芳 发自悉尼 -> 苏静远 王芳), else None."""
    names = []
    for word in re.split(r"[\s、，,]+", _REPORTER_PREFIX.sub("", value.strip())):
        if not word:
            continue
        if word.startswith(_NOT_A_NAME) or not 2 <= len(word) <= 6:
            break
        names.append(word)
    return " ".join(names) or None


_SPACED_DOT = re.compile(r"\s+[·•・]\s+")


def _labelled_parts(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """The fields of the labelled parts (作者：X) between a report header's issuer and its date."""
    parts = [part.strip() for part in re.split(r"[|｜丨]", line)][1:-1]
    return [f for part in parts if _KNOWN_FIELD.match(part) for f in parse_byline_line(part)]


def _series_parts(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """The unlabelled parts between a report header's issuer and its date (the first one: 栏目)."""
    parts = [part.strip() for part in re.split(r"[|｜丨]", line)][1:-1]
    return [(("other",), "栏目", part) for part in parts if part and not _KNOWN_FIELD.match(part)][:1]


def _report_header(line: str) -> str | None:
    """华岳证券研究所｜行业跟踪报告｜2026年11月20日: a research report's header (issuer | kind | date)."""
    parts = [part.strip() for part in re.split(r"[|｜丨]", line)]
    if 2 <= len(parts) <= 4 and _SIGNATURE_DATE.match(parts[-1]) and _SIGNATURE_ISSUER.match(parts[0]) \
            and not _NOT_IN_A_NAME.search(parts[0]):
        return parts[0]
    return None


_HEADER_BLOCK_LINES = 8
_KIND_PART = re.compile(r"[\u4e00-\u9fff]{2,12}")


def _undated_report_header(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """瀚海证券研究所｜海外研究｜公司深度报告 heading a report (its date on a line of its own below): the issuer is
    the source, the first part after it (the series or desk) a note; only the first line under the title."""
    parts = [part.strip() for part in re.split(r"[|｜丨]", line.strip())]
    if 2 <= len(parts) <= 4 and _SIGNATURE_ISSUER.match(parts[0]) and not _NOT_IN_A_NAME.search(parts[0]) \
            and all(_KIND_PART.fullmatch(part) for part in parts[1:]):
        return [(("source",), "发布机构", parts[0]), (("other",), "栏目", parts[1])]
    return []


def _header_fields(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """The fields of a line made only of labelled fields (联系人：许嘉宁, 目标价：149瑞士法郎　当前股价：121瑞士法郎) in a
    header block: a label a byline role knows gives that role, any other is kept as a note; an empty list when the
    line is anything else (a sentence, an unlabelled part)."""
    line = line.strip()
    starts = list(_HEADER_FIELD.finditer(line))
    if not starts or starts[0].start() != 0 or len(line) > _MAX_BYLINE_CHARS:
        return []
    fields: list[tuple[tuple[str, ...], str, str]] = []
    for n, match in enumerate(starts):
        value = line[match.end():starts[n + 1].start() if n + 1 < len(starts) else len(line)].strip()
        if not value or value[-1] in "，," or re.search("[，。！？；]", value):
            return []
        fields.append((_BYLINE_ROLES.get(match.group(1), ("other",)), match.group(1), value))
    return fields


_HAN_DIGIT_START = re.compile(r"^[\d.]")

# 《某某日报》社论　2026年11月21日 / 《某某时报》评论员文章: a paper's own opinion piece names the paper (its source)
# and the genre, not an author: the genre is a note, not a person
_OPINION_GENRE = r"社论|社評|社评|本报评论员|评论员文章|评论员|时评|短评|快评|述评|特约评论"
_PAPER_LINE = re.compile(
    rf"^《(?P<paper>[^《》\s]{{2,20}})》\s*(?:(?P<genre>{_OPINION_GENRE})\s*)?"
    r"(?P<date>\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2}))?\s*$")
_PAPER_NAME_END = ("报", "報", "刊", "志", "誌", "网", "網", "社", "台")
# 《观潮周刊》评论员　顾言　2026年11月19日: a paper's writer line — the paper, the writer's post, the writer's name and
# perhaps the date; the post (评论员, 特约记者 …) has no contract field and is kept as a note (职务)
_WRITER_POST = (r"(?:特约|首席|资深|高级|驻[\u4e00-\u9fff]{1,6})?(?:评论员|记者|撰稿人|专栏作者|专栏作家|主笔|编辑|观察员"
                r"|研究员|分析师|通讯员)")
_PAPER_WRITER_LINE = re.compile(
    rf"^《(?P<paper>[^《》\s]{{2,20}})》\s*(?P<post>{_WRITER_POST})\s*(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff·]{{1,7}}?)"
    r"(?:\s+(?P<date>\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})))?\s*$")
# 津滨政办发〔2026〕27号 / 国办发[2025]3号: an official document's number, alone on its line
_DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号$")


def _paper_line(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """《报名》社论 2026年11月21日: the paper as the source, the genre and the date as notes; a bracketed name
    with only a date is a byline when the name is a paper's (ends in 报, 刊, 网 …)."""
    m = _PAPER_LINE.match(line.strip())
    if not m and (w := _PAPER_WRITER_LINE.match(line.strip())) and not _NOT_IN_A_NAME.search(w.group("name")) \
            and not w.group("name").startswith(("文章", "发自", "报道")):
        fields = [(("source",), "报刊", w.group("paper")), (("author",), w.group("post"), w.group("name")),
                  (("other",), "职务", w.group("post"))]
        return fields + ([(("other",), "日期", w.group("date"))] if w.group("date") else [])
    if not m or not (m.group("genre") or m.group("date")):
        return []
    if not m.group("genre") and not m.group("paper").endswith(_PAPER_NAME_END):
        return []
    fields = [(("source",), "报刊", m.group("paper"))]
    if m.group("genre"):
        fields.append((("other",), "体裁", m.group("genre")))
    if m.group("date"):
        fields.append((("other",), "日期", m.group("date")))
    return fields


def _issuer_date_line(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """天津市某某区人民政府办公室　2026年11月16日: an official issuer and the date on one line (a notice's
    header or signature); the issuer is the source, as for a signature on two lines."""
    m = re.match(rf"^(?P<issuer>\S{{2,40}}?)\s+(?P<date>{_YMD})$", line.strip())
    if m and _SIGNATURE_ISSUER.match(m.group("issuer")) and not _NOT_IN_A_NAME.search(m.group("issuer")):
        return [(("source",), "发布机构", m.group("issuer")), (("other",), "日期", m.group("date"))]
    return []


# 记者 周岚 发自拉巴特: the place a reporter files from (a 发稿地, like the 吉隆坡 of 林佩萱/吉隆坡报导)
_FILED_FROM_PLACE = re.compile(r"(?:^|\s)发自\s*(?P<place>[\u4e00-\u9fff·]{2,10})\s*$")


def _reporter_fields(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    """A newspaper's reporter line (本报记者 苏静远 发自悉尼): the reporters, the agency they file for and the
    place they file from; an empty list for any other line."""
    reporter = _REPORTER_LINE.match(line)
    if not reporter or not (names := _reporter_names(line)):
        return []
    fields = [(("author",), "记者", names)]
    if reporter.group("agency"):
        # 新华社记者 黄清源: the agency the reporter files for is the article's source
        fields.insert(0, (("source",), "来源", reporter.group("agency")))
    if place := _FILED_FROM_PLACE.search(line):
        fields.append((("other",), "发稿地", place.group("place")))
    elif reporter.group("post"):
        # 本报驻科伦坡记者 周雨辰: a correspondent posted in a city files from it unless the line says otherwise
        fields.append((("other",), "驻地", reporter.group("post")))
    return fields


def _byline_of_line(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    wechat = _WECHAT_HEADER.match(line)
    if wechat:
        # the account publishes the article and is its source (the outlet an analyst would cite)
        return [(("author",), "原创", wechat.group("author")), (("publisher", "source"), "公众号", wechat.group("publisher")),
                (("platform",), "平台", "微信"), (("other",), "日期", wechat.group("date"))]
    weibo = _WEIBO_HEADER.match(line)
    if weibo and (weibo.group("posted") or weibo.group("client")) and not _HAN_DIGIT_START.match(weibo.group("account")):
        fields = [(("publisher", "source"), "微博", weibo.group("account")), (("platform",), "平台", "微博")]
        if weibo.group("client"):
            fields.append((("other",), "来自", weibo.group("client")))
        fields.append((("other",), "日期", weibo.group("date")))
        return fields
    if fields := _paper_line(line) or _issuer_date_line(line):
        return fields
    if _DOCUMENT_NUMBER.match(line.strip()):
        return [(("other",), "文号", line.strip())]
    # 某研究中心 · 研究简报第47期 · 作者：何思远 · 2026年11月20日: a spaced middle dot separates fields as a bar does
    line = _SPACED_DOT.sub(" ｜ ", line)
    if issuer := _report_header(line):
        # the header's labelled parts (作者：何思远) name the author as a byline line would; an unlabelled part
        # between issuer and date (研究简报2026年第47期, 行业点评) is the series or kind of report, kept as a note
        return [(("source",), "发布机构", issuer), *_labelled_parts(line), *_series_parts(line),
                (("other",), "日期", re.split(r"[|｜丨]", line)[-1].strip())]
    bracketed = _BRACKETED_LINE.match(line) or _PARENTHESISED_LINE.match(line)
    inner = bracketed.group(1) if bracketed else line
    if fields := _reporter_fields(inner):
        return fields
    fields = parse_byline_line(inner)
    # 文｜本报记者 苏静远: the reporter's desk is not part of the name
    return [(roles, label, (_reporter_names(value) or value) if roles == ("author",) and _REPORTER_PREFIX.match(value)
             else value) for roles, label, value in fields]


def _signature_at(text: str, lines: list[tuple[int, int]], n: int) -> str | None:
    """The issuer when lines n and n + 1 are an issuer's signature and its date."""
    (i_start, i_end), (d_start, d_end) = lines[n], lines[n + 1]
    issuer, date = text[i_start:i_end].strip(), text[d_start:d_end].strip()
    if _SIGNATURE_DATE.match(date) and _SIGNATURE_ISSUER.match(issuer) and not _NOT_IN_A_NAME.search(issuer):
        return issuer
    return None


def _signature(text: str, lines: list[tuple[int, int]], title: str | None = None) -> tuple[str | None, list[tuple[int, int]]]:
    """The issuer of an announcement or notice signed at its end (issuer line, then date line, then
    perhaps a short note in brackets such as （此件公开发布）) — or, in a notice issuing a document (关于印发《…》的
    通知), signed before the document it issues: the signature is followed by the closing note or by the
    issued document's title, the name the notice's title gives in 《》."""
    if lines and _CLOSING_NOTE.match(text[lines[-1][0]:lines[-1][1]]):
        lines = lines[:-1]
    if len(lines) < 3:
        return None, []
    if issuer := _signature_at(text, lines, len(lines) - 2):
        return issuer, lines[-2:]
    issued = set(re.findall(r"《([^《》]{4,60})》", title or "")) if title and "印发" in title else set()
    for n in range(1, len(lines) - 3):
        after = text[slice(*lines[n + 2])].strip()
        if (after in issued or _CLOSING_NOTE.match(after)) and (issuer := _signature_at(text, lines, n)):
            return issuer, lines[n:n + 2]
    return None, []


def _dateline_fields(line: str) -> list[tuple[tuple[str, ...], str, str]]:
    m = _DATELINE.match(line)
    if not m:
        bare = _BARE_DATELINE.match(line)
        return [(("source",), "来源", bare.group("source"))] if bare and bare.group("source") not in _OWN_DESKS else []
    fields = [(("author",), "记者", m.group("author").strip())]
    if m.group("source") and m.group("source") not in _OWN_DESKS:
        fields.insert(0, (("source",), "来源", m.group("source")))
    return fields


def find_title_and_byline(text: str, title_hint: str | None) -> tuple[str | None, tuple[int, int] | None, Byline, list[tuple[int, int]]]:
    byline = Byline()
    byline_spans: list[tuple[int, int]] = []
    lines = [(s, e) for s, e in _line_spans(text) if text[s:e].strip()]
    for start, end in lines:
        fields = _byline_of_line(text[start:end])
        _fill_byline(byline, fields)
        if fields:
            byline_spans.append((start, end))
    title, title_span = None, None
    body_lines = [span for span in lines if span not in byline_spans]
    if title_hint:
        hint = title_hint.strip()
        for start, end in body_lines[:3]:
            if text[start:end].strip() == hint:
                title_span = (start + text[start:end].index(hint), start + text[start:end].index(hint) + len(hint))
                break
        title = hint
    elif len(body_lines) >= 2:
        start, end = body_lines[0]
        line = text[start:end].strip()
        if _title_shaped(line):
            offset = text[start:end].index(line)
            title, title_span = line, (start + offset, start + offset + len(line))
    for start, end in [span for span in body_lines if span != title_span][:2]:
        _fill_byline(byline, _dateline_fields(text[start:end]))
    # 瀚海证券研究所｜海外研究｜公司深度报告 / 发布日期：… / 联系人：… / 投资评级：…: a report's header block under the
    # title — an issuer heading it without a date, and lines made only of labelled fields under a byline line
    # (one the first lines' own byline rules read: a record's header of labelled fields, read below, heads no block)
    top = [span for span in lines if span != title_span and span[0] >= (title_span or (0, 0))[0]][:_HEADER_BLOCK_LINES]
    for n, (start, end) in enumerate(top):
        if (start, end) in byline_spans:
            continue
        fields = _undated_report_header(text[start:end]) if n == 0 else \
            _header_fields(text[start:end]) if top[n - 1] in byline_spans else []
        if fields:
            _fill_byline(byline, fields)
            byline_spans.append((start, end))
    # 股票代号：6987　日期：2026年11月12日: a header of labelled fields among the first lines (not further down, where
    # 时间：… 地点：… lines are a notice's meeting arrangements)
    for start, end in [span for span in body_lines if span != title_span][:3]:
        if fields := _labelled_header(text[start:end]):
            _fill_byline(byline, fields)
            byline_spans.append((start, end))
    # 记者：林佩萱 / 2026年11月20日: a date alone on the line under the byline belongs to it
    for n, (start, end) in enumerate(lines[:8]):
        if n and lines[n - 1] in byline_spans and (start, end) not in byline_spans \
                and _HEADER_DATE.match(text[start:end].strip()):
            byline_spans.append((start, end))
            byline.other.setdefault("日期", text[start:end].strip())
    if title:
        # 🌊挪威押注深海风电！: emoji decorating a WeChat title are not part of it (the title's line keeps them)
        title = _DECORATION.sub("", title).strip() or title
    if title and byline.source is None and (issuer := _ISSUER_TITLE.match(title)):
        byline.source = issuer.group("issuer")
    signer, signature_spans = _signature(text, body_lines, title)
    if signer:
        if byline.source is None:
            byline.source = signer
        byline_spans.extend(signature_spans)
        # the date under an announcement's signature is the day it was issued
        byline.other.setdefault("日期", text[slice(*signature_spans[1])].strip())
    if title and byline.source is None and (company := _COMPANY_TITLE.match(title)):
        # after the signature: 某某股份有限公司董事会 signing the company's announcement names the issuer more exactly
        byline.source = company.group("issuer")
    return title, title_span, byline, byline_spans


_FILING_WORD = re.compile(r"^发自|(?:报导|报道|電|电|讯|訊)$")


def _contract_14_fields(byline: Byline) -> None:
    """Schema 1.4 gives the place filed from and a notice's number fields of their own; the raw notes stay in
    byline.other as before (林佩萱/吉隆坡报导: other["发稿地"] 吉隆坡报导, dateline 吉隆坡)."""
    if byline.dateline is None and (filed := byline.other.get("发稿地")):
        byline.dateline = _FILING_WORD.sub("", filed).strip() or filed
    if byline.dateline is None and (post := byline.other.get("驻地")):
        byline.dateline = post
    if byline.document_number is None:
        byline.document_number = byline.other.get("文号")
    if byline.dateline is None and (venue := next((byline.other[k] for k in _VENUE_LABELS if k in byline.other), None)):
        byline.dateline = _venue_place(venue)


# ---------------------------------------------------------------- entry points

def doc_id_for(path: Path) -> str:
    stem = path.name
    for suffix in sorted(ARTICLE_SUFFIXES, key=len, reverse=True):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    cleaned = re.sub(r"[^\w.\-]+", "-", stem, flags=re.UNICODE).strip("-.")
    return cleaned or "document"


def article_from_text(raw_text: str, *, doc_id: str, path: str, fmt: str, sha256: str,
                      size_bytes: int, encoding: str) -> Article:
    title_hint = None
    headings: list[str] = []
    name = path
    meta_lines: list[str] = []
    if fmt == "html":
        raw_text, title_hint, meta_lines = html_to_markdown(raw_text, name)
        fmt_for_text = "md"
    else:
        fmt_for_text = fmt
    if fmt_for_text == "md":
        raw_text, md_title, headings = markdown_to_text(raw_text)
        title_hint = md_title or title_hint
    original = normalise_text(raw_text)
    if not original.strip():
        raise IngestError(f"{name}: no text left after removing markup and whitespace")
    text, script = to_simplified(original)
    def as_analysed(line: str) -> str:
        line = normalise_text(line)
        return traditional_to_simplified(line) if script == "traditional" else line

    title_hint = as_analysed(title_hint) if title_hint else None
    headings = [as_analysed(h) for h in headings]
    title, title_span, byline, byline_spans = find_title_and_byline(text, title_hint)
    for line in meta_lines:
        # a page's byline block may hold a reporter line (记者 周岚 发自拉巴特) as well as labelled fields, and its
        # date on a line of its own (<span class="time">2026-11-19 08:30</span>)
        line = as_analysed(line)
        fields = _byline_of_line(line) or ([(("other",), "日期", line.strip())] if _HEADER_DATE.match(line.strip()) else [])
        _fill_byline(byline, fields)
    if byline.source is None and (institute := _AFFILIATED_INSTITUTE.match(byline.other.get("单位", ""))):
        # 作者：林某（某某研究院高级研究员）: a research institute's analyst writes for it; the institute is the
        # source when nothing else names one (as a think tank's site name would)
        byline.source = institute.group(1)
    _contract_14_fields(byline)
    heading_spans = []
    if headings:
        wanted = set(h.strip() for h in headings if h.strip())
        for start, end in _line_spans(text):
            line = text[start:end].strip()
            if line in wanted and (start, end) != title_span:
                offset = text[start:end].index(line)
                heading_spans.append((start + offset, start + offset + len(line)))
    return Article(
        doc_id=doc_id, path=path, format=fmt, sha256=sha256, size_bytes=size_bytes, encoding=encoding,
        text=text, script=script, original_text=original if script == "traditional" else None,
        title=title, byline=byline, title_span=title_span, heading_spans=heading_spans,
        byline_spans=byline_spans, published=published_of(byline.other),
    )


def read_bytes(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, display_name: str | None = None) -> bytes:
    """The raw bytes of one article file. Raises IngestError with a one-line reason."""
    name = display_name or str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise IngestError(f"{name}: {size / 1_048_576:.1f} MB is over the {max_bytes / 1_048_576:.0f} MB limit for one article (raise it with --max-bytes)")
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(f"{name}: file disappeared before it could be read") from None
    except IsADirectoryError:
        raise IngestError(f"{name}: is a directory, not an article file") from None
    except PermissionError:
        raise IngestError(f"{name}: permission denied (file is not readable)") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(f"{name}: symlink loop (too many levels of symbolic links)") from None
        raise IngestError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise IngestError(f"{name}: over the {max_bytes / 1_048_576:.0f} MB limit for one article (raise it with --max-bytes)")
    return data


def format_of(path: str | os.PathLike) -> str:
    return ARTICLE_SUFFIXES.get(Path(path).suffix.lower(), "txt")


def read_article(path: str | os.PathLike, *, doc_id: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 display_name: str | None = None) -> Article:
    """Read and normalise one article file. Raises IngestError with a one-line reason."""
    name = display_name or str(path)
    data = read_bytes(path, max_bytes=max_bytes, display_name=name)
    return article_from_bytes(data, doc_id=doc_id or doc_id_for(Path(path)), path=name, fmt=format_of(path))


def article_from_bytes(data: bytes, *, doc_id: str, path: str, fmt: str) -> Article:
    text, encoding = decode_bytes(data, path)
    return article_from_text(text, doc_id=doc_id, path=path, fmt=fmt, sha256=hashlib.sha256(data).hexdigest(),
                             size_bytes=len(data), encoding=encoding)
