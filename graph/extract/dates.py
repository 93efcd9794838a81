"""Dates as documents write them: single dates, numeric dates and date ranges.

Every finder returns spans into the text it was given, so callers can turn
them into evidence. Ranges keep what the text says, even when it is
implausible (a "visit" spanning a year): judging that is the caller's job.

>>> [(str(r.start_date), str(r.end_date)) for r in find_ranges("on 29 and 30 September, and 1 October 2020.")]
[('2020-09-29', '2020-10-01')]
>>> parse_date("4th March 2022"), parse_date("04/03/2022")
(datetime.date(2022, 3, 4), datetime.date(2022, 3, 4))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from graph.extract.text import MONTH, month_number

DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)\d\d"
_WS = r"[ \t\u00a0]*\n?[ \t\u00a0]*"  # a date may wrap onto the next line in PDF text
# One item of a date list: a day, optionally with its month and year.
_OF = rf"(?:of{_WS})?"  # "the 15 and 16 of May 2018"
_ITEM = rf"{DAY}(?:{_WS}{_OF}{MONTH}(?:,?{_WS}{YEAR})?)?"
_SEP = rf"{_WS}(?:,{_WS}and|,|and|to|until|till|through|[-\u2010\u2011\u2012\u2013\u2014]){_WS}"
_DMY = re.compile(rf"(?<![\w/])({DAY}){_WS}({MONTH}),?{_WS}({YEAR})(?!\w)", re.IGNORECASE)
_MDY = re.compile(rf"(?<![\w/])({MONTH}){_WS}({DAY}),{_WS}({YEAR})(?!\w)", re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\w/.])([0-3]?\d)[/.]([01]?\d)[/.]((?:19|20)\d\d)(?![\w/])")
_ISO = re.compile(r"(?<![\w/.\-])((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?![\w/\-])")  # 2018-01-29
_RANGE = re.compile(rf"(?<![\w/]){_ITEM}(?:{_SEP}{_ITEM})*(?!\w)", re.IGNORECASE)
_ITEM_PARTS = re.compile(rf"({DAY})(?:{_WS}{_OF}({MONTH})(?:,?{_WS}({YEAR}))?)?", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    """A date found at ``text[start:end]``."""

    date: dt.date
    start: int
    end: int


@dataclass(frozen=True)
class DateRange:
    """A date or a range of dates found at ``text[start:end]`` (``start == end`` for one day)."""

    start_date: dt.date
    end_date: dt.date
    start: int
    end: int
    year_inferred: bool = False  # the text gave no year; it was supplied by the caller

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _month(text: str) -> int:
    return month_number(text) or 0  # the patterns match only a month's name


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """``date(year, month, day)`` or None when there is no such day."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """The one date ``text`` holds ("10 January 2019", "4th Mar 2022", "May 3, 2019", "04/03/2022").

    >>> parse_date("Report published: 30 June 2014")
    datetime.date(2014, 6, 30)
    >>> parse_date("no date here") is None
    True
    """
    found = find_dates(text)
    return found[0].date if found else None


def find_dates(text: str) -> list[DateSpan]:
    """Every complete date in ``text`` (day, month and year), in order of position.

    >>> [(d.date.isoformat(), d.start) for d in find_dates("By Jo Lee, 04/03/2022. On 1 May 2020 and May 3, 2021")]
    [('2022-03-04', 11), ('2020-05-01', 26), ('2021-05-03', 41)]
    """
    out: list[DateSpan] = []
    for m in _DMY.finditer(text):
        d = make_date(int(m.group(3)), _month(m.group(2)), _day(m.group(1)))
        if d:
            out.append(DateSpan(d, m.start(), m.end()))
    for m in _MDY.finditer(text):
        d = make_date(int(m.group(3)), _month(m.group(1)), _day(m.group(2)))
        if d:
            out.append(DateSpan(d, m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        d = make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            out.append(DateSpan(d, m.start(), m.end()))
    for m in _ISO.finditer(text):
        d = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append(DateSpan(d, m.start(), m.end()))
    out.sort(key=lambda s: s.start)
    kept: list[DateSpan] = []
    for s in out:  # an overlapping later match is the same date read another way
        if not kept or s.start >= kept[-1].end:
            kept.append(s)
    return kept


def find_ranges(text: str, year: int | None = None) -> list[DateRange]:
    """Every date or date range in ``text`` that ends in a month and a year, in order.

    Forms: "10 January 2019", "26 and 27 October 2021", "24 to 25 October 2023",
    "29 and 30 September, and 1 October 2020", "30 April 2014 – 21 May 2014",
    "7 October 2024 to 18 October 2024", "30 December 2019 to 3 January 2020".
    A missing month or year is taken from the next item that has one; a range
    with no year at all ("on 30 and 31 January") is kept only when ``year`` is
    given, and then marked ``year_inferred``.

    >>> r = find_ranges("Inspection dates: 30 April 2014 – 21 May 2014")[0]
    >>> r.start_date.isoformat(), r.end_date.isoformat(), r.days
    ('2014-04-30', '2014-05-21', 22)
    >>> [(r.start_date.day, r.end_date.day) for r in find_ranges("on 26 and 27 October 2021")]
    [(26, 27)]
    """
    out: list[DateRange] = []
    for m in _RANGE.finditer(text):
        items = [(p.group(1), p.group(2), p.group(3), p.start(), p.end()) for p in _ITEM_PARTS.finditer(m.group(0))]
        # Trim items after the last one that carries a year: a range must end in a full date.
        last = max((i for i, it in enumerate(items) if it[2]), default=-1)
        inferred = last < 0 and year is not None
        if inferred:
            last = max((i for i, it in enumerate(items) if it[1]), default=-1)
        if last < 0:
            continue
        items = items[: last + 1]
        resolved: list[tuple[dt.date, int, int]] = []
        month: int | None = None
        current: int | None = year if inferred else None
        for day, mon, yr, s, e in reversed(items):
            if mon:
                month = _month(mon)
            if yr:
                current = int(yr)
            if month is None or current is None:
                break
            d = make_date(current, month, _day(day))
            if d is None:
                break
            resolved.append((d, m.start() + s, m.start() + e))
        if not resolved:
            continue
        resolved.reverse()
        first, final = resolved[0], resolved[-1]
        start_date, end_date = first[0], final[0]
        if not (items[0][1] or len(resolved) > 1):
            continue  # a bare day number with nothing after it is not a date
        # "31 December and 2 January 2020": an earlier item without a year that lands after the end rolls back.
        if start_date > end_date and not items[0][2] and start_date.replace(year=start_date.year - 1) <= end_date:
            start_date = make_date(start_date.year - 1, start_date.month, start_date.day) or start_date
        out.append(DateRange(start_date, end_date, first[1], final[2], inferred))
    return out
