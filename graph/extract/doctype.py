"""The document type, as classification decided it, with the text that shows it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.extract.base import Extractor, assertion
from graph.model import Assertion, Document, DocumentType, DocumentTypeFact

NAME = "doctype"
# The line that best shows a letter or a report; the document's first sentence where there is none.
LETTER_CUE = re.compile(
    r"^.*\b(?:This letter summarises|(?:Focused|Monitoring|Action planning) visit to)\b.*$", re.M | re.I
)
REPORT_CUE = re.compile(
    r"^.*\b(?:Inspection of .{0,60}children.s services|Inspection dates?|Lead inspector)\b.*$", re.M | re.I
)


def extractor(applies_to: frozenset[DocumentType], cue: re.Pattern[str] | None = None) -> Extractor:
    """The extractor of the document's type, as classification decided it, shown by the first line ``cue``
    finds (else the first sentence)."""

    def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
        m = cue.search(doc.text) if cue else None
        if m:
            span = (m.start(), m.end())
        elif doc.sentences:
            span = doc.sentences[0]
        else:
            span = (0, 0)
        return [assertion(doc, DocumentTypeFact(doc.doc_type), NAME, [span] if span[1] > span[0] else [])]

    return Extractor(NAME, applies_to, frozenset({"document_type"}), run)
