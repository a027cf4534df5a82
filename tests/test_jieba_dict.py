"""The cached jieba dictionary (`pipeline.jieba_dict`): same state as jieba's own loading plus
`add_word`, rebuilt when an input changes, never read half-written."""

from __future__ import annotations

import marshal

import jieba
import jieba.finalseg
import pytest

from pipeline import jieba_dict

TEXT = "日本政府宣布投入量子计算机研发，理化学研究所与富士通合作推进ABCI-Q项目。新词甲乙丙丁出现了。"


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "zh-policy-pipeline"


@pytest.fixture
def user_dict(tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_text("# comment\n量子计算机 2000 n\n甲乙丙丁\n富士通 0\n", encoding="utf-8")
    return path


@pytest.fixture
def fresh_jieba(monkeypatch):
    """A new, unloaded jieba.dt (and force-split set) for the test; the real ones are restored after."""
    monkeypatch.setattr(jieba, "dt", jieba.Tokenizer())
    monkeypatch.setattr(jieba.finalseg, "Force_Split_Words", set(jieba.finalseg.Force_Split_Words))
    return jieba.dt


def _slow_way(user_dict):
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq, tag in jieba_dict.user_words(user_dict):
        tokenizer.add_word(word, freq, tag)
    return tokenizer


def test_user_words_parsing(user_dict):
    assert jieba_dict.user_words(user_dict) == [("量子计算机", 2000, "n"), ("甲乙丙丁", None, None), ("富士通", 0, None)]


def test_cached_state_is_jiebas_own_loading_plus_user_words(cache_home, user_dict, fresh_jieba):
    slow = _slow_way(user_dict)
    tokenizer = jieba_dict.load_tokenizer(user_dict)          # builds and writes the cache
    assert tokenizer is jieba.dt and tokenizer.initialized
    assert list(cache_home.glob("jieba-dict-*.marshal")) == [jieba_dict.cache_file(user_dict)]
    assert tokenizer.FREQ == slow.FREQ and tokenizer.total == slow.total
    assert tokenizer.user_word_tag_tab == slow.user_word_tag_tab == {"量子计算机": "n"}
    assert "富士通" in jieba.finalseg.Force_Split_Words       # frequency 0: jieba's forced split
    assert list(tokenizer.cut(TEXT)) == list(slow.cut(TEXT))
    assert "甲乙丙丁" in list(tokenizer.cut(TEXT))


def test_second_load_reads_the_cache(cache_home, user_dict, monkeypatch):
    first = jieba_dict.load_state(user_dict)

    def no_build(_user_dict):
        raise AssertionError("the cache should have been read")

    monkeypatch.setattr(jieba_dict, "build_state", no_build)
    second = jieba_dict.load_state(user_dict)
    assert second.freq == first.freq and second.total == first.total and second.tags == first.tags
    # the flag table's words are the prefix dictionary's own strings, stored and loaded once
    word = next(w for w in second.tags if len(w) > 1)
    assert next(k for k in second.freq if k == word) is next(k for k in second.tags if k == word)


def test_changed_user_dictionary_gives_a_new_cache(cache_home, user_dict):
    before = jieba_dict.cache_file(user_dict)
    state = jieba_dict.load_state(user_dict)
    assert "戊己庚辛" not in state.freq
    user_dict.write_text(user_dict.read_text(encoding="utf-8") + "戊己庚辛 500 nz\n", encoding="utf-8")
    after = jieba_dict.cache_file(user_dict)
    assert after != before
    state = jieba_dict.load_state(user_dict)
    assert state.freq["戊己庚辛"] == 500 and state.user_tags["戊己庚辛"] == "nz"
    assert after.exists() and before.exists()  # another config's file is left to it (removed when stale)


def test_unreadable_cache_is_rebuilt(cache_home, user_dict):
    path = jieba_dict.cache_file(user_dict)
    good = jieba_dict.load_state(user_dict)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])                  # e.g. a disk that filled up
    assert jieba_dict.load_state(user_dict).freq == good.freq
    assert path.read_bytes() == data                          # rewritten whole
    path.write_bytes(marshal.dumps(["not", "a", "state"]))
    assert jieba_dict.load_state(user_dict).total == good.total


def test_cache_write_is_atomic(cache_home, user_dict, monkeypatch):
    import pipeline.outputs

    path = jieba_dict.cache_file(user_dict)
    state = jieba_dict.build_state(user_dict)

    def failing_write(tmp):
        tmp.write_bytes(b"partial")
        raise OSError("disk full")

    real = pipeline.outputs.atomic_write_with
    monkeypatch.setattr(pipeline.outputs, "atomic_write_with", lambda target, _writer: real(target, failing_write))
    jieba_dict._write(path, state)                            # an unwritable cache is not an error
    assert not path.exists() and not list(cache_home.iterdir())  # no half file, no temp file left
    monkeypatch.undo()
    jieba_dict._write(path, state)
    assert marshal.loads(path.read_bytes())[1] == state.total


def test_stale_caches_of_other_configs_are_removed(cache_home, user_dict):
    import os
    import time

    cache_home.mkdir(parents=True)
    old, recent = cache_home / "jieba-dict-old.marshal", cache_home / "jieba-dict-recent.marshal"
    old.write_bytes(b"x")
    recent.write_bytes(b"x")
    long_ago = time.time() - jieba_dict.STALE_AFTER_S - 60
    os.utime(old, (long_ago, long_ago))
    jieba_dict.load_state(user_dict)
    assert not old.exists() and recent.exists()


def test_already_loaded_jieba_gets_the_user_words_added(cache_home, user_dict, fresh_jieba):
    fresh_jieba.initialize()                                  # loaded by someone else first
    tokenizer = jieba_dict.load_tokenizer(user_dict)
    slow = _slow_way(user_dict)
    assert tokenizer.FREQ == slow.FREQ and tokenizer.total == slow.total
    assert not list(cache_home.glob("jieba-dict-*.marshal"))  # jieba's own state was kept


def test_fast_segmenter_gives_jiebas_words():
    """FastSegmenter (spaCy's segmenter) against jieba's own `cut`, same dictionary: the team's
    articles, and random text for the HMM (unknown words) and the non-Chinese blocks."""
    import random
    from pathlib import Path

    from pipeline.ingest import ARTICLE_SUFFIXES, read_article
    from pipeline.nlp import PipelineConfig, _load_jieba

    tokenizer = _load_jieba(PipelineConfig.load().user_dict)
    fast = jieba_dict.FastSegmenter(tokenizer)
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    texts = [read_article(p).text for p in sorted(corpus.iterdir()) if p.suffix.lower() in ARTICLE_SUFFIXES]
    rng = random.Random(3)
    han = [chr(c) for c in range(0x4E00, 0x9FD6)]
    for _ in range(1500):
        texts.append("".join(rng.choice(han) if rng.random() < 0.6 else rng.choice("的是在了中国投资ab 1.5%，。\n\t-")
                             for _ in range(rng.randint(0, 60))))
    for text in texts:
        assert fast.cut(text, cut_all=False) == list(tokenizer.cut(text, cut_all=False)), text[:60]
    assert list(fast.cut(TEXT, cut_all=True)) == list(tokenizer.cut(TEXT, cut_all=True))  # other modes: jieba's


def test_fast_segmenter_word_scores_follow_the_dictionary():
    """The word scores a FastSegmenter keeps are made anew when jieba's dictionary changes (add_word)."""
    import jieba

    tokenizer = jieba.Tokenizer()
    fast = jieba_dict.FastSegmenter(tokenizer)
    text = "量子计算机研发中心的超导量子芯片"
    assert fast.cut(text) == list(tokenizer.cut(text))
    tokenizer.add_word("超导量子芯片", 10_000_000)
    assert fast.cut(text) == list(tokenizer.cut(text))
    assert "超导量子芯片" in fast.cut(text)


def test_words_and_spaces_is_spacys(analyzer):
    """The tokenizer's one-pass alignment equals spacy.util.get_words_and_spaces, and the Doc's
    text is the input text (so the analyzer keeps the article's text instead of doc.text)."""
    import random

    from spacy.util import get_words_and_spaces

    from pipeline.nlp import words_and_spaces

    rng = random.Random(5)
    for _ in range(1000):
        text = "".join(rng.choice("中文的是在  \n\t ab1.，。") for _ in range(rng.randint(0, 50)))
        words = [w for w in analyzer.nlp.tokenizer.jieba_seg.cut(text, cut_all=False) if w]
        assert words_and_spaces(words, text) == get_words_and_spaces(words, text)
        assert analyzer.nlp.make_doc(text).text == text
    with pytest.raises(ValueError):
        words_and_spaces(["b", "a"], "ab")


def test_words_and_spaces_of_words_that_make_up_the_text():
    """Words that make up the text exactly (as jieba's do) are aligned without a search: the same
    as spaCy's alignment for any split of the text, whitespace inside, before or after words too."""
    import random

    from spacy.util import get_words_and_spaces

    from pipeline.nlp import words_and_spaces

    rng = random.Random(11)
    for _ in range(2000):
        text = "".join(rng.choice("中文的是a1.。  \n\t\u3000\r") for _ in range(rng.randint(0, 40)))
        cuts = sorted(rng.sample(range(1, len(text)), rng.randint(0, max(0, len(text) - 1)))) if len(text) > 1 else []
        words = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)]) if b > a]
        assert _outcome(words_and_spaces, words, text) == _outcome(get_words_and_spaces, words, text), (words, text)


def _outcome(align, words: list[str], text: str):
    try:
        return align(words, text)
    except ValueError:  # spaCy too cannot align a word that starts with the space it took as a gap
        return "ValueError"


def test_session9_domain_words_stay_whole(analyzer):
    """Invented sentences with the data-centre, export-control, corporate-finance, space and defence terms the
    session-9 user-dictionary lines add (their annotators expected such terms as one word)."""
    cases = {
        "西北某数据中心的上架率只有四成，电价补贴却年年增加。": ["上架率", "电价补贴"],
        "按照东数西算规划，该市被列为枢纽节点，不是拍脑袋的决定。": ["东数西算", "枢纽节点", "拍脑袋"],
        "新规覆盖深紫外浸没式光刻机，也涉及两用物项和外国直接产品规则。": ["深紫外", "浸没式光刻机", "两用物项", "外国直接产品规则"],
        "该公司首席财务官表示，全年净销售额增长一成，在手订单创新高。": ["首席财务官", "净销售额", "在手订单"],
        "航天产业主管部门缩短发射许可证审批，新的发射综合体和太空港投入使用。": ["航天产业", "发射许可证", "发射综合体", "太空港"],
        "军工企业交付有源相控阵雷达和光电吊舱，本土化率提高，营收复合增长率可观。": [
            "有源相控阵雷达", "光电吊舱", "本土化率", "复合增长率"],
        "出口银行提供买方信贷，支持两栖攻击舰出口，并将在2030年进行中期评估。": ["买方信贷", "两栖攻击舰", "中期评估"],
    }
    for text, expected in cases.items():
        words = [t.text for t in analyzer.nlp.make_doc(text)]
        for word in expected:
            assert word in words, (word, words)


def test_model_designations_with_a_colon_stay_whole_but_ratios_and_times_do_not(tmp_path, analyzer):
    from pipeline.ingest import read_article

    path = tmp_path / "models.txt"
    path.write_text("标题\n\n新规覆盖NXT:2050i及以上型号和EXE:5200，比例为3:1，会议10:30开始，GDP:5%。\n", encoding="utf-8")
    words = [t.text for t in analyzer.analyze(read_article(path)).tokens]
    assert "NXT:2050i" in words and "EXE:5200" in words
    assert "3:1" not in words and "10:30" not in words and "GDP:5%" not in words


def test_session10_domain_words_stay_whole(analyzer):
    """Invented sentences with the satellite, steel, battery-trade and biomanufacturing-policy terms the
    session-10 user-dictionary lines add; phrases (示范 + 星系, 电池级 + 纯化磷酸) stay pieces of whole words."""
    cases = {
        "多家运营商计划发射高轨卫星和低轨卫星，组成卫星星座，但发射窗口有限。": ["高轨卫星", "低轨卫星", "卫星星座", "发射窗口"],
        "相位阵列天线依赖进口，一旦海底电缆中断，备援通讯就很重要。": ["相位阵列", "海底电缆", "备援通讯"],
        "去年全国粗钢产量下降，新建还原竖炉采用直接还原铁工艺，以应对碳边境调节机制。": [
            "粗钢", "还原竖炉", "直接还原铁", "碳边境调节机制"],
        "当地批发电价较低，有利于工业脱碳。": ["批发电价", "工业脱碳"],
        "车企从三元电池转向磷酸铁锂电池，新的超级工厂享受企业所得税减免。": ["三元电池", "磷酸铁锂电池", "超级工厂", "企业所得税"],
        "两国签有自由贸易协定，但受关注外国实体规则限制了税收优惠。": ["自由贸易协定", "受关注外国实体"],
        "该区发展生物制造和合成生物，建设中试平台，推广生物基材料和首批次产品。": [
            "生物制造", "合成生物", "中试平台", "生物基材料", "首批次"],
        "鼓励利用非粮原料，治理发酵废水，实行并联审批和拿地即开工，成立工作专班，推进院地合作。": [
            "非粮原料", "发酵废水", "并联审批", "拿地即开工", "工作专班", "院地合作"],
        "设立风险补偿资金池，建立政策兑现台账。": ["风险补偿资金池", "政策兑现"],
    }
    for text, expected in cases.items():
        words = [t.text for t in analyzer.nlp.make_doc(text)]
        for word in expected:
            assert word in words, (word, words)
    words = [t.text for t in analyzer.nlp.make_doc("出口电池级纯化磷酸，建设示范星系。")]
    assert "电池级" in words and "纯化磷酸" in words and "示范" in words and "星系" in words


def test_session12_domain_words_stay_whole(analyzer):
    """Invented sentences with the finance, trade-policy, power-market, contracting and smelting terms the session-12
    user-dictionary lines add (siblings included); a phrase (铜 + 冶炼厂) stays pieces of whole words."""
    cases = {
        "公司拟发行可转换债券并安排过桥贷款，每股收益下降，负债比率上升。": ["可转换债券", "过桥贷款", "每股收益", "负债比率"],
        "外国直接投资增长，但投资强度和本地化率不达标，欧盟启动反补贴调查。": ["外国直接投资", "投资强度", "本地化率", "反补贴调查"],
        "项目须完成环境影响评价，核算碳足迹，外籍劳工须持工作许可。": ["环境影响评价", "碳足迹", "外籍劳工", "工作许可"],
        "独立发电商签有购电协议，政府按容量电价付费，循环债务越滚越大。": ["独立发电商", "购电协议", "容量电价", "循环债务"],
        "户用光伏实行余电上网和净计量，用户侧储能增长，配电公司售电量下滑。": ["户用光伏", "余电上网", "净计量", "用户侧储能", "配电公司"],
        "联合体以施工总承包方式承建，采用闪速熔炼工艺，冶炼加工费下降。": ["施工总承包", "闪速熔炼", "冶炼加工费"],
    }
    for text, expected in cases.items():
        words = [t.text for t in analyzer.nlp.make_doc(text)]
        for word in expected:
            assert word in words, (word, words)
    words = [t.text for t in analyzer.nlp.make_doc("新建铜冶炼厂。")]
    assert "铜" in words and "冶炼厂" in words
