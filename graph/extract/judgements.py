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
            rf"\b(?:{verbs})\s+(?:the\s+)?(?:(?:council|local\s+authority|[A-Z][\w-]+)['’]s\s+)?"
            rf"(?P<list>{area_one}(?:{sep}{area_one})*|{subjects})\s+{_ADV}(?:to\s+be\s+|as\s+)?{_QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        subject_before=re.compile(
            rf"(?<![\w-])(?P<subj>{subjects})(?P<gap>[^.;!?]{{0,90}}?)"
            rf"\s+{_AUX}\s+{_ADV}(?:overall\s+)?(?:{verbs})\s+(?:overall\s+)?(?:to\s+be\s+|as\s+)?{_QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        services_in_before=re.compile(
            rf"(?<![\w-])(?:children['’]s\s+services|services\s+for\s+children)(?:\s+in\s+[A-Z][\w,'’ -]{{0,60}}?)?"
            rf"\s+(?:(?:is|are)\s+)?{_QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        after_area=re.compile(
            rf"^[’'\"”]?\s+(?:in|for)\s+(?:respect\s+of\s+|relation\s+to\s+)?(?:the\s+)?{area_list}", re.IGNORECASE
        ),
        after_overall=re.compile(r"^[’'\"”]?[ \t]+overall\b(?![ \t\n]+(?:effectiveness|judge?ment))", re.IGNORECASE),
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


def _read_sentence(text: str, s: Span, g: _Grammar, names: re.Pattern[str] | None) -> Iterator[_Found]:
    lex = grade_lexicon()
    for gm in g.grade.finditer(text, s.start, s.end):
        grade = _grade_of(gm, g)
        requires_form = grade == "requires_improvement" and "improvement" in gm.group(0).lower()
        before = text[max(s.start, gm.start() - 300) : gm.start()]
        after = text[gm.end() : min(s.end, gm.end() + 300)]
        judged = requires_form or bool(g.judging.search(text[s.start : gm.start()]))
        start = gm.start()
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
        sm = g.subject_before.search(before) or (names.search(before) if names else None)
        if sm:
            yield _Found("overall_effectiveness", grade, False, gm.start() - len(before) + sm.start(), gm.end())
            continue
        if requires_form and "good" in gm.group(0).lower() or not requires_form:
            im = g.services_in_before.search(before)
            if im and (requires_form or im.group(0).lower().rstrip(" ‘'\"“").endswith(("are", "is"))):
                yield _Found("overall_effectiveness", grade, True, gm.start() - len(before) + im.start(), gm.end())


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
    for block in blocks(text):
        bulleted = bool(_BULLET.search(text[previous_end : block.start]) or text[block.start] in "-–*")
        if carried and not bulleted:
            carried = None
        context_year, context_topic = carried or (None, None)
        past_list = carried is not None
        previous_end = block.end
        for s in sentences(text, block):
            sentence = text[s.start : s.end]
            if _PAST_INSPECTION.search(sentence) and _YEAR.search(sentence):
                context_year = _year_near(text, s, s.start, s.start)
                context_topic = (
                    "blocked"
                    if lex.topic_blocked.search(sentence)
                    else "adoption"
                    if lex.topic_adoption.search(sentence)
                    else None
                )
            for f in _read_sentence(text, s, g, names):
                area = f.area
                if area == "overall_effectiveness" and context_topic == "blocked" and not _YEAR.search(sentence):
                    continue
                if area == "overall_effectiveness" and context_topic == "adoption" and not _YEAR.search(sentence):
                    area = "adoption"
                tail = text[f.end : min(s.end, f.end + 40)]
                stated = _year_near(text, s, f.start, f.end) or context_year
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
                fact = JudgementFact(who, code, area, f.grade, year)
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
