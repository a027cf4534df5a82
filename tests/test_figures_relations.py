"""Numeric claims relating figures across clauses: changes as fractions or tenths, a change whose old value
is in the clause before a semicolon, a bare share clause after a figure, and a whole named by its noun."""

from __future__ import annotations

from test_figures import checks


def test_change_as_a_fraction_or_in_tenths_and_across_a_semicolon():
    c, = checks("碳酸锂价格从每吨约7万美元跌到约1万美元，跌去八成多。")
    assert c.verdict == "consistent" and "-85.71%" in c.computation
    c, = checks("碳酸锂价格从每吨约7万美元跌到约5万美元，跌去八成多。")
    assert c.verdict == "inconsistent"
    c, = checks("2022年出口额约77亿美元；到2025年，这一数字回落到约51亿美元，缩水了三分之一。")
    assert c.verdict == "consistent" and "77" in c.computation
    c, = checks("2022年出口额约77亿美元；到2025年，这一数字回落到约51亿美元，缩水了一半。")
    assert c.verdict == "inconsistent"


def test_bare_share_clause_after_a_figure_and_a_whole_named_earlier():
    c, = checks("承诺开放的15个盐湖项目中，到今年10月完成招标的只有5个，不到四成。")
    assert c.verdict == "consistent" and "part = 5个" in c.computation
    c, = checks("承诺开放的15个盐湖项目中，到今年10月完成招标的只有9个，不到四成。")
    assert c.verdict == "inconsistent"
    c = next(x for x in checks("智利研究院获拨约4,750亿智利比索，约合5亿美元，首批资金已到位约1,420亿智利比索，不到三成。")
              if "三成" in x.claim_text and "part" in x.computation)
    assert c.verdict == "consistent" and "4,750" in c.computation     # the whole is not the dollar equivalent
    text = "工厂一期产能16吉瓦时。后来几经波折。全年实际交付量仅约0.9吉瓦时，不到设计产能的6%。"
    c, = checks(text)
    assert c.verdict == "consistent" and "16吉瓦时" in c.computation
    c, = checks(text.replace("0.9吉瓦时", "1.9吉瓦时"))
    assert c.verdict == "inconsistent"
    # the figure before the verb must be the part: 人口 here, of which the article states no figure
    assert all(x.verdict == "unverifiable" for x in checks("新加坡投入10亿新加坡元。新加坡的人口还不到印度的百分之一。"))
