"""The date the document itself carries: a letter's date line, a report's publication line, an article's dateline.

Dates in the body ("on 10 January 2019") or in a web page's sidebar teasers
are never taken: a document without its own date gets none.

>>> from graph.model import Document
>>> doc = Document.from_text("a.txt", "Ofsted\\nStore Street\\n\\n4 February 2019\\n\\nJo Bloggs\\nDear Jo\\n")
>>> [a.fact.date.isoformat() for a in run(doc.with_(doc_type="inspection_letter"), [])]
['2019-02-04']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from graph.extract.base import Extractor, assertion, by_kind
from graph.extract.dates import DateSpan, find_dates, make_date
from graph.extract.text import lines
from graph.model import Assertion, Document, DocumentType, PublishedFact

NAME = "published"
# A line that states the document's own publication date.
_CUE = re.compile(
    r"^[ \t*_#]*(?:Report[ \t]+published|Publication[ \t]+date|Date[ \t]+published|Published(?:[ \t]+on)?|"
    r"First[ \t]+published|Updated(?:[ \t]+on)?|Last[ \t]+updated|Last[ \t]+modified(?:[ \t]+on)?|"
    r"Posted(?:[ \t]+on)?|Date[ \t]+of[ \t]+publication)"
    r"[ \t*_]*:?[ \t*_]*(?P<rest>.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_BYLINE = re.compile(r"^[ \t*_]*By[ \t]+[A-Z][^\n]{0,80}$", re.MULTILINE)
_DEAR = re.compile(r"^[ \t*_#]*Dear\b", re.MULTILINE)
_HEADER_LINES = 30  # an article's dateline sits among its first lines (site furniture included), before the body
_LEAD_WORDS = 25  # a line this long is the article's first paragraph: the header is over
# What may stand beside an article's dateline on its line: a weekday, a time and zone, a cue word, separators,
# the section it is filed in ("in Children, Ofsted") or the byline's name ("Thomas Bridge | 02 December 2020").
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_TIME = r"\d{1,2}[:.]\d{2}(?:[ \t]*(?:am|pm))?(?:[ \t]*(?:GMT|BST|UTC|CET|CEST|EST|EDT|ET))?"
_CUE_WORD = (
    r"(?:Date|Dated|Published(?:[ \t]+on)?|First[ \t]+published|Posted(?:[ \t]+on)?|Updated(?:[ \t]+on)?|"
    r"Last[ \t]+updated|Last[ \t]+modified(?:[ \t]+on)?|Released|Issued)"
)
_FURNITURE = re.compile(
    rf"(?:{_WEEKDAY}|{_TIME}|{_CUE_WORD}|[|·•,:;/\-–—]|\b(?:on|at)\b)",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^in[ \t]+[A-Z][\w&’' ]{1,30}(?:,[ \t]*[A-Z][\w&’' ]{1,30}){0,3}$")
_NAME = re.compile(r"^(?:By[ \t]+)?[A-Z][\w’'\-]+(?:[ \t]+[A-Z][\w’'\-]+){1,3}$")


def _alone(doc: Document, start: int, end: int) -> DateSpan | None:
    """The date on ``text[start:end]`` when the line holds nothing else (page furniture aside)."""
    line = doc.text[start:end]
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    d = dates[0]
    rest = (line[: d.start] + line[d.end :]).strip(" \t*_#.,|")
    if rest and not re.fullmatch(r"(?:Date|Dated)\s*:?", rest, re.IGNORECASE):
        return None
    return DateSpan(d.date, start + d.start, start + d.end)


def letter_date(doc: Document) -> DateSpan | None:
    """A date alone on a line before the salutation (a letter's date line)."""
    dear = _DEAR.search(doc.text)
    limit = dear.start() if dear else min(len(doc.text), 1500)
    for start, end in lines(doc.text, 0, limit):
        found = _alone(doc, start, end)
        if found:
            return found
    for start, end in lines(doc.text, 0, min(len(doc.text), 5000)):  # page furniture moved below the salutation
        if start >= limit and (found := _alone(doc, start, end)):
            return found
    return None


def cue_date(doc: Document, limit: int | None = None) -> DateSpan | None:
    """The date on a "Report published:" / "Published" / "Updated" line (the first such line)."""
    for m in _CUE.finditer(doc.text, 0, limit if limit is not None else len(doc.text)):
        dates = find_dates(m.group("rest")[:60])
        if dates:
            d = dates[0]
            return DateSpan(d.date, m.start("rest") + d.start, m.start("rest") + d.end)
    return None


def _header_end(doc: Document) -> int:
    """Where an article's header ends: its first long paragraph, or its first lines."""
    count = 0
    for start, end in lines(doc.text):
        line = doc.text[start:end].strip()
        if not line:
            continue
        count += 1
        if count > _HEADER_LINES or len(line.split()) >= _LEAD_WORDS:
            return start
    return len(doc.text)


# A page's date as its metadata gives it, at the start of a line: "date 2018-01-29" (a caption may follow).
_META_DATE = re.compile(r"^[ \t]*(?:date|datetime|pubdate)[ \t]*:?[ \t]*(?=(?:19|20)\d\d-\d\d-\d\d\b)", re.I | re.M)
# A date in figures with a two-digit year, alone on a header line: "29.01.18".
_SHORT_YEAR = re.compile(r"^[ \t]*([0-3]?\d)[./]([01]?\d)[./](\d\d)[ \t]*$")


def _short_year(line: str) -> DateSpan | None:
    m = _SHORT_YEAR.match(line)
    d = make_date(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
    return DateSpan(d, m.start(1), m.end(3)) if m and d else None


def dateline(line: str) -> DateSpan | None:
    """The date of an article's dateline: a line holding one date and only dateline furniture.

    >>> [dateline(x).date.isoformat() for x in ("Thursday, November 18, 2021", "Wed 21 Feb 2018 00.01 GMT",
    ...     "Thomas Bridge | 02 December 2020", "July 29, 2019 in Children, Ofsted", "Date: Friday 16 September 2022")]
    ['2021-11-18', '2018-02-21', '2020-12-02', '2019-07-29', '2022-09-16']
    >>> dateline("The report was published on 3 May 2022.") is None
    True
    """
    dates = find_dates(line)
    if not dates:
        return _short_year(line)
    if len(dates) != 1:
        return None
    d = dates[0]
    before = _FURNITURE.sub(" ", line[: d.start]).strip(" \t*_#.")
    after = _FURNITURE.sub(" ", line[d.end :]).strip(" \t*_#.")
    if before and not _NAME.fullmatch(re.sub(r"\s+", " ", before)):
        return None
    if after and not _SECTION.match(re.sub(r"\s+", " ", line[d.end :].strip(" \t*_#.,|"))):
        return None
    return d


def article_date(doc: Document) -> DateSpan | None:
    """An article's dateline or byline date, from its header only; else a "Published"/"Updated" line."""
    head = _header_end(doc)
    meta = _META_DATE.search(doc.text, 0, head)
    if meta and (dates := find_dates(doc.text[meta.end() : meta.end() + 10])):
        return DateSpan(dates[0].date, meta.end() + dates[0].start, meta.end() + dates[0].end)
    for m in _BYLINE.finditer(doc.text, 0, head):
        dates = find_dates(m.group(0))
        if dates:
            return DateSpan(dates[0].date, m.start() + dates[0].start, m.start() + dates[0].end)
    for start, end in lines(doc.text, 0, head):
        found = dateline(doc.text[start:end])
        if found:
            return DateSpan(found.date, start + found.start, start + found.end)
    return cue_date(doc, limit=max(head, len(doc.text) // 2))


def of_letter(doc: Document) -> DateSpan | None:
    """A letter's date: its date line, else a "Published" line near the top."""
    return letter_date(doc) or cue_date(doc, limit=2000)


def of_report(doc: Document) -> DateSpan | None:
    """A report's date: its "Report published" line on the title page."""
    return cue_date(doc, limit=4000)


def extractor(applies_to: frozenset[DocumentType], find: Callable[[Document], DateSpan | None]) -> Extractor:
    """The extractor of the date ``find`` reads, for the document kinds it suits."""

    def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
        found = find(doc)
        if found is None:
            return []
        return [assertion(doc, PublishedFact(found.date), NAME, [(found.start, found.end)])]

    return Extractor(NAME, applies_to, PRODUCES, run)


PRODUCES = frozenset({"published"})
run = by_kind(NAME)
