"""The entity benchmark script (benchmarks/entities_eval.py)."""

from __future__ import annotations


import pytest

from pipeline.paths import peer_data_dir

from conftest import load_benchmark

PEER = peer_data_dir()


def load():
    return load_benchmark("entities_eval")


def test_missing_peer_data_exits_2(tmp_path, capsys):
    assert load().main(["--peer-data", str(tmp_path / "nowhere")]) == 2
    assert "CLUENER dev not found" in capsys.readouterr().err


def test_gold_mentions_skip_nested_forms():
    ev = load()
    text = "经济产业省和经产省；日本经济产业省。"
    gold = ev.gold_mentions(text, [{"text": "经济产业省", "label": "ORG"}, {"text": "日本经济产业省", "label": "ORG"},
                                   {"text": "经产省", "label": "ORG"}])
    assert gold == {(0, 5, "ORG"), (6, 9, "ORG"), (10, 17, "ORG")}


def test_name_matching_is_lenient_only_about_form():
    ev = load()
    assert ev.names_match("Ministry of Economy, Trade and Industry (METI)", "Ministry of Economy, Trade and Industry")
    assert ev.names_match("Toyota", "toyota")
    assert ev.names_match("Hitachi, Ltd.", "Hitachi")
    assert not ev.names_match("Toyota", "Honda")
    assert not ev.names_match(None, "Toyota")
    # "&" is "and", and Harbour is Harbor (session 13); "&" may also just be dropped (AT&T, ATT)
    assert ev.names_match("Asia-Pacific Industry and Economy Observer", "Asia-Pacific Industry & Economy Observer")
    assert ev.names_match("Victoria Harbor Capital", "Victoria Harbour Capital")
    assert ev.names_match("AT&T", "ATT")
    assert ev.names_match("Elysée Palace", "Élysée Palace") and ev.names_match("Martínez", "Martinez")
    assert not ev.names_match("Industry and Economy Observer", "Industry Observer")


def test_score_counts_typed_and_untyped():
    ev = load()
    res = ev.score([({(0, 2, "ORG"), (3, 5, "PERSON")}, {(0, 2, "ORG"), (3, 5, "ADDR"), (6, 8, "ORG")})])
    assert res["typed"]["tp"] == 1 and res["untyped"]["tp"] == 2
    assert res["typed"]["p"] == 0.5 and round(res["untyped"]["r"], 3) == 0.667


def test_bio_spans_join_runs_of_one_type():
    ev = load()
    words = ["国务院", "总理", "李克强", "在", "北京", "会见", "阿里", "巴巴"]
    tags = ["B-ORG", "O", "B-PER", "O", "B-LOC", "O", "B-ORG", "I-ORG"]
    assert ev.bio_spans(words, tags, {"PER": "PERSON", "LOC": "ADDR", "ORG": "ORG"}) == {
        (0, 3, "ORG"), (5, 8, "PERSON"), (9, 11, "ADDR"), (13, 17, "ORG")}


def test_tagged_spans_map_one_word_to_one_span():
    # the POS peers (jieba, LAC, THULAC, jiojio, SnowNLP): each tagged word is one span, only mapped tags count
    pairs = [("王小明", "np"), ("在", "p"), ("北京", "ns"), ("华光", "ni"), ("公司", "n")]
    got = load()._tagged_spans(pairs, {"np": "PERSON", "ns": "ADDR", "ni": "ORG"})
    assert got == {(0, 3, "PERSON"), (4, 6, "ADDR"), (6, 8, "ORG")}
    assert load()._tagged_spans(iter(pairs), {}) == set()


def test_jiagu_peer_finds_names():
    pytest.importorskip("jiagu")
    peer = load().PeerJiagu()
    text = "国务院总理李克强在北京会见了阿里巴巴的代表。"
    found = {(text[s:e], t) for s, e, t in peer(text)}
    assert ("李克强", "PERSON") in found and ("北京", "ADDR") in found


@pytest.mark.skipif(not (PEER / "cluener2020" / "dev.json").is_file(), reason="peer data absent")
def test_cluener_smoke(tmp_path):
    out = tmp_path / "r.json"
    assert load().main(["--limit", "20", "--no-peers", "--corpus", str(tmp_path), "--json", str(out)]) == 0
    import json

    report = json.loads(out.read_text())
    res = report["cluener_dev"]["ours (LAC + rules + termbase)"]
    assert res["typed"]["gold"] > 0 and 0 < res["typed"]["f1"] <= 1


def test_name_matching_ignores_company_descriptors_and_country_brackets():
    ev = load()
    assert ev.names_match("Micron Technology", "Micron")
    assert ev.names_match("Ministry of Foreign Affairs (China)", "Ministry of Foreign Affairs of China")
    assert not ev.names_match("Micron Technology", "Samsung")


def test_gold_forms_in_title_marks_are_the_text_inside(tmp_path):
    ev = load()
    (tmp_path / "annotations").mkdir()
    (tmp_path / "a1.txt").write_text("总统签署《低碳氢法律框架》。", encoding="utf-8")
    (tmp_path / "annotations" / "a1.json").write_text(
        '{"doc_id": "a1", "entities": [{"text": "《低碳氢法律框架》", "label": "LAW", "name_en": "X"}]}', encoding="utf-8")
    arts = ev.load_articles(tmp_path)
    assert arts[0]["entities"][0]["text"] == "低碳氢法律框架"
    assert ev.gold_mentions(arts[0]["text"], arts[0]["entities"]) == {(5, 12, "LAW")}


@pytest.mark.skipif(not (PEER / "cluener2020" / "dev.json").is_file(), reason="peer data absent")
def test_unseen_groups_are_reported_apart_and_their_misses_never_printed(tmp_path, capsys):
    import json

    (tmp_path / "annotations").mkdir()
    docs = {"a1": "丰田汽车在日本扩产。", "a2": "索尼公司在东京发布新品。", "a3": "松下电器在大阪投资。",
            "a4": "日立公司在日本招聘。"}
    for doc_id, text in docs.items():
        (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        # a gold English name nobody gives, so every article has a name miss
        (tmp_path / "annotations" / f"{doc_id}.json").write_text(
            json.dumps({"doc_id": doc_id, "entities": [{"text": "日本", "label": "GPE", "name_en": f"Nippon-{doc_id}"}]}),
            encoding="utf-8")
    out = tmp_path / "r.json"
    assert load().main(["--articles-only", "--no-peers", "--corpus", str(tmp_path), "--json", str(out),
                        "--unseen", "a2", "--unseen", "a3", "--exclude", "a4", "--show-misses"]) == 0
    printed = capsys.readouterr().out
    report = json.loads(out.read_text())["articles"]
    assert report["unseen"]["doc_ids"] == ["a2"] and report["unseen_2"]["doc_ids"] == ["a3"]
    assert "unseen group 2" in printed and "the other 1 articles" in printed
    assert "Nippon-a1" in printed                       # a worked-on article's miss is shown
    assert "Nippon-a2" not in printed and "Nippon-a3" not in printed     # an unseen one's never
    assert "Nippon-a4" not in printed and report["with termbase"]["typed"]["gold"] == 1   # a4 left out; a1 names 日本 once


def test_error_causes_sort_misses_and_false_alarms():
    ev = load()
    text = "罗马主场2比1战胜都灵，美军在北京市海淀区演习。"
    spans = [(0, 2, "organization"), (9, 11, "organization"), (12, 14, "government"), (15, 21, "address"), (3, 7, "position")]
    pred = [(0, 2, "ADDR"), (9, 11, "ORG"), (15, 18, "ADDR"), (18, 21, "ADDR"), (3, 5, "ORG")]
    counts = ev.error_breakdown([(text, spans)], lambda t: set(pred))
    assert counts["FN: sports club / league / bookmaker"] == 1          # 罗马 as a place
    assert counts["FN: armed forces"] == 1                               # 美军 missed
    assert counts["FN: address longer than ours (full address, venue, place + facility)"] == 1
    assert counts["FP: boundary (part of a longer or shorter gold mention)"] == 2
    assert counts["FP: on an unscored type (position)"] == 1
    assert sum(counts.values()) == 6


@pytest.mark.skipif(not (PEER / "cluener2020" / "dev.json").is_file(), reason="peer data absent")
def test_causes_cover_the_looked_at_half_only(tmp_path):
    out = tmp_path / "r.json"
    assert load().main(["--limit", "30", "--no-peers", "--causes", "--corpus", str(tmp_path), "--json", str(out)]) == 0
    import json

    report = json.loads(out.read_text())
    causes = report["cluener_dev"]["error_causes_looked_at_half"]
    assert causes and all(k.startswith(("FN: ", "FP: ")) for k in causes)


def test_names_written_with_the_country_three_ways_match():
    ev = load()
    # the team writes a body's country before it, in brackets after it or as "of <country>": one name
    assert ev.names_match("Ministry of Industry, Business and Financial Affairs (Denmark)",
                          "Danish Ministry of Industry, Business and Financial Affairs")
    assert ev.names_match("Thai Electric Vehicle Association", "Electric Vehicle Association of Thailand")
    assert ev.names_match("Kenyan Ministry of Information, Communications and Digital Economy",
                          "Ministry of Information, Communications and the Digital Economy (Kenya)")
    # another country, or a one-word name whose "of <country>" is part of it, is not the same name
    assert not ev.names_match("Ministry of Energy (Denmark)", "Swedish Ministry of Energy")
    assert not ev.names_match("Thailand Bank", "Bank of Thailand")
    assert not ev.names_match("Ministry of Finance", "Saudi Ministry of Finance")


def test_a_lower_case_descriptor_after_a_name_is_not_part_of_it():
    ev = load()
    assert ev.names_match("Snorre", "Snorre field")
    assert ev.names_match("Utsira Nord", "Utsira Nord floating wind project")
    assert ev.names_match("AP1000", "AP1000 reactor")
    assert ev.names_match("JAC Motors", "JAC")
    # a bare country adjective is no name, and a descriptor does not make different names equal
    assert not ev.names_match("Danish", "Danish government")
    assert not ev.names_match("Gullfaks", "Snorre field")
    assert not ev.names_match("ultra-long bonds", "ultra-long special treasury bonds")


def test_a_byline_name_kept_out_of_the_text_is_judged_by_the_documents_byline_names(tmp_path, recognizer):
    ev = load()
    (tmp_path / "annotations").mkdir()
    page = ("<html><head><title>港口扩建获批</title></head><body><article><h1>港口扩建获批</h1>"
            "<div class='meta'><span class='author'>记者 程望川</span></div>"
            + "".join(f"<p>第{i}段：当地交通部批准了港口二期扩建，总投资约8亿美元，项目计划2028年完工。</p>" for i in range(6))
            + "</article></body></html>")
    (tmp_path / "a1.html").write_text(page, encoding="utf-8")
    (tmp_path / "annotations" / "a1.json").write_text(
        '{"doc_id": "a1", "entities": [{"text": "程望川", "label": "PERSON", "name_en": "Cheng Wangchuan"}]}',
        encoding="utf-8")
    arts = ev.load_articles(tmp_path)
    assert "程望川" not in arts[0]["text"]
    result, misses = ev.eval_articles(arts, recognizer)
    assert result["name_en_counts"] == [1, 1] and misses == []
    arts[0]["entities"][0]["name_en"] = "Cheng Wang"      # judged, not waved through
    assert ev.eval_articles(arts, recognizer)[0]["name_en_counts"] == [0, 1]
