"""What an extractor is, and helpers every extractor shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from graph.model import Assertion, Document, Fact

F = TypeVar("F")

ALL_TYPES = frozenset({"inspection_letter", "inspection_report", "news_article", "other"})


@dataclass(frozen=True)
class Extractor:
    """A named extraction step.

    ``run(doc, prior)`` gets the cleaned, classified document and the
    assertions of the extractors before it in the registry, and returns new
    assertions. ``applies_to`` names document types; ``produces`` names the
    record fields (see ``graph.model.FACT_FIELDS``) its facts feed.
    """

    name: str
    applies_to: frozenset[str]
    produces: frozenset[str]
    run: Callable[[Document, Sequence[Assertion]], list[Assertion]]


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
