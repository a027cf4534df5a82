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


def test_score_counts_typed_and_untyped():
    ev = load()
    res = ev.score([({(0, 2, "ORG"), (3, 5, "PERSON")}, {(0, 2, "ORG"), (3, 5, "ADDR"), (6, 8, "ORG")})])
    assert res["typed"]["tp"] == 1 and res["untyped"]["tp"] == 2
    assert res["typed"]["p"] == 0.5 and round(res["untyped"]["r"], 3) == 0.667


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
