"""The extraction record of gold/SCHEMA.md, as a view of a document's assertions.

``record_from_assertions`` builds it straight from what the extractors found;
the graph-side view (the same record by SPARQL over the store) lives in
``graph.rdf.records``, and a test holds the two equal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.model import (
    Assertion,
    AuthorityFact,
    Document,
    DocumentTypeFact,
    FocusFact,
    ImprovementFact,
    InspectorFact,
    JudgementFact,
    PersonFact,
    PublishedFact,
    QualityFlag,
    ThemeFact,
    VisitFact,
)

Record = dict[str, Any]


def _unique(items: Iterable[Any]) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def record_from_assertions(doc: Document, assertions: Iterable[Assertion]) -> Record:
    """One SCHEMA.md record for ``doc`` from its assertions (others are ignored)."""
    facts = [a.fact for a in assertions if a.source == doc.source]
    doc_type = next((f.value for f in facts if isinstance(f, DocumentTypeFact)), doc.doc_type)
    published = next((f.date.isoformat() for f in facts if isinstance(f, PublishedFact)), None)
    visits: list[Record] = []
    for v in sorted((f for f in facts if isinstance(f, VisitFact)), key=lambda f: f.visit):
        visits.append(
            {
                "authority": v.authority,
                "visit_type": v.visit_type,
                "start_date": v.start_date.isoformat() if v.start_date else None,
                "end_date": v.end_date.isoformat() if v.end_date else None,
                "inspectors": _unique(f.name for f in facts if isinstance(f, InspectorFact) and f.visit == v.visit),
                "focus": _unique(f.theme for f in facts if isinstance(f, FocusFact) and f.visit == v.visit),
            }
        )
    return {
        "source": doc.source,
        "document_type": doc_type,
        "published": published,
        "authorities": _unique(f.name for f in facts if isinstance(f, AuthorityFact)),
        "visits": visits,
        "judgements": _unique(
            {"authority": f.authority, "area": f.area, "grade": f.grade, "year": f.year}
            for f in facts
            if isinstance(f, JudgementFact)
        ),
        "people": _unique(
            {"name": f.name, "role": f.role, "organisation": f.organisation} for f in facts if isinstance(f, PersonFact)
        ),
        "areas_for_improvement": _unique(f.theme for f in facts if isinstance(f, ImprovementFact)),
        "themes": _unique(f.theme for f in facts if isinstance(f, ThemeFact)),
        "quality_flags": _unique(f.message for f in facts if isinstance(f, QualityFlag)),
    }
