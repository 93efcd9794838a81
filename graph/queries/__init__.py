"""The saved SPARQL queries (``graph/queries/*.rq``) and their catalogue.

Each file starts with comment lines: ``# description: ...`` and one
``# param NAME: ...`` per parameter. A query reads a parameter as
``param:NAME()``; ``graph.store.Store.query`` binds it to the value given,
as a literal, without touching the query text::

    >>> q = load("inspectors-by-council")
    >>> q.parameters
    ('council',)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graph.errors import QueryError

QUERY_DIR = resources.files("graph.queries")  # read from the installed package
_HEADER = re.compile(r"#\s*(description|param\s+([A-Za-z_][A-Za-z0-9_]*))\s*:\s*(.*)")


@dataclass(frozen=True)
class Query:
    name: str
    description: str
    parameters: tuple[str, ...]
    parameter_help: tuple[tuple[str, str], ...]
    text: str
    path: Path


def parse(name: str, text: str, path: Path) -> Query:
    """A saved query from its text: the description and parameters come from the header comments."""
    description = ""
    params: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m and m.group(1) == "description":
            description = m.group(3).strip()
        elif m:
            params.append((m.group(2), m.group(3).strip()))
    if not description:
        raise QueryError(f"{path}: a saved query needs a '# description: ...' line at the top")
    return Query(name, description, tuple(p for p, _ in params), tuple(params), text, path)


def names() -> list[str]:
    return sorted(p.name.removesuffix(".rq") for p in QUERY_DIR.iterdir() if p.name.endswith(".rq"))


def load(name: str) -> Query:
    """The saved query called ``name`` (the file name without ``.rq``)."""
    resource = QUERY_DIR.joinpath(f"{name}.rq")
    if not re.fullmatch(r"[a-z0-9-]+", name) or not resource.is_file():
        raise QueryError(f"no saved query {name!r}; the saved queries are: {', '.join(names())}")
    return parse(name, resource.read_text(encoding="utf-8"), Path("graph", "queries", f"{name}.rq"))


def catalogue() -> list[Query]:
    """Every saved query, by name."""
    return [load(n) for n in names()]
