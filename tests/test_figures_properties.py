"""Property-based tests of pipeline.figures: no crash, exact offsets, value round trips."""

from __future__ import annotations

from decimal import Decimal

import cn2an
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.figures import extract_figures, extract_numbers, extract_percentages, parse_number

# Text made of the characters the extractor reacts to, mixed with anything else.
NUMERAL_ALPHABET = list("零〇一二两三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟萬億點负几多余上数半")
MARKS = ["美元", "元", "日元", "欧元", "英镑", "韩元", "新台币", "港元", "人民币", "块", "角", "毛", "分",
         "%", "成", "折", "倍", "分之", "番", "约", "超过", "不到", "左右", "以上", "至", "-", "(", ")", "（", "）",
         "$", "US$", "€", "£", "¥", "￥", "billion", "million", " ", ",", ".", "，", "。", "\n", "个百分点", "合计",
         "打", "个", "比", "是", "的", "占", "翻", "两两", "k", "M", "e", "^", "/", "又", "前者", "后者", "平均每个"]
pieces = st.one_of(
    st.sampled_from(NUMERAL_ALPHABET),
    st.sampled_from(MARKS),
    st.integers(min_value=0, max_value=10**13).map(str),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False).map(str),
    st.text(max_size=3),
)
texts = st.lists(pieces, max_size=30).map("".join)


def _sentences(text: str) -> list[tuple[int, int]]:
    out, s = [], 0
    for i, ch in enumerate(text):
        if ch in "。\n":
            out.append((s, i + 1))
            s = i + 1
    if s < len(text):
        out.append((s, len(text)))
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("7888375131203906976181万英镑")   # found by Hypothesis: its US-dollar cents overflowed 28 digits
def test_no_crash_and_exact_offsets(text):
    figs = extract_figures(text, _sentences(text))
    sents = _sentences(text)
    for item in [*figs.money, *figs.quantities]:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start:item.end] == item.text
        if item.sentence_id is not None:
            s, e = sents[item.sentence_id]
            assert s <= item.start < e
    for m in figs.money:
        assert m.equivalent_of is None or 0 <= m.equivalent_of < len(figs.money)
        assert m.value_max is None or m.qualifier == "range"
    for c in figs.numeric_checks:
        assert c.verdict in ("consistent", "inconsistent", "unverifiable")
        assert text[c.start:c.end] == c.claim_text
    for p in [*extract_numbers(text), *extract_percentages(text)]:
        assert text[p.start:p.end] == p.text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**16 - 1), st.sampled_from(["low", "up"]))
def test_chinese_numeral_round_trip(n, mode):
    """value -> Chinese numeral (cn2an, an independent writer) -> value."""
    cn = cn2an.an2cn(n, mode)
    assert parse_number(cn) == n
    m, = extract_figures(f"投资{cn}美元。", [(0, len(cn) + 5)]).money
    assert m.value == n and m.currency == "USD" and m.text == f"{cn}美元"


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2, allow_nan=False),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("", 1)]),
       st.sampled_from([("亿元", "CNY"), ("日元", "JPY"), ("欧元", "EUR")]))
def test_arabic_amount_round_trip_is_exact(x, unit, cur):
    """value -> '16.4亿元'-style text -> the same value, with no float drift."""
    word, mult = unit
    suffix, code = cur
    if suffix == "亿元":
        suffix = "元"
    text = f"总额{x}{word}{suffix}"
    m, = extract_figures(text, [(0, len(text))]).money
    assert Decimal(str(m.value)) == x * mult
    assert m.currency == code
    if x * mult == (x * mult).to_integral_value():
        assert isinstance(m.value, int)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_separators_round_trip(n):
    text = f"{n:,}美元"
    m, = extract_figures(text, [(0, len(text))]).money
    assert m.value == n and m.text == text
