"""Evaluate the figures extractor (issue 3) side by side with Microsoft Recognizers-Text.

    python benchmarks/figures_eval.py [--peer-data DIR] [--json OUT.json] [--no-peer]

1. The Recognizers-Text Chinese specs (Currency, Number, Percent) under
   ``<peer-data>/recognizers-text-zh/``: a case passes when its list of (text, value, currency)
   equals the expected one (the peer's span convention; texts compared after NFKC and lower-casing,
   values numerically to 14 significant digits, as the specs print C# doubles). The
   ``recognizers-text-suite`` package runs on the same cases in the same run, one case at a time in
   a worker process with a time limit (a time-out counts as a failure: the peer loops on some inputs,
   its issue #1865). Throughput is measured on the cases both finish, excluding start-up.
2. Money P/R/F1 on the team's annotated corpus (``corpus/annotations/<doc_id>.json``): a prediction
   matches a gold amount when the spans overlap and value, value_max, currency and qualifier agree.
3. False positives on idioms and non-money numbers (sentences written for this project).

Peer data is resolved as ``--peer-data DIR``, ``$PEER_DATA_DIR`` or ``<repo>/../shared/peer-data``;
without it the script exits with status 2. Nothing from the peer data is copied or stored.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import re
import sys
import time
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

SPECS = ("CurrencyModel", "NumberModel", "PercentModel")

# Sentences written for this project: none of them contains money.
IDIOM_CASES = [
    "政府雄心勃勃地宣称要培育出独角兽企业,这恰恰戳中了日本长期以来的一块心病。",
    "万一项目失败,损失由谁承担?",
    "他三番五次地强调供应链安全的重要性。",
    "这份报告写得一字千金,值得反复阅读。",
    "量子传感器能测量百万分之一的误差。",
    "日本首相将2025年定为量子产业化的第一年。",
    "该计划将在五年内培养5万名工程师。",
    "公司在全国设有三百家门店,员工两千多人。",
    "这块芯片的良率提高了两成。",
    "他们用了一块石头和两块木板搭起了实验台。",
    "新的五角大楼预算文件尚未公布。",
    "这是一元化管理和二元结构之间的取舍。",
    "千万不要低估这项技术的潜力。",
    "我一看数据就明白了,一切都在计划之中。",
]


# ----------------------------------------------------------------------------- normalisation
_KEEP_FULLWIDTH = set("，。！？；：（）、")


_FW_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def normalise_input(s: str) -> str:
    """The pipeline's width normalisation: full-width ASCII to ASCII, Chinese punctuation kept
    (a full-width comma inside a full-width number, ４，５６５, is a thousands separator)."""
    s = _FW_THOUSANDS.sub(",", s)
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E and ch not in _KEEP_FULLWIDTH:
            out.append(chr(o - 0xFEE0))
        elif o == 0x3000:
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def norm_text(s: Optional[str]) -> str:
    return unicodedata.normalize("NFKC", s or "").strip().lower()


def norm_value(v: Any) -> Optional[Decimal]:
    if v is None:
        return None
    s = str(v).strip().rstrip("%")
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    if d == 0:
        return Decimal(0)
    # 14 significant digits: the specs print C# doubles (350.333333333333, 2.02107211321364E+23)
    return Decimal(format(d, ".13e")).normalize()


def as_key(items: list[tuple[str, Any, Optional[str]]]) -> Counter:
    return Counter((norm_text(t), norm_value(v), c) for t, v, c in items)


# ----------------------------------------------------------------------------- ours
def ours_run(model: str, text: str) -> list[tuple[str, Any, Optional[str]]]:
    from pipeline.figures import extract_currency, extract_numbers, extract_percentages
    t = normalise_input(text)
    if model == "CurrencyModel":
        return [(m.text, m.value, m.currency) for m in extract_currency(t)]
    if model == "NumberModel":
        return [(p.text, p.value, None) for p in extract_numbers(t)]
    return [(p.text, p.value, None) for p in extract_percentages(t)]


def expected_of(case: dict, model: str) -> list[tuple[str, Any, Optional[str]]]:
    out = []
    for r in case.get("Results", []):
        res = r.get("Resolution") or {}
        cur = res.get("isoCurrency") if model == "CurrencyModel" else None
        out.append((r.get("Text"), res.get("value"), cur))
    return out


# ----------------------------------------------------------------------------- peer worker
def _peer_worker(conn) -> None:  # pragma: no cover - runs in a child process
    from recognizers_suite import Culture, recognize_currency, recognize_number, recognize_percentage
    fns = {"CurrencyModel": recognize_currency, "NumberModel": recognize_number,
           "PercentModel": recognize_percentage}
    for f in fns.values():   # warm-up: the peer compiles its models on first use
        f("一百元", Culture.Chinese)
    conn.send("ready")
    while True:
        msg = conn.recv()
        if msg is None:
            return
        model, text = msg
        t0 = time.perf_counter()
        try:
            res = fns[model](text, Culture.Chinese)
            out = []
            for r in res:
                reso = r.resolution or {}
                cur = reso.get("isoCurrency") if model == "CurrencyModel" else None
                out.append((r.text, reso.get("value"), cur))
            err = None
        except Exception as e:  # noqa: BLE001 - a peer crash is a failed case
            out, err = [], f"{type(e).__name__}: {e}"
        conn.send((out, time.perf_counter() - t0, err))


class Peer:
    def __init__(self, timeout: float):
        self.timeout = timeout
        self.proc = None
        self.conn = None
        self.start_s = 0.0

    def _start(self) -> None:
        ctx = mp.get_context("fork")
        parent, child = ctx.Pipe()
        t0 = time.perf_counter()
        self.proc = ctx.Process(target=_peer_worker, args=(child,), daemon=True)
        self.proc.start()
        self.conn = parent
        if not parent.poll(120):
            raise RuntimeError("recognizers-text worker did not start")
        parent.recv()
        self.start_s += time.perf_counter() - t0

    def run(self, model: str, text: str):
        if self.proc is None or not self.proc.is_alive():
            self._start()
        self.conn.send((model, text))
        if self.conn.poll(self.timeout):
            try:
                return self.conn.recv()
            except EOFError:
                self.proc = None
                return None
        self.proc.kill()   # this worker only: it is ours
        self.proc.join()
        self.proc = None
        return None

    def close(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            self.conn.send(None)
            self.proc.join(5)


def peer_available() -> Optional[str]:
    try:
        import recognizers_suite  # noqa: F401
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}"
    return None


# ----------------------------------------------------------------------------- specs
def run_specs(peer_dir: Path, use_peer: bool, timeout: float) -> dict:
    from pipeline.figures import extract_currency
    extract_currency("预热100元")   # load lexicons before timing
    peer = Peer(timeout) if use_peer else None
    result: dict[str, Any] = {}
    for model in SPECS:
        cases = json.loads((peer_dir / "recognizers-text-zh" / f"{model}.json").read_text(encoding="utf-8"))
        ours_pass = peer_pass = peer_timeouts = 0
        ours_t = peer_t = 0.0
        both_ours_t = both_peer_t = 0.0
        both = 0
        failures = []
        for c in cases:
            exp = as_key(expected_of(c, model))
            t0 = time.perf_counter()
            got = ours_run(model, c["Input"])
            dt = time.perf_counter() - t0
            ours_t += dt
            ok = as_key(got) == exp
            ours_pass += ok
            if not ok:
                failures.append({"input": c["Input"], "expected": [list(map(str, e)) for e in expected_of(c, model)],
                                 "ours": [list(map(str, g)) for g in got]})
            if peer is not None:
                r = peer.run(model, c["Input"])
                if r is None:
                    peer_timeouts += 1
                else:
                    pout, pdt, _err = r
                    peer_t += pdt
                    peer_pass += as_key(pout) == exp
                    both += 1
                    both_ours_t += dt
                    both_peer_t += pdt
        entry = {"cases": len(cases), "ours_pass": ours_pass, "ours_seconds": round(ours_t, 4),
                 "failures": failures}
        if peer is not None:
            entry.update({"peer_pass": peer_pass, "peer_timeouts": peer_timeouts,
                          "both_finished": both,
                          "ours_cases_per_s": round(both / both_ours_t, 1) if both_ours_t else None,
                          "peer_cases_per_s": round(both / both_peer_t, 1) if both_peer_t else None})
        result[model] = entry
    if peer is not None:
        peer.close()
    return result


# ----------------------------------------------------------------------------- idioms
def run_idioms(use_peer: bool, timeout: float) -> dict:
    from pipeline.figures import extract_figures
    ours = []
    for s in IDIOM_CASES:
        f = extract_figures(s, [(0, len(s))])
        ours.extend({"sentence": s, "text": m.text, "value": m.value, "currency": m.currency} for m in f.money)
    out: dict[str, Any] = {"cases": len(IDIOM_CASES), "ours_false_positives": len(ours), "ours_items": ours}
    if use_peer:
        peer = Peer(timeout)
        items = []
        for s in IDIOM_CASES:
            r = peer.run("CurrencyModel", s)
            if r is None:
                items.append({"sentence": s, "text": "<time-out>"})
                continue
            items.extend({"sentence": s, "text": t, "value": v, "currency": c} for t, v, c in r[0] if v is not None)
        peer.close()
        out.update({"peer_false_positives": len(items), "peer_items": items})
    return out


# ----------------------------------------------------------------------------- corpus
def _read_article(path: Path, encoding: str) -> Optional[str]:
    if path.suffix.lower() in (".md", ".html", ".htm"):
        try:
            from pipeline.ingest import read_article  # type: ignore
        except Exception:  # noqa: BLE001
            print(f"  skip {path.name}: pipeline.ingest.read_article is not available for {path.suffix}", file=sys.stderr)
            return None
        return read_article(path).text
    raw = path.read_bytes()
    text = raw.decode(encoding or "utf-8")
    try:
        from pipeline.ingest import read_article  # type: ignore
        return read_article(path).text
    except Exception:  # noqa: BLE001
        return normalise_input(text.replace("\r\n", "\n").replace("\r", "\n"))


def _as_analysed(t: str) -> str:
    """An annotation's text as the pipeline analyses it (width-normalised, Simplified)."""
    try:
        from pipeline.ingest import normalise_text, traditional_to_simplified  # type: ignore
        return traditional_to_simplified(normalise_text(t))
    except Exception:  # noqa: BLE001
        return normalise_input(t)


_GAP_RE = re.compile(r"……|\.\.\.|…")


def _find_pieces(text: str, t: str, pos: int) -> tuple[int, int]:
    """A claim quoted with elisions (``A……B``) or across a line break (``A。B`` where the article has
    ``A。\nB``): the span from its first piece to its last, the pieces in order, line breaks and spaces
    between sentences allowed. (-1, -1) when not found."""
    pieces = [p for p in _GAP_RE.split(t) if p.strip()]
    if not pieces:
        return -1, -1
    pats = [r"\s*".join(re.escape(ch) for ch in p.strip()) for p in pieces]
    m = re.compile(r"[\s\S]{0,600}?".join(f"({p})" for p in pats)).search(text, pos)
    if m is None:
        return -1, -1
    return m.start(), m.end()


def _locate(text: str, items: list[dict]) -> list[tuple[int, int]]:
    """Spans of annotated texts, found in order (annotations carry no offsets). A claim quoted with
    elisions (……) or across sentences separated by a line break is located by its pieces."""
    spans = []
    pos = 0
    for it in items:
        t = it.get("text", "")
        k = text.find(t, pos) if t else -1
        if k < 0 and t:
            t2 = _as_analysed(t)
            k = text.find(t2, pos)
            if k < 0:
                k = text.find(t2)
            t = t2
        if k < 0 and t:
            k, e = _find_pieces(text, t, pos)
            if k < 0:
                k, e = _find_pieces(text, t, 0)
            if k >= 0:
                spans.append((k, e))
                pos = e
                continue
        if k < 0:
            spans.append((-1, -1))
            continue
        spans.append((k, k + len(t)))
        pos = k + len(t)
    return spans


def _locate_outside(text: str, items: list[str], money_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of not-money texts, found in order as ``_locate`` does, but skipping an occurrence inside an annotated
    amount: the bare 3.4 of 3.4除以1.2 listed after 2025年 is not the 3.4 of 2025年的约3.4万亿福林 (an occurrence
    inside an amount is taken only when there is no other)."""
    spans = []
    pos = 0
    for t in items:
        (k, e), = _locate(text[pos:], [{"text": t}]) if t else [(-1, -1)]
        k, e = (k + pos, e + pos) if k >= 0 else _locate(text, [{"text": t}])[0]
        first = (k, e)
        while k >= 0 and any(a <= k and e <= b for a, b in money_spans):
            (k2, e2), = _locate(text[e:], [{"text": t}])
            k, e = (k2 + e, e2 + e) if k2 >= 0 else (-1, -1)
        k, e = (k, e) if k >= 0 else first
        spans.append((k, e))
        if k >= 0:
            pos = e
    return spans


def _same_num(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return norm_value(a) == norm_value(b)


def run_corpus(corpus: Path) -> dict:
    from pipeline.figures import extract_figures
    ann_dir = corpus / "annotations"
    docs = []
    tp_all = fp_all = fn_all = 0
    not_money_fp = 0
    claims_all = [0, 0, 0]
    for ann_path in sorted(ann_dir.glob("*.json")) if ann_dir.is_dir() else []:
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        art = corpus / ann.get("file", "")
        if not art.is_file():
            print(f"  skip {ann_path.name}: article {art} not found", file=sys.stderr)
            continue
        text = _read_article(art, ann.get("encoding", "utf-8"))
        if text is None:
            continue
        sents = [(m.start(), m.end()) for m in re.finditer(r"[^。！？!?\n]+[。！？!?]*\n?", text)]
        fig = extract_figures(text, sents)
        pred = fig.money
        claims = ann.get("numeric_claims", [])
        cspans = _locate(text, claims)
        c_found = c_agree = 0
        claim_rows = []
        for c, (cs_, ce_) in zip(claims, cspans):
            ours = [x for x in fig.numeric_checks if cs_ >= 0 and x.start is not None and x.start < ce_ and cs_ < x.end]
            if ours:
                c_found += 1
                c_agree += any(x.verdict == c.get("verdict") for x in ours)
            claim_rows.append({"text": c.get("text"), "gold": c.get("verdict"), "located": cs_ >= 0,
                               "ours": [{"verdict": x.verdict, "claim_text": x.claim_text,
                                         "computation": x.computation} for x in ours]})
        claims_all[0] += len(claims)
        claims_all[1] += c_found
        claims_all[2] += c_agree
        gold = ann.get("money", [])
        gspans = _locate(text, gold)
        matched_pred: set[int] = set()
        tp = 0
        misses = []
        for g, (gs, ge) in zip(gold, gspans):
            hit = None
            for i, p in enumerate(pred):
                if i in matched_pred or gs < 0:
                    continue
                if p.start < ge and gs < p.end and _same_num(p.value, g.get("value")) and \
                        _same_num(p.value_max, g.get("value_max")) and p.currency == g.get("currency") and \
                        p.qualifier == g.get("qualifier", "exact"):
                    hit = i
                    break
            if hit is None:
                misses.append(g)
            else:
                matched_pred.add(hit)
                tp += 1
        fp = len(pred) - len(matched_pred)
        fn = len(gold) - tp
        nm_spans = _locate_outside(text, [t if isinstance(t, str) else t.get("text", "") for t in ann.get("not_money", [])],
                                   [sp for sp in gspans if sp[0] >= 0])
        nm_fp = sum(1 for p in pred for s, e in nm_spans if s >= 0 and p.start < e and s < p.end)
        not_money_fp += nm_fp
        tp_all += tp
        fp_all += fp
        fn_all += fn
        docs.append({"doc_id": ann.get("doc_id", ann_path.stem), "gold": len(gold), "pred": len(pred), "tp": tp,
                     **_prf(tp, fp, fn), "not_money_fp": nm_fp,
                     "claims": len(claims), "claims_checked": c_found, "claims_same_verdict": c_agree,
                     "claim_details": claim_rows,
                     "missed": [g.get("text") for g in misses],
                     "spurious": [p.text for i, p in enumerate(pred) if i not in matched_pred]})
    return {"documents": docs, "overall": {"tp": tp_all, "fp": fp_all, "fn": fn_all, **_prf(tp_all, fp_all, fn_all)},
            "not_money_false_positives": not_money_fp,
            "numeric_claims": {"gold": claims_all[0], "checked": claims_all[1], "same_verdict": claims_all[2]}}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# ----------------------------------------------------------------------------- report
def print_report(res: dict) -> None:
    specs = res["specs"]
    peer = res["peer"]
    print("Recognizers-Text Chinese specs (cases passed)")
    print(f"  {'spec':<14}{'ours':>10}{'peer':>10}{'peer t/o':>10}{'ours c/s':>11}{'peer c/s':>11}{'ratio':>8}")
    for model in SPECS:
        e = specs[model]
        line = f"  {model:<14}{e['ours_pass']:>5}/{e['cases']:<4}"
        if peer["ran"]:
            ratio = (e["ours_cases_per_s"] / e["peer_cases_per_s"]) if e.get("peer_cases_per_s") else float("nan")
            line += (f"{e['peer_pass']:>5}/{e['cases']:<4}{e['peer_timeouts']:>10}{e['ours_cases_per_s']:>11}"
                     f"{e['peer_cases_per_s']:>11}{ratio:>7.1f}x")
        else:
            line += f"{'-':>10}"
        print(line)
    if peer["ran"]:
        t = res["throughput"]
        print(f"  throughput on {t['cases']} cases both finished: ours {t['ours_cases_per_s']} cases/s, "
              f"peer {t['peer_cases_per_s']} cases/s, ratio {t['ratio']}x")
    else:
        print(f"  peer not run: {peer['reason']}")
    c = res["corpus"]
    print("Money on the annotated corpus (span overlap + value, value_max, currency, qualifier)")
    if not c["documents"]:
        print("  no annotated articles found")
    for d in c["documents"]:
        print(f"  {d['doc_id'][:40]:<40} gold {d['gold']:>3} pred {d['pred']:>3}  P {d['precision']:.3f} "
              f"R {d['recall']:.3f} F1 {d['f1']:.3f}")
    o = c["overall"]
    print(f"  {'overall':<40} tp {o['tp']} fp {o['fp']} fn {o['fn']}  P {o['precision']:.3f} R {o['recall']:.3f} "
          f"F1 {o['f1']:.3f}; not_money false positives {c['not_money_false_positives']}")
    nc = c["numeric_claims"]
    print(f"Numeric claims annotated: {nc['gold']}; checked by us: {nc['checked']}; same verdict: {nc['same_verdict']}")
    i = res["idioms"]
    line = f"Idiom / non-money sentences ({i['cases']}): false money ours {i['ours_false_positives']}"
    if "peer_false_positives" in i:
        line += f", peer {i['peer_false_positives']} (" + ", ".join(f"{x['text']}" for x in i["peer_items"]) + ")"
    print(line)


def resolve_peer_dir(arg: Optional[str]) -> Path:
    from pipeline.paths import peer_data_dir

    return Path(arg) if arg else peer_data_dir()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="pipeline eval figures", description=__doc__.split("\n\n")[0])
    ap.add_argument("--peer-data", help="peer-data folder (default $PEER_DATA_DIR or <repo>/../shared/peer-data)")
    ap.add_argument("--corpus", default=str(REPO / "corpus"), help="corpus folder with annotations/")
    ap.add_argument("--json", help="also write the figures as JSON to this path")
    ap.add_argument("--no-peer", action="store_true", help="do not run the recognizers-text package")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per peer case (default 10)")
    ap.add_argument("--failures", action="store_true", help="list our failed spec cases")
    ap.add_argument("--claims", action="store_true",
                    help="list the annotated numeric claims we miss or give another verdict, with our checks")
    args = ap.parse_args(argv)

    peer_dir = resolve_peer_dir(args.peer_data)
    if not (peer_dir / "recognizers-text-zh").is_dir():
        print(f"peer data not found at {peer_dir} (give --peer-data DIR or set PEER_DATA_DIR)", file=sys.stderr)
        return 2
    reason = None if not args.no_peer else "--no-peer"
    if reason is None:
        reason = peer_available()
    use_peer = reason is None
    t0 = time.time()
    specs = run_specs(peer_dir, use_peer, args.timeout)
    res: dict[str, Any] = {"specs": specs, "peer": {"ran": use_peer, "reason": reason,
                                                    "package": "recognizers-text-suite"}}
    if use_peer:
        try:
            from importlib.metadata import version
            res["peer"]["version"] = version("recognizers-text-suite")
        except Exception:  # noqa: BLE001
            pass
        both = sum(specs[m]["both_finished"] for m in SPECS)
        ours_s = sum(specs[m]["both_finished"] / specs[m]["ours_cases_per_s"] for m in SPECS if specs[m]["ours_cases_per_s"])
        peer_s = sum(specs[m]["both_finished"] / specs[m]["peer_cases_per_s"] for m in SPECS if specs[m]["peer_cases_per_s"])
        res["throughput"] = {"cases": both, "ours_cases_per_s": round(both / ours_s, 1),
                             "peer_cases_per_s": round(both / peer_s, 1), "ratio": round(peer_s / ours_s, 2)}
    res["corpus"] = run_corpus(Path(args.corpus))
    res["idioms"] = run_idioms(use_peer, args.timeout)
    res["seconds"] = round(time.time() - t0, 1)
    print_report(res)
    if args.failures:
        for model in SPECS:
            for f in specs[model]["failures"]:
                print(f"  FAIL {model}: {f['input']!r} expected {f['expected']} ours {f['ours']}")
    if args.claims:
        for d in res["corpus"]["documents"]:
            for c in d.get("claim_details", []):
                if any(x["verdict"] == c["gold"] for x in c["ours"]):
                    continue
                tag = "not located" if not c["located"] else ("other verdict" if c["ours"] else "not checked")
                print(f"  CLAIM {d['doc_id']}: {c['text']!r} gold {c['gold']} ({tag})")
                for x in c["ours"]:
                    print(f"      ours {x['verdict']}: {x['computation']}")
    if args.json:
        Path(args.json).write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
