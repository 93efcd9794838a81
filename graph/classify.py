"""Document type: inspection_letter, inspection_report, news_article or other."""

from __future__ import annotations

import re

from graph.model import Document

_LETTER = re.compile(r"\b(Dear\s+\w+|Yours sincerely|This letter summarises)", re.I)
_REPORT = re.compile(
    r"\b(inspection of (the )?local authority children'?s services|Lead inspector|Inspection dates?:)", re.I
)
_OFSTED = re.compile(r"\bOfsted\b")


def classify(doc: Document) -> str:
    """The document type of a cleaned document."""
    head = doc.text[:4000]
    if _LETTER.search(doc.text) and re.search(r"\b(visit|inspection)\b", head, re.I):
        return "inspection_letter"
    if _REPORT.search(head):
        return "inspection_report"
    if _OFSTED.search(doc.text):
        return "news_article"
    return "other"


def with_type(doc: Document) -> Document:
    return doc.with_(doc_type=classify(doc))
