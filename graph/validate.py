"""SHACL validation against the packaged ``ontology/shapes.ttl``, returning data rather than exiting.

Only ``sh:Violation`` results make a graph non-conforming; ``sh:Warning``
results (implausible values) are counted and reported. A dataset is
validated as the union of its graphs, since a node described in several
documents' graphs (a visit a letter and a report both report on) must be
checked with everything said about it.

pySHACL does the checking. Two things make it slow on a big graph and are
avoided here without changing a single result: rdflib's namespace manager
files every namespace it ever shortens in a trie (quadratic in the number of
distinct IRI "folders", and pySHACL shortens the IRI of every node it checks),
and rdflib parses a SPARQL constraint's text again for every focus node.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.namespace import NamespaceManager, split_uri
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from graph.errors import ValidationError
from graph.rdf.ontology_files import parsed
from graph.rdf.vocab import PREFIXES, SH


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: int
    warnings: int
    report_graph: Graph
    report_text: str


class _Names(NamespaceManager):
    """rdflib's namespace manager, writing the same names without filing every namespace in its trie."""

    def normalizeUri(self, rdfTerm: str) -> str:  # noqa: N802, N803 (rdflib's names)
        try:
            namespace, _ = split_uri(rdfTerm)
        except ValueError:
            return f"?{rdfTerm}" if isinstance(rdfTerm, Variable) else f"<{rdfTerm}>"
        if self.store.prefix(URIRef(namespace)) is None:
            return f"?{rdfTerm}" if isinstance(rdfTerm, Variable) else f"<{rdfTerm}>"
        prefix, _, name = self.compute_qname(rdfTerm)
        return f"{prefix}:{name}"


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> Query:
    return translateQuery(parseQuery(text))


class DataGraph(Graph):
    """An in-memory graph for pySHACL: each SPARQL text is parsed once, names are shortened cheaply."""

    def __init__(self) -> None:
        super().__init__()
        self.namespace_manager = _Names(self)
        for prefix, ns in PREFIXES.items():
            self.bind(prefix, ns, replace=True)

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _parsed(query_object)
        return super().query(query_object, *args, **kwargs)


def data_graph(triples: Iterable[tuple[Node, Node, Node]]) -> DataGraph:
    """A graph to validate, holding ``triples`` (duplicates collapse, as in any graph)."""
    g = DataGraph()
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


def _triples(data: Graph | Dataset) -> Iterable[tuple[Node, Node, Node]]:
    if isinstance(data, Dataset):
        return ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    return iter(data)


@functools.cache
def _default_shapes() -> Graph:
    return parsed("shapes.ttl")


def _parse_shapes(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ValidationError(f"{path}: cannot read the SHACL shapes: {e}") from e


def load_shapes(shapes: Graph | str | Path | None = None) -> Graph:
    """The shapes graph: the project's shapes by default (parsed once), or a graph or Turtle file given."""
    if isinstance(shapes, Graph):
        return shapes
    return _default_shapes() if shapes is None else _parse_shapes(Path(shapes))


def validate(
    data: Graph | Dataset, shapes: Graph | str | Path | None = None, *, focus: Sequence[URIRef] | None = None
) -> ValidationResult:
    """Check ``data`` against the shapes: violations make it non-conforming, warnings are counted.

    With ``focus``, only those nodes are checked (each against the shapes that target it in
    ``data``); the rest of ``data`` is what they need to be checked with.
    """
    shapes_graph = load_shapes(shapes)
    graph = data if isinstance(data, DataGraph) else data_graph(_triples(data))
    if focus is not None and not focus:
        return ValidationResult(True, 0, 0, Graph(), "Conforms: True (no node to check)\n")
    try:
        _, report, text = shacl_validate(
            graph,
            shacl_graph=shapes_graph,
            inference="none",
            allow_warnings=True,
            advanced=False,
            focus_nodes=list(focus) if focus is not None else None,
        )
    except Exception as e:  # pyshacl signals bad shapes with several exception types
        raise ValidationError(f"SHACL validation could not run: {type(e).__name__}: {e}") from e
    assert isinstance(report, Graph)
    severities = list(report.objects(None, SH.resultSeverity))
    violations = sum(1 for s in severities if s == SH.Violation)
    warnings = sum(1 for s in severities if s == SH.Warning)
    return ValidationResult(violations == 0, violations, warnings, report, str(text))


def inverse_predicates(shapes: Graph | str | Path | None = None) -> list[str]:
    """The predicates the shapes follow backwards (``sh:inversePath``), sorted."""
    g = load_shapes(shapes)
    return sorted(str(p) for p in g.objects(None, SH.inversePath) if isinstance(p, URIRef))
