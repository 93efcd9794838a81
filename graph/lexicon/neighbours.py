"""Each council's statistical neighbours, as data: the councils the DfE compares it with.

``neighbours.csv`` holds one council a row: its GSS code and its neighbours'
GSS codes, closest first, separated by spaces. It was made from the
data-to-insight LA lookup's ``stat_neighbours`` column (three-digit LA codes,
mapped to the current GSS codes of the same lookup, so that Barnsley and
Sheffield keep their 2021 codes)::

    >>> neighbours("E06000005")[:3]
    ('E08000037', 'E06000004', 'E08000027')
    >>> neighbours("E99999999")
    ()
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


@cache
def table() -> dict[str, tuple[str, ...]]:
    """Every council's neighbours by GSS code, read once."""
    text = resources.files("graph.lexicon").joinpath("neighbours.csv").read_text(encoding="utf-8")
    return {row["gss"]: tuple(row["neighbours"].split()) for row in csv.DictReader(io.StringIO(text))}


def neighbours(gss: str) -> tuple[str, ...]:
    """The statistical neighbours of the council with this GSS code, closest first (none if unknown)."""
    return table().get(gss, ())
