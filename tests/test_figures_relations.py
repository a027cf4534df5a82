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


def _one(text: str, word: str):
    return next(x for x in checks(text) if word in x.claim_text)


def test_a_ratio_stated_as_a_range_against_amounts_that_are_ranges():
    from pipeline.figures import extract_figures
    from test_figures import sentences_of
    text = "新建码头每吨装卸费约为9至12美元，老码头仅3美元左右，前者是后者的三到四倍。"
    q, = [x for x in extract_figures(text, sentences_of(text)).quantities if x.kind == "multiple"]
    assert (q.text, q.value, q.value_max) == ("三到四倍", 3, 4)
    c = _one(text, "三到四倍")
    assert c.verdict == "consistent" and "3 to 4" in c.computation
    assert _one(text.replace("三到四倍", "五到六倍"), "五到六倍").verdict == "inconsistent"
    # a range amount over a single one is a range of ratios: 三倍 lies within 3 to 4
    assert _one("新厂月租金3万至4万元，旧厂月租金1万元，前者是后者的三倍。", "三倍").verdict == "consistent"
    assert _one("新厂月租金3万至4万元，旧厂月租金1万元，前者是后者的六倍。", "六倍").verdict == "inconsistent"


def test_shares_of_counts_with_the_part_after_qizhong():
    c = _one("上半年全省共举办展会64场，其中国际性展会18场，占比不到三成。", "不到三成")
    assert c.verdict == "consistent" and "part = 18场" in c.computation and "whole = 64场" in c.computation
    assert _one("上半年全省共举办展会64场，其中国际性展会40场，占比不到三成。", "不到三成").verdict == "inconsistent"
    # the whole closes the sentence before the one 其中 opens
    c = _one("去年法院共受理知识产权案件2400件。其中涉外案件600件，占比约四分之一。", "四分之一")
    assert c.verdict == "consistent" and "whole = 2400件" in c.computation
    # 第3次 is an ordinal, not a count of 3
    assert all("3次" not in x.computation
               for x in checks("这是该公司第3次发射，共发射卫星12颗，其中商业卫星9颗，占比七成五。"))


def test_xiangbi_zhixia_is_no_comparison_and_zhe_bi_qian_is_the_headline_amount():
    text = ("某省设立总额200亿元的产业基金。200亿元看上去不少，但分到各市就不多了。"
            "相比之下，邻省的同类基金有1000亿元，约为这笔钱的5倍。")
    c = _one(text, "5倍")
    assert c.verdict == "consistent" and "X = 1000亿元, Y = 200亿元" in c.computation
    assert _one(text.replace("约为这笔钱的5倍", "约为这笔钱的8倍"), "8倍").verdict == "inconsistent"


def test_growth_since_an_unstated_earlier_time_is_unverifiable():
    # the year-before figure is not in the text: neither the 2027 forecast nor an amount of another unit is the base
    text = "该公司2025年营收4.5亿元，同比增长约2倍；预计2027年营收将达到12亿元。"
    c = _one(text, "2倍")
    assert c.verdict == "unverifiable" and "同比" in c.computation
    text = "该市充电桩保有量约为3.6万个，比2021年增长了一倍多；充电站建设投资约为9亿元，另有补贴1亿元。"
    c = _one(text, "一倍多")
    assert c.verdict == "unverifiable" and "比2021年" in c.computation
    # stated earlier in the article: the base is that figure, and 增长约1.5倍 is read strictly (2.5 times)
    text = "2024年公司营收2亿元。2025年公司营收5亿元，同比增长约1.5倍。"
    c = _one(text, "1.5倍")
    assert c.verdict == "consistent" and "2亿元" in c.computation
    # both years in the sentence
    c = _one("园区2023年接待游客40万人次，2025年接待游客100万人次，比2023年增长了1.5倍。", "1.5倍")
    assert c.verdict == "consistent"


def test_several_shares_of_one_whole_add_up_to_at_most_the_whole():
    c, = checks("今年新签订单中，来自欧洲客户的约占四成，来自北美客户的约占三成五。")
    assert c.verdict == "consistent" and "75%" in c.computation
    c, = checks("今年新签订单中，来自欧洲客户的约占六成，来自北美客户的约占五成。")
    assert c.verdict == "inconsistent" and "110%" in c.computation
    # one share over several years is not parts of one whole
    assert all(x.verdict == "unverifiable" for x in checks("2023年电动车约占三成，2024年约占五成，2025年约占七成。"))
    # different wholes are not added up
    assert all(x.verdict == "unverifiable" for x in checks("该省茶叶产量占全国的六成，出口量占全球的五成。"))


def test_a_whole_named_by_a_longer_noun_anywhere_in_the_article():
    text = ("本次对外投资金额不超过9亿元，占公司最近一期经审计的归属于母公司股东的净资产的30%。"
            "截至2025年末，公司经审计的归属于母公司股东的净资产为30亿元。")
    c = _one(text, "30%")
    assert c.verdict == "consistent" and "whole = 30亿元" in c.computation
    assert _one(text.replace("的30%", "的45%"), "45%").verdict == "inconsistent"
    text = ("二期工程预计2028年达到年产6万吨的设计产能。目前已与下游客户签订每年约2万吨的长期供货协议，"
            "约占设计产能的三分之一。")
    c = _one(text, "三分之一")
    assert c.verdict == "consistent" and "6万吨" in c.computation
    # two figures of different values named by the noun: no whole
    text = ("一期的设计产能为4万吨，二期的设计产能为6万吨。目前已签订每年约2万吨的供货协议，约占设计产能的一半。")
    assert all(x.verdict != "consistent" or "设计产能" not in x.computation for x in checks(text))


def test_a_share_of_an_increase_is_of_the_new_value_less_the_old():
    text = "全省储能装机将从目前的约2吉瓦增加到10吉瓦。其中用户侧储能计划新增300兆瓦，还不到全省规划增量的二十分之一。"
    c = _one(text, "二十分之一")
    assert c.verdict == "consistent" and "0.0375" in c.computation
    text = text.replace("300兆瓦", "600兆瓦")
    assert _one(text, "二十分之一").verdict == "inconsistent"


def test_a_share_raised_by_percentage_points_from_the_share_stated_earlier():
    text = ("去年全市服务机器人产量50万台，其中出口机器人20万台，出口机器人占全市机器人产量的比重为40%。"
            "今年力争机器人产量达到60万台，出口机器人达到27万台。出口机器人占比再提高5个百分点左右。")
    c = _one(text, "5个百分点")
    assert c.verdict == "consistent" and "45%" in c.computation and "40%" in c.computation
    assert _one(text.replace("27万台", "30万台"), "5个百分点").verdict == "inconsistent"


def test_a_restatement_after_the_noun_the_amount_modifies():
    c = _one("新政策预计撬动约200亿欧元的社会资本投资，约合224亿美元。", "224亿美元")
    assert c.verdict == "consistent" and "EUR" in c.computation
    # the same currency after a noun is a second amount, not a restatement
    assert not any("per" in x.computation for x in checks("公司投入50亿元的研发资金，约合全年营收的一成。"))


def test_sums_over_a_table_and_over_amounts_added_with_jiashang():
    text = ("今年获得资助的项目如下：\n项目｜金额\n甲项目｜3.5亿元\n乙项目｜2.5亿元\n丙项目｜1亿元\n丁项目｜2亿元\n"
            "上述四个项目合计获得9亿元资助。")
    c = _one(text, "合计")
    assert c.verdict == "consistent" and "3.5亿元 + 2.5亿元 + 1亿元 + 2亿元" in c.computation
    assert _one(text.replace("合计获得9亿元", "合计获得12亿元"), "合计").verdict == "inconsistent"
    text = "市政府再追加10亿元，使专项资金总规模达到30亿元。加上此前设立的15亿元人才基金和8亿元贴息资金，全市相关投入已超过50亿元。"
    c = _one(text, "加上")
    assert c.verdict == "consistent" and "30亿元 + 15亿元 + 8亿元" in c.computation
    assert _one(text.replace("已超过50亿元", "已超过60亿元"), "加上").verdict == "inconsistent"


def test_guards_of_the_new_rules():
    # a part of a part is not added to it
    assert all(x.verdict == "unverifiable"
               for x in checks("外资企业约占七成，其中欧洲企业约占五成。"))
    # 一次性 is no count of 次
    c, = checks("合同约定维保服务30次，其中已完成12次并一次性结清，占比四成。")
    assert c.verdict == "consistent" and "whole = 30次" in c.computation and "一次" not in c.computation
    # 加上 with a total that is not of the amount before, or short of it with no 超过: no check
    assert not any("加上" in x.computation for x in checks("公司营收100亿元。加上政府补贴2亿元，全年利润达到10亿元。"))
    assert not any("加上" in x.claim_text for x in checks("研发投入5亿元。加上设备采购3亿元，总投资达到20亿元。"))


def test_a_part_and_the_rest_add_up_to_the_whole_before():
    text = "市政府宣布设立总规模120亿元的产业基金。其中财政出资40亿元，其余80亿元向社会募集。"
    c = _one(text, "其余")
    assert c.verdict == "consistent" and "40亿元 + 80亿元" in c.computation and "120亿元" in c.computation
    assert _one(text.replace("其余80亿元", "其余70亿元"), "其余").verdict == "inconsistent"
    # a rest with no part named after 其中, or no larger whole before, gives no check
    assert not any("其余" in x.computation for x in checks("财政出资40亿元，其余80亿元向社会募集。"))


def test_the_amount_after_jiao_is_the_base_of_the_growth():
    text = "政府宣布未来三年投入300亿元。这笔资金较上一期的120亿元增加1.5倍。"
    c = _one(text, "增加1.5倍")
    assert c.verdict == "consistent" and "X = 300亿元, Y = 120亿元" in c.computation
    assert _one(text.replace("增加1.5倍", "增加2倍"), "增加2倍").verdict == "inconsistent"


def test_emphasis_marks_do_not_break_a_restatement():
    c = _one("政府将提供**最高100亿欧元**的补贴，约合112亿美元。", "112亿美元")
    assert c.verdict == "consistent"
