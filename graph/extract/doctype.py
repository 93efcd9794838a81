"""The document type, as classification decided it, with the text that shows it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.extract.base import ALL_TYPES, Extractor, assertion
from graph.model import Assertion, Document, DocumentTypeFact

# The line that best shows each type; the document's first sentence when none is found.
_CUES = {
    "inspection_letter": re.compile(
        r"^.*\b(?:This letter summarises|(?:Focused|Monitoring|Action planning) visit to)\b.*$", re.M | re.I
    ),
    "inspection_report": re.compile(
        r"^.*\b(?:Inspection of .{0,60}children.s services|Inspection dates?|Lead inspector)\b.*$", re.M | re.I
    ),
}


def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    cue = _CUES.get(doc.doc_type)
    m = cue.search(doc.text) if cue else None
    if m:
        span = (m.start(), m.end())
    elif doc.sentences:
        span = doc.sentences[0]
    else:
        span = (0, 0)
    return [assertion(doc, DocumentTypeFact(doc.doc_type), "doctype", [span] if span[1] > span[0] else [])]


EXTRACTOR = Extractor("doctype", ALL_TYPES, frozenset({"document_type"}), run)
