"""benchmarks/annotation_checks.py counts what the annotated-corpus tests assert, for blind groups."""

from __future__ import annotations

from conftest import load_benchmark

checks = load_benchmark("annotation_checks")


def doc_and_gold():
    doc = {
        "source": {"title": "台湾低轨卫星", "published": "2026-11-19T08:30", "byline": {"author": "周岚", "source": None,
                                                  "other": {"发稿地": "拉巴特"}}},
        "sections": [{"title": None}, {"title": "一、从磷矿到正极材料"}],
        "sentences": [{"text": "首先是水。"}],
        "tokens": [{"text": "磷酸铁锂"}, {"text": "正极"}, {"text": "材料"}],
        "summary_en": {"headline": "Gotion builds in Kenitra", "abstract": [{"text": "A MAD 13 billion plant."}],
                       "stance": {"text": "Neutral."}},
    }
    gold = {
        "title": "臺灣低軌衛星", "script": "traditional",
        "section_titles": ["一、從磷礦到正極材料", "二、門檻"],
        "byline": {"author": "周嵐", "dateline": "拉巴特", "source": "环球产经网", "editor": None,
                   "date": "2026-11-19 08:30"},
        "sentences_sample": ["首先是水。"],
        "words": ["磷酸鐵鋰", "正極材料"],
        "key_facts": [{"fact": "plant", "required_tokens": ["Gotion", "13 billion"]},
                      {"fact": "size", "required_tokens": ["Gotion", "20 GWh"]}],
    }
    return doc, gold


def test_each_check_counts_right_and_annotated_with_traditional_gold_read_as_simplified():
    doc, gold = doc_and_gold()
    results = checks.check_article(gold, doc)
    counts = {name: (right, total) for name, (right, total, _) in results.items()}
    assert counts == {"title": (1, 1), "section titles": (1, 2), "byline fields": (4, 5), "sentences": (1, 1),
                      "words whole": (1, 2), "key facts": (1, 2)}
    assert results["words whole"][2] == ["正极材料"]
    assert results["byline fields"][2] == ["source=环球产经网"]     # the dateline is kept under other
    assert "20 GWh" in results["key facts"][2][0]
