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
from collections.abc import Sequence

from graph.extract.base import ALL_TYPES, Extractor, assertion
from graph.lexicon.furniture import furniture
from graph.lexicon.gazetteer import Council, gazetteer
from graph.model import Assertion, AuthorityFact, Document

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


def article_body_end(doc: Document) -> int:
    """Where the article's own text ends (the first sidebar, teaser list or comments marker)."""
    cues = furniture()
    start = min(len(doc.text), 200)
    ends = [m.start() for m in cues.article_end.finditer(doc.text, start)][:1]
    for m in cues.inline_promo.finditer(doc.text, start):
        if not _PROSE_AFTER.match(doc.text, m.end()):
            ends.append(m.start())  # a promotion the article does not go on after: its furniture starts here
            break
    return min(ends, default=len(doc.text))


# Prose after an inline promotion: within three short lines, a paragraph of sentences.
_PROSE_AFTER = re.compile(
    r"[^\n]*\n(?:[ \t]*\n|[^\n]{0,80}\n){0,4}[ \t]*[A-Z“\"‘'][^\n]{150,}[.!?”\"’']?[ \t]*(?:\n|$)"
)


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


def _first(doc: Document, start: int, end: int) -> tuple[Council, int, int] | None:
    found = gazetteer().find_all(doc.text[start:end])
    if not found:
        return None
    c, s, e = found[0]
    return c, start + s, start + e


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


def _paragraphs(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", doc.text[start:end])]


def roundup(doc: Document, end: int) -> list[tuple[Council, int, int]]:
    """The councils of an article that covers several, each with its own story: sections headed by a council's
    name; a headline and standfirst that list three or more councils; or a lead that counts the councils
    ("two authorities") whose names then open its paragraphs. Empty for an article about one council."""
    gaz = gazetteer()
    lines = _paragraphs(doc, 0, end)
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


def about(doc: Document) -> list[tuple[Council, int, int]]:
    """The councils ``doc`` is about, each with the span that shows it."""
    if doc.doc_type in ("inspection_letter", "inspection_report"):
        hit = heading_council(doc)
        if hit is None and doc.doc_type == "inspection_report":
            hit = _first(doc, 0, 600)
        if hit is None and (titled := title_councils(doc)):
            return titled
        if hit is None:
            hit = _most_named(doc, 0, len(doc.text), at_least=3)
        return [hit] if hit else []
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


def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    out: list[Assertion] = []
    for council, start, end in about(doc):
        op = _operator(doc, council, article_body_end(doc) if doc.doc_type == "news_article" else len(doc.text))
        if op:
            a = assertion(doc, AuthorityFact(council.name, council.gss, op[0]), NAME, [(start, end), (op[1], op[2])])
        else:
            a = _fact(doc, council, start, end)
        out.append(a)
    return out


EXTRACTOR = Extractor(NAME, ALL_TYPES, frozenset({"authorities"}), run)
