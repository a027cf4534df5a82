"""Publication dates (schema 1.4): each date form a byline uses, and no date without a year."""

from __future__ import annotations

import pytest

from pipeline.dates import iso_date, published_of
from pipeline.ingest import article_from_text


@pytest.mark.parametrize("raw, expected", [
    ("2026年11月19日", "2026-11-19"),
    ("2026-11-19 08:30", "2026-11-19T08:30"),
    ("2026/11/19", "2026-11-19"),
    ("2026.11.19", "2026-11-19"),
    ("二〇二六年十一月十九日", "2026-11-19"),            # an official notice's date in Chinese numerals
    ("二〇二六年三月三十一日", "2026-03-31"),
    ("二○二六年一月五日", "2026-01-05"),                  # ○ (a circle) written for 〇
    ("２０２６年１１月１９日", "2026-11-19"),            # full-width digits
    ("２０２６－１１－１９　０８：３０", "2026-11-19T08:30"),
    ("2026年11月21日 10:08", "2026-11-21T10:08"),
    ("2026年11月19日8时30分", "2026-11-19T08:30"),
    ("2026-11-19T08:30:15", "2026-11-19T08:30:15"),
    ("发表于 2026-11-22 23:41", "2026-11-22T23:41"),
    ("2026年11月19日（星期四）", "2026-11-19"),
    ("2026-11-19 25:00", "2026-11-19"),                  # no time of day: the date still stands
])
def test_each_date_form_is_iso_8601(raw, expected):
    assert iso_date(raw) == expected


@pytest.mark.parametrize("raw", [
    "11月19日", "十一月十九日", "11-19 08:30",           # no year: not guessed
    "2026年11月", "二〇二六年十一月", "2026年第17期",     # no day
    "2026年2月30日", "20261119", "", None,
])
def test_no_whole_date_is_null(raw):
    assert iso_date(raw) is None


def test_the_most_specific_date_label_wins():
    assert published_of({"日期": "2026年11月20日", "发布时间": "2026-11-19 08:30"}) == "2026-11-19T08:30"
    assert published_of({"日期": "11月20日"}) is None
    assert published_of({"发稿地": "拉巴特"}) is None


def _article(text: str, fmt: str = "txt"):
    return article_from_text(text, doc_id="x", path=f"x.{fmt}", fmt=fmt, sha256="0", size_bytes=len(text),
                             encoding="utf-8")


def test_a_notice_signed_in_chinese_numerals_is_dated_and_numbered():
    article = _article("某某市人民政府办公室关于印发某某措施的通知\n\n某政办发〔2026〕12号\n\n各区人民政府：\n\n"
                       "现将措施印发给你们，请认真贯彻执行。\n\n某某市人民政府办公室\n二〇二六年十一月十九日\n")
    assert article.published == "2026-11-19"
    assert article.byline.document_number == "某政办发〔2026〕12号" == article.byline.other["文号"]
    assert article.byline.other["日期"] == "二〇二六年十一月十九日"   # the raw string stays (additive)


def test_a_wire_dateline_without_a_year_gives_no_date():
    article = _article("美国公布芯片补贴\n\n新华社华盛顿11月20日电（记者陈思远）美国商务部20日宣布了补贴。\n\n更多正文。\n")
    assert article.byline.source == "新华社" and article.published is None


def test_a_page_date_of_its_own_and_the_place_filed_from():
    page = ("<html><head><title>t</title></head><body><article><h1>摩洛哥电池</h1><div class=\"byline\">"
            "<span>记者 周岚 发自拉巴特</span><span class=\"time\">２０２６－１１－１９ ０８：３０</span></div>"
            "<p>正文很长的一段文字，说明了投资的情况和背景，以及各方的看法。</p><p>第二段正文也很长，继续说明投资的情况。</p>"
            "</article></body></html>")
    article = _article(page, "html")
    assert (article.published, article.byline.dateline, article.byline.other["发稿地"]) == \
        ("2026-11-19T08:30", "拉巴特", "拉巴特")


@pytest.mark.parametrize("text, published, dateline", [
    ("马来西亚芯片后段\n\n记者：林佩萱／吉隆坡报导\n2026.11.20\n\n正文在此，说明了情况。\n\n第二段。\n", "2026-11-20", "吉隆坡"),
    ("标题\n\n作者：某某 ｜ 发布日期：2026/11/19\n\n正文在此，说明了情况。\n", "2026-11-19", None),
    ("标题\n\n原创 周远舟 芯潮观察 2026年11月20日 08:30\n\n正文在此，说明了情况。\n", "2026-11-20T08:30", None),
    ("标题\n\n南洋科技圈 发布于 2026-11-23 08:30 来自 微博网页版\n\n正文在此，说明了情况。\n", "2026-11-23T08:30", None),
    ("标题\n\n来源：寰球财经周刊　作者：闵思远　2026-11-22 08:15　阅读 12,406\n\n正文在此，说明了情况。\n",
     "2026-11-22T08:15", None),
])
def test_byline_dates_become_the_publication_date(text, published, dateline):
    article = _article(text)
    assert (article.published, article.byline.dateline) == (published, dateline)
