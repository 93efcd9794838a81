"""The grammar of graded judgements, compiled once from ``graph/lexicon/grades.json`` (and, for news
articles, ``press_grades.json``), and the paragraphs and sentences it reads.

    >>> g = grammar()
    >>> [grade_of(m, g) for m in g.grade.finditer("It was judged good; adoption requires improvement.")]
    ['good', 'requires_improvement']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from graph.lexicon.themes import GradeLexicon, grade_lexicon, press_lexicon

BULLETS = "•◼●▪■□➢►\u2212\u25aa\uf000-\uf0ff"  # a character class: PDF symbol fonts put bullets in U+F0xx
BULLET = re.compile(f"[{BULLETS}]")
_BLOCK_BREAK = re.compile(
    rf"\n[ \t]*\n\s*|\n[ \t]*(?=[{BULLETS}*\-–]\s)|(?<=\S)[ \t]*(?=[{BULLETS}]\s)|\n[ \t]*(?=\d{{1,3}}\.\s+[A-Z])"
)
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9{BULLETS}])")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "e.g.", "i.e.", "No.", "etc.", "cf.")
YEAR = re.compile(
    r"(?:\b(?i:in|since|of|during|from|by)\s+|(?i:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+|/)((?:19|20)\d\d)\b"
)

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
    while start < end and (text[start].isspace() or BULLET.match(text[start])):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Span(start, end)


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
    area_one = rf"{lex.area_prefix}(?:{'|'.join(p for _, p, _ in lex.areas)})"
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
    )


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
