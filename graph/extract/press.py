"""News articles: the press reporting an inspection (a headline, a dateline, the story, quotes from officials;
the page's furniture after the story is not the story). The press's wording of grades is ``press_grades.py``."""

from __future__ import annotations

from graph.extract import authorities, doctype, judgements, people, published, text, themes, visits
from graph.extract.base import Extractor
from graph.model import DocumentType

KIND: frozenset[DocumentType] = frozenset({"news_article"})

# In the order they run: each sees the assertions of those before it.
EXTRACTORS: tuple[Extractor, ...] = (
    doctype.extractor(KIND),
    published.extractor(KIND, published.article_date),
    authorities.extractor(KIND, authorities.article_about, text.article_body_end),
    visits.extractor(KIND, visits.ARTICLE),
    Extractor(people.NAME, KIND, people.PRODUCES, people.article_people),
    judgements.extractor(KIND, judgements.ARTICLE),
    Extractor("improvements", KIND, themes.IMPROVES, themes.article_improvements),
    Extractor("focus", KIND, themes.FOCUSES, themes.article_focus),
    themes.THEMES,
)
