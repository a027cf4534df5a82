"""Measures in the English summary: energy (GWh) is not power (GW), masses and areas have English units."""

from __future__ import annotations

from pipeline.english import build_summary
from pipeline.translation.forms import format_measure

from test_english import summary_text


def test_measure_forms():
    assert format_measure(86000, "tonnes", "approx") == "about 86,000 tonnes"
    assert format_measure(1, "tonnes") == "1 tonne"
    assert format_measure(1500, "hectares", "more_than") == "more than 1,500 hectares"


def test_energy_mass_and_area_units_in_the_summary(analyzer, tmp_path):
    from pipeline.ingest import read_article

    path = tmp_path / "units.txt"
    path.write_text("标题\n\n工厂设计产能16吉瓦时，全年交付约0.9吉瓦时。去年锂产量约8.6万吨，项目占地1,500公顷。"
                    "电站装机2吉瓦。\n", encoding="utf-8")
    text = summary_text(build_summary(analyzer.analyze(read_article(path))))
    assert "16 GWh" in text and "about 0.9 GWh" in text and "2 GW" in text and "16 GW:" not in text
    assert "about 86,000 tonnes" in text and "1,500 hectares" in text
