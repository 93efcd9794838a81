"""What an extractor is, and helpers every extractor shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from graph.model import DOCUMENT_KINDS, Assertion, Document, DocumentType, Fact

F = TypeVar("F")
Run = Callable[[Document, Sequence[Assertion]], list[Assertion]]

# Every document kind (``graph.model.DOCUMENT_KINDS``): for an extractor that reads them all alike.
ALL_TYPES: frozenset[DocumentType] = frozenset(DOCUMENT_KINDS)


@dataclass(frozen=True)
class Extractor:
    """A named extraction step.

    ``run(doc, prior)`` gets the cleaned, classified document and the
    assertions of the extractors before it in its kind's list, and returns new
    assertions. ``name`` is the stage, which every assertion it makes carries
    (the extractors of one stage for different kinds share it); ``applies_to``
    names the document kinds it reads; ``produces`` names the record fields
    (see ``graph.model.FACT_FIELDS``) its facts feed.
    """

    name: str
    applies_to: frozenset[DocumentType]
    produces: frozenset[str]
    run: Run


def assertion(doc: Document, fact: Fact, extractor: str, spans: Iterable[tuple[int, int]] = ()) -> Assertion:
    """An assertion with evidence for each ``(start, end)`` span of ``doc.text``."""
    return Assertion(
        source=doc.source,
        fact=fact,
        extractor=extractor,
        evidence=tuple(doc.evidence(s, e) for s, e in spans),
    )


def facts_of(prior: Sequence[Assertion], kind: type[F]) -> list[F]:
    """The facts of one kind among earlier assertions."""
    return [a.fact for a in prior if isinstance(a.fact, kind)]


def by_kind(name: str) -> Run:
    """The extractor ``name`` over a document of any kind: the one the registry runs for its kind (none: no
    assertions). For tests and callers that want one stage of ``extract`` on its own."""

    def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
        from graph.extract import EXTRACTORS  # the registry imports every extractor module

        for ex in EXTRACTORS.get(doc.doc_type, ()):
            if ex.name == name:
                return ex.run(doc, prior)
        return []

    return run
