"""Cleaning: raw text -> cleaned text with sentence spans.

``clean(doc)`` fills ``doc.text`` and ``doc.sentences``; every offset later in
the pipeline points into ``doc.text``.
"""

from __future__ import annotations

import re

from graph.model import Document

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9•\-])|\n\s*\n+|\n(?=\s*[-•*]\s)")
_ABBREVIATIONS = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "e.g.", "i.e.", "No.", "etc.")


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans ``(start, end)`` of ``text``, whitespace trimmed.

    >>> t = "Dear Ann. The visit was on 1 May 2020.\\n\\nOverview"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Dear Ann.', 'The visit was on 1 May 2020.', 'Overview']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[start : m.start()].endswith(_ABBREVIATIONS):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def clean_text(raw: str) -> str:
    """Normalise line ends and spaces; keep paragraphs."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def clean(doc: Document) -> Document:
    text = clean_text(doc.raw)
    return doc.with_(text=text, sentences=split_sentences(text))
