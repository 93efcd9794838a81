"""Extractor module 'authorities' (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from graph.extract.base import ALL_TYPES, Extractor
from graph.model import Assertion, Document


def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    return []


EXTRACTOR = Extractor("authorities", ALL_TYPES, frozenset(), run)
