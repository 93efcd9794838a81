"""The document type, as classification decided it."""

from __future__ import annotations

from collections.abc import Sequence

from graph.extract.base import ALL_TYPES, Extractor, assertion
from graph.model import Assertion, Document, DocumentTypeFact


def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    return [assertion(doc, DocumentTypeFact(doc.doc_type), "doctype")]


EXTRACTOR = Extractor("doctype", ALL_TYPES, frozenset({"document_type"}), run)
