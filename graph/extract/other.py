"""Other documents (a web page or text that is none of the kinds above): read as a page is, for its date, the
councils it is about, a visit it reports and the officials it names; no grades or themes are read from it."""

from __future__ import annotations

from graph.extract import authorities, doctype, people, published, visits
from graph.extract.base import Extractor
from graph.model import DocumentType

KIND: frozenset[DocumentType] = frozenset({"other"})

# In the order they run: each sees the assertions of those before it.
EXTRACTORS: tuple[Extractor, ...] = (
    doctype.extractor(KIND),
    published.extractor(KIND, published.article_date),
    authorities.extractor(KIND, authorities.article_about),
    visits.extractor(KIND, visits.ARTICLE),
    Extractor(people.NAME, KIND, people.PRODUCES, people.article_people),
)
