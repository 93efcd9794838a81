"""The grammar of graded judgements, compiled once from ``graph/lexicon/grades.json`` (and, for news
articles, ``press_grades.json``).

    >>> g = grammar()
    >>> [grade_of(m, g) for m in g.grade.finditer("It was judged good; adoption requires improvement.")]
    ['good', 'requires_improvement']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from graph.extract.text import MONTH_WORD, caseless_any
from graph.lexicon.themes import GradeLexicon, grade_lexicon, press_lexicon, required_word

YEAR = re.compile(rf"(?:\b(?i:in|since|of|during|from|by)\s+|(?i:{MONTH_WORD})[a-z]*\.?\s+|/)((?:19|20)\d\d)\b")


def area_pattern(lex: GradeLexicon) -> str:
    """One service area, as the lexicon words it, with the words that may open it ("the", "services for")."""
    return rf"{lex.area_prefix}(?:{'|'.join(p for _, p, _ in lex.areas)})"


QUOTE_OPEN = "[‘'\"“]?"

AUX = (
    r"(?:is|are|was|were|(?:has|have|had)\s+(?:(?:also|previously|already|again)\s+)?been|having\s+been|being|"
    r"remains?|remained)"
)
# Adverbs a judgement's wording may carry: "was also judged", "was first rated", "all require improvement".
ADV = (
    r"(?:(?:also|all|both|each|now|still|previously|first|last|then|again|originally|subsequently|initially|"
    r"most\s+recently)\s+)?"
)


# --- the grammar, compiled once from grades.json -------------------------------------------


@dataclass(frozen=True)
class Grammar:
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
    # a word every grade's wording holds, found fast: a passage without one states no grade (None: no such word)
    grade_word: re.Pattern[str] | None = None


def _group_alternation(items: Sequence[str], name: str) -> str:
    return "|".join(f"(?P<{name}{i}>{p})" for i, p in enumerate(items))


@cache
def grammar(press: bool = False) -> Grammar:
    """The grammar of ``grades.json``; with ``press``, of a news article (``press_grades.json`` added)."""
    lex: GradeLexicon = grade_lexicon(press)
    grade_alt = _group_alternation([p for _, p in lex.grades], "g")
    after_grade = (
        r"(?![\w-])(?!\s+or\s)(?!\s+to\s+be\b)(?![ \t]+(?:practice|quality|progress|outcomes|support|work|enough|"
        r"relationships|services?|experiences?|standard|level|start|understanding|evidence|examples?|deal|news)\b)"
    )
    grade = re.compile(rf"(?<![\w-])(?:{grade_alt}){after_grade}", re.IGNORECASE)
    area_alt = _group_alternation([p for _, p, _ in lex.areas], "a")
    area_one = area_pattern(lex)
    sep = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    # the press: "rated Leeds by Ofsted as", "found X's child protection services were", "downgraded it to"
    by = r"(?:by\s+(?:the\s+)?(?:ofsted|inspectors|inspectorate|watchdog|government\s+inspectors)\s+)?"
    object_to = r"(?:to\s+be\s+|as\s+)?"
    if press:
        extra = "|".join(press_lexicon().list_separators)
        sep = rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+(?:{extra})\s+)"
        object_to = rf"\s*,?\s*{by}(?:to\s+be\s+|as\s+|to\s+|(?:were|was|are|is)\s+)?"
    area_list = rf"(?P<list>{area_one}(?:{sep}{area_one})*)"
    verbs = lex.judging_verbs
    connector = (
        rf"(?P<conn>\s*[:|\-–—]?\s*(?:(?:overall\s+)?judge?ment\s+(?:of|was)\s+)?"
        rf"{ADV}(?:{AUX}\s+{ADV})?(?:that\s+(?:it|they)\s+(?:(?:was|were)\s+)?)?"
        rf"(?:(?:overall\s+)?(?P<jv>{verbs})\s+(?:overall\s+)?(?:to\s+be\s+|as\s+|at\s+)?)?{QUOTE_OPEN})"
    )
    subjects = "|".join(lex.overall_subjects)
    return Grammar(
        grade=grade,
        area=re.compile(rf"(?<![\w-])(?:{area_alt})(?![\w-])", re.IGNORECASE),
        area_list_before=re.compile(rf"(?<![\w-]){area_list}{connector}$", re.IGNORECASE),
        active_before=re.compile(
            rf"\b(?:{verbs})\s+(?:all\s+(?:three|four|five|\d)\s+(?:key\s+)?(?:areas|judge?ments)\s*[-–—:]\s*)?"
            rf"(?:the\s+)?(?:(?:council|local\s+authority|[A-Z][\w-]+)['’]s\s+)?"
            rf"(?P<list>{area_one}(?:{sep}{area_one})*|{subjects})(?:\s*[-–—])?\s+{ADV}{object_to}{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        subject_before=re.compile(
            rf"(?<![\w-])(?P<subj>{subjects})(?P<gap>[^.;!?]{{0,90}}?)"
            rf"\s+{AUX}\s+{ADV}(?:overall\s+)?(?:{verbs})\s+(?:overall\s+)?{by if press else ''}"
            rf"(?:to\s+be\s+|as\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        services_in_before=re.compile(
            rf"(?<![\w-])(?:children['’]s\s+services|services\s+(?:for|to)\s+(?:vulnerable\s+)?children)"
            rf"(?:\s+in\s+(?-i:[A-Z])[\w,'’ -]{{0,60}}?)?"
            rf"\s+(?:(?:is|are)\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        after_area=re.compile(
            rf"^[’'\"”]?\s+(?:in|for)\s+(?:respect\s+of\s+|relation\s+to\s+)?(?:the\s+)?{area_list}", re.IGNORECASE
        ),
        after_overall=re.compile(r"^[’'\"”]?[ \t]+overall\b(?![ \t\n]+(?:effectiveness|judge?ment))", re.IGNORECASE),
        overall_before=re.compile(
            rf"(?:\boverall\s*,?\s+(?:it|they|the\s+(?:local\s+authority|council))\s+{AUX}\s+{ADV}(?:{verbs})"
            rf"|\b(?:it|they)\s+{AUX}\s+{ADV}overall\s+(?:{verbs}))\s+(?:to\s+be\s+|as\s+)?{QUOTE_OPEN}$",
            re.IGNORECASE,
        ),
        pronoun_before=re.compile(
            rf"\b(?:(?:it|the\s+service)\s+{AUX}\s+{ADV}(?:{verbs})|(?:{verbs})\s+(?:it|the\s+service))"
            rf"\s+(?:to\s+be\s+|as\s+)?{QUOTE_OPEN}$",
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
        grade_word=_any_word([required_word(p) for _, p in lex.grades]),
    )


def _any_word(words: list[str | None]) -> re.Pattern[str] | None:
    """A fast pattern for any of ``words`` as ``re.IGNORECASE`` reads them; None if one is missing."""
    found = [w for w in words if w]
    return re.compile(caseless_any(found)) if found and len(found) == len(words) else None


def grade_of(m: re.Match[str], g: Grammar) -> str:
    for i, gid in enumerate(g.grade_ids):
        if m.group(f"g{i}") is not None:
            return gid
    raise AssertionError("grade pattern matched without a group")


def areas_in(text: str, g: Grammar) -> list[tuple[str, bool]]:
    out = []
    for m in g.area.finditer(text):
        for i, (aid, long) in enumerate(g.area_ids):
            if m.group(f"a{i}") is not None:
                out.append((aid, long))
                break
    return out


@dataclass(frozen=True)
class Found:
    area: str
    grade: str
    own: bool  # a report's own judgement (table row or heading, present tense)
    start: int
    end: int
    overall_said: bool = False  # the wording itself says "overall"
    year_at: int | None = None  # where the judgement's own wording starts, when a long subject precedes it
    pronoun: bool = False  # said of "it" or "the service": what an earlier inspection named
    past: bool = False  # a grade an article says was left behind ("downgraded from 'good' to …")
    earlier: bool = False  # a grade held before the news, with its own year: "down from good in 2017"
    every_area: bool = False  # "good in all four areas": every area of the inspection's framework
    council: tuple[str, str | None] | None = None  # the council a round-up gives this grade to
