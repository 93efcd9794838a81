"""Inspection letters: what Ofsted writes to a council's director after a focused, monitoring or action planning
visit (a date line, the addressee, a heading naming the visit and the council, a salutation, a sign-off)."""

from __future__ import annotations

from graph.extract import authorities, doctype, judgements, people, published, themes, visits
from graph.extract.base import Extractor
from graph.model import DocumentType

KIND: frozenset[DocumentType] = frozenset({"inspection_letter"})

# In the order they run: each sees the assertions of those before it.
EXTRACTORS: tuple[Extractor, ...] = (
    doctype.extractor(KIND, doctype.LETTER_CUE),
    published.extractor(KIND, published.of_letter),
    authorities.extractor(KIND, authorities.letter_about),
    visits.extractor(KIND, visits.LETTER),
    Extractor(people.NAME, KIND, people.PRODUCES, people.letter_people),
    judgements.extractor(KIND, judgements.LETTER),
    Extractor("improvements", KIND, themes.IMPROVES, themes.official_improvements),
    Extractor("focus", KIND, themes.FOCUSES, themes.letter_focus),
    themes.THEMES,
)
