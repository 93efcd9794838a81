"""The council(s) a document is about: a letter's heading, a report's title, an article's headline and lead.

Councils named in passing (an address, a neighbour, a predecessor, a council
that oversaw improvement) are not what the document is about and are left out.

>>> from graph.model import Document
>>> text = "Dear Ann\\n\\nFocused visit to Gateshead Council children's services\\n\\nLeeds City Council helped."
>>> [a.fact.name for a in run(Document.from_text("a.txt", text).with_(doc_type="inspection_letter"), [])]
['Gateshead']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from graph.extract.base import Extractor, assertion, by_kind
from graph.extract.text import article_body_end, filled_lines, first_council, whole_text
from graph.lexicon.gazetteer import Council, gazetteer
from graph.model import Assertion, AuthorityFact, Document, DocumentType

NAME = "authorities"
_WS = r"[ \t]*\n?[ \t]*"
# "Focused visit to X children's services", "Monitoring visit to the London Borough of X", "Inspection of X local ..."
_HEADING = re.compile(
    rf"(?:visit|inspection|Inspection){_WS}(?:to|of){_WS}(?:the{_WS})?(?P<x>[^\n]{{2,90}}?(?:\n[^\n]{{0,60}}?)?)"
    rf"{_WS}(?:local{_WS}authority{_WS})?children[’']s{_WS}(?:services|social{_WS}care)",
)
# A title line that names a visit or inspection without "children's services": "Joint targeted area inspection of
# the multi-agency response to ... in Bolton", "Monitoring visit of Sefton".
_TITLE_LINE = re.compile(
    r"^[ \t#*_]*(?P<t>(?:Joint[ \t]+targeted[ \t]+area[ \t]+inspection|JTAI|(?:Re-?)?inspection|"
    r"(?:Focused|Monitoring|Action[ \t\-]+planning)[ \t]+visit)\b[^\n]{0,200}(?:\n(?![ \t]*\n)[^\n]{1,80})?)$",
    re.IGNORECASE | re.MULTILINE,
)
_LEAD_CHARS = 700  # an article's headline, standfirst and first paragraph
_LEAD_BONUS = 1  # a mention there counts twice


def _fact(doc: Document, council: Council, start: int, end: int, operator: str | None = None) -> Assertion:
    return assertion(doc, AuthorityFact(council.name, council.gss, operator), NAME, [(start, end)])


def heading_council(doc: Document, limit: int = 4000) -> tuple[Council, int, int] | None:
    """The council a letter's or report's heading names ("Focused visit to X children's services")."""
    gaz = gazetteer()
    for m in _HEADING.finditer(doc.text, 0, min(limit, len(doc.text))):
        found = gaz.find_all(m.group("x"))
        if found:
            c, s, e = found[0]
            return c, m.start("x") + s, m.start("x") + e
        named = gaz.lookup(m.group("x"))
        if named:
            return named, m.start("x"), m.end("x")
    return None


def title_councils(doc: Document, limit: int = 4000) -> list[tuple[Council, int, int]]:
    """The councils a letter's or report's title line names when it has no "X children's services" heading:
    every council after the visit's name ("... in Hampshire and the Isle of Wight"), each once."""
    for m in _TITLE_LINE.finditer(doc.text, 0, min(limit, len(doc.text))):
        title = m.group("t")
        if re.search(r"[.!?:;]\s*$|\.[ \t]+[A-Z]", title) or len(title.split()) > 40:
            continue  # a sentence, not a title
        out: dict[str, tuple[Council, int, int]] = {}
        for c, s, e in gazetteer().find_all(title):
            out.setdefault(c.gss, (c, m.start("t") + s, m.start("t") + e))
        if out:
            return list(out.values())
    return []


def _most_named(doc: Document, start: int, end: int, at_least: int = 2) -> tuple[Council, int, int] | None:
    found = gazetteer().find_all(doc.text[start:end])
    counts = Counter(c.gss for c, _, _ in found)
    if not counts:
        return None
    gss, n = counts.most_common(1)[0]
    if n < at_least:
        return None
    c, s, e = next(f for f in found if f[0].gss == gss)
    return c, start + s, start + e


def _article_council(doc: Document, lead: int, end: int) -> tuple[Council, int, int] | None:
    """The council an article is about: the one named most in its body, a mention in its headline and lead
    counting extra (a masthead or menu naming a city or region is named once or twice; the story's council,
    again and again)."""
    found = gazetteer().find_all(doc.text[:end])
    if not found:
        return None
    score: Counter[str] = Counter()
    first: dict[str, tuple[Council, int, int]] = {}
    for c, s, e in found:
        score[c.gss] += 1 + (_LEAD_BONUS if s < lead else 0)
        first.setdefault(c.gss, (c, s, e))
    best = max(score, key=lambda gss: (score[gss], -first[gss][1]))
    return first[best]


def _operator(doc: Document, council: Council, end: int) -> tuple[str, int, int] | None:
    if not council.operators:
        return None  # no trust or company runs its services: none named can be its (the text is not searched)
    for name, s, e in gazetteer().find_operators(doc.text[:end]):
        if council in gazetteer().operated_by(name):
            return name, s, e
    return None


_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNTED = re.compile(
    r"\b(?P<n>two|three|four|five|six|seven|eight|nine|ten|[2-9]|1\d)[ \t]+(?:[\w‘’'\-]+[ \t]+){0,3}?"
    r"(?:local[ \t]+)?(?:authorities|councils)\b",
    re.IGNORECASE,
)


def roundup(doc: Document, end: int) -> list[tuple[Council, int, int]]:
    """The councils of an article that covers several, each with its own story: sections headed by a council's
    name; a headline and standfirst that list three or more councils; or a lead that counts the councils
    ("two authorities") whose names then open its paragraphs. Empty for an article about one council."""
    gaz = gazetteer()
    lines = filled_lines(doc.text, 0, end)
    headed: dict[str, tuple[Council, int, int]] = {}
    for s, e in lines:
        line = doc.text[s:e].strip(" \t*#_")
        c = gaz.lookup(line) if len(line.split()) <= 6 else None
        if c is not None:
            headed.setdefault(c.gss, (c, s, e))
    if len(headed) >= 2:
        return list(headed.values())
    filled = [(s, e) for s, e in lines if doc.text[s:e].strip()]
    top = filled[:2]
    listed: dict[str, tuple[Council, int, int]] = {}
    for s, e in top:
        for c, cs, ce in gaz.find_all(doc.text[s:e]):
            listed.setdefault(c.gss, (c, s + cs, s + ce))
    if len(listed) >= 3:
        return list(listed.values())
    head_end = filled[min(len(filled), 3) - 1][1] if filled else 0
    counted = _COUNTED.search(doc.text, 0, head_end)
    if counted is None:
        return []
    n = _COUNT.get(counted.group("n").lower()) or int(counted.group("n"))
    opening: dict[str, tuple[Council, int, int]] = {}
    for s, e in filled:
        if s < counted.end():
            continue
        words = doc.text[s:e].split()
        found = gaz.find_all(" ".join(words[:5]))
        if found:
            c, cs, ce = found[0]
            first = doc.text.index(words[0], s)
            opening.setdefault(c.gss, (c, first + cs, first + ce))
        if len(opening) == n:
            return list(opening.values())
    return []


def _official(doc: Document, hit: tuple[Council, int, int] | None) -> list[tuple[Council, int, int]]:
    if hit is None and (titled := title_councils(doc)):
        return titled
    if hit is None:
        hit = _most_named(doc, 0, len(doc.text), at_least=3)
    return [hit] if hit else []


def letter_about(doc: Document) -> list[tuple[Council, int, int]]:
    """The council a letter is about: its heading, else its title line, else the council it names most."""
    return _official(doc, heading_council(doc))


def report_about(doc: Document) -> list[tuple[Council, int, int]]:
    """The council a report is about: its heading, else the first council on its title page, else as a letter's."""
    return _official(doc, heading_council(doc) or first_council(doc.text, 0, 600))


def article_about(doc: Document) -> list[tuple[Council, int, int]]:
    """The councils an article is about: each of a round-up's, else the one its body names most, else the one
    council a trust or company its lead names runs."""
    end = article_body_end(doc)
    lead = min(end, _LEAD_CHARS)
    several = roundup(doc, end)
    if several:
        return several
    hit = _article_council(doc, lead, end)
    if hit is None:
        for name, s, e in gazetteer().find_operators(doc.text[:lead]):
            councils = gazetteer().operated_by(name)
            if len(councils) == 1:
                return [(councils[0], s, e)]
        return []
    return [hit]


def extractor(
    applies_to: frozenset[DocumentType],
    about: Callable[[Document], list[tuple[Council, int, int]]],
    body_end: Callable[[Document], int] = whole_text,
) -> Extractor:
    """The extractor of the councils ``about`` finds, each with the trust or company named as running its
    services (within ``body_end``), for the document kinds it suits."""

    def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
        out: list[Assertion] = []
        for council, start, end in about(doc):
            op = _operator(doc, council, body_end(doc))
            if op:
                fact = AuthorityFact(council.name, council.gss, op[0])
                out.append(assertion(doc, fact, NAME, [(start, end), (op[1], op[2])]))
            else:
                out.append(_fact(doc, council, start, end))
        return out

    return Extractor(NAME, applies_to, frozenset({"authorities"}), run)


run = by_kind(NAME)
