"""The visit or inspection a document reports on: its kind, dates and inspectors, with quality flags.

Dates are kept as the text writes them; implausible ones (a focused visit
spanning a year, a letter dated before its visit ended) are flagged, not fixed.

>>> from graph.model import Document
>>> from graph.extract import authorities
>>> text = ("Focused visit to Bury children's services\\n\\nThis letter summarises the findings of a focused visit "
...         "to Bury children's services on 29 and 30 September, and 1 October 2020. Her Majesty's Inspectors for "
...         "this visit were Lisa Summers and Pauline Higham.")
>>> doc = Document.from_text("a.txt", text).with_(doc_type="inspection_letter")
>>> found = run(doc, authorities.run(doc, []))
>>> [(type(a.fact).__name__, getattr(a.fact, "name", getattr(a.fact, "visit_type", ""))) for a in found]
[('VisitFact', 'focused_visit'), ('InspectorFact', 'Lisa Summers'), ('InspectorFact', 'Pauline Higham')]
>>> found[0].fact.start_date.isoformat(), found[0].fact.end_date.isoformat()
('2020-09-29', '2020-10-01')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial

from graph.extract.base import Extractor, assertion, by_kind, facts_of
from graph.extract.dates import DateRange, find_dates, find_ranges, make_date
from graph.extract.text import HONORIFIC, article_body_end, caseless, caseless_any, line_matches, month_number
from graph.lexicon.frameworks import frameworks
from graph.lexicon.roles import role_lexicon
from graph.lexicon.visit_cues import visit_cues
from graph.model import (
    Assertion,
    AuthorityFact,
    Document,
    DocumentType,
    InspectorFact,
    PublishedFact,
    QualityFlag,
    VisitFact,
)

NAME = "visits"
_WS = r"[ \t]*\n?[ \t]*"
_S = r"[ \t\n]+"

# A cue that names an earlier visit in passing ("a focused visit in 2022", "the previous monitoring visit").
_EARLIER_BEFORE = re.compile(r"\b(?:previous|earlier|prior|(?P<y>(?:19|20)\d\d))[ \t\n]+$", re.I)
_RECENT_DAYS = 120  # a visit this close before an article is the one it reports on, not one it recalls
# An inspection whose kind the text does not name: "Ofsted inspectors found", "rated good by Ofsted",
# "an ILACS inspection", "an inspection of local authority children's services".
_INSPECTED = re.compile(
    r"\b(?:Ofsted|inspectors?)\b[^.]{0,200}\b(?:inspect\w*|rated|judged|found|said|visit\w*|report\w*)\b"
    r"|\b(?:requires[ \t\n]+improvement|inadequate|outstanding)\b[^.]{0,120}\bOfsted\b"
    r"|\b(?:rated|judged|graded)\b[^.]{0,60}\bby[ \t\n]+Ofsted\b"
    r"|\bILACS[ \t\n]+inspection|\binspection[ \t\n]+of[ \t\n]+local[ \t\n]+authority[ \t\n]+children",
    re.IGNORECASE,
)

_HMI = r"(?:(?:Her|His)[ \t\n]+Majesty[’']s[ \t\n]+Inspectors?|HMIs?|Ofsted[ \t\n]+Inspectors?|OIs?|inspectors?)"
# A list of names follows each of these.
_MAJESTY = r"(?:Her|His)[ \t\n]+Majesty[’']s[ \t\n]+[Ii]nspectors?(?:[ \t\n]*\(HMIs?\))?"
_INSPECTOR_CUES = (
    # "Her Majesty's Inspectors (HMI) for this visit were", "His Majesty's Inspectors for the visit were"
    re.compile(rf"{_HMI}(?:{_S}\(HMIs?\))?{_S}for{_S}(?:this|the){_S}(?:visit|inspection){_S}(?:was|were){_S}", re.I),
    re.compile(rf"{_MAJESTY}{_S}(?:was|were){_S}(?=[A-Z])"),  # "Her Majesty's Inspectors were A, B and C."
    re.compile(
        rf"(?:visit|inspection){_S}was{_S}(?:carried{_S}out|undertaken|conducted|led){_S}by{_S}(?:{_HMI}{_S})?",
        re.IGNORECASE,
    ),
    # The letter's opening sentence: "... a focused visit to X on 22 and 23 May 2018 carried out by A and B, HMI."
    re.compile(
        rf"(?:findings|summarises)[^.]{{0,250}}?\b(?:visit|inspection)\b[^.]{{0,200}}?"
        rf"\b(?:carried{_S}out|undertaken|conducted|led){_S}by{_S}(?:{_HMI}{_S})?",
        re.IGNORECASE,
    ),
    re.compile(rf"\bThe{_S}(?:(?P<lead>lead){_S})?inspectors?{_S}(?:was|were){_S}", re.IGNORECASE),
    re.compile(
        r"^[ \t]*(?:Team|Social[ \t]+care|Ofsted|Associate|Her[ \t]+Majesty[’']s)?[ \t]*inspectors?[ \t]*:[ \t]*",
        re.I | re.M,
    ),
)
# For each of ``_INSPECTOR_CUES``: what a text must hold for the cue to match in it, found much faster (None:
# nothing cheaper to look for). A text without it is not searched for the cue.
_CUE_NEEDS = (
    re.compile(rf"{caseless('for')}{_S}(?i:this|the){_S}(?i:visit|inspection){_S}(?i:was|were)[ \t\n]"),
    None,
    re.compile(rf"{caseless('was')}{_S}(?i:carried{_S}out|undertaken|conducted|led){_S}(?i:by)[ \t\n]"),
    None,
    re.compile(rf"{caseless('inspector')}(?i:s)?{_S}(?i:was|were)[ \t\n]"),
    None,
)
# "Lead inspector:" starts a line, or follows a sentence on the same line ("... from Ofsted. Lead inspector: A").
_LEAD_CUE = re.compile(
    r"(?:^|(?<=[.;:])[ \t]+)[ \t]*(?:(?P<lead>Lead|Reporting)|Deputy[ \t]+lead)[ \t]+inspectors?[ \t]*:?[ \t]+",
    re.I | re.M,
)
# What a line must hold for ``_LEAD_CUE`` to match on it (it matches within one line), found fast.
_LEAD_NEEDS = (re.compile(rf"{caseless_any(['lead', 'reporting'])}[ \t]+{caseless('inspector')}"),)
_SIGN_OFF = re.compile(
    r"Yours[ \t]+(?:sincerely|faithfully)[ \t,]*\n(?:[ \t]*\n)*[ \t]*(?P<name>[^\n]{3,60}?)[ \t,]*\n(?:[ \t]*\n)*"
    r"[ \t]*(?:(?:Her|His)[ \t]+Majesty[’']s[ \t]+Inspector|HMI|Senior[ \t]+HMI|Regional[ \t]+Director|"
    r"Ofsted[ \t]+Inspector)",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(
    rf"\(?\b(?:{_HMI}|lead[ \t\n]+inspector|deputy[ \t\n]+lead[ \t\n]+inspector|team[ \t\n]+inspector|"
    r"senior[ \t\n]+HMI|regulatory[ \t\n]+inspector|social[ \t\n]+care[ \t\n]+regulatory[ \t\n]+inspector)\b\)?",
    re.IGNORECASE,
)
_PERSON = re.compile(
    rf"^(?:{HONORIFIC}[ \t]+)?"
    r"(?P<name>[A-Z][\w’'\-]*\.?(?:[ \t\n]+[A-Z]\.?(?=[ \t\n]))?"  # a middle initial ("Fiona J Millns")
    r"(?:[ \t\n]+(?:(?:de|van|von|da|la|le|du|del|di|ter)[ \t\n]+)?[A-Z][\w’'\-]+){1,3})$"
)
_INITIAL = re.compile(r"[A-Z]\.?")
# Words that join the names of a list: "A and B", "A, supported by B", "A, with B".
_JOINERS = re.compile(r"\b(?:and|with|(?:supported|assisted|accompanied)[ \t\n]+by)\b")
_NOT_NAMES = frozenset({"Her", "His", "Majesty", "Inspector", "Inspectors", "Ofsted", "The", "Lead", "Team", "Social"})


@cache
def _kind_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """What names each kind of visit (``visits.json``), most specific first, then the press's extra cues."""
    cues = visit_cues()
    return (*cues.kind_patterns, *((k, re.compile(p, re.IGNORECASE)) for k, p in cues.type_cues.items()))


def _cue_type(text: str, skip_earlier: bool = False, dated: dt.date | None = None) -> tuple[str, int, int] | None:
    """The first cue in ``text`` that names a kind of visit.

    With ``skip_earlier``, a cue naming an earlier visit in passing is skipped: "the previous monitoring
    visit", and, given the document's date, "a focused visit in 2022" or "the 2019 inspection" (a visit
    dated months before the document; one just before it is the visit it reports on).
    """
    best: tuple[str, int, int] | None = None
    for kind, pattern in _kind_cues():
        for m in pattern.finditer(text):
            if skip_earlier and _earlier(text, m.start(), m.end(), dated):
                continue
            if best is None or m.start() < best[1]:
                best = (kind, m.start(), m.end())
            break
    return best


def _earlier(text: str, start: int, end: int, dated: dt.date | None) -> bool:
    """Whether the cue at ``text[start:end]`` names a visit before the one the document reports on."""
    cues = visit_cues()
    before = _EARLIER_BEFORE.search(text, max(0, start - 30), start)
    if before and before.group("y") is None:
        return True  # "the previous monitoring visit"
    if text[end : end + 1] == "s" and cues.count_before.search(text, max(0, start - 30), start):
        return True  # "seven monitoring visits"
    if cues.relative_after.match(text[end : end + 40].removeprefix("s")):
        return True  # "a focused visit the following year"
    after = _year_after().match(text[end : end + 50])
    stated = before or after
    if dated is None:
        return False
    if stated is None:
        return _dated_sentence_before(text, start, dated)
    month = (after.group("m") or "")[:3].lower() if after else ""
    return _long_before(int(stated.group("y")), month, dated)


def _long_before(year: int, month: str, dated: dt.date) -> bool:
    """Whether a stated month (or a whole year) ended more than ``_RECENT_DAYS`` before ``dated``."""
    n = month_number(month) or 12  # "in 2022": any month of it
    over = make_date(year + n // 12, n % 12 + 1, 1)  # the day after the stated month or year
    return over is not None and (dated - over).days > _RECENT_DAYS


_MONTH_YEAR = re.compile(r"\b(?:in|on|during|from)[ \t\n]+(?:(?P<m>[A-Z][a-z]+)[ \t\n]+)?(?P<y>(?:19|20)\d\d)\b")


def _dated_sentence_before(text: str, start: int, dated: dt.date) -> bool:
    """Whether the sentence before a cue dates what it tells months before the document ("was warned in
    April 2018 ... following a focused visit", in an article of 2019)."""
    open_ = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 200)
    found = list(_MONTH_YEAR.finditer(text, open_ + 1, start))
    if not found or _cue_type(text[open_ + 1 : start]):
        return False  # no date, or the date is another visit's ("a focused visit in 2022 ..., but this year's")
    m = found[-1]
    month = (m.group("m") or "")[:3].lower()
    return (month_number(month) is not None or not m.group("m")) and _long_before(int(m.group("y")), month, dated)


@cache
def _year_after() -> re.Pattern[str]:
    """A year (and month) stated right after a cue, perhaps after a noun ("a monitoring visit check in 2020")."""
    return re.compile(
        rf"^s?(?:[ \t\n]+(?:{visit_cues().noun_after}))?[ \t\n]+(?:in|of|from|during)[ \t\n]+"
        r"(?:\d{1,2}(?:st|nd|rd|th)?[ \t\n]+)?(?:(?P<m>[A-Z][a-z]+)[ \t\n]+)?(?P<y>(?:19|20)\d\d)\b"
    )


def _title_type(text: str) -> tuple[str, int, int] | None:
    """A kind named at the start of a line of a report's title page ("Joint targeted area inspection of X")."""
    for line in re.finditer(r"^[ \t#*]*(?P<line>[^\n]+)", text, re.MULTILINE):
        found = _cue_type(line.group("line"))
        before = text[: line.start("line")].rstrip(" \t\n").rsplit("\n", 1)[-1]
        continued = len(before) >= 60 or bool(re.search(r"[a-z,]$", before))  # a wrapped sentence, not a title
        if found and found[1] == 0 and not continued:
            return found[0], line.start("line") + found[1], line.start("line") + found[2]
    return None


def letter_type(doc: Document, dated: dt.date | None = None) -> tuple[str, int, int] | None:
    """The kind of visit a letter reports on, with the span that says so: the first its opening names."""
    return _cue_type(doc.text[:3000]) or ("inspection", 0, 0)


def report_type(doc: Document, dated: dt.date | None = None) -> tuple[str, int, int] | None:
    """The kind of inspection a report is of: the kind its title page names."""
    return _title_type(doc.text[:800]) or ("inspection", 0, 0)


def article_type(doc: Document, dated: dt.date | None = None) -> tuple[str, int, int] | None:
    """The kind of visit an article reports on (None: it reports on none): the first its headline and lead
    name, else the first its body names, passing over an earlier visit it recalls (``dated``: the article's
    own date)."""
    end = article_body_end(doc)
    found = _cue_type(doc.text[: min(end, 700)], True, dated) or _cue_type(doc.text[:end], True, dated)
    if found:
        return found
    m = _INSPECTED.search(doc.text, 0, end)
    return ("inspection", m.start(), m.end()) if m else None


def report_kind(doc: Document, dates: DateRange | None) -> tuple[str, str] | None:
    """``(record visit type, framework id)`` of an inspection report, from its own words and layout.

    The title names a single inspection (2013-2017) or an earlier framework; the ILACS judgement table
    ("The impact of leaders on social work practice") marks an ILACS report, one without an overall
    effectiveness grade the framework that began in 2026. An ILACS inspection is short when its first run
    of days on site lasts a week, standard when it lasts two.

    >>> text = "Inspection of Leeds local authority children's services\\n\\nInspection dates: 3 to 7 June 2019\\n" \\
    ...        "The impact of leaders on social work practice Good\\nOverall effectiveness Good\\n"
    >>> doc = Document.from_text("a.txt", text).with_(doc_type="inspection_report")
    >>> report_kind(doc, report_dates(doc))
    ('short_inspection', 'ilacs')
    """
    lex = frameworks()
    head, body = doc.text[: lex.title_chars], doc.text[: lex.body_chars]
    for f in lex.frameworks:
        if f.title is not None and not f.title.search(head):
            continue
        if not all(p.search(body) for p in f.requires) or any(p.search(body) for p in f.lacks):
            continue
        if f.record_type != "by_length":
            return f.record_type, f.id
        first = _first_run(doc, dates) if dates else None
        return (lex.kind_for_days(first) if first else None) or "inspection", f.id
    return None


def _first_run(doc: Document, dates: DateRange) -> int:
    """Days in the first run of an inspection's dates ("3 to 7 June and 1 to 2 July": 5)."""
    written = doc.text[dates.start : dates.end]
    parts = re.split(r"[ \t\n]+and[ \t\n]+(?=\d)", written)
    if len(parts) > 1:
        first = find_ranges(parts[0], dates.end_date.year if not re.search(r"(?:19|20)\d\d", parts[0]) else None)
        if first:
            return first[0].days
    return dates.days


def _each_council(doc: Document, councils: list[Assertion], kind: str) -> list[Assertion]:
    """An article covering several councils: a visit for each. Where each council heads its own section,
    the section says the kind and dates of its visit; else each visit has the article's kind, undated."""
    starts = [a.evidence[0].start for a in councils]
    lines = [(doc.text.rfind("\n", 0, x) + 1, (doc.text.find("\n", x) + 1 or len(doc.text) + 1) - 1) for x in starts]
    sectioned = starts == sorted(starts) and all(
        len(doc.text[s:e].split()) <= 6 and s <= x for (s, e), x in zip(lines, starts, strict=True)
    )
    end = article_body_end(doc)
    out: list[Assertion] = []
    for i, a in enumerate(councils):
        council: AuthorityFact = a.fact  # type: ignore[assignment]
        span = (a.evidence[0].start, a.evidence[0].end)
        own, dates = kind, None
        if sectioned:
            stop = starts[i + 1] if i + 1 < len(starts) else end
            found = _cue_type(doc.text[span[1] : stop], True)
            own = found[0] if found else kind
            dates = _range_within(doc, span[1], stop)
        fact = VisitFact(
            council.name,
            council.gss,
            own,
            dates.start_date if dates else None,
            dates.end_date if dates else None,
            visit=i,
        )
        out.append(assertion(doc, fact, NAME, [span, *([(dates.start, dates.end)] if dates else [])]))
    return out


def _range_within(doc: Document, start: int, end: int) -> DateRange | None:
    """The first visit dates a section between ``start`` and ``end`` states ("visited X on 20 and 21 May")."""
    for m in _ARTICLE_DATES.finditer(doc.text, start, end):
        for r in find_ranges(doc.text[m.end() : min(end, m.end() + 60)]):
            return DateRange(r.start_date, r.end_date, m.end() + r.start, m.end() + r.end, r.year_inferred)
    return None


def _range_after(
    doc: Document, pattern: re.Pattern[str], limit: int, within: int = 300, year: int | None = None
) -> DateRange | None:
    for m in pattern.finditer(doc.text, 0, min(limit, len(doc.text))):
        for r in find_ranges(doc.text[m.end() : m.end() + within], year):
            return DateRange(r.start_date, r.end_date, m.end() + r.start, m.end() + r.end, r.year_inferred)
        line_end = doc.text.find("\n", m.end())
        numeric = find_dates(doc.text[m.end() : line_end if line_end >= 0 else m.end() + within])
        if numeric:  # "Inspection date: 12/09/2016 to 06/10/2016"
            first, last = numeric[0], numeric[min(1, len(numeric) - 1)]
            return DateRange(first.date, last.date, m.end() + first.start, m.end() + last.end)
    return None


def _before(dates: DateRange, published: dt.date) -> DateRange:
    """A range whose year was inferred from the document's date, moved back a year if it would end after it."""
    if dates.end_date <= published:
        return dates
    start = make_date(dates.start_date.year - 1, dates.start_date.month, dates.start_date.day)
    end = make_date(dates.end_date.year - 1, dates.end_date.month, dates.end_date.day)
    if start is None or end is None:
        return dates
    return DateRange(start, end, dates.start, dates.end, True)


_LETTER_DATES = re.compile(
    r"(?:findings|summarises|summary)[^.]{0,200}?(?:visit|inspection)[^.]{0,200}?\b(?:on|between|from)\b", re.I
)
_REPORT_DATES = re.compile(
    r"Inspection[ \t]+dates?[ \t]*:?|Dates?[ \t]+of[ \t]+(?:the[ \t]+)?inspection[ \t]*:?"
    r"|inspection[ \t\n]+took[ \t\n]+place[ \t\n]+(?:on|from|between)",
    re.I,
)
_ARTICLE_DATES = re.compile(r"\b(?:visit\w*|inspect\w*)\b[^.]{0,80}?\b(?:on|between|from)[ \t\n]+(?=\d)", re.IGNORECASE)
_VISIT_SENTENCE = re.compile(r"\b(?:visit|inspection)[^.]{0,150}?\b(?:on|between|from)[ \t\n]+(?=\d)", re.I)


def letter_dates(doc: Document, published: dt.date | None = None) -> DateRange | None:
    """The dates of the visit a letter reports on, as written.

    A letter that gives the days without the year ("on 30 and 31 January") takes
    the year from its own date (the visit comes before the letter).
    """
    found = _range_after(doc, _LETTER_DATES, 5000, 120) or _range_after(doc, _VISIT_SENTENCE, 4000, 60)
    if found is None and published is not None:
        found = _range_after(doc, _LETTER_DATES, 5000, 120, published.year)
        return _before(found, published) if found else None
    return found


def report_dates(doc: Document, published: dt.date | None = None) -> DateRange | None:
    """The dates of a report's inspection: its "Inspection dates" line."""
    return _range_after(doc, _REPORT_DATES, 6000, 80)


def article_dates(doc: Document, published: dt.date | None = None) -> DateRange | None:
    """The dates an article gives for the visit it reports on."""
    return _range_after(doc, _ARTICLE_DATES, article_body_end(doc), 60)


def _names(doc: Document, start: int, end: int) -> list[tuple[str, int, int]]:
    """People's names in a list such as "A, HMI, B and C" at ``text[start:end]``."""
    chunk = _ROLE_WORDS.sub(lambda x: "," + " " * (len(x.group(0)) - 1), doc.text[start:end])
    out: list[tuple[str, int, int]] = []
    chunk = _JOINERS.sub(lambda x: "," + " " * (len(x.group(0)) - 1), chunk)
    for part in re.finditer(r"[^,;&]+", chunk):
        piece = part.group(0)
        lead = len(piece) - len(piece.lstrip(" \t\n.()"))
        piece = piece.strip(" \t\n.()")
        p = _PERSON.match(piece)
        if not p or any(w in _NOT_NAMES for w in p.group("name").split()):
            continue
        s = start + part.start() + lead + p.start("name")
        # "Given Family": a middle initial is dropped.
        words = re.sub(r"(?<=\w)-\s+(?=[A-Z])", "-", p.group("name")).split()  # "Thomson-\nJones" wrapped
        kept = [w for i, w in enumerate(words) if i in (0, len(words) - 1) or not _INITIAL.fullmatch(w)]
        out.append((" ".join(kept), s, s + len(p.group("name"))))
    return out


# A full stop, a blank line, or the next label ("Senior data analyst:"), on a new line or run into the same one.
_LIST_END = re.compile(
    r"\.(?=\s|$)|\n[ \t]*\n|\n[ \t]*[A-Z][\w ]{2,40}:|[ \t]+(?=[A-Z][a-z]+(?:[ \t]+[a-z]+){1,4}[ \t]*:)"
)


def _list_end(text: str, start: int, limit: int = 400) -> int:
    """Where a list of names starting at ``start`` ends: a full stop, a blank line or a labelled line."""
    m = _LIST_END.search(text, start, min(len(text), start + limit))
    return m.start() if m else min(len(text), start + limit)


def inspectors(doc: Document) -> list[tuple[str, bool, int, int]]:
    """The inspectors named as carrying out the visit: ``(name, lead, start, end)``."""
    found: dict[str, tuple[str, bool, int, int]] = {}

    def add(name: str, lead: bool, s: int, e: int) -> None:
        key = name.casefold()
        if key in found:
            if lead and not found[key][1]:
                found[key] = (found[key][0], True, found[key][2], found[key][3])
            return
        found[key] = (name, lead, s, e)

    for m in line_matches(_LEAD_CUE, _LEAD_NEEDS, doc.text, len(doc.text)):
        lead = bool(m.group("lead"))
        end = doc.text.find("\n", m.end())
        for name, s, e in _names(doc, m.end(), end if end >= 0 else len(doc.text)):
            add(name, lead, s, e)
    for cue, need in zip(_INSPECTOR_CUES, _CUE_NEEDS, strict=True):
        if need is not None and need.search(doc.text) is None:
            continue
        for m in cue.finditer(doc.text):
            names = _names(doc, m.end(), _list_end(doc.text, m.end()))
            lead = bool(m.groupdict().get("lead"))  # "The lead inspector was A, supported by B": A leads
            for i, (name, s, e) in enumerate(names):
                add(name, lead and i == 0, s, e)
    for m in _SIGN_OFF.finditer(doc.text):
        names = _names(doc, m.start("name"), m.end("name"))
        if len(names) == 1:
            add(names[0][0], True, names[0][1], names[0][2])
    return list(found.values())


_PRESS_NAME = r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)?[ \t]+(?:Mc|Mac|O’|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# "inspectors Jo Bloggs and Ann Smith found", "lead inspector Jo Bloggs commented", "HMI Jo Bloggs": not a chief
# inspector, who leads Ofsted rather than the visit.
_PRESS_INSPECTORS = re.compile(
    rf"(?<![Cc]hief[ \t])(?<![\w’'])(?P<lead>[Ll]ead[ \t]+)?(?:[Ii]nspectors?|HMI)[ \t]+"
    rf"(?P<names>{_PRESS_NAME}(?:(?:,[ \t]*|[ \t]+and[ \t]+){_PRESS_NAME})*)(?=[ \t]*[,.;:)]|[ \t]+[a-z])"
)


def press_inspectors(doc: Document) -> list[tuple[str, bool, int, int]]:
    """Inspectors an article names with their title: ``(name, lead, start, end)``."""
    out: dict[str, tuple[str, bool, int, int]] = {}
    for m in _PRESS_INSPECTORS.finditer(doc.text, 0, article_body_end(doc)):
        for n in re.finditer(_PRESS_NAME, m.group("names")):
            name = re.sub(r"\s+", " ", n.group(0))
            if any(w in _NOT_NAMES or w in role_lexicon().not_name_words for w in name.split()):
                continue
            out.setdefault(
                name.casefold(), (name, bool(m.group("lead")), m.start("names") + n.start(), m.start("names") + n.end())
            )
    return list(out.values())


def _flags(doc: Document, kind: str, dates: DateRange, published: PublishedFact | None) -> list[QualityFlag]:
    written = re.sub(r"\s+", " ", doc.text[dates.start : dates.end])
    flags: list[QualityFlag] = []
    if dates.year_inferred:
        flags.append(QualityFlag("visit_year_inferred", f"visit dates written without a year ({written})"))
    longest = visit_cues().max_days.get(kind, visit_cues().max_days["inspection"])
    if dates.end_date < dates.start_date:
        flags.append(QualityFlag("end_before_start", f"visit dates as written end before they start ({written})"))
    elif dates.days > longest:
        label = kind.replace("_", " ")
        if dates.start_date.year != dates.end_date.year and dates.days > 300:
            flags.append(
                QualityFlag("visit_spans_year", f"visit dates as written span a year ({written}); a {label} lasts days")
            )
        else:
            flags.append(
                QualityFlag(
                    "visit_too_long",
                    f"visit dates as written last {dates.days} days ({written}); "
                    f"a {label} lasts {longest} days at most",
                )
            )
    if published and published.date < dates.end_date:
        flags.append(
            QualityFlag(
                "dated_before_visit",
                f"document dated {published.date.isoformat()}, before the visit ends ({written})",
            )
        )
    return flags


def no_framework(doc: Document, dates: DateRange | None) -> tuple[str, str] | None:
    return None


@dataclass(frozen=True)
class Reading:
    """How one kind of document tells its visit: its kind, its dates, its inspectors, and (for a report) its
    framework; ``each_council``: a document about several councils reports a visit to each."""

    kind: Callable[[Document, dt.date | None], tuple[str, int, int] | None]
    dates: Callable[[Document, dt.date | None], DateRange | None]
    inspectors: Callable[[Document], list[tuple[str, bool, int, int]]]
    framework: Callable[[Document, DateRange | None], tuple[str, str] | None] = no_framework
    each_council: bool = False


LETTER = Reading(letter_type, letter_dates, inspectors)
REPORT = Reading(report_type, report_dates, inspectors, framework=report_kind)
ARTICLE = Reading(article_type, article_dates, press_inspectors, each_council=True)


def read(doc: Document, prior: Sequence[Assertion], how: Reading) -> list[Assertion]:
    """The visit ``doc`` reports on, read as ``how`` says."""
    councils = [a for a in prior if isinstance(a.fact, AuthorityFact)]
    published = next(iter(facts_of(prior, PublishedFact)), None)
    kind = how.kind(doc, published.date if published else None)
    if not councils or kind is None:
        return []
    council: AuthorityFact = councils[0].fact  # type: ignore[assignment]
    dates = how.dates(doc, published.date if published else None)
    spans = [e for e in ((kind[1], kind[2]),) if e[1] > e[0]]
    if dates:
        spans.append((dates.start, dates.end))
    framework = None
    if kind[0] == "inspection" and (found := how.framework(doc, dates)):
        kind, framework = (found[0], kind[1], kind[2]), found[1]
    fact = VisitFact(
        authority=council.name,
        gss=council.gss,
        visit_type=kind[0],
        start_date=dates.start_date if dates else None,
        end_date=dates.end_date if dates else None,
        framework=framework,
    )
    out = [assertion(doc, fact, NAME, spans or [(councils[0].evidence[0].start, councils[0].evidence[0].end)])]
    if how.each_council and len(councils) > 1:
        out = _each_council(doc, councils, kind[0])
    if len(out) == 1:
        for name, lead, s, e in how.inspectors(doc):
            out.append(assertion(doc, InspectorFact(name, lead), NAME, [(s, e)]))
    if dates:
        for flag in _flags(doc, kind[0], dates, published):
            out.append(assertion(doc, flag, NAME, [(dates.start, dates.end)]))
    return out


def extractor(applies_to: frozenset[DocumentType], how: Reading) -> Extractor:
    """The extractor of the visit a document of the kinds ``applies_to`` reports on, read as ``how`` says."""
    return Extractor(NAME, applies_to, PRODUCES, partial(read, how=how))


PRODUCES = frozenset({"visits", "visits[].inspectors", "quality_flags"})
run = by_kind(NAME)
