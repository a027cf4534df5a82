"""benchmarks/align_labels.py maps hand-split label rows onto the pipeline's sentences."""

from __future__ import annotations

from conftest import load_benchmark

align_labels = load_benchmark("align_labels")


def row(text, claim_type="fact", risk=False, category=None, opportunity=False):
    return {"text": text, "claim_type": claim_type, "hedged": False, "attribution": "author", "risk": risk,
            "risk_category": category, "opportunity": opportunity}


def test_merged_split_and_unlabelled_sentences_are_aligned_and_reported():
    rows = [row("標題", None), row("電網要十年。", "fact", True, "execution"),
            row("成本高；", "opinion"), row("但前景好。", "forecast", opportunity=True),
            row("项目 | 金额", None), row("港口 | 35亿美元", "statistic")]
    sentences = [{"text": "标题", "kind": "title", "section_title": None},
                 {"text": "电网要", "kind": "body", "section_title": None},
                 {"text": "十年。", "kind": "body", "section_title": None},
                 {"text": "成本高；但前景好。", "kind": "body", "section_title": None},
                 {"text": "相关阅读", "kind": "body", "section_title": None},
                 {"text": "| 项目 | 金额 |", "kind": "body", "section_title": None},
                 {"text": "|---|---|", "kind": "body", "section_title": None},
                 {"text": "| 港口 | 35亿美元 |", "kind": "body", "section_title": None}]
    aligned, notes = align_labels.align(sentences, rows)
    assert [a["text"] for a in aligned] == [s["text"] for s in sentences]
    assert [a["sentence_id"] for a in aligned] == [0, 1, 2, 3, 4, 5, 6, 7]
    assert aligned[0]["claim_type"] is None and aligned[0]["kind"] == "title"
    assert aligned[1]["risk_category"] == aligned[2]["risk_category"] == "execution"   # one row split in two
    assert aligned[3]["claim_type"] == "opinion" and aligned[3]["opportunity"]        # two rows merged
    assert aligned[4]["claim_type"] is None and not aligned[4]["risk"]                # not labelled by hand
    assert aligned[7]["claim_type"] == "statistic"                                    # a table row, bars ignored
    assert len(notes) == 5 and notes[3].startswith("s4 not labelled") and notes[4].startswith("s6 not labelled")
