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

    >>> from graph.model import Document
    >>> doc = Document.from_text("l.txt", "At the last inspection in November 2022, Dudley's services "
    ...     "to children were judged to be requires improvement to be good.").with_(doc_type="inspection_letter")
    >>> dudley = assertion(doc, AuthorityFact("Dudley", "E08000027"), "authorities")
    >>> [(f.area, f.grade, f.year) for f in (a.fact for a in run(doc, [dudley]))]
    [('overall_effectiveness', 'requires_improvement', 2022)]
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from graph.errors import GraphError
from graph.extract.base import Extractor, assertion, facts_of
from graph.lexicon.themes import GradeLexicon, grade_lexicon
from graph.model import Assertion, AuthorityFact, Document, JudgementFact, VisitFact

NAME = "judgements"
BULLETS = "•◼●▪■□➢►\u2212\u25aa\uf000-\uf0ff"  # a character class: PDF symbol fonts put bullets in U+F0xx
_BULLET = re.compile(f"[{BULLETS}]")
_BLOCK_BREAK = re.compile(
    rf"\n[ \t]*\n\s*|\n[ \t]*(?=[{BULLETS}*\-–]\s)|(?<=\S)[ \t]*(?=[{BULLETS}]\s)|\n[ \t]*(?=\d{{1,3}}\.\s+[A-Z])"
)
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9{BULLETS}])")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "e.g.", "i.e.", "No.", "etc.", "cf.")
_YEAR = re.compile(
    r"(?:\b(?i:in|since|of|during|from|by)\s+|(?i:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+|/)((?:19|20)\d\d)\b"
)
_PAST_INSPECTION = re.compile(
    r"\b(?:previous|last|prior|earlier|predecessor)\b[^.]{0,80}?\binspect(?:ion|ed)\b|\binspected\b", re.IGNORECASE
)
_INSPECTION_DATES = re.compile(r"Inspection dates?\s*:?([^\n]{0,80})", re.IGNORECASE)
_QUOTE_OPEN = "[‘'\"“]?"
# A rating left behind: "shaken off their 'inadequate' rating", "no longer 'inadequate'", "moved from 'good'".
_SHED = re.compile(
    r"\b(?:shak(?:en|e|ing)\s+off|shed|lost|los(?:e|ing)|escaped?|no\s+longer|from|out\s+of|removed?)\s+"
    r"(?:(?:its|their|the|an?|this)\s+)?(?:(?:previous(?:ly)?|former(?:ly)?|earlier|past)\s+)?[‘'\"“]?$",
    re.IGNORECASE,
)
_AUX = (
    r"(?:is|are|was|were|(?:has|have|had)\s+(?:(?:also|previously|already|again)\s+)?been|having\s+been|being|"
    r"remains?|remained)"
)
# Adverbs a judgement's wording may carry: "was also judged", "was first rated", "all require improvement".
_ADV = (
    r"(?:(?:also|all|both|each|now|still|previously|first|last|then|again|originally|subsequently|initially|"
    r"most\s+recently)\s+)?"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def blocks(text: str) -> Iterator[Span]:
    """Paragraphs and list items of ``text`` (split at blank lines and bullets), white space trimmed."""
    start = 0
    for m in _BLOCK_BREAK.finditer(text):
        yield from _trimmed(text, start, m.start())
        start = m.end()
    yield from _trimmed(text, start, len(text))


def sentences(text: str, block: Span) -> Iterator[Span]:
    """The sentences of one block."""
    start = block.start
    for m in _SENTENCE_BREAK.finditer(text, block.start, block.end):
        if text[start : m.start()].endswith(_ABBREVIATIONS):
            continue
        yield from _trimmed(text, start, m.start())
        start = m.end()
    yield from _trimmed(text, start, block.end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and (text[start].isspace() or _BULLET.match(text[start])):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Span(start, end)


# --- the grammar, compiled once from grades.json -------------------------------------------


@dataclass(frozen=True)
class _Grammar:
    grade: re.Pattern[str]
    area: re.Pattern[str]
    area_list_before: re.Pattern[str]
    active_before: re.Pattern[str]
    subject_before: re.Pattern[str]
    services_in_before: re.Pattern[str]
    after_area: re.Pattern[str]
    after_overall: re.Pattern[str]
    overall_before: re.Pattern[str]
    pronoun_before: re.Pattern[str]
    area_line: re.Pattern[str]
    as_were: re.Pattern[str]
    rating_after: re.Pattern[str]
    services_gap: re.Pattern[str]
    area_end: re.Pattern[str]
    judging: re.Pattern[str]
    grade_ids: tuple[str, ...]
    area_ids: tuple[tuple[str, bool], ...]


def _group_alternation(items: Sequence[str], name: str) -> str:
    return "|".join(f"(?P<{name}{i}>{p})" for i, p in enumerate(items))


@cache
def _grammar() -> _Grammar:
    lex: GradeLexicon = grade_lexicon()
    grade_alt = _group_alternation([p for _, p in lex.grades], "g")
    after_grade = (
        r"(?![\w-])(?!\s+or\s)(?!\s+to\s+be\b)(?![ \t]+(?:practice|quality|progress|outcomes|support|work|enough|"
        r"relationships|services?|experiences?|standard|level|start|understanding|evidence|examples?)\b)"
    )
    grade = re.compile(rf"(?<![\w-])(?:{grade_alt}){after_grade}", re.IGNORECASE)
    area_alt = _group_alternation([p for _, p, _ in lex.areas], "a")
    area_one = rf"{lex.area_prefix}(?:{'|'.join(p for _, p, _ in lex.areas)})"
    sep = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    area_list = rf"(?P<list>{area_one}(?:{sep}{area_one})*)"
    verbs = lex.judging_verbs
    connector = (
        rf"(?P<conn>\s*[:|\-–—]?\s*(?:(?:overall\s+)?judge?ment\s+(?:of|was)\s+)?"
        rf"{_ADV}(?:{_AUX}\s+{_ADV})?(?:that\s+(?:it|they)\s+(?:(?:was|were)\s+)?)?"
        rf"(?:(?:overall\s+)?(?P<jv>{verbs})\s+(?:overall\s+)?(?:to\s+be\s+|as\s+|at\s+)?)?{_QUOTE_OPEN})"
    )
    subjects = "|".join(lex.overall_subjects)
    return _Grammar(
        grade=grade,
        area=re.compile(rf"(?<![\w-])(?:{area_alt})(?![\w-])", re.IGNORECASE),
        area_list_before=re.compile(rf"(?<![\w-]){area_list}{connector}$", re.IGNORECASE),
        active_before=re.compile(
            rf"\b(?:{verbs})\s+(?:all\s+(?:three|four|five|\d)\s+(?:key\s+)?(?:areas|judge?ments)\s*[-–—:]\s*)?"
            rf"(?:the\s+)?(?:(?:council|local\s+authority|[A-Z][\w-]+)['’]s\s+)?"
            rf"(?P<list>{area_one}(?:{sep}{area_one})*|{subjects})(?:\s*[-–—])?\s+{_ADV}(?:to\s+be\s+|as\s+)?{_QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        subject_before=re.compile(
            rf"(?<![\w-])(?P<subj>{subjects})(?P<gap>[^.;!?]{{0,90}}?)"
            rf"\s+{_AUX}\s+{_ADV}(?:overall\s+)?(?:{verbs})\s+(?:overall\s+)?(?:to\s+be\s+|as\s+)?{_QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        services_in_before=re.compile(
            rf"(?<![\w-])(?:children['’]s\s+services|services\s+(?:for|to)\s+(?:vulnerable\s+)?children)"
            rf"(?:\s+in\s+(?-i:[A-Z])[\w,'’ -]{{0,60}}?)?"
            rf"\s+(?:(?:is|are)\s+)?{_QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        after_area=re.compile(
            rf"^[’'\"”]?\s+(?:in|for)\s+(?:respect\s+of\s+|relation\s+to\s+)?(?:the\s+)?{area_list}", re.IGNORECASE
        ),
        after_overall=re.compile(r"^[’'\"”]?[ \t]+overall\b(?![ \t\n]+(?:effectiveness|judge?ment))", re.IGNORECASE),
        overall_before=re.compile(
            rf"(?:\boverall\s*,?\s+(?:it|they|the\s+(?:local\s+authority|council))\s+{_AUX}\s+{_ADV}(?:{verbs})"
            rf"|\b(?:it|they)\s+{_AUX}\s+{_ADV}overall\s+(?:{verbs}))\s+(?:to\s+be\s+|as\s+)?{_QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        pronoun_before=re.compile(
            rf"\b(?:(?:it|the\s+service)\s+{_AUX}\s+{_ADV}(?:{verbs})|(?:{verbs})\s+(?:it|the\s+service))"
            rf"\s+(?:to\s+be\s+|as\s+)?{_QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        area_line=re.compile(rf"(?:\d{{1,2}}(?:\.\d{{1,2}})*\.?[ \t]+)?{area_list}[ \t]*:?", re.IGNORECASE),
        as_were=re.compile(
            rf"^[’'\"”]?\s*,?\s+as\s+(?:was|were|did)\s+(?:those\s+(?:for|of)\s+)?{area_list}", re.IGNORECASE
        ),
        rating_after=re.compile(
            r"^[’'\"”]?[ \t]+(?P<overall>overall[ \t]+)?(?:(?:ofsted|ilacs|inspection)[ \t]+)?"
            r"(?:rating|judge?ment|grade)\b(?![ \t]+(?:for|of|in|from)\b)",
            re.IGNORECASE,
        ),
        services_gap=re.compile(rf"\s+(?:for|to)\s+(?:the\s+)?{area_list}(?:\s*,?\s*(?:which|that))?", re.IGNORECASE),
        area_end=re.compile(rf"(?<![\w-])(?:{'|'.join(p for _, p, _ in lex.areas)})\s+$", re.IGNORECASE),
        judging=re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE),
        grade_ids=tuple(g for g, _ in lex.grades),
        area_ids=tuple((a, long) for a, _, long in lex.areas),
    )


def _grade_of(m: re.Match[str], g: _Grammar) -> str:
    for i, gid in enumerate(g.grade_ids):
        if m.group(f"g{i}") is not None:
            return gid
    raise AssertionError("grade pattern matched without a group")


def _areas_in(text: str, g: _Grammar) -> list[tuple[str, bool]]:
    out = []
    for m in g.area.finditer(text):
        for i, (aid, long) in enumerate(g.area_ids):
            if m.group(f"a{i}") is not None:
                out.append((aid, long))
                break
    return out


# --- reading one document --------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    area: str
    grade: str
    own: bool  # a report's own judgement (table row or heading, present tense)
    start: int
    end: int
    overall_said: bool = False  # the wording itself says "overall"
    year_at: int | None = None  # where the judgement's own wording starts, when a long subject precedes it
    pronoun: bool = False  # said of "it" or "the service": what an earlier inspection named


def _read_sentence(text: str, s: Span, g: _Grammar, names: re.Pattern[str] | None) -> Iterator[_Found]:
    lex = grade_lexicon()
    for gm in g.grade.finditer(text, s.start, s.end):
        grade = _grade_of(gm, g)
        requires_form = grade == "requires_improvement" and "improvement" in gm.group(0).lower()
        before = text[max(s.start, gm.start() - 300) : gm.start()]
        after = text[gm.end() : min(s.end, gm.end() + 300)]
        judged = requires_form or bool(g.judging.search(text[s.start : gm.start()]))
        start = gm.start()
        aw = g.as_were.match(after)
        if aw and judged:  # "… were judged good, as were the experiences and progress of care leavers"
            for area, _ in _areas_in(aw.group("list"), g):
                yield _Found(area, grade, False, start, gm.end() + aw.end())
        rm = g.rating_after.match(after)
        if rm and not lex.blocked.search(before) and not g.area_list_before.search(before) and not _SHED.search(before):
            # "kept its 'good' overall rating", "retain 'outstanding' Ofsted rating"
            yield _Found("overall_effectiveness", grade, False, start, gm.end() + rm.end(), bool(rm.group("overall")))
            continue
        # 1. the area follows the grade
        am = g.after_area.match(after)
        if am and judged:
            for area, _ in _areas_in(am.group("list"), g):
                yield _Found(area, grade, False, start, gm.end() + am.end())
            continue
        if g.after_overall.match(after) and judged:
            yield _Found("overall_effectiveness", grade, False, start, gm.end())
            continue
        # 2. an area list before the grade
        bm = g.area_list_before.search(before)
        if bm:
            areas = _areas_in(bm.group("list"), g)
            strong = requires_form or bm.group("jv") is not None or "judg" in bm.group("conn").lower()
            if areas and (strong or all(long for _, long in areas)):
                own = bm.group("jv") is None and not lex.past_markers.search(bm.group("conn"))
                for area, _ in areas:
                    yield _Found(area, grade, own, gm.start() - len(before) + bm.start(), gm.end())
                continue
        if re.match(
            r"[’'\"”]?\s+(?:for(?!\s+(?:the|a)\s+(?:[\w-]+\s+){0,2}time\b)|in\s+respect\s+of|in\s+relation\s+to)\s",
            after,
            re.IGNORECASE,
        ):
            continue  # graded for something that is not a service area ("outstanding for safeguarding")
        # 3. the object of an active verb
        am = g.active_before.search(before)
        if am:
            areas = _areas_in(am.group("list"), g)
            for area, _ in areas or [("overall_effectiveness", True)]:
                yield _Found(area, grade, False, gm.start() - len(before) + am.start(), gm.end())
            continue
        # 4. a whole-service subject
        if lex.blocked.search(before):
            continue
        om = g.overall_before.search(before)
        if om:
            start = gm.start() - len(before) + om.start()
            yield _Found("overall_effectiveness", grade, False, start, gm.end(), overall_said=True)
            continue
        sm = g.subject_before.search(before) or (names.search(before) if names else None)
        if sm:
            subject = sm.groupdict().get("subj") or ""
            if re.match(r"services\b", subject, re.IGNORECASE):
                start = gm.start() - len(before) + sm.start()
                named = _areas_of_services(text, start, subject[len("services") :] + sm.group("gap"), g)
                for area_id in named:
                    yield _Found(area_id, grade, False, start, gm.end())
                if named:
                    continue
            # the year is looked for from the verb on:
            # "Leeds was rated outstanding in 2018, having been judged good in 2015"
            gap_end = sm.end("gap") if sm.groupdict().get("gap") is not None else sm.start()
            verb = gm.start() - len(before) + gap_end
            yield _Found(
                "overall_effectiveness", grade, False, gm.start() - len(before) + sm.start(), gm.end(), year_at=verb
            )
            continue
        pm = g.pronoun_before.search(before)
        if pm:  # "It was judged to be good.": the earlier inspection's service, if a sentence named one
            yield _Found(
                "overall_effectiveness", grade, False, gm.start() - len(before) + pm.start(), gm.end(), pronoun=True
            )
            continue
        if requires_form and "good" in gm.group(0).lower() or not requires_form:
            im = g.services_in_before.search(before)
            if im and (requires_form or im.group(0).lower().rstrip(" ‘'\"“").endswith(("are", "is"))):
                yield _Found("overall_effectiveness", grade, True, gm.start() - len(before) + im.start(), gm.end())


def _areas_of_services(text: str, subject: int, gap: str, g: _Grammar) -> list[str]:
    """The areas a subject "services" names: "services for care leavers, which were …", "adoption services were …"."""
    gm = g.services_gap.fullmatch(gap)
    if gm:
        return [area for area, _ in _areas_in(gm.group("list"), g)]
    em = g.area_end.search(text, max(0, subject - 80), subject)
    if em:
        return [area for area, _ in _areas_in(em.group(0), g)]
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


def _split_row(text: str, heading: Span | None, block: Span, g: _Grammar) -> Iterator[_Found]:
    """A judgement table row broken over two blocks: an area heading, then a block that is only its grade
    ("2. Children looked after and achieving permanence" / "Good"; "Leadership and management" / "Grade 4
    (Inadequate)")."""
    if heading is None:
        return
    gm = g.grade.search(text, block.start, block.end)
    if gm is None or not re.fullmatch(r"(?:grade\s+[1-4]\s*\(\s*)?", text[block.start : gm.start()], re.IGNORECASE):
        return
    if not re.fullmatch(r"(?:\s*\)|\s+grade\s+[1-4])?\s*\.?", text[gm.end() : block.end], re.IGNORECASE):
        return
    line = g.area_line.fullmatch(text, heading.start, heading.end)
    if line is None or "\n" in text[heading.start : heading.end]:
        return
    for area, _ in _areas_in(line.group("list"), g):
        yield _Found(area, _grade_of(gm, g), True, heading.start, gm.end())


def _name_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """Council names as subjects: "Reading was judged as …", "Darlington requires improvement to be good"."""
    forms = sorted({n for n in names if n}, key=len, reverse=True)
    if not forms:
        return None
    alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in forms)
    council = r"(?:\s+(?:City|County|Borough|Metropolitan\s+Borough|District)?\s*Council)?(?:['’]s\s+services)?"
    verbs = grade_lexicon().judging_verbs
    return re.compile(
        rf"(?<![\w-])(?:{alt}){council}(?:(?P<gap>[^.;!?]{{0,60}}?)\s+{_AUX}\s+{_ADV}(?:overall\s+)?(?:{verbs})\s+"
        rf"(?:overall\s+)?(?:to\s+be\s+|as\s+)?|\s+(?=requires?\s+improvement\s+to\s+be\s+good)){_QUOTE_OPEN}$",
        re.IGNORECASE,
    )


def _year_near(text: str, s: Span, start: int, end: int) -> int | None:
    """The year the sentence gives for the judgement at ``start:end``: the nearest dated phrase."""
    best: tuple[int, int] | None = None
    for m in _YEAR.finditer(text, s.start, s.end):
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


# Words that put an article's judgement in the past, before the inspection it reports.
_ARTICLE_PAST = re.compile(
    r"\b(?:previous(?:ly)?|last|prior|earlier|first|former(?:ly)?|had\s+(?:also\s+)?been|having\s+been|"
    r"at\s+the\s+time|years?\s+(?:after|since|ago)|after\s+being|since|until|originally)\b",
    re.IGNORECASE,
)
_REPORTED_VISIT = re.compile(r"\b(?:visit(?:ed|s)?|inspect(?:ion|ed|ors?)|spent)\b", re.IGNORECASE)


def _article_year(doc: Document, prior: Sequence[Assertion]) -> int | None:
    """The year of the inspection an article reports: its visit's dates, else the first sentence that dates it.

    >>> doc = Document.from_text("a.txt", "Inspectors visited the council in June 2019. It was rated good in 2015.")
    >>> _article_year(doc, [])
    2019
    """
    for v in facts_of(prior, VisitFact):
        date = v.end_date or v.start_date
        if date:
            return int(date.year)
    text = doc.text
    for block in blocks(text):
        for s in sentences(text, block):
            sentence = text[s.start : s.end]
            if _REPORTED_VISIT.search(sentence) and not _ARTICLE_PAST.search(sentence):
                year = _YEAR.search(sentence)
                if year:
                    return int(year.group(1))
    return None


_COUNCIL_NAME = re.compile(
    r"\b((?:[A-Z][\w'’-]+\s+)(?:(?:and|upon|on|of|the|[A-Z][\w'’-]+)\s+){0,4}?)"
    r"(?:(?:County|City|Borough|Metropolitan\s+Borough|District)\s+)?Council\b"
)


def _other_council(text: str, prior_gss: set[str | None]) -> tuple[str, str | None] | None:
    """A council named "… Council" in ``text`` that the document is not about (needs the gazetteer)."""
    try:
        gazetteer = importlib.import_module("graph.lexicon.gazetteer")
    except ModuleNotFoundError:
        return None
    lookup = getattr(gazetteer, "lookup", None)
    if lookup is None:
        return None
    for m in _COUNCIL_NAME.finditer(text):
        try:
            hit = lookup(re.sub(r"\s+", " ", m.group(0)))
        except (LookupError, ValueError, GraphError):
            continue
        name = getattr(hit, "name", None) or getattr(hit, "canonical", None)
        gss = getattr(hit, "gss", None)
        if isinstance(name, str) and gss not in prior_gss:
            return name, gss if isinstance(gss, str) else None
    return None


def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    text = doc.text
    g = _grammar()
    lex = grade_lexicon()
    councils: list[AuthorityFact] = facts_of(prior, AuthorityFact)
    authority = councils[0].name if councils else None
    gss = councils[0].gss if councils else None
    prior_gss = {c.gss for c in councils}
    names = _name_pattern([c.name for c in councils])
    own_year = _own_year(doc, prior) if doc.doc_type == "inspection_report" else None
    article_year = _article_year(doc, prior) if doc.doc_type == "news_article" else None
    found: dict[JudgementFact, list[tuple[int, int]]] = {}
    current: set[JudgementFact] = set()  # an article's undated judgements of the inspection it reports
    carried: tuple[int | None, str | None] | None = None  # the context a list's lead-in ("…were:") hands on
    previous_end = 0
    heading: Span | None = None
    for block in blocks(text):
        bulleted = bool(_BULLET.search(text[previous_end : block.start]) or text[block.start] in "-–*")
        if carried and not bulleted:
            carried = None
        context_year, context_topic = carried or (None, None)
        past_list = carried is not None
        previous_end = block.end
        split = list(_split_row(text, heading, block, g)) if doc.doc_type == "inspection_report" else []
        heading = block
        if split and authority is not None:
            for f in split:
                found.setdefault(JudgementFact(authority, gss, f.area, f.grade, own_year), []).append((f.start, f.end))
            continue
        for s in sentences(text, block):
            sentence = text[s.start : s.end]
            if _PAST_INSPECTION.search(sentence) and _YEAR.search(sentence):
                context_year = _year_near(text, s, s.start, s.start)
                context_topic = _topic(sentence, lex)
            for f in _read_sentence(text, s, g, names):
                area = f.area
                if f.pronoun:
                    if context_topic in (None, "blocked"):
                        continue
                    area = context_topic
                if area == "overall_effectiveness" and context_topic == "blocked" and not _YEAR.search(sentence):
                    continue
                if area == "overall_effectiveness" and context_topic not in (None, "blocked") and not f.overall_said:
                    if not _YEAR.search(sentence):
                        area = context_topic  # "The previous inspection of adoption services … . It was judged good."
                tail = text[f.end : min(s.end, f.end + 40)]
                stated = _year_near(text, s, f.start if f.year_at is None else f.year_at, f.end) or context_year
                if (
                    doc.doc_type == "inspection_report"
                    and not past_list
                    and (
                        (f.own and not _YEAR.match(tail.lstrip()))
                        or (stated is None and not lex.past_markers.search(text[s.start : f.end]))
                    )
                ):
                    year = own_year
                else:
                    year = stated
                news = (
                    doc.doc_type == "news_article" and year is None and not _ARTICLE_PAST.search(text, s.start, f.end)
                )
                if news and article_year:
                    year = article_year  # an article's news: the judgement of the inspection it reports
                who, code = authority, gss
                other = _other_council(text[s.start : f.end], prior_gss)
                if other:
                    who, code = other
                if who is None:
                    continue
                for one in _framework_areas(area, year):
                    fact = JudgementFact(who, code, one, f.grade, year)
                    found.setdefault(fact, []).append((f.start, f.end))
                    if news:
                        current.add(fact)
        if text[block.start : block.end].rstrip().endswith(":") and context_year is not None:
            carried = (context_year, context_topic)
    dated = {(f.authority, f.area, f.grade) for f in found if f.year is not None}
    return [
        assertion(doc, fact, NAME, spans[:3])
        for fact, spans in found.items()
        if fact.year is not None or fact in current or (fact.authority, fact.area, fact.grade) not in dated
    ]


EXTRACTOR = Extractor(
    NAME, frozenset({"inspection_letter", "inspection_report", "news_article"}), frozenset({"judgements"}), run
)
