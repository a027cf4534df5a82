"""An article's publication date, read from the date strings its byline carries (schema 1.4).

A small regex covers the forms Chinese bylines, date lines and page metadata use: 2026年11月19日,
2026-11-19 08:30, 2026/11/19, 2026.11.19, full-width digits, and the Chinese numerals official notices
date with (二〇二六年十一月十九日, read with cn2an, imported only when such a date is met). dateparser
was measured against it: 0.25 s to import and compile its Chinese patterns in each process, no
Chinese-numeral dates, and a date-time at midnight it cannot tell from a bare date.

A date without a year (a wire dateline's 11月20日) gives None: the year is not guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Mapping

_FULLWIDTH = str.maketrans("０１２３４５６７８９：－／．", "0123456789:-/.")
_TIME = r"(?:\s*T?\s*(?P<hour>\d{1,2})\s*(?::|时|点)\s*(?P<minute>\d{1,2})(?:\s*(?::|分)\s*(?P<second>\d{1,2})(?!\d))?)?"
_DIGIT_DATE = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s*(?:年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日"
    r"|(?P<sep>[-/.])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<d2>\d{1,2})(?!\d))" + _TIME)
_HAN_DIGITS = "〇○零一二三四五六七八九"
_HAN_DATE = re.compile(rf"(?P<year>[{_HAN_DIGITS}]{{4}})\s*年\s*(?P<month>[{_HAN_DIGITS}十]{{1,3}})\s*月"
                       rf"\s*(?P<day>[{_HAN_DIGITS}十]{{1,3}})\s*日")

# byline labels whose value is the article's date, most specific first (the ingest keeps them in byline.other)
DATE_LABELS = ("发布日期", "发布时间", "发表日期", "发表时间", "发文日期", "成文日期", "日期")


def iso_date(raw: str | None) -> str | None:
    """`raw`'s date as ISO 8601: "2026-11-19", or "2026-11-19T08:30" when a time is given; None when it
    names no whole date (no year, no day, or not a real date)."""
    if not raw:
        return None
    text = raw.translate(_FULLWIDTH)
    if m := _DIGIT_DATE.search(text):
        year, month, day = int(m["year"]), int(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])
        clock = (m["hour"], m["minute"], m["second"])
    elif m := _HAN_DATE.search(text):
        try:
            year, month, day = _han_number(m["year"]), _han_number(m["month"]), _han_number(m["day"])
        except ValueError:   # not a numeral cn2an reads (十十)
            return None
        clock = (None, None, None)
    else:
        return None
    try:
        day_of = date(year, month, day)
    except ValueError:   # 2026年2月30日
        return None
    if clock[0] is None:
        return day_of.isoformat()
    try:
        at = datetime(year, month, day, int(clock[0]), int(clock[1]), int(clock[2] or 0))
    except ValueError:   # 25:00 is no time; the date still stands
        return day_of.isoformat()
    return at.isoformat(timespec="seconds" if clock[2] else "minutes")


def _han_number(numeral: str) -> int:
    """二〇二六 -> 2026, 十一 -> 11, 二十九 -> 29 (cn2an reads both digit strings and counted numbers)."""
    import cn2an

    return int(cn2an.cn2an(numeral.replace("○", "〇"), "smart"))


def published_of(other: Mapping[str, str]) -> str | None:
    """The publication date among a byline's notes: the first date label whose value is a whole date."""
    for label in DATE_LABELS:
        if (found := iso_date(other.get(label))) is not None:
            return found
    return None
