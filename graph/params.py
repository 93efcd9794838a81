"""The names of query parameters, checked alike for the local store and a remote endpoint.

A saved query reads a parameter NAME as ``param:NAME()``; a name given must be one the
query reads, spelled with letters, digits and ``_``::

    >>> check_names({"council": "Leeds"}, ("council",))
    >>> check_names({"counsil": "Leeds"}, ("council",))
    Traceback (most recent call last):
    graph.errors.QueryError: the query has no parameter 'counsil'; it takes: council
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from graph.errors import QueryError

PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_names(given: Iterable[str], used: Sequence[str]) -> None:
    """Raise ``QueryError`` for a parameter name that is malformed or that the query does not read."""
    for name in given:
        if not PARAM_NAME.fullmatch(name):
            raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
        if name not in used:
            takes = ", ".join(used) if used else "no parameters"
            raise QueryError(f"the query has no parameter {name!r}; it takes: {takes}")
