"""The figures evaluation (benchmarks/figures_eval.py): spec targets, annotated corpus, exit codes.

Tests that read the peer data skip when ``../shared/peer-data`` is absent (a user's machine).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.paths import peer_data_dir

from conftest import load_benchmark

REPO = Path(__file__).resolve().parents[1]
PEER = peer_data_dir()
needs_peer = pytest.mark.skipif(not (PEER / "recognizers-text-zh").is_dir(), reason="peer data not present")


def _eval_module():
    return load_benchmark("figures_eval")


def test_missing_peer_data_exits_2(tmp_path, capsys):
    ev = _eval_module()
    assert ev.main(["--peer-data", str(tmp_path / "nowhere"), "--no-peer"]) == 2
    assert "peer data not found" in capsys.readouterr().err


def test_value_and_text_normalisation_of_the_scoring():
    ev = _eval_module()
    assert ev.norm_value("350.333333333333") == ev.norm_value("350.33333333333333333")
    assert ev.norm_value("2.02107211321364E+23") == ev.norm_value(202107211321363588510367)
    assert ev.norm_value("50%") == ev.norm_value(50)
    assert ev.norm_value("1") != ev.norm_value("1.001")
    assert ev.normalise_input("１，０００美元，２") == "1,000美元，2"


@needs_peer
def test_spec_targets(tmp_path):
    ev = _eval_module()
    res = ev.run_specs(PEER, use_peer=False, timeout=5)
    assert res["CurrencyModel"]["ours_pass"] == 35
    assert res["NumberModel"]["ours_pass"] >= 360
    assert res["PercentModel"]["ours_pass"] >= 150


@needs_peer
def test_main_writes_json(tmp_path):
    ev = _eval_module()
    out = tmp_path / "eval.json"
    assert ev.main(["--no-peer", "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["specs"]) == {"CurrencyModel", "NumberModel", "PercentModel"}
    assert data["idioms"]["ours_false_positives"] == 0


def test_annotated_money_f1():
    ev = _eval_module()
    res = ev.run_corpus(REPO / "corpus")
    if not res["documents"]:
        pytest.skip("no annotated articles")
    assert res["overall"]["f1"] >= 0.98, res["documents"]
    assert res["not_money_false_positives"] == 0


def test_idioms_have_no_money():
    ev = _eval_module()
    res = ev.run_idioms(use_peer=False, timeout=5)
    assert res["ours_false_positives"] == 0, res["ours_items"]




def test_claims_quoted_with_elisions_or_across_a_line_break_are_located():
    ev = _eval_module()
    text = "全年产量达到300万辆，同比增长5%。\n其中新款产量150万辆。\n新款占比达到50%。\n"
    (s, e), = ev._locate(text, [{"text": "全年产量达到300万辆……新款占比达到50%"}])
    assert text[s:e].startswith("全年产量达到300万辆") and text[s:e].endswith("新款占比达到50%")
    (s, e), = ev._locate(text, [{"text": "其中新款产量150万辆。新款占比达到50%"}])
    assert text[s:e] == "其中新款产量150万辆。\n新款占比达到50%"
    assert ev._locate(text, [{"text": "没有的句子"}]) == [(-1, -1)]


def test_a_not_money_number_is_not_located_inside_an_amount():
    ev = _eval_module()
    text = "投资从2020年的约1.2万亿福林增长到2025年的约3.4万亿福林。可是3.4除以1.2还不到2.9。"
    money = ev._locate(text, [{"text": "约1.2万亿福林"}, {"text": "约3.4万亿福林"}])
    _, (s1, e1), (s2, e2) = ev._locate_outside(text, ["2025年", "3.4", "1.2"], money)
    assert text[s1:e2] == "3.4除以1.2"
    # with no occurrence outside an amount, the one inside is kept (a real false positive stays counted)
    (s, e), = ev._locate_outside("约3.4万亿福林", ["3.4"], [(0, 8)])
    assert (s, e) == (1, 4)
