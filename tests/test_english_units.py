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


def test_rack_and_launch_counts_intervals_and_broker_ratings_in_the_summary(analyzer, tmp_path):
    from pipeline.ingest import read_article

    path = tmp_path / "counts.txt"
    path.write_text("标题\n\n某数据中心集群已建成机架约6万架，实际使用不到2万架，闲置率较高。某运载火箭累计发射超过50次，"
                    "其中两次失败。作者建议基金每半年公布一次投向。我们首次覆盖该行业，给予“增持”评级。\n", encoding="utf-8")
    text = summary_text(build_summary(analyzer.analyze(read_article(path))))
    assert "about 60,000 server racks" in text and "more than 50 times" in text
    assert "2 times" not in text    # a small count of a counter stays out
    assert "every six months" in text and "Overweight rating" in text


def test_latin_unit_symbols_each_and_one_are_read_as_they_are_meant(analyzer, tmp_path):
    from pipeline.ingest import read_article

    path = tmp_path / "symbols.txt"
    path.write_text("标题\n\n新工厂一期年产能16GWh，配套光伏电站装机300MW，5G基站和H20芯片另计。每一台机组都要检修，"
                    "挖角一位电池工程师很难。该地区已连续四年干旱。\n", encoding="utf-8")
    text = summary_text(build_summary(analyzer.analyze(read_article(path))))
    assert "16 GWh" in text and "300 MW" in text and "drought" in text
    assert "5 G" not in text and "Nvidia H20" in text      # names with digits are not measures
    assert "1 units" not in text and "1 engineers" not in text              # 每一台, 一位: "each", "a", no figure


def test_the_items_of_a_recommended_list_are_key_claims_with_it(analyzer, tmp_path):
    from pipeline.ingest import read_article
    from pipeline.models import Claim

    sentences = ["某市的补贴计划问题不少。", "财政局至少应做到两件事。", "第一，每季度公开补贴名单。",
                 "第二，由人大每半年审查一次。", "企业对此反应平淡。"]
    path = tmp_path / "list.txt"
    path.write_text("标题\n\n" + "".join(sentences) + "\n", encoding="utf-8")
    doc = analyzer.analyze(read_article(path))
    ids = {s.text: s.id for s in doc.sentences}
    kinds = ["opinion", "recommendation", "fact", "fact", "opinion"]
    # many weightier claims, so the plain facts would not be chosen on weight alone
    filler = [Claim(sentence_id=ids[sentences[0]], text=sentences[0], type="opinion", hedged=False,
                    attribution="author", confidence=0.99)] * 20
    doc.claims = [Claim(sentence_id=ids[t], text=t, type=k, hedged=False, attribution="author", confidence=0.3)
                  for t, k in zip(sentences, kinds)] + filler
    chosen = [i.sentence_ids for i in build_summary(doc).key_claims]
    assert [ids[sentences[2]]] in chosen and [ids[sentences[3]]] in chosen
    assert [ids[sentences[4]]] not in chosen        # the list ends where the item markers end


def test_tonnage_bandwidth_and_machine_counts_in_the_summary(analyzer, tmp_path):
    """Session 13: 载重吨 (dwt), Tbps and 台 (units of a machine) are measures; a counted noun is a whole word."""
    from pipeline.ingest import read_article

    path = tmp_path / "units13.txt"
    path.write_text("标题\n\n去年全省造船完工量达到480万载重吨，新接订单约900万载重吨。新海缆总设计容量达96Tbps。"
                    "新款机器人累计订单约4,300台，二期投产后年产能提高到2万台。首期拟补贴约6,000台光伏水泵。"
                    "全市已建成1.5万个公共充电桩。\n", encoding="utf-8")
    text = summary_text(build_summary(analyzer.analyze(read_article(path))))
    assert "4.8 million dwt" in text and "about 9 million dwt" in text
    assert "96 Tbps" in text
    assert "about 4,300 units" in text and "20,000 units" in text
    # 光伏 (solar power) begins the word 光伏水泵: it is not what is counted
    assert "about 6,000 units" in text and "6,000 solar power" not in text
    assert "15,000 public charging points" in text


def test_a_price_written_to_the_cent_keeps_its_decimals(analyzer, tmp_path):
    from pipeline.ingest import read_article

    path = tmp_path / "eps.txt"
    path.write_text("标题\n\n我们预计公司明年每股收益为3.50欧元，目标价48.00欧元，营业收入22.60亿欧元。\n", encoding="utf-8")
    text = summary_text(build_summary(analyzer.analyze(read_article(path))))
    assert "€3.50" in text and "€48.00" in text
    assert "€2.26 billion" in text                  # a scaled amount is written as amounts are
