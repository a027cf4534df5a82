"""Publication dates (schema 1.4): each date form a byline uses, and no date without a year."""

from __future__ import annotations

import pytest

from pipeline.dates import iso_date, published_of


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

