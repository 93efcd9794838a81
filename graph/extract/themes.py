"""Themes: what must improve, what a visit looked at, and what a document discusses.

Three extractors share the cue lexicon of ``graph/lexicon/themes.json``:

- ``IMPROVEMENTS``: the items of a "What needs to improve" / "Areas for improvement" /
  "Recommendations" list, or an article's "Ofsted recommended…" sentences, each mapped
  to the theme(s) it is mainly about;
- ``FOCUS``: the service area a focused or monitoring visit looked at
  ("Inspectors looked at the local authority's arrangements for care leavers.");
- ``THEMES``: every theme discussed in two or more sentences, with the polarity the
  sentences give it.

    >>> item_themes("The quality, recording and frequency of supervision provided for social workers.")
    ['supervision']
    >>> item_themes("Management oversight and social work supervision.")
    ['management_oversight', 'supervision']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from graph.extract.base import Extractor, assertion, by_kind, facts_of
from graph.extract.text import BULLETS, HONORIFIC, ITEM_START, Span, block_sentences, blocks, sentences
from graph.lexicon.gazetteer import find_all
from graph.lexicon.themes import (
    Match,
    anywhere_matches,
    focus_implications,
    focus_matches,
    polarity_tests,
    section_patterns,
    theme_matches,
)
from graph.model import PARTIAL_VISIT_TYPES, Assertion, Document, FocusFact, ImprovementFact, ThemeFact, VisitFact

# A short unpunctuated line after a paragraph's end and before a blank line or the next item ("Care leavers",
# "Performance information"): a SIF report's sub-heading inside its numbered list. It ends the item before it and
# belongs to no item.
_SUBHEADING = re.compile(
    rf"(?:(?<=\n\n)|(?<=[.;:]\n))[ \t]*[A-Z][^\n.;:!?{BULLETS}]{{0,78}}[^\s.;:,!?][ \t]*"
    rf"(?=\n\n|\n?\Z|\n[ \t]*(?:\d{{1,3}}\.|[{BULLETS}*\-–])[ \t])"
)
_BOARD = re.compile(r"safeguarding\s+children\s+board|\bLSCB\b", re.IGNORECASE)
# The heading of a SIF report's safeguarding board section (not a contents line: no page number follows).
_BOARD_SECTION = re.compile(
    r"^[ \t#*]*(?:inspection\s+findings\s*[–—-]\s*the|(?:section\s+2\s*:?\s*)?the\s+effectiveness\s+of\s+the)"
    r"\s+(?:lscb|local\s+safeguarding\s+children\s+board)(?:\s*\(lscb\))?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_PURPOSE = re.compile(
    r"\s(?:so\s+that|so\s+as\s+to|in\s+order\s+to|to\s+ensure|to\s+make\s+sure|to\s+support|to\s+inform|to\s+help"
    r"|to\s+enable|to\s+drive|to\s+improve|to\s+reduce|to\s+better|to\s+promote|to\s+meet|that\s+(?:is|are)"
    # "which" opens a purpose or comment clause, but not after a preposition ("the timeliness with which children…")
    r"|(?<!\b(?:at|by|in|on|to)\s)(?<!\bfor\s)(?<!\b(?:with|from)\s)which"
    r"|because|alongside)\b|,\s+so\b|\((?:outcome|enabler)",
    re.IGNORECASE,
)
_QUALITY_HEAD = re.compile(
    r"^(?:the\s+)?(?:(?:quality|consistency|consistent\s+use|timeliness|frequency|recording|effectiveness|impact|use"
    r"|completion|rigour|pace|robustness|depth|reliability|purposefulness|clarity|focus|regularity)"
    r"(?:\s*,\s*|\s+and\s+|\s+))+(?:of|in|with)\s",
    re.IGNORECASE,
)
_RECOMMENDS = re.compile(
    r"\b(?:recommend(?:ed|s|ations?)?|should|must|need(?:s|ed)?\s+to|could\s+be\s+(?:more|better)|areas?\s+(?:for|of)\s+"
    r"(?:improvement|development)|requires?\s+(?:further\s+)?(?:improvement|development)(?!\s+to\s+be\s+good)"
    r"|(?:was|were)\s+(?:\w+\s+)?told\s+to|call(?:s|ed)?\s+(?:on\s+\w+(?:\s+\w+)?\s+to|for)|urg(?:ed|es|ing)|(?:further\s+|more\s+)?work\s+(?:is|was)\s+(?:still\s+)?needed)\b",
    re.IGNORECASE,
)
# Wordings that are Ofsted's whoever reports them: an article's "areas for improvement", its "recommendations",
# a council "told to improve".
_OFSTEDS_OWN = re.compile(
    r"\b(?:recommendations?|(?<!strengths\sand\s)areas?\s+(?:for|of)\s+improvement|(?:was|were)\s+(?:\w+\s+)?told\s+to)\b",
    re.IGNORECASE,
)
# "an accurate understanding of the strengths and areas for improvement of the service": praise, not a list
_SELF_KNOWLEDGE = re.compile(r"\bstrengths\s+and\s+$", re.IGNORECASE)
# "the areas for improvement identified at the previous inspection": an earlier visit's list, not this one's
_EARLIER = re.compile(
    r"\s+(?:identified\s+|set\s+out\s+|raised\s+)?(?:at|from|in|by)\s+the\s+(?:previous|last|earlier)\b", re.I
)
# "These include …" after a sentence that announced recommendations: their items.
_THESE_INCLUDE = re.compile(r"^(?:these|they|this|it|the\s+(?:list|areas?))\s+(?:also\s+)?includes?\b", re.I)
_ATTRIBUTION = re.compile(
    r"\b(?:Ofsted|inspectors?|the\s+report|(?:they|it)\s+(?:said|says?)|HMI|the\s+(?:letter|inspectorate|watchdog))\b",
    re.IGNORECASE,
)
# A council's own voice: "Mr Wooster said … need to be addressed".
_SPEAKER = re.compile(
    rf"\b(?:(?:{HONORIFIC}|(?:Cllr|Councillor)\.?)\s+(?:[A-Z][\w'’-]+\s+){{1,2}}|[A-Z][\w'’-]+\s+[A-Z][\w'’-]+,\s+"
    r"(?:the\s+)?(?:council|authority|borough|county|trust)['’]s\s+[^,]{0,60},\s+)"
    r"(?:,[^,]{0,80},\s+)?(?:said|says|admitted|accepted|added)\b"
)
_LOOKED_AT = re.compile(
    r"\b(?:(?:inspectors|this\s+visit|the\s+visit)\s+(?:looked\s+at|considered|reviewed|focused\s+on|evaluated|examined|"
    r"explored|assessed)\s+(?:(?:the\s+)?(?:local\s+authority['’]s\s+|council['’]s\s+)?(?:arrangements|practice|services?|"
    r"quality|progress|experiences|response|effectiveness|impact|timeliness)\b|how\s+(?:well\s+)?the\s+(?:local\s+"
    r"authority|council)\b)|\bthe\s+focus\s+of\s+(?:this|the)\s+visit\s+was\b)[^.]*",
    re.IGNORECASE,
)
_FOCUS_CUT = re.compile(
    r",?\s+(?:with\s+a\s+(?:particular|specific)\s+focus|including|in\s+particular|in\s+accordance\s+with)\b"
    r"|,\s+(?:the\s+service|the\s+point|where|which)\b",
    re.IGNORECASE,
)
_VISIT_WORDS = re.compile(
    r"\b(?:(?:monitoring|focused)\s+(?:visit|inspection|report)|joint\s+(?:targeted\s+area\s+)?inspection|JTAI"
    r"|inspectors\s+visited)",
    re.IGNORECASE,
)
# An article's sentence that says what a visit looked at: "focusing this time on …", "the inspection assessed the
# council's arrangements for …", "focused on the service's front door".
_FOCUS_SAID = re.compile(
    r"\b(?:focus(?:ed|ing|es)?\s+(?:this\s+time\s+|mainly\s+|particularly\s+|only\s+)?on|looked\s+(?:only\s+)?at"
    r"|(?:assessed|examined|evaluated|reviewed|considered)\s+(?:the\s+)?(?:council|local\s+authority)['’]s\s+arrangements"
    r"|the\s+focus\s+(?:of|was)|concentrated\s+on)\b",
    re.IGNORECASE,
)
# What the inspectors of a partial visit found is what they looked at: "The two inspectors found improvements in …".
_VISIT_FOUND = re.compile(
    r"^(?:the\s+)?(?:(?:two|three|four)\s+)?inspectors\s+(?:found|noted|saw|praised|highlighted)\b", re.IGNORECASE
)
_REPORTED = re.compile(r"^|\b(?:inspect(?:ion|ors?)|visit|ofsted|it|they)\b", re.IGNORECASE)
# A sentence that states a grade ("the help given to children still requires improvement") is a judgement,
# not a recommendation.
_GRADED = re.compile(r"\b(?:judged|rated|graded|deemed|rating)\b|\b(?:good|outstanding|inadequate)\b", re.I)
_REQUIRES = re.compile(r"\brequires?\s+(?:further\s+)?(?:improvement|development)\b", re.IGNORECASE)
EVIDENCE_CAP = 4


# --- areas for improvement ------------------------------------------------------------------


def item_themes(item: str) -> list[str]:
    """The themes an improvement item is mainly about, in the order first named."""
    return _unique(m.theme for m in _item_matches(item))


def _item_matches(item: str) -> list[Match]:
    cut = _PURPOSE.search(item, 12)
    main = item[: cut.start()] if cut else item
    head = _QUALITY_HEAD.match(main)
    found = theme_matches(main)
    if head and re.search(r",|\sand\s", head.group(0)):
        found = [m for m in found if m.start >= head.end()]  # "the quality, recording and frequency of X": X
    named = {m.theme for m in found}
    return found + [m for m in anywhere_matches(item) if m.theme not in named]


def _unique(items: Iterator[str] | list[str]) -> list[str]:
    out: list[str] = []
    for i in items:
        if i not in out:
            out.append(i)
    return out


def improvement_sections(text: str) -> Iterator[Span]:
    """The bodies of "What needs to improve" style sections (not a safeguarding board's)."""
    board = _BOARD_SECTION.search(text)
    heading, stop_at = section_patterns()
    for h in heading.finditer(text):
        if _BOARD.search(text[max(0, h.start() - 400) : h.start()]) or (board and board.start() < h.start()):
            continue
        stop = stop_at.search(text, h.end() + 1, min(len(text), h.end() + 6000))
        end = stop.start() if stop else min(len(text), h.end() + 3000)
        nxt = heading.search(text, h.end() + 1, end)
        if nxt:
            end = nxt.start()
        if text[h.end() : end].strip():
            yield Span(h.end(), end)


def section_items(text: str, section: Span) -> Iterator[Span]:
    """A section's list items (bullets or numbered paragraphs), else its sentences; sub-headings are left out."""
    heads = [(m.start(), m.end()) for m in _SUBHEADING.finditer(text, section.start, section.end)]
    starts = [m.end() for m in ITEM_START.finditer(text, section.start, section.end)]
    if not starts:
        for block in blocks(text[: section.end]):
            if block.end > section.start and not any(hs <= block.start < he for hs, he in heads):
                yield from sentences(text, Span(max(block.start, section.start), block.end))
        return
    bounds = sorted({*starts, *(hs for hs, _ in heads), section.end})
    for start in starts:
        end = next(b for b in bounds if b > start)
        item_end = ITEM_START.search(text, start, end)
        end = item_end.start() if item_end else end
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield Span(start, end)


def _article_items(doc: Document) -> Iterator[Span]:
    text = doc.text
    previous_attributed = False
    for s in block_sentences(text):
        sentence = text[s.start : s.end]
        attributed = bool(_ATTRIBUTION.search(sentence) or _OFSTEDS_OWN.search(sentence))
        cues = [
            m.group(0)
            for m in _RECOMMENDS.finditer(sentence)
            if not _SELF_KNOWLEDGE.search(sentence, 0, m.start()) and not _EARLIER.match(sentence, m.end())
        ]
        recommending = bool(cues)
        if cues and all(_REQUIRES.fullmatch(c) for c in cues) and _GRADED.search(sentence):
            cues = []
        listed = previous_attributed and bool(_THESE_INCLUDE.match(sentence))
        if (cues or listed) and (attributed or previous_attributed) and not _quotes_council(sentence):
            yield s
        previous_attributed = attributed and recommending or listed


def _quotes_council(sentence: str) -> bool:
    if _SPEAKER.search(sentence):
        return True
    return bool(re.search(r"\b(?:said|says)\s*:\s*[“\"']", sentence)) and not re.search(
        r"\b(?:Ofsted|report|inspectors?)\b[^.]{0,40}\bsaid\s*:", sentence, re.IGNORECASE
    )


def _improvements(doc: Document, items: Iterable[Span], matches: Callable[[str], Iterable[Match]]) -> list[Assertion]:
    text = doc.text
    out: list[Assertion] = []
    seen: set[tuple[str, int]] = set()
    for item in items:
        words = text[item.start : item.end]
        quote = re.sub(r"\s+", " ", words).strip()
        for m in matches(words):
            key = (m.theme, item.start)
            if key in seen:
                continue
            seen.add(key)
            out.append(assertion(doc, ImprovementFact(m.theme, quote), "improvements", [(item.start, item.end)]))
    return out


def official_improvements(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    """The areas for improvement a letter or report lists under its heading, by the themes of each item."""
    text = doc.text
    items = [item for section in improvement_sections(text) for item in section_items(text, section)]
    return _improvements(doc, items, _item_matches)


def article_improvements(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    """The improvements an article says the inspection called for."""
    return _improvements(doc, list(_article_items(doc)), theme_matches)


# --- what a visit looked at -------------------------------------------------------------------


def _focus(doc: Document, visits: Sequence[VisitFact], spans: Iterable[tuple[int, int]]) -> list[Assertion]:
    text = doc.text
    out: list[Assertion] = []
    seen: set[tuple[str, int]] = set()
    for start, end in spans:
        visit = _visit_named(text[start:end], visits)
        implies = focus_implications(visit.visit_type) if visit else {}
        number = visit.visit if visit else 0
        for fm in focus_matches(text[start:end]):
            for tid in (fm.theme, *implies.get(fm.theme, ())):
                if (tid, number) not in seen:
                    seen.add((tid, number))
                    out.append(assertion(doc, FocusFact(tid, number), "focus", [(start + fm.start, start + fm.end)]))
    return out


def letter_focus(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    """What the visit a letter reports on looked at: the sentence that says so."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    m = _LOOKED_AT.search(text)
    if m:
        cut = _FOCUS_CUT.search(text, m.start(), m.end())
        spans.append((m.start(), cut.start() if cut else m.end()))
    return _focus(doc, facts_of(prior, VisitFact), spans)


def article_focus(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    """What the visit an article reports on looked at: for a partial visit, the headline and the sentences that
    report it; for any other, a sentence that says what it looked at."""
    visits: list[VisitFact] = facts_of(prior, VisitFact)
    partial = any(v.visit_type in PARTIAL_VISIT_TYPES for v in visits) or (
        not visits and bool(_VISIT_WORDS.search(doc.text))
    )
    spans = _article_focus_spans(doc) if partial else _article_focus_said(doc)
    return _focus(doc, visits, list(spans))


def _visit_named(span: str, visits: Sequence[VisitFact]) -> VisitFact | None:
    """The visit a passage is about: in an article reporting several, the one whose council it names."""
    if len(visits) > 1:
        named = {council.gss for council, _, _ in find_all(span)}
        for v in visits:
            if v.gss in named:
                return v
    return visits[0] if visits else None


def _article_focus_spans(doc: Document) -> Iterator[tuple[int, int]]:
    """The headline and the sentences that report the visit."""
    text = doc.text
    first = next(blocks(text), None)
    if first:
        yield (first.start, first.end)
    for s in block_sentences(text):
        sentence = text[s.start : s.end]
        if (
            _VISIT_WORDS.search(sentence)
            or _FOCUS_SAID.search(sentence)
            or _VISIT_FOUND.search(sentence)
            or re.search(r"\b(?:a|the|recent)\s+visit\b", sentence, re.IGNORECASE)
        ):
            yield (s.start, s.end)


def _article_focus_said(doc: Document) -> Iterator[tuple[int, int]]:
    """The sentences of an article that say what an inspection looked at."""
    text = doc.text
    for s in block_sentences(text):
        m = _FOCUS_SAID.search(text, s.start, s.end)
        if m and _REPORTED.search(text, s.start, m.start()):
            yield (m.start(), s.end)


# --- themes discussed -------------------------------------------------------------------------


def polarity(sentence: str) -> str:
    """``weakness`` if a weakness cue is present, else ``strength`` if a strength cue is, else ``neutral``.

    >>> polarity("Assessments are not timely."), polarity("Plans are detailed and effective."), polarity("Plans.")
    ('weakness', 'strength', 'neutral')
    """
    strong, weak = polarity_tests()
    if weak.search(sentence):
        return "weakness"
    if strong.search(sentence):
        return "strength"
    return "neutral"


def run_themes(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    text = doc.text
    by_theme: dict[str, list[tuple[str, Span]]] = {}
    for s in block_sentences(text):
        sentence = text[s.start : s.end]
        if len(sentence) < 25:
            continue
        named = _unique(m.theme for m in theme_matches(sentence))
        said = polarity(sentence) if named else ""  # once a sentence, whatever the themes it names
        for tid in named:
            by_theme.setdefault(tid, []).append((said, s))
    out: list[Assertion] = []
    for tid, found in by_theme.items():
        if len(found) < 2:
            continue  # named once in passing: not discussed
        for pol in ("strength", "weakness", "neutral"):
            spans = [(s.start, s.end) for p, s in found if p == pol][:EVIDENCE_CAP]
            if spans:
                out.append(assertion(doc, ThemeFact(tid, pol), "themes", spans))
    return out


IMPROVES = frozenset({"areas_for_improvement"})
FOCUSES = frozenset({"visits[].focus"})
THEMES = Extractor(
    "themes", frozenset({"inspection_letter", "inspection_report", "news_article"}), frozenset({"themes"}), run_themes
)
run_improvements = by_kind("improvements")
run_focus = by_kind("focus")
