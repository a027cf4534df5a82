"""Claims, risks, opportunities and stance (pipeline.argument, issue 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.argument import Argument, ArgumentAnalyzer
from pipeline.argument.data import load_labels, load_short_texts
from pipeline.argument.features import SentenceView, attribution_of, is_non_claim
from pipeline.argument.lexicon import LEXICON_FILES, Lexicons
from pipeline.argument.linear import LinearModel
from pipeline.models import Section, Sentence

REPO = Path(__file__).resolve().parents[1]
# a fixed handful of labelled articles of different genres for the training tests (fast, and the test does
# not read label files added later)
TRAIN_IDS = frozenset({"anhui-nev-work-report-cny", "japan-quantum-7.4b-usd", "uk-ai-safety-gbp", "india-ai-compute-inr",
                       "jiahe-digital-economy-cny", "korea-chips-26t-krw", "tsmc-overseas-fabs-twd"})
CLAIM_TYPES = {"fact", "statistic", "forecast", "opinion", "recommendation", None}
RISK_CATEGORIES = {"execution", "technology", "geopolitical", "talent", "commercialization", "financial",
                   "supply_chain", "competition", "policy"}


@pytest.fixture(scope="module")
def arg() -> ArgumentAnalyzer:
    return ArgumentAnalyzer()


@pytest.fixture(scope="module")
def lexicon_only() -> ArgumentAnalyzer:
    return ArgumentAnalyzer(lexicon_only=True)


def _doc(sentences: list[tuple[str, str]], section_titles=None):
    out, pos = [], 0
    for i, (text, kind) in enumerate(sentences):
        out.append(Sentence(id=i, start=pos, end=pos + len(text), text=text, section_id=0, paragraph_id=0, kind=kind))
        pos += len(text) + 1
    text = "\n".join(t for t, _ in sentences)
    return text, out, [Section(id=0, title=None, start=0, end=len(text))]


# ---------------------------------------------------------------- data
def test_lexicon_files_are_readable_and_name_source_and_date():
    for name in LEXICON_FILES:
        head = (REPO / "models" / "argument" / name).read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("#") and "source" in head and "date" in head, name
    lex = Lexicons.load()
    assert "受制于人" in lex.risk.entries and lex.risk.entries["受制于人"][0] == "supply_chain"
    assert "恐怕" in lex.hedges.entries


def test_venture_capital_and_risk_management_are_not_risk_or_stance_cues():
    from pipeline.argument.features import lexicon_scores

    lex = Lexicons.load()
    vc = lexicon_scores(SentenceView("去年该领域吸引的风险投资超过20亿新元，银行也加强了风险管理。"), lex)
    assert vc["risk_any"] == 0.0 and vc["neg"] == 0.0
    risky = lexicon_scores(SentenceView("去年该领域的风险投资大幅减少，行业面临很大的风险。"), lex)
    assert risky["risk_any"] > 0 and risky["neg"] > 0    # the word on its own still counts
    assert lex.mask("风险投资") == "＿＿＿＿" and len(lex.mask("有风险投资也有风险")) == 9


def test_labels_cover_at_least_600_sentences_from_6_articles_including_the_seed():
    docs = load_labels()
    assert len(docs) >= 6 and "japan-quantum-7.4b-usd" in {d.doc_id for d in docs}
    assert sum(len(d.rows) for d in docs) >= 600
    for doc in docs:
        assert doc.stance and doc.stance["label"] in {"supportive", "skeptical", "mixed", "neutral"}, doc.doc_id
        for i, row in enumerate(doc.rows):
            assert row["sentence_id"] == i
            assert row["claim_type"] in CLAIM_TYPES
            assert (row["risk_category"] in RISK_CATEGORIES) == row["risk"], (doc.doc_id, i)
            assert not (row["hedged"] and row["claim_type"] is None), (doc.doc_id, i)


def test_labels_match_the_pipeline_sentence_split(analyzer):
    """Labels are per sentence as the pipeline splits the article: a change in splitting must show here."""
    from pipeline.ingest import read_article

    for doc in load_labels():
        path = next(p for p in (REPO / "corpus").glob(doc.doc_id + ".*") if p.is_file())
        document = analyzer.analyze(read_article(path))
        assert [s.text for s in document.sentences] == [r["text"] for r in doc.rows], doc.doc_id


def test_short_texts_are_enough_varied_and_balanced():
    records = load_short_texts()
    assert len(records) >= 100
    labels = [r["label"] for r in records]
    assert abs(labels.count("supportive") - labels.count("skeptical")) <= 5 and labels.count("neutral") >= 10
    assert len({r["target"] for r in records}) >= 20
    assert len({r["id"] for r in records}) == len(records)


# ---------------------------------------------------------------- sentences
def test_claim_types_hedges_and_attribution_of_clear_cases(arg):
    text, sentences, sections = _doc([
        ("量子计算的未来", "title"),
        ("一、风险评估", "heading"),
        ("政府应该尽快出台需求侧的配套政策。", "body"),
        ("预计到2030年，全国数据中心容量将达到8吉瓦以上。", "body"),
        ("今年前三季度，全省集成电路产业营业收入1,046.3亿元，同比增长16.4%。", "body"),
        ("这种模式恐怕靠不住。", "body"),
        ("电从哪里来？", "body"),
        ("本文作者 | 东叔", "byline"),
    ])
    result = arg(text, sentences, sections)
    assert isinstance(result, Argument)
    types = {c.sentence_id: c for c in result.claims}
    assert 0 not in types and 1 not in types and 6 not in types and 7 not in types  # title, heading, question, byline
    assert types[2].type == "recommendation"
    assert types[3].type == "forecast"
    assert types[4].type == "statistic"
    assert types[5].hedged and not types[2].hedged
    assert all(c.attribution == "author" and 0 <= c.confidence <= 1 and c.text_en is None for c in result.claims)
    lex = arg.lex
    assert attribution_of("刘建平表示，基金将重点投向三个方向。", lex) == "刘建平"
    assert attribution_of("据当地媒体统计，真正开工的只有两个。", lex) == "当地媒体"
    assert attribution_of("政府文件显示，人才缺口将超过5万名。", lex) == "政府文件"


def test_risk_needs_a_danger_not_the_word(arg):
    text, sentences, sections = _doc([
        ("三、投资有何机遇与风险？", "heading"),
        ("根深蒂固的官僚体系会成为决策和创新的绊脚石，战略目标就可能落空。", "body"),
        ("高端GPU几乎全部依赖进口，在关键设备上受制于人，还要看美国出口管制的脸色。", "body"),
        ("基金首期募资85亿元已全部到位。", "body"),
    ])
    risks = {r.sentence_id: r for r in arg(text, sentences, sections).risks}
    assert 0 not in risks and 3 not in risks
    assert 1 in risks and risks[1].category == "execution"
    assert 2 in risks and risks[2].category in {"supply_chain", "geopolitical"}


def test_non_claim_lines_are_recognised_even_when_marked_body():
    for line in ("责任编辑：王嘉", "文 | 阿蛮", "文/陈思妤", "（本文仅代表作者个人观点）", "（一）加强组织领导。"):
        assert is_non_claim(SentenceView(line)), line
    assert not is_non_claim(SentenceView("说白了，就是不敢管，也管不了。"))


# ---------------------------------------------------------------- stance
def test_document_stance_skeptical_with_irony_and_rhetorical_questions(arg):
    text, sentences, sections = _doc([
        ("口号很响亮，问题是，他们凭什么？", "body"),
        ("计划确实有，进度却一再推迟。", "body"),
        ("野心还是和过去一样浮夸……", "body"),
        ("这种“君子协定”恐怕靠不住。", "body"),
        ("这哪里是在抢人，分明是在劝退。", "body"),
    ])
    stance = arg(text, sentences, sections).stance
    assert stance.label == "skeptical" and stance.score < 0 and stance.evidence


def test_document_stance_supportive(arg):
    text, sentences, sections = _doc([
        ("阿联酋在这方面几乎拿了一手好牌。", "body"),
        ("土地、审批和资金，在这里都不是问题。", "body"),
        ("我们对这一战略持积极看法，最直接的受益者是数据中心的建设链条。", "body"),
        ("这些供应商将在未来五年迎来持续的订单和难得的发展机遇。", "body"),
    ])
    stance = arg(text, sentences, sections).stance
    assert stance.label == "supportive" and stance.score > 0


def test_stance_toward_short_texts(arg):
    sup = arg.stance_toward("新能源车下乡这波补贴真香，充电桩也多起来了，点个赞！", "新能源汽车下乡")
    skep = arg.stance_toward("车是下乡了，充电桩呢？这政策怕是拍脑袋想出来的，迟早翻车。", "新能源汽车下乡")
    assert sup.label == "supportive" and skep.label == "skeptical"
    assert sup.target == "新能源汽车下乡" and sup.score > skep.score


def test_target_stance_in_an_article(arg):
    text, sentences, sections = _doc([
        ("台积电美国工厂的成本高出三成，工会一再质疑，量产一拖再拖。", "body"),
        ("日本熊本工厂的效率令人印象深刻，是打开日本市场的难得机会。", "body"),
    ])
    result = arg(text, sentences, sections, targets=["熊本工厂", "火星基地"])
    by_target = {t.target: t for t in result.stance.targets}
    assert by_target["熊本工厂"].label == "supportive" and by_target["熊本工厂"].evidence == [1]
    assert by_target["火星基地"].label == "neutral" and by_target["火星基地"].evidence == []


def test_main_subject_inside_a_press_conference_or_announcement_title(arg):
    assert arg.subjects.find("国新办举行新闻发布会介绍科技创新和技术改造再贷款实施情况", []).zh == "科技创新和技术改造再贷款"
    assert arg.subjects.find("某某股份有限公司关于投资建设晶圆生产线项目的公告", []).zh == "投资建设晶圆生产线项目"
    assert arg.subjects.find("某市加快发展的若干措施", []).zh == "某市加快发展的若干措施"  # no wrapper: unchanged


def test_main_subject_is_a_short_noun_phrase_with_english_when_known(arg):
    text, sentences, sections = _doc([
        ("日本政府今年一口气砸下74亿美元押注量子技术，这是一种近乎“疯狂”的战略转向。", "body"),
        ("本轮投入比之前五年的总和还要多。", "body"),
    ])
    stance = arg(text, sentences, sections).stance
    assert stance.target == "日本的量子技术战略" and stance.target_en == "Japan's quantum technology strategy"
    text, sentences, sections = _doc([("韩国再推半导体支援方案", "title"), ("韩国政府19日公布新方案。", "body")])
    stance = arg(text, sentences, sections).stance
    assert stance.target == "韩国的半导体支援方案" and stance.target_en == "South Korea's semiconductor support package"
    text, sentences, sections = _doc([("某市加快发展的若干措施", "title"), ("为推动发展，制定以下措施。", "body")])
    stance = arg(text, sentences, sections).stance
    assert stance.target and len(stance.target) <= 20 and stance.target_en is None  # no known topic: no English


def test_document_stance_genre_news_report_and_official_release(arg):
    text, sentences, sections = _doc([
        ("韩国再推半导体支援方案", "title"),
        ("【首尔讯】韩国政府19日公布新一轮半导体产业支援方案。", "body"),
        ("但也有批评者指出，减税的好处绝大部分流向了两家巨头，这等于是用纳税人的钱买单。", "body"),
        ("一位业内人士直言：“如果电力跟不上，再多的补贴也可能落空。”", "body"),
    ])
    assert arg(text, sentences, sections).stance.label == "neutral"
    text, sentences, sections = _doc([
        ("湖北省集成电路产业投资基金正式设立", "title"),
        ("来源：湖北省经济和信息化厅", "byline"),
        ("发布会介绍，省集成电路基金总规模为人民币300亿元。", "body"),
        ("基金将重点投向芯片设计、制造和装备材料。", "body"),
    ])
    assert arg(text, sentences, sections).stance.label == "supportive"


def test_document_stance_press_briefing_leaves_out_questions_and_disclosure_is_neutral(arg):
    from pipeline.argument.stance import genre_of

    briefing = [
        ("国新办举行新闻发布会介绍再贷款实施情况", "title"),
        ("主持人何文：下面，先请韩启明先生作介绍。", "body"),
        ("韩启明：谢谢主持人。总体看，政策效果好于预期，企业获得感明显增强。", "body"),
        ("记者（财新）：有观点担心资金被挪用，甚至形成新的风险，难道不会重蹈覆辙吗？", "body"),
        ("韩启明：我们建立了严格的贷后管理机制，资金用途全程可追溯。", "body"),
        ("记者（路透社）：外部环境复杂严峻，企业投资意愿下降，政策会不会落空？", "body"),
        ("高立峰：这些项目带动了大量社会资本，为制造业升级带来新的机遇。", "body"),
    ]
    text, sentences, sections = _doc(briefing)
    views = arg.views(sentences, sections)
    assert genre_of(views) == "briefing"
    assert arg(text, sentences, sections).stance.label == "supportive"
    # the same transcript as a media outlet edited and relays it (记者问：, 整理：X, 实录) reads like a news report
    relayed = [("埃及海水淡化计划新闻发布会实录", "title"), ("来源：某某财经观察 整理：郑宛", "byline")] + \
        [(t.replace("记者（财新）：", "记者问：").replace("记者（路透社）：", "记者问："), k) for t, k in briefing[1:]]
    text, sentences, sections = _doc(relayed)
    assert genre_of(arg.views(sentences, sections)) == "news"
    assert arg(text, sentences, sections).stance.label == "neutral"
    # without the briefing markers the same lines are an argued text whose questions count as sarcasm
    assert genre_of([SentenceView(t.replace("新闻发布会", "座谈"), k) for t, k in briefing if not t.startswith("主持人")]) != "briefing"
    text, sentences, sections = _doc([
        ("江苏某某微电子股份有限公司关于投资建设晶圆生产线项目的公告", "title"),
        ("证券代码：688000　　证券简称：某某微", "body"),
        ("本项目计划总投资不超过人民币120亿元。", "body"),
        ("风险提示：项目建设周期较长，存在因市场需求变化导致产能利用率不达预期的风险。", "body"),
        ("项目可能面临融资不到位、成本上升和行业竞争加剧的风险。", "body"),
    ])
    assert genre_of(arg.views(sentences, sections)) == "disclosure"
    assert arg(text, sentences, sections).stance.label == "neutral"


def test_document_stance_counts_cue_risks_target_stance_counts_model_risks():
    from pipeline.argument.classify import SentencePrediction
    from pipeline.argument.stance import evidence_of, stance_features

    described = SentencePrediction("opinion", 0.9, False, "author", True, 0.8, "execution", 0.5, False, 0.1)
    explicit = SentencePrediction("opinion", 0.9, False, "author", True, 0.8, "execution", 0.5, False, 0.1,
                                  cue_risk=True, cue_risk_confidence=0.6)
    assert evidence_of(described) == (0.0, pytest.approx(0.4)) and evidence_of(described, cue_risks=True) == (0.0, 0.0)
    assert evidence_of(explicit, cue_risks=True) == (0.0, pytest.approx(0.3))
    assert stance_features([described] * 4)["N"] == 0.0 and stance_features([explicit] * 4)["N"] == pytest.approx(1.2)


def test_document_stance_risk_analysis_with_balanced_conclusion_is_mixed(arg):
    text, sentences, sections = _doc([
        ("审批链条长、跨部门协调难，项目进度一再推迟。", "body"),
        ("绿氢成本是灰氢的三倍以上，补贴缺口仍然很大。", "body"),
        ("下游承购协议迟迟签不下来，产能可能大面积闲置。", "body"),
        ("我们认为，这些补贴并非一无是处，在管网和标准上取得的进展是实实在在的。", "body"),
        ("这也为设备企业带来了难得的市场机遇。", "body"),
    ])
    assert arg(text, sentences, sections).stance.label == "mixed"


def test_stance_polarity_reads_affirmative_questions_excess_appearance_and_concession():
    from pipeline.argument.features import polarity_hits, stance_polarity

    lex = Lexicons.load()
    # "isn't this the best ...?" asserts it: positive, not skeptical sarcasm (the surface reading is negative)
    pos, neg, kinds = stance_polarity("这难道不是最好的机遇吗？", lex)
    assert pos > 0 and neg == 0 and "affirmative" in kinds and "rhetorical" not in kinds
    assert polarity_hits("这难道不是最好的机遇吗？", lex)[1] > 0
    assert stance_polarity("这难道是机遇吗？", lex)[1] > 0          # a plain rhetorical question stays skeptical
    assert stance_polarity("企业的扩张过于积极。", lex)[:2] == (0.0, 1.2)      # excess turns praise into criticism
    assert polarity_hits("企业的扩张过于积极。", lex)[:2] == (1.2, 0.0)
    assert stance_polarity("官方数据看起来很亮眼。", lex)[:2] == (0.0, 1.5)     # appearance before praise
    assert stance_polarity("这个问题值得追问。", lex)[:2] == (0.0, 1.0)          # 值得 + a critical verb
    # the conceded clause weighs half, the asserted clause fully
    assert stance_polarity("风险不小，但前景值得期待。", lex)[:2] == (pytest.approx(3.0), pytest.approx(0.3))
    assert stance_polarity("虽然存在隐忧，前景值得期待。", lex)[1] == pytest.approx(0.75)
    assert stance_polarity("当然，隐忧也摆在那里。", lex)[1] == pytest.approx(0.75)


def test_document_stance_balanced_verdict_is_mixed_and_thresholds_fit_inside_folds():
    from pipeline.argument.stance import decide, fit_thresholds

    lex = Lexicons.load()
    from pipeline.argument.features import stance_polarity

    assert "balanced" in stance_polarity("但也不必过分悲观。", lex)[2]
    assert "balanced" not in stance_polarity("我审慎乐观。", lex)[2]  # optimism with a caveat is not a balanced verdict
    skeptical = {"P": 1.0, "N": 6.0, "score": -0.6, "sarcasm": 0.0, "genre": "analysis", "balanced": 0}
    assert decide(skeptical, skeptical_at=-0.5) == "skeptical"
    assert decide(dict(skeptical, balanced=1), skeptical_at=-0.5) == "mixed"
    assert decide(dict(skeptical, genre="official", balanced=1), skeptical_at=-0.7) == "supportive"  # genre first
    # ties between equally good thresholds: the one farthest from the training scores
    feats = [dict(skeptical, score=s) for s in (-0.6, -0.55, -0.1, 0.0)]
    t = fit_thresholds(feats, ["skeptical", "skeptical", "mixed", "mixed"])
    assert -0.55 < t["skeptical_at"] < -0.1 and t["skeptical_at"] in (-0.3, -0.4, -0.5)


def test_risk_category_vocabulary_votes_for_the_category_only():
    from pipeline.argument.classify import combined_category
    from pipeline.argument.features import sentence_features

    lex = Lexicons.load()
    assert lex.risk_category.entries["良率"][0] == "technology"
    views = [SentenceView("若良率提升缓慢，项目效益将受影响。")]
    x = sentence_features(views, lex, ngrams=False)[0]
    assert x.get("rc:own=technology") and not any(k.startswith("x:riskcat=technology") for k in x)
    probs = {"technology": 0.2, "financial": 0.5, "execution": 0.3}
    assert combined_category(probs, x, 0.0) == "financial" and combined_category(probs, x, 1.0) == "technology"


# ---------------------------------------------------------------- models
def test_linear_model_json_round_trip_and_prediction():
    model = LinearModel(classes=[False, True], intercept=[-1.0], weights={"a": [2.0], "b": [-3.0]})
    again = LinearModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.proba({"a": 1.0})[True] == pytest.approx(1 / (1 + 2.718281828 ** -1.0), rel=1e-6)
    assert again.predict({"b": 1.0}) is False
    multi = LinearModel(classes=["x", "y", "z"], intercept=[0.0, 0.0, 0.0], weights={"f": [0.0, 5.0, 0.0]})
    assert multi.predict({"f": 1.0}) == "y" and sum(multi.proba({"f": 1.0}).values()) == pytest.approx(1.0)


def _shipped_meta() -> dict:
    from pipeline.argument.linear import read_npz

    models, stacked, meta = read_npz(REPO / "models" / "argument" / "claims_model.npz")
    assert set(models) == {"claim", "risk", "category", "opportunity", "risk_context"}
    return meta


def test_shipped_weights_are_npz_and_used(arg):
    assert _shipped_meta()["sentences"] >= 600
    assert arg.backend == "linear+lexicon" and arg.short_model is not None
    # the classifier scores with the matrix loaded from the file, not a rebuilt copy
    assert arg.classifier._stack.W is arg.classifier.models["claim"].stacked.W
    assert not (REPO / "models" / "argument" / "claims_model.json").exists()  # one source of truth


def test_npz_weights_round_trip_with_the_same_predictions(tmp_path):
    from pipeline.argument.classify import _Stack
    from pipeline.argument.linear import load_models, save_npz

    models = {"risk": LinearModel(classes=[False, True], intercept=[-1.0], weights={"a": [2.0], "风险": [-3.0]}),
              "cat": LinearModel(classes=["x", "y", "z"], intercept=[0.1, 0.0, -0.2], weights={"a": [0.0, 5.0, 0.0], "b": [1.0, 0.0, 0.5]})}
    save_npz(tmp_path / "m.npz", models, {"note": "test"})
    again = load_models(tmp_path / "m.npz")
    assert list(again) == ["risk", "cat"] and again["risk"].classes == [False, True] and again["cat"].classes == ["x", "y", "z"]
    assert set(again["cat"].weights) == {"a", "b"} and "风险" not in again["cat"].weights
    assert again["risk"].weights["风险"] == pytest.approx([-3.0])
    for x in ({"a": 1.0}, {"风险": 1.0, "b": 2.0}, {"unknown": 1.0}):
        for name in models:
            assert again[name].proba(x) == pytest.approx(models[name].proba(x))
        stacked = _Stack(again).proba(x)
        assert stacked["cat"] == pytest.approx(models["cat"].proba(x)) and stacked["risk"] == pytest.approx(models["risk"].proba(x))
    assert load_models(tmp_path / "missing.npz") is None


def test_risk_category_combines_model_and_cue():
    from pipeline.argument.classify import combined_category

    probs = {"execution": 0.5, "financial": 0.3, "talent": 0.2}
    assert combined_category(probs, {}) == "execution"                            # no cue: the model
    assert combined_category(probs, {"x:riskcat=financial": 1.0}) == "financial"  # a cue tips a close call
    confident = {"execution": 0.9, "financial": 0.05, "talent": 0.05}
    assert combined_category(confident, {"x:riskcat=financial": 1.0}) == "execution"  # but does not override
    assert combined_category(confident, {"x:riskcat=financial": 1.0}, cue_weight=10.0) == "financial"


def test_category_context_features_come_from_neighbours_and_section():
    from pipeline.argument.features import sentence_features
    from pipeline.argument.training import without_category_context

    lex = Lexicons.load()
    views = [SentenceView("项目面临严重的融资困难，成本一再上升。", section_title="人才短缺"),
             SentenceView("这让人担心。", section_title="人才短缺"),
             SentenceView("项目一再推迟。")]
    xs = sentence_features(views, lex)
    assert xs[1]["rc:prev=financial"] > 0 and xs[1]["rc:next=execution"] > 0 and xs[1]["rc:sec=talent"] > 0
    # not its own cue as context (the outcome clause's own cues are rc:clause=, session 7)
    assert not any(k.startswith("rc:") and not k.startswith("rc:clause=") and "financial" in k for k in xs[0])
    assert not any(k.startswith("rc:") for k in without_category_context(xs[1]))


def test_training_from_labels_learns_something(tmp_path):
    pytest.importorskip("sklearn")
    from pipeline.argument.classify import SentenceClassifier
    from pipeline.argument.training import fit_sentence_models

    lex = Lexicons.load()
    docs = load_labels(ids=TRAIN_IDS)
    assert [d.doc_id for d in docs] == sorted(TRAIN_IDS)
    held, train = docs[0], docs[1:]
    models = fit_sentence_models(train, lex)
    assert models["risk_context"].params and "threshold_logit" in models["risk_context"].params
    assert models["category"].params["cue_weight"] in (0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0)
    preds = SentenceClassifier(lex, models).predict(held.views)
    gold = [r["claim_type"] for r in held.rows]
    accuracy = sum(p.claim_type == g for p, g in zip(preds, gold)) / len(gold)
    assert accuracy >= 0.5


def test_nb_weighted_model_scores_the_unscaled_features():
    """NBSVM-style training: each class's regression sees the n-grams scaled by their log-count ratio;
    the stored weights are the products, so the model predicts from the plain features."""
    pytest.importorskip("sklearn")
    import numpy
    from scipy.sparse import csr_matrix

    from pipeline.argument.training import fit_linear, nb_ratios

    B = csr_matrix(numpy.array([[1, 0], [1, 1], [0, 1], [0, 1]], dtype=float))
    ratio = nb_ratios(B, numpy.array([True, True, False, False]), alpha=1.0)
    assert ratio[0] > 0 > ratio[1]                       # column 0 marks the positive rows, column 1 the others
    xs, ys = [], []
    for i in range(12):
        xs += [{"c:将": 1.0, "c:预计": 1.0, "c:" + str(i): 1.0}, {"c:应": 1.0, "c:该": 1.0, "c:" + str(i): 1.0},
               {"c:据": 1.0, "x:numbers": 3.0, "c:" + str(i): 1.0}]
        ys += ["forecast", "recommendation", "statistic"]
    model = fit_linear(xs, ys, "claim", 0.5, nb=True)
    plain = fit_linear(xs, ys, "claim", 0.5)
    assert model.classes == plain.classes == ["forecast", "recommendation", "statistic"] and len(model.intercept) == 3
    assert model.predict({"c:预计": 1.0}) == "forecast" and model.predict({"c:应": 1.0}) == "recommendation"
    assert model.predict({"x:numbers": 3.0}) == "statistic"       # lexicon scores are not NB-scaled
    assert model.weights["c:将"][0] > 0 > model.weights["c:将"][1]
    binary = fit_linear(xs, [y == "forecast" for y in ys], "risk", 1.0, nb=True)
    assert binary.binary and binary.predict({"c:将": 1.0}) is True and binary.predict({"c:该": 1.0}) is False


def test_second_stage_risk_uses_the_neighbours_first_stage_probabilities():
    from pipeline.argument.classify import SentenceClassifier
    from pipeline.argument.training import CONTEXT_SCALE, risk_context_features

    assert risk_context_features([0.9, 0.1, 0.3, 0.5], 1) == pytest.approx(
        {"st:prev": 0.9 * CONTEXT_SCALE, "st:next": 0.3 * CONTEXT_SCALE, "st:next2": 0.5 * CONTEXT_SCALE,
         "st:max": 0.9 * CONTEXT_SCALE, "st:doc": CONTEXT_SCALE * 1.8 / 4})
    assert "st:max" not in risk_context_features([0.8], 0)    # no neighbours
    sections = ["风险", "风险", None, "风险"]
    assert risk_context_features([0.9, 0.1, 0.3, 0.5], 1, sections)["st:sec"] == pytest.approx(0.7 * CONTEXT_SCALE)
    assert "st:sec" not in risk_context_features([0.9, 0.1, 0.3, 0.5], 2, sections)   # no titled section
    lex = Lexicons.load()
    zero = {"claim": LinearModel(["fact", "none"], [0.0, 0.0], {}), "opportunity": LinearModel([False, True], [-5.0], {}),
            "category": LinearModel(["execution", "financial"], [0.0, 0.0], {})}
    # first stage: only the word 停滞 is a risk; second stage: a risk right before a sentence makes it one
    first = LinearModel([False, True], [-4.0], {"c:停滞": [8.0]})
    second = LinearModel([False, True], [-4.0], {"c:停滞": [8.0], "st:prev": [4.0 / CONTEXT_SCALE * 1.5]})
    views = [SentenceView("项目建设陷入停滞。"), SentenceView("工人陆续离开了工地。"), SentenceView("天气晴朗。")]
    alone = SentenceClassifier(lex, {**zero, "risk": first}).predict(views)
    assert [p.risk for p in alone] == [True, False, False]
    stacked = SentenceClassifier(lex, {**zero, "risk": first, "risk_context": second}).predict(views)
    assert [p.risk for p in stacked] == [True, True, False]


def test_eval_claims_prints_unseen_articles_apart_without_their_own_lines(capsys):
    import runpy

    script = runpy.run_path(str(REPO / "benchmarks" / "claims_eval.py"), run_name="claims_eval_test")
    unseen = ["uk-ai-safety-gbp", "korea-chips-26t-krw"]
    assert script["main"](["--no-trained", "--no-pipeline", "--unseen", ",".join(unseen + ["no-such-article"])]) == 0
    out = capsys.readouterr().out
    assert "--unseen: no labels for no-such-article" in out
    assert "== lexicon-only baseline, unseen 2 articles" in out and "== lexicon-only baseline, the other" in out
    assert "unseen articles (2): held-out" in out
    assert not any(line.startswith(doc) for doc in unseen for line in out.splitlines())   # no per-article stance line
    assert any(line.startswith("japan-quantum-7.4b-usd") for line in out.splitlines())


def test_models_dir_env_override(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(REPO / "models" / "argument", tmp_path / "argument")
    for name in ("claims_model.npz", "claims_model.json", "short_stance_model.json"):
        (tmp_path / "argument" / name).unlink(missing_ok=True)
    monkeypatch.setenv("PIPELINE_MODELS_DIR", str(tmp_path))
    assert ArgumentAnalyzer().backend == "lexicon"


def test_seed_article_has_claims_risks_opportunities(arg, analyzer):
    # speed of this stage is measured by benchmarks/pipeline_bench.py, not here
    from pipeline.ingest import read_article

    document = analyzer.analyze(read_article(REPO / "corpus" / "japan-quantum-7.4b-usd.txt"))
    result = arg(document.text, document.sentences, document.sections)
    kinds = {s.id: s.kind for s in document.sentences}
    assert all(kinds[c.sentence_id] == "body" for c in result.claims)
    assert len(result.claims) > 80 and len(result.risks) >= 10 and result.opportunities
    assert {r.category for r in result.risks} >= {"execution", "geopolitical"}
    assert result.stance.label in {"mixed", "skeptical", "supportive", "neutral"} and result.stance.target
    assert len(result.stance.target) <= 20 and result.stance.target_en
    sentence_text = {s.id: s.text for s in document.sentences}
    assert all(sentence_text[c.sentence_id] == c.text for c in result.claims + result.risks)


# ---------------------------------------------------------------- features from the pipeline's outputs
def test_views_carry_the_other_components_outputs():
    from pipeline.argument.context import build_views
    from pipeline.models import EntityMention, Money, Quantity

    text, sentences, sections = _doc([("英国AI安全研究所获得1亿英镑拨款，占预算的7%。", "body"), ("刘建平表示，基金将扩大。", "body")])
    money = [Money(text="1亿英镑", start=11, end=16, sentence_id=0, value=100000000, currency="GBP", qualifier="exact")]
    quantities = [Quantity(text="7%", start=22, end=24, sentence_id=0, kind="percent", value=7)]
    start = sentences[1].start
    entities = [EntityMention(text="刘建平", start=start, end=start + 3, label="PERSON", entity_id="p1", sentence_id=1)]
    spans = [(0, 2), (2, 4), (4, 6), (6, 9), (start, start + 3), (start + 3, start + 5)]
    views = build_views(sentences, sections, money=money, quantities=quantities, entities=entities,
                        token_spans=spans, text=text)
    assert views[0].money == 1 and views[0].quantities == ("percent",) and views[1].money == 0
    assert views[0].words == ("英国", "AI", "安全", "研究所") and views[1].words == ("刘建平", "表示")
    assert views[1].entities == (("PERSON", 0, 3),)
    bare = build_views(sentences, sections)
    assert bare[0].money is None and bare[0].words is None  # not given: the features fall back to regexes


def test_analyzer_uses_the_pipeline_outputs_it_is_given(arg):
    from pipeline.models import Money

    text, sentences, sections = _doc([("基金规模达到三百个亿。", "body")])
    without = arg(text, sentences, sections)
    money = [Money(text="三百个亿", start=6, end=10, sentence_id=0, value=30000000000, currency="CNY", qualifier="exact")]
    views = arg.views(sentences, sections, money=money, text=text)
    assert views[0].money == 1
    assert isinstance(arg(text, sentences, sections, money=money), Argument) and isinstance(without, Argument)


def test_official_notice_provisions_are_recommendations(arg):
    text, sentences, sections = _doc([
        ("某市促进人工智能产业发展的若干措施", "title"),
        ("对新引进的人工智能企业，按实际投资额的10%给予最高1000万元奖励。", "body"),
        ("鼓励龙头企业开放应用场景，带动中小企业协同发展。", "body"),
        ("各区要把人工智能工作纳入年度考核。", "body"),
    ])
    types = {c.sentence_id: c.type for c in arg(text, sentences, sections).claims}
    assert types == {1: "recommendation", 2: "recommendation", 3: "recommendation"}


def test_training_and_evaluation_build_features_like_the_pipeline():
    """Training reads each labelled article's features from a pipeline run, as at run time."""
    assert _shipped_meta()["feature_source"].startswith("pipeline outputs")
    source = (REPO / "benchmarks" / "train_claims.py").read_text(encoding="utf-8")
    assert "load_labels(pipeline=True" in source


def test_a_broken_label_file_is_reported_not_fatal(tmp_path):
    (tmp_path / "good.jsonl").write_text(json.dumps({"sentence_id": 0, "text": "一句话。", "claim_type": "fact",
                                                     "risk": False, "opportunity": False}, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"sentence_id": 0, "text": \n', encoding="utf-8")
    errors: list[str] = []
    docs = load_labels(tmp_path, errors=errors)
    assert [d.doc_id for d in docs] == ["good"] and len(errors) == 1 and "bad.jsonl" in errors[0]


def test_transcript_speakers_are_the_attribution_of_their_paragraphs(analyzer, tmp_path):
    from pipeline.ingest import read_article

    path = tmp_path / "presser.txt"
    path.write_text(
        "专访创投人卢颖芝：香港创科不能只靠政府\n\n"
        "问：你怎样评价港投公司的表现？\n\n"
        "答：整体不错。港投公司去年投资了逾百个项目。\n\n"
        "主持人何文：下面请韩启明先生作介绍。\n\n"
        "韩启明：谢谢主持人。今年人民银行将额度增加至8000亿元。对中小企业来说，这是利好。\n\n"
        "建议一：加快审批。政府应当简化流程。\n", encoding="utf-8")
    doc = analyzer.analyze(read_article(path))
    by_text = {c.text: c.attribution for c in doc.claims}
    assert by_text.get("港投公司去年投资了逾百个项目。") == "卢颖芝"
    assert by_text.get("今年人民银行将额度增加至8000亿元。") == "韩启明"
    assert by_text.get("对中小企业来说，这是利好。") == "韩启明"         # a discourse marker, not a source
    assert by_text.get("政府应当简化流程。") == "author"                 # 建议一： is not a speaker


# ---------------------------------------------------------------- round 6

def test_label_subset_does_not_read_the_other_files(tmp_path):
    """`load_labels(ids=...)` (the eval's and the training script's --ids): other label files are not
    opened at all, so a broken or newly added file outside the list does not matter."""
    from pipeline.argument.data import parse_ids

    row = json.dumps({"sentence_id": 0, "text": "一句话。", "claim_type": "fact", "risk": False, "opportunity": False},
                     ensure_ascii=False)
    (tmp_path / "a.jsonl").write_text(row + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(row + "\n", encoding="utf-8")
    (tmp_path / "new.jsonl").write_text('{"broken', encoding="utf-8")
    errors: list[str] = []
    assert [d.doc_id for d in load_labels(tmp_path, errors=errors, ids={"a", "b"})] == ["a", "b"] and not errors
    assert [d.doc_id for d in load_labels(tmp_path, errors=errors, exclude={"new", "a"})] == ["b"] and not errors
    listing = tmp_path / "ids.txt"
    listing.write_text("a  # first\nb\n", encoding="utf-8")
    assert parse_ids(str(listing)) == {"a", "b"} and parse_ids("a,b") == {"a", "b"} and parse_ids("") is None


def test_vectorize_builds_the_sparse_matrix_of_the_feature_dicts():
    pytest.importorskip("scipy")
    from pipeline.argument.training import vectorize

    X, names = vectorize([{"c:将": 1.0, "x:risk_any": 2.4}, {"x:risk_any": 0.5, "w:落空": 1.0}, {}])
    assert X.shape == (3, 3) and names == ["c:将", "x:risk_any", "w:落空"]
    assert X.indices.dtype.name == "int32" and X.indptr.dtype.name == "int32"       # what liblinear accepts
    assert X.toarray().tolist() == [[1.0, 2.4, 0.0], [0.0, 0.5, 1.0], [0.0, 0.0, 0.0]]


def test_scope_features_separate_possible_dangers_from_mitigation_and_negation():
    """A risk cue after a modal/conditional cue in the same clause is a possible negative outcome; after a
    mitigation verb it is coping with a danger; right after a negation it is denied (scope_cues.tsv)."""
    from pipeline.argument.features import lexicon_scores

    lex = Lexicons.load()
    assert "scope_cues.tsv" in LEXICON_FILES and lex.scope.entries["防范"][0] == "mitigation"
    mitigation = lexicon_scores(SentenceView("要防范化解地方债务风险。"), lex)
    assert mitigation["risk_any"] > 0 and mitigation.get("scope_mitigation", 0) >= 1 and "scope_modal" not in mitigation
    modal = lexicon_scores(SentenceView("这一计划可能落空。"), lex)
    assert modal.get("scope_modal") == 1.0 and "scope_mitigation" not in modal
    # the clause ends at the comma: 可能 does not reach the risk cue in the next clause
    other_clause = lexicon_scores(SentenceView("销量可能回升，但电网仍是瓶颈。"), lex)
    assert "scope_modal" not in other_clause and other_clause.get("scope_contrast", 0) >= 1
    assert lexicon_scores(SentenceView("目前没有风险。"), lex).get("scope_negated") == 1.0
    plain = lexicon_scores(SentenceView("今年销量增长了两成。"), lex)
    assert not any(k.startswith("scope_") for k in plain)


def test_word_ngrams_come_from_the_pipeline_tokens_and_not_for_short_texts():
    from pipeline.argument.features import OPTIONS, features
    from pipeline.argument.training import WORD_MODELS, short_text_features

    lex = Lexicons.load()
    assert OPTIONS["words"] and "claim" in WORD_MODELS and "opportunity" not in WORD_MODELS
    view = SentenceView("计划可能落空。", words=("计划", "可能", "落空", "。"))
    x = features(view, lex)
    assert x["w:计划"] == x["w:落空"] == 1.0 and x["c:计划"] == 1.0 and x["c:计"] == 1.0
    assert ("w:可能_落空" in x) == OPTIONS["word_bigrams"]    # bigrams: measured, off in the shipped model (README)
    saved = OPTIONS["word_bigrams"]
    try:
        OPTIONS["word_bigrams"] = True
        assert features(view, lex)["w:可能_落空"] == 1.0
    finally:
        OPTIONS["word_bigrams"] = saved
    assert not any(k.startswith("w:") for k in short_text_features("计划可能落空。", "计划", lex))


def test_threshold_calibration_picks_the_f1_best_cut_and_moves_the_intercept():
    import math

    import numpy

    from pipeline.argument.training import calibrate_threshold, shift_threshold

    scores = numpy.array([-2.0, -1.0, -0.6, 0.2, 1.5, 3.0])
    gold = numpy.array([False, False, True, True, True, True])
    logit = calibrate_threshold(scores, gold)
    assert -1.0 < logit <= -0.6                                   # catches -0.6 without letting -1.0 in
    model = LinearModel([False, True], [0.0], {"x": [1.0]})
    shift_threshold(model, logit)
    assert model.predict({"x": -0.6}) is True and model.predict({"x": -1.0}) is False
    assert model.params["threshold_logit"] == pytest.approx(logit, abs=1e-3)
    assert calibrate_threshold(numpy.array([-3.0, 3.0]), numpy.array([False, True])) == pytest.approx(0.0)  # tie -> 0.5
    assert math.isclose(1 / (1 + math.exp(-calibrate_threshold(scores, gold, with_f1=True)[0])), 1 / (1 + math.exp(-logit)))


def test_decision_parameters_survive_the_weights_file(tmp_path):
    from pipeline.argument.linear import read_npz, save_npz

    models = {"risk_context": LinearModel([False, True], [0.3], {"c:险": [1.0]}, params={"threshold_logit": -0.4}),
              "category": LinearModel(["execution", "financial"], [0.0, 0.1], {"c:钱": [0.0, 2.0]}, params={"cue_weight": 0.5})}
    save_npz(tmp_path / "m.npz", models, {"date": "2026-11-24"})
    loaded, _, meta = read_npz(tmp_path / "m.npz")
    assert loaded["risk_context"].params == {"threshold_logit": -0.4} and loaded["category"].params == {"cue_weight": 0.5}
    assert LinearModel.from_json(models["category"].to_json()).params == {"cue_weight": 0.5}


def test_shipped_weights_record_what_was_chosen_inside_training():
    meta = _shipped_meta()
    assert meta["chosen_inside_training"]["calibrate"] == {"risk_context": True, "category": True}
    assert meta["features"]["words"] and meta["features"]["scope"]
    from pipeline.argument.linear import read_npz

    models, _, _ = read_npz(REPO / "models" / "argument" / "claims_model.npz")
    assert "threshold_logit" in models["risk_context"].params and "cue_weight" in models["category"].params


def test_document_risk_context_equals_the_per_sentence_features():
    """The run-time second stage builds every sentence's context in one pass (section sums once); it
    must give what `risk_context_features` gives sentence by sentence (training used both)."""
    from pipeline.argument.training import document_risk_context, risk_context_features

    probs = [0.9, 0.1, 0.3, 0.5, 0.7]
    sections = ["风险", "风险", None, "风险", "机遇"]
    fast = document_risk_context(probs, sections)
    for k in range(len(probs)):
        assert fast[k] == pytest.approx(risk_context_features(probs, k, sections)), k
    assert "st:sec" not in fast[4]                 # alone in its section
    assert document_risk_context([]) == []


def test_pattern_prefilter_changes_no_feature():
    """The literal gates (a sentence is searched only with the patterns whose required strings it holds) give the
    same features and attributions as trying every pattern."""
    from pipeline.argument.features import clear_caches, sentence_features

    class EveryPattern:  # no gate: every pattern is searched
        def __init__(self, n: int):
            self.n = n

        def may_match(self, text: str) -> list[bool]:
            return [True] * self.n

    fast, slow = Lexicons.load(), Lexicons.load()
    slow.__dict__["_gates"] = {"stance_patterns": EveryPattern(len(fast.stance_patterns)),
                               "attribution": EveryPattern(len(fast.attribution))}
    views = [SentenceView(t) for t in ("据当地媒体统计，去年投资超过20亿元。", "英国凭什么？", "各区要把人工智能工作纳入年度考核。",
                                       "对符合条件的企业给予一次性奖励。", "刘建平表示，项目可能落空。", "今年销量增长了两成。",
                                       "这样的计划能否落地？", "补贴真的有用吗？", "不过，这些短板恰恰说明方向是对的。")]
    clear_caches(fast)
    clear_caches(slow)
    assert sentence_features(views, fast) == sentence_features(views, slow)
    assert [attribution_of(v.text, fast) for v in views] == [attribution_of(v.text, slow) for v in views]


def test_literal_gate_never_rejects_a_text_its_pattern_matches():
    import re

    from pipeline.argument.lexicon import PatternGate, required_strings

    assert required_strings(re.compile("ab|c")) == [frozenset({"ab", "c"})]
    assert required_strings(re.compile("(?:会不会|能否)[^？?]{4,}[？?]$")) == [frozenset({"会不会", "能否"}),
                                                                             frozenset({"？", "?"})]
    assert required_strings(re.compile("[^。]{0,10}(?:呢|吗)[？?]$")) == [frozenset({"呢", "吗"}), frozenset({"？", "?"})]
    for nothing_certain in ("a?b?", "(?i)abc", "[^。]{0,10}", "a{0,3}", "(?:x|)"):
        assert required_strings(re.compile(nothing_certain)) == [], nothing_certain
    lex = Lexicons.load()
    regexes = [p.regex for p in lex.stance_patterns] + [r for r, _ in lex.attribution] + [r for r, _ in lex.directives]
    from pipeline.batch import discover
    from pipeline.ingest import read_article

    sentences = [line for item in discover(REPO / "corpus")[0] for line in
                 re.split(r"(?<=[。！？?])", read_article(item.path).text) if line.strip()]
    gate = PatternGate(regexes)
    matched = rejected = 0
    for text in sentences:
        for regex, candidate in zip(regexes, gate.may_match(text)):
            matched += bool(regex.search(text))
            rejected += not candidate
            assert candidate or not regex.search(text), (regex.pattern, text)
    assert matched > 100 and rejected > 1000  # the gate does reject
    # a required string found only inside a longer one at the same place (据 in 据报道, 不过 in 不过是) counts
    assert PatternGate([re.compile("据"), re.compile("不过[^是]")]).may_match("据报道，不过是") == [True, True]
    assert PatternGate([re.compile("据"), re.compile("不过[^是]")]).may_match("报道") == [False, False]


def test_reporter_dateline_numbered_questions_pronoun_speech_and_category_spans():
    from pipeline.argument.classify import SentenceClassifier
    from pipeline.argument.features import category_text
    from pipeline.argument.stance import genre_of

    head = [SentenceView("某国加码半导体后段", "title"), SentenceView("来源：某某新报", "byline")]
    body = [SentenceView("某国政府19日公布新一轮补贴方案。", "body")]
    assert genre_of(head + [SentenceView("记者：林某某/吉隆坡报导", "byline")] + body) == "news"
    assert genre_of(head + [SentenceView("本报记者 苏某某", "byline")] + body) == "analysis"
    explainer = [SentenceView("七问七答读懂某国电网", "title"),
                 SentenceView("问一：为什么会停电？", "heading"), SentenceView("答：机组老化。", "body"),
                 SentenceView("问二：现在好转了吗？", "heading"), SentenceView("答：明显好转。", "body")]
    assert genre_of(explainer) == "interview"
    lex = Lexicons.load()
    views = [SentenceView("协会会长黄某指出，工程师每年毕业生仅约5000人。", "body"),
             SentenceView("他表示，人才外流可能拖慢设计能力的建立。", "body"),
             SentenceView("坦率地说，这个数字里有不少宣传成分。", "body")]
    preds = SentenceClassifier(lex).predict(views)
    assert preds[0].attribution != "author" and preds[1].attribution == preds[0].attribution
    assert preds[2].attribution == "author"  # a discourse marker, not a source
    kept, removed = category_text("投资者最怕的不是成本，而是规则一夜之间改变。")
    assert "成本" not in kept and removed == "成本" and "规则" in kept
    assert category_text("提纯环节会推高成本。")[1] == "成本"


def test_outcome_features_mark_negative_outcomes_their_scope_and_shortfalls():
    """Session 7: risks stated as plain facts or possibilities without a risk word (outcome_cues.tsv); the
    features are seen by the risk models only."""
    from pipeline.argument.features import lexicon_scores
    from pipeline.argument.training import OUTCOME_FEATURES, OUTCOME_MODELS

    lex = Lexicons.load()
    assert "outcome_cues.tsv" in LEXICON_FILES and lex.outcome.entries["搁置"][0] == "outcome"
    fact = lexicon_scores(SentenceView("该公司宣布搁置项目，并裁减约700个岗位。"), lex)
    assert fact.get("outcome") == 2.0 and "modal_outcome" not in fact
    conditional = lexicon_scores(SentenceView("如果首堆造价失控，财政将承压。"), lex)
    assert conditional.get("conditional_negative") == 1.0 and conditional.get("modal_outcome") == 1.0
    assert lexicon_scores(SentenceView("方向正确，但审批进展迟迟难以推进。"), lex).get("contrast_negative") == 1.0
    assert lexicon_scores(SentenceView("去年销量仅约4万辆。"), lex).get("shortfall") == 1.0
    denied = lexicon_scores(SentenceView("项目不会推迟。"), lex)
    assert denied.get("outcome_negated") == 1.0 and "outcome" not in denied and "modal_outcome" not in denied
    assert not any(k in lexicon_scores(SentenceView("今年销量增长了两成。"), lex) for k in ("outcome", "shortfall"))
    assert "x:outcome" in OUTCOME_FEATURES and OUTCOME_MODELS == {"risk", "risk_context"}


def test_dismissed_caveats_make_an_argued_text_supportive():
    from pipeline.argument.features import stance_polarity
    from pipeline.argument.stance import decide

    lex = Lexicons.load()
    assert "dismissive" in stance_polarity("但这些问题，都是成长中的问题。", lex)[2]
    assert "dismissive" in stance_polarity("不过，这些短板恰恰也说明，它的路线是务实的。", lex)[2]
    assert "dismissive" not in stance_polarity("这一战略方向正确，但审批进展偏慢。", lex)[2]  # praise, then the caveat
    mixed = {"P": 2.5, "N": 4.0, "score": -0.2, "sarcasm": 0.05, "genre": "analysis", "balanced": 0, "dismissive": 0}
    assert decide(mixed) == "mixed"
    assert decide(dict(mixed, dismissive=1)) == "supportive"
    assert decide(dict(mixed, dismissive=1, score=-0.6)) == "skeptical"  # a skeptical balance is not overturned


def test_outcome_clause_and_section_vote():
    """Session 7: the category cues of the clause carrying the negative outcome (rc:clause=), and the section
    title's cues in the category vote at the section weight."""
    from pipeline.argument.classify import combined_category
    from pipeline.argument.features import outcome_clause_cues
    from pipeline.argument.lexicon import Lexicons

    lex = Lexicons.load()
    cues = outcome_clause_cues("项目获得了大笔补贴和融资，但人才流失严重，工程师招不到。", lex)
    assert cues.get("talent", 0) > 0 and "financial" not in cues
    assert outcome_clause_cues("项目获得了大笔补贴。", lex) == {}
    probs = {"execution": 0.5, "commercialization": 0.5}
    x = {"rc:sec=commercialization": 1.0}
    assert combined_category(probs, x, 1.0, 1.0) == "commercialization"
    assert combined_category({"execution": 0.6, "commercialization": 0.4}, x, 1.0, 0.0) == "execution"


def test_announces_risk_topic_sentences():
    """Session 7: short sentences that only point to risks (GUIDE convention: not risks) get `x:announce`,
    seen by the risk models only; sentences that state the danger do not."""
    from pipeline.argument.features import announces_risk, lexicon_scores
    from pipeline.argument.training import OUTCOME_FEATURES

    for text in ("综合来看，欧洲绿氢补贴面临以下几类风险。", "不过，该公司同样面临挑战。", "当然，这条路并非没有变数。",
                 "地缘因素同样不可忽视。", "但这恰恰也是最大的风险。"):
        assert announces_risk(text), text
    for text in ("万一市场持续疲弱，新厂的产能利用率也将面临考验。", "人才短缺导致项目一再推迟，成本超支。",
                 "综合来看，欧洲绿氢补贴面临以下几类风险：电价高企、需求不足、基础设施滞后，每一类都可能让项目搁浅。"):
        assert not announces_risk(text), text
    lex = Lexicons.load()
    assert lexicon_scores(SentenceView("不过，该公司同样面临挑战。"), lex).get("announce") == 1.0
    assert "x:announce" in OUTCOME_FEATURES


def test_category_leaves_out_the_reporting_speaker_and_reads_comparisons_as_competition():
    """Session 8: the speaker's occupation is not the risk's category; a comparison with a rival is competition."""
    from pipeline.argument.features import category_text, vocabulary_cues

    kept, removed = category_text("一位参与项目的外籍工程师对记者表示，园区的冷却用水是最大难题。")
    assert "工程师" in removed and "工程师" not in kept and "用水" in kept
    kept, removed = category_text("有基金分析师认为，新规可能让投资延后。")
    assert removed == "有基金分析师" and "延后" in kept
    assert category_text("电价上涨可能削弱冶炼行业的竞争力。")[1] == ""  # no speech verb: nothing removed
    lex = Lexicons.load()
    assert "competition" in vocabulary_cues("相比之下，邻国的补贴是这里的五倍。", lex)


def test_stance_pattern_hits_are_memoised_per_document_with_the_same_result():
    """Session 8: the features and the stance reading both ask for a sentence's irony / rhetoric patterns; the second
    ask is answered from a per-document memo (cleared with the other memos)."""
    from pipeline.argument.features import _pattern_hits, _with_pattern_hits, clear_caches

    lex = Lexicons.load()
    clear_caches(lex)
    text = "这样的野心还是和过去一样浮夸，凭什么？"
    first = _with_pattern_hits(text, lex, 1.0, 0.0)
    assert _with_pattern_hits(text, lex, 1.0, 0.0) == first
    pos, neg, kinds = _pattern_hits(text, lex, None)
    assert first == (1.0 + pos, neg, list(kinds))
    clear_caches(lex)
    assert "_pattern_cache" not in lex.__dict__


def test_document_tone_is_a_prior_of_the_risk_models_only():
    """Session 9: the document's tone (shares of body sentences with opportunity cues, positive or negative evaluation,
    risk cues) is the same for every sentence of a document, leaves titles and headings out of the shares, and is seen
    by the two risk models only (the claim, category and opportunity models measured without it)."""
    from pipeline.argument.features import DOCUMENT_TONE, OPTIONS, TONE_SCALE, document_tone, lexicon_scores, sentence_features
    from pipeline.argument.training import TONE_MODELS

    lex = Lexicons.load()
    views = [SentenceView("机遇与挑战", "heading"),
             SentenceView("这一计划可能落空，项目面临严重的融资困难。"),
             SentenceView("政府19日公布了新的方案。"),
             SentenceView("项目进展顺利，有望带动社会资本。"),
             SentenceView("工厂一再推迟投产。")]
    tone = document_tone(views, [lexicon_scores(v, lex) for v in views])
    assert tone[DOCUMENT_TONE + "risk"] == pytest.approx(TONE_SCALE * 2 / 4)   # the heading is not counted
    assert tone[DOCUMENT_TONE + "opp"] == pytest.approx(TONE_SCALE * 1 / 4)
    assert OPTIONS["document_tone"]
    xs = sentence_features(views, lex)
    assert all({k: v for k, v in x.items() if k.startswith(DOCUMENT_TONE)} == tone for x in xs)
    critical = views[:3] + [SentenceView("成本超支，工厂一再推迟投产。"), views[4]]
    assert document_tone(critical, [lexicon_scores(v, lex) for v in critical])[DOCUMENT_TONE + "risk"] > tone[DOCUMENT_TONE + "risk"]
    assert TONE_MODELS == {"risk", "risk_context"}
    from pipeline.argument.linear import read_npz

    models, _, _ = read_npz(REPO / "models" / "argument" / "claims_model.npz")
    for key, model in models.items():
        seen = any(f.startswith(DOCUMENT_TONE) for f in model.weights)
        assert seen == (key in TONE_MODELS), key


def test_correspondent_byline_and_unanswered_numbered_questions_are_relaying_genres():
    """Session 9b: a resident correspondent's report (本报驻X记者) and a question-and-answer explainer whose
    numbered questions ("问题一：……？") head the author's account relay other people's views -> neutral."""
    from pipeline.argument.stance import decide, genre_of

    body = [SentenceView("某国政府本月宣布扩大出口许可范围。", "body"),
            SentenceView("研究员张某认为，这次调整更多是对盟友的回应。", "body")]
    head = [SentenceView("出口管制再收紧 某国在盟友与客户之间走钢丝", "title")]
    assert genre_of(head + [SentenceView("本报驻某城记者　李某某", "byline")] + body) == "news"
    assert genre_of(head + [SentenceView("新华社驻某城记者 王某", "byline")] + body) == "news"
    assert genre_of(head + [SentenceView("本报记者 李某某", "byline")] + body) == "analysis"
    assert genre_of(head + [SentenceView("他曾驻某城多年。", "body")] + body) == "analysis"
    explainer = [SentenceView("某国的太空雄心：四个问题读懂新战略", "title"),
                 SentenceView("问题一：某国的航天产业有多大？", "heading"), SentenceView("产业贡献约10亿元。", "body"),
                 SentenceView("问题二：新战略定了哪些目标？", "heading"), SentenceView("规模五年翻一番。", "body"),
                 SentenceView("问题三：外界怎么看？", "heading"), SentenceView("支持者认为监管高效。", "body")]
    assert genre_of(explainer) == "explainer"
    assert genre_of(explainer[:5]) == "analysis"  # two questions are not yet a question-and-answer format
    answered = [SentenceView("问一：为什么会停电？", "heading"), SentenceView("答：机组老化。", "body"),
                SentenceView("问二：好转了吗？", "heading"), SentenceView("答：明显好转。", "body"),
                SentenceView("问三：钱从哪里来？", "heading"), SentenceView("答：财政拨款。", "body")]
    assert genre_of(answered) == "interview"  # answer lines: the answers' voice is read as in an interview
    f = {"genre": "explainer", "P": 6.0, "N": 0.5, "score": 0.7, "sarcasm": 0.0}
    assert decide(f) == "neutral" and decide({**f, "genre": "analysis"}) == "supportive"
