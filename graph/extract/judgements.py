"""Graded judgements a document states: ``{authority, area, grade, year}``.

The wording lives in ``graph/lexicon/grades.json``. A grade is read with the
service area it is about, found in one of four places, tried in order:

1. after it: "required improvement in respect of the experiences and progress of …";
   "judged good overall";
2. before it, with or without a verb: a judgement table row ("Overall effectiveness
   Good"), a heading, "adoption and care leavers were rated good";
3. as the object of an active verb: "which judged services to children in need of help
   and protection to require improvement to be good";
4. a whole-service subject with a judging verb: "the local authority was judged
   inadequate in 2015", "Darlington children's services requires improvement to be good".

A table row the PDF broke in two (the area on one line, its grade alone on the
next) is read as one row. A grade said of "the local authority" just after a
sentence naming an earlier inspection of one service ("The previous inspection
of the safeguarding arrangements was in May 2011.") is that service's. Children
in care and care leavers, judged together only under ILACS 2018-2023, are two
judgements in other years.

A report's own judgements (a table row or heading, present tense) take the
inspection's year; any other judgement takes the year its sentence (or the
sentence that opened its paragraph, "The previous inspection … was in April
2014.") gives, else none.

A news article is read with the press's wording as well (``press_grades.py``): its
undated judgements of the inspection it reports take that inspection's year, and
the judgements it names of other councils go to them.

    >>> from graph.model import Document
    >>> doc = Document.from_text("l.txt", "At the last inspection in November 2022, Dudley's services "
    ...     "to children were judged to be requires improvement to be good.").with_(doc_type="inspection_letter")
    >>> dudley = assertion(doc, AuthorityFact("Dudley", "E08000027"), "authorities")
    >>> [(f.area, f.grade, f.year) for f in (a.fact for a in run(doc, [dudley]))]
    [('overall_effectiveness', 'requires_improvement', 2022)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from graph.errors import GraphError
from graph.extract.base import Extractor, assertion, by_kind, facts_of
from graph.extract.grammar import ADV, AUX, QUOTE_OPEN, YEAR, Found, Grammar, areas_in, grade_of, grammar
from graph.extract.press_grades import (
    ARTICLE_PAST,
    areas_of_framework,
    combine_care,
    council_before,
    held_before,
    previous_inspection,
    read_first,
    read_last,
    reported_year,
    years_of,
)
from graph.extract.text import BULLET, Span, caseless, paragraphs
from graph.lexicon.gazetteer import gazetteer
from graph.lexicon.themes import GradeLexicon, grade_lexicon
from graph.model import Assertion, AuthorityFact, Document, DocumentType, JudgementFact, PublishedFact, VisitFact

NAME = "judgements"
_PAST_INSPECTION = re.compile(
    r"\b(?:previous|last|prior|earlier|predecessor)\b[^.]{0,80}?\binspect(?:ion|ed)\b|\binspected\b", re.IGNORECASE
)
_INSPECT = re.compile(caseless("inspect"))  # what every match of ``_PAST_INSPECTION`` holds, found fast
_INSPECTION_DATES = re.compile(r"Inspection dates?\s*:?([^\n]{0,80})", re.IGNORECASE)
# A rating left behind: "shaken off their 'inadequate' rating", "no longer 'inadequate'", "moved from 'good'".
_SHED = re.compile(
    r"\b(?:shak(?:en|e|ing)\s+off|shed|lost|los(?:e|ing)|escaped?|no\s+longer|from|out\s+of|removed?)\s+"
    r"(?:(?:its|their|the|an?|this)\s+)?(?:(?:previous(?:ly)?|former(?:ly)?|earlier|past)\s+)?[‘'\"“]?$",
    re.IGNORECASE,
)
# --- reading one document --------------------------------------------------------------------


def _read_sentence(
    text: str, s: Span, g: Grammar, names: re.Pattern[str] | None, press: bool = False
) -> Iterator[Found]:
    if g.grade_word is not None and g.grade_word.search(text, s.start, s.end) is None:
        return  # no grade's wording in the sentence (a search far cheaper than the grades')
    for gm in g.grade.finditer(text, s.start, s.end):
        first = read_first(text, s, gm, g) if press else None
        if first is not None:
            yield from first
            continue
        found = list(_read_grade(text, s, gm, g, names, press))
        if press and not found:
            found = list(read_last(text, s, gm, g))
        yield from found


def _read_grade(
    text: str, s: Span, gm: re.Match[str], g: Grammar, names: re.Pattern[str] | None, press: bool
) -> Iterator[Found]:
    lex = grade_lexicon(press)
    grade = grade_of(gm, g)
    requires_form = grade == "requires_improvement" and "improvement" in gm.group(0).lower()
    before = text[max(s.start, gm.start() - 300) : gm.start()]
    after = text[gm.end() : min(s.end, gm.end() + 300)]
    judged = requires_form or bool(g.judging.search(text[s.start : gm.start()]))
    start = gm.start()
    aw = g.as_were.match(after)
    if aw and judged:  # "… were judged good, as were the experiences and progress of care leavers"
        for area, _ in areas_in(aw.group("list"), g):
            yield Found(area, grade, False, start, gm.end() + aw.end())
    rm = g.rating_after.match(after)
    if rm and not lex.blocked.search(before) and not g.area_list_before.search(before) and not _SHED.search(before):
        # "kept its 'good' overall rating", "retain 'outstanding' Ofsted rating"
        yield Found("overall_effectiveness", grade, False, start, gm.end() + rm.end(), bool(rm.group("overall")))
        return
    # 1. the area follows the grade
    am = g.after_area.match(after)
    if am and judged:
        for area, _ in areas_in(am.group("list"), g):
            yield Found(area, grade, False, start, gm.end() + am.end())
        return
    if g.after_overall.match(after) and judged:
        yield Found("overall_effectiveness", grade, False, start, gm.end())
        return
    # 2. an area list before the grade
    bm = g.area_list_before.search(before)
    if bm:
        areas = areas_in(bm.group("list"), g)
        strong = requires_form or bm.group("jv") is not None or "judg" in bm.group("conn").lower()
        if areas and (strong or all(long for _, long in areas)):
            own = bm.group("jv") is None and not lex.past_markers.search(bm.group("conn"))
            for area, _ in areas:
                yield Found(area, grade, own, gm.start() - len(before) + bm.start(), gm.end())
            return
    if re.match(
        r"[’'\"”]?\s+(?:for(?!\s+(?:the|a)\s+(?:[\w-]+\s+){0,2}time\b)|in\s+respect\s+of|in\s+relation\s+to)\s",
        after,
        re.IGNORECASE,
    ):
        return  # graded for something that is not a service area ("outstanding for safeguarding")
    # 3. the object of an active verb
    am = g.active_before.search(before)
    if am:
        areas = areas_in(am.group("list"), g)
        for area, _ in areas or [("overall_effectiveness", True)]:
            yield Found(area, grade, False, gm.start() - len(before) + am.start(), gm.end())
        return
    # 4. a whole-service subject
    if lex.blocked.search(before):
        return
    om = g.overall_before.search(before)
    if om:
        start = gm.start() - len(before) + om.start()
        yield Found("overall_effectiveness", grade, False, start, gm.end(), overall_said=True)
        return
    sm = g.subject_before.search(before) or (names.search(before) if names else None)
    if sm:
        subject = sm.groupdict().get("subj") or ""
        lead = _lead_areas(text[s.start : gm.start() - len(before) + sm.start()], g) if press else []
        if lead:  # "Adoption performance in Norfolk's children's services was rated outstanding"
            for area, _ in lead:
                yield Found(area, grade, False, gm.start() - len(before) + sm.start(), gm.end())
            return
        if re.match(r"services\b", subject, re.IGNORECASE):
            start = gm.start() - len(before) + sm.start()
            named = _areas_of_services(text, start, subject[len("services") :] + sm.group("gap"), g)
            for area_id in named:
                yield Found(area_id, grade, False, start, gm.end())
            if named:
                return
        # the year is looked for from the verb on:
        # "Leeds was rated outstanding in 2018, having been judged good in 2015"
        gap_end = sm.end("gap") if sm.groupdict().get("gap") is not None else sm.start()
        verb = gm.start() - len(before) + gap_end
        yield Found(
            "overall_effectiveness", grade, False, gm.start() - len(before) + sm.start(), gm.end(), year_at=verb
        )
        return
    pm = g.pronoun_before.search(before)
    if pm:  # "It was judged to be good.": the earlier inspection's service, if a sentence named one
        yield Found(
            "overall_effectiveness", grade, False, gm.start() - len(before) + pm.start(), gm.end(), pronoun=True
        )
        return
    if requires_form and "good" in gm.group(0).lower() or not requires_form:
        im = g.services_in_before.search(before)
        if im and (requires_form or im.group(0).lower().rstrip(" ‘'\"“").endswith(("are", "is"))):
            yield Found("overall_effectiveness", grade, True, gm.start() - len(before) + im.start(), gm.end())


def _lead_areas(lead: str, g: Grammar) -> list[tuple[str, bool]]:
    """The area a sentence's subject opens with, before the services it belongs to: "Adoption performance in
    Norfolk's …" (not an area named anywhere before the subject)."""
    lead = lead.strip()
    m = g.area.match(lead, len(lead) - len(re.sub(r"^the\s+", "", lead, flags=re.IGNORECASE)))
    if m and re.fullmatch(r"(?:\s+services?)?\s+(?:in|at|of|for|within)\s+[^,;:.]{0,80}", lead[m.end() :]):
        return areas_in(m.group(0), g)
    return []


def _areas_of_services(text: str, subject: int, gap: str, g: Grammar) -> list[str]:
    """The areas a subject "services" names: "services for care leavers, which were …", "adoption services were …"."""
    gm = g.services_gap.fullmatch(gap)
    if gm:
        return [area for area, _ in areas_in(gm.group("list"), g)]
    em = g.area_end.search(text, max(0, subject - 80), subject)
    if em:
        return [area for area, _ in areas_in(em.group(0), g)]
    return []


# Children in care and care leavers were one judgement only under ILACS from 2018 to 2022: apart under the
# single inspection framework (2013-2017) and again under ILACS from 2023.
COMBINED_CARE_YEARS = range(2018, 2024)  # inspections early in 2023 were still reported on the combined area


def _framework_areas(area: str, year: int | None) -> tuple[str, ...]:
    """The areas a judgement stands for in its framework: the combined area, in a year without it, is two."""
    if area == "children_in_care_and_care_leavers" and year is not None and year not in COMBINED_CARE_YEARS:
        return ("children_in_care", "care_leavers")
    return (area,)


def _topic(sentence: str, lex: GradeLexicon) -> str | None:
    """What an earlier inspection a sentence names was of: an area id, "blocked" (not the council's
    children's services: a children's home, the LSCB …), or None (the services as a whole)."""
    if lex.topic_blocked.search(sentence):
        return "blocked"
    for area, pattern in lex.topic_areas:
        if pattern.search(sentence):
            return area
    return None


def _split_row(text: str, heading: Span | None, block: Span, g: Grammar) -> Iterator[Found]:
    """A judgement table row broken over two blocks: an area heading, then a block that is only its grade
    ("2. Children looked after and achieving permanence" / "Good"; "Leadership and management" / "Grade 4
    (Inadequate)")."""
    if heading is None:
        return
    # the heading first: few blocks follow an area's name on one line, and the block need not be searched then
    line = g.area_line.fullmatch(text, heading.start, heading.end)
    if line is None or text.find("\n", heading.start, heading.end) >= 0:
        return
    gm = g.grade.search(text, block.start, block.end)
    if gm is None or not re.fullmatch(r"(?:grade\s+[1-4]\s*\(\s*)?", text[block.start : gm.start()], re.IGNORECASE):
        return
    if not re.fullmatch(r"(?:\s*\)|\s+grade\s+[1-4])?\s*\.?", text[gm.end() : block.end], re.IGNORECASE):
        return
    for area, _ in areas_in(line.group("list"), g):
        yield Found(area, grade_of(gm, g), True, heading.start, gm.end())


def _name_pattern(names: Sequence[str], press: bool = False) -> re.Pattern[str] | None:
    """Council names as subjects: "Reading was judged as …", "Darlington requires improvement to be good"."""
    forms = sorted({n for n in names if n}, key=len, reverse=True)
    if not forms:
        return None
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in forms)
    council = r"(?:\s+(?:City|County|Borough|Metropolitan\s+Borough|District)?\s*Council)?(?:['’]s\s+services)?"
    verbs = grade_lexicon(press).judging_verbs
    return re.compile(
        rf"(?<![\w-])(?:{alt}){council}(?:(?P<gap>[^.;!?]{{0,60}}?)\s+{AUX}\s+{ADV}(?:overall\s+)?(?:{verbs})\s+"
        rf"(?:overall\s+)?(?:to\s+be\s+|as\s+)?|\s+(?=requires?\s+improvement\s+to\s+be\s+good)){QUOTE_OPEN}$",
        re.IGNORECASE,
    )


def _year_near(text: str, s: Span, start: int, end: int) -> int | None:
    """The year the sentence gives for the judgement at ``start:end``: the nearest dated phrase."""
    best: tuple[int, int] | None = None
    for m in YEAR.finditer(text, s.start, s.end):
        pos = m.start(1)
        dist = start - pos if pos < start else pos - end
        if best is None or dist < best[0]:
            best = (dist, int(m.group(1)))
    return best[1] if best else None


def _own_year(doc: Document, prior: Sequence[Assertion]) -> int | None:
    for v in facts_of(prior, VisitFact):
        date = v.end_date or v.start_date
        if date:
            return int(date.year)
    m = _INSPECTION_DATES.search(doc.text)
    if m:
        years = re.findall(r"(?:19|20)\d\d", m.group(1))
        if years:
            return int(years[-1])
    return None


_COUNCIL_NAME = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+)(?:(?:and|upon|on|of|the|[A-Z][\w'’-]+)\s+){0,4}?)"
    r"(?:(?:County|City|Borough|Metropolitan\s+Borough|District)\s+)?Council\b"
)


def _other_council(text: str, prior_gss: set[str | None]) -> tuple[str, str | None] | None:
    """A council named "… Council" in ``text`` that the document is not about."""
    for m in _COUNCIL_NAME.finditer(text):
        try:
            hit = gazetteer().lookup(re.sub(r"\s+", " ", m.group(0)))
        except (LookupError, ValueError, GraphError):
            continue
        if hit is not None and hit.gss not in prior_gss:
            return hit.name, hit.gss
    return None


@dataclass(frozen=True)
class Reading:
    """What a kind of document adds to the common reading of grades: the press's wording (``press``: an
    article), or a report's own judgement table (``report``: its rows, split rows and present-tense grades
    take the inspection's year)."""

    press: bool = False
    report: bool = False


LETTER = Reading()
REPORT = Reading(report=True)
ARTICLE = Reading(press=True)


def read(doc: Document, prior: Sequence[Assertion], how: Reading) -> list[Assertion]:
    """The judgements ``doc`` states, read as ``how`` says."""
    text = doc.text
    press = how.press
    g = grammar(press)
    lex = grade_lexicon(press)
    councils: list[AuthorityFact] = facts_of(prior, AuthorityFact)
    authority = councils[0].name if councils else None
    gss = councils[0].gss if councils else None
    prior_gss = {c.gss for c in councils}
    names = _name_pattern([c.name for c in councils], press)
    own_year = _own_year(doc, prior) if how.report else None
    article_year = reported_year(doc, prior) if press else None
    published = [p.date.year for p in facts_of(prior, PublishedFact)]
    framework_year = published[0] if published else article_year
    before = previous_inspection(text) if press else None
    found: dict[JudgementFact, list[tuple[int, int]]] = {}
    current: set[JudgementFact] = set()  # an article's undated judgements of the inspection it reports
    carried: tuple[int | None, str | None] | None = None  # the context a list's lead-in ("…were:") hands on
    previous_end = 0
    heading: Span | None = None
    for block, block_sentences in paragraphs(text):
        bulleted = bool(BULLET.search(text[previous_end : block.start]) or text[block.start] in "-–*")
        if carried and not bulleted:
            carried = None
        context_year, context_topic = carried or (None, None)
        past_list = carried is not None
        previous_end = block.end
        split = list(_split_row(text, heading, block, g)) if how.report else []
        heading = block
        if split and authority is not None:
            for f in split:
                found.setdefault(JudgementFact(authority, gss, f.area, f.grade, own_year), []).append((f.start, f.end))
            continue
        for s in block_sentences:
            sentence = text[s.start : s.end]
            if _INSPECT.search(sentence) and _PAST_INSPECTION.search(sentence) and YEAR.search(sentence):
                context_year = _year_near(text, s, s.start, s.start)
                context_topic = _topic(sentence, lex)
            for f in _read_sentence(text, s, g, names, press):
                area = f.area
                if f.pronoun and not (press and context_topic is None):
                    if context_topic in (None, "blocked"):
                        continue
                    area = context_topic
                if area == "overall_effectiveness" and context_topic == "blocked" and not YEAR.search(sentence):
                    continue
                if area == "overall_effectiveness" and context_topic not in (None, "blocked") and not f.overall_said:
                    if not YEAR.search(sentence):
                        area = context_topic  # "The previous inspection of adoption services … . It was judged good."
                tail = text[f.end : min(s.end, f.end + 40)]
                at = f.start if f.year_at is None else f.year_at
                near = _year_near(text, s, at, f.end)
                years = years_of(text, s, at, f.end) if press else [near] if near else []
                stated = years[0] if years else (None if press else context_year)
                if f.past:
                    years, stated = [], None  # "from 'good' to …": the year given is the new grade's
                if (
                    how.report
                    and not past_list
                    and (
                        (f.own and not YEAR.match(tail.lstrip()))
                        or (stated is None and not lex.past_markers.search(text[s.start : f.end]))
                    )
                ):
                    year = own_year
                else:
                    year = stated
                news = (
                    press
                    and year is None
                    and not (f.past or f.earlier)
                    and not ARTICLE_PAST.search(text, s.start, f.end)
                )
                who, code = authority, gss
                other = f.council or _other_council(text[s.start : f.end], prior_gss)
                if other is None and press:
                    other = council_before(text, s, f.start, f.end, prior_gss)
                if other:
                    who, code = other
                if who is None:
                    continue
                if news and article_year and who == authority:
                    year = article_year  # an article's news: the judgement of the inspection it reports
                areas = [area]
                if f.every_area and news and framework_year:  # "rated good in all four areas"
                    areas += areas_of_framework(framework_year)
                framework = year or (framework_year if press else None)
                whens = [year, *years[1:]]
                if (
                    before
                    and who == authority
                    and area == "overall_effectiveness"
                    and not s.start <= before[1] < s.end
                    and held_before(text, s, f)
                ):  # "has again been rated inadequate" … "since its last inspection in June 2013"
                    whens.append(before[0])
                for one in (a for listed in areas for a in _framework_areas(listed, framework)):
                    for when in whens:
                        fact = JudgementFact(who, code, one, f.grade, when)
                        found.setdefault(fact, []).append((f.start, f.end))
                        if news:
                            current.add(fact)
        if text[block.start : block.end].rstrip().endswith(":") and context_year is not None:
            carried = (context_year, context_topic)
    if framework_year and "children_in_care_and_care_leavers" in areas_of_framework(framework_year):
        combine_care(found, current)
    dated = {(f.authority, f.area, f.grade) for f in found if f.year is not None}
    return [
        assertion(doc, fact, NAME, spans[:3])
        for fact, spans in found.items()
        if fact.year is not None or fact in current or (fact.authority, fact.area, fact.grade) not in dated
    ]


def extractor(applies_to: frozenset[DocumentType], how: Reading) -> Extractor:
    """The extractor of the judgements a document of the kinds ``applies_to`` states, read as ``how`` says."""
    return Extractor(NAME, applies_to, PRODUCES, partial(read, how=how))


PRODUCES = frozenset({"judgements"})
run = by_kind(NAME)
