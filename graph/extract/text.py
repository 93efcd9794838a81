"""The text toolkit every extractor reads with: lines, paragraphs and list items, the sentences of a paragraph,
month names, honorifics, the end of an article's own text, and the councils a passage names.

Offsets are always into ``doc.text`` (the cleaned text), so a span found here is evidence as it stands::

    >>> text = "Areas for improvement\\n\\n• Supervision is not regular. Plans are vague.\\n• Caseloads."
    >>> [text[s.start : s.end] for b in blocks(text) for s in sentences(text, b)]
    ['Areas for improvement', 'Supervision is not regular.', 'Plans are vague.', 'Caseloads.']
    >>> [text[s:e] for s, e in lines(text, 0, 30)]
    ['Areas for improvement', '', '• Super']
    >>> bool(re.fullmatch(MONTH, "Sept.")), month_number("sep"), month_number("Sept"), month_number("Ju")
    (True, 9, 9, None)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from graph.lexicon.furniture import furniture
from graph.lexicon.gazetteer import Council, gazetteer
from graph.lexicon.themes import IGNORECASE_EXTRA
from graph.model import Document

# --- spans, lines, paragraphs and sentences ----------------------------------------------------


@dataclass(frozen=True)
class Span:
    """``text[start:end]`` of the document's cleaned text."""

    start: int
    end: int


BULLETS = "•◼●▪■□➢►\u2212\u25aa\uf000-\uf0ff"  # a character class: PDF symbol fonts put bullets in U+F0xx
BULLET = re.compile(f"[{BULLETS}]")
# A list item's start: a bullet, a dash or a number ("1.").
ITEM_START = re.compile(rf"^[ \t]*(?:[{BULLETS}*\-–]|\d{{1,3}}\.)[ \t]+", re.MULTILINE)
_BLANK_OR_ITEM = rf"\n[ \t]*\n\s*|\n[ \t]*(?=[{BULLETS}*\-–]\s)"
_INLINE_BULLET = rf"(?<=\S)[ \t]*(?=[{BULLETS}]\s)"
_NUMBERED = r"\n[ \t]*(?=\d{1,3}\.\s+[A-Z])"
_BLOCK_BREAK = re.compile(f"{_BLANK_OR_ITEM}|{_INLINE_BULLET}|{_NUMBERED}")
# The same for a text without a bullet glyph, where the inline bullet cannot match: the search, which would
# otherwise try it at every character, then only tries where a line breaks.
_BLOCK_BREAK_PLAIN = re.compile(f"{_BLANK_OR_ITEM}|{_NUMBERED}")
# Within a paragraph or list item: a sentence ends at . ! ? (and any closing quote or bracket) before a capital,
# a digit or a bullet. ``clean``'s sentences (``doc.sentences``, the evidence sentences) are the text's as a
# whole; these are cut within one block, so that a list item or a heading is never part of the next sentence.
_SENTENCE_BREAK = re.compile(rf"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9{BULLETS}])")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "e.g.", "i.e.", "No.", "etc.", "cf.")


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Every line of ``text[start:end]`` (empty ones too), as ``(start, end)`` offsets into ``text``; a line
    that ``end`` cuts ends there."""
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def filled_lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The lines of ``text[start:end]`` that hold anything, even only white space."""
    return [(s, e) for s, e in lines(text, start, end) if e > s]


def trimmed_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of ``text[start:end]`` with Markdown emphasis and white space trimmed (and a trailing comma),
    empty ones left out: an address block's lines."""
    out: list[tuple[int, int]] = []
    for s, e in filled_lines(text, start, end):
        while s < e and text[s] in " \t*_#":
            s += 1
        while e > s and text[e - 1] in " \t*_#,":
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def blocks(text: str) -> Iterator[Span]:
    """Paragraphs and list items of ``text`` (split at blank lines and bullets), white space trimmed."""
    return iter(_blocks(text))


@lru_cache(maxsize=4)
def _blocks(text: str) -> tuple[Span, ...]:
    """``blocks(text)``, kept for the last few texts: several extractors read the same document's blocks."""
    out: list[Span] = []
    start = 0
    for m in (_BLOCK_BREAK if BULLET.search(text) else _BLOCK_BREAK_PLAIN).finditer(text):
        out.extend(_trimmed(text, start, m.start()))
        start = m.end()
    out.extend(_trimmed(text, start, len(text)))
    return tuple(out)


def sentences(text: str, block: Span) -> Iterator[Span]:
    """The sentences of one block."""
    start = block.start
    for m in _SENTENCE_BREAK.finditer(text, block.start, block.end):
        if text[start : m.start()].endswith(_ABBREVIATIONS):
            continue
        yield from _trimmed(text, start, m.start())
        start = m.end()
    yield from _trimmed(text, start, block.end)


def block_sentences(text: str) -> Iterator[Span]:
    """The sentences of every block of ``text``, in order."""
    return (s for _, found in paragraphs(text) for s in found)


@lru_cache(maxsize=4)
def paragraphs(text: str) -> tuple[tuple[Span, tuple[Span, ...]], ...]:
    """Every block of ``text`` with its sentences (``blocks`` and ``sentences``), kept for the last few texts."""
    return tuple((block, tuple(sentences(text, block))) for block in _blocks(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and (text[start].isspace() or BULLET.match(text[start])):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield Span(start, end)


# --- words as ``re.IGNORECASE`` reads them ------------------------------------------------------


def caseless(word: str) -> str:
    """A pattern matching ``word`` (ASCII letters and digits) as ``re.IGNORECASE`` would, without the flag.

    A pattern that starts with a character class and no flag lets the regex engine skip ahead to where its first
    letter stands instead of trying every position; the cheap search this makes finds whether a costly pattern can
    match at all.

    >>> caseless("Visit"), bool(re.fullmatch(caseless("kiss"), "\u212aI\u017fS"))
    ('[Vv][Ii\u0130\u0131][Ss\u017f][Ii\u0130\u0131][Tt]', True)
    """
    if not word.isascii():  # another letter's other forms are not spelt out here
        raise ValueError(f"caseless() takes ASCII words, not {word!r}")
    return "".join(f"[{_forms(c)}]" if c.isalpha() else re.escape(c) for c in word)


def _forms(letter: str) -> str:
    """The characters ``re.IGNORECASE`` matches with an ASCII letter."""
    return f"{letter.upper()}{letter.lower()}{IGNORECASE_EXTRA.get(letter.lower(), '')}"


def caseless_any(words: list[str]) -> str:
    """A pattern matching any of ``words`` as ``re.IGNORECASE`` would, each alternative starting with one plain
    character, so the regex engine skips ahead to where one of their first letters stands.

    >>> pattern = re.compile(caseless_any(["good", "ok"]))
    >>> [m.group() for m in pattern.finditer("Good, GOOD, oK, \u212aO")]
    ['Good', 'GOOD', 'oK']
    """
    alternatives = []
    for word in sorted(set(words)):
        if not word.isascii():  # another letter's other forms are not spelt out here
            raise ValueError(f"caseless_any() takes ASCII words, not {word!r}")
        first = word[0]
        variants = _forms(first) if first.isalpha() else first
        alternatives += [re.escape(c) + caseless(word[1:]) for c in dict.fromkeys(variants)]
    return "(?:" + "|".join(alternatives) + ")"


# --- matches within lines ---------------------------------------------------------------------


def line_matches(
    pattern: re.Pattern[str], needs: tuple[re.Pattern[str], ...], text: str, end: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, 0, end)`` for a pattern that matches within one line and only on a line where
    each of ``needs`` matches: each such line is searched (with the line break after it, which lookaheads see).

    >>> text = "Jo Bloggs said.\\nno one\\nAnn Lee said\\nsaid Ann"
    >>> needs = (re.compile("said"), re.compile("[A-Z][a-z]+ [A-Z]"))
    >>> [m.group() for m in line_matches(re.compile("[A-Z][a-z]+ [A-Z][a-z]+ said"), needs, text, len(text))]
    ['Jo Bloggs said', 'Ann Lee said']
    """
    if not needs:
        yield from pattern.finditer(text, 0, end)
        return
    first, *others = needs
    for start, stop in lines_holding(first, text, end):
        if all(other.search(text, start, stop) for other in others):
            yield from pattern.finditer(text, start, stop)


@lru_cache(maxsize=8)
def lines_holding(need: re.Pattern[str], text: str, end: int) -> tuple[tuple[int, int], ...]:
    """The lines of ``text[:end]`` where ``need`` matches, each with the line break after it, in order (kept for
    the last few: several patterns share a need)."""
    out: list[tuple[int, int]] = []
    searched = 0  # where the lines not yet searched start
    for n in need.finditer(text, 0, end):
        if n.start() < searched:
            continue
        start = text.rfind("\n", 0, n.start()) + 1
        stop = text.find("\n", n.start())
        stop = end if stop < 0 else min(stop + 1, end)
        out.append((start, stop))
        searched = stop
    return tuple(out)


# --- months -------------------------------------------------------------------------------------

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SHORT = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
# A month's name in full: "(?:January|…|December)".
MONTH_NAME = rf"(?:{'|'.join(MONTHS)})"
# A month's name in full or short ("Sept", "Oct."): match it case-insensitively.
MONTH_WORD = rf"(?:{'|'.join(MONTHS + _SHORT)})"
MONTH = rf"{MONTH_WORD}\.?"
_NUMBERS = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | {m[:3].lower(): i for i, m in enumerate(MONTHS, 1)}
_NUMBERS["sept"] = 9


def month_number(name: str) -> int | None:
    """1 to 12 for a month's name in full or short, any case, a full stop after it allowed; else None."""
    return _NUMBERS.get(name.rstrip(".").lower())


# --- people's titles ----------------------------------------------------------------------------


# The titles a person's name may follow, in the order they are tried; each with or without a full stop.
HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Professor", "Prof", "Lord", "Lady", "Baroness")
HONORIFIC = rf"(?:{'|'.join(HONORIFICS)})\.?"


# --- an article's own text ----------------------------------------------------------------------

# Prose after an inline promotion: within three short lines, a paragraph of sentences.
_PROSE_AFTER = re.compile(
    r"[^\n]*\n(?:[ \t]*\n|[^\n]{0,80}\n){0,4}[ \t]*[A-Z“\"‘'][^\n]{150,}[.!?”\"’']?[ \t]*(?:\n|$)"
)


def article_body_end(doc: Document) -> int:
    """Where an article's own text ends (the first sidebar, teaser list or comments marker; the page furniture
    of ``furniture.json``)."""
    cues = furniture()
    start = min(len(doc.text), 200)
    ends = [m.start() for m in cues.article_end.finditer(doc.text, start)][:1]
    for m in cues.inline_promo.finditer(doc.text, start):
        if not _PROSE_AFTER.match(doc.text, m.end()):
            ends.append(m.start())  # a promotion the article does not go on after: its furniture starts here
            break
    return min(ends, default=len(doc.text))


def whole_text(doc: Document) -> int:
    """Where a letter's or report's own text ends: at its end."""
    return len(doc.text)


# --- councils named -----------------------------------------------------------------------------


def first_council(text: str, start: int = 0, end: int | None = None) -> tuple[Council, int, int] | None:
    """The first council ``text[start:end]`` names (the gazetteer's reading), with its span in ``text``."""
    found = gazetteer().find_all(text[start:end])
    if not found:
        return None
    c, s, e = found[0]
    return c, start + s, start + e
