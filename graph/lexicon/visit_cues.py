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

KINDS = frozenset(
    {
        "focused_visit",
        "monitoring_visit",
        "standard_inspection",
        "short_inspection",
        "joint_targeted_area_inspection",
        "action_planning_visit",
        "inspection",
    }
)


@dataclass(frozen=True)
class VisitCues:
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
