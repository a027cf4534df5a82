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


def test_durations_are_measures_in_the_summary(analyzer, tmp_path):
    from pipeline.ingest import read_article

    assert format_measure(1, "days") == "1 day" and format_measure(18, "months", "approx") == "about 18 months"
    path = tmp_path / "durations.txt"
    path.write_text("标题\n\n去年全国停电超过200天，每次持续约6小时，租一台服务器一小时只要50元。新工厂建设需要18个月，总有一天会建成。\n", encoding="utf-8")
    text = summary_text(build_summary(analyzer.analyze(read_article(path))))
    assert "more than 200 days" in text and "about 6 hours" in text and "18 months" in text
    assert "natural gas" not in text and "1 hour" not in text and "1 day" not in text
