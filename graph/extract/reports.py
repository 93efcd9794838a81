"""Inspection reports: Ofsted's report of a graded inspection of a council's children's services (a title page
with the inspection dates and the lead inspector, a judgement table, the areas for improvement)."""

from __future__ import annotations

from graph.extract import authorities, doctype, judgements, people, published, themes, visits
from graph.extract.base import Extractor
from graph.model import DocumentType

KIND: frozenset[DocumentType] = frozenset({"inspection_report"})

# In the order they run: each sees the assertions of those before it.
EXTRACTORS: tuple[Extractor, ...] = (
    doctype.extractor(KIND, doctype.REPORT_CUE),
    published.extractor(KIND, published.of_report),
    authorities.extractor(KIND, authorities.report_about),
    visits.extractor(KIND, visits.REPORT),
    Extractor(people.NAME, KIND, people.PRODUCES, people.report_people),
    judgements.extractor(KIND, judgements.REPORT),
    Extractor("improvements", KIND, themes.IMPROVES, themes.official_improvements),
    themes.THEMES,
)
