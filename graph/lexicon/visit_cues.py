"""Load the press's wording of visits (``visits.json``): more cues for a kind of visit, and the words that mark
a visit as an earlier one recalled in passing.

    >>> bool(re.fullmatch(visit_cues().type_cues["focused_visit"], "focused\\ninspection"))
    True
    >>> bool(visit_cues().count_before.search("had seven "))
    True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from graph.lexicon.themes import LexiconError
from graph.model import VISIT_KINDS

KINDS = frozenset(VISIT_KINDS)


@dataclass(frozen=True)
class VisitCues:
    kind_patterns: tuple[tuple[str, re.Pattern[str]], ...]  # (kind, what names it), most specific first
    max_days: dict[str, int]  # kind -> the longest a visit of that kind plausibly lasts
    type_cues: dict[str, str]  # kind -> regex alternation of its extra cues
    count_before: re.Pattern[str]  # a count word that ends the text before a plural cue
    relative_after: re.Pattern[str]  # a relative date that starts the text after a cue
    noun_after: str  # regex alternation of words allowed between a cue and its date


def _words(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(x, str) and x.strip() for x in value):
        raise LexiconError(f"visits.json: '{key}' must be a non-empty list of phrases; fix the data file")
    return value


def _phrase(p: str) -> str:
    return r"[ \t\n]+".join(w if w == r"\d+" else re.escape(w) for w in p.split())


def parse(data: dict[str, Any]) -> VisitCues:
    """Checked, compiled cues; an unknown kind or a malformed list raises ``LexiconError``."""
    patterns = data.get("kind_patterns")
    if not isinstance(patterns, dict) or not patterns:
        raise LexiconError("visits.json: 'kind_patterns' must map kinds of visit to a regular expression each")
    kind_patterns: list[tuple[str, re.Pattern[str]]] = []
    for kind, pattern in patterns.items():
        if kind not in KINDS:
            raise LexiconError(f"visits.json: unknown kind of visit '{kind}'; use one of {sorted(KINDS)}")
        if not isinstance(pattern, str) or not pattern.strip():
            raise LexiconError(f"visits.json: the pattern of '{kind}' must be a regular expression")
        try:
            kind_patterns.append((kind, re.compile(pattern, re.IGNORECASE)))
        except re.error as e:
            raise LexiconError(f"visits.json: the pattern of '{kind}' is not a regular expression ({e})") from e
    days = data.get("max_days")
    if not isinstance(days, dict) or set(days) != KINDS or not all(isinstance(n, int) and n > 0 for n in days.values()):
        raise LexiconError(f"visits.json: 'max_days' must give every kind of visit {sorted(KINDS)} a number of days")
    cues = data.get("type_cues")
    if not isinstance(cues, dict) or not cues:
        raise LexiconError("visits.json: 'type_cues' must map kinds of visit to lists of phrases")
    compiled: dict[str, str] = {}
    for kind in cues:
        if kind not in KINDS:
            raise LexiconError(f"visits.json: unknown kind of visit '{kind}'; use one of {sorted(KINDS)}")
        compiled[kind] = r"\b(?:" + "|".join(_phrase(p) for p in _words(cues, kind)) + r")\b"
    counts = "|".join(_phrase(p) for p in _words(data, "count_words"))
    relative = "|".join(_phrase(p) for p in _words(data, "relative_after"))
    return VisitCues(
        kind_patterns=tuple(kind_patterns),
        max_days=dict(days),
        type_cues=compiled,
        count_before=re.compile(rf"\b(?:{counts})[ \t\n]+$", re.IGNORECASE),
        relative_after=re.compile(rf"^[ \t\n]+(?:in[ \t\n]+)?(?:{relative})\b", re.IGNORECASE),
        noun_after="|".join(_phrase(p) for p in _words(data, "noun_after")),
    )


@cache
def visit_cues() -> VisitCues:
    """The cues shipped in ``graph/lexicon/visits.json``."""
    try:
        data = json.loads(resources.files("graph.lexicon").joinpath("visits.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise LexiconError(f"graph/lexicon/visits.json: cannot be read ({e}); reinstall the package") from e
    if not isinstance(data, dict):
        raise LexiconError("graph/lexicon/visits.json: must hold a JSON object")
    return parse(data)
