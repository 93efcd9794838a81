"""How the press states Ofsted's grades, beyond the wording of Ofsted's own letters and reports.

Read for news articles only, so letters and reports read exactly as before. The wording lives in
``graph/lexicon/press_grades.json``; this module reads:

- a grade reached and the grade left ("downgraded from 'good' to 'requires improvement'"), an aim that is
  not a grade ("to move services from requires improvement to good"), a grade left behind ("moves out of
  'inadequate'");
- every area ("rated good in all four areas, including …"), areas listed after the grade ("'outstanding'
  judgements for the impact of leaders and …"), areas named the sentence before ("these services still
  require improvement");
- round-ups: "'good' authorities Rutland and York", "Slough council, rated inadequate in 2021, …";
- headlines and reported speech: "Torbay child protection service 'inadequate'", "Ofsted said it required
  improvement", a judging verb a few words before ("labelled its care of children 'inadequate'");
- years: the clause's own ("rated inadequate and in 2016 …"), two joined ("in 2013 and 2015"), and the year
  of the inspection an article reports (the latest it dates).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from graph.extract.base import facts_of
from graph.extract.grammar import QUOTE_OPEN, YEAR, Found, Grammar, area_pattern, areas_in, grade_of
from graph.extract.text import MONTH_NAME, Span, block_sentences
from graph.lexicon.gazetteer import gazetteer
from graph.lexicon.themes import grade_lexicon, press_lexicon
from graph.model import Assertion, Document, JudgementFact, PublishedFact, VisitFact


@dataclass(frozen=True)
class _Press:
    from_grade: re.Pattern[str]  # "downgraded from 'good' to …": the grade left
    to_grade: re.Pattern[str]  # "… from 'good' to 'requires improvement'": the grade reached
    left: re.Pattern[str]  # "moves out of 'inadequate'", "cost it its 'good' rating": a grade left behind
    down_from: re.Pattern[str]  # "rated inadequate, down from good in 2017": the grade held before
    reached: re.Pattern[str]  # "has now improved to requires improvement"
    area_is: re.Pattern[str]  # "adoption is outstanding", "adoption services were 'good'"
    these: re.Pattern[str]  # "these services still require improvement": the areas the sentence before named
    all_areas: re.Pattern[str]  # "rated good in all four areas (, including …)"
    area_ratings: re.Pattern[str]  # "'outstanding' judgements for the impact of leaders …"
    rated_councils: re.Pattern[str]  # "'inadequate' Surrey, Newham and Bradford", "good-rated Gateshead"
    reported: re.Pattern[str]  # "Ofsted said it required improvement"
    verbless: re.Pattern[str]  # headlines: "Birmingham children's services 'inadequate'", "… remain 'inadequate'"
    verb_gap: re.Pattern[str]  # a judging verb a few words before the grade
    clause_end: re.Pattern[str]


@cache
def _press() -> _Press:
    lex, press = grade_lexicon(True), press_lexicon()
    area_one = area_pattern(lex)
    grade_any = "|".join(p for _, p in lex.grades)
    quote_close = r"[’'\"”]?"
    return _Press(
        from_grade=re.compile(rf"\bfrom\s+(?:an?\s+)?(?:ofsted\s+)?(?:overall\s+)?{QUOTE_OPEN}$", re.IGNORECASE),
        to_grade=re.compile(
            rf"\bfrom\s+(?:an?\s+)?(?:ofsted\s+)?(?:overall\s+)?{QUOTE_OPEN}(?:{grade_any}){quote_close}"
            rf"\s+(?:rating\s+)?to\s+(?:an?\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        down_from=re.compile(rf"\b(?:down|up)\s+from\s+(?:an?\s+)?(?:previous\s+)?{QUOTE_OPEN}$", re.IGNORECASE),
        reached=re.compile(
            rf"\b(?:improv(?:ed|es|ing)|mov(?:ed|es|ing)|r[io]se[n]?|f[ae]ll(?:en)?|dropp(?:ed|ing)|slipp(?:ed|ing)"
            rf"|climb(?:ed|ing))\s+(?:(?:up|back|down)\s+)?to\s+(?:an?\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        left=re.compile(
            rf"\b(?:{press.left_behind})\b[^.;:!?]{{0,40}}?(?:\b(?:its|their|the|an?|this)\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        area_is=re.compile(
            rf"(?<![\w-])(?P<list>{area_one}(?:\s*,?\s+and\s+{area_one})*)(?:\s+services?)?\s+"
            rf"(?:is|are|was|were|remains?)\s+(?:(?:still|now|also)\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        these=re.compile(
            rf"\b(?:these|those|both)\s+(?:services|areas)\s+(?:(?:still|now|also|all)\s+)?"
            rf"(?:(?:is|are|were|was|remain)\s+)?(?:(?:{lex.judging_verbs})\s+(?:as\s+|to\s+be\s+)?)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        all_areas=re.compile(rf"^{quote_close}\s+(?:(?:ratings?|judge?ments)\s+)?{press.all_areas}", re.IGNORECASE),
        area_ratings=re.compile(rf"^{quote_close}\s+{press.area_ratings}(?:the\s+)?(?={area_one})", re.IGNORECASE),
        rated_councils=re.compile(
            rf"^{quote_close}(?:-rated|\s+rated)?\s+(?:{press.rated_nouns}\s+)?(?:(?:of|at|in|including)\s+)?",
            re.IGNORECASE,
        ),
        reported=re.compile(
            rf"\b(?:{press.reporting_verbs})\s+(?:that\s+)?{press.reported_subjects}\s+(?:(?:still|now|also)\s+)?"
            rf"(?P<aux>(?:is|are|was|were|remains?|remained)\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        verbless=re.compile(
            rf"(?<![\w-])(?P<list>{area_one}(?:\s+services?)?|children['’]s\s+services|child\s+services)"
            rf"(?:\s+(?:at|in)\s+(?-i:[A-Z])[\w&'’ -]{{0,60}}?)?\s+(?:(?:remains?|still|now|again|are|is)\s+){{0,2}}"
            rf"{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        verb_gap=re.compile(
            rf"\b(?:{lex.judging_verbs})\b(?P<gap>[^.;:!?]{{0,120}}?)\s*(?:\b(?:as|to\s+be)\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        clause_end=re.compile(r"[.;!?]|,\s+(?:while|whereas|but|although)\b|\s+[-–—]\s", re.IGNORECASE),
    )


def read_first(text: str, s: Span, gm: re.Match[str], g: Grammar) -> list[Found] | None:
    """A grade read the press's way before the common grammar is tried; ``[]`` when it must not be read."""
    p, press = _press(), press_lexicon()
    grade = grade_of(gm, g)
    before = text[max(s.start, gm.start() - 300) : gm.start()]
    after = text[gm.end() : min(s.end, gm.end() + 300)]
    if p.from_grade.search(before) and re.match(rf"^[’'\"”]?\s+(?:rating\s+)?to\s+{QUOTE_OPEN}", after):
        return [Found("overall_effectiveness", grade, False, gm.start(), gm.end(), past=True)]
    if p.down_from.search(before):
        return [Found("overall_effectiveness", grade, False, gm.start(), gm.end(), earlier=True)]
    if p.left.search(before):
        return []  # a grade left behind is not stated as a judgement: "moves out of 'inadequate'"
    clause = before[max((m.end() for m in p.clause_end.finditer(before)), default=0) :]
    rest = after[: min((m.start() for m in p.clause_end.finditer(after)), default=len(after))]
    # "the first to move from … to 'outstanding' in our last inspection in 2020": done, not aimed at
    dated = YEAR.search(rest) and re.search(r"\b(?:last|latest|previous|recent)\b", rest, re.IGNORECASE)
    if not dated and (press.aspiration.search(clause[-60:]) or press.aspiration.search(after[:40])):
        return []  # "to move services from requires improvement to good", "an overall 'good' rating is in sight"
    tm = p.to_grade.search(before) or p.reached.search(before)
    if tm:
        return [Found("overall_effectiveness", grade, False, gm.start() - len(before) + tm.start(), gm.end())]
    judged = bool(g.judging.search(text[s.start : gm.start()])) or "rat" in after[:12].lower()
    am = p.all_areas.match(after)
    if am and judged:
        listed = areas_in(rest[am.end() :], g)
        if re.search(r"\bfour\b", am.group(0), re.IGNORECASE) and {"children_in_care", "care_leavers"} <= {
            a for a, _ in listed
        }:  # four judgements (overall and three) are ILACS 2018-2022's, with one for children in care and leavers
            listed = [(a, x) for a, x in listed if a != "care_leavers"]
            listed = [("children_in_care_and_care_leavers" if a == "children_in_care" else a, x) for a, x in listed]
        found = [Found("overall_effectiveness", grade, False, gm.start(), gm.end() + am.end(), every_area=not listed)]
        return found + [Found(a, grade, False, gm.start(), gm.end() + am.end()) for a, _ in listed]
    tm = p.these.search(before)
    if tm:  # "Most children looked after and care leavers … . However, these services still require improvement"
        at = gm.start() - len(before) + tm.start()
        pieces = re.split(r"(?<=[.!?])['’\"”]?\s+", text[max(0, at - 300) : at])
        earlier = pieces[-2] if len(pieces) > 1 else ""
        return [Found(a, grade, False, at, gm.end()) for a, _ in areas_in(earlier, g)] or None
    im = p.area_is.search(before)
    if im:
        at = gm.start() - len(before) + im.start()
        return [Found(a, grade, False, at, gm.end()) for a, _ in areas_in(im.group("list"), g)]
    rm = p.area_ratings.match(after)
    if rm:
        return [Found(a, grade, False, gm.start(), gm.end() + rm.end()) for a, _ in areas_in(rest, g)] or None
    cm = p.rated_councils.match(after)
    if cm and (text[gm.start() - 1 : gm.start()] in "‘'\"“" or "rated" in cm.group(0).lower()):
        councils = _councils_listed(after[cm.end() : cm.end() + 120])
        if not councils and re.search(r"(?:ies|ils|ghs)\s*$", cm.group(0)):
            return []  # a class of councils, not a grade of one: "among the inadequate-rated councils"
        if councils:
            # a standing grade, not the news: "the 'inadequate' Surrey, Newham and Bradford"
            return [
                Found("overall_effectiveness", grade, False, gm.start(), gm.end(), past=True, council=c)
                for c in councils
            ]
    return None


def _councils_listed(text: str) -> list[tuple[str, str | None]]:
    """The councils a list at the start of ``text`` names: "Surrey, Newham, West Sussex and Bradford …"."""
    out: list[tuple[str, str | None]] = []
    at = 0
    for council, start, end in gazetteer().find_all(text):
        if not re.fullmatch(r"\s*(?:,|and|&)?\s*(?:(?:council|,)\s*)*(?:and\s+)?", text[at:start], re.IGNORECASE):
            break
        out.append((council.name, council.gss))
        at = end
    return out


_CLASS = re.compile(r"\b(?:councils|authorities|boroughs)\b(?:\s+(?:\w+\s+){0,2})?$", re.IGNORECASE)


def read_last(text: str, s: Span, gm: re.Match[str], g: Grammar) -> Iterator[Found]:
    """A grade the press states in a way the common grammar does not read: said of "it", a headline, or a
    judging verb a few words before ("labelled its care of children 'inadequate'")."""
    p, lex = _press(), grade_lexicon(True)
    grade = grade_of(gm, g)
    requires_form = grade == "requires_improvement" and "improvement" in gm.group(0).lower()
    before = text[max(s.start, gm.start() - 300) : gm.start()]
    if lex.blocked.search(before):
        return
    at = gm.start() - len(before)
    rm = p.reported.search(before)
    if rm and (requires_form or rm.group("aux")):
        yield Found("overall_effectiveness", grade, False, at + rm.start(), gm.end())
        return
    quoted = text[gm.start() - 1 : gm.start()] in "‘'\"“"
    vm = p.verbless.search(before)
    if vm and (quoted or requires_form):
        areas = areas_in(vm.group("list"), g) or [("overall_effectiveness", True)]
        for area, _ in areas:
            yield Found(area, grade, False, at + vm.start(), gm.end())
        return
    em = p.verb_gap.search(before)
    if em and _CLASS.search(before, max(0, em.start() - 40), em.start()):
        return  # "too many councils were rated inadequate": a class of councils, not this one
    if em and (
        g.grade.search(em.group("gap"))
        or re.search(
            r"\b(?:those|these|while|whereas)\b",
            before[max(0, em.start() - 30) : em.start()] + em.group("gap"),
            re.IGNORECASE,
        )
    ):
        return  # "judged inadequate … while sustaining those services judged to be good": another grade's clause
    if em and not re.search(r"\b(?:not|never|no)\b|,\s+(?:but|and|while|whereas)\b", em.group("gap"), re.IGNORECASE):
        areas = areas_in(em.group("gap"), g) or [("overall_effectiveness", True)]
        for area, _ in areas:
            yield Found(area, grade, False, at + em.start(), gm.end())


def areas_of_framework(year: int) -> tuple[str, ...]:
    """The areas an inspection framework in force in ``year`` grades (beside overall effectiveness)."""
    for first, areas in press_lexicon().framework_areas:
        if year >= first:
            return areas
    return ()


def combine_care(found: dict[JudgementFact, list[tuple[int, int]]], current: set[JudgementFact]) -> None:
    """An article's news in a year when children in care and care leavers were one judgement: the two
    graded alike ("good for children in care and for care leavers") are that one judgement."""
    for fact in sorted((f for f in current if f.area == "children_in_care"), key=repr):  # a stable order
        leavers = replace(fact, area="care_leavers")
        if leavers in current:
            both = replace(fact, area="children_in_care_and_care_leavers")
            found.setdefault(both, []).extend(found.pop(fact) + found.pop(leavers))
            current -= {fact, leavers}
            current.add(both)


# Words that put an article's judgement in the past, before the inspection it reports.
ARTICLE_PAST = re.compile(
    r"\b(?:previous(?:ly)?|last|prior|earlier|first|former(?:ly)?|had\s+(?:also\s+)?been|having\s+been|"
    r"at\s+the\s+time|years?\s+(?:after|since|ago)|after\s+being|since|until|originally)\b",
    re.IGNORECASE,
)
_REPORTED_VISIT = re.compile(r"\b(?:visit(?:ed|s)?|inspect(?:ion|ed|ors?)|spent)\b", re.IGNORECASE)


_LAST_INSPECTION = re.compile(
    r"\b(?:last|previous)\s+(?:full\s+)?(?:ofsted\s+)?inspect(?:ion|ed)\b[^.;]{0,12}?\b(?:in\s+)?"
    rf"(?:{MONTH_NAME}\s+)?"
    r"((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_HELD = re.compile(r"\b(?:again|remains?|remained)\b", re.IGNORECASE)


def previous_inspection(text: str) -> tuple[int, int] | None:
    """The year of the inspection before the one an article reports, and where the article says it:
    "since its last inspection in June 2013", "since they were last inspected in 2015".

    >>> previous_inspection("No progress has been made since its last inspection in June 2013.")
    (2013, 36)
    """
    m = _LAST_INSPECTION.search(text)
    return (int(m.group(1)), m.start()) if m else None


def held_before(text: str, s: Span, f: Found) -> bool:
    """The grade an article reports was the council's at the inspection before as well: "has again been
    rated inadequate", "remain 'inadequate'", or the grade it moved from."""
    return f.past or bool(_HELD.search(text, max(s.start, f.start - 40), f.end))


def reported_year(doc: Document, prior: Sequence[Assertion]) -> int | None:
    """The year of the inspection an article reports: its visit's dates, else the first sentence that dates it.

    >>> doc = Document.from_text("a.txt", "Inspectors visited the council in June 2019. It was rated good in 2015.")
    >>> reported_year(doc, [])
    2019
    """
    for v in facts_of(prior, VisitFact):
        date = v.end_date or v.start_date
        if date:
            return int(date.year)
    published = [p.date.year for p in facts_of(prior, PublishedFact)]
    text = doc.text
    years: list[int] = []  # the latest inspection the article dates is the one it reports
    for s in block_sentences(text):
        sentence = text[s.start : s.end]
        if _MONITORING.search(sentence):
            continue  # a monitoring visit gives no grade: its year is not a judgement's
        for visit in _REPORTED_VISIT.finditer(sentence):
            lead = sentence[max(0, visit.start() - 30) : visit.start()]
            if ARTICLE_PAST.search(lead) or _FOLLOWING.search(lead):
                continue  # "since the last inspection in 2015", "recommendations from the 2015 inspection"
            tail = sentence[visit.end() : visit.end() + 80]
            year = YEAR.search(tail) or _LOOSE_YEAR.search(tail)
            if year and not (ARTICLE_PAST.search(tail, 0, year.start()) or _FOLLOWING.search(tail, 0, year.start())):
                years.append(int(year.group(1)))
            elif noun := re.search(r"\b((?:19|20)\d\d)\s+(?:ofsted\s+)?$", lead):  # "the 2025 inspection"
                years.append(int(noun.group(1)))
            elif published and _THIS_YEAR.search(tail):
                years.append(int(published[0]))
    return max(years, default=None)


_LOOSE_YEAR = re.compile(
    r"\b(?:in|during)\s+(?:late|early|mid|the\s+(?:spring|summer|autumn|winter)\s+of)[\s-]+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_FOLLOWING = re.compile(r"\bfrom\b", re.IGNORECASE)
_MONITORING = re.compile(r"\bmonitoring\b", re.IGNORECASE)
_THIS_YEAR = re.compile(r"\bthis\s+year\b", re.IGNORECASE)
_YEAR_NOUN = re.compile(r"\b((?:19|20)\d\d)\s+(?:ofsted\s+)?(?:inspection|report|rating|judge?ment)", re.IGNORECASE)
# What ends a judgement's clause before a year that belongs to another: "rated inadequate and in 2016 …"
_CLAUSE_BARRIER = re.compile(
    r";|\b(?:and|but|while|whereas)\s+(?:in\s+(?:19|20)\d\d|ofsted|inspectors|the|it|its|then)\b"
    r"|,\s+(?:after|when|following|as|because|since|while|whereas|but|(?:down|up)\s+from)\b"
    r"|\bafter\s+(?:being|failing|ofsted|inspectors|it)\b",
    re.IGNORECASE,
)
# "The council, which was rated inadequate in 2018, has now improved to …": the year is the clause's it closes
_AFTER_COMMA = re.compile(r",\s+(?:has|have|had|is|are|now|but|and)\b", re.IGNORECASE)
_COMMA = re.compile(r",(?!\s*external\b)")
_YEAR_NEXT = re.compile(r"[’'\"”]?\s*,?\s*")  # "judged good, in 2019": the year is the grade's own
_YEAR_PAIR = re.compile(r"(?:\s*,\s*external)?\s*(?:,|and|&)\s*(?:in\s+)?((?:19|20)\d\d)\b")


def years_of(text: str, s: Span, start: int, end: int) -> list[int]:
    """The years an article gives a judgement at ``start:end``: the nearest in its own clause, and a second
    one joined to it ("rated inadequate in 2013 and 2015"); none from "for the second time since 2018".

    >>> t = "In 2013 it was rated inadequate and in 2016 inspectors upgraded the rating to good."
    >>> years_of(t, Span(0, len(t)), 22, 31), years_of(t, Span(0, len(t)), 78, 82)
    ([2013], [2016])
    """
    best: tuple[int, re.Match[str]] | None = None
    for pattern in (YEAR, _YEAR_NOUN):
        for m in pattern.finditer(text, s.start, s.end):
            pos = m.start(1)
            if re.search(r"\btime\s+$", text[max(s.start, m.start() - 12) : m.start()]):
                continue
            if pos >= end and (
                _CLAUSE_BARRIER.search(text, end, pos + 4)
                or (_COMMA.search(text, end, pos) and not _YEAR_NEXT.fullmatch(text, end, m.start()))
            ):
                continue
            if pos < start and (
                _CLAUSE_BARRIER.search(text, m.end(), start) or _AFTER_COMMA.search(text, m.end(), start)
            ):
                continue
            dist = start - pos if pos < start else pos - end
            if best is None or dist < best[0]:
                best = (dist, m)
    if best is None:
        return []
    years = [int(best[1].group(1))]
    pair = _YEAR_PAIR.match(text, best[1].end(1), s.end)
    if pair:
        years.append(int(pair.group(1)))
    return years


def council_before(
    text: str, s: Span, start: int, end: int, prior_gss: set[str | None]
) -> tuple[str, str | None] | None:
    """In an article, the council named last before a grade (``start:end``), close to it, when it is not the
    one the article is about: "Surrey council, rated inadequate in 2018, …" (but not "Unlike Kent, the
    council was rated good")."""
    at = max(s.start, start - 90)
    found = _councils_in(text[at:start])
    if found and found[-1][0][1] not in prior_gss and not _OWN_SUBJECT.search(text, at + found[-1][1], end):
        return found[-1][0]
    return None


_OWN_SUBJECT = re.compile(r"\b(?:the\s+(?:council|authority|borough|county|city)|we|our)\b", re.IGNORECASE)


def _councils_in(text: str) -> list[tuple[tuple[str, str | None], int]]:
    """The councils ``text`` names, each with where its mention ends."""
    return [((c.name, c.gss), end) for c, _, end in gazetteer().find_all(text)]
