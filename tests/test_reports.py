"""Browser reports (pipeline/reports): per-article pages and the corpus dashboard.

The first group renders HTML in-process and checks structure and escaping; the second opens
the pages in headless Chromium (skipped when /usr/bin/chromium is absent) and checks that the
screenshot is not blank, that no console error is logged, that the page's own script ran and
that a <script> in the article text did not.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import SEED

from pipeline.reports import render_dashboard, render_document_page, write_reports
from pipeline.reports.dashboard import dashboard_context, load_tables, tables_from_docs

CHROMIUM = Path("/usr/bin/chromium")
PWN_SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','1')</script>"
PWN_IMG = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"
EVIL_TEXT = (
    f"标题{PWN_SCRIPT}\n"
    f"日本政府今年投入74亿美元{PWN_SCRIPT}押注量子技术。美国也在投入{PWN_IMG}。\n"
    "第二段</p></div><script>alert(1)</script>结束&amp;。\n"
)


# ------------------------------------------------------------------ documents to render
def _sentence_ids(doc: dict, needle: str, limit: int = 3) -> list[int]:
    return [s["id"] for s in doc["sentences"] if needle in s["text"]][:limit]


def enrich(doc: dict) -> dict:
    """A document with every list full: money/quantities/checks from the figures extractor
    (when the pipeline run had no figures component), hand-made claims, risks, opportunities,
    stance and English summary items pointing at real sentences."""
    doc = copy.deepcopy(doc)
    spans = [(s["start"], s["end"]) for s in doc["sentences"]]
    if not doc.get("money"):
        from pipeline.figures import extract_figures

        figures = extract_figures(doc["text"], spans)
        doc["money"] = [m.model_dump(mode="json") for m in figures.money]
        doc["quantities"] = [q.model_dump(mode="json") for q in figures.quantities]
        doc["numeric_checks"] = [c.model_dump(mode="json") for c in figures.numeric_checks]
    if not doc.get("entities"):
        from pipeline.entities import EntityRecognizer

        tokens = [(t["start"], t["end"]) for t in doc["tokens"]]
        found = EntityRecognizer(statistical="jieba")(doc["text"], spans, tokens)
        doc["entities"] = [m.model_dump(mode="json") for m in found.mentions]
        doc["entity_index"] = [e.model_dump(mode="json") for e in found.index]
    sentences = doc["sentences"]
    pick = [s for s in sentences if s.get("kind", "body") == "body" and len(s["text"]) > 20]
    types = ["fact", "statistic", "forecast", "opinion", "recommendation"]
    doc["claims"] = [{"sentence_id": s["id"], "text": s["text"], "type": types[i % 5], "hedged": i % 3 == 0,
                      "attribution": "作者" if i % 2 else "日本政府", "confidence": 0.5 + i / 40,
                      "text_en": f"English rendering of claim {i}." if i % 4 else None}
                     for i, s in enumerate(pick[:8])]
    categories = ["execution", "technology", "geopolitical", "talent", "financial", "competition"]
    doc["risks"] = [{"sentence_id": s["id"], "text": s["text"], "category": categories[i % len(categories)],
                     "confidence": 0.6, "text_en": f"Risk {i} in English." if i % 2 else None}
                    for i, s in enumerate(pick[8:17])]
    doc["opportunities"] = [{"sentence_id": s["id"], "text": s["text"], "confidence": 0.7, "text_en": None}
                            for s in pick[17:19]]
    evidence = [s["id"] for s in pick[:3]]
    doc["stance"] = {"target": "量子技术", "target_en": "quantum technology", "label": "supportive", "score": 0.62,
                     "evidence": evidence,
                     "targets": [{"target": "日本政府", "target_en": "Government of Japan", "label": "mixed",
                                  "score": 0.1, "evidence": evidence[:1]}]}
    summary = doc.setdefault("summary_en", {})
    summary["headline"] = "Japan bets US$7.4 billion on quantum technology"
    summary["abstract"] = [{"text": "Japan's government committed US$7.4 billion this year.",
                            "sentence_ids": [sentences[0]["id"]], "category": None}]
    summary["key_figures"] = [{"text": f"{m['text']} ≈ US${m['usd_value']:,}", "sentence_ids": [m["sentence_id"]],
                               "category": "money"}
                              for m in doc["money"][:4] if m.get("usd_value") is not None and m["sentence_id"] is not None]
    summary["stance"] = {"text": "Supportive of quantum investment.", "sentence_ids": evidence, "category": "supportive"}
    return doc


def empty_doc(doc_id: str = "empty", text: str = "只有一句话。") -> dict:
    return {"doc_id": doc_id, "text": text, "sentences": [{"id": 0, "start": 0, "end": len(text), "text": text,
                                                            "section_id": 0, "paragraph_id": 0}]}


@pytest.fixture(scope="module")
def seed_doc(analyzer) -> dict:
    from pipeline.ingest import read_article

    return json.loads(analyzer.analyze(read_article(SEED)).model_dump_json())


@pytest.fixture(scope="module")
def rich_doc(seed_doc) -> dict:
    return enrich(seed_doc)


@pytest.fixture(scope="module")
def evil_doc(analyzer, tmp_path_factory) -> dict:
    """An article whose text, title, entity names and claims all carry markup and scripts,
    analysed by the real pipeline, then given evil names and claims by hand."""
    from pipeline.ingest import read_article

    path = tmp_path_factory.mktemp("evil") / "evil-article.txt"
    path.write_text(EVIL_TEXT, encoding="utf-8")
    doc = json.loads(analyzer.analyze(read_article(path)).model_dump_json())
    assert PWN_SCRIPT in doc["text"]
    doc = enrich(doc)
    doc["source"]["title"] = f"</title>{PWN_SCRIPT}"
    for entry in doc["entity_index"]:
        entry["name_en"] = f'"><script>alert("{entry["entity_id"]}")</script>'
    doc["claims"].append({"sentence_id": 0, "text": PWN_SCRIPT, "type": "fact", "hedged": False,
                          "attribution": PWN_IMG, "confidence": 0.9, "text_en": PWN_SCRIPT})
    doc["summary_en"]["headline"] = PWN_SCRIPT
    return doc


# ------------------------------------------------------------------ in-process rendering
def _article_html(page: str) -> str:
    match = re.search(r'<div class="article zh" lang="zh-Hans">(.*?)\n  </div>\n</section>', page, re.DOTALL)
    assert match, "article block not found"
    return match.group(1)


def _script_blocks(page: str) -> list[str]:
    return re.findall(r"<script\b", page, re.IGNORECASE)


def test_empty_lists_render(seed_doc):
    emptied = {**seed_doc, **{key: [] for key in ("entities", "entity_index", "money", "quantities", "numeric_checks",
                                                   "claims", "risks", "opportunities")}, "stance": {}}
    for doc in (empty_doc(), {"doc_id": "bare"}, emptied):
        page = render_document_page(doc)
        assert page.startswith("<!DOCTYPE html>")
        assert "No money amounts were found" in page
        assert "No claims were found" in page
        assert "No risks were found" in page
        assert "No stance was computed" in page
        assert len(_script_blocks(page)) == 2


def test_rich_page_has_every_part(rich_doc):
    page = render_document_page(rich_doc)
    assert rich_doc["money"] and rich_doc["entities"] and rich_doc["claims"] and rich_doc["risks"]
    # entities highlighted displaCy-style, one mark per mention that is not overlapped by another mark
    assert len(re.findall(r'<mark class="ent ent-', _article_html(page))) >= len(rich_doc["entities"]) * 0.9
    named = next(e for e in rich_doc["entity_index"] if e["name_en"] and e["name_en_source"])
    assert html.escape(f'title="{named["name_en"]} ({named["name_en_source"]}) · {named["label"]}"', quote=False) in page
    # figures table with one US-dollar bar per priced amount
    priced = [m for m in rich_doc["money"] if m.get("usd_value") is not None]
    assert len(re.findall(r'<div class="bar"><i ', page)) == len(priced)
    assert "$7.40 B" in page
    # claims, risks by category, stance with evidence, summary beside the Chinese sentences
    for claim in rich_doc["claims"]:
        assert html.escape(claim["text"], quote=False) in page
    for category in {r["category"] for r in rich_doc["risks"]}:
        assert f"<h3>{category.replace('_', ' ')} <span class=\"badge\">" in page
    assert 'class="badge supportive">supportive' in page
    for sid in rich_doc["stance"]["evidence"]:
        assert f'href="#s{sid}"' in page
    first = rich_doc["sentences"][0]
    assert "Japan&#39;s government committed US$7.4 billion this year." in page
    assert page.count(html.escape(first["text"], quote=False)) >= 2  # in the text and beside the summary
    # every sentence is an anchor, in order, holding exactly its text
    article = _article_html(page)
    for sentence in rich_doc["sentences"]:
        match = re.search(rf'<span class="sent" id="s{sentence["id"]}" data-sid="\d+">(.*?)</span>(?=<span class="sent"|</p>|\s)',
                          article, re.DOTALL)
        assert match, sentence["id"]
    plain = html.unescape(re.sub(r'<span class="ent-label">[^<]*</span>|<[^>]+>', "", article))
    assert plain.replace("\n", "") == "".join(rich_doc["text"][p["start"]:p["end"]] for p in rich_doc["paragraphs"]
                                              if rich_doc["text"][p["start"]:p["end"]].strip())


def test_article_text_is_escaped(evil_doc):
    page = render_document_page(evil_doc)
    assert len(_script_blocks(page)) == 2, "only the page's own two <script> blocks"
    assert "<img" not in page
    assert "&lt;script&gt;document.documentElement.setAttribute(&#39;data-pwned&#39;,&#39;1&#39;)&lt;/script&gt;" in page
    assert "&lt;/p&gt;&lt;/div&gt;&lt;script&gt;alert(1)&lt;/script&gt;结束&amp;amp;" in page
    assert "<title>&lt;/title&gt;&lt;script&gt;" in page


def test_pages_are_self_contained(rich_doc, evil_doc):
    for page in (render_document_page(rich_doc), render_document_page(evil_doc), render_dashboard([rich_doc])):
        assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:|//)""", page, re.IGNORECASE)
        assert "<link" not in page and "@import" not in page and "url(" not in page
        assert "Content-Security-Policy" in page and "default-src 'none'" in page
        assert "Noto Sans CJK SC" in page  # the CJK font stack


def test_dashboard_totals_from_hand_made_docs():
    def doc(doc_id: str, money: list[dict], entities: list[dict], index: list[dict]) -> dict:
        text = "甲。乙。丙。"
        return {"doc_id": doc_id, "text": text, "source": {"title": f"标题{doc_id}"}, "sentences": [], "money": money,
                "entities": entities, "entity_index": index, "risks": [{"category": "talent"}], "claims": [],
                "stance": {"label": "skeptical"}}

    def amount(cur, value, usd, sid, equivalent_of=None):
        return {"currency": cur, "value": value, "usd_value": usd, "sentence_id": sid, "equivalent_of": equivalent_of}

    docs = [
        doc("a", [amount("USD", 100, 100, 0), amount("JPY", 15000, 100, 0, equivalent_of=0), amount("CNY", 70, 10, 1)],
            [{"entity_id": "E1", "sentence_id": 0, "label": "GPE"}, {"entity_id": "E1", "sentence_id": 1, "label": "GPE"},
             {"entity_id": "E2", "sentence_id": 1, "label": "ORG"}],
            [{"entity_id": "E1", "label": "GPE", "name_zh": "日本", "name_en": "Japan", "mentions": 2},
             {"entity_id": "E2", "label": "ORG", "name_zh": "东芝", "name_en": "Toshiba", "mentions": 1}]),
        doc("b", [amount("USD", 5, 5, 2)], [{"entity_id": "E9", "sentence_id": 2, "label": "GPE"}],
            [{"entity_id": "E9", "label": "GPE", "name_zh": "日本", "name_en": "Japan", "mentions": 1}]),
    ]
    context = dashboard_context(tables_from_docs(docs))
    currencies = {c["currency"]: c for c in context["currencies"]}
    assert set(currencies) == {"USD", "CNY"}  # the yen amount restates the dollars: not counted
    assert currencies["USD"]["usd"] == 105 and currencies["USD"]["documents"] == 2
    assert context["usd_total"] == 115
    japan = context["countries"][0]
    assert (japan["name"], japan["documents"], japan["mentions"], japan["usd"]) == ("Japan", 2, 3, 115)
    assert context["actors"][0]["name"] == "Toshiba" and context["actors"][0]["usd"] == 10
    assert context["risk_categories"][0]["name"] == "talent" and context["risk_categories"][0]["documents"] == 2
    page = render_dashboard(docs)
    assert 'href="a.html"' in page and 'href="b.html"' in page and "标题a" in page


def test_dashboard_with_nothing():
    page = render_dashboard([])
    assert "No documents." in page and "No money amounts in the corpus" in page
    assert dashboard_context(load_tables(Path(tempfile.gettempdir()) / "no-such-out-dir"))["documents"] == []


def test_write_reports_over_a_corpus_run(corpus_run):
    out, report, _ = corpus_run
    work = Path(tempfile.mkdtemp(prefix="reports-"))
    try:
        shutil.copytree(out / "docs", work / "docs")
        shutil.copytree(out / "tables", work / "tables")
        written = write_reports(work)
        doc_ids = sorted(p.stem for p in (work / "docs").glob("*.json"))
        assert written == len(doc_ids) == report.counts["analysed"] + report.counts["skipped"]
        pages = sorted(p.stem for p in (work / "reports").glob("*.html"))
        assert pages == sorted(doc_ids + ["index"])
        assert not list((work / "reports").glob(".*.tmp"))
        index = (work / "reports" / "index.html").read_text(encoding="utf-8")
        for doc_id in doc_ids:
            assert f'href="{doc_id}.html"' in index
        # without tables, the dashboard is built from the documents and says the same
        shutil.rmtree(work / "tables")
        write_reports(work)
        again = (work / "reports" / "index.html").read_text(encoding="utf-8")
        strip = lambda page: re.sub(r"\s+", " ", page)
        assert strip(again) == strip(index)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ------------------------------------------------------------------ headless Chromium
def _browse(page_path: Path, shot: Path) -> tuple[str, str]:
    """Open a page in headless Chromium: screenshot to `shot`; return (DOM after scripts, log)."""
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        proc = subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
             "--window-size=1280,2000", f"--screenshot={shot}", "--dump-dom", page_path.resolve().as_uri()],
            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, proc.stderr


def _check_in_browser(page: str, folder: Path, name: str) -> None:
    from PIL import Image

    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    shot = folder / f"{name}.png"
    dom, log = _browse(path, shot)
    console = [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert not console, "console messages:\n" + "\n".join(console)
    root = re.search(r"<html\b[^>]*>", dom)
    assert root, dom[:500]
    assert 'data-report-ready="1"' in root.group(0), "the page's own script did not finish"
    assert "data-js-errors" not in root.group(0), root.group(0)
    assert "data-pwned" not in root.group(0), "a script from the article text ran"
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2000)
    small = image.resize((320, 500))
    colours = small.getcolors(maxcolors=1 << 20)
    assert len(colours) >= 50, f"screenshot looks blank: {len(colours)} colours"
    non_white = sum(n for n, c in colours if sum(c) < 720)
    assert non_white / (320 * 500) > 0.02, "screenshot is almost all white"


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(),
                                    reason="headless Chromium not installed (/usr/bin/chromium; apt-get install chromium)")


@needs_chromium
def test_pages_in_chromium(rich_doc, evil_doc, tmp_path):
    _check_in_browser(render_document_page(rich_doc), tmp_path, "rich")
    _check_in_browser(render_document_page(evil_doc), tmp_path, "evil")
    _check_in_browser(render_document_page(empty_doc()), tmp_path, "empty")


@needs_chromium
def test_dashboard_in_chromium(corpus_run, rich_doc, tmp_path):
    out, _, _ = corpus_run
    _check_in_browser(render_dashboard(out), tmp_path, "dashboard")
    _check_in_browser(render_dashboard([rich_doc, empty_doc()]), tmp_path, "dashboard-rich")


@needs_chromium
def test_browser_check_catches_a_script_error(tmp_path):
    """The harness itself: a page with a failing script is caught."""
    page = render_document_page(empty_doc()).replace("</body>", "<script>noSuchFunction();</script></body>")
    with pytest.raises(AssertionError, match="console messages|data-js-errors"):
        _check_in_browser(page, tmp_path, "broken")


# The claims and summary tables as the template wrote them row by row in Jinja, before the rows
# were built in Python (reports/document.py: claim_rows_html, summary_rows_html).
JINJA_CLAIM_ROWS = """{% from "macros.html.j2" import en %}
    {% for c in claims %}
      <tr><td>{{ sid(c.sentence_id) }}</td>
        <td><span class="badge">{{ c.type }}</span>{% if c.hedged %} <span class="badge hedged">hedged</span>{% endif %}</td>
        <td lang="zh-Hans">{{ c.text }}</td><td>{{ en(c.text_en) }}</td><td lang="zh-Hans">{{ c.attribution or '–' }}</td>
        <td class="num">{{ c.confidence | conf }}</td></tr>
    {% endfor %}
"""
JINJA_SUMMARY_ROWS = """
    {% for row in summary_rows %}
      <tr><td><span class="badge">{{ row.part }}</span> {{ row.text }}</td>
          <td lang="zh-Hans">{% for q in row.quotes %}<div>{{ sid(q.id) }} {{ q.text }}</div>{% else %}<span class="empty">–</span>{% endfor %}</td></tr>
    {% endfor %}
"""

JINJA_ENTITY_ROWS = """
    {% for e in entity_index %}
      <tr><td lang="zh-Hans">{{ e.name_zh }}</td><td>{{ e.name_en or '–' }}</td><td>{{ (e.name_en_method or e.name_en_source or '–') | replace('_', ' ') }}</td>
          <td><mark class="ent ent-{{ e.label }}"><span class="ent-label">{{ e.label }}</span></mark></td>
          <td class="num">{{ e.mentions }}</td><td lang="zh-Hans">{{ (e.aliases or []) | join('、') }}</td></tr>
    {% endfor %}
"""

JINJA_MONEY_ROWS = """
    {% for m in money_rows %}
      <tr>
        <td>{{ m.index }}</td>
        <td lang="zh-Hans">{{ m.text }}{% if m.equivalent_of is not none %} <span class="badge" title="restates amount #{{ m.equivalent_of }}">= #{{ m.equivalent_of }}</span>{% endif %}</td>
        <td class="num">{{ m.value | num }}{% if m.value_max is not none %} – {{ m.value_max | num }}{% endif %}</td>
        <td>{{ m.currency }}</td><td>{{ m.qualifier }}</td>
        <td class="num">{{ m.usd_value | usd }}{% if m.usd_value_max is not none %} – {{ m.usd_value_max | usd }}{% endif %}</td>
        <td class="barcell">{% if m.bar is not none %}<div class="bar"><i class="{{ 'restated' if m.equivalent_of is not none else '' }}" style="width: {{ '%.2f' % m.bar }}%"></i>{% if m.bar_extra %}<i class="extra" style="width: {{ '%.2f' % m.bar_extra }}%"></i>{% endif %}<em>{{ m.usd_value | usd }}</em></div>{% else %}<span class="empty">no rate</span>{% endif %}</td>
        <td>{% if m.usd_rate is not none %}{{ m.usd_rate | num(6) }} ({{ m.usd_rate_source or '?' }}){% else %}–{% endif %}</td>
        <td>{{ sid(m.sentence_id) }}</td>
      </tr>
    {% endfor %}
"""

JINJA_RISK_ROWS = """{% from "macros.html.j2" import en %}
      {% for r in items %}
      <tr><td lang="zh-Hans">{{ sid(r.sentence_id) }} {{ r.text }}</td><td>{{ en(r.text_en) }} <span class="badge">{{ r.confidence | conf }}</span></td></tr>
      {% endfor %}
"""


def test_python_built_rows_match_the_jinja_rows(rich_doc, evil_doc):
    from pipeline.reports.common import environment
    from pipeline.reports.document import document_context

    groups = 0
    for doc in (rich_doc, evil_doc):
        doc = copy.deepcopy(doc)
        doc["summary_en"]["key_claims"] = [{"text": "A claim citing nothing <b>", "sentence_ids": [], "category": None}]
        doc["money"] = [dict(m) for m in doc["money"]] + [
            {**doc["money"][0], "text": "<b>5亿至8亿</b>", "value": 5e8, "value_max": 8e8, "qualifier": "range",
             "usd_value": 7e7, "usd_value_max": 1.1e8, "usd_rate": 0.14, "usd_rate_source": "a & b", "equivalent_of": 0},
            {**doc["money"][0], "usd_value": None, "usd_value_max": None, "usd_rate": None, "usd_rate_source": None,
             "sentence_id": None}]
        doc["entity_index"][0].update(aliases=["<i>别名</i>", "甲&乙"], name_en=None, name_en_method=None,
                                      name_en_source="termbase_reading")
        context = document_context(doc)
        claims = environment().from_string(JINJA_CLAIM_ROWS).render(**context)
        summary = environment().from_string(JINJA_SUMMARY_ROWS).render(**context)
        assert context["claim_rows_html"] + "\n" == claims.lstrip("\n")
        assert context["summary_rows_html"] + "\n" == summary.lstrip("\n")
        money = environment().from_string(JINJA_MONEY_ROWS).render(**context)
        assert context["money_rows_html"] + "\n" == money.lstrip("\n") and "restates amount" in money
        assert 'class="extra"' in money and "no rate" in money and " – " in money
        groups += len(context["risk_groups"])
        for category, items in context["risk_groups"]:
            risks = environment().from_string(JINJA_RISK_ROWS).render(items=items, sid=context["sid"])
            assert context["risk_rows_html"][category] + "\n" == risks.lstrip("\n")
        entities = environment().from_string(JINJA_ENTITY_ROWS).render(**context)
        assert context["entity_rows_html"] + "\n" == entities.lstrip("\n") and context["entity_index"]
        assert '<span class="empty">–</span>' in summary and "A claim citing nothing &lt;b&gt;" in summary
        page = render_document_page(doc)
        assert f"<tbody>\n{context['claim_rows_html']}\n    </tbody>" in page
        assert f"<tbody>\n{context['summary_rows_html']}\n    </tbody>" in page
    assert groups > 2
