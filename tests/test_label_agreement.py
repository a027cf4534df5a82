"""The second annotator's labels (corpus/labels_second) and the agreement script that reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO, load_benchmark

agreement = load_benchmark("label_agreement")


def test_binary_agreement_on_a_hand_worked_case():
    # 10 sentences: both say risk on 3, only the first on 1, only the second on 2, neither on 4.
    first = [True] * 3 + [True] + [False] * 2 + [False] * 4
    second = [True] * 3 + [False] + [True] * 2 + [False] * 4
    figures = agreement.binary_agreement(first, second)
    assert figures["f1"] == pytest.approx(6 / 9)
    # observed 0.7; expected 0.4 * 0.5 + 0.6 * 0.5 = 0.5; kappa (0.7 - 0.5) / 0.5
    assert figures["kappa"] == pytest.approx(0.4)


def test_second_labels_align_with_the_first_and_are_well_formed():
    categories = {"execution", "technology", "geopolitical", "talent", "commercialization", "financial",
                  "supply_chain", "competition", "policy"}
    second_dir = REPO / "corpus" / "labels_second"
    files = sorted(second_dir.glob("*.jsonl"))
    assert len(files) >= 10
    for path in files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for row in rows:
            assert (row["risk_category"] in categories) if row["risk"] else row["risk_category"] is None, (path.name, row)
    result = agreement.compare(REPO / "corpus" / "labels", second_dir)   # raises on misaligned ids or texts
    assert result["risk"]["n"] == sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)


def test_a_changed_sentence_split_is_reported(tmp_path: Path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    row = {"sentence_id": 0, "text": "成本可能失控。", "risk": True, "risk_category": "financial", "opportunity": False}
    (first / "a.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (second / "a.jsonl").write_text(json.dumps(dict(row, text="成本可能失控"), ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="texts differ"):
        agreement.compare(first, second)
