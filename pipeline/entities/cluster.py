"""Clustering mentions into entities (aliases, short forms, Latin and Chinese forms)."""

from __future__ import annotations

import re
from collections import Counter

from pipeline.entities.lexicon import is_latin
from pipeline.entities.recognizer import Candidate
from pipeline.entities.resources import company_organs


_SMALL_WORDS = frozenset(("and", "of", "for", "the", "in", "on", "to", "a", "an", "at", "by", "de", "du", "des", "la"))
COMPANY_FORMS = ("公司", "集团", "有限公司", "股份有限公司", "控股")
_ORGANS = frozenset(company_organs())
# the words that declare a short form in brackets after a name: （以下简称“…”）, （下称“…”）, （简称“…”）
_DECLARED_SHORT = re.compile(r"[（(](?:以下|下文|下)?简?称[：:]?\s*[“\"「']")


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def is_abbreviation(short: str, long: str) -> bool:
    """经产省 / 经济产业省, 理研 / 理化学研究所: same first and last character, in order."""
    if len(short) < 2 or len(short) >= len(long) or is_latin(short) or is_latin(long):
        return False
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    pos = 0
    for ch in short:
        pos = long.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def cluster(text: str, mentions: list[Candidate], alias_pairs, key_of, is_place=None) -> list[list[int]]:
    """Groups of mention indexes; `key_of(mention)` gives a termbase id or None; `is_place(text)`
    says whether a text is a place's name (for 美国商务部 … 商务部)."""
    uf = _UnionFind()
    keys: list[str] = []
    for m in mentions:
        key = key_of(m)
        keys.append(f"T:{key}" if key else f"S:{m.label if m.label in ('PERSON',) else 'X'}:{text[m.start:m.end]}")
        uf.find(keys[-1])
    by_span = {(m.start, m.end): i for i, m in enumerate(mentions)}
    # explicit alias pairs: X(Y)
    for a, b in alias_pairs:
        if a in by_span and b in by_span:
            uf.union(keys[by_span[a]], keys[by_span[b]])
    for i, m in enumerate(mentions):
        # 《工业日报》（Dagens industri）, “墨西哥计划”（Plan México）: the bracket after a title's or quote's
        # closing mark is still the name's
        skip = 1 if text[m.end:m.end + 1] in "》”」』\"" else 0
        if text[m.end + skip:m.end + skip + 1] in "(（":
            opening = m.end + skip + 1
            for j in range(i + 1, min(i + 3, len(mentions))):
                n = mentions[j]
                # 出口融资署（Export Finance Australia，下称“EFA”）: the Latin name may end at a comma
                close = text[n.end:n.end + 1]
                if n.start != opening or close not in ")），,":
                    continue
                latin = is_latin(text[n.start:n.end]) and not is_latin(text[m.start:m.end])
                if n.label == m.label or latin and (m.label not in ("GPE", "LOC") or _sounds_alike(
                        # 卡伦堡（Kalundborg）: a place's Latin form when it reads like the place (not 荷兰（ASML）)
                        text[m.start:m.end], text[n.start:n.end])):
                    # 辛鲍姆（Claudia Sheinbaum）: a Chinese name with its Latin form, whatever label
                    # the Latin form got alone (Latin names are ORG by default)
                    uf.union(keys[i], keys[j])
    # a short form the text declares (湖北省集成电路产业投资基金（以下简称“省集成电路基金”）): one entity, whatever
    # the two forms share (a Chinese official text's way of naming a body once in full; session 13)
    starts = {m.start: i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        skip = 1 if text[m.end:m.end + 1] in "》”」』\"" else 0
        declared = _DECLARED_SHORT.match(text, m.end + skip)
        j = starts.get(declared.end()) if declared else None
        if j is not None and j != i and text[mentions[j].end:mentions[j].end + 1] in "”」\"'" and \
                mentions[j].label not in ("PERSON", "GPE", "LOC") and m.label not in ("PERSON", "GPE", "LOC"):
            uf.union(keys[i], keys[j])
    # a Latin acronym and the Latin name whose initials it is (Export Finance Australia … EFA): one entity
    acronyms: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        surface = text[m.start:m.end]
        if m.label not in ("PERSON", "GPE", "LOC") and re.fullmatch(r"[A-Z]{2,7}", surface):
            acronyms.setdefault(surface, []).append(i)
    if acronyms:
        for i, m in enumerate(mentions):
            surface = text[m.start:m.end]
            if m.label in ("PERSON", "GPE", "LOC") or " " not in surface or not is_latin(surface):
                continue
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z][A-Za-z'&\-]*", surface)
                               if w.lower() not in _SMALL_WORDS)
            for j in acronyms.get(initials.upper() if initials.isupper() else "", ()):
                uf.union(keys[i], keys[j])
    # short forms within the same label
    surfaces: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        surfaces.setdefault((m.label, text[m.start:m.end]), i)
    items = list(surfaces.items())
    # an organisation written once with its country and then bare (美国商务部 … 商务部): the bare
    # form is that country's body when exactly one country-prefixed form of it occurs
    prefixed: dict[str, list[int]] = {}
    if is_place is not None:
        for (label, long), j in items:
            if label not in ("ORG", "PROGRAM", "LAW"):
                continue        # 加拿大关键矿产战略 … 关键矿产战略: a programme too
            for n in range(2, len(long) - 1):
                if is_place(long[:n]):
                    prefixed.setdefault(long[n:], []).append(j)
    for (label, short), i in items:
        # (沙特阿美 … 阿美: the short form may have been taken for a person; it is the organisation)
        if len(prefixed.get(short, ())) == 1 and (label == "ORG" or len(short) >= 2):
            long_label = mentions[prefixed[short][0]].label
            if long_label != "ORG" and (mentions[i].term is not None or label != long_label):
                continue        # 欧洲芯片法案 … 芯片法案 (listed: the US act): a bare listed programme or law stays itself
            uf.union(keys[prefixed[short][0]], keys[i])
    # a short form and its long form share their first character (long.startswith(short), an
    # abbreviation) or their last (埃米莉·卡特 … 卡特; an abbreviation): only those pairs can match
    by_first: dict[tuple[str, str], list[tuple[str, int]]] = {}
    by_last: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for (label, surface), j in items:
        by_first.setdefault((label, surface[:1]), []).append((surface, j))
        by_last.setdefault((label, surface[-1:]), []).append((surface, j))
    for (label, short), i in items:
        if len(short) < 2 or (label in ("GPE", "LOC")):
            continue                    # no rule below joins these
        if label == "PERSON":
            pool = by_first.get((label, short[:1]), []) + by_last.get((label, short[-1:]), [])
        else:
            pool = by_first.get((label, short[:1]), [])
        for long, j in pool:
            if short == long or long[len(short):] in _ORGANS:
                continue                # 某某股份有限公司董事会 … 某某股份有限公司: the board and the company are two
            if label == "PERSON":
                if len(short) >= 2 and long.startswith(short) and not is_latin(short):
                    uf.union(keys[j], keys[i])
                elif len(short) >= 2 and re.search(r"[·・•‧]" + re.escape(short) + "$", long):
                    uf.union(keys[j], keys[i])      # 埃米莉·卡特 … 卡特: the family name alone
            elif is_abbreviation(short, long) and not _other_listed_body(keys[i], keys[j], mentions[i], short):
                uf.union(keys[j], keys[i])
            elif label == "ORG" and len(short) >= 4 and long.startswith(short) and long.endswith(COMPANY_FORMS) \
                    and not is_latin(short) and len(long) - len(short) <= 8 and mentions[i].term is None:
                # 富士胶片戴奥辛斯 … 富士胶片戴奥辛斯生物技术公司: a company's name without its business and 公司
                # (session 7, a table cell and the full name in the text)
                uf.union(keys[j], keys[i])
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        groups.setdefault(uf.find(key), []).append(i)
    return sorted(groups.values(), key=lambda g: min(mentions[i].start for i in g))


def _other_listed_body(key_short: str, key_long: str, short: Candidate, surface: str) -> bool:
    """Whether an abbreviation-shaped pair names two bodies: both listed under different termbase ids, or the
    short form listed with a longer Chinese form of its own that is not this long one (欧盟 is listed with
    欧洲联盟, so 欧洲电池联盟 is not the EU spelt out)."""
    if key_short.startswith("T:") and key_long.startswith("T:"):
        return key_short != key_long
    term = short.term
    return key_short.startswith("T:") and term is not None and \
        any(len(s) > len(surface) and not is_latin(s) for s in term.surfaces)


def _sounds_alike(han: str, latin: str) -> bool:
    """Whether a Latin name could be the Chinese transliteration's original: the pinyin and the Latin form
    share most of their letters in order (卡伦堡 'kalunbao' ~ Kalundborg 0.78, 奥卡里亚 ~ Olkaria 0.67;
    荷兰 'helan' ~ ASML 0.22)."""
    from difflib import SequenceMatcher

    from pipeline.entities.naming import pinyin_place

    reading = re.sub(r"[^a-z]", "", pinyin_place(han).lower())
    written = re.sub(r"[^a-z]", "", latin.lower())
    return bool(reading) and SequenceMatcher(None, reading, written).ratio() >= 0.5


def majority_label(mentions: list[Candidate], idx: list[int]) -> str:
    for i in idx:
        if mentions[i].term is not None:
            return mentions[i].term.label
    counts = Counter(mentions[i].label for i in idx)
    best = max(counts.values())
    for i in sorted(idx, key=lambda i: mentions[i].start):
        if counts[mentions[i].label] == best:
            return mentions[i].label
    return mentions[idx[0]].label


_HAN = re.compile(r"[\u4e00-\u9fff]")


def pick_name_zh(forms: list[str]) -> str:
    han = [f for f in forms if _HAN.search(f)]
    pool = han or forms
    return max(pool, key=lambda f: (len(f), -forms.index(f)))
