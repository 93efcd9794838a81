"""Extractors and their registry.

``EXTRACTORS`` lists every extractor, in the order they run; a new one enters
here and nowhere else. ``extract(doc)`` runs those that apply to the
document's type.
"""

from __future__ import annotations

from graph.errors import ExtractionError
from graph.extract import (
    authorities,
    doctype,
    judgements,
    people,
    published,
    themes,
    visits,
)
from graph.extract.base import Extractor
from graph.model import Assertion, Document

EXTRACTORS: dict[str, Extractor] = {
    e.name: e
    for e in (
        doctype.EXTRACTOR,
        published.EXTRACTOR,
        authorities.EXTRACTOR,
        visits.EXTRACTOR,
        people.EXTRACTOR,
        judgements.EXTRACTOR,
        themes.IMPROVEMENTS,
        themes.FOCUS,
        themes.THEMES,
    )
}


def extract(doc: Document) -> list[Assertion]:
    """All assertions the registered extractors find in a cleaned, classified document."""
    found: list[Assertion] = []
    for ex in EXTRACTORS.values():
        if doc.doc_type not in ex.applies_to:
            continue
        try:
            found.extend(ex.run(doc, tuple(found)))
        except Exception as e:  # an extractor's bug must name the document and the extractor
            raise ExtractionError(f"{doc.path}: extractor {ex.name!r} failed: {type(e).__name__}: {e}") from e
    return found
