"""Load the cues that tell an inspection report's framework (``frameworks.json``).

>>> [f.id for f in frameworks().frameworks]
['single_inspection', 'safeguarding_and_looked_after', 'inspection_2026', 'ilacs']
>>> frameworks().kind_for_days(5), frameworks().kind_for_days(12), frameworks().kind_for_days(40)
('short_inspection', 'standard_inspection', None)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from graph.lexicon.themes import LexiconError, fragment


@dataclass(frozen=True)
class Framework:
    id: str
    record_type: str  # a record visit type, or "by_length"
    title: re.Pattern[str] | None  # searched in the opening lines
    requires: tuple[re.Pattern[str], ...]  # each must be in the first pages
    lacks: tuple[re.Pattern[str], ...]  # none may be


@dataclass(frozen=True)
class Frameworks:
    title_chars: int
    body_chars: int
    frameworks: tuple[Framework, ...]
    by_length: tuple[tuple[int, str], ...]  # (max days, record type), shortest first

    def kind_for_days(self, days: int) -> str | None:
        """The record type of an ILACS inspection whose first run of days lasts ``days`` (None: implausible)."""
        return next((t for most, t in self.by_length if 0 < days <= most), None)


def _cues(raw: Any, where: str) -> list[re.Pattern[str]]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(c, str) and c.strip() for c in raw):
        raise LexiconError(f"frameworks.json: {where} must be a list of phrases; fix the data file")
    return [re.compile(fragment(c), re.IGNORECASE) for c in raw]


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_]+", value):
        raise LexiconError(f"frameworks.json: {where} needs '{key}' as a word of letters, digits or _")
    return value


def parse(data: dict[str, Any]) -> Frameworks:
    """Checked, compiled cues; a malformed entry raises ``LexiconError`` naming it."""
    found: list[Framework] = []
    for i, entry in enumerate(data.get("frameworks") or []):
        where = f"frameworks[{i}]"
        if not isinstance(entry, dict):
            raise LexiconError(f"frameworks.json: {where} must be an object")
        titles = _cues(entry.get("title"), f"{where}.title")
        requires = _cues(entry.get("requires"), f"{where}.requires")
        if not titles and not requires:
            raise LexiconError(f"frameworks.json: {where} needs 'title' or 'requires' cues")
        title = re.compile("|".join(p.pattern for p in titles), re.IGNORECASE) if titles else None
        found.append(
            Framework(
                _text(entry, "id", where),
                _text(entry, "record_type", where),
                title,
                tuple(requires),
                tuple(_cues(entry.get("lacks"), f"{where}.lacks")),
            )
        )
    lengths: list[tuple[int, str]] = []
    for i, entry in enumerate(data.get("by_length") or []):
        where = f"by_length[{i}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("max_days"), int):
            raise LexiconError(f"frameworks.json: {where} needs an integer 'max_days'")
        lengths.append((entry["max_days"], _text(entry, "record_type", where)))
    if not found or not lengths:
        raise LexiconError("frameworks.json: needs non-empty 'frameworks' and 'by_length' lists")
    chars = [data.get("title_chars"), data.get("body_chars")]
    if not all(isinstance(c, int) and c > 0 for c in chars):
        raise LexiconError("frameworks.json: 'title_chars' and 'body_chars' must be positive integers")
    return Frameworks(int(chars[0] or 0), int(chars[1] or 0), tuple(found), tuple(sorted(lengths)))


@cache
def frameworks() -> Frameworks:
    """The cues shipped in ``graph/lexicon/frameworks.json``."""
    try:
        data = json.loads(resources.files("graph.lexicon").joinpath("frameworks.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise LexiconError(f"graph/lexicon/frameworks.json: cannot be read ({e}); reinstall the package") from e
    if not isinstance(data, dict):
        raise LexiconError("graph/lexicon/frameworks.json: must hold a JSON object")
    return parse(data)
