"""The English summary (issue 6): English forms of figures and their parsing back, no word salad,
traceability, key-fact coverage on the annotated corpus, and speed."""

from __future__ import annotations

import json
import re
import time
from decimal import Decimal

import pytest

from pipeline.english import build_summary, english_only, render_markdown, time_expressions
from pipeline.translation.forms import (find_english_amounts, format_amount, format_quantity,
                                        parse_english_amount)

from conftest import CORPUS, annotations, per_article

ANNOTATED = [a for a in annotations() if a.get("key_facts")]
CJK = re.compile(r"[\u3400-\u9fff]")
ZH_QUOTE = re.compile(r"「[^」]*」 \(zh\)")


# ---------------------------------------------------------------- English forms

@pytest.mark.parametrize("value,currency,value_max,qualifier,english", [
    (7400000000, "USD", None, "exact", "US$7.4 billion"),
    (1050000000000, "JPY", None, "approx", "about ¥1.05 trillion"),
    (3000000000, "EUR", 3500000000, "range", "€3–3.5 billion"),
    (900000000, "EUR", 1200000000, "range", "€900 million–€1.2 billion"),
    (0.37, "EUR", 0.48, "range", "€0.37–0.48"),
    (30000000000, "CNY", None, "exact", "30 billion yuan"),
    (104630000000, "CNY", None, "exact", "104.63 billion yuan"),
    (1860000000, "HKD", None, "approx", "about HK$1.86 billion"),
    (12000000000, "TWD", None, "exact", "NT$12 billion"),
    (100, "INR", None, "less_than", "less than ₹100"),
    (1000000000, "SGD", None, "more_than", "more than S$1 billion"),
    (26000000000000, "KRW", None, "exact", "₩26 trillion"),
    (500, "SEK", None, "exact", "500 Swedish kronor"),
    (123456, "XAF", None, "exact", "XAF 123,456"),
    (1640000000.5, "USD", None, "exact", "US$1.6400000005 billion"),
])
def test_amounts_in_english_and_back(value, currency, value_max, qualifier, english):
    assert format_amount(value, currency, value_max=value_max, qualifier=qualifier) == english
    parsed = parse_english_amount(english)
    assert parsed.currency == currency and parsed.qualifier == qualifier
    assert parsed.value == Decimal(repr(value) if isinstance(value, float) else value)
    assert parsed.value_max == (None if value_max is None else Decimal(repr(value_max) if isinstance(value_max, float) else value_max))


def test_parse_rejects_non_amounts():
    for text in ("7.4 billion", "US$", "about US$7.4 billion and more", ""):
        with pytest.raises(ValueError):
            parse_english_amount(text)


@pytest.mark.parametrize("kind,value,qualifier,english", [
    ("percent", 20, "exact", "20%"), ("percent", 16.4, "exact", "16.4%"), ("percent", 70, "more_than", "more than 70%"),
    ("multiple", 3, "more_than", "more than three times"), ("multiple", 18, "more_than", "more than 18 times"),
    ("fraction", 0.75, "approx", "about three quarters"), ("fraction", 2 / 3, "approx", "about two thirds"),
    ("fraction", 0.05, "less_than", "less than one twentieth"), ("fraction", 1e-06, "less_than", "less than one millionth"),
    ("percent", 60, "range", "60% (lower end of a range)"),
])
def test_quantities_in_english(kind, value, qualifier, english):
    assert format_quantity(kind, value, qualifier) == english


def test_time_expressions():
    assert [t for _, _, t in time_expressions("到2030年，2027年至2029年间，2024年底")] == [
        "by 2030", "in 2027–2029", "at the end of 2024"]
    text = "本措施自2026年12月1日起施行；方案将于明年3月31日前公布；今年4月宣布退出；截至2025年6月底；为期6个月；3月和5月"
    assert [t for _, _, t in time_expressions(text)] == [
        "from 1 December 2026", "before 31 March next year", "in April this year", "as of the end of June 2025"]


def test_english_only_quotes_stray_chinese():
    assert english_only("Risk: 电力 shortage") == "Risk: 「电力」 (zh) shortage"
    assert english_only("「电力」 (zh) is quoted") == "「电力」 (zh) is quoted"


# ---------------------------------------------------------------- the corpus, as the components see it

@pytest.fixture(scope="module")
def corpus_docs():
    """Documents of every annotated article with the current figures, entities and argument modules."""
    from pipeline.figures import extract_figures
    from pipeline.ingest import read_article
    from pipeline.nlp import Analyzer, PipelineConfig

    entities = pytest.importorskip("pipeline.entities")
    recognizer = entities.EntityRecognizer()
    try:
        from pipeline.argument import ArgumentAnalyzer

        argument = ArgumentAnalyzer()
    except ImportError:
        argument = None
    analyzer = Analyzer(PipelineConfig(components=["structure"]))
    docs = {}
    for gold in ANNOTATED:
        started = time.perf_counter()
        doc = analyzer.analyze(read_article(CORPUS / gold["file"]))
        spans = [(s.start, s.end) for s in doc.sentences]
        figures = extract_figures(doc.text, spans)
        found = recognizer(doc.text, spans, [(t.start, t.end) for t in doc.tokens])
        doc.money, doc.quantities, doc.numeric_checks = figures.money, figures.quantities, figures.numeric_checks
        doc.entities, doc.entity_index = found.mentions, found.index
        if argument is not None:
            result = argument(doc.text, doc.sentences, doc.sections)
            doc.claims, doc.risks, doc.opportunities, doc.stance = (result.claims, result.risks,
                                                                   result.opportunities, result.stance)
        analysis_seconds = time.perf_counter() - started
        docs[gold["doc_id"]] = (doc, analysis_seconds)
    build_summary(next(iter(docs.values()))[0])          # load the glossary and templates once
    return docs


def summary_items(summary):
    items = [*summary.abstract, *summary.key_figures, *summary.actors, *summary.key_claims, *summary.risks,
             *summary.opportunities, *summary.numeric_checks]
    return items + ([summary.stance] if summary.stance else [])


def summary_text(summary) -> str:
    return "\n".join([summary.headline or ""] + [i.text for i in summary_items(summary)])


@pytest.mark.parametrize("gold", per_article("test_key_fact_coverage", ANNOTATED))
def test_key_fact_coverage(gold, corpus_docs):
    """>= 90% of the hand-written key facts: every required token in the English summary.
    A fact missed only because an entity has no English name yet (termbase gap, not this layer)
    makes the test xfail with the names to add; any other miss fails."""
    doc, _ = corpus_docs[gold["doc_id"]]
    text = summary_text(build_summary(doc)).lower()
    facts = gold["key_facts"]
    missed = [(f, [t for t in f["required_tokens"] if t.lower() not in text]) for f in facts]
    missed = [(f, tokens) for f, tokens in missed if tokens]
    coverage = 1 - len(missed) / len(facts)
    if coverage >= 0.9:
        return
    gold_names = [e.get("name_en") or "" for e in gold.get("entities", [])]
    english_layer = [(f["fact"], t) for f, tokens in missed for t in tokens
                     if not any(t.lower() in name.lower() for name in gold_names)]
    assert not english_layer, f"coverage {coverage:.0%}; missed by the English layer: {english_layer}"
    pytest.xfail(f"coverage {coverage:.0%}: entity names missing from the entity index: "
                 f"{sorted({t for _, tokens in missed for t in tokens})}")


@pytest.mark.parametrize("gold", ANNOTATED, ids=[a["doc_id"] for a in ANNOTATED])
def test_every_english_figure_parses_back_to_the_extracted_value(gold, corpus_docs):
    doc, _ = corpus_docs[gold["doc_id"]]
    summary = build_summary(doc)
    figures = [item for item in summary.key_figures if item.category == "money"]
    parsed = [(item, find_english_amounts(item.text)) for item in figures]
    for index, money in enumerate(doc.money):
        target = money.equivalent_of if money.equivalent_of is not None else index
        primary = doc.money[target]
        key = (primary.currency, Decimal(str(primary.value)),
               None if primary.value_max is None else Decimal(str(primary.value_max)))
        holders = [(item, amounts) for item, amounts in parsed if amounts and primary.sentence_id in item.sentence_ids
                   and (amounts[0][2].currency, amounts[0][2].value, amounts[0][2].value_max) == key]
        assert holders, f"{money.text} (s{money.sentence_id}) has no key figure that parses back to it"
        item, amounts = holders[0]
        assert amounts[0][2].qualifier == primary.qualifier
        if money.equivalent_of is not None:   # the restatement is written in the same item, as "(≈ ...)"
            values = {(a.currency, a.value) for _, _, a in amounts[1:]}
            assert (money.currency, Decimal(str(money.value))) in values, item.text
    for item, amounts in parsed:              # computed US-dollar conversions: labelled and within rounding
        if "reference rate" in item.text:
            assert amounts[-1][2].currency == "USD"


@pytest.mark.parametrize("gold", ANNOTATED, ids=[a["doc_id"] for a in ANNOTATED])
def test_summary_is_english_traceable_and_complete(gold, corpus_docs):
    doc, _ = corpus_docs[gold["doc_id"]]
    summary = build_summary(doc)
    assert summary.headline and not CJK.search(ZH_QUOTE.sub("", summary.headline))
    assert 3 <= len(summary.abstract) <= 7
    for item in summary_items(summary):
        assert not CJK.search(ZH_QUOTE.sub("", item.text)), f"Chinese mixed into English: {item.text}"
        # every 「 opens one quote of its own, marked (zh): no quote inside a quote (「「摩洛哥」 (zh)」)
        assert item.text.count("「") == len(re.findall(r"「[^「」]*」 \(zh\)", item.text)), item.text
        assert item.sentence_ids, f"item without a sentence id: {item.text}"
        assert all(0 <= i < len(doc.sentences) for i in item.sentence_ids)
    assert len(summary.actors) == len(doc.entity_index)
    assert len(summary.risks) == len(doc.risks) and len(summary.opportunities) == len(doc.opportunities)
    assert len(summary.numeric_checks) == len(doc.numeric_checks)
    if doc.stance.label:
        assert summary.stance is not None and summary.stance.category == doc.stance.label
    doc.summary_en = summary
    markdown = render_markdown(doc)
    for item in summary.key_figures[:5]:                   # the Chinese original beside each item
        quoted = doc.sentences[item.sentence_ids[0]].text[:20]
        assert quoted in markdown or quoted.replace("|", "\\|") in markdown   # a table row's pipes are escaped in table cells
    json.dumps(summary.model_dump(mode="json"), ensure_ascii=False)


def test_summary_without_any_extraction_still_has_a_headline(analyzer):
    from pipeline.ingest import read_article

    doc = analyzer.analyze(read_article(CORPUS / "germany-hydrogen-eur.md"))
    doc.money = doc.quantities = doc.numeric_checks = doc.entities = doc.entity_index = []
    doc.claims = doc.risks = doc.opportunities = []
    summary = build_summary(doc)
    assert summary.headline
    doc.summary_en = summary
    assert "## Key figures" in render_markdown(doc)


def _summary_of(analyzer, tmp_path, text: str):
    """The English summary of a small invented article."""
    from pipeline.ingest import read_article

    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return build_summary(analyzer.analyze(read_article(path)))


def test_idioms_are_not_measures(analyzer, tmp_path):
    text = summary_text(_summary_of(analyzer, tmp_path, "标题\n\n资源丰富，难在“最后一公里”。需要新建铁路120公里。\n"))
    assert "120 km" in text and "1 km" not in text


def test_counted_things_with_a_size_before_the_noun(analyzer, tmp_path):
    text = summary_text(_summary_of(analyzer, tmp_path, "标题\n\n新厂建成后月产4万片12英寸晶圆。二期再增加2.5万片的产能。\n"))
    assert "40,000 12-inch wafers" in text and "25,000 pieces" in text


def test_a_counter_takes_the_noun_written_before_the_number(analyzer, tmp_path):
    text = summary_text(_summary_of(analyzer, tmp_path, "标题\n\n该星座规划卫星约13,000颗，目前已发射190颗。\n"))
    assert "about 13,000 satellites" in text


def test_markdown_gives_the_publication_date_and_the_contract_1_4_byline_fields(analyzer, tmp_path):
    article = tmp_path / "notice.txt"
    article.write_text("某省人民政府办公厅关于支持生物医药产业发展的若干措施\n\n某办发〔2026〕31号\n\n各市人民政府：\n"
                       "到2028年，全省生物医药产业规模突破5000亿元。\n\n某省人民政府办公厅\n2026年11月16日\n", encoding="utf-8")
    from pipeline.ingest import read_article

    doc = analyzer.analyze(read_article(article))
    doc.summary_en = build_summary(doc)
    markdown = render_markdown(doc)
    assert doc.source.published == "2026-11-16"
    assert "- Published: 2026-11-16" in markdown
    assert "document number: 「某办发〔2026〕31号」 (zh)" in markdown


def test_a_size_says_of_what_the_clause_before_names(analyzer, tmp_path):
    """发行绿色债券，规模约…: the amount's own clause has only the measure (规模, size of …); what it is the size of
    is named in the clause before (session 12: a convertible bond's issue came out as "size" alone)."""
    summary = _summary_of(analyzer, tmp_path, "标题\n\n公司计划明年发行绿色债券，规模约8亿欧元。\n")
    figures = [item.text for item in summary.key_figures if item.category == "money"]
    assert len(figures) == 1 and ": size of " in figures[0] and figures[0].endswith("green bonds")


def test_a_longer_glossary_term_wins_over_the_word_inside_it(analyzer, tmp_path):
    """容量电费 (capacity payments) is not 电费 (electricity bills): the longest glossary term is read."""
    text = summary_text(_summary_of(analyzer, tmp_path, "标题\n\n政府应与独立发电商重新谈判容量电费条款，去年容量电费支出约2万亿卢比。\n"))
    assert "capacity payments" in text and "independent power producers" in text
    assert "electricity bills" not in text


def test_a_composed_body_name_is_written_in_english_and_a_word_gloss_is_not(analyzer, tmp_path):
    """省政府 in a Sichuan notice is composed from known parts (the document's province + a listed head): the
    summary writes its English name, with the method beside it, instead of quoting the Chinese."""
    summary = _summary_of(analyzer, tmp_path,
                          "四川省人民政府办公厅关于支持创新药发展的若干措施\n\n各市（州）人民政府：\n"
                          "经省政府同意，现提出如下措施。省政府每年安排专项资金支持创新药研发。\n\n四川省人民政府办公厅\n")
    text = summary_text(summary)
    assert "Sichuan Provincial People's Government" in text
    assert "「省政府」 (zh)" not in text.replace("(organisation; 「省政府」 (zh)", "")


def test_the_headline_names_the_titles_actor_and_no_figure_placeholder(analyzer, tmp_path):
    """The headline's subject is the actor the title names (here a country, not the company the figure's clause
    names), the figure's actor is said with "by", and an amount without a role word gets no "figure" filler."""
    summary = _summary_of(analyzer, tmp_path,
                          "匈牙利的电池梦：谁来买单？\n\n宁德时代在匈牙利德布勒森投资约76亿欧元建设电池工厂。"
                          "匈牙利政府提供补贴。匈牙利的电力供应仍是难题。匈牙利需要更多工程师。\n")
    assert summary.headline.startswith("Hungary: about €7.6 billion investment by CATL")
    plain = _summary_of(analyzer, tmp_path, "韩国半导体支援方案\n\n韩国政府公布26万亿韩元半导体支援方案。\n")
    assert "figure" not in plain.headline and "₩26 trillion" in plain.headline


def test_a_schedule_of_ceilings_gives_a_topic_headline(analyzer, tmp_path):
    """A measures notice lists per-company caps (最高不超过500万元 …): none of them is what the document is about, so
    the headline gives its topics; a single ceiling (an announcement's total investment cap) stays the headline."""
    caps = _summary_of(analyzer, tmp_path,
                       "某市关于加快机器人产业发展的若干措施\n\n为推动机器人产业发展，制定本措施。"
                       "本措施适用于在本市注册的企业。各区应当做好组织实施。\n\n"
                       "第一条 支持机器人企业研发，单个企业最高不超过500万元。\n"
                       "第二条 支持建设机器人中试平台，最高不超过1000万元。\n"
                       "第三条 支持机器人人才引进，每人最高不超过200万元。\n"
                       "第四条 支持机器人企业上市，最高不超过300万元。\n")
    assert "million yuan" not in caps.headline and "robots" in caps.headline
    single = _summary_of(analyzer, tmp_path, "关于投资建设晶圆生产线项目的公告\n\n本公司董事会保证公告内容真实。\n"
                                             "本公司拟投资建设晶圆生产线项目。\n董事会同意该项目。\n"
                                             "项目总投资不超过120亿元。\n")
    assert "less than 12 billion yuan" in single.headline


def test_the_headline_does_not_say_its_role_again_as_its_topic(analyzer, tmp_path):
    """出口额 is the figure's role (exports) and 出口 the article's main topic: "exports in exports" said nothing."""
    summary = _summary_of(analyzer, tmp_path, "土耳其国防电子报告\n\n土耳其国防工业出口额约85亿美元。出口是重点。出口增长很快。出口市场扩大。\n")
    assert summary.headline == "Turkey: about US$8.5 billion exports"
