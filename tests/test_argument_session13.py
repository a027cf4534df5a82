"""Session 13 (issue 5): sentence-level mechanisms added after reading the blind four's claim and category misses — a
research report's disclaimer and a table caption are no claims, the assignment and issuing formulas of a measures notice
are directives, and the category vocabulary of the four's sectors (risk_category_cues.tsv, session-13 block)."""

from __future__ import annotations

from pipeline.argument.classify import combined_category
from pipeline.argument.features import SentenceView, is_non_claim, sentence_features
from pipeline.argument.lexicon import Lexicons


def test_a_report_disclaimer_and_a_table_caption_are_no_claims():
    for text in ("本报告所载信息均来源于我们认为可靠的公开资料，但本公司对这些信息的准确性及完整性不作任何保证。",
                 "投资者不应将本报告作为投资决策的唯一依据。", "表1：某某公司盈利预测", "图2：可比公司估值（2027年一致预期）"):
        assert is_non_claim(SentenceView(text)), text
    for text in ("表1显示，公司收入增长了一成。", "投资者普遍看好这家公司的前景。", "本公司对明年的订单保持乐观。"):
        assert not is_non_claim(SentenceView(text)), text


def test_a_notice_assigning_a_department_is_a_directive():
    lex = Lexicons.load()
    assert lex.directive_score("（十四）市工业和信息化局会同市科技创新局等部门制定实施细则。") > 0
    assert lex.directive_score("省财政厅牵头编制专项资金管理办法。") > 0
    assert lex.directive_score("现印发给你们，请认真贯彻执行。") > 0
    assert lex.directive_score("将紧缺岗位纳入全省急需紧缺职业目录。") > 0
    assert lex.directive_score("本措施由市发展和改革委员会负责解释。") == 0
    assert lex.directive_score("据统计，该局去年新建了三个平台。") == 0


def test_category_words_of_charging_tenants_price_cuts_and_technicians():
    lex = Lexicons.load()
    cases = {"五座城市的公共充电站合计不到200座，全国通电率只有约55%。": "execution",
             "扣除电费和设备折旧后几乎无利可图。": "financial",
             "港口城的入驻企业不足50家，招商明显慢于预期。": "commercialization",
             "国产厂商持续降价，凭借价格优势抢占中低端市场。": "competition",
             "能够检修动力电池的专业技师不超过300人。": "talent",
             "二手电动车的续航里程只有新车的六七成。": "technology"}
    for text, category in cases.items():
        x = sentence_features([SentenceView(text)], lex, ngrams=False)[0]
        own = {k[len("rc:own="):]: v for k, v in x.items() if k.startswith("rc:own=")}
        assert own and max(own, key=own.get) == category, (text, own)
        flat = {c: 0.1 for c in ("execution", "financial", "commercialization", "competition", "talent", "technology")}
        assert combined_category(flat, x, 1.0) == category, text
