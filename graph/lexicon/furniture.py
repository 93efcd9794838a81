"""Load the page-furniture cues of news pages (``furniture.json``).

>>> bool(furniture().article_end.match("Related stories"))
True
>>> bool(furniture().inline_promo.match("Sign up to our daily newsletter"))
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


@dataclass(frozen=True)
class Furniture:
    article_end: re.Pattern[str]  # a line that ends an article's own text
    inline_promo: re.Pattern[str]  # a promotion line inside an article


def _line_start(data: dict[str, Any], key: str, extra: str = "") -> re.Pattern[str]:
    cues = data.get(key)
    if not isinstance(cues, list) or not cues or not all(isinstance(c, str) and c.strip() for c in cues):
        raise LexiconError(f"furniture.json: '{key}' must be a non-empty list of cues; fix the data file")
    body = "|".join(re.escape(c) + (r"\b" if c[-1].isalnum() else "") for c in sorted(set(cues), key=lambda c: -len(c)))
    return re.compile(rf"^[ \t#*]*(?:{body}{extra})", re.IGNORECASE | re.MULTILINE)


def parse(data: dict[str, Any]) -> Furniture:
    """Checked, compiled cues; a missing or malformed list raises ``LexiconError``."""
    return Furniture(
        article_end=_line_start(data, "article_end", r"|\d+ Comments?\b"),
        inline_promo=_line_start(data, "inline_promo"),
    )


@cache
def furniture() -> Furniture:
    """The cues shipped in ``graph/lexicon/furniture.json``."""
    try:
        data = json.loads(resources.files("graph.lexicon").joinpath("furniture.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise LexiconError(f"graph/lexicon/furniture.json: cannot be read ({e}); reinstall the package") from e
    if not isinstance(data, dict):
        raise LexiconError("graph/lexicon/furniture.json: must hold a JSON object")
    return parse(data)
