"""The ontology files the package carries, read with ``importlib.resources``.

``graph/ontology/`` holds copies of the repository's ``ontology/*.ttl`` (a test
holds them byte-identical), so an installed wheel has its vocabulary, theme
scheme and shapes without the source tree::

    >>> sorted(FILES)
    ['ofsted.ttl', 'shapes.ttl', 'themes.ttl']
    >>> text("ofsted.ttl").startswith("@prefix ofs:")
    True
"""

from __future__ import annotations

import functools
from importlib import resources

from rdflib import Graph, URIRef

from graph.errors import GraphError

FILES = ("ofsted.ttl", "themes.ttl", "shapes.ttl")


def text(name: str) -> str:
    """The Turtle text of one of the packaged ontology files."""
    if name not in FILES:
        raise GraphError(f"no ontology file {name!r}; the package carries {', '.join(FILES)}")
    resource = resources.files("graph").joinpath("ontology", name)
    if not resource.is_file():
        raise GraphError(f"graph/ontology/{name}: ontology file missing from the installed package; reinstall it")
    return resource.read_text(encoding="utf-8")


@functools.cache
def parsed(name: str) -> Graph:
    """One ontology file, parsed once (do not change it: :func:`ontology` gives a copy to change)."""
    return Graph().parse(data=text(name), format="turtle")


def ontology(name: str = "ofsted.ttl") -> Graph:
    """A fresh copy of one of the ontology files (``ofsted.ttl``, ``themes.ttl``, ``shapes.ttl``)."""
    copy = Graph()
    for triple in parsed(name):
        copy.add(triple)
    return copy


@functools.cache
def inverse_paths() -> tuple[str, ...]:
    """The predicates the project's shapes follow backwards (``sh:inversePath``), sorted: what a check of some
    nodes reads of the statements reaching them (``graph.incremental.shacl_context``), known without importing
    the checker (``graph.validate``)."""
    inverse = URIRef("http://www.w3.org/ns/shacl#inversePath")
    return tuple(sorted(str(p) for p in parsed("shapes.ttl").objects(None, inverse) if isinstance(p, URIRef)))
