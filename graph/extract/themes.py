"""Extractor module 'themes' (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from graph.extract.base import ALL_TYPES, Extractor
from graph.model import Assertion, Document


def run(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    return []


IMPROVEMENTS = Extractor("improvements", ALL_TYPES, frozenset(), run)
FOCUS = Extractor("focus", ALL_TYPES, frozenset(), run)
THEMES = Extractor("themes", ALL_TYPES, frozenset(), run)
