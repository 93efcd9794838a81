"""Extractors and their registry.

Extraction is per document kind: each kind's module (``letters``, ``reports``, ``press``, ``other``) lists
the extractors that read it, in the order they run, built from the stage modules (``published``,
``authorities``, ``visits``, ``people``, ``judgements``, ``themes``) over one text toolkit (``text``).
``EXTRACTORS`` maps each kind to its list: a new kind enters here, in one line, and nowhere else in this
package. ``extract(doc)`` runs the list of the document's kind.
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.errors import ExtractionError
from graph.extract import letters, other, press, reports
from graph.extract.base import Extractor
from graph.model import Assertion, Document, DocumentType

EXTRACTORS: Mapping[DocumentType, tuple[Extractor, ...]] = {
    "inspection_letter": letters.EXTRACTORS,
    "inspection_report": reports.EXTRACTORS,
    "news_article": press.EXTRACTORS,
    "other": other.EXTRACTORS,
}


def extract(doc: Document) -> list[Assertion]:
    """All assertions the extractors of the document's kind find in the cleaned, classified document."""
    found: list[Assertion] = []
    for ex in EXTRACTORS.get(doc.doc_type, ()):
        try:
            found.extend(ex.run(doc, tuple(found)))
        except Exception as e:  # an extractor's bug must name the document and the extractor
            raise ExtractionError(f"{doc.path}: extractor {ex.name!r} failed: {type(e).__name__}: {e}") from e
    return found
